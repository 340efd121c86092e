// GET /api/v1/staff?unit=CODE: the population staff assignments
// (core/staff.h: collaborators, commune officers, district and province
// staff) to the units of a subtree that the caller may see, by staff id
// then start; paged like the other lists, or the whole list with
// ?format=csv|xlsx.
#include "app/register_reads.h"
#include "http/api.h"

namespace danso::http {

nlohmann::ordered_json staff_json(const StaffAssignment& s) {
  return {{"staff_id", s.id.value},
          {"name", s.name},
          {"sex", kSexes.code(s.sex)},
          {"role", kStaffRoles.code(s.role)},
          {"unit", s.unit_code},
          {"duties", format_duties(s.duties)},
          {"start", s.start.iso()},
          {"end", s.end ? nlohmann::ordered_json(s.end->iso()) : nlohmann::ordered_json(nullptr)}};
}

void add_staff_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/staff",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto units = units_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"), false);
           return list_answer<StaffAssignment>(rq, "staff", staff_json,
                                               [&](const ListWindow& w, std::vector<StaffAssignment>& rows) {
                                                 return staff_page(ctx.db, units, w.offset, w.limit, rows);
                                               });
         },
         "staff assignments to the units of a subtree (?unit=CODE, the caller's unit by default), by staff id then "
         "start; ?page, ?per_page, ?format=csv|xlsx",
         {"page", "per_page", "format", "lang"}});
}

}  // namespace danso::http

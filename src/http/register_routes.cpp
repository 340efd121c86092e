// The village register (sổ A0): GET /api/v1/households, /households/{id},
// /persons, /persons/{id}. The router has checked the permission, that
// ?unit= and {id} are in the caller's scope; lists cover the villages of the
// unit (the caller's by default) that the caller may see; a person is
// where they live today (app/register_scope.h).
#include "core/text.h"
#include "app/register_reads.h"
#include "http/api.h"

namespace danso::http {

namespace {

// A person as the lists show them: with the village and household they live
// in today (or lived in last), the place they are listed under.
nlohmann::ordered_json placed_person_json(const PlacedPerson& p) {
  auto out = person_json(p.person);
  out["village"] = p.village_code;
  out["lives_in_household_id"] = p.household.value;
  return out;
}

}  // namespace

void add_register_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/households",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto villages = villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"));
           return list_answer<Household>(rq, "households", household_json,
                                         [&](const ListWindow& w, std::vector<Household>& rows) {
                                           return households_page(ctx.db, villages, w.offset, w.limit, rows);
                                         });
         },
         "households of a unit's villages (?unit=CODE, the caller's unit by default), by id; ?page, ?per_page, "
         "?format=csv|xlsx for the whole list",
         {"page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/households/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kHousehold, "id"),
         [&ctx](const RouteRequest& rq) {
           const auto h = household_with_members(ctx.db, HouseholdId(path_id(rq)));
           if (!h) return not_found(rq.http);
           auto out = household_json(h->household);
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const auto& p : h->members) list.push_back(person_json(p));
           out["members"] = list;
           return json_response(rq.http, bhttp::status::ok, {{"household", out}});
         },
         "one household with its members: the persons who live in it today, and those who lived in it last (dead "
         "or gone from the area)"});
  r.add({bhttp::verb::get, "/api/v1/persons",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const std::string q = query_value(rq.query, "q");
           if (!is_valid_utf8(q))
             return error_response(rq.http, Error::invalid("q", "từ tìm kiếm không phải UTF-8", "the search text is not UTF-8"));
           const std::string folded(trim(fold_for_search(q)));
           const auto villages = villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"));
           return list_answer<PlacedPerson>(rq, "persons", placed_person_json,
                                            [&](const ListWindow& w, std::vector<PlacedPerson>& rows) {
                                              return persons_page(ctx.db, villages, folded, w.offset, w.limit, rows);
                                            });
         },
         "persons who live in a unit's villages today (or lived there last: dead or gone from the area; ?unit=CODE), "
         "by id; ?q=TEXT finds names with or without diacritics; "
         "?page, ?per_page, ?format=csv|xlsx for the whole list",
         {"q", "page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/persons/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kPerson, "id"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const auto found = person_with_place(ctx.db, PersonId(path_id(rq)), today);
           if (!found) return not_found(rq.http);
           const auto& place = found->place;
           auto out = person_json(found->person);
           const OrgUnit* village = place ? ctx.accounts.units().find(place->village) : nullptr;
           out["village"] = village ? nlohmann::ordered_json(village->code) : nlohmann::ordered_json(nullptr);
           out["lives_in_household_id"] =
               place ? nlohmann::ordered_json(place->household.value) : nlohmann::ordered_json(nullptr);
           return json_response(rq.http, bhttp::status::ok, {{"person", out}});
         },
         "one person, with the village and household they live in today (or lived in last)"});
}

}  // namespace danso::http

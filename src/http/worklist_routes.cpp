// The collaborator's work lists (app/worklists/worklists.h, docs/worklists.md):
//   GET /api/v1/worklists?unit=CODE&on=YYYY-MM-DD&list=KIND    JSON, or ?format=csv|xlsx
//   GET /api/v1/worklists.html?unit=CODE&on=YYYY-MM-DD&list=KIND   the printable A4 page
// over the villages of ?unit (the caller's unit by default) that the caller
// sees; the router has checked ?unit is in scope (outside: 404 as missing).
#include <algorithm>

#include "app/worklists/worklists.h"
#include "http/api.h"

namespace danso::http {

namespace {

struct WorklistQuery {
  std::string unit;
  std::vector<UnitId> villages;
  Date on;
  std::optional<WorklistKind> only;
};

Result<WorklistQuery> worklist_query(const RouteRequest& rq, ApiContext& ctx) {
  WorklistQuery q;
  const Date today = accounts::date_of(ctx.now());
  auto on = date_param(rq.query, "on", today);
  if (!on) return on.error();
  q.on = *on;
  if (const std::string list = query_value(rq.query, "list"); !list.empty()) {
    auto kind = kWorklistKinds.parse(list, "list");
    if (!kind) return kind.error();
    q.only = *kind;
  }
  q.unit = unit_or_own(rq, ctx);
  auto villages = commune_villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"), "danh sách",
                                           "work list");
  if (!villages) return villages.error();
  q.villages = std::move(*villages);
  return q;
}

}  // namespace

void add_worklist_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/worklists",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto q = worklist_query(rq, ctx);
           if (!q) return error_response(rq.http, q.error());
           const auto format = parse_list_format(rq.query);
           if (!format) return error_response(rq.http, format.error());
           const worklists::Lists lists = worklists::gather(ctx.db, ctx.accounts.units(), q->villages, q->on, q->only);
           if (*format != ListFormat::kJson) {
             nlohmann::ordered_json rows = nlohmann::ordered_json::array();
             for (const worklists::Row& row : lists.rows) rows.push_back(worklists::row_json(row));
             std::string list = q->only ? kWorklistKinds.code(*q->only) : "";
             std::replace(list.begin(), list.end(), '_', '-');  // as a file name has it
             return list_file(rq.http, *format, "worklists", int64_t(rows.size()), rows, {}, {q->unit, list, q->on.iso()});
           }
           auto out = worklists::lists_json(lists);
           out["unit"] = q->unit;
           return json_response(rq.http, bhttp::status::ok, out);
         },
         "the collaborator's work lists over the villages of ?unit=CODE (the caller's unit by default) that the "
         "caller sees, on ?on=YYYY-MM-DD (today by default): each row a person (or household) with their "
         "household, village and the reason; ?list= one of no_method, prenatal_screening, newborn_screening, "
         "premarital_counselling, elderly_check, household_visit; ?format=csv|xlsx (?lang=vi|en|keys) for a file",
         {"on", "list", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/worklists.html",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto q = worklist_query(rq, ctx);
           if (!q) return error_response(rq.http, q.error());
           const std::string lang = query_value(rq.query, "lang");
           if (!lang.empty() && lang != "vi" && lang != "en")
             return error_response(rq.http, Error::invalid("lang", "tham số 'lang' phải là vi hoặc en",
                                                           "the parameter 'lang' must be vi or en"));
           const worklists::Lists lists = worklists::gather(ctx.db, ctx.accounts.units(), q->villages, q->on, q->only);
           const OrgUnit* unit = ctx.accounts.units().resolve(q->unit, accounts::date_of(ctx.now()));
           const std::string name = unit ? unit->name : q->unit;
           return document_response(rq.http, kHtmlType, worklists::lists_html(lists, name, lang == "en"));
         },
         "the work lists as a printable A4 page (one list per page; ?unit, ?on, ?list as for /api/v1/worklists; "
         "?lang=en for English); the browser's print gives the PDF",
         {"on", "list", "lang"}});
}

}  // namespace danso::http

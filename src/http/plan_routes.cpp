// GET /api/v1/plans: the plans stored (danso plan import), and
// GET /api/v1/plans/{id}/progress?unit=CODE&year=YYYY: a plan's targets
// judged for a unit and year (app/programme/plans.h), with each child unit
// in the caller's scope judged the same way (drill-down, worst first) and
// each counted target's value in every year the register covers (a trend),
// from the indicators' register snapshot. The JSON of `danso targets
// --format json` with "children" and "trend" (app/programme/plan_json.h).
#include "app/programme/plan_json.h"
#include "app/programme/budgets.h"
#include "app/programme/plans.h"
#include "app/programme/yearly_report.h"
#include "app/export/xlsx.h"
#include "http/api.h"

namespace danso::http {

namespace {

Response plan_not_found(const Request& req, const std::string& id) {
  return error_response(req, Error::not_found("id", "không có kế hoạch mã " + id, "no plan with id " + id));
}

}  // namespace

void add_plan_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/plans", Access::needs(Permission::kReadAggregates),
         [&ctx](const RouteRequest& rq) {
           // The plans in the caller's scope: of a unit in it, or of a unit theirs lies within.
           const Date today = accounts::date_of(ctx.now());
           nlohmann::ordered_json plans = nlohmann::ordered_json::array();
           for (const PlanRecord& p : list_plans(ctx.db))
             if (ctx.accounts.in_scope(*rq.principal, p.unit, today) ||
                 ctx.accounts.units().within(rq.principal->unit, p.unit, today))
               plans.push_back(plan_summary_json(p));
           return json_response(rq.http, bhttp::status::ok, nlohmann::ordered_json{{"plans", std::move(plans)}});
         },
         "the plans in the caller's scope (of a unit in it, or above theirs): id, number, title, issuer, unit, start, "
         "end, number of targets"});
  r.add({bhttp::verb::get, "/api/v1/plans/{id}/progress",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kPlan, "id").scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const int64_t id = path_id(rq);
           const std::string id_text = std::to_string(id);
           const Date today = accounts::date_of(ctx.now());
           const auto year = year_param(rq.query, today.year() - 1);
           if (!year) return error_response(rq.http, year.error());
           const auto plan = ctx.db.read([&](Store& s) { return s.find_plan(id); });
           if (!plan) return plan_not_found(rq.http, id_text);
           auto snap = ctx.indicators.current(rq.principal->session);
           if (!snap) return error_response(rq.http, snap.error());
           const auto pinned = (*snap)->pinned();
           const analytics::RegisterSnapshot& register_snap = *pinned;
           // Default unit: the plan's, when the caller may see it; else the caller's own.
           ProgressOptions o;
           o.year = *year;
           o.unit = query_value(rq.query, "unit");
           if (o.unit.empty()) {
             o.unit = plan->plan.unit_code;
             if (!ctx.accounts.unit_visible(*rq.principal, o.unit, today)) {
               const OrgUnit* own = register_snap.tree.find(rq.principal->unit);
               if (!own) return plan_not_found(rq.http, id_text);
               o.unit = own->code;
             }
           }
           o.children = true;
           o.trend_from = std::max(first_register_year(register_snap), *year - 9);
           auto progress = plan_progress(ctx.db, register_snap, ctx.indicators.catalogue(), id, o);
           if (!progress) return error_response(rq.http, progress.error());
           std::erase_if(progress->children, [&](const PlanProgress::Child& c) {
             return !ctx.accounts.unit_visible(*rq.principal, c.unit_code, today);
           });
           Response res = json_response(rq.http, bhttp::status::ok, plan_progress_json(*progress));
           res.set("X-Danso-Figures-As-Of", (*snap)->loaded_at());
           return res;
         },
         "a plan's targets judged for a unit (?unit=CODE, default the plan's) and year (?year=YYYY, default the "
         "last whole year), worst first: value, goal, expected value on the path, gap, status and reason; "
         "\"children\": each child unit in scope judged the same way, worst first; \"trend\": each counted "
         "target's value in the years up to the one judged",
         {"year"},
         Lane::kCompute});
  r.add({bhttp::verb::get, "/api/v1/yearly-report",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const std::string unit = query_value(rq.query, "unit");
           if (unit.empty())
             return error_response(rq.http, Error::invalid("unit", "thiếu tham số 'unit'", "the parameter 'unit' is missing"));
           const auto year = year_param(rq.query, accounts::date_of(ctx.now()).year() - 1);
           if (!year) return error_response(rq.http, year.error());
           const std::string format = query_value(rq.query, "format");
           if (!format.empty() && format != "xlsx" && format != "html")
             return error_response(rq.http, Error::invalid("format", "tham số 'format' phải là xlsx hoặc html",
                                                           "the parameter 'format' must be xlsx or html"));
           auto snap = ctx.indicators.current(rq.principal->session);
           if (!snap) return error_response(rq.http, snap.error());
           auto report = compile_yearly_report(ctx.db, *(*snap)->pinned(), ctx.indicators.catalogue(),
                                               {unit, *year, accounts::date_of(ctx.now())});
           if (!report) return error_response(rq.http, report.error());
           Response res{bhttp::status::ok, rq.http.version()};
           if (format == "html") {
             res.set(bhttp::field::content_type, "text/html; charset=utf-8");
             res.body() = yearly_report_html(*report);
           } else {
             auto bytes = yearly_report_xlsx(*report);
             if (!bytes) return error_response(rq.http, bytes.error());
             res.set(bhttp::field::content_type, kXlsxContentType);
             res.set(bhttp::field::content_disposition,
                     "attachment; filename=\"bao-cao-nam-" + unit + "-" + std::to_string(*year) + ".xlsx\"");
             res.body() = std::move(*bytes);
           }
           add_security_headers(res, true);
           res.keep_alive(rq.http.keep_alive());
           res.prepare_payload();
           return res;
         },
         "the yearly report on population work of a unit (?unit=CODE, required) and year (?year=YYYY, default the "
         "last whole year): plans' targets, those needing attention in the unit and below, the year's saved rewards, "
         "budgets against the 0.15% floor; ?format=xlsx (default, a workbook) or html (a printable page)",
         {"year", "format"},
         Lane::kCompute});
  r.add({bhttp::verb::get, "/api/v1/budgets",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const auto year = year_param(rq.query, today.year() - 1);
           if (!year) return error_response(rq.http, year.error());
           std::string unit = query_value(rq.query, "unit");
           if (unit.empty()) {
             const OrgUnit* own = ctx.accounts.units().find(rq.principal->unit);
             if (!own) return error_response(rq.http, Error::not_found("unit", "không tìm thấy", "not found"));
             unit = own->code;
           }
           auto rows = budget_report(ctx.db, unit, *year);
           if (!rows) return error_response(rq.http, rows.error());
           nlohmann::ordered_json units = nlohmann::ordered_json::array();
           for (const BudgetRow& b : *rows) {
             if (!ctx.accounts.unit_visible(*rq.principal, b.unit_code, today)) continue;
             units.push_back({{"unit", b.unit_code},
                              {"name", b.unit_name},
                              {"kind", kUnitKinds.code(b.kind)},
                              {"regular_spending_vnd",
                               b.budget ? nlohmann::ordered_json(b.budget->regular_spending_vnd) : nullptr},
                              {"population_spending_vnd",
                               b.budget ? nlohmann::ordered_json(b.budget->population_spending_vnd) : nullptr},
                              {"share_percent", b.share_percent ? nlohmann::ordered_json(*b.share_percent) : nullptr},
                              {"status", b.status}});
           }
           return json_response(rq.http, bhttp::status::ok,
                                nlohmann::ordered_json{{"year", *year},
                                                       {"unit", unit},
                                                       {"floor_percent", kBudgetFloorPercent},
                                                       {"units", std::move(units)}});
         },
         "budgets for population work (danso budget import) of the unit (?unit=CODE, default the caller's) and its "
         "districts and communes in scope for a year (?year=YYYY, default the last whole year), each against the 0.15% "
         "floor: meets, below or missing",
         {"year"}});
  r.add({bhttp::verb::put, "/api/v1/budgets",
         Access::needs(Permission::kImport).scoped_body(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const nlohmann::json& b = body.value;
           BudgetRecord entry;
           if (!b.contains("unit") || !b["unit"].is_string())
             return error_response(rq.http, Error::invalid("unit", "thiếu trường 'unit'", "the field 'unit' is missing"));
           entry.unit_code = b["unit"].get<std::string>();
           if (!ctx.accounts.unit_visible(*rq.principal, entry.unit_code, accounts::date_of(ctx.now())))
             return error_response(rq.http, Error::not_found("unit", "không tìm thấy", "not found"));
           for (const char* name : {"year", "regular_spending_vnd", "population_spending_vnd"})
             if (!b.contains(name) || !b[name].is_number_integer())
               return error_response(rq.http, Error::invalid(name, std::string("'") + name + "' phải là một số nguyên",
                                                             std::string("'") + name + "' must be a whole number"));
           if (b["year"].get<int64_t>() < 1900 || b["year"].get<int64_t>() > 2200)
             return error_response(rq.http, Error::invalid("year", "năm phải là số nguyên từ 1900 đến 2200",
                                                           "the year must be a whole number from 1900 to 2200"));
           entry.year = b["year"].get<int>();
           entry.regular_spending_vnd = b["regular_spending_vnd"].get<int64_t>();
           entry.population_spending_vnd = b["population_spending_vnd"].get<int64_t>();
           if (b.contains("note")) {
             if (!b["note"].is_string())
               return error_response(rq.http, Error::invalid("note", "'note' phải là chuỗi", "'note' must be a string"));
             entry.note = b["note"].get<std::string>();
           }
           if (auto st = enter_budget(ctx.db, entry, rq.principal, ctx.now()); !st)
             return error_response(rq.http, st.error());
           auto rows = budget_report(ctx.db, entry.unit_code, entry.year);
           if (!rows || rows->empty()) return error_response(rq.http, rows ? Error::not_found("unit", "không tìm thấy", "not found") : rows.error());
           const BudgetRow& row = rows->front();
           return json_response(rq.http, bhttp::status::ok,
                                nlohmann::ordered_json{{"unit", row.unit_code},
                                                       {"year", entry.year},
                                                       {"regular_spending_vnd", entry.regular_spending_vnd},
                                                       {"population_spending_vnd", entry.population_spending_vnd},
                                                       {"share_percent", row.share_percent ? nlohmann::ordered_json(*row.share_percent) : nullptr},
                                                       {"status", row.status}});
         },
         "enter one district's or commune's budget for a year by hand (audited): {\"unit\", \"year\", "
         "\"regular_spending_vnd\", \"population_spending_vnd\", \"note\"}; replaces the figures before; 200 with "
         "the share and status against the 0.15% floor"});
}

}  // namespace danso::http

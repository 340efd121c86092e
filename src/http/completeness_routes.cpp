// Completeness and timeliness of reports, their deadlines and the data
// quality checks (app/reports/completeness.h, deadlines.h, data_quality.h):
//   GET /api/v1/report-deadlines?unit=CODE                  the deadlines of the province holding the unit
//   PUT /api/v1/report-deadlines                            a province's staff set them
//   GET /api/v1/report-completeness?unit=CODE&period=P      each unit owing the period's form, and the rates
//   GET /api/v1/report-completeness/rates?unit=CODE&from=P&to=P   the rates per period and district
//   GET /api/v1/data-quality?unit=CODE&period=P             what to look at before trusting the figures
// ?unit defaults to the caller's own unit; the units listed are those the
// caller sees.
#include "app/reports/completeness.h"
#include "app/reports/data_quality.h"
#include "app/reports/deadlines.h"
#include "http/api.h"

namespace danso::http {

namespace {

Result<std::string> completeness_param(const RouteRequest& rq, const char* name) {
  std::string v = query_value(rq.query, name);
  if (v.empty())
    return Error::invalid(name, std::string("thiếu tham số '") + name + "'",
                          std::string("the parameter '") + name + "' is missing");
  return v;
}

// A day field of the deadlines' body: kept when absent.
Status deadline_day_field(const nlohmann::json& body, const char* name, int& out) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 31)
    return Error::invalid(name, std::string("trường '") + name + "' phải là số ngày 1-31",
                          std::string("the field '") + name + "' must be a day number 1-31");
  out = int(it->get<int64_t>());
  return {};
}

}  // namespace

void add_completeness_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/report-deadlines",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto d = reports::deadlines_for(ctx.db, unit_or_own(rq, ctx), accounts::date_of(ctx.now()));
           if (!d) return error_response(rq.http, d.error());
           return json_response(rq.http, bhttp::status::ok, reports::deadlines_json(*d));
         },
         "the report deadlines of the province holding ?unit=CODE (the caller's unit by default): "
         "monthly_day, quarterly_day, yearly (MM-DD), and whether they are the defaults"});
  r.add({bhttp::verb::put, "/api/v1/report-deadlines",
         Access::needs(Permission::kApproveReport).scoped_body(ScopeKind::kUnit, "province"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const nlohmann::json& b = body.value;
           if (!b.contains("province") || !b["province"].is_string())
             return error_response(rq.http,
                                   Error::invalid("province", "thiếu trường 'province'", "the field 'province' is missing"));
           const std::string province = b["province"].get<std::string>();
           const Date today = accounts::date_of(ctx.now());
           if (!ctx.accounts.unit_visible(*rq.principal, province, today))
             return error_response(rq.http, Error::not_found("province", "không tìm thấy", "not found"));
           const auto current = reports::deadlines_for(ctx.db, province, today);
           if (!current) return error_response(rq.http, current.error());
           ReportDeadlines d = current->deadlines;
           for (const auto& [name, field] : {std::pair{"monthly_day", &d.monthly_day}, std::pair{"quarterly_day", &d.quarterly_day}})
             if (auto st = deadline_day_field(b, name, *field); !st) return error_response(rq.http, st.error());
           if (b.contains("yearly") && !b["yearly"].is_null()) {
             if (!b["yearly"].is_string())
               return error_response(rq.http, Error::invalid("yearly", "trường 'yearly' phải có dạng MM-DD",
                                                             "the field 'yearly' must read MM-DD"));
             if (auto st = parse_yearly_date(b["yearly"].get<std::string>(), d); !st)
               return error_response(rq.http, st.error());
           }
           const auto saved = reports::set_deadlines(ctx.db, rq.principal, province, d, ctx.now());
           if (!saved) return error_response(rq.http, saved.error());
           return json_response(rq.http, bhttp::status::ok, reports::deadlines_json(*saved));
         },
         "set a province's report deadlines: {\"province\":\"CODE\", \"monthly_day\":5, \"quarterly_day\":15, "
         "\"yearly\":\"12-10\"} (fields left out are kept); only the province's own staff (403 otherwise)"});
  r.add({bhttp::verb::get, "/api/v1/report-completeness",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto period = completeness_param(rq, "period");
           if (!period) return error_response(rq.http, period.error());
           const Date today = accounts::date_of(ctx.now());
           const auto c = reports::completeness(ctx.db, unit_or_own(rq, ctx), *period, today,
                                                scope_of(ctx, *rq.principal, today).sees);
           if (!c) return error_response(rq.http, c.error());
           return json_response(rq.http, bhttp::status::ok, reports::completeness_json(*c));
         },
         "every commune (?period=2025-05) or district (?period=2025-Q2) below ?unit=CODE with its report's status, "
         "first submission and days late, and the reporting and on-time rates per district and in all",
         {"period"}});
  r.add({bhttp::verb::get, "/api/v1/report-completeness/rates",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto from = completeness_param(rq, "from");
           if (!from) return error_response(rq.http, from.error());
           const auto to = completeness_param(rq, "to");
           if (!to) return error_response(rq.http, to.error());
           const Date today = accounts::date_of(ctx.now());
           const auto rates = reports::completeness_over_time(ctx.db, unit_or_own(rq, ctx), *from, *to, today,
                                                              scope_of(ctx, *rq.principal, today).sees);
           if (!rates) return error_response(rq.http, rates.error());
           return json_response(rq.http, bhttp::status::ok, reports::rates_json(*rates));
         },
         "the reporting and on-time rates below ?unit=CODE for each month (or quarter) ?from=P&to=P (at most 36), "
         "in all and per district",
         {"from", "to"}});
  // It names children and mothers by id: for those who read the register.
  r.add({bhttp::verb::get, "/api/v1/data-quality",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto period = completeness_param(rq, "period");
           if (!period) return error_response(rq.http, period.error());
           auto snap = ctx.indicators.exact();
           if (!snap) return error_response(rq.http, snap.error());
           const auto q = reports::data_quality(*(*snap)->pinned(), unit_or_own(rq, ctx), *period);
           if (!q) return error_response(rq.http, q.error());
           return json_response(rq.http, bhttp::status::ok, reports::data_quality_json(*q));
         },
         "data quality checks below ?unit=CODE over ?period=P (whole months, at most 12): villages whose births or "
         "deaths jump against their own past months, births with no pregnancy recorded before, sex ratio at birth "
         "outside 90-125 where there are 200 births or more, villages with no slip in a month",
         {"period"}});
}

}  // namespace danso::http

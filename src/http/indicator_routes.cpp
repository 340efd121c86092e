// GET /api/v1/indicators?unit=CODE&period=P[&children=1]: the JSON of
// `danso indicators` (app/indicator_report.h), from the register snapshot
// (loaded at the first request and again at the first after a write).
#include "http/api.h"

namespace danso::http {

void add_indicator_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/indicators",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const std::string unit = query_value(rq.query, "unit");
           if (unit.empty())
             return error_response(rq.http, Error::invalid("unit", "thiếu tham số 'unit'", "the parameter 'unit' is missing"));
           const std::string period_text = query_value(rq.query, "period");
           if (period_text.empty())
             return error_response(rq.http,
                                   Error::invalid("period", "thiếu tham số 'period'", "the parameter 'period' is missing"));
           auto period = Period::parse(period_text);
           if (!period) return error_response(rq.http, period.error());
           const std::string children = query_value(rq.query, "children");
           if (!children.empty() && children != "0" && children != "1")
             return error_response(rq.http, Error::invalid("children", "tham số 'children' phải là 0 hoặc 1",
                                                           "the parameter 'children' must be 0 or 1"));
           IndicatorCache& cache = ctx.indicators;
           std::lock_guard<std::mutex> lock(cache.mu);
           if (cache.stale.exchange(false) || !cache.reporter) {
             cache.reporter.reset();
             {
               std::lock_guard<std::mutex> store_lock(ctx.store_mu);
               cache.snapshot = std::make_unique<analytics::RegisterSnapshot>(analytics::RegisterSnapshot::load(ctx.store));
             }
             cache.reporter = std::make_unique<IndicatorReporter>(*cache.snapshot, cache.catalogue);
           }
           auto report = cache.reporter->report(unit, *period, children == "1");
           if (!report) return error_response(rq.http, report.error());
           // With children, the caller sees only the children in their scope.
           if (children == "1" && report->is_array()) {
             const Date today = accounts::date_of(ctx.now());
             nlohmann::ordered_json kept = nlohmann::ordered_json::array();
             for (auto& u : *report)
               if (u.contains("unit") && ctx.accounts.unit_visible(*rq.principal, u["unit"].get<std::string>(), today))
                 kept.push_back(std::move(u));
             *report = std::move(kept);
           }
           return json_response(rq.http, bhttp::status::ok, *report);
         },
         "indicators of a unit for a period (?unit=CODE, ?period=2024|2024-Q3|2024-07|2020..2024, ?children=1 for one "
         "object per child unit): the JSON of `danso indicators`",
         {"period", "children"}});
}

}  // namespace danso::http

// GET /api/v1/indicators?unit=CODE&period=P[&children=1]: the JSON of
// `danso indicators` (app/indicator_report.h), and
// GET /api/v1/indicators/pyramid?unit=CODE&(period=P|date=YYYY-MM-DD): the
// unit's population by sex and five-year age group on the period's last day
// (or the date), both from the register snapshot (loaded at the first
// request and again at the first after a write).
#include "app/export/table_export.h"
#include "http/api.h"

namespace danso::http {

namespace {

// The reporter over a snapshot that holds every write so far. The caller
// holds cache.mu.
IndicatorReporter& current_reporter(ApiContext& ctx) {
  IndicatorCache& cache = ctx.indicators;
  if (cache.stale.exchange(false) || !cache.reporter) {
    cache.reporter.reset();
    {
      std::lock_guard<std::mutex> store_lock(ctx.store_mu);
      cache.snapshot = std::make_unique<analytics::RegisterSnapshot>(analytics::RegisterSnapshot::load(ctx.store));
    }
    cache.reporter = std::make_unique<IndicatorReporter>(*cache.snapshot, cache.catalogue);
  }
  return *cache.reporter;
}

// ?period=P, or with `date_allowed` ?date=YYYY-MM-DD as a period of one day.
Result<Period> period_param(const QueryParams& q, bool date_allowed) {
  const std::string period_text = query_value(q, "period");
  const std::string date_text = date_allowed ? query_value(q, "date") : std::string();
  if (!period_text.empty() && !date_text.empty())
    return Error::invalid("date", "chỉ dùng một trong 'period' và 'date'", "give either 'period' or 'date', not both");
  if (!date_text.empty()) {
    auto d = Date::parse(date_text);
    if (!d)
      return Error::invalid("date", "tham số 'date' phải có dạng NĂM-THÁNG-NGÀY, ví dụ 2024-12-31",
                            "the parameter 'date' must look like YYYY-MM-DD, e.g. 2024-12-31");
    return Period{d->iso(), *d, *d};
  }
  if (period_text.empty())
    return date_allowed ? Error::invalid("period", "thiếu tham số 'period' hoặc 'date'",
                                         "the parameter 'period' or 'date' is missing")
                        : Error::invalid("period", "thiếu tham số 'period'", "the parameter 'period' is missing");
  return Period::parse(period_text);
}

Result<std::string> unit_param(const QueryParams& q) {
  std::string unit = query_value(q, "unit");
  if (unit.empty()) return Error::invalid("unit", "thiếu tham số 'unit'", "the parameter 'unit' is missing");
  return unit;
}

}  // namespace

void add_indicator_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/indicators",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto unit = unit_param(rq.query);
           if (!unit) return error_response(rq.http, unit.error());
           auto period = period_param(rq.query, false);
           if (!period) return error_response(rq.http, period.error());
           const std::string children = query_value(rq.query, "children");
           if (!children.empty() && children != "0" && children != "1")
             return error_response(rq.http, Error::invalid("children", "tham số 'children' phải là 0 hoặc 1",
                                                           "the parameter 'children' must be 0 or 1"));
           const auto format = parse_list_format(rq.query);
           if (!format) return error_response(rq.http, format.error());
           std::lock_guard<std::mutex> lock(ctx.indicators.mu);
           auto report = current_reporter(ctx).report(*unit, *period, children == "1");
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
           if (*format != ListFormat::kJson) {
             const auto rows = indicator_rows(*report);
             return list_file(rq.http, *format, "indicators", int64_t(rows.size()), rows,
                              {"Chỉ tiêu dân số / Demographic indicators", *unit + ", " + period->label});
           }
           return json_response(rq.http, bhttp::status::ok, *report);
         },
         "indicators of a unit for a period (?unit=CODE, ?period=2024|2024-Q3|2024-07|2020..2024, ?children=1 for one "
         "object per child unit): the JSON of `danso indicators`; ?format=csv|xlsx for one row per unit and indicator",
         {"period", "children", "format"}});
  r.add({bhttp::verb::get, "/api/v1/indicators/pyramid",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto unit = unit_param(rq.query);
           if (!unit) return error_response(rq.http, unit.error());
           auto period = period_param(rq.query, true);
           if (!period) return error_response(rq.http, period.error());
           std::lock_guard<std::mutex> lock(ctx.indicators.mu);
           auto pyramid = current_reporter(ctx).pyramid(*unit, *period);
           if (!pyramid) return error_response(rq.http, pyramid.error());
           return json_response(rq.http, bhttp::status::ok, *pyramid);
         },
         "population pyramid of a unit (?unit=CODE and ?period=P for its last day, or ?date=YYYY-MM-DD): persons by "
         "sex and five-year age group 0-4 ... 85+",
         {"period", "date"}});
}

}  // namespace danso::http

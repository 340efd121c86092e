// GET /api/v1/indicators?unit=CODE&period=P[&children=1]: the JSON of
// `danso indicators` (app/indicator_report.h), and
// GET /api/v1/indicators/pyramid?unit=CODE&(period=P|date=YYYY-MM-DD): the
// unit's population by sex and five-year age group on the period's last day
// (or the date), both from the register snapshot (app/indicator_service.h:
// loaded at the first request, refreshed in the background after a write).
// An answer rendered once is kept with its snapshot. Every answer says when
// its snapshot was loaded (X-Danso-Figures-As-Of) and, while a refresh after
// a write is on its way, that it is about to change (X-Danso-Figures: stale).
#include "app/export/table_export.h"
#include "http/api.h"
#include "http/figures.h"

namespace danso::http {

namespace {

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

// The parameters of GET /api/v1/indicators, checked.
struct IndicatorQuery {
  std::string unit;
  Period period;
  bool children = false;
  ListFormat format = ListFormat::kJson;
  // The key of its rendered JSON: children are filtered by the caller's
  // scope on the day, so that answer is kept per user and day.
  std::string key(const Principal& p, Date today) const {
    std::string k = "indicators\n" + unit + "\n" + period.label + "\n" + (children ? "1" : "0");
    if (children) k += "\n" + std::to_string(p.user.value) + "\n" + today.iso();
    return k;
  }
};

Result<IndicatorQuery> indicator_query(const QueryParams& q) {
  IndicatorQuery out;
  auto unit = unit_param(q);
  if (!unit) return unit.error();
  out.unit = std::move(*unit);
  auto period = period_param(q, false);
  if (!period) return period.error();
  out.period = std::move(*period);
  const std::string children = query_value(q, "children");
  if (!children.empty() && children != "0" && children != "1")
    return Error::invalid("children", "tham số 'children' phải là 0 hoặc 1", "the parameter 'children' must be 0 or 1");
  out.children = children == "1";
  auto format = parse_list_format(q);
  if (!format) return format.error();
  out.format = *format;
  return out;
}

// The pyramid's parameters and its key.
struct PyramidQuery {
  std::string unit;
  Period period;
  std::string key() const { return "pyramid\n" + unit + "\n" + period.label; }
};

Result<PyramidQuery> pyramid_query(const QueryParams& q) {
  auto unit = unit_param(q);
  if (!unit) return unit.error();
  auto period = period_param(q, true);
  if (!period) return period.error();
  return PyramidQuery{std::move(*unit), std::move(*period)};
}

}  // namespace

void add_indicator_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/indicators",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto q = indicator_query(rq.query);
           if (!q) return error_response(rq.http, q.error());
           auto snap = ctx.indicators.current(rq.principal->session);
           if (!snap) return error_response(rq.http, snap.error());
           const Date today = accounts::date_of(ctx.now());
           auto render = [&]() -> Result<nlohmann::ordered_json> {
             auto report = (*snap)->compute(
                 [&](IndicatorReporter& rep) { return rep.report(q->unit, q->period, q->children); });
             if (!report) return report;
             // With children, the caller sees only the children in their scope.
             if (q->children && report->is_array()) {
               nlohmann::ordered_json kept = nlohmann::ordered_json::array();
               for (auto& u : *report)
                 if (u.contains("unit") &&
                     ctx.accounts.unit_visible(*rq.principal, u["unit"].get<std::string>(), today))
                   kept.push_back(std::move(u));
               *report = std::move(kept);
             }
             return report;
           };
           if (q->format != ListFormat::kJson) {
             auto report = render();
             if (!report) return error_response(rq.http, report.error());
             const auto rows = indicator_rows(*report, ctx.indicators.catalogue());
             // Named after the unit ("chi-tieu-xa-Tan-Loc-2025"); its children's figures say so.
             std::string subject = q->unit;
             if (!q->children && !rows.empty() && rows[0].contains("name") && rows[0]["name"].is_string())
               subject = rows[0]["name"].get<std::string>();
             return list_file(rq.http, q->format, "indicators", int64_t(rows.size()), rows,
                              {"Chỉ tiêu dân số / Demographic indicators", q->unit + ", " + q->period.label},
                              {subject, q->children ? "cac-don-vi-truc-thuoc" : "", q->period.label});
           }
           return memoised(ctx, rq.http, **snap, q->key(*rq.principal, today), render);
         },
         "indicators of a unit for a period (?unit=CODE, ?period=2024|2024-Q3|2024-07|2020..2024, ?children=1 for one "
         "object per child unit): the JSON of `danso indicators`; ?format=csv|xlsx for one row per unit and indicator",
         {"period", "children", "format", "lang"},
         Lane::kCompute,
         [&ctx](const RouteRequest& rq) -> std::optional<QuickAnswer> {
           auto q = indicator_query(rq.query);
           if (!q || q->format != ListFormat::kJson) return std::nullopt;
           return at_hand(ctx, rq, q->key(*rq.principal, accounts::date_of(ctx.now())));
         }});
  r.add({bhttp::verb::get, "/api/v1/indicators/pyramid",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto q = pyramid_query(rq.query);
           if (!q) return error_response(rq.http, q.error());
           auto snap = ctx.indicators.current(rq.principal->session);
           if (!snap) return error_response(rq.http, snap.error());
           return memoised(ctx, rq.http, **snap, q->key(), [&] {
             return (*snap)->compute([&](IndicatorReporter& rep) { return rep.pyramid(q->unit, q->period); });
           });
         },
         "population pyramid of a unit (?unit=CODE and ?period=P for its last day, or ?date=YYYY-MM-DD): persons by "
         "sex and five-year age group 0-4 ... 85+",
         {"period", "date"},
         Lane::kCompute,
         [&ctx](const RouteRequest& rq) -> std::optional<QuickAnswer> {
           auto q = pyramid_query(rq.query);
           if (!q) return std::nullopt;
           return at_hand(ctx, rq, q->key());
         }});
}

}  // namespace danso::http

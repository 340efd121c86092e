// The free analysis (app/analysis/): GET /api/v1/indicators/catalogue, the
// indicators with their names, precision and bands and the days the
// register covers; GET /api/v1/analysis, indicators × units × periods from
// the register snapshot, memoised with it like /api/v1/indicators
// (http/figures.h).
#include "app/analysis/analysis.h"
#include "app/analysis/analysis_export.h"
#include "app/analysis/catalogue_view.h"
#include "app/analysis/favourites.h"
#include "http/api.h"
#include "app/export/table_export.h"
#include "http/figures.h"

namespace danso::http {

namespace {

// The key of an analysis's JSON: the units beyond the query's own are
// filtered by the caller's scope on the day, so that answer is kept per
// user and day.
std::string analysis_key(const analysis::AnalysisQuery& q, const Principal& p, Date today) {
  std::string k = "analysis\n" + q.key();
  if (q.units != analysis::UnitChoice::kSelf) k += "\n" + std::to_string(p.user.value) + "\n" + today.iso();
  return k;
}

// ?format=csv|xlsx: the pivot table as a file, headed in ?lang=vi (default) or en.
Response analysis_file(const RouteRequest& rq, IndicatorSnapshot& snap, const analysis::AnalysisQuery& q,
                       ListFormat format, const analysis::UnitFilter& visible) {
  const std::string lang = query_value(rq.query, "lang");
  if (!lang.empty() && lang != "vi" && lang != "en")
    return error_response(rq.http, Error::invalid("lang", "tham số 'lang' phải là vi hoặc en", "the parameter 'lang' must be vi or en"));
  return snap.compute([&](IndicatorReporter& rep) -> Response {
    auto table = analysis::compute_analysis(rep, q, visible);
    if (!table) return error_response(rq.http, table.error());
    const XlsxSheet sheet = analysis::analysis_sheet(*table, q, lang == "en");
    const std::string stem = analysis::analysis_file_stem(*table, q);
    if (format == ListFormat::kCsv) return document_response(rq.http, kCsvContentType, sheet_csv(sheet), stem + ".csv");
    auto bytes = write_xlsx(sheet);
    if (!bytes) return error_response(rq.http, bytes.error());
    return document_response(rq.http, kXlsxContentType, std::move(*bytes), stem + ".xlsx");
  });
}

Result<analysis::AnalysisQuery> analysis_query(ApiContext& ctx, const QueryParams& q) {
  return analysis::parse_analysis_query(analysis::AnalysisParams(q.begin(), q.end()), ctx.indicators.catalogue());
}

// The caller's own unit check for a favourite's spec (as the scoped ?unit= of the analysis).
analysis::UnitInScope spec_units(ApiContext& ctx, const Principal& p) {
  const Date today = accounts::date_of(ctx.now());
  return [&ctx, &p, today](const std::string& code) { return ctx.accounts.unit_visible(p, code, today); };
}

Response no_content(const Request& req) {
  Response res{bhttp::status::no_content, req.version()};
  add_security_headers(res, true);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

}  // namespace

void add_favourite_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/favourites", Access::needs(Permission::kReadAggregates),
         [&ctx](const RouteRequest& rq) {
           analysis::Favourites favs(ctx.db, ctx.indicators.catalogue());
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const auto& f : favs.list(rq.principal->user)) list.push_back(analysis::favourite_json(f));
           return json_response(rq.http, bhttp::status::ok, {{"favourites", std::move(list)}});
         },
         "the caller's favourites (saved analyses), newest first"});
  r.add({bhttp::verb::post, "/api/v1/favourites", Access::needs(Permission::kReadAggregates),
         [&ctx](const RouteRequest& rq) {
           JsonBody body = parse_json_body(rq.http);
           if (body.error) return std::move(*body.error);
           analysis::Favourites favs(ctx.db, ctx.indicators.catalogue());
           auto f = favs.create(rq.principal->user, body.value, spec_units(ctx, *rq.principal),
                                accounts::iso_instant(ctx.now()));
           if (!f) return error_response(rq.http, f.error());
           return json_response(rq.http, bhttp::status::created, analysis::favourite_json(*f));
         },
         "save an analysis as a favourite: {\"name\", \"spec\": the query of /api/v1/analysis and \"view\", "
         "\"on_dashboard\"}"});
  r.add({bhttp::verb::patch, "/api/v1/favourites/{id}",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kFavourite, "id"),
         [&ctx](const RouteRequest& rq) {
           const int64_t id = path_id(rq);  // the router found it the caller's
           JsonBody body = parse_json_body(rq.http);
           if (body.error) return std::move(*body.error);
           analysis::Favourites favs(ctx.db, ctx.indicators.catalogue());
           auto f = favs.update(rq.principal->user, id, body.value, spec_units(ctx, *rq.principal),
                                accounts::iso_instant(ctx.now()));
           if (!f) return error_response(rq.http, f.error());
           return json_response(rq.http, bhttp::status::ok, analysis::favourite_json(*f));
         },
         "change a favourite of the caller's (any of name, spec, on_dashboard)"});
  r.add({bhttp::verb::delete_, "/api/v1/favourites/{id}",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kFavourite, "id"),
         [&ctx](const RouteRequest& rq) {
           const int64_t id = path_id(rq);  // the router found it the caller's
           analysis::Favourites favs(ctx.db, ctx.indicators.catalogue());
           if (auto st = favs.remove(rq.principal->user, id); !st) return error_response(rq.http, st.error());
           return no_content(rq.http);
         },
         "delete a favourite of the caller's"});
}

void add_analysis_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/indicators/catalogue", Access::needs(Permission::kReadAggregates),
         [&ctx](const RouteRequest& rq) {
           auto snap = ctx.indicators.current(rq.principal->session);
           if (!snap) return error_response(rq.http, snap.error());
           const Date today = accounts::date_of(ctx.now());
           return memoised(ctx, rq.http, **snap, "catalogue\n" + today.iso(), [&]() -> Result<nlohmann::ordered_json> {
             return analysis::catalogue_json(ctx.indicators.catalogue(),
                                             analysis::register_coverage(*(*snap)->pinned(), today));
           });
         },
         "the indicator catalogue (those a catalogue file added included): code, names, unit, kind, decimal places "
         "shown and the bands drawn on charts; and the days the register covers",
         {},
         Lane::kCompute});
  r.add({bhttp::verb::get, "/api/v1/analysis",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto q = analysis_query(ctx, rq.query);
           if (!q) return error_response(rq.http, q.error());
           auto snap = ctx.indicators.current(rq.principal->session);
           if (!snap) return error_response(rq.http, snap.error());
           const Date today = accounts::date_of(ctx.now());
           const Principal& who = *rq.principal;
           auto visible = [&](const OrgUnit& u) { return ctx.accounts.unit_visible(who, u.code, today); };
           const auto format = parse_list_format(rq.query);
           if (!format) return error_response(rq.http, format.error());
           if (*format != ListFormat::kJson) return analysis_file(rq, **snap, *q, *format, visible);
           return memoised(ctx, rq.http, **snap, analysis_key(*q, who, today), [&]() -> Result<nlohmann::ordered_json> {
             return (*snap)->compute([&](IndicatorReporter& rep) -> Result<nlohmann::ordered_json> {
               auto table = analysis::compute_analysis(rep, *q, visible);
               if (!table) return table.error();
               return analysis::analysis_json(*table);
             });
           });
         },
         "indicators × units × periods for a pivot table or chart (?indicators=tfr,cbr&unit=CODE&units=self|children|"
         "level&level=commune&periods=2025-01,2025-02 or from=2025-01&to=2025-12&every=month|quarter|year)",
         {"indicators", "units", "level", "periods", "from", "to", "every", "rows", "columns", "format", "lang"},
         Lane::kCompute,
         [&ctx](const RouteRequest& rq) -> std::optional<QuickAnswer> {
           if (!query_value(rq.query, "format").empty()) return std::nullopt;
           auto q = analysis_query(ctx, rq.query);
           if (!q) return std::nullopt;
           return at_hand(ctx, rq, analysis_key(*q, *rq.principal, accounts::date_of(ctx.now())));
         }});
}

}  // namespace danso::http

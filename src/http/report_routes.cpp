// Reports (app/reports/): GET /api/v1/reports, POST /api/v1/reports (compute
// from the register), GET /api/v1/reports/{id}, POST .../{id}/submit,
// .../{id}/approve, .../{id}/return, GET .../{id}/export.xlsx and
// .../{id}/form.html (the printed form, docs/forms.md), and
// GET /api/v1/report-forms.html (every commune form of a district for a
// month in one printable page). A step the report's state does not allow
// answers 409 with the code "conflict".

#include "app/export/xlsx.h"
#include "app/reports/report_form.h"
#include "http/api.h"

namespace danso::http {

namespace {

Response report_error(const Request& req, const Error& e) {
  if (e.code != ErrorCode::kFailedPrecondition) return error_response(req, e);
  nlohmann::ordered_json body;
  body["error"] = {{"code", "conflict"},
                   {"field", e.field.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.field)},
                   {"message_vi", e.vi},
                   {"message_en", e.en}};
  return json_response(req, bhttp::status::conflict, body);
}

// The router has checked that {id} names a report in scope.
Response report_reply(const RouteRequest& rq, const Result<reports::Report>& r, bhttp::status status) {
  if (!r) return report_error(rq.http, r.error());
  return json_response(rq.http, status, reports::report_json(*r));
}

// A string field of a JSON body: empty when absent, an error when not a string.
Result<std::string> body_string(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return Error::invalid(name, std::string("trường '") + name + "' phải là chuỗi",
                          std::string("the field '") + name + "' must be a string");
  return it->get<std::string>();
}

// The comment of an approval or a return; the body may be empty.
Result<std::string> comment_of(const Request& req, std::optional<Response>& error) {
  if (req.body().empty()) return std::string();
  JsonBody body = parse_json_body(req);
  if (body.error) {
    error = std::move(body.error);
    return std::string();
  }
  return body_string(body.value, "comment");
}

Handler step_handler(ApiContext& ctx, ReportAction action) {
  return [&ctx, action](const RouteRequest& rq) {
    const int64_t id = path_id(rq);
    if (action == ReportAction::kSubmit)
      return report_reply(rq, ctx.reports.submit(rq.principal, id, ctx.now()), bhttp::status::ok);
    std::optional<Response> bad_body;
    const auto comment = comment_of(rq.http, bad_body);
    if (bad_body) return *bad_body;
    if (!comment) return error_response(rq.http, comment.error());
    return report_reply(rq,
                        action == ReportAction::kApprove ? ctx.reports.approve(rq.principal, id, *comment, ctx.now())
                                                         : ctx.reports.send_back(rq.principal, id, *comment, ctx.now()),
                        bhttp::status::ok);
  };
}

}  // namespace

void add_report_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/reports",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto paging = parse_paging(rq.query);
           if (!paging) return error_response(rq.http, paging.error());
           const auto format = parse_list_format(rq.query);
           if (!format) return error_response(rq.http, format.error());
           const ListWindow window = list_window(*format, *paging);
           reports::ReportFilter f{query_value(rq.query, "unit"), query_value(rq.query, "period"),
                                   query_value(rq.query, "status"), window.offset, window.limit};
           const auto page = ctx.reports.list(rq.principal, f, ctx.now());
           if (!page) return error_response(rq.http, page.error());
           nlohmann::ordered_json items = nlohmann::ordered_json::array();
           for (const auto& item : page->items) items.push_back(reports::summary_json(item));
           if (*format != ListFormat::kJson) return list_file(rq.http, *format, "reports", page->total, items);
           return json_response(rq.http, bhttp::status::ok,
                                {{"items", items}, {"page", paging->page}, {"per_page", paging->per_page}, {"total", page->total}});
         },
         "reports of a unit and its subtree (?unit=CODE, the caller's unit by default), newest period first: "
         "?period=2025-05|2025-Q2, ?status=draft|submitted|returned|approved, ?page, ?per_page; ?format=csv|xlsx "
         "(?lang=vi|en|keys) for the whole list as a file",
         {"period", "status", "page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::post, "/api/v1/reports",
         Access::needs(Permission::kSubmitReport).scoped_body(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const auto unit = body_string(body.value, "unit");
           if (!unit) return error_response(rq.http, unit.error());
           const auto period = body_string(body.value, "period");
           if (!period) return error_response(rq.http, period.error());
           for (const auto& [name, value] : {std::pair{"unit", &*unit}, std::pair{"period", &*period}})
             if (value->empty())
               return error_response(rq.http, Error::invalid(name, std::string("thiếu trường '") + name + "'",
                                                             std::string("the field '") + name + "' is missing"));
           // "Not yours" answers as "does not exist".
           if (!rq.gate->visible(*rq.principal, ScopeKind::kUnit, *unit))
             return error_response(rq.http, Error::not_found("unit", "không tìm thấy", "not found"));
           const auto computed = ctx.reports.compute(rq.principal, *unit, *period, ctx.now());
           if (!computed) return report_error(rq.http, computed.error());
           return json_response(rq.http, computed->created ? bhttp::status::created : bhttp::status::ok,
                                reports::report_json(computed->report));
         },
         "compute a unit's report from the register: {\"unit\":\"CODE\",\"period\":\"2025-05|2025-Q2\"}; 201 with a "
         "new version (the first, or the one after an approved version, with its diff), 200 when the draft or "
         "returned version is refreshed, 409 while it is submitted"});
  r.add({bhttp::verb::get, "/api/v1/reports/{id}",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kReport, "id"),
         [&ctx](const RouteRequest& rq) { return report_reply(rq, ctx.reports.read(path_id(rq)), bhttp::status::ok); },
         "one report: columns, rows, total, history and the diff against the approved version before"});
  r.add({bhttp::verb::post, "/api/v1/reports/{id}/submit",
         Access::needs(Permission::kSubmitReport).scoped(ScopeKind::kReport, "id"), step_handler(ctx, ReportAction::kSubmit),
         "submit a draft or returned report to the level above; 409 in another state"});
  r.add({bhttp::verb::post, "/api/v1/reports/{id}/approve",
         Access::needs(Permission::kApproveReport).scoped(ScopeKind::kReport, "id"),
         step_handler(ctx, ReportAction::kApprove),
         "approve a submitted report of a unit below the caller's ({\"comment\":\"...\"} optional); it is frozen; "
         "409 unless submitted, 403 for the unit itself"});
  r.add({bhttp::verb::post, "/api/v1/reports/{id}/return",
         Access::needs(Permission::kApproveReport).scoped(ScopeKind::kReport, "id"),
         step_handler(ctx, ReportAction::kReturn),
         "return a submitted report of a unit below the caller's for correction: {\"comment\":\"...\"} required (400 "
         "without); 409 unless submitted"});
  r.add({bhttp::verb::get, "/api/v1/reports/{id}/export.xlsx",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kReport, "id"),
         [&ctx](const RouteRequest& rq) {
           const auto report = ctx.reports.read(path_id(rq));
           if (!report) return report_error(rq.http, report.error());
           auto bytes = reports::report_xlsx(*report);
           if (!bytes) return error_response(rq.http, bytes.error());
           return document_response(rq.http, kXlsxContentType, std::move(*bytes), reports::report_file_stem(*report) + ".xlsx");
         },
         "the report as .xlsx laid out like the circular's form (docs/forms.md), set up to print on A4"});
  r.add({bhttp::verb::get, "/api/v1/reports/{id}/form.html",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kReport, "id"),
         [&ctx](const RouteRequest& rq) {
           const auto report = ctx.reports.read(path_id(rq));
           if (!report) return report_error(rq.http, report.error());
           return document_response(rq.http, kHtmlType, reports::report_html(*report));
         },
         "the report's form as a printable HTML page (A4; the browser's print gives the PDF)"});
  r.add({bhttp::verb::get, "/api/v1/report-forms.html",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const std::string unit = query_value(rq.query, "unit"), period = query_value(rq.query, "period");
           for (const auto& [name, value] : {std::pair{"unit", &unit}, std::pair{"period", &period}})
             if (value->empty())
               return error_response(rq.http, Error::invalid(name, std::string("thiếu tham số '") + name + "'",
                                                             std::string("the parameter '") + name + "' is missing"));
           const auto batch = ctx.reports.commune_forms(rq.principal, unit, period, ctx.now());
           if (!batch) return error_response(rq.http, batch.error());
           return document_response(rq.http, kHtmlType, reports::reports_html(batch->forms,
                                                             std::string(batch->period.size() == 4 ? "Biểu 03-DSX các xã - "
                                                                                                 : "Báo cáo tháng các xã - ") +
                                                                 batch->unit_name + " - " +
                                                                 reports::period_in_words(batch->period),
                                                             batch->missing));
         },
         "every commune's monthly form (?period=2025-11) or yearly form 03-DSX (?period=2025) of a district "
         "(?unit=DISTRICT, both required) in one "
         "printable HTML page, each form on its own page, the latest version of each; communes without a report "
         "are listed at the end",
         {"period"}});
}

}  // namespace danso::http

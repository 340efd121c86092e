// GET /api/v1/training/coverage?unit=CODE&year=YYYY: coverage per target
// group and course against the training plans' targets, and spending
// against their budgets (aggregates); GET /api/v1/training/needs?unit=CODE
// &group=G&year=YYYY: who in the unit's groups still needs which course,
// by name (named records). app/programme/training_report.h computes both;
// the answers are the JSON of `danso training coverage|needs --format json`
// (the coverage's "children" only those in the caller's scope).
#include "app/programme/training_json.h"
#include "app/programme/training_report.h"
#include "http/api.h"

namespace danso::http {

namespace {

struct TrainingQuery {
  std::string unit;
  int year = 0;
  Date today;
};

// ?unit=CODE (the caller's own unit when absent) and ?year=YYYY (this year).
Result<TrainingQuery> training_query(const RouteRequest& rq, ApiContext& ctx) {
  TrainingQuery q;
  q.today = accounts::date_of(ctx.now());
  const auto year = year_param(rq.query, q.today.year());
  if (!year) return year.error();
  q.year = *year;
  q.unit = query_value(rq.query, "unit");
  if (q.unit.empty()) {
    const OrgUnit* own = ctx.accounts.units().find(rq.principal->unit);
    if (!own) return Error::not_found("unit", "không tìm thấy", "not found");
    q.unit = own->code;
  }
  return q;
}

}  // namespace

void add_training_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/training/coverage",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto q = training_query(rq, ctx);
           if (!q) return error_response(rq.http, q.error());
           auto report = training_coverage_report(ctx.db, q->unit, q->year, q->today);
           if (!report) return error_response(rq.http, report.error());
           for (TrainingPlanCoverage& p : report->plans)
             std::erase_if(p.children, [&](const TrainingChildCoverage& c) {
               return !ctx.accounts.unit_visible(*rq.principal, c.unit_code, q->today);
             });
           return json_response(rq.http, bhttp::status::ok, training_coverage_json(*report));
         },
         "training coverage of the unit (?unit=CODE, default the caller's) and the units below it for a year "
         "(?year=YYYY, default this year): per target group and course of each training plan covering the unit, "
         "members on the year's last day (today for this year), covered, percent against the target, met, and the same "
         "for each unit directly below it in the caller's scope (\"children\"); and the "
         "spending of the sessions the unit and those below it held against the plan's budget",
         {"year"}});
  r.add({bhttp::verb::get, "/api/v1/training/needs",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto q = training_query(rq, ctx);
           if (!q) return error_response(rq.http, q.error());
           const std::string group = query_value(rq.query, "group");
           auto needs = training_needs(ctx.db, q->unit, group, q->year, q->today);
           if (!needs) return error_response(rq.http, needs.error());
           return json_response(rq.http, bhttp::status::ok, training_needs_json(q->unit, q->year, group, *needs));
         },
         "who in the target groups of the unit (?unit=CODE, default the caller's) and the units below it still needs "
         "which course of a training plan's targets (?group=CODE for one group; ?year=YYYY, default this year): staff "
         "id, name, unit, group and course",
         {"year", "group"}});
}

}  // namespace danso::http

// Agencies' tasks and steering committees (app/programme/tasks.h):
//   GET  /api/v1/tasks?unit=CODE[&agency=A][&overdue=1]   the tasks of the unit's sets, of those above and below it
//   GET  /api/v1/tasks/{id}                                one task with every update
//   POST /api/v1/tasks/{id}/updates                        post progress (an agency member: their agency's tasks only)
//   GET  /api/v1/committees?unit=CODE                      the steering committees with their members
// A task set is seen, as a plan, by users of its unit and of every unit below.
#include "app/programme/task_json.h"
#include "app/programme/tasks.h"
#include "http/api.h"

namespace danso::http {

namespace {

std::function<bool(UnitId)> sets_visible(const Principal& p, ApiContext& ctx, Date today) {
  return [&p, &ctx, today](UnitId unit) {
    return ctx.accounts.in_scope(p, unit, today) || ctx.accounts.units().within(p.unit, unit, today);
  };
}

}  // namespace

void add_task_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/tasks",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           TaskListOptions o;
           o.unit = unit_or_own(rq, ctx);
           o.on = today;
           o.agency = query_value(rq.query, "agency");
           const std::string overdue = query_value(rq.query, "overdue");
           if (!overdue.empty() && overdue != "0" && overdue != "1")
             return error_response(rq.http, Error::invalid("overdue", "tham số 'overdue' chỉ nhận 0 hoặc 1",
                                                           "the parameter 'overdue' takes 0 or 1 only"));
           o.overdue_only = overdue == "1";
           o.visible = sets_visible(*rq.principal, ctx, today);
           auto tasks = list_tasks(ctx.db, o);
           if (!tasks) return error_response(rq.http, tasks.error());
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const TaskView& v : *tasks) list.push_back(task_view_json(v));
           nlohmann::ordered_json mine = nullptr;
           if (rq.principal->role == Role::kAgencyMember)
             if (auto a = ctx.db.read([&](Store& s) { return s.agency_of_member(rq.principal->user); })) {
               const OrgUnit* u = ctx.accounts.units().find(a->unit);
               mine = {{"unit", u ? u->code : ""}, {"agency", a->code}, {"name", a->name_vi}};
             }
           return json_response(rq.http, bhttp::status::ok,
                                nlohmann::ordered_json{{"unit", o.unit},
                                                       {"on", today.iso()},
                                                       {"my_agency", std::move(mine)},
                                                       {"agencies", agency_summary_json(summarise_by_agency(*tasks))},
                                                       {"tasks", std::move(list)}});
         },
         "the tasks of the task sets of the unit (?unit=CODE, default the caller's), of the units above it and of "
         "those below it in scope, overdue first, each with its state this year; ?agency=A for one agency's, "
         "?overdue=1 for the overdue only; a summary per agency; the caller's own agency (agency members)"});
  r.add({bhttp::verb::get, "/api/v1/tasks/{id}",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kTask, "id"),
         [&ctx](const RouteRequest& rq) {
           auto detail = task_detail(ctx.db, path_id(rq), accounts::date_of(ctx.now()));
           if (!detail)
             return error_response(rq.http, Error::not_found("id", "không có nhiệm vụ này", "no such task"));
           nlohmann::ordered_json out = task_view_json(detail->view);
           nlohmann::ordered_json updates = nlohmann::ordered_json::array();
           for (const TaskUpdateRecord& u : detail->updates) updates.push_back(task_update_json(u));
           out["history"] = std::move(updates);
           return json_response(rq.http, bhttp::status::ok, out);
         },
         "one task with its state and every progress update, oldest first"});
  r.add({bhttp::verb::post, "/api/v1/tasks/{id}/updates",
         Access::needs(Permission::kReportTasks).scoped(ScopeKind::kTask, "id"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           TaskUpdateInput in;
           in.task = path_id(rq);
           in.now = ctx.now();
           const nlohmann::json& b = body.value;
           if (!b.contains("status") || !b["status"].is_string())
             return error_response(rq.http, Error::invalid("status", "thiếu trường 'status' (in_progress, done, blocked)",
                                                           "the field 'status' (in_progress, done, blocked) is missing"));
           in.status = b["status"].get<std::string>();
           if (b.contains("note")) {
             if (!b["note"].is_string())
               return error_response(rq.http, Error::invalid("note", "'note' phải là chuỗi", "'note' must be a string"));
             in.note = b["note"].get<std::string>();
           }
           if (b.contains("year")) {
             if (!b["year"].is_number_integer() || b["year"].get<int64_t>() < 1900 || b["year"].get<int64_t>() > 2200)
               return error_response(rq.http, Error::invalid("year", "năm phải là số nguyên từ 1900 đến 2200",
                                                             "the year must be a whole number from 1900 to 2200"));
             in.year = b["year"].get<int>();
           }
           auto id = post_task_update(ctx.db, rq.principal, in);
           if (!id) return error_response(rq.http, id.error());
           auto detail = task_detail(ctx.db, in.task, accounts::date_of(in.now));
           nlohmann::ordered_json out = detail ? task_view_json(detail->view) : nlohmann::ordered_json::object();
           out["update"] = *id;
           return json_response(rq.http, bhttp::status::created, out);
         },
         "post progress on a task (audited): {\"status\": \"in_progress\"|\"done\"|\"blocked\", \"note\", \"year\"}; "
         "an agency member on their own agency's tasks only (403 otherwise); 201 with the task's new state"});
  r.add({bhttp::verb::get, "/api/v1/committees",
         Access::needs(Permission::kReadAggregates).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const std::string code = unit_or_own(rq, ctx);
           const UnitId root = ctx.accounts.resolve_unit(code, today);
           const auto visible = sets_visible(*rq.principal, ctx, today);
           const UnitTree& tree = ctx.accounts.units();
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const CommitteeRecord& c : ctx.db.read([](Store& s) { return s.committees(); })) {
             if (!visible(c.unit) || !(tree.within(c.unit, root, today) || tree.within(root, c.unit, today))) continue;
             const OrgUnit* u = tree.find(c.unit);
             list.push_back(committee_json(c, u ? u->code : ""));
           }
           return json_response(rq.http, bhttp::status::ok,
                                nlohmann::ordered_json{{"unit", code}, {"committees", std::move(list)}});
         },
         "the steering committees of the unit's task sets (?unit=CODE, default the caller's), above and below it, "
         "with their members (name, agency, position, dates)"});
}

}  // namespace danso::http

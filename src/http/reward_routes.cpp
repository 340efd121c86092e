// Rewards (app/programme/reward_run.h):
//   GET  /api/v1/rule-sets                      the rule set versions stored (danso rewards --save)
//   GET  /api/v1/reward-runs[?unit=CODE]        saved runs of units in scope, newest first
//   POST /api/v1/reward-runs                    judge a year under a stored rule set and save the run
//   GET  /api/v1/reward-runs/{id}               a saved run: payments with evidence, totals
//   GET  /api/v1/reward-runs/{id}/export.xlsx   its payment list to sign
// A run names persons and households (its beneficiaries), so reading one
// needs the register's read permission; making one, the import permission.
#include "app/export/xlsx.h"
#include "app/programme/reward_run.h"
#include "app/programme/reward_xlsx.h"
#include "http/api.h"

namespace danso::http {

namespace {

nlohmann::ordered_json run_summary(const RewardRunRecord& r) {
  return {{"id", r.id},
          {"rule_set", r.rule_set},
          {"version", r.version},
          {"year", r.year},
          {"unit", r.unit_code},
          {"payments", r.payments},
          {"total_vnd", r.total_vnd},
          {"created_at", r.created_at},
          {"register_state", r.register_state}};
}

// The body's text field `name`, required.
Result<std::string> text_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || !body[name].is_string() || body[name].get<std::string>().empty())
    return Error::invalid(name, std::string("thiếu trường '") + name + "'", std::string("the field '") + name + "' is missing");
  return body[name].get<std::string>();
}

}  // namespace

void add_reward_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/rule-sets", Access::needs(Permission::kReadAggregates),
         [&ctx](const RouteRequest& rq) {
           nlohmann::ordered_json sets = nlohmann::ordered_json::array();
           for (const RuleSetRecord& s : list_rule_sets(ctx.db))
             sets.push_back({{"id", s.id}, {"version", s.version}, {"title", s.title}, {"sha256", s.sha256},
                             {"imported_at", s.imported_at}});
           return json_response(rq.http, bhttp::status::ok, nlohmann::ordered_json{{"rule_sets", std::move(sets)}});
         },
         "the incentive and support rule set versions stored (danso rewards --save): id, version, title"});
  r.add({bhttp::verb::get, "/api/v1/reward-runs",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const std::string code = query_value(rq.query, "unit");
           const UnitId under = code.empty() ? rq.principal->unit : ctx.accounts.resolve_unit(code, today);
           nlohmann::ordered_json runs = nlohmann::ordered_json::array();
           for (const RewardRunRecord& run : list_reward_runs(ctx.db))
             if (ctx.accounts.in_scope(*rq.principal, run.unit, today) &&
                 ctx.accounts.units().within(run.unit, under, today))
               runs.push_back(run_summary(run));
           return json_response(rq.http, bhttp::status::ok, nlohmann::ordered_json{{"runs", std::move(runs)}});
         },
         "saved reward runs of the unit (?unit=CODE, default the caller's) and the units below it, newest first",
         {}});
  r.add({bhttp::verb::post, "/api/v1/reward-runs",
         Access::needs(Permission::kImport).scoped_body(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const Date today = accounts::date_of(ctx.now());
           auto unit = text_field(body.value, "unit");
           if (!unit) return error_response(rq.http, unit.error());
           if (!ctx.accounts.unit_visible(*rq.principal, *unit, today))
             return error_response(rq.http, Error::not_found("unit", "không tìm thấy", "not found"));
           auto set = text_field(body.value, "rule_set");
           if (!set) return error_response(rq.http, set.error());
           auto version = text_field(body.value, "version");
           if (!version) return error_response(rq.http, version.error());
           if (!body.value.contains("year") || !body.value["year"].is_number_integer() ||
               body.value["year"].get<int64_t>() < 1900 || body.value["year"].get<int64_t>() > 2200)
             return error_response(rq.http, Error::invalid("year", "năm phải là số nguyên từ 1900 đến 2200",
                                                           "the year must be a whole number from 1900 to 2200"));
           const int year = body.value["year"].get<int>();
           auto rules = stored_rule_set(ctx.db, *set, *version, ctx.indicators.catalogue());
           if (!rules) return error_response(rq.http, rules.error());
           auto snap = ctx.indicators.exact();
           if (!snap) return error_response(rq.http, snap.error());
           auto run = run_rewards(ctx.db, *(*snap)->pinned(), ctx.indicators.catalogue(), rules->rules,
                                  {*unit, year});
           if (!run) return error_response(rq.http, run.error());
           auto id = save_reward_run(ctx.db, *run, rules->text, ctx.now(), rq.principal);
           if (!id) return error_response(rq.http, id.error());
           nlohmann::ordered_json out = reward_run_json(*run);
           out["id"] = *id;
           return json_response(rq.http, bhttp::status::created, out);
         },
         "judge a year's rewards under a stored rule set for a unit and save the run (audited): {\"rule_set\", "
         "\"version\", \"year\", \"unit\"}; 201 with the run and its id"});
  r.add({bhttp::verb::get, "/api/v1/reward-runs/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kRewardRun, "id"),
         [&ctx](const RouteRequest& rq) {
           auto run = find_reward_run(ctx.db, path_id(rq));
           if (!run) return error_response(rq.http, run.error());
           nlohmann::ordered_json out = nlohmann::ordered_json::parse(run->result);
           out["id"] = run->id;
           out["created_at"] = run->created_at;
           return json_response(rq.http, bhttp::status::ok, out);
         },
         "a saved reward run: every payment with its evidence (figures, event ids), totals per commune and rule"});
  r.add({bhttp::verb::get, "/api/v1/reward-runs/{id}/export.xlsx",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kRewardRun, "id"),
         [&ctx](const RouteRequest& rq) {
           auto saved = find_reward_run(ctx.db, path_id(rq));
           if (!saved) return error_response(rq.http, saved.error());
           auto run = reward_run_from_json(nlohmann::json::parse(saved->result));
           if (!run) return error_response(rq.http, run.error());
           auto rules = stored_rule_set(ctx.db, saved->rule_set, saved->version, ctx.indicators.catalogue());
           if (!rules) return error_response(rq.http, rules.error());
           auto bytes = reward_payment_xlsx(*run, rules->rules);
           if (!bytes) return error_response(rq.http, bytes.error());
           Response res{bhttp::status::ok, rq.http.version()};
           res.set(bhttp::field::content_type, kXlsxContentType);
           res.set(bhttp::field::content_disposition, "attachment; filename=\"chi-tra-" + saved->unit_code + "-" +
                                                          std::to_string(saved->year) + "-" +
                                                          std::to_string(saved->id) + ".xlsx\"");
           add_security_headers(res, true);
           res.keep_alive(rq.http.keep_alive());
           res.body() = std::move(*bytes);
           res.prepare_payload();
           return res;
         },
         "a saved reward run's payment list to sign (.xlsx)"});
}

}  // namespace danso::http

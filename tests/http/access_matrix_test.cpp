// The access matrix, generated from the route table: every route of
// Router::routes(), with the parameters its Access policy declares as
// naming records (in the path, the query or the body), called
//  - without a session: 401;
//  - by a user of every role that lacks the route's permission: 403;
//  - by a user of every role that has it, with every parameter naming a
//    record of their own unit, of a child, of the parent, of a sibling and
//    of another province: inside the scope the access check passes (2xx, or
//    the handler's own 400, 409 or 403 naming a field); outside it 404 with a
//    body byte for byte that of a record that does not exist (each
//    parameter in turn, the others naming records of the caller's own);
//  - with each parameter malformed (white space, a sign, a leading zero, a
//    fraction, an exponent, a number past int64): 400 or 404, never 2xx or
//    5xx;
// and every refused request writes nothing (the rows of every table of the
// register, the accounts, the reports and the audit log, counted before
// and after). No answer names a user outside the caller's scope. A new
// route is covered as soon as it is in the table with its policy; a body
// it needs to reach its scope check can be given in kBodies below.
// Records of the register are those of register_fixture.h: for a unit, the
// ones in the village of highest code under it.
#include <set>

#include "app/formats/formats.h"
#include "app/import/record_register.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;
using http::ParamIn;
using http::ScopeKind;

enum class Relation { kOwn, kChild, kParent, kSibling, kOtherProvince };
constexpr const char* kRelationNames[] = {"own", "child", "parent", "sibling", "other province"};

// Where a role's user sits, and which unit stands in each relation to them.
struct Placement {
  std::string unit;
  std::vector<std::string> villages;
  std::map<Relation, std::string> targets;  // relation -> unit code
};

Placement placement_of(Role role) {
  if (role == Role::kCollaborator)  // scope: the assigned village only
    return {"99001",
            {"9900101"},
            {{Relation::kOwn, "9900101"},
             {Relation::kParent, "99001"},
             {Relation::kSibling, "9900102"},
             {Relation::kOtherProvince, "9800101"}}};
  return {"990",
          {},
          {{Relation::kOwn, "990"},
           {Relation::kChild, "99001"},
           {Relation::kParent, "99"},
           {Relation::kSibling, "991"},
           {Relation::kOtherProvince, "98"}}};
}

// The rest of a body that lets a write route reach the check of the
// records it names (without it the route's own 400 for a missing field
// may come first); the scoped fields are filled by the matrix.
const std::map<std::string, nlohmann::json> kBodies = {
    {"POST /api/v1/households", {{"registered_on", "2025-01-02"}, {"address", "Số 1 đường Ma Trận"}}},
    {"POST /api/v1/persons", {{"name", "Trần Thị Ma Trận"}, {"sex", "F"}, {"birth_date", "2001-02-03"}}},
    // A birth names every kind of record a slip can; the person it is
    // given is not a newborn, so the import refuses it (400) in scope.
    {"POST /api/v1/events", {{"type", "birth"}, {"date", "2024-04-10"}, {"birth_order", 1}}},
    // A correction of a slip to such a birth, refused alike in scope.
    {"PATCH /api/v1/events/{id}", {{"type", "birth"}, {"date", "2024-04-10"}, {"birth_order", 1}, {"reason", "Ghi nhầm"}}},
    {"POST /api/v1/users", {{"password", kPassword}, {"role", "viewer"}}},
    {"POST /api/v1/reports", {{"period", "2024-04"}}},
    {"PUT /api/v1/report-deadlines", {{"monthly_day", 10}}},
    {"POST /api/v1/reward-runs", {{"rule_set", "thu"}, {"version", "1"}, {"year", 2024}}},
    {"PUT /api/v1/budgets", {{"year", 2024}, {"regular_spending_vnd", 1000000000}, {"population_spending_vnd", 2000000}}},
    {"POST /api/v1/tasks/{id}/updates", {{"status", "in_progress"}, {"note", "Đang làm"}}},
    {"POST /api/v1/duplicates/merge", {{"reason", "Ghi hai lần"}}},
};

// A record that does not exist, for each kind.
std::string missing_value(ScopeKind kind) {
  return kind == ScopeKind::kUnit || kind == ScopeKind::kVillage ? "9999999" : "999999";
}

// Malformed spellings of `v` as sent in a path or query (percent-encoded)
// and in a body (JSON strings and numbers).
std::vector<std::string> malformed_in_url(const std::string& v) {
  return {"%20" + v, v + "%20", "%09" + v, v + "%09", "%2B" + v, "+" + v, "0" + v, "-" + v,
          v + ".0",  "1e3",     "99999999999999999999", "9223372036854775808", v + "%00"};
}
std::vector<nlohmann::json> malformed_in_body(const std::string& v, bool id) {
  std::vector<nlohmann::json> out = {" " + v, v + " ", "\t" + v, v + "\n", "+" + v, "0" + v, "-" + v, v + ".0", "1e3",
                                     "99999999999999999999"};
  if (id) {
    for (nlohmann::json n : {nlohmann::json(-std::stoll(v)), nlohmann::json(1e3), nlohmann::json(std::stod(v) + 0.5),
                             nlohmann::json(18446744073709551615ull)})
      out.push_back(n);
  }
  return out;
}

std::vector<std::string> path_params(const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t i = pattern.find('{'); i != std::string::npos; i = pattern.find('{', i + 1))
    out.push_back(pattern.substr(i + 1, pattern.find('}', i) - i - 1));
  return out;
}

std::string route_name(const http::Route& r) { return std::string(http::bhttp::to_string(r.method)) + " " + r.pattern; }

// One request of the matrix: the values of the route's scoped parameters.
struct Call {
  std::string target;
  nlohmann::json body;
};

class AccessMatrix : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    // One user in every unit that is a target, to be named by user routes.
    for (const char* code : {"99", "990", "991", "99001", "9900101", "9900102", "98", "9800101"})
      unit_user_[code] = add_user(std::string("nguoi.") + code + ".x", "viewer", code);
    // A staff member in every village of the register (id = the village's household).
    std::vector<StaffAssignment> staff;
    for (const auto& h : kHouseholds) {
      StaffAssignment s;
      s.id = StaffId(h.id);
      s.name = std::string("Cán Bộ ") + h.given;
      s.unit_code = h.village;
      s.unit = ctx_->accounts.resolve_unit(h.village, accounts::date_of(now_));
      s.start = Date::from_ymd_unchecked(2020, 1, 1);
      staff.push_back(s);
    }
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_staff(staff).ok());
    // A rule set the reward routes name: one rule paying each village without births.
    ASSERT_TRUE(store_->insert_rule_set({"thu", "1", "Quy tắc thử", kRuleSet, "", "2026-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  static constexpr const char* kRuleSet = R"({"format": "danso-rules/1", "id": "thu", "version": "1", "title": "Quy tắc thử",
    "free_groups": [], "rules": [{"id": "thon_khong_sinh", "name_vi": "Thôn không có trẻ sinh", "name_en": "No births",
    "valid_from": "2021-01-01", "valid_to": "2030-12-31", "beneficiary": "village",
    "condition": {"kind": "no_events", "event": "birth", "years": 1}, "amount": {"per": "unit", "vnd": 100000},
    "exempt_free_groups": false, "source_text": "thử"}]})";

  // The value naming a record of `kind` in unit `code`; `nth` tells apart
  // two parameters of the same kind (a slip's person and related person).
  std::string sample(ScopeKind kind, const std::string& code, int nth) {
    const int64_t household = household_in(last_village_under(code));
    switch (kind) {
      case ScopeKind::kUnit: return code;
      case ScopeKind::kVillage: return last_village_under(code);
      case ScopeKind::kUser: return std::to_string(unit_user_.at(code).id.value);
      case ScopeKind::kHousehold: return std::to_string(household);
      case ScopeKind::kPerson: return std::to_string(household * 10 + 2 - nth);
      case ScopeKind::kEvent: return std::to_string(100 + household % 100);
      case ScopeKind::kReport: return std::to_string(draft_report_of(code));
      case ScopeKind::kStaff: return std::to_string(household);
      case ScopeKind::kPlan: return std::to_string(plan_of(code));
      case ScopeKind::kRewardRun: return std::to_string(reward_run_of(code));
      case ScopeKind::kTask: return std::to_string(task_of(code));
      case ScopeKind::kFavourite: return std::to_string(favourite_of(code));
    }
    ADD_FAILURE() << "no sample for scope kind " << http::scope_kind_name(kind);
    return {};
  }

  // A favourite (saved analysis) of the caller when unit `code` is in their
  // scope, else of the user of unit `code`: a favourite is in the scope of
  // its owner alone.
  int64_t favourite_of(const std::string& code) {
    const Date today = accounts::date_of(now_);
    const bool mine = caller_ && ctx_->accounts.unit_visible(*caller_, code, today);
    FavouriteRecord f;
    f.user = mine ? caller_->user : unit_user_.at(code).id;
    f.name = "Phân tích " + code;
    f.spec = R"({"indicators":["tfr"],"unit":")" + code + R"(","periods":["2024"]})";
    f.created_at = f.updated_at = accounts::iso_instant(now_);
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto tx = store_->begin();
    const auto id = store_->insert_favourite(f);
    EXPECT_TRUE(id.ok() && tx.commit().ok());
    return id.ok() ? *id : 0;
  }
  std::optional<accounts::Principal> caller_;  // the role being called as

  // A task of unit `code` (one set of one agency and one task per unit).
  int64_t task_of(const std::string& code) {
    if (const auto it = tasks_.find(code); it != tasks_.end()) return it->second;
    TaskSetRecord set;
    set.id = "nv-" + code, set.unit = ctx_->accounts.resolve_unit(code, accounts::date_of(now_)), set.unit_code = code;
    set.sha256 = "-", set.imported_at = "2026-01-01T00:00:00Z";
    const AgencyRecord agency{set.unit, "y_te", "Sở Y tế thử", ""};
    TaskRecord task;
    task.task_set = set.id, task.key = "t01", task.unit = set.unit, task.agency = "y_te", task.description_vi = "Việc thử";
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto tx = store_->begin();
    EXPECT_TRUE(store_->replace_task_set(set, {&agency, 1}, {}, {&task, 1}).ok());
    EXPECT_TRUE(tx.commit().ok());
    for (const TaskRecord& t : store_->tasks())
      if (t.task_set == set.id) return tasks_[code] = t.id;
    return 0;
  }
  std::map<std::string, int64_t> tasks_;

  // A plan of unit `code` (one per unit), with no targets.
  int64_t plan_of(const std::string& code) {
    if (const auto it = plans_.find(code); it != plans_.end()) return it->second;
    PlanRecord r;
    r.plan.number = "KH-" + code, r.plan.title = "Kế hoạch thử " + code, r.plan.unit_code = code;
    r.plan.start = Date::from_ymd_unchecked(2021, 1, 1), r.plan.end = Date::from_ymd_unchecked(2030, 12, 31);
    r.unit = ctx_->accounts.resolve_unit(code, accounts::date_of(now_));
    r.imported_at = "2026-01-01T00:00:00Z";
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto tx = store_->begin();
    auto id = store_->insert_plan(r);
    EXPECT_TRUE(id.ok() && tx.commit().ok());
    return plans_[code] = id.ok() ? *id : 0;
  }
  std::map<std::string, int64_t> plans_;

  // A saved reward run of unit `code` (one per unit) under the stored rule set.
  int64_t reward_run_of(const std::string& code) {
    if (const auto it = runs_.find(code); it != runs_.end()) return it->second;
    RewardRunRecord r;
    r.rule_set = "thu", r.version = "1", r.year = 2024, r.unit_code = code;
    r.unit = ctx_->accounts.resolve_unit(code, accounts::date_of(now_));
    r.register_state = "0:", r.created_at = "2026-01-01T00:00:00Z";
    r.result = nlohmann::json{{"rule_set", "thu"}, {"version", "1"}, {"title", "Quy tắc thử"}, {"year", 2024},
                              {"unit", code}, {"register_state", "0:"}, {"rules_in_force", nlohmann::json::array()},
                              {"total_vnd", 0}, {"total_by_commune", nlohmann::json::object()},
                              {"total_by_rule", nlohmann::json::object()}, {"payments", nlohmann::json::array()}}
                   .dump();
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto tx = store_->begin();
    auto id = store_->insert_reward_run(r);
    EXPECT_TRUE(id.ok() && tx.commit().ok());
    return runs_[code] = id.ok() ? *id : 0;
  }
  std::map<std::string, int64_t> runs_;

  // A new draft report of unit `code` for each call, so that one call's
  // step (a submit) does not change what the next call finds.
  int64_t draft_report_of(const std::string& code) {
    ReportRecord rec;
    rec.unit = ctx_->accounts.resolve_unit(code, accounts::date_of(now_));
    rec.form = "commune_monthly";
    rec.period = "2024-04";
    rec.version = ++report_versions_;
    rec.status = "draft";
    rec.rows = "[]";
    rec.created_at = rec.updated_at = accounts::iso_instant(now_);
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const auto id = store_->insert_report(rec);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  // The request with each scoped parameter set to `values[i]` (a JSON
  // value for the body, text already encoded for a path or query).
  Call build(const http::Route& route, const std::vector<nlohmann::json>& values) {
    Call c{route.pattern, nullptr};
    std::string query;
    const auto base = kBodies.find(route_name(route));
    if (route.method != verb::get) c.body = base == kBodies.end() ? nlohmann::json::object() : base->second;
    if (route.pattern == "/api/v1/users" && route.method == verb::post) c.body["username"] = "moi." + std::to_string(++users_made_);
    for (size_t i = 0; i < route.access.scope.size(); ++i) {
      const http::ScopeParam& sp = route.access.scope[i];
      const nlohmann::json& v = values[i];
      const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
      switch (sp.in) {
        case ParamIn::kPath: c.target.replace(c.target.find("{" + sp.name + "}"), sp.name.size() + 2, text); break;
        case ParamIn::kQuery: query += (query.empty() ? "?" : "&") + sp.name + "=" + text; break;
        case ParamIn::kBody: c.body[sp.name] = v; break;
      }
    }
    c.target += query;
    return c;
  }

  // The values of every scoped parameter naming records of unit `code`.
  std::vector<nlohmann::json> samples(const http::Route& route, const std::string& code) {
    std::vector<nlohmann::json> out;
    std::map<ScopeKind, int> seen;
    for (const http::ScopeParam& sp : route.access.scope) {
      const std::string v = sample(sp.kind, code, seen[sp.kind]++);
      const bool number = sp.in == ParamIn::kBody && sp.kind != ScopeKind::kUnit && sp.kind != ScopeKind::kVillage;
      out.push_back(number ? nlohmann::json(std::stoll(v)) : nlohmann::json(v));
    }
    return out;
  }

  // Rows of every table a request could write, sessions aside.
  std::vector<int64_t> rows() {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    std::vector<int64_t> out;
    for (StoredTable t : {StoredTable::kHouseholds, StoredTable::kPersons, StoredTable::kEvents, StoredTable::kResidence,
                          StoredTable::kStaffAssignments, StoredTable::kUsers, StoredTable::kUserVillages,
                          StoredTable::kReports, StoredTable::kReportHistory, StoredTable::kAudit})
      out.push_back(store_->count_rows(t));
    return out;
  }

  // A request that must be refused: its answer, with nothing written.
  Reply refused(Browser* b, const http::Route& route, const Call& c, const std::string& what) {
    const std::vector<int64_t> before = rows();
    const Reply r = call(b, route.method, c.target, c.body);
    EXPECT_EQ(rows(), before) << what << ": a refused request wrote: " << r.text;
    ++calls_;
    return r;
  }

  std::map<std::string, UserRecord> unit_user_;
  int report_versions_ = 0;
  int users_made_ = 0;
  int calls_ = 0;
};

TEST_F(AccessMatrix, EveryRouteHasAPolicyThatCoversItsParameters) {
  // About the caller (their session, their second factor), no record named.
  const std::set<std::string> self_routes = {"/api/v1/session", "/api/v1/session/totp"};
  for (const http::Route& r : router_->routes()) {
    std::set<std::string> scoped;
    for (const auto& sp : r.access.scope)
      if (sp.in == ParamIn::kPath) scoped.insert(sp.name);
    for (const auto& p : path_params(r.pattern))
      EXPECT_TRUE(scoped.count(p)) << r.pattern << ": path parameter {" << p << "} has no scope";
    EXPECT_EQ(scoped.size(), path_params(r.pattern).size()) << r.pattern << ": a scoped path parameter it lacks";
    if (r.access.signed_in && !r.access.permission) {
      EXPECT_TRUE(self_routes.count(r.pattern)) << r.pattern << ": signed-in route without a permission";
    }
    if (r.method != verb::get) {
      EXPECT_TRUE(r.access.signed_in || r.pattern == "/api/v1/session") << r.pattern;
    }
    for (const auto& sp : r.access.scope)
      if (sp.in == ParamIn::kBody) {
        EXPECT_NE(r.method, verb::get) << r.pattern << ": a GET has no body";
      }
  }
  // The register's forms declare every column naming a record.
  auto declared = [&](verb method, const std::string& pattern) {
    std::set<std::string> out;
    for (const http::Route& r : router_->routes())
      if (r.method == method && r.pattern == pattern)
        for (const auto& sp : r.access.scope)
          if (sp.in == ParamIn::kBody) out.insert(sp.name);
    return out;
  };
  auto naming = [](const std::vector<std::string>& columns) {
    std::set<std::string> out;
    for (const std::string& c : columns)
      if (c != "id" && c != "citizen_id" && (c.ends_with("_id") || c.ends_with("_code") || c == "recorded_by"))
        out.insert(c);
    return out;
  };
  EXPECT_EQ(declared(verb::post, "/api/v1/households"), naming(household_form_fields(false)));
  EXPECT_EQ(declared(verb::post, "/api/v1/persons"), naming(person_form_fields(false)));
  EXPECT_EQ(declared(verb::post, "/api/v1/events"), naming(formats::event_columns().all));
  EXPECT_EQ(declared(verb::post, "/api/v1/events"),
            (std::set<std::string>{"village_code", "person_id", "related_id", "household_id", "recorded_by"}));
  EXPECT_EQ(declared(verb::patch, "/api/v1/events/{id}"), declared(verb::post, "/api/v1/events"));
}

TEST_F(AccessMatrix, EveryRouteEveryRoleEveryScopeAndMalformedIds) {
  const std::string not_found_in_path =
      R"({"error":{"code":"not_found","field":null,"message_vi":"không tìm thấy","message_en":"not found"}})";
  int unauthenticated = 0, denied = 0, inside = 0, outside = 0, malformed = 0;
  // Without a session.
  for (const http::Route& route : router_->routes()) {
    if (!route.access.signed_in) continue;
    const Call c = build(route, samples(route, "990"));
    const Reply r = refused(nullptr, route, c, route_name(route) + " without a session");
    EXPECT_EQ(r.status, 401u) << route_name(route) << ": " << r.text;
    EXPECT_EQ(r.body["error"]["code"], "unauthenticated") << route_name(route);
    ++unauthenticated;
  }
  for (const auto& role_entry : kRoles.entries()) {
    const Role role = role_entry.value;
    const Placement place = placement_of(role);
    const UserRecord me = add_user(std::string("thu.") + role_entry.code, role_entry.code, place.unit, place.villages);
    Browser b = session_for(me);
    const accounts::Principal probe{me.id, me.username, role, me.unit, me.villages, "", "", 0};
    caller_ = probe;
    const Date today = accounts::date_of(now_);
    // Usernames the caller must never see: users of units outside their scope.
    std::vector<std::string> hidden;
    for (const auto& [code, u] : unit_user_)
      if (!ctx_->accounts.in_scope(probe, u.unit, today)) hidden.push_back(u.username);
    ASSERT_FALSE(hidden.empty());
    auto no_hidden_names = [&](const Reply& r, const std::string& what) {
      for (const auto& name : hidden) EXPECT_EQ(r.text.find(name), std::string::npos) << what << " names " << name;
    };

    for (const http::Route& route : router_->routes()) {
      if (route.pattern == "/api/v1/session") continue;  // signing in and out: session_test.cpp
      const std::string who = route_name(route) + " as " + role_entry.code;
      const std::string own = place.targets.at(Relation::kOwn);
      // A role without the route's permission: 403 whatever the records named.
      if (route.access.permission && !role_may(role, *route.access.permission)) {
        for (Relation rel : {Relation::kOwn, Relation::kOtherProvince}) {
          const Call c = build(route, samples(route, place.targets.at(rel)));
          const Reply r = refused(&b, route, c, who);
          EXPECT_EQ(r.status, 403u) << who << " " << c.target << ": " << r.text;
          EXPECT_EQ(r.body["error"]["code"], "permission_denied") << who;
          EXPECT_TRUE(r.body["error"]["field"].is_null()) << who;  // the router's, before any handler
          ++denied;
        }
        continue;
      }
      // Every parameter naming records of one unit: passes inside the scope.
      for (const auto& [relation, code] : place.targets) {
        if (!ctx_->accounts.unit_visible(probe, code, today)) continue;
        if (route.access.scope.empty() && relation != Relation::kOwn) continue;
        const Call c = build(route, samples(route, code));
        const Reply r = call(&b, route.method, c.target, c.body);
        const std::string what = who + " (" + kRelationNames[int(relation)] + ") " + c.target + " " + c.body.dump();
        const bool handler_403 = r.status == 403 && !r.body["error"]["field"].is_null();
        EXPECT_TRUE((r.status >= 200 && r.status < 300) || r.status == 400 || r.status == 409 || handler_403)
            << what << ": " << r.status << " " << r.text;
        no_hidden_names(r, what);
        ++inside;
      }
      // Each parameter in turn naming a record outside the scope, the others
      // records of the caller's own: 404 exactly as for a record that does
      // not exist; and malformed: 400 or 404.
      for (size_t i = 0; i < route.access.scope.size(); ++i) {
        const http::ScopeParam& sp = route.access.scope[i];
        const std::string param = std::string(http::param_in_name(sp.in)) + " " + sp.name;
        std::vector<nlohmann::json> values = samples(route, own);
        const nlohmann::json own_value = values[i];
        values[i] = sp.in == ParamIn::kBody && own_value.is_number() ? nlohmann::json(std::stoll(missing_value(sp.kind)))
                                                                      : nlohmann::json(missing_value(sp.kind));
        const Reply none = refused(&b, route, build(route, values), who + " " + param + " missing");
        EXPECT_EQ(none.status, 404u) << who << " " << param << " missing: " << none.text;
        if (sp.in != ParamIn::kBody) {
          EXPECT_EQ(none.text, not_found_in_path) << who << " " << param;
        } else {
          EXPECT_EQ(none.body["error"]["field"], sp.name) << who << " " << param;
        }
        for (const auto& [relation, code] : place.targets) {
          if (ctx_->accounts.unit_visible(probe, code, today)) continue;
          // A plan (or a task set) of a unit above the caller's applies to
          // them: it is theirs to read (tests/http/plan_routes_test.cpp),
          // not outside the scope.
          if ((sp.kind == ScopeKind::kPlan || sp.kind == ScopeKind::kTask) &&
              ctx_->accounts.units().within(probe.unit, ctx_->accounts.resolve_unit(code, today), today))
            continue;
          values = samples(route, own);
          values[i] = samples(route, code)[i];
          const Call c = build(route, values);
          const std::string what = who + " " + param + " (" + kRelationNames[int(relation)] + ") " + c.target + " " +
                                   c.body.dump();
          const Reply r = refused(&b, route, c, what);
          EXPECT_EQ(r.status, 404u) << what << ": " << r.text;
          EXPECT_EQ(r.text, none.text) << what;
          no_hidden_names(r, what);
          ++outside;
        }
        const std::string v = own_value.is_string() ? own_value.get<std::string>() : own_value.dump();
        std::vector<nlohmann::json> bad;
        if (sp.in == ParamIn::kBody) {
          bad = malformed_in_body(v, own_value.is_number());
        } else {
          for (const std::string& m : malformed_in_url(v)) bad.push_back(m);
        }
        for (const nlohmann::json& m : bad) {
          values = samples(route, own);
          values[i] = m;
          const Call c = build(route, values);
          const std::string what = who + " " + param + " malformed " + m.dump() + ": " + c.target + " " + c.body.dump();
          const Reply r = refused(&b, route, c, what);
          EXPECT_TRUE(r.status == 400 || r.status == 404) << what << ": " << r.status << " " << r.text;
          if (sp.in == ParamIn::kBody && r.status == 400) {
            EXPECT_EQ(r.body["error"]["field"], sp.name) << what << ": " << r.text;
          }
          ++malformed;
        }
      }
    }
  }
  // Every signed-in route; 7 roles; the counts of the register's routes as
  // they stand, to notice a matrix that silently shrinks.
  EXPECT_EQ(unauthenticated, int(std::count_if(router_->routes().begin(), router_->routes().end(),
                                               [](const http::Route& r) { return r.access.signed_in; })));
  EXPECT_GT(denied, 60);
  EXPECT_GT(inside, 100);
  EXPECT_GT(outside, 300);
  EXPECT_GT(malformed, 1500);
  std::cout << "access matrix: " << calls_ << " refused calls checked for writes; " << unauthenticated
            << " unauthenticated, " << denied << " wrong role, " << inside << " in scope, " << outside
            << " out of scope, " << malformed << " malformed\n";
}

}  // namespace
}  // namespace danso::test

// The cross-unit matrix, generated from the route table: every route and
// method, called by a user of every role against a record of their own unit,
// a child, the parent, a sibling and another province. A route's scoped
// parameters are filled with a record of the target unit; the answer must be
// 403 when the role lacks the permission, 404 when the record is out of scope
// (exactly as for a record that does not exist), and the access check passed
// otherwise. No answer may name a user outside the caller's scope. Records
// of the register are those of register_fixture.h: for a unit, the ones in
// the village of highest code under it.
#include <set>

#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

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

std::vector<std::string> path_params(const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t i = pattern.find('{'); i != std::string::npos; i = pattern.find('{', i + 1))
    out.push_back(pattern.substr(i + 1, pattern.find('}', i) - i - 1));
  return out;
}

class AccessMatrix : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    // One user in every unit that is a target, to be named by user routes.
    for (const char* code : {"99", "990", "991", "99001", "9900101", "9900102", "98", "9800101"})
      unit_user_[code] = add_user(std::string("nguoi.") + code + ".x", "viewer", code);
  }

  // The value naming a record of `kind` in unit `code`.
  std::string sample(http::ScopeKind kind, const std::string& code) {
    switch (kind) {
      case http::ScopeKind::kUnit: return code;
      case http::ScopeKind::kUser: return std::to_string(unit_user_.at(code).id.value);
      case http::ScopeKind::kHousehold: return std::to_string(household_in(last_village_under(code)));
      case http::ScopeKind::kPerson: return std::to_string(household_in(last_village_under(code)) * 10 + 2);
      case http::ScopeKind::kEvent: return std::to_string(100 + household_in(last_village_under(code)) % 100);
      case http::ScopeKind::kReport: return std::to_string(draft_report_of(code));
    }
    ADD_FAILURE() << "no sample for scope kind " << http::scope_kind_name(kind);
    return {};
  }

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
    std::lock_guard<std::mutex> lock(ctx_->store_mu);
    const auto id = store_->insert_report(rec);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  std::map<std::string, UserRecord> unit_user_;
  int report_versions_ = 0;
};

TEST_F(AccessMatrix, EveryRouteHasAPolicyThatCoversItsParameters) {
  // About the caller (their session, their second factor), no record named.
  const std::set<std::string> self_routes = {"/api/v1/session", "/api/v1/session/totp"};
  for (const http::Route& r : router_->routes()) {
    std::set<std::string> scoped;
    for (const auto& sp : r.access.scope)
      if (!sp.query) scoped.insert(sp.name);
    for (const auto& p : path_params(r.pattern))
      EXPECT_TRUE(scoped.count(p)) << r.pattern << ": path parameter {" << p << "} has no scope";
    if (r.access.signed_in && !r.access.permission) {
      EXPECT_TRUE(self_routes.count(r.pattern)) << r.pattern << ": signed-in route without a permission";
    }
    if (r.method != verb::get) {
      EXPECT_TRUE(r.access.signed_in || r.pattern == "/api/v1/session") << r.pattern;
    }
  }
}

TEST_F(AccessMatrix, NoRouteLeaksAcrossUnits) {
  int checked = 0, denied = 0, allowed = 0;
  for (const auto& role_entry : kRoles.entries()) {
    const Role role = role_entry.value;
    const Placement place = placement_of(role);
    const UserRecord me = add_user(std::string("thu.") + role_entry.code, role_entry.code, place.unit, place.villages);
    // Usernames the caller must never see: users of units outside their scope.
    std::vector<std::string> hidden;
    accounts::Principal probe{me.id, me.username, role, me.unit, me.villages, "", "", 0};
    for (const auto& [code, u] : unit_user_)
      if (!ctx_->accounts.in_scope(probe, u.unit, accounts::date_of(now_))) hidden.push_back(u.username);
    EXPECT_FALSE(hidden.empty());

    for (const http::Route& route : router_->routes()) {
      if (route.pattern == "/api/v1/session") continue;  // signing in and out: session_test.cpp
      for (const auto& [relation, code] : place.targets) {
        std::string target = route.pattern;
        std::string query;
        for (const auto& sp : route.access.scope) {
          const std::string value = sample(sp.kind, code);
          if (sp.query) query += (query.empty() ? "?" : "&") + sp.name + "=" + value;
          else target.replace(target.find("{" + sp.name + "}"), sp.name.size() + 2, value);
        }
        Browser b = session_for(me);
        const nlohmann::json body = route.method == verb::get ? nlohmann::json(nullptr) : nlohmann::json::object();
        const Reply r = call(&b, route.method, target + query, body);
        const std::string what = std::string(http::bhttp::to_string(route.method)) + " " + target + query + " as " +
                                 role_entry.code + " (" + kRelationNames[int(relation)] + ")";
        ++checked;
        const bool permitted = !route.access.permission || role_may(role, *route.access.permission);
        const bool inside = ctx_->accounts.unit_visible(probe, code, accounts::date_of(now_));
        if (!permitted) {
          EXPECT_EQ(r.status, 403u) << what << ": " << r.text;
          EXPECT_EQ(r.body["error"]["code"], "permission_denied") << what;
          ++denied;
        } else if (!inside && !route.access.scope.empty()) {
          EXPECT_EQ(r.status, 404u) << what << ": " << r.text;
          EXPECT_EQ(r.text, R"({"error":{"code":"not_found","field":null,"message_vi":"không tìm thấy","message_en":"not found"}})")
              << what;
          ++denied;
        } else {
          EXPECT_NE(r.status, 401u) << what;
          EXPECT_NE(r.status, 403u) << what << ": " << r.text;
          EXPECT_NE(r.status, 404u) << what << ": " << r.text;
          ++allowed;
        }
        for (const auto& name : hidden) EXPECT_EQ(r.text.find(name), std::string::npos) << what << " names " << name;
        // The same call for a record that does not exist answers the same 404.
        if (permitted && !route.access.scope.empty() && !inside) {
          std::string missing = route.pattern;
          for (const auto& sp : route.access.scope)
            if (!sp.query) missing.replace(missing.find("{" + sp.name + "}"), sp.name.size() + 2, "999999");
          const std::string q = query.empty() ? "" : query.substr(0, query.find('=') + 1) + "999999";
          const Reply none = call(&b, route.method, missing + q, body);
          EXPECT_EQ(none.status, r.status) << what;
          EXPECT_EQ(none.text, r.text) << what;
        }
      }
    }
  }
  // 7 roles: 6 with 5 relations, the collaborator with 4; every route but the session's three.
  EXPECT_EQ(checked, (6 * 5 + 4) * int(router_->routes().size() - 3));
  EXPECT_GT(denied, 60);
  EXPECT_GT(allowed, 40);
}

}  // namespace
}  // namespace danso::test

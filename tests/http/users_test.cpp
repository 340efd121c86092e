// The users API: creating and changing users within one's scope and roles,
// and the audit entries every change leaves.
#include "http_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

nlohmann::json new_user(const std::string& name, const std::string& role, const std::string& unit) {
  return {{"username", name}, {"password", kPassword}, {"role", role}, {"unit", unit}};
}

std::string user_path(const UserRecord& u) { return "/api/v1/users/" + std::to_string(u.id.value); }

TEST_F(ApiTest, NoOneActsAboveTheirScopeOrRole) {
  const UserRecord admin = add_user("qt.tinh", "administrator", "99");
  const UserRecord province = add_user("cb.tinh", "province_staff", "99");
  const UserRecord district = add_user("cb.huyen1", "district_staff", "990");
  const UserRecord officer = add_user("vc.xa1", "commune_officer", "99001");
  const UserRecord neighbour = add_user("cb.huyen2", "district_staff", "991");
  Browser d = session_for(district), p = session_for(province), o = session_for(officer);

  // A role above one's own, or one with a right one lacks.
  Reply r = call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "administrator", "99001"));
  EXPECT_EQ(r.status, 403u);
  EXPECT_EQ(r.body["error"]["field"], "role");
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "province_staff", "99001")).status, 403u);
  EXPECT_EQ(call(&p, verb::post, "/api/v1/users", new_user("cb.leo", "administrator", "99")).status, 403u);
  // A unit outside one's subtree answers as a unit that does not exist.
  const Reply sibling = call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "viewer", "991"));
  const Reply parent = call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "viewer", "99"));
  const Reply nowhere = call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "viewer", "12345"));
  EXPECT_EQ(sibling.status, 404u);
  EXPECT_EQ(parent.status, 404u);
  EXPECT_EQ(nowhere.status, 404u);
  EXPECT_EQ(sibling.body["error"]["field"], "unit");
  EXPECT_EQ(sibling.body["error"]["message_en"], "unit not found");
  EXPECT_EQ(sibling.text, nowhere.text);  // outside the scope answers as unknown, byte for byte
  // A collaborator's villages must lie in their unit.
  auto ctv = new_user("ctv.leo", "collaborator", "99001");
  ctv["villages"] = {"9900201"};
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", ctv).status, 404u);
  ctv["villages"] = {"9900101"};
  const Reply made = call(&d, verb::post, "/api/v1/users", ctv);
  ASSERT_EQ(made.status, 201u) << made.text;
  EXPECT_EQ(made.body["user"]["villages"], nlohmann::json::array({"9900101"}));
  // Within scope and role: allowed.
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", new_user("vc.xa2", "commune_officer", "99002")).status, 201u);
  // A commune officer manages no one.
  EXPECT_EQ(call(&o, verb::post, "/api/v1/users", new_user("cb.leo", "viewer", "99001")).status, 403u);

  // Changes: no raising a role, no moving out of scope, no touching a user of a higher role.
  EXPECT_EQ(call(&d, verb::patch, user_path(officer), {{"role", "district_staff"}}).status, 200u);
  EXPECT_EQ(call(&d, verb::patch, user_path(officer), {{"role", "province_staff"}}).status, 403u);
  EXPECT_EQ(call(&d, verb::patch, user_path(officer), {{"unit", "991"}}).status, 404u);
  EXPECT_EQ(call(&p, verb::patch, user_path(admin), {{"disabled", true}}).status, 403u);
  EXPECT_EQ(call(&p, verb::patch, user_path(admin), {{"password", "Mot-mat-khau-moi-1"}}).status, 403u);
  EXPECT_EQ(call(&d, verb::patch, user_path(neighbour), {{"disabled", true}}).status, 404u);
  const Reply self = call(&d, verb::patch, user_path(district), {{"role", "province_staff"}});
  EXPECT_EQ(self.status, 403u);
  EXPECT_EQ(call(&d, verb::patch, user_path(district), {{"disabled", true}}).status, 403u);
  EXPECT_EQ(store_->find_user(officer.id)->unit, UnitId(4));
  EXPECT_EQ(store_->find_user(officer.id)->role, Role::kDistrictStaff);
  EXPECT_EQ(store_->find_user(admin.id)->disabled, false);
  EXPECT_EQ(store_->find_user(neighbour.id)->disabled, false);
  EXPECT_EQ(store_->find_user(district.id)->role, Role::kDistrictStaff);
}

// Only a user of a unit above another (or an administrator) manages them: a
// district user cannot reset the password of another user of the same
// district and sign in as them, nor create a peer, nor move a user up to
// their own unit; each may still change their own password.
TEST_F(ApiTest, OnlyAUserAboveAnotherManagesThem) {
  const UserRecord admin = add_user("qt.tinh", "administrator", "99");
  const UserRecord admin2 = add_user("qt.tinh2", "administrator", "99");
  const UserRecord district = add_user("cb.huyen1", "district_staff", "990");
  const UserRecord peer = add_user("cb.huyen1b", "district_staff", "990");
  const UserRecord viewer = add_user("xem.huyen1", "viewer", "990");
  const UserRecord officer = add_user("vc.xa1", "commune_officer", "99001");
  const UserRecord province = add_user("cb.tinh", "province_staff", "99");
  Browser d = session_for(district), p = session_for(province), a = session_for(admin);
  const int64_t audit_before = store_->count_rows(StoredTable::kAudit);
  const std::string peer_hash = store_->find_user(peer.id)->password_hash;

  // A peer of the same unit, whatever the role: 403 naming the user, nothing changed.
  for (const nlohmann::json& change : {nlohmann::json{{"password", "Mot-mat-khau-moi-1"}},
                                       nlohmann::json{{"disabled", true}}, nlohmann::json{{"role", "viewer"}}}) {
    for (const UserRecord* target : {&peer, &viewer}) {
      const Reply r = call(&d, verb::patch, user_path(*target), change);
      EXPECT_EQ(r.status, 403u) << change.dump() << " " << target->username << ": " << r.text;
      EXPECT_EQ(r.body["error"]["code"], "permission_denied");
      EXPECT_EQ(r.body["error"]["field"], "id");
      EXPECT_EQ(r.body["error"]["message_en"],
                "only a user of a unit above (or an administrator) manages the users of a unit");
    }
  }
  EXPECT_EQ(store_->find_user(peer.id)->password_hash, peer_hash);
  EXPECT_FALSE(store_->find_user(peer.id)->disabled);
  Browser taken;
  EXPECT_EQ(sign_in(taken, "cb.huyen1b", "Mot-mat-khau-moi-1").status, 401u);
  // Nor a new peer, nor a user moved up to one's own unit.
  Reply r = call(&d, verb::post, "/api/v1/users", new_user("cb.huyen1c", "district_staff", "990"));
  EXPECT_EQ(r.status, 403u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "unit");
  r = call(&d, verb::patch, user_path(officer), {{"unit", "990"}});
  EXPECT_EQ(r.status, 403u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "unit");
  EXPECT_FALSE(store_->find_user_by_name("cb.huyen1c"));
  EXPECT_EQ(store_->find_user(officer.id)->unit, UnitId(4));
  EXPECT_EQ(store_->count_rows(StoredTable::kAudit), audit_before);

  // A user of a unit below: theirs to manage.
  EXPECT_EQ(call(&d, verb::patch, user_path(officer), {{"password", "Mat-khau-cho-xa-4"}}).status, 200u);
  // One's own password, through the same route (it ends one's sessions).
  r = call(&d, verb::patch, user_path(district), {{"password", "Mat-khau-cua-toi-2"}});
  EXPECT_EQ(r.status, 200u) << r.text;
  Browser self;
  EXPECT_EQ(sign_in(self, "cb.huyen1", "Mat-khau-cua-toi-2").status, 200u);
  // From a unit above: the province manages the district's users; an
  // administrator manages another administrator of the same unit.
  EXPECT_EQ(call(&p, verb::patch, user_path(peer), {{"password", "Mat-khau-tu-tinh-3"}}).status, 200u);
  EXPECT_EQ(call(&p, verb::patch, user_path(province), {{"disabled", true}}).status, 403u);  // itself
  EXPECT_EQ(call(&a, verb::patch, user_path(admin2), {{"disabled", true}}).status, 200u);
  EXPECT_TRUE(store_->find_user(admin2.id)->disabled);
}

TEST_F(ApiTest, UsersAreListedWithinTheCallersSubtree) {
  add_user("qt.tinh", "administrator", "99");
  const UserRecord district = add_user("cb.huyen1", "district_staff", "990");
  add_user("vc.xa1", "commune_officer", "99001");
  add_user("vc.xa2", "commune_officer", "99002");
  add_user("cb.huyen2", "district_staff", "991");
  add_user("cb.khac", "province_staff", "98");
  Browser d = session_for(district);
  const Reply all = call(&d, verb::get, "/api/v1/users");
  ASSERT_EQ(all.status, 200u);
  std::vector<std::string> names;
  for (const auto& u : all.body["users"]) names.push_back(u["username"]);
  EXPECT_EQ(names, (std::vector<std::string>{"cb.huyen1", "vc.xa1", "vc.xa2"}));
  EXPECT_EQ(all.body["total"], 3);
  const Reply one = call(&d, verb::get, "/api/v1/users?unit=99002");
  ASSERT_EQ(one.status, 200u);
  ASSERT_EQ(one.body["users"].size(), 1u);
  EXPECT_EQ(one.body["users"][0]["username"], "vc.xa2");
  const Reply page = call(&d, verb::get, "/api/v1/users?offset=1&limit=1");
  ASSERT_EQ(page.body["users"].size(), 1u);
  EXPECT_EQ(page.body["users"][0]["username"], "vc.xa1");
  EXPECT_EQ(call(&d, verb::get, "/api/v1/users?unit=991").status, 404u);
  EXPECT_EQ(call(&d, verb::get, "/api/v1/users?unit=00000").status, 404u);
}

TEST_F(ApiTest, EveryWriteLeavesAnAuditEntryWithBeforeAndAfter) {
  const UserRecord admin = add_user("qt.tinh", "administrator", "99");
  const UserRecord district = add_user("cb.huyen1", "district_staff", "990");
  Browser a;
  ASSERT_EQ(sign_in(a, "qt.tinh", kPassword).status, 200u);
  const Reply made = call(&a, verb::post, "/api/v1/users", new_user("vc.xa1", "commune_officer", "99001"));
  ASSERT_EQ(made.status, 201u);
  const int64_t id = made.body["user"]["id"];
  now_ += 60;
  ASSERT_EQ(call(&a, verb::patch, "/api/v1/users/" + std::to_string(id), {{"disabled", true}}).status, 200u);
  ASSERT_EQ(call(&a, verb::delete_, "/api/v1/session").status, 200u);
  ASSERT_EQ(sign_in(a, "qt.tinh", kPassword).status, 200u);

  const Reply log = call(&a, verb::get, "/api/v1/audit?limit=4");
  ASSERT_EQ(log.status, 200u) << log.text;
  const auto& e = log.body["entries"];
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0]["action"], "sign_in");
  EXPECT_EQ(e[1]["action"], "sign_out");
  EXPECT_EQ(e[2]["action"], "update");
  EXPECT_EQ(e[2]["kind"], "user");
  EXPECT_EQ(e[2]["record"], std::to_string(id));
  EXPECT_EQ(e[2]["actor"], "qt.tinh");
  EXPECT_EQ(e[2]["actor_id"], admin.id.value);
  EXPECT_EQ(e[2]["at"], "2025-06-15T15:07:40Z");
  EXPECT_EQ(e[2]["before"]["disabled"], false);
  EXPECT_EQ(e[2]["after"]["disabled"], true);
  EXPECT_EQ(e[3]["action"], "create");
  EXPECT_TRUE(e[3]["before"].is_null());
  EXPECT_EQ(e[3]["after"]["username"], "vc.xa1");
  EXPECT_EQ(e[3]["after"]["role"], "commune_officer");
  EXPECT_EQ(log.body["next_before"], e[3]["seq"]);
  // Entries: 2 users by the command line, sign in, create, update, sign out, sign in.
  EXPECT_EQ(store_->count_rows(StoredTable::kAudit), 7);
  const Reply kinds = call(&a, verb::get, "/api/v1/audit?kind=user");
  EXPECT_EQ(kinds.body["entries"].size(), 4u);
  // Only administrators read it.
  Browser d = session_for(district);
  EXPECT_EQ(call(&d, verb::get, "/api/v1/audit").status, 403u);
}

TEST_F(ApiTest, RefusedChangesWriteNothing) {
  add_user("qt.tinh", "administrator", "99");
  const UserRecord district = add_user("cb.huyen1", "district_staff", "990");
  Browser d = session_for(district);
  const int64_t before = store_->count_rows(StoredTable::kAudit);
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "administrator", "99001")).status, 403u);
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "viewer", "990")).status, 403u);  // a peer
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", new_user("qt.tinh", "viewer", "99001")).status, 409u);
  EXPECT_EQ(call(&d, verb::post, "/api/v1/users", new_user("cb.leo", "viewer", "99001")).status, 201u);
  EXPECT_EQ(store_->count_rows(StoredTable::kAudit), before + 1);
  EXPECT_EQ(store_->count_rows(StoredTable::kUsers), 3);
}

}  // namespace
}  // namespace danso::test

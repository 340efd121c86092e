// Information slips and indicators through the API, on the register of
// register_fixture.h: listing events, recording one (checked as the events
// import checks a row, audited in the same transaction), its validation
// errors, and the indicators' JSON, which is that of `danso indicators` and
// follows a recorded slip.
#include "app/accounts/audit_chain.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class EventRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900102"}));
    viewer_ = session_for(add_user("chi.xem", "viewer", "99"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Reply post(Browser& b, const nlohmann::json& body) { return call(&b, verb::post, "/api/v1/events", body); }
  static nlohmann::json death_of_1021() {
    return {{"type", "death"}, {"date", "2025-06-01"}, {"village_code", "9900102"}, {"person_id", 1021},
            {"place", "tại nhà"}};
  }
  Browser officer_, collaborator_, viewer_;
};

TEST_F(EventRoutes, EventsOfAUnitFilteredByDateAndType) {
  Reply r = get(officer_, "/api/v1/events?unit=99001");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 5);
  // By date, then id.
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{101, 102, 106, 107, 1}));
  const auto& birth = r.body["events"][4];
  EXPECT_EQ(birth["type"], "birth");
  EXPECT_EQ(birth["date"], "2024-04-10");
  EXPECT_EQ(birth["village"], "9900101");
  EXPECT_EQ(birth["person_id"], 1013);
  EXPECT_EQ(birth["related_id"], 1012);
  EXPECT_EQ(birth["birth_order"], 1);
  EXPECT_EQ(birth["person_name"], "Nguyễn Văn Mẫu Con");
  EXPECT_TRUE(birth["related_name"].is_string());
  EXPECT_EQ(r.body["events"][0]["related_name"], nullptr);  // a slip naming one person
  EXPECT_EQ(r.body["events"][0]["method"], "pill");

  r = get(officer_, "/api/v1/events?unit=99001&type=birth");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{1}));
  r = get(officer_, "/api/v1/events?from=2024-03-01&to=2024-12-31");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{1}));
  r = get(officer_, "/api/v1/events?to=2024-02-01&per_page=2&page=2");
  EXPECT_EQ(r.body["total"], 4);
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{106, 107}));
  r = get(collaborator_, "/api/v1/events");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{102}));

  r = get(officer_, "/api/v1/events/1");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["event"]["household_id"], 101);
  EXPECT_EQ(get(collaborator_, "/api/v1/events/1").status, 404u);

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"type=born", "type"}, {"from=2024-13-01", "from"}, {"to=yesterday", "to"}, {"page=0", "page"}}) {
    r = get(officer_, "/api/v1/events?" + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.body["error"]["field"], field) << query << ": " << r.text;
  }
}

TEST_F(EventRoutes, RecordingASlipWritesTheEventAndItsAuditEntry) {
  Reply r = post(collaborator_, death_of_1021());
  ASSERT_EQ(r.status, 201u) << r.text;
  const auto& e = r.body["event"];
  EXPECT_EQ(e["id"], 108);  // the next after the register's highest
  EXPECT_EQ(e["type"], "death");
  EXPECT_EQ(e["date"], "2025-06-01");
  EXPECT_EQ(e["village"], "9900102");
  EXPECT_EQ(e["person_id"], 1021);
  EXPECT_EQ(e["place"], "tại nhà");
  EXPECT_EQ(e["recorded_on"], "2025-06-15");  // the server's day

  r = get(officer_, "/api/v1/events?unit=9900102&type=death");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{108}));

  // The audit entry, written with the event.
  std::vector<AuditRecord> entries;
  store_->for_each_audit([&](const AuditRecord& a) { entries.push_back(a); });
  ASSERT_FALSE(entries.empty());
  const AuditRecord& last = entries.back();
  EXPECT_EQ(last.action, "create");
  EXPECT_EQ(last.kind, "event");
  EXPECT_EQ(last.record, "108");
  EXPECT_EQ(last.actor_name, "ctv.thon");
  EXPECT_EQ(nlohmann::json::parse(last.after)["person_id"], 1021);

  // The same death again: the import's rule for a second death.
  r = post(collaborator_, death_of_1021());
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "person_id");
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("another death"), std::string::npos) << r.text;
}

TEST_F(EventRoutes, ASlipNamesTheSignedInCollaboratorAsWhoRecordedIt) {
  import("staff.csv",
         "id,name,sex,role,unit_code,duties,start,end\n"
         "7,Hà Thị Mẫu Ghi,F,collaborator,9900102,population,2022-01-01,\n"
         "8,Lý Văn Mẫu Khác,M,collaborator,9900101,population,2022-01-01,\n"
         "9,Đỗ Văn Mẫu Tỉnh Khác,M,collaborator,9800101,population,2022-01-01,\n",
         ImportKind::kStaff);
  // Not linked yet: no one is named.
  Reply r = post(collaborator_, death_of_1021());
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_TRUE(r.body["event"]["recorded_by"].is_null()) << r.text;
  ASSERT_TRUE(call(&collaborator_, verb::post, "/api/v1/events/" + std::to_string(r.body["event"]["id"].get<int64_t>()) +
                                                   "/cancel", {{"reason", "Thử"}})
                  .status == 200u);
  // A staff member outside the user's villages cannot be linked.
  auto st = ctx_->accounts.set_user_staff(nullptr, "ctv.thon", StaffId(8), now_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field, "staff");
  EXPECT_FALSE(ctx_->accounts.set_user_staff(nullptr, "ctv.thon", StaffId(9), now_).ok());
  ASSERT_TRUE(ctx_->accounts.set_user_staff(nullptr, "ctv.thon", StaffId(7), now_).ok());
  r = post(collaborator_, death_of_1021());
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["event"]["recorded_by"], 7);
  EXPECT_EQ(r.body["event"]["recorded_on"], "2025-06-15");
  // A slip that names who recorded it keeps that.
  nlohmann::json card = {{"type", "health_insurance_card"}, {"date", "2025-06-02"}, {"village_code", "9900102"},
                         {"person_id", 1022}, {"recorded_by", 7}};
  r = post(officer_, card);
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["event"]["recorded_by"], 7);
  // The officer is linked to no one: their slip names no one.
  card.erase("recorded_by");
  card["date"] = "2025-06-03";
  r = post(officer_, card);
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_TRUE(r.body["event"]["recorded_by"].is_null());
  // The link is audited; 0 removes it.
  int links = 0;
  store_->for_each_audit([&](const AuditRecord& a) { links += a.action == "link_staff"; });
  EXPECT_EQ(links, 1);
  ASSERT_TRUE(ctx_->accounts.set_user_staff(nullptr, "ctv.thon", StaffId(), now_).ok());
  EXPECT_FALSE(ctx_->accounts.staff_of(store_->find_user_by_name("ctv.thon")->id).has_value());
}

TEST_F(EventRoutes, SlipValidationErrors) {
  struct Case {
    nlohmann::json change;
    unsigned status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"type", nullptr}}, 400, "type"},
      {{{"type", "born"}}, 400, "type"},
      {{{"date", "2025-07-01"}}, 400, "date"},             // after today
      {{{"person_id", 1013}, {"village_code", "9900101"}, {"date", "2024-01-01"}}, 400, "date"},  // before the birth
      {{{"date", "01/06/2025"}}, 400, "date"},
      {{{"birth_order", 2}}, 400, "birth_order"},          // not a death's column
      {{{"village_code", "9900101"}}, 400, "village_code"},  // the person lives in 9900102
      {{{"id", 5}}, 400, "id"},
      {{{"colour", "blue"}}, 400, "colour"},
      {{{"place", nlohmann::json::array()}}, 400, "place"},
      {{{"person_id", 1051}}, 404, "person_id"},           // another province's person
      {{{"person_id", 99999}}, 404, "person_id"},
      {{{"village_code", "9800101"}}, 404, "village_code"},
  };
  for (const Case& c : cases) {
    nlohmann::json body = death_of_1021();
    for (const auto& [k, v] : c.change.items()) body[k] = v;
    if (body["type"].is_null()) body.erase("type");
    const Reply r = post(officer_, body);
    EXPECT_EQ(r.status, c.status) << body.dump() << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], c.field) << body.dump() << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty()) << body.dump();
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty()) << body.dump();
  }
  // Nothing was written, nor audited.
  EXPECT_EQ(get(officer_, "/api/v1/events?type=death").body["total"], 0);
  int events_audited = 0;
  store_->for_each_audit([&](const AuditRecord& a) { events_audited += a.kind == "event"; });
  EXPECT_EQ(events_audited, 0);
  // Not JSON, no CSRF token, no right to write.
  EXPECT_EQ(call(&officer_, verb::post, "/api/v1/events", nullptr).status, 415u);
  EXPECT_EQ(call(&officer_, verb::post, "/api/v1/events", death_of_1021(), false).status, 403u);
  EXPECT_EQ(post(viewer_, death_of_1021()).status, 403u);
}

// A slip is checked against the person's own events (read for the slip
// alone, not with the whole register): a second death, a second birth of
// the same child, an event after the death.
TEST_F(EventRoutes, SlipsAreCheckedAgainstThePersonsEarlierEvents) {
  ASSERT_EQ(post(officer_, death_of_1021()).status, 201u);
  struct Case {
    nlohmann::json body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {death_of_1021(), "person_id"},
      {{{"type", "birth"}, {"date", "2024-04-10"}, {"village_code", "9900101"}, {"person_id", 1013},
        {"related_id", 1012}, {"household_id", 101}, {"birth_order", 1}},
       "person_id"},
      {{{"type", "health_insurance_card"}, {"date", "2025-06-05"}, {"village_code", "9900102"}, {"person_id", 1021}},
       "date"},
  };
  for (const Case& c : cases) {
    const Reply r = post(officer_, c.body);
    EXPECT_EQ(r.status, 400u) << c.body.dump() << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], c.field) << c.body.dump() << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty()) << c.body.dump();
  }
  // The spouse, alive and living in the village, can still be recorded.
  const Reply ok = post(officer_, {{"type", "pregnancy"}, {"date", "2025-06-05"}, {"village_code", "9900102"},
                                   {"person_id", 1022}});
  EXPECT_EQ(ok.status, 201u) << ok.text;
  EXPECT_EQ(get(officer_, "/api/v1/events?unit=9900102&type=death").body["total"], 1);
  // The same slip sent twice is refused, not counted twice; the same slip of
  // another day is a slip of its own.
  const Reply again = post(officer_, {{"type", "pregnancy"}, {"date", "2025-06-05"}, {"village_code", "9900102"},
                                      {"person_id", 1022}});
  EXPECT_EQ(again.status, 400u) << again.text;
  EXPECT_EQ(again.body["error"]["field"], "type") << again.text;
  EXPECT_NE(again.body["error"]["message_en"].get<std::string>().find("duplicate slip: event " +
                                                                      std::to_string(ok.body["event"]["id"].get<int>())),
            std::string::npos)
      << again.text;
  EXPECT_NE(again.body["error"]["message_vi"].get<std::string>().find("trùng phiếu"), std::string::npos);
  EXPECT_EQ(get(officer_, "/api/v1/events?unit=9900102&type=pregnancy&from=2025-06-05&to=2025-06-05").body["total"], 1);
  EXPECT_EQ(post(officer_, {{"type", "pregnancy"}, {"date", "2025-06-06"}, {"village_code", "9900102"},
                            {"person_id", 1022}})
                .status,
            201u);
}

// A slip is corrected with a reason, by the collaborator who recorded it or
// the commune officer, as a new version checked as a whole; the old one is
// kept in its history and the figures follow the new one.
TEST_F(EventRoutes, ASlipIsCorrectedWithAReasonAsANewVersion) {
  Browser other = session_for(add_user("ctv.khac", "collaborator", "99001", {"9900102"}));
  const auto patch = [&](Browser& b, int64_t id, const nlohmann::json& body) {
    return call(&b, verb::patch, "/api/v1/events/" + std::to_string(id), body);
  };
  const Reply made = post(collaborator_, {{"type", "pregnancy"}, {"date", "2025-06-05"}, {"village_code", "9900102"},
                                          {"person_id", 1022}});
  ASSERT_EQ(made.status, 201u) << made.text;
  const int64_t id = made.body["event"]["id"].get<int64_t>();

  // The reason is required; another collaborator may not correct it.
  Reply r = patch(officer_, id, {{"date", "2025-06-04"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "reason");
  r = patch(other, id, {{"date", "2025-06-04"}, {"reason", "Ghi nhầm ngày"}});
  EXPECT_EQ(r.status, 403u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "id");
  // Outside the caller's villages: as missing.
  EXPECT_EQ(patch(collaborator_, 1, {{"place", "x"}, {"reason", "Ghi nhầm"}}).status, 404u);

  r = patch(officer_, id, {{"date", "2025-06-04"}, {"reason", "  Ghi nhầm ngày "}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["event"]["id"], id);
  EXPECT_EQ(r.body["event"]["date"], "2025-06-04");
  EXPECT_EQ(get(officer_, "/api/v1/events/" + std::to_string(id)).body["event"]["date"], "2025-06-04");
  EXPECT_EQ(get(officer_, "/api/v1/events?unit=9900102&type=pregnancy&from=2025-06-05&to=2025-06-05").body["total"], 0);

  // The author corrects their own slip too.
  r = patch(collaborator_, id, {{"outcome", "live_birth"}, {"reason", "Đã sinh"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["event"]["outcome"], "live_birth");
  EXPECT_EQ(r.body["event"]["date"], "2025-06-04");

  // A correction the register refuses leaves the slip as it was.
  // (here: it would be the same slip as another of the next day).
  ASSERT_EQ(post(officer_, {{"type", "pregnancy"}, {"date", "2025-06-06"}, {"village_code", "9900102"},
                            {"person_id", 1022}})
                .status,
            201u);
  r = patch(officer_, id, {{"date", "2025-06-06"}, {"reason", "Thử"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "type") << r.text;
  EXPECT_NE(r.text.find("duplicate slip"), std::string::npos) << r.text;
  EXPECT_EQ(get(officer_, "/api/v1/events/" + std::to_string(id)).body["event"]["date"], "2025-06-04");

  // Its versions, oldest first, with who, when and why.
  r = get(viewer_, "/api/v1/events/" + std::to_string(id) + "/history");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto& v = r.body["versions"];
  ASSERT_EQ(v.size(), 3u) << r.text;
  EXPECT_EQ(v[0]["version"], 1);
  EXPECT_EQ(v[0]["action"], "create");
  EXPECT_EQ(v[0]["by"], "ctv.thon");
  EXPECT_EQ(v[0]["reason"], nullptr);
  EXPECT_EQ(v[0]["event"]["date"], "2025-06-05");
  EXPECT_EQ(v[1]["action"], "update");
  EXPECT_EQ(v[1]["by"], "vien.chuc.xa");
  EXPECT_EQ(v[1]["reason"], "Ghi nhầm ngày");
  EXPECT_EQ(v[1]["event"]["date"], "2025-06-04");
  EXPECT_EQ(v[1]["event"]["outcome"], nullptr);
  EXPECT_EQ(v[2]["by"], "ctv.thon");
  EXPECT_EQ(v[2]["event"]["outcome"], "live_birth");
  EXPECT_EQ(get(collaborator_, "/api/v1/events/1/history").status, 404u);
}

// A death's corrected date moves the end of the person's residence: what
// the register refuses after the death follows the new date.
TEST_F(EventRoutes, ACorrectedDeathDateMovesTheEndOfResidence) {
  const Reply death = post(officer_, death_of_1021());
  ASSERT_EQ(death.status, 201u) << death.text;
  const nlohmann::json pregnancy = {{"type", "health_insurance_card"}, {"date", "2025-05-25"}, {"village_code", "9900102"},
                                    {"person_id", 1021}};
  Reply r = call(&officer_, verb::patch, "/api/v1/events/" + std::to_string(death.body["event"]["id"].get<int64_t>()),
                 {{"date", "2025-05-20"}, {"reason", "Ngày mất đúng là 20/05"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  r = post(officer_, pregnancy);
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "date") << r.text;
  EXPECT_NE(r.text.find("2025-05-20"), std::string::npos) << r.text;
}

// A birth declared in one step: the child added to the mother's household
// and the birth recorded together, or neither.
TEST_F(EventRoutes, ABirthIsDeclaredInOneStepWithItsChild) {
  const Reply mother = get(officer_, "/api/v1/persons/1012");
  ASSERT_EQ(mother.status, 200u) << mother.text;
  const int64_t household = mother.body["person"]["household_id"].get<int64_t>();
  const nlohmann::json slip = {{"type", "birth"}, {"date", "2025-06-10"}, {"village_code", "9900101"},
                               {"related_id", 1012}, {"birth_order", 2}, {"place", "trạm y tế"}};
  // A problem of the child's fields writes nothing, and says where.
  nlohmann::json bad = slip;
  bad["child"] = {{"name", "Nguyễn Thị Bé"}, {"sex", "X"}};
  Reply r = post(officer_, bad);
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "child.sex") << r.text;
  // A problem of the slip writes no child either.
  // (here: the mother named is a man).
  bad = slip;
  bad["related_id"] = 1011;
  bad["child"] = {{"name", "Nguyễn Thị Bé"}, {"sex", "F"}};
  const int64_t persons_before = store_->count_rows(StoredTable::kPersons);
  r = post(officer_, bad);
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "related_id") << r.text;
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons_before);
  // A person_id with a child is refused.
  bad = slip;
  bad["person_id"] = 1013;
  bad["child"] = {{"name", "Nguyễn Thị Bé"}, {"sex", "F"}};
  EXPECT_EQ(post(officer_, bad).body["error"]["field"], "person_id");

  nlohmann::json good = slip;
  good["child"] = {{"name", "Nguyễn Thị Bé"}, {"sex", "F"}};
  r = post(officer_, good);
  ASSERT_EQ(r.status, 201u) << r.text;
  const nlohmann::json child = r.body["child"];
  EXPECT_EQ(child["name"], "Nguyễn Thị Bé");
  EXPECT_EQ(child["birth_date"], "2025-06-10");
  EXPECT_EQ(child["registered_on"], "2025-06-10");
  EXPECT_EQ(child["household_id"], household);
  EXPECT_EQ(child["relation"], "child");
  EXPECT_EQ(r.body["event"]["person_id"], child["id"]);
  EXPECT_EQ(r.body["event"]["related_id"], 1012);
  EXPECT_EQ(r.body["event"]["birth_order"], 2);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons_before + 1);
  // The child lives in the mother's household, and both writes are audited.
  const Reply h = get(officer_, "/api/v1/households/" + std::to_string(household));
  bool member = false;
  for (const auto& m : h.body["household"]["members"]) member = member || m["id"] == child["id"];
  EXPECT_TRUE(member) << h.text;
  std::vector<std::string> kinds;
  store_->for_each_audit([&](const AuditRecord& a) { kinds.push_back(a.kind + ":" + a.action); });
  ASSERT_GE(kinds.size(), 2u);
  EXPECT_EQ(kinds[kinds.size() - 2], "person:create");
  EXPECT_EQ(kinds.back(), "event:create");
  // The birth cancelled: the child it brought into the register goes with
  // it (no other slip names them), the removal audited with the slip; the
  // register's check reads both removals as audited.
  const std::string child_id = std::to_string(child["id"].get<int64_t>());
  r = call(&officer_, verb::post, "/api/v1/events/" + std::to_string(r.body["event"]["id"].get<int64_t>()) + "/cancel",
           {{"reason", "Ghi nhầm: không có ca sinh này"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["child_removed"], child["id"]);
  EXPECT_EQ(get(officer_, "/api/v1/persons/" + child_id).status, 404u);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons_before);
  std::string after;
  store_->for_each_audit([&](const AuditRecord& a) { if (a.action == "cancel") after = a.after; });
  EXPECT_EQ(nlohmann::json::parse(after)["child_removed"]["name"], "Nguyễn Thị Bé");
  EXPECT_TRUE(accounts::verify_records(*store_, 10).problems.empty());
  // A birth whose child has other slips keeps the child: here the birth of
  // 1013 (event 1) once 1013 has a slip of their own.
  ASSERT_EQ(post(officer_, {{"type", "health_insurance_card"}, {"date", "2025-01-02"}, {"village_code", "9900101"},
                            {"person_id", 1013}}).status, 201u);
  r = call(&officer_, verb::post, "/api/v1/events/1/cancel", {{"reason", "Thử"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_FALSE(r.body.contains("child_removed"));
  EXPECT_EQ(get(officer_, "/api/v1/persons/1013").status, 200u);
}

// A slip is cancelled with a reason: removed, every list and check
// following, its removal audited so the register's check reads no deleted
// record.
TEST_F(EventRoutes, ASlipIsCancelledWithAReason) {
  Browser other = session_for(add_user("ctv.khac", "collaborator", "99001", {"9900102"}));
  const Reply death = post(collaborator_, death_of_1021());
  ASSERT_EQ(death.status, 201u) << death.text;
  const std::string id = std::to_string(death.body["event"]["id"].get<int64_t>());
  const std::string cancel = "/api/v1/events/" + id + "/cancel";
  Reply r = call(&collaborator_, verb::post, cancel, nlohmann::json::object());
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "reason");
  EXPECT_EQ(call(&other, verb::post, cancel, {{"reason", "Nhầm người"}}).status, 403u);
  EXPECT_EQ(call(&collaborator_, verb::post, "/api/v1/events/1/cancel", {{"reason", "x"}}).status, 404u);
  // While the death stands, the person has no later slip.
  const nlohmann::json card = {{"type", "health_insurance_card"}, {"date", "2025-06-05"}, {"village_code", "9900102"},
                               {"person_id", 1021}};
  EXPECT_EQ(post(officer_, card).status, 400u);

  const RecordScan before = store_->scan_records(10);
  r = call(&collaborator_, verb::post, cancel, {{"reason", "Nhầm người"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["cancelled"]["type"], "death");
  EXPECT_EQ(get(officer_, "/api/v1/events/" + id).status, 404u);
  EXPECT_EQ(get(officer_, "/api/v1/events?unit=9900102&type=death").body["total"], 0);
  // Alive again in the register: a later slip is taken, under a new id:
  // the cancelled slip's id stays its own.
  r = post(officer_, card);
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["event"]["id"], std::stoll(id) + 1);
  // The cancellation is audited with the slip and the reason, and the
  // register's check reads the removal as audited.
  std::vector<AuditRecord> entries;
  store_->for_each_audit([&](const AuditRecord& a) { entries.push_back(a); });
  const auto c = std::find_if(entries.begin(), entries.end(), [](const AuditRecord& a) { return a.action == "cancel"; });
  ASSERT_NE(c, entries.end());
  EXPECT_EQ(c->record, id);
  EXPECT_EQ(nlohmann::json::parse(c->before)["type"], "death");
  EXPECT_EQ(nlohmann::json::parse(c->after)["reason"], "Nhầm người");
  const RecordScan scan = store_->scan_records(10);
  EXPECT_EQ(scan.deleted, 0);
  EXPECT_EQ(scan.changed, 0);
  EXPECT_EQ(scan.added, before.added);  // the fixture's own rows
  const accounts::RecordsCheck check = accounts::verify_records(*store_, 10);
  EXPECT_TRUE(check.problems.empty()) << (check.problems.empty() ? "" : check.problems[0].en);
  EXPECT_TRUE(accounts::verify_audit(*store_).ok);
}

TEST_F(EventRoutes, IndicatorsAreThoseOfTheCommandAndFollowASlip) {
  Reply r = get(viewer_, "/api/v1/indicators?unit=99001&period=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const auto snap = analytics::RegisterSnapshot::load(*store_);
    const auto catalogue = analytics::IndicatorCatalogue::defaults();
    IndicatorReporter reporter(snap, catalogue);
    const auto expected = reporter.report("99001", Period::parse("2024").value(), false);
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(r.text, expected->dump());
  }
  EXPECT_EQ(r.body["unit"], "99001");
  EXPECT_EQ(r.body["indicators"]["births"]["value"], 1);

  r = get(viewer_, "/api/v1/indicators?unit=990&period=2024&children=1");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_TRUE(r.body.is_array());
  ASSERT_EQ(r.body.size(), 2u);
  EXPECT_EQ(r.body[0]["unit"], "99001");
  EXPECT_EQ(r.body[0]["indicators"]["births"]["value"], 1);
  EXPECT_EQ(r.body[1]["unit"], "99002");
  EXPECT_EQ(r.body[1]["indicators"]["births"]["value"], 0);

  r = get(viewer_, "/api/v1/indicators?unit=9900102&period=2025");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["indicators"]["deaths"]["value"], 0);
  const uint64_t loads = ctx_->indicators.loads(), updates = ctx_->indicators.updates();
  ASSERT_EQ(post(officer_, death_of_1021()).status, 201u);
  // The slip is applied to the figures in place, without a reload: the
  // writer's next answer waits for it and counts the death.
  r = get(officer_, "/api/v1/indicators?unit=9900102&period=2025");
  EXPECT_EQ(r.header("X-Danso-Figures"), "");
  EXPECT_EQ(r.body["indicators"]["deaths"]["value"], 1) << r.text;
  EXPECT_EQ(ctx_->indicators.updates(), updates + 1);
  EXPECT_EQ(ctx_->indicators.loads(), loads);
  // And so does anybody else's, at once and not marked stale.
  r = get(viewer_, "/api/v1/indicators?unit=9900102&period=2025");
  EXPECT_EQ(r.header("X-Danso-Figures"), "");
  EXPECT_EQ(r.body["indicators"]["deaths"]["value"], 1) << r.text;

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"unit=99001", "period"}, {"unit=99001&period=2024-Q5", "period"}, {"period=2024", "unit"},
           {"unit=99001&period=2024&children=yes", "children"}}) {
    r = get(viewer_, "/api/v1/indicators?" + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.body["error"]["field"], field) << query << ": " << r.text;
  }
  EXPECT_EQ(get(officer_, "/api/v1/indicators?unit=991&period=2024").status, 404u);
}

}  // namespace
}  // namespace danso::test

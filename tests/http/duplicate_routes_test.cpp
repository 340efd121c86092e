// Persons registered twice through the API (app/duplicate_review.h), on the
// register of register_fixture.h with two persons entered a second time:
// the review list, a pair dismissed, a pair merged (slips moved, the same
// slip twice cancelled, the second record gone, both audited), and who may.
#include "app/accounts/audit_chain.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class DuplicateRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    // 3001 is 1011 again (Nguyễn Văn Mẫu Một, 1980-03-01), 3002 is 1012
    // (Võ Thị Mẫu Một, 1990-05-01); 3003 shares 1011's name on another day.
    import("more-persons.csv",
           "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
           "registered_on\n"
           "3001,101,Nguyễn Văn  MẪU Một,M,1980-03-01,,other,Kinh,married,permanent,2021-01-01\n"
           "3002,101,Vo Thi Mau Mot,F,1990-05-01,,other,Kinh,married,permanent,2021-01-01\n"
           "3003,101,Nguyễn Văn Mẫu Một,M,1981-03-01,,other,Kinh,married,permanent,2021-01-01\n",
           ImportKind::kPersons);
    // The same health insurance card twice (500 of 3001, 501 of 1011), and a
    // counselling slip of 3001's alone.
    import("more-events.csv",
           "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
           "500,health_insurance_card,2024-03-01,9900101,3001,,,,\n"
           "501,health_insurance_card,2024-03-01,9900101,1011,,,,\n"
           "502,elderly_health_check,2024-05-01,9900101,3001,,,,\n",
           ImportKind::kEvents);
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900101"}));
    other_ = session_for(add_user("can.bo.huyen.khac", "district_staff", "991"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Reply post(Browser& b, const std::string& target, const nlohmann::json& body) {
    return call(&b, verb::post, target, body);
  }
  std::vector<std::tuple<int64_t, int64_t, std::string>> pairs(Browser& b) {
    const Reply r = get(b, "/api/v1/duplicates?unit=99001");
    EXPECT_EQ(r.status, 200u) << r.text;
    std::vector<std::tuple<int64_t, int64_t, std::string>> out;
    for (const auto& p : r.body["pairs"])
      out.emplace_back(p["first"]["id"].get<int64_t>(), p["second"]["id"].get<int64_t>(), p["reason"].get<std::string>());
    return out;
  }
  Browser officer_, collaborator_, other_;
};

using Pairs = std::vector<std::tuple<int64_t, int64_t, std::string>>;

TEST_F(DuplicateRoutes, TheReviewListShowsBothRecordsOfEachPair) {
  const Reply r = get(officer_, "/api/v1/duplicates?unit=99001");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["pairs"].size(), 2u);
  const auto& p = r.body["pairs"][0];
  EXPECT_EQ(p["reason"], "name_birth");
  EXPECT_EQ(p["reason_vi"], "cùng họ tên và ngày sinh");
  EXPECT_EQ(p["first"]["id"], 1011);
  EXPECT_EQ(p["first"]["name"], "Nguyễn Văn Mẫu Một");
  EXPECT_EQ(p["first"]["village"], "9900101");
  EXPECT_EQ(p["second"]["id"], 3001);
  EXPECT_EQ(p["second"]["lives_in_household_id"], 101);
  EXPECT_EQ(p["second"]["status"]["residence"], "permanent");
  EXPECT_EQ(pairs(officer_), (Pairs{{1011, 3001, "name_birth"}, {1012, 3002, "name_birth"}}));
  // Another district's user: the unit is not theirs.
  EXPECT_EQ(get(other_, "/api/v1/duplicates?unit=99001").status, 404u);
  EXPECT_TRUE(get(other_, "/api/v1/duplicates").body["pairs"].empty());
}

TEST_F(DuplicateRoutes, APairDismissedLeavesTheList) {
  Reply r = post(officer_, "/api/v1/duplicates/dismiss", {{"person_a", 3002}, {"person_b", 1012}, {"note", "Hai chị em"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["dismissed"], (nlohmann::json{1012, 3002}));
  EXPECT_EQ(pairs(officer_), (Pairs{{1011, 3001, "name_birth"}}));
  // Not a pair (any more, or ever): 400 naming the field.
  r = post(officer_, "/api/v1/duplicates/dismiss", {{"person_a", 1012}, {"person_b", 3002}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "person_b");
  r = post(officer_, "/api/v1/duplicates/dismiss", {{"person_a", 1011}, {"person_b", 3003}});
  EXPECT_EQ(r.status, 400u);
  // The decision is in the audit log.
  int dismissals = 0;
  store_->for_each_audit([&](const AuditRecord& a) {
    if (a.action != "dismiss") return;
    ++dismissals;
    EXPECT_EQ(a.kind, "person");
    EXPECT_EQ(a.record, "1012,3002");
    EXPECT_NE(a.after.find("Hai chị em"), std::string::npos);
  });
  EXPECT_EQ(dismissals, 1);
}

TEST_F(DuplicateRoutes, APairMergedIntoOneRecord) {
  const int64_t persons = store_->count_rows(StoredTable::kPersons);
  Reply r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}});
  EXPECT_EQ(r.status, 400u);  // a reason is required
  EXPECT_EQ(r.body["error"]["field"], "reason");
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "Ghi hai lần"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["slips_moved"], (nlohmann::json{502}));
  EXPECT_EQ(r.body["slips_cancelled"], (nlohmann::json{500}));
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons - 1);
  EXPECT_EQ(get(officer_, "/api/v1/persons/3001").status, 404u);
  r = get(officer_, "/api/v1/events/502");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["event"]["person_id"], 1011);
  EXPECT_EQ(get(officer_, "/api/v1/events/500").status, 404u);
  EXPECT_EQ(get(officer_, "/api/v1/events/501").status, 200u);
  EXPECT_EQ(pairs(officer_), (Pairs{{1012, 3002, "name_birth"}}));
  // 1011's household still lists him once.
  r = get(officer_, "/api/v1/households/101");
  int named = 0;
  for (const auto& m : r.body["household"]["members"]) named += m["id"] == 3001 || m["id"] == 1011 ? 1 : 0;
  EXPECT_EQ(named, 1);
  bool audited = false;
  store_->for_each_audit([&](const AuditRecord& a) {
    if (a.action != "merge") return;
    audited = true;
    EXPECT_EQ(a.record, "1011");
    EXPECT_NE(a.before.find("\"removed\""), std::string::npos);
    EXPECT_NE(a.after.find("\"slips_cancelled\":[500]"), std::string::npos);
    EXPECT_NE(a.after.find("Ghi hai lần"), std::string::npos);
  });
  EXPECT_TRUE(audited);
}

TEST_F(DuplicateRoutes, AMergeIsAppliedToTheFiguresInPlace) {
  // The village's residents and the province's, for 2025, as the server
  // answers them and as a snapshot loaded afresh has them.
  auto population = [&](const char* unit) {
    const Reply r = get(officer_, std::string("/api/v1/indicators?unit=") + unit + "&period=2025");
    EXPECT_EQ(r.status, 200u) << r.text;
    EXPECT_EQ(r.header("X-Danso-Figures"), "");
    return r.body["indicators"]["population"]["value"].get<double>();
  };
  auto fresh = [&](const char* unit) {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const auto snap = analytics::RegisterSnapshot::load(*store_);
    const auto catalogue = analytics::IndicatorCatalogue::defaults();
    IndicatorReporter reporter(snap, catalogue);
    const auto report = reporter.report(unit, Period::parse("2025").value(), false);
    EXPECT_TRUE(report.ok());
    return report.ok() ? report->dump() : std::string();
  };
  const double village = population("9900101"), commune = population("99001");
  const uint64_t loads = ctx_->indicators.loads(), updates = ctx_->indicators.updates();
  const Reply r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "Ghi hai lần"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  // Applied in place, without a reload: 3001's residence is gone.
  ASSERT_TRUE(ctx_->indicators.exact());
  EXPECT_EQ(ctx_->indicators.updates(), updates + 1);
  EXPECT_EQ(ctx_->indicators.loads(), loads);
  EXPECT_EQ(population("9900101"), village - 1);
  EXPECT_EQ(population("99001"), commune - 1);
  for (const char* unit : {"9900101", "99001"}) {
    const Reply now = get(officer_, std::string("/api/v1/indicators?unit=") + unit + "&period=2025");
    EXPECT_EQ(now.text, fresh(unit)) << unit;
  }
}

TEST_F(DuplicateRoutes, OnlyAnOfficerReviewsAndOnlyTheirOwnPersons) {
  const int64_t persons = store_->count_rows(StoredTable::kPersons);
  Reply r = post(collaborator_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "x"}});
  EXPECT_EQ(r.status, 403u);
  r = post(collaborator_, "/api/v1/duplicates/dismiss", {{"person_a", 1011}, {"person_b", 3001}});
  EXPECT_EQ(r.status, 403u);
  // Another district's user: the persons are not theirs, answered as missing.
  r = post(other_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "x"}});
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body["error"]["field"], "keep");
  const Reply missing = post(other_, "/api/v1/duplicates/merge", {{"keep", 999999}, {"remove", 3001}, {"reason", "x"}});
  EXPECT_EQ(r.text, missing.text);
  // Malformed and missing ids, unknown fields: 400 naming the field.
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", "01011"}, {"remove", 3001}, {"reason", "x"}});
  EXPECT_EQ(r.status, 400u);
  r = post(officer_, "/api/v1/duplicates/merge", {{"remove", 3001}, {"reason", "x"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "keep");
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 1011}, {"reason", "x"}});
  EXPECT_EQ(r.status, 400u);
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "x"}, {"x", 1}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "x");
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons);
}

TEST_F(DuplicateRoutes, AMergeTheRulesRefuseWritesNothing) {
  // Each record has its own death, on different days: one is wrong.
  import("deaths.csv",
         "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
         "600,death,2025-01-05,9900101,1011,,,,\n"
         "601,death,2025-02-05,9900101,3001,,,,\n",
         ImportKind::kEvents);
  const int64_t persons = store_->count_rows(StoredTable::kPersons);
  const int64_t events = store_->count_rows(StoredTable::kEvents);
  // The dead are still listed where they lived last.
  ASSERT_EQ(pairs(officer_).size(), 2u);
  Reply r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "Ghi hai lần"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("different days"), std::string::npos) << r.text;
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons);
  EXPECT_EQ(store_->count_rows(StoredTable::kEvents), events);
  // The same death on the same day: one slip entered twice, cancelled.
  import("fix.csv",
         "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
         "601,death,2025-01-05,9900101,3001,,,,\n",
         ImportKind::kEvents);
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "Ghi hai lần"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["slips_cancelled"], (nlohmann::json{500, 601}));
  EXPECT_EQ(r.body["slips_moved"], (nlohmann::json{502}));
  EXPECT_EQ(store_->count_rows(StoredTable::kEvents), events - 2);
}

TEST_F(DuplicateRoutes, AMergedRecordMustKeepTheRegistersRules) {
  // 1011 died on 5 January 2025; his second record had a health check a
  // month later. Merged, that check would follow his death: refused.
  import("deaths.csv",
         "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
         "600,death,2025-01-05,9900101,1011,,,,\n"
         "603,elderly_health_check,2025-02-05,9900101,3001,,,,\n",
         ImportKind::kEvents);
  const int64_t persons = store_->count_rows(StoredTable::kPersons);
  const int64_t events = store_->count_rows(StoredTable::kEvents);
  const Reply r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "Ghi hai lần"}});
  ASSERT_EQ(r.status, 400u) << r.text;
  ASSERT_FALSE(r.body["error"]["issues"].empty());
  EXPECT_NE(r.text.find("after the person's death on 2025-01-05"), std::string::npos) << r.text;
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons);
  EXPECT_EQ(store_->count_rows(StoredTable::kEvents), events);
  EXPECT_EQ(get(officer_, "/api/v1/persons/3001").status, 200u);
}

TEST_F(DuplicateRoutes, AMergeStaysWithinTheCallersSlipsAndHouseholds) {
  // 3004 is 1031 again (Lê Văn Mẫu Ba, 1980-03-03): 1031 lived in Xã Hai's
  // village 9900201, had a slip there, and moved to household 101 of Xã Một.
  import("copy.csv",
         "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
         "registered_on\n"
         "3004,101,Lê Văn Mẫu Ba,M,1980-03-03,,other,Kinh,married,permanent,2021-01-01\n",
         ImportKind::kPersons);
  import("moves.csv",
         "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
         "700,health_insurance_card,2024-01-05,9900201,1031,,,,\n"
         "701,move_out,2025-01-10,9900201,1031,,,,\n"
         "702,move_in,2025-01-15,9900101,1031,,101,,\n",
         ImportKind::kEvents);
  const int64_t persons = store_->count_rows(StoredTable::kPersons);
  // Xã Một's officer sees both today, but 1031's slips of Xã Hai are not theirs.
  Reply r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 3004}, {"remove", 1031}, {"reason", "Ghi hai lần"}});
  EXPECT_EQ(r.status, 403u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "remove");
  // The head of another household is not removed: 1011 heads household 101,
  // and 3001 lives there too, but merging 1011 into a record elsewhere
  // would leave it headless. Here the head and its copy share the
  // household, so keeping 3001 is allowed; with 3001 moved out it is not.
  import("away.csv",
         "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
         "710,move_in,2025-02-01,9900101,3001,,106,,\n",
         ImportKind::kEvents);
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 3001}, {"remove", 1011}, {"reason", "Ghi hai lần"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_NE(r.text.find("heads household 101"), std::string::npos) << r.text;
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons);
  // The other way round keeps the head: allowed, and each slip moved has a
  // version of its own in its history.
  r = post(officer_, "/api/v1/duplicates/merge", {{"keep", 1011}, {"remove", 3001}, {"reason", "Ghi hai lần"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  r = get(officer_, "/api/v1/events/502/history");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["versions"].size(), 2u) << r.text;
  EXPECT_EQ(r.body["versions"][1]["action"], "update");
  EXPECT_EQ(r.body["versions"][1]["event"]["person_id"], 1011);
  EXPECT_EQ(r.body["versions"][1]["reason"], "Ghi hai lần");
  int deleted = 0;
  store_->for_each_audit([&](const AuditRecord& a) { deleted += a.action == "delete" && a.record == "3001"; });
  EXPECT_EQ(deleted, 1);
  EXPECT_TRUE(accounts::verify_records(*store_, 10).problems.empty());
}

}  // namespace
}  // namespace danso::test

// Writes sent again under an Idempotency-Key (app/write_keys.h), on the
// register of register_fixture.h: a slip, a birth with its newborn, a
// household and a person sent twice or more are written once and answered
// the same each time; a key with another body is refused; keys are the
// user's own; a refused write keeps no key; copies sent at once are written
// once.
#include <thread>

#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class WriteKeys : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900102"}));
    other_ = session_for(add_user("ctv.khac", "collaborator", "99001", {"9900102"}));
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
  }
  Reply keyed(Browser& b, const std::string& target, const nlohmann::json& body, const std::string& key,
              verb method = verb::post) {
    return call(&b, method, target, body, true, "127.0.0.1:8080", {{"Idempotency-Key", key}});
  }
  static nlohmann::json card_slip(const char* date) {
    return {{"type", "health_insurance_card"}, {"date", date}, {"village_code", "9900102"}, {"person_id", 1021}};
  }
  int64_t events() { return store_->count_rows(StoredTable::kEvents); }
  int64_t created(const std::string& kind) {
    int64_t n = 0;
    store_->for_each_audit([&](const AuditRecord& a) { n += a.kind == kind && a.action == "create"; });
    return n;
  }
  Browser collaborator_, other_, officer_;
};

TEST_F(WriteKeys, ASlipSentThreeTimesIsRecordedOnceAndAnsweredTheSame) {
  const int64_t before = events(), audited = created("event");
  const Reply first = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "slip-3f2a-0001");
  ASSERT_EQ(first.status, 201u) << first.text;
  EXPECT_EQ(first.header("Idempotent-Replayed"), "");
  const int64_t id = first.body["event"]["id"].get<int64_t>();
  EXPECT_EQ(id, 108);
  for (int i = 0; i < 2; ++i) {
    const Reply again = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "slip-3f2a-0001");
    ASSERT_EQ(again.status, 201u) << again.text;
    EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(again.body["event"], first.body["event"]);
  }
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(created("event"), audited + 1);
  const Reply list = call(&officer_, verb::get, "/api/v1/events?unit=9900102&type=health_insurance_card");
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.body["total"], 1) << list.text;

  // Without the key, the same slip sent again is refused as a duplicate:
  // the key is what makes a lost answer's retry succeed.
  const Reply unkeyed = call(&collaborator_, verb::post, "/api/v1/events", card_slip("2025-06-01"));
  EXPECT_EQ(unkeyed.status, 400u) << unkeyed.text;
  EXPECT_EQ(unkeyed.body["error"]["field"], "type");
  EXPECT_NE(unkeyed.text.find("event 108"), std::string::npos) << unkeyed.text;
  EXPECT_EQ(events(), before + 1);
}

TEST_F(WriteKeys, AKeySentWithAnotherBodyIsRefusedInBothLanguages) {
  ASSERT_EQ(keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "k-1").status, 201u);
  const int64_t before = events();
  const Reply r = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-02"), "k-1");
  EXPECT_EQ(r.status, 409u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "Idempotency-Key");
  EXPECT_NE(r.body["error"]["message_vi"].get<std::string>().find("khóa gửi lại"), std::string::npos) << r.text;
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("another request"), std::string::npos) << r.text;
  EXPECT_EQ(events(), before);
  // The same key on another route is another request too.
  const Reply h = keyed(collaborator_, "/api/v1/households",
                        {{"village_code", "9900102"}, {"registered_on", "2025-01-02"}, {"address", "Số 1"}}, "k-1");
  EXPECT_EQ(h.status, 409u) << h.text;
}

TEST_F(WriteKeys, KeysAreEachUsersOwn) {
  const Reply mine = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "shared-key");
  ASSERT_EQ(mine.status, 201u) << mine.text;
  const Reply theirs = keyed(other_, "/api/v1/events", card_slip("2025-06-03"), "shared-key");
  ASSERT_EQ(theirs.status, 201u) << theirs.text;
  EXPECT_EQ(theirs.header("Idempotent-Replayed"), "");
  EXPECT_NE(theirs.body["event"]["id"], mine.body["event"]["id"]);
  EXPECT_EQ(theirs.body["event"]["date"], "2025-06-03");
}

TEST_F(WriteKeys, ARefusedSlipKeepsNoKeyAndIsSentAgainCorrected) {
  nlohmann::json bad = card_slip("2025-06-01");
  bad["person_id"] = 1011;  // not in 9900102: not the collaborator's
  const int64_t before = events();
  Reply r = keyed(collaborator_, "/api/v1/events", bad, "outbox-7");
  EXPECT_EQ(r.status, 404u) << r.text;
  bad = card_slip("2099-01-01");  // a date after today
  r = keyed(collaborator_, "/api/v1/events", bad, "outbox-7");
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "date") << r.text;
  EXPECT_EQ(events(), before);
  // Corrected, under the same key: written, and once.
  r = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "outbox-7");
  ASSERT_EQ(r.status, 201u) << r.text;
  r = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "outbox-7");
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(events(), before + 1);
}

TEST_F(WriteKeys, AMalformedKeyIsA400) {
  for (const std::string& key : {std::string("two words"), std::string(129, 'k'), std::string("khóa")}) {
    const Reply r = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), key);
    EXPECT_EQ(r.status, 400u) << key << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], "Idempotency-Key") << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
  }
  EXPECT_EQ(keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), std::string(128, 'k')).status, 201u);
}

TEST_F(WriteKeys, ABirthWithItsNewbornIsDeclaredOnce) {
  const nlohmann::json birth = {{"type", "birth"},         {"date", "2025-06-10"}, {"village_code", "9900102"},
                                {"related_id", 1022},      {"birth_order", 1},
                                {"child", {{"name", "Trần Thị Bé Mới"}, {"sex", "F"}}}};
  const int64_t persons = store_->count_rows(StoredTable::kPersons), audited = created("person");
  const Reply first = keyed(collaborator_, "/api/v1/events", birth, "birth-1");
  ASSERT_EQ(first.status, 201u) << first.text;
  const Reply again = keyed(collaborator_, "/api/v1/events", birth, "birth-1");
  ASSERT_EQ(again.status, 201u) << again.text;
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.body["event"]["id"], first.body["event"]["id"]);
  EXPECT_EQ(again.body["child"]["id"], first.body["child"]["id"]);
  EXPECT_EQ(again.body["child"]["name"], "Trần Thị Bé Mới");
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), persons + 1);
  EXPECT_EQ(created("person"), audited + 1);
}

TEST_F(WriteKeys, AHouseholdAndAPersonAndTheirChangesAreWrittenOnce) {
  const nlohmann::json household = {{"village_code", "9900102"}, {"registered_on", "2025-01-02"}, {"address", "Số 9"}};
  const int64_t households = store_->count_rows(StoredTable::kHouseholds);
  const Reply h1 = keyed(collaborator_, "/api/v1/households", household, "hh-1");
  ASSERT_EQ(h1.status, 201u) << h1.text;
  const Reply h2 = keyed(collaborator_, "/api/v1/households", household, "hh-1");
  ASSERT_EQ(h2.status, 201u) << h2.text;
  EXPECT_EQ(h2.body["household"]["id"], h1.body["household"]["id"]);
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), households + 1);

  const nlohmann::json person = {{"household_id", h1.body["household"]["id"]}, {"name", "Trần Văn Mẫu Chuyển"},
                                 {"sex", "M"}, {"birth_date", "1990-02-03"}, {"relation", "head"},
                                 {"registered_on", "2025-03-01"}};
  const int64_t audited = created("person");
  const Reply p1 = keyed(collaborator_, "/api/v1/persons", person, "p-1");
  ASSERT_EQ(p1.status, 201u) << p1.text;
  const Reply p2 = keyed(collaborator_, "/api/v1/persons", person, "p-1");
  ASSERT_EQ(p2.status, 201u) << p2.text;
  EXPECT_EQ(p2.body["person"]["id"], p1.body["person"]["id"]);
  EXPECT_EQ(created("person"), audited + 1);

  // A change sent twice: one update audited, the second answered 200 from the key.
  const std::string target = "/api/v1/households/" + std::to_string(h1.body["household"]["id"].get<int64_t>());
  int64_t updates = 0;
  const Reply c1 = keyed(collaborator_, target, {{"address", "Số 10"}}, "hh-1-change", verb::patch);
  ASSERT_EQ(c1.status, 200u) << c1.text;
  const Reply c2 = keyed(collaborator_, target, {{"address", "Số 10"}}, "hh-1-change", verb::patch);
  ASSERT_EQ(c2.status, 200u) << c2.text;
  EXPECT_EQ(c2.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(c2.body["household"]["address"], "Số 10");
  store_->for_each_audit([&](const AuditRecord& a) { updates += a.kind == "household" && a.action == "update"; });
  EXPECT_EQ(updates, 1);
}

// A record written under a key that is no longer the caller's (their
// villages changed since) answers as missing, as any record outside their
// scope; its keeper still has it.
TEST_F(WriteKeys, AKeyedRecordNowOutsideTheCallersScopeAnswersAsMissing) {
  const Reply first = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "moved-away");
  ASSERT_EQ(first.status, 201u) << first.text;
  accounts::UserChange moved;
  moved.villages = std::vector<std::string>{"9900101"};
  const UserId user = store_->find_user_by_name("ctv.thon")->id;
  ASSERT_TRUE(ctx_->accounts.update_user(nullptr, user, moved, now_).ok());
  Browser again = session_for(*store_->find_user(user));
  const Reply r = keyed(again, "/api/v1/events", card_slip("2025-06-01"), "moved-away");
  EXPECT_EQ(r.status, 404u) << r.text;
  EXPECT_EQ(r.header("Idempotent-Replayed"), "");
  EXPECT_EQ(r.text.find("health_insurance_card"), std::string::npos) << r.text;
}

TEST_F(WriteKeys, CopiesSentAtOnceAreWrittenOnce) {
  const int64_t before = events();
  constexpr int kCopies = 6;
  std::vector<Reply> replies(kCopies);
  std::vector<std::thread> senders;
  for (int i = 0; i < kCopies; ++i)
    senders.emplace_back([&, i] { replies[i] = keyed(collaborator_, "/api/v1/events", card_slip("2025-06-01"), "same"); });
  for (auto& t : senders) t.join();
  for (const Reply& r : replies) {
    ASSERT_EQ(r.status, 201u) << r.text;
    EXPECT_EQ(r.body["event"]["id"], replies[0].body["event"]["id"]);
  }
  EXPECT_EQ(events(), before + 1);
}

}  // namespace
}  // namespace danso::test

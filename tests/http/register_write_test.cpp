// Register writes through the API on the register of register_fixture.h:
// households and persons created and changed (read back, audited with
// before and after, residence derived), every bad field answered 400 with
// its name and messages in both languages, fields that change through slips
// refused, other units' records 404, and a failed write leaving nothing.
#include "app/import/record_register.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class RegisterWrites : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900102"}));
    viewer_ = session_for(add_user("chi.xem", "viewer", "99"));
  }
  Reply send(Browser& b, verb method, const std::string& target, const nlohmann::json& body) {
    return call(&b, method, target, body);
  }
  static nlohmann::json new_household() {
    return {{"village_code", "9900102"}, {"registered_on", "2025-01-02"}, {"address", "Số 9, ngõ \"Mới\""},
            {"poverty", "near_poor"}, {"social_protection", true}};
  }
  static nlohmann::json new_person() {
    return {{"household_id", 102}, {"name", "Trần Thị Mẫu Mới"}, {"sex", "F"}, {"birth_date", "2001-02-03"},
            {"citizen_id", "099301000123"}, {"relation", "child"}, {"registered_on", "2025-03-01"}};
  }
  std::vector<AuditRecord> audit_of(const std::string& kind) {
    std::vector<AuditRecord> out;
    store_->for_each_audit([&](const AuditRecord& a) {
      if (a.kind == kind) out.push_back(a);
    });
    return out;
  }
  Browser officer_, collaborator_, viewer_;
};

TEST_F(RegisterWrites, CreatesAHouseholdReadBackAndAudited) {
  auto figures = ctx_->indicators.current();
  ASSERT_TRUE(figures);
  EXPECT_FALSE(ctx_->indicators.stale(**figures));
  Reply r = send(officer_, verb::post, "/api/v1/households", new_household());
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["household"]["id"], 108);  // the next after the register's highest
  // A household without members changes no figure: the same snapshot
  // holds the write, nothing is reloaded.
  EXPECT_FALSE(ctx_->indicators.stale(**figures));
  EXPECT_EQ(ctx_->indicators.current()->get(), figures->get());
  EXPECT_EQ(ctx_->indicators.updates(), 1u);

  r = call(&officer_, verb::get, "/api/v1/households/108");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto& h = r.body["household"];
  EXPECT_EQ(h["village"], "9900102");
  EXPECT_EQ(h["address"], "Số 9, ngõ \"Mới\"");
  EXPECT_EQ(h["poverty"], "near_poor");
  EXPECT_EQ(h["social_protection"], true);
  EXPECT_EQ(h["ethnic_minority"], false);
  EXPECT_EQ(h["registered_on"], "2025-01-02");

  const auto entries = audit_of("household");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[0].record, "108");
  EXPECT_EQ(entries[0].actor_name, "vien.chuc.xa");
  EXPECT_TRUE(entries[0].before.empty());
  EXPECT_EQ(nlohmann::json::parse(entries[0].after)["address"], "Số 9, ngõ \"Mới\"");
}

TEST_F(RegisterWrites, CreatesAPersonWithResidenceAndAudit) {
  Reply r = send(collaborator_, verb::post, "/api/v1/persons", new_person());
  ASSERT_EQ(r.status, 201u) << r.text;
  const int64_t id = r.body["person"]["id"];
  EXPECT_EQ(id, 1073);
  r = call(&collaborator_, verb::get, "/api/v1/persons/1073");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["person"]["name"], "Trần Thị Mẫu Mới");
  EXPECT_EQ(r.body["person"]["sex"], "F");
  EXPECT_EQ(r.body["person"]["birth_date"], "2001-02-03");
  EXPECT_EQ(r.body["person"]["citizen_id"], "099301000123");
  EXPECT_EQ(r.body["person"]["relation"], "child");
  EXPECT_EQ(r.body["person"]["ethnicity"], "Kinh");
  EXPECT_EQ(r.body["person"]["village"], "9900102");
  // Resident of the household's village from the registration date.
  std::vector<ResidenceSpell> spells;
  store_->for_each_spell([&](const ResidenceSpell& s) {
    if (s.person.value == 1073) spells.push_back(s);
  });
  ASSERT_EQ(spells.size(), 1u);
  EXPECT_EQ(spells[0].household.value, 102);
  EXPECT_EQ(spells[0].village.value, 8);
  EXPECT_EQ(spells[0].start.iso(), "2025-03-01");
  EXPECT_FALSE(spells[0].end.has_value());

  const auto entries = audit_of("person");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[0].record, "1073");
  EXPECT_EQ(entries[0].unit.value, 8);
  EXPECT_EQ(nlohmann::json::parse(entries[0].after)["name"], "Trần Thị Mẫu Mới");
}

TEST_F(RegisterWrites, ChangesAreReadBackAndAuditedWithBeforeAndAfter) {
  ASSERT_TRUE(ctx_->indicators.current());
  const uint64_t loads_first = ctx_->indicators.loads();
  Reply r = send(officer_, verb::patch, "/api/v1/households/101", {{"address", "Số 1 đường Đổi"}, {"poverty", "poor"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  // No column of a household is read by the figures: noted as applied
  // in place, no reload, nothing stale.
  EXPECT_EQ(ctx_->indicators.updates(), 1u);
  EXPECT_EQ(ctx_->indicators.loads(), loads_first);
  r = call(&officer_, verb::get, "/api/v1/households/101");
  EXPECT_EQ(r.body["household"]["address"], "Số 1 đường Đổi");
  EXPECT_EQ(r.body["household"]["poverty"], "poor");
  EXPECT_EQ(r.body["household"]["registered_on"], "2020-01-01");  // untouched fields kept
  auto entries = audit_of("household");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "update");
  EXPECT_EQ(nlohmann::json::parse(entries[0].before)["address"], "Số 1 đường Thử");
  EXPECT_EQ(nlohmann::json::parse(entries[0].after)["address"], "Số 1 đường Đổi");

  auto figures = ctx_->indicators.current();
  ASSERT_TRUE(figures);
  EXPECT_FALSE(ctx_->indicators.stale(**figures));
  // The village's permanent and present residents at the end of 2025, as
  // the figures have them.
  auto residents = [&](const char* code) {
    return (*figures)->compute([&](IndicatorReporter& rep) {
      return (*rep.report("9900101", Period::parse("2025").value(), false))["indicators"][code]["value"].get<double>();
    });
  };
  const double permanent = residents("population"), present = residents("population_present");
  const uint64_t loads = ctx_->indicators.loads();
  r = send(officer_, verb::patch, "/api/v1/persons/1012",
           {{"name", "Võ Thị Mẫu Đổi"}, {"birth_date", "1991-05-02"}, {"residence_status", "temporary"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  // Applied to the same snapshot in place by the service's thread, without
  // a reload: she is now a temporary resident, counted among those present
  // but not the permanent.
  const auto caught_up = ctx_->indicators.exact();
  ASSERT_TRUE(caught_up);
  EXPECT_EQ(caught_up->get(), figures->get());
  EXPECT_FALSE(ctx_->indicators.stale(**figures));
  EXPECT_EQ(ctx_->indicators.updates(), 2u);
  EXPECT_EQ(ctx_->indicators.loads(), loads);
  EXPECT_EQ(residents("population"), permanent - 1);
  EXPECT_EQ(residents("population_present"), present);
  r = call(&officer_, verb::get, "/api/v1/persons/1012");
  EXPECT_EQ(r.body["person"]["name"], "Võ Thị Mẫu Đổi");
  EXPECT_EQ(r.body["person"]["birth_date"], "1991-05-02");
  EXPECT_EQ(r.body["person"]["residence"], "temporary");
  EXPECT_EQ(r.body["person"]["marital"], "married");
  entries = audit_of("person");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "update");
  EXPECT_EQ(entries[0].record, "1012");
  EXPECT_EQ(nlohmann::json::parse(entries[0].before)["name"], "Võ Thị Mẫu Một");
  EXPECT_EQ(nlohmann::json::parse(entries[0].after)["name"], "Võ Thị Mẫu Đổi");
}

struct BadField {
  verb method;
  std::string target;
  nlohmann::json change;  // over the route's valid body
  std::string field;
  std::string en;  // part of the English message
};

TEST_F(RegisterWrites, EveryBadFieldIsA400WithBothMessages) {
  // Another person's citizen ID, to be refused as taken.
  ASSERT_EQ(send(officer_, verb::patch, "/api/v1/persons/1011", {{"citizen_id", "099301000999"}}).status, 200u);
  const std::vector<BadField> cases = {
      {verb::post, "/api/v1/households", {{"registered_on", "2025-07-01"}}, "registered_on", "future"},
      {verb::post, "/api/v1/households", {{"registered_on", "02/01/2025"}}, "registered_on", ""},
      {verb::post, "/api/v1/households", {{"registered_on", nullptr}}, "registered_on", "missing"},
      {verb::post, "/api/v1/households", {{"poverty", "rich"}}, "poverty", "rich"},
      {verb::post, "/api/v1/households", {{"social_protection", "2"}}, "social_protection", ""},
      {verb::post, "/api/v1/households", {{"village_code", "99001"}}, "village_code", "not a village"},
      {verb::post, "/api/v1/households", {{"id", 5}}, "id", "server gives the id"},
      {verb::post, "/api/v1/households", {{"colour", "blue"}}, "colour", "not part of a household"},
      {verb::post, "/api/v1/households", {{"address", nlohmann::json::array()}}, "address", "string or a number"},
      {verb::post, "/api/v1/persons", {{"name", ""}}, "name", "missing"},
      {verb::post, "/api/v1/persons", {{"sex", "X"}}, "sex", ""},
      {verb::post, "/api/v1/persons", {{"birth_date", "2030-01-01"}, {"registered_on", "2030-01-01"}}, "birth_date", "future"},
      {verb::post, "/api/v1/persons", {{"birth_date", "2001-02-30"}}, "birth_date", ""},
      {verb::post, "/api/v1/persons", {{"registered_on", "2000-01-01"}}, "registered_on", "before the birth"},
      {verb::post, "/api/v1/persons", {{"citizen_id", "12345"}}, "citizen_id", ""},
      {verb::post, "/api/v1/persons", {{"citizen_id", "099301000999"}}, "citizen_id", "already belongs to person 1011"},
      {verb::post, "/api/v1/persons", {{"relation", "boss"}}, "relation", ""},
      {verb::post, "/api/v1/persons", {{"marital_status", "maybe"}}, "marital_status", ""},
      {verb::post, "/api/v1/persons", {{"household_id", "abc"}}, "household_id", ""},
      {verb::patch, "/api/v1/persons/1021", {{"household_id", 101}}, "household_id", "move_out and a move_in slip"},
      {verb::patch, "/api/v1/persons/1021", {{"marital_status", "divorced"}}, "marital_status", "divorce slip"},
      {verb::patch, "/api/v1/persons/1021", {{"registered_on", "2021-01-01"}}, "registered_on", "move_in slip"},
      {verb::patch, "/api/v1/persons/1021", {{"id", 7}}, "id", "server gives the id"},
      {verb::patch, "/api/v1/persons/1021", {{"birth_date", "2020-06-01"}}, "registered_on", "before the birth"},
      {verb::patch, "/api/v1/households/102", {{"village_code", "9900101"}}, "village_code", "move_out and move_in"},
      {verb::patch, "/api/v1/households/102", {{"registered_on", "2026-01-01"}}, "registered_on", "future"},
  };
  for (const BadField& c : cases) {
    nlohmann::json body = c.method == verb::patch ? nlohmann::json::object()
                          : c.target == "/api/v1/households" ? new_household()
                                                              : new_person();
    for (const auto& [k, v] : c.change.items()) body[k] = v;
    if (c.method == verb::post && body.contains("registered_on") && body["registered_on"].is_null())
      body.erase("registered_on");
    const Reply r = send(officer_, c.method, c.target, body);
    const std::string what = c.target + " " + body.dump() + ": " + r.text;
    EXPECT_EQ(r.status, 400u) << what;
    EXPECT_EQ(r.body["error"]["field"], c.field) << what;
    const std::string vi = r.body["error"]["message_vi"].get<std::string>();
    const std::string en = r.body["error"]["message_en"].get<std::string>();
    EXPECT_FALSE(vi.empty()) << what;
    EXPECT_NE(vi, en) << what;
    EXPECT_NE(en.find(c.en), std::string::npos) << what;
  }
  // Nothing was written but the one change above.
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), 7);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 15);
  EXPECT_EQ(audit_of("household").size(), 0u);
  EXPECT_EQ(audit_of("person").size(), 1u);
  Reply r = call(&officer_, verb::get, "/api/v1/persons/1021");
  EXPECT_EQ(r.body["person"]["household_id"], 102);
  EXPECT_EQ(r.body["person"]["marital"], "married");
}

TEST_F(RegisterWrites, ANewBirthDateOrSexIsCheckedAgainstThePersonsEvents) {
  // 1013 was born on 2024-04-10 (birth event 1, mother 1012, born 1990-05-01).
  Reply r = send(officer_, verb::patch, "/api/v1/persons/1013", {{"birth_date", "2024-04-09"}});
  ASSERT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "birth_date");
  EXPECT_EQ(r.body["error"]["message_en"],
            "birth event 1 on 2024-04-10: the birth date must be the date of this person's birth event");
  EXPECT_EQ(r.body["error"]["message_vi"],
            "sự kiện sinh mã 1 ngày 2024-04-10: ngày sinh phải là ngày của sự kiện sinh của người này");
  r = send(officer_, verb::patch, "/api/v1/persons/1012", {{"birth_date", "2015-01-01"}});
  ASSERT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "birth_date");
  EXPECT_EQ(r.body["error"]["message_en"],
            "birth event 1 on 2024-04-10: this person is the mother; mother's age at the birth is 9, must be 10 to 60");
  r = send(officer_, verb::patch, "/api/v1/persons/1012", {{"sex", "M"}, {"name", "Võ Văn Mẫu Một"}});
  ASSERT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "sex");
  EXPECT_EQ(r.body["error"]["issues"][0]["value"], "M");
  EXPECT_EQ(r.body["error"]["message_en"],
            "birth event 1 on 2024-04-10: this person is the mother; the mother must be female");
  // Nothing changed; a birth date that keeps the events true is written.
  EXPECT_EQ(store_->find_person(PersonId(1012))->sex, Sex::kFemale);
  EXPECT_EQ(store_->find_person(PersonId(1013))->birth_date, *Date::parse("2024-04-10"));
  EXPECT_TRUE(audit_of("person").empty());
  r = send(officer_, verb::patch, "/api/v1/persons/1012", {{"birth_date", "1994-04-11"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["person"]["birth_date"], "1994-04-11");
}

TEST_F(RegisterWrites, AMarriagesChildFlagFollowsACorrectedBirthDate) {
  // 1061 (M, 1980) marries 1062 (F, born 1990-05-06) on 2025-01-15.
  Reply r = call(&officer_, verb::post, "/api/v1/events",
                 {{"type", "marriage"}, {"date", "2025-01-15"}, {"village_code", "9900101"}, {"person_id", 1062},
                  {"related_id", 1061}});
  ASSERT_EQ(r.status, 201u) << r.text;
  const int64_t marriage = r.body["event"]["id"];
  EXPECT_EQ(r.body["event"]["child_marriage"], false);
  // Born in 2008, she was 16 on that day: the marriage is a child marriage.
  r = send(officer_, verb::patch, "/api/v1/persons/1062", {{"birth_date", "2008-01-20"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  r = call(&officer_, verb::get, "/api/v1/events/" + std::to_string(marriage));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["event"]["child_marriage"], true);
  auto entries = audit_of("event");
  ASSERT_EQ(entries.size(), 2u);  // the slip, then the flag
  EXPECT_EQ(entries[1].action, "update");
  EXPECT_EQ(entries[1].record, std::to_string(marriage));
  EXPECT_EQ(nlohmann::json::parse(entries[1].before)["child_marriage"], false);
  EXPECT_EQ(nlohmann::json::parse(entries[1].after)["child_marriage"], true);
  // Back to 1990: no longer a child marriage. A name change leaves it alone.
  ASSERT_EQ(send(officer_, verb::patch, "/api/v1/persons/1062", {{"birth_date", "1990-05-06"}}).status, 200u);
  EXPECT_EQ(call(&officer_, verb::get, "/api/v1/events/" + std::to_string(marriage)).body["event"]["child_marriage"],
            false);
  ASSERT_EQ(send(officer_, verb::patch, "/api/v1/persons/1062", {{"name", "Võ Thị Đổi Tên"}}).status, 200u);
  EXPECT_EQ(audit_of("event").size(), 3u);
}

TEST_F(RegisterWrites, OtherUnitsRecordsAreNotFoundAndViewersMayNotWrite) {
  nlohmann::json h = new_household();
  h["village_code"] = "9800101";  // another province
  EXPECT_EQ(send(officer_, verb::post, "/api/v1/households", h).status, 404u);
  h["village_code"] = "9999999";  // no such unit
  EXPECT_EQ(send(officer_, verb::post, "/api/v1/households", h).body["error"]["field"], "village_code");
  h["village_code"] = "9900101";  // the collaborator's commune, not their village
  EXPECT_EQ(send(collaborator_, verb::post, "/api/v1/households", h).status, 404u);
  nlohmann::json p = new_person();
  p["household_id"] = 105;
  Reply r = send(officer_, verb::post, "/api/v1/persons", p);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body["error"]["field"], "household_id");
  p["household_id"] = 99999;
  EXPECT_EQ(send(officer_, verb::post, "/api/v1/persons", p).status, 404u);
  EXPECT_EQ(send(officer_, verb::patch, "/api/v1/households/105", {{"address", "x"}}).status, 404u);
  EXPECT_EQ(send(officer_, verb::patch, "/api/v1/persons/1051", {{"name", "x"}}).status, 404u);
  EXPECT_EQ(send(collaborator_, verb::patch, "/api/v1/persons/1011", {{"name", "x"}}).status, 404u);
  EXPECT_EQ(send(viewer_, verb::post, "/api/v1/households", new_household()).status, 403u);
  EXPECT_EQ(send(viewer_, verb::patch, "/api/v1/persons/1011", {{"name", "x"}}).status, 403u);
  EXPECT_EQ(call(&officer_, verb::patch, "/api/v1/persons/1011", {{"name", "x"}}, false).status, 403u);  // no CSRF
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), 7);
  EXPECT_EQ(store_->find_person(PersonId(1011))->name, "Nguyễn Văn Mẫu Một");
}

TEST_F(RegisterWrites, AFailedAuditLeavesNothingWritten) {
  const Date today = accounts::date_of(now_);
  auto failing = [](const auto&, const auto&) -> Status {
    return Error{ErrorCode::kInternal, "", "nhật ký không ghi được", "the audit log cannot be written"};
  };
  std::lock_guard<std::mutex> lock(ctx_->db.mutex());
  RecordFields person;
  const nlohmann::json body = new_person();
  for (const auto& [k, v] : body.items())
    person[k] = v.is_string() ? v.get<std::string>() : std::to_string(v.get<int64_t>());
  auto p = create_person(*store_, person, today, WriteAudit<Person>(failing), WriteScope{});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().en, "the audit log cannot be written");
  EXPECT_FALSE(store_->find_person(PersonId(1073)));
  bool spell = false;
  store_->for_each_spell([&](const ResidenceSpell& s) { spell |= s.person.value == 1073; });
  EXPECT_FALSE(spell);

  auto h = change_household(*store_, ctx_->accounts.units(), HouseholdId(101), {{"address", "Đổi"}}, today,
                            WriteAudit<Household>(failing), WriteScope{});
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(store_->find_household(HouseholdId(101))->address, "Số 1 đường Thử");
  auto c = change_person(*store_, PersonId(1011), {{"name", "Đổi"}}, today, WriteAudit<Person>(failing),
                         WriteAudit<VitalEvent>(), WriteScope{});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(store_->find_person(PersonId(1011))->name, "Nguyễn Văn Mẫu Một");
  EXPECT_TRUE(audit_of("person").empty());
}

}  // namespace
}  // namespace danso::test

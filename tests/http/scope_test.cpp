// Scope through the API on the register of register_fixture.h, beyond the
// route table's matrix (access_matrix_test.cpp): ids in a body are clean
// integers or a 400 naming the field; every record a body names is checked
// like one in the path; a person is seen by the unit they live in on the
// day (on a slip's date for a slip), a dead person by the unit they lived
// in last; answers tell nothing about records outside the scope; a
// collaborator's report list defaults to their own unit.
#include "app/import/record_register.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class Scope : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    province_ = session_for(add_user("can.bo.tinh", "province_staff", "99"));
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    other_district_ = session_for(add_user("can.bo.huyen.hai", "district_staff", "991"));
    collaborator_ = session_for(add_user("ctv.tay", "collaborator", "99001", {"9900102"}));
  }
  Reply post(Browser& b, const std::string& target, const nlohmann::json& body) {
    return call(&b, verb::post, target, body);
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  // Rows of the register's tables and the audit log: what a refused
  // request must leave as it was.
  std::vector<int64_t> rows() {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    std::vector<int64_t> out;
    for (StoredTable t : {StoredTable::kHouseholds, StoredTable::kPersons, StoredTable::kEvents, StoredTable::kResidence,
                          StoredTable::kAudit})
      out.push_back(store_->count_rows(t));
    return out;
  }
  static std::vector<int64_t> ids(const nlohmann::json& list) {
    std::vector<int64_t> out;
    for (const auto& x : list) out.push_back(x["id"].get<int64_t>());
    return out;
  }
  // 1011 (head of household 101 in 9900101, district 990) leaves on
  // 2025-01-10 and comes to household 104 in 9910101 (district 991) on
  // 2025-01-12, recorded by the province, who sees both.
  void move_1011() {
    Reply r = post(province_, "/api/v1/events",
                   {{"type", "move_out"}, {"date", "2025-01-10"}, {"village_code", "9900101"}, {"person_id", 1011}});
    ASSERT_EQ(r.status, 201u) << r.text;
    r = post(province_, "/api/v1/events",
             {{"type", "move_in"}, {"date", "2025-01-12"}, {"village_code", "9910101"}, {"person_id", 1011},
              {"household_id", 104}});
    ASSERT_EQ(r.status, 201u) << r.text;
  }
  Browser province_, district_, other_district_, collaborator_;
};

// The reported hole: " 900001" (with a space or a tab) added a person to a
// household outside the caller's scope. Every spelling of an id but the
// clean one is a 400 naming the field, with nothing written; the clean one
// outside the scope is a 404, as for a household that does not exist.
TEST_F(Scope, IdsInABodyAreCleanIntegersOrA400NamingTheField) {
  const nlohmann::json person{{"name", "Trần Thị Mẫu Mới"}, {"sex", "F"}, {"birth_date", "2001-02-03"}};
  const std::vector<int64_t> before = rows();
  const std::vector<nlohmann::json> malformed = {
      " 105",  "105 ",  "\t105",  "105\t", "+105",   "0105",   "-105",         "105.0",        "1e3",
      "0x69",  "105a",  "99999999999999999999", "9223372036854775808", -105, 105.0, 1e3, 18446744073709551615ull,
  };
  for (const nlohmann::json& id : malformed) {
    nlohmann::json body = person;
    body["household_id"] = id;
    const Reply r = post(district_, "/api/v1/persons", body);
    EXPECT_EQ(r.status, 400u) << id.dump() << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], "household_id") << id.dump() << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
  }
  // The same for the ids of a slip.
  for (const char* field : {"person_id", "related_id", "household_id", "recorded_by"}) {
    for (const char* id : {" 1011", "1011\t", "+1011", "01011", "99999999999999999999"}) {
      nlohmann::json slip{{"type", "birth"}, {"date", "2024-04-10"}, {"village_code", "9900101"}, {"person_id", 1013},
                          {"related_id", 1012}, {"household_id", 101}, {"birth_order", 1}};
      slip[field] = id;
      const Reply r = post(district_, "/api/v1/events", slip);
      EXPECT_EQ(r.status, 400u) << field << "='" << id << "': " << r.text;
      EXPECT_EQ(r.body["error"]["field"], field) << field << "='" << id << "': " << r.text;
    }
  }
  for (const char* code : {" 9900101", "9900101 ", "99001\t01"}) {
    const Reply r = post(district_, "/api/v1/households", {{"village_code", code}, {"registered_on", "2025-01-02"}});
    EXPECT_EQ(r.status, 400u) << code << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], "village_code") << r.text;
  }
  EXPECT_EQ(rows(), before);

  nlohmann::json body = person;
  body["household_id"] = 105;  // another province's
  const Reply outside = post(district_, "/api/v1/persons", body);
  body["household_id"] = "900001";  // no such household
  const Reply missing = post(district_, "/api/v1/persons", body);
  EXPECT_EQ(outside.status, 404u) << outside.text;
  EXPECT_EQ(outside.text, missing.text);
  EXPECT_EQ(outside.text,
            R"({"error":{"code":"not_found","field":"household_id","message_vi":"không tìm thấy","message_en":"not found"}})");
  EXPECT_EQ(rows(), before);
  // The clean id of a household of one's own is written, as that id.
  body["household_id"] = "101";
  const Reply made = post(district_, "/api/v1/persons", body);
  ASSERT_EQ(made.status, 201u) << made.text;
  EXPECT_EQ(made.body["person"]["household_id"], 101);
}

// A slip's related person (a spouse, a mother) is checked like its person:
// a marriage to someone of another district is refused as if they did not
// exist, and the other district's figures do not move.
TEST_F(Scope, ARelatedPersonOutsideTheScopeIsNotFound) {
  const nlohmann::json marriage{{"type", "marriage"}, {"date", "2025-03-01"}, {"village_code", "9900101"},
                                {"person_id", 1062}, {"related_id", 1041}};  // 1041 lives in district 991
  const std::vector<int64_t> before = rows();
  const Reply outside = post(district_, "/api/v1/events", marriage);
  nlohmann::json nobody = marriage;
  nobody["related_id"] = 999999;
  const Reply missing = post(district_, "/api/v1/events", nobody);
  EXPECT_EQ(outside.status, 404u) << outside.text;
  EXPECT_EQ(outside.body["error"]["field"], "related_id");
  EXPECT_EQ(outside.text, missing.text);
  // A collaborator's village is their scope: a spouse in the next village of
  // the same commune is outside it too.
  const Reply neighbour = post(collaborator_, "/api/v1/events",
                               {{"type", "marriage"}, {"date", "2025-03-01"}, {"village_code", "9900102"},
                                {"person_id", 1022}, {"related_id", 1061}});
  EXPECT_EQ(neighbour.status, 404u) << neighbour.text;
  EXPECT_EQ(neighbour.body["error"]["field"], "related_id");
  EXPECT_EQ(rows(), before);
  EXPECT_EQ(get(other_district_, "/api/v1/events?unit=991&type=marriage").body["total"], 0);
  // The province sees both: the marriage is recorded.
  const Reply recorded = post(province_, "/api/v1/events", marriage);
  EXPECT_EQ(recorded.status, 201u) << recorded.text;
}

// A person is seen by the unit they live in on the day of the request, in
// paths and lists; the unit they left no longer sees them.
TEST_F(Scope, APersonWhoMovedIsSeenWhereTheyLiveNow) {
  move_1011();
  const Reply left = get(district_, "/api/v1/persons/1011");
  EXPECT_EQ(left.status, 404u);
  EXPECT_EQ(left.text, get(district_, "/api/v1/persons/999999").text);
  const Reply now = get(other_district_, "/api/v1/persons/1011");
  ASSERT_EQ(now.status, 200u) << now.text;
  EXPECT_EQ(now.body["person"]["village"], "9910101");
  EXPECT_EQ(now.body["person"]["lives_in_household_id"], 104);
  EXPECT_EQ(now.body["person"]["household_id"], 101);  // of registration
  // Lists: under the village they live in.
  EXPECT_EQ(ids(get(district_, "/api/v1/persons?unit=9900101").body["persons"]),
            (std::vector<int64_t>{1012, 1013, 1061, 1062, 1071, 1072}));
  const Reply there = get(other_district_, "/api/v1/persons?unit=9910101");
  EXPECT_EQ(ids(there.body["persons"]), (std::vector<int64_t>{1011, 1041, 1042}));
  EXPECT_EQ(there.body["persons"][0]["village"], "9910101");
  EXPECT_EQ(there.body["persons"][0]["lives_in_household_id"], 104);
  EXPECT_EQ(get(other_district_, "/api/v1/persons?unit=991&q=mau%20mot").body["total"], 1);
  EXPECT_EQ(get(district_, "/api/v1/persons?q=Nguy%E1%BB%85n%20V%C4%83n%20M%E1%BA%ABu%20M%E1%BB%99t").body["total"], 0);
  // Households: their members are those who live there.
  EXPECT_EQ(ids(get(district_, "/api/v1/households/101").body["household"]["members"]),
            (std::vector<int64_t>{1012, 1013}));
  EXPECT_EQ(ids(get(other_district_, "/api/v1/households/104").body["household"]["members"]),
            (std::vector<int64_t>{1011, 1041, 1042}));
  // Writes: a change by the unit left is refused as for no one.
  const Reply change = call(&district_, verb::patch, "/api/v1/persons/1011", {{"name", "Tên Đổi"}});
  EXPECT_EQ(change.status, 404u);
  EXPECT_EQ(call(&other_district_, verb::patch, "/api/v1/persons/1011", {{"name", "Nguyễn Văn Mẫu Đổi"}}).status,
            200u);
}

// A slip places its person on the slip's date: the unit they lived in then.
TEST_F(Scope, ASlipPlacesItsPersonOnItsDate) {
  move_1011();
  auto card = [](const char* date, const char* village) {
    return nlohmann::json{{"type", "health_insurance_card"}, {"date", date}, {"village_code", village},
                          {"person_id", 1011}};
  };
  const std::vector<int64_t> before = rows();
  Reply r = post(district_, "/api/v1/events", card("2025-06-01", "9900101"));  // gone by then
  EXPECT_EQ(r.status, 404u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "person_id");
  nlohmann::json nobody = card("2025-06-01", "9900101");
  nobody["person_id"] = 999999;
  EXPECT_EQ(r.text, post(district_, "/api/v1/events", nobody).text);
  r = post(other_district_, "/api/v1/events", card("2024-06-01", "9910101"));  // not there yet
  EXPECT_EQ(r.status, 404u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "person_id");
  r = post(district_, "/api/v1/events", card("2025-01-11", "9900101"));  // between leaving and arriving: the last
  EXPECT_EQ(r.status, 400u) << r.text;  // in scope; the import's own check: not resident that day
  EXPECT_EQ(rows(), before);
  EXPECT_EQ(post(district_, "/api/v1/events", card("2024-06-01", "9900101")).status, 201u);
  EXPECT_EQ(post(other_district_, "/api/v1/events", card("2025-06-01", "9910101")).status, 201u);
}

// A person who died stays with the unit they lived in last: the unit of the
// death slip still sees them, in paths and lists; nobody else does.
TEST_F(Scope, TheUnitWhereAPersonDiedStillSeesThem) {
  const Reply death = post(collaborator_, "/api/v1/events",
                           {{"type", "death"}, {"date", "2025-06-01"}, {"village_code", "9900102"}, {"person_id", 1021}});
  ASSERT_EQ(death.status, 201u) << death.text;
  EXPECT_EQ(get(collaborator_, "/api/v1/persons/1021").status, 200u);
  EXPECT_EQ(ids(get(collaborator_, "/api/v1/persons").body["persons"]), (std::vector<int64_t>{1021, 1022}));
  // No longer a member of the household; among its former members.
  EXPECT_EQ(ids(get(collaborator_, "/api/v1/households/102").body["household"]["members"]),
            (std::vector<int64_t>{1022}));
  EXPECT_EQ(ids(get(collaborator_, "/api/v1/households/102?former=true").body["household"]["members"]),
            (std::vector<int64_t>{1021, 1022}));
  EXPECT_EQ(get(collaborator_, "/api/v1/events/" + death.body["event"]["id"].dump()).status, 200u);
  EXPECT_EQ(get(other_district_, "/api/v1/persons/1021").status, 404u);
}

// Answers tell no fact about a record outside the caller's scope: not the
// death date of a related person, not who holds a citizen ID.
TEST_F(Scope, ErrorsTellNothingAboutRecordsOutsideTheScope) {
  // 1041 (district 991) dies on 2025-02-01.
  ASSERT_EQ(post(province_, "/api/v1/events",
                 {{"type", "death"}, {"date", "2025-02-01"}, {"village_code", "9910101"}, {"person_id", 1041}})
                .status,
            201u);
  const nlohmann::json marriage{{"type", "marriage"}, {"date", "2025-03-01"}, {"village_code", "9900101"},
                                {"person_id", 1062}, {"related_id", 1041}};
  const Reply outside = post(district_, "/api/v1/events", marriage);
  EXPECT_EQ(outside.status, 404u);
  EXPECT_EQ(outside.text.find("2025-02-01"), std::string::npos) << outside.text;
  // Inside the scope, the fact is the caller's to know.
  const Reply inside = post(province_, "/api/v1/events", marriage);
  EXPECT_EQ(inside.status, 400u);
  EXPECT_EQ(inside.body["error"]["field"], "related_id");
  EXPECT_EQ(inside.body["error"]["message_en"], "this person died on 2025-02-01");

  // Citizen IDs: 1051 (another province) and 1012 (the district's) hold one.
  {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const Date today = accounts::date_of(now_);
    const auto no_audit = [](const auto&, const auto&) { return Status(); };
    for (const auto& [id, cid] : {std::pair{1051, "098301000051"}, std::pair{1012, "099301000012"}})
      ASSERT_TRUE(change_person(*store_, PersonId(id), {{"citizen_id", cid}}, today, WriteAudit<Person>(no_audit),
                                WriteAudit<VitalEvent>(no_audit), WriteScope{})
                      .ok());
  }
  const nlohmann::json person{{"household_id", 101}, {"name", "Trần Thị Mẫu Mới"}, {"sex", "F"},
                              {"birth_date", "2001-02-03"}, {"citizen_id", "098301000051"}};
  Reply r = post(district_, "/api/v1/persons", person);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "citizen_id");
  EXPECT_EQ(r.body["error"]["message_en"], "citizen ID already belongs to another person");
  EXPECT_EQ(r.text.find("1051"), std::string::npos) << r.text;
  r = call(&district_, verb::patch, "/api/v1/persons/1011", {{"citizen_id", "098301000051"}});
  EXPECT_EQ(r.body["error"]["message_en"], "citizen ID already belongs to another person") << r.text;
  nlohmann::json own = person;
  own["citizen_id"] = "099301000012";
  r = post(district_, "/api/v1/persons", own);
  EXPECT_EQ(r.body["error"]["message_en"], "citizen ID already belongs to person 1012") << r.text;
}

// A collaborator's unit is the commune of their villages, which they do not
// see whole: the report list without ?unit= is their own unit's, as far as
// they see it (as every other list), not 404 "no unit ''".
TEST_F(Scope, TheReportListDefaultsToTheCallersOwnUnit) {
  ASSERT_EQ(post(province_, "/api/v1/reports", {{"unit", "99001"}, {"period", "2024-04"}}).status, 201u);
  Reply r = get(collaborator_, "/api/v1/reports");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 0);  // the commune's report is not the collaborator's
  EXPECT_EQ(r.body["items"], nlohmann::json::array());
  r = get(district_, "/api/v1/reports");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 1);
  EXPECT_EQ(get(collaborator_, "/api/v1/reports?unit=99001").status, 404u);
}

}  // namespace
}  // namespace danso::test

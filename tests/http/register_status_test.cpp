// The register's pages show what the slips say: on the register of
// register_fixture.h (today 2025-06-15), a death, a move between villages
// (out, then in), a move straight into another village's household, and a
// marriage then the husband's death. Persons, households, search and the
// slip pickers give each person's status on the day asked.
//
//   1021 (head of 102, 9900102) dies 2025-03-01
//   1031 (103, 9900201) moves out 2025-01-10, into 102 (9900102) 2025-01-15
//   1032 (103, 9900201) moves into 101 (9900101) 2025-02-01
//   1063 (106) marries 1073 (107) 2024-10-01 and dies 2025-05-01
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class RegisterStatus : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    import("persons-more.csv",
           "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
           "registered_on\n"
           "1063,106,Đặng Văn Mẫu Chồng,M,1995-01-01,,child,Kinh,single,permanent,2020-01-01\n"
           "1073,107,Nguyễn Thị Mẫu Vợ,F,1996-01-01,,child,Kinh,single,temporary,2020-01-01\n",
           ImportKind::kPersons);
    import("events-more.csv",
           "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
           "201,death,2025-03-01,9900102,1021,,,,\n"
           "202,move_out,2025-01-10,9900201,1031,,,,\n"
           "203,move_in,2025-01-15,9900102,1031,,102,,\n"
           "204,move_in,2025-02-01,9900101,1032,,101,,\n"
           "205,marriage,2024-10-01,9900101,1063,1073,,,\n"
           "206,death,2025-05-01,9900101,1063,,,,\n",
           ImportKind::kEvents);
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
  }
  nlohmann::json person(const std::string& id, const std::string& on = "") {
    const Reply r = call(&district_, verb::get, "/api/v1/persons/" + id + (on.empty() ? "" : "?on=" + on));
    EXPECT_EQ(r.status, 200u) << r.text;
    return r.body["person"];
  }
  // Member id -> residence on the day, of household `id`.
  std::map<int64_t, std::string> members(const std::string& target) {
    const Reply r = call(&district_, verb::get, "/api/v1/households/" + target);
    EXPECT_EQ(r.status, 200u) << r.text;
    std::map<int64_t, std::string> out;
    for (const auto& m : r.body["household"]["members"])
      out[m["id"].get<int64_t>()] = m["status"]["residence"].get<std::string>();
    return out;
  }
  std::vector<int64_t> found(const std::string& query) {
    const Reply r = call(&district_, verb::get, "/api/v1/persons?" + query);
    EXPECT_EQ(r.status, 200u) << query << ": " << r.text;
    std::vector<int64_t> out;
    for (const auto& p : r.body["persons"]) out.push_back(p["id"].get<int64_t>());
    EXPECT_EQ(r.body["total"], int64_t(out.size())) << query;
    return out;
  }
  Browser district_;
};

using Members = std::map<int64_t, std::string>;

TEST_F(RegisterStatus, ADeathEndsResidenceAndMembership) {
  auto p = person("1021");
  EXPECT_EQ(p["residence"], "permanent");  // as registered
  EXPECT_EQ(p["status"]["on"], "2025-06-15");
  EXPECT_EQ(p["status"]["residence"], "dead");
  EXPECT_EQ(p["status"]["since"], "2025-03-01");
  EXPECT_EQ(p["status"]["lives_here"], false);
  EXPECT_EQ(p["status"]["household_id"], 102);
  ASSERT_EQ(p["history"].size(), 1u);
  EXPECT_EQ(p["history"][0]["type"], "death");
  p = person("1021", "2025-02-28");
  EXPECT_EQ(p["status"]["residence"], "permanent");
  EXPECT_EQ(p["status"]["since"], nullptr);
  // Household 102 today: the widow and the one who moved in; the dead head only with former=true.
  EXPECT_EQ(members("102"), (Members{{1022, "permanent"}, {1031, "permanent"}}));
  EXPECT_EQ(members("102?former=true"), (Members{{1021, "dead"}, {1022, "permanent"}, {1031, "permanent"}}));
  EXPECT_EQ(members("102?on=2025-01-12"), (Members{{1021, "permanent"}, {1022, "permanent"}}));
  const Reply bad = call(&district_, verb::get, "/api/v1/households/102?on=2025-13-01");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.body["error"]["field"], "on");
}

TEST_F(RegisterStatus, MovesBetweenVillagesChangeTheHouseholdAndTheSearch) {
  auto p = person("1031");
  EXPECT_EQ(p["status"]["residence"], "permanent");
  EXPECT_EQ(p["status"]["household_id"], 102);
  EXPECT_EQ(p["village"], "9900102");
  EXPECT_EQ(p["village_name"], "Thôn Tây");
  ASSERT_EQ(p["history"].size(), 2u);
  EXPECT_EQ(p["history"][0]["type"], "move_out");
  EXPECT_EQ(p["history"][1]["type"], "move_in");
  p = person("1031", "2025-01-12");
  EXPECT_EQ(p["status"]["residence"], "moved_out");
  EXPECT_EQ(p["status"]["since"], "2025-01-10");
  EXPECT_EQ(p["status"]["household_id"], 103);
  // The old household has nobody left today; both are among its former members.
  EXPECT_EQ(members("103"), Members{});
  EXPECT_EQ(members("103?former=true"), (Members{{1031, "permanent"}, {1032, "permanent"}}));
  // A collaborator of the village they left sees neither: they belong to other villages now.
  Browser left = session_for(add_user("ctv.thon.nam", "collaborator", "99002", {"9900201"}));
  const Reply r103 = call(&left, verb::get, "/api/v1/households/103?former=true&on=2025-01-01");
  ASSERT_EQ(r103.status, 200u) << r103.text;
  EXPECT_TRUE(r103.body["household"]["members"].empty()) << r103.text;
  EXPECT_EQ(members("101"), (Members{{1011, "permanent"}, {1012, "permanent"}, {1013, "permanent"},
                                     {1032, "permanent"}}));
  EXPECT_EQ(members("101?on=2025-01-31"), (Members{{1011, "permanent"}, {1012, "permanent"}, {1013, "permanent"}}));
  // Found in the village they moved to, not in the one they left.
  EXPECT_EQ(found("unit=9900102&q=le%20van"), std::vector<int64_t>{1031});
  EXPECT_EQ(found("unit=9900201&q=le%20van"), std::vector<int64_t>{});
  // "ba" begins "Bảy" too: 1071 and 1072 of household 107.
  EXPECT_EQ(found("unit=9900101&q=mau%20ba"), (std::vector<int64_t>{1032, 1071, 1072}));
  const Reply r = call(&district_, verb::get, "/api/v1/persons?unit=9900101&q=mau%20ba");
  EXPECT_EQ(r.body["persons"][0]["village"], "9900101");
  EXPECT_EQ(r.body["persons"][0]["village_name"], "Thôn Đông");
  EXPECT_EQ(r.body["persons"][0]["lives_in_household_id"], 101);
  EXPECT_EQ(r.body["persons"][0]["household_id"], 103);  // of registration
}

TEST_F(RegisterStatus, TheSpousesDeathMakesAWidow) {
  EXPECT_EQ(person("1073", "2024-09-30")["status"]["marital"], "single");
  EXPECT_EQ(person("1073", "2025-04-30")["status"]["marital"], "married");
  const auto p = person("1073");
  EXPECT_EQ(p["marital"], "single");  // as registered
  EXPECT_EQ(p["status"]["marital"], "widowed");
  EXPECT_EQ(p["status"]["residence"], "temporary");
  ASSERT_EQ(p["history"].size(), 1u);  // her marriage; his death names him only
  EXPECT_EQ(p["history"][0]["type"], "marriage");
  EXPECT_EQ(person("1063")["status"]["residence"], "dead");
  EXPECT_EQ(person("1063")["status"]["marital"], "married");  // married when he died
}

TEST_F(RegisterStatus, ListsAndPickersLeaveOutWhomASlipCannotName) {
  // Village 9900101 lists 1011-1013, 1032, 1061-1063, 1071-1073 (1063 dead).
  EXPECT_EQ(found("unit=9900101&q=dang"), (std::vector<int64_t>{1061, 1063}));
  EXPECT_EQ(found("unit=9900101&q=dang&for=death"), std::vector<int64_t>{1061});
  EXPECT_EQ(found("unit=9900101&q=dang&living=true"), std::vector<int64_t>{1061});
  EXPECT_EQ(found("unit=9900101&q=dang&on=2025-04-30&for=death"), (std::vector<int64_t>{1061, 1063}));
  // A mother: women living there (1032 among them since she moved in).
  EXPECT_EQ(found("unit=9900101&for=birth.related_id"), (std::vector<int64_t>{1012, 1032, 1062, 1072, 1073}));
  // The dead head of 102 is no one's slip; 1031 came in 2025-01-15.
  EXPECT_EQ(found("unit=9900102&for=move_out"), (std::vector<int64_t>{1022, 1031}));
  EXPECT_EQ(found("unit=9900102&for=move_out&on=2025-01-12"), (std::vector<int64_t>{1021, 1022}));
  // Someone who left the area can move back in: the living, wherever they are.
  EXPECT_EQ(found("unit=9900102&for=move_in"), (std::vector<int64_t>{1022, 1031}));
  const Reply r = call(&district_, verb::get, "/api/v1/persons?unit=9900102&living=true");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["persons"][0]["status"]["residence"], "permanent");
  for (const char* bad : {"for=wedding", "for=death.related_id", "for=birth.mother", "sex=X", "living=yes", "on=2025-02-30"}) {
    const Reply e = call(&district_, verb::get, std::string("/api/v1/persons?unit=990&") + bad);
    EXPECT_EQ(e.status, 400u) << bad;
    EXPECT_EQ(e.body["error"]["field"], std::string(bad).substr(0, std::string(bad).find('='))) << bad;
  }
}

TEST_F(RegisterStatus, HouseholdListsNameTheHeadAndTheVillage) {
  const Reply r = call(&district_, verb::get, "/api/v1/households?unit=9900102");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["households"].size(), 1u);
  const auto& h = r.body["households"][0];
  EXPECT_EQ(h["id"], 102);
  EXPECT_EQ(h["village_name"], "Thôn Tây");
  EXPECT_EQ(h["head_id"], 1021);
  EXPECT_EQ(h["head_name"], "Trần Văn Mẫu Hai");
  // Spaces typed anywhere in a search are one.
  EXPECT_EQ(found("unit=990&q=%20%20tran%20%20%20van%09mau%20"), std::vector<int64_t>{1021});
}

}  // namespace
}  // namespace danso::test

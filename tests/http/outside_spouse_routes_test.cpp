// A marriage to a spouse who is not in the register (issue 14 §5): recorded
// with the spouse's name and what is known of them, shown in the slip list
// and history, counted for the register person's marital status exactly as
// a marriage, and never adding the spouse to the population. On the
// register of register_fixture.h, with one single man added to household
// 102 (village 9900102).
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class OutsideSpouseRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    import("single.csv",
           "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
           "registered_on\n1023,102,Trần Văn Mẫu Độc,M,1996-02-03,,child,Kinh,single,permanent,2020-01-01\n",
           ImportKind::kPersons);
    if (HasFatalFailure()) return;
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
  }
  Reply get(const std::string& target) { return call(&officer_, verb::get, target); }
  Reply post(const nlohmann::json& body) { return call(&officer_, verb::post, "/api/v1/events", body); }
  static nlohmann::json marriage(const char* date) {
    return {{"type", "marriage"},         {"date", date},
            {"village_code", "9900102"},  {"person_id", 1023},
            {"spouse_name", "Phạm Thị Mẫu Xa"}, {"spouse_birth_year", 1998},
            {"spouse_address", "Tỉnh Khác"},    {"spouse_nationality", "Việt Nam"}};
  }
  std::string marital(const char* on) {
    return get(std::string("/api/v1/persons/1023?on=") + on).body["person"]["status"]["marital"];
  }
  Browser officer_;
};

TEST_F(OutsideSpouseRoutes, AMarriageToASpouseOutsideTheRegisterIsRecorded) {
  const int64_t persons_before = get("/api/v1/persons").body["total"].get<int64_t>();
  EXPECT_EQ(persons_before, 10);  // 99001's four households: four couples, the child and the single man

  Reply r = post(marriage("2025-05-20"));
  ASSERT_EQ(r.status, 201u) << r.text;
  const auto& e = r.body["event"];
  EXPECT_EQ(e["related_id"], nullptr);
  EXPECT_EQ(e["spouse_name"], "Phạm Thị Mẫu Xa");
  EXPECT_EQ(e["spouse_birth_year"], 1998);
  EXPECT_EQ(e["spouse_address"], "Tỉnh Khác");
  EXPECT_EQ(e["spouse_nationality"], "Việt Nam");
  EXPECT_EQ(e["child_marriage"], false);
  const std::string id = std::to_string(e["id"].get<int64_t>());

  // The spouse is not added to the population.
  EXPECT_EQ(get("/api/v1/persons").body["total"], persons_before);
  EXPECT_EQ(get("/api/v1/persons?q=Mau%20Xa").body["total"], 0);
  // The register's person is married from that day, exactly as by a marriage.
  EXPECT_EQ(marital("2025-05-19"), "single");
  EXPECT_EQ(marital("2025-05-20"), "married");
  r = get("/api/v1/persons/1023");
  ASSERT_EQ(r.body["person"]["history"].size(), 1u);
  EXPECT_EQ(r.body["person"]["history"][0]["spouse_name"], "Phạm Thị Mẫu Xa");

  // In the slip list and the slip's history.
  r = get("/api/v1/events?unit=9900102&type=marriage&from=2025-05-01&to=2025-05-31");
  ASSERT_EQ(r.body["total"], 1) << r.text;
  EXPECT_EQ(r.body["events"][0]["spouse_name"], "Phạm Thị Mẫu Xa");
  EXPECT_EQ(r.body["events"][0]["person_name"], "Trần Văn Mẫu Độc");
  EXPECT_EQ(r.body["events"][0]["related_name"], nullptr);
  r = get("/api/v1/events/" + id + "/history");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["versions"][0]["event"]["spouse_nationality"], "Việt Nam");

  // Married, he may not marry again before a divorce; a divorce from the
  // spouse outside the register is recorded by name too.
  nlohmann::json again = marriage("2025-06-08");
  again["spouse_name"] = "Lê Thị Mẫu Khác";
  r = post(again);
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_NE(r.text.find("forbids marrying while married"), std::string::npos) << r.text;
  r = post({{"type", "divorce"}, {"date", "2025-06-05"}, {"village_code", "9900102"}, {"person_id", 1023},
            {"spouse_name", "Phạm Thị Mẫu Xa"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(marital("2025-06-10"), "divorced");
  r = post(again);
  EXPECT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(marital("2025-06-10"), "married");
  EXPECT_EQ(get("/api/v1/persons").body["total"], persons_before);
}

TEST_F(OutsideSpouseRoutes, ASpouseIsNamedOneWayOrTheOther) {
  struct Case {
    nlohmann::json change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"spouse_name", nullptr}, {"spouse_birth_year", nullptr}, {"spouse_address", nullptr},
        {"spouse_nationality", nullptr}},
       "related_id"},                                                     // neither related_id nor spouse_name
      {{{"spouse_name", nullptr}}, "spouse_name"},                        // facts of a spouse without a name
      {{{"related_id", 1022}}, "spouse_name"},                            // both
      {{{"spouse_birth_year", 1850}}, "spouse_birth_year"},
      {{{"type", "death"}, {"related_id", nullptr}}, "spouse_name"},      // not a death's column
  };
  for (const Case& c : cases) {
    nlohmann::json body = marriage("2025-05-20");
    for (const auto& [k, v] : c.change.items()) body[k] = v;
    for (auto it = body.begin(); it != body.end();)
      it = it->is_null() ? body.erase(it) : std::next(it);
    const Reply r = post(body);
    EXPECT_EQ(r.status, 400u) << body.dump() << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], c.field) << body.dump() << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty());
  }
  nlohmann::json neither = marriage("2025-05-20");
  for (const char* k : {"spouse_name", "spouse_birth_year", "spouse_address", "spouse_nationality"}) neither.erase(k);
  const Reply r = post(neither);
  EXPECT_NE(r.body["error"]["message_vi"].get<std::string>().find("vợ/chồng không có trong sổ"), std::string::npos)
      << r.text;
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("a spouse not in the register"), std::string::npos)
      << r.text;
  EXPECT_EQ(get("/api/v1/events?type=marriage&from=2025-01-01&to=2025-06-15").body["total"], 0);
}

}  // namespace
}  // namespace danso::test

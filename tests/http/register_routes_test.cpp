// The register's routes on the register of register_fixture.h: units,
// households, persons (with search without diacritics), paging and its
// errors.
#include "gunzip.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class RegisterRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900101"}));
    agency_ = session_for(add_user("ban.nganh", "agency_member", "99"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Browser district_, collaborator_, agency_;
};

TEST_F(RegisterRoutes, UnitAndItsVisibleChildren) {
  Reply r = get(district_, "/api/v1/units/990");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"]["code"], "990");
  EXPECT_EQ(r.body["unit"]["name"], "Huyện Một");
  EXPECT_EQ(r.body["unit"]["kind"], "district");
  EXPECT_EQ(r.body["unit"]["parent"], "99");
  EXPECT_EQ(r.body["unit"]["children"], 2);

  r = get(district_, "/api/v1/units/990/children");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["children"].size(), 2u);
  EXPECT_EQ(r.body["children"][0]["code"], "99001");
  EXPECT_EQ(r.body["children"][0]["name"], "Xã Một");
  EXPECT_EQ(r.body["children"][0]["parent"], "990");
  EXPECT_EQ(r.body["children"][1]["code"], "99002");

  // The district user does not see the province's other district.
  EXPECT_EQ(get(district_, "/api/v1/units/99/children").status, 404u);
  // An agency member of the province sees both districts.
  r = get(agency_, "/api/v1/units/99/children");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["children"].size(), 2u);
  EXPECT_EQ(r.body["children"][1]["code"], "991");
  // A collaborator sees their village, not the commune's other one.
  r = get(collaborator_, "/api/v1/units/9900101");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"]["kind"], "village");
  EXPECT_EQ(r.body["unit"]["children"], 0);
  EXPECT_EQ(get(collaborator_, "/api/v1/units/9900102").status, 404u);
  EXPECT_EQ(get(collaborator_, "/api/v1/units/99001/children").status, 404u);
}

TEST_F(RegisterRoutes, HouseholdsOfAUnitPageByPage) {
  Reply r = get(district_, "/api/v1/households?unit=99001");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 4);
  EXPECT_EQ(ids(r.body["households"]), (std::vector<int64_t>{101, 102, 106, 107}));
  EXPECT_EQ(r.body["households"][0]["village"], "9900101");
  EXPECT_EQ(r.body["households"][0]["address"], "Số 1 đường Thử");
  EXPECT_EQ(r.body["households"][0]["poverty"], "none");
  EXPECT_EQ(r.body["households"][0]["registered_on"], "2020-01-01");

  r = get(district_, "/api/v1/households?unit=99001&page=2&per_page=3");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 4);
  EXPECT_EQ(r.body["page"], 2);
  EXPECT_EQ(r.body["per_page"], 3);
  EXPECT_EQ(ids(r.body["households"]), (std::vector<int64_t>{107}));
  r = get(district_, "/api/v1/households?unit=99001&page=3&per_page=3");
  EXPECT_TRUE(r.body["households"].empty());

  // Without ?unit: the caller's unit.
  r = get(district_, "/api/v1/households");
  EXPECT_EQ(ids(r.body["households"]), (std::vector<int64_t>{101, 102, 103, 106, 107}));
  // A collaborator: their village only, even when asking for nothing in particular.
  r = get(collaborator_, "/api/v1/households");
  EXPECT_EQ(ids(r.body["households"]), (std::vector<int64_t>{101, 106, 107}));
  EXPECT_EQ(get(collaborator_, "/api/v1/households?unit=99001").status, 404u);
  // Agency members read aggregates, not the register.
  EXPECT_EQ(get(agency_, "/api/v1/households").status, 403u);
}

// A list page of 1 KB or more goes gzip-compressed to a client that takes
// gzip (a phone keeping its villages for working offline), the same JSON.
TEST_F(RegisterRoutes, ListPagesAreSentCompressedToClientsThatTakeGzip) {
  const std::string target = "/api/v1/persons?unit=990&per_page=500";
  const Reply plain = call(&district_, http::bhttp::verb::get, target);
  ASSERT_EQ(plain.status, 200u) << plain.text;
  ASSERT_GE(plain.text.size(), 1024u);
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(plain.header("Vary"), "Accept-Encoding");
  const Reply zipped = call(&district_, http::bhttp::verb::get, target, nullptr, true, "127.0.0.1:8080",
                            {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(zipped.status, 200u);
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_LT(zipped.text.size(), plain.text.size() / 2);
  EXPECT_EQ(gunzip(zipped.text), plain.text);
  // A page under 1 KB goes as it is.
  const Reply small = call(&district_, http::bhttp::verb::get, "/api/v1/persons?unit=990&per_page=1", nullptr, true,
                           "127.0.0.1:8080", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small.header("Content-Encoding"), "");
  EXPECT_EQ(small.body["persons"].size(), 1u);
}

TEST_F(RegisterRoutes, PagingErrorsNameTheParameter) {
  for (const char* bad : {"page=0", "page=abc", "per_page=0", "per_page=501", "page=-1", "per_page=2x"}) {
    const Reply r = get(district_, std::string("/api/v1/households?") + bad);
    EXPECT_EQ(r.status, 400u) << bad;
    EXPECT_EQ(r.body["error"]["code"], "invalid_argument") << bad;
    EXPECT_EQ(r.body["error"]["field"], std::string(bad).substr(0, std::string(bad).find('='))) << bad;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty());
  }
  EXPECT_EQ(get(district_, "/api/v1/persons?per_page=1000").status, 400u);
}

TEST_F(RegisterRoutes, HouseholdWithItsMembers) {
  Reply r = get(collaborator_, "/api/v1/households/101");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto& h = r.body["household"];
  EXPECT_EQ(h["id"], 101);
  EXPECT_EQ(h["village"], "9900101");
  ASSERT_EQ(h["members"].size(), 3u);
  EXPECT_EQ(h["members"][0]["name"], "Nguyễn Văn Mẫu Một");
  EXPECT_EQ(h["members"][0]["relation"], "head");
  EXPECT_EQ(h["members"][1]["name"], "Võ Thị Mẫu Một");
  EXPECT_EQ(h["members"][1]["sex"], "F");
  EXPECT_EQ(h["members"][1]["birth_date"], "1990-05-01");
  EXPECT_EQ(h["members"][2]["id"], 1013);
  EXPECT_EQ(h["members"][2]["birth_date"], "2024-04-10");
  // Another village of the same commune: not the collaborator's.
  r = get(collaborator_, "/api/v1/households/102");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.text, get(collaborator_, "/api/v1/households/999").text);
  EXPECT_EQ(get(district_, "/api/v1/households/102").status, 200u);
  EXPECT_EQ(get(district_, "/api/v1/households/104").status, 404u);
  EXPECT_EQ(get(district_, "/api/v1/households/abc").status, 404u);
}

TEST_F(RegisterRoutes, ASearchWithManyMatchesSaysItsTotalIsCapped) {
  // 1,001 more "Nguyễn Văn Mẫu ..." in household 101: with the three already
  // there, more than the search counts.
  std::string persons =
      "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
      "registered_on\n";
  for (int i = 0; i < 1001; ++i)
    persons += std::to_string(20000 + i) + ",101,Nguyễn Văn Mẫu Thêm,M,2000-01-01,,other,Kinh,single,permanent,"
               "2020-01-01\n";
  import("more.csv", persons, ImportKind::kPersons);
  Reply r = get(district_, "/api/v1/persons?unit=990&q=nguyen%20van%20mau&per_page=20");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 1000);
  EXPECT_EQ(r.body["total_capped"], true);
  EXPECT_EQ(ids(r.body["persons"]).front(), 1011);
  // The last page: counted to its end, exact.
  r = get(district_, "/api/v1/persons?unit=990&q=nguyen%20van%20mau&per_page=500&page=3");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 1004);
  EXPECT_FALSE(r.body.contains("total_capped"));
  EXPECT_EQ(r.body["persons"].size(), 4u);
  // Without a search: every person counted.
  r = get(district_, "/api/v1/persons?unit=9900101&per_page=20");
  EXPECT_EQ(r.body["total"], 1001 + 7);
  EXPECT_FALSE(r.body.contains("total_capped"));
}

TEST_F(RegisterRoutes, PersonsFoundWithOrWithoutDiacritics) {
  for (const char* q : {"Nguy%E1%BB%85n%20V%C4%83n%20M%E1%BA%ABu", "Nguyen+Van+Mau", "nguyen%20van%20mau",
                        "NGUYEN%20VAN%20MAU"}) {
    const Reply r = get(agency_, std::string("/api/v1/persons?unit=99&q=") + q);
    EXPECT_EQ(r.status, 403u);  // agency members do not read names
    const Reply d = call(&district_, verb::get, std::string("/api/v1/persons?unit=990&q=") + q);
    ASSERT_EQ(d.status, 200u) << q << ": " << d.text;
    EXPECT_EQ(d.body["total"], 3) << q;
    EXPECT_EQ(ids(d.body["persons"]), (std::vector<int64_t>{1011, 1013, 1071})) << q;
  }
  Reply r = get(district_, "/api/v1/persons?q=mau%20mot");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(ids(r.body["persons"]), (std::vector<int64_t>{1011, 1012}));
  EXPECT_EQ(r.body["persons"][1]["name"], "Võ Thị Mẫu Một");
  r = get(district_, "/api/v1/persons?q=%C4%91%E1%BA%B7ng");  // "đặng"
  EXPECT_EQ(ids(r.body["persons"]), (std::vector<int64_t>{1061}));
  r = get(district_, "/api/v1/persons?q=dang");
  EXPECT_EQ(ids(r.body["persons"]), (std::vector<int64_t>{1061}));
  // The person of another province is not found, whatever the search.
  r = get(district_, "/api/v1/persons?q=mau%20nam");
  EXPECT_EQ(r.body["total"], 0);
  // All persons of a village, page by page.
  r = get(collaborator_, "/api/v1/persons?per_page=4&page=2");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["total"], 7);
  EXPECT_EQ(ids(r.body["persons"]), (std::vector<int64_t>{1062, 1071, 1072}));
}

TEST_F(RegisterRoutes, OnePerson) {
  Reply r = get(district_, "/api/v1/persons/1013");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["person"]["name"], "Nguyễn Văn Mẫu Con");
  EXPECT_EQ(r.body["person"]["household_id"], 101);
  EXPECT_EQ(r.body["person"]["village"], "9900101");
  EXPECT_EQ(r.body["person"]["relation"], "child");
  EXPECT_EQ(r.body["person"]["marital"], "single");
  EXPECT_EQ(r.body["person"]["citizen_id"], nullptr);
  EXPECT_EQ(get(district_, "/api/v1/persons/1051").status, 404u);
  EXPECT_EQ(get(district_, "/api/v1/persons/1051").text, get(district_, "/api/v1/persons/9999").text);
}

}  // namespace
}  // namespace danso::test

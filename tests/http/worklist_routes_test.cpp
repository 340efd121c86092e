// The collaborator's work lists over the API (GET /api/v1/worklists and
// /worklists.html): on the register of register_fixture.h (today
// 2025-06-15) with, in village 9900101, an older woman, a young woman who is
// single, a newborn, a wife who stopped the pill and a pregnant wife; each
// list names the expected person with the reason, a collaborator sees only
// their village, and another village answers exactly as a missing one.
//
//   1012 (101) stops the pill 2025-03-01            -> no_method
//   1072 (107) pregnant since 2024-11-01            -> prenatal_screening
//   1064 (106) born 2025-05-20 to 1062              -> newborn_screening
//   1015 (101) single woman born 2005-01-01         -> premarital_counselling
//   1014 (101) widow born 1950-01-01                -> elderly_check
//   107: its last slip the pregnancy of 2024        -> household_visit
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class WorklistRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    import("persons-worklists.csv",
           "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
           "registered_on\n"
           "1014,101,Nguyễn Thị Mẫu Bà,F,1950-01-01,,parent,Kinh,widowed,permanent,2020-01-01\n"
           "1015,101,Nguyễn Thị Mẫu Cháu,F,2005-01-01,,child,Kinh,single,permanent,2020-01-01\n"
           "1064,106,Đặng Thị Mẫu Bé,F,2025-05-20,,child,Kinh,single,permanent,2025-05-20\n",
           ImportKind::kPersons);
    import("events-worklists.csv",
           "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n"
           "301,contraception_stop,2025-03-01,9900101,1012,,,,pill\n"
           "302,pregnancy,2024-11-01,9900101,1072,,,,\n"
           "303,birth,2025-05-20,9900101,1064,1062,106,1,\n",
           ImportKind::kEvents);
    collaborator_ = session_for(add_user("ctv.thon.mot", "collaborator", "99001", {"9900101"}));
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
  }
  // list -> person ids (household_visit: household ids), in order.
  std::map<std::string, std::vector<int64_t>> lists(Browser& b, const std::string& query) {
    const Reply r = call(&b, verb::get, "/api/v1/worklists" + query);
    EXPECT_EQ(r.status, 200u) << query << ": " << r.text;
    std::map<std::string, std::vector<int64_t>> out;
    for (const auto& row : r.body["rows"]) {
      const std::string list = row["list"];
      out[list].push_back(list == "household_visit" ? row["household_id"].get<int64_t>() : row["person_id"].get<int64_t>());
    }
    return out;
  }
  Browser collaborator_, district_;
};

using Lists = std::map<std::string, std::vector<int64_t>>;

TEST_F(WorklistRoutes, EachListNamesWhoIsDueWithTheReason) {
  const Reply r = call(&collaborator_, verb::get, "/api/v1/worklists");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["on"], "2025-06-15");
  EXPECT_EQ(r.body["unit"], "99001");
  EXPECT_EQ(lists(collaborator_, ""), (Lists{{"no_method", {1012}},
                                             {"prenatal_screening", {1072}},
                                             {"newborn_screening", {1064}},
                                             {"premarital_counselling", {1015}},
                                             {"elderly_check", {1014}},
                                             {"household_visit", {107}}}));
  EXPECT_EQ(r.body["counts"]["no_method"], 1);
  EXPECT_EQ(r.body["counts"]["household_visit"], 1);
  const auto& first = r.body["rows"][0];
  EXPECT_EQ(first["list"], "no_method");
  EXPECT_EQ(first["name"], "Võ Thị Mẫu Một");
  EXPECT_EQ(first["age"], 35);
  EXPECT_EQ(first["household_id"], 101);
  EXPECT_EQ(first["address"], "Số 1 đường Thử");
  EXPECT_EQ(first["village"], "9900101");
  EXPECT_EQ(first["reason"], "stopped");
  EXPECT_EQ(first["reason_vi"], "Có chồng, 35 tuổi, ngừng dùng thuốc uống từ 01/03/2025");
  EXPECT_EQ(first["since"], "2025-03-01");
  const auto& visit = r.body["rows"][5];
  EXPECT_EQ(visit["list"], "household_visit");
  EXPECT_EQ(visit["name"], "Nguyễn Văn Mẫu Bảy");  // the head
  EXPECT_EQ(visit["reason_en"], "No slip in 2025 (last on 2024-11-01)");
}

TEST_F(WorklistRoutes, AsOfAnotherDayAndOneList) {
  // On the last day of 2024: the child not born yet, the pill still in use,
  // every household with a slip that year.
  EXPECT_EQ(lists(collaborator_, "?on=2024-12-31"), (Lists{{"prenatal_screening", {1072}},
                                                           {"premarital_counselling", {1015}},
                                                           {"elderly_check", {1014}}}));
  const Reply one = call(&collaborator_, verb::get, "/api/v1/worklists?list=elderly_check");
  ASSERT_EQ(one.status, 200u) << one.text;
  ASSERT_EQ(one.body["rows"].size(), 1u);
  EXPECT_EQ(one.body["rows"][0]["reason_vi"], "75 tuổi, chưa ghi nhận lần khám sức khỏe nào");
  EXPECT_EQ(one.body["counts"].size(), 1u);
  const Reply bad = call(&collaborator_, verb::get, "/api/v1/worklists?list=visits");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.body["error"]["field"], "list");
  const Reply bad_day = call(&collaborator_, verb::get, "/api/v1/worklists?on=2025-13-01");
  EXPECT_EQ(bad_day.status, 400u);
  EXPECT_EQ(bad_day.body["error"]["field"], "on");
}

TEST_F(WorklistRoutes, ACollaboratorSeesOnlyTheirVillages) {
  // The district sees household 102 of 9900102 (no slip in 2025) too, after
  // 9900101's; the collaborator, whose scope is their village (not the
  // commune), gets it by default or by naming it.
  EXPECT_EQ(lists(district_, "?unit=99001&list=household_visit"), (Lists{{"household_visit", {107, 102}}}));
  EXPECT_EQ(lists(collaborator_, "?list=household_visit"), (Lists{{"household_visit", {107}}}));
  EXPECT_EQ(lists(collaborator_, "?unit=9900101&list=household_visit"), (Lists{{"household_visit", {107}}}));
  const Reply missing = call(&collaborator_, verb::get, "/api/v1/worklists?unit=9999999");
  EXPECT_EQ(missing.status, 404u);
  for (const char* other : {"9900102", "9800101", "99001"}) {
    for (const char* path : {"/api/v1/worklists?unit=", "/api/v1/worklists.html?unit="}) {
      const Reply r = call(&collaborator_, verb::get, std::string(path) + other);
      EXPECT_EQ(r.status, 404u) << path << other;
      EXPECT_EQ(r.text, missing.text) << path << other;
    }
  }
}

TEST_F(WorklistRoutes, PrintableAndDownloadable) {
  const Reply page = call(&collaborator_, verb::get, "/api/v1/worklists.html");
  ASSERT_EQ(page.status, 200u) << page.text;
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.text.find("@page { size: A4 portrait"), std::string::npos);
  EXPECT_NE(page.text.find("<h1>Phụ nữ có chồng 15-49 tuổi chưa dùng biện pháp tránh thai</h1>"), std::string::npos);
  EXPECT_NE(page.text.find("Nguyễn Thị Mẫu Bà"), std::string::npos);
  EXPECT_EQ(page.text.find("Trần Văn Mẫu Hai"), std::string::npos);  // head of 102, another village
  size_t sections = 0;
  for (size_t at = page.text.find("<section class=\"list\""); at != std::string::npos;
       at = page.text.find("<section class=\"list\"", at + 1))
    ++sections;
  EXPECT_EQ(sections, 6u);
  const Reply en = call(&collaborator_, verb::get, "/api/v1/worklists.html?list=elderly_check&lang=en");
  ASSERT_EQ(en.status, 200u);
  EXPECT_NE(en.text.find("Aged 75, no health check ever recorded"), std::string::npos);
  EXPECT_EQ(en.text.find("data-list=\"no_method\""), std::string::npos);

  const Reply csv = call(&collaborator_, verb::get, "/api/v1/worklists?list=prenatal_screening&format=csv");
  ASSERT_EQ(csv.status, 200u) << csv.text;
  EXPECT_EQ(csv.header("Content-Disposition"),
            "attachment; filename=\"danh-sach-can-lam-99001-prenatal-screening-2025-06-15.csv\"");
  EXPECT_NE(csv.text.find("Danh sách,Mã nhân khẩu,Họ và tên"), std::string::npos) << csv.text;
  EXPECT_NE(csv.text.find("prenatal_screening,1072,Võ Thị Mẫu Bảy"), std::string::npos) << csv.text;
}

}  // namespace
}  // namespace danso::test

// GET /api/v1/training/coverage and /needs on the test register: the Hậu
// Giang training plan adopted for province 99, a collaborator in each of
// two districts, one trained; a district user sees their district and gets
// another district exactly as a unit that does not exist; the needs list
// (names) is refused to a role reading aggregates only.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/programme/training_import.h"
#include "http/register_fixture.h"

namespace danso::test {
namespace {

using http::bhttp::verb;

class TrainingRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    const Date today = accounts::date_of(now_);
    std::vector<StaffAssignment> staff;
    for (auto [id, name, village] : {std::tuple{1, "Cộng Tác Viên Một", "9900101"}, {2, "Cộng Tác Viên Hai", "9910101"}}) {
      StaffAssignment s;
      s.id = StaffId(id), s.name = name, s.unit_code = village;
      s.unit = ctx_->accounts.resolve_unit(village, today);
      s.start = Date::from_ymd_unchecked(2020, 1, 1);
      staff.push_back(s);
    }
    {
      std::lock_guard<std::mutex> lock(ctx_->db.mutex());
      auto tx = store_->begin();
      ASSERT_TRUE(store_->upsert_staff(staff).ok());
      ASSERT_TRUE(tx.commit().ok());
    }
    std::ifstream in(std::string(DANSO_PROJECT_DATA) + "/programme/training/hau-giang-2022-2030.json");
    std::stringstream plan;
    plan << in.rdbuf();
    ASSERT_TRUE(import_training_plan(*db_, plan.str(), {"hau-giang.json", "99", now_}).ok());
    auto n = import_training_sessions(
        *db_,
        "session,plan,course,course_title,course_kind,unit_code,start,end,cost_vnd\n"
        "S1,hau-giang-2022-2030,CTV,Tập huấn cộng tác viên,collaborator_training,990,2024-05-06,2024-05-08,7000000\n",
        {"lop.csv", "", now_});
    ASSERT_TRUE(n.ok()) << n.error().en;
    n = import_training_participants(*db_, "session,staff_id,attended,completed\nS1,1,1,1\n", {"hoc-vien.csv", "", now_});
    ASSERT_TRUE(n.ok()) << n.error().en;
    province_ = session_for(add_user("can.bo.tinh", "province_staff", "99"));
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    agency_ = session_for(add_user("thanh.vien.nganh", "agency_member", "99"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  static nlohmann::json collaborators(const nlohmann::json& body) {
    for (const auto& r : body["plans"][0]["rows"])
      if (r["group"] == "collaborators") return r;
    return {};
  }
  Browser province_, district_, agency_;
};

TEST_F(TrainingRoutes, CoverageAndNeedsInTheCallersScope) {
  Reply r = get(province_, "/api/v1/training/coverage?unit=99&year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["on"], "2024-12-31");
  EXPECT_EQ(collaborators(r.body)["members"], 2);
  EXPECT_EQ(collaborators(r.body)["covered"], 1);
  EXPECT_DOUBLE_EQ(collaborators(r.body)["percent"].get<double>(), 50.0);
  EXPECT_EQ(r.body["plans"][0]["spending"]["year_vnd"], 7000000);
  EXPECT_EQ(r.body["plans"][0]["spending"]["budget_vnd"], 737740000);
  // Each district: 990's collaborator trained, 991's not.
  const nlohmann::json& kids = r.body["plans"][0]["children"];
  ASSERT_EQ(kids.size(), 2u) << kids;
  EXPECT_EQ(kids[0]["unit"], "990");
  EXPECT_EQ(kids[1]["unit"], "991");
  for (size_t i = 0; i < r.body["plans"][0]["rows"].size(); ++i) {
    if (r.body["plans"][0]["rows"][i]["group"] != "collaborators") continue;
    EXPECT_EQ(kids[0]["rows"][i]["covered"], 1);
    EXPECT_EQ(kids[1]["rows"][i]["members"], 1);
    EXPECT_EQ(kids[1]["rows"][i]["covered"], 0);
  }
  // The district user: their district by default, its collaborator trained.
  r = get(district_, "/api/v1/training/coverage?year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"], "990");
  EXPECT_EQ(collaborators(r.body)["members"], 1);
  EXPECT_EQ(collaborators(r.body)["met"], true);
  // Another district answers exactly as a unit that does not exist.
  const Reply other = get(district_, "/api/v1/training/coverage?unit=991&year=2024");
  const Reply missing = get(district_, "/api/v1/training/coverage?unit=9999999&year=2024");
  EXPECT_EQ(other.status, 404u);
  EXPECT_EQ(other.text, missing.text);
  EXPECT_EQ(get(district_, "/api/v1/training/needs?unit=991&year=2024").status, 404u);

  r = get(province_, "/api/v1/training/needs?unit=99&group=collaborators&year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["count"], 1);
  EXPECT_EQ(r.body["needs"][0]["name"], "Cộng Tác Viên Hai");
  EXPECT_EQ(r.body["needs"][0]["unit"], "9910101");
  r = get(district_, "/api/v1/training/needs?group=collaborators&year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["count"], 0);
  // Names need read_register: an agency member reads the coverage only.
  EXPECT_EQ(get(agency_, "/api/v1/training/coverage?unit=99&year=2024").status, 200u);
  EXPECT_EQ(get(agency_, "/api/v1/training/needs?unit=99&year=2024").status, 403u);
  r = get(province_, "/api/v1/training/needs?unit=99&group=khong_co");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "group");
  EXPECT_EQ(get(province_, "/api/v1/training/coverage?unit=99&year=20245").status, 400u);
}

}  // namespace
}  // namespace danso::test

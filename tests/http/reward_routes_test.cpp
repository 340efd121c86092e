// The reward routes on the test register: a province user judges 2024 under
// a stored rule set (each village with residents and no birth: 100,000 đồng)
// and saves the run; its payments, its payment list as .xlsx and its audit
// entry; who may make and read runs.
#include <gtest/gtest.h>

#include "app/xlsx_cells.h"
#include "http/register_fixture.h"

namespace danso::test {
namespace {

using http::bhttp::verb;

constexpr const char* kRules = R"({"format": "danso-rules/1", "id": "thu", "version": "1", "title": "Quy tắc thử",
  "free_groups": [], "rules": [{"id": "thon_khong_sinh", "name_vi": "Thôn không có trẻ sinh", "name_en": "No births",
  "valid_from": "2021-01-01", "valid_to": "2030-12-31", "beneficiary": "village",
  "condition": {"kind": "no_events", "event": "birth", "years": 1}, "amount": {"per": "unit", "vnd": 100000},
  "exempt_free_groups": false, "source_text": "thử"}]})";

class RewardRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    {
      std::lock_guard<std::mutex> lock(ctx_->db.mutex());
      auto tx = store_->begin();
      ASSERT_TRUE(store_->insert_rule_set({"thu", "1", "Quy tắc thử", kRules, "", "2026-01-01T00:00:00Z"}).ok());
      ASSERT_TRUE(tx.commit().ok());
    }
    province_ = session_for(add_user("can.bo.tinh", "province_staff", "99"));
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
  }
  Reply run(Browser& b, const nlohmann::json& body) { return call(&b, verb::post, "/api/v1/reward-runs", body); }
  Browser province_, district_, officer_;
};

TEST_F(RewardRoutes, AProvinceUserJudgesAYearAndGetsThePaymentList) {
  Reply r = run(province_, {{"rule_set", "thu"}, {"version", "1"}, {"year", 2024}, {"unit", "99"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  // Villages with residents in 2024: 9900101 (a birth: not paid), 9900102, 9900201, 9910101.
  EXPECT_EQ(r.body["total_vnd"], 300000);
  ASSERT_EQ(r.body["payments"].size(), 3u);
  EXPECT_EQ(r.body["payments"][0]["key"], "9900102");
  EXPECT_EQ(r.body["payments"][0]["commune"], "99001");
  EXPECT_EQ(r.body["total_by_commune"]["99001"], 100000);
  const std::string id = std::to_string(r.body["id"].get<int64_t>());
  // Saved: listed, read back the same, audited under the user's name.
  r = call(&province_, verb::get, "/api/v1/reward-runs");
  ASSERT_EQ(r.body["runs"].size(), 1u);
  EXPECT_EQ(r.body["runs"][0]["total_vnd"], 300000);
  r = call(&province_, verb::get, "/api/v1/reward-runs/" + id);
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["payments"].size(), 3u);
  {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    std::optional<AuditRecord> last;
    store_->for_each_audit([&](const AuditRecord& e) { last = e; });
    ASSERT_TRUE(last);
    EXPECT_EQ(last->kind, "reward_run");
    EXPECT_EQ(last->actor_name, "can.bo.tinh");
  }
  r = call(&province_, verb::get, "/api/v1/reward-runs/" + id + "/export.xlsx");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto sheet = danso::testing::read_xlsx(r.text);
  EXPECT_EQ(sheet.cells.at("A1"), "DANH SÁCH CHI TRẢ THƯỞNG, HỖ TRỢ NĂM 2024 / PAYMENT LIST 2024");
  EXPECT_EQ(sheet.cells.at("C7"), "Thôn không có trẻ sinh");
  EXPECT_EQ(sheet.cells.at("G10"), "300000");
  // The run was of the province: a commune officer sees neither it nor its list.
  EXPECT_EQ(call(&officer_, verb::get, "/api/v1/reward-runs").body["runs"].size(), 0u);
  EXPECT_EQ(call(&officer_, verb::get, "/api/v1/reward-runs/" + id).status, 404u);
}

TEST_F(RewardRoutes, BadRequestsAreRefusedAndWriteNothing) {
  // A district user may read runs but not make them.
  EXPECT_EQ(run(district_, {{"rule_set", "thu"}, {"version", "1"}, {"year", 2024}, {"unit", "990"}}).status, 403u);
  Reply r = run(province_, {{"rule_set", "khac"}, {"version", "1"}, {"year", 2024}, {"unit", "99"}});
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body["error"]["field"], "rule_set");
  r = run(province_, {{"rule_set", "thu"}, {"version", "1"}, {"year", "2024"}, {"unit", "99"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "year");
  r = run(province_, {{"rule_set", "thu"}, {"version", "1"}, {"year", 2024}, {"unit", "98"}});
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body["error"]["field"], "unit");
  EXPECT_EQ(call(&province_, verb::get, "/api/v1/reward-runs").body["runs"].size(), 0u);
}

}  // namespace
}  // namespace danso::test

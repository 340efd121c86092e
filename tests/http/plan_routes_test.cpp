// GET /api/v1/plans and /api/v1/plans/{id}/progress on the test register:
// a province plan read by the province (its districts judged, worst first)
// and by a commune officer (the plan applies to their commune: judged for
// it, its villages as children), the population counted from the register,
// a trend over the register's years, bad years refused.
#include <gtest/gtest.h>

#include "app/programme/plans.h"
#include "http/register_fixture.h"

namespace danso::test {
namespace {

using http::bhttp::verb;

constexpr const char* kPlan = R"({
  "format": "danso-plan/1", "number": "KH-THU-01", "title": "Kế hoạch thử", "issuer": "UBND tỉnh Thử",
  "unit": {"code": "99", "name": "Tỉnh Thử", "level": "province"},
  "start": "2021-01-01", "end": "2030-12-31",
  "targets": [
    {"key": "population_2030", "indicator": "population", "name_vi": "Quy mô dân số", "measure_unit": "người",
     "baseline": {"year": 2020, "value": 10}, "goals": [{"year": 2030, "kind": "at_least", "value": 20}]},
    {"key": "standard_communes", "indicator": null, "name_vi": "Tỷ lệ xã đạt chuẩn", "measure_unit": "%",
     "baseline": {"year": null, "value": null}, "goals": [{"year": 2030, "kind": "at_least", "value": 90}]}
  ]
})";

class PlanRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    PlanImportOptions o;
    o.file = "ke-hoach-thu.json";
    o.now = now_;
    auto id = import_plan(*db_, kPlan, o, analytics::IndicatorCatalogue::defaults());
    ASSERT_TRUE(id.ok()) << id.error().en;
    plan_ = std::to_string(*id);
    province_ = session_for(add_user("can.bo.tinh", "province_staff", "99"));
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    other_ = session_for(add_user("can.bo.tinh.khac", "province_staff", "98"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  static const nlohmann::json* target(const nlohmann::json& rows, const std::string& key) {
    for (const auto& r : rows)
      if (r["key"] == key) return &r;
    return nullptr;
  }
  std::string plan_;
  Browser province_, officer_, other_;
};

TEST_F(PlanRoutes, TheProvinceSeesItsDistrictsWorstFirst) {
  Reply r = get(province_, "/api/v1/plans");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["plans"].size(), 1u);
  EXPECT_EQ(r.body["plans"][0]["number"], "KH-THU-01");
  EXPECT_EQ(r.body["plans"][0]["targets"], 2);
  r = get(province_, "/api/v1/plans/" + plan_ + "/progress?year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"], "99");
  // 6 households of two in province 99 and a child born in 2024: 13 persons.
  const auto* pop = target(r.body["targets"], "population_2030");
  ASSERT_TRUE(pop);
  EXPECT_EQ((*pop)["value"], 13);
  EXPECT_EQ((*pop)["source"], "register");
  // From 10 in 2020 to 20 in 2030: 14 expected in 2024, 13 is behind.
  EXPECT_DOUBLE_EQ((*pop)["expected"].get<double>(), 14.0);
  EXPECT_DOUBLE_EQ((*pop)["gap"].get<double>(), -1.0);
  EXPECT_EQ((*target(r.body["targets"], "standard_communes"))["status"], "no_data");
  // Districts 990 (11 persons) and 991 (2), each judged.
  ASSERT_EQ(r.body["children"].size(), 2u) << r.text;
  std::map<std::string, double> populations;
  for (const auto& c : r.body["children"])
    populations[c["unit"]] = (*target(c["targets"], "population_2030"))["value"].get<double>();
  EXPECT_EQ(populations["990"], 11);
  EXPECT_EQ(populations["991"], 2);
  // The trend: the population in each year the register covers, up to 2024.
  const auto& trend = r.body["trend"]["population_2030"];
  ASSERT_FALSE(trend.empty());
  EXPECT_EQ(trend.back()[0], 2024);
  EXPECT_EQ(trend.back()[1], 13);
  EXPECT_FALSE(r.body["trend"].contains("standard_communes"));  // entered by hand: no trend from the register
}

TEST_F(PlanRoutes, ACommuneOfficerReadsTheProvincePlanForTheirCommune) {
  Reply r = get(officer_, "/api/v1/plans/" + plan_ + "/progress?year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"], "99001");
  EXPECT_EQ((*target(r.body["targets"], "population_2030"))["value"], 9);
  ASSERT_EQ(r.body["children"].size(), 2u);  // villages 9900101 and 9900102
  // Above their commune or beside it: as missing.
  EXPECT_EQ(get(officer_, "/api/v1/plans/" + plan_ + "/progress?year=2024&unit=99").status, 404u);
  EXPECT_EQ(get(officer_, "/api/v1/plans/" + plan_ + "/progress?year=2024&unit=99002").status, 404u);
  // The officer lists it; another province's user neither lists nor reads it.
  EXPECT_EQ(get(officer_, "/api/v1/plans").body["plans"].size(), 1u);
  EXPECT_EQ(get(other_, "/api/v1/plans").body["plans"].size(), 0u);
  r = get(other_, "/api/v1/plans/" + plan_ + "/progress?year=2024");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(get(officer_, "/api/v1/plans/999/progress").status, 404u);
}

TEST_F(PlanRoutes, TheYearlyReportAsAWorkbookAndAPrintablePage) {
  Reply r = get(province_, "/api/v1/yearly-report?unit=99&year=2024&format=html");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r.text.find("BÁO CÁO NĂM 2024 VỀ CÔNG TÁC DÂN SỐ<br>99 Tỉnh Thử"), std::string::npos);
  EXPECT_NE(r.text.find("<b>KH-THU-01</b>"), std::string::npos);
  // 13 persons against the path's 14: at risk, listed among the targets needing attention.
  EXPECT_NE(r.text.find("<td>99 Tỉnh Thử</td><td>Quy mô dân số</td><td class=\"n\">13</td>"), std::string::npos)
      << r.text;
  r = get(province_, "/api/v1/yearly-report?unit=99&year=2024");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"bao-cao-nam-99-2024.xlsx\"");
  EXPECT_EQ(get(province_, "/api/v1/yearly-report?year=2024").status, 400u);
  EXPECT_EQ(get(province_, "/api/v1/yearly-report?unit=99&format=pdf").status, 400u);
  EXPECT_EQ(get(officer_, "/api/v1/yearly-report?unit=99&year=2024").status, 404u);
}

TEST_F(PlanRoutes, BudgetsAgainstTheFloorInTheCallersScope) {
  {
    BudgetRecord b;
    b.unit = ctx_->accounts.resolve_unit("99001", accounts::date_of(now_));
    b.unit_code = "99001", b.year = 2024, b.regular_spending_vnd = 2'000'000'000, b.population_spending_vnd = 2'000'000;
    b.entered_at = "2026-01-01T00:00:00Z";
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_budgets(std::span<const BudgetRecord>(&b, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  Reply r = get(province_, "/api/v1/budgets?year=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"], "99");
  std::map<std::string, std::string> status;
  for (const auto& u : r.body["units"]) status[u["unit"]] = u["status"];
  EXPECT_EQ(status["99001"], "below");  // 0.1%
  EXPECT_EQ(status["990"], "missing");
  // The commune officer: their commune only, by default.
  r = get(officer_, "/api/v1/budgets?year=2024");
  ASSERT_EQ(r.body["units"].size(), 1u) << r.text;
  EXPECT_DOUBLE_EQ(r.body["units"][0]["share_percent"].get<double>(), 0.1);
  EXPECT_EQ(get(officer_, "/api/v1/budgets?year=2024&unit=99").status, 404u);
}

TEST_F(PlanRoutes, ABudgetIsEnteredByHandAndAudited) {
  const auto put = [&](Browser& b, const nlohmann::json& body) { return call(&b, verb::put, "/api/v1/budgets", body); };
  // 15,000,000 of 10,000,000,000 is exactly 0.15%: meets.
  Reply r = put(province_, {{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 10'000'000'000},
                            {"population_spending_vnd", 15'000'000}, {"note", "dự toán đầu năm"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "meets");
  EXPECT_DOUBLE_EQ(r.body["share_percent"].get<double>(), 0.15);
  // Entered again: replaces it (14,999,999: below).
  r = put(province_, {{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 10'000'000'000},
                      {"population_spending_vnd", 14'999'999}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "below");
  r = get(province_, "/api/v1/budgets?year=2024&unit=990");
  EXPECT_EQ(r.body["units"][0]["population_spending_vnd"], 14'999'999);
  const auto budget_entries = [&] {
    int n = 0;
    store_->for_each_audit([&](const AuditRecord& e) { n += e.kind == "budget" && e.actor_name == "can.bo.tinh"; });
    return n;
  };
  EXPECT_EQ(budget_entries(), 2);
  // Bad figures, each naming its field; nothing written.
  struct Bad {
    nlohmann::json body;
    const char* field;
  };
  const Bad bad[] = {
      {{{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", 2000}}, "population_spending_vnd"},
      {{{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 0}, {"population_spending_vnd", 0}}, "regular_spending_vnd"},
      {{{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", -1}}, "population_spending_vnd"},
      {{{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", "1000"}, {"population_spending_vnd", 1}}, "regular_spending_vnd"},
      {{{"unit", "990"}, {"year", 1800}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", 1}}, "year"},
      {{{"unit", "9900101"}, {"year", 2024}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", 1}}, "unit"},  // a village
      {{{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", 1}, {"note", "a\tb"}}, "note"},
  };
  for (const Bad& b : bad) {
    r = put(province_, b.body);
    EXPECT_EQ(r.status, 400u) << b.body.dump() << r.text;
    EXPECT_EQ(r.body["error"]["field"], b.field) << b.body.dump();
  }
  EXPECT_EQ(budget_entries(), 2);
  // Another province's district: as missing; a commune officer may not enter budgets.
  EXPECT_EQ(put(other_, {{"unit", "990"}, {"year", 2024}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", 1}}).status, 404u);
  EXPECT_EQ(put(officer_, {{"unit", "99001"}, {"year", 2024}, {"regular_spending_vnd", 1000}, {"population_spending_vnd", 1}}).status, 403u);
}

TEST_F(PlanRoutes, ABadYearIsRefusedInBothLanguages) {
  for (const char* year : {"24", "20245", "abcd", "1800", "2024.0", "%202024"}) {
    const Reply r = get(province_, "/api/v1/plans/" + plan_ + "/progress?year=" + year);
    EXPECT_EQ(r.status, 400u) << year;
    EXPECT_EQ(r.body["error"]["field"], "year") << year;
    EXPECT_NE(r.body["error"]["message_vi"].get<std::string>().find("năm"), std::string::npos);
  }
}

}  // namespace
}  // namespace danso::test

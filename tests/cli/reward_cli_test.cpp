// danso rewards on a hand-built register of two communes, judged by the
// shipped Hà Tĩnh resolution 221/2020 for 2024, every payment worked out by
// hand: a commune below 5% and falling, a village with a birth of order 3+
// in one of two years, IUD and sterilisation cases by the children before
// them, newborn screening exempt in a coastal commune; a saved run, the same
// list again, what changed after a new slip, the payment list as .xlsx, and
// a bad rule file refused whole. Names are made up.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "app/xlsx_cells.h"
#include "cli/cli_fixture.h"

namespace fs = std::filesystem;

namespace {

class RewardCli : public danso::test::CliTest {
 protected:
  RewardCli() : CliTest("reward-cli") {}
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("init --db " + db()).code, 0);
    // Xã Một (villages Thôn Một, Thôn Hai) and Xã Hai (coastal; Thôn Ba).
    import(db(), "units",
           "code,name,level,parent_code,valid_from,coastal\n42,Tỉnh Thử,1,,2019-01-01,\n446,Huyện Thử,2,42,2019-01-01,\n"
           "44601,Xã Một,3,446,2019-01-01,\n44602,Xã Hai,3,446,2019-01-01,1\n4460101,Thôn Một,4,44601,2019-01-01,\n"
           "4460102,Thôn Hai,4,44601,2019-01-01,\n4460201,Thôn Ba,4,44602,2019-01-01,\n");
    import(db(), "staff",
           "id,name,role,unit_code,start\n7,Cộng Tác Viên Bảy,collaborator,4460101,2019-01-01\n"
           "8,Cộng Tác Viên Tám,collaborator,4460201,2019-01-01\n");
    import(db(), "households",
           "id,village_code,poverty,registered_on\n1,4460101,none,2019-01-01\n2,4460102,poor,2019-01-01\n"
           "3,4460201,none,2019-01-01\n");
    import(db(), "persons",
           "id,household_id,name,sex,birth_date,registered_on\n1,1,Người Mẹ An,F,1990-01-01,2019-01-01\n"
           "2,2,Người Mẹ Bình,F,1988-01-01,2019-01-01\n3,3,Người Mẹ Cúc,F,1985-06-01,2019-01-01\n"
           "4,1,Người Dung,F,1995-01-01,2019-01-01\n11,1,Con Một,M,2023-03-01,\n12,2,Con Hai,F,2023-04-01,\n"
           "15,1,Con Năm,F,2024-05-01,\n16,3,Con Sáu,M,2024-06-01,\n");
    // 2023: Xã Một 1 birth of order 3 in 2 (50%), in Thôn Hai. 2024: Xã Một 0 of 1 (0%); Xã Hai 1 of 1, in Thôn Ba.
    import(db(), "events",
           "id,type,date,village_code,person_id,related_id,birth_order,method,conditions,recorded_by\n"
           "101,birth,2023-03-01,4460101,11,1,1,,,7\n102,birth,2023-04-01,4460102,12,2,3,,,7\n"
           "103,birth,2024-05-01,4460101,15,1,2,,,7\n104,birth,2024-06-01,4460201,16,3,3,,,8\n"
           // An IUD for a woman with one child (paid), one for a woman with none (not paid).
           "105,contraception_start,2024-03-01,4460101,1,,,iud,,7\n106,contraception_start,2024-03-02,4460101,4,,,iud,,7\n"
           // Sterilisations: Bình has had 3 children (order 3), Cúc 3 as well (order 3 in June).
           "107,contraception_start,2024-10-01,4460102,2,,,female_sterilisation,,7\n"
           "108,contraception_start,2024-09-01,4460201,3,,,female_sterilisation,,8\n"
           // Newborn screening: Con Năm (paid to the family), Con Sáu (coastal commune: free, not paid).
           "109,newborn_screening,2024-05-05,4460101,15,,,,5,7\n110,newborn_screening,2024-06-05,4460201,16,,,,2,8\n");
  }
  std::string db() const { return path("r.db"); }
  static std::string rules() { return std::string(DANSO_PROJECT_DATA) + "/programme/rules/ha-tinh-221-2020.json"; }
  nlohmann::json rewards(const std::string& extra = "") {
    const Output r = run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --format json " + extra);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  // The amount paid to a beneficiary under a rule (0 when not paid).
  static int64_t paid(const nlohmann::json& run, const std::string& rule, const std::string& key) {
    for (const auto& p : run["payments"])
      if (p["rule"] == rule && p["key"] == key) return p["amount_vnd"].get<int64_t>();
    return 0;
  }
};

TEST_F(RewardCli, AYearIsPaidAsWorkedOutByHand) {
  const nlohmann::json got = rewards();
  EXPECT_EQ(got["unit"], "42");
  // Xã Một: 0% of order 3+ in 2024 (below 5%), down from 50% (a fall of 100%).
  EXPECT_EQ(paid(got, "commune_order3_below_5", "44601"), 5'000'000);
  EXPECT_EQ(paid(got, "commune_order3_fell_5_2021_2025", "44601"), 2'000'000);
  // Xã Hai: 100% in 2024, no births in 2023 to fall from.
  EXPECT_EQ(paid(got, "commune_order3_below_5", "44602"), 0);
  EXPECT_EQ(paid(got, "commune_order3_fell_5_2021_2025", "44602"), 0);
  // Villages: Thôn Một had no birth of order 3+ in 2023 or 2024; Thôn Hai had one in 2023, Thôn Ba in 2024.
  EXPECT_EQ(paid(got, "village_no_order3_2_years", "4460101"), 2'000'000);
  EXPECT_EQ(paid(got, "village_no_order3_2_years", "4460102"), 0);
  EXPECT_EQ(paid(got, "village_no_order3_2_years", "4460201"), 0);
  // IUD: An (one child before) pays her collaborator 100,000; Dung (none) nothing.
  EXPECT_EQ(paid(got, "collaborator_iud", "staff:7"), 100'000);
  // Sterilisation: Bình (3 children by her birth of order 3) pays collaborator 7 200,000; each woman gets 1,000,000.
  EXPECT_EQ(paid(got, "collaborator_sterilisation", "staff:7"), 200'000);
  EXPECT_EQ(paid(got, "collaborator_sterilisation", "staff:8"), 200'000);
  EXPECT_EQ(paid(got, "person_sterilisation_support", "person:2"), 1'000'000);
  EXPECT_EQ(paid(got, "person_sterilisation_support", "person:3"), 1'000'000);
  // Newborn screening: the family in Xã Một is paid; the one in coastal Xã Hai is covered for free.
  EXPECT_EQ(paid(got, "family_newborn_screening", "household:1"), 100'000);
  EXPECT_EQ(paid(got, "family_newborn_screening", "household:3"), 0);
  EXPECT_EQ(got["cases_exempt"], 1);
  EXPECT_EQ(paid(got, "collaborator_newborn_screening_mobilised", "staff:7"), 50'000);
  EXPECT_EQ(paid(got, "collaborator_newborn_screening_mobilised", "staff:8"), 50'000);
  EXPECT_EQ(got["payments"].size(), 11u);
  EXPECT_EQ(got["total_by_commune"]["44601"], 10'450'000);
  EXPECT_EQ(got["total_by_commune"]["44602"], 1'250'000);
  EXPECT_EQ(got["total_vnd"], 11'700'000);
  EXPECT_EQ(got["total_by_rule"]["person_sterilisation_support"], 2'000'000);
  // Evidence: the figures and the event ids that met the condition.
  for (const auto& p : got["payments"]) {
    if (p["rule"] == "collaborator_iud") {
      EXPECT_EQ(p["events"], nlohmann::json::array({105}));
    }
    if (p["rule"] == "commune_order3_fell_5_2021_2025") {
      EXPECT_EQ(p["figures"][0], "births_order3plus_share 2023 = 50 (1 / 2)") << p.dump();
    }
  }
  // The table with the totals only, in đồng with the Vietnamese thousands separator.
  const Output table = run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --totals");
  EXPECT_EQ(table.out.find("Chi trả / payments"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("  44601\t10.450.000 đ\n  44602\t1.250.000 đ\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Tổng cộng / total: 11 khoản / payments, 11.700.000 đ"), std::string::npos) << table.out;
  // A district's run covers the same communes; a unit the register lacks is refused.
  EXPECT_EQ(rewards("--unit 446")["total_vnd"], 11'700'000);
  const Output bad = run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --unit 999");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("999"), std::string::npos) << bad.err;
}

TEST_F(RewardCli, ASavedRunIsRepeatedExactlyAndChangesAreShown) {
  Output r = run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --save --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("run saved: 1"), std::string::npos) << r.err;
  const nlohmann::json first = nlohmann::json::parse(r.out);
  // The same data gives the same list, and nothing changed against the saved run.
  nlohmann::json again = rewards("--against 1");
  EXPECT_EQ(again["against"]["changes"].size(), 0u);
  EXPECT_EQ(again["payments"], first["payments"]);
  EXPECT_EQ(again["register_state"], first["register_state"]);
  r = run("reward-runs --db " + db());
  EXPECT_NE(r.out.find("1\tha-tinh-221-2020 2020-07-10\t2024\t42\t11 khoản / payments\t11.700.000 đ"), std::string::npos)
      << r.out;
  EXPECT_EQ(nlohmann::json::parse(run("reward-runs --db " + db() + " --run 1").out)["payments"], first["payments"]);
  // The save is audited, and the log still verifies.
  EXPECT_EQ(run("audit verify --db " + db()).code, 0);
  // A second newborn screened in Thôn Một: the family and the collaborator are paid once more.
  import(db(), "events", "id,type,date,village_code,person_id,conditions,recorded_by\n"
                   "111,newborn_screening,2024-03-10,4460101,11,3,7\n");
  again = rewards("--against 1");
  EXPECT_NE(again["register_state"], first["register_state"]);
  const auto& changes = again["against"]["changes"];
  ASSERT_EQ(changes.size(), 2u) << changes.dump();
  EXPECT_EQ(changes[0]["rule"], "collaborator_newborn_screening_mobilised");
  EXPECT_EQ(changes[0]["before_vnd"], 50'000);
  EXPECT_EQ(changes[0]["after_vnd"], 100'000);
  EXPECT_EQ(changes[1]["rule"], "family_newborn_screening");
  EXPECT_EQ(changes[1]["after_cases"], 2);
  // An unknown run is refused.
  r = run("reward-runs --db " + db() + " --run 9");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no saved reward run with id 9"), std::string::npos) << r.err;
}

TEST_F(RewardCli, ThePaymentListIsAWorkbookToSign) {
  const std::string xlsx = (dir_ / "chi-tra.xlsx").string();
  const Output r = run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --xlsx " + xlsx);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto sheet = danso::testing::read_xlsx(slurp(xlsx));
  EXPECT_EQ(sheet.cells.at("A1"), "DANH SÁCH CHI TRẢ THƯỞNG, HỖ TRỢ NĂM 2024 / PAYMENT LIST 2024");
  EXPECT_EQ(sheet.cells.at("A6"), "STT / No.");
  EXPECT_EQ(sheet.cells.at("I6"), "Ký nhận / Signature");
  // Rows 7 to 17 are the 11 payments (by commune, rule, beneficiary); row 18 the total; the signatures below.
  EXPECT_EQ(sheet.cells.at("B7"), "44601 Xã Một");
  EXPECT_EQ(sheet.cells.at("A17"), "11");
  EXPECT_EQ(sheet.cells.at("B17"), "44602 Xã Hai");
  EXPECT_EQ(sheet.cells.at("G18"), "11700000");
  EXPECT_EQ(sheet.cells.at("B20"), "Người lập biểu / Prepared by");
  EXPECT_EQ(sheet.cells.at("G20"), "Thủ trưởng đơn vị / Head of unit");
}

TEST_F(RewardCli, ABadRuleFileIsRefusedWithTheRuleAndFieldNamed) {
  std::ifstream in(rules());
  nlohmann::json set = nlohmann::json::parse(in);
  set["rules"][0]["condition"]["indicator"] = "no_such_indicator";
  const std::string bad = (dir_ / "bad.json").string();
  std::ofstream(bad) << set.dump();
  Output r = run("rewards --db " + db() + " --rules " + bad + " --year 2024 --save");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("rules[0].condition.indicator"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
  set = nlohmann::json::parse(std::ifstream(rules()));
  set["rules"][3]["amount"]["vnd"] = -5;
  std::ofstream(bad) << set.dump();
  r = run("rewards --db " + db() + " --rules " + bad + " --year 2024 --save");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("rules[3].amount"), std::string::npos) << r.err;
  EXPECT_EQ(run("reward-runs --db " + db()).out, "");
  // A rule set changed under a version already saved is refused; nothing is saved.
  ASSERT_EQ(run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --save").code, 0);
  set = nlohmann::json::parse(std::ifstream(rules()));
  set["rules"][0]["amount"]["vnd"] = 6000000;
  std::ofstream(bad) << set.dump();
  r = run("rewards --db " + db() + " --rules " + bad + " --year 2024 --save");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("changed rules need a new version"), std::string::npos) << r.err;
  r = run("reward-runs --db " + db());
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
}

TEST_F(RewardCli, TheYearlyReportGathersTargetsRewardsAndBudgets) {
  // The Cẩm Xuyên plan is of district 446, the register's district here.
  Output r = run("plan import --db " + db() + " --file " + std::string(DANSO_PROJECT_DATA) +
                 "/programme/plans/cam-xuyen-2021-2030.json");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(run("rewards --db " + db() + " --rules " + rules() + " --year 2024 --unit 446 --save").code, 0);
  const std::string budgets = (dir_ / "ngan-sach.csv").string();
  std::ofstream(budgets) << "unit_code,year,regular_spending_vnd,population_spending_vnd\n"
                            "446,2024,20000000000,40000000\n44601,2024,3000000000,3000000\n";
  ASSERT_EQ(run("budget import --db " + db() + " --file " + budgets).code, 0);
  const std::string xlsx = (dir_ / "bao-cao-nam.xlsx").string(), html = (dir_ / "bao-cao-nam.html").string();
  r = run("yearly-report --db " + db() + " --unit 446 --year 2024 --output " + xlsx + " --html " + html);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("1 kế hoạch / plans"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rewards run 1"), std::string::npos) << r.out;
  // The first sheet: the plan's targets, the population counted from the register (8 persons).
  const auto sheet = danso::testing::read_xlsx(slurp(xlsx));
  EXPECT_EQ(sheet.cells.at("A1"), "BÁO CÁO NĂM 2024 VỀ CÔNG TÁC DÂN SỐ — 446 Huyện Thử");
  bool population = false;
  for (int row = 5; row < 40; ++row) {
    const auto key = sheet.cells.find("B" + std::to_string(row));
    if (key == sheet.cells.end() || key->second != "population") continue;
    population = true;
    EXPECT_EQ(sheet.cells.at("F" + std::to_string(row)), "8");
    EXPECT_EQ(sheet.cells.at("J" + std::to_string(row)), "chệch hướng");
  }
  EXPECT_TRUE(population);
  // The printable page: the rewards' total and each budget against the floor.
  const std::string page = slurp(html);
  EXPECT_NE(page.find("11.700.000 đồng</b>, 11 khoản"), std::string::npos);
  EXPECT_NE(page.find("<td>446 Huyện Thử</td><td class=\"n\">20.000.000.000</td><td class=\"n\">40.000.000</td>"
                      "<td class=\"n\">0.200%</td><td>đạt</td>"),
            std::string::npos);
  EXPECT_NE(page.find("0.100%</td><td>dưới mức</td>"), std::string::npos);
  EXPECT_NE(page.find("<td>44602 Xã Hai</td><td class=\"n\"></td><td class=\"n\"></td><td class=\"n\"></td>"
                      "<td>chưa có số liệu</td>"),
            std::string::npos);
  // A unit the register lacks: refused, nothing written.
  const std::string other = (dir_ / "khac.xlsx").string();
  r = run("yearly-report --db " + db() + " --unit 999 --year 2024 --output " + other);
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(fs::exists(other));
}

}  // namespace

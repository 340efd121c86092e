// A partial split inside a period flags the units it touches, and every unit
// they roll up into, as not comparable; a full merge does not.
#include <gtest/gtest.h>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "analytics/territory_changes.h"
#include "app/indicator_report.h"
#include "test_units.h"

using namespace danso;

namespace {

Date d(const char* s) { return Date::parse(s).value(); }

OrgUnit unit(int64_t id, const char* code, UnitKind kind, int level, int64_t parent, const char* from,
             const char* to = nullptr) {
  return test::test_unit(id, code, kind, level, parent, from, to);
}

// Province 99 > district 990 > communes 99001, 99002, 99004, 99005.
// On 2024-07-01 commune 99001 is split: part goes to 99002, the rest makes
// the new commune 99003. On 2024-07-01 commune 99004 merges in full into 99005.
analytics::RegisterSnapshot territory_snapshot() {
  std::vector<OrgUnit> units = {
      unit(1, "99", UnitKind::kProvince, 1, 0, "2019-01-01"),
      unit(2, "990", UnitKind::kDistrict, 2, 1, "2019-01-01"),
      unit(3, "99001", UnitKind::kCommune, 3, 2, "2019-01-01", "2024-06-30"),
      unit(4, "99002", UnitKind::kCommune, 3, 2, "2019-01-01"),
      unit(5, "99003", UnitKind::kCommune, 3, 2, "2024-07-01"),
      unit(6, "99004", UnitKind::kCommune, 3, 2, "2019-01-01", "2024-06-30"),
      unit(7, "99005", UnitKind::kCommune, 3, 2, "2019-01-01"),
      unit(8, "9900401", UnitKind::kVillage, 4, 6, "2019-01-01"),
  };
  std::vector<UnitLink> links = {
      {UnitId{3}, UnitId{4}, UnitLinkType::kPartial, d("2024-07-01")},
      {UnitId{3}, UnitId{5}, UnitLinkType::kPartial, d("2024-07-01")},
      {UnitId{6}, UnitId{7}, UnitLinkType::kFull, d("2024-07-01")},
  };
  return analytics::build_snapshot(std::move(units), std::move(links), {}, {}, {});
}

std::vector<std::string> flagged(const analytics::RegisterSnapshot& snap, const char* period) {
  const auto changes = analytics::partial_changes(snap, Period::parse(period).value());
  std::vector<std::string> codes;
  for (size_t i = 0; i < changes.size(); ++i)
    if (!changes[i].empty()) codes.push_back(snap.tree.find(snap.slot_unit[i])->code);
  std::sort(codes.begin(), codes.end());
  return codes;
}

}  // namespace

TEST(TerritoryChanges, PartialSplitInsideThePeriodFlagsTheUnitsAndTheirParents) {
  const auto snap = territory_snapshot();
  // 99001 ended before the period's last day and has no full successor, so it
  // rolls up into its parent; 99004 merged in full is not flagged.
  const std::vector<std::string> touched = {"99", "990", "99001", "99002", "99003"};
  EXPECT_EQ(flagged(snap, "2024"), touched);
  EXPECT_EQ(flagged(snap, "2024-06-15..2024-09-30"), touched);
  // A period starting on the day of the change, or ending before it, is
  // comparable with itself.
  EXPECT_TRUE(flagged(snap, "2024-07").empty());
  EXPECT_TRUE(flagged(snap, "2024-Q3").empty());
  EXPECT_TRUE(flagged(snap, "2024-H1").empty());
  EXPECT_TRUE(flagged(snap, "2025").empty());
}

TEST(TerritoryChanges, ReportFlagsEveryIndicatorAndNamesTheChange) {
  const auto snap = territory_snapshot();
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  IndicatorReporter reporter(snap, catalogue);
  const auto j = reporter.report("99002", Period::parse("2024").value(), false).value();
  ASSERT_TRUE(j.contains("territory_changes"));
  ASSERT_EQ(j["territory_changes"].size(), 1u);
  EXPECT_EQ(j["territory_changes"][0]["from"], "99001");
  EXPECT_EQ(j["territory_changes"][0]["to"], "99002");
  EXPECT_EQ(j["territory_changes"][0]["date"], "2024-07-01");
  for (const auto& [code, v] : j["indicators"].items()) {
    const auto flags = v["flags"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(flags.begin(), flags.end(), "not_comparable"), flags.end()) << code;
  }
  const auto merged = reporter.report("99005", Period::parse("2024").value(), false).value();
  EXPECT_FALSE(merged.contains("territory_changes"));
  const auto pop = merged["indicators"]["population"]["flags"].get<std::vector<std::string>>();
  EXPECT_EQ(std::find(pop.begin(), pop.end(), "not_comparable"), pop.end());
}

// The free analysis's query (app/analysis/analysis_query.h): periods made
// from `from`, `to` and `every`, the pivot's dimensions and the cell limit.
#include <gtest/gtest.h>

#include "app/analysis/analysis_query.h"

namespace danso::analysis {
namespace {

std::vector<std::string> labels(const std::vector<Period>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.label);
  return out;
}

TEST(AnalysisQuery, PeriodsRunFromTheOneHoldingFromToTheOneHoldingTo) {
  auto from = Period::parse("2024-05"), to = Period::parse("2025-Q1");
  auto months = periods_between(*from, *to, "month");
  ASSERT_TRUE(months.ok());
  EXPECT_EQ(months->size(), 11u);
  EXPECT_EQ(months->front().label, "2024-05");
  EXPECT_EQ(months->back().label, "2025-03");
  EXPECT_EQ(months->back().last.iso(), "2025-03-31");
  auto quarters = periods_between(*from, *to, "quarter");
  EXPECT_EQ(labels(*quarters), (std::vector<std::string>{"2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"}));
  auto years = periods_between(*Period::parse("2019-12-31..2020-01-01"), *Period::parse("2021"), "year");
  EXPECT_EQ(labels(*years), (std::vector<std::string>{"2019", "2020", "2021"}));
  EXPECT_TRUE(periods_between(*Period::parse("2015-01"), *Period::parse("2024-12"), "month").ok());  // 120
  auto too_many = periods_between(*Period::parse("2014-12"), *Period::parse("2024-12"), "month");
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().field, "to");
}

TEST(AnalysisQuery, ThePivotDefaultsToUnitsAndIndicatorsByPeriod) {
  const auto cat = analytics::IndicatorCatalogue::defaults();
  auto q = parse_analysis_query({{"indicators", "tfr,cbr"}, {"unit", "99"}, {"periods", "2024,2025"}}, cat);
  ASSERT_TRUE(q.ok()) << q.error().en;
  EXPECT_EQ(q->rows, (std::vector<PivotDim>{PivotDim::kUnit, PivotDim::kIndicator}));
  EXPECT_EQ(q->columns, (std::vector<PivotDim>{PivotDim::kPeriod}));
  q = parse_analysis_query(
      {{"indicators", "tfr"}, {"unit", "99"}, {"periods", "2024"}, {"rows", "period"}, {"columns", "indicator,unit"}}, cat);
  ASSERT_TRUE(q.ok()) << q.error().en;
  EXPECT_EQ(q->rows, (std::vector<PivotDim>{PivotDim::kPeriod}));
  EXPECT_EQ(q->columns, (std::vector<PivotDim>{PivotDim::kIndicator, PivotDim::kUnit}));
  q = parse_analysis_query({{"indicators", "tfr"}, {"unit", "99"}, {"periods", "2024"}, {"rows", "period,unit,indicator"}}, cat);
  ASSERT_TRUE(q.ok()) << q.error().en;  // every dimension in the rows: one column of values
  EXPECT_TRUE(q->columns.empty());
}

TEST(AnalysisQuery, MoreThan200000CellsAreRefused) {
  EXPECT_TRUE(check_cells(50, 40, 100).ok());  // 200,000
  const auto st = check_cells(50, 41, 100);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().en.rfind("the table has 205000 cells", 0), 0u) << st.error().en;
  EXPECT_FALSE(st.error().vi.empty());
}

}  // namespace
}  // namespace danso::analysis

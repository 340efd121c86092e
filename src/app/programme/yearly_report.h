// The yearly report on population work (báo cáo năm, due on 10 December)
// for a unit and a year, compiled from what DanSo holds: every plan that
// covers the unit with its targets judged (the unit's own and its units
// below), the list of targets off track, missed or at risk, the year's
// rewards (the latest saved run of the unit for that year), the budgets
// against the 0.15% floor, training coverage and spending, and the
// agencies' tasks (per agency, the overdue listed). Written as one .xlsx
// workbook (a sheet per part) and as a printable HTML page (A4; the browser
// prints it to PDF).
//
//   auto report = compile_yearly_report(db, snap, catalogue, {.unit_code = "446", .year = 2025});
//   auto xlsx = yearly_report_xlsx(*report);
//   std::string html = yearly_report_html(*report);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/database.h"
#include "app/programme/budgets.h"
#include "app/programme/plans.h"
#include "app/programme/reward_run.h"
#include "app/programme/tasks.h"
#include "app/programme/training_report.h"

namespace danso {

struct YearlyReportRequest {
  std::string unit_code;
  int year = 0;
  std::optional<Date> on;  // the day tasks are judged on: today, or the year's last day (the default) if earlier
};

struct YearlyReport {
  std::string unit_code, unit_name;
  int year = 0;
  std::vector<PlanProgress> plans;       // each with its children
  std::optional<RewardRunRecord> reward_run;  // the latest saved run of the unit and year
  std::optional<RewardRun> rewards;           // that run read back
  std::vector<BudgetRow> budgets;
  Date on;                            // the day the tasks are judged on
  std::vector<TaskView> tasks;        // of the task sets of the unit, above and below it; overdue first
  std::vector<AgencySummary> agencies;
  TrainingCoverageReport training;  // members counted on 31 December
};

// kNotFound for a unit the register does not have at the year's end.
Result<YearlyReport> compile_yearly_report(Database& db, const analytics::RegisterSnapshot& snap,
                                           const analytics::IndicatorCatalogue& catalogue,
                                           const YearlyReportRequest& request);

// The unit's own targets missed, off track or at risk (its children's left out).
int64_t targets_needing_attention(const YearlyReport& report);
int64_t overdue_tasks(const YearlyReport& report);

Result<std::string> yearly_report_xlsx(const YearlyReport& report);
std::string yearly_report_html(const YearlyReport& report);

}  // namespace danso

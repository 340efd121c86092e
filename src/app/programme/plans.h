// Plans in the database (docs/programme.md): a plan file imported, checked
// whole and written with its audit entry in one transaction; the plans
// listed; and a plan's targets judged for a unit and a year, each against
// its value from the register (or the figure entered by hand for a manual
// target) by the status rule of core/plan_target.h.
//
//   auto id = import_plan(db, text, {.file = "cam-xuyen.json", .now = now}, catalogue);
//   auto snap = analytics::RegisterSnapshot::load(...);
//   auto p = plan_progress(db, snap, catalogue, *id, {.unit = "446", .year = 2025});
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/database.h"
#include "core/plan.h"
#include "store/plan_store.h"

namespace danso {

struct PlanImportOptions {
  std::string file;       // its name, for the audit entry and messages
  std::string unit_code;  // the unit the plan is for, instead of the file's (a plan adopted by another unit)
  int64_t now = 0;        // Unix seconds
};

// The new plan's id. The file is refused whole for any problem (the first
// one in both languages, with the count of the others), a unit the
// register does not have on the plan's first day, or a number already
// imported.
Result<int64_t> import_plan(Database& db, std::string_view json_text, const PlanImportOptions& options,
                            const analytics::IndicatorCatalogue& catalogue);

std::vector<PlanRecord> list_plans(Database& db);

// A figure entered by hand for a manual target (one without an indicator)
// of a plan, a unit and a year; replaces the one entered before, with its
// audit entry (before and after) in the same transaction. kNotFound for a
// plan, target or unit that does not exist; kInvalidArgument for a target
// the register counts or a value that is not a finite number.
struct ManualEntry {
  int64_t plan = 0;
  std::string target, unit_code;
  int year = 0;
  double value = 0;
  int64_t now = 0;  // Unix seconds
};
Status enter_manual_value(Database& db, const ManualEntry& entry);

// One target judged in one year.
struct TargetRow {
  const PlanTarget* target = nullptr;
  std::optional<double> value;  // the year's value
  std::string source;           // "register", "manual" (entered by hand) or "" (none)
  std::optional<Goal> goal;     // the goal judged against: the first of the year or after, else the last
  TargetProgress progress;
  // For a population-size target whose goal lies ahead: the unit's
  // population in the goal's year by its projection seeded from the
  // register from the year after the one judged (app/register_projection.h),
  // and whether that meets the goal; empty when the projection cannot be
  // made (its reason in outlook_vi/_en).
  std::optional<double> outlook;
  std::optional<bool> outlook_meets;
  std::string outlook_vi, outlook_en;
};

struct PlanProgress {
  PlanRecord plan;
  std::string unit_code, unit_name;
  int year = 0;
  std::vector<TargetRow> rows;  // worst first (status_severity), then in the plan's order
  // With ProgressOptions::children: each child unit of the unit valid at the
  // year's end, its targets judged the same way (without outlooks), the
  // units with the worst status first; for drill-down.
  struct Child {
    std::string unit_code, unit_name;
    std::vector<TargetRow> rows;
    TargetStatus worst = TargetStatus::kUndefined;
  };
  std::vector<Child> children;
  // With ProgressOptions::trend_from: each counted target's value for the
  // unit in every year from trend_from to the year judged (none where the
  // register gives none), for a small chart.
  std::map<std::string, std::vector<std::pair<int, std::optional<double>>>> trend;  // by target key
};

struct ProgressOptions {
  std::string unit;  // default: the plan's unit
  int year = 0;      // required
  StatusRule rule;
  bool children = false;
  int trend_from = 0;  // 0: no trend
};

// The first year the register has events in (0 when none): where a trend starts.
int first_register_year(const analytics::RegisterSnapshot& snapshot);

// kNotFound for a plan or unit that does not exist.
Result<PlanProgress> plan_progress(Database& db, const analytics::RegisterSnapshot& snapshot,
                                   const analytics::IndicatorCatalogue& catalogue, int64_t plan_id,
                                   const ProgressOptions& options);

}  // namespace danso

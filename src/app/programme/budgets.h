// Budgets for population work (docs/programme.md): each district's and
// commune's regular spending for a year and the part allocated to
// population work, imported from a CSV file (checked whole, written with
// one audit entry in one transaction), and judged against the floor of the
// plans' budget rule: "bố trí tối thiểu 0,15% tổng chi ngân sách thường
// xuyên cho công tác dân số và phát triển" (seed 001, section IV).
//
//   auto n = import_budgets(db, csv_text, {.file = "ngan-sach-2024.csv", .now = now});
//   auto rows = budget_report(db, "446", 2024);   // the district and its communes
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "core/unit.h"
#include "store/budget_store.h"

namespace danso {

inline constexpr double kBudgetFloorPercent = 0.15;

struct BudgetImportOptions {
  std::string file;  // its name, for messages and the audit entry
  int64_t now = 0;   // Unix seconds
};

// Columns: unit_code, year, regular_spending_vnd, population_spending_vnd,
// note (optional). The number of rows written; the file is refused whole
// for any problem (the first in both languages with the count of the
// others): a unit that is not a district or commune on 31 December of the
// year, an amount that is not a whole number of đồng, regular spending of
// 0, population spending above it, a unit and year given twice.
Result<int64_t> import_budgets(Database& db, const std::string& csv_text, const BudgetImportOptions& options);

// One unit's figures for a year entered by hand (the plan page's form):
// the checks of a row of the file (the unit named `unit`), replacing the
// figures entered before, with one audit entry under `actor`'s name (the
// command line when null).
Status enter_budget(Database& db, BudgetRecord entry, const accounts::Principal* actor, int64_t now);

struct BudgetRow {
  std::string root_code;  // the unit the report is of
  std::string unit_code, unit_name;
  UnitKind kind = UnitKind::kCommune;
  std::optional<BudgetRecord> budget;
  std::optional<double> share_percent;  // population / regular × 100
  std::string status;                   // "meets", "below" (the floor) or "missing" (no figures)
};

// The unit (when a district or commune) and every district and commune
// under it valid on 31 December of the year: the unit first, the others in
// code order. An empty code:
// the register's one top unit. kNotFound for a unit the register does not
// have that day.
Result<std::vector<BudgetRow>> budget_report(Database& db, const std::string& unit_code, int year,
                                             double floor_percent = kBudgetFloorPercent);

}  // namespace danso

// BudgetStore: each district's and commune's regular spending for a year and
// the part of it allocated to population work (VND), entered by hand or
// imported (app/programme/budgets.h). One area of the Store (store.h); SQL
// only in the adapters.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace danso {

struct BudgetRecord {
  UnitId unit;
  std::string unit_code;
  int year = 0;
  int64_t regular_spending_vnd = 0;     // tổng chi ngân sách thường xuyên, > 0
  int64_t population_spending_vnd = 0;  // of it, for population work
  std::string note;
  std::string entered_at;  // ISO instant
};

class BudgetStore {
 public:
  virtual ~BudgetStore() = default;
  // Writes each unit's figures for its year, replacing those entered before.
  virtual Status upsert_budgets(std::span<const BudgetRecord> rows) = 0;
  virtual std::vector<BudgetRecord> budgets(int year) = 0;  // by unit code
};

}  // namespace danso

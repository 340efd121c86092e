// PlanStore: the programme's plans (core/plan.h) with their targets, goals
// and notes, and the figures entered by hand for targets the register
// cannot count. One area of the Store (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/plan.h"
#include "core/result.h"

namespace danso {

// A plan as stored: the plan and the unit it is for.
struct PlanRecord {
  Plan plan;  // plan.id given by the store
  UnitId unit;
  std::string imported_at;  // ISO instant
};

// A figure entered by hand for a target of a plan, a unit and a year.
struct ManualValue {
  int64_t plan = 0;
  std::string target;  // the target's key
  UnitId unit;
  int year = 0;
  double value = 0;
  UserId entered_by;  // not set (0) for the command line
  std::string entered_at;
};

class PlanStore {
 public:
  virtual ~PlanStore() = default;
  // The plan's new id; kAlreadyExists when a plan with its number exists.
  virtual Result<int64_t> insert_plan(const PlanRecord& plan) = 0;
  virtual std::optional<PlanRecord> find_plan(int64_t id) = 0;
  virtual std::vector<PlanRecord> plans() = 0;  // by id, with their targets
  virtual Status upsert_manual_value(const ManualValue& value) = 0;
  virtual std::vector<ManualValue> manual_values(int64_t plan) = 0;  // by target, unit, year
};

}  // namespace danso

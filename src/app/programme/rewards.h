// A year's rewards and support payments: a rule set (core/reward_rule.h)
// judged over what the register says of that year, each payment with its
// evidence (the figures and the event ids that met the condition), totals
// per commune and per rule. A year is judged by the rules in force on its
// last day (a unit's condition) or on the event's date (a case), so one
// register spanning two policies pays each year by its own.
//
// judge_year is pure: it reads the year's figures and cases through
// RewardInputs, which app/programme/reward_run.h fills from the register.
//
//   RewardInputs in{.year = 2024, ...};
//   RewardResult r = judge_year(rules, in);
//   r.payments[0].amount_vnd, r.payments[0].evidence ...
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/reward_rule.h"

namespace danso {

// An indicator of a unit in a year, with what it was computed from.
struct UnitFigure {
  double value = 0;
  double numerator = 0, denominator = 0;
};

// A unit the rules may pay (a commune) or look at (a village).
struct RewardUnit {
  UnitId id;
  std::string code, name;
  UnitId commune;  // a village's commune; a commune's own id
  std::vector<FreeGroup> groups;  // the area's free groups (difficult, mountainous, coastal)
};

// One event of the year that a per-event rule may pay for.
struct RewardCaseFacts {
  EventId event;
  EventCase facts;
  UnitId village;
  PersonId person;
  std::string person_name;
  HouseholdId household;
  std::vector<FreeGroup> groups;  // the household's and the village's
  StaffId recorded_by;            // the collaborator who recorded it (0: unknown)
  std::string recorder_name;
  // For a birth support rule over an indicator of the commune the year before.
  std::map<std::string, double> commune_previous;  // indicator code -> value
};

struct RewardInputs {
  int year = 0;
  std::vector<RewardUnit> communes, villages;
  // A unit's indicator in a year; nullopt when the register gives none.
  std::function<std::optional<UnitFigure>(UnitId unit, const std::string& indicator, int year)> figure;
  // The events of a village in a year that a no_events condition looks for.
  std::function<std::vector<EventId>(UnitId village, const NoEvents& c, int year)> events_of;
  std::vector<RewardCaseFacts> cases;
};

struct Payment {
  std::string rule;
  Beneficiary beneficiary = Beneficiary::kCommune;
  std::string beneficiary_key;   // unit code, staff id, person id or household id
  std::string beneficiary_name;
  std::string commune_code, commune_name;  // where it is paid
  int64_t cases = 0;             // 1 for a unit
  int64_t amount_vnd = 0;
  // The figures (indicator, year, value, numerator, denominator) and the
  // event ids that met the condition.
  std::vector<std::string> figures;
  std::vector<int64_t> events;
};

struct RewardResult {
  int year = 0;
  std::string rule_set, version;
  std::vector<std::string> rules_in_force;  // ids
  std::vector<Payment> payments;             // by commune, rule, beneficiary
  std::map<std::string, int64_t> total_by_commune, total_by_rule;
  int64_t total = 0;
  int64_t cases_exempt = 0;  // cases not paid because they are in a free group
};

RewardResult judge_year(const RuleSet& rules, const RewardInputs& in);

}  // namespace danso

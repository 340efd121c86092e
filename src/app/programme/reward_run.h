// A year's rewards judged on the register (docs/programme.md): the rule set
// (core/reward_rule.h) applied by judge_year (rewards.h) to what the
// register says of the communes and villages under a unit, each payment with
// its evidence. A run can be saved with its rule set's version and the
// register's state (the audit log's head), and compared with a saved run.
//
//   auto snap = analytics::RegisterSnapshot::load(store);
//   auto run = run_rewards(db, snap, catalogue, rules, {.unit_code = "42", .year = 2024});
//   auto id = save_reward_run(db, *run, rule_text, now);      // audited
//   auto changes = compare_runs(saved_json, reward_run_json(*run));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/accounts/accounts.h"
#include "app/database.h"
#include "app/programme/rewards.h"
#include "store/reward_store.h"

namespace danso {

struct RewardRequest {
  std::string unit_code;  // the unit whose communes and villages are judged; empty: the register's one top unit
  int year = 0;
};

struct RewardRun {
  RewardResult result;
  std::string rule_set_title;
  std::string unit_code, unit_name;
  UnitId unit;
  // "seq:hash" of the last audited write of register rows when it was read
  // ("0:" when none): the same register, the same state.
  std::string register_state;
};

// What the register says of the year under the unit, judged by the rules.
// kNotFound for a unit the register does not have at the year's end.
Result<RewardRun> run_rewards(Database& db, const analytics::RegisterSnapshot& snap,
                              const analytics::IndicatorCatalogue& catalogue, const RuleSet& rules,
                              const RewardRequest& request);

// The run as JSON: rule set, year, unit, register state, totals per commune
// and per rule, and every payment with its evidence. Its "payments" is what
// compare_runs reads; the same data gives the same JSON.
nlohmann::ordered_json reward_run_json(const RewardRun& run);

// Saves the rule set's version (its text as given, once) and the run, with
// an audit entry, in one transaction. kAlreadyExists when the rule set's id
// and version are stored with other text.
// `actor`: the signed-in user who asked (the command line when null).
Result<int64_t> save_reward_run(Database& db, const RewardRun& run, std::string_view rule_text, int64_t now,
                                const accounts::Principal* actor = nullptr);

std::vector<RuleSetRecord> list_rule_sets(Database& db);
// A stored rule set version read back and checked, with its text as stored
// (what a run saved from it keeps); kNotFound when not stored.
struct StoredRuleSet {
  RuleSet rules;
  std::string text;
};
Result<StoredRuleSet> stored_rule_set(Database& db, std::string_view id, std::string_view version,
                                      const analytics::IndicatorCatalogue& catalogue);
// A saved run's JSON (reward_run_json) read back, for its payment list.
Result<RewardRun> reward_run_from_json(const nlohmann::json& saved);

std::vector<RewardRunRecord> list_reward_runs(Database& db);
// kNotFound for a run that does not exist.
Result<RewardRunRecord> find_reward_run(Database& db, int64_t id);

// A payment that differs between a saved run and a new one: added (before
// 0), removed (after 0) or with another amount; by commune, rule and
// beneficiary.
struct RewardChange {
  std::string commune, rule, beneficiary, name;
  int64_t before_vnd = 0, after_vnd = 0;
  int64_t before_cases = 0, after_cases = 0;
};
std::vector<RewardChange> compare_runs(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace danso

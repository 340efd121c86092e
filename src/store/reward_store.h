// RewardStore: the incentive and support rule sets as imported (their JSON
// kept as given, one row per id and version) and the reward runs saved from
// them, each with the register's state it read and its result. A saved run
// is evidence of a payment: the database refuses to change or delete one,
// and a rule set's version, once stored, is never rewritten. One area of
// the Store (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace danso {

struct RuleSetRecord {
  std::string id, version, title;
  std::string body;    // the rule file's text
  std::string sha256;  // of body
  std::string imported_at;
};

struct RewardRunRecord {
  int64_t id = 0;  // given by the store
  std::string rule_set, version;
  int year = 0;
  UnitId unit;
  std::string unit_code;
  std::string register_state;  // the last audited write of register rows when it was read: "seq:hash"
  int64_t total_vnd = 0;
  int64_t payments = 0;
  std::string result;  // the run as JSON (app/programme/reward_run.h)
  std::string created_at;
};

class RewardStore {
 public:
  virtual ~RewardStore() = default;
  // Stores a rule set's version once; kAlreadyExists when that id and
  // version are stored with another text (a changed rule set needs a new
  // version). Storing the same text again changes nothing.
  virtual Status insert_rule_set(const RuleSetRecord& set) = 0;
  virtual std::optional<RuleSetRecord> find_rule_set(std::string_view id, std::string_view version) = 0;
  // Every stored version, by id then version, without their text.
  virtual std::vector<RuleSetRecord> rule_sets() = 0;
  virtual Result<int64_t> insert_reward_run(const RewardRunRecord& run) = 0;
  virtual std::optional<RewardRunRecord> find_reward_run(int64_t id) = 0;
  // Every saved run, newest first, without their results.
  virtual std::vector<RewardRunRecord> reward_runs() = 0;
};

}  // namespace danso

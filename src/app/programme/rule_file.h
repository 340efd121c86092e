// A rule set file (format "danso-rules/1", docs/programme.md): incentive or
// birth-support rules as data, read and checked whole. A rule with an
// unknown indicator, an impossible condition or a bad amount is refused with
// the rule and field named (rules[3].condition.by), in Vietnamese and
// English; a file with any problem is refused whole.
//
//   auto set = read_rule_file(json_text, catalogue);   // Result<RuleSet>
#pragma once

#include <string_view>
#include <vector>

#include "analytics/indicator_catalogue.h"
#include "core/result.h"
#include "core/reward_rule.h"

namespace danso {

struct RuleFileResult {
  std::optional<RuleSet> rules;
  std::vector<Error> problems;
};

RuleFileResult parse_rule_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue);
Result<RuleSet> read_rule_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue);

}  // namespace danso

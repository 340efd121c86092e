// A reward run as the payment list an office signs (.xlsx): one sheet of
// payments (no., commune, rule, beneficiary, cases, amount, evidence, an
// empty column to sign on receipt) with its total and the signature block of
// the preparer, the accountant and the head of the unit, printed landscape
// on A4; then the totals per commune and per rule.
//
//   Result<std::string> bytes = reward_payment_xlsx(run, rules);
#pragma once

#include <string>

#include "app/programme/reward_run.h"
#include "core/result.h"

namespace danso {

Result<std::string> reward_payment_xlsx(const RewardRun& run, const RuleSet& rules);

}  // namespace danso

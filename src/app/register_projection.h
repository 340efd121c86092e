// A cohort-component projection of a unit seeded from the register
// (`danso project --db FILE --unit CODE --from 2025 --to 2035
// [--scenario FILE.json]`, docs/demography.md):
//  - base population by sex and single year of age (0..99, 100+) living in
//    the unit on 1 January of `from`;
//  - rates from the register over the `rates_years` calendar years before
//    `from` (default 3): single-year ASFRs 15-49, death rates by sex in the
//    abridged groups 0, 1-4, ..., 85+ (each single age takes its group's
//    rate) made into complete life tables, the SRB, and the yearly net
//    migration by sex and age (moves in minus moves out). When the unit has
//    too few events for stable rates, they come from the nearest unit above
//    it that has enough (the unit used is named in the output);
//  - scenario paths (TFR, e0, SRB, migration factor) given for some years and
//    interpolated between them (demography/scenario.h);
//  - 1-year steps from `from` to `to` (demography::project), with the
//    population by sex and age and summary indicators for every year.
//
// Scenario JSON (every key optional):
//   {"tfr": {"2030": 1.9}, "e0": {"2035": 76}, "srb": {"2030": 1.07},
//    "migration": {"2025": 1, "2035": 0.5}, "rates_years": 3, "rates_unit": "CODE"}
// A path may also be a single number (that value from the first step on).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "analytics/register_snapshot.h"
#include "core/result.h"

namespace danso {

struct RegisterProjectionRequest {
  std::string unit;
  int from = 0, to = 0;
  nlohmann::json scenario = nlohmann::json::object();
};

// Thresholds for a unit's own rates (else those of the unit above it).
inline constexpr int64_t kProjectionMinBirths = 100, kProjectionMinDeaths = 100, kProjectionMinSrbBirths = 500;

Result<nlohmann::ordered_json> project_from_register(const analytics::RegisterSnapshot& snap,
                                                     const RegisterProjectionRequest& request);
// Long CSV: year,sex,age,population; and a readable table of the summaries.
std::string register_projection_csv(const nlohmann::ordered_json& result);
std::string register_projection_table(const nlohmann::ordered_json& result);

}  // namespace danso

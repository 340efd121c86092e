// The demo province: a synthetic register generated from a seed, for demos,
// tests and benchmarks. About 1,000 persons a village, 10 villages a commune,
// ~12 communes a district; an age-sex pyramid shaped like Viet Nam's (WPP
// 2019, 2020), commune fertility around TFR 1.7-2.8 (higher in mountainous
// communes), a sex ratio at birth near 111, mortality from Viet Nam's
// 2015-2020 death rates, moves, marriages (a few child and consanguineous
// ones in mountainous communes), contraception, pregnancies, screening,
// counselling, and collaborators with assignment history. Names and citizen
// IDs are generated (IDs start with 99, no province's code). Same options,
// same batch. See docs/demo.md.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "core/register_batch.h"
#include "core/result.h"

namespace danso::demo {

struct DemoOptions {
  int64_t persons = 1'000'000;  // initial population, 10,000..10,000,000
  uint64_t seed = 1;
  int first_year = 2019, last_year = 2025;  // years of events
  Date today;                               // nothing is dated after it
  std::function<void(std::string_view stage, double fraction)> progress;
  // When not empty, the units to people in place of a generated province: a
  // real province, some of its communes and the villages made under each
  // (national.h), parents before children. The batch's units are these, ids
  // 1..n in this order (national.h gives them back their own ids).
  std::span<const OrgUnit> territory;
};

Result<RegisterBatch> generate(const DemoOptions& options);

}  // namespace danso::demo

// The national register for benchmarks: the demo province's generator run
// over the real unit tree in force from 1 July 2025 (34 provinces, 3,321
// communes; ../shared/data/units/vn-units-from-2025-07-01.json), villages of
// about 1,000 persons made under each commune, the persons spread evenly
// over the communes. Made part by part (a province, or a few of its
// communes when it is large), on several threads, and handed over part by
// part in order, so the whole register is never held as rich records:
//
//   auto units = national_units(list_file, options);        // the tree, villages included
//   generate_national(options, *units, [&](NationalPart&& part) { ...; return Status{}; });
//
// Each part is the demo generator's batch for its territory (generator.h
// DemoOptions::territory) with the register's ids: persons, households,
// events and staff numbered on from the parts before, so the parts together
// are one register (its units are `units`). A part's events and spells name
// only its own persons: moves between villages stay inside a part, moves
// out of it go to other provinces by code. The units carry the tree's
// codes and names, valid from 1 January of the first year (the tree of
// 2025 over the whole span of events).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/register_batch.h"
#include "core/residence.h"
#include "core/result.h"

namespace danso::demo {

struct NationalOptions {
  int64_t persons = 100'000'000;  // initial population, spread evenly over the communes
  uint64_t seed = 1;
  int first_year = 2019, last_year = 2025;
  Date today;
  std::vector<std::string> provinces;  // codes of the provinces to people; empty: all
  int64_t part_persons = 1'000'000;    // a province of more is made in parts of about this many
  int threads = 2;                      // parts made at once
  std::function<void(std::string_view stage, double fraction)> progress;
};

// One part of the register: its batch (no units: they are the tree's) and
// its persons' residence spells, derived as the register's loader does.
struct NationalPart {
  RegisterBatch batch;
  std::vector<ResidenceSpell> spells;
};

// The provinces and communes of the unit list in `file`, and the villages
// made under the communes (of the chosen provinces) for `options.persons`.
Result<std::vector<OrgUnit>> national_units(const std::string& file, const NationalOptions& options);

// Makes the register over `units` (from national_units with the same
// options) and hands each part to `sink` in order; stops at the first error.
Status generate_national(const NationalOptions& options, const std::vector<OrgUnit>& units,
                         const std::function<Status(NationalPart&&)>& sink);

}  // namespace danso::demo

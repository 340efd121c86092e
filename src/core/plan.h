// Plan (kế hoạch): a document of a unit's authority that sets targets for
// indicators, e.g. "2127/KH-UBND" of Ninh Thuận or Điện Biên's action plan
// with its 2017 baseline and its 2025 and 2030 targets. Its targets name an
// indicator of the catalogue, or are entered by hand each year for what the
// register cannot count (indicator empty: a manual target).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/plan_target.h"

namespace danso {

struct PlanNote {
  std::string vi, en;
};

struct PlanTarget {
  std::string key;                       // unique in the plan: [a-z0-9_]
  std::optional<std::string> indicator;  // a catalogue code; empty for a manual target
  std::string name_vi, name_en;
  std::string measure_unit;              // as the plan writes it ("%", "con/phụ nữ")
  Baseline baseline;
  std::vector<Goal> goals;               // by year
  std::string source_text;               // the plan's own words
};

struct Plan {
  int64_t id = 0;  // given by the store
  std::string number, title, issuer;
  std::optional<Date> issued_on;
  std::string unit_code;   // GSO code of the unit the plan is for
  std::string unit_name;
  Date start, end;
  std::string source_document, source_file, source_section;
  std::vector<PlanNote> notes;
  std::vector<PlanTarget> targets;
};

}  // namespace danso

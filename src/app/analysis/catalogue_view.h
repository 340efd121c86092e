// The indicator catalogue as the analysis page reads it: every definition
// in catalogue order (those a catalogue file added included) with its
// names, unit, kind, precision and bands, and the span of days the register
// covers, so that trends run over every year there is (docs/api.md,
// GET /api/v1/indicators/catalogue).
//
//   auto json = catalogue_json(catalogue, register_coverage(snapshot, today));
#pragma once

#include <nlohmann/json.hpp>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "core/date.h"

namespace danso::analysis {

// From the day the first residence spell or event starts to the later of
// the last event's day and today (today alone for an empty register).
struct RegisterCoverage {
  Date first, last;
};
RegisterCoverage register_coverage(const analytics::RegisterSnapshot& snapshot, Date today);

// {"code","vi","en","unit","precision"}: an indicator as a table or chart heads it.
nlohmann::ordered_json indicator_heading_json(const analytics::IndicatorDefinition& def);
// {"indicators":[{...,"kind","precision","bands":[...]}], "covered":{"first","last"}}
nlohmann::ordered_json catalogue_json(const analytics::IndicatorCatalogue& catalogue, const RegisterCoverage& covered);

}  // namespace danso::analysis

// The input and output of `danso project --input FILE.json`
// (docs/demography.md): base populations by sex and age group, life-table
// nLx (or survival ratios, or death rates), ASFRs, SRB and net migration,
// each either one value for every step or a list with one entry per step,
// to the projected populations, deaths and births of every step.
//
//   {"step":5, "steps":1, "base_year":1993, "migration_timing":"even", "radix":100000, "srb":1.05,
//    "female":{"population":[...], "Lx":[...], "asfr":{"15":0.012, ...}, "net_migration":[...]},
//    "male":{"population":[...], "Lx":[...], "net_migration":[...]}}
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "demography/projection.h"

namespace danso {

Result<demography::ProjectionInputs> projection_inputs_from_json(const nlohmann::json& doc);
// Parses the text first; invalid JSON is an error like any other.
Result<demography::ProjectionInputs> projection_inputs_from_text(const std::string& text);

nlohmann::ordered_json projection_json(const demography::ProjectionInputs& in,
                                       const std::vector<demography::ProjectionStep>& steps);
std::string projection_csv(const demography::ProjectionInputs& in, const std::vector<demography::ProjectionStep>& steps);
std::string projection_text(const demography::ProjectionInputs& in, const std::vector<demography::ProjectionStep>& steps);

}  // namespace danso

// The indicator catalogue of a deployment: the default one, with the
// definitions of a catalogue file added or replacing (docs/indicators.md),
// for `danso indicators --catalogue` and `danso serve --catalogue`.
//
//   auto cat = catalogue_with_file("extra.json");   // "" for the defaults
#pragma once

#include <string>

#include "analytics/indicator_catalogue.h"
#include "core/result.h"

namespace danso {

Result<analytics::IndicatorCatalogue> catalogue_with_file(const std::string& path);

}  // namespace danso

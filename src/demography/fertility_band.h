// Fertility policy bands (decision 004 in DOMAIN.md §4): a unit whose TFR is
// above the high threshold is "high" (encourage fewer children), below the
// low threshold "low" (encourage two children), otherwise "replacement". The
// thresholds are data, defaulting to 2.3 and 1.8; a TFR equal to a threshold
// is "replacement".
//
//   fertility_band(2.4);                                   // "high"
//   fertility_band(1.9, {.high_above = 2.1, .low_below = 2.0});   // "low"
#pragma once

#include <string>

#include "core/result.h"

namespace danso::demography {

struct FertilityBands {
  double high_above = 2.3;
  double low_below = 1.8;
};

enum class FertilityBand { kLow, kReplacement, kHigh };

// Error when the thresholds are not ordered (low_below > high_above) or the TFR is negative.
Result<FertilityBand> fertility_band_of(double tfr, const FertilityBands& bands = {});
// "low", "replacement" or "high".
const char* fertility_band_name(FertilityBand band);
Result<std::string> fertility_band(double tfr, const FertilityBands& bands = {});

}  // namespace danso::demography

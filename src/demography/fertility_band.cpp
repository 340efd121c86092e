#include "demography/fertility_band.h"

#include <cmath>

namespace danso::demography {

Result<FertilityBand> fertility_band_of(double tfr, const FertilityBands& b) {
  if (!(b.low_below <= b.high_above))
    return Error::invalid("bands", "ngưỡng thấp phải không lớn hơn ngưỡng cao", "the low threshold must not exceed the high one");
  if (!(tfr >= 0) || !std::isfinite(tfr))
    return Error::invalid("tfr", "TFR phải là số không âm", "the TFR must be a non-negative number");
  if (tfr > b.high_above) return FertilityBand::kHigh;
  if (tfr < b.low_below) return FertilityBand::kLow;
  return FertilityBand::kReplacement;
}

const char* fertility_band_name(FertilityBand band) {
  switch (band) {
    case FertilityBand::kLow: return "low";
    case FertilityBand::kReplacement: return "replacement";
    case FertilityBand::kHigh: return "high";
  }
  return "replacement";
}

Result<std::string> fertility_band(double tfr, const FertilityBands& b) {
  auto band = fertility_band_of(tfr, b);
  if (!band) return band.error();
  return std::string(fertility_band_name(*band));
}

}  // namespace danso::demography

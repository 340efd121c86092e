// Data quality checks over a period (docs/indicators.md "Data quality
// checks"): what a district or province officer should look at before
// trusting the period's figures, computed from the register snapshot.
//
//   - outliers: a village whose births or deaths in a month jump against its
//     own 12 months before: mean m and sample standard deviation sd of those
//     months, spread s = max(sd, sqrt(m), 1); flagged when |x - m| > 3 s and
//     max(x, m) >= 3 (kOutlierSpreads, kOutlierFloor)
//   - births without a pregnancy: a birth whose mother has no pregnancy
//     recorded in the 310 days before it (kPregnancyLookbackDays)
//   - sex ratio at birth: boys per 100 girls in a commune or district (or
//     the unit itself) with at least 200 births in the period, flagged
//     outside 90-125 (kSexRatioMinBirths, kSexRatioLow, kSexRatioHigh)
//   - silent villages: a village with no slip dated in a month (no event
//     of a kind the indicators read)
//
//   auto q = reports::data_quality(snap, "990", "2025-05");
//   q->outliers[0].measure;   // "births"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/register_snapshot.h"
#include "app/database.h"

namespace danso::reports {

inline constexpr double kOutlierSpreads = 3.0;
inline constexpr int kOutlierFloor = 3;
inline constexpr int kOutlierHistoryMonths = 12;
inline constexpr int kPregnancyLookbackDays = 310;
inline constexpr int kSexRatioMinBirths = 200;
inline constexpr double kSexRatioLow = 90.0, kSexRatioHigh = 125.0;
inline constexpr size_t kQualityListLimit = 200;  // births without a pregnancy listed (all are counted)

struct VillageOutlier {
  std::string village, name, commune, month, measure;  // measure: births | deaths
  int value = 0;
  double mean = 0, sd = 0, low = 0, high = 0;  // the history and the band outside which it is flagged
};

struct BirthWithoutPregnancy {
  std::string village, name;
  Date date;
  int64_t child = 0, mother = 0;  // person ids (0 when unknown)
};

struct SexRatioFinding {
  std::string unit, name, kind;  // kind: kUnitKinds code
  int births = 0, boys = 0, girls = 0;
  double ratio = 0;  // boys per 100 girls
};

struct SilentVillage {
  std::string village, name, commune, month;
};

struct DataQuality {
  std::string unit, unit_name, period;
  std::vector<VillageOutlier> outliers;
  int64_t births = 0;  // births in the period, for the share below
  int64_t births_without_pregnancy_total = 0;
  std::vector<BirthWithoutPregnancy> births_without_pregnancy;  // the first kQualityListLimit, by date
  std::vector<SexRatioFinding> sex_ratio;
  int64_t sex_ratio_units_checked = 0;  // units with enough births
  std::vector<SilentVillage> silent_villages;
  int64_t villages = 0;  // villages checked
};

// `period` is whole months, at most 12 (a month, quarter, half or year);
// invalid_argument otherwise, not_found naming `unit` for a code without a
// unit on its last day.
Result<DataQuality> data_quality(const analytics::RegisterSnapshot& snap, std::string_view unit_code,
                                 std::string_view period);
// The same on a snapshot loaded from the database (the command line).
Result<DataQuality> data_quality(Database& db, std::string_view unit_code, std::string_view period);

// The API's JSON (docs/api.md "Data quality checks").
nlohmann::ordered_json data_quality_json(const DataQuality& q);

}  // namespace danso::reports

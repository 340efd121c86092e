// Completeness and timeliness of reports, as DHIS2 shows them: for a unit
// and a period, each unit below it that owes the period's form (every
// commune for a month or a year, every district for a quarter) with where its report
// stands and whether it came in by the province's deadline
// (app/reports/deadlines.h), and the reporting rate and the on-time rate
// per district, for one period or for each period of a range.
//
//   reported  = units whose report of the period was submitted at least once
//               (the first submission of any version counts, so a returned
//               or corrected report stays reported, and stays late if late)
//   on time   = reported with the first submission's day (UTC) on or before
//               the due day
//   reporting rate = reported / expected × 100; on-time rate = on time /
//               expected × 100 (one decimal)
//
//   auto c = reports::completeness(db, "990", "2025-05", today);
//   c->rows[0].status;            // "returned"; c->total.reporting_rate
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/database.h"
#include "core/date.h"
#include "core/report.h"

namespace danso::reports {

// Which units the caller sees (all when empty); called without the
// database's lock.
using UnitFilter = std::function<bool(UnitId)>;

struct UnitStanding {
  std::string unit, name;           // the unit that owes the report
  std::string district, district_name;
  std::string status = "not_started";  // or a kReportStatuses code (the latest version)
  int64_t report = 0;               // the latest version's id; 0 when there is none
  int version = 0;
  std::string submitted_at;         // the first submission, ISO instant; empty when never
  bool on_time = false;
  int days_late = 0;                // submitted this many days after the due day
  int days_overdue = 0;             // not yet submitted, this many days past the due day
  std::string return_comment, returned_at;  // when the latest version is returned
};

struct RateCounts {
  int expected = 0, reported = 0, on_time = 0;
  double reporting_rate() const;
  double on_time_rate() const;
};

struct DistrictRates {
  std::string unit, name;
  RateCounts counts;
};

struct Completeness {
  std::string unit, unit_name, period, form;  // form: kReportForms code
  std::string province;                       // whose deadlines
  Date due;
  std::vector<UnitStanding> rows;             // by district, then unit code
  std::vector<DistrictRates> districts;       // by code
  RateCounts total;
};

// invalid_argument for a period that is neither a month, a year nor a quarter,
// not_found naming `unit` for a code without a unit on the period's last day.
Result<Completeness> completeness(Database& db, std::string_view unit_code, std::string_view period, Date today,
                                  const UnitFilter& visible = {});

struct RatesOverTime {
  std::string unit, unit_name, form, province;
  std::vector<std::string> periods;  // from .. to, in order
  std::vector<Date> due;
  std::vector<RateCounts> total;     // one per period
  struct District {
    std::string unit, name;
    std::vector<RateCounts> counts;  // one per period; expected 0 when it did not exist
  };
  std::vector<District> districts;
};

// `from` and `to` are both months, both years or both quarters, at most 36 periods.
Result<RatesOverTime> completeness_over_time(Database& db, std::string_view unit_code, std::string_view from,
                                             std::string_view to, Date today, const UnitFilter& visible = {});

// The API's JSON (docs/api.md "Completeness and timeliness").
nlohmann::ordered_json completeness_json(const Completeness& c);
nlohmann::ordered_json rates_json(const RatesOverTime& r);

}  // namespace danso::reports

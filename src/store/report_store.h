// ReportStore: the monthly and quarterly reports as stored, each version a
// row with its computed rows and its diff against the approved version
// before, the steps of each report's workflow, and the report deadlines a
// province's staff set (app/reports/ computes, checks and moves them; their
// counts come from analytics/, app/reports/report_rows.cpp). One area of
// the Store (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/report_deadline.h"
#include "core/result.h"

namespace danso {

// One version of a report (app/reports/ computes, checks and moves it).
struct ReportRecord {
  int64_t id = 0;
  UnitId unit;
  std::string form;    // core/report.h kReportForms code
  std::string period;  // "2025-05", "2025-Q2"
  int version = 1;
  std::string status;  // kReportStatuses code
  std::string rows;    // JSON: the computed rows and total
  std::string diff;    // JSON: the cells changed against the approved version before
  std::string created_at, updated_at;  // ISO 8601 instants
};

// One step of a report's workflow.
struct ReportHistoryRecord {
  int64_t report = 0;
  std::string action;  // kReportActions code
  UserId user;         // invalid (0) for the command line
  std::string user_name;
  std::string at;
  std::string comment;
};

// A province's report deadlines (core/report_deadline.h), as set by its staff.
struct ReportDeadlinesRecord {
  std::string province;  // unit code
  ReportDeadlines deadlines;
  std::string updated_at, updated_by;
};

// Where a unit's report of one form and period stands: its latest version,
// the first time any version was submitted and the comment of the latest
// return of that version (app/reports/completeness.h).
struct ReportStanding {
  int64_t id = 0;  // the latest version
  UnitId unit;
  std::string period;
  int version = 1;
  std::string status;           // kReportStatuses code
  std::string first_submitted;  // ISO instant; empty when never submitted
  std::string return_comment;   // the latest version's last return, when returned
  std::string returned_at;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // kAlreadyExists when the unit, form, period and version are taken.
  virtual Result<int64_t> insert_report(const ReportRecord& report) = 0;
  // Status, rows, diff and updated_at by id; an approved report is frozen
  // (kFailedPrecondition).
  virtual Status update_report(const ReportRecord& report) = 0;
  virtual std::optional<ReportRecord> find_report(int64_t id) = 0;
  // The highest version of the unit's report of that form and period.
  virtual std::optional<ReportRecord> latest_report(UnitId unit, std::string_view form, std::string_view period) = 0;
  virtual std::optional<ReportRecord> report_version(UnitId unit, std::string_view form, std::string_view period,
                                                     int version) = 0;
  // Reports of `units`, newest period first, then unit and version; `period`
  // and `status` filter when not empty. Rows and diff are left empty.
  virtual int64_t reports_page(std::span<const UnitId> units, std::string_view period, std::string_view status,
                               int64_t offset, int64_t limit, std::vector<ReportRecord>& out) = 0;
  virtual Status append_report_history(const ReportHistoryRecord& step) = 0;
  virtual std::vector<ReportHistoryRecord> report_history(int64_t report) = 0;  // oldest first

  // Where each unit of `units` stands for each period of `periods` on the
  // form (a unit and period without a report is left out).
  virtual std::vector<ReportStanding> report_standings(std::span<const UnitId> units, std::string_view form,
                                                       std::span<const std::string> periods) = 0;
  // Report deadlines by province code (none when the province keeps the
  // defaults); put replaces them.
  virtual std::optional<ReportDeadlinesRecord> find_report_deadlines(std::string_view province) = 0;
  virtual Status put_report_deadlines(const ReportDeadlinesRecord& record) = 0;
};

}  // namespace danso

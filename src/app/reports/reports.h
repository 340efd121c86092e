// Reports: the commune's monthly report and the district's quarterly form
// 01-DSH (core/report.h), computed from the register, and their workflow.
//
//   compute  -> a draft (new, or the draft or returned version refreshed;
//               after an approved version, version n+1 with its diff)
//   submit   -> draft or returned to submitted (the unit's own staff), once
//               the period is over (failed_precondition before its end)
//   approve  -> submitted to approved, frozen for good (the level above)
//   return   -> submitted to returned, with a comment (the level above)
//
// Every step is one transaction holding the report, its history entry and
// its audit entry, so none is written without the others. "The level above"
// is a user whose unit is strictly above the report's unit; a unit never
// approves itself. Errors: invalid_argument (unknown unit or a unit and
// period without a form, a return without comment), not_found,
// failed_precondition (the state does not allow the step), permission_denied.
//
//   reports::Reports r(store, store_mu, accounts);
//   auto c = r.compute(&principal, "99001", "2025-05", now);   // c->created: a new version
//   auto s = r.submit(&principal, c->report.record.id, now);
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/register_snapshot.h"
#include "app/accounts/accounts.h"
#include "app/database.h"
#include "core/period.h"
#include "core/report.h"
#include "store/store.h"

namespace danso::reports {

using Values = std::array<int64_t, kReportColumnCount>;

// One row of a form: a village of the commune, or a commune of the district.
struct ReportRow {
  std::string unit;  // code
  std::string name;
  Values values{};
};

// One cell that changed from the approved version before.
struct DiffCell {
  std::string unit;
  std::string column;  // key of kReportColumns
  int64_t before = 0, after = 0;
};

struct Report {
  ReportRecord record;  // as stored (rows and diff as JSON text)
  std::string unit_code, unit_name;
  std::string parent_name;  // the level above, which receives the report
  std::vector<ReportRow> rows;
  Values total{};
  // The columns this version holds (indices into kReportColumns, in that
  // order): the form's (report_carries), less those a version stored before
  // the form had them lacks. A column not held is printed empty, never 0.
  std::vector<int> columns;
  std::vector<DiffCell> diff;
  std::vector<ReportHistoryRecord> history;
};

// Every commune form of a district for a month, to print in one go: the
// latest version of each commune's report in code order, and the communes
// (name and code) that have none yet.
struct FormBatch {
  std::string unit_code, unit_name, period;
  std::vector<Report> forms;
  std::vector<std::string> missing;
};

struct Computed {
  Report report;
  bool created = false;  // a new version (else a draft refreshed)
};

struct ReportFilter {
  std::string unit;    // code; the caller's unit when empty
  std::string period;  // when not empty
  std::string status;  // when not empty
  int64_t offset = 0, limit = 50;
};

struct ReportPage {
  std::vector<Report> items;  // summaries: no rows, diff or history
  int64_t total = 0;
};

// Where a report's counts come from: a register snapshot holding every
// change made before the call (the server's, app/indicator_service.h
// IndicatorService::exact). Empty: the register is loaded from the store for
// each report (the command line and tests).
using SnapshotSource = std::function<Result<std::shared_ptr<const analytics::RegisterSnapshot>>()>;

class Reports {
 public:
  // `store_mu` guards the store and is the accounts' mutex too.
  Reports(Store& store, std::mutex& store_mu, accounts::Accounts& accounts, SnapshotSource snapshots = {})
      : store_(store), mu_(store_mu), accounts_(accounts), snapshots_(std::move(snapshots)) {}
  Reports(Database& db, accounts::Accounts& accounts, SnapshotSource snapshots = {})
      : Reports(db.store(), db.mutex(), accounts, std::move(snapshots)) {}

  Result<Computed> compute(accounts::Actor actor, std::string_view unit_code, std::string_view period, int64_t now);
  Result<Report> submit(accounts::Actor actor, int64_t id, int64_t now);
  Result<Report> approve(accounts::Actor actor, int64_t id, std::string_view comment, int64_t now);
  Result<Report> send_back(accounts::Actor actor, int64_t id, std::string_view comment, int64_t now);  // "return"
  Result<Report> read(int64_t id);
  // Reports of the unit's subtree inside the actor's scope today.
  Result<ReportPage> list(accounts::Actor actor, const ReportFilter& filter, int64_t now);
  // The communes' monthly forms of a district (invalid_argument on "unit"
  // for another kind of unit, on "period" for a period that is not a month).
  Result<FormBatch> commune_forms(accounts::Actor actor, std::string_view district, std::string_view period, int64_t now);
  // The unit of a report, for scope checks; invalid when there is none.
  UnitId unit_of(int64_t id);

 private:
  Result<Report> step(accounts::Actor actor, int64_t id, ReportAction action, std::string_view comment, int64_t now);
  Report load(ReportRecord record);  // mutex held
  // The unit `code` names on `on`, when the actor sees it today; not_found naming "unit" else.
  Result<UnitId> unit_in_scope(accounts::Actor actor, std::string_view code, Date on, Date today);

  Result<std::shared_ptr<const analytics::RegisterSnapshot>> snapshot();

  Store& store_;
  std::mutex& mu_;
  accounts::Accounts& accounts_;
  SnapshotSource snapshots_;
};

// The rows of a form for `unit` over `period`, counted by the indicators'
// pass over the register (analytics/base_counts.h count_period: states on
// the period's last day, events dated in it): one per village of a commune,
// one per commune of a district (its villages summed), in code order, as the
// units stand on the period's last day in the snapshot's unit tree.
std::vector<ReportRow> count_rows(const analytics::RegisterSnapshot& snap, const OrgUnit& unit, const Period& period);
Values sum_rows(const std::vector<ReportRow>& rows);
// The columns `form` carries (report_carries), in kReportColumns order.
std::vector<int> form_columns(ReportForm form);
// The columns of `form` that stored rows hold: all of form_columns(form)
// but those no row's values name (a version stored before the form had
// them); all of them when there are no rows.
std::vector<int> held_columns(const std::string& rows_json, ReportForm form);
// Cells of `after` that differ from `before` in `columns` (rows matched by
// unit code; a row missing on one side counts as zeros). A correction of an
// approved version compares the columns that version held: a row the form
// gained since is new, not a change.
std::vector<DiffCell> diff_rows(const std::vector<ReportRow>& before, const std::vector<ReportRow>& after,
                                const std::vector<int>& columns);

// The stored JSON of rows and diff, and back.
// Only the columns `form` carries (report_carries). Read back, a column the
// text does not name is 0 in `values`: held_columns tells it apart.
std::string rows_to_json(const std::vector<ReportRow>& rows, ReportForm form);
std::vector<ReportRow> rows_from_json(const std::string& text);
std::string diff_to_json(const std::vector<DiffCell>& diff);
std::vector<DiffCell> diff_from_json(const std::string& text);

// The API's JSON (docs/api.md): the summary, and the whole report.
nlohmann::ordered_json summary_json(const Report& r);
nlohmann::ordered_json report_json(const Report& r);

// The report as an .xlsx workbook laid out like the official form
// (app/reports/report_form.h), set up for printing on A4.
Result<std::string> report_xlsx(const Report& r);
// The report as a printable HTML page (A4, the same layout); several
// reports make one document, each form starting on a new page. `missing`
// lists units (name and code) without a report, printed on a closing note.
std::string report_html(const Report& r);
std::string reports_html(const std::vector<Report>& forms, const std::string& title,
                         const std::vector<std::string>& missing = {});

}  // namespace danso::reports

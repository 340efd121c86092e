// Reports of the SQLite adapter: the report versions and their workflow
// history (the counts come from the analytics pass, not from SQL).
#include "core/report.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {

constexpr const char* kReportColumns =
    "SELECT id, unit_id, form, period, version, status, rows, diff, created_at, updated_at FROM reports ";

ReportRecord read_report(const Stmt& st, bool with_rows = true) {
  ReportRecord r;
  r.id = st.i64(0);
  r.unit = UnitId(st.i64(1));
  r.form = st.text(2);
  r.period = st.text(3);
  r.version = st.i32(4);
  r.status = st.text(5);
  if (with_rows) {
    r.rows = st.text(6);
    r.diff = st.text(7);
  }
  r.created_at = st.text(8);
  r.updated_at = st.text(9);
  return r;
}

// A JSON array of period labels, for json_each.
std::string report_period_array(std::span<const std::string> periods) {
  std::string out = "[";
  for (const std::string& p : periods) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : p) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "]";
}

Error frozen_error() {
  return Error{ErrorCode::kFailedPrecondition, "status", "báo cáo đã duyệt không được sửa",
               "an approved report is frozen"};
}

}  // namespace

Result<int64_t> SqliteStore::insert_report(const ReportRecord& r) {
  Stmt st(db_->handle(),
          "INSERT INTO reports (unit_id, form, period, version, status, rows, diff, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, r.unit.value).bind(2, r.form).bind(3, r.period).bind(4, r.version).bind(5, r.status);
  st.bind(6, r.rows).bind(7, r.diff.empty() ? std::string_view("[]") : std::string_view(r.diff));
  st.bind(8, r.created_at).bind(9, r.updated_at);
  try {
    st.exec();
  } catch (const SqliteError& e) {
    if (e.code() != SQLITE_CONSTRAINT) throw;
    return Error{ErrorCode::kAlreadyExists, "version", "phiên bản báo cáo này đã có",
                 "this version of the report exists already"};
  }
  return int64_t(sqlite3_last_insert_rowid(db_->handle()));
}

Status SqliteStore::update_report(const ReportRecord& r) {
  Stmt st(db_->handle(), "UPDATE reports SET status = ?, rows = ?, diff = ?, updated_at = ? WHERE id = ?");
  st.bind(1, r.status).bind(2, r.rows).bind(3, r.diff.empty() ? std::string_view("[]") : std::string_view(r.diff));
  st.bind(4, r.updated_at).bind(5, r.id);
  try {
    st.exec();
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT) return frozen_error();
    throw;
  }
  if (sqlite3_changes(db_->handle()) != 1)
    return Error::not_found("id", "không tìm thấy báo cáo", "no such report");
  return {};
}

std::optional<ReportRecord> SqliteStore::find_report(int64_t id) {
  Stmt st(db_->handle(), std::string(kReportColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_report(st);
}

std::optional<ReportRecord> SqliteStore::latest_report(UnitId unit, std::string_view form, std::string_view period) {
  Stmt st(db_->handle(),
          std::string(kReportColumns) + "WHERE unit_id = ? AND form = ? AND period = ? ORDER BY version DESC LIMIT 1");
  st.bind(1, unit.value).bind(2, form).bind(3, period);
  if (!st.step()) return std::nullopt;
  return read_report(st);
}

std::optional<ReportRecord> SqliteStore::report_version(UnitId unit, std::string_view form, std::string_view period,
                                                        int version) {
  Stmt st(db_->handle(),
          std::string(kReportColumns) + "WHERE unit_id = ? AND form = ? AND period = ? AND version = ?");
  st.bind(1, unit.value).bind(2, form).bind(3, period).bind(4, version);
  if (!st.step()) return std::nullopt;
  return read_report(st);
}

int64_t SqliteStore::reports_page(std::span<const UnitId> units, std::string_view period, std::string_view status,
                                  int64_t offset, int64_t limit, std::vector<ReportRecord>& out) {
  const std::string where = std::string("WHERE unit_id") + kInVillages +
                            " AND (?2 = '' OR period = ?2) AND (?3 = '' OR status = ?3) ";
  auto bind = [&](Stmt& st) { st.bind(1, id_array(units)).bind(2, period).bind(3, status); };
  Stmt count(db_->handle(), "SELECT COUNT(*) FROM reports " + where);
  bind(count);
  const int64_t total = count.step() ? count.i64(0) : 0;
  Stmt st(db_->handle(), std::string(kReportColumns) + where +
                             "ORDER BY period DESC, unit_id, form, version DESC LIMIT ?4 OFFSET ?5");
  bind(st);
  st.bind(4, limit).bind(5, offset);
  while (st.step()) out.push_back(read_report(st, false));
  return total;
}

Status SqliteStore::append_report_history(const ReportHistoryRecord& h) {
  Stmt st(db_->handle(),
          "INSERT INTO report_history (report_id, action, user_id, user_name, at, comment) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, h.report).bind(2, h.action).bind_id(3, h.user.value).bind(4, h.user_name).bind(5, h.at);
  st.bind(6, h.comment);
  st.exec();
  return {};
}

std::vector<ReportHistoryRecord> SqliteStore::report_history(int64_t report) {
  Stmt st(db_->handle(),
          "SELECT report_id, action, user_id, user_name, at, comment FROM report_history WHERE report_id = ? "
          "ORDER BY id");
  st.bind(1, report);
  std::vector<ReportHistoryRecord> out;
  while (st.step()) {
    ReportHistoryRecord h;
    h.report = st.i64(0);
    h.action = st.text(1);
    if (!st.is_null(2)) h.user = UserId(st.i64(2));
    h.user_name = st.text(3);
    h.at = st.text(4);
    h.comment = st.text(5);
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<ReportStanding> SqliteStore::report_standings(std::span<const UnitId> units, std::string_view form,
                                                          std::span<const std::string> periods) {
  // The latest version of each unit and period, the first submission of any
  // of its versions, and the latest version's last return.
  Stmt st(db_->handle(),
          "WITH latest AS (SELECT unit_id, period, MAX(version) AS version FROM reports WHERE form = ?2 AND unit_id" +
              std::string(kInVillages) +
              " AND period IN (SELECT value FROM json_each(?3)) GROUP BY unit_id, period) "
              "SELECT r.id, r.unit_id, r.period, r.version, r.status, "
              "(SELECT MIN(h.at) FROM report_history h JOIN reports v ON v.id = h.report_id "
              " WHERE h.action = ?4 AND v.unit_id = r.unit_id AND v.form = r.form AND v.period = r.period), "
              "(SELECT h.comment FROM report_history h WHERE h.report_id = r.id AND h.action = ?5 ORDER BY h.id DESC "
              " LIMIT 1), "
              "(SELECT h.at FROM report_history h WHERE h.report_id = r.id AND h.action = ?5 ORDER BY h.id DESC LIMIT 1) "
              "FROM reports r JOIN latest l ON l.unit_id = r.unit_id AND l.period = r.period AND l.version = r.version "
              "WHERE r.form = ?2 ORDER BY r.period, r.unit_id");
  st.bind(1, id_array(units)).bind(2, form).bind(3, report_period_array(periods));
  st.bind(4, kReportActions.code(ReportAction::kSubmit)).bind(5, kReportActions.code(ReportAction::kReturn));
  std::vector<ReportStanding> out;
  while (st.step()) {
    ReportStanding s;
    s.id = st.i64(0);
    s.unit = UnitId(st.i64(1));
    s.period = st.text(2);
    s.version = st.i32(3);
    s.status = st.text(4);
    if (!st.is_null(5)) s.first_submitted = st.text(5);
    if (!st.is_null(6)) s.return_comment = st.text(6);
    if (!st.is_null(7)) s.returned_at = st.text(7);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<ReportDeadlinesRecord> SqliteStore::find_report_deadlines(std::string_view province) {
  Stmt st(db_->handle(),
          "SELECT province, monthly_day, quarterly_day, yearly_month, yearly_day, updated_at, updated_by "
          "FROM report_deadlines WHERE province = ?");
  st.bind(1, province);
  if (!st.step()) return std::nullopt;
  ReportDeadlinesRecord r;
  r.province = st.text(0);
  r.deadlines = {st.i32(1), st.i32(2), st.i32(3), st.i32(4)};
  r.updated_at = st.text(5);
  r.updated_by = st.text(6);
  return r;
}

Status SqliteStore::put_report_deadlines(const ReportDeadlinesRecord& r) {
  Stmt st(db_->handle(),
          "INSERT INTO report_deadlines (province, monthly_day, quarterly_day, yearly_month, yearly_day, updated_at, "
          "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (province) DO UPDATE SET monthly_day = "
          "excluded.monthly_day, quarterly_day = excluded.quarterly_day, yearly_month = excluded.yearly_month, "
          "yearly_day = excluded.yearly_day, updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  st.bind(1, r.province).bind(2, r.deadlines.monthly_day).bind(3, r.deadlines.quarterly_day);
  st.bind(4, r.deadlines.yearly_month).bind(5, r.deadlines.yearly_day).bind(6, r.updated_at).bind(7, r.updated_by);
  st.exec();
  return {};
}

}  // namespace danso::sqlite

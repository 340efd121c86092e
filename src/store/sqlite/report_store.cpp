// Reports of the SQLite adapter: the report versions and their workflow
// history (the counts come from the analytics pass, not from SQL).
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

}  // namespace danso::sqlite

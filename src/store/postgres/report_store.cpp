// Reports of the PostgreSQL adapter: the report versions and their
// workflow history (the counts come from the analytics pass, not from SQL).
// Text is ordered by its bytes (COLLATE "C"), as SQLite orders it.
#include "core/report.h"
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

constexpr const char* kPgReportColumns =
    "SELECT id, unit_id, form, period, version, status, rows, diff, danso_instant(created_at), "
    "danso_instant(updated_at) FROM reports ";

ReportRecord pg_read_report(const PgRow& st, bool with_rows = true) {
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

Error pg_frozen_error() {
  return Error{ErrorCode::kFailedPrecondition, "status", "báo cáo đã duyệt không được sửa",
               "an approved report is frozen"};
}

Error pg_report_taken(const PgError&) {
  return Error{ErrorCode::kAlreadyExists, "version", "phiên bản báo cáo này đã có",
               "this version of the report exists already"};
}

}  // namespace

Result<int64_t> PgStore::insert_report(const ReportRecord& r) {
  int64_t id = 0;
  auto st = step(
      [&] {
        id = conn_
                 ->query(
                     "INSERT INTO reports (unit_id, form, period, version, status, rows, diff, created_at, updated_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                     Params()
                         .add(r.unit.value)
                         .add(r.form)
                         .add(r.period)
                         .add(r.version)
                         .add(r.status)
                         .add(r.rows)
                         .add(r.diff.empty() ? std::string("[]") : r.diff)
                         .instant(r.created_at)
                         .instant(r.updated_at))
                 .i64(0, 0);
      },
      pg_report_taken);
  if (!st) return st.error();
  return id;
}

Status PgStore::update_report(const ReportRecord& r) {
  int64_t changed = 0;
  auto st = step(
      [&] {
        changed = conn_
                      ->query("UPDATE reports SET status = $1, rows = $2, diff = $3, updated_at = $4 WHERE id = $5",
                              Params()
                                  .add(r.status)
                                  .add(r.rows)
                                  .add(r.diff.empty() ? std::string("[]") : r.diff)
                                  .instant(r.updated_at)
                                  .add(r.id))
                      .affected();
      },
      [](const PgError&) { return pg_frozen_error(); });
  if (!st) return st;
  if (changed != 1) return Error::not_found("id", "không tìm thấy báo cáo", "no such report");
  return {};
}

std::optional<ReportRecord> PgStore::find_report(int64_t id) {
  PgResult r = conn_->query(std::string(kPgReportColumns) + "WHERE id = $1", Params().add(id));
  if (!r.rows()) return std::nullopt;
  return pg_read_report(PgRow{r, 0});
}

std::optional<ReportRecord> PgStore::latest_report(UnitId unit, std::string_view form, std::string_view period) {
  PgResult r = conn_->query(
      std::string(kPgReportColumns) + "WHERE unit_id = $1 AND form = $2 AND period = $3 ORDER BY version DESC LIMIT 1",
      Params().add(unit.value).add(form).add(period));
  if (!r.rows()) return std::nullopt;
  return pg_read_report(PgRow{r, 0});
}

std::optional<ReportRecord> PgStore::report_version(UnitId unit, std::string_view form, std::string_view period,
                                                    int version) {
  PgResult r = conn_->query(
      std::string(kPgReportColumns) + "WHERE unit_id = $1 AND form = $2 AND period = $3 AND version = $4",
      Params().add(unit.value).add(form).add(period).add(version));
  if (!r.rows()) return std::nullopt;
  return pg_read_report(PgRow{r, 0});
}

int64_t PgStore::reports_page(std::span<const UnitId> units, std::string_view period, std::string_view status,
                              int64_t offset, int64_t limit, std::vector<ReportRecord>& out) {
  const std::string where =
      "WHERE unit_id = ANY($1::bigint[]) AND ($2::text = '' OR period = $2) AND ($3::text = '' OR status = $3) ";
  const Params filter = Params().add(pg_id_array(units)).add(period).add(status);
  const int64_t total = conn_->query("SELECT COUNT(*) FROM reports " + where, filter).i64(0, 0);
  Params page = filter;
  page.add(limit).add(offset);
  PgResult r = conn_->query(std::string(kPgReportColumns) + where +
                                "ORDER BY period COLLATE \"C\" DESC, unit_id, form COLLATE \"C\", version DESC "
                                "LIMIT $4 OFFSET $5",
                            page);
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_report(PgRow{r, i}, false));
  return total;
}

Status PgStore::append_report_history(const ReportHistoryRecord& h) {
  conn_->query(
      "INSERT INTO report_history (report_id, action, user_id, user_name, at, comment) VALUES ($1,$2,$3,$4,$5,$6)",
      Params().add(h.report).add(h.action).id(h.user.value).add(h.user_name).instant(h.at).add(h.comment));
  return {};
}

std::vector<ReportHistoryRecord> PgStore::report_history(int64_t report) {
  PgResult r = conn_->query(
      "SELECT report_id, action, user_id, user_name, danso_instant(at), comment FROM report_history "
      "WHERE report_id = $1 ORDER BY id",
      Params().add(report));
  std::vector<ReportHistoryRecord> out;
  for (int i = 0; i < r.rows(); ++i) {
    ReportHistoryRecord h;
    h.report = r.i64(i, 0);
    h.action = r.text(i, 1);
    if (!r.is_null(i, 2)) h.user = UserId(r.i64(i, 2));
    h.user_name = r.text(i, 3);
    h.at = r.text(i, 4);
    h.comment = r.text(i, 5);
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<ReportStanding> PgStore::report_standings(std::span<const UnitId> units, std::string_view form,
                                                      std::span<const std::string> periods) {
  // The latest version of each unit and period, the first submission of any
  // of its versions, and the latest version's last return.
  PgResult r = conn_->query(
      "WITH latest AS (SELECT unit_id, period, MAX(version) AS version FROM reports WHERE form = $2 "
      "AND unit_id = ANY($1::bigint[]) AND period = ANY($3::text[]) GROUP BY unit_id, period) "
      "SELECT r.id, r.unit_id, r.period, r.version, r.status, "
      "(SELECT danso_instant(MIN(h.at)) FROM report_history h JOIN reports v ON v.id = h.report_id "
      " WHERE h.action = $4 AND v.unit_id = r.unit_id AND v.form = r.form AND v.period = r.period), "
      "(SELECT h.comment FROM report_history h WHERE h.report_id = r.id AND h.action = $5 ORDER BY h.id DESC "
      " LIMIT 1), "
      "(SELECT danso_instant(h.at) FROM report_history h WHERE h.report_id = r.id AND h.action = $5 "
      " ORDER BY h.id DESC LIMIT 1) "
      "FROM reports r JOIN latest l ON l.unit_id = r.unit_id AND l.period = r.period AND l.version = r.version "
      "WHERE r.form = $2 ORDER BY r.period COLLATE \"C\", r.unit_id",
      Params()
          .add(pg_id_array(units))
          .add(form)
          .add(pg_text_array(periods))
          .add(kReportActions.code(ReportAction::kSubmit))
          .add(kReportActions.code(ReportAction::kReturn)));
  std::vector<ReportStanding> out;
  for (int i = 0; i < r.rows(); ++i) {
    ReportStanding s;
    s.id = r.i64(i, 0);
    s.unit = UnitId(r.i64(i, 1));
    s.period = r.text(i, 2);
    s.version = r.i32(i, 3);
    s.status = r.text(i, 4);
    if (!r.is_null(i, 5)) s.first_submitted = r.text(i, 5);
    if (!r.is_null(i, 6)) s.return_comment = r.text(i, 6);
    if (!r.is_null(i, 7)) s.returned_at = r.text(i, 7);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<ReportDeadlinesRecord> PgStore::find_report_deadlines(std::string_view province) {
  PgResult r = conn_->query(
      "SELECT province, monthly_day, quarterly_day, yearly_month, yearly_day, danso_instant(updated_at), updated_by "
      "FROM report_deadlines WHERE province = $1",
      Params().add(province));
  if (!r.rows()) return std::nullopt;
  ReportDeadlinesRecord d;
  d.province = r.text(0, 0);
  d.deadlines = {r.i32(0, 1), r.i32(0, 2), r.i32(0, 3), r.i32(0, 4)};
  d.updated_at = r.text(0, 5);
  d.updated_by = r.text(0, 6);
  return d;
}

Status PgStore::put_report_deadlines(const ReportDeadlinesRecord& d) {
  conn_->query(
      "INSERT INTO report_deadlines (province, monthly_day, quarterly_day, yearly_month, yearly_day, updated_at, "
      "updated_by) VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (province) DO UPDATE SET monthly_day = "
      "EXCLUDED.monthly_day, quarterly_day = EXCLUDED.quarterly_day, yearly_month = EXCLUDED.yearly_month, "
      "yearly_day = EXCLUDED.yearly_day, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
      Params()
          .add(d.province)
          .add(d.deadlines.monthly_day)
          .add(d.deadlines.quarterly_day)
          .add(d.deadlines.yearly_month)
          .add(d.deadlines.yearly_day)
          .instant(d.updated_at)
          .add(d.updated_by));
  return {};
}

}  // namespace danso::pg

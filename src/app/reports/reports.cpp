#include "app/reports/reports.h"

#include <algorithm>

#include "core/text.h"

namespace danso::reports {

namespace {

Error report_not_found() { return Error::not_found("id", "không tìm thấy báo cáo", "no such report"); }

// What the audit log keeps of a version: its identity, status and total.
std::string audit_json(const ReportRecord& r, const std::string& unit_code) {
  const Values total = sum_rows(rows_from_json(r.rows));
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (int i : held_columns(r.rows, kReportForms.find(r.form).value_or(ReportForm::kCommuneMonthly)))
    values[kReportColumns[size_t(i)].key] = total[size_t(i)];
  return nlohmann::ordered_json{{"id", r.id},           {"unit", unit_code},         {"form", r.form},
                                {"period", r.period},   {"version", r.version},      {"status", r.status},
                                {"total", values}}
      .dump();
}

ReportHistoryRecord history_entry(accounts::Actor actor, int64_t report, ReportAction action, std::string comment,
                                  int64_t now) {
  ReportHistoryRecord h;
  h.report = report;
  h.action = kReportActions.code(action);
  if (actor) {
    h.user = actor->user;
    h.user_name = actor->username;
  } else {
    h.user_name = "(dòng lệnh / command line)";
  }
  h.at = accounts::iso_instant(now);
  h.comment = std::move(comment);
  return h;
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

}  // namespace

Result<UnitId> Reports::unit_in_scope(accounts::Actor actor, std::string_view code, Date on, Date today) {
  const UnitId id = accounts_.resolve_unit(code, on);
  if (!id.valid() || (actor && !accounts_.in_scope(*actor, id, today)))
    return Error::not_found("unit", "không tìm thấy đơn vị '" + std::string(code) + "'",
                            "no unit '" + std::string(code) + "'");
  return id;
}

Report Reports::load(ReportRecord record) {
  Report r;
  if (const OrgUnit* u = accounts_.units().find(record.unit)) {
    r.unit_code = u->code;
    r.unit_name = u->name;
    if (const OrgUnit* parent = accounts_.units().find(u->parent)) r.parent_name = parent->name;
  }
  r.rows = rows_from_json(record.rows);
  r.total = sum_rows(r.rows);
  r.columns = held_columns(record.rows, kReportForms.find(record.form).value_or(ReportForm::kCommuneMonthly));
  r.diff = diff_from_json(record.diff);
  r.history = store_.report_history(record.id);
  r.record = std::move(record);
  return r;
}

Result<Computed> Reports::compute(accounts::Actor actor, std::string_view unit_code, std::string_view period_text,
                                  int64_t now) {
  const Date today = accounts::date_of(now);
  auto period = Period::parse(period_text);
  if (!period) return period.error();
  if (today < period->first)
    return Error::invalid("period", "kỳ báo cáo '" + period->label + "' chưa bắt đầu",
                          "the period '" + period->label + "' has not started yet");
  // The unit as it stood at the period's end, inside the caller's scope.
  const auto scoped = unit_in_scope(actor, unit_code, period->last, today);
  if (!scoped) return scoped.error();
  const UnitId unit_id = *scoped;

  const UnitTree& tree = accounts_.units();
  const OrgUnit& unit = *tree.find(unit_id);
  auto form = report_form_for(unit.kind, period->label);
  if (!form) return form.error();
  // Counted before the store is locked: the snapshot may have to wait for a
  // refresh, which reads through the store.
  auto snap = snapshot();
  if (!snap) return snap.error();
  const std::vector<ReportRow> rows = count_rows(**snap, unit, *period);

  std::lock_guard<std::mutex> lock(mu_);
  const std::string form_code = kReportForms.code(*form);
  std::optional<ReportRecord> latest = store_.latest_report(unit.id, form_code, period->label);
  const bool fresh = !latest || latest->status == kReportStatuses.code(ReportStatus::kApproved);
  if (!fresh) {
    auto status = report_transition(kReportStatuses.find(latest->status).value_or(ReportStatus::kSubmitted),
                                    ReportAction::kCompute);
    if (!status) return status.error();
  }
  const std::string at = accounts::iso_instant(now);

  auto tx = store_.begin();
  ReportRecord rec;
  std::string before;
  if (fresh) {
    rec.unit = unit.id;
    rec.form = form_code;
    rec.period = period->label;
    rec.version = latest ? latest->version + 1 : 1;
    rec.created_at = at;
  } else {
    before = audit_json(*latest, unit.code);
    rec = *latest;
  }
  rec.status = kReportStatuses.code(ReportStatus::kDraft);
  rec.rows = rows_to_json(rows, *form);
  rec.updated_at = at;
  // A correction shows what changed against the approved version before it.
  if (rec.version > 1) {
    const auto approved = fresh ? latest : store_.report_version(unit.id, form_code, period->label, rec.version - 1);
    rec.diff = approved ? diff_to_json(diff_rows(rows_from_json(approved->rows), rows, held_columns(approved->rows, *form)))
                        : diff_to_json(diff_rows({}, rows, form_columns(*form)));
  } else {
    rec.diff = "[]";
  }
  if (fresh) {
    auto id = store_.insert_report(rec);
    if (!id) return id.error();
    rec.id = *id;
  } else if (auto s = store_.update_report(rec); !s) {
    return s.error();
  }
  if (auto s = store_.append_report_history(history_entry(actor, rec.id, ReportAction::kCompute, "", now)); !s)
    return s.error();
  if (auto s = accounts_.audit(actor, fresh ? "create" : "update", "report", std::to_string(rec.id), unit.id, before,
                               audit_json(rec, unit.code), now);
      !s)
    return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return Computed{load(std::move(rec)), fresh};
}

Result<std::shared_ptr<const analytics::RegisterSnapshot>> Reports::snapshot() {
  if (snapshots_) return snapshots_();
  std::lock_guard<std::mutex> lock(mu_);
  return std::make_shared<const analytics::RegisterSnapshot>(analytics::RegisterSnapshot::load(store_));
}

Result<Report> Reports::submit(accounts::Actor actor, int64_t id, int64_t now) {
  return step(actor, id, ReportAction::kSubmit, "", now);
}

Result<Report> Reports::approve(accounts::Actor actor, int64_t id, std::string_view comment, int64_t now) {
  return step(actor, id, ReportAction::kApprove, comment, now);
}

Result<Report> Reports::send_back(accounts::Actor actor, int64_t id, std::string_view comment, int64_t now) {
  return step(actor, id, ReportAction::kReturn, comment, now);
}

Result<Report> Reports::step(accounts::Actor actor, int64_t id, ReportAction action, std::string_view comment_text,
                             int64_t now) {
  const std::string comment = trimmed(comment_text);
  if (auto st = check_text_field(comment, "comment", TextKind::kMultiline); !st) return st.error();
  if (action == ReportAction::kReturn && comment.empty())
    return Error::invalid("comment", "trả lại báo cáo phải kèm ý kiến (comment)",
                          "returning a report needs a comment saying what to correct");
  const Date today = accounts::date_of(now);
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<ReportRecord> rec = store_.find_report(id);
  if (!rec) return report_not_found();
  auto next = report_transition(kReportStatuses.find(rec->status).value_or(ReportStatus::kApproved), action);
  if (!next) return next.error();
  // A period is reported on once it is over: its last day may still bring
  // slips. The yearly form is due on 10 December of its year, so it goes
  // from 1 December with the register as it stands (report_submittable_from).
  if (action == ReportAction::kSubmit)
    if (auto period = Period::parse(rec->period); period) {
      const Date from = report_submittable_from(*period);
      if (today < from)
        return Error{ErrorCode::kFailedPrecondition, "period",
                     "kỳ báo cáo " + period->label + " chưa kết thúc (đến hết ngày " + period->last.iso() +
                         "): chỉ gửi được từ ngày " + from.iso(),
                     "the period " + period->label + " has not ended (it runs to " + period->last.iso() +
                         "): it can be submitted from " + from.iso()};
    }
  const UnitTree& tree = accounts_.units();
  const OrgUnit* unit = tree.find(rec->unit);
  if (!unit) return report_not_found();
  // Approving and returning belong to the level above, never the unit itself.
  if (actor && (action == ReportAction::kApprove || action == ReportAction::kReturn) &&
      (actor->unit == rec->unit || !tree.within(rec->unit, actor->unit, today)))
    return Error{ErrorCode::kPermissionDenied, "unit",
                 "chỉ cấp trên của " + unit->name + " mới được duyệt hoặc trả lại báo cáo này",
                 "only the level above " + unit->code + " may approve or return this report"};
  auto tx = store_.begin();
  const std::string before = audit_json(*rec, unit->code);
  rec->status = kReportStatuses.code(*next);
  rec->updated_at = accounts::iso_instant(now);
  if (auto s = store_.update_report(*rec); !s) return s.error();
  if (auto s = store_.append_report_history(history_entry(actor, rec->id, action, comment, now)); !s)
    return s.error();
  if (auto s = accounts_.audit(actor, kReportActions.code(action), "report", std::to_string(rec->id), rec->unit,
                               before, audit_json(*rec, unit->code), now);
      !s)
    return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return load(std::move(*rec));
}

Result<Report> Reports::read(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<ReportRecord> rec = store_.find_report(id);
  if (!rec) return report_not_found();
  return load(std::move(*rec));
}

UnitId Reports::unit_of(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::optional<ReportRecord> rec = store_.find_report(id);
  return rec ? rec->unit : UnitId();
}

Result<FormBatch> Reports::commune_forms(accounts::Actor actor, std::string_view district, std::string_view period_text,
                                        int64_t now) {
  const Date today = accounts::date_of(now);
  auto period = Period::parse(period_text);
  if (!period) return period.error();
  auto form = report_form_for(UnitKind::kCommune, period->label);
  if (!form) return form.error();
  const auto scoped = unit_in_scope(actor, district, period->last, today);
  if (!scoped) return scoped.error();
  const UnitId unit_id = *scoped;
  const UnitTree& tree = accounts_.units();
  const OrgUnit& unit = *tree.find(unit_id);
  if (unit.kind != UnitKind::kDistrict)
    return Error::invalid("unit", "chỉ in được các báo cáo của xã theo từng huyện; '" + unit.code + "' không phải huyện",
                          "the communes' forms are printed by district; '" + unit.code + "' is not a district");
  FormBatch batch{unit.code, unit.name, period->label, {}, {}};
  std::vector<const OrgUnit*> communes;
  for (UnitId id : tree.children_on(unit_id, period->last))
    if (const OrgUnit* c = tree.find(id); c && c->kind == UnitKind::kCommune) communes.push_back(c);
  std::sort(communes.begin(), communes.end(), [](const OrgUnit* a, const OrgUnit* b) { return a->code < b->code; });
  std::lock_guard<std::mutex> lock(mu_);
  const std::string form_code = kReportForms.code(*form);
  for (const OrgUnit* c : communes) {
    std::optional<ReportRecord> latest = store_.latest_report(c->id, form_code, period->label);
    if (latest) batch.forms.push_back(load(std::move(*latest)));
    else batch.missing.push_back(c->name + " (" + c->code + ")");
  }
  return batch;
}

Result<ReportPage> Reports::list(accounts::Actor actor, const ReportFilter& filter, int64_t now) {
  const Date today = accounts::date_of(now);
  if (!filter.period.empty())
    if (auto p = Period::parse(filter.period); !p) return p.error();
  if (!filter.status.empty())
    if (auto s = kReportStatuses.parse(filter.status, "status"); !s) return s.error();
  // Without a unit, the caller's own: its subtree as far as they see it (a
  // collaborator's unit is the commune holding their villages, which they
  // do not see whole). A unit named must be one they see.
  UnitId root = actor ? actor->unit : UnitId();
  if (!filter.unit.empty()) root = accounts_.resolve_unit(filter.unit, today);
  if (!root.valid() || (actor && !filter.unit.empty() && !accounts_.in_scope(*actor, root, today)))
    return Error::not_found("unit", "không tìm thấy đơn vị '" + filter.unit + "'", "no unit '" + filter.unit + "'");
  std::vector<UnitId> units;
  {
    std::lock_guard<std::mutex> lock(mu_);
    units = accounts_.units().subtree_on(root, today);
  }
  if (actor)
    units.erase(std::remove_if(units.begin(), units.end(),
                               [&](UnitId u) { return !accounts_.in_scope(*actor, u, today); }),
                units.end());
  std::sort(units.begin(), units.end());
  ReportPage page;
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ReportRecord> records;
  page.total = store_.reports_page(units, filter.period, filter.status, filter.offset, filter.limit, records);
  for (ReportRecord& rec : records) {
    Report r;
    if (const OrgUnit* u = accounts_.units().find(rec.unit)) {
      r.unit_code = u->code;
      r.unit_name = u->name;
    }
    r.record = std::move(rec);
    page.items.push_back(std::move(r));
  }
  return page;
}

}  // namespace danso::reports

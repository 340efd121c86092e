#include "app/programme/training_import.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/csv/csv_reader.h"
#include "app/formats/field_reader.h"
#include "app/programme/training_file.h"
#include "core/unit_tree.h"

namespace danso {

namespace {

// The audit entry of one imported file, written in the import's transaction.
Status audit_training_file(Store& store, const std::string& kind, const TrainingImportOptions& o, size_t rows,
                           const std::string& text) {
  AuditRecord e = accounts::audit_entry(nullptr, accounts::iso_instant(o.now), "import", kind, o.file);
  e.after =
      nlohmann::ordered_json{{"file", o.file}, {"rows", rows}, {"sha256", accounts::sha256_hex(text)}}.dump();
  return accounts::append_audit(store, std::move(e));
}

Error no_rows_error() { return Error::invalid("file", "tệp không có dòng số liệu nào", "the file has no rows"); }

std::set<int64_t> staff_in_registry(Database& db) {
  std::set<int64_t> out;
  for (StaffId id : db.read([](Store& s) { return s.staff_ids(); })) out.insert(id.value);
  return out;
}

}  // namespace

Result<std::string> import_training_plan(Database& db, const std::string& json_text, const TrainingImportOptions& o) {
  auto plan = read_training_file(json_text);
  if (!plan) return plan.error();
  if (!o.unit_code.empty()) plan->unit_code = o.unit_code;
  const UnitTree tree = db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  const OrgUnit* unit = tree.resolve(plan->unit_code, plan->start);
  if (!unit) unit = tree.resolve(plan->unit_code, plan->end);
  if (!unit)
    return Error::not_found("unit",
                            "sổ không có đơn vị mã '" + plan->unit_code + "' trong thời gian của kế hoạch (" +
                                plan->start.iso() + " - " + plan->end.iso() + ")",
                            "the register has no unit coded '" + plan->unit_code + "' during the plan (" +
                                plan->start.iso() + " - " + plan->end.iso() + ")");
  plan->unit = unit->id;
  plan->sha256 = accounts::sha256_hex(json_text);
  plan->imported_at = accounts::iso_instant(o.now);
  return db.write([&](Store& store) -> Result<std::string> {
    if (auto s = store.insert_training_plan(*plan); !s) return s.error();
    if (auto s = audit_training_file(store, "training_plan", o, plan->targets.size(), json_text); !s) return s.error();
    return plan->id;
  });
}

Result<int64_t> import_training_sessions(Database& db, const std::string& csv_text, const TrainingImportOptions& o) {
  auto reader = CsvReader::from_text(
      o.file, csv_text, {"session", "plan", "course", "course_title", "course_kind", "unit_code", "start", "end", "cost_vnd"},
      {"place"});
  if (!reader) return reader.error();
  const UnitTree tree = db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  std::map<std::string, std::set<std::string>> kinds_of_plan;
  for (const TrainingPlanRecord& p : db.read([](Store& s) { return s.training_plans(); }))
    for (const TrainingCourseKind& k : p.course_kinds) kinds_of_plan[p.id].insert(k.code);
  RowIssues issues(o.file);
  std::map<std::string, TrainingCourseRecord> courses;
  std::vector<TrainingSessionRecord> sessions;
  std::set<std::string> seen;
  auto st = reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    TrainingSessionRecord s;
    TrainingCourseRecord c;
    s.id = f.text("session", true);
    c.plan = f.text("plan", true);
    c.id = s.course = f.text("course", true);
    c.title = f.text("course_title", true);
    c.kind = f.text("course_kind", true);
    s.unit_code = f.text("unit_code", true);
    const auto start = f.date("start", true), end = f.date("end", true);
    const auto cost = f.integer("cost_vnd", true, 0, 1'000'000'000'000'000);
    s.place = f.text("place", false);
    if (!f.ok()) return;
    s.start = *start, s.end = *end, s.cost_vnd = *cost;
    const auto plan = kinds_of_plan.find(c.plan);
    if (plan == kinds_of_plan.end())
      return f.fail("plan", "chưa nhập kế hoạch đào tạo '" + c.plan + "'", "no training plan '" + c.plan + "' imported");
    if (!plan->second.count(c.kind))
      return f.fail("course_kind", "kế hoạch '" + c.plan + "' không có loại khóa học '" + c.kind + "'",
                    "the plan '" + c.plan + "' has no course kind '" + c.kind + "'");
    if (s.end < s.start) return f.fail("end", "ngày kết thúc trước ngày bắt đầu", "the end is before the start");
    const OrgUnit* u = tree.resolve(s.unit_code, s.start);
    if (!u)
      return f.fail("unit_code", "không có đơn vị mã '" + s.unit_code + "' ngày " + s.start.iso(),
                    "no unit coded '" + s.unit_code + "' on " + s.start.iso());
    if (!seen.insert(s.id).second)
      return f.fail("session", "lớp '" + s.id + "' đã có ở một dòng trước", "the session '" + s.id + "' is on an earlier row");
    const auto [it, added] = courses.emplace(c.id, c);
    if (!added && (it->second.plan != c.plan || it->second.title != c.title || it->second.kind != c.kind))
      return f.fail("course", "khóa học '" + c.id + "' có kế hoạch, tên hoặc loại khác ở một dòng trước",
                    "the course '" + c.id + "' has another plan, title or kind on an earlier row");
    s.unit = u->id;
    sessions.push_back(std::move(s));
  });
  if (!st) return st.error();
  if (!issues.empty()) return issues.first_error();
  if (sessions.empty()) return no_rows_error();
  std::vector<TrainingCourseRecord> course_rows;
  for (auto& [id, c] : courses) course_rows.push_back(c);
  return db.write([&](Store& store) -> Result<int64_t> {
    if (auto s = store.upsert_training_sessions(course_rows, sessions); !s) return s.error();
    if (auto s = audit_training_file(store, "training_sessions", o, sessions.size(), csv_text); !s) return s.error();
    return int64_t(sessions.size());
  });
}

Result<int64_t> import_training_participants(Database& db, const std::string& csv_text, const TrainingImportOptions& o) {
  auto reader = CsvReader::from_text(o.file, csv_text, {"session", "staff_id", "attended", "completed"}, {"completed_on"});
  if (!reader) return reader.error();
  std::map<std::string, TrainingSessionRecord> sessions;
  for (TrainingSessionRecord& s : db.read([](Store& st) { return st.training_sessions(); })) sessions[s.id] = s;
  const std::set<int64_t> staff = staff_in_registry(db);
  RowIssues issues(o.file);
  std::vector<TrainingParticipantRecord> rows;
  std::set<std::pair<std::string, int64_t>> seen;
  auto st = reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    TrainingParticipantRecord p;
    p.session = f.text("session", true);
    p.staff = StaffId(f.id("staff_id", true));
    p.attended = f.flag("attended");
    p.completed = f.flag("completed");
    p.completed_on = f.date("completed_on", false);
    if (!f.ok()) return;
    const auto s = sessions.find(p.session);
    if (s == sessions.end())
      return f.fail("session", "chưa nhập lớp '" + p.session + "'", "no session '" + p.session + "' imported");
    if (!staff.count(p.staff.value))
      return f.fail("staff_id", "sổ cán bộ không có người mã " + std::to_string(p.staff.value),
                    "the staff registry has no person " + std::to_string(p.staff.value));
    if (p.completed && !p.attended)
      return f.fail("completed", "hoàn thành mà không tham dự", "completed without attending");
    if (p.completed_on && !p.completed)
      return f.fail("completed_on", "có ngày hoàn thành mà không hoàn thành", "a completion date without completing");
    if (p.completed && !p.completed_on) p.completed_on = s->second.end;
    if (p.completed_on && (*p.completed_on < s->second.start || s->second.end < *p.completed_on))
      return f.fail("completed_on", "ngoài thời gian của lớp (" + s->second.start.iso() + " - " + s->second.end.iso() + ")",
                    "outside the session (" + s->second.start.iso() + " - " + s->second.end.iso() + ")");
    if (!seen.insert({p.session, p.staff.value}).second)
      return f.fail("staff_id", "người này đã có ở một dòng trước của lớp", "this person is on an earlier row of the session");
    rows.push_back(std::move(p));
  });
  if (!st) return st.error();
  if (!issues.empty()) return issues.first_error();
  if (rows.empty()) return no_rows_error();
  return db.write([&](Store& store) -> Result<int64_t> {
    if (auto s = store.upsert_training_participants(rows); !s) return s.error();
    if (auto s = audit_training_file(store, "training_participants", o, rows.size(), csv_text); !s) return s.error();
    return int64_t(rows.size());
  });
}

Result<int64_t> import_training_members(Database& db, const std::string& csv_text, const TrainingImportOptions& o) {
  auto reader = CsvReader::from_text(o.file, csv_text, {"staff_id", "group", "unit_code", "start"}, {"end"});
  if (!reader) return reader.error();
  const UnitTree tree = db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  std::set<std::string> groups;
  for (const TrainingPlanRecord& p : db.read([](Store& s) { return s.training_plans(); }))
    for (const TrainingGroup& g : p.groups) groups.insert(g.code);
  const std::set<int64_t> staff = staff_in_registry(db);
  RowIssues issues(o.file);
  std::vector<TrainingMemberRecord> rows;
  std::set<std::tuple<int64_t, std::string, int32_t>> seen;
  auto st = reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    TrainingMemberRecord r;
    GroupMembership& m = r.membership;
    m.person = StaffId(f.id("staff_id", true));
    m.group = f.text("group", true);
    r.unit_code = f.text("unit_code", true);
    const auto start = f.date("start", true);
    m.end = f.date("end", false);
    if (!f.ok()) return;
    m.start = *start;
    if (!staff.count(m.person.value))
      return f.fail("staff_id", "sổ cán bộ không có người mã " + std::to_string(m.person.value),
                    "the staff registry has no person " + std::to_string(m.person.value));
    if (!groups.count(m.group))
      return f.fail("group", "không kế hoạch đào tạo nào có nhóm '" + m.group + "'",
                    "no imported training plan has a group '" + m.group + "'");
    if (m.end && *m.end < m.start) return f.fail("end", "ngày kết thúc trước ngày bắt đầu", "the end is before the start");
    const OrgUnit* u = tree.resolve(r.unit_code, m.start);
    if (!u)
      return f.fail("unit_code", "không có đơn vị mã '" + r.unit_code + "' ngày " + m.start.iso(),
                    "no unit coded '" + r.unit_code + "' on " + m.start.iso());
    if (!seen.insert({m.person.value, m.group, m.start.days()}).second)
      return f.fail("start", "người, nhóm và ngày bắt đầu này đã có ở một dòng trước",
                    "this person, group and start are on an earlier row");
    m.unit = u->id;
    rows.push_back(std::move(r));
  });
  if (!st) return st.error();
  if (!issues.empty()) return issues.first_error();
  if (rows.empty()) return no_rows_error();
  return db.write([&](Store& store) -> Result<int64_t> {
    if (auto s = store.upsert_group_memberships(rows); !s) return s.error();
    if (auto s = audit_training_file(store, "training_members", o, rows.size(), csv_text); !s) return s.error();
    return int64_t(rows.size());
  });
}

}  // namespace danso

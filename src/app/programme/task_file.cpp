#include "app/programme/task_file.h"

#include <set>

#include "app/programme/json_fields.h"

namespace danso {

using programme::JsonFields;

namespace {

bool is_task_code(const std::string& s) {
  return !s.empty() && s.size() <= 64 && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
}

void check_code(JsonFields& f, const std::string& code, const std::string& at) {
  if (!code.empty() && !is_task_code(code))
    f.problem(at, "chỉ gồm chữ thường, số, '_' và '-' (tối đa 64)", "lowercase letters, digits, '_' and '-' only (64 at most)");
}

std::vector<std::string> codes(JsonFields& f, const nlohmann::json& obj, const char* name, const std::string& at) {
  std::vector<std::string> out;
  const nlohmann::json& list = f.array(obj, name, at, false);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item_at = at + "[" + std::to_string(i) + "]";
    if (!list[i].is_string()) {
      f.problem(item_at, "phải là một mã (chuỗi)", "must be a code (a string)");
      continue;
    }
    out.push_back(list[i].get<std::string>());
    check_code(f, out.back(), item_at);
  }
  return out;
}

}  // namespace

Result<TaskFile> read_task_file(std::string_view json_text) {
  auto doc = programme::parse_json_object(json_text);
  if (!doc) return doc.error();
  std::vector<Error> problems;
  JsonFields f(problems);
  TaskFile out;
  if (const std::string format = f.text(*doc, "format", "format"); !format.empty() && format != "danso-tasks/1")
    f.problem("format", "định dạng phải là 'danso-tasks/1', không phải '" + format + "'",
              "the format must be 'danso-tasks/1', not '" + format + "'");
  out.id = f.text(*doc, "id", "id");
  check_code(f, out.id, "id");
  if (std::string plan = f.text(*doc, "plan", "plan", false); !plan.empty()) out.plan = plan;
  if (const nlohmann::json* u = f.member(*doc, "unit", "unit", true); u && u->is_object()) {
    out.unit_code = f.text(*u, "code", "unit.code");
    out.unit_name = f.text(*u, "name", "unit.name", false);
  } else if (u) {
    f.problem("unit", "phải là một đối tượng {code, name}", "must be an object {code, name}");
  }
  if (const nlohmann::json* s = f.member(*doc, "source", "source", false); s && s->is_object()) {
    out.source_document = f.text(*s, "document", "source.document", false);
    out.source_file = f.text(*s, "seed", "source.seed", false);
    out.source_section = f.text(*s, "section", "source.section", false);
  }

  std::set<std::string> agency_codes;
  const nlohmann::json& agencies = f.array(*doc, "agencies", "agencies", true);
  for (size_t i = 0; i < agencies.size(); ++i) {
    const std::string at = "agencies[" + std::to_string(i) + "]";
    AgencyRecord a;
    a.code = f.text(agencies[i], "code", at + ".code");
    check_code(f, a.code, at + ".code");
    a.name_vi = f.text(agencies[i], "name_vi", at + ".name_vi");
    a.name_en = f.text(agencies[i], "name_en", at + ".name_en", false);
    if (!a.code.empty() && !agency_codes.insert(a.code).second)
      f.problem(at + ".code", "mã cơ quan '" + a.code + "' đã có ở trên", "agency code '" + a.code + "' is given twice");
    out.agencies.push_back(std::move(a));
  }
  auto known_agency = [&](const std::string& code, const std::string& at) {
    if (!code.empty() && is_task_code(code) && !agency_codes.count(code))
      f.problem(at, "không có cơ quan '" + code + "' trong agencies", "no agency '" + code + "' in agencies");
  };

  const nlohmann::json& committees = f.array(*doc, "committees", "committees", false);
  for (size_t i = 0; i < committees.size(); ++i) {
    const std::string at = "committees[" + std::to_string(i) + "]";
    CommitteeRecord c;
    c.level = f.text(committees[i], "level", at + ".level");
    if (!c.level.empty() && c.level != "province" && c.level != "district" && c.level != "commune")
      f.problem(at + ".level", "cấp phải là province, district hoặc commune", "the level must be province, district or commune");
    c.name_vi = f.text(committees[i], "name_vi", at + ".name_vi");
    const nlohmann::json& members = f.array(committees[i], "members", at + ".members", false);
    for (size_t m = 0; m < members.size(); ++m) {
      const std::string m_at = at + ".members[" + std::to_string(m) + "]";
      CommitteeMemberRecord r;
      r.name = f.text(members[m], "name", m_at + ".name");
      r.agency = f.text(members[m], "agency", m_at + ".agency", false);
      known_agency(r.agency, m_at + ".agency");
      r.position = f.text(members[m], "position", m_at + ".position");
      if (auto d = f.date(members[m], "start", m_at + ".start")) r.start = *d;
      r.end = f.date(members[m], "end", m_at + ".end", false);
      if (r.end && *r.end < r.start)
        f.problem(m_at + ".end", "ngày thôi trước ngày bắt đầu", "the end is before the start");
      c.members.push_back(std::move(r));
    }
    out.committees.push_back(std::move(c));
  }

  std::set<std::string> keys;
  const nlohmann::json& tasks = f.array(*doc, "tasks", "tasks", true);
  for (size_t i = 0; i < tasks.size(); ++i) {
    const std::string at = "tasks[" + std::to_string(i) + "]";
    const nlohmann::json& t = tasks[i];
    TaskRecord r;
    r.key = f.text(t, "id", at + ".id");
    check_code(f, r.key, at + ".id");
    if (!r.key.empty() && !keys.insert(r.key).second)
      f.problem(at + ".id", "mã nhiệm vụ '" + r.key + "' đã có ở trên", "task id '" + r.key + "' is given twice");
    r.agency = f.text(t, "agency", at + ".agency");
    known_agency(r.agency, at + ".agency");
    if (const std::string role = f.text(t, "role", at + ".role"); !role.empty()) {
      if (auto k = kTaskRoles.find(role)) r.role = *k;
      else f.problem(at + ".role", "vai trò phải là 'lead' (chủ trì) hoặc 'support' (phối hợp)",
                     "the role must be 'lead' or 'support'");
    }
    r.with = codes(f, t, "with", at + ".with");
    for (size_t w = 0; w < r.with.size(); ++w) known_agency(r.with[w], at + ".with[" + std::to_string(w) + "]");
    r.description_vi = f.text(t, "description_vi", at + ".description_vi");
    r.description_en = f.text(t, "description_en", at + ".description_en", false);
    r.indicators = codes(f, t, "indicators", at + ".indicators");
    r.targets = codes(f, t, "targets", at + ".targets");
    r.due.first = f.date(t, "due", at + ".due", false);
    if (const std::string rec = f.text(t, "recurring", at + ".recurring", false); !rec.empty()) {
      auto md = parse_recurrence(rec, at + ".recurring");
      if (!md) f.problem(at + ".recurring", md.error().vi, md.error().en);
      else if (!r.due.first)
        f.problem(at + ".due", "nhiệm vụ lặp hằng năm cần ngày đến hạn đầu tiên", "a yearly task needs its first due date");
      else r.due.yearly = *md;
    }
    r.source_text = f.text(t, "source_text", at + ".source_text", false);
    out.tasks.push_back(std::move(r));
  }
  if (problems.empty() && out.tasks.empty())
    f.problem("tasks", "tệp không có nhiệm vụ nào", "the file has no tasks");
  if (!problems.empty()) return programme::first_of(problems);
  return out;
}

}  // namespace danso

#include "app/programme/training_file.h"

#include <set>

#include "app/programme/json_fields.h"

namespace danso {

using programme::JsonFields;

namespace {

bool is_training_key(const std::string& s) {
  return !s.empty() && s.size() <= 64 && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
}

void check_key(JsonFields& f, const std::string& value, const std::string& at) {
  if (!value.empty() && !is_training_key(value))
    f.problem(at, "chỉ gồm chữ thường, số, '_' và '-' (tối đa 64)", "lowercase letters, digits, '_' and '-' only (64 at most)");
}

// The member "code" of `obj`: a key not given before in `codes` (`what`
// names it in the messages: "mã loại khóa học" / "course kind").
std::string unique_code(JsonFields& f, const nlohmann::json& obj, const std::string& at, std::set<std::string>& codes,
                        const std::string& what_vi, const std::string& what_en) {
  std::string code = f.text(obj, "code", at + ".code");
  check_key(f, code, at + ".code");
  if (!code.empty() && !codes.insert(code).second)
    f.problem(at + ".code", what_vi + " '" + code + "' lặp lại", "the " + what_en + " '" + code + "' is repeated");
  return code;
}

void read_course_kinds(JsonFields& f, const nlohmann::json& doc, TrainingPlanRecord& p) {
  const nlohmann::json& kinds = f.array(doc, "course_kinds", "course_kinds", true);
  if (kinds.empty() && doc.contains("course_kinds"))
    f.problem("course_kinds", "cần ít nhất một loại khóa học", "needs at least one course kind");
  std::set<std::string> codes;
  for (size_t i = 0; i < kinds.size(); ++i) {
    const std::string at = "course_kinds[" + std::to_string(i) + "]";
    TrainingCourseKind k;
    k.code = unique_code(f, kinds[i], at, codes, "mã loại khóa học", "course kind");
    k.name_vi = f.text(kinds[i], "name_vi", at + ".name_vi");
    if (auto m = f.integer(kinds[i], "months", at + ".months", false)) {
      if (*m < 1 || *m > 120) f.problem(at + ".months", "phải từ 1 đến 120 tháng", "must be from 1 to 120 months");
      else k.months = int(*m);
    }
    p.course_kinds.push_back(std::move(k));
  }
}

TrainingTarget read_training_target(JsonFields& f, const nlohmann::json& t, const std::string& at, const TrainingPlanRecord& p,
                                    const std::set<std::string>& kinds) {
  TrainingTarget out;
  out.course_kind = f.text(t, "course_kind", at + ".course_kind");
  if (!out.course_kind.empty() && !kinds.count(out.course_kind))
    f.problem(at + ".course_kind", "không có loại khóa học '" + out.course_kind + "' trong course_kinds",
              "no course kind '" + out.course_kind + "' in course_kinds");
  if (auto v = f.number_or_null(t, "coverage_percent", at + ".coverage_percent", true)) {
    if (*v <= 0 || *v > 100) f.problem(at + ".coverage_percent", "phải lớn hơn 0 và không quá 100", "must be above 0 and at most 100");
    else out.percent = *v;
  } else if (t.is_object() && t.contains("coverage_percent")) {
    f.problem(at + ".coverage_percent", "cần một số", "needs a number");
  }
  if (auto y = f.integer(t, "by_year", at + ".by_year")) {
    if (*y < p.start.year() || *y > p.end.year())
      f.problem(at + ".by_year", "năm " + std::to_string(*y) + " ngoài thời hạn của kế hoạch",
                "year " + std::to_string(*y) + " is outside the plan's period");
    else out.by_year = int(*y);
  }
  if (auto e = f.boolean(t, "every_year", at + ".every_year")) out.every_year = *e;
  out.source_text = f.text(t, "source_text", at + ".source_text", false);
  return out;
}

void read_groups(JsonFields& f, const nlohmann::json& doc, TrainingPlanRecord& p) {
  std::set<std::string> kinds;
  for (const TrainingCourseKind& k : p.course_kinds) kinds.insert(k.code);
  const nlohmann::json& groups = f.array(doc, "groups", "groups", true);
  std::set<std::string> codes;
  for (size_t i = 0; i < groups.size(); ++i) {
    const std::string at = "groups[" + std::to_string(i) + "]";
    TrainingGroup g;
    g.code = unique_code(f, groups[i], at, codes, "mã nhóm", "group");
    g.name_vi = f.text(groups[i], "name_vi", at + ".name_vi");
    g.name_en = f.text(groups[i], "name_en", at + ".name_en", false);
    const nlohmann::json& targets = f.array(groups[i], "targets", at + ".targets", false);
    std::set<std::string> target_kinds;
    for (size_t j = 0; j < targets.size(); ++j) {
      const std::string t_at = at + ".targets[" + std::to_string(j) + "]";
      TrainingTarget t = read_training_target(f, targets[j], t_at, p, kinds);
      t.group = g.code;
      if (!t.course_kind.empty() && !target_kinds.insert(t.course_kind).second)
        f.problem(t_at + ".course_kind", "hai chỉ tiêu cùng loại khóa học cho một nhóm",
                  "two targets of the same course kind for one group");
      p.targets.push_back(std::move(t));
    }
    p.groups.push_back(std::move(g));
  }
  if (groups.empty() && doc.contains("groups")) f.problem("groups", "cần ít nhất một nhóm", "needs at least one group");
  const nlohmann::json& roles = f.array(doc, "role_groups", "role_groups", false);
  std::set<StaffRole> seen;
  for (size_t i = 0; i < roles.size(); ++i) {
    const std::string at = "role_groups[" + std::to_string(i) + "]";
    const std::string role = f.text(roles[i], "role", at + ".role");
    const std::string group = f.text(roles[i], "group", at + ".group");
    const auto r = kStaffRoles.find(role);
    if (!role.empty() && !r)
      f.problem(at + ".role", "không có vai trò '" + role + "' trong sổ cán bộ", "no staff role '" + role + "'");
    if (!group.empty() && !codes.count(group))
      f.problem(at + ".group", "không có nhóm '" + group + "' trong groups", "no group '" + group + "' in groups");
    if (r && !seen.insert(*r).second) f.problem(at + ".role", "vai trò lặp lại", "the role is repeated");
    if (r) p.role_groups.push_back({*r, group});
  }
}

}  // namespace

Result<TrainingPlanRecord> read_training_file(std::string_view json_text) {
  auto doc = programme::parse_json_object(json_text);
  if (!doc) return doc.error();
  std::vector<Error> problems;
  JsonFields f(problems);
  TrainingPlanRecord p;
  const std::string format = f.text(*doc, "format", "format");
  if (!format.empty() && format != "danso-training/1")
    f.problem("format", "định dạng phải là 'danso-training/1', không phải '" + format + "'",
              "the format must be 'danso-training/1', not '" + format + "'");
  p.id = f.text(*doc, "id", "id");
  check_key(f, p.id, "id");
  p.title = f.text(*doc, "title", "title");
  p.issuer = f.text(*doc, "issuer", "issuer", false);
  if (const nlohmann::json* u = f.member(*doc, "unit", "unit", true)) p.unit_code = f.text(*u, "code", "unit.code");
  const auto start = f.date(*doc, "start", "start");
  const auto end = f.date(*doc, "end", "end");
  if (start) p.start = *start;
  if (end) p.end = *end;
  if (start && end && *end < *start) f.problem("end", "ngày kết thúc trước ngày bắt đầu", "the end is before the start");
  if (auto b = f.integer(*doc, "budget_vnd", "budget_vnd")) {
    if (*b < 0) f.problem("budget_vnd", "kinh phí không được âm", "the budget cannot be negative");
    else p.budget_vnd = *b;
  }
  read_course_kinds(f, *doc, p);
  if (start && end && *start <= *end) read_groups(f, *doc, p);
  if (!problems.empty()) return programme::first_of(problems);
  return p;
}

}  // namespace danso

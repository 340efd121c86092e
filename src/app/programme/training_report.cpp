#include "app/programme/training_report.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "core/unit_tree.h"

namespace danso {

namespace {

// What coverage and needs both read: the unit, the day, the units under
// it, the plans covering it, the members of every group and the completions.
struct TrainingScope {
  UnitTree tree;
  Date on;
  const OrgUnit* unit = nullptr;
  std::unordered_set<int64_t> units;  // the unit and those below it on `on`
  std::vector<TrainingPlanRecord> plans;
  std::vector<StaffAssignment> staff;
  std::vector<GroupMembership> imported;
  std::vector<CourseCompletion> completions;
  std::vector<TrainingSessionRecord> sessions;
  std::map<std::string, std::string> plan_of_course;
};

Date day_counted(int year, Date today) {
  const Date last = Date::from_ymd_unchecked(year, 12, 31);
  return today.year() == year && today < last ? today : last;
}

Result<TrainingScope> read_training_scope(Database& db, const std::string& unit_code, int year, Date today) {
  TrainingScope s;
  s.on = day_counted(year, today);
  db.read([&](Store& store) {
    s.tree = UnitTree(store.load_units(), store.load_unit_links());
    s.plans = store.training_plans();
    store.for_each_staff([&](const StaffAssignment& a) { s.staff.push_back(a); });
    for (TrainingMemberRecord& m : store.group_memberships()) s.imported.push_back(std::move(m.membership));
    s.completions = store.training_completions();
    s.sessions = store.training_sessions();
    for (const TrainingCourseRecord& c : store.training_courses()) s.plan_of_course[c.id] = c.plan;
    return 0;
  });
  auto root = s.tree.resolve_or_error(unit_code, s.on, "unit");
  if (!root) return root.error();
  s.unit = s.tree.find(*root);
  for (UnitId id : s.tree.subtree_on(*root, s.on)) s.units.insert(id.value);
  std::erase_if(s.plans, [&](const TrainingPlanRecord& p) { return !s.tree.within(*root, p.unit, s.on); });
  return s;
}

// The plan's groups' members: those imported and those its role_groups give.
std::vector<GroupMembership> members_of(const TrainingScope& s, const TrainingPlanRecord& plan) {
  std::vector<GroupMembership> out = s.imported;
  for (const StaffAssignment& a : s.staff)
    for (const TrainingRoleGroup& r : plan.role_groups)
      if (r.role == a.role) out.push_back({a.id, r.group, a.unit, a.start, a.end});
  return out;
}

template <typename T>
const T* find_by_code(const std::vector<T>& items, const std::string& code) {
  for (const T& i : items)
    if (i.code == code) return &i;
  return nullptr;
}

TrainingSpending spending_of(const TrainingScope& s, const TrainingPlanRecord& plan, int year) {
  TrainingSpending out;
  out.budget_vnd = plan.budget_vnd;
  std::map<int, int64_t> years;
  for (const TrainingSessionRecord& session : s.sessions) {
    const auto course = s.plan_of_course.find(session.course);
    if (course == s.plan_of_course.end() || course->second != plan.id || !s.units.count(session.unit.value)) continue;
    const int y = session.start.year();
    years[y] += session.cost_vnd;
    if (y == year) out.year_vnd += session.cost_vnd, ++out.sessions_in_year;
    if (y <= year && plan.start <= session.start) out.to_date_vnd += session.cost_vnd;
  }
  out.by_year.assign(years.begin(), years.end());
  if (plan.budget_vnd > 0) out.used_percent = 100.0 * double(out.to_date_vnd) / double(plan.budget_vnd);
  return out;
}

}  // namespace

Result<TrainingCoverageReport> training_coverage_report(Database& db, const std::string& unit_code, int year, Date today) {
  auto s = read_training_scope(db, unit_code, year, today);
  if (!s) return s.error();
  TrainingCoverageReport out;
  out.unit_code = s->unit->code, out.unit_name = s->unit->name, out.year = year, out.on = s->on;
  const auto in_scope = [&](UnitId u) { return s->units.count(u.value) > 0; };
  // Each unit directly below, with the units below it.
  std::vector<std::pair<const OrgUnit*, std::unordered_set<int64_t>>> kids;
  for (UnitId id : s->tree.children_on(s->unit->id, s->on)) {
    std::unordered_set<int64_t> under;
    for (UnitId u : s->tree.subtree_on(id, s->on)) under.insert(u.value);
    kids.emplace_back(s->tree.find(id), std::move(under));
  }
  std::sort(kids.begin(), kids.end(), [](const auto& a, const auto& b) { return a.first->code < b.first->code; });
  for (const TrainingPlanRecord& plan : s->plans) {
    TrainingPlanCoverage pc;
    pc.id = plan.id, pc.title = plan.title, pc.unit_code = plan.unit_code;
    const std::vector<GroupMembership> members = members_of(*s, plan);
    for (const auto& [kid, under] : kids) pc.children.push_back({kid->code, kid->name, {}});
    for (const TrainingTarget& t : plan.targets) {
      TrainingCoverageRow row;
      if (const TrainingGroup* g = find_by_code(plan.groups, t.group)) row.group = *g;
      if (const TrainingCourseKind* k = find_by_code(plan.course_kinds, t.course_kind)) row.course = *k;
      row.target = t;
      const CoverageTarget target{t.group, t.course_kind, t.percent, t.by_year, t.every_year};
      row.coverage = training_coverage(members, s->completions, target, s->on, in_scope);
      for (size_t i = 0; i < kids.size(); ++i) {
        const auto& under = kids[i].second;
        Coverage c = training_coverage(members, s->completions, target, s->on,
                                       [&](UnitId u) { return under.count(u.value) > 0; });
        c.missing.clear();  // the unit's list says who; the children's counts are enough
        pc.children[i].rows.push_back(std::move(c));
      }
      pc.rows.push_back(std::move(row));
    }
    pc.spending = spending_of(*s, plan, year);
    out.plans.push_back(std::move(pc));
  }
  return out;
}

Result<std::vector<TrainingNeed>> training_needs(Database& db, const std::string& unit_code, const std::string& group,
                                                 int year, Date today) {
  auto s = read_training_scope(db, unit_code, year, today);
  if (!s) return s.error();
  if (!group.empty() && std::none_of(s->plans.begin(), s->plans.end(), [&](const TrainingPlanRecord& p) {
        return find_by_code(p.groups, group) != nullptr;
      }))
    return Error::invalid("group", "không kế hoạch đào tạo nào của đơn vị có nhóm '" + group + "'",
                          "no training plan of the unit has a group '" + group + "'");
  std::map<int64_t, std::string> names;  // the latest assignment's name
  for (const StaffAssignment& a : s->staff) names[a.id.value] = a.name;
  const auto in_scope = [&](UnitId u) { return s->units.count(u.value) > 0; };
  std::vector<TrainingNeed> out;
  for (const TrainingPlanRecord& plan : s->plans) {
    const std::vector<GroupMembership> members = members_of(*s, plan);
    for (const TrainingTarget& t : plan.targets) {
      if (!group.empty() && t.group != group) continue;
      const Coverage c = training_coverage(members, s->completions,
                                           {t.group, t.course_kind, t.percent, t.by_year, t.every_year}, s->on, in_scope);
      const TrainingGroup* g = find_by_code(plan.groups, t.group);
      const TrainingCourseKind* k = find_by_code(plan.course_kinds, t.course_kind);
      for (StaffId person : c.missing) {
        TrainingNeed n;
        n.staff = person, n.name = names.count(person.value) ? names[person.value] : "";
        for (const GroupMembership& m : members)
          if (m.person == person && m.group == t.group && m.on(s->on) && in_scope(m.unit)) {
            if (const OrgUnit* u = s->tree.find(m.unit)) n.unit_code = u->code, n.unit_name = u->name;
            break;
          }
        n.plan = plan.id, n.group = t.group, n.group_name_vi = g ? g->name_vi : "";
        n.course_kind = t.course_kind, n.course_name_vi = k ? k->name_vi : "";
        out.push_back(std::move(n));
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TrainingNeed& a, const TrainingNeed& b) {
    return std::tie(a.unit_code, a.name, a.staff.value) < std::tie(b.unit_code, b.name, b.staff.value);
  });
  return out;
}

}  // namespace danso

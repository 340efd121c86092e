#include "core/training.h"

#include <algorithm>
#include <set>

namespace danso {

Coverage training_coverage(const std::vector<GroupMembership>& members, const std::vector<CourseCompletion>& completions,
                           const CoverageTarget& target, Date on, const std::function<bool(UnitId)>& in_scope) {
  std::set<int64_t> in_group;
  for (const GroupMembership& m : members)
    if (m.group == target.group && m.on(on) && in_scope(m.unit)) in_group.insert(m.person.value);
  std::set<int64_t> done;
  const Date year_start = Date::from_ymd_unchecked(on.year(), 1, 1);
  for (const CourseCompletion& c : completions) {
    if (c.course_kind != target.course_kind || on < c.completed_on) continue;
    if (target.every_year && c.completed_on < year_start) continue;
    if (in_group.count(c.person.value)) done.insert(c.person.value);
  }
  Coverage out;
  out.members = int64_t(in_group.size());
  out.covered = int64_t(done.size());
  if (out.members > 0) {
    out.percent = 100.0 * double(out.covered) / double(out.members);
    out.target_met = *out.percent >= target.percent - 1e-9;
  }
  for (int64_t p : in_group)
    if (!done.count(p)) out.missing.push_back(StaffId(p));
  return out;
}

}  // namespace danso

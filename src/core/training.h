// Training coverage (đào tạo, bồi dưỡng): a target group of staff (civil
// servants, collaborators, family-planning service staff, ...) and a course
// kind the plan asks them to have, with a coverage target (002: 100% of civil
// servants hold the 2-month basic population course; 70% of provincial
// population civil servants are updated every year).
//
// Coverage in a year, for a group, a course kind and the units under one:
//   members   the persons in the group on the year's last day (or on the day
//             asked, for the year in progress): who joined during the year
//             counts, who left before that day does not;
//   covered   those of them with a completion of the course kind: in that
//             year for a target asked every year, at any time up to the day
//             otherwise;
//   coverage  covered / members x 100, against the target's percent.
//
//   auto c = training_coverage(members, completions, target, Date(2025,12,31), units_under);
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"

namespace danso {

// A person's membership of a target group, for a period (end inclusive).
struct GroupMembership {
  StaffId person;
  std::string group;
  UnitId unit;  // where they work
  Date start;
  std::optional<Date> end;
  bool on(Date d) const { return start <= d && (!end || d <= *end); }
};

struct CourseCompletion {
  StaffId person;
  std::string course_kind;
  Date completed_on;
};

struct CoverageTarget {
  std::string group, course_kind;
  double percent = 100;  // the share to reach
  int by_year = 0;       // reached by the end of this year
  bool every_year = false;  // each year's completions only
};

struct Coverage {
  int64_t members = 0, covered = 0;
  std::optional<double> percent;  // empty when the group has no member
  bool target_met = false;
  std::vector<StaffId> missing;   // members without the course, by id
};

// `in_scope(unit)`: whether a member's unit counts (the units under the one
// asked about).
Coverage training_coverage(const std::vector<GroupMembership>& members, const std::vector<CourseCompletion>& completions,
                           const CoverageTarget& target, Date on, const std::function<bool(UnitId)>& in_scope);

}  // namespace danso

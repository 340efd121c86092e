// Staff assignment: a collaborator (cộng tác viên dân số), commune officer or
// district/province staff member assigned to a unit for a period. A staff
// member keeps one id across assignments, so a village's collaborator history
// is the list of its assignments.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/ids.h"
#include "core/person.h"

namespace danso {

enum class StaffRole { kCollaborator, kCommuneOfficer, kDistrictStaff, kProvinceStaff };
inline constexpr EnumCodec<StaffRole, 4> kStaffRoles{{{
    {StaffRole::kCollaborator, "collaborator", "cộng tác viên dân số"},
    {StaffRole::kCommuneOfficer, "commune_officer", "viên chức dân số xã"},
    {StaffRole::kDistrictStaff, "district_staff", "cán bộ dân số huyện"},
    {StaffRole::kProvinceStaff, "province_staff", "cán bộ Chi cục Dân số"},
}}};

// Duties since 2021: population, family work, child protection.
struct Duties {
  bool population = true;
  bool family = false;
  bool children = false;
  auto operator<=>(const Duties&) const = default;
};
// "population;family;children" in any order, at least one.
Result<Duties> parse_duties(std::string_view text, std::string_view field);
std::string format_duties(const Duties& d);

struct StaffAssignment {
  StaffId id;
  std::string name;
  Sex sex = Sex::kFemale;
  StaffRole role = StaffRole::kCollaborator;
  std::string unit_code;  // resolved on start
  UnitId unit;
  Duties duties;
  Date start;
  std::optional<Date> end;  // inclusive
};

}  // namespace danso

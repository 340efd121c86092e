// staff.csv: id,name,sex,role,unit_code,duties,start,end (one row per assignment)
#include "app/formats/formats.h"

namespace danso::formats {

const Columns& staff_columns() {
  static const Columns c{{"id", "name", "sex", "role", "unit_code", "duties", "start", "end"},
                         {"id", "name", "role", "unit_code", "start"}};
  return c;
}

std::optional<StaffAssignment> parse_staff(FieldReader& f) {
  StaffAssignment s;
  s.id = StaffId(f.id("id", true));
  s.name = f.text("name", true);
  s.sex = f.choice(kSexes, "sex", false).value_or(Sex::kFemale);
  s.role = f.choice(kStaffRoles, "role", true).value_or(StaffRole::kCollaborator);
  s.unit_code = f.text("unit_code", true);
  std::string_view duties = f.raw("duties");
  if (!duties.empty()) {
    if (auto d = parse_duties(duties, "duties")) s.duties = *d;
    else f.fail(d.error());
  }
  if (auto d = f.date("start", true)) s.start = *d;
  s.end = f.date("end", false);
  if (s.end && *s.end < s.start)
    f.fail("end", "ngày kết thúc trước ngày bắt đầu", "ends before it starts");
  if (!f.ok()) return std::nullopt;
  return s;
}

std::vector<std::string> write_staff(const StaffAssignment& s) {
  return {std::to_string(s.id.value), s.name, kSexes.code(s.sex), kStaffRoles.code(s.role),
          s.unit_code, format_duties(s.duties), s.start.iso(), opt_date_text(s.end)};
}

}  // namespace danso::formats

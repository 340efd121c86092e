#include "app/import/row_import.h"
#include "core/rules.h"

namespace danso::import_detail {

Result<ImportReport> import_staff(Store& store, const ImportOptions& o) {
  Run run(o, store);
  run.begin_write();
  auto parsed = read_rows<StaffAssignment>(run, formats::staff_columns(), formats::parse_staff);
  if (!parsed) return parsed.error();
  // An assignment is keyed by staff id and start date.
  check_duplicates(run, *parsed, "start", [](const StaffAssignment& s) {
    return s.id.value * 1'000'000 + (s.start.days() + 500'000);
  });
  const std::shared_ptr<const UnitTree> held_tree = load_unit_tree(store);
  const UnitTree& tree = *held_tree;
  for (size_t i = 0; i < parsed->records.size(); ++i) {
    StaffAssignment& s = parsed->records[i];
    const size_t row = parsed->rows[i];
    if (auto st = rules::check_not_future(s.start, o.today, "start"); !st) run.issues.add(row, s.start.iso(), st.error());
    auto unit = tree.resolve_or_error(s.unit_code, s.start, "unit_code");
    if (!unit) {
      run.issues.add(row, s.unit_code, unit.error());
      continue;
    }
    s.unit = *unit;
    const UnitKind kind = tree.find(*unit)->kind;
    const bool fits = (s.role == StaffRole::kCollaborator && kind == UnitKind::kVillage) ||
                      (s.role == StaffRole::kCommuneOfficer && kind == UnitKind::kCommune) ||
                      (s.role == StaffRole::kDistrictStaff && kind == UnitKind::kDistrict) ||
                      (s.role == StaffRole::kProvinceStaff && kind == UnitKind::kProvince);
    if (!fits)
      run.issues.add(row, "unit_code", s.unit_code,
                     std::string("vai trò ") + kStaffRoles.code(s.role) + " không thuộc đơn vị cấp " +
                         kUnitKinds.code(kind),
                     std::string("role ") + kStaffRoles.code(s.role) + " does not belong to a " +
                         kUnitKinds.code(kind));
  }
  return finish(run, [&] { return store.upsert_staff(good_records(run, *parsed)); });
}

}  // namespace danso::import_detail

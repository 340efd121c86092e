// Staff assignments read for the API: one row's mapping, shared with the
// streaming read, and a page of the assignments to a set of units.
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

StaffAssignment read_staff(const Stmt& st) {
  StaffAssignment s;
  s.id = StaffId(st.i64(0));
  s.name = st.text(1);
  s.sex = st.text(2) == "F" ? Sex::kFemale : Sex::kMale;
  s.role = kStaffRoles.find(st.text(3)).value_or(StaffRole::kCollaborator);
  s.unit = UnitId(st.i64(4));
  s.unit_code = st.text(5);
  if (auto d = parse_duties(st.text(6), "duties")) s.duties = *d;
  s.start = st.date(7);
  s.end = st.opt_date(8);
  return s;
}

int64_t SqliteStore::staff_page(std::span<const UnitId> units, int64_t offset, int64_t limit,
                                std::vector<StaffAssignment>& out) {
  const std::string ids = id_array(units);
  const std::string where =
      std::string(" FROM staff_assignments s JOIN units u ON u.id = s.unit_id WHERE s.unit_id") + kInVillages;
  Stmt count(db_->handle(), "SELECT COUNT(*)" + where);
  count.bind(1, ids);
  const int64_t total = count.step() ? count.i64(0) : 0;
  Stmt st(db_->handle(),
          std::string("SELECT ") + kStaffColumns + where + " ORDER BY s.staff_id, s.start LIMIT ?2 OFFSET ?3");
  st.bind(1, ids).bind(2, limit).bind(3, offset);
  while (st.step()) out.push_back(read_staff(st));
  return total;
}

}  // namespace danso::sqlite

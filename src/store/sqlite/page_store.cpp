// Single records and pages of the register for the API. A page's villages
// are bound as one JSON array ("[7,8]") and read with json_each, so a
// province's thousands of villages need one parameter.
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {

// A page of households or persons starts from its villages (?1, each once)
// and goes down the indexes households_village and persons_household; the
// CROSS JOINs keep SQLite from starting at the other end and scanning a
// whole table.
constexpr const char* kFromVillages = " FROM (SELECT DISTINCT value AS id FROM json_each(?1)) v";

constexpr const char* kHouseholdColumns =
    "h.id, h.village_id, u.code, h.address, h.poverty, h.social_protection, h.ethnic_minority, h.registered_on";
constexpr const char* kPersonColumns =
    "p.id, p.household_id, p.name, p.sex, p.birth_date, p.citizen_id, p.relation, p.ethnicity, p.marital, "
    "p.residence, p.registered_on";
constexpr const char* kEventColumns =
    "e.id, e.type, e.date, e.village_id, u.code, e.person_id, e.related_id, e.household_id, e.birth_order, "
    "e.method, e.conditions, e.child_marriage, e.consanguineous, e.outcome, e.counterpart, e.place, "
    "e.recorded_by, e.recorded_on";

Household read_household(const Stmt& st) {
  Household h;
  h.id = HouseholdId(st.i64(0));
  h.village = UnitId(st.i64(1));
  h.village_code = st.text(2);
  h.address = st.text(3);
  h.poverty = kPoverty.find(st.text(4)).value_or(Poverty::kNone);
  h.social_protection = st.i64(5) != 0;
  h.ethnic_minority = st.i64(6) != 0;
  h.registered_on = st.date(7);
  return h;
}

}  // namespace

namespace {

template <typename Id>
std::string json_ids(std::span<const Id> ids) {
  std::string s = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(ids[i].value);
  }
  return s + "]";
}

}  // namespace

std::string id_array(std::span<const UnitId> ids) { return json_ids(ids); }
std::string id_array(std::span<const PersonId> ids) { return json_ids(ids); }
std::string id_array(std::span<const HouseholdId> ids) { return json_ids(ids); }

std::optional<Household> SqliteStore::find_household(HouseholdId id) {
  Stmt st(db_->handle(), std::string("SELECT ") + kHouseholdColumns +
                             " FROM households h JOIN units u ON u.id = h.village_id WHERE h.id = ?");
  st.bind(1, id.value);
  if (!st.step()) return std::nullopt;
  return read_household(st);
}

std::optional<Person> SqliteStore::find_person(PersonId id) {
  Stmt st(db_->handle(), std::string("SELECT ") + kPersonColumns + " FROM persons p WHERE p.id = ?");
  st.bind(1, id.value);
  if (!st.step()) return std::nullopt;
  return read_person(st);
}

std::optional<VitalEvent> SqliteStore::find_event(EventId id) {
  Stmt st(db_->handle(), std::string("SELECT ") + kEventColumns +
                             " FROM events e JOIN units u ON u.id = e.village_id WHERE e.id = ?");
  st.bind(1, id.value);
  if (!st.step()) return std::nullopt;
  return read_event(st);
}

std::vector<Person> SqliteStore::persons_of(std::span<const PersonId> ids) {
  std::vector<Person> out;
  if (ids.empty()) return out;
  Stmt st(db_->handle(), std::string("SELECT ") + kPersonColumns + " FROM persons p WHERE p.id" + kInIds + " ORDER BY p.id");
  st.bind(1, id_array(ids));
  while (st.step()) out.push_back(read_person(st));
  return out;
}

std::vector<Household> SqliteStore::households_of(std::span<const HouseholdId> ids) {
  std::vector<Household> out;
  if (ids.empty()) return out;
  Stmt st(db_->handle(), std::string("SELECT ") + kHouseholdColumns +
                             " FROM households h JOIN units u ON u.id = h.village_id WHERE h.id" + kInIds +
                             " ORDER BY h.id");
  st.bind(1, id_array(ids));
  while (st.step()) out.push_back(read_household(st));
  return out;
}

std::vector<VitalEvent> SqliteStore::events_of_type(EventType type, Date from, Date to) {
  std::vector<VitalEvent> out;
  Stmt st(db_->handle(), std::string("SELECT ") + kEventColumns +
                             " FROM events e JOIN units u ON u.id = e.village_id WHERE e.type = ?1 AND e.date >= ?2"
                             " AND e.date <= ?3 ORDER BY e.date, e.id");
  st.bind(1, kEventTypes.code(type)).bind(2, from).bind(3, to);
  while (st.step()) out.push_back(read_event(st));
  return out;
}

std::vector<ResidenceSpell> SqliteStore::residence_of(PersonId id) {
  Stmt st(db_->handle(),
          "SELECT person_id, start, household_id, village_id, end FROM residence WHERE person_id = ? ORDER BY start");
  st.bind(1, id.value);
  std::vector<ResidenceSpell> out;
  while (st.step()) {
    ResidenceSpell s;
    s.person = PersonId(st.i64(0));
    s.start = st.date(1);
    s.household = HouseholdId(st.i64(2));
    s.village = UnitId(st.i64(3));
    s.end = st.opt_date(4);
    out.push_back(s);
  }
  return out;
}

std::vector<Person> SqliteStore::household_members(HouseholdId id) {
  Stmt st(db_->handle(),
          std::string("SELECT ") + kPersonColumns + " FROM persons p WHERE p.lives_in = ? ORDER BY p.id");
  st.bind(1, id.value);
  std::vector<Person> out;
  while (st.step()) out.push_back(read_person(st));
  return out;
}

std::vector<UnitId> SqliteStore::staff_units(StaffId id) {
  Stmt st(db_->handle(), "SELECT DISTINCT unit_id FROM staff_assignments WHERE staff_id = ? ORDER BY unit_id");
  st.bind(1, id.value);
  std::vector<UnitId> out;
  while (st.step()) out.push_back(UnitId(st.i64(0)));
  return out;
}

std::optional<PersonId> SqliteStore::person_with_citizen_id(std::string_view citizen_id) {
  Stmt st(db_->handle(), "SELECT id FROM persons WHERE citizen_id = ?");
  st.bind(1, citizen_id);
  if (!st.step()) return std::nullopt;
  return PersonId(st.i64(0));
}

int64_t SqliteStore::households_page(std::span<const UnitId> villages, int64_t offset, int64_t limit,
                                     std::vector<Household>& out) {
  const std::string ids = id_array(villages);
  const std::string from =
      std::string(kFromVillages) + " CROSS JOIN households h ON h.village_id = v.id JOIN units u ON u.id = h.village_id";
  Stmt count(db_->handle(), "SELECT COUNT(*)" + from);
  count.bind(1, ids);
  const int64_t total = count.step() ? count.i64(0) : 0;
  Stmt st(db_->handle(), std::string("SELECT ") + kHouseholdColumns + from + " ORDER BY h.id LIMIT ?2 OFFSET ?3");
  st.bind(1, ids).bind(2, limit).bind(3, offset);
  while (st.step()) out.push_back(read_household(st));
  return total;
}

// The persons who live in the villages' households now (or lived there
// last), filtered by the folded name: from the villages (?1, each once) down
// households_village and persons_lives_in, whose entries hold the names, so
// the table is read only for the page. One pass counts the matches (a window
// over their ids) and picks the page's ids, so each name is folded once.
int64_t SqliteStore::persons_page(std::span<const UnitId> villages, std::string_view folded, int64_t offset,
                                  int64_t limit, std::vector<PlacedPerson>& out) {
  const std::string ids = id_array(villages);
  std::string from = std::string(kFromVillages) +
                     " CROSS JOIN households h ON h.village_id = v.id CROSS JOIN persons p ON p.lives_in = h.id";
  if (!folded.empty()) from += " WHERE instr(danso_fold(p.name), ?4) > 0";
  constexpr int kPlaceColumn = 11;  // after kPersonColumns: household, village, its code, the total
  Stmt st(db_->handle(), std::string("SELECT ") + kPersonColumns +
                             ", page.hh, page.vid, u.code, page.total FROM (SELECT p.id AS id, h.id AS hh,"
                             " h.village_id AS vid, COUNT(*) OVER () AS total" + from +
                             " ORDER BY p.id LIMIT ?2 OFFSET ?3) page CROSS JOIN persons p ON p.id = page.id"
                             " JOIN units u ON u.id = page.vid ORDER BY p.id");
  st.bind(1, ids).bind(2, limit).bind(3, offset);
  if (!folded.empty()) st.bind(4, folded);
  int64_t total = 0;
  while (st.step()) {
    total = st.i64(kPlaceColumn + 3);
    out.push_back({read_person(st), HouseholdId(st.i64(kPlaceColumn)), UnitId(st.i64(kPlaceColumn + 1)),
                   std::string(st.text(kPlaceColumn + 2))});
  }
  if (!out.empty() || offset <= 0) return total;
  // A page past the end: the total still counts every match.
  Stmt count(db_->handle(), "SELECT COUNT(*)" + from);
  count.bind(1, ids);
  if (!folded.empty()) count.bind(4, folded);
  return count.step() ? count.i64(0) : 0;
}

int64_t SqliteStore::events_page(std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                                 int64_t offset, int64_t limit, std::vector<VitalEvent>& out) {
  const std::string ids = id_array(villages);
  std::string where = std::string(" FROM events e JOIN units u ON u.id = e.village_id WHERE e.village_id") +
                      kInVillages + " AND e.date >= ?4 AND e.date <= ?5";
  if (type) where += " AND e.type = ?6";
  auto bind = [&](Stmt& st) {
    st.bind(1, ids).bind(4, from).bind(5, to);
    if (type) st.bind(6, kEventTypes.code(*type));
  };
  Stmt count(db_->handle(), "SELECT COUNT(*)" + where);
  bind(count);
  const int64_t total = count.step() ? count.i64(0) : 0;
  Stmt st(db_->handle(),
          std::string("SELECT ") + kEventColumns + where + " ORDER BY e.date, e.id LIMIT ?2 OFFSET ?3");
  bind(st);
  st.bind(2, limit).bind(3, offset);
  while (st.step()) out.push_back(read_event(st));
  return total;
}

}  // namespace danso::sqlite

// Single records and pages of the register for the API. A page's villages
// are bound as one JSON array ("[7,8]") and read with json_each, so a
// province's thousands of villages need one parameter.
#include "store/sqlite/sqlite_store_impl.h"

#include <algorithm>

#include "core/text.h"

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
    "e.recorded_by, e.recorded_on, e.spouse_name, e.spouse_birth_year, e.spouse_address, e.spouse_nationality";

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

namespace {

std::vector<ResidenceSpell> read_page_spells(Stmt& st) {
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

}  // namespace

std::vector<ResidenceSpell> SqliteStore::residence_of(PersonId id) {
  Stmt st(db_->handle(),
          "SELECT person_id, start, household_id, village_id, end FROM residence WHERE person_id = ? ORDER BY start");
  st.bind(1, id.value);
  return read_page_spells(st);
}

std::vector<ResidenceSpell> SqliteStore::residence_of_persons(std::span<const PersonId> ids) {
  if (ids.empty()) return {};
  Stmt st(db_->handle(), std::string("SELECT person_id, start, household_id, village_id, end FROM residence WHERE person_id") +
                             kInIds + " ORDER BY person_id, start");
  st.bind(1, id_array(ids));
  return read_page_spells(st);
}

std::vector<VitalEvent> SqliteStore::events_naming(std::span<const PersonId> ids) {
  std::vector<VitalEvent> out;
  if (ids.empty()) return out;
  Stmt st(db_->handle(), std::string("SELECT ") + kEventColumns +
                             " FROM events e JOIN units u ON u.id = e.village_id WHERE e.id IN (SELECT id FROM events"
                             " WHERE person_id" + kInIds + " UNION SELECT id FROM events WHERE related_id" + kInIds +
                             ") ORDER BY e.id");
  st.bind(1, id_array(ids));
  while (st.step()) out.push_back(read_event(st));
  return out;
}

// The partial indexes of marriages and divorces are named: by its
// statistics the planner would rather read every marriage by type.
std::vector<VitalEvent> SqliteStore::status_events(std::span<const PersonId> ids) {
  std::vector<VitalEvent> out;
  if (ids.empty()) return out;
  Stmt st(db_->handle(),
          std::string("SELECT ") + kEventColumns +
              " FROM events e JOIN units u ON u.id = e.village_id WHERE e.id IN ("
              "SELECT id FROM events INDEXED BY events_marital_person WHERE person_id" + kInIds +
              " AND type IN ('marriage','divorce')"
              " UNION ALL SELECT id FROM events INDEXED BY events_marital_related WHERE related_id" + kInIds +
              " AND type IN ('marriage','divorce')"
              " UNION ALL SELECT id FROM events INDEXED BY events_death_person WHERE person_id" + kInIds +
              " AND type = 'death') ORDER BY e.id");
  st.bind(1, id_array(ids));
  while (st.step()) out.push_back(read_event(st));
  return out;
}

// Everyone with a spell in the household: from its village's spells
// (residence_village), those of the household.
std::vector<Person> SqliteStore::household_members(HouseholdId id) {
  Stmt st(db_->handle(),
          std::string("SELECT ") + kPersonColumns +
              " FROM persons p WHERE p.id IN (SELECT r.person_id FROM households h CROSS JOIN residence r"
              " ON r.village_id = h.village_id AND r.household_id = h.id WHERE h.id = ?) ORDER BY p.id");
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

// A page of households with the village's name and the head of household:
// the first person of relation "head" who lives in it (or lived in it
// last), by persons_lives_in.
int64_t SqliteStore::households_page(std::span<const UnitId> villages, int64_t offset, int64_t limit,
                                     std::vector<ListedHousehold>& out) {
  const std::string ids = id_array(villages);
  const std::string from =
      std::string(kFromVillages) + " CROSS JOIN households h ON h.village_id = v.id JOIN units u ON u.id = h.village_id";
  Stmt count(db_->handle(), "SELECT COUNT(*)" + from);
  count.bind(1, ids);
  const int64_t total = count.step() ? count.i64(0) : 0;
  Stmt st(db_->handle(), std::string("SELECT ") + kHouseholdColumns + ", u.name, hp.id, hp.name" + from +
                             " LEFT JOIN persons hp ON hp.id = (SELECT x.id FROM persons x WHERE x.lives_in = h.id"
                             " AND x.relation = 'head' ORDER BY x.id LIMIT 1) ORDER BY h.id LIMIT ?2 OFFSET ?3");
  st.bind(1, ids).bind(2, limit).bind(3, offset);
  constexpr int kExtra = 8;  // after kHouseholdColumns
  while (st.step()) {
    ListedHousehold row{read_household(st), std::string(st.text(kExtra)), PersonId(), ""};
    if (!st.is_null(kExtra + 1)) row.head = PersonId(st.i64(kExtra + 1)), row.head_name = st.text(kExtra + 2);
    out.push_back(std::move(row));
  }
  return total;
}

namespace {

// The FTS5 query of a folded search text: each word (core/text.h
// search_words) must begin a word of the name, in any order. A word of up
// to three letters is a prefix the index keeps ("van"*); a longer one
// becomes the words of the names it begins (name_words, migration 22:
// "nguyen" -> "nguyen", "tran" -> ("tran" OR "trang")), since FTS5 reads a
// word's matches as it goes but a prefix's all at once, or the prefix
// itself when it begins more than kMaxWordsOfPrefix words. Each word is
// quoted so that none is read as an operator.
constexpr int64_t kMaxWordsOfPrefix = 16;
std::string fts_quoted(std::string_view w) {
  std::string out = "\"";
  for (char c : w) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
std::string name_match(sqlite3* db, std::string_view folded) {
  std::string out;
  Stmt words(db, "SELECT word FROM name_words WHERE word >= ?1 AND word < ?2 ORDER BY word LIMIT ?3");
  for (std::string_view w : search_words(folded)) {
    if (!out.empty()) out += " AND ";
    std::vector<std::string> begun;
    if (w.size() > 3 && static_cast<unsigned char>(w.back()) < 0xFF) {
      std::string next(w);
      next.back() = char(static_cast<unsigned char>(next.back()) + 1);
      words.bind(1, w).bind(2, next).bind(3, kMaxWordsOfPrefix + 1);
      while (words.step()) begun.emplace_back(words.text(0));
      words.reset();
    }
    if (begun.empty() || int64_t(begun.size()) > kMaxWordsOfPrefix) {
      out += fts_quoted(w) + "*";
      continue;
    }
    out += "(";
    for (size_t i = 0; i < begun.size(); ++i) out += (i ? " OR " : "") + fts_quoted(begun[i]);
    out += ")";
  }
  return out;
}

// A search over fewer than one village in kFewVillagesShare of the
// register's reads those villages' persons and folds their names
// (danso_name_match) instead of the index: the index's matches lie all
// over the province, and only one in that many would be the caller's.
constexpr int64_t kFewVillagesShare = 50;

// The filter's conditions on p (persons) for day ?5, sex ?6.
std::string person_filter_sql(const PersonFilter& f) {
  std::string w;
  if (f.resident)
    w += " AND EXISTS (SELECT 1 FROM residence r WHERE r.person_id = p.id AND r.start <= ?5"
         " AND (r.end IS NULL OR r.end > ?5))";
  // Through the person's events (events_person_kind_day): without the + the
  // planner would read every death up to that day for each person.
  if (f.living)
    w += " AND NOT EXISTS (SELECT 1 FROM events d WHERE d.person_id = p.id AND +d.type = 'death' AND +d.date <= ?5)";
  if (f.sex) w += " AND p.sex = ?6";
  return w;
}

}  // namespace

// The persons who live in the villages' households now (or lived there
// last). Without a search text: from the villages (?1, each once) down
// households_village and persons_lives_in, so the table is read only for
// the page; one pass counts them (a window over their ids) and picks the
// page. With one: the matches' ids in order, up to the end of the page or
// kSearchCountCap and one more (the count stops there), then the page's
// persons. The matches come from the index of folded names (person_names,
// FTS5) in rowid order, each match's household tested against the
// villages; or, for a few villages, from their persons' names.
ListTotal SqliteStore::persons_page(std::span<const UnitId> villages, std::string_view folded,
                                    const PersonFilter& filter, int64_t offset, int64_t limit,
                                    std::vector<PlacedPerson>& out) {
  const std::string ids = id_array(villages);
  const std::string match = name_match(db_->handle(), folded);
  auto bind = [&](Stmt& st) {
    st.bind(1, ids);
    if (!match.empty()) st.bind(4, match);
    if (filter.resident || filter.living) st.bind(5, filter.on);
    if (filter.sex) st.bind(6, kSexes.code(*filter.sex));
  };
  constexpr int kPlaceColumn = 11;  // after kPersonColumns: household, village, its code and name, the total
  if (match.empty()) {
    const std::string from = std::string(kFromVillages) +
                             " CROSS JOIN households h ON h.village_id = v.id CROSS JOIN persons p ON p.lives_in = h.id"
                             " WHERE 1" + person_filter_sql(filter);
    Stmt st(db_->handle(), std::string("SELECT ") + kPersonColumns +
                               ", page.hh, page.vid, u.code, u.name, page.total FROM (SELECT p.id AS id, h.id AS hh,"
                               " h.village_id AS vid, COUNT(*) OVER () AS total" + from +
                               " ORDER BY p.id LIMIT ?2 OFFSET ?3) page CROSS JOIN persons p ON p.id = page.id"
                               " JOIN units u ON u.id = page.vid ORDER BY p.id");
    bind(st);
    st.bind(2, limit).bind(3, offset);
    int64_t total = 0;
    while (st.step()) {
      total = st.i64(kPlaceColumn + 4);
      out.push_back({read_person(st), HouseholdId(st.i64(kPlaceColumn)), UnitId(st.i64(kPlaceColumn + 1)),
                     std::string(st.text(kPlaceColumn + 2)), std::string(st.text(kPlaceColumn + 3))});
    }
    if (!out.empty() || offset <= 0) return {total, false};
    // A page past the end: the total still counts every person.
    Stmt count(db_->handle(), "SELECT COUNT(*)" + from);
    bind(count);
    return {count.step() ? count.i64(0) : 0, false};
  }

  Stmt all_villages(db_->handle(), "SELECT COUNT(*) FROM units WHERE kind = 'village'");
  const int64_t village_total = all_villages.step() ? all_villages.i64(0) : 0;
  const bool few = int64_t(villages.size()) * kFewVillagesShare < village_total;
  std::string matches;
  if (few) {
    matches = std::string("SELECT p.id, h.id, h.village_id") + kFromVillages +
              " CROSS JOIN households h ON h.village_id = v.id CROSS JOIN persons p ON p.lives_in = h.id"
              " WHERE danso_name_match(p.name, ?7)" + person_filter_sql(filter) + " ORDER BY p.id LIMIT ?2";
  } else {
    matches = "SELECT p.id, h.id, h.village_id FROM person_names f CROSS JOIN persons p ON p.id = f.rowid"
              " CROSS JOIN households h ON h.id = p.lives_in WHERE person_names MATCH ?4"
              " AND h.village_id IN (SELECT value FROM json_each(?1))" + person_filter_sql(filter) +
              " ORDER BY f.rowid LIMIT ?2";
  }
  const int64_t wanted = std::max(kSearchCountCap, offset + limit) + 1;
  struct Match {
    int64_t person, household, village;
  };
  // Only the page's matches are kept; the others are counted.
  std::vector<Match> found;
  int64_t seen = 0;
  {
    Stmt st(db_->handle(), matches);
    bind(st);
    if (few) st.bind(7, folded);
    st.bind(2, wanted);
    for (; st.step(); ++seen)
      if (seen >= offset && seen < offset + limit) found.push_back({st.i64(0), st.i64(1), st.i64(2)});
  }
  const bool capped = seen == wanted;
  const ListTotal total{capped ? seen - 1 : seen, capped};
  std::vector<PersonAt> page;
  for (const Match& m : found) page.push_back({PersonId(m.person), HouseholdId(m.household), UnitId(m.village)});
  placed_persons(page, out);
  return total;
}

std::vector<VillageResident> SqliteStore::village_residents(std::span<const UnitId> villages) {
  Stmt st(db_->handle(), std::string("SELECT p.id, h.id, h.village_id, p.name") + kFromVillages +
                             " CROSS JOIN households h ON h.village_id = v.id CROSS JOIN persons p ON p.lives_in = h.id"
                             " ORDER BY p.id");
  st.bind(1, id_array(villages));
  std::vector<VillageResident> out;
  while (st.step())
    out.push_back({PersonId(st.i64(0)), HouseholdId(st.i64(1)), UnitId(st.i64(2)), std::string(st.text(3))});
  return out;
}

std::vector<PersonId> SqliteStore::persons_kept(std::span<const PersonId> ids, const PersonFilter& filter) {
  std::vector<PersonId> out;
  if (ids.empty()) return out;
  Stmt st(db_->handle(), "SELECT p.id FROM json_each(?1) j CROSS JOIN persons p ON p.id = j.value WHERE 1" +
                             person_filter_sql(filter) + " ORDER BY p.id");
  st.bind(1, id_array(ids));
  if (filter.resident || filter.living) st.bind(5, filter.on);
  if (filter.sex) st.bind(6, kSexes.code(*filter.sex));
  while (st.step()) out.push_back(PersonId(st.i64(0)));
  return out;
}

void SqliteStore::placed_persons(std::span<const PersonAt> page, std::vector<PlacedPerson>& out) {
  if (page.empty()) return;
  std::string rows = "[";
  for (const PersonAt& p : page) {
    if (rows.size() > 1) rows += ',';
    rows += "[" + std::to_string(p.person.value) + "," + std::to_string(p.household.value) + "," +
            std::to_string(p.village.value) + "]";
  }
  rows += "]";
  constexpr int kPlaceColumn = 11;  // after kPersonColumns: household, village, its code and name
  Stmt st(db_->handle(), std::string("SELECT ") + kPersonColumns +
                             ", page.hh, page.vid, u.code, u.name FROM (SELECT json_extract(value, '$[0]') AS id,"
                             " json_extract(value, '$[1]') AS hh, json_extract(value, '$[2]') AS vid"
                             " FROM json_each(?1)) page CROSS JOIN persons p ON p.id = page.id"
                             " JOIN units u ON u.id = page.vid ORDER BY p.id");
  st.bind(1, rows);
  while (st.step())
    out.push_back({read_person(st), HouseholdId(st.i64(kPlaceColumn)), UnitId(st.i64(kPlaceColumn + 1)),
                   std::string(st.text(kPlaceColumn + 2)), std::string(st.text(kPlaceColumn + 3))});
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

// Single records and pages of the register for the API. A page's villages
// are sent as one array parameter ("{7,8}") and read with = ANY, so a
// province's thousands of villages need one parameter.
#include <algorithm>

#include "core/text.h"
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

// The parameters of a query built as it goes: each value added gives its
// placeholder ("$3"), so only the parameters the query names are sent.
struct PgArgs {
  Params params;
  int count = 0;
  template <typename T>
  std::string add(const T& v) {
    params.add(v);
    return "$" + std::to_string(++count);
  }
};

std::vector<ResidenceSpell> pg_read_spells(const PgResult& r) {
  std::vector<ResidenceSpell> out;
  for (int i = 0; i < r.rows(); ++i) {
    ResidenceSpell s;
    s.person = PersonId(r.i64(i, 0));
    s.start = r.date(i, 1);
    s.household = HouseholdId(r.i64(i, 2));
    s.village = UnitId(r.i64(i, 3));
    s.end = r.opt_date(i, 4);
    out.push_back(s);
  }
  return out;
}

// The person columns prefixed with p. (kPgPersonColumns is unprefixed).
constexpr const char* kPgPersonColumnsP =
    "p.id, p.household_id, p.name, p.sex, p.birth_date, p.citizen_id, p.relation, p.ethnicity, p.marital, "
    "p.residence, p.registered_on";

}  // namespace

std::optional<Household> PgStore::find_household(HouseholdId id) {
  PgResult r = conn_->query(std::string("SELECT ") + kPgHouseholdColumns +
                                " FROM households h JOIN units u ON u.id = h.village_id WHERE h.id = $1",
                            Params().add(id.value));
  if (!r.rows()) return std::nullopt;
  return pg_read_household(PgRow{r, 0});
}

std::optional<Person> PgStore::find_person(PersonId id) {
  PgResult r = conn_->query(std::string("SELECT ") + kPgPersonColumns + " FROM persons WHERE id = $1",
                            Params().add(id.value));
  if (!r.rows()) return std::nullopt;
  return pg_read_person(PgRow{r, 0});
}

std::optional<VitalEvent> PgStore::find_event(EventId id) {
  PgResult r = conn_->query(std::string("SELECT ") + kPgEventColumns +
                                " FROM events e JOIN units u ON u.id = e.village_id WHERE e.id = $1",
                            Params().add(id.value));
  if (!r.rows()) return std::nullopt;
  return pg_read_event(PgRow{r, 0});
}

std::vector<Person> PgStore::persons_of(std::span<const PersonId> ids) {
  std::vector<Person> out;
  if (ids.empty()) return out;
  PgResult r = conn_->query(std::string("SELECT ") + kPgPersonColumns +
                                " FROM persons WHERE id = ANY($1::bigint[]) ORDER BY id",
                            Params().add(pg_id_array(ids)));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_person(PgRow{r, i}));
  return out;
}

std::vector<Household> PgStore::households_of(std::span<const HouseholdId> ids) {
  std::vector<Household> out;
  if (ids.empty()) return out;
  PgResult r = conn_->query(std::string("SELECT ") + kPgHouseholdColumns +
                                " FROM households h JOIN units u ON u.id = h.village_id "
                                "WHERE h.id = ANY($1::bigint[]) ORDER BY h.id",
                            Params().add(pg_id_array(ids)));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_household(PgRow{r, i}));
  return out;
}

std::vector<VitalEvent> PgStore::events_of_type(EventType type, Date from, Date to) {
  std::vector<VitalEvent> out;
  PgResult r = conn_->query(std::string("SELECT ") + kPgEventColumns +
                                " FROM events e JOIN units u ON u.id = e.village_id WHERE e.type = $1 "
                                "AND e.date >= $2 AND e.date <= $3 ORDER BY e.date, e.id",
                            Params().add(kEventTypes.code(type)).add(from).add(to));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_event(PgRow{r, i}));
  return out;
}

std::vector<ResidenceSpell> PgStore::residence_of(PersonId id) {
  return pg_read_spells(conn_->query(
      "SELECT person_id, start, household_id, village_id, \"end\" FROM residence WHERE person_id = $1 ORDER BY start",
      Params().add(id.value)));
}

std::vector<ResidenceSpell> PgStore::residence_of_persons(std::span<const PersonId> ids) {
  if (ids.empty()) return {};
  return pg_read_spells(conn_->query(
      "SELECT person_id, start, household_id, village_id, \"end\" FROM residence "
      "WHERE person_id = ANY($1::bigint[]) ORDER BY person_id, start",
      Params().add(pg_id_array(ids))));
}

std::vector<VitalEvent> PgStore::events_naming(std::span<const PersonId> ids) {
  std::vector<VitalEvent> out;
  if (ids.empty()) return out;
  PgResult r = conn_->query(std::string("SELECT ") + kPgEventColumns +
                                " FROM events e JOIN units u ON u.id = e.village_id WHERE e.id IN (SELECT id FROM "
                                "events WHERE person_id = ANY($1::bigint[]) UNION SELECT id FROM events WHERE "
                                "related_id = ANY($1::bigint[])) ORDER BY e.id",
                            Params().add(pg_id_array(ids)));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_event(PgRow{r, i}));
  return out;
}

std::vector<VitalEvent> PgStore::status_events(std::span<const PersonId> ids) {
  std::vector<VitalEvent> out;
  if (ids.empty()) return out;
  PgResult r = conn_->query(std::string("SELECT ") + kPgEventColumns +
                                " FROM events e JOIN units u ON u.id = e.village_id WHERE e.id IN (SELECT id FROM "
                                "events WHERE person_id = ANY($1::bigint[]) AND type IN ('marriage','divorce') "
                                "UNION ALL SELECT id FROM events WHERE related_id = ANY($1::bigint[]) AND type IN "
                                "('marriage','divorce') UNION ALL SELECT id FROM events WHERE person_id = "
                                "ANY($1::bigint[]) AND type = 'death') ORDER BY e.id",
                            Params().add(pg_id_array(ids)));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_event(PgRow{r, i}));
  return out;
}

std::vector<Person> PgStore::household_members(HouseholdId id) {
  PgResult r = conn_->query(std::string("SELECT ") + kPgPersonColumns +
                                " FROM persons WHERE id IN (SELECT r.person_id FROM households h JOIN residence r "
                                "ON r.village_id = h.village_id AND r.household_id = h.id WHERE h.id = $1) ORDER BY id",
                            Params().add(id.value));
  std::vector<Person> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_person(PgRow{r, i}));
  return out;
}

std::vector<UnitId> PgStore::staff_units(StaffId id) {
  PgResult r = conn_->query("SELECT DISTINCT unit_id FROM staff_assignments WHERE staff_id = $1 ORDER BY unit_id",
                            Params().add(id.value));
  std::vector<UnitId> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(UnitId(r.i64(i, 0)));
  return out;
}

std::optional<PersonId> PgStore::person_with_citizen_id(std::string_view citizen_id) {
  PgResult r = conn_->query("SELECT id FROM persons WHERE citizen_id = $1", Params().add(citizen_id));
  if (!r.rows()) return std::nullopt;
  return PersonId(r.i64(0, 0));
}

int64_t PgStore::staff_page(std::span<const UnitId> units, int64_t offset, int64_t limit,
                            std::vector<StaffAssignment>& out) {
  const std::string where = " FROM staff_assignments s JOIN units u ON u.id = s.unit_id WHERE s.unit_id = ANY($1::bigint[])";
  const std::string ids = pg_id_array(units);
  const int64_t total = conn_->query("SELECT COUNT(*)" + where, Params().add(ids)).i64(0, 0);
  PgResult r = conn_->query(std::string("SELECT ") + kPgStaffColumns + where +
                                " ORDER BY s.staff_id, s.start LIMIT $2 OFFSET $3",
                            Params().add(ids).add(limit).add(offset));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_staff(PgRow{r, i}));
  return total;
}

// A page of households with the village's name and the head of household:
// the first person of relation "head" who lives in it (or lived in it last).
int64_t PgStore::households_page(std::span<const UnitId> villages, int64_t offset, int64_t limit,
                                 std::vector<ListedHousehold>& out) {
  const std::string ids = pg_id_array(villages);
  const std::string from =
      " FROM households h JOIN units u ON u.id = h.village_id WHERE h.village_id = ANY($1::bigint[])";
  const int64_t total = conn_->query("SELECT COUNT(*)" + from, Params().add(ids)).i64(0, 0);
  PgResult r = conn_->query(std::string("SELECT ") + kPgHouseholdColumns +
                                ", u.name, hp.id, hp.name FROM households h JOIN units u ON u.id = h.village_id"
                                " LEFT JOIN persons hp ON hp.id = (SELECT x.id FROM persons x WHERE x.lives_in = h.id"
                                " AND x.relation = 'head' ORDER BY x.id LIMIT 1)"
                                " WHERE h.village_id = ANY($1::bigint[]) ORDER BY h.id LIMIT $2 OFFSET $3",
                            Params().add(ids).add(limit).add(offset));
  constexpr int kExtra = 8;  // after kPgHouseholdColumns
  for (int i = 0; i < r.rows(); ++i) {
    ListedHousehold row{pg_read_household(PgRow{r, i}), std::string(r.text(i, kExtra)), PersonId(), ""};
    if (!r.is_null(i, kExtra + 1)) row.head = PersonId(r.i64(i, kExtra + 1)), row.head_name = r.text(i, kExtra + 2);
    out.push_back(std::move(row));
  }
  return total;
}

namespace {

// The full-text query of a folded search text: each word (core/text.h
// search_words) must begin a word of the name, in any order ('van':* &
// 'nam':*), each word quoted so that none is read as an operator.
std::string pg_name_query(std::string_view folded) {
  std::string out;
  for (std::string_view w : search_words(folded)) {
    if (!out.empty()) out += " & ";
    out += '\'';
    for (char c : w) {
      if (c == '\'' || c == '\\') out += c;
      out += c;
    }
    out += "':*";
  }
  return out;
}

// The filter's conditions on p (persons).
std::string pg_person_filter_sql(const PersonFilter& f, PgArgs& args) {
  std::string w;
  if (f.resident || f.living) {
    const std::string on = args.add(f.on) + "::date";
    if (f.resident)
      w += " AND EXISTS (SELECT 1 FROM residence r WHERE r.person_id = p.id AND r.start <= " + on +
           " AND (r.\"end\" IS NULL OR r.\"end\" > " + on + "))";
    if (f.living)
      w += " AND NOT EXISTS (SELECT 1 FROM events d WHERE d.person_id = p.id AND d.type = 'death' AND d.date <= " +
           on + ")";
  }
  if (f.sex) w += " AND p.sex = " + args.add(std::string(kSexes.code(*f.sex)));
  return w;
}

}  // namespace

// The persons who live in the villages' households now (or lived there
// last), by persons_lives_in. Without a search text: every one counted
// (a window over the matches) beside the page. With one: the matches of
// the index of folded names (person_names) in id order, up to the end of
// the page or kSearchCountCap and one more (the count stops there).
ListTotal PgStore::persons_page(std::span<const UnitId> villages, std::string_view folded, const PersonFilter& filter,
                                int64_t offset, int64_t limit, std::vector<PlacedPerson>& out) {
  const std::string query = pg_name_query(folded);
  PgArgs args;
  const std::string ids = args.add(pg_id_array(villages)) + "::bigint[]";
  constexpr int kPlaceColumn = 11;  // after the person's columns: household, village, its code and name
  if (query.empty()) {
    const std::string from =
        " FROM households h JOIN persons p ON p.lives_in = h.id WHERE h.village_id = ANY(" + ids + ")" +
        pg_person_filter_sql(filter, args);
    PgArgs counted = args;
    const std::string lim = args.add(limit), off = args.add(offset);
    PgResult r = conn_->query(std::string("SELECT ") + kPgPersonColumnsP +
                                  ", page.hh, page.vid, u.code, u.name, page.total FROM (SELECT p.id AS id, h.id AS hh,"
                                  " h.village_id AS vid, COUNT(*) OVER () AS total" + from +
                                  " ORDER BY p.id LIMIT " + lim + " OFFSET " + off +
                                  ") page JOIN persons p ON p.id = page.id JOIN units u ON u.id = page.vid ORDER BY p.id",
                              args.params);
    int64_t total = 0;
    for (int i = 0; i < r.rows(); ++i) {
      total = r.i64(i, kPlaceColumn + 4);
      out.push_back({pg_read_person(PgRow{r, i}), HouseholdId(r.i64(i, kPlaceColumn)),
                     UnitId(r.i64(i, kPlaceColumn + 1)), std::string(r.text(i, kPlaceColumn + 2)),
                     std::string(r.text(i, kPlaceColumn + 3))});
    }
    if (r.rows() || offset <= 0) return {total, false};
    // A page past the end: the total still counts every person.
    return {conn_->query("SELECT COUNT(*)" + from, counted.params).i64(0, 0), false};
  }

  const int64_t wanted = std::max(kSearchCountCap, offset + limit) + 1;
  const std::string tsq = args.add(query);
  const std::string filter_sql = pg_person_filter_sql(filter, args);
  const std::string lim = args.add(wanted);
  PgResult m = conn_->query(
      "SELECT p.id, h.id, h.village_id FROM person_names f JOIN persons p ON p.id = f.id"
      " JOIN households h ON h.id = p.lives_in WHERE to_tsvector('simple', f.folded) @@ to_tsquery('simple', " +
          tsq + ") AND h.village_id = ANY(" + ids + ")" + filter_sql + " ORDER BY p.id LIMIT " + lim,
      args.params);
  const int64_t seen = m.rows();
  const bool capped = seen == wanted;
  const ListTotal total{capped ? seen - 1 : seen, capped};
  std::vector<PersonAt> page;
  for (int64_t i = offset; i < std::min(seen, offset + limit); ++i)
    page.push_back({PersonId(m.i64(int(i), 0)), HouseholdId(m.i64(int(i), 1)), UnitId(m.i64(int(i), 2))});
  placed_persons(page, out);
  return total;
}

std::vector<VillageResident> PgStore::village_residents(std::span<const UnitId> villages) {
  PgResult r = conn_->query(
      "SELECT p.id, h.id, h.village_id, p.name FROM households h JOIN persons p ON p.lives_in = h.id"
      " WHERE h.village_id = ANY($1::bigint[]) ORDER BY p.id",
      Params().add(pg_id_array(villages)));
  std::vector<VillageResident> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({PersonId(r.i64(i, 0)), HouseholdId(r.i64(i, 1)), UnitId(r.i64(i, 2)), std::string(r.text(i, 3))});
  return out;
}

std::vector<PersonId> PgStore::persons_kept(std::span<const PersonId> ids, const PersonFilter& filter) {
  std::vector<PersonId> out;
  if (ids.empty()) return out;
  PgArgs args;
  const std::string list = args.add(pg_id_array(ids)) + "::bigint[]";
  PgResult r = conn_->query("SELECT p.id FROM persons p WHERE p.id = ANY(" + list + ")" +
                                pg_person_filter_sql(filter, args) + " ORDER BY p.id",
                            args.params);
  for (int i = 0; i < r.rows(); ++i) out.push_back(PersonId(r.i64(i, 0)));
  return out;
}

void PgStore::placed_persons(std::span<const PersonAt> page, std::vector<PlacedPerson>& out) {
  if (page.empty()) return;
  std::string persons = "{", households = "{", places = "{";
  for (const PersonAt& p : page) {
    if (persons.size() > 1) persons += ',', households += ',', places += ',';
    persons += std::to_string(p.person.value);
    households += std::to_string(p.household.value);
    places += std::to_string(p.village.value);
  }
  persons += '}', households += '}', places += '}';
  constexpr int kPlaceColumn = 11;  // after the person's columns: household, village, its code and name
  PgResult r = conn_->query(std::string("SELECT ") + kPgPersonColumnsP +
                                ", page.hh, page.vid, u.code, u.name FROM unnest($1::bigint[], $2::bigint[], "
                                "$3::bigint[]) AS page(id, hh, vid) JOIN persons p ON p.id = page.id"
                                " JOIN units u ON u.id = page.vid ORDER BY p.id",
                            Params().add(persons).add(households).add(places));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({pg_read_person(PgRow{r, i}), HouseholdId(r.i64(i, kPlaceColumn)),
                   UnitId(r.i64(i, kPlaceColumn + 1)), std::string(r.text(i, kPlaceColumn + 2)),
                   std::string(r.text(i, kPlaceColumn + 3))});
}

int64_t PgStore::events_page(std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                             int64_t offset, int64_t limit, std::vector<VitalEvent>& out) {
  PgArgs args;
  std::string where = " FROM events e JOIN units u ON u.id = e.village_id WHERE e.village_id = ANY(" +
                      args.add(pg_id_array(villages)) + "::bigint[]) AND e.date >= " + args.add(from) +
                      "::date AND e.date <= " + args.add(to) + "::date";
  if (type) where += " AND e.type = " + args.add(std::string(kEventTypes.code(*type)));
  const int64_t total = conn_->query("SELECT COUNT(*)" + where, args.params).i64(0, 0);
  const std::string lim = args.add(limit), off = args.add(offset);
  PgResult r = conn_->query(std::string("SELECT ") + kPgEventColumns + where + " ORDER BY e.date, e.id LIMIT " + lim +
                                " OFFSET " + off,
                            args.params);
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_event(PgRow{r, i}));
  return total;
}

}  // namespace danso::pg

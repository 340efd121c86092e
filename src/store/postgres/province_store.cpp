// The province column of the register's rows (migration 27,
// pg_distribution.h): found for the rows about to be written from the rows
// they belong to, and followed when a row's province changes. A
// distributed PostgreSQL never updates a row's distribution column, so a
// household or a person whose province changes is re-homed: its rows are
// written again under the new province and removed from the old one, in
// the caller's transaction, its events, residence spells and folded name
// with it. Plain PostgreSQL does the same, so both behave alike.
#include <algorithm>

#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

// Ids looked up per statement: a load's chunk at once, a whole register in parts.
constexpr size_t kProvinceLookup = 50000;

std::string pg_int_array(std::span<const int64_t> ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

// Columns copied as they are when a row is re-homed (all but province).
constexpr const char* kPgPersonRowColumns =
    "id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, marital, residence, registered_on, "
    "lives_in";
constexpr const char* kPgEventRowColumns =
    "id, type, date, village_id, person_id, related_id, household_id, birth_order, method, conditions, "
    "child_marriage, consanguineous, outcome, counterpart, place, recorded_by, recorded_on, spouse_name, "
    "spouse_birth_year, spouse_address, spouse_nationality";
constexpr const char* kPgSpellRowColumns = "person_id, start, household_id, village_id, \"end\"";

// The moves as a FROM item m(id, old, new).
constexpr const char* kPgMoves = "unnest($1::bigint[], $2::text[], $3::text[]) AS m(id, old, new)";

Params move_params(std::span<const PgMove> moves) {
  std::vector<int64_t> ids;
  std::vector<std::string> from, to;
  for (const PgMove& m : moves) ids.push_back(m.id), from.push_back(m.from), to.push_back(m.to);
  return Params().add(pg_int_array(ids)).add(pg_text_array(from)).add(pg_text_array(to));
}

std::string prefixed(std::string_view alias, std::string_view columns) {
  std::string out;
  size_t start = 0;
  while (start < columns.size()) {
    size_t end = columns.find(", ", start);
    if (end == std::string_view::npos) end = columns.size();
    if (!out.empty()) out += ", ";
    out += std::string(alias) + "." + std::string(columns.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

}  // namespace

std::unordered_map<int64_t, std::string> PgStore::provinces_of(const char* sql, std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::unordered_map<int64_t, std::string> out;
  for (size_t at = 0; at < ids.size(); at += kProvinceLookup) {
    const size_t n = std::min(kProvinceLookup, ids.size() - at);
    PgResult r = conn_->query(sql, Params().add(pg_int_array(std::span<const int64_t>(ids).subspan(at, n))));
    for (int i = 0; i < r.rows(); ++i) out[r.i64(i, 0)] = r.text(i, 1);
  }
  return out;
}

std::vector<std::string> PgStore::provinces_of_villages(std::span<const int64_t> villages) {
  const auto found = provinces_of(
      "SELECT v, COALESCE(danso_province_of(v), '') FROM unnest($1::bigint[]) AS v",
      std::vector<int64_t>(villages.begin(), villages.end()));
  std::vector<std::string> out;
  out.reserve(villages.size());
  for (int64_t v : villages) {
    auto it = found.find(v);
    out.push_back(it == found.end() ? std::string() : it->second);
  }
  return out;
}

std::vector<std::string> PgStore::provinces_of_rows(const char* table, std::span<const int64_t> ids) {
  const std::string sql = std::string("SELECT id, province FROM ") + table + " WHERE id = ANY($1::bigint[])";
  const auto found = provinces_of(sql.c_str(), std::vector<int64_t>(ids.begin(), ids.end()));
  // A row not found yet has no province: the reference to it fails as it
  // would have (at once, or at the commit of a load checked beforehand).
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    auto it = found.find(id);
    out.push_back(it == found.end() ? std::string() : it->second);
  }
  return out;
}

int64_t PgStore::largest_id(const char* table) {
  // Read from the index on id, which a large write keeps (kPgIdLookups).
  return conn_->query(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table).i64(0, 0);
}

RowsAre PgStore::rows_are(const char* table, std::span<const int64_t> ids) {
  if (ids.empty()) return RowsAre::kNew;
  const int64_t high = largest_id(table);
  return std::all_of(ids.begin(), ids.end(), [&](int64_t id) { return id > high; }) ? RowsAre::kNew
                                                                                    : RowsAre::kMaybeStored;
}

std::vector<PgMove> PgStore::rows_moving(const char* table, std::span<const int64_t> ids,
                                         std::span<const std::string> provinces) {
  std::vector<PgMove> out;
  // Only ids the table may hold already (a load's new ones are above its
  // largest) can be held under another province.
  const int64_t high = largest_id(table);
  std::vector<int64_t> held;
  std::vector<std::string> wanted;
  for (size_t i = 0; i < ids.size(); ++i)
    if (ids[i] <= high) held.push_back(ids[i]), wanted.push_back(provinces[i]);
  for (size_t at = 0; at < held.size(); at += kProvinceLookup) {
    const size_t n = std::min(kProvinceLookup, held.size() - at);
    PgResult r = conn_->query(std::string("SELECT DISTINCT t.id, t.province, n.province FROM ") + table +
                                  " t JOIN unnest($1::bigint[], $2::text[]) AS n(id, province) ON t.id = n.id "
                                  "AND t.province <> n.province",
                              Params()
                                  .add(pg_int_array(std::span<const int64_t>(held).subspan(at, n)))
                                  .add(pg_text_array(std::span<const std::string>(wanted).subspan(at, n))));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.i64(i, 0), std::string(r.text(i, 1)), std::string(r.text(i, 2))});
  }
  return out;
}

void PgStore::rehome_persons(std::span<const PgMove> moves) {
  if (moves.empty()) return;
  const Params p = move_params(moves);
  const std::string person = kPgPersonRowColumns, event = kPgEventRowColumns, spell = kPgSpellRowColumns;
  // The new rows first (the person's own may be written already), then
  // those that name it, then the old ones, so every key holds throughout.
  conn_->query("INSERT INTO persons (province, " + person + ") SELECT m.new, " + prefixed("p", person) +
                   " FROM persons p JOIN " + kPgMoves + " ON p.province = m.old AND p.id = m.id " +
                   "ON CONFLICT (province, id) DO NOTHING",
               p);
  conn_->query("INSERT INTO person_names (province, id, folded) SELECT m.new, f.id, f.folded FROM person_names f "
               "JOIN " + std::string(kPgMoves) + " ON f.province = m.old AND f.id = m.id "
               "ON CONFLICT (province, id) DO NOTHING",
               p);
  conn_->query("INSERT INTO events (province, " + event + ") SELECT m.new, " + prefixed("e", event) +
                   " FROM events e JOIN " + kPgMoves + " ON e.province = m.old AND e.person_id = m.id",
               p);
  conn_->query("INSERT INTO residence (province, " + spell + ") SELECT m.new, " + prefixed("r", spell) +
                   " FROM residence r JOIN " + kPgMoves + " ON r.province = m.old AND r.person_id = m.id",
               p);
  conn_->query(std::string("DELETE FROM events e USING ") + kPgMoves + " WHERE e.province = m.old AND e.person_id = m.id",
               p);
  conn_->query(std::string("DELETE FROM residence r USING ") + kPgMoves +
                   " WHERE r.province = m.old AND r.person_id = m.id",
               p);
  conn_->query(std::string("DELETE FROM person_names f USING ") + kPgMoves + " WHERE f.province = m.old AND f.id = m.id",
               p);
  conn_->query(std::string("DELETE FROM persons x USING ") + kPgMoves + " WHERE x.province = m.old AND x.id = m.id",
               p);
}

void PgStore::place_unplaced(const char* parent, std::span<const int64_t> ids, std::span<const std::string> provinces) {
  // The rows that name a parent not written yet hold no province ("");
  // when the parent comes (a load whose references the caller checked
  // writes persons before their households), they join its province.
  const bool households = std::string_view(parent) == "households";
  // Such rows are rare (none outside such a load): one look at the partial
  // indexes of the unplaced rows says whether to look further.
  if (!conn_->query(households ? "SELECT EXISTS (SELECT 1 FROM persons WHERE province = '')"
                               : "SELECT EXISTS (SELECT 1 FROM events WHERE province = '') OR "
                                 "EXISTS (SELECT 1 FROM residence WHERE province = '')")
           .boolean(0, 0))
    return;
  const std::string sql =
      households
          ? "SELECT x.id, x.province, n.province FROM persons x JOIN unnest($1::bigint[], $2::text[]) AS "
            "n(id, province) ON x.province = '' AND x.household_id = n.id WHERE n.province <> '' ORDER BY x.id"
          : "SELECT n.id, '', n.province FROM unnest($1::bigint[], $2::text[]) AS n(id, province) "
            "WHERE n.province <> '' AND (EXISTS (SELECT 1 FROM events e WHERE e.province = '' AND e.person_id = n.id) "
            "OR EXISTS (SELECT 1 FROM residence r WHERE r.province = '' AND r.person_id = n.id))";
  std::vector<PgMove> moves;
  for (size_t at = 0; at < ids.size(); at += kProvinceLookup) {
    const size_t n = std::min(kProvinceLookup, ids.size() - at);
    PgResult r = conn_->query(
        sql, Params().add(pg_int_array(ids.subspan(at, n))).add(pg_text_array(provinces.subspan(at, n))));
    for (int i = 0; i < r.rows(); ++i)
      moves.push_back({r.i64(i, 0), std::string(r.text(i, 1)), std::string(r.text(i, 2))});
  }
  rehome_persons(moves);
}

void PgStore::remove_moved(const char* table, std::span<const PgMove> moves) {
  if (moves.empty()) return;
  conn_->query(std::string("DELETE FROM ") + table + " t USING " + kPgMoves + " WHERE t.province = m.old AND t.id = m.id",
               move_params(moves));
}

void PgStore::rehome_households(std::span<const PgMove> moves) {
  if (moves.empty()) return;
  const Params p = move_params(moves);
  // Its persons follow it (with theirs), then the old row goes.
  PgResult r = conn_->query(std::string("SELECT x.id, x.province, m.new FROM persons x JOIN ") + kPgMoves +
                                " ON x.province = m.old AND x.household_id = m.id ORDER BY x.id",
                            p);
  std::vector<PgMove> persons;
  for (int i = 0; i < r.rows(); ++i)
    persons.push_back({r.i64(i, 0), std::string(r.text(i, 1)), std::string(r.text(i, 2))});
  rehome_persons(persons);
  conn_->query(std::string("DELETE FROM households h USING ") + kPgMoves + " WHERE h.province = m.old AND h.id = m.id",
               p);
}

}  // namespace danso::pg

#include "app/register_reads.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/person_statuses.h"
#include "core/text.h"

namespace danso {

namespace {

bool reads_lived_in_by(Store& s, PersonId person, HouseholdId household, Date on) {
  for (const ResidenceSpell& sp : s.residence_of(person))
    if (sp.household == household && sp.start <= on) return true;
  return false;
}

}  // namespace

int64_t households_page(Database& db, std::span<const UnitId> villages, int64_t offset, int64_t limit,
                        std::vector<ListedHousehold>& rows) {
  return db.read([&](Store& s) { return s.households_page(villages, offset, limit, rows); });
}

std::string normalise_search(std::string_view text) {
  const std::string folded = fold_for_search(text);
  std::string out;
  for (char c : folded) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const OrgUnit* village_now(const UnitTree& units, UnitId id, Date on) {
  const OrgUnit* v = units.current(id, on);
  return v ? v : units.find(id);
}

void name_villages(const UnitTree& units, Date on, std::vector<ListedHousehold>& rows) {
  for (ListedHousehold& h : rows)
    if (const OrgUnit* v = village_now(units, h.household.village, on))
      h.household.village_code = v->code, h.village_name = v->name;
}

void name_villages(const UnitTree& units, Date on, std::vector<ListedPerson>& rows) {
  for (ListedPerson& p : rows)
    if (const OrgUnit* v = village_now(units, p.placed.village, on))
      p.placed.village_code = v->code, p.placed.village_name = v->name;
}

namespace {

// A search by name over a few villages, from their names kept in memory
// (app/resident_names.h): the same matches, count and page (the persons
// found, for app/person_listings.h to read or take as kept) as the store's
// persons_page. The filter is asked of the store for the matches in turn,
// a chunk at a time, until the count's cap.
ListTotal kept_names_page(ResidentNames& names, uint64_t commits, Store& s, std::span<const UnitId> villages,
                          std::string_view folded, const PersonFilter& filter, int64_t offset, int64_t limit,
                          std::vector<PersonAt>& page) {
  const std::vector<std::string_view> words = search_words(folded);
  std::vector<PersonAt> found = names.matches(villages, words, commits, s);
  const size_t wanted = size_t(std::max(kSearchCountCap, offset + limit) + 1);
  if (filter.living || filter.resident || filter.sex) {
    constexpr size_t kChunk = 2000;
    std::vector<PersonAt> kept;
    for (size_t at = 0; at < found.size() && kept.size() < wanted; at += kChunk) {
      const size_t end = std::min(found.size(), at + kChunk);
      std::vector<PersonId> ids;
      for (size_t i = at; i < end; ++i) ids.push_back(found[i].person);
      const std::vector<PersonId> ok = s.persons_kept(ids, filter);
      for (size_t i = at; i < end && kept.size() < wanted; ++i)
        if (std::binary_search(ok.begin(), ok.end(), found[i].person)) kept.push_back(found[i]);
    }
    found = std::move(kept);
  }
  const size_t seen = std::min(found.size(), wanted);
  const size_t from = size_t(std::max<int64_t>(offset, 0));
  if (from < seen) {
    const size_t to = std::min(seen, from + size_t(std::max<int64_t>(limit, 0)));
    page.assign(found.begin() + from, found.begin() + to);
  }
  const bool capped = seen == wanted;
  return {int64_t(capped ? seen - 1 : seen), capped};
}

}  // namespace

ListTotal persons_page(Database& db, std::span<const UnitId> villages, std::string_view search,
                     const PersonFilter& filter, int64_t offset, int64_t limit, std::vector<ListedPerson>& rows) {
  const std::string folded = normalise_search(search);
  const bool kept = !folded.empty() && villages.size() <= ResidentNames::kMaxVillages;
  // Both counts before the read transaction begins, the residents' first
  // (Transaction::commit counts the statuses first).
  const uint64_t commits = db.resident_commits();
  const uint64_t status_commits = db.status_commits();
  return db.read([&](Store& s) {
    if (kept) {
      // The page's persons, places and statuses kept too (app/person_listings.h).
      std::vector<PersonAt> page;
      const ListTotal total =
          kept_names_page(db.resident_names(), commits, s, villages, folded, filter, offset, limit, page);
      db.person_listings().list(page, filter.on, status_commits, s, rows);
      return total;
    }
    std::vector<PlacedPerson> placed;
    const ListTotal total = s.persons_page(villages, folded, filter, offset, limit, placed);
    list_with_statuses(s, std::move(placed), filter.on, rows);
    return total;
  });
}

size_t warm_resident_names(Database& db, const UnitTree& units, const std::atomic<bool>& stop) {
  std::vector<UnitId> villages;
  for (const OrgUnit& u : units.units())
    if (u.kind == UnitKind::kVillage) villages.push_back(u.id);
  std::sort(villages.begin(), villages.end());
  ResidentNames& names = db.resident_names();
  for (size_t at = 0; at < villages.size(); at += ResidentNames::kMaxVillages) {
    if (stop.load() || names.bytes_kept() >= ResidentNames::kMaxBytes / 2) break;
    const size_t end = std::min(villages.size(), at + ResidentNames::kMaxVillages);
    const uint64_t commits = db.resident_commits();  // before the read transaction begins
    db.read([&](Store& s) {
      names.keep(std::span<const UnitId>(villages.data() + at, end - at), commits, s);
    });
  }
  return names.villages_kept();
}

ResidentNamesWarming::ResidentNamesWarming(Database& db, const UnitTree& units,
                                           std::function<void(const std::string&)> report)
    : thread_([this, &db, &units, report = std::move(report)] {
        std::string line;
        try {
          const auto t0 = std::chrono::steady_clock::now();
          const size_t kept = warm_resident_names(db, units, stop_);
          const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
          char text[96];
          std::snprintf(text, sizeof text, "%zu villages' names read in %.1f s", kept, s);
          line = text;
        } catch (const std::exception& e) {
          line = std::string("not read: ") + e.what();
        }
        report(line);
      }) {}

ResidentNamesWarming::~ResidentNamesWarming() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

int64_t events_page(Database& db, std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                    int64_t offset, int64_t limit, std::vector<ListedEvent>& rows, const WriteScope& names, Date on) {
  return db.read([&](Store& s) {
    std::vector<VitalEvent> events;
    const int64_t total = s.events_page(villages, from, to, type, offset, limit, events);
    std::map<int64_t, std::string> seen;  // person -> name shown ("" when not the reader's)
    const auto name_of = [&](PersonId id) -> std::string {
      if (!id.valid()) return {};
      auto [it, fresh] = seen.emplace(id.value, std::string());
      if (fresh) {
        const auto place = person_place(s, id, on);
        if (place && names.allows(place->village))
          if (auto p = s.find_person(id)) it->second = p->name;
      }
      return it->second;
    };
    rows.clear();
    rows.reserve(events.size());
    for (VitalEvent& e : events) {
      ListedEvent row{std::move(e), {}, {}};
      row.person_name = name_of(row.event.person);
      row.related_name = name_of(row.event.related);
      rows.push_back(std::move(row));
    }
    return total;
  });
}

int64_t staff_page(Database& db, std::span<const UnitId> units, int64_t offset, int64_t limit,
                   std::vector<StaffAssignment>& rows) {
  return db.read([&](Store& s) { return s.staff_page(units, offset, limit, rows); });
}

std::optional<HouseholdWithMembers> household_with_members(Database& db, HouseholdId id, Date on, bool former,
                                                           Date today, const WriteScope& scope) {
  return db.read([&](Store& s) -> std::optional<HouseholdWithMembers> {
    auto h = s.find_household(id);
    if (!h) return std::nullopt;
    HouseholdWithMembers out{*h, {}};
    const std::vector<Person> persons = s.household_members(id);
    const std::vector<PersonStatus> statuses = person_statuses(s, persons, on);
    const std::vector<PersonStatus> now = on == today ? statuses : person_statuses(s, persons, today);
    for (size_t i = 0; i < persons.size(); ++i) {
      const PersonStatus& st = statuses[i];
      if (!now[i].village.valid() || !scope.allows(now[i].village)) continue;  // belongs beyond the caller's units
      const bool member = st.household == id && lives_here(st.standing);
      // Former: a spell in it began on or before the day (not a later move in or birth).
      if (member || (former && reads_lived_in_by(s, persons[i].id, id, on))) out.members.push_back({persons[i], st});
    }
    return out;
  });
}

std::optional<PersonWithPlace> person_with_place(Database& db, PersonId id, Date on) {
  return db.read([&](Store& s) -> std::optional<PersonWithPlace> {
    auto p = s.find_person(id);
    if (!p) return std::nullopt;
    PersonStatus st = person_statuses(s, std::span<const Person>(&*p, 1), on).front();
    return PersonWithPlace{*p, person_place(s, id, on), st, person_events(s, id)};
  });
}

std::optional<VitalEvent> find_event(Database& db, EventId id) {
  return db.read([&](Store& s) { return s.find_event(id); });
}

std::vector<UnitId> record_units(Database& db, RecordKind kind, int64_t id, Date on) {
  return db.read([&](Store& s) {
    std::vector<UnitId> units;
    switch (kind) {
      case RecordKind::kHousehold:
        if (auto v = household_village(s, HouseholdId(id))) units.push_back(*v);
        break;
      case RecordKind::kPerson:
        if (auto place = person_place(s, PersonId(id), on)) units.push_back(place->village);
        break;
      case RecordKind::kEvent:
        if (auto e = s.find_event(EventId(id))) units.push_back(e->village);
        break;
      case RecordKind::kReport:  // the unit reported on (a commune, a district)
        if (auto r = s.find_report(id)) units.push_back(r->unit);
        break;
      case RecordKind::kStaff:
        units = s.staff_units(StaffId(id));
        break;
    }
    return units;
  });
}

int schema_version(Database& db) {
  return db.read([](Store& s) { return s.schema_version(); });
}

}  // namespace danso

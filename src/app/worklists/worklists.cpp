#include "app/worklists/worklists.h"

#include <algorithm>
#include <unordered_map>

#include "app/person_statuses.h"

namespace danso::worklists {

namespace {

// Every row of a page read (the store pages take a limit).
constexpr int64_t kWorklistAllRows = INT64_C(1) << 40;

// The village as it is on `on` (renamed or merged since, when it was).
void worklist_place(Row& row, const UnitTree& units, Date on) {
  const OrgUnit* v = units.current(row.entry.village, on);
  if (!v) v = units.find(row.entry.village);
  if (v) row.village_code = v->code, row.village_name = v->name;
}

}  // namespace

Lists gather(Database& db, const UnitTree& units, std::span<const UnitId> villages, Date on,
             std::optional<WorklistKind> only) {
  Lists out;
  out.on = on;
  out.only = only;
  // With the earlier villages each one succeeds, whose households it keeps.
  std::vector<UnitId> mine;
  for (UnitId v : villages)
    for (UnitId earlier : units.lineage(v)) mine.push_back(earlier);
  std::sort(mine.begin(), mine.end());
  mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
  auto ours = [&](UnitId v) { return std::binary_search(mine.begin(), mine.end(), v); };
  db.read([&](Store& s) {
    std::vector<PlacedPerson> placed;
    PersonFilter filter;
    filter.on = on;
    filter.resident = true;
    s.persons_page(mine, "", filter, 0, kWorklistAllRows, placed);
    std::vector<Person> persons;
    std::vector<PersonId> ids;
    for (const PlacedPerson& p : placed) persons.push_back(p.person), ids.push_back(p.person.id);
    std::sort(ids.begin(), ids.end());
    const std::vector<PersonStatus> statuses = person_statuses(s, persons, on);
    const std::vector<VitalEvent> events = s.events_naming(ids);
    std::unordered_map<int64_t, std::vector<VitalEvent>> naming;
    for (const VitalEvent& e : events) {
      naming[e.person.value].push_back(e);
      if (e.related.valid() && e.related != e.person) naming[e.related.value].push_back(e);
    }
    std::vector<ListedHousehold> households;
    s.households_page(mine, 0, kWorklistAllRows, households);
    std::unordered_map<int64_t, const ListedHousehold*> household_of;
    for (const ListedHousehold& h : households) household_of[h.household.id.value] = &h;

    std::unordered_map<int64_t, std::vector<size_t>> members;  // household -> indexes of persons living in it
    for (size_t i = 0; i < persons.size(); ++i) {
      const PersonStatus& st = statuses[i];
      if (!ours(st.village)) continue;
      members[st.household.value].push_back(i);
      const std::vector<VitalEvent>& own = naming[persons[i].id.value];
      for (WorklistEntry& e : person_worklists({persons[i], st, own}, on)) {
        if (only && e.kind != *only) continue;
        Row row{std::move(e), persons[i].name, persons[i].sex, persons[i].birth_date, "", "", ""};
        if (auto h = household_of.find(st.household.value); h != household_of.end())
          row.address = h->second->household.address;
        worklist_place(row, units, on);
        out.rows.push_back(std::move(row));
      }
    }
    if (!only || *only == WorklistKind::kHouseholdVisit) {
      std::unordered_map<int64_t, const Person*> person_by_id;
      for (const Person& p : persons) person_by_id[p.id.value] = &p;
      for (const ListedHousehold& h : households) {
        std::vector<PersonStatus> living;
        std::vector<VitalEvent> slips;
        for (size_t i : members[h.household.id.value]) {
          living.push_back(statuses[i]);
          const auto& own = naming[persons[i].id.value];
          slips.insert(slips.end(), own.begin(), own.end());
        }
        auto e = household_visit_entry(h.household, living, slips, h.head, on);
        if (!e) continue;
        Row row{std::move(*e), h.head_name, std::nullopt, std::nullopt, h.household.address, "", ""};
        if (auto p = person_by_id.find(h.head.value); p != person_by_id.end())
          row.sex = p->second->sex, row.birth_date = p->second->birth_date;
        worklist_place(row, units, on);
        out.rows.push_back(std::move(row));
      }
    }
  });
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const Row& a, const Row& b) {
    if (a.entry.kind != b.entry.kind) return int(a.entry.kind) < int(b.entry.kind);
    if (a.village_code != b.village_code) return a.village_code < b.village_code;
    if (a.entry.household != b.entry.household) return a.entry.household.value < b.entry.household.value;
    return a.entry.person.value < b.entry.person.value;
  });
  for (const Row& r : out.rows) ++out.counts[size_t(r.entry.kind)];
  return out;
}

nlohmann::ordered_json row_json(const Row& r) {
  auto id_or_null = [](int64_t v, bool valid) { return valid ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); };
  const WorklistEntry& e = r.entry;
  nlohmann::ordered_json out;
  out["list"] = kWorklistKinds.code(e.kind);
  out["person_id"] = id_or_null(e.person.value, e.person.valid());
  out["name"] = r.name.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.name);
  out["sex"] = r.sex ? nlohmann::ordered_json(kSexes.code(*r.sex)) : nlohmann::ordered_json(nullptr);
  out["birth_date"] = r.birth_date ? nlohmann::ordered_json(r.birth_date->iso()) : nlohmann::ordered_json(nullptr);
  out["age"] = e.age >= 0 ? nlohmann::ordered_json(e.age) : nlohmann::ordered_json(nullptr);
  out["household_id"] = id_or_null(e.household.value, e.household.valid());
  out["address"] = r.address;
  out["village"] = r.village_code;
  out["village_name"] = r.village_name;
  out["reason"] = e.reason;
  out["reason_vi"] = e.reason_vi;
  out["reason_en"] = e.reason_en;
  out["since"] = e.since ? nlohmann::ordered_json(e.since->iso()) : nlohmann::ordered_json(nullptr);
  return out;
}

nlohmann::ordered_json lists_json(const Lists& lists) {
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  for (const auto& k : kWorklistKinds.entries())
    if (!lists.only || *lists.only == k.value) counts[k.code] = lists.counts[size_t(k.value)];
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const Row& r : lists.rows) rows.push_back(row_json(r));
  return {{"on", lists.on.iso()}, {"counts", counts}, {"rows", rows}};
}

}  // namespace danso::worklists

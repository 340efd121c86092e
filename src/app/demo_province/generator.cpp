#include "app/demo_province/generator.h"

#include <algorithm>
#include <unordered_map>

#include "app/demo_province/names.h"
#include "app/demo_province/world.h"

namespace danso::demo {

int64_t World::collaborator_on(int32_t village, int32_t day) const {
  for (const auto& c : villages[size_t(village)].collaborators)
    if (c.start <= day && day <= c.end) return c.staff_id;
  return 0;
}

void World::emit(VitalEvent e, int32_t village) {
  const OrgUnit& v = village_unit(village);
  e.village = v.id;
  e.village_code = v.code;
  e.recorded_by = StaffId(collaborator_on(village, e.date.days()));
  const int32_t rec = std::min(e.date.days() + int32_t(rng.range(0, 20)), opt.today.days());
  e.recorded_on = Date::from_days(std::max(rec, e.date.days()));
  events.push_back({e.date.days(), seq++, std::move(e)});
}

namespace {

// A commune of the given kind: its attributes and fertility level drawn, its
// villages added later (add_village).
void add_commune(World& w, int32_t unit_index, CommuneKind kind) {
  OrgUnit& cu = w.batch.units[size_t(unit_index)];
  cu.attributes.urban = kind == CommuneKind::kUrban;
  cu.attributes.mountainous = kind == CommuneKind::kMountain;
  cu.attributes.coastal = kind == CommuneKind::kCoastal;
  cu.attributes.difficult = kind == CommuneKind::kMountain && w.rng.chance(0.5);
  cu.attributes.border = kind == CommuneKind::kMountain && w.rng.chance(0.15);
  double tfr = 0;
  switch (kind) {
    // Drawn levels; the realised TFR comes out lower where women already
    // have two children (the two-child norm of the simulation).
    case CommuneKind::kUrban: tfr = 1.65 + 0.3 * w.rng.uniform(); break;
    case CommuneKind::kPlain: tfr = 1.95 + 0.4 * w.rng.uniform(); break;
    case CommuneKind::kCoastal: tfr = 2.2 + 0.4 * w.rng.uniform(); break;
    case CommuneKind::kMountain: tfr = 2.7 + 0.8 * w.rng.uniform(); break;
  }
  w.communes.push_back({unit_index, kind, tfr, {}});
}

// A village (its unit already in the batch) of commune `ci`, with the
// commune's attributes.
void add_village(World& w, int32_t ci, int32_t unit_index) {
  CommuneInfo& c = w.communes[size_t(ci)];
  w.batch.units[size_t(unit_index)].attributes = w.batch.units[size_t(c.unit_index)].attributes;
  c.villages.push_back(int32_t(w.villages.size()));
  w.villages.push_back({unit_index, ci, {}, {}});
}

// The units of a real territory (DemoOptions::territory), ids 1..n in its
// order: a ward (phường) is urban, a special zone (đặc khu, islands)
// coastal, the other communes plain, mountainous or coastal in turn.
void adopt_territory(World& w) {
  const auto& t = w.opt.territory;
  std::unordered_map<int64_t, int64_t> local;  // the territory's ids -> 1..n
  for (size_t i = 0; i < t.size(); ++i) local.emplace(t[i].id.value, int64_t(i) + 1);
  std::unordered_map<int64_t, int32_t> commune_of;  // local commune id -> index into w.communes
  static constexpr CommuneKind kRural[] = {CommuneKind::kPlain, CommuneKind::kMountain, CommuneKind::kPlain,
                                           CommuneKind::kCoastal};
  for (size_t i = 0; i < t.size(); ++i) {
    OrgUnit u = t[i];
    u.id = UnitId(int64_t(i) + 1);
    if (auto it = local.find(u.parent.value); it != local.end()) u.parent = UnitId(it->second);
    w.batch.units.push_back(std::move(u));
    const auto ui = int32_t(i);
    const OrgUnit& unit = w.batch.units.back();
    if (unit.kind == UnitKind::kCommune) {
      const CommuneKind kind = unit.name.starts_with("Phường ")    ? CommuneKind::kUrban
                               : unit.name.starts_with("Đặc khu ") ? CommuneKind::kCoastal
                                                                   : kRural[w.communes.size() % 4];
      commune_of.emplace(unit.id.value, int32_t(w.communes.size()));
      add_commune(w, ui, kind);
    } else if (unit.kind == UnitKind::kVillage) {
      if (auto it = commune_of.find(unit.parent.value); it != commune_of.end()) add_village(w, it->second, ui);
    }
  }
}

}  // namespace

void build_units(World& w) {
  if (!w.opt.territory.empty()) return adopt_territory(w);
  const int64_t n_villages = std::max<int64_t>(10, (w.opt.persons + 500) / 1000);
  const int64_t n_communes = std::max<int64_t>(1, (n_villages + 5) / 10);
  const int64_t n_districts = std::clamp<int64_t>((n_communes + 6) / 12, 1, 60);
  const Date from = Date::from_ymd_unchecked(w.opt.first_year, 1, 1);
  auto add = [&](std::string code, std::string name, UnitKind kind, int level, const OrgUnit* parent) {
    append_unit(w.batch.units, std::move(code), std::move(name), kind, level, parent, from);
    return int32_t(w.batch.units.size() - 1);
  };
  add("99", "Tỉnh Sông Trà (mô phỏng)", UnitKind::kProvince, 1, nullptr);
  std::vector<int32_t> districts;
  for (int64_t d = 0; d < n_districts; ++d) {
    const bool town = d == 0;
    districts.push_back(add(pad(900 + d + 1, 3), (town ? "Thành phố " : "Huyện ") + place_name(w.rng),
                            UnitKind::kDistrict, 2, &w.batch.units[0]));
  }
  for (int64_t c = 0; c < n_communes; ++c) {
    const int32_t di = districts[size_t(c % n_districts)];
    // A fixed cycle of kinds, so even a small province has every kind:
    // 20% urban wards, 40% plain, 20% mountainous, 20% coastal communes.
    static constexpr CommuneKind kCycle[] = {CommuneKind::kUrban,   CommuneKind::kPlain,   CommuneKind::kMountain,
                                             CommuneKind::kCoastal, CommuneKind::kPlain,   CommuneKind::kMountain,
                                             CommuneKind::kPlain,   CommuneKind::kUrban,   CommuneKind::kCoastal,
                                             CommuneKind::kPlain};
    const CommuneKind kind = kCycle[c % 10];
    const char* prefix = kind == CommuneKind::kUrban ? "Phường " : "Xã ";
    const std::string code = pad(90000 + 3 * (c + 1), 5);
    const OrgUnit parent = w.batch.units[size_t(di)];
    add_commune(w, add(code, prefix + place_name(w.rng), UnitKind::kCommune, 3, &parent), kind);
  }
  for (int64_t v = 0; v < n_villages; ++v) {
    const int32_t ci = int32_t(v % n_communes);
    const CommuneInfo& c = w.communes[size_t(ci)];
    const OrgUnit parent = w.batch.units[size_t(c.unit_index)];
    const int64_t k = int64_t(c.villages.size()) + 1;
    const char* prefix = c.kind == CommuneKind::kUrban ? "Tổ dân phố " : c.kind == CommuneKind::kMountain ? "Bản " : "Thôn ";
    add_village(w, ci, add(parent.code + pad(k, 2), prefix + place_name(w.rng), UnitKind::kVillage, 4, &parent));
  }
}

void build_staff(World& w) {
  int64_t next = 1;
  const int32_t start = w.start_day, end = w.end_day;
  const int32_t duties_change = days_from_civil(2021, 1, 1);
  auto assign = [&](int64_t id, const std::string& name, Sex sex, StaffRole role, int32_t unit_index, int32_t from,
                    int32_t to, bool open_end) {
    // Since 2021 a collaborator also does family and child-protection work.
    auto push = [&](int32_t a, int32_t b, bool extended, bool open) {
      StaffAssignment s;
      s.id = StaffId(id);
      s.name = name;
      s.sex = sex;
      s.role = role;
      s.unit = w.batch.units[size_t(unit_index)].id;
      s.unit_code = w.batch.units[size_t(unit_index)].code;
      s.duties = Duties{true, extended, extended};
      s.start = Date::from_days(a);
      if (!open) s.end = Date::from_days(b);
      w.batch.staff.push_back(s);
    };
    if (role == StaffRole::kCollaborator && from < duties_change && to >= duties_change) {
      push(from, duties_change - 1, false, false);
      push(duties_change, to, true, open_end);
    } else {
      push(from, to, from >= duties_change, open_end);
    }
  };
  auto staff_name = [&](bool female, bool minority) { return person_name(w.rng, female, minority); };
  for (int i = 0; i < 3; ++i) {
    const bool f = w.rng.chance(0.6);
    assign(next++, staff_name(f, false), f ? Sex::kFemale : Sex::kMale, StaffRole::kProvinceStaff, 0, start, end, true);
  }
  for (size_t u = 0; u < w.batch.units.size(); ++u) {
    const OrgUnit& unit = w.batch.units[u];
    if (unit.kind == UnitKind::kDistrict)
      for (int i = 0; i < 2; ++i) {
        const bool f = w.rng.chance(0.6);
        assign(next++, staff_name(f, false), f ? Sex::kFemale : Sex::kMale, StaffRole::kDistrictStaff, int32_t(u),
               start, end, true);
      }
    if (unit.kind == UnitKind::kCommune) {
      const bool f = w.rng.chance(0.7);
      assign(next++, staff_name(f, unit.attributes.mountainous), f ? Sex::kFemale : Sex::kMale,
             StaffRole::kCommuneOfficer, int32_t(u), start, end, true);
    }
  }
  // Collaborators: one per village, a quarter of villages change collaborator once.
  for (size_t v = 0; v < w.villages.size(); ++v) {
    VillageInfo& vi = w.villages[v];
    const bool minority = w.minority(int32_t(v));
    int32_t from = start;
    const bool change = w.rng.chance(0.25);
    const int32_t change_day = change ? int32_t(w.rng.range(start + 180, std::max(start + 181, end - 180))) : end + 1;
    for (int k = 0; k < (change ? 2 : 1); ++k) {
      const bool last = k == (change ? 1 : 0);
      const int32_t to = last ? end : change_day - 1;
      const int64_t id = next++;
      const bool f = w.rng.chance(0.85);
      assign(id, staff_name(f, minority), f ? Sex::kFemale : Sex::kMale, StaffRole::kCollaborator, vi.unit_index, from,
             to, last);
      vi.collaborators.push_back({from, last ? INT32_MAX : to, id});
      from = to + 1;
    }
  }
  std::stable_sort(w.batch.staff.begin(), w.batch.staff.end(), [](const StaffAssignment& a, const StaffAssignment& b) {
    return a.id != b.id ? a.id < b.id : a.start < b.start;
  });
}

Result<RegisterBatch> generate(const DemoOptions& opt) {
  if (opt.persons < 10'000 || opt.persons > 10'000'000)
    return Error::invalid("persons", "số người phải từ 10.000 đến 10.000.000",
                          "the number of persons must be 10,000 to 10,000,000");
  if (opt.first_year < 1990 || opt.last_year > 2099 || opt.last_year < opt.first_year)
    return Error::invalid("years", "khoảng năm không hợp lệ", "invalid range of years");
  const Date start = Date::from_ymd_unchecked(opt.first_year, 1, 1);
  if (start > opt.today)
    return Error::invalid("years", "năm đầu ở tương lai (hôm nay " + opt.today.iso() + ")",
                          "the first year is in the future (today is " + opt.today.iso() + ")");
  return generate_unchecked(opt);
}

RegisterBatch generate_unchecked(const DemoOptions& opt) {
  const Date start = Date::from_ymd_unchecked(opt.first_year, 1, 1);
  World w(opt);
  w.start_day = start.days();
  w.end_day = std::min(days_from_civil(opt.last_year, 12, 31), opt.today.days());
  w.progress("đơn vị / units", 0);
  build_units(w);
  build_staff(w);
  w.progress("dân số ban đầu / initial population", 0);
  build_population(w);
  simulate(w);

  // Final marital status, events in date order with ids 1..E.
  for (size_t i = 0; i < w.batch.persons.size(); ++i) {
    static constexpr MaritalStatus kStatus[] = {MaritalStatus::kSingle, MaritalStatus::kMarried,
                                                MaritalStatus::kWidowed, MaritalStatus::kDivorced};
    w.batch.persons[i].marital = kStatus[size_t(w.state[i].marital)];
  }
  std::sort(w.events.begin(), w.events.end(), [](const PendingEvent& a, const PendingEvent& b) {
    return a.date != b.date ? a.date < b.date : a.seq < b.seq;
  });
  w.batch.events.reserve(w.events.size());
  for (auto& pe : w.events) {
    pe.event.id = EventId(int64_t(w.batch.events.size()) + 1);
    w.batch.events.push_back(std::move(pe.event));
  }
  w.progress("sự kiện / events", 1.0);
  return std::move(w.batch);
}

}  // namespace danso::demo

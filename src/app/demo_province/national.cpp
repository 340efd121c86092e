#include "app/demo_province/national.h"

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "app/demo_province/names.h"
#include "app/demo_province/world.h"
#include "app/import/json_file.h"
#include "app/import/unit_list.h"
#include "app/register_loader.h"

namespace danso::demo {

namespace {

// The persons of commune k of n: the total spread evenly, the remainder to
// the first communes.
int64_t commune_persons(int64_t total, int64_t n, int64_t k) { return total / n + (k < total % n ? 1 : 0); }

bool province_chosen(const NationalOptions& o, const std::string& code) {
  return o.provinces.empty() || std::find(o.provinces.begin(), o.provinces.end(), code) != o.provinces.end();
}

// One part to make: a province and some of its communes with their villages
// (DemoOptions::territory), and its persons.
struct PartPlan {
  std::vector<OrgUnit> territory;
  int64_t persons = 0;
};

// Each province in parts of whole communes of about `part_persons` persons
// (at least one commune a part). `units` as national_units makes them: a
// province, then each of its communes followed by its villages.
std::vector<PartPlan> plan_parts(const NationalOptions& o, const std::vector<OrgUnit>& units) {
  int64_t communes = 0;
  for (const OrgUnit& u : units) communes += u.kind == UnitKind::kCommune;
  std::vector<PartPlan> parts;
  const OrgUnit* province = nullptr;
  int64_t k = 0;
  for (const OrgUnit& u : units) {
    if (u.kind == UnitKind::kProvince) {
      province = &u;
      parts.push_back({{u}, 0});
    } else if (u.kind == UnitKind::kCommune) {
      const int64_t n = commune_persons(o.persons, communes, k++);
      if (parts.back().persons > 0 && parts.back().persons + n > o.part_persons) parts.push_back({{*province}, 0});
      parts.back().territory.push_back(u);
      parts.back().persons += n;
    } else {
      parts.back().territory.push_back(u);
    }
  }
  std::erase_if(parts, [](const PartPlan& p) { return p.persons == 0; });
  return parts;
}

struct NextIds {
  int64_t person = 0, household = 0, event = 0, staff = 0;
};

// A part's batch, numbered 1..n by the generator, given the register's ids:
// its units back to the territory's, the rest numbered on from `next`.
void renumber_part(RegisterBatch& b, const std::vector<OrgUnit>& territory, NextIds& next) {
  auto unit = [&](UnitId u) {
    return u.valid() && size_t(u.value) <= territory.size() ? territory[size_t(u.value - 1)].id : u;
  };
  auto shift = [](auto& id, int64_t by) {
    if (id.valid()) id.value += by;
  };
  std::vector<OrgUnit>().swap(b.units);
  for (Household& h : b.households) shift(h.id, next.household), h.village = unit(h.village);
  for (Person& p : b.persons) {
    shift(p.id, next.person), shift(p.household, next.household);
    if (!p.citizen_id.empty()) p.citizen_id = "99" + pad(p.id.value, 10);
  }
  for (VitalEvent& e : b.events) {
    shift(e.id, next.event), shift(e.person, next.person), shift(e.related, next.person);
    shift(e.household, next.household), shift(e.recorded_by, next.staff);
    e.village = unit(e.village);
  }
  int64_t staff = 0;
  for (StaffAssignment& s : b.staff) staff = std::max(staff, s.id.value), shift(s.id, next.staff), s.unit = unit(s.unit);
  next.person += int64_t(b.persons.size());
  next.household += int64_t(b.households.size());
  next.event += int64_t(b.events.size());
  next.staff += staff;
}

}  // namespace

Result<std::vector<OrgUnit>> national_units(const std::string& file, const NationalOptions& o) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return Error::invalid("units", "không mở được tệp danh sách đơn vị '" + file + "'",
                          "cannot open the unit list file '" + file + "'");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto doc = import_detail::parse_json_file(file, text);
  if (!doc) return doc.error();
  if (!doc->is_array())
    return Error::invalid("file", "tệp phải là một mảng các tỉnh", "the file must be an array of provinces");
  const std::vector<UnitListEntry> entries = unit_list_entries(*doc);
  std::unordered_set<std::string> provinces;
  for (const auto& e : entries)
    if (e.kind == UnitKind::kProvince && province_chosen(o, e.code)) provinces.insert(e.code);
  int64_t communes = 0;
  for (const auto& e : entries) communes += e.kind == UnitKind::kCommune && provinces.count(e.parent_code);
  if (communes == 0)
    return Error::invalid("provinces", "không có xã, phường nào trong danh sách đã chọn",
                          "no commune in the chosen units of the list");
  if (o.persons < communes)
    return Error::invalid("persons", "số người phải ít nhất bằng số xã, phường (" + std::to_string(communes) + ")",
                          "the number of persons must be at least the number of communes (" +
                              std::to_string(communes) + ")");
  Random rng(o.seed);
  const Date from = Date::from_ymd_unchecked(o.first_year, 1, 1);
  std::vector<OrgUnit> units;
  std::unordered_map<std::string, UnitId> province_id;
  auto add = [&](std::string code, std::string name, UnitKind kind, int level, const OrgUnit* parent) {
    return append_unit(units, std::move(code), std::move(name), kind, level, parent, from);
  };
  std::unordered_map<std::string, OrgUnit> province_unit;
  int64_t k = 0;
  for (const auto& e : entries) {
    if (e.kind == UnitKind::kProvince && provinces.count(e.code)) {
      province_unit.emplace(e.code, add(e.code, e.name, UnitKind::kProvince, 1, nullptr));
    } else if (e.kind == UnitKind::kCommune && provinces.count(e.parent_code)) {
      const OrgUnit commune = add(e.code, e.name, UnitKind::kCommune, 2, &province_unit.at(e.parent_code));
      const int64_t villages = std::max<int64_t>(1, (commune_persons(o.persons, communes, k++) + 500) / 1000);
      const char* prefix = e.name.starts_with("Phường ") ? "Tổ dân phố " : "Thôn ";
      for (int64_t v = 1; v <= villages; ++v)
        add(e.code + pad(v, villages < 100 ? 2 : 3), prefix + place_name(rng), UnitKind::kVillage, 3, &commune);
    }
  }
  return units;
}

Status generate_national(const NationalOptions& o, const std::vector<OrgUnit>& units,
                         const std::function<Status(NationalPart&&)>& sink) {
  const std::vector<PartPlan> plan = plan_parts(o, units);
  const size_t n = plan.size();
  const size_t threads = size_t(std::max(1, o.threads));
  std::mutex mu;
  std::condition_variable cv;
  std::map<size_t, RegisterBatch> ready;
  size_t next_part = 0, consumed = 0;
  bool stop = false;
  // Each worker makes the next part, at most `threads` parts ahead of the
  // one being handed over (a bound on the rich records held).
  auto worker = [&] {
    for (;;) {
      size_t k;
      {
        std::unique_lock lk(mu);
        cv.wait(lk, [&] { return stop || next_part >= n || next_part < consumed + threads; });
        if (stop || next_part >= n) return;
        k = next_part++;
      }
      DemoOptions d;
      d.persons = plan[k].persons;
      d.seed = o.seed + 0x9e3779b97f4a7c15ULL * (k + 1);
      d.first_year = o.first_year, d.last_year = o.last_year, d.today = o.today;
      d.territory = plan[k].territory;
      RegisterBatch b = generate_unchecked(d);
      {
        std::lock_guard lk(mu);
        ready.emplace(k, std::move(b));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  Status result;
  NextIds next;
  for (size_t k = 0; k < n; ++k) {
    NationalPart part;
    {
      std::unique_lock lk(mu);
      cv.wait(lk, [&] { return ready.count(k) > 0; });
      part.batch = std::move(ready.at(k));
      ready.erase(k);
      consumed = k + 1;
    }
    cv.notify_all();
    renumber_part(part.batch, plan[k].territory, next);
    if (auto st = derive_batch_residence(part.batch, part.spells); !st) {
      result = st;
      break;
    }
    if (auto st = sink(std::move(part)); !st) {
      result = st;
      break;
    }
    if (o.progress) o.progress("tỉnh / provinces", double(k + 1) / double(n));
  }
  {
    std::lock_guard lk(mu);
    stop = true;
  }
  cv.notify_all();
  for (auto& t : pool) t.join();
  return result;
}

}  // namespace danso::demo

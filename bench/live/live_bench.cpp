// Live figures benchmark: on a copy of a demo database, slips the
// indicators read (premarital counselling, one a day for a person living in
// the province) are written one at a time, each applied to the server's
// indicator snapshot in place (IndicatorService::persons_changed: the
// service's thread reads the slip's group of persons again through the
// store and updates the snapshot, while the writer waits for it as a
// server's writer does); then the province's totals for the slip's year are
// computed.
// Prints the median, p90 and max of: the update in place, the province's
// totals after it, and the two together (slip accepted -> the province's
// totals updated); then, for comparison, a full reload of the snapshot.
//
//   live_bench DB YEAR [SLIPS]      (DB is changed: give it a copy)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "app/database.h"
#include "app/indicator_service.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

static void print(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const double med = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  std::printf("  %-40s median %7.1f  p90 %7.1f  max %7.1f ms\n", what, med,
              v[std::min(v.size() - 1, size_t(double(v.size()) * 0.9))], v.back());
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: live_bench DB YEAR [SLIPS]\n");
    return 2;
  }
  const int year = std::atoi(argv[2]);
  const int slips = argc > 3 ? std::atoi(argv[3]) : 50;
  auto db = open_database(argv[1]);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().en.c_str());
    return 2;
  }
  IndicatorService svc(**db, IndicatorService::Options{});
  auto t0 = Clock::now();
  auto snap = svc.current();
  if (!snap) {
    std::fprintf(stderr, "%s\n", snap.error().en.c_str());
    return 2;
  }
  const double load_ms = ms_since(t0);
  const Period period = Period::parse(std::to_string(year)).value();
  // The province, and persons living in the register on the year's last day.
  std::string province;
  std::vector<std::pair<PersonId, UnitId>> living;  // the first 2,000,000 spells open on the year's last day
  size_t persons = 0;
  (*snap)->read_register([&](const analytics::RegisterSnapshot& s) {
    persons = s.person_id.size();
    for (const OrgUnit* u : s.tree.valid_on(period.last))
      if (u->kind == UnitKind::kProvince) province = u->code;
    for (const auto& sp : s.spells)
      if (sp.start <= period.last.days() && period.last.days() < sp.end && living.size() < 2'000'000)
        living.emplace_back(PersonId{s.person_id[size_t(sp.person)]}, s.slot_unit[size_t(sp.slot)]);
  });
  auto totals = [&] {
    return (*snap)->compute([&](IndicatorReporter& r) { return r.report(province, period, false)->dump().size(); });
  };
  totals();
  std::printf("persons %zu (slips for %zu of those living) province %s load_ms %.0f\n", persons, living.size(),
              province.c_str(), load_ms);
  std::mt19937 rng(7);
  int64_t next_id = (*db)->read([](Store& s) { return s.max_id(StoredTable::kEvents); });
  std::vector<double> update, after, both;
  for (int i = 0; i < slips; ++i) {
    const auto& [person, village] = living[std::uniform_int_distribution<size_t>(0, living.size() - 1)(rng)];
    VitalEvent e;
    e.id = EventId{++next_id};
    e.type = EventType::kPremaritalCounselling;
    e.date = Date::from_days(period.first.days() + int32_t(i % 360));
    e.village = village;
    e.person = person;
    e.recorded_on = e.date;
    const Status st = (*db)->write([&](Store& s) -> Status { return s.upsert_events(std::vector<VitalEvent>{e}); });
    if (!st) {
      std::fprintf(stderr, "%s\n", st.error().en.c_str());
      return 3;
    }
    const auto u0 = Clock::now();
    svc.persons_changed({person}, "live_bench");
    const auto now = svc.current("live_bench");
    const auto u1 = Clock::now();
    if (!now || now->get() != snap->get() || svc.loads() != 1 || (*now)->changes_seen() != uint64_t(i + 1)) {
      std::fprintf(stderr, "not applied in place\n");
      return 3;
    }
    totals();
    update.push_back(std::chrono::duration<double, std::milli>(u1 - u0).count());
    after.push_back(ms_since(u1));
    both.push_back(ms_since(u0));
  }
  std::printf("%d slips (premarital counselling), each applied in place then the province's %d totals:\n", slips, year);
  print("update in place", update);
  print("province totals after it", after);
  print("slip accepted -> province totals updated", both);
  t0 = Clock::now();
  auto reloaded = analytics::RegisterSnapshot::load((*db)->store());
  std::printf("  full reload of the snapshot (before): %.0f ms\n", ms_since(t0));
  return 0;
}

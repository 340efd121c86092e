// The counting pass against a count made day by day: for random persons
// (birthdays on 29 February included) living in random spells across two
// villages, the population on the first, middle and last day, the
// person-days by sex and age of the period and of the pooled years, and the
// deaths of each window equal what walking every spell one day at a time
// gives, for years (counted in year cells), halves, quarters, months and
// ranges (split at birthdays), and for the life-table counts on their own;
// and the married women of 15-49 on the middle and last day and the
// contraception they use equal each woman's state asked of the snapshot
// on that day.
#include <gtest/gtest.h>

#include <random>

#include "analytics/base_counts.h"
#include "analytics/person_days.h"
#include "analytics/register_snapshot.h"
#include "analytics/year_cells.h"
#include "test_units.h"

using namespace danso;
using namespace danso::analytics;

namespace {

Date d(const char* s) { return Date::parse(s).value(); }

OrgUnit unit(int64_t id, UnitKind kind, int level, int64_t parent) {
  return test::test_unit(id, std::to_string(90 + id), kind, level, parent);
}

struct Register {
  std::vector<Person> persons;
  std::vector<ResidenceSpell> spells;
  std::vector<EventFacts> events;
};

// Persons born 1915-2024 in two villages (ids 4 and 5), each with one to
// three spells between 2017 and 2026, some ending in a death.
Register random_register(unsigned seed, int n) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Register r;
  const int32_t lo = d("1915-01-01").days(), hi = d("2024-12-31").days();
  int64_t event_id = 1;
  for (int i = 0; i < n; ++i) {
    Person p;
    p.id = PersonId{i + 1};
    p.sex = uniform(0, 1) ? Sex::kFemale : Sex::kMale;
    // One in ten born on 29 February of a leap year.
    p.birth_date = uniform(0, 9) == 0 ? Date::from_ymd_unchecked(1916 + 4 * uniform(0, 27), 2, 29)
                                      : Date::from_days(uniform(lo, hi));
    r.persons.push_back(p);
    int32_t start = std::max(p.birth_date.days(), d("2017-01-01").days() + uniform(-400, 2500));
    const int spells = uniform(1, 3);
    for (int k = 0; k < spells; ++k) {
      ResidenceSpell sp;
      sp.person = p.id;
      sp.village = UnitId{uniform(4, 5)};
      sp.start = Date::from_days(start);
      const bool last = k + 1 == spells;
      if (!last || uniform(0, 2) == 0) {
        const int32_t end = start + uniform(1, 1500);
        sp.end = Date::from_days(end);
        start = end + uniform(0, 60);
        if (last && uniform(0, 1)) {
          EventFacts e;
          e.id = EventId{event_id++};
          e.type = EventType::kDeath;
          e.date = Date::from_days(end - 1);
          e.village = sp.village;
          e.person = p.id;
          r.events.push_back(e);
        }
      }
      r.spells.push_back(sp);
      if (sp.end && sp.end->days() > d("2026-12-31").days()) break;
    }
  }
  return r;
}

RegisterSnapshot snapshot_of(const Register& r) {
  std::vector<OrgUnit> units = {unit(1, UnitKind::kProvince, 1, 0), unit(2, UnitKind::kDistrict, 2, 1),
                                unit(3, UnitKind::kCommune, 3, 2), unit(4, UnitKind::kVillage, 4, 3),
                                unit(5, UnitKind::kVillage, 4, 3)};
  return build_snapshot(std::move(units), {}, r.persons, r.spells, r.events);
}

int age_on(const Person& p, int32_t day) {
  int y, m, dd, by, bm, bd;
  civil_from_days(day, y, m, dd);
  p.birth_date.ymd(by, bm, bd);
  return clamp_age(y - by - (m * 32 + dd < bm * 32 + bd ? 1 : 0));
}

// Day by day: person-days of [first, after) by sex and age, per village id.
std::map<int64_t, AgeSexDays> days_by_walking(const Register& r, int32_t first, int32_t after) {
  std::map<int64_t, AgeSexDays> out;
  for (const auto& sp : r.spells) {
    const Person& p = r.persons[size_t(sp.person.value - 1)];
    const int32_t from = std::max(sp.start.days(), first), to = std::min(sp.end ? sp.end->days() : after, after);
    for (int32_t day = from; day < to; ++day)
      ++out[sp.village.value][p.sex == Sex::kFemale ? 1 : 0][size_t(age_on(p, day))];
  }
  return out;
}

// Residents on `day` by sex and age, per village id.
std::map<int64_t, AgeSex> residents_on(const Register& r, int32_t day) {
  std::map<int64_t, AgeSex> out;
  for (const auto& sp : r.spells)
    if (sp.covers(Date::from_days(day))) {
      const Person& p = r.persons[size_t(sp.person.value - 1)];
      ++out[sp.village.value][p.sex == Sex::kFemale ? 1 : 0][size_t(age_on(p, day))];
    }
  return out;
}

AgeSex deaths_in(const Register& r, int64_t village, int32_t first, int32_t after) {
  AgeSex out{};
  for (const auto& e : r.events)
    if (e.type == EventType::kDeath && e.village.value == village && first <= e.date.days() && e.date.days() < after) {
      const Person& p = r.persons[size_t(e.person.value - 1)];
      ++out[p.sex == Sex::kFemale ? 1 : 0][size_t(age_on(p, e.date.days()))];
    }
  return out;
}

Period period(const char* first, const char* last) { return {std::string(first) + ".." + last, d(first), d(last)}; }

// Gives the register's women marriages, divorces and contraception
// (started, changed, stopped) on random days of 2015-2027, and some of them
// married as the register has it now.
void add_states(Register& r, unsigned seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int64_t event_id = int64_t(r.events.size()) + 1;
  const int32_t lo = d("2015-01-01").days(), hi = d("2027-12-31").days();
  auto add = [&](const Person& p, EventType type, std::optional<ContraceptiveMethod> method) {
    EventFacts e;
    e.id = EventId{event_id++};
    e.type = type;
    e.date = Date::from_days(uniform(lo, hi));
    e.village = UnitId{4};
    e.person = p.id;
    e.method = method;
    r.events.push_back(e);
  };
  for (Person& p : r.persons) {
    if (p.sex != Sex::kFemale) continue;
    if (uniform(0, 2) == 0) p.marital = MaritalStatus::kMarried;
    for (int k = uniform(0, 3); k > 0; --k) add(p, k % 2 ? EventType::kMarriage : EventType::kDivorce, std::nullopt);
    for (int k = uniform(0, 3); k > 0; --k) {
      const int kind = uniform(0, 2);
      const auto method = ContraceptiveMethod(uniform(0, 8));
      add(p, kind == 0 ? EventType::kContraceptionStart : kind == 1 ? EventType::kContraceptionChange
                                                                       : EventType::kContraceptionStop,
          kind == 2 ? std::nullopt : std::optional(method));
    }
  }
  std::sort(r.events.begin(), r.events.end(),
            [](const EventFacts& a, const EventFacts& b) { return a.date.days() < b.date.days(); });
}

// The married women of 15-49 resident in `village` on `day`, and those of
// them using any and a modern method, each woman asked of the snapshot.
std::array<int64_t, 3> married_women_on(const Register& r, const RegisterSnapshot& snap, int64_t village, int32_t day) {
  std::array<int64_t, 3> n{};
  for (const auto& sp : r.spells) {
    const Person& p = r.persons[size_t(sp.person.value - 1)];
    if (sp.village.value != village || !sp.covers(Date::from_days(day)) || p.sex != Sex::kFemale) continue;
    const int age = age_on(p, day);
    const int32_t q = snap.person_of(p.id.value);
    if (age < 15 || age > 49 || !snap.married_on(q, day)) continue;
    ++n[0];
    const PersonMark* m = snap.last_mark(q, PersonMark::kContraception, day);
    if (m && m->value >= 0) n[1] += 1, n[2] += m->value != int(ContraceptiveMethod::kTraditional);
  }
  return n;
}

struct Case {
  Period main;
  std::vector<Period> pooled;
};

std::vector<Case> cases() {
  return {
      {Period::parse("2024").value(), {period("2022-01-01", "2024-12-31"), period("2020-01-01", "2024-12-31")}},
      {Period::parse("2020..2024").value(), {period("2022-01-01", "2024-12-31"), period("2020-01-01", "2024-12-31")}},
      {Period::parse("2022-H2").value(), {period("2020-01-01", "2022-12-31"), period("2018-01-01", "2022-12-31")}},
      {Period::parse("2023-Q2").value(), {period("2020-07-01", "2023-06-30"), period("2018-07-01", "2023-06-30")}},
      {Period::parse("2024-02").value(), {period("2021-03-01", "2024-02-29"), period("2019-03-01", "2024-02-29")}},
      // Months whose pooled years start on 1 February, 1 December and
      // 1 January (counted in cells of years from that month).
      {Period::parse("2024-01").value(), {period("2021-02-01", "2024-01-31"), period("2019-02-01", "2024-01-31")}},
      {Period::parse("2023-11").value(), {period("2020-12-01", "2023-11-30"), period("2018-12-01", "2023-11-30")}},
      {Period::parse("2023-12").value(), {period("2021-01-01", "2023-12-31"), period("2019-01-01", "2023-12-31")}},
      // Windows ending on different years: some in cells, the rest split.
      {Period::parse("2021").value(), {period("2019-01-01", "2023-12-31"), period("2018-06-15", "2021-12-31")}},
  };
}

}  // namespace

TEST(VillagePass, CountsEqualAWalkDayByDay) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const Register r = random_register(seed, 700);
    const RegisterSnapshot snap = snapshot_of(r);
    for (const Case& c : cases()) {
      SCOPED_TRACE(c.main.label + " seed " + std::to_string(seed));
      const PeriodCounts counts = count_period_with_life_tables(snap, c.main, c.pooled, 1);
      const int32_t A = c.main.first.days(), B = c.main.last.days();
      const auto main_days = days_by_walking(r, A, B + 1);
      const auto start = residents_on(r, A), mid = residents_on(r, c.main.middle().days()), end = residents_on(r, B);
      int64_t all_days = 0;
      for (int64_t village : {4, 5}) {
        const int32_t slot = snap.slot_of(UnitId{village});
        const UnitCounts& u = counts.units[size_t(slot)];
        EXPECT_EQ(u.person_days, main_days.count(village) ? main_days.at(village) : AgeSexDays{}) << village;
        EXPECT_EQ(u.pop_start, start.count(village) ? start.at(village) : AgeSex{}) << village;
        EXPECT_EQ(u.pop_mid, mid.count(village) ? mid.at(village) : AgeSex{}) << village;
        EXPECT_EQ(u.pop_end, end.count(village) ? end.at(village) : AgeSex{}) << village;
        EXPECT_EQ(u.deaths, deaths_in(r, village, A, B + 1)) << village;
        for (size_t k = 0; k < c.pooled.size(); ++k) {
          const int32_t first = c.pooled[k].first.days(), after = c.pooled[k].last.days() + 1;
          const auto walked = days_by_walking(r, first, after);
          const LifeTableCounts& lt = counts.life_tables[k][size_t(slot)];
          EXPECT_EQ(lt.person_days, walked.count(village) ? walked.at(village) : AgeSexDays{}) << c.pooled[k].label;
          EXPECT_EQ(lt.deaths, deaths_in(r, village, first, after)) << c.pooled[k].label;
        }
        for (const auto& row : u.person_days)
          for (int64_t x : row) all_days += x;
      }
      // Rolled up: the province holds both villages.
      const UnitCounts& province = counts.units[size_t(snap.slot_of(UnitId{1}))];
      int64_t province_days = 0;
      for (const auto& row : province.person_days)
        for (int64_t x : row) province_days += x;
      EXPECT_EQ(province_days, all_days);
      EXPECT_GT(all_days, 0);
      const UnitCounts& v4 = counts.units[size_t(snap.slot_of(UnitId{4}))];
      const UnitCounts& v5 = counts.units[size_t(snap.slot_of(UnitId{5}))];
      EXPECT_EQ(province.population_end(), v4.population_end() + v5.population_end());
      EXPECT_EQ(province.population_mid(), v4.population_mid() + v5.population_mid());
      for (unsigned sex = 0; sex < 2; ++sex)
        for (size_t a = 0; a < size_t(kAges); ++a)
          EXPECT_EQ(province.deaths[sex][a], v4.deaths[sex][a] + v5.deaths[sex][a]);

      // On two workers (each zeroing and counting its own slots) the same.
      const PeriodCounts two = count_period_with_life_tables(snap, c.main, c.pooled, 2);
      for (size_t slot = 0; slot < snap.slot_unit.size(); ++slot) {
        EXPECT_EQ(two.units[slot].person_days, counts.units[slot].person_days) << slot;
        EXPECT_EQ(two.units[slot].pop_mid, counts.units[slot].pop_mid) << slot;
        EXPECT_EQ(two.units[slot].deaths, counts.units[slot].deaths) << slot;
        for (size_t k = 0; k < c.pooled.size(); ++k)
          EXPECT_EQ(two.life_tables[k][slot].person_days, counts.life_tables[k][slot].person_days) << slot;
      }

      // The life-table counts on their own are the same, on two threads too.
      for (unsigned threads : {1u, 2u}) {
        const auto alone = count_life_tables(snap, c.pooled, c.main.last, threads);
        for (size_t k = 0; k < c.pooled.size(); ++k)
          for (size_t slot = 0; slot < snap.slot_unit.size(); ++slot) {
            EXPECT_EQ(alone[k][slot].person_days, counts.life_tables[k][slot].person_days);
            EXPECT_EQ(alone[k][slot].deaths, counts.life_tables[k][slot].deaths);
          }
      }
    }
  }
}

// For years starting in each month of the year (January: calendar years;
// March: the years pooled before a February), whole years and parts add up
// to the days of splitting every spell at its birthdays; birthdays on
// 29 February among them.
TEST(YearCells, WholeYearsAndPartsEqualSplittingAtBirthdays) {
  std::mt19937 rng(11);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int anchor = 1; anchor <= 12; ++anchor) {
    SCOPED_TRACE("years from month " + std::to_string(anchor));
    YearCells cells(2019, 2024, anchor);
    EXPECT_EQ(cells.year_start(0), days_from_civil(2019, anchor, 1));
    EXPECT_EQ(cells.year_start(6), days_from_civil(2025, anchor, 1));
    const YearTable yt(cells.year_start(0), cells.year_start(6) - 1);
    const int32_t after = cells.year_start(6);
    std::vector<AgeSexDays> expected(6, AgeSexDays{});  // per first year of a window
    for (int i = 0; i < 5000; ++i) {
      const unsigned female = unsigned(uniform(0, 1));
      const int by = uniform(1900, 2024);
      const unsigned md = uniform(0, 15) == 0 ? 2 * 32 + 29
                                               : unsigned(uniform(1, 12) * 32 + uniform(1, 28) + (uniform(0, 20) == 0 ? 1 : 0));
      const int j = uniform(0, 5);
      const int32_t from = cells.year_start(j) + (uniform(0, 1) ? 0 : uniform(1, 300));
      const int32_t to = uniform(0, 3) ? after : std::min(after, from + uniform(1, 900));
      if (to >= after) {
        // As the pass does: the part of the first year, then the whole years.
        int k = cells.year_of(from);
        if (cells.year_start(k) < from) cells.add_part(k, female, by, md, from, cells.year_start(k + 1)), ++k;
        if (k < cells.years()) cells.add_whole(k, female, by, md);
      } else {
        cells.add_days(female, by, md, from, to);
      }
      for (int w = 0; w < 6; ++w) {
        const int32_t f = std::max(from, cells.year_start(w)), t = std::min(to, after);
        if (f < t) add_person_days(by, md, f, t, yt, expected[size_t(w)][female]);
      }
    }
    cells.finish();
    for (int w = 0; w < 6; ++w) EXPECT_EQ(cells.window(w), expected[size_t(w)]) << w;
    int64_t total = 0;
    for (const auto& row : cells.window(0))
      for (int64_t x : row) total += x;
    EXPECT_GT(total, 5000 * 365);
    cells.clear();
    cells.finish();
    EXPECT_EQ(cells.window(0), AgeSexDays{});
  }
}

TEST(VillagePass, MarriedWomenAndContraceptionEqualEachWomansState) {
  for (unsigned seed : {4u, 5u}) {
    Register r = random_register(seed, 700);
    add_states(r, seed);
    const RegisterSnapshot snap = snapshot_of(r);
    for (const Case& c : cases()) {
      SCOPED_TRACE(c.main.label + " seed " + std::to_string(seed));
      const PeriodCounts counts = count_period_with_life_tables(snap, c.main, c.pooled, 1);
      int64_t married = 0, users = 0;
      for (int64_t village : {4, 5}) {
        const UnitCounts& u = counts.units[size_t(snap.slot_of(UnitId{village}))];
        const auto mid = married_women_on(r, snap, village, c.main.middle().days());
        const auto end = married_women_on(r, snap, village, c.main.last.days());
        EXPECT_EQ(u.married_women_15_49, mid[0]) << village;
        EXPECT_EQ(u.cp_users_any, mid[1]) << village;
        EXPECT_EQ(u.cp_users_modern, mid[2]) << village;
        EXPECT_EQ(u.married_women_15_49_end, end[0]) << village;
        married += mid[0], users += mid[1];
      }
      EXPECT_GT(married, 20);
      EXPECT_GT(users, 5);
    }
  }
}

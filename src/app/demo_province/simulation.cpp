// The years of events: each 1 January every resident draws what may happen
// to them that year (death, a birth, a move, a marriage, a divorce, a change
// of contraception, a health check); the draws go into one queue by date and
// are applied in order against the state of the day, so an event of a
// person who died or left before it is dropped and the register stays
// consistent (core/residence.h).
#include <algorithm>
#include <array>
#include <cmath>
#include <queue>

#include "app/demo_province/names.h"
#include "app/demo_province/tables.h"
#include "app/demo_province/world.h"
#include "core/rules.h"

namespace danso::demo {

namespace {

enum class Kind : uint8_t {
  kDeath, kBirth, kMoveOut, kMoveInternal, kMarriage, kDivorce, kCpStart, kCpStop, kCpChange,
  kElderlyCheck, kInsurance, kArrival, kNewbornScreening, kPregnancyLoss
};

struct Candidate {
  int32_t date;
  int64_t seq;
  Kind kind;
  int32_t person;  // person index, or the village for an arrival
  int32_t aux;
  bool operator>(const Candidate& o) const { return date != o.date ? date > o.date : seq > o.seq; }
};

constexpr std::array<const char*, 8> kOutsideProvinces = {"01", "79", "48", "92", "31", "38", "40", "74"};

int age_on(const Person& p, int32_t day) { return age_in_years(p.birth_date, Date::from_days(day)); }

double mortality(int age, bool female) {
  const auto& mx = female ? kMxFemale : kMxMale;
  const size_t i = age == 0 ? 0 : age < 5 ? 1 : std::min<size_t>(21, size_t(1 + age / 5));
  return 1 - std::exp(-mx[i]);
}

// Relative chance of a further birth by the number of children a woman has:
// most couples stop at two.
// In mountainous communes larger families remain common.
double parity_factor(int parity, bool mountain = false) {
  if (mountain) return parity <= 1 ? 1.2 : parity == 2 ? 0.6 : 0.4;
  return parity == 0 ? 1.35 : parity == 1 ? 1.3 : parity == 2 ? 0.15 : 0.08;
}

int pick_method(Random& rng, int avoid) {
  for (;;) {
    int m = int(ContraceptiveMethod::kTraditional);
    if (!rng.chance(kTraditionalShare)) {
      std::array<double, 8> cum{};
      double a = 0;
      for (size_t i = 0; i < 8; ++i) cum[i] = a += kModernMix[i];
      m = int(rng.pick(cum));
    }
    if (m != avoid) return m;
  }
}

class Simulation {
 public:
  explicit Simulation(World& w) : w_(w), rng_(w.rng) {}

  void run() {
    for (int y = w_.opt.first_year; y <= w_.opt.last_year; ++y) {
      const int32_t y0 = days_from_civil(y, 1, 1);
      const int32_t y1 = std::min(days_from_civil(y, 12, 31), w_.end_day);
      if (y0 > w_.end_day) break;
      draw_year(y0, y1);
      while (!queue_.empty() && queue_.top().date <= y1) {
        const Candidate c = queue_.top();
        queue_.pop();
        apply(c);
      }
      w_.progress("sự kiện / events", double(y - w_.opt.first_year + 1) / (w_.opt.last_year - w_.opt.first_year + 1));
    }
  }

 private:
  void push(int32_t date, Kind kind, int32_t person, int32_t aux = 0) {
    if (date > w_.end_day) return;
    queue_.push({date, w_.seq++, kind, person, aux});
  }
  int32_t day_in(int32_t y0, int32_t y1) { return int32_t(rng_.range(y0, y1)); }
  bool resident(int32_t p) const { return w_.state[size_t(p)].alive && w_.state[size_t(p)].household >= 0; }
  const Person& person(int32_t p) const { return w_.batch.persons[size_t(p)]; }
  bool female(int32_t p) const { return person(p).sex == Sex::kFemale; }
  const CommuneInfo& commune_of(int32_t p) const {
    return w_.communes[size_t(w_.villages[size_t(w_.state[size_t(p)].village)].commune)];
  }

  VitalEvent event(EventType type, int32_t day, int32_t p) {
    VitalEvent e;
    e.type = type;
    e.date = Date::from_days(day);
    e.person = PersonId(p + 1);
    return e;
  }

  void draw_year(int32_t y0, int32_t y1) {
    const size_t n = w_.batch.persons.size();
    // Married share of women by 5-year group, to turn age-specific fertility
    // into the chance of a married woman giving birth.
    // Per commune, so each commune's own fertility level is reached.
    std::vector<std::array<double, 7>> women(w_.communes.size()), users(w_.communes.size());
    singles_.assign(w_.communes.size(), {});
    for (size_t i = 0; i < n; ++i) {
      if (!resident(int32_t(i))) continue;
      const int age = age_on(person(int32_t(i)), y0);
      if (female(int32_t(i)) && age >= 15 && age <= 49) {
        const size_t ci = size_t(w_.villages[size_t(w_.state[i].village)].commune);
        women[ci][size_t((age - 15) / 5)] += 1;
        if (w_.state[i].marital == 1)
          users[ci][size_t((age - 15) / 5)] +=
              (w_.state[i].method >= 0 ? 0.08 : 1.0) *
              parity_factor(w_.state[i].parity, w_.communes[ci].kind == CommuneKind::kMountain);
      }
      if (!female(int32_t(i)) && age >= 18 && age <= 45 && w_.state[i].marital != 1)
        singles_[size_t(w_.villages[size_t(w_.state[i].village)].commune)].push_back(int32_t(i));
    }
    int64_t population = 0;
    for (size_t i = 0; i < n; ++i) {
      const auto p = int32_t(i);
      if (!resident(p)) continue;
      ++population;
      const PersonState& st = w_.state[i];
      const int age = age_on(person(p), y0);
      const bool f = female(p);
      const CommuneInfo& c = commune_of(p);
      const bool mountain = c.kind == CommuneKind::kMountain;
      if (rng_.chance(mortality(age, f))) push(day_in(y0, y1), Kind::kDeath, p);
      const double out = (age >= 18 && age <= 34) ? 0.025 : 0.006;
      if (rng_.chance(out)) push(day_in(y0, y1), rng_.chance(0.35) ? Kind::kMoveInternal : Kind::kMoveOut, p);
      if (age >= 60 && rng_.chance(0.3)) push(day_in(y0, y1), Kind::kElderlyCheck, p);
      if (rng_.chance(0.08)) push(day_in(y0, y1), Kind::kInsurance, p);
      if (!f) continue;
      if (st.marital != 1 && age >= (mountain ? 15 : 18) && age <= 34) {
        const double pm = age < 18 ? 0.03 : 0.12;
        if (rng_.chance(pm)) push(day_in(y0, y1), Kind::kMarriage, p);
      }
      if (st.marital == 1 && age >= 15 && age <= 49) {
        const size_t g = size_t((age - 15) / 5);
        // Married women bear the group's births, users of a method at 8% of
        // the rate of the others, weighted by their number of children.
        const size_t ci = size_t(w_.villages[size_t(st.village)].commune);
        const double exposed = users[ci][g] > 0 ? users[ci][g] / women[ci][g] : 1.0;
        // kDrawnToRealised makes up for drawn births that cannot happen (a
        // birth less than 300 days before, a death, a move, a divorce first).
        constexpr double kDrawnToRealised = 1.25;
        double rate = kFertilityShare[g] / 100.0 * c.tfr / 5.0 / std::max(exposed, 0.03) * parity_factor(st.parity, mountain) *
                      kDrawnToRealised;
        if (st.method >= 0) rate *= 0.08;
        if (rng_.chance(std::min(rate, 0.7))) push(day_in(y0, y1), Kind::kBirth, p);
        if (rng_.chance(0.002)) push(day_in(y0, y1), Kind::kDivorce, p);
        if (st.method >= 0) {
          if (rng_.chance(0.06)) push(day_in(y0, y1), Kind::kCpStop, p);
          else if (rng_.chance(0.05)) push(day_in(y0, y1), Kind::kCpChange, p);
        } else if (rng_.chance(0.12)) {
          push(day_in(y0, y1), Kind::kCpStart, p);
        }
        if (st.method < 0 && age <= 44 && rng_.chance(0.03)) push(day_in(y0, y1), Kind::kPregnancyLoss, p);
      }
    }
    // Arrivals from outside the province, about 0.6% of the population a year.
    const int64_t arrivals = int64_t(double(population) * 0.006 * (y1 - y0 + 1) / 365.0);
    for (int64_t k = 0; k < arrivals; ++k)
      push(day_in(y0, y1), Kind::kArrival, int32_t(rng_.range(0, int64_t(w_.villages.size()) - 1)));
  }

  void apply(const Candidate& c) {
    switch (c.kind) {
      case Kind::kDeath: return death(c.date, c.person);
      case Kind::kBirth: return birth(c.date, c.person);
      case Kind::kMoveOut: return move_out(c.date, c.person, false);
      case Kind::kMoveInternal: return move_out(c.date, c.person, true);
      case Kind::kMarriage: return marriage(c.date, c.person);
      case Kind::kDivorce: return divorce(c.date, c.person);
      case Kind::kCpStart: return cp_start(c.date, c.person);
      case Kind::kCpStop: return cp_stop(c.date, c.person);
      case Kind::kCpChange: return cp_change(c.date, c.person);
      case Kind::kElderlyCheck:
        if (resident(c.person)) emit(event(EventType::kElderlyHealthCheck, c.date, c.person), c.person);
        return;
      case Kind::kInsurance:
        if (resident(c.person)) emit(event(EventType::kHealthInsuranceCard, c.date, c.person), c.person);
        return;
      case Kind::kArrival: return arrival(c.date, c.person);
      case Kind::kNewbornScreening:
        if (resident(c.person)) {
          VitalEvent e = event(EventType::kNewbornScreening, c.date, c.person);
          e.conditions = c.aux;
          emit(std::move(e), c.person);
        }
        return;
      case Kind::kPregnancyLoss: {
        PersonState& st = w_.state[size_t(c.person)];
        if (!resident(c.person) || st.marital != 1 || st.method >= 0 || c.date - st.last_birth < 300) return;
        VitalEvent e = event(EventType::kPregnancy, c.date, c.person);
        e.outcome = rng_.chance(0.6) ? PregnancyOutcome::kMiscarriage : PregnancyOutcome::kAbortion;
        emit(std::move(e), c.person);
        st.last_loss = c.date;
        return;
      }
    }
  }

  void emit(VitalEvent e, int32_t p) { w_.emit(std::move(e), w_.state[size_t(p)].village); }

  void death(int32_t day, int32_t p) {
    if (!resident(p) || day <= w_.state[size_t(p)].spell_start) return;
    VitalEvent e = event(EventType::kDeath, day, p);
    e.place = rng_.chance(0.6) ? "Tại nhà" : "Bệnh viện huyện";
    emit(std::move(e), p);
    PersonState& st = w_.state[size_t(p)];
    st.alive = false;
    st.household = -1;
    if (st.spouse >= 0) {
      PersonState& sp = w_.state[size_t(st.spouse)];
      if (sp.spouse == p) sp.spouse = -1, sp.marital = 2;
    }
  }

  void birth(int32_t day, int32_t m) {
    PersonState& st = w_.state[size_t(m)];
    if (!resident(m) || st.marital != 1 || day - st.last_birth < 300) return;
    const Person& mother = person(m);
    const int mage = age_on(mother, day);
    if (mage < rules::kMinMotherAge || mage > rules::kMaxMotherAge) return;
    const int order = st.parity + 1;
    const double srb = order >= 3 ? kSrbHighOrder : kSrbLowOrder;
    const bool boy = rng_.chance(srb / (srb + 100.0));
    // The child.
    Person child;
    child.id = PersonId(int64_t(w_.batch.persons.size()) + 1);
    child.household = w_.batch.households[size_t(st.household)].id;
    const std::string& family_source = st.spouse >= 0 ? person(st.spouse).name : mother.name;
    child.name = given_name_with_family(rng_, family_source.substr(0, family_source.find(' ')), !boy);
    child.sex = boy ? Sex::kMale : Sex::kFemale;
    child.birth_date = Date::from_days(day);
    child.relation = (mother.relation == Relation::kHead || mother.relation == Relation::kSpouse) ? Relation::kChild
                                                                                                  : Relation::kGrandchild;
    child.ethnicity = mother.ethnicity;
    child.registered_on = child.birth_date;
    const int32_t c = int32_t(w_.batch.persons.size());
    w_.batch.persons.push_back(std::move(child));
    PersonState cs;
    cs.household = st.household;
    cs.village = st.village;
    cs.spell_start = day;
    w_.state.push_back(cs);
    PersonState& ms = w_.state[size_t(m)];  // the vector may have moved
    // Stopping contraception before the pregnancy, the pregnancy, prenatal screening.
    if (ms.method >= 0) {
      VitalEvent stop = event(EventType::kContraceptionStop, std::max({ms.method_since + 1, ms.spell_start, day - 300}), m);
      stop.method = ContraceptiveMethod(ms.method);
      if (stop.date.days() < day) emit(std::move(stop), m);
      ms.method = -1;
    }
    const int32_t preg = day - 270 + int32_t(rng_.range(-10, 10));
    if (preg >= w_.start_day && preg >= ms.spell_start && preg > ms.last_birth) {
      // A pregnancy lost on the day this one is drawn to begin (the two are
      // drawn apart) would give the woman two pregnancy slips on one day, a
      // slip sent twice, which the events import refuses: the demo's files
      // must import as they were exported. This one is then recorded the
      // day after (nothing else of the demo changes).
      VitalEvent pe = event(EventType::kPregnancy, preg == ms.last_loss ? preg + 1 : preg, m);
      pe.outcome = PregnancyOutcome::kLiveBirth;
      emit(std::move(pe), m);
      if (rng_.chance(0.78)) {
        VitalEvent sc = event(EventType::kPrenatalScreening, preg + int32_t(rng_.range(60, 240)), m);
        sc.conditions = rng_.chance(0.72) ? int(rng_.range(4, 6)) : int(rng_.range(1, 3));
        if (sc.date.days() < day) emit(std::move(sc), m);
      }
    }
    VitalEvent b = event(EventType::kBirth, day, c);
    b.related = PersonId(m + 1);
    b.birth_order = order;
    b.place = rng_.chance(0.7) ? "Trạm Y tế xã" : "Bệnh viện huyện";
    emit(std::move(b), m);
    ms.parity = int16_t(order);
    ms.last_birth = day;
    if (rng_.chance(0.87))
      push(day + int32_t(rng_.range(1, 7)), Kind::kNewbornScreening, c, rng_.chance(0.8) ? int(rng_.range(5, 6)) : int(rng_.range(1, 4)));
    if (rng_.chance(1 - std::exp(-(boy ? kMxMale[0] : kMxFemale[0])))) push(day + int32_t(rng_.range(1, 364)), Kind::kDeath, c);
    if (rng_.chance(0.55)) push(day + int32_t(rng_.range(60, 200)), Kind::kCpStart, m);
  }

  int32_t new_household(int32_t day, int32_t village) {
    Household hh;
    hh.id = HouseholdId(int64_t(w_.batch.households.size()) + 1);
    const OrgUnit& v = w_.village_unit(village);
    hh.village = v.id;
    hh.village_code = v.code;
    hh.address = "Số " + std::to_string(w_.villages[size_t(village)].households.size() + 1) + ", " + v.name;
    hh.ethnic_minority = w_.minority(village) && rng_.chance(0.8);
    hh.registered_on = Date::from_days(day);
    const int32_t h = int32_t(w_.batch.households.size());
    w_.batch.households.push_back(std::move(hh));
    w_.household_village.push_back(village);
    w_.villages[size_t(village)].households.push_back(h);
    return h;
  }

  int32_t household_in(int32_t day, int32_t village) {
    const auto& hs = w_.villages[size_t(village)].households;
    if (hs.empty() || rng_.chance(0.3)) return new_household(day, village);
    return hs[size_t(rng_.range(0, int64_t(hs.size()) - 1))];
  }

  // Moves the person into household h (of another village when `village`
  // differs), recording move_out from the old village first when needed.
  void move_into(int32_t day, int32_t p, int32_t h, const std::string& from_code) {
    PersonState& st = w_.state[size_t(p)];
    const int32_t v = w_.household_village[size_t(h)];
    if (st.household >= 0 && v != st.village) {
      VitalEvent out = event(EventType::kMoveOut, day, p);
      out.counterpart = w_.village_unit(v).code;
      emit(std::move(out), p);
    }
    VitalEvent in = event(EventType::kMoveIn, day, p);
    in.household = w_.batch.households[size_t(h)].id;
    in.counterpart = from_code;
    w_.emit(std::move(in), v);
    st.household = h;
    st.village = v;
    st.spell_start = day;
  }

  void move_out(int32_t day, int32_t p, bool internal) {
    if (!resident(p) || day <= w_.state[size_t(p)].spell_start) return;
    PersonState& st = w_.state[size_t(p)];
    if (internal && w_.villages.size() > 1) {
      int32_t v = st.village;
      while (v == st.village) v = int32_t(rng_.range(0, int64_t(w_.villages.size()) - 1));
      move_into(day, p, household_in(day, v), w_.village_unit(st.village).code);
      return;
    }
    VitalEvent e = event(EventType::kMoveOut, day, p);
    e.counterpart = kOutsideProvinces[size_t(rng_.range(0, int64_t(kOutsideProvinces.size()) - 1))];
    emit(std::move(e), p);
    st.household = -1;
  }

  void marriage(int32_t day, int32_t w) {
    PersonState& ws = w_.state[size_t(w)];
    if (!resident(w) || ws.marital == 1 || day <= ws.spell_start) return;
    const bool mountain = commune_of(w).kind == CommuneKind::kMountain;
    const int wage = age_on(person(w), day);
    if (wage < (mountain ? 15 : 18)) return;
    auto& pool = singles_[size_t(w_.villages[size_t(ws.village)].commune)];
    int32_t m = -1;
    for (int tries = 0; tries < 30 && !pool.empty(); ++tries) {
      const size_t k = size_t(rng_.range(0, int64_t(pool.size()) - 1));
      const int32_t cand = pool[k];
      const PersonState& cs = w_.state[size_t(cand)];
      if (!resident(cand) || cs.marital == 1) {
        pool[k] = pool.back();
        pool.pop_back();
        continue;
      }
      const int mage = age_on(person(cand), day);
      if (cs.household == ws.household || mage < wage - 2 || mage > wage + 10 || mage < (mountain ? 18 : 20)) continue;
      m = cand;
      pool[k] = pool.back();
      pool.pop_back();
      break;
    }
    if (m < 0) return;
    PersonState& ms = w_.state[size_t(m)];
    for (int32_t q : {w, m}) {
      const int32_t cday = day - int32_t(rng_.range(10, 150));
      if (rng_.chance(0.8) && cday >= w_.start_day && cday >= w_.state[size_t(q)].spell_start)
        emit(event(EventType::kPremaritalCounselling, cday, q), q);
    }
    VitalEvent e = event(EventType::kMarriage, day, w);
    e.related = PersonId(m + 1);
    e.child_marriage = rules::is_child_marriage(Sex::kFemale, person(w).birth_date, e.date) ||
                       rules::is_child_marriage(Sex::kMale, person(m).birth_date, e.date);
    e.consanguineous = mountain && rng_.chance(0.03);
    w_.emit(std::move(e), ms.village);  // she lives with him from this day
    if (ws.household != ms.household) move_into(day, w, ms.household, w_.village_unit(ws.village).code);
    ws.marital = ms.marital = 1;
    ws.spouse = m;
    ms.spouse = w;
  }

  void divorce(int32_t day, int32_t w) {
    PersonState& ws = w_.state[size_t(w)];
    if (!resident(w) || ws.marital != 1 || ws.spouse < 0 || !resident(ws.spouse)) return;
    VitalEvent e = event(EventType::kDivorce, day, w);
    e.related = PersonId(ws.spouse + 1);
    emit(std::move(e), w);
    PersonState& ms = w_.state[size_t(ws.spouse)];
    ms.marital = ws.marital = 3;
    ms.spouse = ws.spouse = -1;
  }

  bool can_use(int32_t day, int32_t w) {
    const PersonState& st = w_.state[size_t(w)];
    const int age = age_on(person(w), day);
    return resident(w) && st.marital == 1 && age >= 15 && age <= 49;
  }

  void cp_start(int32_t day, int32_t w) {
    PersonState& st = w_.state[size_t(w)];
    if (!can_use(day, w) || st.method >= 0) return;
    st.method = int8_t(pick_method(rng_, -1));
    st.method_since = day;
    VitalEvent e = event(EventType::kContraceptionStart, day, w);
    e.method = ContraceptiveMethod(st.method);
    emit(std::move(e), w);
  }

  void cp_stop(int32_t day, int32_t w) {
    PersonState& st = w_.state[size_t(w)];
    if (!resident(w) || st.method < 0 || day <= st.method_since) return;
    VitalEvent e = event(EventType::kContraceptionStop, day, w);
    e.method = ContraceptiveMethod(st.method);
    emit(std::move(e), w);
    st.method = -1;
  }

  void cp_change(int32_t day, int32_t w) {
    PersonState& st = w_.state[size_t(w)];
    if (!can_use(day, w) || st.method < 0 || day <= st.method_since) return;
    st.method = int8_t(pick_method(rng_, st.method));
    st.method_since = day;
    VitalEvent e = event(EventType::kContraceptionChange, day, w);
    e.method = ContraceptiveMethod(st.method);
    emit(std::move(e), w);
  }

  void arrival(int32_t day, int32_t village) {
    const bool f = rng_.chance(0.5);
    const int age = int(rng_.range(18, 40));
    Person p;
    p.id = PersonId(int64_t(w_.batch.persons.size()) + 1);
    const int32_t h = household_in(day, village);
    const bool alone = w_.villages[size_t(village)].households.back() == h &&
                       w_.batch.households[size_t(h)].registered_on.days() == day;
    p.household = w_.batch.households[size_t(h)].id;
    p.name = person_name(rng_, f, w_.minority(village));
    p.sex = f ? Sex::kFemale : Sex::kMale;
    p.birth_date = Date::from_days(day - int32_t(age * 365.25 + rng_.uniform() * 364.0) - 1);
    p.citizen_id = "99" + std::string(10 - std::min<size_t>(10, std::to_string(p.id.value).size()), '0') +
                   std::to_string(p.id.value);
    p.relation = alone ? Relation::kHead : Relation::kOther;
    p.ethnicity = w_.batch.households[size_t(h)].ethnic_minority ? "Thái" : "Kinh";
    p.residence = rng_.chance(0.6) ? ResidenceStatus::kTemporary : ResidenceStatus::kPermanent;
    p.registered_on = Date::from_days(day);
    const int32_t idx = int32_t(w_.batch.persons.size());
    w_.batch.persons.push_back(std::move(p));
    PersonState st;
    st.household = h;
    st.village = village;
    st.spell_start = day;
    w_.state.push_back(st);
    VitalEvent e = event(EventType::kMoveIn, day, idx);
    e.household = w_.batch.households[size_t(h)].id;
    e.counterpart = kOutsideProvinces[size_t(rng_.range(0, int64_t(kOutsideProvinces.size()) - 1))];
    emit(std::move(e), idx);
  }

  World& w_;
  Random& rng_;
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue_;
  std::vector<std::vector<int32_t>> singles_;  // by commune: single men 18-45 at the year's start
};

}  // namespace

void simulate(World& w) { Simulation(w).run(); }

}  // namespace danso::demo

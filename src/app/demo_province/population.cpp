// The initial population on 1 January of the first year: persons drawn from
// the pyramid village by village, then grouped into households — couples
// (wife 0-8 years younger), their children, elderly parents, and people
// living alone — so the pyramid holds exactly and households look real.
#include <algorithm>
#include <array>

#include "app/demo_province/names.h"
#include "app/demo_province/tables.h"
#include "app/demo_province/world.h"

namespace danso::demo {

namespace {

constexpr std::array<const char*, 5> kMinorityEthnicities = {"Thái", "H'Mông", "Mường", "Tày", "Dao"};

struct Draft {
  bool female;
  int age;
  int32_t birth;
  int32_t household = -1;
  Relation relation = Relation::kOther;
  bool married = false;
  int32_t spouse = -1;  // draft index
  int8_t marital = 0;
};

double married_share(int age, bool female) {
  if (age < 18) return 0;
  if (female) {
    if (age < 20) return 0.12;
    if (age < 25) return 0.45;
    if (age < 30) return 0.75;
    if (age < 60) return 0.88;
    if (age < 70) return 0.70;
    return 0.40;
  }
  return 0;  // men are matched to women
}

}  // namespace

void build_population(World& w) {
  Random& rng = w.rng;
  // Village sizes: about 1,000 persons each, varying by +-30%, summing to the total.
  const size_t nv = w.villages.size();
  std::vector<double> weight(nv);
  double total_w = 0;
  for (auto& x : weight) total_w += x = 0.7 + 0.6 * rng.uniform();
  std::vector<int64_t> size(nv);
  int64_t assigned = 0;
  for (size_t v = 0; v < nv; ++v) assigned += size[v] = int64_t(double(w.opt.persons) * weight[v] / total_w);
  for (size_t v = 0; assigned < w.opt.persons; v = (v + 1) % nv) ++size[v], ++assigned;

  std::array<double, 21> cum_m{}, cum_f{}, cum_m_mount{}, cum_f_mount{};
  double am = 0, af = 0, amm = 0, afm = 0;
  for (size_t g = 0; g < 21; ++g) {
    // Mountainous communes: more children, fewer elderly.
    const double adj = g < 3 ? 1.3 : g >= 12 ? 0.75 : 1.0;
    cum_m[g] = am += kPopMale2020[g];
    cum_f[g] = af += kPopFemale2020[g];
    cum_m_mount[g] = amm += kPopMale2020[g] * adj;
    cum_f_mount[g] = afm += kPopFemale2020[g] * adj;
  }
  const double female_share = af / (am + af);
  const int32_t R = w.start_day;
  const Date reg = Date::from_days(R);

  for (size_t v = 0; v < nv; ++v) {
    const bool minority = w.minority(int32_t(v));
    const OrgUnit& vunit = w.village_unit(int32_t(v));
    const CommuneInfo& commune = w.communes[size_t(w.villages[v].commune)];
    std::vector<Draft> d(static_cast<size_t>(size[v]));
    for (auto& p : d) {
      p.female = rng.chance(female_share);
      const size_t g = rng.pick(p.female ? (minority ? cum_f_mount : cum_f) : (minority ? cum_m_mount : cum_m));
      p.age = int(g) * 5 + int(rng.range(0, 4));
      p.birth = R - int32_t(p.age * 365.25 + rng.uniform() * 364.0) - 1;
    }
    // Couples.
    std::vector<std::vector<int32_t>> men_by_age(110);
    for (size_t i = 0; i < d.size(); ++i)
      if (!d[i].female && d[i].age >= 18) men_by_age[size_t(d[i].age)].push_back(int32_t(i));
    std::vector<int32_t> order(d.size());
    for (size_t i = 0; i < d.size(); ++i) order[i] = int32_t(i);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[size_t(rng.range(0, int64_t(i) - 1))]);
    struct HouseDraft {
      std::vector<int32_t> members;
      int32_t wife = -1;
    };
    std::vector<HouseDraft> houses;
    std::vector<std::vector<int32_t>> couples_by_wife_age(110);
    for (int32_t i : order) {
      Draft& wmn = d[size_t(i)];
      if (!wmn.female || !rng.chance(married_share(wmn.age, true))) continue;
      const int start = int(rng.range(0, 8));
      for (int k = 0; k < 9; ++k) {
        const int age = wmn.age + (start + k) % 9 - 1;
        if (age < 18 || age >= 110 || men_by_age[size_t(age)].empty()) continue;
        const int32_t m = men_by_age[size_t(age)].back();
        men_by_age[size_t(age)].pop_back();
        wmn.married = d[size_t(m)].married = true;
        wmn.spouse = m, d[size_t(m)].spouse = i;
        wmn.marital = d[size_t(m)].marital = 1;
        d[size_t(m)].relation = Relation::kHead;
        wmn.relation = Relation::kSpouse;
        const int32_t h = int32_t(houses.size());
        houses.push_back({{m, i}, i});
        d[size_t(m)].household = wmn.household = h;
        couples_by_wife_age[size_t(wmn.age)].push_back(h);
        break;
      }
    }
    // Children and young single adults join a couple old enough to be their parents.
    for (int32_t i : order) {
      Draft& p = d[size_t(i)];
      if (p.household >= 0 || p.age >= 30) continue;
      int32_t h = -1;
      for (int tries = 0; tries < 10 && h < 0; ++tries) {
        const int wa = p.age + int(rng.range(18, 40));
        if (wa < 110 && !couples_by_wife_age[size_t(wa)].empty()) {
          const auto& list = couples_by_wife_age[size_t(wa)];
          h = list[size_t(rng.range(0, int64_t(list.size()) - 1))];
        }
      }
      if (h >= 0) {
        p.relation = Relation::kChild;
      } else if (!houses.empty() && p.age < 18) {
        h = int32_t(rng.range(0, int64_t(houses.size()) - 1));
        p.relation = Relation::kGrandchild;
      } else {
        continue;
      }
      p.household = h;
      houses[size_t(h)].members.push_back(i);
    }
    // Everyone else: elderly parents with a couple, or a household of their own.
    for (int32_t i : order) {
      Draft& p = d[size_t(i)];
      if (p.household >= 0) continue;
      if (p.age >= 55) p.marital = rng.chance(0.7) ? 2 : (rng.chance(0.3) ? 3 : 0);
      else if (p.age >= 30) p.marital = rng.chance(0.25) ? 3 : 0;
      if (p.age >= 55 && !houses.empty() && rng.chance(0.5)) {
        const int32_t h = int32_t(rng.range(0, int64_t(houses.size()) - 1));
        p.household = h;
        p.relation = Relation::kParent;
        houses[size_t(h)].members.push_back(i);
        continue;
      }
      p.household = int32_t(houses.size());
      p.relation = Relation::kHead;
      houses.push_back({{i}, -1});
    }
    // Write households and persons.
    const std::string vname = vunit.name;
    for (size_t h = 0; h < houses.size(); ++h) {
      Household hh;
      hh.id = HouseholdId(int64_t(w.batch.households.size()) + 1);
      hh.village = vunit.id;
      hh.village_code = vunit.code;
      hh.address = "Số " + std::to_string(h + 1) + ", " + vname;
      const double r = rng.uniform();
      hh.poverty = minority ? (r < 0.25 ? Poverty::kPoor : r < 0.37 ? Poverty::kNearPoor : Poverty::kNone)
                            : (r < 0.04 ? Poverty::kPoor : r < 0.10 ? Poverty::kNearPoor : Poverty::kNone);
      hh.social_protection = rng.chance(0.05);
      hh.ethnic_minority = minority && rng.chance(0.85);
      hh.registered_on = reg;
      const int32_t hidx = int32_t(w.batch.households.size());
      w.batch.households.push_back(hh);
      w.household_village.push_back(int32_t(v));
      w.villages[v].households.push_back(hidx);
      const std::string ethnicity =
          hh.ethnic_minority ? kMinorityEthnicities[size_t(rng.range(0, int64_t(kMinorityEthnicities.size()) - 1))]
                             : "Kinh";
      const std::string family = family_name(rng, hh.ethnic_minority);
      std::vector<int32_t> index_of(houses[h].members.size());
      const int32_t first_id = int32_t(w.batch.persons.size());
      for (size_t k = 0; k < houses[h].members.size(); ++k) {
        const Draft& p = d[size_t(houses[h].members[k])];
        Person person;
        person.id = PersonId(int64_t(w.batch.persons.size()) + 1);
        person.household = hh.id;
        const bool own_family = p.relation == Relation::kSpouse || p.relation == Relation::kParent;
        person.name = own_family ? person_name(rng, p.female, hh.ethnic_minority)
                                 : given_name_with_family(rng, family, p.female);
        person.sex = p.female ? Sex::kFemale : Sex::kMale;
        person.birth_date = Date::from_days(p.birth);
        if (p.age >= 14) person.citizen_id = "99" + pad(person.id.value, 10);
        person.relation = p.relation;
        person.ethnicity = ethnicity;
        const double rs = rng.uniform();
        person.residence = rs < 0.93 ? ResidenceStatus::kPermanent
                                     : rs < 0.98 ? ResidenceStatus::kTemporary : ResidenceStatus::kAbsent;
        person.registered_on = reg;
        w.batch.persons.push_back(std::move(person));
        PersonState st;
        st.household = hidx;
        st.village = int32_t(v);
        st.spell_start = R;
        st.marital = p.marital;
        w.state.push_back(st);
        index_of[k] = first_id + int32_t(k);
      }
      // Spouse links, parity, and contraception in use on the first day.
      for (size_t k = 0; k < houses[h].members.size(); ++k) {
        const Draft& p = d[size_t(houses[h].members[k])];
        PersonState& st = w.state[size_t(index_of[k])];
        if (p.spouse >= 0)
          for (size_t j = 0; j < houses[h].members.size(); ++j)
            if (houses[h].members[j] == p.spouse) st.spouse = index_of[j];
        if (!p.female || p.age < 15) continue;
        int children = 0;
        if (houses[h].wife == houses[h].members[k])
          for (int32_t m : houses[h].members) children += d[size_t(m)].relation == Relation::kChild;
        const double expected = commune.tfr * std::min(1.0, std::max(0.0, (p.age - 17) / 18.0));
        st.parity = int16_t(std::max<double>(children, std::floor(expected + rng.uniform() - 0.3)));
        if (p.married && p.age <= 49) {
          const double use = p.age < 20 ? 0.35 : p.age >= 45 ? 0.6 : 0.8;
          if (rng.chance(use)) {
            int method = int(ContraceptiveMethod::kTraditional);
            if (!rng.chance(kTraditionalShare)) {
              std::array<double, 8> cum{};
              double a = 0;
              for (size_t m = 0; m < 8; ++m) cum[m] = a += kModernMix[m];
              method = int(rng.pick(cum));
            }
            st.method = int8_t(method);
            st.method_since = R;
            VitalEvent e;
            e.type = EventType::kContraceptionStart;
            e.date = reg;
            e.person = PersonId(index_of[k] + 1);
            e.method = ContraceptiveMethod(method);
            w.emit(std::move(e), int32_t(v));
          }
        }
      }
    }
    if (v % 50 == 0) w.progress("dân số ban đầu / initial population", double(v + 1) / double(nv));
  }
}

}  // namespace danso::demo

#include "analytics/measures.h"

#include <charconv>

namespace danso::analytics {

namespace {

struct MeasureDef {
  const char* name;
  const char* description;
  bool by_age;
};

constexpr MeasureDef kMeasures[] = {
    {"population_start", "persons living in the unit on the period's first day", true},
    {"population_mid", "persons living in the unit on the period's middle day", true},
    {"population_end", "persons living in the unit on the period's last day", true},
    {"population_start_male", "men on the first day", true},
    {"population_start_female", "women on the first day", true},
    {"population_mid_male", "men on the middle day", true},
    {"population_mid_female", "women on the middle day", true},
    {"population_end_male", "men on the last day", true},
    {"population_end_female", "women on the last day", true},
    {"population_end_permanent", "permanent residents (dân số thường trú) on the last day: population_end without the temporary residents", false},
    {"population_end_permanent_male", "men among them", false},
    {"population_end_permanent_female", "women among them", false},
    {"temporary_residents_end", "temporary residents (tạm trú) living in the unit on the last day", false},
    {"person_years", "person-years lived in the unit during the period", true},
    {"person_years_male", "person-years of men", true},
    {"person_years_female", "person-years of women", true},
    {"deaths", "deaths in the period (age at death)", true},
    {"deaths_male", "deaths of men", true},
    {"deaths_female", "deaths of women", true},
    {"births", "live births in the period", false},
    {"births_male", "boys born", false},
    {"births_female", "girls born", false},
    {"births_mother_age", "births by the mother's completed age at the birth", true},
    {"births_order1", "births of order 1", false},
    {"births_order2", "births of order 2", false},
    {"births_order3plus", "births of order 3 or higher", false},
    {"births_mother_under20", "births to mothers under 20", false},
    {"births_prenatal_screened4", "births whose mother was screened for >= 4 conditions in the 300 days before", false},
    {"births_newborn_screened5", "births whose child was screened for >= 5 conditions", false},
    {"mothers_giving_birth", "women giving birth in the period, once per delivery (twins born the same day or the next count once)", false},
    {"mothers_giving_birth_order3plus", "of them, giving birth to a child of order 3 or higher", false},
    {"mothers_prenatal_screened4", "of them, screened for >= 4 conditions in the 300 days before", false},
    {"married_women_15_49", "married women aged 15-49 living in the unit on the middle day", false},
    {"married_women_15_49_end", "married women aged 15-49 living in the unit on the last day", false},
    {"households_end", "households with at least one resident on the last day", false},
    {"cp_users_any", "of them, using any contraceptive method", false},
    {"cp_users_modern", "of them, using a modern method", false},
    {"new_acceptors", "contraception_start events in the period", false},
    {"marriages", "marriages in the period", false},
    {"child_marriages", "marriages with a spouse under the legal age", false},
    {"consanguineous_marriages", "consanguineous marriages", false},
    {"divorces", "divorces", false},
    {"persons_marrying", "persons marrying in the period (two per marriage, one when the spouse is not in the register)", false},
    {"persons_marrying_counselled", "of them, counselled before marriage within 365 days", false},
    {"couples_marrying_counselled", "marriages whose partners in the register were all counselled within 365 days before", false},
    {"moves_in", "move_in events", false},
    {"moves_out", "move_out events", false},
    {"pregnancies", "pregnancies recorded", false},
    {"adolescent_pregnancies", "pregnancies of women under 20", false},
    {"prenatal_screenings", "prenatal screening events", false},
    {"newborn_screenings", "newborn screening events", false},
    {"premarital_counsellings", "premarital counselling events", false},
};

const MeasureDef* find_def(std::string_view name) {
  for (const auto& d : kMeasures)
    if (name == d.name) return &d;
  return nullptr;
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// Every count is an integer: summed exactly, then made a double.
template <typename Arr>
int64_t int_sum(const Arr& a, int from, int to) {
  int64_t v = 0;
  for (int i = from; i <= to; ++i) v += a[size_t(i)];
  return v;
}
template <typename Arr>
double sum_ages(const Arr& a, int from, int to) {
  return double(int_sum(a, from, to));
}

double both_ages(const AgeSex& x, int a, int b) { return double(int_sum(x[0], a, b) + int_sum(x[1], a, b)); }
// Person-years from person-days.
double years_of(const AgeSexDays& x, int sex, int a, int b) { return double(int_sum(x[size_t(sex)], a, b)) / kDaysPerYear; }

}  // namespace

MeasureFn resolve_measure(const std::string& n);

Result<MeasureRef> parse_measure(std::string_view text) {
  MeasureRef m;
  m.text = std::string(text);
  std::string_view name = text;
  std::string_view range;
  if (auto b = text.find('['); b != std::string_view::npos) {
    if (text.back() != ']')
      return Error::invalid("measure", "thiếu ']' trong '" + m.text + "'", "missing ']' in '" + m.text + "'");
    name = text.substr(0, b);
    range = text.substr(b + 1, text.size() - b - 2);
  }
  const MeasureDef* def = find_def(name);
  if (!def)
    return Error::invalid("measure", "không có số đo '" + std::string(name) + "'",
                          "unknown measure '" + std::string(name) + "'");
  m.name = def->name;
  m.get = resolve_measure(m.name);
  if (range.empty()) return m;
  if (!def->by_age)
    return Error::invalid("measure", "số đo '" + m.name + "' không chia theo tuổi",
                          "measure '" + m.name + "' has no age breakdown");
  auto bad = Error::invalid("measure", "khoảng tuổi không hợp lệ '" + std::string(range) + "' (ví dụ 15-49, 65+)",
                            "invalid age range '" + std::string(range) + "' (e.g. 15-49, 65+)");
  if (range.back() == '+') {
    if (!parse_int(range.substr(0, range.size() - 1), m.age_from)) return bad;
    m.age_to = kAges - 1;
  } else if (auto dash = range.find('-'); dash != std::string_view::npos) {
    if (!parse_int(range.substr(0, dash), m.age_from) || !parse_int(range.substr(dash + 1), m.age_to)) return bad;
  } else {
    if (!parse_int(range, m.age_from)) return bad;
    m.age_to = m.age_from;
  }
  if (m.age_from < 0 || m.age_to >= kAges || m.age_from > m.age_to) return bad;
  return m;
}

MeasureFn resolve_measure(const std::string& n) {
  if (n == "population_start") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return both_ages(c.pop_start, a, b); };
  if (n == "population_mid") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return both_ages(c.pop_mid, a, b); };
  if (n == "population_end") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return both_ages(c.pop_end, a, b); };
  if (n == "population_start_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_start[0], a, b); };
  if (n == "population_start_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_start[1], a, b); };
  if (n == "population_mid_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_mid[0], a, b); };
  if (n == "population_mid_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_mid[1], a, b); };
  if (n == "population_end_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_end[0], a, b); };
  if (n == "population_end_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_end[1], a, b); };
  if (n == "population_end_permanent") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.permanent_population_end()); };
  if (n == "population_end_permanent_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_end[0], 0, kAges - 1) - double(c.temporary_end[0]); };
  if (n == "population_end_permanent_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.pop_end[1], 0, kAges - 1) - double(c.temporary_end[1]); };
  if (n == "temporary_residents_end") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.temporary_end[0] + c.temporary_end[1]); };
  if (n == "person_years") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(int_sum(c.person_days[0], a, b) + int_sum(c.person_days[1], a, b)) / kDaysPerYear; };
  if (n == "person_years_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return years_of(c.person_days, 0, a, b); };
  if (n == "person_years_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return years_of(c.person_days, 1, a, b); };
  if (n == "deaths") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return both_ages(c.deaths, a, b); };
  if (n == "deaths_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.deaths[0], a, b); };
  if (n == "deaths_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.deaths[1], a, b); };
  if (n == "births") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births[0] + c.births[1]); };
  if (n == "births_male") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births[0]); };
  if (n == "births_female") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births[1]); };
  if (n == "births_mother_age") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return sum_ages(c.births_by_mother_age, a, b); };
  if (n == "births_order1") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births_order1); };
  if (n == "births_order2") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births_order2); };
  if (n == "births_order3plus") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births_order3plus); };
  if (n == "births_mother_under20") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births_mother_under20); };
  if (n == "births_prenatal_screened4") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births_prenatal_screened4); };
  if (n == "births_newborn_screened5") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.births_newborn_screened5); };
  if (n == "mothers_giving_birth") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.deliveries); };
  if (n == "mothers_giving_birth_order3plus") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.deliveries_order3plus); };
  if (n == "mothers_prenatal_screened4") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.deliveries_prenatal_screened4); };
  if (n == "married_women_15_49") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.married_women_15_49); };
  if (n == "married_women_15_49_end") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.married_women_15_49_end); };
  if (n == "households_end") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.households_end); };
  if (n == "cp_users_any") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.cp_users_any); };
  if (n == "cp_users_modern") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.cp_users_modern); };
  if (n == "new_acceptors")
    return [](const UnitCounts& c, int, int) -> double {
      double v = 0;
      for (auto x : c.new_acceptors) v += double(x);
      return v;
    };
  if (n == "marriages") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.marriages); };
  if (n == "child_marriages") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.child_marriages); };
  if (n == "consanguineous_marriages") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.consanguineous_marriages); };
  if (n == "divorces") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.divorces); };
  if (n == "persons_marrying") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.persons_marrying); };
  if (n == "persons_marrying_counselled") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.persons_marrying_counselled); };
  if (n == "couples_marrying_counselled") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.couples_counselled); };
  if (n == "moves_in") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.moves_in); };
  if (n == "moves_out") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.moves_out); };
  if (n == "pregnancies") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.pregnancies); };
  if (n == "adolescent_pregnancies") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.adolescent_pregnancies); };
  if (n == "prenatal_screenings") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.prenatal_screenings); };
  if (n == "newborn_screenings") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.newborn_screenings); };
  if (n == "premarital_counsellings") return [](const UnitCounts& c, [[maybe_unused]] int a, [[maybe_unused]] int b) -> double { return double(c.premarital_counsellings); };
  return nullptr;
}

double measure_value(const UnitCounts& c, const MeasureRef& m) {
  return m.get ? m.get(c, m.age_from, m.age_to) : 0.0;
}

std::vector<std::pair<std::string, std::string>> measure_names() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& d : kMeasures)
    out.emplace_back(std::string(d.name) + (d.by_age ? "[ages]" : ""), d.description);
  return out;
}

}  // namespace danso::analytics

#include "demography/fertility.h"

#include <cmath>
#include <numeric>
#include <string>

namespace danso::demography {

namespace {

bool non_negative(double v) { return v >= 0 && std::isfinite(v); }

}  // namespace

Result<double> general_fertility_rate(double births, double women_py) {
  if (!non_negative(births))
    return Error::invalid("births", "số sinh phải là số không âm", "births must be a non-negative number");
  if (!(women_py > 0) || !std::isfinite(women_py))
    return Error::invalid("women_person_years", "số người-năm của phụ nữ 15-49 phải dương",
                          "person-years of women 15-49 must be positive");
  return 1000.0 * births / women_py;
}

Result<std::vector<double>> births_by_fertility_group(const BirthsByMotherAge& b) {
  if (b.births.size() != 7 && b.births.size() != 35)
    return Error::invalid("births", "số sinh theo tuổi mẹ cần 7 nhóm 5 tuổi (15-19..45-49) hoặc 35 tuổi đơn (15..49)",
                          "births by mother's age need 7 five-year groups (15-19..45-49) or 35 single years (15..49)");
  for (double v : b.births)
    if (!non_negative(v)) return Error::invalid("births", "số sinh phải không âm", "births must be non-negative");
  if (!non_negative(b.under_15) || !non_negative(b.over_49) || !non_negative(b.unknown))
    return Error::invalid("births", "số sinh phải không âm", "births must be non-negative");
  std::vector<double> g = b.births;
  g.front() += b.under_15;
  g.back() += b.over_49;
  const double known = std::accumulate(g.begin(), g.end(), 0.0);
  if (b.unknown > 0) {
    if (!(known > 0))
      return Error::invalid("births", "không thể phân bổ số sinh không rõ tuổi mẹ khi không có sinh nào rõ tuổi",
                            "births of unknown maternal age cannot be distributed when no birth has a known age");
    for (double& v : g) v += b.unknown * v / known;
  }
  return g;
}

Result<FertilitySchedule> age_specific_fertility_rates(const BirthsByMotherAge& b, const std::vector<double>& women_py) {
  auto g = births_by_fertility_group(b);
  if (!g) return g.error();
  if (women_py.size() != g->size())
    return Error::invalid("women_person_years", "số người-năm của phụ nữ cần cùng số nhóm tuổi với số sinh",
                          "women's person-years need the same age groups as the births");
  FertilitySchedule s;
  s.width = g->size() == 7 ? 5 : 1;
  for (size_t i = 0; i < g->size(); ++i) {
    if (!(women_py[i] > 0) || !std::isfinite(women_py[i])) {
      const std::string age = std::to_string(int(s.first_age(i)));
      return Error::invalid("women_person_years", "số người-năm của phụ nữ tuổi " + age + " phải dương",
                            "person-years of women aged " + age + " must be positive");
    }
    s.rates.push_back((*g)[i] / women_py[i]);
  }
  return s;
}

double total_fertility_rate(const FertilitySchedule& s) {
  return double(s.width) * std::accumulate(s.rates.begin(), s.rates.end(), 0.0);
}

Result<double> mean_age_at_childbearing(const FertilitySchedule& s) {
  double num = 0, den = 0;
  for (size_t i = 0; i < s.rates.size(); ++i) {
    num += (s.first_age(i) + double(s.width) / 2) * s.rates[i];
    den += s.rates[i];
  }
  if (!(den > 0))
    return Error::invalid("asfr", "không có sinh nào: không tính được tuổi trung bình khi sinh con",
                          "no births: the mean age at childbearing is undefined");
  return num / den;
}

double female_share_of_births(double srb) { return 1.0 / (1.0 + srb); }

double gross_reproduction_rate(const FertilitySchedule& s, double female_share) {
  return total_fertility_rate(s) * female_share;
}

Result<double> net_reproduction_rate(const FertilitySchedule& s, const LifeTable& female, double female_share) {
  if (female.rows.empty() || !(female.radix > 0))
    return Error::invalid("life_table", "cần bảng sống nữ", "a female life table is needed");
  double nrr = 0;
  for (size_t i = 0; i < s.rates.size(); ++i) {
    auto L = person_years_between(female, s.first_age(i), s.width);
    if (!L) return L.error();
    nrr += s.rates[i] * *L / female.radix;
  }
  return nrr * female_share;
}

}  // namespace danso::demography

#include "demography/family_planning.h"

#include <cmath>

namespace danso::demography {

namespace {

Result<double> prevalence(double users, double women) {
  if (!(users >= 0) || !std::isfinite(users))
    return Error::invalid("users", "số người sử dụng phải không âm", "the number of users must be non-negative");
  if (!(women > 0) || !std::isfinite(women))
    return Error::invalid("married_women_15_49", "số phụ nữ 15-49 có chồng phải dương",
                          "the number of married women 15-49 must be positive");
  if (users > women)
    return Error::invalid("users", "số người sử dụng lớn hơn số phụ nữ 15-49 có chồng",
                          "users outnumber married women 15-49");
  return 100.0 * users / women;
}

}  // namespace

Result<double> contraceptive_prevalence(double users, double women) { return prevalence(users, women); }
Result<double> modern_contraceptive_prevalence(double modern_users, double women) { return prevalence(modern_users, women); }

}  // namespace danso::demography

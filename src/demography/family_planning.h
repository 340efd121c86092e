// Contraceptive prevalence (UN, World Contraceptive Use; DHS Guide to
// Statistics §7.3): the share of married women aged 15-49 who use a method,
// or a modern method, in per cent. Circular 01/2022/TT-BYT reports it over
// married women 15-49 ("phụ nữ 15-49 tuổi có chồng").
//
//   contraceptive_prevalence(6800, 10000);   // 68.0
#pragma once

#include "core/result.h"

namespace danso::demography {

// 100 · users / married women 15-49; users of any method.
Result<double> contraceptive_prevalence(double users, double married_women_15_49);
// The same counting users of modern methods only.
Result<double> modern_contraceptive_prevalence(double modern_users, double married_women_15_49);

}  // namespace danso::demography

// Measures of the births of a period by sex and order (UN Demographic
// Yearbook technical notes, natality; Circular 01/2022/TT-BYT, form 01-DSH):
//   sex ratio at birth      = 100 · boys / girls        (boys per 100 girls; targets 107-109)
//   SRB as a ratio          = boys / girls              (boys per girl, as projections use it)
//   order 3+ share (births) = 100 · live births of order 3 or more / live births
//   order 3+ share (women)  = 100 · women whose birth in the period was of order 3 or more
//                                 / women who gave birth in the period
// The women-based share counts a mother once however many children she bore
// in the period (twins), as the statistics office's "tỷ lệ phụ nữ sinh con
// thứ ba trở lên" does.
//
//   sex_ratio_at_birth(112, 100);   // 112.0 boys per 100 girls
#pragma once

#include "core/result.h"

namespace danso::demography {

Result<double> sex_ratio_at_birth(double boys, double girls);
Result<double> sex_ratio_at_birth_boys_per_girl(double boys, double girls);
Result<double> share_of_births_of_order_3_plus(double births_order_3_plus, double live_births);
Result<double> share_of_mothers_with_birth_of_order_3_plus(double mothers_order_3_plus, double mothers);

}  // namespace danso::demography

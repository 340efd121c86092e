// The default indicator catalogue (DOMAIN.md section 4), as data: the same
// JSON an administrator writes to add an indicator (docs/indicators.md).
// Kinds: "count" (one measure), "ratio" (sum of numerator measures over sum
// of denominator measures, times a multiplier), "difference" (one indicator
// minus another) and "method" (a demographic method of demography/ over the
// counts: tfr, median_age, e0).
#include "analytics/indicator_catalogue.h"

namespace danso::analytics {

const char* default_catalogue_json() {
  return R"JSON([
 {"code":"population","vi":"Dân số thường trú (cuối kỳ)","en":"Permanent resident population (end of period)","unit":"persons","kind":"count","measure":"population_end_permanent","precision":0},
 {"code":"population_male","vi":"Dân số thường trú nam","en":"Male permanent residents","unit":"persons","kind":"count","measure":"population_end_permanent_male","precision":0},
 {"code":"population_female","vi":"Dân số thường trú nữ","en":"Female permanent residents","unit":"persons","kind":"count","measure":"population_end_permanent_female","precision":0},
 {"code":"population_present","vi":"Dân số thực tế cư trú (cả tạm trú)","en":"Residents, temporary ones included (end of period)","unit":"persons","kind":"count","measure":"population_end","precision":0},
 {"code":"births","vi":"Số trẻ sinh ra","en":"Live births","unit":"births","kind":"count","measure":"births","precision":0},
 {"code":"deaths","vi":"Số người chết","en":"Deaths","unit":"deaths","kind":"count","measure":"deaths","precision":0},
 {"code":"cbr","vi":"Tỷ suất sinh thô","en":"Crude birth rate","unit":"per_1000","kind":"ratio","numerator":["births"],"denominator":["person_years"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"cdr","vi":"Tỷ suất chết thô","en":"Crude death rate","unit":"per_1000","kind":"ratio","numerator":["deaths"],"denominator":["person_years"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"rni","vi":"Tỷ lệ tăng tự nhiên","en":"Rate of natural increase","unit":"per_1000","kind":"difference","minuend":"cbr","subtrahend":"cdr","precision":1},
 {"code":"gfr","vi":"Tỷ suất sinh chung","en":"General fertility rate","unit":"per_1000","kind":"ratio","numerator":["births"],"denominator":["person_years_female[15-49]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_15_19","vi":"Tỷ suất sinh đặc trưng tuổi 15-19","en":"Age-specific fertility rate 15-19","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[0-19]"],"denominator":["person_years_female[15-19]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_20_24","vi":"Tỷ suất sinh đặc trưng tuổi 20-24","en":"Age-specific fertility rate 20-24","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[20-24]"],"denominator":["person_years_female[20-24]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_25_29","vi":"Tỷ suất sinh đặc trưng tuổi 25-29","en":"Age-specific fertility rate 25-29","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[25-29]"],"denominator":["person_years_female[25-29]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_30_34","vi":"Tỷ suất sinh đặc trưng tuổi 30-34","en":"Age-specific fertility rate 30-34","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[30-34]"],"denominator":["person_years_female[30-34]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_35_39","vi":"Tỷ suất sinh đặc trưng tuổi 35-39","en":"Age-specific fertility rate 35-39","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[35-39]"],"denominator":["person_years_female[35-39]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_40_44","vi":"Tỷ suất sinh đặc trưng tuổi 40-44","en":"Age-specific fertility rate 40-44","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[40-44]"],"denominator":["person_years_female[40-44]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"asfr_45_49","vi":"Tỷ suất sinh đặc trưng tuổi 45-49","en":"Age-specific fertility rate 45-49","unit":"per_1000","kind":"ratio","numerator":["births_mother_age[45+]"],"denominator":["person_years_female[45-49]"],"multiplier":1000,"min_events":20,"precision":1},
 {"code":"tfr","vi":"Tổng tỷ suất sinh","en":"Total fertility rate","unit":"per_woman","kind":"method","method":"tfr","min_events":100,"precision":2,"bands":[{"upper":1.8,"upper_inclusive":false,"vi":"Mức sinh thấp","en":"Below replacement","colour":"#2f6fb3"},{"upper":2.3,"upper_inclusive":true,"vi":"Mức sinh thay thế","en":"Replacement","colour":"#2e8b57"},{"upper":null,"vi":"Mức sinh cao","en":"High","colour":"#c0392b"}]},
 {"code":"srb","vi":"Tỷ số giới tính khi sinh","en":"Sex ratio at birth","unit":"boys_per_100_girls","kind":"ratio","numerator":["births_male"],"denominator":["births_female"],"multiplier":100,"min_events":500,"events":["births"],"precision":1,"bands":[{"upper":103,"upper_inclusive":false,"vi":"Dưới mức sinh học bình thường","en":"Below the biologically normal range","colour":"#2f6fb3"},{"upper":107,"upper_inclusive":false,"vi":"Mức sinh học bình thường","en":"Biologically normal","colour":"#2e8b57"},{"upper":null,"vi":"Mất cân bằng giới tính khi sinh","en":"Imbalanced (above normal)","colour":"#c0392b"}]},
 {"code":"births_order3plus_share","vi":"Tỷ lệ phụ nữ sinh con thứ 3 trở lên","en":"Share of women giving birth to a child of order 3+","unit":"percent","kind":"ratio","numerator":["mothers_giving_birth_order3plus"],"denominator":["mothers_giving_birth"],"multiplier":100,"min_events":20,"events":["mothers_giving_birth"],"precision":1},
 {"code":"cpr_any","vi":"Tỷ lệ sử dụng biện pháp tránh thai","en":"Contraceptive prevalence, any method","unit":"percent","kind":"ratio","numerator":["cp_users_any"],"denominator":["married_women_15_49"],"multiplier":100,"min_events":50,"events":["married_women_15_49"],"precision":1},
 {"code":"cpr_modern","vi":"Tỷ lệ sử dụng biện pháp tránh thai hiện đại","en":"Contraceptive prevalence, modern methods","unit":"percent","kind":"ratio","numerator":["cp_users_modern"],"denominator":["married_women_15_49"],"multiplier":100,"min_events":50,"events":["married_women_15_49"],"precision":1,"bands":[{"upper":70,"upper_inclusive":false,"vi":"Dưới mục tiêu 70%","en":"Below the 70% target","colour":"#c0392b"},{"upper":null,"vi":"Đạt mục tiêu 70%","en":"Target of 70% met","colour":"#2e8b57"}]},
 {"code":"share_under15","vi":"Tỷ lệ dân số dưới 15 tuổi","en":"Share of population under 15","unit":"percent","kind":"ratio","numerator":["population_end[0-14]"],"denominator":["population_end"],"multiplier":100,"precision":1},
 {"code":"share_65plus","vi":"Tỷ lệ dân số từ 65 tuổi","en":"Share of population 65+","unit":"percent","kind":"ratio","numerator":["population_end[65+]"],"denominator":["population_end"],"multiplier":100,"precision":1},
 {"code":"dependency_total","vi":"Tỷ số phụ thuộc chung","en":"Total dependency ratio","unit":"percent","kind":"ratio","numerator":["population_end[0-14]","population_end[65+]"],"denominator":["population_end[15-64]"],"multiplier":100,"precision":1},
 {"code":"dependency_child","vi":"Tỷ số phụ thuộc trẻ em","en":"Child dependency ratio","unit":"percent","kind":"ratio","numerator":["population_end[0-14]"],"denominator":["population_end[15-64]"],"multiplier":100,"precision":1},
 {"code":"dependency_old","vi":"Tỷ số phụ thuộc người già","en":"Old-age dependency ratio","unit":"percent","kind":"ratio","numerator":["population_end[65+]"],"denominator":["population_end[15-64]"],"multiplier":100,"precision":1},
 {"code":"ageing_index","vi":"Chỉ số già hóa","en":"Ageing index (60+ over 0-14)","unit":"percent","kind":"ratio","numerator":["population_end[60+]"],"denominator":["population_end[0-14]"],"multiplier":100,"precision":1},
 {"code":"ageing_index_65","vi":"Chỉ số già hóa (65+, Liên hợp quốc)","en":"Ageing index (65+ over 0-14, UN)","unit":"percent","kind":"ratio","numerator":["population_end[65+]"],"denominator":["population_end[0-14]"],"multiplier":100,"precision":1},
 {"code":"median_age","vi":"Tuổi trung vị","en":"Median age","unit":"years","kind":"method","method":"median_age","precision":1},
 {"code":"sex_ratio","vi":"Tỷ số giới tính của dân số","en":"Sex ratio of the population","unit":"men_per_100_women","kind":"ratio","numerator":["population_end_male"],"denominator":["population_end_female"],"multiplier":100,"precision":1},
 {"code":"e0","vi":"Tuổi thọ trung bình khi sinh","en":"Life expectancy at birth","unit":"years","kind":"method","method":"e0","min_events":200,"precision":1},
 {"code":"premarital_counselling_coverage","vi":"Tỷ lệ cặp nam nữ được tư vấn, khám sức khỏe trước kết hôn","en":"Premarital counselling coverage (couples)","unit":"percent","kind":"ratio","numerator":["couples_marrying_counselled"],"denominator":["marriages"],"multiplier":100,"min_events":20,"events":["marriages"],"precision":1},
 {"code":"prenatal_screening_coverage","vi":"Tỷ lệ bà mẹ mang thai được sàng lọc trước sinh (ít nhất 4 bệnh)","en":"Prenatal screening coverage of pregnant women (>= 4 conditions)","unit":"percent","kind":"ratio","numerator":["mothers_prenatal_screened4"],"denominator":["mothers_giving_birth"],"multiplier":100,"min_events":20,"events":["mothers_giving_birth"],"precision":1},
 {"code":"newborn_screening_coverage","vi":"Tỷ lệ sàng lọc sơ sinh (ít nhất 5 bệnh)","en":"Newborn screening coverage (>= 5 conditions)","unit":"percent","kind":"ratio","numerator":["births_newborn_screened5"],"denominator":["births"],"multiplier":100,"min_events":20,"events":["births"],"precision":1},
 {"code":"child_marriages","vi":"Số cặp tảo hôn","en":"Child marriages","unit":"marriages","kind":"count","measure":"child_marriages","precision":0},
 {"code":"consanguineous_marriages","vi":"Số cặp kết hôn cận huyết thống","en":"Consanguineous marriages","unit":"marriages","kind":"count","measure":"consanguineous_marriages","precision":0},
 {"code":"marriages","vi":"Số cặp kết hôn","en":"Marriages","unit":"marriages","kind":"count","measure":"marriages","precision":0},
 {"code":"moves_in","vi":"Số người chuyển đến","en":"Moves in","unit":"persons","kind":"count","measure":"moves_in","precision":0},
 {"code":"moves_out","vi":"Số người chuyển đi","en":"Moves out","unit":"persons","kind":"count","measure":"moves_out","precision":0},
 {"code":"adolescent_pregnancies","vi":"Số vị thành niên, thanh niên có thai","en":"Pregnancies of women under 20","unit":"pregnancies","kind":"count","measure":"adolescent_pregnancies","precision":0}
])JSON";
}

}  // namespace danso::analytics

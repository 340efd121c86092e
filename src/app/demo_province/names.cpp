#include "app/demo_province/names.h"

#include <array>

namespace danso::demo {

namespace {

// Family names with rough weights (Nguyễn is about 38% of the Kinh).
constexpr std::array<const char*, 16> kFamily = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                                                 "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
constexpr std::array<double, 16> kFamilyWeight = {38, 49, 58, 65, 70, 74, 78, 82, 85, 87, 89, 91, 93, 95, 97, 100};
constexpr std::array<const char*, 12> kMinorityFamily = {"Lò",  "Quàng", "Cầm",  "Lường", "Giàng", "Vàng",
                                                         "Sùng", "Thào",  "Mùa", "Lầu",   "Hà",    "Đinh"};
constexpr std::array<const char*, 6> kMiddleMale = {"Văn", "Đức", "Minh", "Quang", "Hữu", "Công"};
constexpr std::array<const char*, 6> kMiddleFemale = {"Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mai"};
constexpr std::array<const char*, 24> kGivenMale = {"An",   "Bình", "Cường", "Dũng", "Đạt",  "Hải",  "Hùng", "Khang",
                                                    "Long", "Minh", "Nam",   "Phong", "Phúc", "Quân", "Sơn",  "Tài",
                                                    "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"};
constexpr std::array<const char*, 24> kGivenFemale = {"Anh",  "Chi",  "Dung", "Giang", "Hà",   "Hạnh", "Hoa",  "Hương",
                                                      "Lan",  "Linh", "Loan", "Mai",   "My",   "Nga",  "Ngân", "Nhung",
                                                      "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Tuyết", "Vân", "Yến"};
constexpr std::array<const char*, 20> kPlace = {"Đông", "Tây",  "Nam",  "Bắc",  "Trung", "Hòa",  "Bình",
                                                "An",   "Phú",  "Thịnh", "Tân",  "Sơn",  "Thủy", "Lâm",
                                                "Hồng", "Quang", "Vĩnh", "Xuân", "Thượng", "Hạ"};

template <typename A>
const char* any(Random& rng, const A& a) {
  return a[size_t(rng.range(0, int64_t(a.size()) - 1))];
}

}  // namespace

std::string family_name(Random& rng, bool minority) {
  if (minority && rng.chance(0.8)) return any(rng, kMinorityFamily);
  return kFamily[rng.pick(kFamilyWeight)];
}

std::string given_name_with_family(Random& rng, const std::string& family, bool female) {
  return family + " " + (female ? any(rng, kMiddleFemale) : any(rng, kMiddleMale)) + " " +
         (female ? any(rng, kGivenFemale) : any(rng, kGivenMale));
}

std::string person_name(Random& rng, bool female, bool minority) {
  return given_name_with_family(rng, family_name(rng, minority), female);
}

std::string place_name(Random& rng) { return std::string(any(rng, kPlace)) + " " + any(rng, kPlace); }

}  // namespace danso::demo

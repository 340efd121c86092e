#include "core/rules.h"

#include <string>

namespace danso::rules {

Status check_citizen_id(std::string_view id, std::string_view field) {
  bool ok = id.size() == 12;
  for (char c : id) ok = ok && c >= '0' && c <= '9';
  if (ok) return {};
  return Error::invalid(std::string(field),
                        "số định danh cá nhân phải gồm đúng 12 chữ số: '" + std::string(id) + "'",
                        "citizen ID must be exactly 12 digits: '" + std::string(id) + "'");
}

Status check_not_future(Date d, Date today, std::string_view field) {
  if (d <= today) return {};
  return Error::invalid(std::string(field),
                        "ngày " + d.iso() + " ở tương lai (hôm nay " + today.iso() + ")",
                        "date " + d.iso() + " is in the future (today is " + today.iso() + ")");
}

Status check_mother(Sex mother_sex, Date mother_birth, Date birth, std::string_view field) {
  if (mother_sex != Sex::kFemale)
    return Error::invalid(std::string(field), "người mẹ phải là nữ", "the mother must be female");
  const int age = age_in_years(mother_birth, birth);
  if (age < kMinMotherAge || age > kMaxMotherAge)
    return Error::invalid(std::string(field),
                          "tuổi mẹ khi sinh là " + std::to_string(age) + ", phải từ 10 đến 60",
                          "mother's age at the birth is " + std::to_string(age) +
                              ", must be 10 to 60");
  return {};
}

bool is_child_marriage(Sex sex, Date birth, Date marriage) {
  const int age = age_in_years(birth, marriage);
  return sex == Sex::kFemale ? age < kMinMarriageAgeWoman : age < kMinMarriageAgeMan;
}

Status check_birth_order(int order, int earlier_births, int highest_earlier_order,
                         std::string_view field) {
  if (order < 1)
    return Error::invalid(std::string(field), "thứ tự lần sinh phải từ 1 trở lên",
                          "birth order must be 1 or more");
  if (order <= earlier_births || order <= highest_earlier_order) {
    const int need = std::max(earlier_births, highest_earlier_order) + 1;
    return Error::invalid(
        std::string(field),
        "thứ tự lần sinh " + std::to_string(order) + " mâu thuẫn với " +
            std::to_string(earlier_births) + " lần sinh trước của người mẹ trong sổ (cần ≥ " +
            std::to_string(need) + ")",
        "birth order " + std::to_string(order) + " contradicts the mother's " +
            std::to_string(earlier_births) + " earlier births in the register (need >= " +
            std::to_string(need) + ")");
  }
  return {};
}

}  // namespace danso::rules

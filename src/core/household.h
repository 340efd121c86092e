// Household (hộ dân cư): one A0/CTV household sheet of the village register.
#pragma once

#include <string>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/ids.h"

namespace danso {

enum class Poverty { kNone, kNearPoor, kPoor };

inline constexpr EnumCodec<Poverty, 3> kPoverty{{{
    {Poverty::kNone, "none", "không"},
    {Poverty::kNearPoor, "near_poor", "cận nghèo"},
    {Poverty::kPoor, "poor", "nghèo"},
}}};

struct Household {
  HouseholdId id;
  std::string village_code;  // resolved on registered_on
  UnitId village;
  std::string address;
  Poverty poverty = Poverty::kNone;
  bool social_protection = false;  // hộ bảo trợ xã hội
  bool ethnic_minority = false;    // dân tộc thiểu số
  Date registered_on;              // when the household entered the register
};

}  // namespace danso

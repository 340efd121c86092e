// Person: a member of a household in the village register (sổ A0).
// `registered_on` is the day the person entered the register in that
// household: the birth date for a birth, the arrival for a move in, the
// survey date for people already living there. Residence after that follows
// from the person's events (see core/residence.h).
#pragma once

#include <string>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/ids.h"

namespace danso {

enum class Sex { kMale, kFemale };
inline constexpr EnumCodec<Sex, 2> kSexes{{{
    {Sex::kMale, "M", "nam"},
    {Sex::kFemale, "F", "nữ"},
}}};

enum class Relation { kHead, kSpouse, kChild, kParent, kGrandchild, kSibling, kOther };
inline constexpr EnumCodec<Relation, 7> kRelations{{{
    {Relation::kHead, "head", "chủ hộ"},
    {Relation::kSpouse, "spouse", "vợ/chồng"},
    {Relation::kChild, "child", "con"},
    {Relation::kParent, "parent", "bố/mẹ"},
    {Relation::kGrandchild, "grandchild", "cháu"},
    {Relation::kSibling, "sibling", "anh/chị/em"},
    {Relation::kOther, "other", "khác"},
}}};

enum class MaritalStatus { kSingle, kMarried, kWidowed, kDivorced, kSeparated };
inline constexpr EnumCodec<MaritalStatus, 5> kMaritalStatuses{{{
    {MaritalStatus::kSingle, "single", "chưa kết hôn"},
    {MaritalStatus::kMarried, "married", "có vợ/chồng"},
    {MaritalStatus::kWidowed, "widowed", "góa"},
    {MaritalStatus::kDivorced, "divorced", "ly hôn"},
    {MaritalStatus::kSeparated, "separated", "ly thân"},
}}};

enum class ResidenceStatus { kPermanent, kTemporary, kAbsent };
inline constexpr EnumCodec<ResidenceStatus, 3> kResidenceStatuses{{{
    {ResidenceStatus::kPermanent, "permanent", "thường trú"},
    {ResidenceStatus::kTemporary, "temporary", "tạm trú"},
    {ResidenceStatus::kAbsent, "absent", "tạm vắng"},
}}};

struct Person {
  PersonId id;
  HouseholdId household;
  std::string name;        // NFC
  Sex sex = Sex::kMale;
  Date birth_date;
  std::string citizen_id;  // 12 digits, or empty when not known
  Relation relation = Relation::kOther;
  std::string ethnicity;   // e.g. "Kinh", "Thái", "H'Mông"
  MaritalStatus marital = MaritalStatus::kSingle;
  ResidenceStatus residence = ResidenceStatus::kPermanent;
  Date registered_on;
};

}  // namespace danso

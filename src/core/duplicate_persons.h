// Persons registered twice: the pairs a commune officer reviews, merging
// the two records into one or dismissing the pair as two persons. Two
// persons are a pair when
//  - they hold the same citizen ID number (reason kCitizenId), or
//  - their names are the same once folded (core/text.h: case, diacritics
//    and spaces aside), they were born on the same day, and neither their
//    mothers nor their citizen IDs are known to differ (reason kSameMother
//    when both have the same mother in the register, kNameAndBirth when at
//    least one has none): two different citizen IDs are two persons.
// Pairs already dismissed are left out. Each pair once, the lower id first,
// in order of the first id then the second.
//
//   std::vector<DuplicateKey> keys = ...;    // the unit's persons
//   for (const DuplicatePair& d : duplicate_pairs(keys, dismissed)) ...
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/ids.h"

namespace danso {

enum class DuplicateReason { kCitizenId, kSameMother, kNameAndBirth };
inline constexpr EnumCodec<DuplicateReason, 3> kDuplicateReasons{{{
    {DuplicateReason::kCitizenId, "citizen_id", "cùng số định danh cá nhân"},
    {DuplicateReason::kSameMother, "name_birth_mother", "cùng họ tên, ngày sinh và mẹ"},
    {DuplicateReason::kNameAndBirth, "name_birth", "cùng họ tên và ngày sinh"},
}}};

struct DuplicateKey {
  PersonId id;
  std::string folded_name;  // fold_for_search of the name, spaces single
  Date birth_date;
  std::string citizen_id;   // empty when not known
  PersonId mother;          // from the person's birth slip; none when not recorded
};

struct DuplicatePair {
  PersonId first, second;  // first < second
  DuplicateReason reason = DuplicateReason::kNameAndBirth;
};

std::vector<DuplicatePair> duplicate_pairs(std::span<const DuplicateKey> persons,
                                           std::span<const std::pair<PersonId, PersonId>> dismissed);

}  // namespace danso

// The register's validation rules as pure functions, shared by the importer,
// the demo generator's self-checks and (later) the forms of the web UI.
// Each returns an Error naming the field and saying why, in both languages.
#pragma once

#include <string_view>

#include "core/date.h"
#include "core/person.h"
#include "core/result.h"

namespace danso::rules {

// Legal marriage ages (Law on Marriage and Family 2014): women 18, men 20.
inline constexpr int kMinMarriageAgeWoman = 18;
inline constexpr int kMinMarriageAgeMan = 20;
// Plausible ages of a mother at a birth.
inline constexpr int kMinMotherAge = 10;
inline constexpr int kMaxMotherAge = 60;

// 12 ASCII digits.
Status check_citizen_id(std::string_view id, std::string_view field = "citizen_id");
// A date on or before today.
Status check_not_future(Date d, Date today, std::string_view field);
// The mother is female and aged 10-60 (completed years) on the birth date.
Status check_mother(Sex mother_sex, Date mother_birth, Date birth, std::string_view field = "related_id");
// True when the person was under the legal marriage age on the marriage date.
bool is_child_marriage(Sex sex, Date birth, Date marriage);
// Birth order must be at least 1 and greater than the order of every earlier
// birth of the same mother in the register (`earlier_births` of them, the
// highest with order `highest_earlier_order`, 0 when none).
Status check_birth_order(int order, int earlier_births, int highest_earlier_order,
                         std::string_view field = "birth_order");

}  // namespace danso::rules

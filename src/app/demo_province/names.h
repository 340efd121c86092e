// Generated Vietnamese names for the demo province: random combinations of
// common family names, middle names and given names, so no record names a
// real person. Place names are made from the same syllables.
#pragma once

#include <string>

#include "app/demo_province/random.h"

namespace danso::demo {

std::string person_name(Random& rng, bool female, bool minority);
std::string family_name(Random& rng, bool minority);
std::string given_name_with_family(Random& rng, const std::string& family, bool female);
std::string place_name(Random& rng);

}  // namespace danso::demo

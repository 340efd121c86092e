// households.csv: id,village_code,address,poverty,social_protection,
//                 ethnic_minority,registered_on
#include "app/formats/formats.h"

namespace danso::formats {

const Columns& household_columns() {
  static const Columns c{{"id", "village_code", "address", "poverty", "social_protection",
                          "ethnic_minority", "registered_on"},
                         {"id", "village_code", "registered_on"}};
  return c;
}

std::optional<Household> parse_household(FieldReader& f) {
  Household h;
  h.id = HouseholdId(f.id("id", true));
  h.village_code = f.text("village_code", true);
  h.address = f.text("address", false);
  h.poverty = f.choice(kPoverty, "poverty", false).value_or(Poverty::kNone);
  h.social_protection = f.flag("social_protection");
  h.ethnic_minority = f.flag("ethnic_minority");
  if (auto d = f.date("registered_on", true)) h.registered_on = *d;
  if (!f.ok()) return std::nullopt;
  return h;
}

std::vector<std::string> write_household(const Household& h) {
  return {std::to_string(h.id.value),
          h.village_code,
          h.address,
          kPoverty.code(h.poverty),
          h.social_protection ? "1" : "0",
          h.ethnic_minority ? "1" : "0",
          h.registered_on.iso()};
}

}  // namespace danso::formats

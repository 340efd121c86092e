// persons.csv: id,household_id,name,sex,birth_date,citizen_id,relation,
//              ethnicity,marital_status,residence_status,registered_on
#include "app/formats/formats.h"
#include "core/rules.h"

namespace danso::formats {

const Columns& person_columns() {
  static const Columns c{{"id", "household_id", "name", "sex", "birth_date", "citizen_id",
                          "relation", "ethnicity", "marital_status", "residence_status",
                          "registered_on"},
                         {"id", "household_id", "name", "sex", "birth_date"}};
  return c;
}

std::optional<Person> parse_person(FieldReader& f) {
  Person p;
  p.id = PersonId(f.id("id", true));
  p.household = HouseholdId(f.id("household_id", true));
  p.name = f.text("name", true);
  p.sex = f.choice(kSexes, "sex", true).value_or(Sex::kMale);
  auto birth = f.date("birth_date", true);
  if (birth) p.birth_date = *birth;
  p.citizen_id = f.text("citizen_id", false);
  if (!p.citizen_id.empty())
    if (auto st = rules::check_citizen_id(p.citizen_id); !st) f.fail(st.error());
  p.relation = f.choice(kRelations, "relation", false).value_or(Relation::kOther);
  p.ethnicity = f.text("ethnicity", false);
  if (p.ethnicity.empty()) p.ethnicity = "Kinh";
  p.marital = f.choice(kMaritalStatuses, "marital_status", false).value_or(MaritalStatus::kSingle);
  p.residence =
      f.choice(kResidenceStatuses, "residence_status", false).value_or(ResidenceStatus::kPermanent);
  auto reg = f.date("registered_on", false);
  p.registered_on = reg ? *reg : p.birth_date;
  if (birth && reg && *reg < *birth)
    f.fail("registered_on", "ngày vào sổ trước ngày sinh " + birth->iso(),
           "registered before the birth date " + birth->iso());
  if (!f.ok()) return std::nullopt;
  return p;
}

std::vector<std::string> write_person(const Person& p) {
  return {std::to_string(p.id.value),
          std::to_string(p.household.value),
          p.name,
          kSexes.code(p.sex),
          p.birth_date.iso(),
          p.citizen_id,
          kRelations.code(p.relation),
          p.ethnicity,
          kMaritalStatuses.code(p.marital),
          kResidenceStatuses.code(p.residence),
          p.registered_on.iso()};
}

}  // namespace danso::formats

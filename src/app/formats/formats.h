// The CSV formats of the register (docs/data-formats.md): for each kind its
// columns in export order, which are required, how a row becomes a record
// (field checks only; references are checked by the importer), and how a
// record is written back. Export then import round-trips exactly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/formats/field_reader.h"
#include "core/event.h"
#include "core/household.h"
#include "core/person.h"
#include "core/staff.h"
#include "core/unit.h"

namespace danso::formats {

struct Columns {
  std::vector<std::string> all;       // export order
  std::vector<std::string> required;  // the rest are optional
  std::vector<std::string> optional() const;
};

const Columns& unit_columns();
std::optional<OrgUnit> parse_unit(FieldReader& f);
std::vector<std::string> write_unit(const OrgUnit& u);

const Columns& household_columns();
std::optional<Household> parse_household(FieldReader& f);
std::vector<std::string> write_household(const Household& h);

const Columns& person_columns();
std::optional<Person> parse_person(FieldReader& f);
std::vector<std::string> write_person(const Person& p);

const Columns& event_columns();
std::optional<VitalEvent> parse_event(FieldReader& f);
std::vector<std::string> write_event(const VitalEvent& e);

const Columns& staff_columns();
std::optional<StaffAssignment> parse_staff(FieldReader& f);
std::vector<std::string> write_staff(const StaffAssignment& s);

std::string opt_date_text(const std::optional<Date>& d);
std::string id_text(int64_t id);  // empty for 0

}  // namespace danso::formats

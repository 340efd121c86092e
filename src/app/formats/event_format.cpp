// events.csv: id,type,date,village_code,person_id,related_id,household_id,
//   birth_order,method,conditions,child_marriage,consanguineous,outcome,
//   counterpart,place,recorded_by,recorded_on,spouse_name,spouse_birth_year,
//   spouse_address,spouse_nationality
// Which columns each type uses is in docs/data-formats.md; a value in a
// column the type does not use is refused rather than silently dropped.
#include "app/formats/formats.h"

namespace danso::formats {

namespace {

// The optional columns each type may fill, besides the common ones.
bool type_uses(EventType t, std::string_view col) {
  if (col == "related_id") return event_needs_related(t);
  if (col == "household_id") return t == EventType::kMoveIn || t == EventType::kBirth;
  if (col == "birth_order") return t == EventType::kBirth;
  if (col == "method") return event_is_contraception(t);
  if (col == "conditions") return event_is_screening(t);
  if (col == "child_marriage" || col == "consanguineous") return t == EventType::kMarriage;
  if (col == "outcome") return t == EventType::kPregnancy;
  if (col == "counterpart") return t == EventType::kMoveIn || t == EventType::kMoveOut;
  if (col == "place") return t == EventType::kBirth || t == EventType::kDeath;
  if (col.starts_with("spouse_")) return event_may_name_outside_spouse(t);
  return true;
}

}  // namespace

const Columns& event_columns() {
  static const Columns c{{"id", "type", "date", "village_code", "person_id", "related_id",
                          "household_id", "birth_order", "method", "conditions", "child_marriage",
                          "consanguineous", "outcome", "counterpart", "place", "recorded_by",
                          "recorded_on", "spouse_name", "spouse_birth_year", "spouse_address",
                          "spouse_nationality"},
                         {"id", "type", "date", "village_code", "person_id"}};
  return c;
}

std::optional<VitalEvent> parse_event(FieldReader& f) {
  VitalEvent e;
  e.id = EventId(f.id("id", true));
  auto type = f.choice(kEventTypes, "type", true);
  if (auto d = f.date("date", true)) e.date = *d;
  e.village_code = f.text("village_code", true);
  e.person = PersonId(f.id("person_id", true));
  if (!type) return std::nullopt;
  e.type = *type;
  const char* kOptional[] = {"related_id", "household_id", "birth_order", "method",
                             "conditions", "child_marriage", "consanguineous", "outcome",
                             "counterpart", "place", "spouse_name", "spouse_birth_year",
                             "spouse_address", "spouse_nationality"};
  for (const char* col : kOptional) {
    std::string_view v = f.raw(col);
    if (!v.empty() && !(v == "0" && (std::string_view(col) == "child_marriage" ||
                                     std::string_view(col) == "consanguineous")) &&
        !type_uses(e.type, col))
      f.fail(col, std::string("cột này không dùng cho sự kiện loại ") + kEventTypes.code(e.type),
             std::string("this column is not used by events of type ") + kEventTypes.code(e.type));
  }
  // A marriage or divorce names its spouse by related_id, or, for a spouse
  // who is not in the register, by spouse_name (and what else is known).
  const bool outside = event_may_name_outside_spouse(e.type) && !f.raw("spouse_name").empty();
  e.related = PersonId(f.id("related_id", event_needs_related(e.type) && !event_may_name_outside_spouse(e.type)));
  if (event_may_name_outside_spouse(e.type)) {
    e.spouse_name = f.text("spouse_name", false);
    if (auto year = f.integer("spouse_birth_year", false, 1900, 2100)) e.spouse_birth_year = int(*year);
    e.spouse_address = f.text("spouse_address", false);
    e.spouse_nationality = f.text("spouse_nationality", false);
    const bool other_facts = !f.raw("spouse_birth_year").empty() || !f.raw("spouse_address").empty() ||
                             !f.raw("spouse_nationality").empty();
    if (outside && !f.raw("related_id").empty())
      f.fail("spouse_name", "vợ/chồng đã ghi bằng related_id (người trong sổ): không ghi thêm spouse_name",
             "the spouse is named by related_id (a person of the register): spouse_name must stay empty");
    else if (!outside && other_facts)
      f.fail("spouse_name", "thông tin về vợ/chồng không có trong sổ cần có họ tên (spouse_name)",
             "the facts of a spouse not in the register need their name (spouse_name)");
    else if (!outside && f.raw("related_id").empty())
      f.fail("related_id",
             "thiếu vợ/chồng: ghi related_id (người trong sổ) hoặc spouse_name (vợ/chồng không có trong sổ)",
             "the spouse is missing: give related_id (a person of the register) or spouse_name (a spouse not in the "
             "register)");
  }
  if (e.related.valid() && e.related == e.person)
    f.fail("related_id", "người liên quan trùng với person_id", "related_id equals person_id");
  e.household = HouseholdId(f.id("household_id", false));
  if (e.type == EventType::kBirth)
    e.birth_order = int(f.integer("birth_order", true, 1, 30).value_or(0));
  if (event_is_contraception(e.type))
    e.method = f.choice(kContraceptiveMethods, "method", e.type != EventType::kContraceptionStop);
  if (event_is_screening(e.type)) e.conditions = int(f.integer("conditions", true, 1, 100).value_or(0));
  if (e.type == EventType::kMarriage) {
    e.child_marriage = f.flag("child_marriage");
    e.consanguineous = f.flag("consanguineous");
  }
  if (e.type == EventType::kPregnancy) e.outcome = f.choice(kPregnancyOutcomes, "outcome", false);
  e.counterpart = f.text("counterpart", false);
  e.place = f.text("place", false);
  e.recorded_by = StaffId(f.id("recorded_by", false));
  auto rec = f.date("recorded_on", false);
  e.recorded_on = rec ? *rec : e.date;
  if (rec && *rec < e.date)
    f.fail("recorded_on", "ngày ghi trước ngày xảy ra sự kiện " + e.date.iso(),
           "recorded before the event's date " + e.date.iso());
  if (!f.ok()) return std::nullopt;
  return e;
}

std::vector<std::string> write_event(const VitalEvent& e) {
  const bool marriage = e.type == EventType::kMarriage;
  return {std::to_string(e.id.value),
          kEventTypes.code(e.type),
          e.date.iso(),
          e.village_code,
          std::to_string(e.person.value),
          id_text(e.related.value),
          id_text(e.household.value),
          e.birth_order > 0 ? std::to_string(e.birth_order) : "",
          e.method ? kContraceptiveMethods.code(*e.method) : "",
          e.conditions > 0 ? std::to_string(e.conditions) : "",
          marriage ? (e.child_marriage ? "1" : "0") : "",
          marriage ? (e.consanguineous ? "1" : "0") : "",
          e.outcome ? kPregnancyOutcomes.code(*e.outcome) : "",
          e.counterpart,
          e.place,
          id_text(e.recorded_by.value),
          e.recorded_on.iso(),
          e.spouse_name,
          e.spouse_birth_year > 0 ? std::to_string(e.spouse_birth_year) : "",
          e.spouse_address,
          e.spouse_nationality};
}

}  // namespace danso::formats

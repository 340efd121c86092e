#include "app/import/record_register.h"

#include <algorithm>
#include <sstream>

#include "app/csv/csv_reader.h"
#include "app/csv/csv_writer.h"
#include "app/formats/formats.h"
#include "app/import/person_events.h"
#include "core/residence.h"
#include "core/rules.h"

namespace danso {
namespace {

constexpr const char* kFormName = "form";

// Fields a change may not touch, and the slip that changes them instead.
struct EventField {
  const char* field;
  const char* vi;
  const char* en;
};
constexpr EventField kHouseholdEventFields[] = {
    {"village_code", "hộ chuyển thôn phải ghi bằng phiếu chuyển đi và chuyển đến (move_out, move_in) của các thành viên",
     "a household changes village through move_out and move_in slips of its members"},
};
constexpr EventField kPersonEventFields[] = {
    {"household_id", "chuyển hộ phải ghi bằng phiếu chuyển đi và chuyển đến (move_out, move_in)",
     "a person changes household through a move_out and a move_in slip"},
    {"registered_on", "ngày vào sổ là ngày bắt đầu cư trú; thay đổi nơi cư trú phải ghi bằng phiếu chuyển đến (move_in)",
     "the registration date starts the residence history; residence changes through a move_in slip"},
    {"marital_status", "tình trạng hôn nhân thay đổi bằng phiếu kết hôn hoặc ly hôn (marriage, divorce)",
     "the marital status changes through a marriage or divorce slip"},
};

std::vector<std::string> form_fields(const formats::Columns& columns, std::span<const EventField> refused) {
  std::vector<std::string> out;
  for (const std::string& c : columns.all) {
    const bool by_event = std::any_of(refused.begin(), refused.end(), [&](const EventField& f) { return c == f.field; });
    if (c != "id" && !by_event) out.push_back(c);
  }
  return out;
}

// Every field must be one the form may send.
Status check_fields(const RecordFields& fields, const std::vector<std::string>& allowed,
                    std::span<const EventField> refused, const char* what_vi, const char* what_en) {
  for (const auto& [name, value] : fields) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    for (const EventField& f : refused)
      if (name == f.field)
        return Error::invalid(name, std::string("không sửa trực tiếp trường '") + name + "': " + f.vi,
                              std::string("the field '") + name + "' cannot be changed here: " + f.en);
    if (name == "id")
      return Error::invalid(name, "mã do hệ thống cấp, không gửi trường 'id'", "the server gives the id; do not send 'id'");
    return Error::invalid(name, "trường '" + name + "' không dùng cho " + what_vi,
                          "the field '" + name + "' is not part of " + what_en);
  }
  return {};
}

// The record's columns: `base` (the stored record, or the new id alone)
// with the form's fields over it.
std::vector<std::string> form_values(const formats::Columns& columns, std::vector<std::string> base,
                                     const RecordFields& fields) {
  base.resize(columns.all.size());
  for (size_t i = 0; i < columns.all.size(); ++i)
    if (auto it = fields.find(columns.all[i]); it != fields.end()) base[i] = it->second;
  return base;
}

// Parses one row of `values` exactly as the import parses a file's row.
template <typename T>
std::optional<T> parse_form(const formats::Columns& columns, const std::vector<std::string>& values,
                            std::optional<T> (*parse)(FieldReader&), RowIssues& issues) {
  std::ostringstream text;
  CsvWriter w(text);
  w.row(std::vector<std::string_view>(columns.all.begin(), columns.all.end()));
  w.row(std::vector<std::string_view>(values.begin(), values.end()));
  auto reader = CsvReader::from_text(kFormName, text.str(), columns.required, columns.optional());
  std::optional<T> out;
  if (!reader) {
    issues.add(2, "", reader.error());
    return out;
  }
  const Status st = reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    out = parse(f);
  });
  if (!st) issues.add(2, "", st.error());
  return out;
}

void check_date(RowIssues& issues, Date d, Date today, const char* field) {
  if (auto st = rules::check_not_future(d, today, field); !st) issues.add(2, d.iso(), st.error());
}

void check_village(const UnitTree& units, Household& h, RowIssues& issues) {
  auto village = units.resolve_or_error(h.village_code, h.registered_on, "village_code");
  if (!village) return issues.add(2, h.village_code, village.error());
  if (units.find(*village)->kind != UnitKind::kVillage)
    return issues.add(2, "village_code", h.village_code, "đơn vị này không phải thôn/ấp/bản", "this unit is not a village");
  h.village = *village;
}

// A citizen ID is held once in the whole register: one held by someone else
// is refused, naming them only when the writer sees them.
void check_citizen_id(Store& store, const Person& p, Date today, const WriteScope& scope, RowIssues& issues) {
  if (p.citizen_id.empty()) return;
  const auto holder = store.person_with_citizen_id(p.citizen_id);
  if (!holder || *holder == p.id) return;
  if (person_in_scope(store, *holder, today, scope))
    issues.add(2, "citizen_id", p.citizen_id, "số định danh đã thuộc về người mã " + std::to_string(holder->value),
               "citizen ID already belongs to person " + std::to_string(holder->value));
  else
    issues.add(2, "citizen_id", p.citizen_id, "số định danh đã thuộc về một người khác",
               "citizen ID already belongs to another person");
}

Error lost(const char* vi, const char* en) { return {ErrorCode::kInternal, "", vi, en}; }

// Writes `record` and its audit entry in one transaction, and reads it back.
// A new record (no `before`) takes the next id of `table` inside the
// transaction, so two writers never take the same one.
template <typename T, typename Id>
Result<RecordedWrite<T>> write(Store& store, StoredTable table, std::optional<T> before, const T& record,
                               const std::function<Status(const T&)>& upsert, const WriteAudit<T>& audit,
                               std::optional<T> (Store::*find)(Id)) {
  auto tx = store.begin();
  T rec = record;
  if (!before) rec.id = Id(store.max_id(table) + 1);
  const Id id = rec.id;
  if (auto st = upsert(rec); !st) return st.error();
  auto written = (store.*find)(id);
  if (!written) return lost("bản ghi vừa ghi không đọc lại được", "the record just written cannot be read back");
  if (auto st = audit(before, *written); !st) return st.error();
  if (auto st = tx.commit(); !st) return st.error();
  RecordedWrite<T> out;
  out.record = std::move(written);
  out.before = std::move(before);
  return out;
}

template <typename T>
RecordedWrite<T> refused(const RowIssues& issues) {
  RecordedWrite<T> out;
  out.issues = issues.all();
  return out;
}

Result<RecordedWrite<Household>> record_household(Store& store, const UnitTree& units, HouseholdId id,
                                                  std::optional<Household> before, const RecordFields& fields,
                                                  Date today, const WriteAudit<Household>& audit,
                                                  const WriteScope& scope) {
  if (auto code = form_code(fields, "village_code"); !code) return code.error();
  const auto& columns = formats::household_columns();
  std::vector<std::string> base = before ? formats::write_household(*before) : std::vector<std::string>{std::to_string(id.value)};
  RowIssues issues(kFormName);
  auto h = parse_form(columns, form_values(columns, std::move(base), fields), formats::parse_household, issues);
  if (!h) return refused<Household>(issues);
  // The village as it will be written: its code on the registration date.
  if (!before) {
    const Reference village[] = {{Reference::kVillage, "village_code", 0, h->village_code, h->registered_on}};
    if (auto st = check_references(store, units, village, scope); !st) return st.error();
  }
  check_date(issues, h->registered_on, today, "registered_on");
  check_village(units, *h, issues);
  if (before && issues.empty() && h->village != before->village)
    issues.add(2, "registered_on", h->registered_on.iso(),
               "vào ngày này mã thôn " + h->village_code + " chỉ một thôn khác",
               "on this date the village code " + h->village_code + " names another village");
  if (!issues.empty()) return refused<Household>(issues);
  return write<Household, HouseholdId>(
      store, StoredTable::kHouseholds, std::move(before), *h,
      [&](const Household& r) { return store.upsert_households(std::span<const Household>(&r, 1)); }, audit,
      &Store::find_household);
}

}  // namespace

std::vector<std::string> household_form_fields(bool change) {
  return form_fields(formats::household_columns(), change ? std::span<const EventField>(kHouseholdEventFields)
                                                          : std::span<const EventField>());
}

std::vector<std::string> person_form_fields(bool change) {
  return form_fields(formats::person_columns(), change ? std::span<const EventField>(kPersonEventFields)
                                                       : std::span<const EventField>());
}

Result<RecordedWrite<Household>> create_household(Store& store, const UnitTree& units, const RecordFields& fields,
                                                  Date today, const WriteAudit<Household>& audit,
                                                  const WriteScope& scope) {
  if (auto st = check_fields(fields, household_form_fields(false), {}, "hộ gia đình", "a household"); !st)
    return st.error();
  // The id is provisional, for the checks; the write takes the next one inside its transaction.
  return record_household(store, units, HouseholdId(store.max_id(StoredTable::kHouseholds) + 1), std::nullopt, fields, today,
                          audit, scope);
}

Result<RecordedWrite<Household>> change_household(Store& store, const UnitTree& units, HouseholdId id,
                                                  const RecordFields& fields, Date today,
                                                  const WriteAudit<Household>& audit, const WriteScope& scope) {
  if (auto st = check_fields(fields, household_form_fields(true), kHouseholdEventFields, "hộ gia đình", "a household");
      !st)
    return st.error();
  auto before = store.find_household(id);
  if (!before || !scope.allows(before->village)) return Error::not_found("id", "không tìm thấy hộ", "no such household");
  return record_household(store, units, id, std::move(before), fields, today, audit, scope);
}

Result<CheckedPerson> check_new_person(Store& store, const RecordFields& fields, Date today, const WriteScope& scope) {
  if (auto st = check_fields(fields, person_form_fields(false), {}, "nhân khẩu", "a person"); !st) return st.error();
  if (auto household = form_id(fields, "household_id"); !household) return household.error();
  const PersonId id(store.max_id(StoredTable::kPersons) + 1);  // provisional, for the checks; see write()
  const auto& columns = formats::person_columns();
  RowIssues issues(kFormName);
  auto p = parse_form(columns, form_values(columns, {std::to_string(id.value)}, fields), formats::parse_person, issues);
  CheckedPerson out;
  if (!p) {
    out.issues = issues.all();
    return out;
  }
  // The household as it will be written.
  const Reference refs[] = {{Reference::kHousehold, "household_id", p->household.value, {}, today}};
  if (auto st = check_references(store, UnitTree(), refs, scope); !st) return st.error();
  check_date(issues, p->birth_date, today, "birth_date");
  check_date(issues, p->registered_on, today, "registered_on");
  check_citizen_id(store, *p, today, scope, issues);
  // A new person's residence: one open spell in their household from registration.
  const auto household = store.find_household(p->household);
  if (issues.empty())
    if (auto st = derive_residence(*p, {}, [&](HouseholdId) { return household->village; }, out.spells); !st)
      issues.add(2, "", st.error());
  if (!issues.empty()) {
    out.issues = issues.all();
    out.spells.clear();
    return out;
  }
  out.person = std::move(*p);
  return out;
}

Result<Person> write_checked_person(Store& store, const CheckedPerson& checked, const WriteAudit<Person>& audit) {
  if (!checked.person) return lost("không có nhân khẩu để ghi", "no person to write");
  Person p = *checked.person;
  p.id = PersonId(store.max_id(StoredTable::kPersons) + 1);  // taken in the transaction
  if (auto st = store.upsert_persons(std::span<const Person>(&p, 1)); !st) return st.error();
  std::vector<ResidenceSpell> spells = checked.spells;
  for (auto& s : spells) s.person = p.id;
  if (auto st = store.replace_residence_of(std::span<const PersonId>(&p.id, 1), spells); !st) return st.error();
  auto written = store.find_person(p.id);
  if (!written) return lost("bản ghi vừa ghi không đọc lại được", "the record just written cannot be read back");
  if (auto st = audit(std::nullopt, *written); !st) return st.error();
  return *written;
}

Result<RecordedWrite<Person>> create_person(Store& store, const RecordFields& fields, Date today,
                                            const WriteAudit<Person>& audit, const WriteScope& scope) {
  auto checked = check_new_person(store, fields, today, scope);
  if (!checked) return checked.error();
  RecordedWrite<Person> out;
  if (!checked->person) {
    out.issues = std::move(checked->issues);
    return out;
  }
  auto tx = store.begin();
  auto written = write_checked_person(store, *checked, audit);
  if (!written) return written.error();
  if (auto st = tx.commit(); !st) return st.error();
  out.record = std::move(*written);
  return out;
}

Result<RecordedWrite<Person>> change_person(Store& store, PersonId id, const RecordFields& fields, Date today,
                                            const WriteAudit<Person>& audit,
                                            const WriteAudit<VitalEvent>& event_audit, const WriteScope& scope) {
  if (auto st = check_fields(fields, person_form_fields(true), kPersonEventFields, "nhân khẩu", "a person"); !st)
    return st.error();
  auto before = store.find_person(id);
  if (!before || !person_in_scope(store, id, today, scope))
    return Error::not_found("id", "không tìm thấy nhân khẩu", "no such person");
  const auto& columns = formats::person_columns();
  RowIssues issues(kFormName);
  auto p = parse_form(columns, form_values(columns, formats::write_person(*before), fields), formats::parse_person, issues);
  if (!p) return refused<Person>(issues);
  check_date(issues, p->birth_date, today, "birth_date");
  check_citizen_id(store, *p, today, scope, issues);
  // The events that read the person's sex or birth date, checked again.
  std::vector<VitalEvent> flipped;
  if (issues.empty() && (p->sex != before->sex || p->birth_date != before->birth_date)) {
    const std::vector<EventFacts> events = store.event_facts_naming(std::span<const PersonId>(&id, 1));
    std::vector<PersonId> others;
    for (const EventFacts& e : events)
      for (PersonId o : {e.person, e.related})
        if (o.valid() && o != id) others.push_back(o);
    const std::vector<PersonFacts> other_facts = store.person_facts_of(others);
    auto facts_of = [&](PersonId o) -> const PersonFacts* {
      for (const PersonFacts& f : other_facts)
        if (f.id == o) return &f;
      return nullptr;
    };
    const auto facts = [](const Person& x) { return PersonFacts{x.id, x.household, x.sex, x.birth_date, x.registered_on}; };
    const PersonEventReview review = review_person_events(facts(*p), facts(*before), events, facts_of);
    for (const Error& e : review.conflicts)
      issues.add(2, e.field == "sex" ? kSexes.code(p->sex) : p->birth_date.iso(), e);
    for (EventId m : review.marriages_to_flip) {
      auto e = store.find_event(m);
      if (!e) return lost("sự kiện kết hôn không đọc được", "the marriage event cannot be read");
      flipped.push_back(*e);
    }
  }
  if (!issues.empty()) return refused<Person>(issues);
  // Household and registration date are unchanged, so are the residence spells.
  return write<Person, PersonId>(
      store, StoredTable::kPersons, std::move(before), *p,
      [&](const Person& r) -> Status {
        if (auto st = store.upsert_persons(std::span<const Person>(&r, 1)); !st) return st;
        for (const VitalEvent& old : flipped) {
          VitalEvent now = old;
          now.child_marriage = !old.child_marriage;
          if (auto st = store.upsert_events(std::span<const VitalEvent>(&now, 1)); !st) return st;
          if (auto st = event_audit(old, now); !st) return st;
        }
        return Status();
      },
      audit, &Store::find_person);
}

}  // namespace danso

#include "app/import/record_event.h"

#include <sstream>

#include "app/csv/csv_writer.h"
#include "app/formats/formats.h"
#include "app/import/import.h"

namespace danso {

Result<std::map<std::string, int64_t>> slip_references(Store& store, const UnitTree& units,
                                                      const std::map<std::string, std::string>& fields,
                                                      const WriteScope& scope) {
  std::map<std::string, int64_t> ids;
  for (const char* name : {"person_id", "related_id", "household_id", "recorded_by"}) {
    auto v = form_id(fields, name);
    if (!v) return v.error();
    ids[name] = *v;
  }
  auto village = form_code(fields, "village_code");
  if (!village) return village.error();
  // With a date, where the records lie is known; without one the import
  // refuses the slip on its date alone, before it reads any of them.
  const auto it = fields.find("date");
  if (const auto date = Date::parse(it == fields.end() ? std::string_view() : std::string_view(it->second), "date")) {
    const Reference refs[] = {
        {Reference::kVillage, "village_code", 0, *village, *date},
        {Reference::kPerson, "person_id", ids["person_id"], {}, *date},
        {Reference::kPerson, "related_id", ids["related_id"], {}, *date},
        {Reference::kHousehold, "household_id", ids["household_id"], {}, *date},
        {Reference::kStaff, "recorded_by", ids["recorded_by"], {}, *date},
    };
    if (auto st = check_references(store, units, refs, scope); !st) return st.error();
  }
  return ids;
}

Result<RecordedEvent> record_event(Store& store, const UnitTree& units, const std::map<std::string, std::string>& fields,
                                   Date today, const std::function<Status(const VitalEvent&)>& audit,
                                   const WriteScope& scope, EventId correcting,
                                   const std::function<Result<PersonId>()>& new_subject) {
  // The ids the slip names, parsed once; they are what is checked and written.
  std::map<std::string, std::string> named = fields;
  if (new_subject) named.erase("person_id");  // not written yet
  auto checked = slip_references(store, units, named, scope);
  if (!checked) return checked.error();
  std::map<std::string, int64_t>& ids = *checked;
  // The new person's id as it will be taken (the caller holds the writer's lock).
  const int64_t subject = new_subject ? store.max_id(StoredTable::kPersons) + 1 : 0;
  if (new_subject) ids["person_id"] = subject;
  const auto& columns = formats::event_columns().all;
  // One row, read by the events import as any row of a file; its id is the
  // next one, taken inside the import's write transaction.
  auto input = std::make_shared<ImportInput>();
  int64_t id = 0;
  const auto write_row = [&]() -> Status {
    if (new_subject) {
      auto person = new_subject();
      if (!person) return person.error();
      if (person->value != subject)
        return Error{ErrorCode::kInternal, "", "mã nhân khẩu mới khác mã đã dự kiến", "the new person's id is not the one expected"};
    }
    id = correcting.valid() ? correcting.value : store.max_id(StoredTable::kEvents) + 1;
    std::vector<std::string> values;
    for (const auto& c : columns) {
      const auto field = fields.find(c);
      const auto parsed = ids.find(c);
      if (c == "id") values.push_back(std::to_string(id));
      else if (parsed != ids.end()) values.push_back(parsed->second ? std::to_string(parsed->second) : std::string());
      else values.push_back(field == fields.end() ? std::string() : field->second);
    }
    std::ostringstream out;
    CsvWriter w(out);
    w.row(std::vector<std::string_view>(columns.begin(), columns.end()));
    w.row(std::vector<std::string_view>(values.begin(), values.end()));
    input->text = std::move(out).str();
    input->sha256.clear();
    return {};
  };
  ImportOptions o;
  o.file = "slip.csv";
  o.input = input;
  o.after_begin = write_row;
  o.kind = ImportKind::kEvents;
  o.today = today;
  o.audit_file = false;  // the caller's entry records the slip
  // The slip names at most a person, a related person and a household: only
  // their part of the register is read to check it.
  ImportOptions::Focus focus;
  for (const char* name : {"person_id", "related_id"})
    if (ids[name]) focus.persons.push_back(PersonId(ids[name]));
  if (ids["household_id"]) focus.households.push_back(HouseholdId(ids["household_id"]));
  // A new slip's checks read only part of its persons' histories.
  const auto type = kEventTypes.find(fields.count("type") ? std::string_view(fields.at("type")) : std::string_view());
  const auto day = Date::parse(fields.count("date") ? std::string_view(fields.at("date")) : std::string_view(), "date");
  if (!correcting.valid() && type && day) focus.new_slip.emplace(*type, *day);
  if (correcting.valid())
    if (const auto old = store.find_event(correcting)) {
      for (PersonId p : {old->person, old->related})
        if (p.valid()) focus.persons.push_back(p);
      if (old->household.valid()) focus.households.push_back(old->household);
    }
  o.focus = std::move(focus);
  o.before_commit = [&]() -> Status {
    auto e = store.find_event(EventId(id));
    if (!e) return Error{ErrorCode::kInternal, "", "sự kiện vừa ghi không đọc lại được", "the event just written cannot be read back"};
    return audit(*e);
  };
  auto report = import_file(store, o);
  if (!report) return report.error();
  RecordedEvent out;
  if (report->committed) out.event = store.find_event(EventId(id));
  else out.issues = report->issues;
  if (!out.event && out.issues.empty())
    return Error{ErrorCode::kInternal, "", "sự kiện không được ghi", "the event was not written"};
  return out;
}

Result<ImportReport> write_events_change(Store& store, const char* name, Date today, EventsChange change,
                                         const std::function<Status()>& before_commit) {
  const auto& columns = formats::event_columns().all;
  std::ostringstream text;
  CsvWriter w(text);
  w.row(std::vector<std::string_view>(columns.begin(), columns.end()));
  for (const VitalEvent& e : change.rows) {
    const std::vector<std::string> values = formats::write_event(e);
    w.row(std::vector<std::string_view>(values.begin(), values.end()));
    for (PersonId p : {e.person, e.related})
      if (p.valid()) change.focus.persons.push_back(p);
    if (e.household.valid()) change.focus.households.push_back(e.household);
  }
  auto input = std::make_shared<ImportInput>();
  input->text = std::move(text).str();
  ImportOptions o;
  o.file = name;
  o.input = input;
  o.kind = ImportKind::kEvents;
  o.today = today;
  o.audit_file = false;  // the caller's entries record the change
  o.focus = std::move(change.focus);
  o.cancel = std::move(change.cancel);
  o.remove_persons = std::move(change.remove_persons);
  o.before_commit = before_commit;
  return import_file(store, o);
}

Result<RecordedEvent> cancel_event(Store& store, EventId id, Date today,
                                   const std::function<Status(const VitalEvent&, const std::optional<Person>& child)>& audit) {
  const std::optional<VitalEvent> old = store.find_event(id);
  if (!old) return Error{ErrorCode::kNotFound, "id", "không có phiếu này", "no such slip"};
  // A birth's child who came into the register with it (a birth declared
  // with its newborn: the child's "create" entry in the audit log is the one
  // just before the slip's, by the same user at the same time) and whom no
  // other slip names.
  PersonId child;
  std::optional<Person> brought;
  if (old->type == EventType::kBirth && old->person.valid()) {
    const PersonId named[] = {old->person};
    const auto created = [&](std::string_view kind, int64_t record) -> std::optional<AuditRecord> {
      for (AuditRecord& a : store.audit_of_record(kind, std::to_string(record)))
        if (a.action == "create") return std::move(a);
      return std::nullopt;
    };
    const auto person_entry = created("person", old->person.value);
    const auto slip_entry = person_entry ? created("event", old->id.value) : std::nullopt;
    const bool together = slip_entry && slip_entry->seq == person_entry->seq + 1 && slip_entry->at == person_entry->at &&
                          slip_entry->actor_name == person_entry->actor_name;
    if (together && store.events_naming(named).size() == 1) {
      brought = store.find_person(old->person);
      if (brought) child = old->person;
    }
  }
  // No row, the event cancelled.
  EventsChange change;
  change.cancel = {id};
  if (child.valid()) change.remove_persons = {child};
  for (PersonId p : {old->person, old->related})
    if (p.valid()) change.focus.persons.push_back(p);
  if (old->household.valid()) change.focus.households.push_back(old->household);
  auto report = write_events_change(store, "slip.csv", today, std::move(change),
                                    [&]() -> Status { return audit(*old, brought); });
  if (!report) return report.error();
  RecordedEvent done;
  if (report->committed) done.event = old, done.child_removed = child;
  else done.issues = report->issues;
  if (!done.event && done.issues.empty())
    return Error{ErrorCode::kInternal, "", "phiếu không được hủy", "the slip was not cancelled"};
  return done;
}

}  // namespace danso

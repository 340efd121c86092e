#include "app/import/record_event.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/csv/csv_writer.h"
#include "app/formats/formats.h"
#include "app/import/import.h"

namespace danso {

Result<RecordedEvent> record_event(Store& store, const UnitTree& units, const std::map<std::string, std::string>& fields,
                                   Date today, const std::function<Status(const VitalEvent&)>& audit,
                                   const WriteScope& scope) {
  // The ids the slip names, parsed once; they are what is checked and written.
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
  const int64_t id = store.max_id("events") + 1;
  const auto& columns = formats::event_columns().all;
  std::vector<std::string> values;
  for (const auto& c : columns) {
    const auto field = fields.find(c);
    const auto parsed = ids.find(c);
    if (c == "id") values.push_back(std::to_string(id));
    else if (parsed != ids.end()) values.push_back(parsed->second ? std::to_string(parsed->second) : std::string());
    else values.push_back(field == fields.end() ? std::string() : field->second);
  }
  // One row in a file of its own, read by the events import as any other.
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("danso-slip-" + std::to_string(getpid()) + "-" + std::to_string(id) + ".csv");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    CsvWriter w(out);
    w.row(std::vector<std::string_view>(columns.begin(), columns.end()));
    w.row(std::vector<std::string_view>(values.begin(), values.end()));
    out.close();
    if (!out)
      return Error{ErrorCode::kInternal, "", "không ghi được tệp tạm " + file.string(),
                   "cannot write the temporary file " + file.string()};
  }
  ImportOptions o;
  o.file = file.string();
  o.kind = ImportKind::kEvents;
  o.today = today;
  o.audit_file = false;  // the caller's entry records the slip
  // The slip names at most a person, a related person and a household: only
  // their part of the register is read to check it.
  ImportOptions::Focus focus;
  for (const char* name : {"person_id", "related_id"})
    if (ids[name]) focus.persons.push_back(PersonId(ids[name]));
  if (ids["household_id"]) focus.households.push_back(HouseholdId(ids["household_id"]));
  o.focus = std::move(focus);
  o.before_commit = [&]() -> Status {
    auto e = store.find_event(EventId(id));
    if (!e) return Error{ErrorCode::kInternal, "", "sự kiện vừa ghi không đọc lại được", "the event just written cannot be read back"};
    return audit(*e);
  };
  auto report = import_file(store, o);
  std::error_code ec;
  std::filesystem::remove(file, ec);
  if (!report) return report.error();
  RecordedEvent out;
  if (report->committed) out.event = store.find_event(EventId(id));
  else out.issues = report->issues;
  if (!out.event && out.issues.empty())
    return Error{ErrorCode::kInternal, "", "sự kiện không được ghi", "the event was not written"};
  return out;
}

}  // namespace danso

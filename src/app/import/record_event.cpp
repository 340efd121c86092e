#include "app/import/record_event.h"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>

#include "app/csv/csv_writer.h"
#include "app/formats/formats.h"
#include "app/import/import.h"

namespace danso {

Result<RecordedEvent> record_event(Store& store, const std::map<std::string, std::string>& fields, Date today,
                                   const std::function<Status(const VitalEvent&)>& audit) {
  const int64_t id = store.max_id("events") + 1;
  const auto& columns = formats::event_columns().all;
  std::vector<std::string> values;
  for (const auto& c : columns) {
    const auto it = fields.find(c);
    values.push_back(c == "id" ? std::to_string(id) : it == fields.end() ? std::string() : it->second);
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
  auto id_field = [&](const char* name) -> int64_t {
    const auto it = fields.find(name);
    int64_t v = 0;
    if (it == fields.end()) return 0;
    const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    return ec == std::errc() && end == it->second.data() + it->second.size() && v > 0 ? v : 0;
  };
  for (const char* name : {"person_id", "related_id"})
    if (const int64_t v = id_field(name)) focus.persons.push_back(PersonId(v));
  if (const int64_t v = id_field("household_id")) focus.households.push_back(HouseholdId(v));
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

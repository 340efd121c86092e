// A new slip's checks read only part of its persons' histories: the kinds
// they look at (kCheckedKinds, app/import/register_index.h) and the slip's
// own kind on its day (ImportOptions::Focus::new_slip). Checked here against
// the whole history: random slips on a generated demo province, each checked
// both ways, give the same issues, or would both be written.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <sstream>
#include <unistd.h>

#include "app/csv/csv_writer.h"
#include "app/demo_province/generator.h"
#include "app/formats/formats.h"
#include "app/import/import.h"
#include "app/register_loader.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

const Date kToday = Date::parse("2026-11-22").value();

// What checking the slip gives: its issues, or "written" when it would be
// written (rolled back before its commit).
std::string checked(Store& store, const std::map<std::string, std::string>& fields, bool part_of_history) {
  // The slip as a row of events.csv, as a form's slip is (app/import/record_event.cpp).
  const auto& columns = formats::event_columns().all;
  const std::string id = std::to_string(store.max_id(StoredTable::kEvents) + 1);
  std::vector<std::string_view> values;
  for (const auto& c : columns) {
    const auto it = fields.find(c);
    values.push_back(c == "id" ? std::string_view(id) : it == fields.end() ? std::string_view() : std::string_view(it->second));
  }
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row(std::vector<std::string_view>(columns.begin(), columns.end()));
  csv.row(values);
  auto input = std::make_shared<ImportInput>();
  input->text = std::move(text).str();
  ImportOptions o;
  o.file = "slip.csv";
  o.kind = ImportKind::kEvents;
  o.today = kToday;
  o.audit_file = false;
  o.input = input;
  ImportOptions::Focus focus;
  for (const char* name : {"person_id", "related_id"})
    if (const auto it = fields.find(name); it != fields.end() && !it->second.empty())
      focus.persons.push_back(PersonId(std::stoll(it->second)));
  if (part_of_history)
    focus.new_slip.emplace(kEventTypes.find(fields.at("type")).value(), Date::parse(fields.at("date")).value());
  o.focus = std::move(focus);
  o.before_commit = [] { return Status(Error{ErrorCode::kInternal, "", "dừng trước khi ghi", "stopped before the commit"}); };
  const auto report = import_file(store, o);
  if (!report) return report.error().en == "stopped before the commit" ? "written" : "error: " + report.error().en;
  std::string out;
  for (const RowIssue& i : report->issues) out += i.column + "=" + i.value + ": " + i.en + "\n";
  return out.empty() ? "no issue, not written" : out;
}

}  // namespace

TEST(SlipChecks, APartOfTheHistoryGivesWhatTheWholeGives) {
  demo::DemoOptions d;
  d.persons = 10'000;  // the demo's smallest
  d.seed = 5;
  d.today = kToday;
  const auto generated = demo::generate(d);
  ASSERT_TRUE(generated.ok()) << generated.error().en;
  const RegisterBatch& batch = *generated;
  const fs::path dir = fs::temp_directory_path() / ("danso-slip-checks-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto opened = test::open_test_store((dir / "r.db").string());
  ASSERT_TRUE(opened.ok()) << opened.error().en;
  Store& store = **opened;
  ASSERT_TRUE(load_register(store, batch).ok());
  std::vector<EventFacts> events;
  store.for_each_event_facts([&](const EventFacts& e) { events.push_back(e); });
  ASSERT_GT(events.size(), 3'000u);
  const auto tree = store.unit_tree();

  // Slips about persons with a history: of the kind of one of their events
  // or another, on its day (a slip sent twice) or near it, naming a related
  // person for the kinds that have one.
  std::mt19937_64 rng(11);
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  int written = 0, refused = 0, twice = 0;
  for (int k = 0; k < 400; ++k) {
    const EventFacts& e = events[pick(events.size())];
    const EventType type = pick(3) == 0 ? e.type : EventType(pick(kEventTypeCount));
    const Date date = pick(2) == 0 ? e.date : Date::from_days(e.date.days() + int32_t(pick(801)) - 400);
    const OrgUnit* village = tree->find(e.village);
    ASSERT_NE(village, nullptr);
    std::map<std::string, std::string> slip = {{"type", kEventTypes.code(type)},
                                               {"date", date.iso()},
                                               {"village_code", village->code},
                                               {"person_id", std::to_string(e.person.value)}};
    if (type == EventType::kBirth || type == EventType::kMarriage || type == EventType::kDivorce) {
      const EventFacts& other = events[pick(events.size())];
      slip["related_id"] = std::to_string((e.related.valid() && pick(2) ? e.related : other.person).value);
      if (type == EventType::kBirth) slip["birth_order"] = std::to_string(1 + pick(3));
    }
    const std::string whole = checked(store, slip, false);
    EXPECT_EQ(checked(store, slip, true), whole) << "slip " << k << ": " << slip["type"] << " " << slip["date"];
    written += whole == "written";
    refused += whole != "written";
    twice += whole.find("duplicate slip") != std::string::npos;
  }
  // Both outcomes, and slips sent twice among the refused, were met.
  EXPECT_GT(written, 40);
  EXPECT_GT(refused, 40);
  EXPECT_GT(twice, 5);
  EXPECT_EQ(store.count_rows(StoredTable::kEvents), int64_t(events.size()));  // nothing written
  opened->reset();
  fs::remove_all(dir);
}

// Behaviour cases for indicators: each tests/data/indicators/*.case file holds
// a small register (CSV sections) and the values computed by hand for some
// units and periods. Adding a case needs no C++.
//
//   [units] / [households] / [persons] / [events] / [staff]   CSV with header
//   [expect unit=CODE period=P]   lines "code = value [flag ...]" (value or null)
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/import/import.h"
#include "app/indicator_report.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

struct Expectation {
  std::string unit, period;
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>, int>> values;  // code, value, flags, line
};

struct Case {
  std::map<std::string, std::string> sections;  // name -> CSV text
  std::vector<Expectation> expectations;
};

Case parse_case(const fs::path& file) {
  Case c;
  std::ifstream in(file);
  std::string line, current;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      const std::string head = line.substr(1, line.find(']') - 1);
      if (head.rfind("expect", 0) == 0) {
        Expectation e;
        std::istringstream ss(head.substr(6));
        std::string kv;
        while (ss >> kv) {
          const auto eq = kv.find('=');
          if (kv.substr(0, eq) == "unit") e.unit = kv.substr(eq + 1);
          if (kv.substr(0, eq) == "period") e.period = kv.substr(eq + 1);
        }
        c.expectations.push_back(e);
        current = "expect";
      } else {
        current = head;
      }
      continue;
    }
    if (current == "expect") {
      std::istringstream ss(line);
      std::string code, eq, value, flag;
      ss >> code >> eq >> value;
      std::vector<std::string> flags;
      while (ss >> flag) flags.push_back(flag);
      c.expectations.back().values.emplace_back(code, value, flags, n);
    } else {
      c.sections[current] += line + "\n";
    }
  }
  return c;
}

class IndicatorCase : public ::testing::TestWithParam<std::string> {};

TEST_P(IndicatorCase, MatchesHandComputedValues) {
  const fs::path file = GetParam();
  const Case c = parse_case(file);
  const fs::path dir = fs::temp_directory_path() / ("danso-case-" + file.stem().string() + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "case.db").string();
  auto store = test::open_test_store(db);
  ASSERT_TRUE(store.ok());
  const auto today = Date::parse("2026-01-01").value();
  const std::pair<const char*, ImportKind> order[] = {{"units", ImportKind::kUnits},
                                                      {"staff", ImportKind::kStaff},
                                                      {"households", ImportKind::kHouseholds},
                                                      {"persons", ImportKind::kPersons},
                                                      {"events", ImportKind::kEvents}};
  for (const auto& [name, kind] : order) {
    auto it = c.sections.find(name);
    if (it == c.sections.end()) continue;
    const std::string csv = (dir / (std::string(name) + ".csv")).string();
    std::ofstream(csv) << it->second;
    ImportOptions o;
    o.file = csv;
    o.kind = kind;
    o.today = today;
    auto report = import_file(**store, o);
    ASSERT_TRUE(report.ok()) << name << ": " << report.error().en;
    for (const auto& i : report->issues) ADD_FAILURE() << format_issue(i);
    ASSERT_TRUE(report->committed) << name;
  }
  const auto snap = analytics::RegisterSnapshot::load(**store);
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  IndicatorReporter reporter(snap, catalogue);
  for (const auto& e : c.expectations) {
    auto period = Period::parse(e.period);
    ASSERT_TRUE(period.ok()) << e.period;
    auto r = reporter.report(e.unit, *period, false);
    ASSERT_TRUE(r.ok()) << e.unit << ": " << r.error().en;
    const auto& inds = (*r)["indicators"];
    for (const auto& [code, value, flags, line] : e.values) {
      SCOPED_TRACE(file.filename().string() + ":" + std::to_string(line) + " " + e.unit + " " + e.period + " " + code);
      ASSERT_TRUE(inds.contains(code)) << "no indicator " << code;
      const auto& got = inds[code];
      if (value == "null") {
        EXPECT_TRUE(got["value"].is_null()) << got.dump();
      } else {
        ASSERT_FALSE(got["value"].is_null()) << got.dump();
        const double want = std::stod(value), have = got["value"].get<double>();
        EXPECT_NEAR(have, want, 1e-9 * std::max(1.0, std::fabs(want))) << got.dump();
      }
      if (!flags.empty()) {
        std::vector<std::string> have_flags = got["flags"].get<std::vector<std::string>>();
        EXPECT_EQ(have_flags, flags) << got.dump();
      }
    }
  }
  store->reset();
  fs::remove_all(dir);
}

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& f : fs::directory_iterator(fs::path(DANSO_TEST_DATA) / "indicators"))
    if (f.path().extension() == ".case") out.push_back(f.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, IndicatorCase, ::testing::ValuesIn(case_files()),
                         [](const auto& info) { return fs::path(info.param).stem().string(); });

}  // namespace

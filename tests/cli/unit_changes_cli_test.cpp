// Villages keep their households and residents when a unit changes: a
// village renamed or moved to another commune through units.csv, and
// communes merged through a unit mapping. The register is built by hand as a
// user builds it (units.csv, households, persons, slips) and read back with
// `stats`, `indicators --children`, `unit` and new slips, before and after
// the day of the change.
//
//   99 ─ 990 ─ 99001 ─ 9900101 Thôn Đông (household 1: persons 11, 12)
//             │       └ 9900102 Thôn Tây (household 2: persons 21, 22)
//             └ 99002 ─ 9900201 Thôn Nam (household 3: person 31)
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace danso::test {

namespace {

const char* kHandUnits =
    "code,name,level,parent_code,valid_from,valid_to\n"
    "99,Tỉnh Thử,1,,2019-01-01,\n"
    "990,Huyện Một,2,99,2019-01-01,\n"
    "99001,Xã Một,3,990,2019-01-01,\n"
    "99002,Xã Hai,3,990,2019-01-01,\n"
    "9900101,Thôn Đông,4,99001,2019-01-01,\n"
    "9900102,Thôn Tây,4,99001,2019-01-01,\n"
    "9900201,Thôn Nam,4,99002,2019-01-01,\n";

class UnitChangesCli : public CliTest {
 protected:
  UnitChangesCli() : CliTest("unit-changes") {}

  void SetUp() override {
    CliTest::SetUp();
    db_ = path("r.db");
    ASSERT_EQ(run("init --db " + db_).code, 0);
    import(db_, "units", kHandUnits);
    import(db_, "households",
           "id,village_code,registered_on\n1,9900101,2019-01-01\n2,9900102,2019-01-01\n3,9900201,2019-01-01\n");
    import(db_, "persons",
           "id,household_id,name,sex,birth_date,registered_on\n"
           "11,1,Người Mẫu Một,M,1980-01-01,2019-01-01\n12,1,Người Mẫu Hai,F,1982-01-01,2019-01-01\n"
           "21,2,Người Mẫu Ba,M,1970-01-01,2019-01-01\n22,2,Người Mẫu Bốn,F,1972-01-01,2019-01-01\n"
           "31,3,Người Mẫu Năm,F,1990-01-01,2019-01-01\n");
  }

  nlohmann::json json_of(const std::string& args) {
    const Output r = run(args);
    EXPECT_EQ(r.code, 0) << args << "\n" << r.err << r.out;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  nlohmann::json stats(const std::string& unit, const std::string& at) {
    return json_of("stats --db " + db_ + " --unit " + unit + " --at " + at + " --format json");
  }
  // `indicators --children`: each child's code, name and population.
  std::vector<std::tuple<std::string, std::string, double>> children(const std::string& unit, const std::string& period) {
    std::vector<std::tuple<std::string, std::string, double>> out;
    const auto j = json_of("indicators --db " + db_ + " --unit " + unit + " --period " + period + " --children --format json");
    for (const auto& c : j) out.emplace_back(c["unit"], c["name"], c["indicators"]["population"]["value"].get<double>());
    std::sort(out.begin(), out.end());
    return out;
  }
  double population(const std::string& unit, const std::string& period) {
    const auto j = json_of("indicators --db " + db_ + " --unit " + unit + " --period " + period + " --format json");
    return j["indicators"]["population"]["value"].get<double>();
  }

  std::string db_;
};

using Child = std::tuple<std::string, std::string, double>;

}  // namespace

TEST_F(UnitChangesCli, ARenamedOrMovedVillageKeepsItsHouseholdsAndResidents) {
  // From 1 July 2024 Thôn Đông is renamed and Thôn Tây moves to Xã Hai.
  import(db_, "units",
         "code,name,level,parent_code,valid_from,valid_to\n"
         "9900101,Thôn Đông,4,99001,2019-01-01,2024-06-30\n"
         "9900101,Thôn Đông Mới,4,99001,2024-07-01,\n"
         "9900102,Thôn Tây,4,99001,2019-01-01,2024-06-30\n"
         "9900102,Thôn Tây,4,99002,2024-07-01,\n");

  // The day before: as it was.
  auto s = stats("99001", "2024-06-30");
  EXPECT_EQ(s["persons"], 4);
  EXPECT_EQ(s["households"], 2);
  EXPECT_EQ(stats("99002", "2024-06-30")["persons"], 1);
  // From the day of the change: the renamed village keeps its two residents,
  // the moved one takes its household and residents to Xã Hai.
  EXPECT_EQ(stats("9900101", "2024-12-31")["persons"], 2);
  s = stats("99001", "2024-12-31");
  EXPECT_EQ(s["persons"], 2);
  EXPECT_EQ(s["households"], 1);
  EXPECT_EQ(s["units_by_level"]["4"], 1);
  s = stats("99002", "2024-12-31");
  EXPECT_EQ(s["persons"], 3);
  EXPECT_EQ(s["households"], 2);
  EXPECT_EQ(s["units_by_level"]["4"], 2);
  EXPECT_EQ(stats("99", "2024-12-31")["persons"], 5);

  EXPECT_EQ(children("99001", "2024"), (std::vector<Child>{{"9900101", "Thôn Đông Mới", 2.0}}));
  EXPECT_EQ(children("99002", "2024"), (std::vector<Child>{{"9900102", "Thôn Tây", 2.0}, {"9900201", "Thôn Nam", 1.0}}));
  EXPECT_EQ(children("99001", "2024-H1"),
            (std::vector<Child>{{"9900101", "Thôn Đông", 2.0}, {"9900102", "Thôn Tây", 2.0}}));
  EXPECT_EQ(population("99001", "2024-H1"), 4.0);
  EXPECT_EQ(population("99001", "2024"), 2.0);
  EXPECT_EQ(population("99002", "2024"), 3.0);
  EXPECT_EQ(population("99", "2024"), 5.0);
  const auto unit = json_of("unit --db " + db_ + " --code 9900102 --at 2024-12-31 --format json");
  EXPECT_EQ(unit["parent"], "99002");

  // Slips after the change name the villages as they are then; one before
  // it, as they were.
  import(db_, "events",
         "id,type,date,village_code,person_id\n"
         "1,health_insurance_card,2024-03-01,9900102,22\n"
         "2,health_insurance_card,2024-08-01,9900101,11\n"
         "3,death,2024-09-01,9900102,21\n");
  s = stats("99002", "2024-12-31");
  EXPECT_EQ(s["persons"], 2);
  EXPECT_EQ(s["events_by_type"]["death"], 1);
  EXPECT_EQ(s["events_by_type"]["health_insurance_card"], 1);  // the slip of March, in the village now in Xã Hai
  EXPECT_EQ(stats("99001", "2024-12-31")["events_by_type"]["health_insurance_card"], 1);
  EXPECT_EQ(children("99002", "2024"), (std::vector<Child>{{"9900102", "Thôn Tây", 1.0}, {"9900201", "Thôn Nam", 1.0}}));

  // A slip naming the village a person does not live in is still refused,
  // naming the village they live in.
  write("bad.csv", "id,type,date,village_code,person_id\n4,health_insurance_card,2024-10-01,9900201,22\n");
  const Output bad = run("import --db " + db_ + " --kind events " + path("bad.csv"));
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("this person lives in village 9900102 on 2024-10-01"), std::string::npos) << bad.err;
}

TEST_F(UnitChangesCli, AMergerPutsTheVillagesUnderTheSuccessor) {
  // Xã Một and Xã Hai end on 31 December 2024 and make Xã Hợp Nhất.
  import(db_, "units",
         "code,name,level,parent_code,valid_from,valid_to\n"
         "99001,Xã Một,3,990,2019-01-01,2024-12-31\n"
         "99002,Xã Hai,3,990,2019-01-01,2024-12-31\n"
         "99003,Xã Hợp Nhất,3,990,2025-01-01,\n");
  write("mapping.json",
        R"({"data":[{"level1_id":"99","merges":[],"level2s":[{"level2_id":"99003","merges":[)"
        R"({"old_id":"99001","type":"full"},{"old_id":"99002","type":"full"}]}]}]})");
  const Output m = run("import --db " + db_ + " --kind unit-mapping --valid-from 2025-01-01 " + path("mapping.json"));
  ASSERT_EQ(m.code, 0) << m.err << m.out;

  auto s = stats("99001", "2024-12-31");
  EXPECT_EQ(s["persons"], 4);
  s = stats("99003", "2025-06-30");
  EXPECT_EQ(s["persons"], 5);
  EXPECT_EQ(s["households"], 3);
  EXPECT_EQ(s["units_by_level"]["3"], 1);
  EXPECT_EQ(s["units_by_level"]["4"], 3);
  s = stats("99", "2025-06-30");
  EXPECT_EQ(s["persons"], 5);
  EXPECT_EQ(s["units_by_level"]["4"], 3);
  EXPECT_EQ(stats("990", "2025-06-30")["persons"], 5);

  EXPECT_EQ(children("99003", "2025"), (std::vector<Child>{{"9900101", "Thôn Đông", 2.0},
                                                           {"9900102", "Thôn Tây", 2.0},
                                                           {"9900201", "Thôn Nam", 1.0}}));
  EXPECT_EQ(children("990", "2025"), (std::vector<Child>{{"99003", "Xã Hợp Nhất", 5.0}}));
  EXPECT_EQ(children("990", "2024"), (std::vector<Child>{{"99001", "Xã Một", 4.0}, {"99002", "Xã Hai", 1.0}}));
  EXPECT_EQ(population("99003", "2025"), 5.0);
  EXPECT_EQ(population("99", "2025"), 5.0);
  const auto unit = json_of("unit --db " + db_ + " --code 9900201 --at 2025-06-30 --format json");
  EXPECT_EQ(unit["parent"], "99003");
  EXPECT_EQ(unit["level"], 4);
  EXPECT_EQ(json_of("unit --db " + db_ + " --code 99003 --at 2025-06-30 --format json")["children"], 3);

  // A slip after the merger is taken, and counted under the new commune.
  import(db_, "events", "id,type,date,village_code,person_id\n1,death,2025-03-01,9900201,31\n");
  s = stats("99003", "2025-06-30");
  EXPECT_EQ(s["persons"], 4);
  EXPECT_EQ(s["events_by_type"]["death"], 1);
}

// The same merger written by hand in units.csv: merged_into on the rows of
// the communes that end.
TEST_F(UnitChangesCli, AMergerWrittenInUnitsCsvPutsTheVillagesUnderTheSuccessor) {
  // A merged unit needs its end, and a successor holding the code the next day.
  write("bad.csv",
        "code,name,level,parent_code,valid_from,valid_to,merged_into\n"
        "99001,Xã Một,3,990,2019-01-01,,99003\n"
        "99002,Xã Hai,3,990,2019-01-01,2024-12-31,99009\n");
  const Output bad = run("import --db " + db_ + " --kind units " + path("bad.csv"));
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("row 2, column merged_into, value '99003': a unit merged into another needs the day it ends"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("row 3, column merged_into, value '99009': no other unit with this code on 2025-01-01"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(stats("99001", "2025-06-30")["persons"], 4);  // nothing written

  import(db_, "units",
         "code,name,level,parent_code,valid_from,valid_to,merged_into\n"
         "99001,Xã Một,3,990,2019-01-01,2024-12-31,99003\n"
         "99002,Xã Hai,3,990,2019-01-01,2024-12-31,99003\n"
         "99003,Xã Hợp Nhất,3,990,2025-01-01,,\n");
  auto s = stats("99003", "2025-06-30");
  EXPECT_EQ(s["persons"], 5);
  EXPECT_EQ(s["households"], 3);
  EXPECT_EQ(s["units_by_level"]["4"], 3);
  EXPECT_EQ(stats("99001", "2024-12-31")["persons"], 4);
  EXPECT_EQ(children("99003", "2025"), (std::vector<Child>{{"9900101", "Thôn Đông", 2.0},
                                                           {"9900102", "Thôn Tây", 2.0},
                                                           {"9900201", "Thôn Nam", 1.0}}));
  const auto unit = json_of("unit --db " + db_ + " --code 99003 --at 2025-06-30 --format json");
  ASSERT_EQ(unit["predecessors"].size(), 2u);
  EXPECT_EQ(unit["predecessors"][0]["type"], "full");
}

}  // namespace danso::test

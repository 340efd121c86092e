// A marriage to a spouse who is not in the register, through events.csv:
// the spouse is named with what is known of them, the register's person is
// married for the figures (a married woman of 15-49 in the contraceptive
// prevalence's denominator), the marriage is counted, the spouse is not a
// person of the register, and the export writes the slip back as read.
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace danso::test {

namespace {

class OutsideSpouseCli : public CliTest {
 protected:
  OutsideSpouseCli() : CliTest("outside-spouse") {}
  void SetUp() override {
    CliTest::SetUp();
    db_ = path("r.db");
    ASSERT_EQ(run("init --db " + db_).code, 0);
    import(db_, "units",
           "code,name,level,parent_code,valid_from\n99,Tỉnh Thử,1,,2019-01-01\n990,Huyện Một,2,99,2019-01-01\n"
           "99001,Xã Một,3,990,2019-01-01\n9900101,Thôn Đông,4,99001,2019-01-01\n");
    import(db_, "households", "id,village_code,registered_on\n1,9900101,2019-01-01\n");
    import(db_, "persons",
           "id,household_id,name,sex,birth_date,registered_on\n"
           "11,1,Người Mẫu Một,F,1995-01-01,2019-01-01\n12,1,Người Mẫu Hai,F,1960-01-01,2019-01-01\n");
  }
  nlohmann::json indicators(const std::string& period) {
    const Output r = run("indicators --db " + db_ + " --unit 9900101 --period " + period + " --format json");
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false)["indicators"];
  }
  std::string db_;
};

}  // namespace

TEST_F(OutsideSpouseCli, AMarriageToASpouseOutsideTheRegisterCountsForThePersonAlone) {
  // Before any slip: no married woman.
  EXPECT_EQ(indicators("2024")["cpr_any"]["denominator"], 0);
  import(db_, "events",
         "id,type,date,village_code,person_id,related_id,method,spouse_name,spouse_birth_year,spouse_address,"
         "spouse_nationality\n"
         "1,marriage,2024-03-01,9900101,11,,,Phạm Văn Mẫu Xa,1992,Tỉnh Khác,Lào\n"
         "2,contraception_start,2024-04-01,9900101,11,,pill,,,,\n");
  const auto j = indicators("2024");
  EXPECT_EQ(j["marriages"]["value"], 1);
  EXPECT_EQ(j["cpr_any"]["denominator"], 1);
  EXPECT_EQ(j["cpr_any"]["numerator"], 1);
  EXPECT_EQ(indicators("2024-H1")["population"]["value"], 2);  // the spouse is not a resident
  const Output stats = run("stats --db " + db_ + " --at 2024-12-31 --format json");
  ASSERT_EQ(stats.code, 0) << stats.err;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["persons"], 2);

  const Output exported = run("export --db " + db_ + " --kind events --output " + path("out.csv"));
  ASSERT_EQ(exported.code, 0) << exported.err;
  const std::string csv = slurp(path("out.csv"));
  EXPECT_NE(csv.find("spouse_name,spouse_birth_year,spouse_address,spouse_nationality"), std::string::npos) << csv;
  EXPECT_NE(csv.find("1,marriage,2024-03-01,9900101,11,,,,,,0,0,,,,,2024-03-01,Phạm Văn Mẫu Xa,1992,Tỉnh Khác,Lào"),
            std::string::npos)
      << csv;

  // A second marriage while married is refused; one naming no spouse at all
  // is refused in both languages.
  write("again.csv",
        "id,type,date,village_code,person_id,spouse_name\n3,marriage,2024-09-01,9900101,11,Lê Văn Mẫu Khác\n");
  Output r = run("import --db " + db_ + " --kind events " + path("again.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("forbids marrying while married"), std::string::npos) << r.err;
  write("none.csv", "id,type,date,village_code,person_id\n4,marriage,2024-09-01,9900101,12\n");
  r = run("import --db " + db_ + " --kind events " + path("none.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("column related_id"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("vợ/chồng không có trong sổ"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a spouse not in the register"), std::string::npos) << r.err;
}

}  // namespace danso::test

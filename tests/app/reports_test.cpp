// Reports computed from the register: each column of a commune's monthly
// report equals a direct count over a small register built here, and on a
// generated province every district's quarterly form equals the indicator
// engine's counts (analytics/base_counts.h). Names are generated; no real
// person is named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "analytics/base_counts.h"
#include "app/demo_province/generator.h"
#include "app/import/import.h"
#include "app/register_loader.h"
#include "app/reports/report_form.h"
#include "app/reports/reports.h"
#include "app/xlsx_cells.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;

namespace danso {
namespace {

constexpr int64_t kNow = 1'750'000'000;  // 2025-06-15

struct P {
  int64_t id, household;
  const char* sex;
  const char* born;
  const char* marital;
  const char* registered = "2020-01-01";
};
struct H {
  int64_t id;
  const char* village;
  const char* registered = "2020-01-01";
};
struct E {
  int64_t id;
  const char* type;
  const char* date;
  const char* village;
  int64_t person, related = 0, household = 0;
  int order = 0;
  int consanguineous = 0;
  const char* method = "";
  int conditions = 0;
};

// Commune 99001, villages A (9900101) and B (9900102); the period is May 2025.
const H kHouses[] = {{201, "9900101"}, {202, "9900101"}, {203, "9900102"}, {204, "9900102"},
                     {205, "9900101", "2025-06-05"}};
const P kPersons[] = {
    {2011, 201, "M", "1980-02-01", "married"},
    {2012, 201, "F", "1990-07-20", "married"},
    {2013, 201, "F", "2008-01-10", "married"},   // marries at 17 in May
    {2014, 201, "M", "2025-05-03", "single", "2025-05-03"},
    {2015, 201, "F", "2000-01-01", "married", "2025-05-20"},  // moves in
    {2016, 201, "F", "1975-06-01", "married"},   // 49 on the last day
    {2017, 201, "F", "1975-05-31", "married"},   // 50 on the last day
    {2021, 202, "M", "1975-01-01", "married"},   // dies in May
    {2022, 202, "F", "1976-03-03", "widowed"},
    {2023, 202, "F", "2007-02-02", "single"},    // a mother at 18
    {2024, 202, "F", "2025-05-15", "single", "2025-05-15"},
    {2031, 203, "M", "2003-03-03", "married"},
    {2032, 203, "F", "1995-04-04", "divorced"},  // divorced in May
    {2033, 203, "M", "1990-01-01", "divorced"},
    {2034, 203, "F", "1990-09-09", "married"},   // marries her cousin in May
    {2035, 203, "M", "1988-08-08", "married"},
    {2036, 203, "M", "2025-04-02", "single", "2025-04-02"},
    {2037, 203, "F", "2025-05-28", "single", "2025-05-28"},
    {2041, 204, "M", "1970-01-01", "married"},   // moves out in April
    {2042, 204, "F", "1980-02-02", "married"},   // moves out in May
    {2051, 205, "F", "1992-02-02", "married", "2025-06-05"},
};
const E kEvents[] = {
    {1, "birth", "2025-05-03", "9900101", 2014, 2012, 201, 3},
    {2, "marriage", "2025-05-12", "9900102", 2031, 2013},
    {3, "premarital_counselling", "2025-05-01", "9900101", 2013},
    {4, "premarital_counselling", "2025-04-20", "9900102", 2031},
    {5, "move_in", "2025-05-20", "9900101", 2015, 0, 201},
    {6, "death", "2025-05-20", "9900101", 2021},
    {7, "birth", "2025-05-15", "9900101", 2024, 2023, 202, 1},
    {8, "divorce", "2025-05-25", "9900102", 2032, 2033},
    {9, "marriage", "2025-05-05", "9900102", 2034, 2035, 0, 0, 1},
    {10, "birth", "2025-04-02", "9900102", 2036, 2034, 203, 1},
    {11, "birth", "2025-05-28", "9900102", 2037, 2032, 203, 2},
    {12, "move_out", "2025-04-10", "9900102", 2041},
    {13, "move_out", "2025-05-08", "9900102", 2042},
    // The family-planning and screening slips (the commune's forms only,
    // not 01-DSH): in March, ...
    {14, "contraception_start", "2025-03-03", "9900101", 2012, 0, 0, 0, 0, "pill"},
    {15, "pregnancy", "2025-03-10", "9900102", 2032},
    {16, "prenatal_screening", "2025-03-12", "9900102", 2032, 0, 0, 0, 0, "", 4},
    // ... in April, the month before May, ...
    {28, "contraception_start", "2025-04-15", "9900101", 2013, 0, 0, 0, 0, "pill"},
    {29, "contraception_start", "2025-04-30", "9900102", 2032, 0, 0, 0, 0, "iud"},
    {30, "prenatal_screening", "2025-04-03", "9900102", 2034, 0, 0, 0, 0, "", 4},
    {31, "newborn_screening", "2025-04-05", "9900102", 2036, 0, 0, 0, 0, "", 5},
    // ... in May, from its first day to its last, every method but the pill
    // and a traditional method (in the total, on no row of its own), ...
    {18, "contraception_start", "2025-05-01", "9900101", 2016, 0, 0, 0, 0, "iud"},
    {19, "contraception_start", "2025-05-10", "9900101", 2022, 0, 0, 0, 0, "implant"},
    {20, "contraception_start", "2025-05-11", "9900102", 2034, 0, 0, 0, 0, "injectable"},
    {21, "contraception_start", "2025-05-21", "9900102", 2035, 0, 0, 0, 0, "condom"},
    {22, "contraception_start", "2025-05-22", "9900102", 2033, 0, 0, 0, 0, "male_sterilisation"},
    {23, "contraception_start", "2025-05-23", "9900101", 2015, 0, 0, 0, 0, "female_sterilisation"},
    {24, "contraception_start", "2025-05-31", "9900101", 2017, 0, 0, 0, 0, "traditional"},
    {25, "prenatal_screening", "2025-05-06", "9900101", 2012, 0, 0, 0, 0, "", 4},
    {26, "newborn_screening", "2025-05-31", "9900102", 2037, 0, 0, 0, 0, "", 5},
    {27, "pregnancy", "2025-05-25", "9900101", 2015},
    // ... and in June.
    {17, "newborn_screening", "2025-06-05", "9900102", 2037, 0, 0, 0, 0, "", 5},
    {32, "contraception_start", "2025-06-01", "9900101", 2012, 0, 0, 0, 0, "condom"},
};

Date d_reports(const char* s) { return Date::parse(s).value(); }
int age_on(const char* born, Date on) {
  int by, bm, bd, y, m, dd;
  d_reports(born).ymd(by, bm, bd);
  on.ymd(y, m, dd);
  return y - by - (m * 32 + dd < bm * 32 + bd ? 1 : 0);
}
const P& person(int64_t id) {
  for (const P& p : kPersons)
    if (p.id == id) return p;
  throw std::logic_error("no person");
}
const char* village_of(int64_t household) {
  for (const H& h : kHouses)
    if (h.id == household) return h.village;
  return "";
}

// The report's columns counted directly from the tables above, by village.
std::map<std::string, reports::Values> direct_counts(Date first, Date last) {
  std::map<std::string, reports::Values> out{{"9900101", {}}, {"9900102", {}}};
  std::map<std::string, std::set<int64_t>> households;
  for (const P& p : kPersons) {
    if (d_reports(p.registered) > last) continue;
    bool gone = false;  // died or moved out on or before the last day
    for (const E& e : kEvents)
      if (e.person == p.id && (std::string(e.type) == "death" || std::string(e.type) == "move_out") && d_reports(e.date) <= last)
        gone = true;
    if (gone) continue;
    auto& v = out[village_of(p.household)];
    households[village_of(p.household)].insert(p.household);
    ++v[1];
    ++v[std::string(p.sex) == "M" ? 17 : 18];
    const int age = age_on(p.born, last);
    if (std::string(p.sex) != "F" || age < 15 || age > 49) continue;
    // Married on the last day: the last marriage or divorce up to it; else
    // the first after it says the opposite (2013 in April); else the
    // register's status.
    std::string state = std::string(p.marital) == "married" ? "marriage" : "none";
    const E *last_marital = nullptr, *next_marital = nullptr;
    for (const E& e : kEvents)
      if ((e.person == p.id || e.related == p.id) &&
          (std::string(e.type) == "marriage" || std::string(e.type) == "divorce")) {
        if (d_reports(e.date) <= last) last_marital = &e;
        else if (!next_marital) next_marital = &e;
      }
    if (last_marital) state = last_marital->type;
    else if (next_marital) state = std::string(next_marital->type) == "marriage" ? "none" : "marriage";
    if (state == "marriage") ++v[2];
  }
  for (auto& [village, set] : households) out[village][0] = int64_t(set.size());
  for (const E& e : kEvents) {
    if (d_reports(e.date) < first || d_reports(e.date) > last) continue;
    auto& v = out[e.village];
    const std::string t = e.type;
    if (t == "birth") {
      ++v[3];
      ++v[std::string(person(e.person).sex) == "M" ? 4 : 5];
      if (e.order == 2) ++v[6];
      if (e.order >= 3) ++v[7];
      if (age_on(person(e.related).born, d_reports(e.date)) < 20) ++v[8];
    }
    if (t == "death") ++v[9];
    if (t == "marriage") {
      ++v[10];
      if (age_on(person(e.person).born, d_reports(e.date)) < (std::string(person(e.person).sex) == "F" ? 18 : 20) ||
          age_on(person(e.related).born, d_reports(e.date)) < (std::string(person(e.related).sex) == "F" ? 18 : 20))
        ++v[11];
      if (e.consanguineous) ++v[12];
    }
    if (t == "premarital_counselling") ++v[13];
    if (t == "divorce") ++v[14];
    if (t == "move_in") ++v[15];
    if (t == "move_out") ++v[16];
    if (t == "contraception_start") {
      ++v[19];
      // The columns by method, in kReportColumns' order (23-29).
      const char* const methods[] = {"iud", "implant", "injectable", "pill", "condom", "male_sterilisation",
                                     "female_sterilisation"};
      for (size_t m = 0; m < 7; ++m)
        if (std::string(e.method) == methods[m]) ++v[23 + m];
    }
    if (t == "pregnancy") ++v[20];
    if (t == "prenatal_screening") ++v[21];
    if (t == "newborn_screening") ++v[22];
  }
  return out;
}

// Expects the columns `form` carries to equal `want`, the others 0 (a
// stored report holds only its form's).
void expect_form_values(const reports::ReportRow& row, const reports::Values& want, ReportForm form) {
  for (int k = 0; k < kReportColumnCount; ++k)
    EXPECT_EQ(row.values[size_t(k)], report_carries(form, k) ? want[size_t(k)] : 0)
        << row.unit << " " << kReportColumns[size_t(k)].key;
}

class ReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-reports-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = test::open_test_store((dir_ / "t.db").string());
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    std::vector<OrgUnit> units;
    auto unit = [&](int64_t id, const char* code, const char* name, UnitKind kind, int level, int64_t parent) {
      OrgUnit o;
      o.id = UnitId(id), o.code = code, o.name = name, o.kind = kind, o.level = level, o.parent = UnitId(parent);
      o.valid_from = Date::from_ymd_unchecked(2019, 1, 1);
      units.push_back(o);
    };
    unit(1, "99", "Tỉnh Thử", UnitKind::kProvince, 1, 0);
    unit(2, "990", "Huyện Một", UnitKind::kDistrict, 2, 1);
    unit(3, "99001", "Xã Một", UnitKind::kCommune, 3, 2);
    unit(4, "9900101", "Thôn Đông", UnitKind::kVillage, 4, 3);
    unit(5, "9900102", "Thôn Tây", UnitKind::kVillage, 4, 3);
    {
      auto tx = store_->begin();
      ASSERT_TRUE(store_->upsert_units(units).ok());
      ASSERT_TRUE(tx.commit().ok());
    }
    std::string hh = "id,village_code,address,poverty,social_protection,ethnic_minority,registered_on\n";
    for (const H& h : kHouses)
      hh += std::to_string(h.id) + "," + h.village + ",Số " + std::to_string(h.id) + ",none,0,0," + h.registered + "\n";
    std::string ps =
        "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
        "registered_on\n";
    std::set<int64_t> headed;
    for (const P& p : kPersons)
      ps += std::to_string(p.id) + "," + std::to_string(p.household) + ",Người Thử " + std::to_string(p.id) + "," +
            p.sex + "," + p.born + ",," + (headed.insert(p.household).second ? "head" : "other") + ",Kinh," +
            p.marital + ",permanent," + p.registered + "\n";
    std::string ev =
        "id,type,date,village_code,person_id,related_id,household_id,birth_order,consanguineous,method,conditions\n";
    for (const E& e : kEvents) {
      auto opt = [](int64_t v) { return v ? std::to_string(v) : std::string(); };
      ev += std::to_string(e.id) + "," + e.type + "," + e.date + "," + e.village + "," + std::to_string(e.person) +
            "," + opt(e.related) + "," + opt(e.household) + "," + opt(e.order) + "," +
            (std::string(e.type) == "marriage" ? std::to_string(e.consanguineous) : "") + "," + e.method + "," +
            opt(e.conditions) + "\n";
    }
    import("households.csv", hh, ImportKind::kHouseholds);
    import("persons.csv", ps, ImportKind::kPersons);
    import("events.csv", ev, ImportKind::kEvents);
    accounts_ = std::make_unique<accounts::Accounts>(*store_, mu_);
    reports_ = std::make_unique<reports::Reports>(*store_, mu_, *accounts_);
  }
  void TearDown() override {
    reports_.reset();
    accounts_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  void import(const std::string& name, const std::string& text, ImportKind kind) {
    std::ofstream(dir_ / name) << text;
    ImportOptions o;
    o.file = (dir_ / name).string();
    o.kind = kind;
    o.today = accounts::date_of(kNow);
    auto r = import_file(*store_, o);
    ASSERT_TRUE(r.ok()) << r.error().en;
    for (const auto& i : r->issues) ADD_FAILURE() << name << " row " << i.row << " " << i.column << ": " << i.en;
    ASSERT_TRUE(r->committed) << name;
  }

  fs::path dir_;
  std::mutex mu_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<accounts::Accounts> accounts_;
  std::unique_ptr<reports::Reports> reports_;
};

TEST_F(ReportsTest, CommuneMonthlyEqualsADirectCount) {
  auto c = reports_->compute(nullptr, "99001", "2025-05", kNow);
  ASSERT_TRUE(c.ok()) << c.error().en;
  EXPECT_TRUE(c->created);
  const reports::Report& r = c->report;
  EXPECT_EQ(r.record.form, "commune_monthly");
  EXPECT_EQ(r.record.status, "draft");
  ASSERT_EQ(r.rows.size(), 2u);
  const auto expected = direct_counts(d_reports("2025-05-01"), d_reports("2025-05-31"));
  for (const auto& row : r.rows) expect_form_values(row, expected.at(row.unit), ReportForm::kCommuneMonthly);
  // The direct count itself, spelled out for village A (9900101): households
  // 201 and 202; residents 2011-2017 but 2021 (died), 2022-2024; married
  // women 2012, 2013 (married at 17), 2015 (moved in), 2016 (49), not 2017 (50).
  const reports::ReportRow& a = r.rows[0];
  EXPECT_EQ(a.unit, "9900101");
  EXPECT_EQ(a.name, "Thôn Đông");
  // Then May's slips: four contraception starts (the IUD of 2016 on the 1st,
  // the implant of 2022, the female sterilisation of 2015, the traditional
  // method of 2017 on the 31st), the pregnancy of 2015 and the prenatal
  // screening of 2012; no row for the residents by sex (17, 18).
  const reports::Values want_a{2, 10, 4, 2, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0,
                               4, 1, 1, 0,  // starts, pregnancies, prenatal, newborn
                               1, 1, 0, 0, 0, 0, 1};  // IUD, implant, injectable, pill, condom, male, female
  EXPECT_EQ(a.values, want_a);
  // Village B: household 203 only; 2032 divorced, 2034 married; the child
  // marriage of 2013 and 2031 is in B, and the consanguineous one. May's
  // starts: the injectable of 2034, the condoms of 2035, the male
  // sterilisation of 2033; the newborn 2037 screened on the 31st.
  const reports::Values want_b{1, 7, 1, 1, 0, 1, 1, 0, 0, 0, 2, 1, 1, 0, 1, 0, 1, 0, 0,
                               3, 0, 0, 1,
                               0, 0, 1, 0, 1, 1, 0};
  EXPECT_EQ(r.rows[1].values, want_b);
  for (int k = 0; k < kReportColumnCount; ++k) EXPECT_EQ(r.total[size_t(k)], want_a[size_t(k)] + want_b[size_t(k)]);
  // April: the earlier birth and move out, the counselling of 2031.
  auto april = reports_->compute(nullptr, "99001", "2025-04", kNow);
  ASSERT_TRUE(april.ok());
  const auto expected_april = direct_counts(d_reports("2025-04-01"), d_reports("2025-04-30"));
  for (const auto& row : april->report.rows) expect_form_values(row, expected_april.at(row.unit), ReportForm::kCommuneMonthly);
  EXPECT_EQ(april->report.rows[0].values[2], 3);  // 2012, 2016, 2017: not 2013, who marries in May
  EXPECT_EQ(april->report.total[3], 1);   // births
  EXPECT_EQ(april->report.total[16], 1);  // moves out
}

// The commune's yearly form 03-DSX: the same rows counted over the whole
// year, the states on 31 December; submitted from 1 December so that it
// meets its deadline of 10 December.
TEST_F(ReportsTest, CommuneYearlyCountsTheWholeYear) {
  auto c = reports_->compute(nullptr, "99001", "2025", kNow);
  ASSERT_TRUE(c.ok()) << c.error().en;
  const reports::Report& r = c->report;
  EXPECT_EQ(r.record.form, "commune_yearly");
  EXPECT_EQ(r.record.period, "2025");
  ASSERT_EQ(r.rows.size(), 2u);
  const auto expected = direct_counts(d_reports("2025-01-01"), d_reports("2025-12-31"));
  for (const auto& row : r.rows) EXPECT_EQ(row.values, expected.at(row.unit)) << row.unit;
  // Village A on 31 December: households 201, 202 and 205 (registered in
  // June); residents 2011-2017, 2022-2024 and 2051; married women 2012,
  // 2013, 2015 and 2051 (2016 is 50 by then); April's and May's events.
  // Then the yearly form's own: men 2011, 2014; women the other nine; and
  // the year's slips: seven starts (the pills of 2012 in March and 2013 in
  // April, May's four, the condoms of 2012 in June), May's pregnancy and
  // prenatal screening.
  const reports::Values want_a{3, 11, 4, 2, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 2, 9, 7, 1, 1, 0,
                               1, 1, 0, 2, 1, 0, 1};
  EXPECT_EQ(r.rows[0].values, want_a);
  // Village B: household 203 (204 moved out); both births, both marriages
  // (one a child marriage, one consanguineous), both moves out.
  // Men 2031, 2033, 2035, 2036; women 2032, 2034, 2037; the pregnancy and
  // prenatal screening of 2032 in March and 2034's in April, the newborns
  // 2036 (April) and 2037 (May and June) screened; April's IUD and May's
  // three starts.
  const reports::Values want_b{1, 7, 1, 2, 1, 1, 1, 0, 0, 0, 2, 1, 1, 1, 1, 0, 2, 4, 3, 4, 1, 2, 3,
                               1, 0, 1, 0, 1, 1, 0};
  EXPECT_EQ(r.rows[1].values, want_b);
  EXPECT_EQ(r.total[3], 4);   // births in the year
  EXPECT_EQ(r.total[16], 2);  // moves out
  // The year stores all 30 columns.
  EXPECT_EQ(nlohmann::json::parse(store_->find_report(r.record.id)->rows)[0]["values"].size(), 30u);

  // The month's report of the same commune is a report of its own.
  auto may = reports_->compute(nullptr, "99001", "2025-05", kNow);
  ASSERT_TRUE(may.ok());
  EXPECT_NE(may->report.record.id, r.record.id);
  EXPECT_EQ(nlohmann::json::parse(store_->find_report(may->report.record.id)->rows)[0]["values"].size(), 28u);
  EXPECT_EQ(may->report.total[17], 0);  // the residents by sex: not on the monthly report
  EXPECT_EQ(may->report.total[19], 7);  // May's contraception starts

  const int64_t id = r.record.id;
  auto early = reports_->submit(nullptr, id, kNow);  // 15 June
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(early.error().en.find("it can be submitted from 2025-12-01"), std::string::npos) << early.error().en;
  EXPECT_NE(early.error().vi.find("chỉ gửi được từ ngày 2025-12-01"), std::string::npos);
  constexpr int64_t kFirstOfDecember = 1'764'547'200;  // 2025-12-01T00:00:00Z
  ASSERT_FALSE(reports_->submit(nullptr, id, kFirstOfDecember - 1).ok());
  auto sent = reports_->submit(nullptr, id, kFirstOfDecember);
  ASSERT_TRUE(sent.ok()) << sent.error().en;
  EXPECT_EQ(sent->record.status, "submitted");
  auto back = reports_->send_back(nullptr, id, "Kiểm tra lại số hộ", kFirstOfDecember);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->record.status, "returned");
  ASSERT_TRUE(reports_->submit(nullptr, id, kFirstOfDecember).ok());
  ASSERT_TRUE(reports_->approve(nullptr, id, "", kFirstOfDecember).ok());
  // A correction after approval is version 2, the first kept.
  auto v2 = reports_->compute(nullptr, "99001", "2025", kFirstOfDecember + 86400);
  ASSERT_TRUE(v2.ok());
  EXPECT_TRUE(v2->created);
  EXPECT_EQ(v2->report.record.version, 2);
  EXPECT_EQ(v2->report.record.form, "commune_yearly");
  EXPECT_EQ(store_->find_report(id)->status, "approved");
  ASSERT_EQ(reports_->read(id)->history.size(), 5u);  // compute, submit, return, submit, approve
}

TEST_F(ReportsTest, FormFollowsTheUnitAndPeriod) {
  for (const auto& [unit, period] : std::vector<std::pair<const char*, const char*>>{
           {"99001", "2025-Q2"}, {"990", "2025-05"}, {"9900101", "2025-05"}, {"99", "2025"}, {"990", "2025"},
           {"99001", "2025-H1"}, {"99001", "2025-13"}}) {
    auto c = reports_->compute(nullptr, unit, period, kNow);
    ASSERT_FALSE(c.ok()) << unit << " " << period;
    EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(c.error().vi.empty());
    EXPECT_FALSE(c.error().en.empty());
  }
  auto future = reports_->compute(nullptr, "99001", "2025-07", kNow);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "period");
  auto unknown = reports_->compute(nullptr, "99999", "2025-05", kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  // The district's quarter: one row per commune, its villages summed.
  auto q = reports_->compute(nullptr, "990", "2025-Q2", kNow);
  ASSERT_TRUE(q.ok()) << q.error().en;
  EXPECT_EQ(q->report.record.form, "district_quarterly");
  ASSERT_EQ(q->report.rows.size(), 1u);
  EXPECT_EQ(q->report.rows[0].unit, "99001");
  const auto april = direct_counts(d_reports("2025-04-01"), d_reports("2025-06-30"));
  for (int k = 0; k < kReportColumnCount; ++k)
    EXPECT_EQ(q->report.rows[0].values[size_t(k)],
              k < kCommonColumnCount ? april.at("9900101")[size_t(k)] + april.at("9900102")[size_t(k)] : 0)
        << kReportColumns[size_t(k)].key;
  EXPECT_EQ(q->report.columns.size(), size_t(kCommonColumnCount));  // 01-DSH: rows 1-10 only
}

TEST_F(ReportsTest, ApprovedIsFrozenInTheStore) {
  auto c = reports_->compute(nullptr, "99001", "2025-05", kNow);
  ASSERT_TRUE(c.ok());
  const int64_t id = c->report.record.id;
  ASSERT_TRUE(reports_->submit(nullptr, id, kNow).ok());
  ASSERT_TRUE(reports_->approve(nullptr, id, "", kNow).ok());
  ReportRecord rec = *store_->find_report(id);
  rec.rows = "[]";
  rec.status = "draft";
  {
    auto tx = store_->begin();
    const Status s = store_->update_report(rec);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  }
  EXPECT_EQ(store_->find_report(id)->status, "approved");
  EXPECT_NE(store_->find_report(id)->rows, "[]");
}

// On a generated province, the quarterly form of each district equals the
// indicator engine's counts of its communes (the married women aside: the
// engine counts them on the period's middle day, the form on its last).
TEST(ReportCounts, DistrictFormEqualsTheIndicatorEngine) {
  demo::DemoOptions o;
  o.persons = 12'000;
  o.seed = 11;
  o.today = Date::parse("2026-11-22").value();
  const RegisterBatch batch = demo::generate(o).value();
  const fs::path dir = fs::temp_directory_path() / ("danso-report-counts-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = test::open_test_store((dir / "r.db").string());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(load_register(**store, batch).ok());
  const auto snap = analytics::RegisterSnapshot::load(**store);
  const Period period = Period::parse("2025-Q3").value();
  const auto counts = analytics::count_period(snap, period);
  std::mutex mu;
  accounts::Accounts acc(**store, mu);
  reports::Reports reps(**store, mu, acc);
  int districts = 0;
  int64_t births = 0;
  for (const OrgUnit& u : snap.tree.units()) {
    if (u.kind != UnitKind::kDistrict || !u.valid_on(period.last)) continue;
    auto c = reps.compute(nullptr, u.code, period.label, kNow + 600 * 86400);
    ASSERT_TRUE(c.ok()) << u.code << ": " << c.error().en;
    ++districts;
    for (const auto& row : c->report.rows) {
      const OrgUnit* commune = snap.tree.resolve(row.unit, period.last);
      ASSERT_NE(commune, nullptr);
      const analytics::UnitCounts& e = counts[size_t(snap.unit_slot.at(commune->id.value))];
      const reports::Values& v = row.values;
      EXPECT_EQ(v[1], e.permanent_population_end()) << row.unit;  // dân số thường trú
      EXPECT_EQ(v[3], e.births[0] + e.births[1]) << row.unit;
      EXPECT_EQ(v[4], e.births[0]) << row.unit;
      EXPECT_EQ(v[6], e.births_order2) << row.unit;
      EXPECT_EQ(v[7], e.births_order3plus) << row.unit;
      EXPECT_EQ(v[8], e.births_mother_under20) << row.unit;
      int64_t deaths = 0;
      for (const auto& by_age : e.deaths)
        for (auto n : by_age) deaths += n;
      EXPECT_EQ(v[9], deaths) << row.unit;
      EXPECT_EQ(v[10], e.marriages) << row.unit;
      EXPECT_EQ(v[11], e.child_marriages) << row.unit;
      EXPECT_EQ(v[12], e.consanguineous_marriages) << row.unit;
      EXPECT_EQ(v[13], e.premarital_counsellings) << row.unit;
      EXPECT_EQ(v[14], e.divorces) << row.unit;
      EXPECT_EQ(v[15], e.moves_in) << row.unit;
      EXPECT_EQ(v[16], e.moves_out) << row.unit;
      EXPECT_GT(v[2], 0) << row.unit;
      births += v[3];
    }
  }
  EXPECT_GT(districts, 0);
  EXPECT_GT(births, 20);
  fs::remove_all(dir);
}


// The commune's monthly report counts the month's contraception starts by
// method, exactly those dated in it: May's, not April's or June's.
TEST_F(ReportsTest, MonthlyCountsContraceptionStartsByMethod) {
  auto may = reports_->compute(nullptr, "99001", "2025-05", kNow);
  ASSERT_TRUE(may.ok()) << may.error().en;
  const nlohmann::ordered_json j = reports::report_json(may->report);
  const auto& total = j["total"];
  EXPECT_EQ(total["contraception_starts"], 7);  // six methods with a row, one traditional
  EXPECT_EQ(total["contraception_iud"], 1);
  EXPECT_EQ(total["contraception_implant"], 1);
  EXPECT_EQ(total["contraception_injectable"], 1);
  EXPECT_EQ(total["contraception_pill"], 0);  // April's and March's pills are not May's
  EXPECT_EQ(total["contraception_condom"], 1);  // June's condoms are not May's
  EXPECT_EQ(total["contraception_male_sterilisation"], 1);
  EXPECT_EQ(total["contraception_female_sterilisation"], 1);
  EXPECT_EQ(total["pregnancies"], 1);
  EXPECT_EQ(total["prenatal_screenings"], 1);
  EXPECT_EQ(total["newborn_screenings"], 1);
  EXPECT_EQ(total["premarital_counselling"], 1);
  EXPECT_FALSE(total.contains("population_male"));  // the yearly form's only
  const auto& rows = j["rows"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["values"]["contraception_iud"], 1);
  EXPECT_EQ(rows[0]["values"]["contraception_injectable"], 0);
  EXPECT_EQ(rows[1]["values"]["contraception_injectable"], 1);
  EXPECT_EQ(rows[1]["values"]["contraception_male_sterilisation"], 1);
  // The columns in the printed form's order, each with its row's number and
  // unit; the methods are "Trong đó" rows under row 11.
  const auto& columns = j["columns"];
  ASSERT_EQ(columns.size(), 28u);
  EXPECT_EQ(columns[0]["key"], "households");
  EXPECT_EQ(columns[0]["number"], "1");
  EXPECT_EQ(columns[0]["unit_of_measure"], "hộ");
  EXPECT_EQ(columns[17]["key"], "contraception_starts");
  EXPECT_EQ(columns[17]["number"], "11");
  EXPECT_EQ(columns[17]["sub"], false);
  EXPECT_EQ(columns[18]["key"], "contraception_iud");
  EXPECT_EQ(columns[18]["number"], "11.1");
  EXPECT_EQ(columns[18]["sub"], true);
  EXPECT_EQ(columns[18]["unit_of_measure"], "lượt");
  EXPECT_EQ(columns[24]["key"], "contraception_female_sterilisation");
  EXPECT_EQ(columns[25]["key"], "pregnancies");
  EXPECT_EQ(columns[27]["key"], "newborn_screenings");

  // April, the month before: the pill of 2013, the IUD of 2032 on the 30th,
  // 2034's prenatal and 2036's newborn screening.
  auto april = reports_->compute(nullptr, "99001", "2025-04", kNow);
  ASSERT_TRUE(april.ok());
  const reports::Values& t = april->report.total;
  const auto col = [](const char* key) { return size_t(report_column_index(key)); };
  EXPECT_EQ(t[col("contraception_starts")], 2);
  EXPECT_EQ(t[col("contraception_pill")], 1);
  EXPECT_EQ(t[col("contraception_iud")], 1);
  EXPECT_EQ(t[col("contraception_implant")], 0);
  EXPECT_EQ(t[col("contraception_male_sterilisation")], 0);
  EXPECT_EQ(t[col("prenatal_screenings")], 1);
  EXPECT_EQ(t[col("newborn_screenings")], 1);
  EXPECT_EQ(t[col("pregnancies")], 0);
  EXPECT_EQ(april->report.rows[0].values[col("contraception_pill")], 1);
  EXPECT_EQ(april->report.rows[1].values[col("contraception_iud")], 1);

  // The printed form: the rows under row 11 with their numbers and unit.
  const std::string html = reports::report_html(may->report);
  EXPECT_NE(html.find("<td class=\"c\">11.1</td><td class=\"sub\">- Đặt dụng cụ tử cung (vòng tránh thai)</td>"
                      "<td class=\"c\">lượt</td><td class=\"n total\">1</td>"),
            std::string::npos);
  EXPECT_NE(html.find("- Triệt sản nam</td><td class=\"c\">lượt</td><td class=\"n total\">1</td><td class=\"n\">0</td>"
                      "<td class=\"n\">1</td>"),
            std::string::npos);
  const auto bytes = reports::report_xlsx(may->report);
  ASSERT_TRUE(bytes.ok()) << bytes.error().en;
  const auto x = testing::read_xlsx(*bytes);
  // Two villages: the heading on rows 10-12, form line i on row 13 + i.
  EXPECT_EQ(x.cells.at("A32"), "11");
  EXPECT_EQ(x.cells.at("D32"), "7");
  EXPECT_EQ(x.cells.at("B33"), "Trong đó:");
  EXPECT_EQ(x.cells.at("A34"), "11.1");
  EXPECT_EQ(x.cells.at("B34"), "- Đặt dụng cụ tử cung (vòng tránh thai)");
  EXPECT_EQ(x.cells.at("C34"), "lượt");
  EXPECT_EQ(x.cells.at("D34"), "1");
  EXPECT_EQ(x.cells.at("E34"), "1");  // Thôn Đông
  EXPECT_EQ(x.cells.at("F34"), "0");  // Thôn Tây
  EXPECT_EQ(x.cells.at("B38"), "- Bao cao su");
  EXPECT_EQ(x.cells.at("F38"), "1");
  EXPECT_EQ(x.cells.at("B40"), "- Triệt sản nữ");
  EXPECT_EQ(x.cells.at("B41"), "Số lần có thai được ghi nhận");
  EXPECT_EQ(x.cells.at("A43"), "14");
  EXPECT_EQ(x.cells.at("D43"), "1");
  EXPECT_EQ(x.cells.at("D45"), "Xã Một, ngày 15 tháng 6 năm 2025");  // the signature block below
}

// A monthly report stored before the form had rows 11-14 (its values name
// the first 17 columns only) reads, prints and exports with those rows
// empty, never 0; approved, it stays as stored, and a correction is version
// 2 with every row, its diff only over the rows version 1 held.
TEST_F(ReportsTest, AVersionStoredBeforeTheNewRowsStillReads) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [unit, name, population] :
       std::vector<std::tuple<const char*, const char*, int>>{{"9900101", "Thôn Đông", 10}, {"9900102", "Thôn Tây", 6}}) {
    nlohmann::json values = nlohmann::json::object();
    for (int k = 0; k < kCommonColumnCount; ++k) values[kReportColumns[size_t(k)].key] = 0;
    values["population"] = population;
    rows.push_back({{"unit", unit}, {"name", name}, {"values", values}});
  }
  ReportRecord old;
  old.unit = UnitId(3);
  old.form = "commune_monthly";
  old.period = "2025-05";
  old.version = 1;
  old.status = "approved";
  old.rows = rows.dump();
  old.diff = "[]";
  old.created_at = old.updated_at = "2025-06-05T02:00:00Z";
  int64_t id = 0;
  {
    auto tx = store_->begin();
    auto inserted = store_->insert_report(old);
    ASSERT_TRUE(inserted.ok()) << inserted.error().en;
    id = *inserted;
    ASSERT_TRUE(tx.commit().ok());
  }
  auto r = reports_->read(id);
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_EQ(r->columns.size(), size_t(kCommonColumnCount));
  EXPECT_EQ(r->total[1], 16);
  const nlohmann::ordered_json j = reports::report_json(*r);
  EXPECT_EQ(j["columns"].size(), size_t(kCommonColumnCount));
  EXPECT_FALSE(j["total"].contains("contraception_starts"));
  EXPECT_FALSE(j["rows"][0]["values"].contains("contraception_iud"));
  EXPECT_EQ(j["total"]["population"], 16);
  // Printed: the rows the form has now, empty for this version.
  const std::string html = reports::report_html(*r);
  EXPECT_NE(html.find("- Triệt sản nữ</td><td class=\"c\">lượt</td><td class=\"n total\"></td><td class=\"n\"></td>"
                      "<td class=\"n\"></td>"),
            std::string::npos);
  EXPECT_NE(html.find("Dân số thường trú</td><td class=\"c\">người</td><td class=\"n total\">16</td>"),
            std::string::npos);
  const auto bytes = reports::report_xlsx(*r);
  ASSERT_TRUE(bytes.ok()) << bytes.error().en;
  const auto x = testing::read_xlsx(*bytes);
  EXPECT_EQ(x.cells.at("D14"), "16");
  EXPECT_EQ(x.cells.at("B32"), "Số lượt bắt đầu sử dụng biện pháp tránh thai");
  EXPECT_EQ(x.cells.at("D32"), "");
  EXPECT_EQ(x.cells.at("B40"), "- Triệt sản nữ");
  EXPECT_EQ(x.cells.at("D40"), "");
  EXPECT_EQ(x.cells.at("E40"), "");

  // A correction: version 2 with all 28 columns; its diff names only the
  // rows version 1 held (the population, recounted), none of the new ones.
  auto v2 = reports_->compute(nullptr, "99001", "2025-05", kNow);
  ASSERT_TRUE(v2.ok()) << v2.error().en;
  EXPECT_TRUE(v2->created);
  EXPECT_EQ(v2->report.record.version, 2);
  EXPECT_EQ(v2->report.columns.size(), 28u);
  EXPECT_EQ(v2->report.total[size_t(report_column_index("contraception_iud"))], 1);
  std::set<std::string> changed;
  for (const auto& d : v2->report.diff) changed.insert(d.column);
  EXPECT_TRUE(changed.count("population"));  // 10 -> 10 in A, 6 -> 7 in B
  EXPECT_TRUE(changed.count("households"));
  for (const auto& c : changed) EXPECT_LT(report_column_index(c), kCommonColumnCount) << c;
  // Version 1 is as it was stored.
  EXPECT_EQ(store_->find_report(id)->rows, old.rows);
  EXPECT_EQ(reports_->read(id)->columns.size(), size_t(kCommonColumnCount));
}

}  // namespace
}  // namespace danso

// Core values: dates, periods, text, and the register's rules.
#include <gtest/gtest.h>

#include "core/date.h"
#include "core/period.h"
#include "core/rules.h"
#include "core/text.h"

using namespace danso;

namespace {

Date d_values(const char* s) { return Date::parse(s).value(); }

TEST(DateTest, ParsesAndFormatsIsoDays) {
  EXPECT_EQ(d_values("2024-02-29").iso(), "2024-02-29");
  EXPECT_EQ(d_values("1970-01-01").days(), 0);
  EXPECT_EQ(d_values("2025-07-01").add_days(-1).iso(), "2025-06-30");
  EXPECT_EQ(d_values("2025-11-03").dmy(), "03/11/2025");
  EXPECT_FALSE(Date::parse("2023-02-29").ok());
  EXPECT_FALSE(Date::parse("2024-13-01").ok());
  EXPECT_FALSE(Date::parse("24-01-01").ok());
  EXPECT_FALSE(Date::parse("2024/01/01").ok());
  auto bad = Date::parse("2024-1-1", "birth_date");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "birth_date");
  EXPECT_NE(bad.error().vi.find("ngày không hợp lệ"), std::string::npos);
}

TEST(DateTest, CivilConversionsAgreeOverCenturies) {
  for (int32_t day = Date::kMinDays; day <= Date::kMaxDays; day += 37) {
    int y, m, dd;
    civil_from_days(day, y, m, dd);
    EXPECT_EQ(days_from_civil(y, m, dd), day);
  }
  EXPECT_EQ(d_values("2000-03-01").days() - d_values("2000-02-28").days(), 2);
  EXPECT_EQ(d_values("1900-03-01").days() - d_values("1900-02-28").days(), 1);
}

TEST(DateTest, AgeInCompletedYears) {
  EXPECT_EQ(age_in_years(d_values("1990-07-01"), d_values("2024-06-30")), 33);
  EXPECT_EQ(age_in_years(d_values("1990-07-01"), d_values("2024-07-01")), 34);
  EXPECT_EQ(age_in_years(d_values("2004-02-29"), d_values("2023-02-28")), 18);
  EXPECT_EQ(age_in_years(d_values("2004-02-29"), d_values("2023-03-01")), 19);
  EXPECT_EQ(age_in_years(d_values("2004-02-29"), d_values("2024-02-29")), 20);
}

TEST(PeriodTest, NamesPeopleUse) {
  auto q = Period::parse("2024-Q3").value();
  EXPECT_EQ(q.first.iso(), "2024-07-01");
  EXPECT_EQ(q.last.iso(), "2024-09-30");
  EXPECT_EQ(q.days(), 92);
  EXPECT_EQ(Period::parse("2024").value().days(), 366);
  EXPECT_EQ(Period::parse("2024").value().middle().iso(), "2024-07-02");
  EXPECT_EQ(Period::parse("2023-02").value().last.iso(), "2023-02-28");
  EXPECT_EQ(Period::parse("2024-H2").value().first.iso(), "2024-07-01");
  auto r = Period::parse("2020..2024").value();
  EXPECT_EQ(r.first.iso(), "2020-01-01");
  EXPECT_EQ(r.last.iso(), "2024-12-31");
  EXPECT_EQ(Period::parse("2024-03-15..2024-03-16").value().days(), 2);
  EXPECT_FALSE(Period::parse("2024-Q5").ok());
  EXPECT_FALSE(Period::parse("2024..2020").ok());
  EXPECT_FALSE(Period::parse("abc").ok());
}

TEST(PeriodTest, TheFormsSpellingsAreReadAsTheirIsoNames) {
  EXPECT_EQ(Period::parse("12/2025").value().label, "2025-12");
  EXPECT_EQ(Period::parse("7/2024").value().label, "2024-07");
  EXPECT_EQ(Period::parse("07/2024").value().last.iso(), "2024-07-31");
  EXPECT_EQ(Period::parse("Q3/2025").value().label, "2025-Q3");
  EXPECT_EQ(Period::parse("q1/2025").value().first.iso(), "2025-01-01");
  EXPECT_EQ(Period::parse("H2/2024").value().first.iso(), "2024-07-01");
  for (const char* bad : {"13/2025", "0/2025", "Q5/2025", "12/25", "/2025", "12/", "123/2025", "Q3/20255", "H3/2024"}) {
    auto r = Period::parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().en.find("Q3/2024"), std::string::npos) << bad;
  }
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("Nguyễn Văn Đức"));
  EXPECT_FALSE(is_valid_utf8("Nguy\xea\xe1n"));
  EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("abc\xe1\xba"));       // truncated
}

TEST(TextTest, ComposedFormAndSearchFolding) {
  EXPECT_EQ(to_nfc("Nguye\xcc\x82\xcc\x83n"), "Nguyễn");
  EXPECT_EQ(to_nfc("plain"), "plain");
  EXPECT_EQ(fold_for_search("Nguyễn Văn Đức"), "nguyen van duc");
  EXPECT_EQ(fold_for_search("Nguye\xcc\x82\xcc\x83n"), "nguyen");
}

TEST(RulesTest, CitizenId) {
  EXPECT_TRUE(rules::check_citizen_id("990000000001").ok());
  EXPECT_FALSE(rules::check_citizen_id("99000000001").ok());
  EXPECT_FALSE(rules::check_citizen_id("9900000000012").ok());
  EXPECT_FALSE(rules::check_citizen_id("99000000000A").ok());
}

TEST(RulesTest, MotherAgeAndSex) {
  const Date birth = d_values("2024-06-01");
  EXPECT_TRUE(rules::check_mother(Sex::kFemale, d_values("2014-06-01"), birth).ok());   // 10
  EXPECT_FALSE(rules::check_mother(Sex::kFemale, d_values("2014-06-02"), birth).ok());  // 9
  EXPECT_TRUE(rules::check_mother(Sex::kFemale, d_values("1963-06-02"), birth).ok());   // 60
  EXPECT_FALSE(rules::check_mother(Sex::kFemale, d_values("1963-06-01"), birth).ok());  // 61
  EXPECT_FALSE(rules::check_mother(Sex::kMale, d_values("1990-01-01"), birth).ok());
}

TEST(RulesTest, ChildMarriageAtTheLegalAges) {
  EXPECT_TRUE(rules::is_child_marriage(Sex::kFemale, d_values("2006-07-02"), d_values("2024-07-01")));   // 17y 364d
  EXPECT_FALSE(rules::is_child_marriage(Sex::kFemale, d_values("2006-07-01"), d_values("2024-07-01")));  // 18
  EXPECT_TRUE(rules::is_child_marriage(Sex::kMale, d_values("2004-07-02"), d_values("2024-07-01")));     // 19
  EXPECT_FALSE(rules::is_child_marriage(Sex::kMale, d_values("2004-07-01"), d_values("2024-07-01")));    // 20
}

TEST(RulesTest, BirthOrder) {
  EXPECT_TRUE(rules::check_birth_order(1, 0, 0).ok());
  EXPECT_TRUE(rules::check_birth_order(3, 1, 2).ok());
  EXPECT_FALSE(rules::check_birth_order(2, 2, 2).ok());
  EXPECT_FALSE(rules::check_birth_order(2, 1, 3).ok());
  EXPECT_FALSE(rules::check_birth_order(0, 0, 0).ok());
}

TEST(RulesTest, NotFuture) {
  EXPECT_TRUE(rules::check_not_future(d_values("2024-01-01"), d_values("2024-01-01"), "date").ok());
  EXPECT_FALSE(rules::check_not_future(d_values("2024-01-02"), d_values("2024-01-01"), "date").ok());
}

}  // namespace

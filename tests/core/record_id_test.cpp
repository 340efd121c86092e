// Record ids as the API takes them (core/record_id.h): one spelling only.
#include <gtest/gtest.h>

#include "core/record_id.h"

using namespace danso;

namespace {

TEST(RecordIdTest, OnlyACleanPositiveIntegerIsAnId) {
  EXPECT_EQ(record_id_of("1"), 1);
  EXPECT_EQ(record_id_of("900001"), 900001);
  EXPECT_EQ(record_id_of("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"", " 5", "5 ", "\t5", "5\n", "+5", "-5", "05", "0", "00", "5.0", "1e3", "0x5", "5a",
                          "9223372036854775808", "99999999999999999999", "18446744073709551615", "١٢"})
    EXPECT_FALSE(record_id_of(bad).has_value()) << "'" << bad << "'";
  const auto r = parse_record_id(" 900001", "household_id");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "household_id");
  EXPECT_EQ(r.error().en,
            "'household_id' must be a positive whole number written plainly: digits only, no sign, no leading zero, "
            "no spaces");
  EXPECT_NE(r.error().vi, r.error().en);
  EXPECT_EQ(parse_record_id("12", "id").value(), 12);
}

}  // namespace

// The one rule for text typed by people (core/text.h check_text_field):
// valid UTF-8 without control characters, the field and the character named
// in both languages; a comment may hold line ends. show_controls makes any
// value safe to print on a terminal.
#include <gtest/gtest.h>

#include <string>

#include "core/password_policy.h"
#include "core/text.h"

using namespace danso;
using namespace std::string_literals;

namespace {

TEST(TextField, PlainVietnameseTextIsAccepted) {
  for (const std::string s : {"Nguyễn Văn Mẫu", "Số 9, ngõ \"Mới\" – thôn Đông", "", "Ê-đê", "a\u00A0b", "日本"})
    EXPECT_TRUE(check_text_field(s, "name").ok()) << s;
}

TEST(TextField, EveryControlCharacterIsRefusedNamingTheFieldAndTheCharacter) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string value = "Tên"s + char(c) + "x";
    const Status st = check_text_field(value, "name");
    ASSERT_FALSE(st.ok()) << c;
    EXPECT_EQ(st.error().field, "name");
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    char hex[8];
    std::snprintf(hex, sizeof hex, "U+%04X", c);
    EXPECT_NE(st.error().en.find(hex), std::string::npos) << st.error().en;
    EXPECT_NE(st.error().vi.find(hex), std::string::npos) << st.error().vi;
    EXPECT_NE(st.error().en.find("at character 4"), std::string::npos) << st.error().en;  // T, ê, n, then it
    EXPECT_NE(st.error().en.find("'name'"), std::string::npos);
  }
  const Status nul = check_text_field("a\0b"s, "address");
  ASSERT_FALSE(nul.ok());
  EXPECT_NE(nul.error().en.find("U+0000 (NUL)"), std::string::npos) << nul.error().en;
  EXPECT_FALSE(check_text_field("a\x7F", "name").ok());           // DEL
  EXPECT_FALSE(check_text_field("a\u0085b", "name").ok());        // NEL, a C1 control
  EXPECT_FALSE(check_text_field("\u009B31m", "name").ok());       // CSI, a C1 control
  EXPECT_TRUE(check_text_field("a\u00A0b", "name").ok());         // no-break space: not a control
}

TEST(TextField, InvalidUtf8IsRefused) {
  for (const std::string& s : {"\xFF"s, "\xC3"s, "\xC0\xAF"s, "\xED\xA0\x80"s, "abc\xE1\xBA"s}) {
    const Status st = check_text_field(s, "place");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "place");
    EXPECT_NE(st.error().en.find("not valid UTF-8"), std::string::npos) << st.error().en;
  }
}

TEST(TextField, ACommentMayHoldLineEndsAndNothingElse) {
  EXPECT_TRUE(check_text_field("Dòng 3 sai.\nDòng 5 thiếu.", "comment", TextKind::kMultiline).ok());
  EXPECT_TRUE(check_text_field("Dòng 3 sai.\r\nDòng 5 thiếu.\r\n", "comment", TextKind::kMultiline).ok());
  EXPECT_FALSE(check_text_field("Dòng 3 sai.\rDòng 5", "comment", TextKind::kMultiline).ok());  // a lone CR
  EXPECT_FALSE(check_text_field("a\tb", "comment", TextKind::kMultiline).ok());
  EXPECT_FALSE(check_text_field("a\0b"s, "comment", TextKind::kMultiline).ok());
  EXPECT_FALSE(check_text_field("a\nb", "name").ok());  // a name is one line
  EXPECT_FALSE(check_text_field("a\r\nb", "name").ok());
}

TEST(TextField, ShowControlsEscapesWhatATerminalWouldObey) {
  EXPECT_EQ(show_controls("Tên"), "Tên");
  EXPECT_EQ(show_controls("a\tb"), "a\\x09b");
  EXPECT_EQ(show_controls("\x1B[31mđỏ"), "\\x1B[31mđỏ");
  EXPECT_EQ(show_controls("a\0b"s), "a\\x00b");
  EXPECT_EQ(show_controls("\xFF"s), "\\xFF");
  EXPECT_EQ(show_controls("\u009B"), "\\xC2\\x9B");
}

TEST(TextField, TrimRemovesSpacesOnly) {
  EXPECT_EQ(trim("  a b  "), "a b");
  EXPECT_EQ(trim("\ta\t"), "\ta\t");  // a tab is not blank: it is refused where text is checked
}

TEST(TextField, APasswordWithAControlCharacterIsRefused) {
  EXPECT_TRUE(check_password("Mây-trắng-bay-2025", "ctv.thon1").ok());
  for (const std::string& p : {"Mây-trắng\tbay-2025"s, "Mây-trắng-bay-2025\n"s, "Mây-trắng\0bay-2025"s}) {
    const Status st = check_password(p, "ctv.thon1");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "password");
    EXPECT_NE(st.error().en.find("control character"), std::string::npos) << st.error().en;
  }
}

}  // namespace

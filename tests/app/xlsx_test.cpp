// The xlsx writer: title lines, bold header, text and number cells, a total
// row and column widths, read back from the file's XML; bad sheets refused.
#include "app/export/xlsx.h"

#include <gtest/gtest.h>

#include "app/xlsx_cells.h"

namespace danso {
namespace {

XlsxSheet households_sheet() {
  XlsxSheet s;
  s.name = "Hộ gia đình";
  s.title_lines = {"Sổ hộ gia đình", "Xã Thử Nghiệm"};
  s.header = {"Mã hộ", "Chủ hộ", "Số người"};
  s.rows.push_back({XlsxCell::text("H001"), XlsxCell::text("Nguyễn Văn Thử & con"), XlsxCell::number(4)});
  s.rows.push_back({XlsxCell::text("H002"), XlsxCell::empty(), XlsxCell::number(2.5)});
  s.total = XlsxRow{XlsxCell::text("Tổng"), XlsxCell::empty(), XlsxCell::number(6.5)};
  s.number_formats = {"", "", "#,##0.0"};
  return s;
}

TEST(Xlsx, WritesTitlesHeaderRowsAndTotal) {
  Result<std::string> bytes = write_xlsx(households_sheet());
  ASSERT_TRUE(bytes) << bytes.error().en;
  ASSERT_EQ(bytes->substr(0, 2), "PK");
  testing::XlsxContents x = testing::read_xlsx(*bytes);
  EXPECT_EQ(x.cells["A1"], "Sổ hộ gia đình");
  EXPECT_EQ(x.cells["A2"], "Xã Thử Nghiệm");
  EXPECT_EQ(x.cells.count("A3"), 0u);  // the blank row under the titles
  EXPECT_EQ(x.cells["A4"], "Mã hộ");
  EXPECT_EQ(x.cells["C4"], "Số người");
  EXPECT_EQ(x.cells["A5"], "H001");
  EXPECT_EQ(x.cells["B5"], "Nguyễn Văn Thử & con");
  EXPECT_EQ(x.cells["C5"], "4");
  EXPECT_EQ(x.cells["C6"], "2.5");
  EXPECT_EQ(x.cells["A7"], "Tổng");
  EXPECT_EQ(x.cells["C7"], "6.5");
  // Header frozen under the titles; columns sized to their text.
  EXPECT_NE(x.sheet_xml.find("topLeftCell=\"A5\""), std::string::npos) << x.sheet_xml;
  EXPECT_NE(x.sheet_xml.find("<col min=\"2\" max=\"2\" width=\"22."), std::string::npos) << x.sheet_xml;
}

TEST(Xlsx, HeaderOnlyAndSeveralSheets) {
  XlsxSheet a, b;
  a.name = "A";
  a.header = {"x"};
  b.name = "B";
  b.header = {"y"};
  b.rows.push_back({XlsxCell::number(1)});
  Result<std::string> bytes = write_xlsx(std::vector<XlsxSheet>{a, b});
  ASSERT_TRUE(bytes) << bytes.error().en;
  testing::XlsxContents x = testing::read_xlsx(*bytes);
  EXPECT_EQ(x.cells["A1"], "x");
  EXPECT_EQ(x.cells.count("A2"), 0u);
}

TEST(Xlsx, RefusesBadSheetsWithBothMessages) {
  XlsxSheet bad;
  bad.name = "a/b";
  bad.header = {"x"};
  Result<std::string> r = write_xlsx(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(r.error().vi.empty());
  EXPECT_NE(r.error().en.find("xlsx"), std::string::npos);

  XlsxSheet too_long;
  too_long.header = {"x"};
  too_long.rows.push_back({XlsxCell::text(std::string(40000, 'a'))});
  ASSERT_FALSE(write_xlsx(too_long));

  EXPECT_FALSE(write_xlsx(std::vector<XlsxSheet>{}));
}

}  // namespace
}  // namespace danso

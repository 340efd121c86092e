// Downloads of the lists (?format=csv|xlsx: the whole filtered list, not a
// page) and the staff list, on the register of register_fixture.h: CSV
// bytes (byte-order mark, RFC 4180 quoting, Vietnamese names read back),
// xlsx cells read from the sheet XML, headers, the row bound, and staff
// assignments of a subtree, paged and scoped.
#include "app/csv/csv_reader.h"
#include "app/xlsx_cells.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class ExportStaff : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    import("staff.csv",
           "id,name,sex,role,unit_code,duties,start,end\n"
           "1,Lý Thị Mẫu Cộng,F,collaborator,9900101,population;family,2022-01-01,\n"
           "2,Hà Văn Mẫu Tác,M,collaborator,9900102,population,2021-06-01,2024-12-31\n"
           "2,Hà Văn Mẫu Tác,M,collaborator,9900101,population,2025-01-01,\n"
           "3,Mai Thị Mẫu Xã,F,commune_officer,99001,population;family;children,2020-03-01,\n"
           "4,Đỗ Văn Mẫu Khác,M,collaborator,9800101,population,2020-03-01,\n",
           ImportKind::kStaff);
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900102"}));
    admin_ = session_for(add_user("quan.tri", "administrator", "99"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Browser officer_, collaborator_, admin_;
};

// The rows of a CSV body (read as the import reads a file).
std::vector<std::map<std::string, std::string>> csv_rows(const std::string& body,
                                                         const std::vector<std::string>& columns) {
  // Every column of the header may be there; `columns` must be.
  std::vector<std::string> header;
  const std::string first = body.substr(3, body.find('\n') - 3);
  for (size_t at = 0; at <= first.size();) {
    const size_t comma = std::min(first.find(',', at), first.size());
    header.push_back(first.substr(at, comma - at));
    at = comma + 1;
  }
  auto reader = CsvReader::from_text("body", body, columns, header);
  EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().en);
  std::vector<std::map<std::string, std::string>> out;
  if (!reader.ok()) return out;
  EXPECT_TRUE(reader->for_each([&](const CsvRow& row) {
    auto& m = out.emplace_back();
    for (const auto& c : columns) m[c] = std::string(row.get(c));
  }).ok());
  return out;
}

TEST_F(ExportStaff, HouseholdsAsCsvAreTheWholeListQuotedWithABom) {
  ASSERT_EQ(call(&officer_, verb::patch, "/api/v1/households/106", {{"address", "Số 6, ngõ \"Đào\""}}).status, 200u);
  Reply r = get(officer_, "/api/v1/households?unit=99001&format=csv&per_page=1&page=2");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"ho-dan-cu-99001.csv\"");
  ASSERT_EQ(r.text.substr(0, 3), "\xEF\xBB\xBF");
  const std::string expected =
      "\xEF\xBB\xBF"
      "Mã hộ,Thôn/ấp,Địa chỉ,\"Hộ nghèo, cận nghèo\",Bảo trợ xã hội,Dân tộc thiểu số,Ngày đăng ký,Tên thôn/ấp,Mã chủ hộ,"
      "Họ và tên chủ hộ\n"
      "101,9900101,Số 1 đường Thử,none,0,0,2020-01-01,Thôn Đông,1011,Nguyễn Văn Mẫu Một\n"
      "102,9900102,Số 2 đường Thử,none,0,0,2020-01-01,Thôn Tây,1021,Trần Văn Mẫu Hai\n"
      "106,9900101,\"Số 6, ngõ \"\"Đào\"\"\",none,0,0,2020-01-01,Thôn Đông,1061,Đặng Văn Mẫu Sáu\n"
      "107,9900101,Số 7 đường Thử,none,0,0,2020-01-01,Thôn Đông,1071,Nguyễn Văn Mẫu Bảy\n";
  EXPECT_EQ(r.text, expected);
  // A collaborator's download holds only their village.
  r = get(collaborator_, "/api/v1/households?format=csv&lang=keys");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"ho-dan-cu.csv\"");
  EXPECT_EQ(r.text, "\xEF\xBB\xBF"
                    "id,village,address,poverty,social_protection,ethnic_minority,registered_on,village_name,head_id,"
                    "head_name\n"
                    "102,9900102,Số 2 đường Thử,none,0,0,2020-01-01,Thôn Tây,1021,Trần Văn Mẫu Hai\n");
}

TEST_F(ExportStaff, PersonsCsvNamesReadBackAndSearchFilters) {
  Reply r = get(officer_, "/api/v1/persons?unit=9900101&q=mau%20mot&format=csv&lang=keys");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto rows = csv_rows(r.text, {"id", "household_id", "name", "sex", "birth_date", "citizen_id"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("id"), "1011");
  EXPECT_EQ(rows[0].at("name"), "Nguyễn Văn Mẫu Một");
  EXPECT_EQ(rows[1].at("name"), "Võ Thị Mẫu Một");
  EXPECT_EQ(rows[1].at("citizen_id"), "");
}

TEST_F(ExportStaff, HouseholdsAsXlsxHoldRealCells) {
  Reply r = get(officer_, "/api/v1/households?unit=99001&format=xlsx");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"ho-dan-cu-99001.xlsx\"");
  auto x = testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells["A1"], "Mã hộ");
  EXPECT_EQ(x.cells["C1"], "Địa chỉ");
  EXPECT_EQ(x.cells["G1"], "Ngày đăng ký");
  EXPECT_EQ(x.cells["A2"], "101");  // a number cell
  EXPECT_NE(x.sheet_xml.find("<c r=\"A2\"><v>101</v></c>"), std::string::npos);
  EXPECT_EQ(x.cells["C2"], "Số 1 đường Thử");
  EXPECT_EQ(x.cells["A5"], "107");
  EXPECT_EQ(x.cells.count("A6"), 0u);
  EXPECT_NE(x.workbook_xml.find("<sheet name=\"Hộ dân cư\""), std::string::npos);
  // English on request, the import files' keys for a program.
  x = testing::read_xlsx(get(officer_, "/api/v1/households?unit=99001&format=xlsx&lang=en").text);
  EXPECT_EQ(x.cells["A1"], "Household id");
  EXPECT_EQ(x.cells["D1"], "Poverty status");
  EXPECT_NE(x.workbook_xml.find("<sheet name=\"Households\""), std::string::npos);
  x = testing::read_xlsx(get(officer_, "/api/v1/households?unit=99001&format=xlsx&lang=keys").text);
  EXPECT_EQ(x.cells["A1"], "id");
  r = get(officer_, "/api/v1/households?unit=99001&format=xlsx&lang=fr");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "lang");
}

TEST_F(ExportStaff, IndicatorsAsXlsxAndCsv) {
  Reply r = get(admin_, "/api/v1/indicators?unit=99001&period=2024&format=xlsx");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"chi-tieu-xa-Mot-2024.xlsx\"");
  auto x = testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells["A1"], "Chỉ tiêu dân số / Demographic indicators");
  EXPECT_EQ(x.cells["A2"], "99001, 2024");
  EXPECT_EQ(x.cells["A4"], "Mã đơn vị");
  EXPECT_EQ(x.cells["B4"], "Tên đơn vị");
  EXPECT_EQ(x.cells["D4"], "Chỉ tiêu");
  EXPECT_EQ(x.cells["E4"], "Giá trị");
  int births_row = 0;
  for (int row = 5; row < 200 && !births_row; ++row)
    if (x.cells["D" + std::to_string(row)] == "births") births_row = row;
  ASSERT_GT(births_row, 0) << x.sheet_xml.substr(0, 2000);
  EXPECT_EQ(x.cells["A" + std::to_string(births_row)], "99001");
  EXPECT_EQ(x.cells["B" + std::to_string(births_row)], "Xã Một");
  EXPECT_EQ(x.cells["E" + std::to_string(births_row)], "1");

  r = get(admin_, "/api/v1/indicators?unit=990&period=2024&children=1&format=csv&lang=keys");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"chi-tieu-990-cac-don-vi-truc-thuoc-2024.csv\"");
  EXPECT_EQ(r.text.substr(0, 3), "\xEF\xBB\xBF");
  const auto rows = csv_rows(r.text, {"unit", "name", "period", "indicator", "value", "numerator", "denominator",
                                      "unit_of_measure", "flags"});
  std::map<std::string, std::string> births;
  for (const auto& row : rows)
    if (row.at("indicator") == "births") births[row.at("unit")] = row.at("value");
  EXPECT_EQ(births, (std::map<std::string, std::string>{{"99001", "1"}, {"99002", "0"}}));
}

TEST_F(ExportStaff, EveryListDownloadsAndABadFormatIsRefused) {
  for (const std::string target : {"/api/v1/events?unit=99001", "/api/v1/users?unit=99", "/api/v1/audit?kind=user",
                                   "/api/v1/staff?unit=99", "/api/v1/reports?unit=99"}) {
    Reply r = get(admin_, target + "&format=csv");
    ASSERT_EQ(r.status, 200u) << target << ": " << r.text;
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8") << target;
    EXPECT_EQ(r.text.substr(0, 3), "\xEF\xBB\xBF") << target;
    r = get(admin_, target + "&format=xlsx");
    ASSERT_EQ(r.status, 200u) << target;
    EXPECT_EQ(r.text.substr(0, 2), "PK") << target;
    r = get(admin_, target + "&format=pdf");
    EXPECT_EQ(r.status, 400u) << target;
    EXPECT_EQ(r.body["error"]["field"], "format") << target;
  }
  Reply r = get(admin_, "/api/v1/events?unit=99001&type=birth&format=csv&lang=keys");
  const auto events = csv_rows(r.text, {"id", "type", "date", "village", "person_id"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("person_id"), "1013");
  r = get(admin_, "/api/v1/users?unit=99001&format=csv&lang=keys");
  const auto users = csv_rows(r.text, {"username"});
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].at("username"), "vien.chuc.xa");

  // A list longer than a download may hold is refused, not cut.
  http::Request req{verb::get, "/", 11};
  auto refused = http::list_file(req, http::ListFormat::kCsv, "x", http::kExportMaxRows + 1, nlohmann::ordered_json::array());
  EXPECT_EQ(refused.result_int(), 400u);
  EXPECT_NE(refused.body().find("100,000"), std::string::npos);
}

TEST_F(ExportStaff, StaffOfASubtreePagedAndScoped) {
  Reply r = get(officer_, "/api/v1/staff?unit=99001");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 4);
  ASSERT_EQ(r.body["staff"].size(), 4u);
  const auto& first = r.body["staff"][0];
  EXPECT_EQ(first["staff_id"], 1);
  EXPECT_EQ(first["name"], "Lý Thị Mẫu Cộng");
  EXPECT_EQ(first["role"], "collaborator");
  EXPECT_EQ(first["unit"], "9900101");
  EXPECT_EQ(first["duties"], "population;family");
  EXPECT_EQ(first["start"], "2022-01-01");
  EXPECT_TRUE(first["end"].is_null());
  EXPECT_EQ(r.body["staff"][1]["end"], "2024-12-31");
  EXPECT_EQ(r.body["staff"][3]["role"], "commune_officer");

  r = get(officer_, "/api/v1/staff?unit=99001&per_page=2&page=2");
  EXPECT_EQ(r.body["total"], 4);
  ASSERT_EQ(r.body["staff"].size(), 2u);
  EXPECT_EQ(r.body["staff"][0]["staff_id"], 2);
  EXPECT_EQ(r.body["staff"][0]["unit"], "9900101");
  EXPECT_EQ(r.body["staff"][1]["staff_id"], 3);

  r = get(officer_, "/api/v1/staff?unit=9900102");
  EXPECT_EQ(r.body["total"], 1);
  // A collaborator sees their village's assignments only; another province is not found.
  r = get(collaborator_, "/api/v1/staff");
  EXPECT_EQ(r.body["total"], 1);
  EXPECT_EQ(r.body["staff"][0]["unit"], "9900102");
  EXPECT_EQ(get(officer_, "/api/v1/staff?unit=98").status, 404u);
  EXPECT_EQ(get(officer_, "/api/v1/staff?per_page=0").status, 400u);
  r = get(admin_, "/api/v1/staff?unit=99&format=xlsx");
  auto x = testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells["B1"], "Họ và tên");
  EXPECT_EQ(x.cells["B2"], "Lý Thị Mẫu Cộng");
  EXPECT_EQ(x.cells["B5"], "Mai Thị Mẫu Xã");
  EXPECT_EQ(x.cells.count("A6"), 0u);
}

}  // namespace
}  // namespace danso::test

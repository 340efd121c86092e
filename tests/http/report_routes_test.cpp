// Reports through the API, on the register of register_fixture.h: the
// workflow (compute, submit, return with a comment, resubmit, approve), an
// approved version frozen while the register changes, the correction as
// version 2 with its diff, who may approve what, 409 on a wrong state, 400
// on a unit and period without a form (in both languages), the audit
// entries, and the .xlsx export read back cell by cell.
#include "app/xlsx_cells.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class ReportRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    other_district_ = session_for(add_user("can.bo.huyen.hai", "district_staff", "991"));
    province_ = session_for(add_user("can.bo.tinh", "province_staff", "99"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900101"}));
  }
  Reply post(Browser& b, const std::string& target, const nlohmann::json& body = nlohmann::json::object()) {
    return call(&b, verb::post, target, body);
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Reply compute(Browser& b, const std::string& unit, const std::string& period) {
    return post(b, "/api/v1/reports", {{"unit", unit}, {"period", period}});
  }
  static std::string path(int64_t id, const std::string& action = "") {
    return "/api/v1/reports/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
  }
  Browser officer_, district_, other_district_, province_, collaborator_;
};

TEST_F(ReportRoutes, CommuneMonthlyReportFromTheRegister) {
  Reply r = compute(officer_, "99001", "2024-04");
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["unit"], "99001");
  EXPECT_EQ(r.body["unit_name"], "Xã Một");
  EXPECT_EQ(r.body["form"], "commune_monthly");
  EXPECT_EQ(r.body["period"], "2024-04");
  EXPECT_EQ(r.body["version"], 1);
  EXPECT_EQ(r.body["status"], "draft");
  ASSERT_EQ(r.body["columns"].size(), 28u);
  EXPECT_EQ(r.body["columns"][0]["key"], "households");
  EXPECT_EQ(r.body["columns"][16]["key"], "moves_out");
  // Rows 11-14: the contraception starts with one sub-row per method.
  EXPECT_EQ(r.body["columns"][17]["key"], "contraception_starts");
  EXPECT_EQ(r.body["columns"][17]["number"], "11");
  EXPECT_EQ(r.body["columns"][18]["key"], "contraception_iud");
  EXPECT_EQ(r.body["columns"][18]["number"], "11.1");
  EXPECT_EQ(r.body["columns"][18]["sub"], true);
  EXPECT_EQ(r.body["columns"][18]["unit_of_measure"], "lượt");
  EXPECT_EQ(r.body["columns"][18]["form_label"], "- Đặt dụng cụ tử cung (vòng tránh thai)");
  EXPECT_EQ(r.body["columns"][27]["key"], "newborn_screenings");
  EXPECT_EQ(r.body["columns"][3]["label_vi"], "Số trẻ sinh ra");
  EXPECT_EQ(r.body["columns"][3]["label_en"], "Births");
  ASSERT_EQ(r.body["rows"].size(), 2u);
  const auto& east = r.body["rows"][0];
  EXPECT_EQ(east["unit"], "9900101");
  EXPECT_EQ(east["name"], "Thôn Đông");
  // Households 101, 106, 107: six adults and the child born on 2024-04-10.
  EXPECT_EQ(east["values"]["households"], 3);
  EXPECT_EQ(east["values"]["population"], 7);
  EXPECT_EQ(east["values"]["married_women_15_49"], 3);
  EXPECT_EQ(east["values"]["births"], 1);
  EXPECT_EQ(east["values"]["births_male"], 1);
  EXPECT_EQ(east["values"]["births_female"], 0);
  EXPECT_EQ(r.body["rows"][1]["values"]["population"], 2);
  EXPECT_EQ(r.body["total"]["population"], 9);
  EXPECT_EQ(r.body["total"]["births"], 1);
  EXPECT_EQ(r.body["diff"], nlohmann::json::array());
  ASSERT_EQ(r.body["history"].size(), 1u);
  EXPECT_EQ(r.body["history"][0]["action"], "compute");
  EXPECT_EQ(r.body["history"][0]["user"], "vien.chuc.xa");

  const int64_t id = r.body["id"];
  r = get(district_, path(id));
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["total"]["population"], 9);
  r = get(district_, "/api/v1/reports?unit=990");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 1);
  EXPECT_EQ(r.body["items"][0]["id"], id);
  EXPECT_EQ(r.body["items"][0]["unit_name"], "Xã Một");
  EXPECT_EQ(get(district_, "/api/v1/reports?unit=990&status=approved").body["total"], 0);
  EXPECT_EQ(get(district_, "/api/v1/reports?period=2024-04").body["total"], 1);
  EXPECT_EQ(get(other_district_, "/api/v1/reports").body["total"], 0);
  EXPECT_EQ(get(other_district_, path(id)).status, 404u);
  EXPECT_EQ(get(district_, "/api/v1/reports?status=done").status, 400u);
}

TEST_F(ReportRoutes, WorkflowFrozenApprovalAndCorrection) {
  Reply r = compute(officer_, "99001", "2024-04");
  ASSERT_EQ(r.status, 201u) << r.text;
  const int64_t id = r.body["id"];
  // A draft is refreshed in place.
  r = compute(officer_, "99001", "2024-04");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["id"], id);
  EXPECT_EQ(r.body["version"], 1);

  EXPECT_EQ(post(district_, path(id, "approve")).status, 409u);  // not submitted yet
  r = post(officer_, path(id, "submit"));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "submitted");
  r = post(officer_, path(id, "submit"));
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(r.body["error"]["code"], "conflict");
  EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
  EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty());
  EXPECT_EQ(compute(officer_, "99001", "2024-04").status, 409u);  // submitted: not recomputed

  // Returned with a comment, which is required.
  r = post(district_, path(id, "return"));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "comment");
  EXPECT_EQ(post(district_, path(id, "return"), {{"comment", "  "}}).status, 400u);
  r = post(district_, path(id, "return"), {{"comment", "Kiểm tra lại số sinh thôn Đông"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "returned");
  EXPECT_EQ(r.body["history"].back()["action"], "return");
  EXPECT_EQ(r.body["history"].back()["user"], "can.bo.huyen");
  EXPECT_EQ(r.body["history"].back()["comment"], "Kiểm tra lại số sinh thôn Đông");
  EXPECT_EQ(post(district_, path(id, "approve")).status, 409u);
  // Recomputed and resubmitted, then approved by the district.
  EXPECT_EQ(compute(officer_, "99001", "2024-04").status, 200u);
  ASSERT_EQ(post(officer_, path(id, "submit")).status, 200u);
  r = post(district_, path(id, "approve"), {{"comment", "Đồng ý"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "approved");
  std::vector<std::string> actions;
  for (const auto& h : r.body["history"]) actions.push_back(h["action"].get<std::string>());
  EXPECT_EQ(actions, (std::vector<std::string>{"compute", "compute", "submit", "return", "compute", "submit", "approve"}));
  EXPECT_EQ(post(district_, path(id, "approve")).status, 409u);
  EXPECT_EQ(post(district_, path(id, "return"), {{"comment", "x"}}).status, 409u);
  EXPECT_EQ(post(officer_, path(id, "submit")).status, 409u);

  // The register changes: 1021 of Thôn Tây died on 2024-04-20.
  r = post(officer_, "/api/v1/events",
           {{"type", "death"}, {"date", "2024-04-20"}, {"village_code", "9900102"}, {"person_id", 1021}});
  ASSERT_EQ(r.status, 201u) << r.text;
  // The approved version does not change.
  r = get(officer_, path(id));
  EXPECT_EQ(r.body["status"], "approved");
  EXPECT_EQ(r.body["rows"][1]["values"]["population"], 2);
  EXPECT_EQ(r.body["rows"][1]["values"]["deaths"], 0);
  // A new computation is version 2, a draft showing what changed.
  r = compute(officer_, "99001", "2024-04");
  ASSERT_EQ(r.status, 201u) << r.text;
  const int64_t id2 = r.body["id"];
  EXPECT_NE(id2, id);
  EXPECT_EQ(r.body["version"], 2);
  EXPECT_EQ(r.body["status"], "draft");
  EXPECT_EQ(r.body["rows"][1]["values"]["population"], 1);
  EXPECT_EQ(r.body["diff"], nlohmann::json::parse(R"([
      {"unit":"9900102","column":"population","before":2,"after":1},
      {"unit":"9900102","column":"deaths","before":0,"after":1}])"));
  EXPECT_EQ(get(officer_, path(id)).body["rows"][1]["values"]["population"], 2);
  EXPECT_EQ(get(district_, "/api/v1/reports?unit=99001&period=2024-04").body["total"], 2);

  // Every step is in the audit log, with the state before and after.
  std::vector<std::string> audited;
  store_->for_each_audit([&](const AuditRecord& e) {
    if (e.kind != "report") return;
    audited.push_back(e.action + " " + e.record);
    if (e.action == "approve") {
      EXPECT_NE(e.before.find("\"status\":\"submitted\""), std::string::npos) << e.before;
      EXPECT_NE(e.after.find("\"status\":\"approved\""), std::string::npos) << e.after;
      EXPECT_EQ(e.actor_name, "can.bo.huyen");
    }
  });
  const std::string a = std::to_string(id), b = std::to_string(id2);
  EXPECT_EQ(audited, (std::vector<std::string>{"create " + a, "update " + a, "submit " + a, "return " + a,
                                               "update " + a, "submit " + a, "approve " + a, "create " + b}));
}

TEST_F(ReportRoutes, WhoMayApprove) {
  Reply r = compute(officer_, "99001", "2024-04");
  ASSERT_EQ(r.status, 201u);
  const int64_t commune = r.body["id"];
  ASSERT_EQ(post(officer_, path(commune, "submit")).status, 200u);
  // The commune officer may not approve their own commune's report.
  r = post(officer_, path(commune, "approve"));
  EXPECT_EQ(r.status, 403u);
  EXPECT_EQ(r.body["error"]["code"], "permission_denied");
  // Another district's staff do not see it; a collaborator may not submit.
  EXPECT_EQ(post(other_district_, path(commune, "approve")).status, 404u);
  EXPECT_EQ(post(other_district_, path(commune, "return"), {{"comment", "x"}}).status, 404u);
  EXPECT_EQ(compute(other_district_, "99001", "2024-04").status, 404u);
  EXPECT_EQ(compute(collaborator_, "99001", "2024-04").status, 403u);

  // The district's quarterly form: one row per commune; the district never
  // approves itself, the province does.
  r = compute(district_, "990", "2024-Q2");
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["form"], "district_quarterly");
  ASSERT_EQ(r.body["rows"].size(), 2u);
  EXPECT_EQ(r.body["rows"][0]["unit"], "99001");
  EXPECT_EQ(r.body["rows"][0]["values"]["population"], 9);
  EXPECT_EQ(r.body["rows"][1]["unit"], "99002");
  EXPECT_EQ(r.body["rows"][1]["values"]["population"], 2);
  EXPECT_EQ(r.body["total"]["births"], 1);
  const int64_t district = r.body["id"];
  ASSERT_EQ(post(district_, path(district, "submit")).status, 200u);
  r = post(district_, path(district, "approve"));
  EXPECT_EQ(r.status, 403u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "unit");
  EXPECT_EQ(post(other_district_, path(district, "approve")).status, 404u);
  EXPECT_EQ(post(province_, path(district, "approve")).status, 200u);
  // The district approves its commune.
  EXPECT_EQ(post(district_, path(commune, "approve")).status, 200u);
  EXPECT_EQ(get(province_, "/api/v1/reports?status=approved").body["total"], 2);
}

TEST_F(ReportRoutes, UnitAndPeriodWithoutAFormAre400InBothLanguages) {
  for (const auto& [unit, period] : std::vector<std::pair<std::string, std::string>>{
           {"99001", "2024-Q2"}, {"990", "2024-04"}, {"9900101", "2024-04"}, {"99", "2024"}, {"99001", "2024-13"},
           {"990", "2024"}, {"99001", "2024-H2"}, {"99001", ""}, {"", "2024-04"}}) {
    const Reply r = compute(province_, unit, period);
    EXPECT_EQ(r.status, 400u) << unit << " " << period << ": " << r.text;
    EXPECT_EQ(r.body["error"]["code"], "invalid_argument");
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty());
  }
  const Reply r = compute(province_, "99001", "2024-Q2");
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("a commune reports by month"), std::string::npos);
  EXPECT_NE(r.body["error"]["message_vi"].get<std::string>().find("xã báo cáo theo tháng"), std::string::npos);
  EXPECT_EQ(post(province_, "/api/v1/reports", {{"unit", 99001}, {"period", "2024-04"}}).status, 400u);
  EXPECT_EQ(post(province_, "/api/v1/reports", {{"unit", "99999"}, {"period", "2024-04"}}).status, 404u);
}

TEST_F(ReportRoutes, ExportIsTheFormAsXlsx) {
  Reply r = compute(officer_, "99001", "2024-04");
  ASSERT_EQ(r.status, 201u);
  const int64_t id = r.body["id"];
  r = get(district_, path(id, "export.xlsx"));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.header("Content-Disposition").find("filename=\"bao-cao-thang-xa-Mot-2024-04-v1.xlsx\""), std::string::npos)
      << r.header("Content-Disposition");
  ASSERT_EQ(r.text.substr(0, 2), "PK");
  const auto x = danso::testing::read_xlsx(r.text);
  const auto& cells = x.cells;
  // The heading: the form and the units on the left, the nation on the right.
  EXPECT_EQ(cells.at("A1"), "Báo cáo tháng cấp xã");
  EXPECT_EQ(cells.at("D1"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(cells.at("A2"), "Đơn vị báo cáo: Xã Một");
  EXPECT_EQ(cells.at("D2"), "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(cells.at("A3"), "Đơn vị nhận báo cáo: Huyện Một");
  EXPECT_EQ(cells.at("A4"), "Số: ……/BC-……");
  EXPECT_EQ(cells.at("A6"), "BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ");
  EXPECT_EQ(cells.at("A7"), "Tháng 4 năm 2024");
  EXPECT_EQ(cells.at("A8"), "Phiên bản 1 - dự thảo");
  // The table in the circular's orientation: indicators down, villages across.
  EXPECT_EQ(cells.at("A10"), "STT");
  EXPECT_EQ(cells.at("B10"), "Chỉ tiêu");
  EXPECT_EQ(cells.at("C10"), "Đơn vị tính");
  EXPECT_EQ(cells.at("D10"), "Tổng số");
  EXPECT_EQ(cells.at("E10"), "Chia theo thôn/ấp/bản/tổ dân phố");
  EXPECT_EQ(cells.at("E11"), "Thôn Đông");
  EXPECT_EQ(cells.at("F11"), "Thôn Tây");
  EXPECT_EQ(cells.at("A12"), "A");
  EXPECT_EQ(cells.at("D12"), "1");
  EXPECT_EQ(cells.at("F12"), "3");
  EXPECT_EQ(cells.at("A13"), "1");
  EXPECT_EQ(cells.at("B13"), "Số hộ dân cư");
  EXPECT_EQ(cells.at("C13"), "hộ");
  EXPECT_EQ(cells.at("E13"), "3");
  EXPECT_EQ(cells.at("B14"), "Dân số thường trú");
  EXPECT_EQ(cells.at("C14"), "người");
  EXPECT_EQ(cells.at("D14"), "9");
  EXPECT_EQ(cells.at("E14"), "7");
  EXPECT_EQ(cells.at("F14"), "2");
  EXPECT_EQ(cells.at("B16"), "Số trẻ sinh ra");
  EXPECT_EQ(cells.at("D16"), "1");
  EXPECT_EQ(cells.at("E16"), "1");
  EXPECT_EQ(cells.at("B17"), "Trong đó:");
  EXPECT_EQ(cells.at("A18"), "4.1");
  EXPECT_EQ(cells.at("B18"), "- Trẻ sinh ra là nam");
  EXPECT_EQ(cells.at("B24"), "Số cặp kết hôn");
  EXPECT_EQ(cells.at("C24"), "cặp");
  EXPECT_EQ(cells.at("B25"), "Trong đó:");
  EXPECT_EQ(cells.at("A27"), "6.2");
  EXPECT_EQ(cells.at("A31"), "10");
  EXPECT_EQ(cells.at("B31"), "Số người chuyển đi");
  // The signature block under the table.
  // Rows 11-14 after row 10, the methods as "Trong đó" rows.
  EXPECT_EQ(cells.at("A32"), "11");
  EXPECT_EQ(cells.at("B33"), "Trong đó:");
  EXPECT_EQ(cells.at("B34"), "- Đặt dụng cụ tử cung (vòng tránh thai)");
  EXPECT_EQ(cells.at("B39"), "- Triệt sản nam");
  EXPECT_EQ(cells.at("A43"), "14");
  EXPECT_NE(cells.at("D45").find("Xã Một, ngày "), std::string::npos) << cells.at("D45");
  EXPECT_EQ(cells.at("A46"), "NGƯỜI LẬP BIỂU");
  EXPECT_EQ(cells.at("D46"), "THỦ TRƯỞNG ĐƠN VỊ");
  EXPECT_EQ(cells.at("A47"), "(Ký, ghi rõ họ tên)");
  EXPECT_EQ(cells.at("D47"), "(Ký, đóng dấu, ghi rõ họ tên)");
  // Printing: A4 portrait (two villages fit), one page wide, heading rows
  // 10-12 and label columns A:C on every page, margins and page numbers.
  const std::string& sheet = x.sheet_xml;
  EXPECT_NE(sheet.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos) << sheet.substr(0, 400);
  EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(sheet.find("orientation=\"portrait\""), std::string::npos);
  EXPECT_NE(sheet.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_NE(sheet.find("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.7\""), std::string::npos);
  EXPECT_NE(sheet.find("<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>"), std::string::npos);
  EXPECT_NE(sheet.find("<printOptions horizontalCentered=\"1\"/>"), std::string::npos);
  EXPECT_NE(x.workbook_xml.find("name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Báo cáo'!$A:$C,'Báo cáo'!$10:$12<"),
            std::string::npos)
      << x.workbook_xml;
  EXPECT_NE(x.workbook_xml.find("name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Báo cáo'!$A$1:$F$47<"), std::string::npos);
  EXPECT_EQ(get(other_district_, path(id, "export.xlsx")).status, 404u);
}

TEST_F(ReportRoutes, DistrictFormHasACommuneColumnEach) {
  ASSERT_EQ(compute(province_, "990", "2024-Q2").status, 201u);
  const int64_t id = get(province_, "/api/v1/reports?unit=990").body["items"][0]["id"];
  const Reply r = get(province_, path(id, "export.xlsx"));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_NE(r.header("Content-Disposition").find("filename=\"bieu-01-DSH-huyen-Mot-2024-Q2-v1.xlsx\""), std::string::npos)
      << r.header("Content-Disposition");
  const auto x = danso::testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells.at("A1"), "Biểu 01-DSH");
  EXPECT_EQ(x.cells.at("A3"), "Đơn vị nhận báo cáo: Tỉnh Thử");
  EXPECT_EQ(x.cells.at("A6"), "BÁO CÁO THỐNG KÊ DÂN SỐ CẤP HUYỆN");
  EXPECT_EQ(x.cells.at("A7"), "Quý II năm 2024");
  EXPECT_EQ(x.cells.at("E10"), "Chia theo xã/phường/thị trấn");
  EXPECT_EQ(x.cells.at("E11"), "Xã Một");
  EXPECT_EQ(x.cells.at("F11"), "Xã Hai");
  EXPECT_EQ(x.cells.at("B13"), "Số hộ dân cư");
}

// The commune's yearly form 03-DSX: the year's events and the states on
// 31 December, the same workflow, printed as "Biểu 03-DSX" for "Năm 2024".
TEST_F(ReportRoutes, CommuneYearlyForm03DSX) {
  Reply r = compute(officer_, "99001", "2024");
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["form"], "commune_yearly");
  EXPECT_EQ(r.body["period"], "2024");
  const int64_t id = r.body["id"];
  // Households 101, 106, 107 in Thôn Đông and 102 in Thôn Tây; the one
  // birth of the year (2024-04-10, a boy); four married women 15-49.
  EXPECT_EQ(r.body["total"]["households"], 4);
  EXPECT_EQ(r.body["total"]["population"], 9);
  EXPECT_EQ(r.body["total"]["married_women_15_49"], 4);
  EXPECT_EQ(r.body["total"]["births"], 1);
  EXPECT_EQ(r.body["total"]["births_male"], 1);
  EXPECT_EQ(r.body["total"]["deaths"], 0);
  EXPECT_EQ(r.body["rows"][0]["values"]["population"], 7);
  EXPECT_EQ(r.body["rows"][1]["values"]["population"], 2);
  // The yearly form's own columns: the four heads and the boy, the four
  // wives, who each started the pill on 2024-02-01.
  ASSERT_EQ(r.body["columns"].size(), 30u);
  EXPECT_EQ(r.body["columns"][2]["key"], "population_male");  // row 2.1, under the residents
  EXPECT_EQ(r.body["columns"][2]["number"], "2.1");
  EXPECT_EQ(r.body["total"]["population_male"], 5);
  EXPECT_EQ(r.body["total"]["population_female"], 4);
  EXPECT_EQ(r.body["total"]["contraception_starts"], 4);
  EXPECT_EQ(r.body["rows"][1]["values"]["contraception_starts"], 1);
  EXPECT_EQ(r.body["total"]["contraception_pill"], 4);
  EXPECT_EQ(r.body["total"]["contraception_iud"], 0);
  EXPECT_EQ(r.body["total"]["pregnancies"], 0);
  // A month has the starts by method too, not the residents by sex.
  const Reply february = compute(officer_, "99001", "2024-02");
  EXPECT_EQ(february.body["columns"].size(), 28u);
  EXPECT_FALSE(february.body["total"].contains("population_male"));
  EXPECT_EQ(february.body["total"]["contraception_pill"], 4);
  EXPECT_EQ(compute(officer_, "99001", "2024-03").body["total"]["contraception_pill"], 0);
  // A year long over: submitted, approved by the district, then frozen.
  ASSERT_EQ(post(officer_, path(id, "submit")).status, 200u);
  EXPECT_EQ(post(officer_, path(id, "approve")).status, 403u);  // never the commune itself
  r = post(district_, path(id, "approve"));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "approved");
  r = get(province_, "/api/v1/reports?unit=99001&period=2024");
  EXPECT_EQ(r.body["total"], 1);
  EXPECT_EQ(r.body["items"][0]["form"], "commune_yearly");
  // The year in progress cannot go before 1 December (now is 2025-06-15).
  r = compute(officer_, "99001", "2025");
  ASSERT_EQ(r.status, 201u) << r.text;
  r = post(officer_, path(r.body["id"], "submit"));
  EXPECT_EQ(r.status, 409u);
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("2025-12-01"), std::string::npos) << r.text;

  r = get(district_, path(id, "export.xlsx"));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_NE(r.header("Content-Disposition").find("filename=\"bieu-03-DSX-xa-Mot-2024-v1.xlsx\""), std::string::npos)
      << r.header("Content-Disposition");
  const auto x = danso::testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells.at("A1"), "Biểu 03-DSX");
  EXPECT_EQ(x.cells.at("A6"), "BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ");
  EXPECT_EQ(x.cells.at("A7"), "Năm 2024");
  EXPECT_EQ(x.cells.at("A8"), "Phiên bản 1 - đã duyệt");
  EXPECT_EQ(x.cells.at("B14"), "Dân số thường trú");
  EXPECT_EQ(x.cells.at("D14"), "9");
  EXPECT_EQ(x.cells.at("B16"), "- Nam");
  EXPECT_EQ(x.cells.at("D16"), "5");
  EXPECT_EQ(x.cells.at("B35"), "Số lượt bắt đầu sử dụng biện pháp tránh thai");
  EXPECT_EQ(x.cells.at("D35"), "4");
  r = get(district_, path(id, "form.html"));
  ASSERT_EQ(r.status, 200u) << r.text;
  for (const char* want : {"Biểu 03-DSX", "<p class=\"period\">Năm 2024</p>", "<th class=\"area\">Thôn Đông</th>"})
    EXPECT_NE(r.text.find(want), std::string::npos) << want;
  // Every commune's yearly form of the district in one page.
  r = get(district_, "/api/v1/report-forms.html?unit=990&period=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_NE(r.text.find("<title>Biểu 03-DSX các xã - Huyện Một - Năm 2024</title>"), std::string::npos);
  EXPECT_NE(r.text.find("<section class=\"form\" data-unit=\"99001\">"), std::string::npos);
  EXPECT_NE(r.text.find("<li>Xã Hai (99002)</li>"), std::string::npos);
}

TEST_F(ReportRoutes, FormAsAPrintablePage) {
  Reply r = compute(officer_, "99001", "2024-04");
  ASSERT_EQ(r.status, 201u);
  const int64_t id = r.body["id"];
  r = get(district_, path(id, "form.html"));
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  for (const char* want : {"@page { size: A4 portrait;", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đơn vị báo cáo: Xã Một",
                           "Đơn vị nhận báo cáo: Huyện Một", "<h1>BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ</h1>",
                           "<p class=\"period\">Tháng 4 năm 2024</p>", "<th class=\"area\">Thôn Đông</th>", "<th class=\"area\">Thôn Tây</th>",
                           "<td class=\"c\">4.1</td><td class=\"sub\">- Trẻ sinh ra là nam</td>",
                           "<td class=\"n total\">9</td><td class=\"n\">7</td><td class=\"n\">2</td>",
                           "<b>NGƯỜI LẬP BIỂU</b>", "<b>THỦ TRƯỞNG ĐƠN VỊ</b>"})
    EXPECT_NE(r.text.find(want), std::string::npos) << want;
  EXPECT_EQ(get(other_district_, path(id, "form.html")).status, 404u);

  // Every commune form of the district for the month in one page: the one
  // computed, and Xã Hai listed as not yet reported.
  r = get(district_, "/api/v1/report-forms.html?unit=990&period=2024-04");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r.text.find("<section class=\"form\" data-unit=\"99001\">"), std::string::npos);
  EXPECT_EQ(r.text.find("data-unit=\"99002\""), std::string::npos);
  EXPECT_NE(r.text.find("<li>Xã Hai (99002)</li>"), std::string::npos);
  EXPECT_NE(r.text.find("<title>Báo cáo tháng các xã - Huyện Một - Tháng 4 năm 2024</title>"), std::string::npos);
  r = get(district_, "/api/v1/report-forms.html?unit=99001&period=2024-04");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "unit");
  r = get(district_, "/api/v1/report-forms.html?unit=990&period=2024-Q2");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "period");
  EXPECT_EQ(get(district_, "/api/v1/report-forms.html?unit=990").status, 400u);
  EXPECT_EQ(get(district_, "/api/v1/report-forms.html?unit=991&period=2024-04").status, 404u);
}

}  // namespace
}  // namespace danso::test

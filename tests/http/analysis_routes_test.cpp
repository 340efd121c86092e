// GET /api/v1/indicators/catalogue and GET /api/v1/analysis on the register
// of register_fixture.h: commune 99001 holds households 101, 102, 106 and
// 107 (a man and a woman each, registered 2020-01-01), and in 101 a boy
// born 2024-04-10; districts 990 and 991 are under province 99.
#include <cmath>
#include <cstdio>

#include "app/catalogue_file.h"
#include "app/xlsx_cells.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class AnalysisRoutes : public FiguresApiTest {
 protected:
  // The cell (i, u, p) of an analysis answer (null when absent).
  static nlohmann::json cell(const nlohmann::json& a, size_t i, size_t u, size_t p) {
    for (const auto& c : a["cells"])
      if (c["i"] == i && c["u"] == u && c["p"] == p) return c;
    return nullptr;
  }
  static std::vector<std::string> codes(const nlohmann::json& list, const char* key) {
    std::vector<std::string> out;
    for (const auto& x : list) out.push_back(x[key].get<std::string>());
    return out;
  }
};

TEST_F(AnalysisRoutes, TheCatalogueListsEveryIndicatorWithPrecisionBandsAndTheDaysCovered) {
  const Reply r = get(viewer_, "/api/v1/indicators/catalogue");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto defaults = analytics::IndicatorCatalogue::defaults();
  ASSERT_EQ(r.body["indicators"].size(), defaults.definitions().size());
  EXPECT_EQ(r.body["indicators"][0]["code"], "population");
  EXPECT_EQ(r.body["indicators"][0]["kind"], "count");
  EXPECT_EQ(r.body["indicators"][0]["precision"], 0);
  EXPECT_EQ(r.body["indicators"][0]["bands"], nlohmann::json::array());
  nlohmann::json tfr, rni;
  for (const auto& i : r.body["indicators"]) {
    if (i["code"] == "tfr") tfr = i;
    if (i["code"] == "rni") rni = i;
  }
  EXPECT_EQ(tfr["vi"], "Tổng tỷ suất sinh");
  EXPECT_EQ(tfr["en"], "Total fertility rate");
  EXPECT_EQ(tfr["unit"], "per_woman");
  EXPECT_EQ(tfr["kind"], "method");
  EXPECT_EQ(tfr["precision"], 2);
  ASSERT_EQ(tfr["bands"].size(), 3u);
  EXPECT_EQ(tfr["bands"][0], nlohmann::json::parse(R"({"upper":1.8,"upper_inclusive":false,"vi":"Mức sinh thấp",)"
                                                     R"("en":"Below replacement","colour":"#2f6fb3"})"));
  EXPECT_EQ(tfr["bands"][1]["upper"], 2.3);
  EXPECT_EQ(tfr["bands"][1]["upper_inclusive"], true);
  EXPECT_TRUE(tfr["bands"][2]["upper"].is_null());
  EXPECT_EQ(tfr["bands"][2]["colour"], "#c0392b");
  EXPECT_EQ(rni["kind"], "difference");
  EXPECT_EQ(rni["precision"], 1);
  // Spells start on 2020-01-01 (registration); the last event is the birth
  // of 2024-04-10, before today.
  EXPECT_EQ(r.body["covered"]["first"], "2020-01-01");
  EXPECT_EQ(r.body["covered"]["last"], accounts::date_of(now_).iso());
  EXPECT_FALSE(r.header("X-Danso-Figures-As-Of").empty());
  // Signed in only.
  EXPECT_EQ(call(nullptr, verb::get, "/api/v1/indicators/catalogue").status, 401u);
}

TEST_F(AnalysisRoutes, EveryCellIsTheValueOfIndicatorsForTheSameUnitAndPeriod) {
  const std::vector<std::string> inds = {"population", "births", "cbr", "tfr", "cpr_any", "sex_ratio", "rni", "e0"};
  std::string list;
  for (const auto& i : inds) list += (list.empty() ? "" : ",") + i;
  const Reply r = get(viewer_, "/api/v1/analysis?indicators=" + list + "&unit=990&units=children&periods=2024-03,2024-04,2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(codes(r.body["indicators"], "code"), inds);
  EXPECT_EQ(r.body["indicators"][3], nlohmann::json::parse(R"({"code":"tfr","vi":"Tổng tỷ suất sinh","en":"Total fertility rate","unit":"per_woman","precision":2})"));
  EXPECT_EQ(codes(r.body["units"], "code"), (std::vector<std::string>{"99001", "99002"}));
  EXPECT_EQ(r.body["units"][0]["level"], "commune");
  EXPECT_EQ(codes(r.body["periods"], "label"), (std::vector<std::string>{"2024-03", "2024-04", "2024"}));
  EXPECT_EQ(r.body["periods"][1]["from"], "2024-04-01");
  EXPECT_EQ(r.body["periods"][1]["to"], "2024-04-30");
  ASSERT_EQ(r.body["cells"].size(), inds.size() * 2 * 3);
  // i-major, then unit, then period.
  EXPECT_EQ(r.body["cells"][1]["p"], 1);
  EXPECT_EQ(r.body["cells"][3]["u"], 1);
  EXPECT_EQ(r.body["cells"][6]["i"], 1);
  size_t compared = 0;
  for (size_t u = 0; u < 2; ++u)
    for (size_t p = 0; p < 3; ++p) {
      const std::string unit = r.body["units"][u]["code"], period = r.body["periods"][p]["label"];
      const Reply ind = get(viewer_, "/api/v1/indicators?unit=" + unit + "&period=" + period);
      ASSERT_EQ(ind.status, 200u) << ind.text;
      for (size_t i = 0; i < inds.size(); ++i) {
        const auto& want = ind.body["indicators"][inds[i]];
        const auto c = cell(r.body, i, u, p);
        ASSERT_FALSE(c.is_null());
        EXPECT_EQ(c.value("v", nlohmann::json()), want["value"]) << unit << " " << period << " " << inds[i];
        EXPECT_EQ(c.value("n", nlohmann::json()), want["numerator"]) << unit << " " << period << " " << inds[i];
        EXPECT_EQ(c.value("d", nlohmann::json()), want["denominator"]) << unit << " " << period << " " << inds[i];
        EXPECT_EQ(c.value("f", nlohmann::json::array()), want["flags"]) << unit << " " << period << " " << inds[i];
        ++compared;
      }
    }
  EXPECT_EQ(compared, 48u);
  // Real values: the boy of April 2024 in 99001, nine residents at the end of 2024.
  EXPECT_EQ(cell(r.body, 1, 0, 0)["v"], 0);
  EXPECT_EQ(cell(r.body, 1, 0, 1)["v"], 1);
  EXPECT_EQ(cell(r.body, 1, 0, 2)["v"], 1);
  EXPECT_EQ(cell(r.body, 0, 0, 2)["v"], 9);
  EXPECT_EQ(cell(r.body, 2, 0, 1)["f"], nlohmann::json::array({"small_numbers"}));
  EXPECT_FALSE(cell(r.body, 0, 0, 2).contains("f"));  // no flag: no "f"
}

TEST_F(AnalysisRoutes, PeriodsFromToEveryAndUnitsOfALevelInTheCallersScope) {
  Reply r = get(viewer_, "/api/v1/analysis?indicators=births&unit=99001&from=2024-02&to=2024-11&every=quarter");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(codes(r.body["periods"], "label"), (std::vector<std::string>{"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"}));
  EXPECT_EQ(r.body["units"].size(), 1u);
  EXPECT_EQ(r.body["units"][0]["name"].get<std::string>().empty(), false);
  EXPECT_EQ(cell(r.body, 0, 0, 1)["v"], 1);
  EXPECT_EQ(cell(r.body, 0, 0, 0)["v"], 0);
  r = get(viewer_, "/api/v1/analysis?indicators=births&unit=99001&from=2023&to=2024-03&every=year");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(codes(r.body["periods"], "label"), (std::vector<std::string>{"2023", "2024"}));
  r = get(viewer_, "/api/v1/analysis?indicators=births&unit=99001&from=2024-11&to=2025-02");
  ASSERT_EQ(r.status, 200u) << r.text;  // every=month by default
  EXPECT_EQ(codes(r.body["periods"], "label"), (std::vector<std::string>{"2024-11", "2024-12", "2025-01", "2025-02"}));

  // 36 months: counted one month at a time (the counts of a series this
  // long are not kept), the same values.
  r = get(viewer_, "/api/v1/analysis?indicators=births,population&unit=99001&from=2022-01&to=2024-12");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["periods"].size(), 36u);
  EXPECT_EQ(r.body["periods"][27]["label"], "2024-04");
  EXPECT_EQ(cell(r.body, 0, 0, 27)["v"], 1);
  EXPECT_EQ(cell(r.body, 1, 0, 27)["v"], 9);
  EXPECT_EQ(cell(r.body, 1, 0, 26)["v"], 8);
  const Reply april = get(viewer_, "/api/v1/analysis?indicators=births,population&unit=99001&periods=2024-04");
  EXPECT_EQ(cell(april.body, 0, 0, 0), nlohmann::json({{"i", 0}, {"u", 0}, {"p", 0}, {"v", 1}}));
  EXPECT_EQ(cell(april.body, 1, 0, 0)["v"], 9);

  // Every village under province 99, for the viewer of 99; for the officer
  // of 99001 asking about their own commune, its villages.
  r = get(viewer_, "/api/v1/analysis?indicators=population&unit=99&units=level&level=village&periods=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(codes(r.body["units"], "code"), (std::vector<std::string>{"9900101", "9900102", "9900201", "9910101"}));
  EXPECT_EQ(cell(r.body, 0, 0, 0)["v"], 7);  // three households and the boy
  r = get(officer_, "/api/v1/analysis?indicators=population&unit=99001&units=level&level=village&periods=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(codes(r.body["units"], "code"), (std::vector<std::string>{"9900101", "9900102"}));
  // Outside the officer's scope: as missing.
  const Reply outside = get(officer_, "/api/v1/analysis?indicators=population&unit=99&periods=2024");
  const Reply missing = get(officer_, "/api/v1/analysis?indicators=population&unit=12345&periods=2024");
  EXPECT_EQ(outside.status, 404u);
  EXPECT_EQ(outside.text, missing.text);
}

TEST_F(AnalysisRoutes, BadQueriesAreRefusedNamingTheField) {
  const std::pair<std::string, std::string> cases[] = {
      {"indicators=tfr,nope&unit=99001&periods=2024", "indicators"},
      {"indicators=tfr,tfr&unit=99001&periods=2024", "indicators"},
      {"unit=99001&periods=2024", "indicators"},
      {"indicators=tfr&periods=2024", "unit"},
      {"indicators=tfr&unit=99001", "periods"},
      {"indicators=tfr&unit=99001&periods=2024-13", "periods"},
      {"indicators=tfr&unit=99001&periods=2024&from=2024", "periods"},
      {"indicators=tfr&unit=99001&from=2024-05&to=2024-01", "to"},
      {"indicators=tfr&unit=99001&from=2024-01&to=2024-12&every=week", "every"},
      {"indicators=tfr&unit=99001&from=2000-01&to=2024-12&every=month", "to"},
      {"indicators=tfr&unit=99001&from=2024-01", "to"},
      {"indicators=tfr&unit=99001&periods=2024&units=all", "units"},
      {"indicators=tfr&unit=99001&periods=2024&units=level", "level"},
      {"indicators=tfr&unit=99001&periods=2024&units=level&level=province", "level"},
      {"indicators=tfr&unit=99001&periods=2024&level=commune", "level"},
      {"indicators=tfr&unit=99001&periods=2024&rows=unit&columns=period", "rows"},
      {"indicators=tfr&unit=99001&periods=2024&rows=unit,indicator,unit&columns=period", "rows"},
      {"indicators=tfr&unit=99001&periods=2024&rows=unit,place&columns=period", "rows"},
  };
  for (const auto& [query, field] : cases) {
    const Reply r = get(viewer_, "/api/v1/analysis?" + query);
    EXPECT_EQ(r.status, 400u) << query << " " << r.text;
    EXPECT_EQ(r.body["error"]["field"], field) << query << " " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
  }
  const Reply unknown = get(viewer_, "/api/v1/analysis?indicators=tfr,nope&unit=99001&periods=2024");
  EXPECT_NE(unknown.body["error"]["message_en"].get<std::string>().find("'nope'"), std::string::npos);
  // Every indicator of every village over 120 months (before the units
  // began in 2019 they have no values).
  std::string all;
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  for (const auto& d : catalogue.definitions()) all += (all.empty() ? "" : ",") + d.code;
  const Reply ok = get(viewer_, "/api/v1/analysis?indicators=" + all + "&unit=99&units=level&level=village&from=2015-01&to=2024-12");
  ASSERT_EQ(ok.status, 200u) << ok.text.substr(0, 300);
  EXPECT_EQ(ok.body["cells"].size(), catalogue.definitions().size() * 4 * 120);
  EXPECT_EQ(cell(ok.body, 0, 0, 0)["f"], nlohmann::json::array({"unit_not_valid"}));
  EXPECT_FALSE(cell(ok.body, 0, 0, 0).contains("v"));
}

// The value as the screen and the downloads show it: `decimals` places.
std::string shown(const nlohmann::json& v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
  return buf;
}

TEST_F(AnalysisRoutes, TheCsvIsThePivotWithValuesRoundedToEachIndicatorsPrecision) {
  const std::string query = "indicators=population,births,cbr&unit=990&units=children&periods=2024-03,2024-04";
  const Reply json = get(viewer_, "/api/v1/analysis?" + query);
  ASSERT_EQ(json.status, 200u) << json.text;
  const Reply r = get(viewer_, "/api/v1/analysis?" + query + "&format=csv");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"phan-tich-huyen-Mot-2024-03-2024-04.csv\"");
  // cbr: 1 decimal, from the same values as the JSON.
  const std::string cbr_april = shown(cell(json.body, 2, 0, 1)["v"], 1);
  EXPECT_EQ(cbr_april.substr(cbr_april.size() - 2, 1), ".");
  const std::string want = std::string("\xEF\xBB\xBF") +
                           "Đơn vị,Chỉ tiêu,2024-03,2024-04\n"
                           "Xã Một,Dân số thường trú (cuối kỳ),8,9\n"
                           "Xã Một,Số trẻ sinh ra,0,1\n"
                           "Xã Một,Tỷ suất sinh thô,0.0," + cbr_april + "\n"
                           "Xã Hai,Dân số thường trú (cuối kỳ),2,2\n"
                           "Xã Hai,Số trẻ sinh ra,0,0\n"
                           "Xã Hai,Tỷ suất sinh thô,0.0,0.0\n";
  EXPECT_EQ(r.text, want);

  // Periods as rows, units and indicators across, in English.
  const Reply en = get(viewer_, "/api/v1/analysis?" + query + "&format=csv&lang=en&rows=period&columns=unit,indicator");
  ASSERT_EQ(en.status, 200u) << en.text;
  EXPECT_EQ(en.text, std::string("\xEF\xBB\xBF") +
                         ",Xã Một,Xã Một,Xã Một,Xã Hai,Xã Hai,Xã Hai\n"
                         "Period,Permanent resident population (end of period),Live births,Crude birth rate,"
                         "Permanent resident population (end of period),Live births,Crude birth rate\n"
                         "2024-03,8,0,0.0,2,0,0.0\n"
                         "2024-04,9,1," + cbr_april + ",2,0,0.0\n");
  EXPECT_EQ(get(viewer_, "/api/v1/analysis?" + query + "&format=csv&lang=fr").status, 400u);
  EXPECT_EQ(get(viewer_, "/api/v1/analysis?" + query + "&format=pdf").status, 400u);
}

TEST_F(AnalysisRoutes, TheXlsxIsHeadedAndSetUpForPrinting) {
  const std::string query = "indicators=population,tfr&unit=99001&periods=2024-03,2024-04&rows=indicator&columns=unit,period";
  Reply r = get(viewer_, "/api/v1/analysis?" + query + "&format=xlsx");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"phan-tich-xa-Mot-2024-03-2024-04.xlsx\"");
  auto x = testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells.at("A1"), "Phân tích chỉ tiêu dân số");
  EXPECT_EQ(x.cells.at("A2"), "Xã Một, 2024-03 – 2024-04");
  EXPECT_EQ(x.cells.at("B4"), "Xã Một");  // the outer column heading
  EXPECT_EQ(x.cells.at("A5"), "Chỉ tiêu");
  EXPECT_EQ(x.cells.at("B5"), "2024-03");
  EXPECT_EQ(x.cells.at("C5"), "2024-04");
  EXPECT_EQ(x.cells.at("A6"), "Dân số thường trú (cuối kỳ)");
  EXPECT_EQ(x.cells.at("B6"), "8");
  EXPECT_EQ(x.cells.at("C6"), "9");
  EXPECT_EQ(x.cells.at("A7"), "Tổng tỷ suất sinh");
  // The TFR rounded to its 2 decimals, as the JSON's value.
  const Reply json = get(viewer_, "/api/v1/analysis?" + query);
  ASSERT_EQ(json.status, 200u);
  EXPECT_EQ(x.cells.at("B7"), "0");  // no birth in March
  const double tfr = cell(json.body, 1, 0, 1)["v"].get<double>();
  EXPECT_DOUBLE_EQ(std::stod(x.cells.at("C7")), std::round(tfr * 100) / 100);
  EXPECT_NE(tfr, std::round(tfr * 100) / 100);  // it was rounded
  // A4, one page wide, portrait (3 columns); header rows 4-5 and label column A on every page.
  EXPECT_NE(x.sheet_xml.find("paperSize=\"9\""), std::string::npos) << x.sheet_xml;
  EXPECT_NE(x.sheet_xml.find("fitToPage=\"1\""), std::string::npos);
  EXPECT_EQ(x.sheet_xml.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(x.workbook_xml.find("'Phân tích'!$A:$A,'Phân tích'!$4:$5"), std::string::npos) << x.workbook_xml;
  // Wide (every village of 99 by 3 months): landscape.
  r = get(viewer_, "/api/v1/analysis?indicators=births&unit=99&units=level&level=village&periods=2024-01,2024-02,2024-03"
                   "&rows=indicator&columns=unit,period&format=xlsx&lang=en");
  ASSERT_EQ(r.status, 200u) << r.text;
  x = testing::read_xlsx(r.text);
  EXPECT_EQ(x.cells.at("A1"), "Population indicator analysis");
  EXPECT_EQ(x.cells.at("A5"), "Indicator");
  EXPECT_EQ(x.cells.at("A6"), "Live births");
  EXPECT_NE(x.sheet_xml.find("orientation=\"landscape\""), std::string::npos);
}

// A deployment's catalogue file: its indicator is listed last with its own
// names, precision and bands, and can be analysed.
class AnalysisWithCatalogueFile : public AnalysisRoutes {
 protected:
  void configure(http::ApiOptions& o) override {
    const fs::path file = dir_ / "extra.json";
    std::ofstream(file) << R"([{"code":"men_share","vi":"Tỷ lệ nam","en":"Share of men","unit":"percent",)"
                           R"("kind":"ratio","numerator":["population_end_male"],"denominator":["population_end"],)"
                           R"("multiplier":100,"precision":2,"bands":[{"upper":50,"vi":"Ít nam","en":"Fewer men",)"
                           R"("colour":"#aa0000"},{"upper":null,"vi":"Nhiều nam","en":"More men","colour":"#00aa00"}]}])";
    auto c = catalogue_with_file(file.string());
    ASSERT_TRUE(c.ok());
    o.indicators.catalogue = std::move(*c);
  }
};

TEST_F(AnalysisWithCatalogueFile, AnAddedIndicatorIsListedAndAnalysed) {
  Reply r = get(viewer_, "/api/v1/indicators/catalogue");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto& last = r.body["indicators"].back();
  EXPECT_EQ(last["code"], "men_share");
  EXPECT_EQ(last["vi"], "Tỷ lệ nam");
  EXPECT_EQ(last["kind"], "ratio");
  EXPECT_EQ(last["precision"], 2);
  ASSERT_EQ(last["bands"].size(), 2u);
  EXPECT_EQ(last["bands"][0]["upper"], 50);
  EXPECT_EQ(last["bands"][0]["upper_inclusive"], false);
  EXPECT_TRUE(last["bands"][1]["upper"].is_null());
  r = get(viewer_, "/api/v1/analysis?indicators=men_share&unit=99001&periods=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["indicators"][0]["en"], "Share of men");
  EXPECT_EQ(r.body["indicators"][0]["precision"], 2);
  EXPECT_NEAR(cell(r.body, 0, 0, 0)["v"].get<double>(), 500.0 / 9, 1e-12);
  r = get(viewer_, "/api/v1/analysis?indicators=men_share&unit=99001&periods=2024&format=csv&lang=en");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.text, "\xEF\xBB\xBFUnit,Indicator,2024\nXã Một,Share of men,55.56\n");
}

}  // namespace
}  // namespace danso::test

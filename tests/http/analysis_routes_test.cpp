// GET /api/v1/indicators/catalogue and GET /api/v1/analysis on the register
// of register_fixture.h: commune 99001 holds households 101, 102, 106 and
// 107 (a man and a woman each, registered 2020-01-01), and in 101 a boy
// born 2024-04-10; districts 990 and 991 are under province 99.
#include "app/catalogue_file.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class AnalysisRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    viewer_ = session_for(add_user("chi.xem", "viewer", "99"));
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
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
  Browser viewer_, officer_;
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

}  // namespace
}  // namespace danso::test

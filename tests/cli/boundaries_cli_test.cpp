// danso import --kind boundaries as a user runs it: a feature naming no unit
// is printed in both languages and nothing is written (exit 1); a good file
// goes in; --code-property names another property.
#include "cli_fixture.h"

namespace danso::test {
namespace {

class BoundariesCli : public CliTest {
 protected:
  BoundariesCli() : CliTest("boundaries") {}
  std::string db() const { return path("b.db"); }
  // A FeatureCollection of 0.1-degree squares, one per code, under `property`.
  void write_squares(const std::string& name, const std::vector<std::string>& codes, const std::string& property) {
    std::string features;
    double lon = 105.0;
    for (const std::string& code : codes) {
      const std::string a = std::to_string(lon), b = std::to_string(lon + 0.1);
      features += std::string(features.empty() ? "" : ",") + R"({"type":"Feature","properties":{")" + property +
                  R"(":")" + code + R"("},"geometry":{"type":"Polygon","coordinates":[[[)" + a + ",18.0],[" + b +
                  ",18.0],[" + b + ",18.1],[" + a + ",18.1],[" + a + ",18.0]]]}}";
      lon += 0.1;
    }
    write(name, R"({"type":"FeatureCollection","features":[)" + features + "]}");
  }
};

TEST_F(BoundariesCli, UnknownUnitReportedNothingWrittenThenAGoodFileGoesIn) {
  ASSERT_EQ(run("init --db " + db()).code, 0);
  import(db(), "units",
         "code,name,level,parent_code,valid_from\n99,Tỉnh Thử,1,,2019-01-01\n990,Huyện Một,2,99,2019-01-01\n"
         "991,Huyện Hai,2,99,2019-01-01\n");
  write_squares("bad.geojson", {"990", "995"}, "code");
  Output r = run("import --db " + db() + " --kind boundaries --quiet " + path("bad.geojson"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("bad.geojson, row 2, column features[1].properties.code, value '995': no unit has code 995 on"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("không có đơn vị mã 995"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Nothing written: 1 bad rows of 2"), std::string::npos) << r.err;

  write_squares("districts.geojson", {"990", "991"}, "ma");
  r = run("import --db " + db() + " --kind boundaries --code-property ma --quiet " + path("districts.geojson"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 unit boundaries"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("imported boundaries: 2"), std::string::npos) << r.out;
  // Without the property the codes are missing: every feature reported.
  r = run("import --db " + db() + " --kind boundaries --quiet " + path("districts.geojson"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("the unit code is missing from property 'code'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace danso::test

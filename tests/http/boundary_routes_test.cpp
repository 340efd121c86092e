// GET /api/v1/units/{code}/boundaries: the outlines of the unit's children
// the caller may see, as GeoJSON, on the units of register_fixture.h; a unit
// outside the caller's scope answers exactly as one that does not exist.
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

// A square of `side` degrees with its south-west corner at (lon, lat).
std::string square_feature(const std::string& code, double lon, double lat, double side) {
  const nlohmann::json ring = {{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}};
  return nlohmann::json{{"type", "Feature"},
                        {"properties", {{"code", code}}},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}}
      .dump();
}

class BoundaryRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    // The two districts of 99, one commune of 990 (99002 has none), both villages of 99001.
    import("outlines.geojson",
           R"({"type":"FeatureCollection","features":[)" + square_feature("990", 105.0, 18.0, 0.5) + "," +
               square_feature("991", 105.5, 18.0, 0.5) + "," + square_feature("99001", 105.0, 18.0, 0.25) + "," +
               square_feature("9900101", 105.0, 18.0, 0.1) + "," + square_feature("9900102", 105.1, 18.0, 0.1) + "]}",
           ImportKind::kBoundaries);
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900101"}));
    agency_ = session_for(add_user("ban.nganh", "agency_member", "99"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Browser district_, collaborator_, agency_;
};

std::vector<std::string> feature_codes(const nlohmann::json& fc) {
  std::vector<std::string> out;
  for (const auto& f : fc["features"]) out.push_back(f["properties"]["code"]);
  return out;
}

TEST_F(BoundaryRoutes, ChildrenOutlinesAsGeoJson) {
  Reply r = get(agency_, "/api/v1/units/99/boundaries");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["type"], "FeatureCollection");
  EXPECT_EQ(feature_codes(r.body), (std::vector<std::string>{"990", "991"}));
  EXPECT_EQ(r.body["missing"], nlohmann::json::array());
  EXPECT_EQ(r.body["bbox"], nlohmann::json({105.0, 18.0, 106.0, 18.5}));
  const auto& f = r.body["features"][1];
  EXPECT_EQ(f["id"], "991");
  EXPECT_EQ(f["properties"]["kind"], "district");
  EXPECT_EQ(f["geometry"]["type"], "Polygon");
  EXPECT_EQ(f["geometry"]["coordinates"][0][2], nlohmann::json({106.0, 18.5}));
  EXPECT_EQ(f["bbox"], nlohmann::json({105.5, 18.0, 106.0, 18.5}));

  // A child without an outline is named, not drawn.
  r = get(district_, "/api/v1/units/990/boundaries");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(feature_codes(r.body), (std::vector<std::string>{"99001"}));
  EXPECT_EQ(r.body["missing"], nlohmann::json({"99002"}));
}

TEST_F(BoundaryRoutes, OutsideTheScopeAnswersAsMissing) {
  const Reply none = get(agency_, "/api/v1/units/9999999/boundaries");
  ASSERT_EQ(none.status, 404u);
  // The district user does not see the province, nor the other province.
  for (const char* target : {"/api/v1/units/99/boundaries", "/api/v1/units/98/boundaries", "/api/v1/units/991/boundaries"}) {
    const Reply r = get(district_, target);
    EXPECT_EQ(r.status, 404u) << target;
    EXPECT_EQ(r.text, none.text) << target;
  }
  // A collaborator sees their village, not its commune: not the other village's outline.
  EXPECT_EQ(get(collaborator_, "/api/v1/units/99001/boundaries").status, 404u);
  const Reply own = get(collaborator_, "/api/v1/units/9900101/boundaries");
  ASSERT_EQ(own.status, 200u) << own.text;
  EXPECT_TRUE(own.body["features"].empty());
  EXPECT_FALSE(own.body.contains("bbox"));
  // Without a session: 401.
  EXPECT_EQ(call(nullptr, verb::get, "/api/v1/units/99/boundaries").status, 401u);
}

}  // namespace
}  // namespace danso::test

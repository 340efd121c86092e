// The register pages when units change (issue 14 §5): a village renamed and
// moved to another commune keeps its households, residents and slips in the
// lists, the household and person pages, the scope of the users and new
// slips; after a merger of communes the successor's lists hold the villages
// of the communes it took over. The register of register_fixture.h is
// imported after the change, as it stands on 15 June 2025 (the fixture's
// clock); its households were registered in 2020, under the units as they
// were then.
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

OrgUnit unit_version(int64_t id, const char* code, const char* name, UnitKind kind, int level, int64_t parent,
                     Date from) {
  OrgUnit u;
  u.id = UnitId(id);
  u.code = code;
  u.name = name;
  u.kind = kind;
  u.level = level;
  u.parent = UnitId(parent);
  u.valid_from = from;
  return u;
}

std::vector<int64_t> listed_ids(const nlohmann::json& list, const char* key = "id") {
  std::vector<int64_t> out;
  for (const auto& x : list) out.push_back(x[key].get<int64_t>());
  std::sort(out.begin(), out.end());
  return out;
}

class UnitChangeRoutes : public RegisterApiTest {
 protected:
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
};

// From 1 January 2025 Thôn Tây (9900102, unit 8) is Thôn Tây Mới under Xã
// Hai (99002, unit 5): the same code, a new version.
class MovedVillageRoutes : public UnitChangeRoutes {
 protected:
  void configure(http::ApiOptions&) override {
    std::vector<OrgUnit> rows = store_->load_units();
    for (OrgUnit& u : rows)
      if (u.id == UnitId(8)) u.valid_to = Date::from_ymd_unchecked(2024, 12, 31);
    rows.push_back(unit_version(15, "9900102", "Thôn Tây Mới", UnitKind::kVillage, 4, 5,
                                Date::from_ymd_unchecked(2025, 1, 1)));
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_units(rows).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
};

TEST_F(MovedVillageRoutes, TheMovedVillageKeepsItsHouseholdsResidentsAndSlips) {
  Browser hai = session_for(add_user("vien.chuc.xa.hai", "commune_officer", "99002"));
  Browser mot = session_for(add_user("vien.chuc.xa.mot", "commune_officer", "99001"));
  Browser ctv = session_for(add_user("ctv.thon.tay", "collaborator", "99002", {"9900102"}));

  Reply r = get(hai, "/api/v1/households");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 2);
  EXPECT_EQ(listed_ids(r.body["households"]), (std::vector<int64_t>{102, 103}));
  for (const auto& h : r.body["households"]) {
    if (h["id"] == 102) {
      EXPECT_EQ(h["village_name"], "Thôn Tây Mới") << h.dump();
    }
  }
  r = get(mot, "/api/v1/households");
  EXPECT_EQ(listed_ids(r.body["households"]), (std::vector<int64_t>{101, 106, 107}));
  EXPECT_EQ(get(mot, "/api/v1/households/102").status, 404u);
  r = get(hai, "/api/v1/households/102");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["household"]["village_name"], "Thôn Tây Mới");
  EXPECT_EQ(r.body["household"]["members"].size(), 2u);

  r = get(hai, "/api/v1/persons?unit=9900102");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(listed_ids(r.body["persons"]), (std::vector<int64_t>{1021, 1022}));
  EXPECT_EQ(r.body["persons"][0]["village_name"], "Thôn Tây Mới");
  EXPECT_EQ(listed_ids(get(ctv, "/api/v1/persons").body["persons"]), (std::vector<int64_t>{1021, 1022}));
  r = get(hai, "/api/v1/persons/1021");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["person"]["village"], "9900102");
  EXPECT_EQ(r.body["person"]["village_name"], "Thôn Tây Mới");
  EXPECT_EQ(get(mot, "/api/v1/persons/1021").status, 404u);

  // The slip of February 2024, recorded in the village before it moved, is
  // in the lists of its commune now.
  r = get(hai, "/api/v1/events?from=2024-01-01&to=2025-06-15");
  EXPECT_EQ(listed_ids(r.body["events"]), (std::vector<int64_t>{102, 103}));
  r = get(hai, "/api/v1/units/99002/children");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["children"].size(), 2u);

  // The commune's monthly report: a row for the village it took in, with
  // its households and residents.
  r = call(&hai, verb::post, "/api/v1/reports", {{"unit", "99002"}, {"period", "2025-05"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  ASSERT_EQ(r.body["rows"].size(), 2u);
  EXPECT_EQ(r.body["rows"][0]["unit"], "9900102");
  EXPECT_EQ(r.body["rows"][0]["name"], "Thôn Tây Mới");
  EXPECT_EQ(r.body["rows"][0]["values"]["households"], 1);
  EXPECT_EQ(r.body["rows"][0]["values"]["population"], 2);
  EXPECT_EQ(r.body["total"]["population"], 4);
  r = call(&mot, verb::post, "/api/v1/reports", {{"unit", "99001"}, {"period", "2025-05"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  ASSERT_EQ(r.body["rows"].size(), 1u);
  EXPECT_EQ(r.body["total"]["population"], 7);  // households 101 (with the child), 106 and 107
  // A new slip for a resident, in the village as it is now, is taken.
  r = call(&ctv, verb::post, "/api/v1/events",
           {{"type", "death"}, {"date", "2025-06-01"}, {"village_code", "9900102"}, {"person_id", 1021}});
  ASSERT_EQ(r.status, 201u) << r.text;
  r = get(hai, "/api/v1/persons?unit=9900102&resident=true");
  EXPECT_EQ(listed_ids(r.body["persons"]), (std::vector<int64_t>{1022}));
}

// From 1 January 2025 Xã Một and Xã Hai (units 4, 5) are merged in full into
// Xã Hợp Nhất (99003, unit 15).
class MergedCommunesRoutes : public UnitChangeRoutes {
 protected:
  void configure(http::ApiOptions&) override {
    std::vector<OrgUnit> rows = store_->load_units();
    for (OrgUnit& u : rows)
      if (u.id == UnitId(4) || u.id == UnitId(5)) u.valid_to = Date::from_ymd_unchecked(2024, 12, 31);
    const Date from = Date::from_ymd_unchecked(2025, 1, 1);
    rows.push_back(unit_version(15, "99003", "Xã Hợp Nhất", UnitKind::kCommune, 3, 2, from));
    const std::vector<UnitLink> links = {{UnitId(4), UnitId(15), UnitLinkType::kFull, from},
                                         {UnitId(5), UnitId(15), UnitLinkType::kFull, from}};
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_units(rows).ok());
    ASSERT_TRUE(store_->upsert_unit_links(links).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
};

TEST_F(MergedCommunesRoutes, TheSuccessorListsTheVillagesOfTheMergedCommunes) {
  Browser officer = session_for(add_user("vien.chuc.hop.nhat", "commune_officer", "99003"));
  Browser district = session_for(add_user("can.bo.huyen", "district_staff", "990"));
  Reply r = get(officer, "/api/v1/households");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(listed_ids(r.body["households"]), (std::vector<int64_t>{101, 102, 103, 106, 107}));
  r = get(officer, "/api/v1/persons?per_page=100");
  EXPECT_EQ(r.body["total"], 11);
  r = get(officer, "/api/v1/units/99003/children");
  ASSERT_EQ(r.status, 200u) << r.text;
  std::vector<std::string> codes;
  for (const auto& c : r.body["children"]) codes.push_back(c["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"9900101", "9900102", "9900201"}));
  EXPECT_EQ(get(officer, "/api/v1/units/9900201").body["unit"]["parent"], "99003");
  r = get(district, "/api/v1/units/990/children");
  ASSERT_EQ(r.body["children"].size(), 1u);
  EXPECT_EQ(r.body["children"][0]["code"], "99003");
  EXPECT_EQ(get(district, "/api/v1/households?unit=99003").body["total"], 5);
  // The new commune's monthly report has a row for each village it took over.
  r = call(&officer, verb::post, "/api/v1/reports", {{"unit", "99003"}, {"period", "2025-05"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  ASSERT_EQ(r.body["rows"].size(), 3u);
  EXPECT_EQ(r.body["rows"][2]["unit"], "9900201");
  EXPECT_EQ(r.body["total"]["households"], 5);
  EXPECT_EQ(r.body["total"]["population"], 11);
  r = call(&officer, verb::post, "/api/v1/events",
           {{"type", "death"}, {"date", "2025-06-01"}, {"village_code", "9900201"}, {"person_id", 1031}});
  EXPECT_EQ(r.status, 201u) << r.text;
}

}  // namespace
}  // namespace danso::test

// /api/v1/favourites: analyses saved by name, each user's own, on the
// register of register_fixture.h (districts 990 and 991 under province 99).
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class FavouriteRoutes : public FiguresApiTest {
 protected:
  static nlohmann::json spec() {
    return nlohmann::json::parse(R"({"indicators":["tfr","cbr"],"unit":"990","units":"children",
      "from":"2025-01","to":"2025-12","every":"month","view":"line","rows":["unit","indicator"],"columns":["period"]})");
  }
  Reply post(Browser& b, const nlohmann::json& body) { return call(&b, verb::post, "/api/v1/favourites", body); }
};

TEST_F(FavouriteRoutes, AUserSavesListsChangesAndDeletesTheirFavourites) {
  Reply r = post(viewer_, {{"name", "Sinh theo huyện"}, {"spec", spec()}});
  ASSERT_EQ(r.status, 201u) << r.text;
  const int64_t first = r.body["id"];
  EXPECT_EQ(r.body["name"], "Sinh theo huyện");
  EXPECT_EQ(r.body["spec"], spec());
  EXPECT_EQ(r.body["on_dashboard"], false);
  EXPECT_EQ(r.body["created_at"], accounts::iso_instant(now_));
  now_ += 60;
  r = post(viewer_, {{"name", "  TFR tỉnh  "}, {"on_dashboard", true},
                     {"spec", {{"indicators", {"tfr"}}, {"unit", "99"}, {"periods", {"2024", "2025"}}, {"view", "bar"}}}});
  ASSERT_EQ(r.status, 201u) << r.text;
  const int64_t second = r.body["id"];
  EXPECT_EQ(r.body["name"], "TFR tỉnh");  // trimmed

  r = call(&viewer_, verb::get, "/api/v1/favourites");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["favourites"].size(), 2u);
  EXPECT_EQ(r.body["favourites"][0]["id"], second);  // newest first
  EXPECT_EQ(r.body["favourites"][0]["on_dashboard"], true);
  EXPECT_EQ(r.body["favourites"][1]["id"], first);
  EXPECT_EQ(r.body["favourites"][1]["spec"]["view"], "line");

  now_ += 60;
  r = call(&viewer_, verb::patch, "/api/v1/favourites/" + std::to_string(first), {{"on_dashboard", true}, {"name", "Mới"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["name"], "Mới");
  EXPECT_EQ(r.body["on_dashboard"], true);
  EXPECT_EQ(r.body["spec"], spec());  // unchanged
  EXPECT_EQ(r.body["updated_at"], accounts::iso_instant(now_));
  EXPECT_NE(r.body["created_at"], r.body["updated_at"]);
  auto changed = spec();
  changed["view"] = "map";
  r = call(&viewer_, verb::patch, "/api/v1/favourites/" + std::to_string(first), {{"spec", changed}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["spec"]["view"], "map");

  r = call(&viewer_, verb::delete_, "/api/v1/favourites/" + std::to_string(first));
  EXPECT_EQ(r.status, 204u) << r.text;
  EXPECT_TRUE(r.text.empty());
  r = call(&viewer_, verb::get, "/api/v1/favourites");
  ASSERT_EQ(r.body["favourites"].size(), 1u);
  EXPECT_EQ(r.body["favourites"][0]["id"], second);
  EXPECT_EQ(call(&viewer_, verb::delete_, "/api/v1/favourites/" + std::to_string(first)).status, 404u);
}

TEST_F(FavouriteRoutes, AnotherUsersFavouriteIsAnsweredAsMissing) {
  Reply r = post(viewer_, {{"name", "Của tôi"}, {"spec", spec()}});
  ASSERT_EQ(r.status, 201u) << r.text;
  const std::string mine = "/api/v1/favourites/" + std::to_string(r.body["id"].get<int64_t>());
  const std::string none = "/api/v1/favourites/999999";
  // The officer sees none of the viewer's, and changes nothing.
  r = call(&officer_, verb::get, "/api/v1/favourites");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["favourites"].size(), 0u);
  for (verb v : {verb::patch, verb::delete_}) {
    const nlohmann::json body = v == verb::patch ? nlohmann::json{{"name", "Của người khác"}} : nlohmann::json(nullptr);
    const Reply other = call(&officer_, v, mine, body);
    const Reply missing = call(&officer_, v, none, body);
    EXPECT_EQ(other.status, 404u) << other.text;
    EXPECT_EQ(other.text, missing.text);
  }
  EXPECT_EQ(call(&officer_, verb::patch, "/api/v1/favourites/01", {{"name", "x"}}).status, 404u);
  r = call(&viewer_, verb::get, "/api/v1/favourites");
  EXPECT_EQ(r.body["favourites"][0]["name"], "Của tôi");
  // Signed out: 401.
  EXPECT_EQ(call(nullptr, verb::get, "/api/v1/favourites").status, 401u);
}

TEST_F(FavouriteRoutes, ABadFavouriteIsRefusedAtTheField) {
  auto with = [](const char* key, nlohmann::json value) {
    auto s = spec();
    if (value.is_null()) s.erase(key);
    else s[key] = std::move(value);
    return s;
  };
  const std::pair<nlohmann::json, std::string> cases[] = {
      {{{"spec", spec()}}, "name"},
      {{{"name", "x"}}, "spec"},
      {{{"name", ""}, {"spec", spec()}}, "name"},
      {{{"name", "   "}, {"spec", spec()}}, "name"},
      {{{"name", std::string(121, 'a')}, {"spec", spec()}}, "name"},
      {{{"name", "a\tb"}, {"spec", spec()}}, "name"},
      {{{"name", 5}, {"spec", spec()}}, "name"},
      {{{"name", "x"}, {"spec", "tfr"}}, "spec"},
      {{{"name", "x"}, {"spec", with("indicators", {"tfr", "nope"})}}, "spec.indicators"},
      {{{"name", "x"}, {"spec", with("indicators", "tfr")}}, "spec.indicators"},
      {{{"name", "x"}, {"spec", with("view", "pie")}}, "spec.view"},
      {{{"name", "x"}, {"spec", with("every", "week")}}, "spec.every"},
      {{{"name", "x"}, {"spec", with("colour", "red")}}, "spec.colour"},
      {{{"name", "x"}, {"spec", with("units", "level")}}, "spec.level"},
      {{{"name", "x"}, {"spec", with("columns", nlohmann::json::array())}}, "spec.rows"},
      {{{"name", "x"}, {"spec", spec()}, {"on_dashboard", 1}}, "on_dashboard"},
      {{{"name", "x"}, {"spec", spec()}, {"pinned", true}}, "pinned"},
  };
  for (const auto& [body, field] : cases) {
    const Reply r = post(viewer_, body);
    EXPECT_EQ(r.status, 400u) << body.dump() << " " << r.text;
    EXPECT_EQ(r.body["error"]["field"], field) << body.dump() << " " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
  }
  // A unit outside the caller's scope is answered as one that does not exist.
  const Reply outside = post(officer_, {{"name", "x"}, {"spec", with("unit", "991")}});
  const Reply missing = post(officer_, {{"name", "x"}, {"spec", with("unit", "12345")}});
  EXPECT_EQ(outside.status, 404u) << outside.text;
  EXPECT_EQ(outside.body["error"]["field"], "spec.unit");
  EXPECT_EQ(outside.body["error"]["message_en"], "unit '991' not found");
  EXPECT_EQ(missing.body["error"]["message_en"], "unit '12345' not found");
  EXPECT_EQ(call(&viewer_, verb::get, "/api/v1/favourites").body["favourites"].size(), 0u);  // nothing written
  // At most 100 a user.
  for (int i = 0; i < 100; ++i) ASSERT_EQ(post(officer_, {{"name", "F" + std::to_string(i)}, {"spec", with("unit", "99001")}}).status, 201u);
  const Reply full = post(officer_, {{"name", "F100"}, {"spec", with("unit", "99001")}});
  EXPECT_EQ(full.status, 400u);
  EXPECT_NE(full.body["error"]["message_en"].get<std::string>().find("at most 100"), std::string::npos);
  EXPECT_EQ(call(&officer_, verb::get, "/api/v1/favourites").body["favourites"].size(), 100u);
}

}  // namespace
}  // namespace danso::test

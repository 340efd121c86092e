// The built UI served beside the API: types, caching, fallback, refusals.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace danso::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("danso-static-" + std::to_string(std::random_device{}()));
    fs::create_directories(root_ / "assets");
    write("index.html", "<!doctype html><script type=\"module\" src=\"/assets/index-AbC123.js\"></script>");
    write("assets/index-AbC123.js", "console.log(1)");
    write("assets/index-AbC123.css", "body{}");
    write("assets/font-x9.woff2", "wOF2");
    write("favicon.svg", "<svg/>");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& body) { std::ofstream(root_ / rel, std::ios::binary) << body; }
  Response get(const std::string& target, bhttp::verb verb = bhttp::verb::get) {
    Request req{verb, target, 11};
    return static_file(req, root_.string());
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, ContentTypesOfTheBuiltUi) {
  EXPECT_EQ(get("/assets/index-AbC123.js")[bhttp::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/assets/index-AbC123.css")[bhttp::field::content_type], "text/css; charset=utf-8");
  EXPECT_EQ(get("/assets/font-x9.woff2")[bhttp::field::content_type], "font/woff2");
  EXPECT_EQ(get("/favicon.svg")[bhttp::field::content_type], "image/svg+xml");
  EXPECT_EQ(get("/")[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(get("/assets/index-AbC123.js").body(), "console.log(1)");
}

TEST_F(StaticFilesTest, HashedAssetsCachedForGoodEverythingElseRevalidated) {
  EXPECT_EQ(get("/assets/index-AbC123.js")[bhttp::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(get("/")[bhttp::field::cache_control], "no-cache");
  EXPECT_EQ(get("/favicon.svg")[bhttp::field::cache_control], "no-cache");
}

TEST_F(StaticFilesTest, UnknownPathsGetIndexButMissingAssetsAreNotFound) {
  auto page = get("/reports/12?x=1");
  EXPECT_EQ(page.result(), bhttp::status::ok);
  EXPECT_NE(page.body().find("/assets/index-AbC123.js"), std::string::npos);
  EXPECT_EQ(get("/assets/index-old999.js").result(), bhttp::status::not_found);
  EXPECT_EQ(get("/../etc/passwd").result(), bhttp::status::not_found);
  EXPECT_EQ(get("/assets/..%2f..%2fsecret").result(), bhttp::status::not_found);
  Request req{bhttp::verb::get, "/", 11};
  EXPECT_EQ(static_file(req, "").result(), bhttp::status::not_found);
}

TEST_F(StaticFilesTest, HeadAnswersWithoutBodyAndPolicyAllowsOnlyOwnScripts) {
  auto head = get("/assets/index-AbC123.js", bhttp::verb::head);
  EXPECT_EQ(head.result(), bhttp::status::ok);
  EXPECT_TRUE(head.body().empty());
  const std::string csp(get("/")["Content-Security-Policy"]);
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("script-src"), std::string::npos);  // scripts fall back to 'self': no inline script
  EXPECT_EQ(get("/")["X-Content-Type-Options"], "nosniff");
}

}  // namespace
}  // namespace danso::http

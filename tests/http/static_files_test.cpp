// The built UI served beside the API: types, caching, fallback, refusals.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "gunzip.h"

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
  Response get(const std::string& target, bhttp::verb verb = bhttp::verb::get,
               const std::vector<std::pair<bhttp::field, std::string>>& headers = {}) {
    Request req{verb, target, 11};
    for (const auto& [name, value] : headers) req.set(name, value);
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

// Text files of 1 KB or more go gzip-compressed to a browser that takes
// gzip: the build's precompressed copy when it is there and not older,
// else compressed here. Images, fonts and small files go as they are.
TEST_F(StaticFilesTest, TextIsSentCompressedToBrowsersThatTakeGzip) {
  std::string script;
  for (int i = 0; i < 400; ++i) script += "console.log('dân số " + std::to_string(i) + "');\n";
  write("assets/app-Zz9.js", script);
  const std::vector<std::pair<bhttp::field, std::string>> gzip_ok = {{bhttp::field::accept_encoding, "gzip, br"}};
  Response r = get("/assets/app-Zz9.js", bhttp::verb::get, gzip_ok);
  EXPECT_EQ(r[bhttp::field::content_encoding], "gzip");
  EXPECT_EQ(r[bhttp::field::vary], "Accept-Encoding");
  EXPECT_LT(r.body().size(), script.size() / 4);
  EXPECT_EQ(test::gunzip(r.body()), script);
  EXPECT_EQ(r[bhttp::field::content_length], std::to_string(r.body().size()));
  // Not without Accept-Encoding, nor with gzip;q=0.
  r = get("/assets/app-Zz9.js");
  EXPECT_EQ(r[bhttp::field::content_encoding], "");
  EXPECT_EQ(r.body(), script);
  r = get("/assets/app-Zz9.js", bhttp::verb::get, {{bhttp::field::accept_encoding, "gzip;q=0"}});
  EXPECT_EQ(r.body(), script);
  // A small file and a font go as they are.
  EXPECT_EQ(get("/assets/index-AbC123.js", bhttp::verb::get, gzip_ok)[bhttp::field::content_encoding], "");
  write("assets/big-font.woff2", std::string(4096, 'w'));
  EXPECT_EQ(get("/assets/big-font.woff2", bhttp::verb::get, gzip_ok)[bhttp::field::content_encoding], "");
  // The build's precompressed copy is sent when present and not older.
  write("assets/app-Zz9.js.gz", "precompressed bytes");
  r = get("/assets/app-Zz9.js", bhttp::verb::get, gzip_ok);
  EXPECT_EQ(r[bhttp::field::content_encoding], "gzip");
  EXPECT_EQ(r.body(), "precompressed bytes");
  fs::last_write_time(root_ / "assets/app-Zz9.js.gz",
                      fs::last_write_time(root_ / "assets/app-Zz9.js") - std::chrono::hours(1));
  EXPECT_EQ(test::gunzip(get("/assets/app-Zz9.js", bhttp::verb::get, gzip_ok).body()), script);
}

// A file the browser has answers 304 without a body (index.html is
// revalidated on every load).
TEST_F(StaticFilesTest, AnUnchangedFileIsNotSentAgain) {
  const Response first = get("/");
  const std::string etag(first[bhttp::field::etag]);
  ASSERT_FALSE(etag.empty());
  const Response again = get("/", bhttp::verb::get, {{bhttp::field::if_none_match, etag}});
  EXPECT_EQ(again.result(), bhttp::status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[bhttp::field::cache_control], "no-cache");
  write("index.html", "<!doctype html><p>a new build, a longer page</p>");
  const Response changed = get("/", bhttp::verb::get, {{bhttp::field::if_none_match, etag}});
  EXPECT_EQ(changed.result(), bhttp::status::ok);
  EXPECT_NE(changed.body().find("a new build"), std::string::npos);
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

// Paths an attacker tries: none may serve anything but the UI's own files.
// Each answers 404 (GET and HEAD), never a file outside the root and never
// index.html (a refused path is not one of the UI's routes).
TEST_F(StaticFilesTest, HostilePathsAreRefusedWhateverExistsOnDisk) {
  // A secret beside the root and a symlink from inside the root to it.
  const fs::path secret = root_.parent_path() / (root_.filename().string() + "-secret.db");
  std::ofstream(secret, std::ios::binary) << "SQLite format 3";
  fs::create_symlink(secret, root_ / "link.db");
  fs::create_directory_symlink("/etc", root_ / "etc-link");
  const std::string abs_secret = secret.string();
  const std::vector<std::string> hostile = {
      "//etc/passwd",
      "///etc/passwd",
      "////etc/passwd",
      "//proc/self/status",
      "//proc/self/environ",
      "/" + abs_secret,
      "//" + abs_secret.substr(1),
      "/..",
      "/../",
      "/../etc/passwd",
      "/assets/../../etc/passwd",
      "/assets/../index.html",
      "/./index.html",
      "/%2e%2e/etc/passwd",
      "/%2E%2E/%2E%2E/etc/passwd",
      "/%2e%2e%2fetc%2fpasswd",
      "/assets%2f..%2f..%2fetc%2fpasswd",
      "/%2fetc%2fpasswd",
      "/%252e%252e/etc/passwd",
      "/..%5c..%5cetc%5cpasswd",
      "/..\\..\\etc\\passwd",
      "/assets\\index-AbC123.js",
      std::string("/index.html\0.js", 15) + ".js",
      "/index.html%00.js",
      "/favicon.svg%00",
      "/%0d%0aSet-Cookie:x=1",
      "/link.db",
      "/etc-link/passwd",
      "/etc-link/hostname",
      "/C:/Windows/win.ini",
      "/" + std::string(5000, 'a'),
      "/" + std::string(600, 'a') + "/" + std::string(600, 'b'),
      "/%",
      "/%2",
      "/%zz",
      "/assets/%",
      "",
      "etc/passwd",
      "*",
  };
  for (const std::string& target : hostile) {
    for (auto verb : {bhttp::verb::get, bhttp::verb::head}) {
      Request req{verb, target, 11};
      const Response res = static_file(req, root_.string());
      EXPECT_EQ(res.result(), bhttp::status::not_found) << target;
      EXPECT_EQ(res.body().find("root:"), std::string::npos) << target;
      EXPECT_EQ(res.body().find("SQLite format"), std::string::npos) << target;
      EXPECT_EQ(res.body().find("<!doctype html>"), std::string::npos) << target;
    }
    EXPECT_EQ(resolve_static_path(root_.string(), target).kind, StaticTarget::Kind::kRefused) << target;
  }
  fs::remove(secret);
}

// A symlink inside the root to a file inside the root is followed; a root
// given as a relative path or through a symlink works the same.
TEST_F(StaticFilesTest, InsideLinksAndEncodedNamesInsideTheRootAreServed) {
  fs::create_symlink(root_ / "favicon.svg", root_ / "icon.svg");
  EXPECT_EQ(get("/icon.svg").body(), "<svg/>");
  EXPECT_EQ(get("/favicon%2Esvg").body(), "<svg/>");
  EXPECT_EQ(get("/assets/index-AbC123.js?v=1#x").body(), "console.log(1)");
  const fs::path alias = root_.parent_path() / (root_.filename().string() + "-alias");
  fs::create_directory_symlink(root_, alias);
  Request req{bhttp::verb::get, "/favicon.svg", 11};
  EXPECT_EQ(static_file(req, alias.string()).body(), "<svg/>");
  fs::remove(alias);
  // The UI's routes, with or without a trailing slash, get index.html.
  EXPECT_EQ(get("/reports/").result(), bhttp::status::ok);
  EXPECT_EQ(resolve_static_path(root_.string(), "/plans/7").kind, StaticTarget::Kind::kIndex);
  EXPECT_EQ(resolve_static_path(root_.string(), "/").kind, StaticTarget::Kind::kIndex);
}

}  // namespace
}  // namespace danso::http

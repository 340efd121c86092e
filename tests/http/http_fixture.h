// A database of two provinces, the API's router over it and a fixed clock,
// for tests that call the router directly (no sockets). Units:
//
//   99 Tỉnh Thử ─ 990 ─ 99001 ─ 9900101, 9900102
//              │      └ 99002 ─ 9900201
//              └ 991 ─ 99101 ─ 9910101
//   98 Tỉnh Khác ─ 980 ─ 98001 ─ 9800101
//
// Names are made up; no real person is named. The database is a SQLite file;
// with DANSO_TEST_ENGINE=postgres (and DANSO_TEST_PG, scripts/pg_cluster.sh)
// it is a PostgreSQL database of the test's own, so the whole API suite runs
// on either engine:
//   scripts/pg_cluster.sh env DANSO_TEST_ENGINE=postgres build/release/tests/http_tests
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/accounts/crypto.h"
#include "http/api.h"
#include "store/pg_test_database.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace danso::test {

namespace fs = std::filesystem;

// Whether the API's tests run on PostgreSQL (see above).
inline bool api_tests_on_postgres() {
  const char* engine = std::getenv("DANSO_TEST_ENGINE");
  return engine && std::string(engine) == "postgres" && !PgTestDatabase::server().empty();
}

inline constexpr int64_t kStart = 1'750'000'000;  // 2025-06-15T15:06:40Z
inline constexpr const char* kPassword = "Mây-trắng-bay-2025";

struct Reply {
  unsigned status = 0;
  nlohmann::json body;
  std::string text;
  http::Response raw;
  std::string header(std::string_view name) const {
    auto it = raw.find(boost::beast::string_view(name.data(), name.size()));
    return it == raw.end() ? std::string() : std::string(it->value());
  }
};

// One browser: its cookie and CSRF token.
struct Browser {
  std::string cookie, csrf, remote = "192.0.2.10";
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("danso-http-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (api_tests_on_postgres()) {
      ASSERT_EQ(pg_.emplace().error(), "");
      auto s = open_pg_store(pg_->location());
      ASSERT_TRUE(s.ok()) << s.error().en;
      // Reader connections of their own, as the server has them: a libpq
      // connection serves one thread, and the indicators' refresh runs on
      // its own thread beside the test's calls.
      db_ = std::make_unique<Database>(std::move(*s), pg_->location(), Engine::kPostgres,
                                       [location = pg_->location()] { return open_pg_reader(location); });
    } else {
      auto s = open_sqlite_store((dir_ / "t.db").string(), {.create = true, .migrations = {}});
      ASSERT_TRUE(s.ok());
      db_ = std::make_unique<Database>(std::move(*s), (dir_ / "t.db").string(), Engine::kSqlite);
    }
    store_ = &db_->store();
    add_units();
    http::ApiOptions o;
    o.clock = [this] { return now_; };
    o.tls = tls_;
    if (api_tests_on_postgres()) o.indicators.open_reader = [db = db_.get()] { return db->open_reader(); };
    configure(o);
    ctx_ = std::make_unique<http::ApiContext>(*db_, o);
    router_ = std::make_unique<http::Router>(http::make_api(*ctx_));
  }
  // A test's own server options (a catalogue, say), before the API is made.
  virtual void configure(http::ApiOptions&) {}
  void TearDown() override {
    router_.reset();
    ctx_.reset();
    store_ = nullptr;
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  void add_units() {
    struct U {
      int64_t id;
      const char* code;
      const char* name;
      UnitKind kind;
      int level;
      int64_t parent;
    };
    const U units[] = {
        {1, "99", "Tỉnh Thử", UnitKind::kProvince, 1, 0},       {2, "990", "Huyện Một", UnitKind::kDistrict, 2, 1},
        {3, "991", "Huyện Hai", UnitKind::kDistrict, 2, 1},      {4, "99001", "Xã Một", UnitKind::kCommune, 3, 2},
        {5, "99002", "Xã Hai", UnitKind::kCommune, 3, 2},        {6, "99101", "Xã Ba", UnitKind::kCommune, 3, 3},
        {7, "9900101", "Thôn Đông", UnitKind::kVillage, 4, 4},   {8, "9900102", "Thôn Tây", UnitKind::kVillage, 4, 4},
        {9, "9900201", "Thôn Nam", UnitKind::kVillage, 4, 5},    {10, "9910101", "Thôn Bắc", UnitKind::kVillage, 4, 6},
        {11, "98", "Tỉnh Khác", UnitKind::kProvince, 1, 0},      {12, "980", "Huyện Khác", UnitKind::kDistrict, 2, 11},
        {13, "98001", "Xã Khác", UnitKind::kCommune, 3, 12},     {14, "9800101", "Thôn Khác", UnitKind::kVillage, 4, 13},
    };
    std::vector<OrgUnit> rows;
    for (const U& u : units) {
      OrgUnit o;
      o.id = UnitId(u.id);
      o.code = u.code;
      o.name = u.name;
      o.kind = u.kind;
      o.level = u.level;
      o.parent = UnitId(u.parent);
      o.valid_from = Date::from_ymd_unchecked(2019, 1, 1);
      rows.push_back(o);
    }
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_units(rows).ok());
    ASSERT_TRUE(tx.commit().ok());
  }

  // A user made as the command line makes them (audited).
  UserRecord add_user(const std::string& name, const std::string& role, const std::string& unit,
                      std::vector<std::string> villages = {}) {
    auto u = ctx_->accounts.create_user(nullptr, {name, kPassword, role, unit, std::move(villages)}, now_);
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().en);
    return u.ok() ? *u : UserRecord{};
  }

  // A session made without the cost of a password check, for tests of what
  // a signed-in user may do (sign-in itself is tested through the API).
  Browser session_for(const UserRecord& u) {
    Browser b;
    const std::string token = accounts::random_token();
    b.cookie = std::string(http::kSessionCookie) + "=" + token;
    b.csrf = accounts::random_token();
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    EXPECT_TRUE(store_->insert_session({accounts::sha256_hex(token), u.id, now_, now_, b.csrf}).ok());
    return b;
  }

  Reply call(Browser* b, http::bhttp::verb method, const std::string& target, const nlohmann::json& body = nullptr,
             bool send_csrf = true, const std::string& host = "127.0.0.1:8080",
             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    http::Request req{method, target, 11};
    req.set(http::bhttp::field::host, host);
    for (const auto& [name, value] : headers) req.insert(name, value);
    if (b && !b->cookie.empty()) req.set(http::bhttp::field::cookie, b->cookie);
    if (b && send_csrf && !b->csrf.empty()) req.set("X-CSRF-Token", b->csrf);
    if (!body.is_null()) {
      req.set(http::bhttp::field::content_type, "application/json");
      req.body() = body.dump();
    }
    req.prepare_payload();
    Reply r;
    r.raw = router_->dispatch(req, b ? b->remote : "192.0.2.1");
    r.status = r.raw.result_int();
    r.text = r.raw.body();
    r.body = nlohmann::json::parse(r.text, nullptr, false);
    return r;
  }

  // Signs in through the API; on success the browser keeps the cookie and token.
  Reply sign_in(Browser& b, const std::string& user, const std::string& password, const std::string& totp = "") {
    nlohmann::json body{{"username", user}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    Reply r = call(&b, http::bhttp::verb::post, "/api/v1/session", body, false);
    if (r.status == 200) {
      const std::string set = r.header("Set-Cookie");
      b.cookie = set.substr(0, set.find(';'));
      b.csrf = r.body["csrf_token"];
    }
    return r;
  }

  fs::path dir_;
  std::optional<PgTestDatabase> pg_;  // with DANSO_TEST_ENGINE=postgres
  std::unique_ptr<Database> db_;
  Store* store_ = nullptr;  // the database's store
  std::unique_ptr<http::ApiContext> ctx_;
  std::unique_ptr<http::Router> router_;
  int64_t now_ = kStart;
  bool tls_ = false;
};

}  // namespace danso::test

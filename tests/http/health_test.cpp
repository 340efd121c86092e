// GET /api/v1/health: the engine and the database's state, answered while
// the database is away (503, with the state) and again once it is back,
// without a new server. The PostgreSQL server is stopped and started with
// DANSO_PG_CTL (scripts/pg_cluster.sh), on the API's PostgreSQL pass only;
// the state of the indicators' source (--snapshot-db) with a hot standby
// (DANSO_TEST_PG_STANDBY, the hot standby's pass of scripts/test_postgres.sh).
#include <chrono>
#include <cstdlib>
#include <thread>

#include "http_fixture.h"

using namespace danso;
using namespace danso::test;

namespace {

using http::bhttp::verb;

// Stops the test cluster's server; starts it again when it goes, whatever
// the test's outcome.
class StoppedServer {
 public:
  explicit StoppedServer(std::string ctl, std::string which = "")
      : ctl_(std::move(ctl)), prefix_(which.empty() ? "" : which + "-") {
    stopped_ = std::system((ctl_ + " " + prefix_ + "stop").c_str()) == 0;
  }
  ~StoppedServer() { start(); }
  bool stopped() const { return stopped_; }
  bool start() {
    if (stopped_) stopped_ = std::system((ctl_ + " " + prefix_ + "start").c_str()) != 0;
    return !stopped_;
  }

 private:
  std::string ctl_, prefix_;
  bool stopped_ = false;
};

TEST_F(ApiTest, HealthNamesTheEngineAndTheDatabasesState) {
  const Reply r = call(nullptr, verb::get, "/api/v1/health");
  ASSERT_EQ(r.status, 200u) << r.text;
  const int version = store_->schema_version();
  ASSERT_GT(version, 0);
  EXPECT_EQ(r.body["status"], "ok");
  EXPECT_EQ(r.body["schema_version"], version);
  EXPECT_EQ(r.body["engine"], api_tests_on_postgres() ? "postgresql" : "sqlite");
  EXPECT_EQ(r.body["database"]["state"], "ok");
  EXPECT_EQ(r.body["database"]["schema_version"], version);
  if (api_tests_on_postgres()) {
    EXPECT_EQ(r.body["database"]["standby"], false);
  } else {
    EXPECT_FALSE(r.body["database"].contains("standby"));
  }
  EXPECT_FALSE(r.body.contains("snapshot_source"));  // no --snapshot-db
  EXPECT_FALSE(r.body.contains("error"));
}

TEST_F(ApiTest, WhileThePostgresServerIsStoppedHealthSaysSoAndItRecoversWhenTheServerIsBack) {
  const char* ctl = std::getenv("DANSO_PG_CTL");
  if (!api_tests_on_postgres() || !ctl || !*ctl)
    GTEST_SKIP() << "the API's PostgreSQL pass only (DANSO_TEST_ENGINE=postgres, scripts/pg_cluster.sh)";
  add_user("qt.tinh", "administrator", "99");
  ASSERT_EQ(call(nullptr, verb::get, "/api/v1/health").status, 200u);
  {
    StoppedServer down(ctl);
    ASSERT_TRUE(down.stopped());
    const Reply r = call(nullptr, verb::get, "/api/v1/health");
    EXPECT_EQ(r.status, 503u) << r.text;
    EXPECT_EQ(r.body["error"]["code"], "database_unavailable");
    EXPECT_EQ(r.body["status"], "unavailable");
    EXPECT_EQ(r.body["engine"], "postgresql");
    EXPECT_EQ(r.body["database"]["state"], "unavailable");
    EXPECT_FALSE(r.body.contains("schema_version"));
    const std::string en = r.body["database"]["message_en"], vi = r.body["database"]["message_vi"];
    EXPECT_NE(en.find("the database does not answer"), std::string::npos) << en;
    EXPECT_NE(en.find("connects again by itself"), std::string::npos) << en;
    EXPECT_NE(vi.find("cơ sở dữ liệu không trả lời"), std::string::npos) << vi;
    EXPECT_EQ(r.body["error"]["message_en"], en);
    // Nothing of the server's own words: no socket, host or role.
    const char* cluster = std::getenv("DANSO_PG_CLUSTER");
    if (cluster && *cluster) {
      EXPECT_EQ(r.text.find(cluster), std::string::npos) << r.text;
    }
    EXPECT_EQ(r.text.find("PGSQL"), std::string::npos) << r.text;
    // Any other request is answered too: unavailable, try again.
    Browser b;
    const Reply in = sign_in(b, "qt.tinh", kPassword);
    EXPECT_EQ(in.status, 503u) << in.text;
    EXPECT_EQ(in.body["error"]["code"], "database_unavailable");
    ASSERT_TRUE(down.start());
  }
  // The server back: the same API connects again by itself.
  const Reply r = call(nullptr, verb::get, "/api/v1/health");
  EXPECT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["database"]["state"], "ok");
  EXPECT_EQ(r.body["database"]["schema_version"], store_->schema_version());
  Browser b;
  EXPECT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
}

// An API whose indicators' snapshot is read from the test cluster's standby.
class SnapshotSourceHealth : public ApiTest {
 protected:
  void SetUp() override {
    const char* standby = std::getenv("DANSO_TEST_PG_STANDBY");
    const char* ctl = std::getenv("DANSO_PG_CTL");
    if (!api_tests_on_postgres() || !standby || !*standby || !ctl || !*ctl) {
      skipped_ = true;
      GTEST_SKIP() << "DANSO_TEST_PG_STANDBY not set (the hot standby's pass of scripts/test_postgres.sh)";
    }
    standby_server_ = standby;
    ctl_ = ctl;
    ApiTest::SetUp();
  }
  void TearDown() override {
    if (!skipped_) ApiTest::TearDown();
  }
  void configure(http::ApiOptions& o) override {
    standby_ = standby_server_ + "&dbname=" + pg_->name();
    // The standby has replayed the new database and its units.
    const int64_t units = store_->count_rows(StoredTable::kUnits);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto s = open_pg_reader(standby_);
      if (s.ok() && (*s)->count_rows(StoredTable::kUnits) == units) break;
      ASSERT_LT(std::chrono::steady_clock::now(), until) << "the standby did not catch up";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto source = SnapshotSource::open(*db_, standby_, {.catch_up_wait = std::chrono::seconds(2),
                                                        .log = [this](const std::string& l) { logged_.push_back(l); }});
    ASSERT_TRUE(source.ok()) << source.error().en;
    o.snapshot_source = std::move(*source);
  }
  nlohmann::json source_health() {
    const Reply r = call(nullptr, verb::get, "/api/v1/health");
    EXPECT_EQ(r.status, 200u) << r.text;
    EXPECT_EQ(r.body["database"]["state"], "ok");
    return r.body["snapshot_source"];
  }

  bool skipped_ = false;
  std::string standby_server_, standby_, ctl_;
  std::vector<std::string> logged_;
};

TEST_F(SnapshotSourceHealth, HealthShowsTheSourceAndTheIndicatorsAreReadFromTheDatabaseWhileItIsAway) {
  nlohmann::json s = source_health();
  EXPECT_EQ(s["state"], "ok");
  EXPECT_EQ(s["standby"], true);
  EXPECT_EQ(s["schema_version"], store_->schema_version());
  EXPECT_GE(s["behind_bytes"].get<int64_t>(), 0);
  EXPECT_EQ(s["loads"], 0);
  ASSERT_TRUE(ctx_->indicators.current().ok());
  s = source_health();
  EXPECT_EQ(s["loads"], 1);
  EXPECT_EQ(s["loads_from_db"], 0);
  {
    StoppedServer down(ctl_, "standby");
    ASSERT_TRUE(down.stopped());
    s = source_health();  // the server answers: 200, the source said to be away
    EXPECT_EQ(s["state"], "unavailable");
    EXPECT_EQ(s["message_en"], "the indicators' source (--snapshot-db) does not answer; they are read from --db");
    EXPECT_NE(s["message_vi"].get<std::string>().find("không trả lời"), std::string::npos);
    EXPECT_FALSE(s.contains("standby"));
    // A reload meanwhile reads the primary, and says so in the log.
    ctx_->indicators.register_changed();
    ASSERT_TRUE(ctx_->indicators.exact().ok());
    s = source_health();
    EXPECT_EQ(s["loads"], 1);
    EXPECT_EQ(s["loads_from_db"], 1);
    ASSERT_EQ(logged_.size(), 1u);
    EXPECT_NE(logged_[0].find("the indicators' snapshot is read from --db: --snapshot-db does not answer"),
              std::string::npos)
        << logged_[0];
    ASSERT_TRUE(down.start());
  }
  // The standby back: health's connection and the next reload find it again.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((s = source_health())["state"] != "ok" && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(s["state"], "ok");
  EXPECT_EQ(s["standby"], true);
  ctx_->indicators.register_changed();
  ASSERT_TRUE(ctx_->indicators.exact().ok());
  s = source_health();
  EXPECT_EQ(s["loads"], 2);
  EXPECT_EQ(s["loads_from_db"], 1);
}

}  // namespace

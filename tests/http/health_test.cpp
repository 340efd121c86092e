// GET /api/v1/health: the engine and the database's state, answered while
// the database is away (503, with the state) and again once it is back,
// without a new server. The PostgreSQL server is stopped and started with
// DANSO_PG_CTL (scripts/pg_cluster.sh), on the API's PostgreSQL pass only.
#include <cstdlib>

#include "http_fixture.h"

using namespace danso;
using namespace danso::test;

namespace {

using http::bhttp::verb;

// Stops the test cluster's server; starts it again when it goes, whatever
// the test's outcome.
class StoppedServer {
 public:
  explicit StoppedServer(std::string ctl) : ctl_(std::move(ctl)) { stopped_ = std::system((ctl_ + " stop").c_str()) == 0; }
  ~StoppedServer() { start(); }
  bool stopped() const { return stopped_; }
  bool start() {
    if (stopped_) stopped_ = std::system((ctl_ + " start").c_str()) != 0;
    return !stopped_;
  }

 private:
  std::string ctl_;
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

}  // namespace

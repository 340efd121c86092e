// The store's tests as one conformance suite run against every engine: a
// test written with TEST_P on StoreEngineTest runs once on SQLite (a
// database file of its own) and, when DANSO_TEST_PG names a PostgreSQL
// server (scripts/pg_cluster.sh starts a throwaway one), once more on a
// database of its own there, created before the test and dropped after.
//
//   TEST_P(StoreEngineTest, Something) { auto s = open(); ... }
//   DANSO_STORE_ENGINES(StoreEngineTest);   // once per test file's fixture
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace danso::test {

enum class TestEngine { kSqlite, kPostgres };

// SQLite always; PostgreSQL when DANSO_TEST_PG is set.
inline std::vector<TestEngine> test_engines() {
  std::vector<TestEngine> out{TestEngine::kSqlite};
  const char* pg = std::getenv("DANSO_TEST_PG");
  if (pg && *pg) out.push_back(TestEngine::kPostgres);
  return out;
}

inline std::string engine_name(const ::testing::TestParamInfo<TestEngine>& info) {
  return info.param == TestEngine::kSqlite ? "Sqlite" : "Postgres";
}

class StoreEngineTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  bool postgres() const { return GetParam() == TestEngine::kPostgres; }

  void SetUp() override {
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    if (!postgres()) {
      std::string file = test;
      for (char& c : file)
        if (c == '/') c = '-';
      path_ = (std::filesystem::temp_directory_path() /
               ("danso-engine-" + std::to_string(getpid()) + "-" + file + ".db"))
                  .string();
      remove_files();
      location_ = path_;
      return;
    }
    static std::atomic<int> counter{0};
    database_ = "danso_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    ASSERT_EQ(admin("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)"), "");
    ASSERT_EQ(admin("CREATE DATABASE " + database_), "");
    location_ = std::string(std::getenv("DANSO_TEST_PG")) + "&dbname=" + database_;
  }

  void TearDown() override {
    if (!postgres()) {
      for (const std::string& other : others_)
        for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(other + s);
      return remove_files();
    }
    for (const std::string& other : others_) admin("DROP DATABASE IF EXISTS " + other + " WITH (FORCE)");
    if (!database_.empty()) admin("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  }

  // The engine's own list of migrations.
  std::span<const sqlite::Migration> migrations() const {
    return postgres() ? pg::pg_migrations() : sqlite::sqlite_migrations();
  }

  // Opens (creating) the test's database, with `only` migrations when given.
  Result<std::unique_ptr<Store>> open(std::span<const sqlite::Migration> only = {}) {
    if (postgres()) return open_pg_store(location_, {.migrations = only});
    return open_sqlite_store(path_, {.create = true, .migrations = only});
  }

  // Opens (creating) another database of the test's own, named `name`
  // ("b"): a second file, or a second database on the server.
  Result<std::unique_ptr<Store>> open_other(const std::string& name) {
    if (!postgres()) {
      others_.push_back(path_ + "-" + name);
      return open_sqlite_store(others_.back(), {.create = true, .migrations = {}});
    }
    const std::string db = database_ + "_" + name;
    others_.push_back(db);
    if (auto e = admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"); !e.empty())
      return Error{ErrorCode::kInternal, "db", e, e};
    if (auto e = admin("CREATE DATABASE " + db); !e.empty()) return Error{ErrorCode::kInternal, "db", e, e};
    return open_pg_store(std::string(std::getenv("DANSO_TEST_PG")) + "&dbname=" + db);
  }

  // Runs SQL behind the store's back, to show what the database itself
  // refuses: the engine's error message, empty when the SQL ran.
  std::string exec(const std::string& sql) {
    if (postgres()) return run_pg(location_, sql);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string out = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    return out;
  }

  std::string location_;  // the file, or the postgresql:// address

 private:
  static std::string run_pg(const std::string& location, const std::string& sql) {
    PGconn* conn = PQconnectdb(location.c_str());
    std::string out;
    if (PQstatus(conn) != CONNECTION_OK) {
      out = PQerrorMessage(conn);
    } else {
      PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
      PGresult* r = PQexec(conn, sql.c_str());
      const auto st = PQresultStatus(r);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        out = m ? m : "error";
      }
      PQclear(r);
    }
    PQfinish(conn);
    return out;
  }
  // On the server's first database (DANSO_TEST_PG itself).
  static std::string admin(const std::string& sql) { return run_pg(std::getenv("DANSO_TEST_PG"), sql); }

  void remove_files() {
    for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path_ + s);
  }
  std::string path_;
  std::string database_;
  std::vector<std::string> others_;  // other files or databases of the test
};

}  // namespace danso::test

#define DANSO_STORE_ENGINES(Fixture) \
  INSTANTIATE_TEST_SUITE_P(Engines, Fixture, ::testing::ValuesIn(::danso::test::test_engines()), \
                           ::danso::test::engine_name)

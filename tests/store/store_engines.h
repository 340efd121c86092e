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
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/pg_test_database.h"
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
    ASSERT_EQ(database_.emplace().error(), "");
    location_ = database_->location();
  }

  void TearDown() override {
    if (!postgres()) {
      for (const std::string& other : others_)
        for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(other + s);
      return remove_files();
    }
    others_pg_.clear();
    database_.reset();
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
    const PgTestDatabase& db = others_pg_.emplace_back();
    if (!db.error().empty()) return Error{ErrorCode::kInternal, "db", db.error(), db.error()};
    return open_pg_store(db.location());
  }

  // Runs SQL behind the store's back, to show what the database itself
  // refuses: the engine's error message, empty when the SQL ran.
  std::string exec(const std::string& sql) {
    if (postgres()) return database_->run(sql);
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
  void remove_files() {
    for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path_ + s);
  }
  std::string path_;
  std::optional<PgTestDatabase> database_;
  std::vector<std::string> others_;         // other files of the test (SQLite)
  std::list<PgTestDatabase> others_pg_;     // other databases of the test (PostgreSQL)
};

}  // namespace danso::test

#define DANSO_STORE_ENGINES(Fixture) \
  INSTANTIATE_TEST_SUITE_P(Engines, Fixture, ::testing::ValuesIn(::danso::test::test_engines()), \
                           ::danso::test::engine_name)

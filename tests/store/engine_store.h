// A store for a test that does not care which engine holds it: the SQLite
// file `file`, or, with DANSO_TEST_ENGINE=postgres (and DANSO_TEST_PG,
// scripts/pg_cluster.sh), a PostgreSQL database of the test's own, dropped
// when the test ends. So a suite written for one runs on both:
//   scripts/pg_cluster.sh env DANSO_TEST_ENGINE=postgres build/release/tests/app_tests
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <list>
#include <memory>
#include <string>

#include "store/pg_test_database.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace danso::test {

inline bool tests_on_postgres() {
  const char* engine = std::getenv("DANSO_TEST_ENGINE");
  return engine && std::string(engine) == "postgres" && !PgTestDatabase::server().empty();
}

// The databases made for the running test, dropped when it ends.
class TestDatabases : public ::testing::EmptyTestEventListener {
 public:
  static TestDatabases& instance() {
    static TestDatabases* made = [] {
      auto* l = new TestDatabases;
      ::testing::UnitTest::GetInstance()->listeners().Append(l);  // owned by gtest from here
      return l;
    }();
    return *made;
  }
  // Made in a test: dropped when it ends; made for a suite (SetUpTestSuite):
  // dropped when the suite ends.
  PgTestDatabase& make() {
    const bool in_test = ::testing::UnitTest::GetInstance()->current_test_info() != nullptr;
    return (in_test ? made_ : suite_made_).emplace_back();
  }
  void OnTestEnd(const ::testing::TestInfo&) override { made_.clear(); }
  void OnTestSuiteEnd(const ::testing::TestSuite&) override { suite_made_.clear(); }

 private:
  std::list<PgTestDatabase> made_, suite_made_;
};

inline Result<std::unique_ptr<Store>> open_test_store(const std::filesystem::path& file) {
  if (!tests_on_postgres()) return open_sqlite_store(file.string(), {.create = true, .migrations = {}});
  PgTestDatabase& db = TestDatabases::instance().make();
  if (!db.error().empty()) return Error{ErrorCode::kInternal, "db", db.error(), db.error()};
  return open_pg_store(db.location());
}

}  // namespace danso::test

// A database file of its own per test (danso-PREFIX-PID-TEST.db in the
// temporary folder), removed with its WAL, shared memory and lock files
// before and after; exec() runs SQL behind the store's back, to show what
// the database itself refuses.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace danso::test {

class StoreFileTest : public ::testing::Test {
 protected:
  explicit StoreFileTest(std::string prefix) : prefix_(std::move(prefix)) {}
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("danso-" + prefix_ + "-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    remove_files();
  }
  void TearDown() override { remove_files(); }
  // The SQLite error message, empty when the SQL ran.
  std::string exec(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string out = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    return out;
  }
  std::string path_;

 private:
  void remove_files() {
    for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path_ + s);
  }
  std::string prefix_;
};

}  // namespace danso::test

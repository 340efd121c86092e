// The write-ahead log copied back into the database file by a thread of its
// own (store/sqlite/wal_checkpointer.h): not while a reader's transaction
// holds the log's pages, and soon after it ends, without another commit
// doing the copy.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/sqlite/db.h"
#include "store/sqlite/wal_checkpointer.h"
#include "store_file_fixture.h"

using namespace danso;
using namespace std::chrono_literals;

namespace {

class WalCheckpointerTest : public test::StoreFileTest {
 protected:
  WalCheckpointerTest() : StoreFileTest("checkpoint") {}
  // Waits up to 5 s for the database file (not its log) to reach `bytes`.
  bool file_reaches(uintmax_t bytes) {
    for (int i = 0; i < 500; ++i) {
      if (std::filesystem::file_size(path_) >= bytes) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
};

}  // namespace

TEST_F(WalCheckpointerTest, TheLogIsCopiedBackBesideTheWriterOnceNoReaderHoldsIt) {
  sqlite::Db writer(path_);
  writer.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(x BLOB)");
  const uintmax_t empty = std::filesystem::file_size(path_);

  // A reader holds a read transaction from before the writes.
  sqlite::Db reader(path_);
  reader.exec("BEGIN; SELECT count(*) FROM t;");

  sqlite::WalCheckpointer checkpointer(path_, writer.handle(), 100);
  // 60 commits of 16 KB each: about 300 pages of log, three times the 100.
  for (int i = 0; i < 60; ++i) writer.exec("INSERT INTO t VALUES (randomblob(16384))");
  std::this_thread::sleep_for(300ms);
  EXPECT_GE(checkpointer.checkpoints(), 1);  // tried, and kept from copying the rows by the reader
  EXPECT_LT(std::filesystem::file_size(path_), empty + 100 * 1024);

  // The reader ends; the next commit finds the log past 100 pages, and the
  // thread copies all of it (about 1 MB) into the file.
  reader.exec("COMMIT");
  writer.exec("INSERT INTO t VALUES (randomblob(16))");
  EXPECT_TRUE(file_reaches(empty + 900 * 1024)) << std::filesystem::file_size(path_);

  // Every row is there, read from a new connection.
  sqlite::Db again(path_);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(again.handle(), "SELECT count(*), sum(length(x)) FROM t", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 61);
  EXPECT_EQ(sqlite3_column_int64(st, 1), 60 * 16384 + 16);
  sqlite3_finalize(st);
}

TEST_F(WalCheckpointerTest, BelowItsPagesTheLogIsLeftAndAtTheEndSqlitesOwnCheckpointIsBack) {
  sqlite::Db writer(path_);
  writer.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(x BLOB)");
  const uintmax_t empty = std::filesystem::file_size(path_);
  {
    sqlite::WalCheckpointer checkpointer(path_, writer.handle(), 1000);
    for (int i = 0; i < 20; ++i) writer.exec("INSERT INTO t VALUES (randomblob(16384))");
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(checkpointer.checkpoints(), 0);
    EXPECT_LT(std::filesystem::file_size(path_), empty + 100 * 1024);
  }
  // SQLite's automatic checkpoint (every 1,000 pages) copies the log again:
  // at least the 1,000 pages of the first one.
  for (int i = 0; i < 300; ++i) writer.exec("INSERT INTO t VALUES (randomblob(16384))");
  EXPECT_GT(std::filesystem::file_size(path_), empty + 2 * 1024 * 1024);
}

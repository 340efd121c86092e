// The write-ahead log copied back into the database file by a thread of its
// own (store/sqlite/wal_checkpointer.h): not while a reader's transaction
// holds the log's pages, and soon after it ends, without another commit
// doing the copy.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
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
  for (int i = 0; i < 500 && checkpointer.checkpoints() < 2; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_GE(checkpointer.checkpoints(), 2);  // tried, and tried again: the reader kept the rows from the file
  EXPECT_LT(std::filesystem::file_size(path_), empty + 100 * 1024);

  // The reader ends; with no other commit, the thread's next try copies the
  // whole log (about 1 MB) into the file.
  reader.exec("COMMIT");
  EXPECT_TRUE(file_reaches(empty + 900 * 1024)) << std::filesystem::file_size(path_);

  // Every row is there, read from a new connection.
  sqlite::Db again(path_);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(again.handle(), "SELECT count(*), sum(length(x)) FROM t", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 60);
  EXPECT_EQ(sqlite3_column_int64(st, 1), 60 * 16384);
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

// Under steady writes, the log starts again from its beginning: it stays a
// few times its pages long instead of growing with every commit.
TEST_F(WalCheckpointerTest, UnderSteadyWritesTheLogStartsAgainAndStaysShort) {
  sqlite::Db writer(path_);
  writer.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(x BLOB)");
  sqlite::WalCheckpointer checkpointer(path_, writer.handle(), 100);
  uintmax_t longest = 0;
  // 1,500 commits 0.2 ms apart: 18 MB of log if it never started again (as
  // here when only the thread copies: a commit always comes while it
  // copies); about 2 MB when the writer copies the last pages.
  for (int i = 0; i < 1500; ++i) {
    writer.exec("INSERT INTO t VALUES (randomblob(3000))");
    std::this_thread::sleep_for(200us);
    if (i % 50 == 0) longest = std::max(longest, std::filesystem::file_size(path_ + "-wal"));
  }
  EXPECT_GT(checkpointer.checkpoints(), 0);
  EXPECT_LT(longest, 9u * 1024 * 1024);
}

// The index of folded names (migration 14): a database of the schema before
// it is given the names of the persons it already holds, and the search
// reads them there.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

TEST(PersonNames, AnOlderDatabaseHasItsNamesIndexed) {
  const std::string path =
      (fs::temp_directory_path() / ("danso-names-" + std::to_string(getpid()) + ".db")).string();
  for (const char* s : {"", "-wal", "-shm", ".lock"}) fs::remove(path + s);
  const auto all = sqlite::sqlite_migrations();
  size_t names = 0;  // migration 14 adds the index: a database made by the ones before it
  while (names < all.size() && all[names].version != 14) ++names;
  ASSERT_LT(names, all.size());
  {
    auto old = open_sqlite_store(path, {.create = true, .migrations = all.subspan(0, names)});
    ASSERT_TRUE(old.ok());
    EXPECT_EQ((*old)->schema_version(), 13);
  }
  {
    // Rows as an older build wrote them, without the index.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const char* sql =
        "INSERT INTO units(id, code, name, kind, level, valid_from) VALUES (1, '9900101', 'Thôn Một', 'village', 4, "
        "'2019-01-01');"
        "INSERT INTO households VALUES (1, 1, 'Số 1', 'none', 0, 0, '2020-01-01');"
        "INSERT INTO persons(id, household_id, name, sex, birth_date, relation, ethnicity, marital, residence, "
        "registered_on, lives_in) VALUES (5, 1, 'Đỗ Thị Mẫu Năm', 'F', '1990-01-01', 'head', 'Kinh', 'single', "
        "'permanent', '2020-01-01', 1), (6, 1, 'Đỗ Văn Mẫu Sáu', 'M', '1991-01-01', 'other', 'Kinh', 'single', "
        "'permanent', '2020-01-01', 1), (7, 1, 'Nguyễn Hoàng', 'M', '1992-01-01', 'other', 'Kinh', 'single', "
        "'permanent', '2020-01-01', 1);";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  auto s = open_sqlite_store(path);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->schema_version(), all.back().version);
  const UnitId villages[] = {UnitId(1)};
  std::vector<PlacedPerson> page;
  EXPECT_EQ((*s)->persons_page(villages, "do thi", PersonFilter{}, 0, 10, page).count, 1);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].person.id, PersonId(5));
  EXPECT_EQ(page[0].village_name, "Thôn Một");
  page.clear();
  EXPECT_EQ((*s)->persons_page(villages, "mau", PersonFilter{}, 0, 10, page).count, 2);
  page.clear();
  EXPECT_EQ((*s)->persons_page(villages, "au", PersonFilter{}, 0, 10, page).count, 0);  // the beginnings of words only
  // Words that FTS5 would read as its own syntax are searched as text.
  page.clear();
  EXPECT_EQ((*s)->persons_page(villages, "do \"or\" not*", PersonFilter{}, 0, 10, page).count, 0);
  page.clear();
  EXPECT_EQ((*s)->persons_page(villages, "nguy hoang", PersonFilter{}, 0, 10, page).count, 1);
  s->reset();
  // Migration 22 kept the words of the names it found indexed.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::vector<std::string> words;
  sqlite3_exec(
      db, "SELECT word FROM name_words ORDER BY word",
      [](void* out, int, char** v, char**) {
        static_cast<std::vector<std::string>*>(out)->push_back(v[0]);
        return 0;
      },
      &words, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(words, (std::vector<std::string>{"do", "hoang", "mau", "nam", "nguyen", "sau", "thi", "van"}));
  for (const char* x : {"", "-wal", "-shm", ".lock"}) fs::remove(path + x);
}

}  // namespace

// The database on PostgreSQL when it is not as it should be (DANSO_TEST_PG,
// scripts/pg_cluster.sh; skipped without): a wrong password or a role the
// server lacks, a database of an older schema (brought up to date on
// opening, or refused with what to do when the role may not change the
// schema), and a connection lost in the middle of an import. Each is a
// clear error in both languages, and nothing is half-written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/demo_province/generator.h"
#include "app/export/export.h"
#include "app/import/import.h"
#include "app/register_loader.h"
#include "store/pg_test_database.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;
using danso::test::PgTestDatabase;

namespace {

TEST(PgDatabaseFaults, AWrongPasswordOrAnUnknownRoleIsNamedAndThePasswordIsNotShown) {
  const char* checked = std::getenv("DANSO_TEST_PG_PASSWORD");  // the role danso_pw, scram-sha-256
  if (!checked || !*checked) GTEST_SKIP() << "DANSO_TEST_PG_PASSWORD not set (scripts/pg_cluster.sh)";
  const std::string wrong = "Sai-mat-khau-7391";
  auto db = open_database(std::string(checked) + "&password=" + wrong);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(db.error().en.find("the PostgreSQL server refused the sign-in: a wrong or missing password"),
            std::string::npos)
      << db.error().en;
  EXPECT_NE(db.error().en.find("password authentication failed for user \"danso_pw\""), std::string::npos);
  EXPECT_NE(db.error().vi.find("máy chủ PostgreSQL từ chối đăng nhập: sai hoặc thiếu mật khẩu"), std::string::npos)
      << db.error().vi;
  EXPECT_EQ(db.error().en.find(wrong), std::string::npos);
  EXPECT_EQ(db.error().vi.find(wrong), std::string::npos);

  // The right one opens it.
  EXPECT_TRUE(open_database(std::string(checked) + "&password=danso-pw-test").ok());

  // A role the server does not have.
  std::string unknown = PgTestDatabase::server();
  unknown.replace(unknown.find("user=danso"), 10, "user=khong_co_ai");
  db = open_database(unknown);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(db.error().en.find("the PostgreSQL server has no such role"), std::string::npos) << db.error().en;
  EXPECT_NE(db.error().vi.find("máy chủ PostgreSQL không có người dùng này"), std::string::npos);
}

// A role of the test's own that may read and write rows but not change the
// schema (the server's role of docs/postgresql.md); dropped when it goes.
class AppRole {
 public:
  AppRole() : name_("danso_t_app_" + std::to_string(getpid())) {
    PgTestDatabase::run_on(PgTestDatabase::server(), "DROP ROLE IF EXISTS " + name_);
    error_ = PgTestDatabase::run_on(PgTestDatabase::server(), "CREATE ROLE " + name_ + " LOGIN");
  }
  ~AppRole() { PgTestDatabase::run_on(PgTestDatabase::server(), "DROP ROLE IF EXISTS " + name_); }
  const std::string& name() const { return name_; }
  const std::string& error() const { return error_; }

 private:
  std::string name_, error_;
};

TEST(PgDatabaseFaults, ADatabaseOfAnOlderSchemaIsBroughtUpToDateOrRefusedWithWhatToDo) {
  if (PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  const auto all = pg::pg_migrations();
  ASSERT_GE(all.size(), 3u);
  const auto older = all.subspan(0, all.size() - 2);
  const int old_version = older.back().version;
  {
    // Opened by the program (danso serve, any command) as its owner: the
    // migrations it lacks are applied, as on SQLite.
    PgTestDatabase pg;
    ASSERT_EQ(pg.error(), "");
    ASSERT_TRUE(open_pg_store(pg.location(), {.migrations = older}).ok());
    auto db = open_database(pg.location());
    ASSERT_TRUE(db.ok()) << db.error().en;
    EXPECT_EQ((*db)->store().schema_version(), all.back().version);
    EXPECT_EQ((*db)->store().migrations_applied().size(), all.size());
  }
  AppRole role;
  ASSERT_EQ(role.error(), "");
  {
    PgTestDatabase pg;
    ASSERT_EQ(pg.error(), "");
    ASSERT_TRUE(open_pg_store(pg.location(), {.migrations = older}).ok());
    ASSERT_EQ(pg.run("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role.name()), "");
    std::string as_app = pg.location();
    as_app.replace(as_app.find("user=danso"), 10, "user=" + role.name());
    auto db = open_database(as_app);
    ASSERT_FALSE(db.ok());
    const Error& e = db.error();
    EXPECT_NE(e.en.find("migration " + std::to_string(all[all.size() - 2].version) + " failed"), std::string::npos)
        << e.en;
    EXPECT_NE(e.en.find("the database is at schema version " + std::to_string(old_version) +
                        ", older than this program: run danso init --db as the role that owns the tables"),
              std::string::npos)
        << e.en;
    EXPECT_NE(e.vi.find("cũ hơn chương trình này: chạy danso init --db với người dùng sở hữu các bảng"),
              std::string::npos)
        << e.vi;
    // Nothing of the failed migration kept.
    auto s = open_pg_store(pg.location(), {.migrations = older});
    ASSERT_TRUE(s.ok());
    EXPECT_EQ((*s)->schema_version(), old_version);
    ASSERT_EQ(pg.run("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + role.name()), "");
  }
}

TEST(PgDatabaseFaults, AConnectionLostInTheMiddleOfAnImportWritesNothingAndTheNextImportDoes) {
  if (PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  const fs::path dir = fs::temp_directory_path() / ("danso-pg-import-fault-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A province's households and persons as files, exported from a register.
  demo::DemoOptions o;
  o.persons = 10'000;
  o.seed = 9;
  o.today = Date::parse("2026-11-22").value();
  const RegisterBatch batch = demo::generate(o).value();
  {
    auto source = open_sqlite_store((dir / "source.db").string(), {.create = true, .migrations = {}});
    ASSERT_TRUE(source.ok());
    ASSERT_TRUE(load_register(**source, batch).ok());
    for (auto [kind, name] : {std::pair{ImportKind::kHouseholds, "households.csv"},
                              std::pair{ImportKind::kPersons, "persons.csv"}}) {
      std::ofstream out(dir / name);
      ASSERT_TRUE(export_kind(**source, kind, out).ok());
    }
  }
  PgTestDatabase pg;
  ASSERT_EQ(pg.error(), "");
  auto s = open_pg_store(pg.location());
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& st = **s;
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(batch.units).ok());
    ASSERT_TRUE(st.upsert_unit_links(batch.links).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  ImportOptions households;
  households.file = (dir / "households.csv").string();
  households.kind = ImportKind::kHouseholds;
  households.today = o.today;
  auto h = import_file(st, households);
  ASSERT_TRUE(h.ok() && h->committed) << (h.ok() ? "" : h.error().en);
  const int64_t household_rows = st.count_rows(StoredTable::kHouseholds);
  const int64_t audit_rows = st.count_rows(StoredTable::kAudit);
  ASSERT_GT(household_rows, 0);

  // The persons' import: once its rows are checked and its writing begins,
  // the server ends its connection (a restart, a network cut).
  ImportOptions persons;
  persons.file = (dir / "persons.csv").string();
  persons.kind = ImportKind::kPersons;
  persons.today = o.today;
  int cut = 0;
  persons.progress = [&](std::string_view stage, size_t, size_t) {
    if (stage != "ghi / writing" || cut) return;
    cut = 1;
    const std::string out = PgTestDatabase::run_on(
        PgTestDatabase::server(),
        "DO $$ BEGIN IF (SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + pg.name() +
            "' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()) <> 1 THEN RAISE 'no import in progress'; "
            "END IF; END $$");
    if (out.empty()) cut = 2;
  };
  std::optional<Error> failure;
  try {
    auto r = import_file(st, persons);
    if (!r) failure = r.error();
    else ADD_FAILURE() << "the import went on after its connection was lost (committed " << r->committed << ")";
  } catch (const StoreUnavailable& e) {
    failure = e.error();
  }
  ASSERT_EQ(cut, 2) << "the import's connection was not ended in its transaction";
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->code, ErrorCode::kUnavailable);
  EXPECT_NE(failure->en.find("the connection to the PostgreSQL server was lost"), std::string::npos) << failure->en;
  EXPECT_NE(failure->vi.find("mất kết nối tới máy chủ PostgreSQL"), std::string::npos) << failure->vi;

  // Connected again on the next call: nothing of the import was kept.
  EXPECT_EQ(st.count_rows(StoredTable::kPersons), 0);
  EXPECT_EQ(st.count_rows(StoredTable::kResidence), 0);
  EXPECT_EQ(st.count_rows(StoredTable::kHouseholds), household_rows);
  EXPECT_EQ(st.count_rows(StoredTable::kAudit), audit_rows);

  // The same file again, the server up: all of it.
  persons.progress = {};
  auto again = import_file(st, persons);
  ASSERT_TRUE(again.ok()) << again.error().en;
  EXPECT_TRUE(again->committed);
  EXPECT_EQ(st.count_rows(StoredTable::kPersons), int64_t(batch.persons.size()));
  EXPECT_EQ(st.count_rows(StoredTable::kAudit), audit_rows + 1);
  fs::remove_all(dir);
}

}  // namespace

// Migration 18 makes the reports table anew so that a report may be on the
// commune's yearly form 03-DSX: a database of version 17 keeps every version
// with its id, its history, its index and the triggers that freeze an
// approved version and refuse deletion.
#include <gtest/gtest.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_file_fixture.h"

using namespace danso;

namespace {

class ReportFormsMigrationTest : public danso::test::StoreFileTest {
 protected:
  ReportFormsMigrationTest() : StoreFileTest("report-forms") {}
};

ReportRecord migration_report(const char* form, const char* period, const char* status) {
  ReportRecord r;
  r.unit = UnitId(1);
  r.form = form;
  r.period = period;
  r.status = status;
  r.rows = "[]";
  r.diff = "[]";
  r.created_at = r.updated_at = "2025-06-02T01:00:00Z";
  return r;
}

TEST_F(ReportFormsMigrationTest, Version17ReportsAreKeptAndAYearlyFormIsAdmitted) {
  const auto all = sqlite::sqlite_migrations();
  ASSERT_GE(all.size(), 18u);
  ASSERT_EQ(all[17].version, 18);
  int64_t approved = 0, draft = 0;
  {
    auto s = open_sqlite_store(path_, {.create = true, .migrations = all.subspan(0, 17)});
    ASSERT_TRUE(s.ok()) << s.error().en;
    Store& store = **s;
    EXPECT_EQ(store.schema_version(), 17);
    OrgUnit u;
    u.id = UnitId(1), u.code = "99001", u.name = "Xã Thử", u.kind = UnitKind::kCommune, u.level = 3;
    u.valid_from = Date::parse("2019-01-01").value();
    auto tx = store.begin();
    ASSERT_TRUE(store.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    draft = store.insert_report(migration_report("commune_monthly", "2025-04", "draft")).value();
    approved = store.insert_report(migration_report("commune_monthly", "2025-05", "approved")).value();
    ReportHistoryRecord h{approved, "approve", UserId(), "Người duyệt", "2025-06-03T01:00:00Z", "đạt"};
    ASSERT_TRUE(store.append_report_history(h).ok());
    // Before the migration the table's CHECK refuses the yearly form.
    EXPECT_FALSE(store.insert_report(migration_report("commune_yearly", "2025", "draft")).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  auto s = open_sqlite_store(path_);
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& store = **s;
  EXPECT_EQ(store.schema_version(), all.back().version);
  const auto kept = store.find_report(approved);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->form, "commune_monthly");
  EXPECT_EQ(kept->period, "2025-05");
  EXPECT_EQ(kept->status, "approved");
  EXPECT_EQ(kept->created_at, "2025-06-02T01:00:00Z");
  const auto history = store.report_history(approved);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].comment, "đạt");
  EXPECT_EQ(store.find_report(draft)->period, "2025-04");

  {
    auto tx = store.begin();
    const auto yearly = store.insert_report(migration_report("commune_yearly", "2025", "draft"));
    ASSERT_TRUE(yearly.ok()) << yearly.error().en;
    EXPECT_GT(*yearly, approved);
    EXPECT_EQ(store.latest_report(UnitId(1), "commune_yearly", "2025")->id, *yearly);
    // The approved version is still frozen.
    ReportRecord changed = *kept;
    changed.status = "draft";
    EXPECT_FALSE(store.update_report(changed).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  s->reset();
  // What the database itself still refuses: a form it does not know, a
  // deletion, a history row naming no report; the index is there again.
  EXPECT_NE(exec("INSERT INTO reports (unit_id, form, period, version, status, rows, created_at, updated_at) "
                 "VALUES (1, 'commune_weekly', '2025-W01', 1, 'draft', '[]', 'x', 'x')"),
            "");
  EXPECT_NE(exec("DELETE FROM reports WHERE id = " + std::to_string(draft)), "");
  EXPECT_NE(exec("PRAGMA foreign_keys=ON; INSERT INTO report_history (report_id, action, user_name, at) "
                 "VALUES (999, 'compute', 'x', 'x')"),
            "");
  EXPECT_EQ(exec("CREATE TEMP TABLE seen AS SELECT name FROM sqlite_master WHERE tbl_name = 'reports' AND name IN "
                 "('reports_period', 'reports_frozen', 'reports_no_delete'); "
                 "SELECT CASE WHEN (SELECT count(*) FROM seen) = 3 THEN 1 ELSE abs(-9223372036854775807 - 1) END"),
            "");
}

}  // namespace

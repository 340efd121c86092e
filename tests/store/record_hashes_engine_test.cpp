// Record hashes on every engine (store_engines.h): every register row a
// transaction writes is hashed as stored and kept under the audit entry it
// appends next, which must hold their count and digest; a transaction
// committed without such an entry keeps no hash; the scan names rows
// changed, added or deleted behind the store's back; the digest does not
// depend on the order rows were written in.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/db.h"
#include "store/sqlite/record_hashes.h"
#include "store_engines.h"

using namespace danso;

namespace {

class RecordHashesOnEngines : public test::StoreEngineTest {
 protected:
  // The test's database, or another of its own named `other`.
  std::unique_ptr<Store> open_store(const std::string& other = "") {
    auto s = other.empty() ? open() : open_other(other);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().en);
    return s.ok() ? std::move(*s) : nullptr;
  }

  static OrgUnit village() {
    OrgUnit u;
    u.id = UnitId(1);
    u.code = "9900101";
    u.name = "Thôn Một";
    u.kind = UnitKind::kVillage;
    u.valid_from = Date::parse("2019-01-01").value();
    return u;
  }
  static Household household(int64_t id) {
    Household h;
    h.id = HouseholdId(id);
    h.village = UnitId(1);
    h.address = "Số " + std::to_string(id);
    h.registered_on = Date::parse("2019-01-01").value();
    return h;
  }
  static Person person(int64_t id, const std::string& name = "") {
    Person p;
    p.id = PersonId(id);
    p.household = HouseholdId(1);
    p.name = name.empty() ? "Người Thử " + std::to_string(id) : name;
    p.birth_date = Date::parse("1990-01-01").value();
    p.registered_on = Date::parse("2019-01-01").value();
    return p;
  }

  // An entry holding what is pending, as app/accounts appends one (the
  // chain's own hashes are not the adapter's concern).
  static Status append_entry(Store& st, const char* what) {
    const auto head = st.audit_head();
    const RecordsDigest pending = st.pending_records();
    AuditRecord e;
    e.seq = head ? head->seq + 1 : 1;
    e.at = "2026-12-01T00:00:00Z";
    e.actor_name = "test";
    e.action = what;
    e.kind = "test";
    e.records = pending.count;
    e.records_digest = pending.digest;
    e.prev_hash = head ? head->hash : std::string(64, '0');
    e.hash = std::string(63, '0') + std::to_string(e.seq % 10);
    return st.append_audit(e);
  }

  // Writes the village, household 1 and `persons` in one audited transaction.
  void write(Store& st, const std::vector<Person>& persons) {
    const OrgUnit u = village();
    const Household h = household(1);
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    ASSERT_TRUE(st.upsert_households(std::span<const Household>(&h, 1)).ok());
    ASSERT_TRUE(st.upsert_persons(persons).ok());
    ASSERT_TRUE(append_entry(st, "write").ok());
    ASSERT_TRUE(tx.commit().ok());
  }

};
DANSO_STORE_ENGINES(RecordHashesOnEngines);

TEST_P(RecordHashesOnEngines, WrittenRowsAreKeptUnderTheEntryThatHoldsThem) {
  auto st = open_store();
  const OrgUnit u = village();
  const Household h = household(1);
  const std::vector<Person> p{person(1), person(2)};
  auto tx = st->begin();
  ASSERT_TRUE(st->upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
  ASSERT_TRUE(st->upsert_households(std::span<const Household>(&h, 1)).ok());
  ASSERT_TRUE(st->upsert_persons(p).ok());
  const RecordsDigest pending = st->pending_records();
  EXPECT_EQ(pending.count, 4);
  EXPECT_EQ(pending.digest.size(), 64u);
  // An entry that does not hold them is refused.
  AuditRecord wrong;
  wrong.seq = 1;
  wrong.at = "2026-12-01T00:00:00Z";
  wrong.action = wrong.kind = wrong.actor_name = "x";
  wrong.prev_hash = wrong.hash = std::string(64, '0');
  auto refused = st->append_audit(wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  ASSERT_TRUE(append_entry(*st, "write").ok());
  ASSERT_TRUE(tx.commit().ok());

  std::vector<AuditRecord> log;
  st->for_each_audit([&](const AuditRecord& e) { log.push_back(e); });
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].records, 4);
  EXPECT_EQ(log[0].records_digest, pending.digest);
  const RecordScan scan = st->scan_records(10);
  EXPECT_EQ(scan.records, 4);
  EXPECT_EQ(scan.changed + scan.added + scan.deleted + scan.unknown, 0);
  ASSERT_EQ(scan.entries.size(), 1u);
  EXPECT_EQ(scan.entries[0].seq, 1);
  EXPECT_EQ(scan.entries[0].count, 4);
  EXPECT_EQ(scan.entries[0].digest, pending.digest);
  EXPECT_EQ(st->count_rows(StoredTable::kPersons), 2);
}

TEST_P(RecordHashesOnEngines, AWriteCommittedWithoutAnEntryKeepsNoHash) {
  auto st = open_store();
  write(*st, {person(1)});
  {
    const Person changed = person(1, "Tên Mới");
    auto tx = st->begin();
    ASSERT_TRUE(st->upsert_persons(std::span<const Person>(&changed, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  const RecordScan scan = st->scan_records(10);
  EXPECT_EQ(scan.changed, 1);
  ASSERT_EQ(scan.findings.size(), 1u);
  EXPECT_EQ(scan.findings[0].kind, "person");
  EXPECT_EQ(scan.findings[0].record, "1");
  EXPECT_EQ(scan.findings[0].seq, 1);
  // The next audited write is numbered 2 and holds only its own rows.
  write(*st, {person(2)});
  const RecordScan after = st->scan_records(10);
  ASSERT_EQ(after.entries.size(), 2u);
  EXPECT_EQ(after.entries[1].seq, 2);
  EXPECT_EQ(after.entries[1].count, 3);  // the village, the household, person 2
}

TEST_P(RecordHashesOnEngines, TheScanNamesRowsChangedAddedAndDeletedBehindTheStore) {
  auto st = open_store();
  write(*st, {person(1), person(2), person(3)});
  // Behind the store's back (SQLite's foreign keys off: person 3 is named by nothing else).
  ASSERT_EQ(exec(std::string(postgres() ? "" : "PRAGMA foreign_keys=OFF; ") +
       "UPDATE persons SET name = 'Ai Đó' WHERE id = 2; DELETE FROM persons WHERE id = 3; "
       // PostgreSQL's rows hold their province (migration 27): the household's.
       "INSERT INTO persons(" + (postgres() ? "province, " : "") +
       "id, household_id, name, sex, birth_date, relation, ethnicity, marital, residence, registered_on) VALUES (" +
       (postgres() ? "(SELECT province FROM households WHERE id = 1), " : "") +
       "4, 1, 'Người Lạ', 'M', '1990-01-01', 'head', 'Kinh', 'single', 'permanent', '2019-01-01')"),
            "");
  const RecordScan scan = st->scan_records(10);
  EXPECT_EQ(scan.records, 5);  // village, household, persons 1, 2, 4
  EXPECT_EQ(scan.changed, 1);
  EXPECT_EQ(scan.added, 1);
  EXPECT_EQ(scan.deleted, 1);
  ASSERT_EQ(scan.findings.size(), 3u);
  EXPECT_EQ(scan.findings[0].record, "2");
  EXPECT_EQ(scan.findings[0].what, RecordFinding::What::kChanged);
  EXPECT_EQ(scan.findings[1].record, "3");
  EXPECT_EQ(scan.findings[1].what, RecordFinding::What::kDeleted);
  EXPECT_EQ(scan.findings[1].seq, 1);
  EXPECT_EQ(scan.findings[2].record, "4");
  EXPECT_EQ(scan.findings[2].what, RecordFinding::What::kAdded);
  EXPECT_EQ(scan.findings[2].seq, 0);
  // The entry's digest still adds up: only the rows moved.
  ASSERT_EQ(scan.entries.size(), 1u);
  EXPECT_EQ(scan.entries[0].count, 5);
  // A stored hash changed too (person 1's, the first of the persons'
  // block): the entry's digest no longer adds up.
  if (postgres()) {
    ASSERT_EQ(exec("UPDATE record_hashes SET hashes = overlay(hashes PLACING '\\x" + std::string(2 * sqlite::kRowHashBytes, '0') +
                   "'::bytea FROM " + std::to_string(sqlite::kBlockKeys / 8 + 1) + " FOR " +
                   std::to_string(sqlite::kRowHashBytes) + ") WHERE kind = 5 AND seq = 1"),
              "");
  } else {
    sqlite::Db db(location_);
    sqlite::Stmt read(db.handle(), "SELECT hashes FROM record_hashes WHERE kind = 5 AND seq = 1");
    ASSERT_TRUE(read.step());
    std::string blob(read.blob(0));
    blob.replace(sqlite::kBlockKeys / 8, sqlite::kRowHashBytes, std::string(sqlite::kRowHashBytes, '\0'));
    sqlite::Stmt(db.handle(), "UPDATE record_hashes SET hashes = ? WHERE kind = 5 AND seq = 1")
        .bind_blob(1, blob.data(), blob.size())
        .exec();
  }
  const RecordScan edited = st->scan_records(10);
  EXPECT_EQ(edited.changed, 2);
  std::vector<AuditRecord> log;
  st->for_each_audit([&](const AuditRecord& e) { log.push_back(e); });
  EXPECT_NE(edited.entries[0].digest, log[0].records_digest);
  EXPECT_EQ(scan.entries[0].digest, log[0].records_digest);
}

TEST_P(RecordHashesOnEngines, TheDigestDoesNotDependOnTheOrderOfWriting) {
  auto a = open_store();
  auto b = open_store("b");
  write(*a, {person(1), person(2), person(3)});
  // Out of order, and person 2 written twice: the table keeps the last.
  write(*b, {person(3), person(2, "Tên Cũ"), person(1), person(2)});
  const RecordScan sa = a->scan_records(10), sb = b->scan_records(10);
  ASSERT_EQ(sa.entries.size(), 1u);
  ASSERT_EQ(sb.entries.size(), 1u);
  EXPECT_EQ(sa.entries[0].count, 5);
  EXPECT_EQ(sb.entries[0].count, 5);
  EXPECT_EQ(sa.entries[0].digest, sb.entries[0].digest);
  EXPECT_EQ(sb.changed + sb.added + sb.deleted, 0);
}

TEST_P(RecordHashesOnEngines, ManyRowsOutOfOrderAreDigestedFromTheTable) {
  // More rows than are kept in memory, written backwards: the digest is read
  // back from the table, in key order, and equals that of the rows in order.
  auto a = open_store();
  auto b = open_store("b");
  std::vector<Person> forward, backward;
  for (int64_t id = 1; id <= 70000; ++id) forward.push_back(person(id));
  backward.assign(forward.rbegin(), forward.rend());
  write(*a, forward);
  write(*b, backward);
  std::vector<AuditRecord> la, lb;
  a->for_each_audit([&](const AuditRecord& e) { la.push_back(e); });
  b->for_each_audit([&](const AuditRecord& e) { lb.push_back(e); });
  EXPECT_EQ(la[0].records, 70002);
  EXPECT_EQ(la[0].records_digest, lb[0].records_digest);
  const RecordScan sb = b->scan_records(10);
  EXPECT_EQ(sb.entries[0].digest, lb[0].records_digest);
  EXPECT_EQ(sb.records, 70002);
}

// The same rows written through either engine give the same hashes: the
// entry's digest is the same (every kind of record, NULLs and flags among
// them).
TEST(RecordHashesAcrossEngines, TheSameRowsGiveTheSameDigest) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  auto write = [](Store& st) {
    OrgUnit u;
    u.id = UnitId(1), u.code = "9900101", u.name = "Thôn Một", u.kind = UnitKind::kVillage, u.level = 4;
    u.valid_from = Date::parse("2019-01-01").value();
    u.attributes.mountainous = true;
    Household h;
    h.id = HouseholdId(1), h.village = u.id, h.address = "Số 1", h.ethnic_minority = true;
    h.registered_on = u.valid_from;
    Person a, b;
    a.id = PersonId(1), a.household = h.id, a.name = "Người Một", a.citizen_id = "990000000001";
    a.birth_date = Date::parse("1990-01-01").value(), a.registered_on = u.valid_from;
    b = a, b.id = PersonId(2), b.name = "Người Hai", b.citizen_id = "", b.sex = Sex::kFemale;
    VitalEvent e;
    e.id = EventId(1), e.type = EventType::kMarriage, e.date = Date::parse("2020-05-01").value(), e.village = u.id;
    e.person = a.id, e.related = b.id, e.consanguineous = true, e.recorded_on = Date::parse("2020-05-02").value();
    VitalEvent f = e;
    f.id = EventId(2), f.related = PersonId(), f.spouse_name = "Người Ngoài", f.spouse_birth_year = 1991;
    StaffAssignment s;
    s.id = StaffId(7), s.name = "Cán Bộ", s.unit = u.id, s.start = Date::parse("2020-01-01").value();
    const Person persons[] = {a, b};
    const VitalEvent events[] = {e, f};
    auto tx = st.begin();
    EXPECT_TRUE(st.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    EXPECT_TRUE(st.upsert_households(std::span<const Household>(&h, 1)).ok());
    EXPECT_TRUE(st.upsert_persons(persons).ok());
    EXPECT_TRUE(st.upsert_events(events).ok());
    EXPECT_TRUE(st.upsert_staff(std::span<const StaffAssignment>(&s, 1)).ok());
    UserRecord user;
    user.username = "ctv.mot", user.password_hash = "x", user.role = Role::kCollaborator, user.unit = u.id;
    user.villages = {u.id}, user.created_at = "2026-12-05T00:00:00Z";
    EXPECT_TRUE(st.insert_user(user).ok());
    const RecordsDigest d = st.pending_records();
    EXPECT_TRUE(tx.commit().ok());
    return d;
  };
  const std::string file = (std::filesystem::temp_directory_path() /
                            ("danso-across-" + std::to_string(getpid()) + ".db")).string();
  for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(file + s);
  RecordsDigest on_sqlite, on_postgres;
  {
    auto s = open_sqlite_store(file, {.create = true, .migrations = {}});
    ASSERT_TRUE(s.ok());
    on_sqlite = write(**s);
  }
  for (const char* s : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(file + s);
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  {
    auto s = open_pg_store(db.location());
    ASSERT_TRUE(s.ok()) << s.error().en;
    on_postgres = write(**s);
  }
  EXPECT_EQ(on_sqlite.count, 8);  // unit, household, 2 persons, 2 events, staff, user
  EXPECT_EQ(on_postgres.count, on_sqlite.count);
  EXPECT_EQ(on_postgres.digest, on_sqlite.digest);
}

}  // namespace

// The store's areas beside the register, on every engine (store_engines.h):
// accounts and sessions, the audit log, reports and their workflow, plans,
// budgets, boundaries, saved analyses, tasks and committees, removed ids.
// Each asserts what SQLite does, so both engines answer alike.
#include <gtest/gtest.h>

#include "store/postgres/pg_conn.h"
#include "store_engines.h"

using namespace danso;

namespace {

class StoreAreas : public test::StoreEngineTest {
 protected:
  void SetUp() override {
    StoreEngineTest::SetUp();
    auto s = open();
    ASSERT_TRUE(s.ok()) << s.error().en;
    store_ = std::move(*s);
    // A province (1) with villages 2, 3 and a unit coded "9" (4).
    std::vector<OrgUnit> units;
    for (int64_t id = 1; id <= 4; ++id) {
      OrgUnit u;
      u.id = UnitId(id);
      u.code = id == 4 ? "9" : "1" + std::to_string(id - 1);
      u.name = "Đơn Vị " + std::to_string(id);
      u.kind = id == 1 ? UnitKind::kProvince : UnitKind::kVillage;
      u.level = id == 1 ? 1 : 4;
      if (id > 1) u.parent = UnitId(1);
      u.valid_from = day("2019-01-01");
      units.push_back(u);
    }
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_units(units).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  void TearDown() override {
    store_.reset();
    StoreEngineTest::TearDown();
  }
  static Date day(const char* iso) { return Date::parse(iso).value(); }
  UserRecord user(const std::string& name) {
    UserRecord u;
    u.username = name;
    u.password_hash = "$argon2id$not-a-real-hash";
    u.role = Role::kCommuneOfficer;
    u.unit = UnitId(1);
    u.created_at = "2026-12-05T08:09:10Z";
    return u;
  }
  AuditRecord entry(int64_t seq, const char* kind, const char* record) {
    AuditRecord e;
    e.seq = seq;
    e.at = "2026-12-0" + std::to_string(seq) + "T00:00:00Z";
    e.actor_name = "thử";
    e.action = "update";
    e.kind = kind;
    e.record = record;
    e.unit = UnitId(2);
    e.after = "{\"n\":" + std::to_string(seq) + "}";
    e.prev_hash = std::string(64, '0');
    e.hash = std::string(63, 'a') + std::to_string(seq);
    return e;
  }
  // `n` households in village 2 with one person each (person i in household i).
  static void households_with_a_person(int64_t n, std::vector<Household>& households, std::vector<Person>& persons) {
    for (int64_t i = 1; i <= n; ++i) {
      Household h;
      h.id = HouseholdId(i), h.village = UnitId(2), h.registered_on = day("2020-01-01");
      households.push_back(h);
      Person p;
      p.id = PersonId(i), p.household = h.id, p.name = "Người " + std::to_string(i);
      p.birth_date = day("1990-01-01"), p.registered_on = h.registered_on;
      persons.push_back(p);
    }
  }
  std::unique_ptr<Store> store_;
};
DANSO_STORE_ENGINES(StoreAreas);

TEST_P(StoreAreas, UsersAreFoundWithoutRegardToCaseAndSessionsEnd) {
  Store& s = *store_;
  const UserId a = s.insert_user(user("Ctv.Mot")).value();
  EXPECT_EQ(a, UserId(1));
  const auto taken = s.insert_user(user("ctv.MOT"));
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().field, "username");
  const UserId b = s.insert_user(user("can.bo")).value();
  EXPECT_EQ(b, UserId(2));
  ASSERT_TRUE(s.find_user_by_name("CTV.MOT"));
  EXPECT_EQ(s.find_user_by_name("CTV.MOT")->id, a);
  EXPECT_FALSE(s.find_user_by_name("ctv.hai"));

  UserRecord changed = *s.find_user(a);
  EXPECT_EQ(changed.created_at, "2026-12-05T08:09:10Z");
  EXPECT_FALSE(changed.disabled);
  changed.role = Role::kCollaborator;
  changed.villages = {UnitId(3), UnitId(2)};
  changed.totp_secret = "JBSWY3DPEHPK3PXP";
  changed.totp_last_step = 42;
  changed.disabled = true;
  ASSERT_TRUE(s.update_user(changed).ok());
  const UserRecord back = *s.find_user(a);
  EXPECT_EQ(back.role, Role::kCollaborator);
  EXPECT_EQ(back.villages, (std::vector<UnitId>{UnitId(2), UnitId(3)}));
  EXPECT_EQ(back.totp_secret, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(back.totp_last_step, 42);
  EXPECT_TRUE(back.disabled);
  UserRecord missing = changed;
  missing.id = UserId(99);
  EXPECT_EQ(s.update_user(missing).error().code, ErrorCode::kNotFound);
  const auto all = s.load_users();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].username, "Ctv.Mot");
  EXPECT_EQ(all[1].username, "can.bo");

  EXPECT_FALSE(s.staff_of_user(a));
  ASSERT_TRUE(s.set_user_staff(a, StaffId(7)).ok());
  ASSERT_TRUE(s.set_user_staff(a, StaffId(8)).ok());
  EXPECT_EQ(s.staff_of_user(a), StaffId(8));
  ASSERT_TRUE(s.set_user_staff(a, StaffId()).ok());
  EXPECT_FALSE(s.staff_of_user(a));

  ASSERT_TRUE(s.insert_session({"t1", a, 100, 100, "c1"}).ok());
  ASSERT_TRUE(s.insert_session({"t2", a, 200, 200, "c2"}).ok());
  ASSERT_TRUE(s.insert_session({"t3", b, 300, 300, "c3"}).ok());
  ASSERT_TRUE(s.touch_session("t2", 500).ok());
  EXPECT_EQ(s.find_session("t2")->last_seen, 500);
  EXPECT_EQ(s.find_session("t2")->csrf_token, "c2");
  // Created before 150, or seen last before 400: t1 (created 100) and t3 (seen 300).
  ASSERT_TRUE(s.delete_stale_sessions(150, 400).ok());
  EXPECT_FALSE(s.find_session("t1"));
  EXPECT_TRUE(s.find_session("t2"));
  EXPECT_FALSE(s.find_session("t3"));
  ASSERT_TRUE(s.delete_sessions_of(a).ok());
  EXPECT_EQ(s.count_rows(StoredTable::kSessions), 0);
}

TEST_P(StoreAreas, TheAuditLogIsAppendOnlyAndReadBothWays) {
  Store& s = *store_;
  EXPECT_FALSE(s.audit_head());
  {
    auto tx = s.begin();
    ASSERT_TRUE(s.append_audit(entry(1, "event", "7")).ok());
    ASSERT_TRUE(s.append_audit(entry(2, "person", "7")).ok());
    ASSERT_TRUE(s.append_audit(entry(3, "event", "7")).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(s.audit_head()->seq, 3);
  EXPECT_EQ(s.audit_head()->hash, std::string(63, 'a') + "3");
  EXPECT_EQ(*s.audit_hash_of(2), std::string(63, 'a') + "2");
  EXPECT_FALSE(s.audit_hash_of(9));
  std::vector<int64_t> newest;
  s.for_each_audit_newest(0, [&](const AuditRecord& e) { newest.push_back(e.seq); return true; });
  EXPECT_EQ(newest, (std::vector<int64_t>{3, 2, 1}));
  newest.clear();
  s.for_each_audit_newest(3, [&](const AuditRecord& e) { newest.push_back(e.seq); return false; });
  EXPECT_EQ(newest, (std::vector<int64_t>{2}));
  const auto versions = s.audit_of_record("event", "7");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].seq, 3);
  EXPECT_EQ(versions[1].at, "2026-12-03T00:00:00Z");
  EXPECT_EQ(versions[1].after, "{\"n\":3}");
  EXPECT_EQ(versions[1].before, "");
  EXPECT_EQ(versions[1].unit, UnitId(2));
  EXPECT_FALSE(versions[1].actor.valid());
  EXPECT_TRUE(s.missing_audit_schema().empty());
  EXPECT_NE(exec("UPDATE audit SET actor = 'ai' WHERE seq = 1").find("append-only"), std::string::npos);
  EXPECT_NE(exec("DELETE FROM audit WHERE seq = 3").find("append-only"), std::string::npos);
  EXPECT_EQ(s.count_rows(StoredTable::kAudit), 3);
}

TEST_P(StoreAreas, ReportsMoveThroughTheirWorkflowAndAnApprovedOneIsFrozen) {
  Store& s = *store_;
  auto report = [](int64_t unit, const char* period, int version) {
    ReportRecord r;
    r.unit = UnitId(unit);
    r.form = "commune_monthly";
    r.period = period;
    r.version = version;
    r.status = "draft";
    r.rows = "{\"rows\":[]}";
    r.created_at = r.updated_at = "2026-06-01T00:00:00Z";
    return r;
  };
  const int64_t may2 = s.insert_report(report(2, "2025-05", 1)).value();
  const int64_t jun2 = s.insert_report(report(2, "2025-06", 1)).value();
  const int64_t jun3 = s.insert_report(report(3, "2025-06", 1)).value();
  const auto again = s.insert_report(report(2, "2025-05", 1));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().field, "version");
  // The transaction goes on after the refusal.
  ReportRecord r = *s.find_report(may2);
  EXPECT_EQ(r.diff, "[]");
  r.status = "submitted";
  r.updated_at = "2026-06-02T00:00:00Z";
  {
    auto tx = s.begin();
    EXPECT_FALSE(s.insert_report(report(2, "2025-05", 1)).ok());
    ASSERT_TRUE(s.update_report(r).ok());
    ASSERT_TRUE(s.append_report_history({may2, "submit", UserId(), "xã", "2026-06-02T00:00:00Z", ""}).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(s.find_report(may2)->status, "submitted");
  EXPECT_EQ(s.find_report(may2)->updated_at, "2026-06-02T00:00:00Z");
  r.status = "returned";
  ASSERT_TRUE(s.update_report(r).ok());
  ASSERT_TRUE(s.append_report_history({may2, "return", UserId(), "huyện", "2026-06-03T00:00:00Z", "thiếu số"}).ok());
  const int64_t may2v2 = s.insert_report(report(2, "2025-05", 2)).value();
  ReportRecord v2 = *s.find_report(may2v2);
  v2.status = "approved";
  ASSERT_TRUE(s.update_report(v2).ok());
  v2.status = "draft";
  const Status frozen = s.update_report(v2);
  ASSERT_FALSE(frozen.ok());
  EXPECT_EQ(frozen.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(s.find_report(may2v2)->status, "approved");
  ReportRecord gone = v2;
  gone.id = 999;
  EXPECT_EQ(s.update_report(gone).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.latest_report(UnitId(2), "commune_monthly", "2025-05")->version, 2);
  EXPECT_EQ(s.report_version(UnitId(2), "commune_monthly", "2025-05", 1)->id, may2);
  EXPECT_NE(exec("DELETE FROM reports WHERE id = " + std::to_string(jun3)), "");

  // Newest period first, then unit, then version down; without rows.
  const UnitId villages[] = {UnitId(2), UnitId(3)};
  std::vector<ReportRecord> page;
  EXPECT_EQ(s.reports_page(villages, "", "", 0, 10, page), 4);
  std::vector<int64_t> ids;
  for (const auto& p : page) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{jun2, jun3, may2v2, may2}));
  EXPECT_EQ(page[0].rows, "");
  page.clear();
  EXPECT_EQ(s.reports_page(villages, "2025-05", "approved", 0, 10, page), 1);
  page.clear();
  EXPECT_EQ(s.reports_page(villages, "", "", 3, 10, page), 4);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, may2);

  const auto history = s.report_history(may2);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].action, "return");
  EXPECT_EQ(history[1].comment, "thiếu số");
  EXPECT_EQ(history[1].at, "2026-06-03T00:00:00Z");
  const std::string periods[] = {"2025-05", "2025-06"};
  const auto standings = s.report_standings(villages, "commune_monthly", periods);
  ASSERT_EQ(standings.size(), 3u);
  EXPECT_EQ(standings[0].id, may2v2);
  EXPECT_EQ(standings[0].first_submitted, "2026-06-02T00:00:00Z");
  EXPECT_EQ(standings[0].return_comment, "");  // the return was of version 1
  EXPECT_EQ(standings[1].unit, UnitId(2));
  EXPECT_EQ(standings[1].period, "2025-06");
  EXPECT_EQ(standings[2].unit, UnitId(3));

  EXPECT_FALSE(s.find_report_deadlines("10"));
  ASSERT_TRUE(s.put_report_deadlines({"10", {3, 12, 11, 30}, "2026-06-04T00:00:00Z", "tỉnh"}).ok());
  ASSERT_TRUE(s.put_report_deadlines({"10", {4, 12, 11, 30}, "2026-06-05T00:00:00Z", "tỉnh"}).ok());
  const auto deadlines = s.find_report_deadlines("10");
  ASSERT_TRUE(deadlines);
  EXPECT_EQ(deadlines->deadlines.monthly_day, 4);
  EXPECT_EQ(deadlines->deadlines.yearly_day, 30);
  EXPECT_EQ(deadlines->updated_at, "2026-06-05T00:00:00Z");
}

TEST_P(StoreAreas, PlansBudgetsBoundariesAndFavouritesReadBackAsWritten) {
  Store& s = *store_;
  PlanRecord rec;
  rec.unit = UnitId(1);
  rec.imported_at = "2026-01-02T03:04:05Z";
  Plan& p = rec.plan;
  p.number = "12/KH-UBND";
  p.title = "Kế hoạch thử";
  p.issued_on = day("2025-03-01");
  p.unit_code = "10";
  p.start = day("2025-01-01");
  p.end = day("2030-12-31");
  PlanTarget t;
  t.key = "tfr";
  t.indicator = "tfr";
  t.name_vi = "Tổng tỷ suất sinh";
  t.baseline = {2024, 2.1};
  t.goals = {{2030, GoalKind::kAbout, 2.1, 0.05, ChangeMode::kPoints, std::nullopt},
             {2025, GoalKind::kAtLeast, 2.0, std::nullopt, ChangeMode::kPoints, std::nullopt}};
  PlanTarget manual;
  manual.key = "clubs";
  manual.name_vi = "Câu lạc bộ";
  p.targets = {t, manual};
  p.notes = {{"Ghi chú", "Note"}};
  const int64_t id = s.insert_plan(rec).value();
  EXPECT_EQ(s.insert_plan(rec).error().code, ErrorCode::kAlreadyExists);
  const auto back = s.find_plan(id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->plan.issued_on, day("2025-03-01"));
  EXPECT_EQ(back->imported_at, "2026-01-02T03:04:05Z");
  ASSERT_EQ(back->plan.targets.size(), 2u);
  EXPECT_EQ(back->plan.targets[0].key, "tfr");
  EXPECT_EQ(*back->plan.targets[0].baseline.value, 2.1);
  ASSERT_EQ(back->plan.targets[0].goals.size(), 2u);
  EXPECT_EQ(back->plan.targets[0].goals[0].year, 2025);  // by year
  EXPECT_EQ(*back->plan.targets[0].goals[1].tolerance, 0.05);
  EXPECT_FALSE(back->plan.targets[1].indicator);
  EXPECT_FALSE(back->plan.targets[1].baseline.year);
  EXPECT_EQ(back->plan.notes[0].en, "Note");
  ASSERT_TRUE(s.upsert_manual_value({id, "clubs", UnitId(3), 2025, 4, UserId(), "2026-01-03T00:00:00Z"}).ok());
  ASSERT_TRUE(s.upsert_manual_value({id, "clubs", UnitId(2), 2025, 5, UserId(), "2026-01-03T00:00:00Z"}).ok());
  ASSERT_TRUE(s.upsert_manual_value({id, "clubs", UnitId(3), 2025, 6, UserId(), "2026-01-04T00:00:00Z"}).ok());
  const auto values = s.manual_values(id);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].unit, UnitId(2));
  EXPECT_EQ(values[1].value, 6);
  EXPECT_EQ(values[1].entered_at, "2026-01-04T00:00:00Z");

  // By unit code as text: "10", "11" before "9".
  const BudgetRecord budgets[] = {{UnitId(4), "9", 2025, 100, 1, "", "2026-01-01T00:00:00Z"},
                                  {UnitId(2), "11", 2025, 200, 2, "ghi", "2026-01-01T00:00:00Z"},
                                  {UnitId(1), "10", 2025, 300, 3, "", "2026-01-01T00:00:00Z"},
                                  {UnitId(1), "10", 2024, 300, 3, "", "2026-01-01T00:00:00Z"}};
  ASSERT_TRUE(s.upsert_budgets(budgets).ok());
  const auto b2025 = s.budgets(2025);
  ASSERT_EQ(b2025.size(), 3u);
  EXPECT_EQ(b2025[0].unit_code, "10");
  EXPECT_EQ(b2025[1].note, "ghi");
  EXPECT_EQ(b2025[2].unit_code, "9");

  const std::string geometry = "{\"type\": \"Point\",  \"coordinates\": [105.5, 21.25]}";
  const UnitBoundary outline{UnitId(2), geometry, 105.5, 21.25, 105.5, 21.25, "demo", "2026-01-01T00:00:00Z"};
  ASSERT_TRUE(s.upsert_boundaries(std::span(&outline, 1)).ok());
  const UnitId asked[] = {UnitId(3), UnitId(2)};
  const auto outlines = s.boundaries_of(asked);
  ASSERT_EQ(outlines.size(), 1u);
  EXPECT_EQ(outlines[0].geometry, geometry);  // kept as written
  EXPECT_EQ(outlines[0].south, 21.25);

  const UserId u = s.insert_user(user("ctv.mot")).value();
  FavouriteRecord f{0, u, "Sinh", "{\"a\":1}", false, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"};
  const int64_t f1 = s.insert_favourite(f).value();
  f.name = "Chết";
  f.created_at = "2026-02-01T00:00:00Z";
  const int64_t f2 = s.insert_favourite(f).value();
  EXPECT_EQ(f2, f1 + 1);
  auto mine = s.favourites_of(u);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, f2);  // newest first
  mine[1].on_dashboard = true;
  mine[1].updated_at = "2026-03-01T00:00:00Z";
  ASSERT_TRUE(s.update_favourite(mine[1]).ok());
  EXPECT_TRUE(s.find_favourite(f1)->on_dashboard);
  EXPECT_EQ(s.find_favourite(f1)->updated_at, "2026-03-01T00:00:00Z");
  ASSERT_TRUE(s.delete_favourite(f2).ok());
  EXPECT_EQ(s.count_favourites(u), 1);
  EXPECT_EQ(s.insert_favourite(f).value(), f2);  // the last id removed is taken again, as SQLite does
}

TEST_P(StoreAreas, ATaskSetImportedAgainKeepsItsTasksAndTheirProgress) {
  Store& s = *store_;
  TaskSetRecord set{"kh-12", std::string("12/KH-UBND"), UnitId(1), "10", "Tỉnh", "", "", "", "ab", "2026-01-01T00:00:00Z", 0};
  const AgencyRecord agencies[] = {{UnitId(1), "yte", "Sở Y tế", "Health"}, {UnitId(1), "giaoduc", "Sở Giáo dục", ""}};
  auto task = [](const char* key, const char* agency) {
    TaskRecord t;
    t.key = key;
    t.unit = UnitId(1);
    t.agency = agency;
    t.with = {"giaoduc", "yte"};
    t.description_vi = std::string("Việc ") + key;
    return t;
  };
  CommitteeRecord committee;
  committee.unit = UnitId(1);
  committee.level = "province";
  committee.name_vi = "Ban chỉ đạo";
  committee.members = {{"Người A", "yte", "Trưởng ban", day("2025-01-01"), std::nullopt},
                       {"Người B", "", "Thành viên", day("2025-01-01"), day("2025-12-31")}};
  std::vector<TaskRecord> tasks{task("a", "yte"), task("b", "giaoduc"), task("c", "yte")};
  ASSERT_TRUE(s.replace_task_set(set, agencies, std::span(&committee, 1), tasks).ok());
  auto stored = s.tasks();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].with, (std::vector<std::string>{"giaoduc", "yte"}));
  const int64_t a = stored[0].id, b = stored[1].id;
  ASSERT_TRUE(s.insert_task_update({0, b, 2025, TaskStatus::kDone, "xong", std::nullopt, "cli", "2026-01-05T00:00:00Z"}).ok());
  ASSERT_TRUE(s.set_task_due(a, {day("2025-06-30"), MonthDay{6, 30}}).ok());
  EXPECT_EQ(s.set_task_due(999, {}).error().code, ErrorCode::kNotFound);

  // Again without "c": it goes; "a" and "b" keep their ids.
  tasks.pop_back();
  ASSERT_TRUE(s.replace_task_set(set, agencies, std::span(&committee, 1), tasks).ok());
  stored = s.tasks();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].id, a);
  EXPECT_EQ(stored[1].id, b);
  EXPECT_FALSE(stored[0].due.first);  // the file's due date (none) replaces the one set
  EXPECT_EQ(s.find_task(b)->description_vi, "Việc b");
  // Without "b", which has progress: refused.
  tasks.pop_back();
  const Status refused = s.replace_task_set(set, agencies, std::span(&committee, 1), tasks);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);

  const auto sets = s.task_sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].tasks, 2);
  EXPECT_EQ(*sets[0].plan, "12/KH-UBND");
  const auto listed = s.agencies();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].code, "giaoduc");
  const auto committees = s.committees();
  ASSERT_EQ(committees.size(), 1u);
  ASSERT_EQ(committees[0].members.size(), 2u);
  EXPECT_EQ(committees[0].members[1].end, day("2025-12-31"));
  const auto updates = s.task_updates();
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].note, "xong");
  EXPECT_FALSE(updates[0].user);
  EXPECT_NE(exec("DELETE FROM task_updates"), "");

  const UserId member = s.insert_user(user("yte.mot")).value();
  EXPECT_FALSE(s.agency_of_member(member));
  ASSERT_TRUE(s.set_agency_member(member, agencies[0]).ok());
  EXPECT_EQ(s.agency_of_member(member)->name_en, "Health");
}

TEST_P(StoreAreas, ARemovedRecordsIdIsNeverTakenAgain) {
  Store& s = *store_;
  Household h;
  h.id = HouseholdId(1);
  h.village = UnitId(2);
  h.registered_on = day("2020-01-01");
  Person p;
  p.id = PersonId(5);
  p.household = h.id;
  p.name = "Người Thử";
  p.birth_date = day("1990-01-01");
  p.registered_on = h.registered_on;
  std::vector<VitalEvent> events;
  for (int64_t id = 1; id <= 3; ++id) {
    VitalEvent e;
    e.id = EventId(id);
    e.type = id == 2 ? EventType::kDeath : EventType::kHealthInsuranceCard;
    e.date = day(id == 3 ? "2024-03-01" : "2024-01-01");
    e.village = UnitId(2);
    e.person = p.id;
    e.recorded_on = day("2024-03-02");
    events.push_back(e);
  }
  {
    auto tx = s.begin();
    ASSERT_TRUE(s.upsert_households(std::span(&h, 1)).ok());
    ASSERT_TRUE(s.upsert_persons(std::span(&p, 1)).ok());
    ASSERT_TRUE(s.upsert_events(events).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(s.max_id(StoredTable::kEvents), 3);
  const UnitId village[] = {UnitId(2)};
  std::vector<VitalEvent> page;
  EXPECT_EQ(s.events_page(village, day("2024-01-01"), day("2024-12-31"), std::nullopt, 0, 10, page), 3);
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[2].id, EventId(3));  // by date, then id
  EXPECT_EQ(page[0].village_code, "11");
  EXPECT_EQ(page[0].recorded_on, day("2024-03-02"));
  page.clear();
  EXPECT_EQ(s.events_page(village, day("2024-01-01"), day("2024-12-31"), EventType::kDeath, 0, 10, page), 1);
  EXPECT_EQ(s.events_of_type(EventType::kHealthInsuranceCard, day("2024-01-01"), day("2024-02-01")).size(), 1u);
  {
    const EventId cancelled[] = {EventId(3)};
    auto tx = s.begin();
    ASSERT_TRUE(s.delete_events(cancelled).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(s.count_rows(StoredTable::kEvents), 2);
  EXPECT_EQ(s.max_id(StoredTable::kEvents), 3);
  EXPECT_EQ(s.max_id(StoredTable::kPersons), 5);
  EXPECT_EQ(s.max_id(StoredTable::kUnits), -1);

  ASSERT_TRUE(s.dismiss_duplicate(PersonId(9), PersonId(5), "xã", "2026-01-01T00:00:00Z", "hai người").ok());
  ASSERT_TRUE(s.dismiss_duplicate(PersonId(5), PersonId(9), "xã", "2026-01-02T00:00:00Z", "lại").ok());
  EXPECT_EQ(s.dismissed_duplicates(), (std::vector<std::pair<PersonId, PersonId>>{{PersonId(5), PersonId(9)}}));
  const auto counts = s.events_by_village_type_year(day("2024-12-31"));
  ASSERT_EQ(counts.size(), 2u);
  int64_t total = 0;
  for (const auto& c : counts) {
    EXPECT_EQ(c.year, 2024);
    total += c.count;
  }
  EXPECT_EQ(total, 2);
  EXPECT_EQ(s.households_by_village(day("2019-12-31")).size(), 0u);
  EXPECT_EQ(s.households_by_village(day("2020-01-01"))[0].count, 1);
}

// A large load as the importers write it: references checked by the caller
// (persons before their households), indexes built once at the end; a
// citizen ID given twice is refused when the index is built again.
TEST_P(StoreAreas, ALoadWithDeferredIndexesAndReferencesCheckedByTheCaller) {
  Store& s = *store_;
  auto load = [&](bool twice) -> Status {
    std::vector<Household> households;
    std::vector<Person> persons;
    households_with_a_person(1200, households, persons);
    for (Person& p : persons)
      p.citizen_id = "99" + std::to_string(1000000 + (twice && p.id.value == 7 ? 3 : p.id.value));
    auto tx = s.begin(Store::Checks::kReferencesChecked);
    auto st = s.write_deferring_indexes({StoredTable::kPersons, StoredTable::kHouseholds}, [&]() -> Status {
      if (auto w = s.upsert_persons(persons); !w) return w;
      return s.upsert_households(households);
    });
    if (!st) return st;
    return tx.commit();
  };
  const Status doubled = load(true);
  ASSERT_FALSE(doubled.ok());
  EXPECT_EQ(doubled.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(s.count_rows(StoredTable::kPersons), 0);
  ASSERT_TRUE(load(false).ok());
  EXPECT_EQ(s.count_rows(StoredTable::kPersons), 1200);
  EXPECT_EQ(s.person_with_citizen_id("991000007"), PersonId(7));
  const UnitId village[] = {UnitId(2)};
  std::vector<ListedHousehold> page;
  EXPECT_EQ(s.households_page(village, 0, 5, page), 1200);
}

// On PostgreSQL a large write drops the tables' foreign keys and makes them
// again at its end, each checked over the whole table at once: a reference
// the caller failed to check is still refused then, in both languages,
// nothing is written, and the schema is exactly as before (SQLite leaves
// the references a caller checked unchecked).
TEST_P(StoreAreas, ALargeWritesDanglingReferenceIsRefusedAndNothingWritten) {
  if (!postgres()) GTEST_SKIP() << "SQLite does not check again the references the caller checked";
  Store& s = *store_;
  pg::PgConn conn(location_);
  auto schema = [&] {
    pg::PgResult r = conn.query(
        "SELECT string_agg(x, E'\n' ORDER BY x) FROM (SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || "
        "pg_get_constraintdef(c.oid) AS x FROM pg_constraint c "
        "WHERE c.connamespace = to_regnamespace(current_schema()) "
        "UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()) d");
    return std::string(r.text(0, 0));
  };
  const std::string before = schema();
  ASSERT_NE(before.find("persons_province_household_id_fkey FOREIGN KEY (province, household_id) REFERENCES "
                        "households(province, id) DEFERRABLE"),
            std::string::npos)
      << before;
  auto load = [&](int64_t dangling) -> Status {
    std::vector<Household> households;
    std::vector<Person> persons;
    households_with_a_person(1500, households, persons);
    std::vector<ResidenceSpell> spells;
    for (Person& p : persons) {
      spells.push_back({p.id, p.household, UnitId(2), p.registered_on, std::nullopt});
      if (p.id.value == dangling) p.household = HouseholdId(9999);
    }
    auto tx = s.begin(Store::Checks::kReferencesChecked);
    auto st = s.write_deferring_indexes({StoredTable::kHouseholds, StoredTable::kPersons, StoredTable::kResidence},
                                        [&]() -> Status {
                                          if (auto w = s.upsert_households(households); !w) return w;
                                          if (auto w = s.upsert_persons(persons); !w) return w;
                                          return s.replace_residence_of({}, spells);
                                        });
    if (!st) return st;
    return tx.commit();
  };
  const Status refused = load(700);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().vi.find("vi phạm ràng buộc dữ liệu"), std::string::npos) << refused.error().vi;
  EXPECT_NE(refused.error().en.find("constraint violated"), std::string::npos) << refused.error().en;
  EXPECT_NE(refused.error().en.find("persons_province_household_id_fkey"), std::string::npos) << refused.error().en;
  EXPECT_EQ(s.count_rows(StoredTable::kHouseholds), 0);
  EXPECT_EQ(s.count_rows(StoredTable::kPersons), 0);
  EXPECT_EQ(s.count_rows(StoredTable::kResidence), 0);
  EXPECT_EQ(schema(), before);
  ASSERT_TRUE(load(0).ok());
  EXPECT_EQ(s.count_rows(StoredTable::kPersons), 1500);
  EXPECT_EQ(s.count_rows(StoredTable::kResidence), 1500);
  EXPECT_EQ(schema(), before);
  // The keys made again hold: a later write naming no household is refused.
  EXPECT_NE(exec("INSERT INTO persons(province, id, household_id, name, sex, birth_date, relation, ethnicity, "
                 "marital, residence, registered_on) SELECT province, 5000, 9999, name, sex, birth_date, relation, "
                 "ethnicity, marital, residence, registered_on FROM persons WHERE id = 1"),
            "");
  EXPECT_EQ(s.find_person(PersonId(1500))->household, HouseholdId(1500));
}

}  // namespace

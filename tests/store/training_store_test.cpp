// Training on every engine: a plan reads back with its course kinds, groups,
// targets and role groups, in the file's order; sessions and participants
// written again replace the earlier rows; completions carry their course's
// kind; the database itself refuses a changed plan and a completion date
// without a completion.
#include <gtest/gtest.h>

#include <filesystem>

#include "store_engines.h"

using namespace danso;

namespace {

class TrainingStoreTest : public danso::test::StoreEngineTest {
 protected:
  static Date day(const char* iso) { return Date::parse(iso).value(); }
};
DANSO_STORE_ENGINES(TrainingStoreTest);

TEST_P(TrainingStoreTest, APlanSessionsAndCompletionsReadBack) {
  {
    auto s = open();
    ASSERT_TRUE(s.ok());
    Store& store = **s;
    OrgUnit u;
    u.id = UnitId(1), u.code = "42", u.name = "Tỉnh Thử", u.kind = UnitKind::kProvince, u.level = 1;
    u.valid_from = day("2019-01-01");
    ASSERT_TRUE(store.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    TrainingPlanRecord p;
    p.id = "thu", p.title = "Kế hoạch thử", p.unit = u.id, p.unit_code = "42";
    p.start = day("2022-01-01"), p.end = day("2030-12-31"), p.budget_vnd = 737740000;
    p.course_kinds = {{"yearly_update", "Cập nhật hàng năm", std::nullopt}, {"basic_2m", "Lớp 2 tháng", 2}};
    p.groups = {{"ctv", "Cộng tác viên", "Collaborators"}, {"cc", "Công chức", ""}};
    p.targets = {{"cc", "yearly_update", 70, 2030, true, "70% hàng năm"}, {"ctv", "basic_2m", 100, 2030, false, ""}};
    p.role_groups = {{StaffRole::kCollaborator, "ctv"}};
    p.sha256 = "ab", p.imported_at = "2026-01-01T00:00:00Z";
    ASSERT_TRUE(store.insert_training_plan(p).ok());
    const Status again = store.insert_training_plan(p);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

    const std::vector<TrainingPlanRecord> plans = store.training_plans();
    ASSERT_EQ(plans.size(), 1u);
    const TrainingPlanRecord& r = plans[0];
    EXPECT_EQ(r.budget_vnd, 737740000);
    ASSERT_EQ(r.course_kinds.size(), 2u);
    EXPECT_EQ(r.course_kinds[0].code, "yearly_update");
    EXPECT_FALSE(r.course_kinds[0].months);
    EXPECT_EQ(r.course_kinds[1].months, 2);
    ASSERT_EQ(r.targets.size(), 2u);
    EXPECT_EQ(r.targets[0].group, "cc");
    EXPECT_DOUBLE_EQ(r.targets[0].percent, 70);
    EXPECT_TRUE(r.targets[0].every_year);
    EXPECT_FALSE(r.targets[1].every_year);
    ASSERT_EQ(r.role_groups.size(), 1u);
    EXPECT_EQ(r.role_groups[0].role, StaffRole::kCollaborator);
    EXPECT_EQ(r.role_groups[0].group, "ctv");

    const TrainingCourseRecord course{"C1", "thu", "Lớp một", "basic_2m"};
    TrainingSessionRecord session{"S1", "C1", u.id, "42", day("2025-03-01"), day("2025-04-30"), "Hội trường", 5000000};
    ASSERT_TRUE(store.upsert_training_sessions(std::span(&course, 1), std::span(&session, 1)).ok());
    session.cost_vnd = 6000000;  // corrected
    ASSERT_TRUE(store.upsert_training_sessions(std::span(&course, 1), std::span(&session, 1)).ok());
    ASSERT_EQ(store.training_sessions().size(), 1u);
    EXPECT_EQ(store.training_sessions()[0].cost_vnd, 6000000);
    TrainingParticipantRecord a{"S1", StaffId(7), true, false, std::nullopt};
    ASSERT_TRUE(store.upsert_training_participants(std::span(&a, 1)).ok());
    EXPECT_TRUE(store.training_completions().empty());
    a.completed = true, a.completed_on = day("2025-04-30");  // completed after all
    ASSERT_TRUE(store.upsert_training_participants(std::span(&a, 1)).ok());
    ASSERT_EQ(store.training_participants().size(), 1u);
    const auto done = store.training_completions();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].person, StaffId(7));
    EXPECT_EQ(done[0].course_kind, "basic_2m");
    EXPECT_EQ(done[0].completed_on, day("2025-04-30"));

    TrainingMemberRecord m;
    m.membership = {StaffId(7), "cc", u.id, day("2024-01-01"), day("2025-06-30")};
    m.unit_code = "42";
    ASSERT_TRUE(store.upsert_group_memberships(std::span(&m, 1)).ok());
    ASSERT_EQ(store.group_memberships().size(), 1u);
    EXPECT_EQ(store.group_memberships()[0].membership.end, day("2025-06-30"));
  }
  EXPECT_NE(exec("UPDATE training_plans SET budget_vnd = 1").find("never changed"), std::string::npos);
  EXPECT_NE(exec("UPDATE training_participants SET completed = false"), "");
}

}  // namespace

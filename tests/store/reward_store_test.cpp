// Rule sets and saved reward runs on every engine: a version is stored once and
// never rewritten; a saved run reads back whole and the database itself
// refuses to change or delete it.
#include <gtest/gtest.h>

#include <filesystem>

#include "store_engines.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class RewardStoreTest : public danso::test::StoreEngineTest {};
DANSO_STORE_ENGINES(RewardStoreTest);

TEST_P(RewardStoreTest, AVersionIsStoredOnceAndASavedRunIsKept) {
  int64_t id = 0;
  {
    auto s = open();
    ASSERT_TRUE(s.ok());
    Store& store = **s;
    OrgUnit u;
    u.id = UnitId(1), u.code = "42", u.name = "Tỉnh Thử", u.kind = UnitKind::kProvince, u.level = 1;
    u.valid_from = Date::parse("2019-01-01").value();
    ASSERT_TRUE(store.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    RuleSetRecord set{"r", "1", "Quy tắc", "{\"a\":1}", "ab", "2026-01-01T00:00:00Z"};
    ASSERT_TRUE(store.insert_rule_set(set).ok());
    EXPECT_TRUE(store.insert_rule_set(set).ok());  // the same text again: nothing changes
    set.body = "{\"a\":2}";
    const Status changed = store.insert_rule_set(set);
    ASSERT_FALSE(changed.ok());
    EXPECT_EQ(changed.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(store.find_rule_set("r", "1")->body, "{\"a\":1}");
    EXPECT_FALSE(store.find_rule_set("r", "2"));
    RewardRunRecord run;
    run.rule_set = "r", run.version = "1", run.year = 2024, run.unit = UnitId(1), run.unit_code = "42";
    run.register_state = "3:abc", run.total_vnd = 7'000'000, run.payments = 2, run.result = "{\"payments\":[]}";
    run.created_at = "2026-12-04T00:00:00Z";
    auto saved = store.insert_reward_run(run);
    ASSERT_TRUE(saved.ok());
    id = *saved;
    const auto back = store.find_reward_run(id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->total_vnd, 7'000'000);
    EXPECT_EQ(back->register_state, "3:abc");
    EXPECT_EQ(back->result, "{\"payments\":[]}");
    ASSERT_EQ(store.reward_runs().size(), 1u);
    EXPECT_EQ(store.reward_runs()[0].result, "");  // listed without their results
  }
  EXPECT_NE(exec("UPDATE reward_runs SET total_vnd = 1").find("never changed"), std::string::npos);
  EXPECT_NE(exec("DELETE FROM reward_runs").find("never deleted"), std::string::npos);
  EXPECT_NE(exec("UPDATE rule_sets SET body = '{}'").find("never changed"), std::string::npos);
  auto s = open();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->find_reward_run(id)->total_vnd, 7'000'000);
}

}  // namespace

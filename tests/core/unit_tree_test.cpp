// The hierarchy across time: codes resolved on a date, depth as data.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/unit_tree.h"

using namespace danso;

namespace {

Date d(const char* s) { return Date::parse(s).value(); }

OrgUnit unit(int64_t id, const char* code, const char* name, int64_t parent, const char* from, const char* to = nullptr) {
  OrgUnit u;
  u.id = UnitId(id);
  u.code = code;
  u.name = name;
  u.parent = UnitId(parent);
  u.valid_from = d(from);
  if (to) u.valid_to = d(to);
  return u;
}

UnitTree tree() {
  return UnitTree({unit(1, "15", "Tỉnh Yên Bái", 0, "2008-01-01", "2025-06-30"),
                   unit(2, "10", "Tỉnh Lào Cai", 0, "2008-01-01", "2025-06-30"),
                   unit(3, "132", "Huyện X", 1, "2008-01-01", "2025-06-30"),
                   unit(4, "04000", "Xã A", 3, "2008-01-01", "2025-06-30"),
                   unit(5, "15", "Tỉnh Lào Cai", 0, "2025-07-01"),
                   unit(6, "04001", "Xã B", 5, "2025-07-01")},
                  {{UnitId(2), UnitId(5), UnitLinkType::kFull, d("2025-07-01")},
                   {UnitId(1), UnitId(5), UnitLinkType::kFull, d("2025-07-01")},
                   {UnitId(4), UnitId(6), UnitLinkType::kPartial, d("2025-07-01")}});
}

TEST(UnitTreeTest, ACodeNamesAUnitOnlyWithADate) {
  const UnitTree t = tree();
  EXPECT_EQ(t.resolve("15", d("2025-06-30"))->name, "Tỉnh Yên Bái");
  EXPECT_EQ(t.resolve("15", d("2025-07-01"))->name, "Tỉnh Lào Cai");
  EXPECT_EQ(t.resolve("10", d("2025-07-01")), nullptr);
  auto e = t.resolve_or_error("10", d("2025-07-01"), "code");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().en.find("not valid on 2025-07-01"), std::string::npos);
  EXPECT_NE(t.resolve_or_error("77", d("2025-07-01"), "code").error().en.find("unknown unit code"), std::string::npos);
  EXPECT_EQ(t.versions("15").size(), 2u);
}

TEST(UnitTreeTest, DepthIsData) {
  const UnitTree t = tree();
  EXPECT_EQ(t.depth_on(UnitId(4), d("2025-06-30")), 3);
  EXPECT_EQ(t.depth_on(UnitId(6), d("2025-07-01")), 2);
  EXPECT_EQ(t.depth_on(UnitId(4), d("2025-07-01")), 0);
  EXPECT_EQ(t.subtree_on(UnitId(1), d("2025-06-30")).size(), 3u);
  EXPECT_EQ(t.children_on(UnitId(5), d("2025-07-01")).size(), 1u);
}

TEST(UnitTreeTest, PredecessorsAndSuccessors) {
  const UnitTree t = tree();
  EXPECT_EQ(t.predecessors(UnitId(5)).size(), 2u);
  ASSERT_EQ(t.successors(UnitId(4)).size(), 1u);
  EXPECT_EQ(t.successors(UnitId(4))[0]->type, UnitLinkType::kPartial);
  EXPECT_EQ(t.next_id(), UnitId(7));
}

// Commune A (3) with villages 4 and 5; on 2024-07-01 village 5 is renamed
// and moved to commune B (6): its continuation is unit 7, same code. On
// 2025-01-01 A and B merge in full into C (8); commune D (9) is split in
// part into C, its village 10 staying with D.
UnitTree changing_tree() {
  return UnitTree({unit(1, "99", "Tỉnh", 0, "2019-01-01"),
                   unit(3, "99001", "Xã A", 1, "2019-01-01", "2024-12-31"),
                   unit(4, "9900101", "Thôn Một", 3, "2019-01-01"),
                   unit(5, "9900102", "Thôn Hai", 3, "2019-01-01", "2024-06-30"),
                   unit(6, "99002", "Xã B", 1, "2019-01-01", "2024-12-31"),
                   unit(7, "9900102", "Thôn Hai Mới", 6, "2024-07-01"),
                   unit(8, "99003", "Xã C", 1, "2025-01-01"),
                   unit(9, "99004", "Xã D", 1, "2019-01-01", "2024-12-31"),
                   unit(10, "9900401", "Thôn Bốn", 9, "2019-01-01")},
                  {{UnitId(3), UnitId(8), UnitLinkType::kFull, d("2025-01-01")},
                   {UnitId(6), UnitId(8), UnitLinkType::kFull, d("2025-01-01")},
                   {UnitId(9), UnitId(8), UnitLinkType::kPartial, d("2025-01-01")}});
}

std::vector<int64_t> values(std::vector<UnitId> ids) {
  std::vector<int64_t> out;
  for (UnitId id : ids) out.push_back(id.value);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(UnitTreeTest, ARenamedOrMovedUnitContinuesAsItsCodesNextVersion) {
  const UnitTree t = changing_tree();
  EXPECT_EQ(t.current(UnitId(5), d("2024-06-30"))->id, UnitId(5));
  EXPECT_EQ(t.current(UnitId(5), d("2024-07-01"))->id, UnitId(7));
  EXPECT_EQ(t.same_unit_on(UnitId(5), d("2024-07-01"))->id, UnitId(7));
  EXPECT_EQ(t.current(UnitId(5), d("2018-01-01")), nullptr);  // before it existed
  EXPECT_EQ(values(t.lineage(UnitId(7))), (std::vector<int64_t>{5, 7}));
  EXPECT_EQ(values(t.children_on(UnitId(3), d("2024-06-30"))), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(values(t.children_on(UnitId(3), d("2024-07-01"))), (std::vector<int64_t>{4}));
  EXPECT_EQ(values(t.children_on(UnitId(6), d("2024-07-01"))), (std::vector<int64_t>{7}));
  // A household of the old version is within the new one's commune.
  EXPECT_TRUE(t.within(UnitId(5), UnitId(6), d("2024-08-01")));
  EXPECT_FALSE(t.within(UnitId(5), UnitId(3), d("2024-08-01")));
  EXPECT_TRUE(t.within(UnitId(5), UnitId(3), d("2024-06-01")));
  // A user of the old version keeps the village.
  EXPECT_TRUE(t.within(UnitId(7), UnitId(5), d("2024-08-01")));
}

TEST(UnitTreeTest, AMergerPutsTheVillagesUnderTheSuccessor) {
  const UnitTree t = changing_tree();
  EXPECT_EQ(t.current(UnitId(3), d("2025-01-01"))->id, UnitId(8));
  EXPECT_EQ(t.current(UnitId(5), d("2025-01-01"))->id, UnitId(7));  // a village continues
  EXPECT_EQ(t.same_unit_on(UnitId(3), d("2025-01-01")), nullptr);  // a merger is not the same unit
  EXPECT_EQ(t.current(UnitId(9), d("2025-01-01")), nullptr);       // a partial link is no successor
  EXPECT_EQ(t.parent_on(UnitId(4), d("2024-12-31")), UnitId(3));
  EXPECT_EQ(t.parent_on(UnitId(4), d("2025-01-01")), UnitId(8));
  EXPECT_EQ(t.parent_on(UnitId(10), d("2025-01-01")), UnitId(9));
  EXPECT_EQ(values(t.children_on(UnitId(8), d("2025-01-01"))), (std::vector<int64_t>{4, 7}));
  EXPECT_EQ(values(t.subtree_on(UnitId(1), d("2025-01-01"))), (std::vector<int64_t>{1, 4, 7, 8}));
  EXPECT_EQ(t.depth_on(UnitId(7), d("2025-01-01")), 3);
  EXPECT_TRUE(t.within(UnitId(4), UnitId(8), d("2025-01-01")));
  EXPECT_FALSE(t.within(UnitId(4), UnitId(3), d("2025-01-01")));  // the ended commune's user sees nothing then
  EXPECT_EQ(values(t.lineage(UnitId(8))), (std::vector<int64_t>{3, 6, 8}));
}

}  // namespace

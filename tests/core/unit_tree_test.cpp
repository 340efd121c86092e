// The hierarchy across time: codes resolved on a date, depth as data.
#include <gtest/gtest.h>

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

}  // namespace

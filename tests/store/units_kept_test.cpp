// The units and their links as a connection reads them (RegisterStore::
// load_units, load_unit_links): always those committed (and its own
// transaction's), though the SQLite adapter keeps the last read for the
// next: a change committed by another connection is seen at once, a
// change rolled back is not kept. On every engine (store_engines.h).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store_engines.h"

using namespace danso;

namespace {

class UnitsKept : public test::StoreEngineTest {};
DANSO_STORE_ENGINES(UnitsKept);

OrgUnit unit(int64_t id, UnitKind kind, std::optional<int64_t> parent) {
  OrgUnit u;
  u.id = UnitId(id), u.code = std::to_string(800 + id), u.name = "Đơn vị " + std::to_string(id), u.kind = kind;
  u.level = kind == UnitKind::kProvince ? 1 : kind == UnitKind::kCommune ? 2 : 3;
  if (parent) u.parent = UnitId(*parent);
  u.valid_from = Date::parse("2019-01-01").value();
  return u;
}

std::vector<std::string> codes(Store& s) {
  std::vector<std::string> out;
  for (const OrgUnit& u : s.load_units()) out.push_back(u.code);
  return out;
}

Status write_unit(Store& s, const OrgUnit& u) {
  auto tx = s.begin();
  if (auto st = s.upsert_units(std::span<const OrgUnit>(&u, 1)); !st) return st;
  return tx.commit();
}

TEST_P(UnitsKept, AChangeCommittedElsewhereIsSeenAndOneRolledBackIsNotKept) {
  auto a = open();
  ASSERT_TRUE(a.ok()) << a.error().en;
  auto b = open();
  ASSERT_TRUE(b.ok()) << b.error().en;
  Store& sa = **a;
  Store& sb = **b;
  ASSERT_TRUE(write_unit(sa, unit(1, UnitKind::kProvince, std::nullopt)).ok());
  EXPECT_EQ(codes(sa), (std::vector<std::string>{"801"}));
  EXPECT_EQ(codes(sa), (std::vector<std::string>{"801"}));  // read again: the same
  EXPECT_EQ(codes(sb), (std::vector<std::string>{"801"}));
  // Another connection adds a commune: seen on the first at once.
  ASSERT_TRUE(write_unit(sb, unit(2, UnitKind::kCommune, 1)).ok());
  EXPECT_EQ(codes(sa), (std::vector<std::string>{"801", "802"}));
  // Renamed on the first: the name read back on both.
  OrgUnit renamed = unit(2, UnitKind::kCommune, 1);
  renamed.name = "Xã Mới";
  ASSERT_TRUE(write_unit(sa, renamed).ok());
  EXPECT_EQ(sa.load_units().back().name, "Xã Mới");
  EXPECT_EQ(sb.load_units().back().name, "Xã Mới");
  // A village written and rolled back: seen within its transaction only.
  {
    auto tx = sa.begin();
    const OrgUnit v = unit(3, UnitKind::kVillage, 2);
    ASSERT_TRUE(sa.upsert_units(std::span<const OrgUnit>(&v, 1)).ok());
    EXPECT_EQ(codes(sa), (std::vector<std::string>{"801", "802", "803"}));
  }
  EXPECT_EQ(codes(sa), (std::vector<std::string>{"801", "802"}));
  EXPECT_EQ(codes(sb), (std::vector<std::string>{"801", "802"}));
  // A link between units, written by the second connection.
  EXPECT_TRUE(sa.load_unit_links().empty());
  ASSERT_TRUE(write_unit(sb, unit(4, UnitKind::kCommune, 1)).ok());
  {
    auto tx = sb.begin();
    UnitLink l;
    l.from = UnitId(2), l.to = UnitId(4), l.type = UnitLinkType::kPartial, l.effective = Date::parse("2025-07-01").value();
    ASSERT_TRUE(sb.upsert_unit_links(std::span<const UnitLink>(&l, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  const std::vector<UnitLink> links = sa.load_unit_links();
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].from, UnitId(2));
  EXPECT_EQ(links[0].to, UnitId(4));
  EXPECT_EQ(codes(sa), (std::vector<std::string>{"801", "802", "804"}));
}

// The tree of the units (RegisterStore::unit_tree), as a slip's checks
// take it: always of the units committed, and on SQLite the same tree
// while they stay unchanged, so a slip does not build it again.
TEST_P(UnitsKept, TheUnitTreeFollowsEveryChangeAndIsKeptWhileNoneComes) {
  auto a = open();
  ASSERT_TRUE(a.ok()) << a.error().en;
  auto b = open();
  ASSERT_TRUE(b.ok()) << b.error().en;
  Store& sa = **a;
  Store& sb = **b;
  ASSERT_TRUE(write_unit(sa, unit(1, UnitKind::kProvince, std::nullopt)).ok());
  const std::shared_ptr<const UnitTree> first = sa.unit_tree();
  ASSERT_NE(first->find(UnitId(1)), nullptr);
  EXPECT_EQ(first->find(UnitId(2)), nullptr);
  const bool kept = !postgres();
  EXPECT_EQ(sa.unit_tree() == first, kept);  // nothing changed
  // Written on the same connection: a new tree with the commune.
  ASSERT_TRUE(write_unit(sa, unit(2, UnitKind::kCommune, 1)).ok());
  const std::shared_ptr<const UnitTree> second = sa.unit_tree();
  EXPECT_NE(second, first);
  ASSERT_NE(second->find(UnitId(2)), nullptr);
  EXPECT_EQ(second->find(UnitId(2))->parent, UnitId(1));
  EXPECT_EQ(first->find(UnitId(2)), nullptr);  // a tree handed out earlier stays as it was
  // Written by another connection: seen at once.
  ASSERT_TRUE(write_unit(sb, unit(3, UnitKind::kVillage, 2)).ok());
  const std::shared_ptr<const UnitTree> third = sa.unit_tree();
  ASSERT_NE(third->find(UnitId(3)), nullptr);
  EXPECT_EQ(third->find(UnitId(3))->kind, UnitKind::kVillage);
  // Written and rolled back: inside the transaction only.
  {
    auto tx = sa.begin();
    const OrgUnit v = unit(4, UnitKind::kVillage, 2);
    ASSERT_TRUE(sa.upsert_units(std::span<const OrgUnit>(&v, 1)).ok());
    EXPECT_NE(sa.unit_tree()->find(UnitId(4)), nullptr);
  }
  EXPECT_EQ(sa.unit_tree()->find(UnitId(4)), nullptr);
  ASSERT_NE(sa.unit_tree()->find(UnitId(3)), nullptr);
}

}  // namespace

// The units and their links as a connection reads them (RegisterStore::
// load_units, load_unit_links): always those committed (and its own
// transaction's), though the SQLite adapter keeps the last read for the
// next: a change committed by another connection is seen at once, a
// change rolled back is not kept. On every engine (store_engines.h).
#include <gtest/gtest.h>

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

}  // namespace

// UnitTree: the administrative hierarchy across time, in memory. Resolves a
// code on a date to the unit that held it, walks children and subtrees as
// valid on a date, and follows merge/split links. Built from the store's
// units and links; no I/O.
//
// A unit that ends may have a successor, which takes over what was under it
// and what belongs to it (villages, households, residents, slips):
//  - its full link (a merger: UnitLinkType::kFull), when it has one;
//  - with no link at all, the unit with the same code starting the next day:
//    the same unit renamed or moved to another parent (units.csv), its
//    continuation;
//  - a unit with only partial links has none (which villages went where is
//    then said by moving them).
// So on a date a village's parent is the unit its parent had become by then
// (villages stay under a merged commune's successor), and a household of a
// renamed village is in the village as it is on that date.
//
//   UnitTree tree(units, links);
//   const OrgUnit* u = tree.resolve("15", Date::parse("2025-06-30").value()); // Yên Bái
//   tree.depth_on(u->id, date);   // 1
//   tree.current(old_village, date);   // the village as renamed or merged by then
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/unit.h"

namespace danso {

class UnitTree {
 public:
  UnitTree() = default;
  UnitTree(std::vector<OrgUnit> units, std::vector<UnitLink> links);

  const std::vector<OrgUnit>& units() const { return units_; }
  const std::vector<UnitLink>& links() const { return links_; }
  const OrgUnit* find(UnitId id) const;
  // The unit holding `code` on `on`, or nullptr.
  const OrgUnit* resolve(std::string_view code, Date on) const;
  Result<UnitId> resolve_or_error(std::string_view code, Date on, std::string_view field) const;
  // Every version that ever held `code`, oldest first.
  std::vector<const OrgUnit*> versions(std::string_view code) const;

  // The unit `id` had become on `on`: itself while valid, else its successor
  // (see above) followed on to the one valid on `on`; nullptr when there is
  // none (it ended with no successor, or `on` is before it started).
  const OrgUnit* current(UnitId id, Date on) const;
  // As current(), following continuations only (the same unit renamed or
  // moved), not mergers: what a user assigned to `id` still holds on `on`.
  const OrgUnit* same_unit_on(UnitId id, Date on) const;
  // The parent of `id` on `on`: its parent as current() has it then (the
  // stored parent when that ended with no successor); invalid for a top unit.
  UnitId parent_on(UnitId id, Date on) const;
  // `id` and every earlier unit whose successors lead to it, oldest last:
  // the units whose households and slips are `id`'s from their end on.
  std::vector<UnitId> lineage(UnitId id) const;

  // Depth on a date (1 = top), following parent_on. 0 when not valid then.
  int depth_on(UnitId id, Date on) const;
  // The units valid on `on` whose parent_on is `id`.
  std::vector<UnitId> children_on(UnitId id, Date on) const;
  // The unit and all its descendants valid on `on`.
  std::vector<UnitId> subtree_on(UnitId id, Date on) const;
  // Whether `unit`, as current() has it on `on`, is `root` (as same_unit_on
  // has it) or below it on `on` (the test subtree_on answers, by walking up
  // from `unit`).
  bool within(UnitId unit, UnitId root, Date on) const;
  std::vector<const OrgUnit*> valid_on(Date on) const;

  std::vector<const UnitLink*> predecessors(UnitId id) const;  // links into id
  std::vector<const UnitLink*> successors(UnitId id) const;    // links out of id

  UnitId next_id() const { return UnitId(max_id_ + 1); }

 private:
  std::vector<OrgUnit> units_;
  std::vector<UnitLink> links_;
  std::unordered_map<int64_t, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_code_;
  std::unordered_map<int64_t, std::vector<size_t>> children_;
  static constexpr size_t kNone = SIZE_MAX;
  std::vector<size_t> successor_;           // unit index -> its successor's index, kNone
  std::vector<uint8_t> continues_;          // 1 when the successor is its continuation
  std::unordered_map<size_t, std::vector<size_t>> heirs_;  // successor index -> the units it succeeds
  int64_t max_id_ = 0;

  size_t index_of(UnitId id) const;
  const OrgUnit* follow(UnitId id, Date on, bool mergers) const;
};

}  // namespace danso

// UnitTree: the administrative hierarchy across time, in memory. Resolves a
// code on a date to the unit that held it, walks children and subtrees as
// valid on a date, and follows merge/split links. Built from the store's
// units and links; no I/O.
//
//   UnitTree tree(units, links);
//   const OrgUnit* u = tree.resolve("15", Date::parse("2025-06-30").value()); // Yên Bái
//   tree.depth_on(u->id, date);   // 1
#pragma once

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

  // Depth on a date (1 = top), following parents. 0 when not valid then.
  int depth_on(UnitId id, Date on) const;
  std::vector<UnitId> children_on(UnitId id, Date on) const;
  // The unit and all its descendants valid on `on`.
  std::vector<UnitId> subtree_on(UnitId id, Date on) const;
  // Whether `unit` is `root` or below it on `on` (the test subtree_on answers,
  // by walking up from `unit`).
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
  int64_t max_id_ = 0;
};

}  // namespace danso

#include "core/unit_tree.h"

#include <algorithm>

namespace danso {

UnitTree::UnitTree(std::vector<OrgUnit> units, std::vector<UnitLink> links)
    : units_(std::move(units)), links_(std::move(links)) {
  for (size_t i = 0; i < units_.size(); ++i) {
    const OrgUnit& u = units_[i];
    by_id_[u.id.value] = i;
    by_code_[u.code].push_back(i);
    if (u.parent.valid()) children_[u.parent.value].push_back(i);
    max_id_ = std::max(max_id_, u.id.value);
  }
  for (auto& [code, list] : by_code_)
    std::sort(list.begin(), list.end(),
              [&](size_t a, size_t b) { return units_[a].valid_from < units_[b].valid_from; });
}

const OrgUnit* UnitTree::find(UnitId id) const {
  auto it = by_id_.find(id.value);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

const OrgUnit* UnitTree::resolve(std::string_view code, Date on) const {
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return nullptr;
  for (size_t i : it->second)
    if (units_[i].valid_on(on)) return &units_[i];
  return nullptr;
}

Result<UnitId> UnitTree::resolve_or_error(std::string_view code, Date on,
                                          std::string_view field) const {
  if (const OrgUnit* u = resolve(code, on)) return u->id;
  const std::string c(code);
  if (by_code_.count(c))
    return Error::not_found(std::string(field),
                            "mã đơn vị '" + c + "' không có hiệu lực vào ngày " + on.iso(),
                            "unit code '" + c + "' is not valid on " + on.iso());
  return Error::not_found(std::string(field), "không có đơn vị mã '" + c + "'",
                          "unknown unit code '" + c + "'");
}

std::vector<const OrgUnit*> UnitTree::versions(std::string_view code) const {
  std::vector<const OrgUnit*> out;
  auto it = by_code_.find(std::string(code));
  if (it != by_code_.end())
    for (size_t i : it->second) out.push_back(&units_[i]);
  return out;
}

int UnitTree::depth_on(UnitId id, Date on) const {
  const OrgUnit* u = find(id);
  if (!u || !u->valid_on(on)) return 0;
  int depth = 1;
  for (int guard = 0; u->parent.valid() && guard < 64; ++guard) {
    u = find(u->parent);
    if (!u) break;
    ++depth;
  }
  return depth;
}

std::vector<UnitId> UnitTree::children_on(UnitId id, Date on) const {
  std::vector<UnitId> out;
  auto it = children_.find(id.value);
  if (it == children_.end()) return out;
  for (size_t i : it->second)
    if (units_[i].valid_on(on)) out.push_back(units_[i].id);
  return out;
}

std::vector<UnitId> UnitTree::subtree_on(UnitId id, Date on) const {
  std::vector<UnitId> out;
  const OrgUnit* root = find(id);
  if (!root || !root->valid_on(on)) return out;
  out.push_back(id);
  for (size_t k = 0; k < out.size(); ++k)
    for (UnitId c : children_on(out[k], on)) out.push_back(c);
  return out;
}

bool UnitTree::within(UnitId unit, UnitId root, Date on) const {
  const OrgUnit* u = find(unit);
  for (int guard = 0; u && u->valid_on(on) && guard < 64; ++guard) {
    if (u->id == root) return true;
    if (!u->parent.valid()) return false;
    u = find(u->parent);
  }
  return false;
}

std::vector<const OrgUnit*> UnitTree::valid_on(Date on) const {
  std::vector<const OrgUnit*> out;
  for (const auto& u : units_)
    if (u.valid_on(on)) out.push_back(&u);
  return out;
}

std::vector<const UnitLink*> UnitTree::predecessors(UnitId id) const {
  std::vector<const UnitLink*> out;
  for (const auto& l : links_)
    if (l.to == id) out.push_back(&l);
  return out;
}

std::vector<const UnitLink*> UnitTree::successors(UnitId id) const {
  std::vector<const UnitLink*> out;
  for (const auto& l : links_)
    if (l.from == id) out.push_back(&l);
  return out;
}

}  // namespace danso

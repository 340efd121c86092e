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
  // Successors: a full link wins; a unit with links but no full one has
  // none; a unit with no link continues as its code's next version.
  successor_.assign(units_.size(), kNone);
  continues_.assign(units_.size(), 0);
  std::vector<uint8_t> linked(units_.size(), 0);
  for (const UnitLink& l : links_) {
    const size_t from = index_of(l.from), to = index_of(l.to);
    if (from == kNone || to == kNone || from == to) continue;
    linked[from] = 1;
    if (l.type == UnitLinkType::kFull && successor_[from] == kNone) successor_[from] = to;
  }
  for (size_t i = 0; i < units_.size(); ++i) {
    const OrgUnit& u = units_[i];
    if (linked[i] || !u.valid_to) continue;
    for (size_t j : by_code_[u.code])
      if (units_[j].valid_from == u.valid_to->add_days(1)) successor_[i] = j, continues_[i] = 1;
  }
  for (size_t i = 0; i < units_.size(); ++i)
    if (successor_[i] != kNone) heirs_[successor_[i]].push_back(i);
}

size_t UnitTree::index_of(UnitId id) const {
  auto it = by_id_.find(id.value);
  return it == by_id_.end() ? kNone : it->second;
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

const OrgUnit* UnitTree::follow(UnitId id, Date on, bool mergers) const {
  size_t i = index_of(id);
  for (int guard = 0; i != kNone && guard < 64; ++guard) {
    const OrgUnit& u = units_[i];
    if (u.valid_on(on)) return &u;
    if (on < u.valid_from || (!mergers && !continues_[i])) return nullptr;
    i = successor_[i];
  }
  return nullptr;
}

const OrgUnit* UnitTree::current(UnitId id, Date on) const { return follow(id, on, true); }

const OrgUnit* UnitTree::same_unit_on(UnitId id, Date on) const { return follow(id, on, false); }

UnitId UnitTree::parent_on(UnitId id, Date on) const {
  const OrgUnit* u = find(id);
  if (!u || !u->parent.valid()) return UnitId();
  const OrgUnit* p = current(u->parent, on);
  return p ? p->id : u->parent;
}

std::vector<UnitId> UnitTree::lineage(UnitId id) const {
  std::vector<UnitId> out;
  std::vector<size_t> todo;
  if (const size_t i = index_of(id); i != kNone) todo.push_back(i);
  for (size_t k = 0; k < todo.size() && k < units_.size(); ++k) {
    out.push_back(units_[todo[k]].id);
    if (auto it = heirs_.find(todo[k]); it != heirs_.end()) todo.insert(todo.end(), it->second.begin(), it->second.end());
  }
  return out;
}

int UnitTree::depth_on(UnitId id, Date on) const {
  const OrgUnit* u = find(id);
  if (!u || !u->valid_on(on)) return 0;
  int depth = 1;
  for (int guard = 0; guard < 64; ++guard) {
    const UnitId p = parent_on(u->id, on);
    if (!p.valid() || !(u = find(p))) break;
    ++depth;
  }
  return depth;
}

std::vector<UnitId> UnitTree::children_on(UnitId id, Date on) const {
  std::vector<UnitId> out;
  // The children of the unit and of every unit it succeeds, that are under
  // it on `on`.
  for (UnitId from : lineage(id)) {
    auto it = children_.find(from.value);
    if (it == children_.end()) continue;
    for (size_t i : it->second)
      if (units_[i].valid_on(on) && (from == id || parent_on(units_[i].id, on) == id)) out.push_back(units_[i].id);
  }
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
  const OrgUnit* r = same_unit_on(root, on);
  if (!r) return false;
  const OrgUnit* u = current(unit, on);
  for (int guard = 0; u && u->valid_on(on) && guard < 64; ++guard) {
    if (u->id == r->id) return true;
    const UnitId p = parent_on(u->id, on);
    if (!p.valid()) return false;
    u = find(p);
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

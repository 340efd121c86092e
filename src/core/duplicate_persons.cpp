#include "core/duplicate_persons.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace danso {

std::vector<DuplicatePair> duplicate_pairs(std::span<const DuplicateKey> persons,
                                           std::span<const std::pair<PersonId, PersonId>> dismissed) {
  std::set<std::pair<int64_t, int64_t>> skip;
  for (const auto& [a, b] : dismissed) skip.insert({std::min(a.value, b.value), std::max(a.value, b.value)});
  std::map<std::pair<int64_t, int64_t>, DuplicateReason> found;
  const auto add = [&](const DuplicateKey& a, const DuplicateKey& b, DuplicateReason why) {
    if (a.id == b.id) return;
    const std::pair key{std::min(a.id.value, b.id.value), std::max(a.id.value, b.id.value)};
    if (skip.count(key)) return;
    auto [it, fresh] = found.emplace(key, why);
    if (!fresh && static_cast<int>(why) < static_cast<int>(it->second)) it->second = why;  // the stronger reason
  };
  // Same citizen ID.
  std::map<std::string_view, std::vector<const DuplicateKey*>> by_id;
  for (const DuplicateKey& p : persons)
    if (!p.citizen_id.empty()) by_id[p.citizen_id].push_back(&p);
  for (const auto& [id, group] : by_id)
    for (size_t i = 0; i < group.size(); ++i)
      for (size_t j = i + 1; j < group.size(); ++j) add(*group[i], *group[j], DuplicateReason::kCitizenId);
  // Same folded name and birth day, mothers not known to differ.
  std::map<std::pair<std::string_view, int32_t>, std::vector<const DuplicateKey*>> by_name;
  for (const DuplicateKey& p : persons)
    if (!p.folded_name.empty()) by_name[{p.folded_name, p.birth_date.days()}].push_back(&p);
  for (const auto& [key, group] : by_name)
    for (size_t i = 0; i < group.size(); ++i)
      for (size_t j = i + 1; j < group.size(); ++j) {
        const DuplicateKey& a = *group[i];
        const DuplicateKey& b = *group[j];
        if (a.mother.valid() && b.mother.valid() && a.mother != b.mother) continue;
        if (!a.citizen_id.empty() && !b.citizen_id.empty() && a.citizen_id != b.citizen_id) continue;
        add(a, b, a.mother.valid() && a.mother == b.mother ? DuplicateReason::kSameMother
                                                            : DuplicateReason::kNameAndBirth);
      }
  std::vector<DuplicatePair> out;
  out.reserve(found.size());
  for (const auto& [key, why] : found) out.push_back({PersonId(key.first), PersonId(key.second), why});
  return out;
}

}  // namespace danso

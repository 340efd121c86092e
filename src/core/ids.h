// Strong identifiers: a PersonId cannot be passed where a HouseholdId is
// expected. Values are the stable numeric IDs used in the CSV formats and as
// primary keys, so a re-import of the same file touches the same records.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace danso {

template <typename Tag>
struct StrongId {
  int64_t value = 0;
  constexpr StrongId() = default;
  constexpr explicit StrongId(int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  auto operator<=>(const StrongId&) const = default;
};

using UnitId = StrongId<struct UnitTag>;
using HouseholdId = StrongId<struct HouseholdTag>;
using PersonId = StrongId<struct PersonTag>;
using EventId = StrongId<struct EventTag>;
using StaffId = StrongId<struct StaffTag>;
using UserId = StrongId<struct UserTag>;

}  // namespace danso

template <typename Tag>
struct std::hash<danso::StrongId<Tag>> {
  size_t operator()(const danso::StrongId<Tag>& id) const noexcept {
    return std::hash<int64_t>{}(id.value);
  }
};

// OrgUnit: an administrative unit (tỉnh, huyện, xã, thôn) as it was during
// one validity interval. A GSO code names a unit only together with a date:
// after the 2025 reform code 15 names Lào Cai, before it Yên Bái. The depth of
// the hierarchy is data (four levels before 1 July 2025, three after).
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/ids.h"

namespace danso {

enum class UnitKind { kProvince, kDistrict, kCommune, kVillage };

inline constexpr EnumCodec<UnitKind, 4> kUnitKinds{{{
    {UnitKind::kProvince, "province", "tỉnh/thành phố"},
    {UnitKind::kDistrict, "district", "huyện/quận/thị xã"},
    {UnitKind::kCommune, "commune", "xã/phường/thị trấn"},
    {UnitKind::kVillage, "village", "thôn/ấp/bản/tổ dân phố"},
}}};

// Attributes that policies use (free screening, rewards).
struct UnitAttributes {
  bool urban = false;
  bool mountainous = false;
  bool coastal = false;
  bool difficult = false;  // vùng đặc biệt khó khăn
  bool border = false;
  auto operator<=>(const UnitAttributes&) const = default;
};

struct OrgUnit {
  UnitId id;                   // internal identity of this unit version
  std::string code;            // GSO code (digits) or a local village code
  std::string name;            // NFC
  UnitKind kind = UnitKind::kVillage;
  int level = 1;               // depth when it starts (1 = top)
  std::string parent_code;     // empty for a top unit
  UnitId parent;               // resolved parent on valid_from
  Date valid_from;
  std::optional<Date> valid_to;  // inclusive; empty while still valid
  UnitAttributes attributes;

  bool valid_on(Date d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }
};

enum class UnitLinkType { kFull, kPartial };

inline constexpr EnumCodec<UnitLinkType, 2> kUnitLinkTypes{{{
    {UnitLinkType::kFull, "full", "toàn bộ"},
    {UnitLinkType::kPartial, "partial", "một phần"},
}}};

// A unit replaced by another (merge, split): the old unit's area went to the
// new one in full or in part, on `effective`.
struct UnitLink {
  UnitId from;
  UnitId to;
  UnitLinkType type = UnitLinkType::kFull;
  Date effective;
};

}  // namespace danso

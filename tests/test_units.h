// Units for tests: an administrative unit named "Đơn vị CODE", valid from
// `from` (to `to`, inclusive, when given).
//
//   std::vector<OrgUnit> units = {test_unit(1, "91", UnitKind::kProvince, 1, 0), ...};
#pragma once

#include <string>

#include "core/unit.h"

namespace danso::test {

inline OrgUnit test_unit(int64_t id, const std::string& code, UnitKind kind, int level, int64_t parent,
                         const char* from = "2000-01-01", const char* to = nullptr) {
  OrgUnit u;
  u.id = UnitId{id};
  u.code = code;
  u.name = "Đơn vị " + code;
  u.kind = kind;
  u.level = level;
  u.parent = UnitId{parent};
  u.valid_from = Date::parse(from).value();
  if (to) u.valid_to = Date::parse(to).value();
  return u;
}

}  // namespace danso::test

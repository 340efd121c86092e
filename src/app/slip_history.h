// A slip's versions, from the audit log: the slip as first recorded (a
// form's "create", or as an import wrote it when its first audited change
// is a correction), then each correction with who, when and why.
//
//   for (const SlipVersion& v : slip_history(db, EventId(42))) ...  // oldest first
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/database.h"
#include "core/ids.h"

namespace danso {

struct SlipVersion {
  int version = 0;     // 1, 2, ...
  std::string action;  // create (recorded from a form), import (as a file wrote it), update (a correction)
  std::string at;      // ISO 8601 instant; empty for "import"
  std::string actor;   // the user's name; empty for "import"
  std::string reason;  // a correction's
  nlohmann::json event;  // the slip as the API showed it then (app/register_json.h)
};

std::vector<SlipVersion> slip_history(Database& db, EventId id);

}  // namespace danso

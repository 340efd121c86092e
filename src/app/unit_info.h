// The unit that holds a code on a date, with its parent and the units it
// replaced (predecessors) or that replaced it (successors).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace danso {

Result<nlohmann::ordered_json> unit_info_json(Store& store, const std::string& code, Date at);

}  // namespace danso

// Writes a whole RegisterBatch (a generated demo province, or a batch built
// in a test) into a store in one transaction, deriving every person's
// residence spells from their registration and events.
#pragma once

#include <functional>
#include <string_view>

#include "core/register_batch.h"
#include "store/store.h"

namespace danso {

using LoadProgress = std::function<void(std::string_view stage, double fraction)>;

Status load_register(Store& store, const RegisterBatch& batch, const LoadProgress& progress = {});

}  // namespace danso

// Writes a whole RegisterBatch (a generated demo province, or a batch built
// in a test) into a store in one transaction, deriving every person's
// residence spells from their registration and events. The load is one
// entry of the audit log, in the same transaction (action "load", kind
// "register": what was written and where it came from), which holds every
// row's hash (store.h RecordsDigest). Unit outlines given beside the batch
// (the demo province's) are written in the same transaction.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "app/database.h"
#include "core/register_batch.h"
#include "store/store.h"

namespace danso {

using LoadProgress = std::function<void(std::string_view stage, double fraction)>;

struct LoadAudit {
  int64_t now = 0;                  // Unix seconds
  std::string source = "batch";     // what the batch is, e.g. "danso demo --persons 1000000 --seed 1"
};

// A database whose register holds no unit yet, or kAlreadyExists: a whole
// province is loaded only into an empty register (a PostgreSQL database,
// which danso demo cannot make anew as it makes a file).
Status require_empty_register(Database& db);

// Every person's residence spells from their registration and events (the
// rules of core/residence.h), appended to `out` person by person, in the
// batch's order of persons; an error when a person's events break the rules.
Status derive_batch_residence(const RegisterBatch& batch, std::vector<ResidenceSpell>& out);

Status load_register(Store& store, const RegisterBatch& batch, const LoadProgress& progress = {},
                     const LoadAudit& audit = {}, std::span<const UnitBoundary> boundaries = {});

}  // namespace danso

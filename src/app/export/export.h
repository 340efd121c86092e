// Export: writes the register in the import formats (docs/data-formats.md),
// in a stable order, so that export -> import into a new database -> export
// gives the same bytes.
#pragma once

#include <ostream>

#include "app/import/import.h"
#include "store/store.h"

namespace danso {

Status export_kind(Store& store, ImportKind kind, std::ostream& out);

}  // namespace danso

// Importing register files: every row is checked (fields, references, the
// register's rules) before anything is written; the write is one
// transaction. A file with one bad row writes nothing and names every bad
// row, unless `skip_bad_rows` is set: then the good rows are written and the
// rejected ones go to a rejects file, still all or nothing. Re-importing the
// same file changes nothing (records are keyed by their stable ids).
//
//   ImportOptions o{.file = "persons.csv", .kind = ImportKind::kPersons, .today = today};
//   auto report = import_file(store, o);
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/formats/row_issues.h"
#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace danso {

enum class ImportKind { kUnits, kUnitMapping, kHouseholds, kPersons, kEvents, kStaff, kBoundaries };
Result<ImportKind> parse_import_kind(std::string_view text);

using Progress = std::function<void(std::string_view stage, size_t done, size_t total)>;

// A file's bytes, read once: what is checked and imported is what was hashed.
struct ImportInput {
  std::string text;
  std::string sha256;  // hex, of `text`
};

struct ImportOptions {
  std::string file;
  ImportKind kind = ImportKind::kPersons;
  Date today;
  int64_t now = 0;  // the clock (Unix seconds) for the audit entry; the start of `today` when 0
  bool skip_bad_rows = false;
  std::string rejects_file;          // default: <file>.rejects.csv
  std::optional<Date> valid_from;    // unit lists (JSON) and the unit mapping; boundaries: the day codes are read on
  std::string code_property = "code";  // boundaries: the feature property naming the unit's code
  Progress progress;
  // Runs inside the write transaction before the rows are read: a slip from
  // a form takes its new id here and writes its row into `input`, so that two
  // writers never take the same id. Events only; an error writes nothing.
  std::function<Status()> after_begin;
  // Runs inside the write transaction after the rows are written and before
  // the commit (an audit entry); an error rolls everything back.
  std::function<Status()> before_commit;
  // The import's own audit entry, one per file, appended in its write
  // transaction by the command line's operator: action "import", kind
  // "file", the file's name, and as `after` its kind, name, SHA-256 and the
  // rows read, written and rejected; it holds the register rows written
  // (their hashes, store.h RecordsDigest). Off when the caller records the
  // write itself (a slip from a form, in before_commit).
  bool audit_file = true;
  // The file's bytes, when the caller has them; import_file reads the file
  // (once) otherwise.
  std::shared_ptr<ImportInput> input;
  // Set for a few event rows naming only these persons and households (one
  // slip from a form): the events import then reads just their part of the
  // register to check the rows, not all of it.
  struct Focus {
    std::vector<PersonId> persons;
    std::vector<HouseholdId> households;
    // Set for one new slip (not a correction or a cancellation): its kind
    // and day. Of the persons' histories, only what the checks read is
    // read then (RegisterIndex::load_for): the kinds they look at, and the
    // slip's own kind on its day.
    std::optional<std::pair<EventType, Date>> new_slip;
  };
  std::optional<Focus> focus;
  // Events removed with this import (slips cancelled from a form; events
  // only): left out of the register the rows are checked against, the
  // residence of their persons derived again without them (a residence that
  // no longer holds refuses the import), and deleted in its transaction.
  std::vector<EventId> cancel;
  // Persons removed with this import (a record merged into another,
  // app/import/merge_persons.h; events only): the rows must name them no
  // more. Deleted in its transaction with their residence spells, after the
  // events are written.
  std::vector<PersonId> remove_persons;
};

struct ImportReport {
  size_t rows = 0;       // data rows read
  size_t written = 0;    // rows written (inserted, updated or unchanged)
  size_t rejected = 0;   // rows refused
  bool committed = false;
  std::vector<RowIssue> issues;
  std::vector<std::string> notes;  // what else a person should know (vi / en)
  std::string rejects_file;        // written when rows were skipped
};

Result<ImportReport> import_file(Store& store, const ImportOptions& options);

}  // namespace danso

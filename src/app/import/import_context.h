// What the importers share: the options, the issues found, and the rule for
// finishing (commit, or refuse and report).
#pragma once

#include <memory>
#include <optional>

#include "app/formats/row_issues.h"
#include "app/import/import.h"
#include "core/unit_tree.h"

namespace danso::import_detail {

struct Run {
  const ImportOptions& options;
  Store& store;
  RowIssues issues;
  ImportReport report;

  Run(const ImportOptions& o, Store& s) : options(o), store(s), issues(display_name(o.file)) {}
  // Opens the write transaction before the register is read for checking, so
  // what is checked is what the write sees (the write lock is held). A file
  // has its references checked here, in memory, and the store's own checks
  // are skipped; a slip from a form (ImportOptions::focus: a few rows) keeps
  // them, as they cost it nothing, while switching them off and on again
  // makes SQLite compile every statement of the connection again twice a slip.
  void begin_write() {
    tx.emplace(store.begin(options.focus ? Store::Checks::kStore : Store::Checks::kReferencesChecked));
  }
  std::optional<Transaction> tx;
  static std::string display_name(const std::string& path);
  void progress(std::string_view stage, size_t done, size_t total) const {
    if (options.progress) options.progress(stage, done, total);
  }
  // True when the good rows may be written: no issues, or skipping allowed.
  bool may_write() const { return issues.empty() || options.skip_bad_rows; }
  // The file's bytes, handed over once (import_file read them).
  std::string take_text() const { return options.input ? std::move(options.input->text) : std::string(); }
  // Fills the report's counts and issues; writes the rejects file (before
  // the commit, removed again if the commit fails).
  Status finish_before_commit();
  // The import's audit entry (ImportOptions::audit_file), in the write transaction.
  Status audit_import();
  void finish_after_commit(bool committed);
};

// The units and their links as a tree, as the store has them now
// (RegisterStore::unit_tree: the SQLite adapter keeps it between writes).
std::shared_ptr<const UnitTree> load_unit_tree(Store& store);

Result<ImportReport> import_units_csv(Store& store, const ImportOptions& o);
Result<ImportReport> import_unit_list_json(Store& store, const ImportOptions& o);
Result<ImportReport> import_unit_mapping(Store& store, const ImportOptions& o);
Result<ImportReport> import_households(Store& store, const ImportOptions& o);
Result<ImportReport> import_persons(Store& store, const ImportOptions& o);
Result<ImportReport> import_events(Store& store, const ImportOptions& o);
Result<ImportReport> import_staff(Store& store, const ImportOptions& o);
Result<ImportReport> import_boundaries(Store& store, const ImportOptions& o);

}  // namespace danso::import_detail

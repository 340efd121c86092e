#include "app/import/row_import.h"

namespace danso::import_detail {

Result<ImportReport> finish(Run& run, const std::function<Status()>& write) {
  if (!run.may_write()) {
    run.tx.reset();  // rolls back: nothing was written
    if (auto st = run.finish_before_commit(); !st) return st.error();
    run.report.written = 0;
    run.finish_after_commit(false);
    return run.report;
  }
  if (auto st = run.finish_before_commit(); !st) return st.error();
  if (!run.tx) run.begin_write();
  Status st = write();
  if (st && run.options.before_commit) st = run.options.before_commit();
  if (st && run.options.audit_file) st = run.audit_import();
  if (st) st = run.tx->commit();
  run.tx.reset();
  run.finish_after_commit(st.ok());
  if (!st) return st.error();
  return run.report;
}

}  // namespace danso::import_detail

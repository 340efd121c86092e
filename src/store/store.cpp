#include "store/store.h"

namespace danso {

Transaction::~Transaction() {
  if (!store_) return;
  store_->rollback_transaction();
  store_->residents_written_ = store_->statuses_written_ = false;
}

Status Transaction::commit() {
  Store* s = store_;
  store_ = nullptr;
  Status st = s->commit_transaction();
  // The status count first: a reader reads the residents' count first, so
  // one that sees the new residents' count sees the new status count too.
  if (st && (s->residents_written_ || s->statuses_written_)) s->status_commits_.fetch_add(1, std::memory_order_release);
  if (st && s->residents_written_) s->resident_commits_.fetch_add(1, std::memory_order_release);
  s->residents_written_ = s->statuses_written_ = false;
  return st;
}

}  // namespace danso

#include "store/store.h"

namespace danso {

Transaction::~Transaction() {
  if (store_) store_->rollback_transaction();
}

Status Transaction::commit() {
  Store* s = store_;
  store_ = nullptr;
  return s->commit_transaction();
}

}  // namespace danso

// Store: the register's persistence seam. app/ speaks only to this interface;
// store/sqlite/ implements it for the embedded database and a PostgreSQL
// adapter can follow behind the same calls. Writes happen inside a
// Transaction; reads of whole tables stream through callbacks so that a
// 10,000,000-person export never holds the table in memory twice.
//
// Store is made of areas, one interface and header each, with the records
// they use: the register (register_store.h), reports (report_store.h),
// accounts and sessions (account_store.h), the audit log and record hashes
// (audit_store.h), plans (plan_store.h), rewards (reward_store.h), budgets
// (budget_store.h), tasks (task_store.h), training (training_store.h), saved
// analyses (favourite_store.h) and
// unit boundaries (boundary_store.h). Store itself keeps what belongs to the
// engine: the schema and its migrations, transactions, consistent reads,
// and counts, largest ids and deferred indexes of tables named by StoredTable.
//
//   auto store = open_sqlite_store("demo.db");      // Result<unique_ptr<Store>>
//   auto tx = (*store)->begin();
//   (*store)->upsert_persons(persons);
//   tx.commit();
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/account_store.h"
#include "store/audit_store.h"
#include "store/boundary_store.h"
#include "store/budget_store.h"
#include "store/plan_store.h"
#include "store/register_store.h"
#include "store/report_store.h"
#include "store/reward_store.h"
#include "store/task_store.h"
#include "store/training_store.h"
#include "store/favourite_store.h"

namespace danso {

class Store;

// Thrown by an adapter when its database cannot be reached or takes no
// writes now (a server gone or restarting, a read-only standby), from any
// call: the caller answers "unavailable, try again" (HTTP 503) with the
// error's words, and the adapter connects again on its next call. Nothing
// of the transaction that was open is kept.
class StoreUnavailable : public std::runtime_error {
 public:
  explicit StoreUnavailable(Error e) : std::runtime_error(e.en), error_(std::move(e)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

// Commits on commit(); rolls back if destroyed before that (on error or
// exception), so a failed import leaves the database as it was.
class Transaction {
 public:
  explicit Transaction(Store* store) : store_(store) {}
  Transaction(Transaction&& o) noexcept : store_(o.store_) { o.store_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Status commit();

 private:
  Store* store_;
};

// What a database's server says of itself, for `danso serve`'s health and
// the source of its indicators' snapshot (--snapshot-db): nothing of the
// register in it. SQLite has no server: every field as below.
struct ServerFacts {
  // A hot standby: a read-only copy replaying another server's log.
  bool standby = false;
  // Names the database and its copies: the same on a server and on its
  // physical standbys (PostgreSQL: the cluster's system identifier and the
  // database's oid), another on any other database; empty for none.
  std::string identity;
  // When the server started (ISO instant, UTC); empty for none.
  std::string started_at;
  // Where its log is: on a primary, the position every transaction
  // committed so far ends within; on a standby, how far it has replayed
  // (bytes); -1 for none. A standby at or past a primary's position holds
  // every transaction that primary had committed when it was read.
  int64_t log_position = -1;
};

// The tables a count or a largest id is asked of, by name in code and never
// as a string outside store/.
enum class StoredTable {
  kUnits, kUnitLinks, kHouseholds, kPersons, kEvents, kStaffAssignments, kResidence,
  kUsers, kUserVillages, kSessions, kAudit, kReports, kReportHistory, kUnitBoundaries,
};

class Store : public RegisterStore,
              public ReportStore,
              public AccountStore,
              public AuditStore,
              public PlanStore,
              public RewardStore,
              public BudgetStore,
              public TaskStore,
              public TrainingStore,
              public FavouriteStore,
              public BoundaryStore {
 public:
  ~Store() override = default;

  virtual int schema_version() = 0;
  // Applied migrations, oldest first: version and name.
  virtual std::vector<std::pair<int, std::string>> migrations_applied() = 0;

  // References checked: the caller has verified, inside this transaction,
  // that every reference it writes exists (the importers do, in memory), so
  // the adapter may skip its own foreign-key checks for speed.
  enum class Checks { kStore, kReferencesChecked };
  Transaction begin(Checks checks = Checks::kStore) {
    begin_transaction(checks == Checks::kReferencesChecked);
    return Transaction(this);
  }

  // Runs `read` inside one read transaction: every read in it sees the
  // database as it was when the first began, whatever other connections
  // commit meanwhile, and holds no lock that keeps them from writing.
  // Inside a transaction of this connection already, `read` runs in it.
  virtual void read_consistently(const std::function<void()>& read) = 0;

  // Runs `write` (inside the caller's transaction) with the secondary
  // indexes of `tables` dropped, and builds them once at the end: for loading
  // a whole register in chunks.
  virtual Status write_deferring_indexes(const std::vector<StoredTable>& tables,
                                         const std::function<Status()>& write) = 0;

  // What its server says of itself (ServerFacts); SQLite: none.
  virtual ServerFacts server_facts() { return {}; }

  // The rows of a table.
  virtual int64_t count_rows(StoredTable table) = 0;
  // Largest id of households, persons or events, those removed included
  // (a new record takes the next one, never a removed record's id); 0 when
  // there has been none; -1 for another table, whose rows have no such id.
  virtual int64_t max_id(StoredTable table) = 0;

  // Transactions committed on this connection that changed who lives where
  // or a name (rows of persons, households or residence; the PostgreSQL
  // adapter counts every commit): what is kept of them outside the
  // database (app/resident_names.h) is current while this stays the same.
  uint64_t resident_commits() const { return resident_commits_.load(std::memory_order_acquire); }
  // Transactions committed on this connection that changed what a list of
  // persons shows of them: those resident_commits counts, and those that
  // wrote an event a person's status reads (a marriage, divorce or death)
  // or changed or removed any event. What is kept of persons' places and
  // statuses outside the database (app/person_listings.h) is current while
  // this stays the same.
  uint64_t status_commits() const { return status_commits_.load(std::memory_order_acquire); }

 protected:
  // The adapter's word that a write of the transaction under way changed
  // such rows.
  void note_residents_written() { residents_written_ = true; }
  void note_statuses_written() { statuses_written_ = true; }

  friend class Transaction;
  virtual void begin_transaction(bool references_checked) = 0;
  virtual Status commit_transaction() = 0;
  virtual void rollback_transaction() = 0;

 private:
  bool residents_written_ = false, statuses_written_ = false;
  std::atomic<uint64_t> resident_commits_{0}, status_commits_{0};
};

}  // namespace danso

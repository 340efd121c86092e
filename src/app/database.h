// Database: the one door to the register's store. It holds the writer's
// connection, the lock that lets one caller at a time use it, and the
// transactions, and a pool of reader connections: a read runs on one of its
// own, in one read transaction, beside the writer and the other readers
// (SQLite's WAL lets them), so a search never waits for a slip being
// written. http/ and cli/ reach the data only through app/ calls that take
// a Database, never the store itself. open_database chooses the engine from
// the location: a file path is the embedded SQLite database (the default,
// nothing to start), a postgresql:// address a PostgreSQL server.
//
//   auto db = open_database("data/demo.db");                 // Result<unique_ptr<Database>>
//   int64_t n = (*db)->read([](Store& s) { return s.count_rows(StoredTable::kPersons); });
//   Status st = (*db)->write([&](Store& s) -> Status { return s.upsert_persons(rows); });  // committed when ok
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "app/person_listings.h"
#include "app/resident_names.h"
#include "core/result.h"
#include "store/store.h"

namespace danso {

enum class Engine { kSqlite, kPostgres };

// Thrown from any call on the database when it cannot be reached or takes no
// writes now (a PostgreSQL server gone, restarting, or a read-only
// standby): answered as unavailable, try again; the store connects again on
// its next call (store/store.h StoreUnavailable).
using DatabaseUnavailable = StoreUnavailable;

struct DatabaseOptions {
  bool create = false;  // create the database when missing (danso init, danso demo)
  // SQLite: the write-ahead log copied back into the file beside the writer,
  // not inside its commits (store/sqlite/wal_checkpointer.h): for the server.
  bool checkpoint_beside = false;
};

class Database {
 public:
  // Wraps an open store (tests, and the openers below). `reader` opens
  // another connection to the same database for long reads; empty when the
  // engine has none.
  Database(std::unique_ptr<Store> store, std::string location, Engine engine,
           std::function<Result<std::unique_ptr<Store>>()> reader = {});

  // Runs fn(Store&) and returns what it returns: on a reader connection,
  // inside one read transaction (every read in fn sees the database as one
  // moment, every write committed before the call included), when the
  // engine gives them; else alone on the writer's connection.
  template <typename F>
  auto read(F&& fn) -> std::invoke_result_t<F&, Store&> {
    using R = std::invoke_result_t<F&, Store&>;
    if (ReaderLease lease = lease_reader()) {
      if constexpr (std::is_void_v<R>) {
        lease->read_consistently([&] { fn(*lease); });
      } else {
        std::optional<R> out;
        lease->read_consistently([&] { out.emplace(fn(*lease)); });
        return std::move(*out);
      }
    } else {
      std::lock_guard<std::mutex> lock(mu_);
      return fn(*store_);
    }
  }

  // Runs fn(Store&) alone on the connection inside a write transaction,
  // which commits when fn returns a success (a Status or Result<T> that is
  // ok) and rolls back when it returns a failure or throws. A failed commit
  // is returned as fn's type.
  template <typename F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Store&> {
    std::lock_guard<std::mutex> lock(mu_);
    auto tx = store_->begin();
    auto out = fn(*store_);
    if (!out) return out;  // tx rolls back
    if (auto st = tx.commit(); !st) return st.error();
    return out;
  }

  // A connection of its own, for a long read that must not hold the lock
  // (the indicators' snapshot); a failure when the engine cannot open one.
  Result<std::unique_ptr<Store>> open_reader() const;
  bool has_reader() const { return static_cast<bool>(reader_); }

  // The folded names of each village's persons kept for the search by name
  // (app/resident_names.h), and the count that tells when they are out of
  // date: transactions committed on the writer's connection that changed
  // who lives where or a name. Read the count before the read transaction
  // that uses the names.
  ResidentNames& resident_names() { return resident_names_; }
  uint64_t resident_commits() const { return store_->resident_commits(); }
  // The persons of lists' pages kept with their places and statuses
  // (app/person_listings.h), and the count that tells when they are out of
  // date (Store::status_commits). Read the count before the read
  // transaction that uses them.
  PersonListings& person_listings() { return person_listings_; }
  uint64_t status_commits() const { return store_->status_commits(); }

  const std::string& location() const { return location_; }
  Engine engine() const { return engine_; }
  // Reader connections opened so far (kept for the next reads).
  size_t readers_open() const;

  // For app/'s own components that hold the lock across several steps
  // (accounts, reports, the indicators' refresh): the lock and the store
  // it guards. Not for http/ or cli/.
  std::mutex& mutex() { return mu_; }
  Store& store() { return *store_; }

 private:
  // A reader connection lent for one read, given back when it goes.
  class ReaderLease {
   public:
    ReaderLease(Database* db, std::unique_ptr<Store> store) : db_(db), store_(std::move(store)) {}
    ReaderLease(ReaderLease&&) = default;
    ~ReaderLease();
    explicit operator bool() const { return store_ != nullptr; }
    Store* operator->() { return store_.get(); }
    Store& operator*() { return *store_; }

   private:
    Database* db_;
    std::unique_ptr<Store> store_;
  };
  // An idle reader, or a new one; an empty lease when the engine has none
  // or one cannot be opened now (that read then takes the writer's
  // connection; the next tries again).
  ReaderLease lease_reader();

  static constexpr size_t kMaxIdleReaders = 8;
  std::unique_ptr<Store> store_;
  std::mutex mu_;
  std::string location_;
  Engine engine_;
  std::function<Result<std::unique_ptr<Store>>()> reader_;
  mutable std::mutex readers_mu_;
  std::vector<std::unique_ptr<Store>> idle_readers_;
  size_t readers_open_ = 0;
  ResidentNames resident_names_;
  PersonListings person_listings_;
};

// Whether `location` names a PostgreSQL server (postgresql:// or postgres://).
bool is_postgres_location(std::string_view location);

// `location` as it may be shown or logged: a PostgreSQL address's password
// ("postgresql://danso:SECRET@host/db", "?password=SECRET") replaced by ***.
std::string shown_location(std::string_view location);

// Opens the database at `location`, applying the migrations it lacks.
Result<std::unique_ptr<Database>> open_database(const std::string& location, DatabaseOptions options = {});

}  // namespace danso

// Where `danso serve` reads the indicators' snapshot from when it is not
// the database it writes to (--snapshot-db): a hot standby of the PostgreSQL
// primary, streaming its write-ahead log, so that loading the whole register
// (at the first request, and after imports and household changes) leaves the primary
// to the writers. Every write, session and other read stays on the primary,
// and so do the in-place updates after a slip (IndicatorService::
// persons_changed reads them through the primary's store).
//
// A load never misses a write committed before it began: it reads where the
// primary's log is (every commit so far ends within it), then waits until
// the standby has replayed that far, and only then begins its read
// transaction there. A standby that cannot be reached, or stays behind past
// `catch_up_wait`, is not waited for: that load reads the primary (a reader
// connection of the Database) and says so in the log.
//
// The source must be the same register: a database at the same schema
// version, with the same identity as --db (Store::server_facts: a physical
// standby of the same database, or the primary itself); anything else is
// refused when opening, in both languages.
//
//   auto source = SnapshotSource::open(*db, "postgresql:///danso?host=/run/standby", {});
//   options.open_reader = [&s = **source] { return s.open_reader(); };
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/database.h"
#include "core/result.h"
#include "store/store.h"

namespace danso {

class SnapshotSource {
 public:
  struct Options {
    // How long a load waits for the standby to replay the primary's commits.
    std::chrono::milliseconds catch_up_wait{10'000};
    // Told a line (both languages) when a load reads the primary instead.
    std::function<void(const std::string&)> log;
  };

  // The state of the source as health shows it (nothing of the register,
  // no address).
  struct Health {
    bool reachable = false;
    bool standby = false;
    int schema_version = 0;
    // Bytes of the primary's log not yet replayed by the standby; -1 when
    // not known (unreachable, or the primary did not answer).
    int64_t behind_bytes = -1;
    std::optional<Error> error;  // why it is not reachable
    uint64_t loads = 0;          // snapshots loaded from it
    uint64_t fallbacks = 0;      // loads that read the primary instead
  };

  // Checks `location` against `db`: both PostgreSQL, the source reachable,
  // at the program's schema version (waiting up to catch_up_wait for a
  // standby still replaying a migration) and the same register (identity,
  // and a source that is no standby must be the primary's server itself).
  static Result<std::unique_ptr<SnapshotSource>> open(Database& db, std::string location, Options options);

  // A connection to load the snapshot through (IndicatorService::Options::
  // open_reader): the source's once it holds every commit the primary had
  // when called; else the primary's (see above).
  Result<std::unique_ptr<Store>> open_reader();

  // Asks the source (and the primary, for how far behind it is) now, on a
  // connection kept for it: a call does not open one each time.
  Health health();

  const std::string& location() const { return location_; }

 private:
  SnapshotSource(Database& db, std::string location, Options options)
      : db_(db), location_(std::move(location)), options_(std::move(options)) {}
  // The primary's log position now (read on one of its reader connections).
  int64_t primary_position();
  // Waits until `source` has replayed the primary's log up to where it was
  // (kDone), at most catch_up_wait (kBehind); kNotFollowing for a server
  // that is neither a standby nor the primary's own.
  enum class CatchUp { kDone, kBehind, kNotFollowing };
  CatchUp catch_up(Store& source, const ServerFacts& primary, int64_t& replayed);
  void say(const std::string& line) const {
    if (options_.log) options_.log(line);
  }

  Database& db_;
  const std::string location_;
  const Options options_;
  std::mutex probe_mu_;             // guards probe_
  std::unique_ptr<Store> probe_;    // health's connection
  std::atomic<uint64_t> loads_{0}, fallbacks_{0};
};

}  // namespace danso

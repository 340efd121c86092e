// The persons of a list's page as the list shows them (their row, their
// household's village, their status on the day asked), kept in memory by
// person between searches. A search's page of twenty persons takes the
// persons it finds kept and reads only the others (RegisterStore's
// placed_persons and app/person_statuses.h, three queries), so a page
// asked for again, or another page with the same persons, reads none.
//
// A person kept is shown again only while no transaction that changed a
// name, who lives where, or an event a status reads has been committed
// since (Store::status_commits, counted on the writer's connection), for
// the same household and village the names kept found them in, and for at
// most kMaxAge (a write by another program, which that count does not see,
// shows within a minute), as app/resident_names.h keeps the names.
//
//   const uint64_t commits = db.status_commits();  // before the read transaction
//   db.read([&](Store& s) { db.person_listings().list(page, on, commits, s, rows); });
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/person_status.h"
#include "store/store.h"

namespace danso {

// A person of a list with their status on the filter's day.
struct ListedPerson {
  PlacedPerson placed;
  PersonStatus status;
};

// `placed` (as RegisterStore's placed_persons or persons_page read them)
// appended to `rows` with their statuses on `on` (app/person_statuses.h).
void list_with_statuses(Store& store, std::vector<PlacedPerson>&& placed, Date on, std::vector<ListedPerson>& rows);

class PersonListings {
 public:
  static constexpr std::chrono::seconds kMaxAge{60};
  // Past so many persons kept, all are dropped before the next are kept.
  static constexpr size_t kMaxPersons = 100000;

  // Appends to `rows` the persons of `page`, in its order, on `on`: those
  // kept from a read at `commits` (Store::status_commits, read before the
  // caller's read transaction began) and recently enough as kept, the
  // others read now through `store`, inside that transaction, and kept.
  void list(std::span<const PersonAt> page, Date on, uint64_t commits, Store& store, std::vector<ListedPerson>& rows);

  // Persons kept now; pages' persons taken from what was kept so far.
  size_t persons_kept() const;
  uint64_t persons_reused() const;

 private:
  struct Kept {
    ListedPerson listed;
    std::chrono::steady_clock::time_point read_at;
  };
  const Kept* find(const PersonAt& at, Date on, uint64_t commits, std::chrono::steady_clock::time_point now) const;

  mutable std::mutex mu_;
  uint64_t commits_ = 0;  // the count every person kept was read at
  std::unordered_map<int64_t, Kept> kept_;
  uint64_t reused_ = 0;
};

}  // namespace danso

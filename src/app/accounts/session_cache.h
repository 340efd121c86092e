// The sessions checked recently, kept in memory so that a request does not
// read the store to know who sent it. An entry is trusted for `recheck`
// seconds after the store confirmed it; after that one request (the first
// that may wait for the store) checks the store again, which also sees
// sessions ended by another process such as `danso user` on the same
// database, while the others keep the entry until it is confirmed or
// dropped, at most `kGrace` seconds more: a session used by many
// connections at once does not send them all to the store together. Signing out, disabling or changing
// a user drop their entries at once, in the same call that ends the session
// in the store. Thread-safe; the store's mutex, when held, is taken first.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/accounts/accounts.h"

namespace danso::accounts {

class SessionCache {
 public:
  explicit SessionCache(int64_t recheck_seconds) : recheck_(recheck_seconds) {}

  // The session's user when the store confirmed it less than `recheck`
  // seconds ago (or a recheck is under way, within the grace) and it has not
  // reached `absolute_timeout` since sign-in. Past `recheck`, a caller that
  // may check the store (`may_recheck`) gets nullopt once and is to check it.
  std::optional<Principal> find(const std::string& hash, int64_t now, int64_t absolute_timeout, bool may_recheck) {
    std::lock_guard<std::mutex> lock(mu_);
    const auto it = entries_.find(hash);
    if (it == entries_.end()) return std::nullopt;
    Entry& e = it->second;
    const int64_t age = now - e.checked_at;
    if (age < 0 || age >= recheck_ + kGrace || now - e.principal.signed_in_at >= absolute_timeout) {
      entries_.erase(it);
      return std::nullopt;
    }
    if (age < recheck_ || e.rechecking) return e.principal;
    if (may_recheck) e.rechecking = true;
    return std::nullopt;
  }
  // Records a session the store has just confirmed.
  void put(const Principal& p, int64_t now) {
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[p.session] = {p, now, false};
  }
  void drop(const std::string& hash) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.erase(hash);
  }
  void drop_user(UserId user) {
    std::lock_guard<std::mutex> lock(mu_);
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.principal.user == user; });
  }

 private:
  static constexpr size_t kMaxEntries = 100000;
  static constexpr int64_t kGrace = 30;  // seconds an entry stays usable while it is rechecked
  struct Entry {
    Principal principal;
    int64_t checked_at = 0;
    bool rechecking = false;
  };
  const int64_t recheck_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace danso::accounts

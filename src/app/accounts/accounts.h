// Accounts: signing in and out, sessions, the users of DanSo and who may see
// what. The rules live in core/ (roles, password policy); this is where they
// meet the store, the hashes and the clock, which the caller passes in (Unix
// seconds), so tests fix time.
//
// Sessions: a token of 256 random bits in the cookie, only its SHA-256 in the
// store; a new one at every sign-in; ended after `idle_timeout` without use or
// `absolute_timeout` after sign-in, at sign-out, and when the user is
// disabled or changed. A session the store confirmed is trusted from memory
// for `session_recheck` seconds (session_cache.h), so most requests do not
// wait for the store. Sign-in failures are counted per user name and per
// client address and refused for a while past a limit; a known and an unknown
// user name fail alike (an unknown one is checked against a dummy hash).
// Every write is recorded in the audit log in the same transaction.
//
//   accounts::Accounts acc(store, mu);
//   auto s = acc.sign_in({.username = "qt.tinh", .password = "...", .remote = "10.0.0.5"}, now);
//   auto who = acc.authenticate(s->token, now + 60);   // the Principal
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/database.h"
#include "core/unit_tree.h"
#include "store/store.h"

namespace danso::accounts {

struct Options {
  int64_t idle_timeout = 30 * 60;         // seconds without a request
  int64_t absolute_timeout = 12 * 3600;   // seconds after sign-in
  int user_failures = 5;                  // failed sign-ins per user name within the window
  int address_failures = 20;              // failed sign-ins per client address within the window
  int64_t throttle_window = 15 * 60;      // seconds
  int64_t session_recheck = 2;            // seconds a confirmed session is trusted from memory
};

// The signed-in user of a request.
struct Principal {
  UserId user;
  std::string username;
  Role role = Role::kViewer;
  UnitId unit;
  std::vector<UnitId> villages;  // a collaborator's
  std::string session;           // the hash of the session's token
  std::string csrf_token;
  int64_t signed_in_at = 0;
};

struct SignInRequest {
  std::string username, password, totp;
  std::string remote;          // the client's address, for throttling
  std::string previous_token;  // a session this browser had, ended now
};

struct SignedIn {
  std::string token;
  Principal principal;
};

struct NewUser {
  std::string username, password, role, unit;  // role and unit as codes
  std::vector<std::string> villages;           // village codes, collaborators only
};

// What an update changes; unset fields stay.
struct UserChange {
  std::optional<bool> disabled;
  std::optional<std::string> password, role, unit;
  std::optional<std::vector<std::string>> villages;
};

class SessionCache;

// Who acts: a signed-in user, or (nullptr) the operator of the command line,
// who holds the database file and so every right.
using Actor = const Principal*;
// The name the audit log gives the operator of the command line.
inline constexpr const char* kCommandLineActor = "(dòng lệnh / command line)";

Date date_of(int64_t unix_seconds);
std::string iso_instant(int64_t unix_seconds);

// An audit entry's who, when and what: `actor` (the operator of the
// command line when null) at `at` (an ISO instant), doing `action` to the
// record `record` of `kind` in `unit`. The caller adds before and after and
// appends it (append_audit) inside the transaction of the write.
//   auto e = audit_entry(actor, iso_instant(now), "update", "budget", "HN/2025", unit);
//   e.after = row.dump();
AuditRecord audit_entry(Actor actor, std::string at, std::string action, std::string kind, std::string record = {},
                        UnitId unit = {});

class Accounts {
 public:
  // `store_mu` guards the store, shared with the other users of `store`.
  Accounts(Store& store, std::mutex& store_mu, Options options = {});
  explicit Accounts(Database& db, Options options = {}) : Accounts(db.store(), db.mutex(), std::move(options)) {}
  ~Accounts();

  // The unit tree, read once when the accounts are opened and not changed
  // after, so it is read without a lock (a server restarts after importing units).
  const UnitTree& units() const { return units_; }
  const Options& options() const { return options_; }

  Result<SignedIn> sign_in(const SignInRequest& request, int64_t now);
  std::optional<Principal> authenticate(std::string_view token, int64_t now);
  // The same from the sessions confirmed in the last seconds only, without
  // the store (nullopt: not known from memory, ask authenticate()).
  std::optional<Principal> authenticate_cached(std::string_view token, int64_t now);
  Status sign_out(const Principal& principal, int64_t now);

  // Scope: whether `unit` is inside what `p` may see on `on` (the subtree of
  // the user's unit, a collaborator's villages).
  bool in_scope(const Principal& p, UnitId unit, Date on) const;
  bool unit_visible(const Principal& p, std::string_view code, Date on) const;
  // The unit holding `code` on `on`; invalid when none.
  UnitId resolve_unit(std::string_view code, Date on) const;
  bool user_visible(const Principal& p, UserId id, Date on);

  // A signed-in actor creates and changes only users of units strictly
  // below their own (an administrator: any unit in scope), with roles they
  // may grant; a user may change their own password, nothing else of their
  // own. A unit outside the scope, or unknown, is kNotFound alike; a user
  // or unit in scope but not below is kPermissionDenied.
  Result<UserRecord> create_user(Actor actor, const NewUser& user, int64_t now);
  Result<UserRecord> update_user(Actor actor, UserId id, const UserChange& change, int64_t now);
  // Users whose unit is within `under` (the principal's unit when invalid) and in scope.
  std::vector<UserRecord> users_in_scope(const Principal& p, UnitId under, Date on);
  std::optional<UserRecord> find_user(UserId id);
  // Gives the user a new TOTP secret (base32) and returns it.
  Result<std::string> set_totp_secret(Actor actor, std::string_view username, int64_t now);
  // The staff member the user is (a collaborator's own record of
  // staff_assignments): the slips they record from a form name them as
  // `recorded_by` unless the form says otherwise. The staff member must be
  // assigned to a unit in the user's scope (kNotFound naming "staff"
  // otherwise); an invalid id removes the link. Audited ("link_staff").
  Status set_user_staff(Actor actor, std::string_view username, StaffId staff, int64_t now);
  // The staff member linked to the user, if any.
  std::optional<StaffId> staff_of(UserId user);
  // A user turning on two-step verification themselves: offer_totp draws a
  // secret (base32) with its otpauth:// address for an authenticator app and
  // stores nothing; enable_totp stores it once the user's password and a
  // code the app made from it are right (the code is then used), records it
  // in the audit log and ends all the user's sessions, this one included.
  // A wrong password counts as a failed sign-in of the user. A user who
  // has it on already is refused (kFailedPrecondition): an administrator
  // gives a new key.
  struct TotpOffer {
    std::string secret, uri;
  };
  TotpOffer offer_totp(const Principal& p) const;
  Status enable_totp(const Principal& p, std::string_view password, std::string_view secret, std::string_view code,
                     int64_t now);

  // Audit entries in scope, newest first, numbered below `before_seq` (all when 0).
  std::vector<AuditRecord> audit_page(const Principal& p, int64_t before_seq, int limit, std::string_view kind,
                                      Date on);

  // JSON of a user as the API and the audit log show it (no hash, no secret).
  nlohmann::ordered_json user_json(const UserRecord& u) const;
  // Records a write done by the caller inside its transaction (mutex held).
  Status audit(Actor actor, std::string action, std::string kind, std::string record, UnitId unit,
               std::string before, std::string after, int64_t now);

 private:
  struct Throttle {
    std::map<std::string, std::deque<int64_t>> failures;
  };
  bool throttled(Throttle& t, const std::string& key, int limit, int64_t now);
  void record_failure(Throttle& t, const std::string& key, int64_t now);
  Status check_grant(Actor actor, Role role) const;
  // Whether `p` manages the users of `unit`: an administrator any unit in
  // their scope, anyone else the units strictly below their own (not a peer
  // of their own unit, whatever the role).
  bool manages(const Principal& p, UnitId unit, Date on) const;
  Result<UnitId> unit_for(Actor actor, std::string_view code, Date on) const;
  Result<std::vector<UnitId>> villages_for(Actor actor, UnitId unit, const std::vector<std::string>& codes,
                                           Date on) const;
  bool scope_has(const Principal& p, UnitId unit, Date on) const;  // reads the unit tree only
  nlohmann::ordered_json user_object(const UserRecord& u) const;

  Store& store_;
  std::mutex& mu_;
  Options options_;
  const UnitTree units_;
  std::unique_ptr<SessionCache> sessions_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
  Throttle by_user_, by_address_;
};

}  // namespace danso::accounts

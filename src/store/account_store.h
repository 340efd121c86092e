// AccountStore: the user accounts (name, password hash, role, unit, a
// collaborator's villages, TOTP) and the signed-in sessions, kept by the
// hash of their token (app/accounts/ hashes, checks, scopes and throttles
// sign-ins, in memory; these are the rows). One area of the Store
// (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/role.h"

namespace danso {

// A user account (app/accounts/ hashes, checks and scopes; this is the row).
struct UserRecord {
  UserId id;
  std::string username;
  std::string password_hash;  // crypto_pwhash_str (argon2id), never the password
  Role role = Role::kViewer;
  UnitId unit;
  std::vector<UnitId> villages;  // a collaborator's assigned villages
  bool disabled = false;
  std::string totp_secret;       // base32, empty when the user has none
  int64_t totp_last_step = 0;    // last accepted TOTP step, so a code is used once
  std::string created_at;        // ISO 8601 instant
};

// A register write sent with an Idempotency-Key (app/write_keys.h): the
// key, per user, with what the write created or changed, kept in the
// write's transaction so that the same request sent again is answered
// from it instead of written twice.
struct WriteKeyRecord {
  UserId user;
  std::string key;          // the client's key, 1 to 128 visible ASCII characters
  std::string fingerprint;  // hex SHA-256 of the request's method, target and body
  std::string answer;       // event, birth (a slip with its newborn), household, person
  int64_t record = 0;       // the id of the record written
  int status = 0;           // the HTTP status answered: 201 or 200
  std::string created_at;   // ISO 8601 instant
};

// A signed-in session. The cookie's token is never stored, only its hash.
struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the token
  UserId user;
  int64_t created = 0;     // Unix seconds
  int64_t last_seen = 0;
  std::string csrf_token;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Users. Names are unique without regard to ASCII case.
  virtual std::optional<UserRecord> find_user(UserId id) = 0;
  virtual std::optional<UserRecord> find_user_by_name(std::string_view username) = 0;
  virtual std::vector<UserRecord> load_users() = 0;  // by id
  // kAlreadyExists when the name is taken.
  virtual Result<UserId> insert_user(const UserRecord& user) = 0;
  // Every field by id; the villages are replaced.
  virtual Status update_user(const UserRecord& user) = 0;
  // The staff member a user is (user_staff, migration 23): set, replaced,
  // or removed with an invalid id.
  virtual std::optional<StaffId> staff_of_user(UserId user) = 0;
  virtual Status set_user_staff(UserId user, StaffId staff) = 0;

  // Sessions, by the hash of their token.
  virtual Status insert_session(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> find_session(std::string_view token_hash) = 0;
  virtual Status touch_session(std::string_view token_hash, int64_t last_seen) = 0;
  virtual Status delete_session(std::string_view token_hash) = 0;
  virtual Status delete_sessions_of(UserId user) = 0;
  // Ends sessions created before `created_before` or idle since before `seen_before`.
  virtual Status delete_stale_sessions(int64_t created_before, int64_t seen_before) = 0;

  // Idempotency keys of register writes, by user and key. Inserted inside
  // the write's transaction; kAlreadyExists when the user's key is taken.
  virtual Status insert_write_key(const WriteKeyRecord& key) = 0;
  virtual std::optional<WriteKeyRecord> find_write_key(UserId user, std::string_view key) = 0;
};

}  // namespace danso

// Users, sessions and the audit log of the SQLite adapter.
#include <algorithm>
#include <cstring>

#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, password_hash, role, unit_id, disabled, COALESCE(totp_secret, ''), totp_last_step, "
    "created_at FROM users ";

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor_id, actor, action, kind, record, unit_id, COALESCE(before, ''), COALESCE(after, ''), "
    "prev_hash, hash, records, COALESCE(records_digest, '') FROM audit ";

AuditRecord read_audit(const Stmt& st) {
  AuditRecord e;
  e.seq = st.i64(0);
  e.at = st.text(1);
  if (!st.is_null(2)) e.actor = UserId(st.i64(2));
  e.actor_name = st.text(3);
  e.action = st.text(4);
  e.kind = st.text(5);
  e.record = st.text(6);
  if (!st.is_null(7)) e.unit = UnitId(st.i64(7));
  e.before = st.text(8);
  e.after = st.text(9);
  e.prev_hash = st.text(10);
  e.hash = st.text(11);
  e.records = st.i64(12);
  e.records_digest = st.text(13);
  return e;
}

// Parameters 1 to 7: the columns an insert and an update share, in order.
Stmt& bind_user_fields(Stmt& st, const UserRecord& user) {
  return st.bind(1, user.username)
      .bind(2, user.password_hash)
      .bind(3, kRoles.code(user.role))
      .bind(4, user.unit.value)
      .bind(5, user.disabled)
      .bind_text_or_null(6, user.totp_secret)
      .bind(7, user.totp_last_step);
}

}  // namespace

std::vector<UserRecord> SqliteStore::read_users(Stmt& st) {
  std::vector<UserRecord> out;
  while (st.step()) {
    UserRecord u;
    u.id = UserId(st.i64(0));
    u.username = st.text(1);
    u.password_hash = st.text(2);
    u.role = kRoles.find(st.text(3)).value_or(Role::kViewer);
    u.unit = UnitId(st.i64(4));
    u.disabled = st.i64(5) != 0;
    u.totp_secret = st.text(6);
    u.totp_last_step = st.i64(7);
    u.created_at = st.text(8);
    out.push_back(std::move(u));
  }
  Stmt v(db_->handle(), "SELECT village_id FROM user_villages WHERE user_id = ? ORDER BY village_id");
  for (auto& u : out) {
    v.bind(1, u.id.value);
    while (v.step()) u.villages.emplace_back(v.i64(0));
    v.reset();
  }
  return out;
}

std::optional<UserRecord> SqliteStore::find_user(UserId id) {
  Stmt st(db_->handle(), std::string(kUserColumns) + "WHERE id = ?");
  st.bind(1, id.value);
  auto users = read_users(st);
  if (users.empty()) return std::nullopt;
  return std::move(users.front());
}

std::optional<UserRecord> SqliteStore::find_user_by_name(std::string_view username) {
  Stmt st(db_->handle(), std::string(kUserColumns) + "WHERE username = ?");
  st.bind(1, username);
  auto users = read_users(st);
  if (users.empty()) return std::nullopt;
  return std::move(users.front());
}

std::vector<UserRecord> SqliteStore::load_users() {
  Stmt st(db_->handle(), std::string(kUserColumns) + "ORDER BY id");
  return read_users(st);
}

Status SqliteStore::write_villages(const UserRecord& user) {
  Stmt(db_->handle(), "DELETE FROM user_villages WHERE user_id = ?").bind(1, user.id.value).exec();
  Stmt st(db_->handle(), "INSERT OR IGNORE INTO user_villages(user_id, village_id) VALUES (?, ?)");
  for (UnitId v : user.villages) st.bind(1, user.id.value).bind(2, v.value).exec();
  return {};
}

Result<UserId> SqliteStore::insert_user(const UserRecord& user) {
  Stmt exists(db_->handle(), "SELECT 1 FROM users WHERE username = ?");
  exists.bind(1, user.username);
  if (exists.step())
    return Error{ErrorCode::kAlreadyExists, "username", "tên đăng nhập '" + user.username + "' đã có",
                 "the user name '" + user.username + "' is taken"};
  Stmt st(db_->handle(),
          "INSERT INTO users(username, password_hash, role, unit_id, disabled, totp_secret, totp_last_step, "
          "created_at) VALUES (?,?,?,?,?,?,?,?)");
  bind_user_fields(st, user).bind(8, user.created_at).exec();
  UserRecord with_id = user;
  with_id.id = UserId(sqlite3_last_insert_rowid(db_->handle()));
  if (auto s = write_villages(with_id); !s) return s.error();
  hash_user(with_id.id);
  return with_id.id;
}

Status SqliteStore::update_user(const UserRecord& user) {
  Stmt st(db_->handle(),
          "UPDATE users SET username = ?, password_hash = ?, role = ?, unit_id = ?, disabled = ?, totp_secret = ?, "
          "totp_last_step = ? WHERE id = ?");
  bind_user_fields(st, user).bind(8, user.id.value).exec();
  if (sqlite3_changes(db_->handle()) == 0)
    return Error::not_found("id", "không có người dùng " + std::to_string(user.id.value),
                            "no user " + std::to_string(user.id.value));
  if (auto s = write_villages(user); !s) return s;
  hash_user(user.id);
  return {};
}

std::optional<StaffId> SqliteStore::staff_of_user(UserId user) {
  Stmt st(db_->handle(), "SELECT staff_id FROM user_staff WHERE user_id = ?");
  st.bind(1, user.value);
  if (!st.step()) return std::nullopt;
  return StaffId(st.i64(0));
}

Status SqliteStore::set_user_staff(UserId user, StaffId staff) {
  if (!staff.valid()) {
    Stmt(db_->handle(), "DELETE FROM user_staff WHERE user_id = ?").bind(1, user.value).exec();
    return {};
  }
  Stmt(db_->handle(), "INSERT INTO user_staff(user_id, staff_id) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET "
                      "staff_id = excluded.staff_id")
      .bind(1, user.value)
      .bind(2, staff.value)
      .exec();
  return {};
}

void SqliteStore::hash_user(UserId id) {
  const HashedTable& t = hashed_table(kUserRecord);
  Stmt st(db_->handle(), std::string("SELECT ") + t.key + ", " + t.hash + " FROM users WHERE id = ?");
  st.bind(1, id.value);
  if (!st.step()) return;
  RowHashValue h{};
  const auto blob = st.blob(1);
  std::memcpy(h.data(), blob.data(), std::min(blob.size(), h.size()));
  hasher_.add(kUserRecord, st.i64(0), h);
}

Status SqliteStore::insert_session(const SessionRecord& s) {
  Stmt(db_->handle(),
       "INSERT INTO sessions(token_hash, user_id, created, last_seen, csrf_token) VALUES (?,?,?,?,?)")
      .bind(1, s.token_hash)
      .bind(2, s.user.value)
      .bind(3, s.created)
      .bind(4, s.last_seen)
      .bind(5, s.csrf_token)
      .exec();
  return {};
}

std::optional<SessionRecord> SqliteStore::find_session(std::string_view token_hash) {
  Stmt st(db_->handle(),
          "SELECT token_hash, user_id, created, last_seen, csrf_token FROM sessions WHERE token_hash = ?");
  st.bind(1, token_hash);
  if (!st.step()) return std::nullopt;
  return SessionRecord{std::string(st.text(0)), UserId(st.i64(1)), st.i64(2), st.i64(3), std::string(st.text(4))};
}

Status SqliteStore::touch_session(std::string_view token_hash, int64_t last_seen) {
  Stmt(db_->handle(), "UPDATE sessions SET last_seen = ? WHERE token_hash = ?")
      .bind(1, last_seen)
      .bind(2, token_hash)
      .exec();
  return {};
}

Status SqliteStore::delete_session(std::string_view token_hash) {
  Stmt(db_->handle(), "DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).exec();
  return {};
}

Status SqliteStore::delete_sessions_of(UserId user) {
  Stmt(db_->handle(), "DELETE FROM sessions WHERE user_id = ?").bind(1, user.value).exec();
  return {};
}

Status SqliteStore::delete_stale_sessions(int64_t created_before, int64_t seen_before) {
  Stmt(db_->handle(), "DELETE FROM sessions WHERE created < ? OR last_seen < ?")
      .bind(1, created_before)
      .bind(2, seen_before)
      .exec();
  return {};
}

Status SqliteStore::insert_write_key(const WriteKeyRecord& k) {
  Stmt taken(db_->handle(), "SELECT 1 FROM write_keys WHERE user_id = ? AND key = ?");
  taken.bind(1, k.user.value).bind(2, k.key);
  if (taken.step())
    return Error{ErrorCode::kAlreadyExists, "Idempotency-Key", "khóa gửi lại này đã được dùng",
                 "this idempotency key has been used"};
  Stmt(db_->handle(),
       "INSERT INTO write_keys(user_id, key, fingerprint, answer, record, status, created_at) VALUES (?,?,?,?,?,?,?)")
      .bind(1, k.user.value)
      .bind(2, k.key)
      .bind(3, k.fingerprint)
      .bind(4, k.answer)
      .bind(5, k.record)
      .bind(6, int64_t(k.status))
      .bind(7, k.created_at)
      .exec();
  return {};
}

std::optional<WriteKeyRecord> SqliteStore::find_write_key(UserId user, std::string_view key) {
  Stmt st(db_->handle(),
          "SELECT fingerprint, answer, record, status, created_at FROM write_keys WHERE user_id = ? AND key = ?");
  st.bind(1, user.value).bind(2, key);
  if (!st.step()) return std::nullopt;
  return WriteKeyRecord{user,         std::string(key),        std::string(st.text(0)), std::string(st.text(1)),
                        st.i64(2),    int(st.i64(3)),          std::string(st.text(4))};
}

Status SqliteStore::append_audit(const AuditRecord& e) {
  // The entry holds the rows written since the last one, or none was written.
  const RecordsDigest pending = hasher_.pending();
  if (e.records != pending.count || e.records_digest != pending.digest ||
      (pending.count > 0 && e.seq != hasher_.pending_seq()))
    return Error{ErrorCode::kInternal, "audit", "mục nhật ký không ghi đúng các bản ghi vừa lưu",
                 "the audit entry does not hold the records just written"};
  Stmt(db_->handle(),
       "INSERT INTO audit(seq, at, actor_id, actor, action, kind, record, unit_id, before, after, prev_hash, hash, "
       "records, records_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, e.seq)
      .bind(2, e.at)
      .bind_id(3, e.actor.value)
      .bind(4, e.actor_name)
      .bind(5, e.action)
      .bind(6, e.kind)
      .bind(7, e.record)
      .bind_id(8, e.unit.value)
      .bind_text_or_null(9, e.before)
      .bind_text_or_null(10, e.after)
      .bind(11, e.prev_hash)
      .bind(12, e.hash)
      .bind(13, e.records)
      .bind_text_or_null(14, e.records_digest)
      .exec();
  hasher_.bound();
  return {};
}

std::optional<std::string> SqliteStore::audit_hash_of(int64_t seq) {
  Stmt st(db_->handle(), "SELECT hash FROM audit WHERE seq = ?");
  st.bind(1, seq);
  if (!st.step()) return std::nullopt;
  return std::string(st.text(0));
}

std::vector<std::string> SqliteStore::missing_audit_schema() {
  std::vector<std::string> missing;
  Stmt st(db_->handle(), "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?");
  const std::pair<const char*, const char*> wanted[] = {
      {"table", "audit"},
      {"table", "audit_head"},
      {"table", "record_hashes"},
      {"trigger", "audit_no_update"},
      {"trigger", "audit_no_delete"},
      {"trigger", "audit_head_follows"},
  };
  for (const auto& [type, name] : wanted) {
    st.bind(1, type).bind(2, name);
    if (!st.step()) missing.emplace_back(name);
    st.reset();
  }
  return missing;
}

RecordsDigest SqliteStore::pending_records() { return hasher_.pending(); }

RecordScan SqliteStore::scan_records(size_t keep_findings) {
  RecordScan scan;
  read_consistently([&] { scan = scan_record_hashes(*db_, keep_findings); });
  return scan;
}

std::optional<AuditHead> SqliteStore::audit_head() {
  Stmt st(db_->handle(), "SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!st.step()) return std::nullopt;
  return AuditHead{st.i64(0), std::string(st.text(1))};
}

void SqliteStore::for_each_audit(const std::function<void(const AuditRecord&)>& fn) {
  Stmt st(db_->handle(), std::string(kAuditColumns) + "ORDER BY seq");
  while (st.step()) fn(read_audit(st));
}

void SqliteStore::for_each_audit_newest(int64_t before_seq, const std::function<bool(const AuditRecord&)>& fn) {
  Stmt st(db_->handle(), std::string(kAuditColumns) + "WHERE seq < ? ORDER BY seq DESC");
  st.bind(1, before_seq > 0 ? before_seq : INT64_MAX);
  while (st.step())
    if (!fn(read_audit(st))) break;
}

std::vector<AuditRecord> SqliteStore::audit_of_record(std::string_view kind, std::string_view record) {
  Stmt st(db_->handle(), std::string(kAuditColumns) + "WHERE kind = ? AND record = ? ORDER BY seq");
  st.bind(1, kind).bind(2, record);
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(read_audit(st));
  return out;
}

}  // namespace danso::sqlite

// Users, sessions, idempotency keys and the audit log of the PostgreSQL
// adapter.
#include <climits>

#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

constexpr const char* kPgUserColumns =
    "SELECT id, username, password_hash, role, unit_id, disabled, COALESCE(totp_secret, ''), totp_last_step, "
    "danso_instant(created_at) FROM users ";

constexpr const char* kPgAuditColumns =
    "SELECT seq, danso_instant(at), actor_id, actor, action, kind, record, unit_id, COALESCE(before, ''), "
    "COALESCE(after, ''), prev_hash, hash, records, COALESCE(records_digest, '') FROM audit ";

AuditRecord pg_read_audit(const PgRow& st) {
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

// $1 to $7: the columns an insert and an update share, in order.
Params& pg_user_fields(Params& p, const UserRecord& user) {
  return p.add(user.username)
      .add(user.password_hash)
      .add(std::string(kRoles.code(user.role)))
      .add(user.unit.value)
      .add(user.disabled)
      .text_or_null(user.totp_secret)
      .add(user.totp_last_step);
}

}  // namespace

std::vector<UserRecord> PgStore::read_users(const PgResult& r) {
  std::vector<UserRecord> out;
  for (int i = 0; i < r.rows(); ++i) {
    UserRecord u;
    u.id = UserId(r.i64(i, 0));
    u.username = r.text(i, 1);
    u.password_hash = r.text(i, 2);
    u.role = kRoles.find(r.text(i, 3)).value_or(Role::kViewer);
    u.unit = UnitId(r.i64(i, 4));
    u.disabled = r.boolean(i, 5);
    u.totp_secret = r.text(i, 6);
    u.totp_last_step = r.i64(i, 7);
    u.created_at = r.text(i, 8);
    out.push_back(std::move(u));
  }
  for (auto& u : out) {
    PgResult v = conn_->query("SELECT village_id FROM user_villages WHERE user_id = $1 ORDER BY village_id",
                              Params().add(u.id.value));
    for (int i = 0; i < v.rows(); ++i) u.villages.emplace_back(v.i64(i, 0));
  }
  return out;
}

std::optional<UserRecord> PgStore::find_user(UserId id) {
  auto users = read_users(conn_->query(std::string(kPgUserColumns) + "WHERE id = $1", Params().add(id.value)));
  if (users.empty()) return std::nullopt;
  return std::move(users.front());
}

// Names are compared without regard to ASCII case, as SQLite's NOCASE does
// (the unique index users_username, migration 3).
std::optional<UserRecord> PgStore::find_user_by_name(std::string_view username) {
  auto users = read_users(conn_->query(
      std::string(kPgUserColumns) + "WHERE danso_ascii_lower(username) = danso_ascii_lower($1)", Params().add(username)));
  if (users.empty()) return std::nullopt;
  return std::move(users.front());
}

std::vector<UserRecord> PgStore::load_users() {
  return read_users(conn_->query(std::string(kPgUserColumns) + "ORDER BY id"));
}

void PgStore::write_villages(const UserRecord& user) {
  conn_->query("DELETE FROM user_villages WHERE user_id = $1", Params().add(user.id.value));
  for (UnitId v : user.villages)
    conn_->query("INSERT INTO user_villages(user_id, village_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                 Params().add(user.id.value).add(v.value));
}

Result<UserId> PgStore::insert_user(const UserRecord& user) {
  if (conn_->query("SELECT 1 FROM users WHERE danso_ascii_lower(username) = danso_ascii_lower($1)",
                   Params().add(user.username))
          .rows())
    return Error{ErrorCode::kAlreadyExists, "username", "tên đăng nhập '" + user.username + "' đã có",
                 "the user name '" + user.username + "' is taken"};
  // The next id after the largest, as SQLite gives a rowid (writers hold
  // the writer's lock, pg_store.cpp).
  Params p;
  pg_user_fields(p, user).instant(user.created_at);
  PgResult r = conn_->query(
      "INSERT INTO users(id, username, password_hash, role, unit_id, disabled, totp_secret, totp_last_step, "
      "created_at) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM users), $1, $2, $3, $4, $5, $6, $7, $8) "
      "RETURNING id",
      p);
  UserRecord with_id = user;
  with_id.id = UserId(r.i64(0, 0));
  write_villages(with_id);
  hash_user(with_id.id);
  return with_id.id;
}

Status PgStore::update_user(const UserRecord& user) {
  Params p;
  pg_user_fields(p, user).add(user.id.value);
  PgResult r = conn_->query(
      "UPDATE users SET username = $1, password_hash = $2, role = $3, unit_id = $4, disabled = $5, "
      "totp_secret = $6, totp_last_step = $7 WHERE id = $8",
      p);
  if (r.affected() == 0)
    return Error::not_found("id", "không có người dùng " + std::to_string(user.id.value),
                            "no user " + std::to_string(user.id.value));
  write_villages(user);
  hash_user(user.id);
  return {};
}

std::optional<StaffId> PgStore::staff_of_user(UserId user) {
  PgResult r = conn_->query("SELECT staff_id FROM user_staff WHERE user_id = $1", Params().add(user.value));
  if (!r.rows()) return std::nullopt;
  return StaffId(r.i64(0, 0));
}

Status PgStore::set_user_staff(UserId user, StaffId staff) {
  if (!staff.valid()) {
    conn_->query("DELETE FROM user_staff WHERE user_id = $1", Params().add(user.value));
    return {};
  }
  conn_->query(
      "INSERT INTO user_staff(user_id, staff_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET "
      "staff_id = EXCLUDED.staff_id",
      Params().add(user.value).add(staff.value));
  return {};
}

// A user's hash, as SQLite's danso_row_hash computes it from the stored
// row (record_hashes.cpp): the columns in order, flags as integers, the
// instant as text, then the villages joined by commas (NULL with none).
void PgStore::hash_user(UserId id) {
  PgResult r = conn_->query(
      "SELECT id, username, password_hash, role, unit_id, disabled, totp_secret, totp_last_step, "
      "danso_instant(created_at), (SELECT string_agg(village_id::text, ',' ORDER BY village_id) FROM user_villages "
      "WHERE user_id = users.id) FROM users WHERE id = $1",
      Params().add(id.value));
  if (!r.rows()) return;
  sqlite::RowHash h;
  h.integer(r.i64(0, 0)).text(r.text(0, 1)).text(r.text(0, 2)).text(r.text(0, 3)).integer(r.i64(0, 4));
  h.integer(r.boolean(0, 5) ? 1 : 0);
  if (r.is_null(0, 6)) h.null(); else h.text(r.text(0, 6));
  h.integer(r.i64(0, 7)).text(r.text(0, 8));
  if (r.is_null(0, 9)) h.null(); else h.text(r.text(0, 9));
  hasher_.add(sqlite::kUserRecord, r.i64(0, 0), h.finish());
}

Status PgStore::insert_session(const SessionRecord& s) {
  conn_->query("INSERT INTO sessions(token_hash, user_id, created, last_seen, csrf_token) VALUES ($1,$2,$3,$4,$5)",
               Params().add(s.token_hash).add(s.user.value).add(s.created).add(s.last_seen).add(s.csrf_token));
  return {};
}

std::optional<SessionRecord> PgStore::find_session(std::string_view token_hash) {
  PgResult r = conn_->query(
      "SELECT token_hash, user_id, created, last_seen, csrf_token FROM sessions WHERE token_hash = $1",
      Params().add(token_hash));
  if (!r.rows()) return std::nullopt;
  return SessionRecord{std::string(r.text(0, 0)), UserId(r.i64(0, 1)), r.i64(0, 2), r.i64(0, 3),
                       std::string(r.text(0, 4))};
}

Status PgStore::touch_session(std::string_view token_hash, int64_t last_seen) {
  conn_->query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2", Params().add(last_seen).add(token_hash));
  return {};
}

Status PgStore::delete_session(std::string_view token_hash) {
  conn_->query("DELETE FROM sessions WHERE token_hash = $1", Params().add(token_hash));
  return {};
}

Status PgStore::delete_sessions_of(UserId user) {
  conn_->query("DELETE FROM sessions WHERE user_id = $1", Params().add(user.value));
  return {};
}

Status PgStore::delete_stale_sessions(int64_t created_before, int64_t seen_before) {
  conn_->query("DELETE FROM sessions WHERE created < $1 OR last_seen < $2",
               Params().add(created_before).add(seen_before));
  return {};
}

Status PgStore::insert_write_key(const WriteKeyRecord& k) {
  if (conn_->query("SELECT 1 FROM write_keys WHERE user_id = $1 AND key = $2", Params().add(k.user.value).add(k.key))
          .rows())
    return Error{ErrorCode::kAlreadyExists, "Idempotency-Key", "khóa gửi lại này đã được dùng",
                 "this idempotency key has been used"};
  conn_->query(
      "INSERT INTO write_keys(user_id, key, fingerprint, answer, record, status, created_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7)",
      Params().add(k.user.value).add(k.key).add(k.fingerprint).add(k.answer).add(k.record).add(k.status).instant(
          k.created_at));
  return {};
}

std::optional<WriteKeyRecord> PgStore::find_write_key(UserId user, std::string_view key) {
  PgResult r = conn_->query(
      "SELECT fingerprint, answer, record, status, danso_instant(created_at) FROM write_keys "
      "WHERE user_id = $1 AND key = $2",
      Params().add(user.value).add(key));
  if (!r.rows()) return std::nullopt;
  return WriteKeyRecord{user,        std::string(key),     std::string(r.text(0, 0)), std::string(r.text(0, 1)),
                        r.i64(0, 2), int(r.i64(0, 3)),     std::string(r.text(0, 4))};
}

Status PgStore::append_audit(const AuditRecord& e) {
  // The entry holds the rows written since the last one, or none was written.
  const RecordsDigest pending = hasher_.pending();
  if (e.records != pending.count || e.records_digest != pending.digest ||
      (pending.count > 0 && e.seq != hasher_.pending_seq()))
    return Error{ErrorCode::kInternal, "audit", "mục nhật ký không ghi đúng các bản ghi vừa lưu",
                 "the audit entry does not hold the records just written"};
  conn_->query(
      "INSERT INTO audit(seq, at, actor_id, actor, action, kind, record, unit_id, before, after, prev_hash, hash, "
      "records, records_digest) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
      Params()
          .add(e.seq)
          .instant(e.at)
          .id(e.actor.value)
          .add(e.actor_name)
          .add(e.action)
          .add(e.kind)
          .add(e.record)
          .id(e.unit.value)
          .text_or_null(e.before)
          .text_or_null(e.after)
          .add(e.prev_hash)
          .add(e.hash)
          .add(e.records)
          .text_or_null(e.records_digest));
  hasher_.bound();
  return {};
}

std::optional<std::string> PgStore::audit_hash_of(int64_t seq) {
  PgResult r = conn_->query("SELECT hash FROM audit WHERE seq = $1", Params().add(seq));
  if (!r.rows()) return std::nullopt;
  return std::string(r.text(0, 0));
}

// The tables and triggers that keep the log append-only and its head, as
// the catalog lists them (a trigger dropped or disabled is missing).
std::vector<std::string> PgStore::missing_audit_schema() {
  std::vector<std::string> missing;
  for (const char* table : {"audit", "audit_head", "record_hashes"})
    if (conn_->query("SELECT to_regclass($1) IS NULL", Params().add(table)).boolean(0, 0)) missing.emplace_back(table);
  for (const char* trigger : {"audit_no_update", "audit_no_delete", "audit_head_follows"})
    if (!conn_->query("SELECT 1 FROM pg_trigger WHERE tgname = $1 AND tgrelid = to_regclass('audit') "
                      "AND tgenabled <> 'D'",
                      Params().add(trigger))
             .rows())
      missing.emplace_back(trigger);
  return missing;
}

RecordsDigest PgStore::pending_records() { return hasher_.pending(); }

std::optional<AuditHead> PgStore::audit_head() {
  PgResult r = conn_->query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!r.rows()) return std::nullopt;
  return AuditHead{r.i64(0, 0), std::string(r.text(0, 1))};
}

void PgStore::for_each_audit(const std::function<void(const AuditRecord&)>& fn) {
  conn_->stream(std::string(kPgAuditColumns) + "ORDER BY seq", {}, [&](const PgRow& r) { fn(pg_read_audit(r)); });
}

void PgStore::for_each_audit_newest(int64_t before_seq, const std::function<bool(const AuditRecord&)>& fn) {
  // Read a page at a time, newest first, until `fn` has had enough.
  int64_t below = before_seq > 0 ? before_seq : INT64_MAX;
  for (;;) {
    PgResult r = conn_->query(std::string(kPgAuditColumns) + "WHERE seq < $1 ORDER BY seq DESC LIMIT 256",
                              Params().add(below));
    for (int i = 0; i < r.rows(); ++i) {
      const AuditRecord e = pg_read_audit(PgRow{r, i});
      if (!fn(e)) return;
      below = e.seq;
    }
    if (r.rows() < 256) return;
  }
}

std::vector<AuditRecord> PgStore::audit_of_record(std::string_view kind, std::string_view record) {
  PgResult r = conn_->query(std::string(kPgAuditColumns) + "WHERE kind = $1 AND record = $2 ORDER BY seq",
                            Params().add(kind).add(record));
  std::vector<AuditRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_audit(PgRow{r, i}));
  return out;
}

}  // namespace danso::pg

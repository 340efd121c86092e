#include "app/accounts/accounts.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/accounts/session_cache.h"
#include "app/accounts/totp.h"
#include "core/password_policy.h"

namespace danso::accounts {

AuditRecord audit_entry(Actor actor, std::string at, std::string action, std::string kind, std::string record,
                        UnitId unit) {
  AuditRecord e;
  e.at = std::move(at);
  e.actor_name = actor ? actor->username : kCommandLineActor;
  if (actor) e.actor = actor->user;
  e.action = std::move(action);
  e.kind = std::move(kind);
  e.record = std::move(record);
  e.unit = unit;
  return e;
}

namespace {

constexpr int64_t kTouchEvery = 60;  // seconds between last_seen updates of a session

// The same answer for a unit that does not exist and one outside the
// scope; the command line, which sees every unit, is told the code too.
Error not_found_unit(Actor actor, std::string_view field, std::string_view code) {
  if (actor) return Error::not_found(std::string(field), "không tìm thấy đơn vị", "unit not found");
  return Error::not_found(std::string(field), "không tìm thấy đơn vị '" + std::string(code) + "'",
                          "unit '" + std::string(code) + "' not found");
}

Error not_above(const char* field) {
  return Error{ErrorCode::kPermissionDenied, field,
               "chỉ người dùng ở đơn vị cấp trên (hoặc quản trị hệ thống) mới quản lý người dùng của một đơn vị",
               "only a user of a unit above (or an administrator) manages the users of a unit"};
}

Error user_not_found() { return Error::not_found("id", "không tìm thấy người dùng", "user not found"); }

std::string normalize_username(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

Status check_username(std::string_view name) {
  const bool chars_ok = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (name.size() < 3 || name.size() > 64 || !chars_ok || name.front() == '.' || name.front() == '-')
    return Error::invalid("username",
                          "tên đăng nhập gồm 3 đến 64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang",
                          "a user name has 3 to 64 characters a-z, 0-9, dot, underscore, hyphen");
  return {};
}

}  // namespace

Date date_of(int64_t unix_seconds) {
  const int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
  return Date::from_days(int32_t(days));
}

std::string iso_instant(int64_t t) {
  const Date d = date_of(t);
  const int64_t s = t - int64_t(d.days()) * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", int(s / 3600), int(s / 60 % 60), int(s % 60));
  return d.iso() + buf;
}

namespace {
UnitTree load_tree(Store& store, std::mutex& mu) {
  std::lock_guard<std::mutex> lock(mu);
  return UnitTree(store.load_units(), store.load_unit_links());
}
}  // namespace

Accounts::Accounts(Store& store, std::mutex& store_mu, Options options)
    : store_(store),
      mu_(store_mu),
      options_(options),
      units_(load_tree(store, store_mu)),
      sessions_(std::make_unique<SessionCache>(options.session_recheck)) {}

Accounts::~Accounts() = default;

bool Accounts::throttled(Throttle& t, const std::string& key, int limit, int64_t now) {
  auto it = t.failures.find(key);
  if (it == t.failures.end()) return false;
  auto& q = it->second;
  while (!q.empty() && q.front() <= now - options_.throttle_window) q.pop_front();
  if (q.empty()) {
    t.failures.erase(it);
    return false;
  }
  return int(q.size()) >= limit;
}

void Accounts::record_failure(Throttle& t, const std::string& key, int64_t now) {
  if (t.failures.size() > 100000)  // many names tried: forget the ones past the window
    std::erase_if(t.failures, [&](const auto& kv) { return kv.second.back() <= now - options_.throttle_window; });
  t.failures[key].push_back(now);
}

Result<SignedIn> Accounts::sign_in(const SignInRequest& r, int64_t now) {
  const std::string name = normalize_username(r.username);
  const Error wrong{ErrorCode::kUnauthenticated, "", "tên đăng nhập hoặc mật khẩu không đúng",
                    "wrong user name or password"};
  std::optional<UserRecord> user;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (throttled(by_user_, name, options_.user_failures, now) ||
        throttled(by_address_, r.remote, options_.address_failures, now))
      return Error{ErrorCode::kResourceExhausted, "", "quá nhiều lần đăng nhập sai; hãy thử lại sau ít phút",
                   "too many failed sign-ins; try again in a few minutes"};
    user = store_.find_user_by_name(name);
  }
  // The same work whether the name is known or not: an unknown one is
  // checked against a hash of a random password.
  std::call_once(dummy_once_, [this] { dummy_hash_ = hash_password(random_token()); });
  const bool password_ok = verify_password(user ? user->password_hash : dummy_hash_, r.password);
  auto fail = [&](Error e) -> Result<SignedIn> {
    std::lock_guard<std::mutex> lock(mu_);
    record_failure(by_user_, name, now);
    record_failure(by_address_, r.remote, now);
    return e;
  };
  if (!user || user->disabled || !password_ok) return fail(wrong);

  int64_t step = 0;
  if (!user->totp_secret.empty()) {
    if (r.totp.empty())
      return Error{ErrorCode::kUnauthenticated, "totp", "cần mã xác thực hai bước (TOTP)",
                   "a two-step verification code (TOTP) is required"};
    const auto key = base32_decode(user->totp_secret);
    const auto accepted = key ? totp_accept(*key, r.totp, now, user->totp_last_step) : std::nullopt;
    if (!accepted)
      return fail(Error{ErrorCode::kUnauthenticated, "totp", "mã xác thực hai bước không đúng",
                        "wrong two-step verification code"});
    step = *accepted;
  }

  SignedIn out;
  out.token = random_token();
  SessionRecord session{sha256_hex(out.token), user->id, now, now, random_token()};
  std::lock_guard<std::mutex> lock(mu_);
  auto tx = store_.begin();
  if (step > 0) {
    auto fresh = store_.find_user(user->id);
    if (!fresh || step <= fresh->totp_last_step)
      return Error{ErrorCode::kUnauthenticated, "totp", "mã xác thực hai bước đã được dùng",
                   "this two-step verification code was used already"};
    fresh->totp_last_step = step;
    if (auto s = store_.update_user(*fresh); !s) return s.error();
  }
  if (!r.previous_token.empty()) {
    sessions_->drop(sha256_hex(r.previous_token));
    if (auto s = store_.delete_session(sha256_hex(r.previous_token)); !s) return s.error();
  }
  if (auto s = store_.delete_stale_sessions(now - options_.absolute_timeout, now - options_.idle_timeout); !s)
    return s.error();
  if (auto s = store_.insert_session(session); !s) return s.error();
  out.principal = {user->id,           user->username, user->role, user->unit, user->villages, session.token_hash,
                   session.csrf_token, now};
  if (auto s = audit(&out.principal, "sign_in", "session", std::to_string(user->id.value), user->unit, "",
                     nlohmann::json{{"user", user->username}}.dump(), now);
      !s)
    return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  by_user_.failures.erase(name);
  return out;
}

std::optional<Principal> Accounts::authenticate(std::string_view token, int64_t now) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = sha256_hex(token);
  if (auto p = sessions_->find(hash, now, options_.absolute_timeout, true)) return p;
  std::lock_guard<std::mutex> lock(mu_);
  const auto s = store_.find_session(hash);
  if (!s) {
    sessions_->drop(hash);
    return std::nullopt;
  }
  if (now - s->created >= options_.absolute_timeout || now - s->last_seen >= options_.idle_timeout) {
    sessions_->drop(hash);
    (void)store_.delete_session(hash);
    return std::nullopt;
  }
  const auto u = store_.find_user(s->user);
  if (!u || u->disabled) {
    sessions_->drop_user(s->user);
    (void)store_.delete_sessions_of(s->user);
    return std::nullopt;
  }
  // Trusted from memory for a few seconds; `last_seen` is written at least
  // every kTouchEvery seconds, so the idle timeout counts from the store.
  if (now - s->last_seen >= std::max<int64_t>(0, kTouchEvery - options_.session_recheck))
    (void)store_.touch_session(hash, now);
  Principal p{u->id, u->username, u->role, u->unit, u->villages, hash, s->csrf_token, s->created};
  sessions_->put(p, now);
  return p;
}

std::optional<Principal> Accounts::authenticate_cached(std::string_view token, int64_t now) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  return sessions_->find(sha256_hex(token), now, options_.absolute_timeout, false);
}

Status Accounts::sign_out(const Principal& p, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_->drop(p.session);
  auto tx = store_.begin();
  if (auto s = store_.delete_session(p.session); !s) return s;
  if (auto s = audit(&p, "sign_out", "session", std::to_string(p.user.value), p.unit,
                     nlohmann::json{{"user", p.username}}.dump(), "", now);
      !s)
    return s;
  return tx.commit();
}

bool Accounts::scope_has(const Principal& p, UnitId unit, Date on) const {
  if (p.role == Role::kCollaborator)
    return std::any_of(p.villages.begin(), p.villages.end(), [&](UnitId v) { return units_.within(unit, v, on); });
  return units_.within(unit, p.unit, on);
}

bool Accounts::in_scope(const Principal& p, UnitId unit, Date on) const {
  return scope_has(p, unit, on);
}

bool Accounts::unit_visible(const Principal& p, std::string_view code, Date on) const {
  const OrgUnit* u = units_.resolve(code, on);
  return u && scope_has(p, u->id, on);
}

UnitId Accounts::resolve_unit(std::string_view code, Date on) const {
  const OrgUnit* u = units_.resolve(code, on);
  return u ? u->id : UnitId();
}

bool Accounts::user_visible(const Principal& p, UserId id, Date on) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto u = store_.find_user(id);
  return u && scope_has(p, u->unit, on);
}

bool Accounts::manages(const Principal& p, UnitId unit, Date on) const {
  return scope_has(p, unit, on) && (p.role == Role::kAdministrator || unit != p.unit);
}

Status Accounts::check_grant(Actor actor, Role role) const {
  if (!actor || may_grant(actor->role, role)) return {};
  return Error{ErrorCode::kPermissionDenied, "role",
               "bạn không được cấp vai trò '" + std::string(kRoles.code(role)) + "'",
               "you may not grant the role '" + std::string(kRoles.code(role)) + "'"};
}

Result<UnitId> Accounts::unit_for(Actor actor, std::string_view code, Date on) const {
  const OrgUnit* u = units_.resolve(code, on);
  if (!u || (actor && !scope_has(*actor, u->id, on))) return not_found_unit(actor, "unit", code);
  return u->id;
}

Result<std::vector<UnitId>> Accounts::villages_for(Actor actor, UnitId unit, const std::vector<std::string>& codes,
                                                   Date on) const {
  std::vector<UnitId> out;
  for (const auto& code : codes) {
    const OrgUnit* v = units_.resolve(code, on);
    if (!v || v->kind != UnitKind::kVillage || !units_.within(v->id, unit, on) ||
        (actor && !scope_has(*actor, v->id, on)))
      return not_found_unit(actor, "villages", code);
    out.push_back(v->id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

nlohmann::ordered_json Accounts::user_object(const UserRecord& u) const {
  const OrgUnit* unit = units_.find(u.unit);
  nlohmann::ordered_json villages = nlohmann::ordered_json::array();
  for (UnitId v : u.villages)
    if (const OrgUnit* o = units_.find(v)) villages.push_back(o->code);
  return {{"id", u.id.value},
          {"username", u.username},
          {"role", kRoles.code(u.role)},
          {"unit", unit ? unit->code : ""},
          {"unit_name", unit ? unit->name : ""},
          {"villages", villages},
          {"disabled", u.disabled},
          {"totp", !u.totp_secret.empty()},
          {"created_at", u.created_at}};
}

nlohmann::ordered_json Accounts::user_json(const UserRecord& u) const {
  std::lock_guard<std::mutex> lock(mu_);
  return user_object(u);
}

Status Accounts::audit(Actor actor, std::string action, std::string kind, std::string record, UnitId unit,
                       std::string before, std::string after, int64_t now) {
  AuditRecord e = audit_entry(actor, iso_instant(now), std::move(action), std::move(kind), std::move(record), unit);
  e.before = std::move(before);
  e.after = std::move(after);
  return append_audit(store_, std::move(e));
}

Result<UserRecord> Accounts::create_user(Actor actor, const NewUser& nu, int64_t now) {
  const std::string name = normalize_username(nu.username);
  if (auto s = check_username(name); !s) return s.error();
  auto role = kRoles.parse(nu.role, "role");
  if (!role) return role.error();
  if (auto s = check_password(nu.password, name); !s) return s.error();
  const Date on = date_of(now);
  UserRecord rec;
  rec.username = name;
  rec.role = *role;
  rec.created_at = iso_instant(now);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto s = check_grant(actor, *role); !s) return s.error();
    auto unit = unit_for(actor, nu.unit, on);
    if (!unit) return unit.error();
    if (actor && !manages(*actor, *unit, on)) return not_above("unit");
    rec.unit = *unit;
    if (!nu.villages.empty() && *role != Role::kCollaborator)
      return Error::invalid("villages", "chỉ cộng tác viên được giao thôn", "only collaborators are assigned villages");
    auto villages = villages_for(actor, rec.unit, nu.villages, on);
    if (!villages) return villages.error();
    rec.villages = std::move(*villages);
  }
  rec.password_hash = hash_password(nu.password);
  std::lock_guard<std::mutex> lock(mu_);
  auto tx = store_.begin();
  auto id = store_.insert_user(rec);
  if (!id) return id.error();
  rec.id = *id;
  if (auto s = audit(actor, "create", "user", std::to_string(rec.id.value), rec.unit, "", user_object(rec).dump(), now);
      !s)
    return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return rec;
}

Result<UserRecord> Accounts::update_user(Actor actor, UserId id, const UserChange& c, int64_t now) {
  const Date on = date_of(now);
  std::string new_hash;
  if (c.password) {
    std::string username;
    {
      std::lock_guard<std::mutex> lock(mu_);
      const auto u = store_.find_user(id);
      if (!u || (actor && !scope_has(*actor, u->unit, on))) return user_not_found();
      if (actor && actor->user != id && !manages(*actor, u->unit, on)) return not_above("id");  // before hashing
      username = u->username;
    }
    if (auto s = check_password(*c.password, username); !s) return s.error();
    new_hash = hash_password(*c.password);
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto u = store_.find_user(id);
  if (!u || (actor && !scope_has(*actor, u->unit, on))) return user_not_found();
  // The unit named is found like the user (unknown or outside the scope:
  // not found) before anything is refused.
  std::optional<UnitId> new_unit;
  if (c.unit) {
    auto unit = unit_for(actor, *c.unit, on);
    if (!unit) return unit.error();
    new_unit = *unit;
  }
  if (actor) {
    // A user changes their own password themselves (and nothing else of
    // their own); anyone else is changed only from a unit above them.
    if (actor->user != id && !manages(*actor, u->unit, on)) return not_above("id");
    if (!may_grant(actor->role, u->role))
      return Error{ErrorCode::kPermissionDenied, "id",
                   "bạn không được sửa người dùng có vai trò '" + std::string(kRoles.code(u->role)) + "'",
                   "you may not change a user with the role '" + std::string(kRoles.code(u->role)) + "'"};
    if (actor->user == id && (c.disabled || c.role || c.unit || c.villages))
      return Error{ErrorCode::kPermissionDenied, "id",
                   "bạn không được tự đổi vai trò, đơn vị, thôn hay khoá chính mình",
                   "you may not change your own role, unit or villages, nor disable yourself"};
  }
  UserRecord next = *u;
  if (c.role) {
    auto role = kRoles.parse(*c.role, "role");
    if (!role) return role.error();
    if (auto s = check_grant(actor, *role); !s) return s.error();
    next.role = *role;
  }
  if (new_unit) {
    if (actor && !manages(*actor, *new_unit, on)) return not_above("unit");
    next.unit = *new_unit;
  }
  if (c.villages) {
    if (next.role != Role::kCollaborator && !c.villages->empty())
      return Error::invalid("villages", "chỉ cộng tác viên được giao thôn", "only collaborators are assigned villages");
    auto villages = villages_for(actor, next.unit, *c.villages, on);
    if (!villages) return villages.error();
    next.villages = std::move(*villages);
  } else if (next.role != Role::kCollaborator || next.unit != u->unit) {
    next.villages.clear();
  }
  if (c.disabled) next.disabled = *c.disabled;
  if (c.password) next.password_hash = new_hash;

  auto tx = store_.begin();
  if (auto s = store_.update_user(next); !s) return s.error();
  const bool rights_changed = next.role != u->role || next.unit != u->unit || next.villages != u->villages;
  if (c.password || next.disabled || rights_changed) {
    sessions_->drop_user(id);
    if (auto s = store_.delete_sessions_of(id); !s) return s.error();
  }
  auto after = user_object(next);
  if (c.password) after["password"] = "reset";
  if (auto s = audit(actor, "update", "user", std::to_string(id.value), next.unit, user_object(*u).dump(),
                     after.dump(), now);
      !s)
    return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return next;
}

std::vector<UserRecord> Accounts::users_in_scope(const Principal& p, UnitId under, Date on) {
  std::lock_guard<std::mutex> lock(mu_);
  const UnitId root = under.valid() ? under : p.unit;
  std::vector<UserRecord> out;
  for (auto& u : store_.load_users())
    if (units_.within(u.unit, root, on) && scope_has(p, u.unit, on)) out.push_back(std::move(u));
  return out;
}

std::optional<UserRecord> Accounts::find_user(UserId id) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_.find_user(id);
}

Result<std::string> Accounts::set_totp_secret(Actor actor, std::string_view username, int64_t now) {
  const std::string secret = base32_encode(random_bytes(20));
  std::lock_guard<std::mutex> lock(mu_);
  auto u = store_.find_user_by_name(normalize_username(username));
  if (!u || (actor && !scope_has(*actor, u->unit, date_of(now))))
    return Error::not_found("username", "không tìm thấy người dùng", "user not found");
  if (actor && !manages(*actor, u->unit, date_of(now))) return not_above("username");
  auto tx = store_.begin();
  const std::string before = user_object(*u).dump();
  u->totp_secret = secret;
  u->totp_last_step = 0;
  if (auto s = store_.update_user(*u); !s) return s.error();
  sessions_->drop_user(u->id);
  if (auto s = store_.delete_sessions_of(u->id); !s) return s.error();
  if (auto s = audit(actor, "set_totp", "user", std::to_string(u->id.value), u->unit, before, user_object(*u).dump(),
                     now);
      !s)
    return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return secret;
}

Status Accounts::set_user_staff(Actor actor, std::string_view username, StaffId staff, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto u = store_.find_user_by_name(normalize_username(username));
  if (!u || (actor && !scope_has(*actor, u->unit, date_of(now))))
    return Error::not_found("username", "không tìm thấy người dùng", "user not found");
  if (actor && !manages(*actor, u->unit, date_of(now))) return not_above("username");
  if (staff.valid()) {
    Principal as_user;
    as_user.user = u->id;
    as_user.role = u->role;
    as_user.unit = u->unit;
    as_user.villages = u->villages;
    bool seen = false;
    for (UnitId unit : store_.staff_units(staff)) seen = seen || scope_has(as_user, unit, date_of(now));
    if (!seen)
      return Error::not_found("staff", "không có cán bộ mã này trong đơn vị của người dùng",
                              "no staff member with this id in the user's unit");
  }
  const auto before = store_.staff_of_user(u->id);
  const auto id_json = [](std::optional<StaffId> s) {
    return s && s->valid() ? nlohmann::json(s->value) : nlohmann::json(nullptr);
  };
  auto tx = store_.begin();
  if (auto s = store_.set_user_staff(u->id, staff); !s) return s;
  if (auto s = audit(actor, "link_staff", "user", std::to_string(u->id.value), u->unit,
                     nlohmann::json{{"staff_id", id_json(before)}}.dump(),
                     nlohmann::json{{"staff_id", id_json(staff)}}.dump(), now);
      !s)
    return s;
  return tx.commit();
}

std::optional<StaffId> Accounts::staff_of(UserId user) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_.staff_of_user(user);
}

Accounts::TotpOffer Accounts::offer_totp(const Principal& p) const {
  TotpOffer out;
  out.secret = base32_encode(random_bytes(20));
  out.uri = otpauth_uri("DanSo", p.username, out.secret);
  return out;
}

Status Accounts::enable_totp(const Principal& p, std::string_view password, std::string_view secret,
                             std::string_view code, int64_t now) {
  const auto key = base32_decode(secret);
  if (!key || key->size() < 16)
    return Error::invalid("secret", "khoá TOTP không hợp lệ: hãy bắt đầu lại", "not a valid TOTP secret: start again");
  std::optional<UserRecord> user;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (throttled(by_user_, p.username, options_.user_failures, now))
      return Error{ErrorCode::kResourceExhausted, "", "quá nhiều lần nhập sai mật khẩu; hãy thử lại sau ít phút",
                   "too many wrong passwords; try again in a few minutes"};
    user = store_.find_user(p.user);
  }
  if (!user || user->disabled) return Error{ErrorCode::kUnauthenticated, "", "phiên đã hết", "the session has ended"};
  // A second factor already on is not replaced with a password alone (a
  // stolen session and password would take it over): an administrator
  // gives a new one (danso user totp).
  if (!user->totp_secret.empty())
    return Error{ErrorCode::kFailedPrecondition, "",
                 "xác thực hai bước đã bật; muốn chuyển sang điện thoại khác, hãy nhờ quản trị viên cấp khoá mới",
                 "two-step verification is already on; to move it to another phone, ask an administrator for a new key"};
  if (!verify_password(user->password_hash, password)) {
    std::lock_guard<std::mutex> lock(mu_);
    record_failure(by_user_, p.username, now);
    return Error::invalid("password", "mật khẩu không đúng", "wrong password");
  }
  const auto step = totp_accept(*key, code, now, 0);
  if (!step)
    return Error::invalid("code", "mã không đúng: hãy nhập mã 6 chữ số đang hiện trong ứng dụng (đồng hồ điện thoại phải đúng giờ)",
                          "wrong code: type the 6-digit code the app shows now (the phone's clock must be right)");
  std::lock_guard<std::mutex> lock(mu_);
  auto tx = store_.begin();
  auto fresh = store_.find_user(p.user);
  if (!fresh) return Error{ErrorCode::kUnauthenticated, "", "phiên đã hết", "the session has ended"};
  if (!fresh->totp_secret.empty())
    return Error{ErrorCode::kFailedPrecondition, "", "xác thực hai bước đã bật", "two-step verification is already on"};
  const std::string before = user_object(*fresh).dump();
  fresh->totp_secret = base32_encode(*key);
  fresh->totp_last_step = *step;
  if (auto s = store_.update_user(*fresh); !s) return s;
  sessions_->drop_user(fresh->id);
  if (auto s = store_.delete_sessions_of(fresh->id); !s) return s;
  if (auto s = audit(&p, "set_totp", "user", std::to_string(fresh->id.value), fresh->unit, before,
                     user_object(*fresh).dump(), now);
      !s)
    return s;
  return tx.commit();
}

std::vector<AuditRecord> Accounts::audit_page(const Principal& p, int64_t before_seq, int limit,
                                              std::string_view kind, Date on) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<AuditRecord> out;
  if (limit <= 0) return out;
  store_.for_each_audit_newest(before_seq, [&](const AuditRecord& e) {
    if ((kind.empty() || e.kind == kind) && (!e.unit.valid() || scope_has(p, e.unit, on))) out.push_back(e);
    return int(out.size()) < limit;
  });
  return out;
}

}  // namespace danso::accounts

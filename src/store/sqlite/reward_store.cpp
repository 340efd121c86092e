// Rule sets and saved reward runs in SQLite (store/reward_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

Status SqliteStore::insert_rule_set(const RuleSetRecord& r) {
  if (auto old = find_rule_set(r.id, r.version)) {
    if (old->body == r.body) return {};
    return Error{ErrorCode::kAlreadyExists, "version",
                 "bộ quy tắc '" + r.id + "' phiên bản '" + r.version +
                     "' đã lưu với nội dung khác; quy tắc đổi thì phải đặt phiên bản mới",
                 "rule set '" + r.id + "' version '" + r.version +
                     "' is stored with other contents; changed rules need a new version"};
  }
  Stmt st(db_->handle(), "INSERT INTO rule_sets (id, version, title, body, sha256, imported_at) VALUES (?,?,?,?,?,?)");
  st.bind(1, r.id).bind(2, r.version).bind(3, r.title).bind(4, r.body).bind(5, r.sha256).bind(6, r.imported_at);
  st.exec();
  return {};
}

std::optional<RuleSetRecord> SqliteStore::find_rule_set(std::string_view id, std::string_view version) {
  Stmt st(db_->handle(), "SELECT id, version, title, body, sha256, imported_at FROM rule_sets WHERE id = ? AND version = ?");
  st.bind(1, id).bind(2, version);
  if (!st.step()) return std::nullopt;
  RuleSetRecord r;
  r.id = st.text(0), r.version = st.text(1), r.title = st.text(2);
  r.body = st.text(3), r.sha256 = st.text(4), r.imported_at = st.text(5);
  return r;
}

std::vector<RuleSetRecord> SqliteStore::rule_sets() {
  std::vector<RuleSetRecord> out;
  Stmt st(db_->handle(), "SELECT id, version, title, sha256, imported_at FROM rule_sets ORDER BY id, version");
  while (st.step()) {
    RuleSetRecord r;
    r.id = st.text(0), r.version = st.text(1), r.title = st.text(2), r.sha256 = st.text(3), r.imported_at = st.text(4);
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> SqliteStore::insert_reward_run(const RewardRunRecord& r) {
  Stmt st(db_->handle(),
          "INSERT INTO reward_runs (rule_set, version, year, unit_id, unit_code, register_state, total_vnd, payments, "
          "result, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, r.rule_set).bind(2, r.version).bind(3, r.year).bind(4, r.unit.value).bind(5, r.unit_code);
  st.bind(6, r.register_state).bind(7, r.total_vnd).bind(8, r.payments).bind(9, r.result).bind(10, r.created_at);
  st.exec();
  return int64_t(sqlite3_last_insert_rowid(db_->handle()));
}

namespace {

constexpr const char* kRunColumns =
    "SELECT id, rule_set, version, year, unit_id, unit_code, register_state, total_vnd, payments, created_at";

RewardRunRecord read_run(const Stmt& st) {
  RewardRunRecord r;
  r.id = st.i64(0), r.rule_set = st.text(1), r.version = st.text(2), r.year = st.i32(3);
  r.unit = UnitId(st.i64(4)), r.unit_code = st.text(5), r.register_state = st.text(6);
  r.total_vnd = st.i64(7), r.payments = st.i64(8), r.created_at = st.text(9);
  return r;
}

}  // namespace

std::optional<RewardRunRecord> SqliteStore::find_reward_run(int64_t id) {
  Stmt st(db_->handle(), std::string(kRunColumns) + ", result FROM reward_runs WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  RewardRunRecord r = read_run(st);
  r.result = st.text(10);
  return r;
}

std::vector<RewardRunRecord> SqliteStore::reward_runs() {
  std::vector<RewardRunRecord> out;
  Stmt st(db_->handle(), std::string(kRunColumns) + " FROM reward_runs ORDER BY id DESC");
  while (st.step()) out.push_back(read_run(st));
  return out;
}

}  // namespace danso::sqlite

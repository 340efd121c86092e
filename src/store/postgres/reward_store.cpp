// Rule sets and saved reward runs on PostgreSQL (store/reward_store.h).
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

Status PgStore::insert_rule_set(const RuleSetRecord& r) {
  if (auto old = find_rule_set(r.id, r.version)) {
    if (old->body == r.body) return {};
    return Error{ErrorCode::kAlreadyExists, "version",
                 "bộ quy tắc '" + r.id + "' phiên bản '" + r.version +
                     "' đã lưu với nội dung khác; quy tắc đổi thì phải đặt phiên bản mới",
                 "rule set '" + r.id + "' version '" + r.version +
                     "' is stored with other contents; changed rules need a new version"};
  }
  conn_->query("INSERT INTO rule_sets (id, version, title, body, sha256, imported_at) VALUES ($1,$2,$3,$4,$5,$6)",
               Params().add(r.id).add(r.version).add(r.title).add(r.body).add(r.sha256).instant(r.imported_at));
  return {};
}

std::optional<RuleSetRecord> PgStore::find_rule_set(std::string_view id, std::string_view version) {
  PgResult st = conn_->query(
      "SELECT id, version, title, body, sha256, danso_instant(imported_at) FROM rule_sets WHERE id = $1 AND version = $2",
      Params().add(id).add(version));
  if (!st.rows()) return std::nullopt;
  RuleSetRecord r;
  r.id = st.text(0, 0), r.version = st.text(0, 1), r.title = st.text(0, 2);
  r.body = st.text(0, 3), r.sha256 = st.text(0, 4), r.imported_at = st.text(0, 5);
  return r;
}

std::vector<RuleSetRecord> PgStore::rule_sets() {
  std::vector<RuleSetRecord> out;
  PgResult st = conn_->query(
      "SELECT id, version, title, sha256, danso_instant(imported_at) FROM rule_sets "
      "ORDER BY id COLLATE \"C\", version COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i) {
    RuleSetRecord r;
    r.id = st.text(i, 0), r.version = st.text(i, 1), r.title = st.text(i, 2), r.sha256 = st.text(i, 3);
    r.imported_at = st.text(i, 4);
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> PgStore::insert_reward_run(const RewardRunRecord& r) {
  return conn_
      ->query("INSERT INTO reward_runs (rule_set, version, year, unit_id, unit_code, register_state, total_vnd, "
              "payments, result, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id",
              Params()
                  .add(r.rule_set)
                  .add(r.version)
                  .add(r.year)
                  .add(r.unit.value)
                  .add(r.unit_code)
                  .add(r.register_state)
                  .add(r.total_vnd)
                  .add(r.payments)
                  .add(r.result)
                  .instant(r.created_at))
      .i64(0, 0);
}

namespace {

constexpr const char* kPgRunColumns =
    "SELECT id, rule_set, version, year, unit_id, unit_code, register_state, total_vnd, payments, "
    "danso_instant(created_at)";

RewardRunRecord pg_read_run(const PgResult& st, int i) {
  RewardRunRecord r;
  r.id = st.i64(i, 0), r.rule_set = st.text(i, 1), r.version = st.text(i, 2), r.year = st.i32(i, 3);
  r.unit = UnitId(st.i64(i, 4)), r.unit_code = st.text(i, 5), r.register_state = st.text(i, 6);
  r.total_vnd = st.i64(i, 7), r.payments = st.i64(i, 8), r.created_at = st.text(i, 9);
  return r;
}

}  // namespace

std::optional<RewardRunRecord> PgStore::find_reward_run(int64_t id) {
  PgResult st = conn_->query(std::string(kPgRunColumns) + ", result FROM reward_runs WHERE id = $1", Params().add(id));
  if (!st.rows()) return std::nullopt;
  RewardRunRecord r = pg_read_run(st, 0);
  r.result = st.text(0, 10);
  return r;
}

std::vector<RewardRunRecord> PgStore::reward_runs() {
  std::vector<RewardRunRecord> out;
  PgResult st = conn_->query(std::string(kPgRunColumns) + " FROM reward_runs ORDER BY id DESC");
  for (int i = 0; i < st.rows(); ++i) out.push_back(pg_read_run(st, i));
  return out;
}

}  // namespace danso::pg

// The users' saved analyses on PostgreSQL (store/favourite_store.h).
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

FavouriteRecord pg_favourite_of(const PgResult& st, int i) {
  FavouriteRecord f;
  f.id = st.i64(i, 0);
  f.user = UserId(st.i64(i, 1));
  f.name = st.text(i, 2);
  f.spec = st.text(i, 3);
  f.on_dashboard = st.boolean(i, 4);
  f.created_at = st.text(i, 5);
  f.updated_at = st.text(i, 6);
  return f;
}

constexpr const char* kPgFavouriteColumns =
    "SELECT id, user_id, name, spec, on_dashboard, danso_instant(created_at), danso_instant(updated_at) FROM favourites";

}  // namespace

Result<int64_t> PgStore::insert_favourite(const FavouriteRecord& f) {
  return conn_
      // The next id after the largest, as SQLite gives a rowid: a removed
      // favourite's id is taken again when it was the last.
      ->query("INSERT INTO favourites (id, user_id, name, spec, on_dashboard, created_at, updated_at) "
              "VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM favourites), $1,$2,$3,$4,$5,$6) RETURNING id",
              Params().add(f.user.value).add(f.name).add(f.spec).add(f.on_dashboard).instant(f.created_at).instant(f.updated_at))
      .i64(0, 0);
}

std::vector<FavouriteRecord> PgStore::favourites_of(UserId user) {
  std::vector<FavouriteRecord> out;
  PgResult st = conn_->query(std::string(kPgFavouriteColumns) + " WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
                             Params().add(user.value));
  for (int i = 0; i < st.rows(); ++i) out.push_back(pg_favourite_of(st, i));
  return out;
}

int64_t PgStore::count_favourites(UserId user) {
  return conn_->query("SELECT COUNT(*) FROM favourites WHERE user_id = $1", Params().add(user.value)).i64(0, 0);
}

std::optional<FavouriteRecord> PgStore::find_favourite(int64_t id) {
  PgResult st = conn_->query(std::string(kPgFavouriteColumns) + " WHERE id = $1", Params().add(id));
  if (!st.rows()) return std::nullopt;
  return pg_favourite_of(st, 0);
}

Status PgStore::update_favourite(const FavouriteRecord& f) {
  conn_->query("UPDATE favourites SET name = $1, spec = $2, on_dashboard = $3, updated_at = $4 WHERE id = $5",
               Params().add(f.name).add(f.spec).add(f.on_dashboard).instant(f.updated_at).add(f.id));
  return {};
}

Status PgStore::delete_favourite(int64_t id) {
  conn_->query("DELETE FROM favourites WHERE id = $1", Params().add(id));
  return {};
}

}  // namespace danso::pg

// The users' saved analyses in SQLite (store/favourite_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {

FavouriteRecord favourite_of(Stmt& st) {
  FavouriteRecord f;
  f.id = st.i64(0);
  f.user = UserId(st.i64(1));
  f.name = st.text(2);
  f.spec = st.text(3);
  f.on_dashboard = st.i64(4) != 0;
  f.created_at = st.text(5);
  f.updated_at = st.text(6);
  return f;
}

constexpr const char* kFavouriteColumns = "SELECT id, user_id, name, spec, on_dashboard, created_at, updated_at FROM favourites";

}  // namespace

Result<int64_t> SqliteStore::insert_favourite(const FavouriteRecord& f) {
  Stmt st(db_->handle(),
          "INSERT INTO favourites (user_id, name, spec, on_dashboard, created_at, updated_at) VALUES (?,?,?,?,?,?)");
  st.bind(1, f.user.value).bind(2, f.name).bind(3, f.spec).bind(4, f.on_dashboard).bind(5, f.created_at);
  st.bind(6, f.updated_at).exec();
  return int64_t(sqlite3_last_insert_rowid(db_->handle()));
}

std::vector<FavouriteRecord> SqliteStore::favourites_of(UserId user) {
  std::vector<FavouriteRecord> out;
  Stmt st(db_->handle(), std::string(kFavouriteColumns) + " WHERE user_id = ? ORDER BY created_at DESC, id DESC");
  st.bind(1, user.value);
  while (st.step()) out.push_back(favourite_of(st));
  return out;
}

int64_t SqliteStore::count_favourites(UserId user) {
  Stmt st(db_->handle(), "SELECT COUNT(*) FROM favourites WHERE user_id = ?");
  st.bind(1, user.value);
  return st.step() ? st.i64(0) : 0;
}

std::optional<FavouriteRecord> SqliteStore::find_favourite(int64_t id) {
  Stmt st(db_->handle(), std::string(kFavouriteColumns) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return favourite_of(st);
}

Status SqliteStore::update_favourite(const FavouriteRecord& f) {
  Stmt st(db_->handle(), "UPDATE favourites SET name = ?, spec = ?, on_dashboard = ?, updated_at = ? WHERE id = ?");
  st.bind(1, f.name).bind(2, f.spec).bind(3, f.on_dashboard).bind(4, f.updated_at).bind(5, f.id).exec();
  return {};
}

Status SqliteStore::delete_favourite(int64_t id) {
  Stmt st(db_->handle(), "DELETE FROM favourites WHERE id = ?");
  st.bind(1, id).exec();
  return {};
}

}  // namespace danso::sqlite

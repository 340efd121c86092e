#include "app/database.h"

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace danso {

Database::Database(std::unique_ptr<Store> store, std::string location, Engine engine,
                   std::function<Result<std::unique_ptr<Store>>()> reader)
    : store_(std::move(store)), location_(std::move(location)), engine_(engine), reader_(std::move(reader)) {}

Result<std::unique_ptr<Store>> Database::open_reader() const {
  if (!reader_)
    return Error{ErrorCode::kUnavailable, "db", "cơ sở dữ liệu này không mở được kết nối đọc riêng",
                 "this database cannot open a reader connection of its own"};
  return reader_();
}

Database::ReaderLease::~ReaderLease() {
  if (!store_) return;
  std::lock_guard<std::mutex> lock(db_->readers_mu_);
  if (db_->idle_readers_.size() < kMaxIdleReaders) {
    db_->idle_readers_.push_back(std::move(store_));
  } else {
    store_.reset();
    --db_->readers_open_;
  }
}

Database::ReaderLease Database::lease_reader() {
  if (!reader_) return ReaderLease(this, nullptr);
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto store = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReaderLease(this, std::move(store));
    }
  }
  // Opened outside the lock: opening reads the schema's version.
  auto store = reader_();
  if (!store) return ReaderLease(this, nullptr);
  std::lock_guard<std::mutex> lock(readers_mu_);
  ++readers_open_;
  return ReaderLease(this, std::move(*store));
}

size_t Database::readers_open() const {
  std::lock_guard<std::mutex> lock(readers_mu_);
  return readers_open_;
}

bool is_postgres_location(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string shown_location(std::string_view location) {
  std::string out(location);
  if (!is_postgres_location(location)) return out;
  // user:password@ in the authority.
  const size_t start = out.find("://") + 3;
  const size_t end = out.find_first_of("/?", start);
  const size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
  if (at != std::string::npos && at >= start) {
    const size_t colon = out.find(':', start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  // password=... among the parameters.
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    const size_t value = p + 9;
    const size_t stop = out.find('&', value);
    out.replace(value, (stop == std::string::npos ? out.size() : stop) - value, "***");
  }
  return out;
}

Result<std::unique_ptr<Database>> open_database(const std::string& location, DatabaseOptions options) {
  if (location.empty())
    return Error::invalid("db", "chưa chỉ ra cơ sở dữ liệu (--db TỆP hoặc postgresql://...)",
                          "no database given (--db FILE or postgresql://...)");
  if (is_postgres_location(location)) {
    // The database itself is made on the server (createdb); opening it
    // applies the migrations it lacks, `create` or not.
    auto store = open_pg_store(location);
    if (!store) return store.error();
    return std::make_unique<Database>(std::move(*store), location, Engine::kPostgres,
                                      [location] { return open_pg_reader(location); });
  }
  auto store = open_sqlite_store(
      location, {.create = options.create, .migrations = {}, .checkpoint_beside = options.checkpoint_beside});
  if (!store) return store.error();
  return std::make_unique<Database>(std::move(*store), location, Engine::kSqlite,
                                    [location] { return open_sqlite_reader(location); });
}

}  // namespace danso

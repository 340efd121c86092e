#include "app/snapshot_source.h"

#include <thread>

#include "store/postgres/pg_store.h"

namespace danso {

namespace {

Error snapshot_db_error(const std::string& vi, const std::string& en) {
  return Error{ErrorCode::kFailedPrecondition, "snapshot-db", "--snapshot-db: " + vi, "--snapshot-db: " + en};
}

// A failure to reach or read the source, named as the source's.
Error about_source(const Error& e) {
  Error out = e;
  out.field = "snapshot-db";
  out.vi = "--snapshot-db: " + e.vi;
  out.en = "--snapshot-db: " + e.en;
  return out;
}

constexpr auto kPoll = std::chrono::milliseconds(10);

}  // namespace

Result<std::unique_ptr<SnapshotSource>> SnapshotSource::open(Database& db, std::string location, Options options) {
  if (db.engine() != Engine::kPostgres || !is_postgres_location(location))
    return snapshot_db_error(
        "chỉ dùng được khi --db và --snapshot-db đều là máy chủ PostgreSQL (một bản dự phòng của máy chủ --db)",
        "only for a PostgreSQL --db and a PostgreSQL --snapshot-db (a hot standby of --db's server)");
  std::unique_ptr<SnapshotSource> source(new SnapshotSource(db, std::move(location), std::move(options)));
  const ServerFacts primary = db.read([](Store& s) { return s.server_facts(); });
  const int version = db.read([](Store& s) { return s.schema_version(); });
  // A standby may not have replayed the migrations --db has just had: its
  // version is read again until it catches up, at most catch_up_wait.
  const auto until = std::chrono::steady_clock::now() + source->options_.catch_up_wait;
  Result<std::unique_ptr<Store>> reader = open_pg_reader(source->location_);
  while (!reader && reader.error().code == ErrorCode::kFailedPrecondition &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(kPoll * 5);
    reader = open_pg_reader(source->location_);
  }
  if (!reader) {
    if (reader.error().code == ErrorCode::kFailedPrecondition)
      return snapshot_db_error(reader.error().vi + "; --db ở phiên bản " + std::to_string(version),
                               reader.error().en + "; --db is at version " + std::to_string(version));
    return about_source(reader.error());
  }
  Store& s = **reader;
  ServerFacts facts;
  int source_version = 0;
  try {
    facts = s.server_facts();
    source_version = s.schema_version();
  } catch (const StoreUnavailable& e) {
    return about_source(e.error());
  }
  if (facts.identity != primary.identity)
    return snapshot_db_error(
        "không phải cùng một sổ đăng ký với --db (định danh " + facts.identity + ", --db: " + primary.identity +
            "); hãy chỉ tới một bản dự phòng tạo bằng pg_basebackup từ máy chủ --db, cùng tên cơ sở dữ liệu",
        "not the same register as --db (identity " + facts.identity + ", --db: " + primary.identity +
            "); name a hot standby made with pg_basebackup from --db's server, the same database name");
  if (!facts.standby && facts.started_at != primary.started_at)
    return snapshot_db_error(
        "không phải bản dự phòng đang chạy theo máy chủ --db (một bản dự phòng đã được nâng thành máy chủ chính?)",
        "not a hot standby following --db's server (a standby promoted to a primary?)");
  if (source_version != version)
    return snapshot_db_error(
        "ở phiên bản lược đồ " + std::to_string(source_version) + ", --db ở " + std::to_string(version),
        "at schema version " + std::to_string(source_version) + ", --db at " + std::to_string(version));
  std::lock_guard<std::mutex> lock(source->probe_mu_);
  source->probe_ = std::move(*reader);
  return source;
}

int64_t SnapshotSource::primary_position() {
  return db_.read([](Store& s) { return s.server_facts().log_position; });
}

SnapshotSource::CatchUp SnapshotSource::catch_up(Store& source, const ServerFacts& primary, int64_t& replayed) {
  const auto until = std::chrono::steady_clock::now() + options_.catch_up_wait;
  for (;;) {
    const ServerFacts f = source.server_facts();
    replayed = f.log_position;
    // No standby: the primary's own server holds every commit already; any
    // other (a standby promoted since) follows --db no more.
    if (!f.standby) return f.started_at == primary.started_at ? CatchUp::kDone : CatchUp::kNotFollowing;
    if (replayed >= 0 && replayed >= primary.log_position) return CatchUp::kDone;
    if (std::chrono::steady_clock::now() >= until) return CatchUp::kBehind;
    std::this_thread::sleep_for(kPoll);
  }
}

Result<std::unique_ptr<Store>> SnapshotSource::open_reader() {
  // Where the primary's log is now: every commit made before this call ends
  // within it (read after the changes the load is to hold were committed).
  const ServerFacts primary = db_.read([](Store& s) { return s.server_facts(); });
  std::optional<Error> failed;
  CatchUp result = CatchUp::kBehind;
  int64_t replayed = -1;
  auto reader = open_pg_reader(location_);
  if (reader) {
    try {
      result = catch_up(**reader, primary, replayed);
      if (result == CatchUp::kDone) {
        ++loads_;
        return std::move(*reader);
      }
    } catch (const StoreUnavailable& e) {
      failed = e.error();
    } catch (const std::exception& e) {
      failed = Error{ErrorCode::kInternal, "snapshot-db", e.what(), e.what()};
    }
  } else {
    failed = reader.error();
  }
  ++fallbacks_;
  const std::string vi = "số liệu chỉ tiêu được đọc từ --db, vì --snapshot-db ";
  const std::string en = " / the indicators' snapshot is read from --db: --snapshot-db ";
  if (failed) {
    say(vi + "không trả lời: " + failed->vi + en + "does not answer: " + failed->en);
  } else if (result == CatchUp::kNotFollowing) {
    say(vi + "không còn là bản dự phòng theo máy chủ --db" + en + "is no longer a standby following --db's server");
  } else {
    const std::string behind = std::to_string(primary.log_position - replayed);
    const std::string wait = std::to_string(options_.catch_up_wait.count());
    say(vi + "còn chậm " + behind + " byte sau " + wait + " ms" + en + "is still " + behind + " bytes behind after " +
        wait + " ms");
  }
  return db_.open_reader();
}

SnapshotSource::Health SnapshotSource::health() {
  Health h;
  int64_t target = -1;
  try {
    target = primary_position();
  } catch (const StoreUnavailable&) {
    // The primary away: how far behind is not known.
  }
  h.loads = loads_.load();
  h.fallbacks = fallbacks_.load();
  std::lock_guard<std::mutex> lock(probe_mu_);
  try {
    if (!probe_) {
      auto reader = open_pg_reader(location_);
      if (!reader) {
        h.error = about_source(reader.error());
        return h;
      }
      probe_ = std::move(*reader);
    }
    const ServerFacts f = probe_->server_facts();
    h.schema_version = probe_->schema_version();
    h.reachable = true;
    h.standby = f.standby;
    if (target >= 0 && f.log_position >= 0) h.behind_bytes = f.standby ? std::max<int64_t>(0, target - f.log_position) : 0;
  } catch (const StoreUnavailable& e) {
    h.error = about_source(e.error());  // the kept connection connects again on the next call
  } catch (const std::exception& e) {
    h.error = about_source(Error{ErrorCode::kInternal, "", e.what(), e.what()});
    probe_.reset();
  }
  return h;
}

}  // namespace danso

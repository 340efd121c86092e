#include "app/backup/backup.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/sqlite_store.h"

namespace danso {

namespace {

namespace fs = std::filesystem;

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Everything a copy is checked for; `expected`: the rows counted in the
// database in the copy's own read transaction.
CopyCheck verify_copy(const std::string& path, const std::optional<CopyAnchors>& anchors, bool check_records,
                      const std::vector<sqlite::TableCount>* expected) {
  CopyCheck c;
  auto raw = sqlite::check_sqlite_copy(path);
  if (!raw) {
    c.error_vi = raw.error().vi;
    c.error_en = raw.error().en;
    return c;
  }
  c.integrity = raw->integrity;
  for (const auto& t : raw->counts) c.counts.push_back({t.table, t.rows, -1});
  if (expected)
    for (const auto& e : *expected) {
      auto it = std::find_if(c.counts.begin(), c.counts.end(), [&](const CopyCheck::Count& x) { return x.table == e.table; });
      if (it == c.counts.end()) c.counts.push_back({e.table, -1, e.rows});
      else it->expected = e.rows;
    }
  if (c.integrity != "ok") return c;
  auto store = open_sqlite_copy(path);
  if (!store) {
    c.error_vi = store.error().vi;
    c.error_en = store.error().en;
    return c;
  }
  c.audit = anchors ? accounts::verify_audit(**store, accounts::AnchorCheck{&anchors->file, &anchors->key, true})
                    : accounts::verify_audit(**store);
  if (check_records) c.records = accounts::verify_records(**store, 50);
  return c;
}

}  // namespace

bool CopyCheck::counts_ok() const {
  return std::all_of(counts.begin(), counts.end(),
                     [](const Count& c) { return c.expected < 0 || c.rows == c.expected; });
}

bool CopyCheck::ok() const {
  return error_en.empty() && integrity == "ok" && counts_ok() && audit.ok && (!records || records->ok);
}

Result<std::optional<CopyAnchors>> read_copy_anchors(const accounts::AnchorConfig& config) {
  if (!config.configured()) return std::optional<CopyAnchors>();
  if (config.key_file.empty() || config.anchor_file.empty())
    return Error::invalid(config.key_file.empty() ? "audit-key" : "audit-anchors",
                          "--audit-key và --audit-anchors phải đi cùng nhau",
                          "--audit-key and --audit-anchors go together");
  auto key = accounts::read_audit_key(config.key_file);
  if (!key) return key.error();
  auto file = accounts::read_anchor_file(config.anchor_file);
  if (!file) return file.error();
  return std::optional<CopyAnchors>(CopyAnchors{std::move(*key), std::move(*file)});
}

namespace {

// A PostgreSQL database is copied and put back by the server's own tools.
Error server_backup_error() {
  return Error{ErrorCode::kInvalidArgument, "db",
               "cơ sở dữ liệu PostgreSQL được sao lưu và khôi phục bằng pg_dump / pg_restore hoặc sao lưu "
               "liên tục của máy chủ (docs/postgresql.md), không bằng lệnh này",
               "a PostgreSQL database is backed up and restored with pg_dump / pg_restore or the server's "
               "continuous archiving (docs/postgresql.md), not with this command"};
}

}  // namespace

Result<BackupReport> backup_database(const BackupOptions& o) {
  if (is_postgres_location(o.db)) return server_backup_error();
  std::error_code ec;
  if (fs::exists(o.output, ec) || fs::exists(o.output + ".unverified", ec))
    return Error{ErrorCode::kAlreadyExists, "output", "tệp '" + o.output + "' đã có; không ghi đè",
                 "'" + o.output + "' already exists; it is not overwritten"};
  const std::string part = o.output + ".part-" + std::to_string(getpid());
  const auto start = std::chrono::steady_clock::now();
  auto copy = sqlite::backup_sqlite(o.db, part);
  if (!copy) return copy.error();
  BackupReport r;
  r.bytes = copy->bytes;
  r.copy_seconds = since(start);
  const auto checking = std::chrono::steady_clock::now();
  r.check = verify_copy(part, o.anchors, o.check_records, &copy->counts);
  r.check_seconds = since(checking);
  r.output = r.check.ok() ? o.output : o.output + ".unverified";
  if (auto st = sqlite::rename_no_replace(part, r.output); !st) {
    fs::remove(part, ec);
    return st.error();
  }
  return r;
}

Result<RestoreReport> restore_database(const RestoreOptions& o) {
  if (is_postgres_location(o.db)) return server_backup_error();
  // The key signs the restored head: a configuration that cannot is refused first.
  auto anchoring = accounts::Anchoring::open(o.anchors);
  if (!anchoring) return anchoring.error();
  std::optional<CopyAnchors> anchors;
  if (*anchoring) {
    auto file = accounts::read_anchor_file(o.anchors.anchor_file);
    if (!file) return file.error();
    anchors = CopyAnchors{(*anchoring)->key(), std::move(*file)};
  }
  RestoreReport r;
  r.check = verify_copy(o.backup, anchors, o.check_records, nullptr);
  if (!r.check.ok()) return r;

  auto lock = sqlite::lock_database_exclusive(o.db);
  if (!lock) return lock.error();
  const fs::path db(o.db);
  const std::string tmp =
      (db.parent_path() / ("." + db.filename().string() + ".restore-" + std::to_string(getpid()))).string();
  std::error_code ec;
  fs::remove(tmp, ec);
  if (auto st = sqlite::copy_file_synced(o.backup, tmp); !st) return st.error();
  auto fail = [&](const Error& e) -> Result<RestoreReport> {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(tmp + suffix, ec);
    return e;
  };
  // The restore is a write like any other: recorded in the log it puts back.
  AuditHead head;
  {
    auto store = open_sqlite_store(tmp, {.create = false, .migrations = {}, .lock = false});
    if (!store) return fail(store.error());
    const auto before = (*store)->audit_head();
    AuditRecord e = accounts::audit_entry(nullptr, accounts::iso_instant(o.now), "restore", "database",
                                          fs::path(o.backup).filename().string());
    e.after = nlohmann::ordered_json{{"backup", o.backup},
                                     {"bytes", int64_t(fs::file_size(o.backup, ec))},
                                     {"entries", before ? before->seq : 0},
                                     {"head", before ? before->hash : std::string()}}
                  .dump();
    auto tx = (*store)->begin();
    if (auto st = accounts::append_audit(**store, e); !st) return fail(st.error());
    if (auto st = tx.commit(); !st) return fail(st.error());
    head = *(*store)->audit_head();
  }
  if (auto st = sqlite::sync_file(tmp); !st) return fail(st.error());
  if (auto st = sqlite::place_database(tmp, o.db); !st) return fail(st.error());
  r.restored = true;
  r.entries = head.seq;
  if (*anchoring) {
    auto line = (*anchoring)->anchor_head(head, o.now, "restore");
    if (line) {
      r.anchor_line = *line;
    } else {
      r.anchor_error_vi = line.error().vi;
      r.anchor_error_en = line.error().en;
    }
  }
  return r;
}

}  // namespace danso

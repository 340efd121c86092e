#include "store/sqlite/database_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/sqlite/db.h"

namespace danso::sqlite {

namespace {

namespace fs = std::filesystem;

Error io_error(const std::string& what_vi, const std::string& what_en) {
  const std::string why = std::strerror(errno);
  return Error{ErrorCode::kInternal, "", what_vi + ": " + why, what_en + ": " + why};
}

Error in_use(const std::string& path, const std::string& who_vi, const std::string& who_en) {
  return Error{ErrorCode::kFailedPrecondition, "db",
               "cơ sở dữ liệu '" + path + "' đang được " + who_vi + " mở; hãy dừng nó trước",
               "the database '" + path + "' is open in " + who_en + "; stop it first"};
}

Status sync_folder(const std::string& path) {
  const std::string dir = fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return io_error("không mở được thư mục " + dir, "cannot open the folder " + dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return io_error("không ghi được thư mục " + dir, "cannot sync the folder " + dir);
  return {};
}

// Whether a process other than this one holds SQLite's lock on the -shm
// file's byte 128 (an open WAL connection). Asking (F_GETLK) takes no lock.
bool wal_connection_elsewhere(const std::string& db) {
  const std::string shm = db + "-shm";
  const int fd = ::open(shm.c_str(), O_RDONLY);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = 128;
  probe.l_len = 1;
  const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

const char* const kCountedTables[] = {"units",    "unit_links", "staff_assignments", "households",
                                      "persons",  "events",     "residence",         "users",
                                      "user_villages", "sessions", "reports",        "report_history",
                                      "audit",    "audit_head", "record_hashes"};

std::vector<TableCount> count_tables(Db& db) {
  std::vector<TableCount> out;
  Stmt exists(db.handle(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  for (const char* t : kCountedTables) {
    exists.bind(1, t);
    const bool there = exists.step();
    exists.reset();
    if (!there) continue;
    Stmt n(db.handle(), std::string("SELECT COUNT(*) FROM ") + t);
    n.step();
    out.push_back({t, n.i64(0)});
  }
  return out;
}

}  // namespace

std::string lock_file_of(const std::string& path) { return path + ".lock"; }

std::string immutable_uri(const std::string& path) {
  std::string out = "file:";
  for (unsigned char c : fs::absolute(path).string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c >= 0x80;
    if (plain) {
      out += char(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out + "?immutable=1";
}

Result<int> lock_database_shared(const std::string& path) {
  const int fd = ::open(lock_file_of(path).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    ::close(fd);
    return Error{ErrorCode::kFailedPrecondition, "db",
                 "cơ sở dữ liệu '" + path + "' đang được khôi phục (danso restore); hãy thử lại sau",
                 "the database '" + path + "' is being restored (danso restore); try again when it is done"};
  }
  return fd;
}

void release_database_lock(int fd) {
  if (fd >= 0) ::close(fd);  // closing the descriptor releases its flock
}

Result<ExclusiveLock> lock_database_exclusive(const std::string& path) {
  const int fd = ::open(lock_file_of(path).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("không tạo được " + lock_file_of(path), "cannot create " + lock_file_of(path));
  ExclusiveLock lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return in_use(path, "một chương trình DanSo (máy chủ?)", "a DanSo program (a server?)");
  if (wal_connection_elsewhere(path)) return in_use(path, "một chương trình khác", "another program");
  return lock;
}

Result<BackupCopy> backup_sqlite(const std::string& db, const std::string& out) {
  std::error_code ec;
  if (fs::exists(out, ec))
    return Error{ErrorCode::kAlreadyExists, "output", "tệp '" + out + "' đã có", "'" + out + "' already exists"};
  if (!fs::exists(db, ec))
    return Error{ErrorCode::kNotFound, "db", "không tìm thấy cơ sở dữ liệu '" + db + "'",
                 "database '" + db + "' not found"};
  auto shared = lock_database_shared(db);
  if (!shared) return shared.error();
  struct Release {
    int fd;
    ~Release() { release_database_lock(fd); }
  } release{*shared};
  // The copy holds what the database holds (password hashes, the register):
  // made readable by its owner only, before SQLite writes to it (an empty
  // file is a new database to SQLite).
  {
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
      return errno == EEXIST ? Error{ErrorCode::kAlreadyExists, "output", "tệp '" + out + "' đã có", "'" + out + "' already exists"}
                             : io_error("không tạo được " + out, "cannot create " + out);
    ::close(fd);
  }
  BackupCopy copy;
  try {
    Db src(db);
    src.exec("PRAGMA journal_mode=WAL");  // as the server has it; a reader then holds up no writer
    {
      Db dst(out);
      src.exec("BEGIN DEFERRED");
      try {
        copy.counts = count_tables(src);  // the first read starts the transaction's snapshot
        sqlite3_backup* b = sqlite3_backup_init(dst.handle(), "main", src.handle(), "main");
        if (!b) throw_error(dst.handle(), SQLITE_ERROR, "backup");
        const int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) throw_error(dst.handle(), rc, "backup");
      } catch (...) {
        src.exec("ROLLBACK");
        throw;
      }
      src.exec("COMMIT");
      dst.exec("PRAGMA journal_mode=DELETE");
    }
  } catch (const SqliteError& e) {
    fs::remove(out, ec);
    return Error{ErrorCode::kInternal, "db", std::string("không sao được cơ sở dữ liệu: ") + e.what(),
                 std::string("cannot copy the database: ") + e.what()};
  }
  if (auto st = sync_file(out); !st) return st.error();
  copy.bytes = int64_t(fs::file_size(out, ec));
  return copy;
}

Status sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("không mở được " + path, "cannot open " + path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return io_error("không ghi được " + path, "cannot sync " + path);
  return {};
}

Result<CopyCheck> check_sqlite_copy(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return Error{ErrorCode::kNotFound, "backup", "không tìm thấy tệp '" + path + "'", "'" + path + "' not found"};
  CopyCheck out;
  try {
    Db db(immutable_uri(path), true);
    Stmt check(db.handle(), "PRAGMA integrity_check(20)");
    while (check.step()) {
      if (!out.integrity.empty()) out.integrity += "; ";
      out.integrity += check.text(0);
    }
    if (out.integrity == "ok") out.counts = count_tables(db);
  } catch (const SqliteError& e) {
    // Not a database at all (overwritten, truncated): as unsound as a failed check.
    out.integrity = e.what();
  }
  return out;
}

Status copy_file_synced(const std::string& from, const std::string& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return io_error("không mở được " + from, "cannot open " + from);
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) {
    ::close(in);
    return io_error("không tạo được " + to, "cannot create " + to);
  }
  std::vector<char> buf(1 << 20);
  bool ok = true;
  for (;;) {
    const ssize_t n = ::read(in, buf.data(), buf.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out, buf.data() + done, size_t(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        ok = false;
        break;
      }
      done += w;
    }
    if (!ok) break;
  }
  ok = ok && ::fsync(out) == 0;
  Error failed;
  if (!ok) failed = io_error("không sao được " + from, "cannot copy " + from);
  ::close(in);
  if (::close(out) != 0 && ok) {
    ok = false;
    failed = io_error("không ghi được " + to, "cannot write " + to);
  }
  if (!ok) {
    ::unlink(to.c_str());
    return failed;
  }
  return {};
}

Status rename_no_replace(const std::string& from, const std::string& to) {
  // A hard link fails when `to` exists; the old name then goes.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST)
      return Error{ErrorCode::kAlreadyExists, "output", "tệp '" + to + "' đã có", "'" + to + "' already exists"};
    return io_error("không đổi tên được " + from, "cannot rename " + from);
  }
  ::unlink(from.c_str());
  return sync_folder(to);
}

Status place_database(const std::string& copy, const std::string& db) {
  // The database keeps its owner and mode (a restore run as root must not
  // leave a file the server's account cannot open).
  struct stat old {};
  if (::stat(db.c_str(), &old) == 0) {
    if (::chmod(copy.c_str(), old.st_mode & 07777) != 0)
      return io_error("không đặt được quyền của " + copy, "cannot set the mode of " + copy);
    if (::chown(copy.c_str(), old.st_uid, old.st_gid) != 0 && errno != EPERM)
      return io_error("không đặt được chủ của " + copy, "cannot set the owner of " + copy);
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    const std::string stale = db + suffix;
    if (::unlink(stale.c_str()) != 0 && errno != ENOENT)
      return io_error("không xoá được " + stale, "cannot remove " + stale);
  }
  if (::rename(copy.c_str(), db.c_str()) != 0) return io_error("không đặt được " + db, "cannot put " + db + " in place");
  return sync_folder(db);
}

}  // namespace danso::sqlite

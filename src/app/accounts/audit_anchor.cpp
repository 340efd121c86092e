#include "app/accounts/audit_anchor.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"

namespace danso::accounts {

namespace {

constexpr const char* kKeyHeader = "danso-audit-key-v1";
constexpr size_t kTail = 64 * 1024;  // bytes read from the end of the anchor file to find the latest anchor

void start_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

std::string hex(const unsigned char* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

template <size_t N>
bool unhex(std::string_view text, std::array<unsigned char, N>& out) {
  size_t len = 0;
  return text.size() == 2 * N &&
         sodium_hex2bin(out.data(), N, text.data(), text.size(), nullptr, &len, nullptr) == 0 && len == N;
}

std::string key_id_of(const std::array<unsigned char, 32>& public_key) {
  return sha256_hex(std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size()))
      .substr(0, 16);
}

std::string message_of(const Anchor& a) {
  return "danso-audit-anchor-v1\n" + a.kind + "\n" + std::to_string(a.seq) + "\n" + a.hash + "\n" + a.time + "\n" +
         a.key_id;
}

Error io_error(const std::string& vi, const std::string& en) {
  const std::string why = std::strerror(errno);
  return Error{ErrorCode::kInternal, "", vi + ": " + why, en + ": " + why};
}

Error key_error(const std::string& path, const std::string& why_vi, const std::string& why_en) {
  return Error::invalid("audit-key", "khoá nhật ký '" + path + "': " + why_vi, "audit key '" + path + "': " + why_en);
}

// Writes `text` to a new file `path` with `mode`; an existing file is refused.
Status write_new_file(const std::string& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST)
      return Error{ErrorCode::kAlreadyExists, "output", "tệp '" + path + "' đã có; không ghi đè",
                   "'" + path + "' already exists; it is not overwritten"};
    return io_error("không tạo được " + path, "cannot create " + path);
  }
  const bool ok = ::fchmod(fd, mode) == 0 && ::write(fd, text.data(), text.size()) == ssize_t(text.size()) &&
                  ::fsync(fd) == 0;
  if (::close(fd) != 0 || !ok) {
    ::unlink(path.c_str());
    return io_error("không ghi được " + path, "cannot write " + path);
  }
  return {};
}

std::optional<Anchor> parse_line(std::string_view line, size_t number) {
  std::istringstream in{std::string(line)};
  Anchor a;
  std::string seq, extra;
  if (!(in >> a.kind >> seq >> a.hash >> a.time >> a.signature >> a.key_id) || (in >> extra)) return std::nullopt;
  if (a.kind != "anchor" && a.kind != "restore") return std::nullopt;
  if (seq.empty() || seq.size() > 18 || seq.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  a.seq = std::stoll(seq);
  if (a.hash.size() != 64 || a.signature.size() != 128 || a.key_id.size() != 16) return std::nullopt;
  a.line = number;
  return a;
}

}  // namespace

AuditKey generate_audit_key() {
  start_sodium();
  AuditKey k;
  std::array<unsigned char, 64> secret{};
  crypto_sign_keypair(k.public_key.data(), secret.data());
  k.secret_key = secret;
  k.id = key_id_of(k.public_key);
  return k;
}

Status write_audit_key(const AuditKey& key, const std::string& path) {
  if (!key.secret_key) return Error::invalid("audit-key", "khoá không có phần bí mật", "the key has no secret part");
  const std::string pub = path + ".pub";
  if (::access(pub.c_str(), F_OK) == 0)
    return Error{ErrorCode::kAlreadyExists, "output", "tệp '" + pub + "' đã có; không ghi đè",
                 "'" + pub + "' already exists; it is not overwritten"};
  if (auto st = write_new_file(path, std::string(kKeyHeader) + " secret " +
                                         hex(key.secret_key->data(), key.secret_key->size()) + "\n",
                               0600);
      !st)
    return st;
  if (auto st = write_new_file(pub, std::string(kKeyHeader) + " public " + hex(key.public_key.data(), 32) + "\n", 0644);
      !st) {
    ::unlink(path.c_str());
    return st;
  }
  return {};
}

Result<AuditKey> read_audit_key(const std::string& path) {
  start_sodium();
  std::ifstream in(path);
  if (!in) return key_error(path, "không đọc được tệp", "cannot read the file");
  std::string header, kind, value, extra;
  if (!(in >> header >> kind >> value) || (in >> extra) || header != kKeyHeader)
    return key_error(path, "không phải tệp khoá của danso audit keygen", "not a key file of danso audit keygen");
  AuditKey k;
  if (kind == "secret") {
    std::array<unsigned char, 64> secret{};
    if (!unhex(value, secret)) return key_error(path, "khoá bí mật hỏng", "the secret key is damaged");
    crypto_sign_ed25519_sk_to_pk(k.public_key.data(), secret.data());
    k.secret_key = secret;
  } else if (kind == "public") {
    if (!unhex(value, k.public_key)) return key_error(path, "khoá công khai hỏng", "the public key is damaged");
  } else {
    return key_error(path, "không phải tệp khoá của danso audit keygen", "not a key file of danso audit keygen");
  }
  k.id = key_id_of(k.public_key);
  return k;
}

Anchor sign_anchor(const AuditKey& key, std::string kind, int64_t seq, std::string hash, int64_t now) {
  start_sodium();
  Anchor a;
  a.kind = std::move(kind);
  a.seq = seq;
  a.hash = std::move(hash);
  a.time = iso_instant(now);
  a.key_id = key.id;
  const std::string m = message_of(a);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                       key.secret_key->data());
  a.signature = hex(sig.data(), sig.size());
  return a;
}

bool signature_holds(const Anchor& a, const AuditKey& key) {
  start_sodium();
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  if (a.key_id != key.id || !unhex(a.signature, sig)) return false;
  const std::string m = message_of(a);
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                                     key.public_key.data()) == 0;
}

std::string anchor_line(const Anchor& a) {
  return a.kind + " " + std::to_string(a.seq) + " " + a.hash + " " + a.time + " " + a.signature + " " + a.key_id;
}

Result<AnchorFile> read_anchor_file(const std::string& path) {
  AnchorFile out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return out;
    return Error::invalid("audit-anchors", "không đọc được tệp neo '" + path + "'",
                          "cannot read the anchor file '" + path + "'");
  }
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (auto a = parse_line(line, n)) out.anchors.push_back(std::move(*a));
    else out.malformed.push_back(n);
  }
  return out;
}

Status append_anchor(const std::string& path, const Anchor& anchor) {
  const std::string line = anchor_line(anchor) + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return io_error("không mở được tệp neo " + path, "cannot open the anchor file " + path);
  const bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size()) && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !ok) return io_error("không ghi được tệp neo " + path, "cannot write the anchor file " + path);
  return {};
}

std::vector<Anchor> current_anchors(const std::vector<Anchor>& all) {
  size_t from = 0;
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].kind == "restore") from = i;
  return std::vector<Anchor>(all.begin() + std::ptrdiff_t(from), all.end());
}

std::optional<Anchor> latest_anchor(const std::vector<Anchor>& current) {
  std::optional<Anchor> out;
  for (const Anchor& a : current)
    if (!out || a.seq >= out->seq) out = a;
  return out;
}

Result<std::optional<Anchoring>> Anchoring::open(const AnchorConfig& c) {
  if (!c.configured()) return std::optional<Anchoring>();
  if (c.key_file.empty() || c.anchor_file.empty())
    return Error::invalid(c.key_file.empty() ? "audit-key" : "audit-anchors",
                          "--audit-key và --audit-anchors phải đi cùng nhau",
                          "--audit-key and --audit-anchors go together");
  auto key = read_audit_key(c.key_file);
  if (!key) return key.error();
  if (!key->secret_key)
    return key_error(c.key_file, "cần khoá bí mật để ký neo, không phải tệp .pub",
                     "signing anchors needs the secret key, not the .pub file");
  return std::optional<Anchoring>(Anchoring(std::move(*key), c.anchor_file));
}

Result<std::optional<Anchor>> Anchoring::latest(bool fresh) {
  if (written_ && !fresh) return written_;
  // The end of the file is enough: anchors are appended in order.
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    if (::access(file_.c_str(), F_OK) != 0 && errno == ENOENT) return std::optional<Anchor>();
    return Error{ErrorCode::kInternal, "audit-anchors", "không đọc được tệp neo '" + file_ + "'",
                 "cannot read the anchor file '" + file_ + "'"};
  }
  in.seekg(0, std::ios::end);
  const auto size = static_cast<size_t>(in.tellg());
  const size_t from = size > kTail ? size - kTail : 0;
  in.seekg(std::streamoff(from));
  std::string text(size - from, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  std::vector<Anchor> anchors;
  std::istringstream lines(text);
  std::string line;
  for (bool first = from > 0; std::getline(lines, line); first = false)
    if (!first)  // a line cut by the start of the tail
      if (auto a = parse_line(line, 0)) anchors.push_back(std::move(*a));
  return latest_anchor(current_anchors(anchors));
}

Status Anchoring::check_head(Store& store, std::mutex* mu) {
  auto latest_anchor = latest();
  if (!latest_anchor) return latest_anchor.error();
  if (!*latest_anchor) return {};
  const Anchor& a = **latest_anchor;
  if (!signature_holds(a, key_))
    return Error{ErrorCode::kFailedPrecondition, "audit-anchors",
                 "neo mới nhất trong " + file_ + " không có chữ ký đúng của khoá " + key_.id + "; chạy danso audit verify",
                 "the latest anchor in " + file_ + " is not signed by key " + key_.id + "; run danso audit verify"};
  std::optional<std::string> hash;
  {
    std::unique_lock<std::mutex> lock;
    if (mu) lock = std::unique_lock<std::mutex>(*mu);
    if (const auto missing = store.missing_audit_schema(); !missing.empty()) {
      std::string names;
      for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
      return Error{ErrorCode::kFailedPrecondition, "audit",
                   "bảng hoặc trigger của nhật ký đã bị xoá (" + names + "); chạy danso audit verify",
                   "tables or triggers of the audit log were dropped (" + names + "); run danso audit verify"};
    }
    hash = a.seq > 0 ? store.audit_hash_of(a.seq) : std::optional<std::string>(kAuditGenesis);
  }
  const std::string at = " (" + file_ + ", " + a.time + ")";
  if (!hash)
    return Error{ErrorCode::kFailedPrecondition, "audit",
                 "nhật ký không còn mục " + std::to_string(a.seq) + " mà neo mới nhất ghi" + at +
                     ": nhật ký đã bị cắt hoặc xoá; chạy danso audit verify",
                 "the log no longer has entry " + std::to_string(a.seq) + ", which the latest anchor records" + at +
                     ": it was cut short or emptied; run danso audit verify"};
  if (*hash != a.hash)
    return Error{ErrorCode::kFailedPrecondition, "audit",
                 "mục " + std::to_string(a.seq) + " không còn là mục đã neo" + at +
                     ": nhật ký đã bị viết lại; chạy danso audit verify",
                 "entry " + std::to_string(a.seq) + " is no longer the one anchored" + at +
                     ": the log was rewritten; run danso audit verify"};
  return {};
}

Result<std::optional<std::string>> Anchoring::anchor(Store& store, int64_t now, std::mutex* mu,
                                                     const std::string& kind) {
  if (kind != "restore")
    if (auto st = check_head(store, mu); !st) return st.error();
  std::optional<AuditHead> head;
  {
    std::unique_lock<std::mutex> lock;
    if (mu) lock = std::unique_lock<std::mutex>(*mu);
    head = store.audit_head();
  }
  const int64_t seq = head ? head->seq : 0;
  const std::string hash = head ? head->hash : kAuditGenesis;
  if (kind != "restore") {
    // Anchored already, by this process or (read afresh) another one.
    if (written_ && written_->seq == seq && written_->hash == hash) return std::optional<std::string>();
    auto previous = latest(true);
    if (!previous) return previous.error();
    if (*previous && (*previous)->seq == seq && (*previous)->hash == hash) {
      written_ = *previous;
      return std::optional<std::string>();
    }
  }
  auto line = anchor_head(AuditHead{seq, hash}, now, kind);
  if (!line) return line.error();
  return std::optional<std::string>(std::move(*line));
}

Result<std::string> Anchoring::anchor_head(const AuditHead& head, int64_t now, const std::string& kind) {
  Anchor a = sign_anchor(key_, kind, head.seq, head.hash, now);
  if (auto st = append_anchor(file_, a); !st) return st.error();
  written_ = a;
  return anchor_line(a);
}

}  // namespace danso::accounts

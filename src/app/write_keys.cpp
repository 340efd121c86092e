#include "app/write_keys.h"

#include "app/accounts/crypto.h"

namespace danso {

Result<std::string> parse_write_key(std::string_view header) {
  const auto bad = [](const std::string& vi, const std::string& en) {
    return Error::invalid("Idempotency-Key", vi, en);
  };
  if (header.empty()) return bad("khóa gửi lại (Idempotency-Key) trống", "the Idempotency-Key is empty");
  if (header.size() > kMaxWriteKey)
    return bad("khóa gửi lại (Idempotency-Key) dài quá " + std::to_string(kMaxWriteKey) + " ký tự",
               "the Idempotency-Key is longer than " + std::to_string(kMaxWriteKey) + " characters");
  for (const char c : header)
    if (c < 0x21 || c > 0x7e)
      return bad("khóa gửi lại (Idempotency-Key) chỉ gồm chữ, số và dấu ASCII, không khoảng trắng",
                 "the Idempotency-Key holds only visible ASCII characters, no spaces");
  return std::string(header);
}

std::string write_fingerprint(std::string_view method, std::string_view target, std::string_view body) {
  std::string text;
  text.reserve(method.size() + target.size() + body.size() + 2);
  text.append(method).append(" ").append(target).append("\n").append(body);
  return accounts::sha256_hex(text);
}

Result<std::optional<WriteKeyRecord>> prior_write(Database& db, UserId user, const WriteKey& key) {
  auto kept = db.read([&](Store& s) { return s.find_write_key(user, key.key); });
  if (kept && (kept->fingerprint != key.fingerprint || kept->answer != key.answer))
    return Error{ErrorCode::kFailedPrecondition, "Idempotency-Key",
                 "khóa gửi lại này đã dùng cho một yêu cầu khác: mỗi lần ghi mới cần một khóa mới",
                 "this Idempotency-Key was sent with another request: each new write needs a key of its own"};
  return kept;
}

Status keep_write_key(Store& store, UserId user, WriteKey& key, int64_t record, int status, std::string at) {
  if (auto st = store.insert_write_key({user, key.key, key.fingerprint, key.answer, record, status, std::move(at)});
      !st)
    return st;
  key.kept = true;
  return {};
}

KeyedRecord keyed_record(Database& db, const WriteKeyRecord& key) {
  return db.read([&](Store& s) {
    KeyedRecord out;
    if (key.answer == "event" || key.answer == "birth") {
      out.event = s.find_event(EventId(key.record));
      if (out.event && key.answer == "birth") out.person = s.find_person(out.event->person);
    } else if (key.answer == "person") {
      out.person = s.find_person(PersonId(key.record));
    } else if (key.answer == "household") {
      out.household = s.find_household(HouseholdId(key.record));
    }
    return out;
  });
}

}  // namespace danso

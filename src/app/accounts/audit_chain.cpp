#include "app/accounts/audit_chain.h"

#include <nlohmann/json.hpp>

#include "app/accounts/crypto.h"

namespace danso::accounts {

std::string audit_canonical(const AuditRecord& e) {
  const nlohmann::json fields = nlohmann::json::array(
      {e.seq, e.at, e.actor.value, e.actor_name, e.action, e.kind, e.record, e.unit.value, e.before, e.after});
  return fields.dump();
}

std::string audit_hash(std::string_view prev_hash, const AuditRecord& e) {
  return sha256_hex(std::string(prev_hash) + "\n" + audit_canonical(e));
}

Status append_audit(Store& store, AuditRecord e) {
  const auto head = store.audit_head();
  e.seq = head ? head->seq + 1 : 1;
  e.prev_hash = head ? head->hash : kAuditGenesis;
  e.hash = audit_hash(e.prev_hash, e);
  return store.append_audit(e);
}

AuditCheck verify_audit(Store& store) {
  AuditCheck c;
  std::string prev = kAuditGenesis;
  int64_t expected = 1;
  auto fail = [&](int64_t seq, std::string vi, std::string en) {
    c.ok = false;
    c.broken_at = seq;
    c.vi = "mục " + std::to_string(seq) + ": " + vi;
    c.en = "entry " + std::to_string(seq) + ": " + en;
  };
  store.for_each_audit([&](const AuditRecord& e) {
    ++c.entries;
    if (!c.ok) return;
    if (e.seq != expected)
      fail(expected, "bị thiếu (mục tiếp theo là " + std::to_string(e.seq) + "): đã bị xoá",
           "missing (the next entry is " + std::to_string(e.seq) + "): deleted");
    else if (e.prev_hash != prev)
      fail(e.seq, "không nối tiếp mục trước: mục trước đã bị xoá, sửa hoặc đổi thứ tự",
           "does not follow the entry before it: an earlier entry was deleted, edited or moved");
    else if (audit_hash(e.prev_hash, e) != e.hash)
      fail(e.seq, "mã băm không khớp nội dung: đã bị sửa", "its hash does not match its content (edited)");
    prev = e.hash;
    ++expected;
  });
  if (!c.ok) return c;
  const auto head = store.audit_head();
  const int64_t last = expected - 1;
  if (!head && last > 0)
    fail(last, "không có đầu nhật ký ghi mục cuối", "the log's head, which records the last entry, is missing");
  else if (head && (head->seq != last || head->hash != prev))
    fail(head->seq != last ? last + 1 : last,
         "nhật ký bị cắt: đầu nhật ký ghi " + std::to_string(head->seq) + " mục, còn " + std::to_string(last),
         "the log was cut short: its head records " + std::to_string(head->seq) + " entries, " +
             std::to_string(last) + " remain");
  return c;
}

}  // namespace danso::accounts

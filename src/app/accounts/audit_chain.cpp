#include "app/accounts/audit_chain.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/accounts/crypto.h"

namespace danso::accounts {

std::string audit_canonical(const AuditRecord& e) {
  nlohmann::json fields = nlohmann::json::array(
      {e.seq, e.at, e.actor.value, e.actor_name, e.action, e.kind, e.record, e.unit.value, e.before, e.after});
  // Entries that stored no register row keep the form they always had.
  if (e.records > 0 || !e.records_digest.empty()) {
    fields.push_back(e.records);
    fields.push_back(e.records_digest);
  }
  return fields.dump();
}

std::string audit_hash(std::string_view prev_hash, const AuditRecord& e) {
  return sha256_hex(std::string(prev_hash) + "\n" + audit_canonical(e));
}

Status append_audit(Store& store, AuditRecord e) {
  const auto head = store.audit_head();
  e.seq = head ? head->seq + 1 : 1;
  e.prev_hash = head ? head->hash : kAuditGenesis;
  const RecordsDigest records = store.pending_records();
  e.records = records.count;
  e.records_digest = records.digest;
  e.hash = audit_hash(e.prev_hash, e);
  return store.append_audit(e);
}

namespace {

std::string num(int64_t n) { return std::to_string(n); }

class Problems {
 public:
  explicit Problems(AuditCheck& c) : c_(c) {}
  void add(int64_t entry, const std::string& vi, const std::string& en) {
    AuditProblem p{entry, entry > 0 ? "mục " + num(entry) + ": " + vi : vi,
                   entry > 0 ? "entry " + num(entry) + ": " + en : en};
    if (c_.ok) {
      c_.ok = false;
      c_.broken_at = entry;
      c_.vi = p.vi;
      c_.en = p.en;
    }
    c_.problems.push_back(std::move(p));
  }

 private:
  AuditCheck& c_;
};

std::string where(const Anchor& a) { return num(int64_t(a.line)) + " (" + a.time + ")"; }

// The anchors a log is checked against: signed by the key (each other line
// is a problem), from the last restore on; for a copy, the newest run of
// anchors (between restores) that has one within the copy, cut at its end.
std::vector<Anchor> usable_anchors(const AnchorCheck& a, int64_t last, Problems& problems) {
  for (size_t line : a.file->malformed)
    problems.add(0, "dòng " + num(int64_t(line)) + " của tệp neo không phải một neo: đã bị sửa",
                 "line " + num(int64_t(line)) + " of the anchor file is not an anchor: it was altered");
  std::vector<Anchor> signed_ok;
  for (const Anchor& x : a.file->anchors) {
    if (x.key_id != a.key->id)
      problems.add(0, "neo dòng " + num(int64_t(x.line)) + " được ký bằng khoá khác (" + x.key_id + ")",
                   "the anchor on line " + num(int64_t(x.line)) + " is signed by another key (" + x.key_id + ")");
    else if (!signature_holds(x, *a.key))
      problems.add(0, "chữ ký của neo dòng " + num(int64_t(x.line)) + " không khớp: dòng đã bị sửa hoặc giả mạo",
                   "the signature of the anchor on line " + num(int64_t(x.line)) +
                       " does not match: the line was altered or forged");
    else
      signed_ok.push_back(x);
  }
  if (!a.copy) return current_anchors(signed_ok);
  // Runs of anchors, newest first, each starting at a restore line.
  size_t end = signed_ok.size();
  while (end > 0) {
    size_t begin = end;
    while (begin > 0 && signed_ok[begin - 1].kind != "restore") --begin;
    if (begin > 0) --begin;  // the restore line starts its run
    std::vector<Anchor> run;
    for (size_t i = begin; i < end; ++i)
      if (signed_ok[i].seq <= last) run.push_back(signed_ok[i]);
    if (!run.empty()) return run;
    end = begin;
  }
  return {};
}

}  // namespace

namespace {

AuditCheck verify_in_order_found(Store& store, const std::optional<AnchorCheck>& anchors) {
  AuditCheck c;
  Problems problems(c);
  bool have_log = true, have_head = true;
  const auto missing = store.missing_audit_schema();
  const bool log_dropped = std::find(missing.begin(), missing.end(), "audit") != missing.end();
  for (const std::string& name : missing) {
    if (log_dropped && name.rfind("audit_", 0) == 0 && name != "audit_head") continue;  // its triggers went with it
    if (name == "audit" || name == "audit_head") {
      (name == "audit" ? have_log : have_head) = false;
      problems.add(name == "audit" ? 1 : 0, "bảng " + name + " của nhật ký đã bị xoá",
                   "the table " + name + " of the audit log was dropped");
    } else if (name == "record_hashes") {
      problems.add(0, "bảng record_hashes (mã băm các bản ghi) đã bị xoá",
                   "the table record_hashes (the records' hashes) was dropped");
    } else {
      problems.add(0, "trigger " + name + " (giữ cho nhật ký chỉ được thêm) đã bị xoá",
                   "the trigger " + name + ", which keeps the log append-only, was dropped");
    }
  }

  // The hashes of the entries anchors name, read while walking the chain.
  std::unordered_map<int64_t, std::string> anchored_hashes;
  if (anchors)
    for (const Anchor& a : anchors->file->anchors) anchored_hashes.emplace(a.seq, std::string());
  std::string prev = kAuditGenesis;
  int64_t expected = 1, last_seen = 0;
  bool chain_ok = true;
  if (have_log)
    store.for_each_audit([&](const AuditRecord& e) {
      ++c.entries;
      last_seen = std::max(last_seen, e.seq);
      if (auto it = anchored_hashes.find(e.seq); it != anchored_hashes.end()) it->second = e.hash;
      if (!chain_ok) return;
      if (e.seq != expected) {
        problems.add(expected, "bị thiếu (mục tiếp theo là " + num(e.seq) + "): đã bị xoá",
                     "missing (the next entry is " + num(e.seq) + "): deleted");
        chain_ok = false;
      } else if (e.prev_hash != prev) {
        problems.add(e.seq, "không nối tiếp mục trước: mục trước đã bị xoá, sửa hoặc đổi thứ tự",
                     "does not follow the entry before it: an earlier entry was deleted, edited or moved");
        chain_ok = false;
      } else if (audit_hash(e.prev_hash, e) != e.hash) {
        problems.add(e.seq, "mã băm không khớp nội dung: đã bị sửa", "its hash does not match its content (edited)");
        chain_ok = false;
      }
      prev = e.hash;
      ++expected;
    });
  const int64_t last = chain_ok ? expected - 1 : last_seen;
  if (have_log && have_head && chain_ok) {
    const auto head = store.audit_head();
    if (!head && last > 0)
      problems.add(last, "không có đầu nhật ký ghi mục cuối", "the log's head, which records the last entry, is missing");
    else if (head && head->seq > last)
      problems.add(last + 1, "nhật ký bị cắt: đầu nhật ký ghi " + num(head->seq) + " mục, còn " + num(last),
                   "the log was cut short: its head records " + num(head->seq) + " entries, " + num(last) + " remain");
    else if (head && head->seq < last)
      problems.add(head->seq + 1, "đầu nhật ký đã bị dời: nó ghi " + num(head->seq) + " mục, nhật ký có " + num(last),
                   "the log's head was moved: it records " + num(head->seq) + " entries, the log has " + num(last));
    else if (head && head->hash != prev)
      problems.add(last, "đầu nhật ký đã bị dời: mã băm của nó không phải của mục cuối",
                   "the log's head was moved: its hash is not the last entry's");
  }

  if (!anchors) return c;
  c.anchored = true;
  c.anchor_lines = int64_t(anchors->file->anchors.size() + anchors->file->malformed.size());
  const std::vector<Anchor> usable = usable_anchors(*anchors, last, problems);
  if (usable.empty()) {
    if (!anchors->copy && last > 0)
      problems.add(0, "tệp neo không có neo nào của nhật ký này, mà nhật ký có " + num(last) +
                          " mục: tệp neo đã bị xoá hoặc thay, hoặc nhật ký chưa từng được neo (danso audit anchor)",
                   "the anchor file holds no anchor of this log, which has " + num(last) +
                       " entries: the file was emptied or replaced, or the log was never anchored (danso audit anchor)");
    return c;
  }
  const Anchor latest = *latest_anchor(usable);
  c.anchor = latest;
  c.after_anchor = std::max<int64_t>(0, last - latest.seq);
  if (!anchors->copy) {
    if (latest.seq > 0 && c.entries == 0)
      problems.add(1, "nhật ký trống, nhưng neo dòng " + where(latest) + " ghi " + num(latest.seq) +
                          " mục: nhật ký đã bị xoá sạch",
                   "the log is empty, but the anchor on line " + where(latest) + " records " + num(latest.seq) +
                       " entries: the log was emptied");
    else if (latest.seq > last)
      problems.add(last + 1, "nhật ký bị cắt: neo dòng " + where(latest) + " ghi " + num(latest.seq) + " mục, còn " +
                                 num(last),
                   "the log was cut short: the anchor on line " + where(latest) + " records " + num(latest.seq) +
                       " entries, " + num(last) + " remain");
  }
  // Every anchor within the log must name the entry as it is now.
  std::vector<Anchor> by_seq = usable;
  std::stable_sort(by_seq.begin(), by_seq.end(), [](const Anchor& a, const Anchor& b) { return a.seq < b.seq; });
  int64_t good = 0;
  for (const Anchor& a : by_seq) {
    if (a.seq == 0 || a.seq > last) continue;
    const std::string& now = anchored_hashes[a.seq];
    if (now.empty()) continue;  // the entry is missing: the chain says so
    if (now == a.hash) {
      good = a.seq;
      continue;
    }
    problems.add(good + 1,
                 "một mục từ " + num(good + 1) + " đến " + num(a.seq) +
                     " đã bị sửa và chuỗi băm được tính lại: mục " + num(a.seq) + " không còn là mục đã neo ở dòng " +
                     where(a),
                 "an entry from " + num(good + 1) + " to " + num(a.seq) +
                     " was rewritten and the chain recomputed: entry " + num(a.seq) +
                     " is not the one anchored on line " + where(a));
    break;
  }
  return c;
}

}  // namespace

AuditCheck verify_audit(Store& store, const std::optional<AnchorCheck>& anchors) {
  AuditCheck c = verify_in_order_found(store, anchors);
  // The problems that name an entry first, lowest entry first: the first of
  // them is the one reported.
  std::stable_sort(c.problems.begin(), c.problems.end(), [](const AuditProblem& a, const AuditProblem& b) {
    return (a.entry > 0) != (b.entry > 0) ? a.entry > 0 : a.entry < b.entry;
  });
  if (!c.problems.empty()) {
    c.broken_at = c.problems.front().entry;
    c.vi = c.problems.front().vi;
    c.en = c.problems.front().en;
  }
  return c;
}

RecordsCheck verify_records(Store& store, size_t keep_findings) {
  RecordsCheck r;
  auto problem = [&](int64_t entry, const std::string& vi, const std::string& en) {
    r.problems.push_back({entry, "mục " + num(entry) + ": " + vi, "entry " + num(entry) + ": " + en});
  };
  const auto missing = store.missing_audit_schema();
  for (const char* needed : {"record_hashes", "audit"})
    if (std::find(missing.begin(), missing.end(), needed) != missing.end()) {
      r.ok = false;
      r.checked = false;
      r.problems.push_back({0, std::string("bảng ") + needed + " đã bị xoá: không kiểm tra được các bản ghi",
                            std::string("the table ") + needed + " was dropped: the records cannot be checked"});
      return r;
    }
  r.scan = store.scan_records(keep_findings);
  const auto& found = r.scan.entries;
  size_t i = 0;
  auto orphan = [&](const RecordScan::Entry& f) {
    problem(f.seq,
            "có " + num(f.count) + " mã băm bản ghi mang số mục này, nhưng mục không ghi bản ghi nào (hoặc không có): "
            "chúng được thêm ngoài DanSo",
            num(f.count) + " record hashes carry this entry's number, but it records no record (or does not exist): "
            "they were added outside DanSo");
  };
  store.for_each_audit([&](const AuditRecord& e) {
    while (i < found.size() && found[i].seq < e.seq) orphan(found[i++]);
    const bool has = i < found.size() && found[i].seq == e.seq;
    if (e.records > 0 || has) {
      const int64_t count = has ? found[i].count : 0;
      const std::string digest = has ? found[i].digest : std::string();
      if (count != e.records || digest != e.records_digest)
        problem(e.seq,
                "mã băm của các bản ghi mục này đã lưu không còn khớp (còn " + num(count) + ", mục ghi " +
                    num(e.records) + "): chúng đã bị sửa, thêm hoặc xoá ngoài DanSo",
                "the hashes of the records this entry stored no longer add up (" + num(count) + " found, the entry records " +
                    num(e.records) + "): they were changed, added or deleted outside DanSo");
    }
    if (has) ++i;
  });
  while (i < found.size()) orphan(found[i++]);
  const RecordScan& s = r.scan;
  r.ok = r.problems.empty() && s.changed + s.added + s.deleted + s.unknown == 0;
  return r;
}

}  // namespace danso::accounts

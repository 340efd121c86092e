#include "app/slip_history.h"

#include <mutex>

namespace danso {

namespace {

nlohmann::json parsed_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace

std::vector<SlipVersion> slip_history(Database& db, EventId id) {
  std::vector<AuditRecord> entries;
  {
    std::lock_guard<std::mutex> lock(db.mutex());
    entries = db.store().audit_of_record("event", std::to_string(id.value));
  }
  std::vector<SlipVersion> out;
  for (const AuditRecord& a : entries) {
    // A slip cancelled before this one took its id: its versions are not this slip's.
    if (a.action == "cancel") out.clear();
    if (a.action != "create" && a.action != "update") continue;
    if (out.empty() && a.action == "update" && !a.before.empty())
      out.push_back({1, "import", "", "", "", parsed_or_null(a.before)});
    SlipVersion v{static_cast<int>(out.size()) + 1, a.action, a.at, a.actor_name, "", parsed_or_null(a.after)};
    if (v.event.is_object() && v.event.contains("reason")) {
      if (v.event["reason"].is_string()) v.reason = v.event["reason"].get<std::string>();
      v.event.erase("reason");
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace danso

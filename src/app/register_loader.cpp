#include "app/register_loader.h"

#include <algorithm>
#include <span>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"

namespace danso {

namespace {

template <typename T, typename Fn>
Status write_chunked(const std::vector<T>& rows, std::string_view stage, const LoadProgress& progress, Fn write) {
  constexpr size_t kChunk = 100000;
  for (size_t i = 0; i < rows.size(); i += kChunk) {
    const size_t n = std::min(kChunk, rows.size() - i);
    if (auto st = write(std::span<const T>(rows.data() + i, n)); !st) return st;
    if (progress) progress(stage, double(i + n) / double(rows.size()));
  }
  return {};
}

}  // namespace

Status derive_batch_residence(const RegisterBatch& b, std::vector<ResidenceSpell>& spells) {
  std::unordered_map<int64_t, UnitId> village;
  village.reserve(b.households.size());
  for (const auto& h : b.households) village.emplace(h.id.value, h.village);
  auto village_of = [&](HouseholdId h) {
    auto it = village.find(h.value);
    return it == village.end() ? UnitId() : it->second;
  };
  std::vector<const VitalEvent*> res_events;
  for (const auto& e : b.events)
    if (affects_residence(e.type)) res_events.push_back(&e);
  std::sort(res_events.begin(), res_events.end(),
            [](const VitalEvent* a, const VitalEvent* c) { return a->person < c->person; });
  spells.reserve(spells.size() + b.persons.size() + res_events.size());
  std::vector<VitalEvent> mine;
  size_t k = 0;
  for (const Person& p : b.persons) {
    mine.clear();
    while (k < res_events.size() && res_events[k]->person < p.id) ++k;
    while (k < res_events.size() && res_events[k]->person == p.id) mine.push_back(*res_events[k++]);
    if (auto st = derive_residence(p, mine, village_of, spells); !st) return st;
  }
  return {};
}

Status load_register(Store& store, const RegisterBatch& b, const LoadProgress& progress, const LoadAudit& audit,
                     std::span<const UnitBoundary> boundaries) {
  // Residence first, in memory, so a batch that breaks the rules writes nothing.
  std::vector<ResidenceSpell> spells;
  if (auto st = derive_batch_residence(b, spells); !st) return st;
  if (progress) progress("nơi cư trú / residence", 1.0);

  auto tx = store.begin();
  if (auto st = store.upsert_units(b.units); !st) return st;
  if (auto st = store.upsert_unit_links(b.links); !st) return st;
  if (auto st = store.upsert_staff(b.staff); !st) return st;
  if (auto st = store.upsert_boundaries(boundaries); !st) return st;
  if (progress) progress("đơn vị, cán bộ / units, staff", 1.0);
  auto st = store.write_deferring_indexes(
      {StoredTable::kHouseholds, StoredTable::kPersons, StoredTable::kEvents, StoredTable::kResidence}, [&]() -> Status {
  if (auto st = write_chunked(b.households, "hộ / households", progress,
                                [&](std::span<const Household> s) { return store.upsert_households(s); });
        !st)
      return st;
    if (auto st = write_chunked(b.persons, "nhân khẩu / persons", progress,
                                [&](std::span<const Person> s) { return store.upsert_persons(s); });
        !st)
      return st;
    if (auto st = write_chunked(b.events, "sự kiện / events", progress,
                                [&](std::span<const VitalEvent> s) { return store.upsert_events(s); });
        !st)
      return st;
    if (auto st = write_chunked(spells, "nơi cư trú / residence", progress,
                                [&](std::span<const ResidenceSpell> s) {
                                  return store.replace_residence_of({}, s);
                                });
        !st)
      return st;
    return {};
  });
  if (!st) return st;
  AuditRecord e = accounts::audit_entry(nullptr, accounts::iso_instant(audit.now), "load", "register");
  e.after = nlohmann::ordered_json{{"source", audit.source},
                                   {"units", b.units.size()},
                                   {"unit_links", b.links.size()},
                                   {"unit_boundaries", boundaries.size()},
                                   {"staff", b.staff.size()},
                                   {"households", b.households.size()},
                                   {"persons", b.persons.size()},
                                   {"events", b.events.size()}}
                .dump();
  if (auto s = accounts::append_audit(store, std::move(e)); !s) return s;
  return tx.commit();
}

Status require_empty_register(Database& db) {
  if (db.read([](Store& s) { return s.count_rows(StoredTable::kUnits); }) > 0)
    return Error{ErrorCode::kAlreadyExists, "db", "cơ sở dữ liệu đã có sổ đăng ký; dùng cơ sở dữ liệu mới",
                 "the database holds a register already; use a new one"};
  return {};
}

}  // namespace danso

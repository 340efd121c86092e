#include "app/register_writes.h"

#include <mutex>

#include "app/accounts/audit_chain.h"
#include "app/register_json.h"

namespace danso {

namespace {

Date writer_today(const RegisterWriter& w) { return accounts::date_of(w.now); }

WriteScope writer_scope(const RegisterWriter& w) {
  const Date today = writer_today(w);
  return WriteScope{[&w, today](UnitId unit) { return w.accounts.in_scope(w.principal, unit, today); }};
}

// The village a record belongs to in the audit log: a household's, a
// slip's, and where a person lives today (the caller holds the lock).
UnitId audit_unit(const RegisterWriter&, const Household& h) { return h.village; }
UnitId audit_unit(const RegisterWriter&, const VitalEvent& e) { return e.village; }
UnitId audit_unit(const RegisterWriter& w, const Person& p) {
  const auto place = person_place(w.db.store(), p.id, writer_today(w));
  return place ? place->village : UnitId();
}

// The audit entry of a register write of `kind`, inside its transaction.
template <typename T>
WriteAudit<T> audit_of(const RegisterWriter& w, const char* kind) {
  return [&w, kind](const std::optional<T>& before, const T& after) -> Status {
    AuditRecord e = accounts::audit_entry(&w.principal, accounts::iso_instant(w.now), before ? "update" : "create",
                                          kind, std::to_string(after.id.value), audit_unit(w, after));
    if constexpr (std::is_same_v<T, Household>) {
      if (before) e.before = household_json(*before).dump();
      e.after = household_json(after).dump();
    } else if constexpr (std::is_same_v<T, Person>) {
      if (before) e.before = person_json(*before).dump();
      e.after = person_json(after).dump();
    } else {
      if (before) e.before = event_json(*before).dump();
      e.after = event_json(after).dump();
    }
    return accounts::append_audit(w.db.store(), std::move(e));
  };
}

}  // namespace

Result<RecordedWrite<Household>> write_new_household(const RegisterWriter& w, const RecordFields& fields) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  return create_household(w.db.store(), w.accounts.units(), fields, writer_today(w), audit_of<Household>(w, "household"),
                          writer_scope(w));
}

Result<RecordedWrite<Household>> write_household_change(const RegisterWriter& w, HouseholdId id,
                                                        const RecordFields& fields) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  return change_household(w.db.store(), w.accounts.units(), id, fields, writer_today(w),
                          audit_of<Household>(w, "household"), writer_scope(w));
}

Result<RecordedWrite<Person>> write_new_person(const RegisterWriter& w, const RecordFields& fields) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  return create_person(w.db.store(), fields, writer_today(w), audit_of<Person>(w, "person"), writer_scope(w));
}

Result<RecordedWrite<Person>> write_person_change(const RegisterWriter& w, PersonId id, const RecordFields& fields) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  return change_person(w.db.store(), id, fields, writer_today(w), audit_of<Person>(w, "person"),
                       audit_of<VitalEvent>(w, "event"), writer_scope(w));
}

Result<RecordedEvent> write_slip(const RegisterWriter& w, const RecordFields& fields) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  const auto audit = audit_of<VitalEvent>(w, "event");
  return record_event(
      w.db.store(), w.accounts.units(), fields, writer_today(w),
      [&audit](const VitalEvent& e) { return audit(std::nullopt, e); }, writer_scope(w));
}

}  // namespace danso

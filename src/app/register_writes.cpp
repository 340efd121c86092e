#include "app/register_writes.h"

#include <algorithm>
#include <mutex>

#include "app/accounts/audit_chain.h"
#include "app/formats/formats.h"
#include "app/register_json.h"
#include "core/text.h"

namespace danso {

namespace {

// The village a record belongs to in the audit log: a household's, a
// slip's, and where a person lives today (the caller holds the lock).
UnitId audit_unit(const RegisterWriter&, const Household& h) { return h.village; }
UnitId audit_unit(const RegisterWriter&, const VitalEvent& e) { return e.village; }
UnitId audit_unit(const RegisterWriter& w, const Person& p) {
  const auto place = person_place(w.db.store(), p.id, writer_today(w));
  return place ? place->village : UnitId();
}

// The write's Idempotency-Key kept with the record of `kind` it answers
// (a birth's key with its slip, not its newborn), inside its transaction.
Status keep_key_of(const RegisterWriter& w, std::string_view kind, int64_t record, int status) {
  if (!w.key || w.key->kept) return {};
  if (w.key->answer != kind && !(w.key->answer == "birth" && kind == "event")) return {};
  return keep_write_key(w.db.store(), w.principal.user, *w.key, record, status, accounts::iso_instant(w.now));
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
    if (auto st = accounts::append_audit(w.db.store(), std::move(e)); !st) return st;
    return keep_key_of(w, kind, after.id.value, before ? 200 : 201);
  };
}

// A correction's reason: required, at most 500 characters.
Result<std::string> slip_change_reason(std::string_view reason) {
  return typed_reason(reason, "reason",
                      Error::invalid("reason", "cần ghi lý do sửa phiếu", "a reason for changing the slip is required"));
}

// Who may change a stored slip: an officer with its village in scope (the
// route has checked the scope), or the collaborator who recorded it.
bool may_change_slip(const RegisterWriter& w, EventId id) {
  if (w.principal.role != Role::kCollaborator) return true;
  for (const AuditRecord& a : w.db.store().audit_of_record("event", std::to_string(id.value)))
    if (a.action == "create") return a.actor == w.principal.user;
  return false;
}

// A slip from a form without `recorded_by` names the staff member the
// signed-in user is (Accounts::set_user_staff), when that staff member is
// assigned to a unit in the writer's scope; `staff` is read before the
// caller takes the database's lock, the scope checked under it.
void default_recorded_by(const RegisterWriter& w, std::optional<StaffId> staff, RecordFields& fields) {
  if (!fields["recorded_by"].empty() || !staff || !staff->valid()) return;
  const WriteScope scope = writer_scope(w);
  for (UnitId unit : w.db.store().staff_units(*staff))
    if (scope.allows(unit)) {
      fields["recorded_by"] = std::to_string(staff->value);
      return;
    }
}

}  // namespace

Date writer_today(const RegisterWriter& w) { return accounts::date_of(w.now); }

WriteScope writer_scope(const RegisterWriter& w) {
  const Date today = writer_today(w);
  return WriteScope{[&w, today](UnitId unit) { return w.accounts.in_scope(w.principal, unit, today); }};
}

Result<std::string> typed_reason(std::string_view reason, const char* field, const std::optional<Error>& missing) {
  if (!is_valid_utf8(reason)) return Error::invalid(field, "lý do không phải UTF-8", "the reason is not UTF-8");
  std::string why = to_nfc(trim(reason));
  if (why.empty() && missing) return *missing;
  if (auto st = check_text_field(why, field, TextKind::kMultiline); !st) return st.error();
  if (std::count_if(why.begin(), why.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }) >
      500)
    return Error::invalid(field, "lý do dài quá 500 ký tự", "the reason is longer than 500 characters");
  return why;
}

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

Result<RecordedEvent> write_slip(const RegisterWriter& w, const RecordFields& given) {
  // A slip from a form is recorded today unless it says otherwise, so
  // that late registration can be measured (a slip dated after today is
  // refused at its date, as an import's row).
  RecordFields fields = given;
  const auto day = Date::parse(fields["date"], "date");
  if (fields["recorded_on"].empty() && day && *day <= writer_today(w)) fields["recorded_on"] = writer_today(w).iso();
  const auto staff = fields["recorded_by"].empty() ? w.accounts.staff_of(w.principal.user) : std::nullopt;
  std::lock_guard<std::mutex> lock(w.db.mutex());
  default_recorded_by(w, staff, fields);
  const auto audit = audit_of<VitalEvent>(w, "event");
  return record_event(
      w.db.store(), w.accounts.units(), fields, writer_today(w),
      [&audit](const VitalEvent& e) { return audit(std::nullopt, e); }, writer_scope(w));
}

Result<RecordedEvent> write_slip_correction(const RegisterWriter& w, EventId id, const RecordFields& changes,
                                            std::string_view reason) {
  const auto why = slip_change_reason(reason);
  if (!why) return why.error();
  std::lock_guard<std::mutex> lock(w.db.mutex());
  Store& store = w.db.store();
  const std::optional<VitalEvent> old = store.find_event(id);
  if (!old) return Error{ErrorCode::kNotFound, "id", "không có phiếu này", "no such slip"};
  // The stored slip as a row of events.csv, the changes over it; the
  // child-marriage flag is derived again from the persons it names.
  const auto& columns = formats::event_columns().all;
  const std::vector<std::string> values = formats::write_event(*old);
  RecordFields fields;
  for (size_t i = 0; i < columns.size() && i < values.size(); ++i)
    if (columns[i] != "id" && columns[i] != "child_marriage") fields[columns[i]] = values[i];
  for (const auto& [name, value] : changes) fields[name] = value;
  // The records the new version names are the caller's (404 as missing)
  // before who may change it is asked.
  if (auto refs = slip_references(store, w.accounts.units(), fields, writer_scope(w)); !refs) return refs.error();
  if (!may_change_slip(w, id))
    return Error{ErrorCode::kPermissionDenied, "id",
                 "chỉ người ghi phiếu hoặc viên chức dân số xã được sửa phiếu này",
                 "only the collaborator who recorded this slip or the commune officer may change it"};
  const auto audit = [&w, &old, &why](const VitalEvent& e) -> Status {
    AuditRecord entry = accounts::audit_entry(&w.principal, accounts::iso_instant(w.now), "update", "event",
                                              std::to_string(e.id.value), e.village);
    entry.before = event_json(*old).dump();
    auto after = event_json(e);
    after["reason"] = *why;
    entry.after = after.dump();
    return accounts::append_audit(w.db.store(), std::move(entry));
  };
  return record_event(store, w.accounts.units(), fields, writer_today(w), audit, writer_scope(w), id);
}

Result<RecordedBirth> write_birth(const RegisterWriter& w, const RecordFields& given, const RecordFields& child_fields) {
  RecordFields slip = given;
  slip.erase("person_id");
  if (slip["type"] != "birth")
    return Error::invalid("type", "chỉ phiếu sinh mới kèm trẻ mới sinh", "only a birth slip comes with a newborn child");
  const auto day = Date::parse(slip["date"], "date");
  if (!day) return day.error();
  if (slip["recorded_on"].empty() && *day <= writer_today(w)) slip["recorded_on"] = writer_today(w).iso();
  RecordFields child = child_fields;
  for (const char* fixed : {"id", "birth_date"})
    if (child.count(fixed))
      return Error::invalid(std::string("child.") + fixed, "trường này lấy từ phiếu sinh", "this field is the birth slip's");
  child["birth_date"] = day->iso();
  if (child["registered_on"].empty()) child["registered_on"] = day->iso();
  if (child["relation"].empty()) child["relation"] = "child";
  const auto staff = slip["recorded_by"].empty() ? w.accounts.staff_of(w.principal.user) : std::nullopt;
  std::lock_guard<std::mutex> lock(w.db.mutex());
  default_recorded_by(w, staff, slip);
  Store& store = w.db.store();
  // The mother (and every record the slip names) is the caller's before
  // her household is read.
  const WriteScope scope = writer_scope(w);
  const auto refs = slip_references(store, w.accounts.units(), slip, scope);
  if (!refs) return refs.error();
  if (child["household_id"].empty()) {
    const auto mother = refs->find("related_id");
    const auto home = mother != refs->end() && mother->second ? person_place(store, PersonId(mother->second), *day)
                                                                : std::nullopt;
    if (!home)
      return Error::invalid("child.household_id", "chọn hộ của trẻ (không biết hộ của mẹ)",
                            "choose the child's household (the mother's is not known)");
    child["household_id"] = std::to_string(home->household.value);
  }
  auto checked = check_new_person(store, child, writer_today(w), scope);
  if (!checked) {
    Error e = checked.error();
    if (!e.field.empty()) e.field = "child." + e.field;
    return e;
  }
  RecordedBirth out;
  if (!checked->person) {
    out.issues = std::move(checked->issues);
    for (RowIssue& i : out.issues)
      if (!i.column.empty()) i.column = "child." + i.column;
    return out;
  }
  const auto person_audit = audit_of<Person>(w, "person");
  const auto event_audit = audit_of<VitalEvent>(w, "event");
  auto recorded = record_event(
      store, w.accounts.units(), slip, writer_today(w),
      [&event_audit](const VitalEvent& e) { return event_audit(std::nullopt, e); }, scope, EventId(),
      [&]() -> Result<PersonId> {
        auto p = write_checked_person(store, *checked, person_audit);
        if (!p) return p.error();
        out.child = *p;
        return p->id;
      });
  if (!recorded) return recorded.error();
  out.event = std::move(recorded->event);
  out.issues = std::move(recorded->issues);
  if (!out.event) out.child.reset();
  else out.child = store.find_person(out.event->person);
  return out;
}

Result<RecordedEvent> write_slip_cancellation(const RegisterWriter& w, EventId id, std::string_view reason) {
  const auto why = slip_change_reason(reason);
  if (!why) return why.error();
  std::lock_guard<std::mutex> lock(w.db.mutex());
  Store& store = w.db.store();
  if (!store.find_event(id)) return Error{ErrorCode::kNotFound, "id", "không có phiếu này", "no such slip"};
  if (!may_change_slip(w, id))
    return Error{ErrorCode::kPermissionDenied, "id",
                 "chỉ người ghi phiếu hoặc viên chức dân số xã được hủy phiếu này",
                 "only the collaborator who recorded this slip or the commune officer may cancel it"};
  return cancel_event(store, id, writer_today(w), [&w, &why](const VitalEvent& e, const std::optional<Person>& child) -> Status {
    AuditRecord entry = accounts::audit_entry(&w.principal, accounts::iso_instant(w.now), "cancel", "event",
                                              std::to_string(e.id.value), e.village);
    entry.before = event_json(e).dump();
    nlohmann::ordered_json after{{"reason", *why}};
    if (child) after["child_removed"] = person_json(*child);
    entry.after = after.dump();
    if (auto st = accounts::append_audit(w.db.store(), std::move(entry)); !st) return st;
    if (!child) return Status();
    // The child's own entry: removed with the birth that brought them.
    AuditRecord gone = accounts::audit_entry(&w.principal, accounts::iso_instant(w.now), "delete", "person",
                                             std::to_string(child->id.value), e.village);
    gone.before = person_json(*child).dump();
    gone.after = nlohmann::ordered_json{{"with_slip", e.id.value}, {"reason", *why}}.dump();
    return accounts::append_audit(w.db.store(), std::move(gone));
  });
}

}  // namespace danso

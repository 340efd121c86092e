// Writes to the register from a signed-in user's form (the API's POST and
// PATCH of households, persons and slips). Each runs alone on the
// database's connection, with the writer's scope (the units in the user's
// scope today, app/register_scope.h), checks the fields exactly as the
// import checks a row (app/import/record_register.h, record_event.h) and
// writes the record with its audit entry in one transaction. The audit
// entry is built here: the user, the server's time, create or update, the
// record before and after as the API shows it (app/register_json.h), and
// the village it belongs to.
//
//   RegisterWriter w{db, accounts, principal, now};
//   auto r = write_new_person(w, {{"household_id", "12"}, {"name", "..."}, ...});
//   if (r && r->record) ...       // written; r->issues otherwise, r.error() when not the caller's
//
// With `key` set, the write keeps its Idempotency-Key in the same
// transaction (app/write_keys.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "app/import/record_event.h"
#include "app/import/record_register.h"
#include "app/write_keys.h"

namespace danso {

struct RegisterWriter {
  Database& db;
  accounts::Accounts& accounts;
  const accounts::Principal& principal;
  int64_t now = 0;  // Unix seconds: the audit entry's time; its day is "today" for the checks
  // The write's Idempotency-Key, if sent (app/write_keys.h): kept in the
  // transaction with the record it answers (a slip's for a birth with its
  // newborn). Slips are keyed when recorded, not when corrected or cancelled.
  WriteKey* key = nullptr;
};

// The writer's day (of `now`) and the units in their scope on it.
Date writer_today(const RegisterWriter& w);
WriteScope writer_scope(const RegisterWriter& w);
// A reason typed with a change (field `field`): trimmed and composed, one
// text field of at most 500 characters; `missing` when empty, if given
// (an empty reason is allowed otherwise).
Result<std::string> typed_reason(std::string_view reason, const char* field, const std::optional<Error>& missing);

Result<RecordedWrite<Household>> write_new_household(const RegisterWriter& w, const RecordFields& fields);
Result<RecordedWrite<Household>> write_household_change(const RegisterWriter& w, HouseholdId id,
                                                        const RecordFields& fields);
Result<RecordedWrite<Person>> write_new_person(const RegisterWriter& w, const RecordFields& fields);
// A marriage whose child-marriage flag the change turns is rewritten with
// an audit entry of its own.
Result<RecordedWrite<Person>> write_person_change(const RegisterWriter& w, PersonId id, const RecordFields& fields);
// A slip without `recorded_on` is recorded on the server's day; without
// `recorded_by`, by the staff member the signed-in user is
// (Accounts::set_user_staff) when one is linked and assigned in the
// writer's scope.
Result<RecordedEvent> write_slip(const RegisterWriter& w, const RecordFields& fields);
// A birth declared in one step with its child, who is not in the register
// yet: `child` holds the child's person fields (name and sex required;
// household_id, the mother's household on the birth's day by default;
// relation "child" by default), the slip's `date` is their birth and
// registration date, and `slip` is the birth slip without person_id. The
// child is added and the birth recorded in one transaction, each with its
// audit entry; a problem of the child's fields is an issue at "child.FIELD".
struct RecordedBirth {
  std::optional<VitalEvent> event;  // set when written
  std::optional<Person> child;
  std::vector<RowIssue> issues;     // why not, otherwise
};
Result<RecordedBirth> write_birth(const RegisterWriter& w, const RecordFields& slip, const RecordFields& child);

// A slip cancelled, with the reason (required, at most 500 characters), by
// those who may correct it: removed from the register, its audit entry
// (action "cancel", the slip before, the reason in `after`) written in the
// same transaction. `event` is the slip removed.
Result<RecordedEvent> write_slip_cancellation(const RegisterWriter& w, EventId id, std::string_view reason);

// A slip's correction: `changes` (columns of events.csv; an empty value
// clears the column) over the stored slip, with the reason (required, at
// most 500 characters), checked and written as a new version of the slip
// under its id. Its audit entry (update, the slip before and after, the
// reason in `after`) is the version's history (app/slip_history.h). A
// collaborator corrects only the slips they recorded; an officer with the
// slip's village in scope, any (kPermissionDenied otherwise).
Result<RecordedEvent> write_slip_correction(const RegisterWriter& w, EventId id, const RecordFields& changes,
                                            std::string_view reason);

}  // namespace danso

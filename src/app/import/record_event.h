// Recording one information slip (phiếu thu tin) from a form: the slip's
// fields by the column names of events.csv, checked exactly as the events
// import checks a row (it is one), and written with the caller's audit
// entry in the same transaction. The event's id is the next free one.
//
// Before that, the records the slip names are checked against the writer's
// scope (app/register_scope.h) as parsed, and it is those parsed values
// that the row holds: person_id, related_id, household_id and recorded_by
// must be clean positive integers and village_code a plain code (else
// kInvalidArgument naming the field); the village (its code on the slip's
// date), the person and the related person (where they belong on the
// slip's date), the household and the staff member who recorded it must
// exist and lie in the scope, else kNotFound naming the field, alike. So the
// events import's own messages, which may tell facts about the persons
// named (a death date), only ever speak of records the writer sees.
//
// With `new_subject` (a birth declared with its child), the slip's person
// is not in the register yet: new_subject writes them inside the slip's
// transaction and gives their id (the next free one), which the row then
// holds; a refused slip writes neither.
//
// A correction (`correcting` set) is the slip's new version under its own
// id: the row replaces the stored event and is checked as the import
// checks a row that rewrites one, the residence of the persons the old
// and the new version name derived again.
//
//   auto r = record_event(store, units, {{"type", "birth"}, {"date", "2025-06-01"}, ...}, today,
//                         [&](const VitalEvent& e) { return audit(e); }, scope);
//   if (r && r->event) ...        // written; r->issues otherwise
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/formats/row_issues.h"
#include "app/import/import.h"
#include "app/register_scope.h"
#include "core/event.h"
#include "store/store.h"

namespace danso {

struct RecordedEvent {
  std::optional<VitalEvent> event;  // set when written
  std::vector<RowIssue> issues;     // why not, otherwise
  PersonId child_removed;           // cancel_event: the birth's child removed with it
};

// The ids a slip's fields name (person_id, related_id, household_id,
// recorded_by; 0 when empty), parsed and checked against the scope as
// above; record_event begins with it.
Result<std::map<std::string, int64_t>> slip_references(Store& store, const UnitTree& units,
                                                      const std::map<std::string, std::string>& fields,
                                                      const WriteScope& scope);

Result<RecordedEvent> record_event(Store& store, const UnitTree& units, const std::map<std::string, std::string>& fields,
                                   Date today, const std::function<Status(const VitalEvent&)>& audit,
                                   const WriteScope& scope, EventId correcting = EventId(),
                                   const std::function<Result<PersonId>()>& new_subject = {});

// Stored events changed as one write of a form, read by the events import
// as a file: `rows` written over the events of their ids, `change.cancel`
// and `change.remove_persons` removed, only the part of the register of
// `focus` read to check them (the persons and households the events name
// are added to it), `before_commit` the caller's audit entries, the
// import's own file entry left out. `name` names the file in messages.
struct EventsChange {
  std::vector<VitalEvent> rows;
  std::vector<EventId> cancel;
  std::vector<PersonId> remove_persons;
  ImportOptions::Focus focus;
};
Result<ImportReport> write_events_change(Store& store, const char* name, Date today, EventsChange change,
                                         const std::function<Status()>& before_commit);

// A slip cancelled: stored event `id` removed in one transaction with the
// caller's audit entry (given the event as it was, and the child removed
// with it, if any), the residence of its person derived again without it
// (refused when it no longer holds, the issue at "id"). `event` is the
// event removed when done. A birth's child who entered the register with
// it (declared with its newborn: written in the same request) and whom no other slip names is
// removed with it: the register then holds no one the birth brought.
Result<RecordedEvent> cancel_event(Store& store, EventId id, Date today,
                                   const std::function<Status(const VitalEvent&, const std::optional<Person>& child)>& audit);

}  // namespace danso

// Recording one household or person of the village register (sổ A0) from a
// form: created or changed, the fields named by the columns of
// households.csv / persons.csv (docs/data-formats.md), checked by the same
// field parsers and rules as the import (app/formats/, core/rules.h) and the
// same references (the village on the registration date, the household, a
// citizen ID held once), then written with the person's residence spells
// and the caller's audit entry in one transaction: on any failure nothing
// is written.
//
// Ids are given by the server (the next free one). Fields that change only
// through information slips are refused on a change: a household's village
// and a person's household (a move: move_out/move_in), a person's
// registration date (the start of their residence) and marital status
// (marriage, divorce).
//
// The writer's scope (app/register_scope.h) is checked on the records the
// form names as parsed, which are those written: the village of a new
// household (its code resolved on the registration date), the household of
// a new person, and the household or person changed. One that does not
// exist or lies outside the scope is kNotFound naming the field, alike; an
// id that is not a clean positive integer is kInvalidArgument naming it. A
// citizen ID held by someone else is refused naming that person only when
// the writer sees them ("another person" otherwise).
//
// Each write checks what it touches with single-record reads (no index of
// the register is loaded), so it costs the same at 1,000 or 10,000,000
// persons.
//
// `scope` is the writer's (WriteScope{} for the command line's operator).
//
//   auto r = create_person(store, {{"household_id", "12"}, {"name", "..."}, ...}, today, audit, scope);
//   if (r && r->record) ...       // written; r->issues otherwise
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/formats/row_issues.h"
#include "app/register_scope.h"
#include "core/event.h"
#include "core/household.h"
#include "core/person.h"
#include "core/unit_tree.h"
#include "store/store.h"

namespace danso {

using RecordFields = std::map<std::string, std::string>;

template <typename T>
struct RecordedWrite {
  std::optional<T> record;       // as written, when written
  std::optional<T> before;       // as it was, for a change
  std::vector<RowIssue> issues;  // why not, otherwise (field, value, vi, en)
};

// Called inside the write transaction with the record before (empty when
// new) and after; an error rolls the write back.
template <typename T>
using WriteAudit = std::function<Status(const std::optional<T>& before, const T& after)>;

// The columns a form may send: on creation, the file's columns but id; on a
// change, fewer (see above). Any other field is an error naming it.
std::vector<std::string> household_form_fields(bool change);
std::vector<std::string> person_form_fields(bool change);

Result<RecordedWrite<Household>> create_household(Store& store, const UnitTree& units, const RecordFields& fields,
                                                  Date today, const WriteAudit<Household>& audit,
                                                  const WriteScope& scope);
// kNotFound when there is no such household (or it is outside the scope).
Result<RecordedWrite<Household>> change_household(Store& store, const UnitTree& units, HouseholdId id,
                                                  const RecordFields& fields, Date today,
                                                  const WriteAudit<Household>& audit, const WriteScope& scope);
Result<RecordedWrite<Person>> create_person(Store& store, const RecordFields& fields, Date today,
                                            const WriteAudit<Person>& audit, const WriteScope& scope);

// create_person in two steps, for a write that adds a person with another
// record in one transaction (a birth with its child): the person checked
// (the household in scope, the fields, the citizen ID) with their residence
// from registration, then written inside the caller's transaction with the
// next free id and its audit entry.
struct CheckedPerson {
  std::optional<Person> person;  // checked, not written; none when refused
  std::vector<ResidenceSpell> spells;
  std::vector<RowIssue> issues;  // why not, otherwise
};
Result<CheckedPerson> check_new_person(Store& store, const RecordFields& fields, Date today, const WriteScope& scope);
Result<Person> write_checked_person(Store& store, const CheckedPerson& checked, const WriteAudit<Person>& audit);
// A change of sex or birth date checks the person's events again
// (app/import/person_events.h): a conflict is an issue naming the event, and
// a marriage whose child-marriage flag turns is rewritten in the same
// transaction, with `event_audit` called for it.
// kNotFound when there is no such person (or they are outside the scope today).
Result<RecordedWrite<Person>> change_person(Store& store, PersonId id, const RecordFields& fields, Date today,
                                            const WriteAudit<Person>& audit,
                                            const WriteAudit<VitalEvent>& event_audit, const WriteScope& scope);

}  // namespace danso

// One person registered twice, merged: the record `remove` goes into the
// record `keep`. Every slip naming `remove` (as its person or as the
// related person: a mother, a spouse) is rewritten to name `keep`; a slip
// that would then be the same slip twice (the same type and day for the
// same person, or the couple's; a second birth or death) is cancelled
// instead. `keep`'s residence is derived again from all its slips, and
// `remove` is deleted with its residence. Everything is checked as the
// events import checks the rewritten rows (births before deaths, a second
// marriage, ...): nothing is written when a rule refuses the merge, and the
// issues say why (their row is the rewritten slip's place in `moved`). The
// caller's audit entry is written in the same transaction.
//
// Refused before that (kInvalidArgument): the same person twice; a slip
// naming both records (a marriage of the two); two births or two deaths on
// different days (one of them is wrong: correct it first); `remove` the
// head of a household `keep` does not live in (change the head first, or
// keep that record). A slip of `remove` in a village outside `scope` (a
// commune they lived in before) is kPermissionDenied: a user whose scope
// holds both merges them.
//
//   auto r = merge_persons(store, PersonId(12), PersonId(40), today, audit);
//   if (r && r->merged) ...   // r->moved, r->dropped
#pragma once

#include <functional>
#include <vector>

#include "app/formats/row_issues.h"
#include "app/register_scope.h"
#include "core/event.h"
#include "store/store.h"

namespace danso {

struct MergedPersons {
  bool merged = false;
  std::vector<EventId> moved;    // slips rewritten to name the kept record
  std::vector<EventId> dropped;  // slips cancelled as the same slip twice
  std::vector<RowIssue> issues;  // why not, when not merged
};

struct MergePlan {
  std::vector<VitalEvent> moved;     // as rewritten
  std::vector<EventId> dropped;
  std::vector<VitalEvent> before;    // every slip of `remove` as it was, by id
  Person removed;
};

Result<MergedPersons> merge_persons(Store& store, PersonId keep, PersonId remove, Date today, const WriteScope& scope,
                                    const std::function<Status(const MergePlan&)>& audit);

}  // namespace danso

// The review of persons registered twice, for a commune officer
// (core/duplicate_persons.h): the pairs among the persons who live in the
// caller's villages (both of them), each with both records and their status
// today; a pair dismissed as two persons (kept in the database, left off
// the list since); a pair merged into one record (app/import/merge_persons.h).
// Writes take the writer's scope (both persons where they live today) and
// an officer's role: a collaborator gets kPermissionDenied. Each write has
// its audit entry in its transaction: "dismiss" or "merge" of kind
// "person", the record kept (or the pair) before and the decision after.
//
//   auto list = duplicate_review(db, villages, today);
//   auto r = write_person_merge(w, PersonId(12), PersonId(40), "Đăng ký hai lần");
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "app/import/merge_persons.h"
#include "app/register_reads.h"
#include "app/register_writes.h"
#include "core/duplicate_persons.h"

namespace danso {

struct DuplicateEntry {
  DuplicateReason reason = DuplicateReason::kNameAndBirth;
  ListedPerson first, second;  // first.placed.person.id < second's
};

// The pairs among the persons who live (or lived last) in `villages`, in
// order of the first person's id, each village named as it is on `on`.
std::vector<DuplicateEntry> duplicate_review(Database& db, const UnitTree& units, std::span<const UnitId> villages,
                                             Date on);

// A pair reviewed as two persons, with an optional note (at most 500
// characters). Refused (kInvalidArgument) when the two are not a pair of
// the list.
Status write_duplicate_dismissal(const RegisterWriter& w, PersonId a, PersonId b, std::string_view note);

// Record `remove` merged into `keep`, with the reason (required, at most
// 500 characters). Refused (kInvalidArgument) when the two are not a pair
// of the list.
Result<MergedPersons> write_person_merge(const RegisterWriter& w, PersonId keep, PersonId remove,
                                         std::string_view reason);

}  // namespace danso

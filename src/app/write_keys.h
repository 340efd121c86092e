// Idempotency keys of the register's writes from forms (docs/api.md,
// "Sending a write again"). A client that may send the same write twice (a
// phone's outbox whose answer was lost on the way) names each write with a
// key of its own in the Idempotency-Key header. The write keeps the key with
// the record it wrote in its own transaction (app/register_writes.h, beside
// the audit entry), so the same request sent again by the same user is
// answered from it and never written a second time; the key sent with
// another request is refused. A refused write keeps nothing: corrected, it
// may be sent again under the same key.
//
//   WriteKey k{*parse_write_key(header), write_fingerprint("POST", target, body), "event"};
//   auto prior = prior_write(db, user, k);    // Result<optional<WriteKeyRecord>>
//   if (prior && *prior) ... answer from keyed_record(db, **prior)
//   RegisterWriter w{db, accounts, principal, now, &k};
//   write_slip(w, fields);                    // keeps the key with the slip
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/database.h"
#include "core/event.h"
#include "core/household.h"
#include "core/person.h"
#include "store/account_store.h"

namespace danso {

inline constexpr size_t kMaxWriteKey = 128;

// A write's key and what it answers.
struct WriteKey {
  std::string key;
  std::string fingerprint;  // write_fingerprint of the request
  std::string answer;       // event, birth (a slip with its newborn), household, person
  bool kept = false;        // set once kept in the write's transaction
};

// The header's value: 1 to kMaxWriteKey visible ASCII characters (a UUID
// fits); kInvalidArgument naming "Idempotency-Key" otherwise.
Result<std::string> parse_write_key(std::string_view header);

// The request a key names: its method, target and body, hashed.
std::string write_fingerprint(std::string_view method, std::string_view target, std::string_view body);

// The write the user made earlier under the key: nullopt when none;
// kFailedPrecondition naming "Idempotency-Key" when the key was sent with
// another request.
Result<std::optional<WriteKeyRecord>> prior_write(Database& db, UserId user, const WriteKey& key);

// Inside the write's transaction, once the record is written: keeps the
// key with the record's id (status 201 for a new record, 200 for a
// change). kAlreadyExists when the same key was kept meanwhile (the
// transaction then rolls back, and prior_write answers).
Status keep_write_key(Store& store, UserId user, WriteKey& key, int64_t record, int status, std::string at);

// The record a kept key names, as it is now: the slip (with its newborn
// for a birth), the household or the person; all empty when gone since.
struct KeyedRecord {
  std::optional<VitalEvent> event;
  std::optional<Person> person;
  std::optional<Household> household;
};
KeyedRecord keyed_record(Database& db, const WriteKeyRecord& key);

}  // namespace danso

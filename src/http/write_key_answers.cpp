// Writes sent again with an Idempotency-Key (app/write_keys.h, docs/api.md
// "Sending a write again"): the request's key read and checked, and the
// answer given the first time rebuilt from the record it wrote.
#include <algorithm>

#include "app/register_reads.h"
#include "app/write_keys.h"
#include "http/api.h"

namespace danso::http {

namespace {

// Whether the record a key names is still the caller's today, as the
// router places a record of a path: a user moved to other villages since
// finds it missing, as any record outside their scope.
bool still_in_scope(ApiContext& ctx, const RouteRequest& rq, const WriteKeyRecord& kept) {
  const RecordKind kind = kept.answer == "household" ? RecordKind::kHousehold
                          : kept.answer == "person"  ? RecordKind::kPerson
                                                     : RecordKind::kEvent;
  const Date today = accounts::date_of(ctx.now());
  const std::vector<UnitId> units = record_units(ctx.db, kind, kept.record, today);
  return std::any_of(units.begin(), units.end(),
                     [&](UnitId u) { return u.valid() && ctx.accounts.in_scope(*rq.principal, u, today); });
}

// The first answer to a kept key: its status and the record as it is now.
Response replayed_answer(ApiContext& ctx, const RouteRequest& rq, const WriteKeyRecord& kept) {
  const KeyedRecord r = keyed_record(ctx.db, kept);
  if ((r.event || r.person || r.household) && !still_in_scope(ctx, rq, kept)) return not_found(rq.http);
  nlohmann::ordered_json body;
  if (r.event) {
    body["event"] = event_json(*r.event);
    if (kept.answer == "birth") body["child"] = r.person ? person_json(*r.person) : nlohmann::ordered_json(nullptr);
  } else if (r.person) {
    body["person"] = person_json(*r.person);
  } else if (r.household) {
    body["household"] = household_json(*r.household);
  } else {
    return error_response(rq.http, Error{ErrorCode::kFailedPrecondition, "Idempotency-Key",
                                         "yêu cầu này đã được ghi, nhưng bản ghi đó không còn (đã hủy)",
                                         "this request was written, but its record is gone (cancelled)"});
  }
  Response res = json_response(rq.http, bhttp::status(kept.status), body);
  res.set("Idempotent-Replayed", "true");
  return res;
}

}  // namespace

std::optional<Response> answer_sent_again(ApiContext& ctx, const RouteRequest& rq, const char* answer,
                                          std::optional<WriteKey>& key) {
  key.reset();
  const auto header = rq.http.find("Idempotency-Key");
  if (header == rq.http.end()) return std::nullopt;
  if (rq.http.count("Idempotency-Key") > 1)
    return error_response(rq.http, Error::invalid("Idempotency-Key", "khóa gửi lại (Idempotency-Key) gửi hai lần",
                                                  "the Idempotency-Key is sent twice"));
  auto parsed = parse_write_key(std::string_view(header->value().data(), header->value().size()));
  if (!parsed) return error_response(rq.http, parsed.error());
  const auto target = rq.http.target();
  const auto& body = rq.http.body();
  key = WriteKey{std::move(*parsed),
                 write_fingerprint(std::string_view(rq.http.method_string().data(), rq.http.method_string().size()),
                                   std::string_view(target.data(), target.size()), body),
                 answer};
  auto prior = prior_write(ctx.db, rq.principal->user, *key);
  if (!prior) return error_response(rq.http, prior.error());
  if (*prior) return replayed_answer(ctx, rq, **prior);
  return std::nullopt;
}

Response refused_unless_sent_again(ApiContext& ctx, const RouteRequest& rq, const std::optional<WriteKey>& key,
                                   Response refused) {
  if (!key) return refused;
  auto prior = prior_write(ctx.db, rq.principal->user, *key);
  if (prior && *prior) return replayed_answer(ctx, rq, **prior);
  return refused;
}

}  // namespace danso::http

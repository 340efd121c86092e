// Writes to the village register (sổ A0) from the web form: POST
// /api/v1/households, PATCH /api/v1/households/{id}, POST /api/v1/persons,
// PATCH /api/v1/persons/{id}. The body's fields are the columns of
// households.csv / persons.csv (docs/data-formats.md) but id; they are
// checked as the import checks a row (app/import/record_register.h) and
// written with an audit entry (before and after) in one transaction by
// app/register_writes.h; the indicator snapshot is then updated in place
// (a person's records; a household's change touches no figure). Each
// may carry an Idempotency-Key (app/write_keys.h): sent again, it answers
// as the first time without writing. 201/200 with the record, 400 with
// every issue, 404 when the village or household named is not the caller's
// (checked by the use case on the parsed values, with the caller's scope).
#include <type_traits>

#include "app/register_writes.h"
#include "http/api.h"

namespace danso::http {

namespace {

// Renders a write's outcome; a written record refreshes the indicators. A
// refused write sent with an Idempotency-Key answers as the first copy
// when that one was written meanwhile.
template <typename T>
Response answer(ApiContext& ctx, const RouteRequest& rq, bhttp::status ok, const char* key,
                nlohmann::ordered_json (*to_json)(const T&), const Result<RecordedWrite<T>>& written,
                const std::optional<WriteKey>& sent = std::nullopt) {
  if (!written) return refused_unless_sent_again(ctx, rq, sent, error_response(rq.http, written.error()));
  if (!written->record) return refused_unless_sent_again(ctx, rq, sent, issues_response(rq.http, written->issues));
  // A person's records are updated in the figures in place; a household's
  // columns are none the figures read (its village never changes).
  if constexpr (std::is_same_v<T, Person>)
    ctx.indicators.persons_changed({written->record->id}, rq.principal->session);
  else
    ctx.indicators.household_written(rq.principal->session);
  return json_response(rq.http, ok, {{key, to_json(*written->record)}});
}

// The body as column texts, or the response refusing it.
std::optional<Response> read_fields(const RouteRequest& rq, RecordFields& out) {
  auto body = parse_json_body(rq.http);
  if (body.error) return *body.error;
  auto fields = body_columns(body.value);
  if (!fields) return error_response(rq.http, fields.error());
  out = std::move(*fields);
  return std::nullopt;
}

}  // namespace

RegisterWriter writer(ApiContext& ctx, const RouteRequest& rq, WriteKey* key) {
  return RegisterWriter{ctx.db, ctx.accounts, *rq.principal, ctx.now(), key};
}

void add_register_write_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::post, "/api/v1/households",
         Access::needs(Permission::kWriteRegister).scoped_body(ScopeKind::kVillage, "village_code"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           std::optional<WriteKey> key;
           if (auto again = answer_sent_again(ctx, rq, "household", key)) return *again;
           WriteKey* const keyed = key ? &*key : nullptr;
           return answer<Household>(ctx, rq, bhttp::status::created, "household", household_json,
                                    write_new_household(writer(ctx, rq, keyed), fields),
                                    key);
         },
         "add a household to a village of the caller's: the fields of households.csv but id (village_code, "
         "registered_on, address, poverty, social_protection, ethnic_minority); 201 with the household, 400 with "
         "every issue; with an Idempotency-Key header, sent again it answers as the first time without writing"});
  r.add({bhttp::verb::patch, "/api/v1/households/{id}",
         Access::needs(Permission::kWriteRegister).scoped(ScopeKind::kHousehold, "id"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           std::optional<WriteKey> key;
           if (auto again = answer_sent_again(ctx, rq, "household", key)) return *again;
           WriteKey* const keyed = key ? &*key : nullptr;
           return answer<Household>(ctx, rq, bhttp::status::ok, "household", household_json,
                                    write_household_change(writer(ctx, rq, keyed), HouseholdId(path_id(rq)), fields),
                                    key);
         },
         "change a household: address, poverty, social_protection, ethnic_minority, registered_on; its village "
         "changes only through move slips (400); with an Idempotency-Key header, sent again it answers as the first "
         "time without writing"});
  r.add({bhttp::verb::post, "/api/v1/persons",
         Access::needs(Permission::kWriteRegister).scoped_body(ScopeKind::kHousehold, "household_id"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           std::optional<WriteKey> key;
           if (auto again = answer_sent_again(ctx, rq, "person", key)) return *again;
           WriteKey* const keyed = key ? &*key : nullptr;
           return answer<Person>(ctx, rq, bhttp::status::created, "person", person_json,
                                 write_new_person(writer(ctx, rq, keyed), fields),
                                 key);
         },
         "add a person to a household of the caller's: the fields of persons.csv but id (household_id, name, sex, "
         "birth_date, citizen_id, relation, ethnicity, marital_status, residence_status, registered_on); 201 with the "
         "person, 400 with every issue, 404 when the household is not the caller's; with an Idempotency-Key header, "
         "sent again it answers as the first time without writing"});
  r.add({bhttp::verb::patch, "/api/v1/persons/{id}",
         Access::needs(Permission::kWriteRegister).scoped(ScopeKind::kPerson, "id"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           std::optional<WriteKey> key;
           if (auto again = answer_sent_again(ctx, rq, "person", key)) return *again;
           WriteKey* const keyed = key ? &*key : nullptr;
           return answer<Person>(ctx, rq, bhttp::status::ok, "person", person_json,
                                 write_person_change(writer(ctx, rq, keyed), PersonId(path_id(rq)), fields),
                                 key);
         },
         "change a person: name, sex, birth_date, citizen_id, relation, ethnicity, residence_status; household, "
         "registration date and marital status change only through slips (400). A new sex or birth date is checked "
         "against the person's events (400 naming the event: one before the birth, the birth event on another day, "
         "a mother outside 10-60); a marriage whose child-marriage flag it turns is rewritten, with its own audit "
         "entry; with an Idempotency-Key header, sent again it answers as the first time without writing"});
}

}  // namespace danso::http

// Writes to the village register (sổ A0) from the web form: POST
// /api/v1/households, PATCH /api/v1/households/{id}, POST /api/v1/persons,
// PATCH /api/v1/persons/{id}. The body's fields are the columns of
// households.csv / persons.csv (docs/data-formats.md) but id; they are
// checked as the import checks a row (app/import/record_register.h) and
// written with an audit entry (before and after) in one transaction; the
// indicator snapshot is then refreshed. 201/200 with the record, 400 with
// every issue, 404 when the village or household named is not the caller's
// (checked by the use case on the parsed values, with the caller's scope).
#include "app/import/record_register.h"
#include "http/api.h"

namespace danso::http {

namespace {

// The audit entry of a register write, inside its transaction.
template <typename T>
WriteAudit<T> audit_with(ApiContext& ctx, const RouteRequest& rq, const char* kind, int64_t now,
                         nlohmann::ordered_json (*to_json)(const T&), UnitId (*unit_of)(ApiContext&, const T&)) {
  return [&ctx, &rq, kind, now, to_json, unit_of](const std::optional<T>& before, const T& after) {
    return ctx.accounts.audit(rq.principal, before ? "update" : "create", kind, std::to_string(after.id.value),
                              unit_of(ctx, after), before ? to_json(*before).dump() : std::string(),
                              to_json(after).dump(), now);
  };
}

UnitId household_unit(ApiContext&, const Household& h) { return h.village; }
UnitId person_unit(ApiContext& ctx, const Person& p) {  // where they live today; the caller holds store_mu
  const auto place = person_place(ctx.store, p.id, accounts::date_of(ctx.now()));
  return place ? place->village : UnitId();
}
UnitId event_unit(ApiContext&, const VitalEvent& e) { return e.village; }

// Runs one write under the store lock and renders its outcome.
template <typename T>
Response answer(ApiContext& ctx, const RouteRequest& rq, bhttp::status ok, const char* key,
                nlohmann::ordered_json (*to_json)(const T&),
                const std::function<Result<RecordedWrite<T>>()>& write) {
  Result<RecordedWrite<T>> written = Error{ErrorCode::kInternal, "", "", ""};
  {
    std::lock_guard<std::mutex> lock(ctx.store_mu);
    written = write();
  }
  if (!written) return error_response(rq.http, written.error());
  if (!written->record) return issues_response(rq.http, written->issues);
  ctx.indicators.register_changed(rq.principal->session);
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

WriteScope write_scope(ApiContext& ctx, const Principal& p, Date today) {
  return WriteScope{[&ctx, &p, today](UnitId unit) { return ctx.accounts.in_scope(p, unit, today); }};
}

void add_register_write_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::post, "/api/v1/households",
         Access::needs(Permission::kWriteRegister).scoped_body(ScopeKind::kVillage, "village_code"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           const int64_t now = ctx.now();
           const Date today = accounts::date_of(now);
           return answer<Household>(ctx, rq, bhttp::status::created, "household", household_json, [&] {
             return create_household(ctx.store, ctx.accounts.units(), fields, today,
                                     audit_with<Household>(ctx, rq, "household", now, household_json, household_unit),
                                     write_scope(ctx, *rq.principal, today));
           });
         },
         "add a household to a village of the caller's: the fields of households.csv but id (village_code, "
         "registered_on, address, poverty, social_protection, ethnic_minority); 201 with the household, 400 with "
         "every issue"});
  r.add({bhttp::verb::patch, "/api/v1/households/{id}",
         Access::needs(Permission::kWriteRegister).scoped(ScopeKind::kHousehold, "id"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           const int64_t now = ctx.now();
           const Date today = accounts::date_of(now);
           return answer<Household>(ctx, rq, bhttp::status::ok, "household", household_json, [&] {
             return change_household(ctx.store, ctx.accounts.units(), HouseholdId(path_id(rq)), fields, today,
                                     audit_with<Household>(ctx, rq, "household", now, household_json, household_unit),
                                     write_scope(ctx, *rq.principal, today));
           });
         },
         "change a household: address, poverty, social_protection, ethnic_minority, registered_on; its village "
         "changes only through move slips (400)"});
  r.add({bhttp::verb::post, "/api/v1/persons",
         Access::needs(Permission::kWriteRegister).scoped_body(ScopeKind::kHousehold, "household_id"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           const int64_t now = ctx.now();
           const Date today = accounts::date_of(now);
           return answer<Person>(ctx, rq, bhttp::status::created, "person", person_json, [&] {
             return create_person(ctx.store, fields, today,
                                  audit_with<Person>(ctx, rq, "person", now, person_json, person_unit),
                                  write_scope(ctx, *rq.principal, today));
           });
         },
         "add a person to a household of the caller's: the fields of persons.csv but id (household_id, name, sex, "
         "birth_date, citizen_id, relation, ethnicity, marital_status, residence_status, registered_on); 201 with the "
         "person, 400 with every issue, 404 when the household is not the caller's"});
  r.add({bhttp::verb::patch, "/api/v1/persons/{id}",
         Access::needs(Permission::kWriteRegister).scoped(ScopeKind::kPerson, "id"),
         [&ctx](const RouteRequest& rq) {
           RecordFields fields;
           if (auto refused = read_fields(rq, fields)) return *refused;
           const int64_t now = ctx.now();
           const Date today = accounts::date_of(now);
           return answer<Person>(ctx, rq, bhttp::status::ok, "person", person_json, [&] {
             return change_person(ctx.store, PersonId(path_id(rq)), fields, today,
                                  audit_with<Person>(ctx, rq, "person", now, person_json, person_unit),
                                  audit_with<VitalEvent>(ctx, rq, "event", now, event_json, event_unit),
                                  write_scope(ctx, *rq.principal, today));
           });
         },
         "change a person: name, sex, birth_date, citizen_id, relation, ethnicity, residence_status; household, "
         "registration date and marital status change only through slips (400). A new sex or birth date is checked "
         "against the person's events (400 naming the event: one before the birth, the birth event on another day, "
         "a mother outside 10-60); a marriage whose child-marriage flag it turns is rewritten, with its own audit "
         "entry"});
}

}  // namespace danso::http

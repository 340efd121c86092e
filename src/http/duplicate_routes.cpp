// Persons registered twice (app/duplicate_review.h, docs/api.md):
//   GET  /api/v1/duplicates?unit=CODE            the pairs among the persons of the unit's villages
//   POST /api/v1/duplicates/dismiss              {"person_a", "person_b", "note"}: two different persons
//   POST /api/v1/duplicates/merge                {"keep", "remove", "reason"}: one person, one record
// The router has checked ?unit; the bodies' persons are checked by the use
// case with the caller's scope (404 naming the field, as for a missing one).
#include "app/duplicate_review.h"
#include "http/api.h"

namespace danso::http {

namespace {

nlohmann::ordered_json duplicate_json(const DuplicateEntry& d) {
  return {{"reason", kDuplicateReasons.code(d.reason)},
          {"reason_vi", kDuplicateReasons.label(d.reason)},
          {"first", listed_person_json(d.first)},
          {"second", listed_person_json(d.second)}};
}

// The body's fields as texts, only those named; the two persons' ids
// required and parsed strictly.
struct PairBody {
  PersonId a, b;
  std::string text;
};
Result<PairBody> pair_body(const nlohmann::json& body, const char* a, const char* b, const char* text) {
  auto fields = body_columns(body);
  if (!fields) return fields.error();
  for (const auto& [name, value] : *fields)
    if (name != a && name != b && name != text)
      return Error::invalid(name, "trường '" + name + "' không dùng ở đây", "the field '" + name + "' is not used here");
  PairBody out;
  for (const auto& [field, id] : {std::pair{a, &out.a}, std::pair{b, &out.b}}) {
    auto v = form_id(*fields, field);
    if (!v) return v.error();
    if (!*v) return Error::invalid(field, "cần chọn người", "a person is required");
    *id = PersonId(*v);
  }
  out.text = (*fields)[text];
  return out;
}

}  // namespace

void add_duplicate_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/duplicates",
         Access::needs(Permission::kWriteRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto villages = commune_villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"),
                                                           "danh sách xem xét", "review list");
           if (!villages) return error_response(rq.http, villages.error());
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const DuplicateEntry& d : duplicate_review(ctx.db, ctx.accounts.units(), *villages, accounts::date_of(ctx.now())))
             list.push_back(duplicate_json(d));
           return json_response(rq.http, bhttp::status::ok, {{"unit", unit_or_own(rq, ctx)}, {"pairs", list}});
         },
         "persons registered twice among those who live in the villages of ?unit=CODE (the caller's unit by "
         "default; a commune's at most) that the caller sees: pairs with the same citizen ID number, or the same "
         "name (without diacritics) and birth date and neither different mothers nor citizen IDs, each with both persons and the "
         "reason (citizen_id, name_birth_mother, name_birth); pairs dismissed are left out",
         {}});
  r.add({bhttp::verb::post, "/api/v1/duplicates/dismiss",
         Access::needs(Permission::kWriteRegister)
             .scoped_body(ScopeKind::kPerson, "person_a")
             .scoped_body(ScopeKind::kPerson, "person_b"),
         [&ctx](const RouteRequest& rq) {
           auto json = parse_json_body(rq.http);
           if (json.error) return *json.error;
           const auto body = pair_body(json.value, "person_a", "person_b", "note");
           if (!body) return error_response(rq.http, body.error());
           if (auto st = write_duplicate_dismissal(writer(ctx, rq), body->a, body->b, body->text); !st)
             return error_response(rq.http, st.error());
           return json_response(rq.http, bhttp::status::ok,
                                {{"dismissed", {std::min(body->a.value, body->b.value), std::max(body->a.value, body->b.value)}}});
         },
         "a pair of the list reviewed as two different persons, with an optional `note`: left off the list since, "
         "the decision in the audit log; 200; 400 when the two are not a pair of the list; 403 for a collaborator; "
         "404 when a person is not the caller's"});
  r.add({bhttp::verb::post, "/api/v1/duplicates/merge",
         Access::needs(Permission::kWriteRegister)
             .scoped_body(ScopeKind::kPerson, "keep")
             .scoped_body(ScopeKind::kPerson, "remove"),
         [&ctx](const RouteRequest& rq) {
           auto json = parse_json_body(rq.http);
           if (json.error) return *json.error;
           const auto body = pair_body(json.value, "keep", "remove", "reason");
           if (!body) return error_response(rq.http, body.error());
           const auto done = write_person_merge(writer(ctx, rq), body->a, body->b, body->text);
           if (!done) return error_response(rq.http, done.error());
           if (!done->merged) return issues_response(rq.http, done->issues);
           // Both persons' records, and those their slips link, in place.
           ctx.indicators.persons_changed({body->a, body->b}, rq.principal->session);
           nlohmann::ordered_json moved = nlohmann::ordered_json::array(), dropped = nlohmann::ordered_json::array();
           for (EventId id : done->moved) moved.push_back(id.value);
           for (EventId id : done->dropped) dropped.push_back(id.value);
           return json_response(rq.http, bhttp::status::ok,
                                {{"kept", body->a.value},
                                 {"removed", body->b.value},
                                 {"slips_moved", moved},
                                 {"slips_cancelled", dropped}});
         },
         "a pair of the list merged, with its `reason` (required): every slip naming `remove` names `keep` instead "
         "(one that would then be the same slip twice is cancelled), `keep`'s residence is derived again and "
         "`remove` is deleted, all checked as the events import checks the slips; 200 with the slips moved and "
         "cancelled; 400 with every issue (a rule the merged slips break) or when the two are not a pair of the "
         "list; 403 for a collaborator; 404 when a person is not the caller's"});
}

}  // namespace danso::http

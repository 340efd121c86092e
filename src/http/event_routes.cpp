// Information slips (phiếu thu tin): GET /api/v1/events, /events/{id} and
// POST /api/v1/events, which records one slip with the events import's
// checks (app/import/record_event.h) and an audit entry (app/register_writes.h) in the same
// transaction. The body's fields are the columns of events.csv
// (docs/data-formats.md) but `id`, which the server gives. PATCH
// /api/v1/events/{id} corrects a slip (a new version, with a reason) and
// GET /api/v1/events/{id}/history lists its versions (app/slip_history.h).
// A slip sent with an Idempotency-Key is recorded once however often it is
// sent (app/write_keys.h).
#include "app/formats/formats.h"
#include "app/register_writes.h"
#include "app/register_json.h"
#include "app/register_reads.h"
#include "app/slip_history.h"
#include "http/api.h"

namespace danso::http {

namespace {

// A slip's fields from a body: the columns of events.csv but id (and, for
// a correction, its reason), or the response refusing the body.
std::optional<Response> slip_fields(const RouteRequest& rq, std::map<std::string, std::string>& out,
                                    std::string* reason, std::optional<std::map<std::string, std::string>>* child = nullptr) {
  auto body = parse_json_body(rq.http);
  if (body.error) return *body.error;
  if (!body.value.is_object())
    return error_response(rq.http, Error::invalid("", "nội dung phải là một đối tượng JSON", "the body must be a JSON object"));
  if (reason) {
    const auto r = body.value.find("reason");
    if (r != body.value.end() && !r->is_string())
      return error_response(rq.http, Error::invalid("reason", "lý do phải là chuỗi", "the reason must be a string"));
    if (r != body.value.end()) *reason = r->get<std::string>();
    body.value.erase("reason");
  }
  // A birth's newborn child, declared with the slip: the child's person fields.
  if (const auto c = body.value.find("child"); child && c != body.value.end()) {
    if (!c->is_object())
      return error_response(rq.http, Error::invalid("child", "trẻ mới sinh phải là một đối tượng JSON",
                                                    "the newborn child must be a JSON object"));
    auto fields = body_columns(*c);
    if (!fields) {
      Error e = fields.error();
      e.field = "child." + e.field;
      return error_response(rq.http, e);
    }
    *child = std::move(*fields);
    body.value.erase("child");
  }
  const auto& columns = formats::event_columns().all;
  for (const auto& [name, value] : body.value.items())
    if (name == "id" || std::find(columns.begin(), columns.end(), name) == columns.end())
      return error_response(rq.http, Error::invalid(name, "trường '" + name + "' không dùng cho phiếu thu tin",
                                                    "the field '" + name + "' is not part of a slip"));
  auto parsed = body_columns(body.value);
  if (!parsed) return error_response(rq.http, parsed.error());
  out = std::move(*parsed);
  return std::nullopt;
}

// A slip of a list: as event_json, with the names of the persons it names
// after their ids (null where the reader may not see them).
nlohmann::ordered_json listed_event_json(const ListedEvent& row) {
  nlohmann::ordered_json out;
  const auto name = [](const std::string& n) { return n.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(n); };
  const nlohmann::ordered_json event = event_json(row.event);
  for (auto it = event.begin(); it != event.end(); ++it) {
    const std::string& key = it.key();
    out[key] = *it;
    if (key == "person_id") out["person_name"] = name(row.person_name);
    if (key == "related_id") out["related_name"] = name(row.related_name);
  }
  return out;
}

// A write of a slip: the records its body names, each checked against the
// caller's scope.
Access naming_slip_records(Access access) {
  return std::move(access)
      .scoped_body(ScopeKind::kVillage, "village_code")
      .scoped_body(ScopeKind::kPerson, "person_id")
      .scoped_body(ScopeKind::kPerson, "related_id")
      .scoped_body(ScopeKind::kHousehold, "household_id")
      .scoped_body(ScopeKind::kStaff, "recorded_by");
}

nlohmann::ordered_json version_json(const SlipVersion& v) {
  return {{"version", v.version}, {"action", v.action}, {"at", v.at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.at)},
          {"by", v.actor.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.actor)},
          {"reason", v.reason.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.reason)},
          {"event", v.event}};
}

}  // namespace

void add_event_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/events",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto from = date_param(rq.query, "from", Date::from_ymd_unchecked(1, 1, 1));
           if (!from) return error_response(rq.http, from.error());
           const auto to = date_param(rq.query, "to", Date::from_ymd_unchecked(9999, 12, 31));
           if (!to) return error_response(rq.http, to.error());
           std::optional<EventType> type;
           if (const std::string t = query_value(rq.query, "type"); !t.empty()) {
             auto parsed = kEventTypes.parse(t, "type");
             if (!parsed) return error_response(rq.http, parsed.error());
             type = *parsed;
           }
           const auto villages = villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"));
           const Date today = accounts::date_of(ctx.now());
           const WriteScope names = scope_of(ctx, *rq.principal, today);
           return list_answer<ListedEvent>(rq, "events", listed_event_json,
                                           [&](const ListWindow& w, std::vector<ListedEvent>& rows) {
                                             return events_page(ctx.db, villages, *from, *to, type, w.offset, w.limit,
                                                                rows, names, today);
                                           });
         },
         "events of a unit's villages (?unit=CODE), by date: ?from=DATE, ?to=DATE (inclusive), ?type=birth|death|..., "
         "?page, ?per_page, ?format=csv|xlsx for the whole list; each with person_name and related_name where the "
         "caller sees the person",
         {"from", "to", "type", "page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/events/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kEvent, "id"),
         [&ctx](const RouteRequest& rq) {
           const std::optional<VitalEvent> e = find_event(ctx.db, EventId(path_id(rq)));
           if (!e) return not_found(rq.http);
           return json_response(rq.http, bhttp::status::ok, {{"event", event_json(*e)}});
         },
         "one event"});
  r.add({bhttp::verb::post, "/api/v1/events", naming_slip_records(Access::needs(Permission::kWriteRegister)),
         [&ctx](const RouteRequest& rq) {
           std::map<std::string, std::string> fields;
           std::optional<std::map<std::string, std::string>> child;
           if (auto refused = slip_fields(rq, fields, nullptr, &child)) return *refused;
           // Sent again under its Idempotency-Key: the first answer, nothing written.
           std::optional<WriteKey> key;
           if (auto again = answer_sent_again(ctx, rq, child ? "birth" : "event", key)) return *again;
           WriteKey* const keyed = key ? &*key : nullptr;
           if (child) {
             // One step: the newborn added to the register with their birth.
             if (fields.count("person_id"))
               return error_response(rq.http, Error::invalid("person_id", "phiếu sinh kèm trẻ mới sinh không ghi mã trẻ",
                                                             "a birth slip with its newborn child names no person_id"));
             for (const char* required : {"type", "date", "village_code", "related_id"})
               if (fields[required].empty())
                 return error_response(rq.http, Error::invalid(required, std::string("thiếu trường '") + required + "'",
                                                               std::string("the field '") + required + "' is missing"));
             const Result<RecordedBirth> birth = write_birth(writer(ctx, rq, keyed), fields, *child);
             if (!birth) return refused_unless_sent_again(ctx, rq, key, error_response(rq.http, birth.error()));
             if (!birth->event) return refused_unless_sent_again(ctx, rq, key, issues_response(rq.http, birth->issues));
             ctx.indicators.slips_written({&*birth->event}, rq.principal->session);
             return json_response(rq.http, bhttp::status::created,
                                  {{"event", event_json(*birth->event)},
                                   {"child", birth->child ? person_json(*birth->child) : nlohmann::ordered_json(nullptr)}});
           }
           for (const char* required : {"type", "date", "village_code", "person_id"})
             if (fields[required].empty())
               return error_response(rq.http, Error::invalid(required, std::string("thiếu trường '") + required + "'",
                                                             std::string("the field '") + required + "' is missing"));
           // The slip's village and the records it names must be the
           // caller's (checked on the parsed values by record_event): "not
           // yours" answers as "does not exist".
           const Result<RecordedEvent> recorded = write_slip(writer(ctx, rq, keyed), fields);
           if (!recorded) return refused_unless_sent_again(ctx, rq, key, error_response(rq.http, recorded.error()));
           if (!recorded->event)
             return refused_unless_sent_again(ctx, rq, key, issues_response(rq.http, recorded->issues));
           ctx.indicators.slips_written({&*recorded->event}, rq.principal->session);
           return json_response(rq.http, bhttp::status::created, {{"event", event_json(*recorded->event)}});
         },
         "record one information slip: the fields of events.csv but id (type, date, village_code, person_id, ...), "
         "checked as the events import checks a row; 201 with the event, 400 with every issue, 404 naming the field "
         "when the village, a person (where they live on the slip's date), the household or the recorder is not the "
         "caller's. A birth may instead carry `child` (the newborn's person fields: name, sex, household_id, ...) "
         "and no person_id: the child is added and the birth recorded in one transaction (201 with event and child). "
         "A marriage or divorce names a spouse not in the register by spouse_name (spouse_birth_year, "
         "spouse_address, spouse_nationality) instead of related_id; the spouse is not added to the register. "
         "With an Idempotency-Key header, the same request sent again answers as the first time without writing "
         "(Idempotent-Replayed: true); the key with another body is a 409"});
  r.add({bhttp::verb::patch, "/api/v1/events/{id}",
         naming_slip_records(Access::needs(Permission::kWriteRegister).scoped(ScopeKind::kEvent, "id")),
         [&ctx](const RouteRequest& rq) {
           std::map<std::string, std::string> fields;
           std::string reason;
           if (auto refused = slip_fields(rq, fields, &reason)) return *refused;
           for (const char* required : {"type", "date", "village_code", "person_id"})
             if (const auto f = fields.find(required); f != fields.end() && f->second.empty())
               return error_response(rq.http, Error::invalid(required, std::string("thiếu trường '") + required + "'",
                                                             std::string("the field '") + required + "' is missing"));
           const EventId id(path_id(rq));
           const std::optional<VitalEvent> before = find_event(ctx.db, id);
           const Result<RecordedEvent> recorded = write_slip_correction(writer(ctx, rq), id, fields, reason);
           if (!recorded) return error_response(rq.http, recorded.error());
           if (!recorded->event) return issues_response(rq.http, recorded->issues);
           ctx.indicators.slips_written({before ? &*before : nullptr, &*recorded->event}, rq.principal->session);
           return json_response(rq.http, bhttp::status::ok, {{"event", event_json(*recorded->event)}});
         },
         "correct a slip: the fields to change (the columns of events.csv but id; null clears one) and its `reason` "
         "(required); the stored slip with the changes is checked again as a whole and written as its new version, "
         "the old one kept in its history and the audit log. 200 with the event; 400 with every issue; 403 when a "
         "collaborator corrects a slip someone else recorded; 404 when the slip or a record named is not the caller's"});
  r.add({bhttp::verb::post, "/api/v1/events/{id}/cancel",
         Access::needs(Permission::kWriteRegister).scoped(ScopeKind::kEvent, "id"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           if (!body.value.is_object())
             return error_response(rq.http,
                                   Error::invalid("", "nội dung phải là một đối tượng JSON", "the body must be a JSON object"));
           const auto r = body.value.find("reason");
           for (const auto& [name, value] : body.value.items())
             if (name != "reason")
               return error_response(rq.http, Error::invalid(name, "trường '" + name + "' không dùng khi hủy phiếu",
                                                             "the field '" + name + "' is not used to cancel a slip"));
           if (r != body.value.end() && !r->is_string())
             return error_response(rq.http, Error::invalid("reason", "lý do phải là chuỗi", "the reason must be a string"));
           const std::string reason = r == body.value.end() ? std::string() : r->get<std::string>();
           const Result<RecordedEvent> done = write_slip_cancellation(writer(ctx, rq), EventId(path_id(rq)), reason);
           if (!done) return error_response(rq.http, done.error());
           if (!done->event) return issues_response(rq.http, done->issues);
           ctx.indicators.slips_written({&*done->event}, rq.principal->session, done->child_removed);
           nlohmann::ordered_json out{{"cancelled", event_json(*done->event)}};
           if (done->child_removed.valid()) out["child_removed"] = done->child_removed.value;
           return json_response(rq.http, bhttp::status::ok, out);
         },
         "cancel a slip with its `reason` (required): removed from the register, every figure following, its audit "
         "entry (action cancel, the slip before, the reason) kept; a birth's child who came with it and has no other "
         "slip is removed with it (child_removed); 200 with the slip cancelled; 400 when the reason is "
         "missing or the residence of its person no longer holds without it; 403 when a collaborator cancels a slip "
         "someone else recorded; 404 when the slip is not the caller's"});
  r.add({bhttp::verb::get, "/api/v1/events/{id}/history",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kEvent, "id"),
         [&ctx](const RouteRequest& rq) {
           nlohmann::ordered_json versions = nlohmann::ordered_json::array();
           for (const SlipVersion& v : slip_history(ctx.db, EventId(path_id(rq)))) versions.push_back(version_json(v));
           return json_response(rq.http, bhttp::status::ok, {{"versions", versions}});
         },
         "a slip's versions, oldest first: version, action (create: recorded from a form; import: as a file wrote "
         "it; update: a correction), at, by, reason, and the slip as it was"});
}

}  // namespace danso::http

// Information slips (phiếu thu tin): GET /api/v1/events, /events/{id} and
// POST /api/v1/events, which records one slip with the events import's
// checks (app/import/record_event.h) and an audit entry (app/register_writes.h) in the same
// transaction. The body's fields are the columns of events.csv
// (docs/data-formats.md) but `id`, which the server gives.
#include "app/formats/formats.h"
#include "app/register_writes.h"
#include "app/register_reads.h"
#include "http/api.h"

namespace danso::http {

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
           return list_answer<VitalEvent>(rq, "events", event_json,
                                          [&](const ListWindow& w, std::vector<VitalEvent>& rows) {
                                            return events_page(ctx.db, villages, *from, *to, type, w.offset, w.limit,
                                                               rows);
                                          });
         },
         "events of a unit's villages (?unit=CODE), by date: ?from=DATE, ?to=DATE (inclusive), ?type=birth|death|..., "
         "?page, ?per_page, ?format=csv|xlsx for the whole list",
         {"from", "to", "type", "page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/events/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kEvent, "id"),
         [&ctx](const RouteRequest& rq) {
           const std::optional<VitalEvent> e = find_event(ctx.db, EventId(path_id(rq)));
           if (!e) return not_found(rq.http);
           return json_response(rq.http, bhttp::status::ok, {{"event", event_json(*e)}});
         },
         "one event"});
  r.add({bhttp::verb::post, "/api/v1/events",
         Access::needs(Permission::kWriteRegister)
             .scoped_body(ScopeKind::kVillage, "village_code")
             .scoped_body(ScopeKind::kPerson, "person_id")
             .scoped_body(ScopeKind::kPerson, "related_id")
             .scoped_body(ScopeKind::kHousehold, "household_id")
             .scoped_body(ScopeKind::kStaff, "recorded_by"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const auto& columns = formats::event_columns().all;
           for (const auto& [name, value] : body.value.items())
             if (name == "id" || std::find(columns.begin(), columns.end(), name) == columns.end())
               return error_response(rq.http, Error::invalid(name, "trường '" + name + "' không dùng cho phiếu thu tin",
                                                             "the field '" + name + "' is not part of a slip"));
           auto parsed = body_columns(body.value);
           if (!parsed) return error_response(rq.http, parsed.error());
           std::map<std::string, std::string>& fields = *parsed;
           for (const char* required : {"type", "date", "village_code", "person_id"})
             if (fields[required].empty())
               return error_response(rq.http, Error::invalid(required, std::string("thiếu trường '") + required + "'",
                                                             std::string("the field '") + required + "' is missing"));
           // The slip's village and the records it names must be the
           // caller's (checked on the parsed values by record_event): "not
           // yours" answers as "does not exist".
           const Result<RecordedEvent> recorded = write_slip(writer(ctx, rq), fields);
           if (!recorded) return error_response(rq.http, recorded.error());
           if (!recorded->event) return issues_response(rq.http, recorded->issues);
           ctx.indicators.event_recorded(recorded->event->type, rq.principal->session);
           return json_response(rq.http, bhttp::status::created, {{"event", event_json(*recorded->event)}});
         },
         "record one information slip: the fields of events.csv but id (type, date, village_code, person_id, ...), "
         "checked as the events import checks a row; 201 with the event, 400 with every issue, 404 naming the field "
         "when the village, a person (where they live on the slip's date), the household or the recorder is not the "
         "caller's"});
}

}  // namespace danso::http

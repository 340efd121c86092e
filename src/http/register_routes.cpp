// The village register (sổ A0): GET /api/v1/households, /households/{id},
// /persons, /persons/{id}. The router has checked the permission, that
// ?unit= and {id} are in the caller's scope; lists cover the villages of the
// unit (the caller's by default) that the caller may see; a person is
// where they live today (app/register_scope.h).
#include "core/text.h"
#include "app/register_reads.h"
#include "app/slip_pickers.h"
#include "http/api.h"

namespace danso::http {

// A person's status on the day asked (core/person_status.h).
nlohmann::ordered_json status_json(const PersonStatus& st) {
  auto date_or_null = [](const std::optional<Date>& d) {
    return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
  };
  return {{"on", st.on.iso()},
          {"residence", kStandings.code(st.standing)},
          {"since", date_or_null(st.since)},
          {"lives_here", lives_here(st.standing)},
          {"marital", kMaritalStatuses.code(st.marital)},
          {"household_id", st.household.valid() ? nlohmann::ordered_json(st.household.value) : nlohmann::ordered_json(nullptr)}};
}

// A person as the lists show them: with the village and household they live
// in today (or lived in last), the place they are listed under, and their
// status on the day asked.
nlohmann::ordered_json listed_person_json(const ListedPerson& p) {
  auto out = person_json(p.placed.person);
  out["village"] = p.placed.village_code;
  out["village_name"] = p.placed.village_name;
  out["lives_in_household_id"] = p.placed.household.value;
  out["status"] = status_json(p.status);
  return out;
}

namespace {

nlohmann::ordered_json listed_household_json(const ListedHousehold& h) {
  auto out = household_json(h.household);
  out["village_name"] = h.village_name;
  out["head_id"] = h.head.valid() ? nlohmann::ordered_json(h.head.value) : nlohmann::ordered_json(nullptr);
  out["head_name"] = h.head.valid() ? nlohmann::ordered_json(h.head_name) : nlohmann::ordered_json(nullptr);
  return out;
}

Result<bool> register_flag(const QueryParams& q, const char* name) {
  const std::string v = query_value(q, name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return Error::invalid(name, std::string("tham số ") + name + " phải là true hoặc false",
                        std::string("parameter ") + name + " must be true or false");
}

// The persons filter of a list: ?on, ?living, ?resident, ?sex, or ?for=a
// slip's type and field (app/slip_pickers.h).
Result<PersonFilter> persons_filter(const QueryParams& q, Date today) {
  PersonFilter f;
  auto on = date_param(q, "on", today);
  if (!on) return on.error();
  f.on = *on;
  const std::string slip = query_value(q, "for");
  if (!slip.empty()) {
    auto picked = slip_picker_filter(slip, f.on);
    if (!picked) return picked.error();
    f = *picked;
  }
  auto living = register_flag(q, "living");
  if (!living) return living.error();
  auto resident = register_flag(q, "resident");
  if (!resident) return resident.error();
  f.living = f.living || *living;
  f.resident = f.resident || *resident;
  if (const std::string sex = query_value(q, "sex"); !sex.empty()) {
    const auto parsed = kSexes.find(sex);
    if (!parsed) return Error::invalid("sex", "giới tính phải là M hoặc F", "sex must be M or F");
    f.sex = *parsed;
  }
  return f;
}

}  // namespace

void add_register_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/households",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const auto villages = villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"));
           return list_answer<ListedHousehold>(rq, "households", listed_household_json,
                                               [&](const ListWindow& w, std::vector<ListedHousehold>& rows) {
                                                 const int64_t total = households_page(ctx.db, villages, w.offset, w.limit, rows);
                                                 name_villages(ctx.accounts.units(), accounts::date_of(ctx.now()), rows);
                                                 return total;
                                               });
         },
         "households of a unit's villages (?unit=CODE, the caller's unit by default), by id, each with its "
         "village's name and its head (head_id, head_name); ?page, ?per_page, ?format=csv|xlsx for the whole list",
         {"page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/households/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kHousehold, "id"),
         [&ctx](const RouteRequest& rq) {
           const auto on = date_param(rq.query, "on", accounts::date_of(ctx.now()));
           if (!on) return error_response(rq.http, on.error());
           const auto former = register_flag(rq.query, "former");
           if (!former) return error_response(rq.http, former.error());
           const Date today = accounts::date_of(ctx.now());
           const auto h = household_with_members(ctx.db, HouseholdId(path_id(rq)), *on, *former, today,
                                                 scope_of(ctx, *rq.principal, today));
           if (!h) return not_found(rq.http);
           Household shown = h->household;
           const OrgUnit* village = village_now(ctx.accounts.units(), shown.village, *on);
           if (village) shown.village_code = village->code;
           auto out = household_json(shown);
           out["village_name"] = village ? nlohmann::ordered_json(village->name) : nlohmann::ordered_json(nullptr);
           out["on"] = on->iso();
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const auto& m : h->members) {
             auto p = person_json(m.person);
             p["status"] = status_json(m.status);
             list.push_back(std::move(p));
           }
           out["members"] = list;
           return json_response(rq.http, bhttp::status::ok, {{"household", out}});
         },
         "one household with its members on a day (?on=YYYY-MM-DD, today by default): those who lived in it that "
         "day, each with their status; ?former=true adds those who had lived in it before (dead, moved out, moved "
         "to another household), their status saying which; only those the caller sees where they belong today",
         {"on", "former"}});
  r.add({bhttp::verb::get, "/api/v1/persons",
         Access::needs(Permission::kReadRegister).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const std::string q = query_value(rq.query, "q");
           if (!is_valid_utf8(q))
             return error_response(rq.http, Error::invalid("q", "từ tìm kiếm không phải UTF-8", "the search text is not UTF-8"));
           const auto filter = persons_filter(rq.query, accounts::date_of(ctx.now()));
           if (!filter) return error_response(rq.http, filter.error());
           const auto villages = villages_in_scope(ctx, *rq.principal, query_value(rq.query, "unit"));
           return list_answer<ListedPerson>(rq, "persons", listed_person_json,
                                            [&](const ListWindow& w, std::vector<ListedPerson>& rows) {
                                              const ListTotal total = persons_page(ctx.db, villages, q, *filter, w.offset, w.limit, rows);
                                              name_villages(ctx.accounts.units(), accounts::date_of(ctx.now()), rows);
                                              return total;
                                            });
         },
         "persons who live in a unit's villages today (or lived there last: dead or gone from the area; ?unit=CODE), "
         "by id, each with the village (code and name), the household and their status on a day (?on=YYYY-MM-DD, "
         "today by default); ?q=TEXT finds names whose words begin with the words typed, with or without "
         "diacritics; ?living=true leaves out the dead, ?resident=true also those not living in the area that day, "
         "?sex=M|F; ?for=TYPE or TYPE.FIELD (a slip's person or related person) keeps the persons that slip can "
         "name; ?page, ?per_page, ?format=csv|xlsx for the whole list",
         {"q", "on", "living", "resident", "sex", "for", "page", "per_page", "format", "lang"}});
  r.add({bhttp::verb::get, "/api/v1/persons/{id}",
         Access::needs(Permission::kReadRegister).scoped(ScopeKind::kPerson, "id"),
         [&ctx](const RouteRequest& rq) {
           const auto on = date_param(rq.query, "on", accounts::date_of(ctx.now()));
           if (!on) return error_response(rq.http, on.error());
           const auto found = person_with_place(ctx.db, PersonId(path_id(rq)), *on);
           if (!found) return not_found(rq.http);
           const auto& place = found->place;
           auto out = person_json(found->person);
           const OrgUnit* village = place ? village_now(ctx.accounts.units(), place->village, *on) : nullptr;
           out["village"] = village ? nlohmann::ordered_json(village->code) : nlohmann::ordered_json(nullptr);
           out["village_name"] = village ? nlohmann::ordered_json(village->name) : nlohmann::ordered_json(nullptr);
           out["lives_in_household_id"] =
               place ? nlohmann::ordered_json(place->household.value) : nlohmann::ordered_json(nullptr);
           out["status"] = status_json(found->status);
           nlohmann::ordered_json history = nlohmann::ordered_json::array();
           for (const VitalEvent& e : found->history) history.push_back(event_json(e));
           out["history"] = history;
           return json_response(rq.http, bhttp::status::ok, {{"person", out}});
         },
         "one person on a day (?on=YYYY-MM-DD, today by default): the village and household they live in that day "
         "(or lived in last), their status (residence, marital status, household), and their history: the events "
         "naming them, by date",
         {"on"}});
}

}  // namespace danso::http

// The API's routes: each declared once in the route table with its access
// policy, its handler thin (parse, call app/, render). docs/api.md lists them.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "app/formats/row_issues.h"
#include "app/indicator_service.h"
#include "app/register_json.h"
#include "app/register_reads.h"
#include "app/register_writes.h"
#include "app/register_scope.h"
#include "app/reports/reports.h"
#include "app/snapshot_source.h"
#include "http/router.h"

namespace danso::http {

inline constexpr const char* kSessionCookie = "__Host-danso_session";

struct ApiOptions {
  bool tls = false;                 // served over TLS: the session cookie is Secure
  accounts::Options accounts;       // session timeouts, sign-in throttling
  std::function<int64_t()> clock;   // Unix seconds; the system clock when empty
  IndicatorService::Options indicators;  // how long a request waits for a refreshed snapshot
  // --snapshot-db: the indicators' snapshot is loaded through it (and
  // health shows its state); else through the database's own readers.
  std::shared_ptr<SnapshotSource> snapshot_source;
};

// `o` with the indicators' snapshot loaded through o.snapshot_source, when given.
ApiOptions snapshot_read_from_source(ApiOptions o);

struct ApiContext {
  Database& db;          // app/ calls that take the database go through it
  ApiOptions options;
  accounts::Accounts accounts;
  IndicatorService indicators;  // the register snapshot and what was computed from it
  reports::Reports reports;
  explicit ApiContext(Database& d, ApiOptions o = {})
      : db(d),
        options(snapshot_read_from_source(std::move(o))),
        accounts(d, options.accounts),
        indicators(d, options.indicators),
        reports(d, accounts, [this]() -> Result<std::shared_ptr<const analytics::RegisterSnapshot>> {
          auto snap = indicators.exact();
          if (!snap) return snap.error();
          // Shares the indicator snapshot's lifetime and holds off its
          // updates in place while the report counts.
          return (*snap)->pinned();
        }) {}
  int64_t now() const;
};

Router make_api(ApiContext& ctx);
// The OpenAPI 3 document describing the router's routes.
nlohmann::ordered_json openapi_document(const Router& router);

// Route groups, each in its own file.
void add_session_routes(Router& r, ApiContext& ctx);   // session_routes.cpp
void add_user_routes(Router& r, ApiContext& ctx);      // user_routes.cpp
void add_unit_routes(Router& r, ApiContext& ctx);      // unit_routes.cpp
void add_register_routes(Router& r, ApiContext& ctx);  // register_routes.cpp: households, persons
void add_event_routes(Router& r, ApiContext& ctx);     // event_routes.cpp
void add_indicator_routes(Router& r, ApiContext& ctx); // indicator_routes.cpp
void add_report_routes(Router& r, ApiContext& ctx);    // report_routes.cpp
void add_completeness_routes(Router& r, ApiContext& ctx);  // completeness_routes.cpp: deadlines, completeness, quality
void add_register_write_routes(Router& r, ApiContext& ctx);  // register_write_routes.cpp
void add_staff_routes(Router& r, ApiContext& ctx);     // staff_routes.cpp
void add_plan_routes(Router& r, ApiContext& ctx);      // plan_routes.cpp
void add_reward_routes(Router& r, ApiContext& ctx);    // reward_routes.cpp
void add_task_routes(Router& r, ApiContext& ctx);      // task_routes.cpp
void add_training_routes(Router& r, ApiContext& ctx);  // training_routes.cpp
void add_worklist_routes(Router& r, ApiContext& ctx);  // worklist_routes.cpp: the collaborator's work lists
void add_duplicate_routes(Router& r, ApiContext& ctx);  // duplicate_routes.cpp: persons registered twice
void add_analysis_routes(Router& r, ApiContext& ctx);   // analysis_routes.cpp: the catalogue, free analysis
void add_favourite_routes(Router& r, ApiContext& ctx);  // analysis_routes.cpp: saved analyses

// ?year=YYYY, from 1900 to 2200 (`fallback` when absent); a malformed value
// is a 400 naming the parameter.
Result<int> year_param(const QueryParams& q, int fallback);

// Paging of list routes: ?page= (from 1) and ?per_page= (1 to 500, 50 by
// default); a malformed value is a 400 naming the parameter.
struct Paging {
  int64_t page = 1, per_page = 50;
  int64_t offset() const { return (page - 1) * per_page; }
};
Result<Paging> parse_paging(const QueryParams& q);
// A list page's answer: {"total", "page", "per_page", <key>: items};
// "total_capped": true when the list was counted only up to `total` (a
// search by name, store/register_store.h kSearchCountCap).
nlohmann::ordered_json page_json(const Paging& p, ListTotal total, const char* key, nlohmann::ordered_json items);
// The villages of `code`'s subtree (the caller's unit when empty) that are
// in the caller's scope today. The router has checked `code` is in scope.
std::vector<UnitId> villages_in_scope(ApiContext& ctx, const Principal& p, const std::string& code);
// The same for a list that reads every person of its villages (the work
// lists, persons registered twice): at most kCommuneListMaxVillages, a
// commune's, else 400 naming `unit` with the list's name (`list_vi`,
// `list_en`: "danh sách cần làm", "work list").
inline constexpr size_t kCommuneListMaxVillages = 100;
Result<std::vector<UnitId>> commune_villages_in_scope(ApiContext& ctx, const Principal& p, const std::string& code,
                                                      const std::string& list_vi, const std::string& list_en);
// Every unit of that subtree in the caller's scope today, villages or not.
std::vector<UnitId> units_in_scope(ApiContext& ctx, const Principal& p, const std::string& code, bool villages_only);
std::string query_value(const QueryParams& q, const std::string& name);
// ?unit=CODE, else the caller's own unit's code (empty when unknown).
std::string unit_or_own(const RouteRequest& rq, ApiContext& ctx);
// A YYYY-MM-DD query parameter, `fallback` when absent; 400 naming it when not a date.
Result<Date> date_param(const QueryParams& q, const char* name, Date fallback);
// The {id} path parameter as a number (the router has checked it names a record).
int64_t path_id(const RouteRequest& rq);
// The units a signed-in user sees today, as the register's reads and
// writes check them (app/register_scope.h). `p` must outlive the scope.
WriteScope scope_of(ApiContext& ctx, const Principal& p, Date today);
// The signed-in caller writing to the register now (app/register_writes.h),
// keeping `key` with the write when given.
RegisterWriter writer(ApiContext& ctx, const RouteRequest& rq, WriteKey* key = nullptr);

// Writes sent again (write_key_answers.cpp, app/write_keys.h). With an
// Idempotency-Key header: the answer already given to the same request by
// the same user (its status, the record as it is now, and the header
// Idempotent-Replayed: true), a 409 when the key came with another request,
// a 400 for a malformed key; nullopt when the write is to be made, `key`
// then set if one was sent. `answer`: event, birth, household or person.
std::optional<Response> answer_sent_again(ApiContext& ctx, const RouteRequest& rq, const char* answer,
                                          std::optional<WriteKey>& key);
// A keyed write that was refused: the first answer when the same request
// was written meanwhile under its key (two copies sent at once), else `refused`.
Response refused_unless_sent_again(ApiContext& ctx, const RouteRequest& rq, const std::optional<WriteKey>& key,
                                   Response refused);
// A person as the register's lists show them (register_routes.cpp): the
// person, the village and household they live in today (or lived in last)
// and their status on the day asked.
nlohmann::ordered_json status_json(const PersonStatus& st);
nlohmann::ordered_json listed_person_json(const ListedPerson& p);

// A JSON request body, or the error to answer: 415 unless the Content-Type
// is application/json (http/media_type.h: type and subtype in any case,
// parameters allowed, a charset other than utf-8 refused), 400 when the
// Content-Type is given twice or the body is not a JSON object.
struct JsonBody {
  nlohmann::json value;
  std::optional<Response> error;
};
JsonBody parse_json_body(const Request& req);
// A JSON body's fields as the text of the CSV columns of the same names
// (strings as they are, integers in decimal however large, true/false as
// 1/0, null as empty); a number with a fraction or an exponent, an array or
// an object is a 400 naming the field.
Result<std::map<std::string, std::string>> body_columns(const nlohmann::json& body);
// 400 with the first issue as the error and every issue under "issues".
Response issues_response(const Request& req, const std::vector<RowIssue>& issues);

// Downloads (export_response.cpp): ?format=csv|xlsx on a list route answers
// the whole filtered list, not a page, as a file; json (the default) the page.
// At most kExportMaxRows rows: a longer list is a 400 asking to narrow it.
enum class ListFormat { kJson, kCsv, kXlsx };
inline constexpr int64_t kExportMaxRows = 100'000;
Result<ListFormat> parse_list_format(const QueryParams& q);
// The rows a list route reads: the page for JSON, else the first
// kExportMaxRows + 1 (one more, to tell a list that is too long).
struct ListWindow {
  int64_t offset = 0, limit = 0;
};
ListWindow list_window(ListFormat format, const Paging& paging);
// The file: `rows` (JSON objects, one per row) as CSV or xlsx, headed in
// Vietnamese (?lang=en: English, ?lang=keys: the keys; app/export/
// column_labels.h), named after the list `name` and `name_parts` (by
// default the query's unit and period: "ho-dan-cu-99001.csv",
// app/export/file_names.h); `total` is the length of the whole list.
Response list_file(const Request& req, ListFormat format, const std::string& name, int64_t total,
                   const nlohmann::ordered_json& rows, std::vector<std::string> title_lines = {},
                   std::vector<std::string> name_parts = {});

// A printable page shown in the browser (kHtmlType), or a file to download
// when `file_name` is given.
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";
Response document_response(const Request& req, const char* type, std::string body, const std::string& file_name = {});

// The answer of a register list route once its own parameters are checked:
// ?page, ?per_page and ?format checked, `read(window, rows)` run (an
// app/register_reads.h call: it returns the whole list's length), each row shown by
// `to_json`; a page of JSON with the rows under `key`, or the whole list as
// the file `key`.csv / .xlsx.
//
//   return list_answer<ListedHousehold>(rq, "households", listed_household_json, [&](const ListWindow& w, auto& rows) {
//     return households_page(ctx.db, villages, w.offset, w.limit, rows);
//   });
inline ListTotal list_total(int64_t count) { return {count, false}; }
inline ListTotal list_total(ListTotal total) { return total; }
// A list page's JSON, gzip-compressed (Vary: Accept-Encoding) when it is
// 1 KB or more and the client takes gzip: the pages a phone keeps for
// working offline (a village's persons, 500 a page) are mostly names.
Response json_page_response(const Request& req, const nlohmann::ordered_json& body);

template <typename Row, typename Read>
Response list_answer(const RouteRequest& rq, const char* key,
                     nlohmann::ordered_json (*to_json)(const Row&), Read read) {
  const auto paging = parse_paging(rq.query);
  if (!paging) return error_response(rq.http, paging.error());
  const auto format = parse_list_format(rq.query);
  if (!format) return error_response(rq.http, format.error());
  const ListWindow window = list_window(*format, *paging);
  std::vector<Row> rows;
  const ListTotal total = list_total(read(window, rows));
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Row& r : rows) list.push_back(to_json(r));
  if (*format != ListFormat::kJson) return list_file(rq.http, *format, key, total.count, list);
  return json_page_response(rq.http, page_json(*paging, total, key, std::move(list)));
}

}  // namespace danso::http

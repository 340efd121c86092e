// The API's router over a small register in a temporary database (units of
// one province, households, persons, a slip, a submitted report), with a
// signed-in administrator of the province, a commune officer, a third user
// for the targets to change, and a fixed clock. A target sends the fuzzer's
// bytes as the JSON body of one of its routes, chosen by the first byte, as
// a browser would (cookie, CSRF token, Content-Type), through
// Router::dispatch: parsing, access, the use case and the answer. Any
// answer is fine; a 500 or a crash is not.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/accounts/crypto.h"
#include "app/import/import.h"
#include "http/api.h"
#include "store/sqlite/sqlite_store.h"

namespace danso::fuzz {

struct Target {
  http::bhttp::verb method;
  std::string path;
  bool as_admin = true;  // else the commune officer
};

class Api {
 public:
  static constexpr int64_t kNow = 1'750'000'000;  // 2025-06-15

  static Api& get() {
    static Api* self = new Api();  // kept to the end, as libFuzzer exits at any time
    return *self;
  }

  int64_t report_id() const { return report_id_; }
  // A third user, whom the targets may change (not the signed-in ones, whose
  // sessions a change would end).
  std::string other_user_path() const { return "/api/v1/users/" + std::to_string(other_id_); }

  // The first byte picks one of `targets`; the rest is the body.
  void send(const uint8_t* data, size_t size, const std::vector<Target>& targets) {
    if (size == 0) return;
    const Target& t = targets[data[0] % targets.size()];
    const Session& s = t.as_admin ? admin_ : officer_;
    http::Request req{t.method, t.path, 11};
    req.set(http::bhttp::field::host, "127.0.0.1:8080");
    req.set(http::bhttp::field::cookie, std::string(http::kSessionCookie) + "=" + s.token);
    req.set("X-CSRF-Token", s.csrf);
    req.set(http::bhttp::field::content_type, "application/json");
    req.body().assign(reinterpret_cast<const char*>(data + 1), size - 1);
    req.prepare_payload();
    const http::Response res = router_->dispatch(req, "192.0.2.10");
    if (res.result_int() >= 500) {
      std::fprintf(stderr, "%s %s answered %u: %s\n", std::string(http::bhttp::to_string(t.method)).c_str(),
                   t.path.c_str(), res.result_int(), res.body().c_str());
      std::abort();
    }
  }

 private:
  struct Session {
    std::string token, csrf;
  };

  Api() {
    char tmpl[] = "/tmp/danso-fuzz-XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    dir_ = tmpl;
    std::atexit([] { std::filesystem::remove_all(get().dir_); });
    auto s = open_sqlite_store(dir_ + "/api.db", {.create = true, .migrations = {}});
    if (!s) std::abort();
    db_ = std::make_unique<Database>(std::move(*s), dir_ + "/api.db", Engine::kSqlite);
    store_ = &db_->store();
    import("units.csv", ImportKind::kUnits,
           "code,name,kind,level,parent_code,valid_from\n"
           "99,Tỉnh Thử,province,1,,2019-01-01\n"
           "990,Huyện Một,district,2,99,2019-01-01\n"
           "99001,Xã Một,commune,3,990,2019-01-01\n"
           "9900101,Thôn Đông,village,4,99001,2019-01-01\n"
           "9900102,Thôn Tây,village,4,99001,2019-01-01\n");
    import("households.csv", ImportKind::kHouseholds,
           "id,village_code,address,registered_on\n101,9900101,Số 1,2020-01-01\n102,9900102,Số 2,2020-01-01\n");
    import("persons.csv", ImportKind::kPersons,
           "id,household_id,name,sex,birth_date,relation,marital_status,registered_on\n"
           "1011,101,Nguyễn Văn Mẫu,M,1980-03-01,head,married,2020-01-01\n"
           "1012,101,Võ Thị Mẫu,F,1990-05-01,spouse,married,2020-01-01\n"
           "1021,102,Trần Văn Mẫu,M,1985-01-01,head,single,2020-01-01\n");
    import("events.csv", ImportKind::kEvents,
           "id,type,date,village_code,person_id,method\n1,contraception_start,2024-02-01,9900101,1012,pill\n");
    http::ApiOptions o;
    o.clock = [] { return kNow; };
    ctx_ = std::make_unique<http::ApiContext>(*db_, o);
    router_ = std::make_unique<http::Router>(http::make_api(*ctx_));
    admin_ = session("quan.tri", "administrator", "99", admin_id_);
    officer_ = session("vien.chuc.xa", "commune_officer", "99001", officer_id_);
    auto other = ctx_->accounts.create_user(nullptr, {"nguoi.khac", "Mây-trắng-bay-2025", "viewer", "99001", {}}, kNow);
    if (!other) std::abort();
    other_id_ = other->id.value;
    // A report of May 2025, submitted: approve and return have one to act on.
    auto p = ctx_->accounts.authenticate(officer_.token, kNow);
    if (!p) std::abort();
    auto report = ctx_->reports.compute(&*p, "99001", "2025-05", kNow);
    if (!report || !ctx_->reports.submit(&*p, report->report.record.id, kNow)) std::abort();
    report_id_ = report->report.record.id;
  }

  void import(const std::string& name, ImportKind kind, const std::string& text) {
    const std::string file = dir_ + "/" + name;
    std::ofstream(file) << text;
    ImportOptions o;
    o.file = file;
    o.kind = kind;
    o.today = Date::from_ymd_unchecked(2025, 6, 15);
    auto r = import_file(*store_, o);
    if (!r || !r->committed) {
      std::fprintf(stderr, "fixture: %s not imported\n", name.c_str());
      std::abort();
    }
  }

  Session session(const std::string& name, const std::string& role, const std::string& unit, int64_t& id) {
    auto u = ctx_->accounts.create_user(nullptr, {name, "Mây-trắng-bay-2025", role, unit, {}}, kNow);
    if (!u) std::abort();
    id = u->id.value;
    Session s{accounts::random_token(), accounts::random_token()};
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    if (!store_->insert_session({accounts::sha256_hex(s.token), u->id, kNow, kNow, s.csrf})) std::abort();
    return s;
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
  Store* store_ = nullptr;  // the database's store
  std::unique_ptr<http::ApiContext> ctx_;
  std::unique_ptr<http::Router> router_;
  Session admin_, officer_;
  int64_t admin_id_ = 0, officer_id_ = 0, other_id_ = 0, report_id_ = 0;
};

}  // namespace danso::fuzz

// Bad input in request bodies: the Content-Type is parsed as a media type
// (type and subtype in any case, parameters allowed, a charset other than
// UTF-8 refused, "application/jsonx" not JSON), and a control character or
// NUL in any text field of a write is a 400 naming the field, in both
// languages, with nothing written.
#include "register_fixture.h"

#include "http/media_type.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;
using namespace std::string_literals;

TEST(MediaType, ParsesAsRfc9110Says) {
  auto m = http::parse_media_type("Application/JSON; Charset=\"UTF-8\" ;;  q=1");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type, "application");
  EXPECT_EQ(m->subtype, "json");
  ASSERT_TRUE(m->param("charset"));
  EXPECT_EQ(*m->param("charset"), "UTF-8");
  EXPECT_EQ(*m->param("q"), "1");
  EXPECT_EQ(http::parse_media_type("application/json")->params.size(), 0u);
  EXPECT_EQ(*http::parse_media_type("text/plain; x=\"a\\\"b\"")->param("x"), "a\"b");
  EXPECT_EQ(http::parse_media_type("application/jsonx")->subtype, "jsonx");
  for (const char* bad : {"", "application", "application/", "/json", "application /json", "application/json;x",
                          "application/json; x=", "application/json; x=\"open", "application/json; a=1; A=2",
                          "application/json,text/plain", "appli\x01" "cation/json", "application/json; x=a b"})
    EXPECT_FALSE(http::parse_media_type(bad)) << bad;
}

class BadInput : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    admin_ = session_for(add_user("quan.tri", "administrator", "99"));
  }
  // A request with the given Content-Type header lines (none when empty).
  Reply send_typed(Browser& b, verb method, const std::string& target, const std::vector<std::string>& types,
                   const std::string& body) {
    http::Request req{method, target, 11};
    req.set(http::bhttp::field::host, "127.0.0.1:8080");
    req.set(http::bhttp::field::cookie, b.cookie);
    req.set("X-CSRF-Token", b.csrf);
    for (const auto& t : types) req.insert(http::bhttp::field::content_type, t);
    req.body() = body;
    req.prepare_payload();
    Reply r;
    r.raw = router_->dispatch(req, b.remote);
    r.status = r.raw.result_int();
    r.text = r.raw.body();
    r.body = nlohmann::json::parse(r.text, nullptr, false);
    return r;
  }
  static nlohmann::json new_household() {
    return {{"village_code", "9900101"}, {"registered_on", "2025-01-02"}, {"address", "Số 9 đường Mới"}};
  }
  static nlohmann::json new_person() {
    return {{"household_id", 101}, {"name", "Trần Thị Mẫu Mới"}, {"sex", "F"}, {"birth_date", "2001-02-03"}};
  }
  static nlohmann::json new_slip() {
    return {{"type", "death"}, {"date", "2025-06-01"}, {"village_code", "9900101"}, {"person_id", 1011}};
  }
  Browser officer_, admin_;
};

TEST_F(BadInput, TheContentTypeIsAMediaTypeNotAPrefix) {
  const std::string body = new_household().dump();
  int64_t id = 107;
  // "application/json;" is allowed by the grammar (an empty parameter).
  for (const std::string type : {"application/json", "APPLICATION/JSON", "Application/Json; charset=utf-8",
                                 "application/json;charset=\"UTF-8\"", "application/json ; charset=UTF-8",
                                 "application/json;"}) {
    const Reply r = send_typed(officer_, verb::post, "/api/v1/households", {type}, body);
    EXPECT_EQ(r.status, 201u) << type << ": " << r.text;
    EXPECT_EQ(r.body["household"]["id"], ++id) << type;
  }
  for (const std::string type : {"application/jsonx", "application/json-seq", "application/x-json", "text/json",
                                 "application/json; charset=latin1", "application/json; charset=utf-16",
                                 "text/plain", "application/json; charset", ""}) {
    const Reply r = send_typed(officer_, verb::post, "/api/v1/households", {type}, body);
    EXPECT_EQ(r.status, 415u) << "'" << type << "': " << r.text;
    EXPECT_EQ(r.body["error"]["code"], "unsupported_media_type") << type;
  }
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), 7 + 6);
  const Reply none = send_typed(officer_, verb::post, "/api/v1/households", {}, body);
  EXPECT_EQ(none.status, 415u);
  const Reply twice = send_typed(officer_, verb::post, "/api/v1/households", {"application/json", "text/plain"}, body);
  EXPECT_EQ(twice.status, 400u) << twice.text;
  EXPECT_NE(twice.body["error"]["message_en"].get<std::string>().find("more than once"), std::string::npos);
  // The same rule on every route with a body: sign-in, users, reports, slips.
  for (const auto& [method, target] : std::vector<std::pair<verb, std::string>>{
           {verb::post, "/api/v1/session"}, {verb::post, "/api/v1/users"}, {verb::post, "/api/v1/reports"},
           {verb::post, "/api/v1/events"}, {verb::patch, "/api/v1/persons/1011"}}) {
    EXPECT_EQ(send_typed(admin_, method, target, {"application/jsonx"}, "{}").status, 415u) << target;
    EXPECT_NE(send_typed(admin_, method, target, {"APPLICATION/JSON"}, "{}").status, 415u) << target;
  }
}

TEST_F(BadInput, AControlCharacterInATextFieldIsA400NamingIt) {
  struct Case {
    verb method;
    std::string target;
    std::string field;
    std::string value;
    std::string en;
  };
  const std::vector<Case> cases = {
      {verb::post, "/api/v1/households", "address", "Số 9\ttab", "U+0009 (TAB)"},
      {verb::post, "/api/v1/households", "address", "Số 9\0NUL"s, "U+0000 (NUL)"},
      {verb::patch, "/api/v1/households/101", "address", "Số 9\r\nngõ 2", "U+000D (CR)"},
      {verb::post, "/api/v1/persons", "name", "Trần Thị\nMới", "U+000A (LF)"},
      {verb::post, "/api/v1/persons", "name", "\x1B[2JTrần", "U+001B (ESC)"},
      {verb::post, "/api/v1/persons", "name", "Trần\u0085Thị", "U+0085"},
      {verb::post, "/api/v1/persons", "ethnicity", "Kinh\x7F", "U+007F (DEL)"},
      {verb::patch, "/api/v1/persons/1011", "name", "Trần\x01", "U+0001"},
      {verb::post, "/api/v1/events", "place", "Trạm y tế\0"s, "U+0000 (NUL)"},
  };
  for (const Case& c : cases) {
    nlohmann::json body = c.method == verb::patch ? nlohmann::json::object()
                          : c.target == "/api/v1/households" ? new_household()
                          : c.target == "/api/v1/persons"    ? new_person()
                                                             : new_slip();
    body[c.field] = c.value;
    const Reply r = call(&officer_, c.method, c.target, body);
    const std::string what = c.target + " " + c.field + ": " + r.text;
    EXPECT_EQ(r.status, 400u) << what;
    EXPECT_EQ(r.body["error"]["field"], c.field) << what;
    EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find(c.en), std::string::npos) << what;
    EXPECT_NE(r.body["error"]["message_vi"].get<std::string>().find(c.en.substr(0, 6)), std::string::npos) << what;
  }
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), 7);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 15);
  EXPECT_EQ(call(&officer_, verb::get, "/api/v1/persons/1011").body["person"]["name"], "Nguyễn Văn Mẫu Một");
  // A JSON "\u0000" escape is the same NUL.
  http::Request req{verb::post, "/api/v1/persons", 11};
  req.set(http::bhttp::field::host, "127.0.0.1:8080");
  req.set(http::bhttp::field::cookie, officer_.cookie);
  req.set("X-CSRF-Token", officer_.csrf);
  req.set(http::bhttp::field::content_type, "application/json");
  req.body() = R"({"household_id":101,"name":"Trần\u0000Thị","sex":"F","birth_date":"2001-02-03"})";
  req.prepare_payload();
  const auto res = router_->dispatch(req, "192.0.2.1");
  EXPECT_EQ(res.result_int(), 400u) << res.body();
  EXPECT_NE(res.body().find("\"field\":\"name\""), std::string::npos) << res.body();
}

TEST_F(BadInput, APasswordOrACommentWithAControlCharacterIsRefused) {
  Reply r = call(&admin_, verb::post, "/api/v1/users",
                 {{"username", "ctv.moi"}, {"password", "Mây-trắng\tbay-2025"}, {"role", "viewer"}, {"unit", "99"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "password");
  r = call(&admin_, verb::post, "/api/v1/users",
           {{"username", "ctv\nmoi"}, {"password", "Mây-trắng-bay-2025"}, {"role", "viewer"}, {"unit", "99"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "username");
  // A report's comment may span lines, but holds no other control character.
  const auto bad = ctx_->reports.send_back(nullptr, 1, "Dòng 3 sai\0."s, now_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "comment");
  EXPECT_NE(bad.error().en.find("U+0000"), std::string::npos) << bad.error().en;
  const auto lines = ctx_->reports.send_back(nullptr, 1, "Dòng 3 sai.\nDòng 5 thiếu.", now_);
  ASSERT_FALSE(lines.ok());  // no report 1: the comment itself passed
  EXPECT_EQ(lines.error().code, ErrorCode::kNotFound) << lines.error().en;
}

}  // namespace
}  // namespace danso::test

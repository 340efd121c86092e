// GET /api/v1/indicators/pyramid on the register of register_fixture.h:
// commune 99001 holds households 101, 102, 106 and 107, each a man born in
// March 1980 and a woman born in May 1990, and in 101 a boy born 2024-04-10.
#include <fstream>

#include "app/catalogue_file.h"
#include "gunzip.h"
#include "http/compression.h"
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class IndicatorRoutes : public FiguresApiTest {
 protected:
  // The group's count for one sex ("male"/"female") in a pyramid reply.
  static int64_t count(const nlohmann::json& pyramid, const std::string& age, const char* sex) {
    for (const auto& g : pyramid["groups"])
      if (g["age"] == age) return g[sex].get<int64_t>();
    ADD_FAILURE() << "no group " << age;
    return -1;
  }
};

TEST_F(IndicatorRoutes, PyramidCountsThePersonsLivingInTheUnitByFiveYearGroup) {
  Reply r = get(viewer_, "/api/v1/indicators/pyramid?unit=99001&period=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"], "99001");
  EXPECT_EQ(r.body["date"], "2024-12-31");
  ASSERT_EQ(r.body["groups"].size(), 18u);
  EXPECT_EQ(r.body["groups"][0]["age"], "0-4");
  EXPECT_EQ(r.body["groups"][17]["age"], "85+");
  EXPECT_EQ(count(r.body, "0-4", "male"), 1);
  EXPECT_EQ(count(r.body, "40-44", "male"), 4);
  EXPECT_EQ(count(r.body, "30-34", "female"), 4);
  EXPECT_EQ(count(r.body, "40-44", "female"), 0);
  EXPECT_EQ(r.body["male"], 5);
  EXPECT_EQ(r.body["female"], 4);
  // The same total as the indicators' population at the period's end.
  const Reply ind = get(viewer_, "/api/v1/indicators?unit=99001&period=2024");
  ASSERT_EQ(ind.status, 200u) << ind.text;
  EXPECT_EQ(ind.body["indicators"]["population"]["value"], 9);

  // Before the boy was born; the woman of 101 turned 34 on 1 May 2024.
  r = get(officer_, "/api/v1/indicators/pyramid?unit=99001&date=2024-03-31");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["date"], "2024-03-31");
  EXPECT_EQ(count(r.body, "0-4", "male"), 0);
  EXPECT_EQ(count(r.body, "40-44", "male"), 4);
  EXPECT_EQ(count(r.body, "30-34", "female"), 4);
  EXPECT_EQ(r.body["male"], 4);
}

TEST_F(IndicatorRoutes, PyramidBadRequestsNameTheFieldInBothLanguages) {
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"unit=99001", "period"},
           {"unit=99001&period=2024-Q5", "period"},
           {"unit=99001&date=2024-02-30", "date"},
           {"unit=99001&period=2024&date=2024-12-31", "date"},
           {"period=2024", "unit"}}) {
    const Reply r = get(viewer_, "/api/v1/indicators/pyramid?" + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.body["error"]["field"], field) << query << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty()) << query;
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty()) << query;
  }
  // A sibling commune, and a code that names nothing: the same 404.
  EXPECT_EQ(get(officer_, "/api/v1/indicators/pyramid?unit=99002&period=2024").status, 404u);
  EXPECT_EQ(get(viewer_, "/api/v1/indicators/pyramid?unit=12345&period=2024").status, 404u);
}

// The answer at hand (Router::try_quick, tried on the connection's thread):
// the same bytes as the lane's, the same access checks, and nothing before
// the lane has rendered it or after the register changed.
// A response's body, as the server sends it and as the client reads it.
http::Response send_with(http::Router& router, const Browser& b, const std::string& target, const char* accept) {
  http::Request req{verb::get, target, 11};
  req.set(http::bhttp::field::host, "127.0.0.1:8080");
  req.set(http::bhttp::field::cookie, b.cookie);
  if (accept) req.set(http::bhttp::field::accept_encoding, accept);
  req.prepare_payload();
  return router.dispatch(req, b.remote);
}

TEST_F(IndicatorRoutes, AnswersAreGzippedForClientsThatTakeIt) {
  const std::string target = "/api/v1/indicators?unit=99001&period=2024";
  const http::Response plain = send_with(*router_, officer_, target, nullptr);
  ASSERT_EQ(plain.result_int(), 200u) << plain.body();
  EXPECT_EQ(plain.count(http::bhttp::field::content_encoding), 0u);
  EXPECT_EQ(plain[http::bhttp::field::vary], "Accept-Encoding");
  ASSERT_GE(plain.body().size(), http::kGzipFrom);
  for (const char* accept : {"gzip, deflate, br", "gzip"}) {
    const http::Response zipped = send_with(*router_, officer_, target, accept);
    ASSERT_EQ(zipped.result_int(), 200u);
    EXPECT_EQ(zipped[http::bhttp::field::content_encoding], "gzip");
    EXPECT_EQ(zipped[http::bhttp::field::vary], "Accept-Encoding");
    EXPECT_LT(zipped.body().size() * 2, plain.body().size());
    EXPECT_EQ(std::to_string(zipped.body().size()), std::string(zipped[http::bhttp::field::content_length]));
    EXPECT_EQ(gunzip(zipped.body()), plain.body());
  }
  EXPECT_EQ(send_with(*router_, officer_, target, "gzip;q=0, br").count(http::bhttp::field::content_encoding), 0u);
  // From memory on the connection's thread: the compressed bytes too.
  http::Request req{verb::get, target, 11};
  req.set(http::bhttp::field::host, "127.0.0.1:8080");
  req.set(http::bhttp::field::cookie, officer_.cookie);
  req.set(http::bhttp::field::accept_encoding, "gzip");
  req.prepare_payload();
  auto quick = router_->try_quick(req, officer_.remote);
  ASSERT_TRUE(quick && std::holds_alternative<http::WireResponse>(*quick));
  const std::string& bytes = *std::get<http::WireResponse>(*quick).bytes;
  EXPECT_NE(bytes.find("Content-Encoding: gzip\r\n"), std::string::npos);
  const size_t body_at = bytes.find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos);
  EXPECT_EQ(gunzip(bytes.substr(body_at + 4)), plain.body());
}

TEST_F(IndicatorRoutes, AnswersAtHandAreTheLanesAnswersWithTheSameAccessChecks) {
  auto ask = [&](Browser& b, const std::string& target, unsigned version) {
    http::Request req{verb::get, target, version};
    req.set(http::bhttp::field::host, "127.0.0.1:8080");
    req.set(http::bhttp::field::cookie, b.cookie);
    req.prepare_payload();
    return router_->try_quick(req, b.remote);
  };
  // The answer at hand as a response; bytes made earlier are parsed back.
  auto quick = [&](Browser& b, const std::string& target) -> std::optional<http::Response> {
    auto a = ask(b, target, 11);
    if (!a) return std::nullopt;
    if (auto* res = std::get_if<http::Response>(&*a)) return std::move(*res);
    const auto& wire = std::get<http::WireResponse>(*a);
    http::bhttp::response_parser<http::bhttp::string_body> parser;
    boost::beast::error_code ec;
    parser.eager(true);
    size_t used = 0;
    while (!ec && !parser.is_done() && used < wire.bytes->size())
      used += parser.put(boost::asio::buffer(wire.bytes->data() + used, wire.bytes->size() - used), ec);
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(used, wire.bytes->size());
    EXPECT_TRUE(parser.is_done());
    EXPECT_EQ(parser.get().result_int(), wire.status);
    return parser.release();
  };
  const std::string target = "/api/v1/indicators?unit=99001&period=2024";
  EXPECT_FALSE(quick(officer_, target).has_value());  // the session is not known from memory yet
  const Reply full = get(officer_, target);  // the lane: checks the store, renders, keeps it
  ASSERT_EQ(full.status, 200u) << full.text;
  auto at_hand = quick(officer_, target);
  ASSERT_TRUE(at_hand.has_value());
  EXPECT_EQ(at_hand->result_int(), 200u);
  EXPECT_EQ(at_hand->body(), full.text);
  EXPECT_EQ(nlohmann::json::parse(at_hand->body())["indicators"]["population"]["value"], 9);
  EXPECT_EQ((*at_hand)[http::bhttp::field::cache_control], full.header("Cache-Control"));
  EXPECT_EQ((*at_hand)["X-Danso-Figures-As-Of"], full.header("X-Danso-Figures-As-Of"));
  EXPECT_TRUE(at_hand->keep_alive());
  // Kept as bytes for keep-alive HTTP/1.1 (the same bytes each time); an
  // HTTP/1.0 request gets a response of its own.
  auto first = ask(officer_, target, 11), second = ask(officer_, target, 11);
  ASSERT_TRUE(first && second && std::holds_alternative<http::WireResponse>(*first));
  EXPECT_EQ(std::get<http::WireResponse>(*first).bytes, std::get<http::WireResponse>(*second).bytes);
  auto old_client = ask(officer_, target, 10);
  ASSERT_TRUE(old_client.has_value());
  ASSERT_TRUE(std::holds_alternative<http::Response>(*old_client));
  EXPECT_EQ(std::get<http::Response>(*old_client).body(), full.text);
  EXPECT_FALSE(std::get<http::Response>(*old_client).keep_alive());
  EXPECT_FALSE(quick(officer_, target + "&children=1").has_value());  // not rendered yet

  // A sibling commune: refused from memory exactly as on the lane.
  const Reply sibling = get(officer_, "/api/v1/indicators?unit=99002&period=2024");
  EXPECT_EQ(sibling.status, 404u);
  auto refused = quick(officer_, "/api/v1/indicators?unit=99002&period=2024");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->result_int(), 404u);
  EXPECT_EQ(refused->body(), sibling.text);

  {
    std::unique_lock<std::mutex> held(ctx_->db.mutex());  // the refresh cannot read the database yet
    // Another session's write the indicators read: answered at once from
    // memory with the figures there are, said to be stale (as bytes made
    // once for the stale answer, never those kept while they were current).
    ctx_->indicators.register_changed("another session");
    for (int twice = 0; twice < 2; ++twice) {
      auto stale = ask(officer_, target, 11);
      ASSERT_TRUE(stale.has_value());
      ASSERT_TRUE(std::holds_alternative<http::WireResponse>(*stale));
      const std::string& bytes = *std::get<http::WireResponse>(*stale).bytes;
      EXPECT_NE(bytes.find("\r\nX-Danso-Figures: stale\r\n"), std::string::npos) << bytes.substr(0, 400);
      EXPECT_EQ(bytes.substr(bytes.find("\r\n\r\n") + 4), full.text);
    }
    // A write of no named writer: every request waits for it, on the lane.
    ctx_->indicators.register_changed();
    EXPECT_FALSE(quick(officer_, target).has_value());
  }
  // The lane waits for the refresh and answers with the new figures.
  const Reply fresh = get(officer_, target);
  ASSERT_EQ(fresh.status, 200u);
  EXPECT_EQ(fresh.header("X-Danso-Figures"), "");
  EXPECT_TRUE(quick(officer_, target).has_value());

  // Signed out: not answered from memory, and the lane says 401.
  ASSERT_EQ(call(&officer_, verb::delete_, "/api/v1/session").status, 200u);
  EXPECT_FALSE(quick(officer_, target).has_value());
  EXPECT_EQ(get(officer_, target).status, 401u);
}

// A deployment's catalogue file (danso serve --catalogue): an indicator
// added as data is computed and served beside the default ones.
class CatalogueRoutes : public IndicatorRoutes {
 protected:
  void configure(http::ApiOptions& o) override {
    const fs::path file = dir_ / "extra.json";
    std::ofstream(file) << R"([{"code":"men_share","vi":"Tỷ lệ nam","en":"Share of men","unit":"percent",)"
                           R"("kind":"ratio","numerator":["population_end_male"],"denominator":["population_end"],"multiplier":100}])";
    auto c = catalogue_with_file(file.string());
    ASSERT_TRUE(c.ok());
    o.indicators.catalogue = std::move(*c);
  }
};

TEST_F(CatalogueRoutes, AnIndicatorOfTheCatalogueFileIsServed) {
  const Reply r = get(viewer_, "/api/v1/indicators?unit=99001&period=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  const auto& v = r.body["indicators"]["men_share"];
  EXPECT_EQ(v["numerator"], 5);
  EXPECT_EQ(v["denominator"], 9);
  EXPECT_NEAR(v["value"].get<double>(), 500.0 / 9, 1e-12);
  EXPECT_EQ(v["unit"], "percent");
  EXPECT_TRUE(r.body["indicators"].contains("tfr"));  // the defaults stay
  EXPECT_FALSE(catalogue_with_file((dir_ / "missing.json").string()).ok());
  // A number too large or a member of another type is the file's error, not an exception.
  for (const char* text : {R"([{"code":"x","multiplier":1e999999}])", R"([{"code":"x","vi":5}])"}) {
    const fs::path bad = dir_ / "bad.json";
    std::ofstream(bad, std::ios::trunc) << text;
    const auto c = catalogue_with_file(bad.string());
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.error().field, "catalogue");
    EXPECT_NE(c.error().en.find("invalid JSON"), std::string::npos) << c.error().en;
  }
}

}  // namespace
}  // namespace danso::test

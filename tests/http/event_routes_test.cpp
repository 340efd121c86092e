// Information slips and indicators through the API, on the register of
// register_fixture.h: listing events, recording one (checked as the events
// import checks a row, audited in the same transaction), its validation
// errors, and the indicators' JSON, which is that of `danso indicators` and
// follows a recorded slip.
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

class EventRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    collaborator_ = session_for(add_user("ctv.thon", "collaborator", "99001", {"9900102"}));
    viewer_ = session_for(add_user("chi.xem", "viewer", "99"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Reply post(Browser& b, const nlohmann::json& body) { return call(&b, verb::post, "/api/v1/events", body); }
  static nlohmann::json death_of_1021() {
    return {{"type", "death"}, {"date", "2025-06-01"}, {"village_code", "9900102"}, {"person_id", 1021},
            {"place", "tại nhà"}};
  }
  Browser officer_, collaborator_, viewer_;
};

std::vector<int64_t> ids(const nlohmann::json& list) {
  std::vector<int64_t> out;
  for (const auto& x : list) out.push_back(x["id"].get<int64_t>());
  return out;
}

TEST_F(EventRoutes, EventsOfAUnitFilteredByDateAndType) {
  Reply r = get(officer_, "/api/v1/events?unit=99001");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["total"], 5);
  // By date, then id.
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{101, 102, 106, 107, 1}));
  const auto& birth = r.body["events"][4];
  EXPECT_EQ(birth["type"], "birth");
  EXPECT_EQ(birth["date"], "2024-04-10");
  EXPECT_EQ(birth["village"], "9900101");
  EXPECT_EQ(birth["person_id"], 1013);
  EXPECT_EQ(birth["related_id"], 1012);
  EXPECT_EQ(birth["birth_order"], 1);
  EXPECT_EQ(r.body["events"][0]["method"], "pill");

  r = get(officer_, "/api/v1/events?unit=99001&type=birth");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{1}));
  r = get(officer_, "/api/v1/events?from=2024-03-01&to=2024-12-31");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{1}));
  r = get(officer_, "/api/v1/events?to=2024-02-01&per_page=2&page=2");
  EXPECT_EQ(r.body["total"], 4);
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{106, 107}));
  r = get(collaborator_, "/api/v1/events");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{102}));

  r = get(officer_, "/api/v1/events/1");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body["event"]["household_id"], 101);
  EXPECT_EQ(get(collaborator_, "/api/v1/events/1").status, 404u);

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"type=born", "type"}, {"from=2024-13-01", "from"}, {"to=yesterday", "to"}, {"page=0", "page"}}) {
    r = get(officer_, "/api/v1/events?" + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.body["error"]["field"], field) << query << ": " << r.text;
  }
}

TEST_F(EventRoutes, RecordingASlipWritesTheEventAndItsAuditEntry) {
  Reply r = post(collaborator_, death_of_1021());
  ASSERT_EQ(r.status, 201u) << r.text;
  const auto& e = r.body["event"];
  EXPECT_EQ(e["id"], 108);  // the next after the register's highest
  EXPECT_EQ(e["type"], "death");
  EXPECT_EQ(e["date"], "2025-06-01");
  EXPECT_EQ(e["village"], "9900102");
  EXPECT_EQ(e["person_id"], 1021);
  EXPECT_EQ(e["place"], "tại nhà");
  EXPECT_EQ(e["recorded_on"], "2025-06-01");

  r = get(officer_, "/api/v1/events?unit=9900102&type=death");
  EXPECT_EQ(ids(r.body["events"]), (std::vector<int64_t>{108}));

  // The audit entry, written with the event.
  std::vector<AuditRecord> entries;
  store_->for_each_audit([&](const AuditRecord& a) { entries.push_back(a); });
  ASSERT_FALSE(entries.empty());
  const AuditRecord& last = entries.back();
  EXPECT_EQ(last.action, "create");
  EXPECT_EQ(last.kind, "event");
  EXPECT_EQ(last.record, "108");
  EXPECT_EQ(last.actor_name, "ctv.thon");
  EXPECT_EQ(nlohmann::json::parse(last.after)["person_id"], 1021);

  // The same death again: the import's rule for a second death.
  r = post(collaborator_, death_of_1021());
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "person_id");
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("another death"), std::string::npos) << r.text;
}

TEST_F(EventRoutes, SlipValidationErrors) {
  struct Case {
    nlohmann::json change;
    unsigned status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"type", nullptr}}, 400, "type"},
      {{{"type", "born"}}, 400, "type"},
      {{{"date", "2025-07-01"}}, 400, "date"},             // after today
      {{{"person_id", 1013}, {"village_code", "9900101"}, {"date", "2024-01-01"}}, 400, "date"},  // before the birth
      {{{"date", "01/06/2025"}}, 400, "date"},
      {{{"birth_order", 2}}, 400, "birth_order"},          // not a death's column
      {{{"village_code", "9900101"}}, 400, "village_code"},  // the person lives in 9900102
      {{{"id", 5}}, 400, "id"},
      {{{"colour", "blue"}}, 400, "colour"},
      {{{"place", nlohmann::json::array()}}, 400, "place"},
      {{{"person_id", 1051}}, 404, "person_id"},           // another province's person
      {{{"person_id", 99999}}, 404, "person_id"},
      {{{"village_code", "9800101"}}, 404, "village_code"},
  };
  for (const Case& c : cases) {
    nlohmann::json body = death_of_1021();
    for (const auto& [k, v] : c.change.items()) body[k] = v;
    if (body["type"].is_null()) body.erase("type");
    const Reply r = post(officer_, body);
    EXPECT_EQ(r.status, c.status) << body.dump() << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], c.field) << body.dump() << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty()) << body.dump();
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty()) << body.dump();
  }
  // Nothing was written, nor audited.
  EXPECT_EQ(get(officer_, "/api/v1/events?type=death").body["total"], 0);
  int events_audited = 0;
  store_->for_each_audit([&](const AuditRecord& a) { events_audited += a.kind == "event"; });
  EXPECT_EQ(events_audited, 0);
  // Not JSON, no CSRF token, no right to write.
  EXPECT_EQ(call(&officer_, verb::post, "/api/v1/events", nullptr).status, 415u);
  EXPECT_EQ(call(&officer_, verb::post, "/api/v1/events", death_of_1021(), false).status, 403u);
  EXPECT_EQ(post(viewer_, death_of_1021()).status, 403u);
}

// A slip is checked against the person's own events (read for the slip
// alone, not with the whole register): a second death, a second birth of
// the same child, an event after the death.
TEST_F(EventRoutes, SlipsAreCheckedAgainstThePersonsEarlierEvents) {
  ASSERT_EQ(post(officer_, death_of_1021()).status, 201u);
  struct Case {
    nlohmann::json body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {death_of_1021(), "person_id"},
      {{{"type", "birth"}, {"date", "2024-04-10"}, {"village_code", "9900101"}, {"person_id", 1013},
        {"related_id", 1012}, {"household_id", 101}, {"birth_order", 1}},
       "person_id"},
      {{{"type", "health_insurance_card"}, {"date", "2025-06-05"}, {"village_code", "9900102"}, {"person_id", 1021}},
       "date"},
  };
  for (const Case& c : cases) {
    const Reply r = post(officer_, c.body);
    EXPECT_EQ(r.status, 400u) << c.body.dump() << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], c.field) << c.body.dump() << ": " << r.text;
    EXPECT_FALSE(r.body["error"]["message_en"].get<std::string>().empty()) << c.body.dump();
  }
  // The spouse, alive and living in the village, can still be recorded.
  const Reply ok = post(officer_, {{"type", "pregnancy"}, {"date", "2025-06-05"}, {"village_code", "9900102"},
                                   {"person_id", 1022}});
  EXPECT_EQ(ok.status, 201u) << ok.text;
  EXPECT_EQ(get(officer_, "/api/v1/events?unit=9900102&type=death").body["total"], 1);
}

TEST_F(EventRoutes, IndicatorsAreThoseOfTheCommandAndFollowASlip) {
  Reply r = get(viewer_, "/api/v1/indicators?unit=99001&period=2024");
  ASSERT_EQ(r.status, 200u) << r.text;
  {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const auto snap = analytics::RegisterSnapshot::load(*store_);
    const auto catalogue = analytics::IndicatorCatalogue::defaults();
    IndicatorReporter reporter(snap, catalogue);
    const auto expected = reporter.report("99001", Period::parse("2024").value(), false);
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(r.text, expected->dump());
  }
  EXPECT_EQ(r.body["unit"], "99001");
  EXPECT_EQ(r.body["indicators"]["births"]["value"], 1);

  r = get(viewer_, "/api/v1/indicators?unit=990&period=2024&children=1");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_TRUE(r.body.is_array());
  ASSERT_EQ(r.body.size(), 2u);
  EXPECT_EQ(r.body[0]["unit"], "99001");
  EXPECT_EQ(r.body[0]["indicators"]["births"]["value"], 1);
  EXPECT_EQ(r.body[1]["unit"], "99002");
  EXPECT_EQ(r.body[1]["indicators"]["births"]["value"], 0);

  r = get(viewer_, "/api/v1/indicators?unit=9900102&period=2025");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["indicators"]["deaths"]["value"], 0);
  ASSERT_EQ(post(officer_, death_of_1021()).status, 201u);
  // The writer's next answer waits for the refresh: the death is counted.
  r = get(officer_, "/api/v1/indicators?unit=9900102&period=2025");
  EXPECT_EQ(r.header("X-Danso-Figures"), "");
  EXPECT_EQ(r.body["indicators"]["deaths"]["value"], 1) << r.text;
  // Anybody else is answered at once: the figures there are, marked stale
  // while the refresh is on its way, then the new ones.
  r = get(viewer_, "/api/v1/indicators?unit=9900102&period=2025");
  EXPECT_EQ(r.header("X-Danso-Figures"), "");
  EXPECT_EQ(r.body["indicators"]["deaths"]["value"], 1) << r.text;

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"unit=99001", "period"}, {"unit=99001&period=2024-Q5", "period"}, {"period=2024", "unit"},
           {"unit=99001&period=2024&children=yes", "children"}}) {
    r = get(viewer_, "/api/v1/indicators?" + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.body["error"]["field"], field) << query << ": " << r.text;
  }
  EXPECT_EQ(get(officer_, "/api/v1/indicators?unit=991&period=2024").status, 404u);
}

}  // namespace
}  // namespace danso::test

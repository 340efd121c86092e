// Completeness and timeliness through the API, on the register of
// register_fixture.h: the province sets its monthly deadline to day 10; for
// May 2025 Xã Một submits on 2 June and is approved (on time), Xã Hai
// submits on 13 June (3 days late) and is returned with a comment, Xã Ba
// never computes its report (5 days overdue on 15 June). The rates worked
// by hand: province 2 of 3 reported (66.7%), 1 on time (33.3%); district
// 990 2 of 2 (100%), 1 on time (50%); district 991 0 of 1. A period not
// yet ended cannot be submitted (409, both languages). The data quality
// checks over 2024-Q2 with four deaths in Thôn Nam in May 2024.
#include "register_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

// 2025-MM-DD at 03:00 UTC, in Unix seconds.
int64_t completeness_at(int month, int day) {
  return int64_t(Date::from_ymd_unchecked(2025, month, day).days()) * 86400 + 3 * 3600;
}

class CompletenessRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    officer_one_ = add_user("vien.chuc.xa.mot", "commune_officer", "99001");
    officer_two_ = add_user("vien.chuc.xa.hai", "commune_officer", "99002");
    district_ = add_user("can.bo.huyen", "district_staff", "990");
    province_ = add_user("can.bo.tinh", "province_staff", "99");
    collaborator_ = add_user("ctv.thon", "collaborator", "99001", {"9900101"});
  }
  // A call by `u` at the fixture's clock, with a session made then.
  Reply as(const UserRecord& u, verb method, const std::string& target, const nlohmann::json& body = nullptr) {
    Browser b = session_for(u);
    return call(&b, method, target, body);
  }
  int64_t computed(const UserRecord& u, const std::string& unit) {
    const Reply r = as(u, verb::post, "/api/v1/reports", {{"unit", unit}, {"period", "2025-05"}});
    EXPECT_EQ(r.status, 201u) << r.text;
    return r.body.value("id", int64_t(0));
  }
  static std::string step(int64_t id, const std::string& action) {
    return "/api/v1/reports/" + std::to_string(id) + "/" + action;
  }
  UserRecord officer_one_, officer_two_, district_, province_, collaborator_;
};

TEST_F(CompletenessRoutes, DeadlinesAreTheProvincesAndOnlyItsStaffSetThem) {
  Reply r = as(officer_one_, verb::get, "/api/v1/report-deadlines");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["province"], "99");
  EXPECT_EQ(r.body["monthly_day"], 5);
  EXPECT_EQ(r.body["quarterly_day"], 15);
  EXPECT_EQ(r.body["yearly"], "12-10");
  EXPECT_EQ(r.body["defaults"], true);

  // A district's staff approve reports too, but the province is above their scope.
  r = as(district_, verb::put, "/api/v1/report-deadlines", {{"province", "99"}, {"monthly_day", 10}});
  EXPECT_EQ(r.status, 404u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "province");
  r = as(officer_one_, verb::put, "/api/v1/report-deadlines", {{"province", "99"}, {"monthly_day", 10}});
  EXPECT_EQ(r.status, 403u) << r.text;  // no approve_report
  r = as(province_, verb::put, "/api/v1/report-deadlines", {{"province", "990"}, {"monthly_day", 10}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "province");
  r = as(province_, verb::put, "/api/v1/report-deadlines", {{"province", "99"}, {"monthly_day", 32}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "monthly_day");
  r = as(province_, verb::put, "/api/v1/report-deadlines", {{"province", "99"}, {"yearly", "02-30"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "yearly");
  r = as(province_, verb::put, "/api/v1/report-deadlines", {{"province", "98"}, {"monthly_day", 10}});
  EXPECT_EQ(r.status, 404u) << r.text;

  r = as(province_, verb::put, "/api/v1/report-deadlines", {{"province", "99"}, {"monthly_day", 10}, {"yearly", "12-05"}});
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["monthly_day"], 10);
  EXPECT_EQ(r.body["quarterly_day"], 15);  // kept
  EXPECT_EQ(r.body["yearly"], "12-05");
  EXPECT_EQ(r.body["defaults"], false);
  EXPECT_EQ(r.body["updated_by"], "can.bo.tinh");
  // Every unit of the province reads them; the other province keeps the defaults.
  r = as(officer_one_, verb::get, "/api/v1/report-deadlines?unit=9900101");
  EXPECT_EQ(r.body["monthly_day"], 10);
  const auto other = db_->read([](Store& s) { return s.find_report_deadlines("98"); });
  EXPECT_FALSE(other.has_value());
  AuditRecord last;
  db_->read([&](Store& s) {
    s.for_each_audit_newest(0, [&](const AuditRecord& e) {
      last = e;
      return false;
    });
  });
  EXPECT_EQ(last.kind, "report_deadlines");
  EXPECT_EQ(last.record, "99");
  EXPECT_EQ(last.actor_name, "can.bo.tinh");
  EXPECT_EQ(last.after, R"({"monthly_day":10,"quarterly_day":15,"yearly":"12-05"})");
}

TEST_F(CompletenessRoutes, APeriodNotYetEndedIsNotSubmitted) {
  now_ = completeness_at(5, 20);
  const int64_t id = computed(officer_one_, "99001");
  Reply r = as(officer_one_, verb::post, step(id, "submit"), nlohmann::json::object());
  EXPECT_EQ(r.status, 409u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "period");
  EXPECT_EQ(r.body["error"]["message_vi"],
            "kỳ báo cáo 2025-05 chưa kết thúc (đến hết ngày 2025-05-31): chỉ gửi được từ ngày 2025-06-01");
  EXPECT_EQ(r.body["error"]["message_en"],
            "the period 2025-05 has not ended (it runs to 2025-05-31): it can be submitted from 2025-06-01");
  now_ = completeness_at(6, 1);
  r = as(officer_one_, verb::post, step(id, "submit"), nlohmann::json::object());
  EXPECT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["status"], "submitted");
}

TEST_F(CompletenessRoutes, LateReturnedAndOnTimeReportsWithTheirRates) {
  ASSERT_EQ(as(province_, verb::put, "/api/v1/report-deadlines", {{"province", "99"}, {"monthly_day", 10}}).status, 200u);
  now_ = completeness_at(6, 2);
  const int64_t one = computed(officer_one_, "99001");
  ASSERT_EQ(as(officer_one_, verb::post, step(one, "submit"), nlohmann::json::object()).status, 200u);
  now_ = completeness_at(6, 3);
  ASSERT_EQ(as(district_, verb::post, step(one, "approve"), {{"comment", "Đồng ý"}}).status, 200u);
  now_ = completeness_at(6, 13);
  const int64_t two = computed(officer_two_, "99002");
  ASSERT_EQ(as(officer_two_, verb::post, step(two, "submit"), nlohmann::json::object()).status, 200u);
  now_ = completeness_at(6, 14);
  ASSERT_EQ(as(district_, verb::post, step(two, "return"), {{"comment", "Thiếu một trẻ sinh ở Thôn Nam"}}).status,
            200u);
  now_ = completeness_at(6, 15);

  Reply r = as(province_, verb::get, "/api/v1/report-completeness?unit=99&period=2025-05");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["form"], "commune_monthly");
  EXPECT_EQ(r.body["due"], "2025-06-10");
  ASSERT_EQ(r.body["rows"].size(), 3u);
  const auto& a = r.body["rows"][0];
  EXPECT_EQ(a["unit"], "99001");
  EXPECT_EQ(a["district"], "990");
  EXPECT_EQ(a["status"], "approved");
  EXPECT_EQ(a["report"], one);
  EXPECT_EQ(a["submitted_at"], "2025-06-02T03:00:00Z");
  EXPECT_EQ(a["on_time"], true);
  EXPECT_EQ(a["days_late"], 0);
  const auto& b = r.body["rows"][1];
  EXPECT_EQ(b["unit"], "99002");
  EXPECT_EQ(b["status"], "returned");
  EXPECT_EQ(b["submitted_at"], "2025-06-13T03:00:00Z");
  EXPECT_EQ(b["on_time"], false);
  EXPECT_EQ(b["days_late"], 3);
  EXPECT_EQ(b["return_comment"], "Thiếu một trẻ sinh ở Thôn Nam");
  EXPECT_EQ(b["returned_at"], "2025-06-14T03:00:00Z");
  const auto& c = r.body["rows"][2];
  EXPECT_EQ(c["unit"], "99101");
  EXPECT_EQ(c["district"], "991");
  EXPECT_EQ(c["status"], "not_started");
  EXPECT_EQ(c["report"], nullptr);
  EXPECT_EQ(c["on_time"], nullptr);
  EXPECT_EQ(c["days_overdue"], 5);
  EXPECT_EQ(r.body["total"], (nlohmann::json{{"expected", 3}, {"reported", 2}, {"on_time", 1},
                                             {"reporting_rate", 66.7}, {"on_time_rate", 33.3}}));
  ASSERT_EQ(r.body["districts"].size(), 2u);
  EXPECT_EQ(r.body["districts"][0]["unit"], "990");
  EXPECT_EQ(r.body["districts"][0]["reporting_rate"], 100.0);
  EXPECT_EQ(r.body["districts"][0]["on_time_rate"], 50.0);
  EXPECT_EQ(r.body["districts"][1]["unit"], "991");
  EXPECT_EQ(r.body["districts"][1]["reported"], 0);
  EXPECT_EQ(r.body["districts"][1]["reporting_rate"], 0.0);

  // Resubmitted, it stays late: the first submission counts.
  now_ = completeness_at(6, 15);
  ASSERT_EQ(as(officer_two_, verb::post, step(two, "submit"), nlohmann::json::object()).status, 200u);
  r = as(district_, verb::get, "/api/v1/report-completeness?period=2025-05");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["rows"].size(), 2u);  // the district's own communes
  EXPECT_EQ(r.body["rows"][1]["status"], "submitted");
  EXPECT_EQ(r.body["rows"][1]["days_late"], 3);
  EXPECT_EQ(r.body["rows"][1]["return_comment"], nullptr);

  // Over time: April has no report at all, May as above.
  r = as(province_, verb::get, "/api/v1/report-completeness/rates?unit=99&from=2025-04&to=2025-05");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["periods"].size(), 2u);
  EXPECT_EQ(r.body["periods"][0]["period"], "2025-04");
  EXPECT_EQ(r.body["periods"][0]["due"], "2025-05-10");
  EXPECT_EQ(r.body["periods"][0]["expected"], 3);
  EXPECT_EQ(r.body["periods"][0]["reported"], 0);
  EXPECT_EQ(r.body["periods"][1]["reporting_rate"], 66.7);
  EXPECT_EQ(r.body["periods"][1]["on_time_rate"], 33.3);
  ASSERT_EQ(r.body["districts"].size(), 2u);
  EXPECT_EQ(r.body["districts"][0]["periods"][1]["on_time"], 1);
  EXPECT_EQ(r.body["districts"][0]["periods"][1]["on_time_rate"], 50.0);

  // Quarters list the districts; a month and a quarter do not mix.
  r = as(province_, verb::get, "/api/v1/report-completeness?unit=99&period=2025-Q2");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["form"], "district_quarterly");
  EXPECT_EQ(r.body["due"], "2025-07-15");
  EXPECT_EQ(r.body["rows"].size(), 2u);
  r = as(province_, verb::get, "/api/v1/report-completeness/rates?unit=99&from=2025-04&to=2025-Q2");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "to");
  // A year lists the communes owing the yearly form 03-DSX, due on
  // 10 December of that year; none has computed it.
  r = as(province_, verb::get, "/api/v1/report-completeness?unit=99&period=2025");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["form"], "commune_yearly");
  EXPECT_EQ(r.body["due"], "2025-12-10");
  ASSERT_EQ(r.body["rows"].size(), 3u);
  EXPECT_EQ(r.body["rows"][0]["status"], "not_started");
  EXPECT_EQ(r.body["rows"][0]["days_overdue"], 0);
  EXPECT_EQ(r.body["total"]["expected"], 3);
  EXPECT_EQ(r.body["total"]["reported"], 0);
  r = as(province_, verb::get, "/api/v1/report-completeness/rates?unit=99&from=2023&to=2025");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["periods"].size(), 3u);
  EXPECT_EQ(r.body["periods"][1]["period"], "2024");
  EXPECT_EQ(r.body["periods"][1]["due"], "2024-12-10");
  r = as(province_, verb::get, "/api/v1/report-completeness?unit=99&period=2025-H1");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "period");
  r = as(district_, verb::get, "/api/v1/report-completeness?unit=991&period=2025-05");
  EXPECT_EQ(r.status, 404u);
}

TEST_F(CompletenessRoutes, DataQualityChecksOverAQuarter) {
  // Four elderly residents of Thôn Nam (household 103) die in May 2024.
  std::string persons =
      "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
      "registered_on\n";
  std::string events = "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n";
  for (int i = 1; i <= 4; ++i) {
    const std::string id = "1033" + std::to_string(i);
    persons += id + ",103,Lê Văn Cụ " + std::to_string(i) + ",M,1935-01-0" + std::to_string(i) +
               ",,parent,Kinh,widowed,permanent,2020-01-01\n";
    events += std::to_string(200 + i) + ",death,2024-05-0" + std::to_string(i + 1) + ",9900201," + id + ",,,,\n";
  }
  import("persons-elderly.csv", persons, ImportKind::kPersons);
  import("events-deaths.csv", events, ImportKind::kEvents);

  Reply r = as(district_, verb::get, "/api/v1/data-quality?unit=990&period=2024-Q2");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["villages"], 3);
  // Four deaths against twelve months of none: mean 0, spread 1, band 0-3.
  ASSERT_EQ(r.body["outliers"].size(), 1u) << r.body["outliers"].dump();
  const auto& o = r.body["outliers"][0];
  EXPECT_EQ(o["village"], "9900201");
  EXPECT_EQ(o["commune"], "99002");
  EXPECT_EQ(o["month"], "2024-05");
  EXPECT_EQ(o["measure"], "deaths");
  EXPECT_EQ(o["value"], 4);
  EXPECT_EQ(o["mean"], 0.0);
  EXPECT_EQ(o["high"], 3.0);
  // The one birth (2024-04-10) has no pregnancy recorded before it.
  EXPECT_EQ(r.body["births_without_pregnancy"]["births"], 1);
  EXPECT_EQ(r.body["births_without_pregnancy"]["total"], 1);
  ASSERT_EQ(r.body["births_without_pregnancy"]["items"].size(), 1u);
  EXPECT_EQ(r.body["births_without_pregnancy"]["items"][0]["child"], 1013);
  EXPECT_EQ(r.body["births_without_pregnancy"]["items"][0]["mother"], 1012);
  // One birth is far below the 200 a sex ratio needs.
  EXPECT_EQ(r.body["sex_ratio"]["units_checked"], 0);
  // No slip: April 9900102 and 9900201, May 9900101 and 9900102, June all three.
  std::vector<std::string> silent;
  for (const auto& s : r.body["silent_villages"]) silent.push_back(s["month"].get<std::string>() + " " + s["village"].get<std::string>());
  EXPECT_EQ(silent, (std::vector<std::string>{"2024-04 9900102", "2024-04 9900201", "2024-05 9900101", "2024-05 9900102",
                                              "2024-06 9900101", "2024-06 9900102", "2024-06 9900201"}));

  r = as(district_, verb::get, "/api/v1/data-quality?unit=990&period=2023-07..2024-06");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "period");
  r = as(district_, verb::get, "/api/v1/data-quality?unit=991&period=2024-Q2");
  EXPECT_EQ(r.status, 404u);
}

}  // namespace
}  // namespace danso::test

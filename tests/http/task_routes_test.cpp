// GET/POST /api/v1/tasks on the test register (today 2025-06-15): a
// province's task set with a one-off task past its date and a yearly one,
// a district's set; an agency member posts on their own agency's task and
// is refused on another agency's (nothing written); a district reads the
// province's tasks but not another district's; committees with members.
#include <gtest/gtest.h>

#include "app/programme/tasks.h"
#include "http/register_fixture.h"

namespace danso::test {

namespace {

using http::bhttp::verb;

constexpr const char* kProvinceTasks = R"({"format": "danso-tasks/1", "id": "tinh-thu", "plan": null,
  "unit": {"code": "99", "name": "Tỉnh Thử"},
  "agencies": [{"code": "health", "name_vi": "Sở Y tế"}, {"code": "culture", "name_vi": "Sở Văn hóa"}],
  "committees": [{"level": "province", "name_vi": "Ban Chỉ đạo tỉnh",
                  "members": [{"name": "Trần Thị Thử", "agency": "health", "position": "Trưởng ban", "start": "2024-01-01"}]}],
  "tasks": [{"id": "t01", "agency": "health", "role": "lead", "with": ["culture"], "description_vi": "Kế hoạch truyền thông",
             "due": "2025-03-31"},
            {"id": "t02", "agency": "culture", "role": "lead", "with": [], "description_vi": "Báo cáo năm",
             "due": "2024-12-10", "recurring": "yearly:12-10"},
            {"id": "t03", "agency": "health", "role": "support", "with": [], "description_vi": "Phối hợp kiểm tra"}]})";

constexpr const char* kDistrictTasks = R"({"format": "danso-tasks/1", "id": "huyen-thu", "plan": null,
  "unit": {"code": "990", "name": "Huyện Thử"},
  "agencies": [{"code": "health", "name_vi": "Phòng Y tế"}],
  "tasks": [{"id": "t01", "agency": "health", "role": "lead", "with": [], "description_vi": "Việc của huyện"}]})";

class TaskRoutes : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    for (const char* file : {kProvinceTasks, kDistrictTasks})
      ASSERT_TRUE(import_task_file(*db_, file, {"nhiem-vu.json", "", now_}).ok());
    province_ = session_for(add_user("can.bo.tinh", "province_staff", "99"));
    district_ = session_for(add_user("can.bo.huyen", "district_staff", "990"));
    other_district_ = session_for(add_user("can.bo.huyen.khac", "district_staff", "991"));
    other_province_ = session_for(add_user("can.bo.tinh.khac", "province_staff", "98"));
    add_user("y.te.tinh", "agency_member", "99");
    ASSERT_TRUE(assign_agency_member(*db_, "y.te.tinh", "99", "health", now_).ok());
    health_ = session_for(*store_->find_user_by_name("y.te.tinh"));
    no_agency_ = session_for(add_user("ban.nganh.chua.gan", "agency_member", "99"));
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
    for (const TaskRecord& t : store_->tasks()) ids_[t.task_set + "/" + t.key] = std::to_string(t.id);
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, verb::get, target); }
  Reply post(Browser& b, const std::string& task, const nlohmann::json& body) {
    return call(&b, verb::post, "/api/v1/tasks/" + ids_.at(task) + "/updates", body);
  }
  int64_t updates() { return int64_t(store_->task_updates().size()); }
  static const nlohmann::json& task(const nlohmann::json& list, const std::string& set, const std::string& key) {
    for (const auto& t : list)
      if (t["set"] == set && t["key"] == key) return t;
    static const nlohmann::json none;
    ADD_FAILURE() << "no task " << set << "/" << key;
    return none;
  }
  Browser province_, district_, other_district_, other_province_, health_, no_agency_, officer_;
  std::map<std::string, std::string> ids_;
};

TEST_F(TaskRoutes, TheProvinceSeesItsTasksOverdueFirstWithAgencies) {
  const Reply r = get(province_, "/api/v1/tasks");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["unit"], "99");
  EXPECT_EQ(r.body["on"], "2025-06-15");
  ASSERT_EQ(r.body["tasks"].size(), 4u);
  // t01 (due 31 March) and t02 (due 10 December 2024, nothing reported) are overdue, first.
  EXPECT_EQ(r.body["tasks"][0]["state"], "overdue");
  EXPECT_EQ(r.body["tasks"][1]["state"], "overdue");
  EXPECT_EQ(task(r.body["tasks"], "tinh-thu", "t01")["missed_years"], nlohmann::json{2025});
  EXPECT_EQ(task(r.body["tasks"], "tinh-thu", "t02")["missed_years"], nlohmann::json{2024});
  EXPECT_EQ(task(r.body["tasks"], "tinh-thu", "t02")["next_due"], "2025-12-10");
  EXPECT_EQ(task(r.body["tasks"], "tinh-thu", "t03")["state"], "not_reported");
  EXPECT_EQ(task(r.body["tasks"], "huyen-thu", "t01")["unit"], "990");
  EXPECT_EQ(r.body["my_agency"], nullptr);
  const Reply over = get(province_, "/api/v1/tasks?overdue=1&agency=culture");
  ASSERT_EQ(over.status, 200u) << over.text;
  ASSERT_EQ(over.body["tasks"].size(), 1u);
  EXPECT_EQ(over.body["tasks"][0]["key"], "t02");
  EXPECT_EQ(over.body["agencies"][0]["name"], "Sở Văn hóa");
  EXPECT_EQ(get(province_, "/api/v1/tasks?overdue=yes").status, 400u);
}

TEST_F(TaskRoutes, AnAgencyMemberPostsOnTheirOwnAgencysTaskOnly) {
  Reply r = get(health_, "/api/v1/tasks");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["my_agency"]["agency"], "health");
  EXPECT_EQ(r.body["my_agency"]["unit"], "99");
  // Their own agency's task: done this year, no longer overdue.
  r = post(health_, "tinh-thu/t01", {{"status", "done"}, {"note", "Đã ban hành kế hoạch"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["state"], "done");
  EXPECT_EQ(r.body["missed_years"], nlohmann::json::array());
  EXPECT_EQ(r.body["last_update"]["by"], "y.te.tinh");
  EXPECT_EQ(r.body["last_update"]["year"], 2025);
  EXPECT_EQ(updates(), 1);
  // Another agency's task (culture): refused, nothing written.
  r = post(health_, "tinh-thu/t02", {{"status", "done"}});
  EXPECT_EQ(r.status, 403u) << r.text;
  EXPECT_NE(r.body["error"]["message_en"].get<std::string>().find("your own agency's tasks"), std::string::npos) << r.text;
  // The district's health office is another agency (another unit's), and outside the write's reach too.
  r = post(health_, "huyen-thu/t01", {{"status", "in_progress"}});
  EXPECT_EQ(r.status, 403u) << r.text;
  // An agency member whose account speaks for no agency: refused.
  r = post(no_agency_, "tinh-thu/t01", {{"status", "in_progress"}});
  EXPECT_EQ(r.status, 403u) << r.text;
  // A commune officer may read tasks but not post.
  EXPECT_EQ(post(officer_, "tinh-thu/t01", {{"status", "done"}}).status, 403u);
  EXPECT_EQ(updates(), 1);
  // The province's staff post on any task in scope (what an agency sent on paper).
  r = post(province_, "tinh-thu/t02", {{"status", "blocked"}, {"year", 2024}, {"note", "Chưa nhận được báo cáo"}});
  ASSERT_EQ(r.status, 201u) << r.text;
  EXPECT_EQ(r.body["state"], "overdue");  // blocked is not done: 2024 is still missed
  r = get(province_, "/api/v1/tasks/" + ids_.at("tinh-thu/t02"));
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["history"].size(), 1u);
  EXPECT_EQ(r.body["history"][0]["status"], "blocked");
  EXPECT_EQ(r.body["history"][0]["note"], "Chưa nhận được báo cáo");
}

TEST_F(TaskRoutes, BadProgressIsRefusedNamingTheField) {
  Reply r = post(province_, "tinh-thu/t01", {{"status", "finished"}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "status");
  r = post(province_, "tinh-thu/t01", {{"note", "thiếu trạng thái"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body["error"]["field"], "status");
  r = post(province_, "tinh-thu/t01", {{"status", "done"}, {"year", 2026}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "year");
  r = post(province_, "tinh-thu/t01", {{"status", "done"}, {"note", std::string("a\x01" "b")}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "note");
  r = post(province_, "tinh-thu/t01", {{"status", "done"}, {"note", std::string(2001, 'x')}});
  EXPECT_EQ(r.status, 400u) << r.text;
  EXPECT_EQ(updates(), 0);
}

TEST_F(TaskRoutes, ADistrictReadsTheProvincesTasksButNotAnotherDistricts) {
  Reply r = get(district_, "/api/v1/tasks");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["tasks"].size(), 4u);  // the province's three (above it) and its own
  r = get(other_district_, "/api/v1/tasks");
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["tasks"].size(), 3u);  // the province's only
  const Reply missing = get(other_district_, "/api/v1/tasks/999999");
  EXPECT_EQ(missing.status, 404u);
  r = get(other_district_, "/api/v1/tasks/" + ids_.at("huyen-thu/t01"));
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.text, missing.text);
  EXPECT_EQ(get(other_district_, "/api/v1/tasks?unit=990").status, 404u);
  r = get(other_province_, "/api/v1/tasks/" + ids_.at("tinh-thu/t01"));
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.text, missing.text);
  EXPECT_EQ(get(other_province_, "/api/v1/tasks").body["tasks"].size(), 0u);
}

TEST_F(TaskRoutes, CommitteesWithTheirMembers) {
  const Reply r = get(district_, "/api/v1/committees");
  ASSERT_EQ(r.status, 200u) << r.text;
  ASSERT_EQ(r.body["committees"].size(), 1u);
  EXPECT_EQ(r.body["committees"][0]["unit"], "99");
  EXPECT_EQ(r.body["committees"][0]["name_vi"], "Ban Chỉ đạo tỉnh");
  ASSERT_EQ(r.body["committees"][0]["members"].size(), 1u);
  EXPECT_EQ(r.body["committees"][0]["members"][0]["position"], "Trưởng ban");
  EXPECT_EQ(r.body["committees"][0]["members"][0]["agency"], "health");
  EXPECT_EQ(get(other_province_, "/api/v1/committees").body["committees"].size(), 0u);
}

}  // namespace
}  // namespace danso::test

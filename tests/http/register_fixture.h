// A small register on the two test provinces of http_fixture.h, imported as
// the command line imports it (so residence is derived): one household in
// every village, two more in 9900101 for paging; each household a head and
// a spouse, who started the pill in February 2024; in household 101 a child
// born on 2024-04-10. Names are generated ("Nguyễn Văn Mẫu Một"); no real
// person is named.
//
//   household  village   head   spouse  child
//   101        9900101   1011   1012    1013 (birth: event 1)
//   102        9900102   1021   1022
//   103        9900201   1031   1032
//   104        9910101   1041   1042
//   105        9800101   1051   1052
//   106, 107   9900101   1061.. 1062..
// Events: 1 the birth; 100 + household: the spouse's contraception_start.
#pragma once

#include <fstream>

#include "app/import/import.h"
#include "http_fixture.h"

namespace danso::test {

struct TestHousehold {
  int64_t id;
  const char* village;
  const char* family;  // the head's family name
  const char* given;   // the generated part of both names
};

// The "id" of each object of a JSON list, in order.
inline std::vector<int64_t> ids(const nlohmann::json& list) {
  std::vector<int64_t> out;
  for (const auto& x : list) out.push_back(x["id"].get<int64_t>());
  return out;
}

inline constexpr TestHousehold kHouseholds[] = {
    {101, "9900101", "Nguyễn", "Mẫu Một"}, {102, "9900102", "Trần", "Mẫu Hai"}, {103, "9900201", "Lê", "Mẫu Ba"},
    {104, "9910101", "Phạm", "Mẫu Bốn"},   {105, "9800101", "Nguyễn", "Mẫu Năm"}, {106, "9900101", "Đặng", "Mẫu Sáu"},
    {107, "9900101", "Nguyễn", "Mẫu Bảy"},
};

class RegisterApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    std::string households = "id,village_code,address,poverty,social_protection,ethnic_minority,registered_on\n";
    std::string persons =
        "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
        "registered_on\n";
    std::string events = "id,type,date,village_code,person_id,related_id,household_id,birth_order,method\n";
    for (const auto& h : kHouseholds) {
      const std::string id = std::to_string(h.id);
      households += id + "," + h.village + ",Số " + std::to_string(h.id - 100) + " đường Thử,none,0,0,2020-01-01\n";
      persons += id + "1," + id + "," + h.family + " Văn " + h.given + ",M,1980-03-0" + std::to_string(h.id % 10) +
                 ",,head,Kinh,married,permanent,2020-01-01\n";
      persons += id + "2," + id + ",Võ Thị " + h.given + ",F,1990-05-0" + std::to_string(h.id % 10) +
                 ",,spouse,Kinh,married,permanent,2020-01-01\n";
      events += std::to_string(100 + h.id % 100) + ",contraception_start,2024-02-01," + h.village + "," + id + "2,,,,pill\n";
    }
    persons += "1013,101,Nguyễn Văn Mẫu Con,M,2024-04-10,,child,Kinh,single,permanent,2024-04-10\n";
    events += "1,birth,2024-04-10,9900101,1013,1012,101,1,\n";
    import("households.csv", households, ImportKind::kHouseholds);
    import("persons.csv", persons, ImportKind::kPersons);
    import("events.csv", events, ImportKind::kEvents);
  }

  void import(const std::string& name, const std::string& text, ImportKind kind) {
    const fs::path file = dir_ / name;
    std::ofstream(file) << text;
    ImportOptions o;
    o.file = file.string();
    o.kind = kind;
    o.today = accounts::date_of(now_);
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    auto r = import_file(*store_, o);
    ASSERT_TRUE(r.ok()) << r.error().en;
    for (const auto& i : r->issues) ADD_FAILURE() << name << " row " << i.row << " " << i.column << ": " << i.en;
    ASSERT_TRUE(r->committed) << name;
  }

  // A record of each kind in the village of highest code under `code` (the
  // unit itself for a village).
  static std::string last_village_under(const std::string& code) {
    std::string best;
    for (const auto& h : kHouseholds)
      if (std::string(h.village).starts_with(code) && h.village > best) best = h.village;
    return best;
  }
  static int64_t household_in(const std::string& village) {
    for (const auto& h : kHouseholds)
      if (village == h.village) return h.id;
    return 0;
  }
};

// The register above with a viewer of province 99 and a commune officer of
// 99001 signed in: the readers of the figures (indicators, analysis,
// favourites).
class FiguresApiTest : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    viewer_ = session_for(add_user("chi.xem", "viewer", "99"));
    officer_ = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
  }
  Reply get(Browser& b, const std::string& target) { return call(&b, http::bhttp::verb::get, target); }
  Browser viewer_, officer_;
};

}  // namespace danso::test

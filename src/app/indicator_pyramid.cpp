// IndicatorReporter::pyramid: persons living in a unit on a period's last
// day, by sex and five-year age group, from the period's counts.
#include "app/indicator_report.h"

namespace danso {

namespace {

constexpr int kGroupYears = 5, kOpenGroup = 85;

std::string group_label(int first) {
  return first >= kOpenGroup ? std::to_string(first) + "+" : std::to_string(first) + "-" + std::to_string(first + kGroupYears - 1);
}

}  // namespace

Result<nlohmann::ordered_json> IndicatorReporter::pyramid(const std::string& unit_code, const Period& period) {
  auto id = snap_.tree.resolve_or_error(unit_code, period.last, "unit");
  if (!id) return id.error();
  const int32_t slot = snap_.slot_of(*id);
  const analytics::UnitCounts& c = counts_for(period, false)[size_t(slot)];
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  int64_t total_male = 0, total_female = 0;
  for (int first = 0; first <= kOpenGroup; first += kGroupYears) {
    const int last = first >= kOpenGroup ? analytics::kAges - 1 : first + kGroupYears - 1;
    int64_t male = 0, female = 0;
    for (int age = first; age <= last; ++age) {
      male += c.pop_end[0][size_t(age)];
      female += c.pop_end[1][size_t(age)];
    }
    total_male += male;
    total_female += female;
    groups.push_back({{"age", group_label(first)}, {"male", male}, {"female", female}});
  }
  const OrgUnit* unit = snap_.tree.find(*id);
  return nlohmann::ordered_json{{"unit", unit_code},
                                {"unit_name", unit ? unit->name : std::string()},
                                {"period", period.label},
                                {"date", period.last.iso()},
                                {"male", total_male},
                                {"female", total_female},
                                {"groups", std::move(groups)}};
}

}  // namespace danso

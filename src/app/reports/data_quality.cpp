#include "app/reports/data_quality.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/period.h"

namespace danso::reports {

namespace {

int month_index(Date d) { return d.year() * 12 + d.month() - 1; }

std::string month_label(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
  return buf;
}

Date month_last_day(int index) {
  const int y = index / 12, m = index % 12 + 1;
  return Date::from_ymd_unchecked(y, m, days_in_month(y, m));
}

struct QualityVillage {
  const OrgUnit* unit;
  const OrgUnit* commune;  // may be null
  std::vector<int32_t> slots;  // its own and those of the earlier versions it continues (UnitTree::lineage)
  std::vector<int> births, deaths, slips;  // by month of the window
  int boys = 0, girls = 0;                 // births in the period
};

const OrgUnit* quality_parent(const UnitTree& tree, const OrgUnit& u, Date on) {
  return tree.find(tree.parent_on(u.id, on));  // as it is on `on`: a merged commune's successor
}

std::vector<int32_t> quality_slots(const analytics::RegisterSnapshot& snap, UnitId village) {
  std::vector<int32_t> out;
  for (UnitId id : snap.tree.lineage(village)) out.push_back(snap.slot_of(id));
  return out;
}

// The outlier of `x` against `history` (kOutlierSpreads spreads), if any.
std::optional<VillageOutlier> quality_outlier(int x, const int* history, int n) {
  double mean = 0;
  for (int i = 0; i < n; ++i) mean += history[i];
  mean /= n;
  double ss = 0;
  for (int i = 0; i < n; ++i) ss += (history[i] - mean) * (history[i] - mean);
  const double sd = n > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  const double spread = std::max({sd, std::sqrt(mean), 1.0});
  const double low = mean - kOutlierSpreads * spread, high = mean + kOutlierSpreads * spread;
  if (std::max(double(x), mean) < kOutlierFloor || (x >= low && x <= high)) return std::nullopt;
  VillageOutlier o;
  o.value = x;
  o.mean = std::round(mean * 100) / 100;
  o.sd = std::round(sd * 100) / 100;
  o.low = std::round(std::max(0.0, low) * 100) / 100;
  o.high = std::round(high * 100) / 100;
  return o;
}

}  // namespace

Result<DataQuality> data_quality(const analytics::RegisterSnapshot& snap, std::string_view unit_code,
                                 std::string_view period_text) {
  auto period = Period::parse(period_text);
  if (!period) return period.error();
  const int first_month = month_index(period->first), last_month = month_index(period->last);
  if (period->first.day() != 1 || period->last.add_days(1).day() != 1 || last_month - first_month >= 12)
    return Error::invalid("period", "kiểm tra chất lượng theo tháng, quý, nửa năm hoặc năm, không theo '" +
                                        period->label + "'",
                          "quality checks run over a month, quarter, half or year, not '" + period->label + "'");
  const UnitTree& tree = snap.tree;
  const OrgUnit* root = tree.resolve(unit_code, period->last);
  if (!root)
    return Error::not_found("unit", "không tìm thấy đơn vị '" + std::string(unit_code) + "'",
                            "no unit '" + std::string(unit_code) + "'");
  DataQuality q;
  q.unit = root->code;
  q.unit_name = root->name;
  q.period = period->label;

  // The window: the 12 months before the period, then the period.
  const int window_first = first_month - kOutlierHistoryMonths;
  const int window_months = last_month - window_first + 1;
  const int32_t window_start = Date::from_ymd_unchecked(window_first / 12, window_first % 12 + 1, 1).days();
  std::vector<QualityVillage> villages;
  for (UnitId id : tree.subtree_on(root->id, period->last)) {
    const OrgUnit* u = tree.find(id);
    if (!u || u->kind != UnitKind::kVillage) continue;
    villages.push_back({u, quality_parent(tree, *u, period->last), quality_slots(snap, id),
                        std::vector<int>(size_t(window_months)), std::vector<int>(size_t(window_months)),
                        std::vector<int>(size_t(window_months))});
  }
  std::sort(villages.begin(), villages.end(),
            [](const QualityVillage& a, const QualityVillage& b) { return a.unit->code < b.unit->code; });
  q.villages = int64_t(villages.size());

  // One pass over each village's events of the window.
  struct PeriodBirth {
    size_t village;
    int32_t date, child, mother;
  };
  std::vector<PeriodBirth> births;
  for (size_t v = 0; v < villages.size(); ++v) {
    QualityVillage& qv = villages[v];
    for (const int32_t slot : qv.slots) {
      if (slot < 0 || size_t(slot) + 1 >= snap.slot_events.size()) continue;
      for (uint32_t i = snap.slot_events[size_t(slot)]; i < snap.slot_events[size_t(slot) + 1]; ++i) {
        const analytics::SnapshotEvent& e = snap.events[i];
        if (e.date < window_start || e.date > period->last.days()) continue;
        const size_t m = size_t(month_index(Date::from_days(e.date)) - window_first);
        ++qv.slips[m];
        if (e.type == EventType::kBirth) {
          ++qv.births[m];
          if (e.date >= period->first.days()) {
            (e.female ? qv.girls : qv.boys) += 1;
            births.push_back({v, e.date, e.person, e.related});
          }
        } else if (e.type == EventType::kDeath) {
          ++qv.deaths[m];
        }
      }
    }
  }

  // Outliers and silent villages, month by month of the period.
  for (int month = first_month; month <= last_month; ++month) {
    const size_t m = size_t(month - window_first);
    const std::string label = month_label(month);
    for (const QualityVillage& qv : villages) {
      if (!qv.unit->valid_on(month_last_day(month))) continue;
      const std::string commune = qv.commune ? qv.commune->code : "";
      for (const auto& [measure, counts] : {std::pair{"births", &qv.births}, std::pair{"deaths", &qv.deaths}}) {
        auto o = quality_outlier((*counts)[m], counts->data() + m - kOutlierHistoryMonths, kOutlierHistoryMonths);
        if (!o) continue;
        o->village = qv.unit->code, o->name = qv.unit->name, o->commune = commune, o->month = label;
        o->measure = measure;
        q.outliers.push_back(std::move(*o));
      }
      if (qv.slips[m] == 0) q.silent_villages.push_back({qv.unit->code, qv.unit->name, commune, label});
    }
  }

  // Births whose mother has no pregnancy recorded in the days before.
  q.births = int64_t(births.size());
  std::unordered_map<int32_t, std::vector<int32_t>> pregnancies;
  for (const PeriodBirth& b : births)
    if (b.mother >= 0) pregnancies.emplace(b.mother, std::vector<int32_t>{});
  for (const analytics::SnapshotEvent& e : snap.events)
    if (e.type == EventType::kPregnancy)
      if (auto it = pregnancies.find(e.person); it != pregnancies.end()) it->second.push_back(e.date);
  std::sort(births.begin(), births.end(), [](const PeriodBirth& a, const PeriodBirth& b) {
    return a.date != b.date ? a.date < b.date : a.child < b.child;
  });
  for (const PeriodBirth& b : births) {
    bool found = false;
    if (b.mother >= 0)
      for (int32_t d : pregnancies[b.mother]) found = found || (d <= b.date && d >= b.date - kPregnancyLookbackDays);
    if (found) continue;
    ++q.births_without_pregnancy_total;
    if (q.births_without_pregnancy.size() >= kQualityListLimit) continue;
    const QualityVillage& qv = villages[b.village];
    q.births_without_pregnancy.push_back({qv.unit->code, qv.unit->name, Date::from_days(b.date),
                                          b.child >= 0 ? snap.person_id[size_t(b.child)] : 0,
                                          b.mother >= 0 ? snap.person_id[size_t(b.mother)] : 0});
  }

  // Sex ratio at birth in the unit and each commune and district below it.
  std::map<std::string, SexRatioFinding> units;
  for (const QualityVillage& qv : villages) {
    for (const OrgUnit* u = qv.unit; u; u = quality_parent(tree, *u, period->last)) {
      if (u->kind != UnitKind::kVillage) {
        SexRatioFinding& f = units[u->code];
        f.unit = u->code, f.name = u->name, f.kind = kUnitKinds.code(u->kind);
        f.boys += qv.boys, f.girls += qv.girls;
      }
      if (u->id == root->id) break;
    }
  }
  for (auto& [code, f] : units) {
    f.births = f.boys + f.girls;
    if (f.births < kSexRatioMinBirths) continue;
    ++q.sex_ratio_units_checked;
    f.ratio = f.girls == 0 ? 0.0 : std::round(1000.0 * f.boys / f.girls) / 10.0;
    if (f.girls == 0 || f.ratio < kSexRatioLow || f.ratio > kSexRatioHigh) q.sex_ratio.push_back(f);
  }
  return q;
}

Result<DataQuality> data_quality(Database& db, std::string_view unit_code, std::string_view period) {
  const analytics::RegisterSnapshot snap = db.read([](Store& s) { return analytics::RegisterSnapshot::load(s); });
  return data_quality(snap, unit_code, period);
}

nlohmann::ordered_json data_quality_json(const DataQuality& q) {
  nlohmann::ordered_json outliers = nlohmann::ordered_json::array();
  for (const VillageOutlier& o : q.outliers)
    outliers.push_back({{"village", o.village}, {"name", o.name}, {"commune", o.commune}, {"month", o.month},
                        {"measure", o.measure}, {"value", o.value}, {"mean", o.mean}, {"sd", o.sd},
                        {"low", o.low}, {"high", o.high}});
  nlohmann::ordered_json births = nlohmann::ordered_json::array();
  for (const BirthWithoutPregnancy& b : q.births_without_pregnancy)
    births.push_back({{"village", b.village}, {"name", b.name}, {"date", b.date.iso()}, {"child", b.child},
                      {"mother", b.mother}});
  nlohmann::ordered_json ratios = nlohmann::ordered_json::array();
  for (const SexRatioFinding& f : q.sex_ratio)
    ratios.push_back({{"unit", f.unit}, {"name", f.name}, {"kind", f.kind}, {"births", f.births},
                      {"boys", f.boys}, {"girls", f.girls}, {"ratio", f.ratio}});
  nlohmann::ordered_json silent = nlohmann::ordered_json::array();
  for (const SilentVillage& s : q.silent_villages)
    silent.push_back({{"village", s.village}, {"name", s.name}, {"commune", s.commune}, {"month", s.month}});
  return {{"unit", q.unit},
          {"unit_name", q.unit_name},
          {"period", q.period},
          {"villages", q.villages},
          {"rules",
           {{"outlier_spreads", kOutlierSpreads},
            {"outlier_floor", kOutlierFloor},
            {"outlier_history_months", kOutlierHistoryMonths},
            {"pregnancy_lookback_days", kPregnancyLookbackDays},
            {"sex_ratio_min_births", kSexRatioMinBirths},
            {"sex_ratio_band", {kSexRatioLow, kSexRatioHigh}}}},
          {"outliers", outliers},
          {"births_without_pregnancy", {{"births", q.births}, {"total", q.births_without_pregnancy_total}, {"items", births}}},
          {"sex_ratio", {{"units_checked", q.sex_ratio_units_checked}, {"items", ratios}}},
          {"silent_villages", silent}};
}

}  // namespace danso::reports

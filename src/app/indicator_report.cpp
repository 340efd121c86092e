#include "app/indicator_report.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <thread>

#include "analytics/territory_changes.h"

namespace danso {

using analytics::UnitCounts;

// The most deaths below which the catalogue's e0 pools years (0: never).
int64_t IndicatorReporter::pooling_below() const {
  int64_t min_deaths = 0;
  for (const auto& def : catalogue_.definitions())
    if (def.uses_life_table()) min_deaths = std::max<int64_t>(min_deaths, def.min_events);
  return min_deaths;
}

// A period's counts, computed when first asked for; when the catalogue may
// pool years for life tables, with the pooled years' deaths and exposure
// in the same pass (a village has few deaths: most will need them).
const analytics::SlotCounts& IndicatorReporter::counts_for(const Period& p, bool with_pooled) {
  const auto key = std::make_pair(p.first.days(), p.last.days());
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  if (with_pooled && pooling_below() > 0 && !pooled_cache_.count(key)) {
    Pooled pooled;
    pooled.periods = pooled_periods(p);
    auto both = analytics::count_period_with_life_tables(snap_, p, pooled.periods);
    pooled.counts = std::move(both.life_tables);
    pooled_cache_.emplace(key, std::move(pooled));
    return cache_.emplace(key, std::move(both.units)).first->second;
  }
  return cache_.emplace(key, analytics::count_period(snap_, p)).first->second;
}

bool IndicatorReporter::counted(const Period& p) const {
  return cache_.count(std::make_pair(p.first.days(), p.last.days())) > 0;
}

void IndicatorReporter::forget(const Period& p) {
  const auto key = std::make_pair(p.first.days(), p.last.days());
  cache_.erase(key);
  pooled_cache_.erase(key);
  changes_cache_.erase(key);
}

void IndicatorReporter::forget_all() {
  cache_.clear();
  pooled_cache_.clear();
  changes_cache_.clear();
}

namespace {

Period period_of(const std::pair<int32_t, int32_t>& key) {
  Period p;
  p.first = Date::from_days(key.first);
  p.last = Date::from_days(key.second);
  p.label = p.first.iso() + ".." + p.last.iso();
  return p;
}

// Adds `sign` times the counts `c` to unit slot `slot` and every unit above
// it on `on` (as count_period rolls up).
template <typename Counts, typename Slots>
void add_up(const analytics::RegisterSnapshot& snap, Slots& counts, int32_t slot, Date on, const Counts& c, int sign) {
  for (int depth = 0; slot >= 0 && depth < 64; ++depth, slot = analytics::rollup_parent(snap, slot, on))
    counts[size_t(slot)].add_times(c, sign);
}

}  // namespace

void IndicatorReporter::counts_before(const analytics::SnapshotChange& change) {
  before_ = Before{};
  before_.moves = change.moves;
  for (const auto& [key, counts] : cache_) before_.own[key] = analytics::count_villages(snap_, period_of(key), change.slots);
  for (const auto& [key, pooled] : pooled_cache_)
    before_.pooled[key] = analytics::count_village_life_tables(snap_, pooled.periods, change.slots);
}

void IndicatorReporter::counts_after(const analytics::SnapshotChange& change) {
  for (auto& [key, counts] : cache_) {
    const Period p = period_of(key);
    const auto now = analytics::count_villages(snap_, p, change.slots);
    const auto& was = before_.own.at(key);
    for (size_t i = 0; i < change.slots.size(); ++i) {
      analytics::UnitCounts delta = now[i];
      delta.subtract(was[i]);
      add_up(snap_, counts, change.slots[i], p.last, delta, 1);
    }
    // Moves within a unit are taken off it and every unit above: those of
    // the group before the update are given back, those after taken off.
    for (int sign : {1, -1})
      for (const analytics::SnapshotMove& m : sign == 1 ? before_.moves : change.moves) {
        if (m.date < p.first.days() || m.date > p.last.days()) continue;
        for (int32_t u : analytics::units_holding_move(snap_, m, p.last)) (m.in ? counts[size_t(u)].moves_in : counts[size_t(u)].moves_out) += sign;
      }
  }
  for (auto& [key, pooled] : pooled_cache_) {
    const Date on = Date::from_days(key.second);
    const auto now = analytics::count_village_life_tables(snap_, pooled.periods, change.slots);
    const auto& was = before_.pooled.at(key);
    for (size_t i = 0; i < change.slots.size(); ++i)
      for (size_t k = 0; k < pooled.periods.size(); ++k) {
        analytics::LifeTableCounts delta = now[i][k];
        delta.subtract(was[i][k]);
        add_up(snap_, pooled.counts[k], change.slots[i], on, delta, 1);
      }
  }
  before_ = Before{};
}

// The 3 and 5 calendar years ending on the period's last day (those longer
// than the period), counted together in one pass when first asked for.
std::vector<Period> IndicatorReporter::pooled_periods(const Period& period) {
  std::vector<Period> out;
  const Date after = period.last.add_days(1);
  for (int years : {3, 5}) {
    Period p = period;
    const int day = std::min(after.day(), days_in_month(after.year() - years, after.month()));
    p.first = Date::from_ymd_unchecked(after.year() - years, after.month(), day);
    p.label = p.first.iso() + ".." + p.last.iso();
    out.push_back(p);
  }
  return out;
}

const IndicatorReporter::Pooled& IndicatorReporter::pooled_for(const Period& period) {
  const auto key = std::make_pair(period.first.days(), period.last.days());
  auto it = pooled_cache_.find(key);
  if (it != pooled_cache_.end()) return it->second;
  Pooled pooled;
  pooled.periods = pooled_periods(period);
  pooled.counts = analytics::count_life_tables(snap_, pooled.periods, period.last);
  return pooled_cache_.emplace(key, std::move(pooled)).first->second;
}

// The pooled years of one period, found through the reporter's cache.
class IndicatorReporter::PooledOf final : public analytics::PooledYears {
 public:
  PooledOf(IndicatorReporter& r, const Period& period) : r_(r), period_(period) {}
  std::optional<analytics::PooledLifeTable> pooled(int32_t slot, int years) override {
    const Pooled& pooled = r_.pooled_for(period_);
    const size_t k = years == 3 ? 0 : 1;
    if (pooled.periods[k].first >= period_.first) return std::nullopt;
    return analytics::PooledLifeTable{&pooled.counts[k][size_t(slot)], &pooled.periods[k].label};
  }

 private:
  IndicatorReporter& r_;
  const Period& period_;
};

const std::vector<std::vector<const UnitLink*>>& IndicatorReporter::changes_for(const Period& p) {
  const auto key = std::make_pair(p.first.days(), p.last.days());
  auto it = changes_cache_.find(key);
  if (it == changes_cache_.end()) it = changes_cache_.emplace(key, analytics::partial_changes(snap_, p)).first;
  return it->second;
}

std::vector<analytics::IndicatorValue> IndicatorReporter::values(int32_t slot, const Period& period) {
  std::vector<size_t> every(catalogue_.definitions().size());
  for (size_t i = 0; i < every.size(); ++i) every[i] = i;
  return values(slot, period, every);
}

void IndicatorReporter::prepare(const Period& period, const std::vector<size_t>& defs) {
  bool life_table = false;
  for (size_t d : defs) life_table = life_table || catalogue_.definitions()[d].uses_life_table();
  counts_for(period, life_table);
  if (life_table && pooling_below() > 0) pooled_for(period);
  changes_for(period);
}

std::vector<analytics::IndicatorValue> IndicatorReporter::values(int32_t slot, const Period& period,
                                                                 const std::vector<size_t>& defs) {
  // The pooled years' counts are made in the same pass only when a life
  // table is asked for (else they would be counted for nothing).
  bool life_table = false;
  for (size_t d : defs) life_table = life_table || catalogue_.definitions()[d].uses_life_table();
  return evaluate(slot, period, defs, counts_for(period, life_table), changes_for(period));
}

std::vector<analytics::IndicatorValue> IndicatorReporter::evaluate(
    int32_t slot, const Period& period, const std::vector<size_t>& defs, const analytics::SlotCounts& counts,
    const std::vector<std::vector<const UnitLink*>>& changes) {
  const UnitCounts& c = counts[size_t(slot)];
  PooledOf pooled(*this, period);
  const analytics::MethodContext ctx{&period, slot, &pooled};
  const bool not_comparable = !changes[size_t(slot)].empty();
  std::vector<analytics::IndicatorValue> out;
  out.reserve(defs.size());
  for (size_t d : defs) {
    out.push_back(catalogue_.evaluate(catalogue_.definitions()[d], c, ctx));
    if (not_comparable) out.back().flags.push_back("not_comparable");
  }
  return out;
}

std::vector<std::pair<UnitId, std::vector<analytics::IndicatorValue>>> IndicatorReporter::compute_all(
    const Period& period) {
  // Everything the units share is computed first (counts, territory changes,
  // and the pooled life-table counts when some unit has too few deaths), so
  // the units can then be evaluated on all cores reading it.
  const int64_t min_deaths = pooling_below();
  const auto& counts = counts_for(period);
  const auto& changes = changes_for(period);
  const auto units = snap_.tree.valid_on(period.last);
  for (const OrgUnit* u : units) {
    const auto& c = counts[size_t(snap_.slot_of(u->id))];
    int64_t deaths = 0;
    for (const auto& row : c.deaths)
      for (auto d : row) deaths += d;
    if (deaths < min_deaths) {
      pooled_for(period);
      break;
    }
  }
  std::vector<size_t> every(catalogue_.definitions().size());
  for (size_t i = 0; i < every.size(); ++i) every[i] = i;
  std::vector<std::pair<UnitId, std::vector<analytics::IndicatorValue>>> out(units.size());
  const unsigned workers = units.size() < 8 ? 1u : std::clamp(std::thread::hardware_concurrency(), 1u, 16u);
  auto work = [&](unsigned w) {
    for (size_t i = w; i < units.size(); i += workers)
      out[i] = {units[i]->id, evaluate(snap_.slot_of(units[i]->id), period, every, counts, changes)};
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  return out;
}

nlohmann::ordered_json IndicatorReporter::unit_json(int32_t slot, const Period& period) {
  return unit_json(slot, period, values(slot, period));
}

nlohmann::ordered_json IndicatorReporter::unit_json(int32_t slot, const Period& period,
                                                    const std::vector<analytics::IndicatorValue>& vals) {
  const OrgUnit* u = snap_.tree.find(snap_.slot_unit[size_t(slot)]);
  nlohmann::ordered_json j;
  j["unit"] = u ? u->code : "";
  j["name"] = u ? u->name : "";
  j["period"] = period.label;
  j["from"] = period.first.iso();
  j["to"] = period.last.iso();
  const auto& changes = changes_for(period)[size_t(slot)];
  if (!changes.empty()) {
    // The partial splits or transfers inside the period behind "not_comparable".
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const UnitLink* l : changes) {
      const OrgUnit* from = snap_.tree.find(l->from);
      const OrgUnit* to = snap_.tree.find(l->to);
      arr.push_back({{"date", l->effective.iso()}, {"from", from ? from->code : ""}, {"to", to ? to->code : ""},
                     {"type", "partial"}});
    }
    j["territory_changes"] = arr;
  }
  nlohmann::ordered_json inds = nlohmann::ordered_json::object();
  for (size_t i = 0; i < vals.size(); ++i) {
    const auto& v = vals[i];
    nlohmann::ordered_json x;
    x["value"] = v.value ? nlohmann::ordered_json(*v.value) : nlohmann::ordered_json(nullptr);
    x["numerator"] = v.numerator ? nlohmann::ordered_json(*v.numerator) : nlohmann::ordered_json(nullptr);
    x["denominator"] = v.denominator ? nlohmann::ordered_json(*v.denominator) : nlohmann::ordered_json(nullptr);
    x["unit"] = v.unit;
    x["flags"] = v.flags;
    inds[catalogue_.definitions()[i].code] = x;
  }
  j["indicators"] = inds;
  return j;
}

Result<nlohmann::ordered_json> IndicatorReporter::report(const std::string& unit_code, const Period& period,
                                                          bool children) {
  auto id = snap_.tree.resolve_or_error(unit_code, period.last, "unit");
  if (!id) return id.error();
  if (!children) return unit_json(snap_.slot_of(*id), period);
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (UnitId c : snap_.tree.children_on(*id, period.last)) arr.push_back(unit_json(snap_.slot_of(c), period));
  return arr;
}

nlohmann::ordered_json IndicatorReporter::report_all(const Period& period) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& [id, vals] : compute_all(period)) arr.push_back(unit_json(snap_.slot_of(id), period, vals));
  return arr;
}

namespace {

std::string num(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  char buf[64];
  const double d = v.get<double>();
  if (d == std::floor(d) && std::fabs(d) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", d);
  else std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}

template <typename Fn>
void each_unit(const nlohmann::ordered_json& report, Fn fn) {
  if (report.is_array())
    for (const auto& u : report) fn(u);
  else
    fn(report);
}

}  // namespace

std::string indicators_to_csv(const nlohmann::ordered_json& report) {
  std::ostringstream out;
  out << "unit,period,indicator,value,numerator,denominator,unit_of_measure,flags\n";
  each_unit(report, [&](const nlohmann::ordered_json& u) {
    for (const auto& [code, v] : u["indicators"].items()) {
      std::string flags;
      for (const auto& f : v["flags"]) flags += (flags.empty() ? "" : ";") + f.get<std::string>();
      out << u["unit"].get<std::string>() << ',' << u["period"].get<std::string>() << ',' << code << ','
          << num(v["value"]) << ',' << num(v["numerator"]) << ',' << num(v["denominator"]) << ','
          << v["unit"].get<std::string>() << ',' << flags << '\n';
    }
  });
  return out.str();
}

std::string indicators_to_table(const nlohmann::ordered_json& report) {
  std::ostringstream out;
  each_unit(report, [&](const nlohmann::ordered_json& u) {
    out << u["unit"].get<std::string>() << "  " << u["name"].get<std::string>() << "  (" << u["period"].get<std::string>()
        << ": " << u["from"].get<std::string>() << " .. " << u["to"].get<std::string>() << ")\n";
    char buf[256];
    std::snprintf(buf, sizeof buf, "  %-32s %14s %14s %14s  %s\n", "indicator", "value", "numerator", "denominator", "flags");
    out << buf;
    for (const auto& [code, v] : u["indicators"].items()) {
      std::string flags;
      for (const auto& f : v["flags"]) flags += (flags.empty() ? "" : " ") + f.get<std::string>();
      std::string value = v["value"].is_null() ? "-" : num(v["value"]);
      if (!v["value"].is_null() && v["value"].get<double>() != std::floor(v["value"].get<double>())) {
        std::snprintf(buf, sizeof buf, "%.2f", v["value"].get<double>());
        value = buf;
      }
      std::snprintf(buf, sizeof buf, "  %-32s %14s %14s %14s  %s\n", code.c_str(), value.c_str(),
                    num(v["numerator"]).c_str(), num(v["denominator"]).c_str(), flags.c_str());
      out << buf;
    }
    out << "\n";
  });
  return out.str();
}

}  // namespace danso

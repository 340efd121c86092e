#include "app/register_projection.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "analytics/base_counts.h"
#include "demography/age_structure.h"
#include "demography/fertility.h"
#include "demography/life_table.h"
#include "demography/projection.h"
#include "demography/scenario.h"

namespace danso {

using analytics::kAges;
using analytics::UnitCounts;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

demography::LifeTableOptions sex_options(demography::LifeSex sex) {
  demography::LifeTableOptions o;
  o.sex = sex;
  return o;
}

Error bad(const std::string& field, const std::string& vi, const std::string& en) { return Error::invalid(field, vi, en); }

// A scenario path: a number (from the first step on) or {"year": value}.
Result<demography::Path> path_of(const json& scenario, const char* key, int from, double max) {
  demography::Path p;
  if (!scenario.contains(key)) return p;
  const json& v = scenario[key];
  const std::string k = key;
  const std::string range = "0.." + json(max).dump();
  auto in_range = [&](const json& x) { return x.is_number() && x.get<double>() >= 0 && x.get<double>() <= max; };
  if (v.is_number()) {
    if (!in_range(v)) return bad(k, k + " phải trong khoảng " + range, k + " must be within " + range);
    p.points[from] = v.get<double>();
    return p;
  }
  if (!v.is_object() || v.empty())
    return bad(k, k + " phải là một số hoặc {\"năm\": giá trị, ...}", k + " must be a number or {\"year\": value, ...}");
  for (const auto& [year, value] : v.items()) {
    int y = 0;
    try {
      size_t used = 0;
      y = std::stoi(year, &used);
      if (used != year.size()) throw std::invalid_argument(year);
    } catch (const std::exception&) {
      return bad(k, k + ": năm không hợp lệ '" + year + "'", k + ": not a year '" + year + "'");
    }
    if (!in_range(value))
      return bad(k, k + ": giá trị năm " + year + " phải trong khoảng " + range, k + ": the value for " + year + " must be within " + range);
    p.points[y] = value.get<double>();
  }
  return p;
}

struct Rates {
  std::string unit;                  // the unit whose register gave them
  std::vector<double> asfr;          // per single age 0..100 (0 outside 15-49)
  std::vector<double> mx_female, mx_male;  // per single age 0..100, the last open
  double e0_female = 0, e0_male = 0, e0 = 0;
};

const std::vector<double>& single_ages() {
  static const std::vector<double> ages = [] {
    std::vector<double> a;
    for (int i = 0; i < kAges; ++i) a.push_back(i);
    return a;
  }();
  return ages;
}
const std::vector<double>& single_widths() {
  static const std::vector<double> w = [] {
    std::vector<double> v(static_cast<size_t>(kAges), 1.0);
    v.back() = 0;
    return v;
  }();
  return w;
}

// Death rates of the abridged groups 0, 1-4, 5-9, ..., 80-84, 85+ (sex 0, 1
// or 2 for both), each single age taking its group's rate.
Result<std::vector<double>> single_age_mx(const UnitCounts& c, int sex) {
  std::vector<double> out(static_cast<size_t>(kAges), 0.0);
  auto group = [&](int lo, int hi) -> Status {
    double d = 0;
    int64_t days = 0;
    for (int a = lo; a <= hi; ++a)
      for (int s = 0; s < 2; ++s)
        if (sex == 2 || s == sex) d += double(c.deaths[size_t(s)][size_t(a)]), days += c.person_days[size_t(s)][size_t(a)];
    const double py = double(days) / analytics::kDaysPerYear;
    if (!(py > 0)) return bad("rates", "không có người sống ở tuổi " + std::to_string(lo), "nobody lived at age " + std::to_string(lo));
    if (hi == kAges - 1 && !(d > 0))
      return bad("rates", "không có người chết ở nhóm tuổi mở", "no deaths in the open age group");
    for (int a = lo; a <= hi; ++a) out[size_t(a)] = d / py;
    return {};
  };
  Status st = group(0, 0);
  if (st) st = group(1, 4);
  for (int a = 5; st && a < 85; a += 5) st = group(a, a + 4);
  if (st) st = group(85, kAges - 1);
  if (!st) return st.error();
  return out;
}

Result<Rates> rates_of(const analytics::RegisterSnapshot& snap, const UnitCounts& c, int32_t slot) {
  Rates r;
  r.unit = snap.tree.find(snap.slot_unit[size_t(slot)])->code;
  int64_t births = c.births[0] + c.births[1], deaths = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) deaths += c.deaths[size_t(s)][size_t(a)];
  if (births < kProjectionMinBirths || deaths < kProjectionMinDeaths)
    return bad("rates", "quá ít sự kiện", "too few events");
  demography::BirthsByMotherAge b;
  std::vector<double> py;
  for (int a = 0; a < kAges; ++a) {
    const double n = double(c.births_by_mother_age[size_t(a)]);
    if (a < 15) b.under_15 += n;
    else if (a >= 50) b.over_49 += n;
    else b.births.push_back(n), py.push_back(double(c.person_days[1][size_t(a)]) / analytics::kDaysPerYear);
  }
  auto f = demography::age_specific_fertility_rates(b, py);
  if (!f) return f.error();
  r.asfr.assign(size_t(kAges), 0);
  for (size_t i = 0; i < f->rates.size(); ++i) r.asfr[15 + i] = f->rates[i];
  auto mf = single_age_mx(c, 1), mm = single_age_mx(c, 0), mb = single_age_mx(c, 2);
  if (!mf) return mf.error();
  if (!mm) return mm.error();
  if (!mb) return mb.error();
  r.mx_female = *mf, r.mx_male = *mm;
  auto tf = demography::complete_life_table(*mf, sex_options(demography::LifeSex::kFemale));
  auto tm = demography::complete_life_table(*mm, sex_options(demography::LifeSex::kMale));
  auto tb = demography::complete_life_table(*mb, sex_options(demography::LifeSex::kBoth));
  if (!tf) return tf.error();
  if (!tm) return tm.error();
  if (!tb) return tb.error();
  r.e0_female = tf->e0, r.e0_male = tm->e0, r.e0 = tb->e0;
  return r;
}

std::vector<double> row(const analytics::AgeSex& a, int sex) {
  std::vector<double> out;
  for (int i = 0; i < kAges; ++i) out.push_back(double(a[size_t(sex)][size_t(i)]));
  return out;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// Summary indicators of a projected population by single age.
ordered_json summary(const std::vector<double>& female, const std::vector<double>& male) {
  demography::AgeGroups g{single_ages(), {}};
  for (size_t a = 0; a < female.size(); ++a) g.counts.push_back(female[a] + male[a]);
  ordered_json s;
  auto put = [&](const char* key, const Result<double>& v) { s[key] = v ? json(*v) : json(nullptr); };
  s["population"] = sum(female) + sum(male);
  s["population_female"] = sum(female);
  s["population_male"] = sum(male);
  put("share_under15", demography::share_below(g, 15));
  put("share_65plus", demography::share_at_or_over(g, 65));
  put("dependency_total", demography::total_dependency_ratio(g));
  put("dependency_child", demography::child_dependency_ratio(g));
  put("dependency_old", demography::old_age_dependency_ratio(g));
  // The General Statistics Office's ageing index (60+), as the indicators
  // have it, and the UN's (65+).
  put("ageing_index", demography::ageing_index(g, {.old = 60}));
  put("ageing_index_65", demography::ageing_index(g));
  put("median_age", demography::median_age(g));
  put("sex_ratio", demography::sex_ratio(sum(male), sum(female)));
  return s;
}

Result<std::vector<double>> lx_of(const std::vector<double>& mx, demography::LifeSex sex, double& e0) {
  auto t = demography::complete_life_table(mx, sex_options(sex));
  if (!t) return t.error();
  e0 = t->e0;
  return demography::projection_lx(*t, 1, size_t(kAges));
}

}  // namespace

Result<ordered_json> project_from_register(const analytics::RegisterSnapshot& snap, const RegisterProjectionRequest& rq) {
  const json& sc = rq.scenario;
  if (!sc.is_object()) return bad("scenario", "kịch bản phải là đối tượng JSON", "the scenario must be a JSON object");
  for (const auto& [key, value] : sc.items())
    if (key != "tfr" && key != "e0" && key != "srb" && key != "migration" && key != "rates_years" && key != "rates_unit")
      return bad("scenario." + key, "khóa không biết trong kịch bản: '" + key + "'", "unknown key in the scenario: '" + key + "'");
  if (rq.to <= rq.from || rq.to - rq.from > 100)
    return bad("to", "--to phải sau --from và không quá 100 năm", "--to must come after --from, by at most 100 years");
  if (!snap.last_event_day)
    return bad("db", "sổ không có sự kiện nào để tính tỷ suất", "the register has no events to take rates from");
  const Date base = Date::from_ymd_unchecked(rq.from, 1, 1);
  const Date last_event = Date::from_days(*snap.last_event_day);
  if (base > last_event.add_days(1))
    return bad("from", "sổ chỉ có sự kiện đến " + last_event.iso() + ": --from phải không muộn hơn năm " + std::to_string(last_event.year() + 1),
               "the register has events up to " + last_event.iso() + ": --from must be " + std::to_string(last_event.year() + 1) + " or earlier");
  int rates_years = 3;
  if (sc.contains("rates_years")) {
    if (!sc["rates_years"].is_number_integer() || sc["rates_years"].get<int>() < 1 || sc["rates_years"].get<int>() > 10)
      return bad("rates_years", "rates_years phải là số nguyên 1..10", "rates_years must be an integer 1..10");
    rates_years = sc["rates_years"].get<int>();
  }
  const OrgUnit* unit = snap.tree.resolve(rq.unit, base);
  if (!unit)
    return Error::not_found("unit", "không có đơn vị mã " + rq.unit + " ngày " + base.iso(),
                            "no unit with code " + rq.unit + " on " + base.iso());
  const int32_t slot = snap.slot_of(unit->id);

  // Base population on 1 January of `from`.
  Period on_base{base.iso(), base, base};
  const auto base_counts = analytics::count_period(snap, on_base);
  std::vector<double> female = row(base_counts[size_t(slot)].pop_start, 1), male = row(base_counts[size_t(slot)].pop_start, 0);
  if (sum(female) + sum(male) <= 0)
    return bad("unit", "đơn vị " + rq.unit + " không có ai sống ngày " + base.iso(), "nobody lives in unit " + rq.unit + " on " + base.iso());

  // Rates over the years before `from` (not before the register's first event).
  const int first_year = std::max(rq.from - rates_years, Date::from_days(*snap.first_event_day).year());
  if (first_year >= rq.from)
    return bad("from", "không có năm nào trước " + std::to_string(rq.from) + " trong sổ để tính tỷ suất",
               "the register has no year before " + std::to_string(rq.from) + " to take rates from");
  Period window{std::to_string(first_year) + ".." + std::to_string(rq.from - 1), Date::from_ymd_unchecked(first_year, 1, 1),
                Date::from_ymd_unchecked(rq.from - 1, 12, 31)};
  const auto counts = analytics::count_period(snap, window);
  const double years = window.years();

  // The unit's own rates, else the nearest unit above with enough events.
  int32_t rates_slot = slot;
  if (sc.contains("rates_unit")) {
    const OrgUnit* ru = sc["rates_unit"].is_string() ? snap.tree.resolve(sc["rates_unit"].get<std::string>(), window.last) : nullptr;
    if (!ru) return bad("rates_unit", "rates_unit không phải mã đơn vị có trong sổ", "rates_unit is not the code of a unit in the register");
    rates_slot = snap.slot_of(ru->id);
  }
  Result<Rates> rates = rates_of(snap, counts[size_t(rates_slot)], rates_slot);
  while (!rates && !sc.contains("rates_unit")) {
    rates_slot = analytics::rollup_parent(snap, rates_slot, window.last);
    if (rates_slot < 0) break;
    rates = rates_of(snap, counts[size_t(rates_slot)], rates_slot);
  }
  if (!rates)
    return bad("rates", "không đơn vị nào có đủ sự kiện để tính tỷ suất (" + rates.error().vi + ")",
               "no unit has enough events to take rates from (" + rates.error().en + ")");
  int32_t srb_slot = slot;
  while (counts[size_t(srb_slot)].births[0] + counts[size_t(srb_slot)].births[1] < kProjectionMinSrbBirths &&
         analytics::rollup_parent(snap, srb_slot, window.last) >= 0)
    srb_slot = analytics::rollup_parent(snap, srb_slot, window.last);
  const auto& sb = counts[size_t(srb_slot)].births;
  if (sb[1] <= 0) return bad("srb", "không có trẻ gái sinh ra trong các năm tính tỷ suất", "no girls were born in the rates years");
  const double base_srb = double(sb[0]) / double(sb[1]);
  const double base_tfr = demography::total_fertility_rate({1, std::vector<double>(rates->asfr.begin() + 15, rates->asfr.begin() + 50)});
  std::vector<double> migration_female = row(counts[size_t(slot)].net_moves, 1), migration_male = row(counts[size_t(slot)].net_moves, 0);
  for (double& x : migration_female) x /= years;
  for (double& x : migration_male) x /= years;

  auto tfr_path = path_of(sc, "tfr", rq.from, 15), e0_path = path_of(sc, "e0", rq.from, 110),
       srb_path = path_of(sc, "srb", rq.from, 3), mig_path = path_of(sc, "migration", rq.from, 100);
  for (auto* p : {&tfr_path, &e0_path, &srb_path, &mig_path})
    if (!*p) return p->error();

  ordered_json out;
  out["unit"] = unit->code;
  out["name"] = unit->name;
  out["base_date"] = base.iso();
  out["from"] = rq.from;
  out["to"] = rq.to;
  out["rates"] = {{"years", window.label},
                  {"unit", rates->unit},
                  {"srb_unit", snap.tree.find(snap.slot_unit[size_t(srb_slot)])->code},
                  {"tfr", base_tfr},
                  {"e0", rates->e0},
                  {"e0_female", rates->e0_female},
                  {"e0_male", rates->e0_male},
                  {"srb", base_srb},
                  {"net_migration_per_year", sum(migration_female) + sum(migration_male)}};
  out["scenario"] = sc;

  ordered_json years_out = ordered_json::array();
  ordered_json first;
  first["year"] = rq.from;
  first["female"] = female;
  first["male"] = male;
  first["summary"] = summary(female, male);
  years_out.push_back(first);

  // One 1-year step at a time, with that year's scenario values.
  std::vector<double> mxf = rates->mx_female, mxm = rates->mx_male;
  double last_e0_target = NAN;
  for (int year = rq.from; year < rq.to; ++year) {
    const double tfr = tfr_path->at(year, rq.from - 1, base_tfr);
    const double e0 = e0_path->at(year, rq.from - 1, rates->e0);
    const double srb = srb_path->at(year, rq.from - 1, base_srb);
    const double mig = mig_path->at(year, rq.from - 1, 1.0);
    if (e0 != last_e0_target) {
      // Each sex moves by the change of the both-sexes path from its base.
      mxf = rates->mx_female, mxm = rates->mx_male;
      if (!e0_path->empty()) {
        auto f = demography::scale_to_e0(rates->mx_female, single_ages(), single_widths(), rates->e0_female + e0 - rates->e0,
                                         sex_options(demography::LifeSex::kFemale));
        auto m = demography::scale_to_e0(rates->mx_male, single_ages(), single_widths(), rates->e0_male + e0 - rates->e0,
                                         sex_options(demography::LifeSex::kMale));
        if (!f) return bad("e0", f.error().vi + " (" + std::to_string(year) + ")", f.error().en + " (" + std::to_string(year) + ")");
        if (!m) return bad("e0", m.error().vi + " (" + std::to_string(year) + ")", m.error().en + " (" + std::to_string(year) + ")");
        mxf = *f, mxm = *m;
      }
      last_e0_target = e0;
    }
    double e0f = 0, e0m = 0;
    auto Lf = lx_of(mxf, demography::LifeSex::kFemale, e0f);
    auto Lm = lx_of(mxm, demography::LifeSex::kMale, e0m);
    if (!Lf) return Lf.error();
    if (!Lm) return Lm.error();
    auto asfr = demography::scale_to_tfr(rates->asfr, 1, tfr);
    if (!asfr) return asfr.error();
    demography::ProjectionInputs in;
    in.step = 1;
    in.base_year = year;
    in.female = female;
    in.male = male;
    demography::StepInputs st;
    st.female.Lx = *Lf;
    st.male.Lx = *Lm;
    st.asfr = *asfr;
    st.srb = srb;
    for (double x : migration_female) st.female.net_migration.push_back(x * mig);
    for (double x : migration_male) st.male.net_migration.push_back(x * mig);
    in.steps.push_back(st);
    auto steps = demography::project(in);
    if (!steps) return steps.error();
    const auto& s = steps->front();
    female = s.female.population, male = s.male.population;
    ordered_json y;
    y["year"] = year + 1;
    y["female"] = female;
    y["male"] = male;
    ordered_json sm = summary(female, male);
    sm["births"] = s.births;
    sm["deaths"] = sum(s.female.deaths) + sum(s.male.deaths);
    sm["net_migration"] = (sum(migration_female) + sum(migration_male)) * mig;
    sm["tfr"] = tfr;
    sm["e0_female"] = e0f;
    sm["e0_male"] = e0m;
    sm["srb"] = srb;
    y["summary"] = sm;
    years_out.push_back(y);
  }
  out["years"] = years_out;
  return out;
}

std::string register_projection_csv(const ordered_json& r) {
  std::ostringstream out;
  out << "year,sex,age,population\n";
  char buf[64];
  for (const auto& y : r["years"])
    for (const char* sex : {"female", "male"})
      for (size_t a = 0; a < y[sex].size(); ++a) {
        std::snprintf(buf, sizeof buf, "%.3f", y[sex][a].get<double>());
        out << y["year"].get<int>() << ',' << sex << ',' << a << (a + 1 == y[sex].size() ? "+" : "") << ',' << buf << '\n';
      }
  return out.str();
}

std::string register_projection_table(const ordered_json& r) {
  std::ostringstream out;
  const auto& rt = r["rates"];
  char buf[256];
  out << r["unit"].get<std::string>() << "  " << r["name"].get<std::string>() << "  (" << r["from"].get<int>() << " .. "
      << r["to"].get<int>() << ")\n";
  std::snprintf(buf, sizeof buf, "  tỷ suất / rates %s of %s: TFR %.3f, e0 %.2f (F %.2f, M %.2f), SRB %.3f (%s), net migration %.0f/yr\n",
                rt["years"].get<std::string>().c_str(), rt["unit"].get<std::string>().c_str(), rt["tfr"].get<double>(),
                rt["e0"].get<double>(), rt["e0_female"].get<double>(), rt["e0_male"].get<double>(), rt["srb"].get<double>(),
                rt["srb_unit"].get<std::string>().c_str(), rt["net_migration_per_year"].get<double>());
  out << buf;
  std::snprintf(buf, sizeof buf, "  %6s %12s %10s %10s %7s %7s %7s %7s %7s\n", "year", "population", "births", "deaths", "TFR",
                "<15 %", "65+ %", "median", "SRB");
  out << buf;
  auto num = [](const ordered_json& v, const char* fmt) {
    char b[32];
    if (v.is_null()) return std::string("-");
    std::snprintf(b, sizeof b, fmt, v.get<double>());
    return std::string(b);
  };
  for (const auto& y : r["years"]) {
    const auto& s = y["summary"];
    const ordered_json none;
    std::snprintf(buf, sizeof buf, "  %6d %12s %10s %10s %7s %7s %7s %7s %7s\n", y["year"].get<int>(),
                  num(s["population"], "%.0f").c_str(), num(s.contains("births") ? s["births"] : none, "%.0f").c_str(),
                  num(s.contains("deaths") ? s["deaths"] : none, "%.0f").c_str(), num(s.contains("tfr") ? s["tfr"] : none, "%.3f").c_str(),
                  num(s["share_under15"], "%.1f").c_str(), num(s["share_65plus"], "%.1f").c_str(),
                  num(s["median_age"], "%.1f").c_str(), num(s.contains("srb") ? s["srb"] : none, "%.3f").c_str());
    out << buf;
  }
  return out.str();
}

}  // namespace danso

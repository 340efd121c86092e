#include "app/reports/completeness.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "app/reports/deadlines.h"
#include "core/period.h"
#include "core/unit_tree.h"

namespace danso::reports {

namespace {

// A unit that owes the form, and the district it is counted under.
struct OwingUnit {
  const OrgUnit* unit;
  const OrgUnit* district;
};

struct FormOfPeriod {
  ReportForm form;
  UnitKind owes;  // the kind of unit that reports
};

Result<FormOfPeriod> completeness_form(std::string_view label, std::string_view field) {
  if (auto form = report_form_for(UnitKind::kCommune, label, field)) return FormOfPeriod{*form, UnitKind::kCommune};
  if (auto form = report_form_for(UnitKind::kDistrict, label, field)) return FormOfPeriod{*form, UnitKind::kDistrict};
  return Error::invalid(std::string(field),
                        "tính đầy đủ báo cáo theo tháng (xã, 2025-05), năm (xã, 2025) hoặc quý (huyện, 2025-Q2), "
                        "không theo '" + std::string(label) + "'",
                        "completeness is by month (communes, 2025-05), year (communes, 2025) or quarter (districts, "
                        "2025-Q2), not '" + std::string(label) + "'");
}

std::vector<OwingUnit> owing_units(const UnitTree& tree, const OrgUnit& root, UnitKind kind, Date on,
                                   const UnitFilter& visible) {
  std::vector<OwingUnit> out;
  for (UnitId id : tree.subtree_on(root.id, on)) {
    const OrgUnit* u = tree.find(id);
    if (!u || u->kind != kind || (visible && !visible(id))) continue;
    out.push_back({u, unit_above_of_kind(tree, *u, UnitKind::kDistrict, on)});
  }
  std::sort(out.begin(), out.end(), [](const OwingUnit& a, const OwingUnit& b) {
    const std::string da = a.district ? a.district->code : "", db = b.district ? b.district->code : "";
    return da != db ? da < db : a.unit->code < b.unit->code;
  });
  return out;
}

double completeness_percent(int part, int whole) {
  return whole == 0 ? 0.0 : std::round(1000.0 * part / whole) / 10.0;
}

// The row of a unit from its standing (none: not started).
UnitStanding standing_row(const OwingUnit& o, const ReportStanding* s, Date due, Date today) {
  UnitStanding row;
  row.unit = o.unit->code;
  row.name = o.unit->name;
  if (o.district) row.district = o.district->code, row.district_name = o.district->name;
  if (s) {
    row.status = s->status;
    row.report = s->id;
    row.version = s->version;
    row.submitted_at = s->first_submitted;
    if (s->status == kReportStatuses.code(ReportStatus::kReturned))
      row.return_comment = s->return_comment, row.returned_at = s->returned_at;
  }
  if (!row.submitted_at.empty()) {
    const auto day = Date::parse(std::string_view(row.submitted_at).substr(0, 10));
    const int late = day ? day->days() - due.days() : 0;
    row.on_time = late <= 0;
    row.days_late = std::max(0, late);
  } else {
    row.days_overdue = std::max(0, today.days() - due.days());
  }
  return row;
}

void count_row(RateCounts& c, const UnitStanding& row) {
  ++c.expected;
  if (!row.submitted_at.empty()) ++c.reported;
  if (!row.submitted_at.empty() && row.on_time) ++c.on_time;
}

UnitTree completeness_tree(Database& db) {
  return db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
}

Result<const OrgUnit*> completeness_root(const UnitTree& tree, std::string_view code, Date on) {
  const OrgUnit* u = tree.resolve(code, on);
  if (!u) return Error::not_found("unit", "không tìm thấy đơn vị '" + std::string(code) + "'", "no unit '" + std::string(code) + "'");
  return u;
}

nlohmann::ordered_json counts_json(const RateCounts& c) {
  return {{"expected", c.expected},
          {"reported", c.reported},
          {"on_time", c.on_time},
          {"reporting_rate", c.reporting_rate()},
          {"on_time_rate", c.on_time_rate()}};
}

// The periods from `from` to `to`: months, quarters or years as the form.
Result<std::vector<Period>> completeness_periods(const Period& from, const Period& to, ReportForm form) {
  std::vector<Period> out;
  const int step = form == ReportForm::kCommuneMonthly ? 1 : form == ReportForm::kDistrictQuarterly ? 3 : 12;
  int y = from.first.year(), m = from.first.month();
  while (true) {
    char label[32];
    if (step == 1)
      std::snprintf(label, sizeof label, "%04d-%02d", y, m);
    else if (step == 3)
      std::snprintf(label, sizeof label, "%04d-Q%d", y, (m - 1) / 3 + 1);
    else
      std::snprintf(label, sizeof label, "%04d", y);
    auto p = Period::parse(label);
    if (!p) return p.error();
    if (p->first > to.first) break;
    out.push_back(*p);
    if (out.size() > 36)
      return Error::invalid("to", "tối đa 36 kỳ một lần", "at most 36 periods at a time");
    m += step;
    if (m > 12) m -= 12, ++y;
  }
  if (out.empty()) return Error::invalid("to", "'to' đứng trước 'from'", "'to' comes before 'from'");
  return out;
}

}  // namespace

double RateCounts::reporting_rate() const { return completeness_percent(reported, expected); }
double RateCounts::on_time_rate() const { return completeness_percent(on_time, expected); }

Result<Completeness> completeness(Database& db, std::string_view unit_code, std::string_view period_text, Date today,
                                  const UnitFilter& visible) {
  auto period = Period::parse(period_text);
  if (!period) return period.error();
  auto form = completeness_form(period->label, "period");
  if (!form) return form.error();
  const UnitTree tree = completeness_tree(db);
  auto root = completeness_root(tree, unit_code, period->last);
  if (!root) return root.error();
  const OrgUnit* province = province_of(tree, **root, period->last);
  const ProvinceDeadlines deadlines = province ? deadlines_of(db, *province) : ProvinceDeadlines{};

  Completeness c;
  c.unit = (*root)->code;
  c.unit_name = (*root)->name;
  c.period = period->label;
  c.form = kReportForms.code(form->form);
  c.province = deadlines.province;
  c.due = due_date(deadlines.deadlines, *period).value_or(period->last);
  const std::vector<OwingUnit> owing = owing_units(tree, **root, form->owes, period->last, visible);
  std::vector<UnitId> ids;
  for (const OwingUnit& o : owing) ids.push_back(o.unit->id);
  const std::vector<std::string> periods{period->label};
  const std::vector<ReportStanding> standings =
      db.read([&](Store& s) { return s.report_standings(ids, c.form, periods); });
  std::map<int64_t, const ReportStanding*> by_unit;
  for (const ReportStanding& s : standings) by_unit[s.unit.value] = &s;
  std::map<std::string, DistrictRates> districts;
  for (const OwingUnit& o : owing) {
    const auto it = by_unit.find(o.unit->id.value);
    UnitStanding row = standing_row(o, it == by_unit.end() ? nullptr : it->second, c.due, today);
    count_row(c.total, row);
    DistrictRates& d = districts[row.district];
    d.unit = row.district, d.name = row.district_name;
    count_row(d.counts, row);
    c.rows.push_back(std::move(row));
  }
  for (auto& [code, d] : districts) c.districts.push_back(std::move(d));
  return c;
}

Result<RatesOverTime> completeness_over_time(Database& db, std::string_view unit_code, std::string_view from_text,
                                             std::string_view to_text, Date today, const UnitFilter& visible) {
  auto from = Period::parse(from_text);
  if (!from) return from.error();
  auto to = Period::parse(to_text);
  if (!to) return Error::invalid("to", to.error().vi, to.error().en);
  auto form = completeness_form(from->label, "from");
  if (!form) return form.error();
  auto to_form = completeness_form(to->label, "to");
  if (!to_form || to_form->form != form->form)
    return Error::invalid("to", "'from' và 'to' phải cùng là tháng hoặc cùng là quý",
                          "'from' and 'to' must both be months or both quarters");
  auto periods = completeness_periods(*from, *to, form->form);
  if (!periods) return periods.error();
  const UnitTree tree = completeness_tree(db);
  auto root = completeness_root(tree, unit_code, periods->back().last);
  if (!root) return root.error();
  const OrgUnit* province = province_of(tree, **root, periods->back().last);
  const ProvinceDeadlines deadlines = province ? deadlines_of(db, *province) : ProvinceDeadlines{};

  RatesOverTime r;
  r.unit = (*root)->code;
  r.unit_name = (*root)->name;
  r.form = kReportForms.code(form->form);
  r.province = deadlines.province;
  std::vector<std::vector<OwingUnit>> owing;
  std::set<int64_t> seen;
  std::vector<UnitId> ids;
  for (const Period& p : *periods) {
    r.periods.push_back(p.label);
    r.due.push_back(due_date(deadlines.deadlines, p).value_or(p.last));
    owing.push_back(owing_units(tree, **root, form->owes, p.last, visible));
    for (const OwingUnit& o : owing.back())
      if (seen.insert(o.unit->id.value).second) ids.push_back(o.unit->id);
  }
  const std::vector<ReportStanding> standings =
      db.read([&](Store& s) { return s.report_standings(ids, r.form, r.periods); });
  std::map<std::pair<int64_t, std::string>, const ReportStanding*> by_key;
  for (const ReportStanding& s : standings) by_key[{s.unit.value, s.period}] = &s;
  std::map<std::string, RatesOverTime::District> districts;
  r.total.resize(r.periods.size());
  for (size_t i = 0; i < r.periods.size(); ++i) {
    for (const OwingUnit& o : owing[i]) {
      const auto it = by_key.find({o.unit->id.value, r.periods[i]});
      const UnitStanding row = standing_row(o, it == by_key.end() ? nullptr : it->second, r.due[i], today);
      count_row(r.total[i], row);
      RatesOverTime::District& d = districts[row.district];
      d.unit = row.district, d.name = row.district_name;
      d.counts.resize(r.periods.size());
      count_row(d.counts[i], row);
    }
  }
  for (auto& [code, d] : districts) r.districts.push_back(std::move(d));
  return r;
}

nlohmann::ordered_json completeness_json(const Completeness& c) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const UnitStanding& s : c.rows) {
    const auto opt_text = [](const std::string& t) { return t.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(t); };
    rows.push_back({{"unit", s.unit},
                    {"name", s.name},
                    {"district", opt_text(s.district)},
                    {"district_name", opt_text(s.district_name)},
                    {"status", s.status},
                    {"report", s.report == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.report)},
                    {"version", s.version == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.version)},
                    {"submitted_at", opt_text(s.submitted_at)},
                    {"on_time", s.submitted_at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.on_time)},
                    {"days_late", s.days_late},
                    {"days_overdue", s.days_overdue},
                    {"return_comment", opt_text(s.return_comment)},
                    {"returned_at", opt_text(s.returned_at)}});
  }
  nlohmann::ordered_json districts = nlohmann::ordered_json::array();
  for (const DistrictRates& d : c.districts) {
    nlohmann::ordered_json j{{"unit", d.unit}, {"name", d.name}};
    j.update(counts_json(d.counts));
    districts.push_back(std::move(j));
  }
  return {{"unit", c.unit},         {"unit_name", c.unit_name}, {"period", c.period},
          {"form", c.form},         {"province", c.province},   {"due", c.due.iso()},
          {"total", counts_json(c.total)}, {"districts", districts}, {"rows", rows}};
}

nlohmann::ordered_json rates_json(const RatesOverTime& r) {
  nlohmann::ordered_json total = nlohmann::ordered_json::array();
  for (size_t i = 0; i < r.periods.size(); ++i) {
    nlohmann::ordered_json j{{"period", r.periods[i]}, {"due", r.due[i].iso()}};
    j.update(counts_json(r.total[i]));
    total.push_back(std::move(j));
  }
  nlohmann::ordered_json districts = nlohmann::ordered_json::array();
  for (const RatesOverTime::District& d : r.districts) {
    nlohmann::ordered_json periods = nlohmann::ordered_json::array();
    for (size_t i = 0; i < r.periods.size(); ++i) {
      nlohmann::ordered_json j{{"period", r.periods[i]}};
      j.update(counts_json(i < d.counts.size() ? d.counts[i] : RateCounts{}));
      periods.push_back(std::move(j));
    }
    districts.push_back({{"unit", d.unit}, {"name", d.name}, {"periods", periods}});
  }
  return {{"unit", r.unit},      {"unit_name", r.unit_name}, {"form", r.form},
          {"province", r.province}, {"periods", total},      {"districts", districts}};
}

}  // namespace danso::reports

// The rows of a report: counted from the store, summed, compared with the
// version before, and as JSON (stored and in the API).
#include <algorithm>
#include <map>

#include "analytics/base_counts.h"
#include "app/reports/report_form.h"
#include "app/reports/reports.h"
#include "core/event.h"

namespace danso::reports {

namespace {

constexpr size_t kMovesInColumn = 15;  // then moves_out
static_assert(std::string_view(kReportColumns[kMovesInColumn].key) == "moves_in" &&
              std::string_view(kReportColumns[kMovesInColumn + 1].key) == "moves_out");

// The form's columns (core/report.h kReportColumns, in order) from a
// village's counts.
Values values_of(const analytics::UnitCounts& c) {
  int64_t deaths = 0;
  for (const auto& by_age : c.deaths)
    for (int32_t n : by_age) deaths += n;
  int64_t starts = 0;
  for (int64_t n : c.new_acceptors) starts += n;
  // The starts by method, in the order of kReportColumns' last seven.
  const auto by_method = [&c](ContraceptiveMethod m) { return c.new_acceptors[size_t(m)]; };
  // Permanent residents by sex: the residents without those in temporary
  // residence, as c.permanent_population_end() for both.
  std::array<int64_t, 2> by_sex{};
  for (size_t s = 0; s < 2; ++s) {
    for (int32_t n : c.pop_end[s]) by_sex[s] += n;
    by_sex[s] -= c.temporary_end[s];
  }
  return {c.households_end,   c.permanent_population_end(), c.married_women_15_49_end,
          c.births[0] + c.births[1], c.births[0],       c.births[1],
          c.births_order2,    c.births_order3plus,      c.births_mother_under20,
          deaths,             c.marriages,              c.child_marriages,
          c.consanguineous_marriages, c.premarital_counsellings, c.divorces,
          c.moves_in,         c.moves_out,              by_sex[0],
          by_sex[1],          starts,                   c.pregnancies,
          c.prenatal_screenings, c.newborn_screenings,
          by_method(ContraceptiveMethod::kIud), by_method(ContraceptiveMethod::kImplant),
          by_method(ContraceptiveMethod::kInjectable), by_method(ContraceptiveMethod::kPill),
          by_method(ContraceptiveMethod::kCondom), by_method(ContraceptiveMethod::kMaleSterilisation),
          by_method(ContraceptiveMethod::kFemaleSterilisation)};
}
static_assert(report_column_index("contraception_iud") == 23 &&
              report_column_index("contraception_female_sterilisation") == kReportColumnCount - 1);

std::vector<const OrgUnit*> children_of_kind(const UnitTree& tree, UnitId parent, UnitKind kind, Date on) {
  std::vector<const OrgUnit*> out;
  for (UnitId id : tree.children_on(parent, on))
    if (const OrgUnit* u = tree.find(id); u && u->kind == kind) out.push_back(u);
  std::sort(out.begin(), out.end(), [](const OrgUnit* a, const OrgUnit* b) { return a->code < b->code; });
  return out;
}

nlohmann::ordered_json values_json(const Values& v, const std::vector<int>& columns) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (int i : columns) out[kReportColumns[size_t(i)].key] = v[size_t(i)];
  return out;
}

Values values_from(const nlohmann::json& j) {
  Values v{};
  for (int i = 0; i < kReportColumnCount; ++i) v[size_t(i)] = j.value(kReportColumns[size_t(i)].key, int64_t(0));
  return v;
}

nlohmann::ordered_json rows_json(const std::vector<ReportRow>& rows, const std::vector<int>& columns) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ReportRow& r : rows)
    out.push_back({{"unit", r.unit}, {"name", r.name}, {"values", values_json(r.values, columns)}});
  return out;
}

nlohmann::ordered_json diff_json(const std::vector<DiffCell>& diff) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const DiffCell& d : diff)
    out.push_back({{"unit", d.unit}, {"column", d.column}, {"before", d.before}, {"after", d.after}});
  return out;
}

}  // namespace

std::vector<ReportRow> count_rows(const analytics::RegisterSnapshot& snap, const OrgUnit& unit, const Period& period) {
  const UnitTree& tree = snap.tree;
  const Date on = period.last;
  // Each row's villages: the village itself, or a commune's villages.
  std::vector<ReportRow> rows;
  std::vector<UnitId> villages;
  std::vector<size_t> row_of;
  std::vector<UnitId> row_units;
  const UnitKind row_kind = unit.kind == UnitKind::kDistrict ? UnitKind::kCommune : UnitKind::kVillage;
  for (const OrgUnit* child : children_of_kind(tree, unit.id, row_kind, on)) {
    rows.push_back({child->code, child->name, {}});
    row_units.push_back(child->id);
    if (row_kind == UnitKind::kVillage) {
      villages.push_back(child->id);
      row_of.push_back(rows.size() - 1);
      continue;
    }
    for (const OrgUnit* v : children_of_kind(tree, child->id, UnitKind::kVillage, on)) {
      villages.push_back(v->id);
      row_of.push_back(rows.size() - 1);
    }
  }
  if (villages.empty()) return rows;
  // Each village with the earlier versions it continues or took over in
  // full (UnitTree::lineage): their households and residents are its own.
  std::vector<int32_t> slots;
  std::vector<size_t> row_of_slot;
  for (size_t i = 0; i < villages.size(); ++i)
    for (UnitId version : tree.lineage(villages[i])) {
      slots.push_back(snap.slot_of(version));
      row_of_slot.push_back(row_of[i]);
    }
  const std::vector<analytics::UnitCounts> counts = analytics::count_villages(snap, period, slots);
  for (size_t i = 0; i < slots.size(); ++i) {
    const Values v = values_of(counts[i]);
    Values& sum = rows[row_of_slot[i]].values;
    for (size_t k = 0; k < v.size(); ++k) sum[k] += v[k];
  }
  // A move between two villages of a row's unit is no move in or out of it.
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto [in, out] = analytics::moves_within(snap, period, snap.slot_of(row_units[r]));
    rows[r].values[kMovesInColumn] -= in;
    rows[r].values[kMovesInColumn + 1] -= out;
  }
  return rows;
}

Values sum_rows(const std::vector<ReportRow>& rows) {
  Values total{};
  for (const ReportRow& r : rows)
    for (size_t k = 0; k < total.size(); ++k) total[k] += r.values[k];
  return total;
}

std::vector<int> form_columns(ReportForm form) {
  std::vector<int> out;
  for (int k = 0; k < kReportColumnCount; ++k)
    if (report_carries(form, k)) out.push_back(k);
  return out;
}

std::vector<int> held_columns(const std::string& rows_json_text, ReportForm form) {
  const std::vector<int> carried = form_columns(form);
  const nlohmann::json j = nlohmann::json::parse(rows_json_text, nullptr, false);
  if (!j.is_array() || j.empty()) return carried;
  std::vector<int> out;
  for (int k : carried)
    for (const auto& r : j) {
      const auto values = r.find("values");
      if (values != r.end() && values->is_object() && values->contains(kReportColumns[size_t(k)].key)) {
        out.push_back(k);
        break;
      }
    }
  return out;
}

std::vector<DiffCell> diff_rows(const std::vector<ReportRow>& before, const std::vector<ReportRow>& after,
                                const std::vector<int>& columns) {
  std::map<std::string, std::pair<Values, Values>> cells;  // by unit code, in code order
  for (const ReportRow& r : before) cells[r.unit].first = r.values;
  for (const ReportRow& r : after) cells[r.unit].second = r.values;
  std::vector<DiffCell> out;
  for (const auto& [unit, pair] : cells)
    for (int k : columns)
      if (pair.first[size_t(k)] != pair.second[size_t(k)])
        out.push_back({unit, kReportColumns[size_t(k)].key, pair.first[size_t(k)], pair.second[size_t(k)]});
  return out;
}

std::string rows_to_json(const std::vector<ReportRow>& rows, ReportForm form) {
  return rows_json(rows, form_columns(form)).dump();
}

std::vector<ReportRow> rows_from_json(const std::string& text) {
  std::vector<ReportRow> rows;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return rows;
  for (const auto& r : j)
    rows.push_back({r.value("unit", ""), r.value("name", ""), values_from(r.value("values", nlohmann::json::object()))});
  return rows;
}

std::string diff_to_json(const std::vector<DiffCell>& diff) { return diff_json(diff).dump(); }

std::vector<DiffCell> diff_from_json(const std::string& text) {
  std::vector<DiffCell> out;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& d : j)
    out.push_back({d.value("unit", ""), d.value("column", ""), d.value("before", int64_t(0)), d.value("after", int64_t(0))});
  return out;
}

nlohmann::ordered_json summary_json(const Report& r) {
  return {{"id", r.record.id},         {"unit", r.unit_code},         {"unit_name", r.unit_name},
          {"form", r.record.form},     {"period", r.record.period},   {"version", r.record.version},
          {"status", r.record.status}, {"updated_at", r.record.updated_at}};
}

nlohmann::ordered_json report_json(const Report& r) {
  nlohmann::ordered_json out = summary_json(r);
  // The columns the version holds, in the printed form's order, each with
  // its row on the form: number, label as printed, unit of measure, and
  // whether it is a "Trong đó" sub-row of the row before.
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  const ReportForm form = kReportForms.find(r.record.form).value_or(ReportForm::kCommuneMonthly);
  for (const FormLine& line : form_lines(form)) {
    if (!line.column || std::find(r.columns.begin(), r.columns.end(), *line.column) == r.columns.end()) continue;
    const ReportColumn& c = kReportColumns[size_t(*line.column)];
    columns.push_back({{"key", c.key},           {"label_vi", c.label_vi},        {"label_en", c.label_en},
                       {"number", line.number},  {"form_label", line.label},      {"unit_of_measure", line.unit},
                       {"sub", line.sub}});
  }
  out["columns"] = columns;
  out["rows"] = rows_json(r.rows, r.columns);
  out["total"] = values_json(r.total, r.columns);
  nlohmann::ordered_json history = nlohmann::ordered_json::array();
  for (const ReportHistoryRecord& h : r.history)
    history.push_back({{"action", h.action}, {"user", h.user_name}, {"at", h.at}, {"comment", h.comment}});
  out["history"] = history;
  out["diff"] = diff_json(r.diff);
  return out;
}

}  // namespace danso::reports

#include "app/programme/yearly_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/export/html_escape.h"
#include "app/export/xlsx.h"
#include "app/programme/yearly_report_tasks.h"
#include "app/programme/yearly_report_training.h"
#include "core/number_text.h"
#include "core/text.h"

namespace danso {

namespace {


std::string goal_text(const TargetRow& r) {
  if (!r.goal) return "";
  return std::to_string(r.goal->year) + ": " + kGoalKinds.label(r.goal->kind) + " " + short_number(r.goal->value) +
         (r.goal->tolerance ? " ±" + short_number(r.goal->tolerance) : "");
}

std::string baseline_text(const PlanTarget& t) {
  if (!t.baseline.value) return "";
  return short_number(t.baseline.value) + (t.baseline.year ? " (" + std::to_string(*t.baseline.year) + ")" : "");
}

bool needs_attention(TargetStatus s) {
  return s == TargetStatus::kMissed || s == TargetStatus::kOffTrack || s == TargetStatus::kAtRisk;
}

XlsxCell opt_number(const std::optional<double>& v) { return v ? XlsxCell::number(*v) : XlsxCell::empty(); }

// One line of the attention list: a target of a unit that needs it.
struct Attention {
  const PlanProgress* plan;
  std::string unit_code, unit_name;
  const TargetRow* row;
};

std::vector<Attention> attention_list(const YearlyReport& r) {
  std::vector<Attention> out;
  for (const PlanProgress& p : r.plans) {
    for (const TargetRow& row : p.rows)
      if (needs_attention(row.progress.status)) out.push_back({&p, p.unit_code, p.unit_name, &row});
    for (const PlanProgress::Child& c : p.children)
      for (const TargetRow& row : c.rows)
        if (needs_attention(row.progress.status)) out.push_back({&p, c.unit_code, c.unit_name, &row});
  }
  return out;
}

}  // namespace

Result<YearlyReport> compile_yearly_report(Database& db, const analytics::RegisterSnapshot& snap,
                                           const analytics::IndicatorCatalogue& catalogue,
                                           const YearlyReportRequest& rq) {
  if (rq.year < 1900 || rq.year > 2200)
    return Error::invalid("year", "năm phải từ 1900 đến 2200", "the year must be from 1900 to 2200");
  const Date last = Date::from_ymd_unchecked(rq.year, 12, 31);
  auto unit = snap.tree.resolve_or_error(rq.unit_code, last, "unit");
  if (!unit) return unit.error();
  YearlyReport out;
  out.unit_code = rq.unit_code, out.unit_name = snap.tree.find(*unit)->name, out.year = rq.year;
  for (const PlanRecord& plan : list_plans(db)) {
    if (!snap.tree.within(*unit, plan.unit, last)) continue;
    ProgressOptions o;
    o.unit = rq.unit_code, o.year = rq.year, o.children = true;
    auto p = plan_progress(db, snap, catalogue, plan.plan.id, o);
    if (!p) return p.error();
    out.plans.push_back(std::move(*p));
  }
  for (const RewardRunRecord& r : list_reward_runs(db)) {
    if (r.unit != *unit || r.year != rq.year) continue;
    auto full = find_reward_run(db, r.id);
    if (!full) return full.error();
    auto run = reward_run_from_json(nlohmann::json::parse(full->result));
    if (!run) return run.error();
    out.reward_run = std::move(*full), out.rewards = std::move(*run);
    break;  // newest first
  }
  if (auto budgets = budget_report(db, rq.unit_code, rq.year)) out.budgets = std::move(*budgets);
  out.on = rq.on && *rq.on < last ? *rq.on : last;
  TaskListOptions tasks;
  tasks.unit = rq.unit_code, tasks.on = out.on;
  auto listed = list_tasks(db, tasks);
  if (!listed) return listed.error();
  out.tasks = std::move(*listed);
  out.agencies = summarise_by_agency(out.tasks);
  // Counted on 31 December, whatever the day the report is made.
  auto training = training_coverage_report(db, rq.unit_code, rq.year, Date::from_ymd_unchecked(rq.year + 1, 1, 1));
  if (!training) return training.error();
  out.training = std::move(*training);
  return out;
}

int64_t targets_needing_attention(const YearlyReport& r) {
  int64_t n = 0;
  for (const PlanProgress& p : r.plans)
    for (const TargetRow& row : p.rows) n += needs_attention(row.progress.status);
  return n;
}

int64_t overdue_tasks(const YearlyReport& r) {
  return std::count_if(r.tasks.begin(), r.tasks.end(), [](const TaskView& v) { return v.state == "overdue"; });
}

Result<std::string> yearly_report_xlsx(const YearlyReport& r) {
  const std::string head = "BÁO CÁO NĂM " + std::to_string(r.year) + " VỀ CÔNG TÁC DÂN SỐ — " + r.unit_code + " " + r.unit_name;
  std::vector<XlsxSheet> sheets;
  XlsxSheet targets;
  targets.name = "Chỉ tiêu";
  targets.title_lines = {head, "Chỉ tiêu kế hoạch so với số liệu từ sổ / plan targets against the register"};
  targets.header = {"Kế hoạch", "Mã chỉ tiêu", "Chỉ tiêu", "Chỉ số", "Năm gốc", "Giá trị", "Mục tiêu", "Theo lộ trình",
                    "Chênh lệch", "Tình trạng", "Lý do"};
  targets.landscape = true;
  for (const PlanProgress& p : r.plans)
    for (const TargetRow& row : p.rows) {
      const PlanTarget& t = *row.target;
      targets.rows.push_back({XlsxCell::text(p.plan.plan.number), XlsxCell::text(t.key), XlsxCell::text(t.name_vi),
                              XlsxCell::text(t.indicator.value_or("nhập tay")), XlsxCell::text(baseline_text(t)),
                              opt_number(row.value), XlsxCell::text(goal_text(row)), opt_number(row.progress.expected),
                              opt_number(row.progress.gap), XlsxCell::text(kTargetStatuses.label(row.progress.status)),
                              XlsxCell::text(row.progress.reason_vi)});
    }
  if (r.plans.empty()) targets.title_lines.push_back("Chưa có kế hoạch nào bao gồm đơn vị này (danso plan import).");
  sheets.push_back(std::move(targets));

  XlsxSheet attention;
  attention.name = "Cần chú ý";
  attention.title_lines = {head, "Chỉ tiêu không đạt, chệch hướng hoặc có nguy cơ, của đơn vị và các đơn vị cấp dưới"};
  attention.header = {"Kế hoạch", "Đơn vị", "Tên đơn vị", "Chỉ tiêu", "Giá trị", "Mục tiêu", "Tình trạng", "Lý do"};
  attention.landscape = true;
  for (const Attention& a : attention_list(r))
    attention.rows.push_back({XlsxCell::text(a.plan->plan.plan.number), XlsxCell::text(a.unit_code),
                              XlsxCell::text(a.unit_name), XlsxCell::text(a.row->target->name_vi),
                              opt_number(a.row->value), XlsxCell::text(goal_text(*a.row)),
                              XlsxCell::text(kTargetStatuses.label(a.row->progress.status)),
                              XlsxCell::text(a.row->progress.reason_vi)});
  sheets.push_back(std::move(attention));

  XlsxSheet rewards;
  rewards.name = "Khen thưởng";
  rewards.header = {"Xã / quy tắc", "Tên", "Số tiền (đồng)"};
  rewards.number_formats = {"", "", "#,##0"};
  if (r.rewards) {
    const RewardResult& x = r.rewards->result;
    rewards.title_lines = {head, "Khen thưởng, hỗ trợ: " + r.rewards->rule_set_title + " (" + x.rule_set + ", " + x.version +
                                     "), lần tính số " + std::to_string(r.reward_run->id) + " lưu lúc " +
                                     r.reward_run->created_at + ", trạng thái sổ " +
                                     r.reward_run->register_state};
    std::map<std::string, std::string> names;
    for (const Payment& p : x.payments) names[p.commune_code] = p.commune_name;
    for (const auto& [code, total] : x.total_by_commune)
      rewards.rows.push_back({XlsxCell::text(code), XlsxCell::text(names[code]), XlsxCell::number(double(total))});
    for (const auto& [rule, total] : x.total_by_rule)
      rewards.rows.push_back({XlsxCell::text(rule), XlsxCell::text("(theo quy tắc / by rule)"), XlsxCell::number(double(total))});
    rewards.total = XlsxRow{XlsxCell::text("Tổng cộng"), XlsxCell::empty(), XlsxCell::number(double(x.total))};
  } else {
    rewards.title_lines = {head, "Chưa lưu lần tính khen thưởng nào của đơn vị cho năm " + std::to_string(r.year) +
                                     " (danso rewards --save)."};
  }
  sheets.push_back(std::move(rewards));

  XlsxSheet budgets;
  budgets.name = "Ngân sách";
  budgets.title_lines = {head, "Chi cho công tác dân số so với mức tối thiểu 0,15% tổng chi ngân sách thường xuyên"};
  budgets.header = {"Đơn vị", "Tên", "Tổng chi thường xuyên (đồng)", "Chi cho công tác dân số (đồng)", "Tỷ lệ (%)",
                    "Tình trạng"};
  budgets.number_formats = {"", "", "#,##0", "#,##0", "0.000", ""};
  for (const BudgetRow& b : r.budgets)
    budgets.rows.push_back({XlsxCell::text(b.unit_code), XlsxCell::text(b.unit_name),
                            b.budget ? XlsxCell::number(double(b.budget->regular_spending_vnd)) : XlsxCell::empty(),
                            b.budget ? XlsxCell::number(double(b.budget->population_spending_vnd)) : XlsxCell::empty(),
                            opt_number(b.share_percent),
                            XlsxCell::text(b.status == "meets" ? "đạt" : b.status == "below" ? "dưới mức" : "chưa có số liệu")});
  sheets.push_back(std::move(budgets));
  sheets.push_back(yearly_training_sheet(r.training, head));
  sheets.push_back(yearly_tasks_sheet(r, head));
  return write_xlsx(sheets);
}

std::string yearly_report_html(const YearlyReport& r) {
  const auto e = [](std::string_view s) { return html_escape(s); };
  std::string h;
  h += "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>Báo cáo năm " + std::to_string(r.year) +
       " — " + e(r.unit_name) + "</title>\n<style>\n"
       "@page { size: A4; margin: 15mm; }\n"
       "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #111; max-width: 180mm; margin: auto; }\n"
       "h1 { font-size: 14pt; } h2 { font-size: 12pt; margin-top: 1.2em; break-after: avoid; }\n"
       "table { border-collapse: collapse; width: 100%; margin: .4em 0; }\n"
       "th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }\n"
       "th { background: #eee; } td.n { text-align: right; white-space: nowrap; }\n"
       "tr { break-inside: avoid; } .muted { color: #555; }\n"
       ".s-missed, .s-off_track, .s-overdue { color: #a00; font-weight: bold; } .s-at_risk, .s-blocked { color: #a60; }\n"
       "</style></head><body>\n";
  h += "<h1>BÁO CÁO NĂM " + std::to_string(r.year) + " VỀ CÔNG TÁC DÂN SỐ<br>" + e(r.unit_code) + " " + e(r.unit_name) +
       "</h1>\n";
  h += "<h2>1. Chỉ tiêu kế hoạch</h2>\n";
  if (r.plans.empty()) h += "<p class=\"muted\">Chưa có kế hoạch nào bao gồm đơn vị này.</p>\n";
  for (const PlanProgress& p : r.plans) {
    h += "<p><b>" + e(p.plan.plan.number) + "</b> — " + e(p.plan.plan.title) + "</p>\n<table><tr><th>Chỉ tiêu</th>"
         "<th>Năm gốc</th><th>Giá trị</th><th>Mục tiêu</th><th>Lộ trình</th><th>Tình trạng</th></tr>\n";
    for (const TargetRow& row : p.rows) {
      const std::string code = kTargetStatuses.code(row.progress.status);
      h += "<tr><td>" + e(row.target->name_vi) + "</td><td class=\"n\">" + e(baseline_text(*row.target)) +
           "</td><td class=\"n\">" + short_number(row.value) + "</td><td>" + e(goal_text(row)) + "</td><td class=\"n\">" +
           short_number(row.progress.expected) + "</td><td class=\"s-" + code + "\">" + kTargetStatuses.label(row.progress.status) +
           "</td></tr>\n";
    }
    h += "</table>\n";
  }
  h += "<h2>2. Chỉ tiêu cần chú ý (đơn vị và cấp dưới)</h2>\n";
  const auto attention = attention_list(r);
  if (attention.empty()) h += "<p class=\"muted\">Không có chỉ tiêu nào không đạt, chệch hướng hoặc có nguy cơ.</p>\n";
  else {
    h += "<table><tr><th>Đơn vị</th><th>Chỉ tiêu</th><th>Giá trị</th><th>Mục tiêu</th><th>Tình trạng</th></tr>\n";
    for (const Attention& a : attention)
      h += "<tr><td>" + e(a.unit_code) + " " + e(a.unit_name) + "</td><td>" + e(a.row->target->name_vi) +
           "</td><td class=\"n\">" + short_number(a.row->value) + "</td><td>" + e(goal_text(*a.row)) + "</td><td class=\"s-" +
           kTargetStatuses.code(a.row->progress.status) + "\">" + kTargetStatuses.label(a.row->progress.status) +
           "</td></tr>\n";
    h += "</table>\n";
  }
  h += "<h2>3. Khen thưởng, hỗ trợ</h2>\n";
  if (!r.rewards) {
    h += "<p class=\"muted\">Chưa lưu lần tính khen thưởng nào của đơn vị cho năm này.</p>\n";
  } else {
    const RewardResult& x = r.rewards->result;
    h += "<p>" + e(r.rewards->rule_set_title) + " (" + e(x.rule_set) + ", " + e(x.version) + "), lần tính số " +
         std::to_string(r.reward_run->id) + ": <b>" + group_thousands(x.total) + " đồng</b>, " + std::to_string(x.payments.size()) +
         " khoản.</p>\n<table><tr><th>Quy tắc</th><th>Số tiền (đồng)</th></tr>\n";
    for (const auto& [rule, total] : x.total_by_rule)
      h += "<tr><td>" + e(rule) + "</td><td class=\"n\">" + group_thousands(total) + "</td></tr>\n";
    h += "</table>\n";
  }
  h += "<h2>4. Ngân sách cho công tác dân số (tối thiểu 0,15% chi thường xuyên)</h2>\n";
  if (r.budgets.empty()) h += "<p class=\"muted\">Không có huyện, xã nào thuộc đơn vị.</p>\n";
  else {
    h += "<table><tr><th>Đơn vị</th><th>Chi thường xuyên</th><th>Chi cho dân số</th><th>Tỷ lệ</th><th>Tình trạng</th></tr>\n";
    for (const BudgetRow& b : r.budgets) {
      char share[32] = "";
      if (b.share_percent) std::snprintf(share, sizeof share, "%.3f%%", *b.share_percent);
      h += "<tr><td>" + e(b.unit_code) + " " + e(b.unit_name) + "</td><td class=\"n\">" +
           (b.budget ? group_thousands(b.budget->regular_spending_vnd) : "") + "</td><td class=\"n\">" +
           (b.budget ? group_thousands(b.budget->population_spending_vnd) : "") + "</td><td class=\"n\">" + share + "</td><td>" +
           (b.status == "meets" ? "đạt" : b.status == "below" ? "dưới mức" : "chưa có số liệu") + "</td></tr>\n";
    }
    h += "</table>\n";
  }
  h += yearly_training_html(r.training);
  h += yearly_tasks_html(r);
  h += "<p class=\"muted\">Lập bằng DanSo từ sổ hộ, kế hoạch, lần tính khen thưởng, số liệu ngân sách và đào tạo đã nhập.</p>\n"
       "</body></html>\n";
  return h;
}

}  // namespace danso

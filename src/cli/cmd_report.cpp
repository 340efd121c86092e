// danso report: the reports' deadlines, completeness and data quality
// (docs/reports.md).
//   deadlines --db F --unit CODE                                   the deadlines of the province holding the unit
//   deadlines --db F --unit PROVINCE [--monthly-day N] [--quarterly-day N] [--yearly MM-DD]   set them
//   completeness --db F --unit CODE (--period P | --from P --to P) [--format table|json]
//   quality --db F --unit CODE --period P [--format table|json]
// Exit 0 done; 2 bad input or a unit the database lacks (nothing written).
#include <iomanip>
#include <sstream>
#include <iostream>

#include "app/database.h"
#include "app/reports/completeness.h"
#include "app/reports/data_quality.h"
#include "app/reports/deadlines.h"
#include "cli/audit_options.h"
#include "cli/command.h"

namespace {

struct ReportArgs {
  std::string db, unit, period, from, to, yearly, format = "table";
  int monthly_day = 0, quarterly_day = 0;
  danso::accounts::AnchorConfig anchors;
};

void report_print_deadlines(const danso::reports::ProvinceDeadlines& d) {
  std::cout << "Tỉnh / province " << d.province << " " << d.province_name
            << (d.defaults ? " (mặc định / defaults)" : " (đặt lúc / set at " + d.updated_at + " bởi / by " + d.updated_by + ")")
            << "\n  báo cáo tháng của xã / commune monthly: ngày / day " << d.deadlines.monthly_day
            << " tháng sau / of the next month\n  báo cáo quý của huyện / district quarterly: ngày / day "
            << d.deadlines.quarterly_day << " tháng sau quý / of the month after the quarter\n  báo cáo năm / yearly: "
            << danso::yearly_date_text(d.deadlines) << " (MM-DD)\n";
}

int report_run_deadlines(const ReportArgs& a, int64_t now) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  if (a.monthly_day == 0 && a.quarterly_day == 0 && a.yearly.empty()) {
    auto d = reports::deadlines_for(**db, a.unit, accounts::date_of(now));
    if (!d) return cli::report_error(d.error());
    report_print_deadlines(*d);
    return 0;
  }
  auto current = reports::deadlines_for(**db, a.unit, accounts::date_of(now));
  if (!current) return cli::report_error(current.error());
  ReportDeadlines d = current->deadlines;
  if (a.monthly_day != 0) d.monthly_day = a.monthly_day;
  if (a.quarterly_day != 0) d.quarterly_day = a.quarterly_day;
  if (!a.yearly.empty())
    if (auto st = parse_yearly_date(a.yearly, d, "--yearly"); !st) return cli::report_error(st.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  auto saved = reports::set_deadlines(**db, nullptr, a.unit, d, now);
  if (!saved) {
    std::cerr << "Không ghi gì / nothing written\n";
    return cli::report_error(saved.error());
  }
  std::cout << "Đã ghi / recorded\n";
  report_print_deadlines(*saved);
  return anchors.after_write((*db)->store(), now);
}

std::string report_percent_text(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << v << "%";
  return s.str();
}

int report_run_completeness(const ReportArgs& a, danso::Date today) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  if (a.period.empty() == (a.from.empty() && a.to.empty()))
    return cli::report_error(Error::invalid("--period", "cho --period, hoặc --from và --to", "give --period, or --from and --to"));
  if (!a.period.empty()) {
    auto c = reports::completeness(**db, a.unit, a.period, today);
    if (!c) return cli::report_error(c.error());
    if (a.format == "json") {
      std::cout << reports::completeness_json(*c).dump(2) << "\n";
      return 0;
    }
    std::cout << c->unit << " " << c->unit_name << " " << c->period << " (" << c->form << "), hạn / due " << c->due.iso()
              << "\n";
    for (const reports::UnitStanding& s : c->rows) {
      std::cout << s.district << "\t" << s.unit << "\t" << s.name << "\t" << s.status;
      if (!s.submitted_at.empty())
        std::cout << "\t" << s.submitted_at << "\t" << (s.on_time ? "đúng hạn / on time" : "trễ / late " + std::to_string(s.days_late) + " ngày / days");
      else if (s.days_overdue > 0)
        std::cout << "\t-\tquá hạn / overdue " << s.days_overdue << " ngày / days";
      if (!s.return_comment.empty()) std::cout << "\t\"" << s.return_comment << "\"";
      std::cout << "\n";
    }
    for (const reports::DistrictRates& d : c->districts)
      std::cout << "# " << d.unit << " " << d.name << ": " << d.counts.reported << "/" << d.counts.expected << " "
                << report_percent_text(d.counts.reporting_rate()) << ", đúng hạn / on time " << d.counts.on_time << " "
                << report_percent_text(d.counts.on_time_rate()) << "\n";
    std::cout << "# Tổng / total: " << c->total.reported << "/" << c->total.expected << " "
              << report_percent_text(c->total.reporting_rate()) << ", đúng hạn / on time " << c->total.on_time << " "
              << report_percent_text(c->total.on_time_rate()) << "\n";
    return 0;
  }
  auto r = reports::completeness_over_time(**db, a.unit, a.from, a.to, today);
  if (!r) return cli::report_error(r.error());
  if (a.format == "json") {
    std::cout << reports::rates_json(*r).dump(2) << "\n";
    return 0;
  }
  std::cout << "kỳ / period\thạn / due\tđã gửi / reported\tđúng hạn / on time\n";
  for (size_t i = 0; i < r->periods.size(); ++i)
    std::cout << r->periods[i] << "\t" << r->due[i].iso() << "\t" << r->total[i].reported << "/" << r->total[i].expected
              << " " << report_percent_text(r->total[i].reporting_rate()) << "\t" << r->total[i].on_time << " "
              << report_percent_text(r->total[i].on_time_rate()) << "\n";
  return 0;
}

int report_run_quality(const ReportArgs& a) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  auto q = reports::data_quality(**db, a.unit, a.period);
  if (!q) return cli::report_error(q.error());
  if (a.format == "json") {
    std::cout << reports::data_quality_json(*q).dump(2) << "\n";
    return 0;
  }
  std::cout << q->unit << " " << q->unit_name << " " << q->period << ": " << q->villages << " thôn / villages\n";
  std::cout << "# Biến động bất thường / outliers: " << q->outliers.size() << "\n";
  for (const auto& o : q->outliers)
    std::cout << o.month << "\t" << o.village << "\t" << o.name << "\t" << o.measure << "\t" << o.value << "\t(TB / mean "
              << o.mean << ", ngưỡng / band " << o.low << "-" << o.high << ")\n";
  std::cout << "# Sinh không ghi có thai trước / births without a pregnancy: " << q->births_without_pregnancy_total << "/"
            << q->births << "\n";
  for (const auto& b : q->births_without_pregnancy)
    std::cout << b.date.iso() << "\t" << b.village << "\t" << b.name << "\ttrẻ / child " << b.child << "\tmẹ / mother "
              << b.mother << "\n";
  std::cout << "# Tỷ số giới tính khi sinh ngoài 90-125 / sex ratio at birth outside 90-125: " << q->sex_ratio.size()
            << " (xét / checked " << q->sex_ratio_units_checked << ")\n";
  for (const auto& f : q->sex_ratio)
    std::cout << f.unit << "\t" << f.name << "\t" << f.boys << "/" << f.girls << "\t" << f.ratio << "\n";
  std::cout << "# Thôn không có phiếu / villages with no slip: " << q->silent_villages.size() << "\n";
  for (const auto& s : q->silent_villages) std::cout << s.month << "\t" << s.village << "\t" << s.name << "\n";
  return 0;
}

DANSO_COMMAND(report, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("report", "Hạn, tính đầy đủ, chất lượng báo cáo / report deadlines, completeness, quality");
  cmd->require_subcommand(1);
  auto a = std::make_shared<ReportArgs>();
  auto common = [a](CLI::App* sub, const char* unit_help) {
    sub->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
    sub->add_option("--unit", a->unit, unit_help)->required();
  };
  auto* dl = cmd->add_subcommand("deadlines", "hạn báo cáo của tỉnh: xem, hoặc đặt / a province's report deadlines: show or set");
  common(dl, "unit code (shows its province's); to set, the province's code");
  dl->add_option("--monthly-day", a->monthly_day, "the commune's monthly report: due by this day of the next month")
      ->check(CLI::Range(1, 31));
  dl->add_option("--quarterly-day", a->quarterly_day, "the district's quarterly report: by this day of the month after")
      ->check(CLI::Range(1, 31));
  dl->add_option("--yearly", a->yearly, "the yearly report: due on MM-DD of its year (12-10)");
  danso::cli::add_anchor_options(dl, a->anchors);
  dl->callback([&ctx, a] { ctx.exit_code = report_run_deadlines(*a, ctx.now); });

  auto* cp = cmd->add_subcommand("completeness", "báo cáo đã gửi, đúng hạn / which reports came in, and on time");
  common(cp, "unit code: the communes (or districts) below it");
  cp->add_option("--period", a->period, "a month or a year (communes) or a quarter (districts)");
  cp->add_option("--from", a->from, "first period of the rates over time");
  cp->add_option("--to", a->to, "last period of the rates over time");
  cp->add_option("--format", a->format, "table | json")->check(CLI::IsMember({"table", "json"}));
  cp->callback([&ctx, a] { ctx.exit_code = report_run_completeness(*a, ctx.today); });

  auto* dq = cmd->add_subcommand("quality", "kiểm tra chất lượng số liệu / data quality checks");
  common(dq, "unit code: the villages below it");
  dq->add_option("--period", a->period, "whole months, at most 12 (2025-05, 2025-Q2, 2025)")->required();
  dq->add_option("--format", a->format, "table | json")->check(CLI::IsMember({"table", "json"}));
  dq->callback([a, &ctx] { ctx.exit_code = report_run_quality(*a); });
});

}  // namespace

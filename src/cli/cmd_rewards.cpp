// danso rewards --db FILE --rules RULES.json --year YYYY [--unit CODE]
//   [--format table|json|csv] [--totals] [--xlsx PAYMENTS.xlsx] [--save] [--against RUN]
//   [--catalogue FILE.json]
// A year's rewards and support payments under a rule set (danso-rules/1,
// docs/programme.md) for the communes and villages of a unit (default: the
// register's province): every beneficiary with the amount and the evidence
// (figures and event ids), totals per commune and per rule (--totals: only
// those, in the table). --xlsx writes
// the payment list to sign; --save stores the run with the rule set's
// version and the register's state (audited); --against RUN lists what
// changed since a saved run. Exit 2 for a bad rule file (the rule and field
// named, nothing saved), a unit or run that does not exist.
// danso reward-runs --db FILE [--run ID]: the saved runs, newest first; with
// --run, that run's saved JSON.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/accounts/accounts.h"
#include "app/catalogue_file.h"
#include "app/csv/csv_writer.h"
#include "app/database.h"
#include "app/file_output.h"
#include "app/programme/reward_run.h"
#include "app/programme/reward_xlsx.h"
#include "app/programme/rule_file.h"
#include "core/number_text.h"
#include "cli/audit_options.h"
#include "cli/command.h"

namespace {

struct RewardArgs {
  std::string db, rules, unit, catalogue, xlsx, format = "table";
  int year = 0;
  int64_t against = 0, run = 0;
  bool save = false, totals_only = false;
  danso::accounts::AnchorConfig anchors;
};


std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string event_list(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : " ") + std::to_string(id);
  return out;
}

void print_table(const danso::RewardRun& run, const std::vector<danso::RewardChange>* changes, int64_t against,
                 bool totals_only) {
  using namespace danso;
  const RewardResult& r = run.result;
  std::cout << run.rule_set_title << " (" << r.rule_set << ", " << r.version << ") — " << run.unit_code << " "
            << run.unit_name << ", " << r.year << "\n";
  std::cout << "Trạng thái sổ / register state: " << run.register_state << "\n";
  std::cout << "Quy tắc có hiệu lực / rules in force: " << joined(r.rules_in_force, ", ") << "\n\n";
  if (!totals_only) std::cout << "Chi trả / payments:\n";
  for (const Payment& p : r.payments) {
    if (totals_only) break;
    std::cout << "  " << p.commune_code << "\t" << p.rule << "\t" << p.beneficiary_key << "\t" << p.beneficiary_name
              << "\t" << p.cases << " ca/cases\t" << danso::group_thousands(p.amount_vnd) << " đ";
    const std::string ev = joined(p.figures, "; ") + (p.events.empty() ? "" : (p.figures.empty() ? "" : "; ") +
                                                                                  std::string("events ") + event_list(p.events));
    std::cout << "\t" << ev << "\n";
  }
  std::cout << "\nTổng theo xã / totals by commune:\n";
  for (const auto& [code, total] : r.total_by_commune) std::cout << "  " << code << "\t" << danso::group_thousands(total) << " đ\n";
  std::cout << "Tổng theo quy tắc / totals by rule:\n";
  for (const auto& [rule, total] : r.total_by_rule) std::cout << "  " << rule << "\t" << danso::group_thousands(total) << " đ\n";
  std::cout << "Tổng cộng / total: " << r.payments.size() << " khoản / payments, " << danso::group_thousands(r.total)
            << " đ; ca thuộc nhóm miễn phí không chi / cases in a free group, not paid: " << r.cases_exempt << "\n";
  if (changes) {
    std::cout << "\nThay đổi so với lần tính " << against << " / changes against saved run " << against << ": "
              << changes->size() << "\n";
    for (const RewardChange& c : *changes)
      std::cout << "  " << c.commune << "\t" << c.rule << "\t" << c.beneficiary << "\t" << danso::group_thousands(c.before_vnd)
                << " -> " << danso::group_thousands(c.after_vnd) << " đ\t(" << c.before_cases << " -> " << c.after_cases
                << " ca/cases)\n";
  }
}

int run_rewards_cmd(const RewardArgs& a, int64_t now) {
  using namespace danso;
  auto text = cli::read_input_file(a.rules, "rules");
  if (!text) return cli::report_error(text.error());
  auto catalogue = catalogue_with_file(a.catalogue);
  if (!catalogue) return cli::report_error(catalogue.error());
  auto rules = read_rule_file(*text, *catalogue);
  if (!rules) {
    std::cerr << "Không ghi gì / nothing written\n";
    return cli::report_error(rules.error());
  }
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  std::optional<RewardRunRecord> saved;
  if (a.against) {
    auto found = find_reward_run(**db, a.against);
    if (!found) return cli::report_error(found.error());
    saved = std::move(*found);
  }
  cli::WriteAnchors anchors;
  if (a.save)
    if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  auto run = run_rewards(**db, snap, *catalogue, *rules, {a.unit, a.year});
  if (!run) return cli::report_error(run.error());
  const nlohmann::ordered_json json = reward_run_json(*run);
  std::optional<std::vector<RewardChange>> changes;
  if (saved) changes = compare_runs(nlohmann::json::parse(saved->result), json);
  if (!a.xlsx.empty()) {
    auto bytes = reward_payment_xlsx(*run, *rules);
    if (!bytes) return cli::report_error(bytes.error());
    if (auto st = write_file_whole(a.xlsx, *bytes); !st) return cli::report_error(st.error());
  }
  if (a.format == "json") {
    nlohmann::ordered_json out = json;
    if (changes) {
      nlohmann::ordered_json arr = nlohmann::ordered_json::array();
      for (const RewardChange& c : *changes)
        arr.push_back({{"commune", c.commune}, {"rule", c.rule}, {"key", c.beneficiary}, {"name", c.name},
                       {"before_vnd", c.before_vnd}, {"after_vnd", c.after_vnd},
                       {"before_cases", c.before_cases}, {"after_cases", c.after_cases}});
      out["against"] = {{"run", a.against}, {"register_state", saved->register_state}, {"changes", arr}};
    }
    std::cout << out.dump(2) << "\n";
  } else if (a.format == "csv") {
    CsvWriter w(std::cout);
    w.row({"commune", "commune_name", "rule", "beneficiary", "key", "name", "cases", "amount_vnd", "figures", "events"});
    for (const Payment& p : run->result.payments)
      w.row({p.commune_code, p.commune_name, p.rule, kBeneficiaries.code(p.beneficiary), p.beneficiary_key,
             p.beneficiary_name, std::to_string(p.cases), std::to_string(p.amount_vnd), joined(p.figures, "; "),
             event_list(p.events)});
  } else {
    print_table(*run, changes ? &*changes : nullptr, a.against, a.totals_only);
  }
  if (!a.save) return 0;
  auto id = save_reward_run(**db, *run, *text, now);
  if (!id) {
    std::cerr << "Không ghi gì / nothing written\n";
    return cli::report_error(id.error());
  }
  std::cerr << "Đã lưu lần tính / run saved: " << *id << "\n";
  return anchors.after_write((*db)->store(), now);
}

int run_reward_runs(const RewardArgs& a) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  if (a.run) {
    auto run = find_reward_run(**db, a.run);
    if (!run) return cli::report_error(run.error());
    std::cout << nlohmann::ordered_json::parse(run->result).dump(2) << "\n";
    return 0;
  }
  for (const RewardRunRecord& r : list_reward_runs(**db))
    std::cout << r.id << "\t" << r.rule_set << " " << r.version << "\t" << r.year << "\t" << r.unit_code << "\t"
              << r.payments << " khoản / payments\t" << danso::group_thousands(r.total_vnd) << " đ\t" << r.created_at << "\t"
              << r.register_state << "\n";
  return 0;
}

DANSO_COMMAND(rewards, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("rewards", "Khen thưởng, hỗ trợ của một năm / a year's rewards and support payments");
  auto a = std::make_shared<RewardArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--rules", a->rules, "rule set file, e.g. data/programme/rules/ha-tinh-221-2020.json")->required();
  cmd->add_option("--year", a->year, "the year judged")->required()->check(CLI::Range(1900, 2200));
  cmd->add_option("--unit", a->unit, "unit code (default: the register's province)");
  cmd->add_option("--format", a->format, "table | json | csv")->check(CLI::IsMember({"json", "csv", "table"}));
  cmd->add_option("--xlsx", a->xlsx, "write the payment list to sign to this .xlsx file");
  cmd->add_flag("--totals", a->totals_only, "table: the totals only, not every payment");
  cmd->add_flag("--save", a->save, "save the run with the rule set's version and the register's state (audited)");
  cmd->add_option("--against", a->against, "a saved run's id: list what changed since it");
  cmd->add_option("--catalogue", a->catalogue, "JSON file adding or replacing indicator definitions");
  danso::cli::add_anchor_options(cmd, a->anchors);
  cmd->callback([&ctx, a] { ctx.exit_code = run_rewards_cmd(*a, ctx.now); });
  auto* runs = root.add_subcommand("reward-runs", "Các lần tính thưởng đã lưu / saved reward runs");
  runs->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  runs->add_option("--run", a->run, "a run's id: print its saved JSON");
  runs->callback([&ctx, a] { ctx.exit_code = run_reward_runs(*a); });
});

}  // namespace

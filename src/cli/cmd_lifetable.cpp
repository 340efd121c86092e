// danso lifetable --input FILE.csv [--sex male|female|both] [--radix 100000]
//                 [--a0-rule phg|andreev-kingkade] [--format json|csv|table]
// A life table from a CSV of deaths and population or of death rates
// (docs/demography.md).
#include <iostream>

#include "app/demography_io/lifetable_io.h"
#include "cli/command.h"

namespace {

struct LifeTableArgs {
  std::string input, sex = "both", a0 = "phg", format = "json";
  double radix = 100000;
};

int run_lifetable(const LifeTableArgs& a) {
  using namespace danso;
  if (!(a.radix > 0))
    return cli::report_error(Error::invalid("radix", "--radix phải là số dương", "--radix must be a positive number"));
  demography::LifeTableOptions o;
  o.sex = a.sex == "male" ? demography::LifeSex::kMale : a.sex == "female" ? demography::LifeSex::kFemale
                                                                            : demography::LifeSex::kBoth;
  o.radix = a.radix;
  o.a0_rule = a.a0 == "andreev-kingkade" ? demography::A0Rule::kAndreevKingkade : demography::A0Rule::kCoaleDemeny;
  auto t = life_table_from_csv(a.input, o);
  if (!t) return cli::report_error(t.error());
  if (a.format == "json") std::cout << life_table_json(*t).dump(2) << "\n";
  else if (a.format == "csv") std::cout << life_table_csv(*t);
  else std::cout << life_table_text(*t);
  return 0;
}

DANSO_COMMAND(lifetable, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("lifetable", "Bảng sống / life table from deaths and population or rates");
  auto a = std::make_shared<LifeTableArgs>();
  cmd->add_option("--input", a->input, "CSV: age,n plus deaths,population or mx; optional ax")->required();
  cmd->add_option("--sex", a->sex, "male | female | both (default; chooses the a0 and 4a1 formulas)")
      ->check(CLI::IsMember({"male", "female", "both"}));
  cmd->add_option("--radix", a->radix, "l0 (default 100000)");
  cmd->add_option("--a0-rule", a->a0, "phg (Coale-Demeny as in Preston et al. Table 3.3, default) | andreev-kingkade")
      ->check(CLI::IsMember({"phg", "andreev-kingkade"}));
  cmd->add_option("--format", a->format, "json | csv | table")->check(CLI::IsMember({"json", "csv", "table"}));
  cmd->callback([&ctx, a] { ctx.exit_code = run_lifetable(*a); });
});

}  // namespace

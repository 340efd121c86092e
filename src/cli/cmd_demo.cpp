// danso demo --db FILE [--persons N] [--seed S] [--years 2019-2025]:
// generates a synthetic province (app/demo) with its units' outlines and
// writes it into a new database, the load one entry of its audit log. Same seed, same data.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/demo_province/demo_boundaries.h"
#include "app/demo_province/generator.h"
#include "app/register_loader.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "app/database.h"

namespace {

struct DemoArgs {
  std::string db, years = "2019-2025";
  int64_t persons = 1'000'000;
  uint64_t seed = 1;
  bool quiet = false, replace = false;
};

danso::Result<std::pair<int, int>> parse_years(const std::string& s) {
  auto bad = danso::Error::invalid("years", "--years phải có dạng NĂM-NĂM, ví dụ 2019-2025",
                                   "--years must look like YEAR-YEAR, e.g. 2019-2025");
  if (s.size() != 9 || s[4] != '-') return bad;
  try {
    const int a = std::stoi(s.substr(0, 4)), b = std::stoi(s.substr(5, 4));
    if (a < 1950 || b > 2099 || b < a) return bad;
    return std::make_pair(a, b);
  } catch (...) {
    return bad;
  }
}

int run_demo(const DemoArgs& a, danso::Date today, int64_t now) {
  using namespace danso;
  auto years = parse_years(a.years);
  if (!years) return cli::report_error(years.error());
  const bool server = is_postgres_location(a.db);
  if (server && a.replace)
    return cli::report_error(Error::invalid("replace", "không thay được cơ sở dữ liệu PostgreSQL; tạo cơ sở dữ liệu mới (createdb)",
                                            "a PostgreSQL database is not replaced; make a new one (createdb)"));
  if (!server && std::filesystem::exists(a.db) && std::filesystem::file_size(a.db) > 0) {
    if (!a.replace)
      return cli::report_error(Error{ErrorCode::kAlreadyExists, "db",
                                     "tệp '" + a.db + "' đã có; dùng tệp mới hoặc --replace",
                                     "'" + a.db + "' already exists; use a new file or --replace"});
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(a.db + suffix);
  }
  const auto start = std::chrono::steady_clock::now();
  cli::ProgressPrinter progress(a.quiet);
  demo::DemoOptions o;
  o.persons = a.persons;
  o.seed = a.seed;
  o.first_year = years->first;
  o.last_year = years->second;
  o.today = today;
  o.progress = [&](std::string_view stage, double f) { progress.update(stage, f); };
  auto batch = demo::generate(o);
  if (!batch) return cli::report_error(batch.error());
  const auto outlines_start = std::chrono::steady_clock::now();
  progress.update("ranh giới / outlines", 0.0);
  const std::vector<UnitBoundary> outlines = demo::demo_boundaries(batch->units, a.seed);
  progress.update("ranh giới / outlines", 1.0);
  const double outline_secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - outlines_start).count();
  // Build into a temporary file and move it into place: no half-made
  // database. A PostgreSQL database is loaded in place, in one transaction
  // (load_register), and only when its register is empty.
  const std::string tmp = server ? a.db : a.db + ".part";
  auto remove_tmp = [&] {
    if (!server)
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(tmp + suffix);
  };
  remove_tmp();
  {
    auto db = open_database(tmp, {.create = true});
    if (!db) return cli::report_error(db.error());
    if (server)
      if (auto empty = require_empty_register(**db); !empty) return cli::report_error(empty.error());
    const LoadAudit audit{now, "danso demo --persons " + std::to_string(a.persons) + " --seed " +
                                   std::to_string(a.seed) + " --years " + a.years};
    auto st = load_register(
        (*db)->store(), *batch, [&](std::string_view stage, double f) { progress.update(stage, f); }, audit,
        outlines);
    if (!st) {
      remove_tmp();
      return cli::report_error(st.error());
    }
  }
  progress.finish();
  if (!server) std::filesystem::rename(tmp, a.db);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Tỉnh mô phỏng / demo province: " << batch->units.size() << " units, " << batch->households.size()
            << " households, " << batch->persons.size() << " persons, " << batch->events.size() << " events, "
            << batch->staff.size() << " staff assignments, " << outlines.size() << " unit outlines ("
            << int(outline_secs * 100) / 100.0 << " s) -> " << shown_location(a.db) << " (" << int(secs * 10) / 10.0 << " s)\n";
  return 0;
}

DANSO_COMMAND(demo, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("demo", "Tạo tỉnh mô phỏng / generate a synthetic demo province");
  auto a = std::make_shared<DemoArgs>();
  cmd->add_option("--db", a->db, "new database file, or an empty postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--persons", a->persons, "initial population, 10000..10000000 (default 1000000)");
  cmd->add_option("--seed", a->seed, "random seed (default 1); same seed, same data");
  cmd->add_option("--years", a->years, "years of events, e.g. 2019-2025 (default)");
  cmd->add_flag("--replace", a->replace, "replace an existing database file");
  cmd->add_flag("--quiet", a->quiet, "no progress output");
  cmd->callback([&ctx, a] { ctx.exit_code = run_demo(*a, ctx.today, ctx.now); });
});

}  // namespace

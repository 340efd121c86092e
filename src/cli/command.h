// The danso command: each subcommand lives in its own cmd_<name>.cpp and
// registers itself here with DANSO_COMMAND, so adding a command touches one
// file. Commands stay thin: parse options, call app/, print the result.
//
//   DANSO_COMMAND(stats, [](CLI::App& root, danso::cli::Context& ctx) {
//     auto* cmd = root.add_subcommand("stats", "...");
//     ...
//     cmd->callback([&ctx, opts] { ctx.exit_code = run(...); });
//   });
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace danso::cli {

struct Context {
  int exit_code = 0;
  Date today;        // the clock, read once in main
  int64_t now = 0;   // the same instant, Unix seconds (accounts, audit)
};

using Registration = std::function<void(CLI::App&, Context&)>;
std::vector<Registration>& registry();

struct Registrar {
  explicit Registrar(Registration r) { registry().push_back(std::move(r)); }
};

// Prints an error in both languages to standard error; returns the exit code.
int report_error(const Error& e);

// The whole text of an input file (`--file`), or kNotFound naming it.
Result<std::string> read_input_file(const std::string& path);

// The date of an `--at DATE` option, today when it is empty.
Result<Date> date_or_today(const std::string& text, Date today);

}  // namespace danso::cli

#define DANSO_COMMAND_CAT2(a, b) a##b
#define DANSO_COMMAND_CAT(a, b) DANSO_COMMAND_CAT2(a, b)
#define DANSO_COMMAND(name, ...) \
  static ::danso::cli::Registrar DANSO_COMMAND_CAT(danso_cmd_, name)(__VA_ARGS__)

// danso: the command-line front door. See docs/cli.md for every command.
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"

namespace danso::cli {

std::vector<Registration>& registry() {
  static std::vector<Registration> r;
  return r;
}

int report_error(const Error& e) {
  std::cerr << "Lỗi: " << e.vi << "\nError: " << e.en << "\n";
  return e.code == ErrorCode::kInternal ? 70 : 2;
}

Result<std::string> read_input_file(const std::string& path, std::string_view field) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad())
    return Error::not_found(std::string(field), "không đọc được tệp " + path, "cannot read the file " + path);
  return text.str();
}

Result<Date> date_or_today(const std::string& text, Date today) {
  if (text.empty()) return today;
  return Date::parse(text, "at");
}

}  // namespace danso::cli

int main(int argc, char** argv) {
  using namespace danso;
  CLI::App app{"DanSo: hệ thống thông tin dân số / population information system", "danso"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "danso 0.1.0");
  cli::Context ctx;
  {
    const auto clock = std::chrono::system_clock::now();
    const auto now = std::chrono::floor<std::chrono::days>(clock);
    ctx.today = Date::from_days(static_cast<int32_t>(now.time_since_epoch().count()));
    ctx.now = std::chrono::duration_cast<std::chrono::seconds>(clock.time_since_epoch()).count();
  }
  for (auto& reg : cli::registry()) reg(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const DatabaseUnavailable& e) {
    return cli::report_error(e.error());
  } catch (const std::exception& e) {
    std::cerr << "Lỗi nội bộ / internal error: " << e.what() << "\n";
    return 70;
  }
  return ctx.exit_code;
}

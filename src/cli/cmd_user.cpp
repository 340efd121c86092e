// danso user add --db FILE --username U --role R --unit CODE [--village CODE ...]
//   (the password on standard input; refused if weak)
// danso user totp --db FILE --username U
//   (gives the user a new TOTP secret and prints it for an authenticator app)
#include <iostream>
#include <mutex>

#include "app/accounts/accounts.h"
#include "app/accounts/totp.h"
#include "cli/command.h"
#include "store/sqlite/sqlite_store.h"

namespace {

struct UserArgs {
  std::string db, username, role, unit;
  std::vector<std::string> villages;
};

int run_add(const UserArgs& a, const danso::cli::Context& ctx) {
  using namespace danso;
  std::string password;
  if (!std::getline(std::cin, password) && password.empty())
    return cli::report_error(Error::invalid("password", "không đọc được mật khẩu từ đầu vào chuẩn",
                                            "no password on standard input"));
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto store = open_sqlite_store(a.db);
  if (!store) return cli::report_error(store.error());
  std::mutex mu;
  accounts::Accounts acc(**store, mu);
  auto user = acc.create_user(nullptr, {a.username, password, a.role, a.unit, a.villages}, ctx.now);
  if (!user) return cli::report_error(user.error());
  const auto j = acc.user_json(*user);
  std::cout << "Đã tạo người dùng / user created: " << user->username << " (" << kRoles.code(user->role) << ", "
            << j["unit"].get<std::string>() << " " << j["unit_name"].get<std::string>() << ")\n";
  return 0;
}

int run_totp(const UserArgs& a, const danso::cli::Context& ctx) {
  using namespace danso;
  auto store = open_sqlite_store(a.db);
  if (!store) return cli::report_error(store.error());
  std::mutex mu;
  accounts::Accounts acc(**store, mu);
  auto secret = acc.set_totp_secret(nullptr, a.username, ctx.now);
  if (!secret) return cli::report_error(secret.error());
  std::cout << "Khoá TOTP / TOTP secret: " << *secret << "\n"
            << accounts::otpauth_uri("DanSo", a.username, *secret) << "\n"
            << "Từ nay cần mã 6 chữ số khi đăng nhập / a 6-digit code is now required to sign in\n";
  return 0;
}

DANSO_COMMAND(user, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("user", "Người dùng / user accounts");
  cmd->require_subcommand(1);
  auto a = std::make_shared<UserArgs>();
  auto* add = cmd->add_subcommand("add", "Tạo người dùng, mật khẩu từ đầu vào chuẩn / create a user, password on stdin");
  add->add_option("--db", a->db, "database file")->required();
  add->add_option("--username", a->username, "user name (a-z, 0-9, . _ -)")->required();
  add->add_option("--role", a->role,
                  "administrator, province_staff, district_staff, commune_officer, collaborator, agency_member, viewer")
      ->required();
  add->add_option("--unit", a->unit, "code of the user's unit")->required();
  add->add_option("--village", a->villages, "a collaborator's village code (repeat for several)");
  add->callback([&ctx, a] { ctx.exit_code = run_add(*a, ctx); });
  auto* totp = cmd->add_subcommand("totp", "Bật xác thực hai bước / give the user a TOTP secret");
  totp->add_option("--db", a->db, "database file")->required();
  totp->add_option("--username", a->username, "user name")->required();
  totp->callback([&ctx, a] { ctx.exit_code = run_totp(*a, ctx); });
});

}  // namespace

// danso user add --db FILE --username U --role R --unit CODE [--village CODE ...]
//   (the password on standard input; refused if weak)
// danso user totp --db FILE --username U
//   (gives the user a new TOTP secret and prints it for an authenticator app)
// danso user staff --db FILE --username U --staff ID
//   (the staff member the user is: their slips name them as recorded_by; --staff 0 removes the link)
// danso user demo --db FILE --logins FILE
//   (the demo accounts of a database with no user yet, their passwords written to FILE, mode 600)
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "app/accounts/accounts.h"
#include "app/accounts/totp.h"
#include "app/demo_province/demo_accounts.h"
#include "cli/audit_options.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

struct UserArgs {
  std::string db, username, role, unit, logins;
  int64_t staff = 0;
  std::vector<std::string> villages;
  danso::accounts::AnchorConfig anchors;
};

// Runs `change(accounts)` on the database of `a` with the write anchors
// checked before and advanced after; `change` reports and returns an exit
// code (0 when written).
template <typename Change>
int with_accounts(const UserArgs& a, const danso::cli::Context& ctx, Change change) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  std::mutex mu;
  accounts::Accounts acc((*db)->store(), mu);
  if (int code = change(acc)) return code;
  return anchors.after_write((*db)->store(), ctx.now);
}

int run_add(const UserArgs& a, const danso::cli::Context& ctx) {
  using namespace danso;
  std::string password;
  if (!std::getline(std::cin, password) && password.empty())
    return cli::report_error(Error::invalid("password", "không đọc được mật khẩu từ đầu vào chuẩn",
                                            "no password on standard input"));
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return with_accounts(a, ctx, [&](accounts::Accounts& acc) {
    auto user = acc.create_user(nullptr, {a.username, password, a.role, a.unit, a.villages}, ctx.now);
    if (!user) return cli::report_error(user.error());
    const auto j = acc.user_json(*user);
    std::cout << "Đã tạo người dùng / user created: " << user->username << " (" << kRoles.code(user->role) << ", "
              << j["unit"].get<std::string>() << " " << j["unit_name"].get<std::string>() << ")\n";
    return 0;
  });
}

int run_totp(const UserArgs& a, const danso::cli::Context& ctx) {
  using namespace danso;
  return with_accounts(a, ctx, [&](accounts::Accounts& acc) {
    auto secret = acc.set_totp_secret(nullptr, a.username, ctx.now);
    if (!secret) return cli::report_error(secret.error());
    std::cout << "Khoá TOTP / TOTP secret: " << *secret << "\n"
              << accounts::otpauth_uri("DanSo", a.username, *secret) << "\n"
              << "Từ nay cần mã 6 chữ số khi đăng nhập / a 6-digit code is now required to sign in\n";
    return 0;
  });
}

int run_staff(const UserArgs& a, const danso::cli::Context& ctx) {
  using namespace danso;
  if (a.staff < 0)
    return cli::report_error(Error::invalid("staff", "mã cán bộ phải là số nguyên dương (0: bỏ liên kết)",
                                            "the staff id must be a positive whole number (0: remove the link)"));
  return with_accounts(a, ctx, [&](accounts::Accounts& acc) {
    if (auto st = acc.set_user_staff(nullptr, a.username, StaffId(a.staff), ctx.now); !st)
      return cli::report_error(st.error());
    if (a.staff)
      std::cout << "Người dùng " << a.username << " là cán bộ " << a.staff << " / user " << a.username
                << " is staff member " << a.staff << "\n";
    else
      std::cout << "Đã bỏ liên kết cán bộ của " << a.username << " / staff link of " << a.username << " removed\n";
    return 0;
  });
}

// Writes `text` to `path` readable by its owner only (mode 600), through a
// new file in the same folder renamed over it: whole or not at all.
danso::Status write_private(const std::string& path, const std::string& text) {
  using danso::Error;
  const std::string tmp = path + ".tmp" + std::to_string(getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  auto failed = [&] {
    ::unlink(tmp.c_str());
    return Error{danso::ErrorCode::kInternal, "logins", "không ghi được " + path, "cannot write " + path};
  };
  if (fd < 0) return failed();
  const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !ok || std::rename(tmp.c_str(), path.c_str()) != 0) return failed();
  return {};
}

int run_demo(const UserArgs& a, const danso::cli::Context& ctx) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  std::mutex mu;
  auto made = demo::create_demo_accounts((*db)->store(), mu, ctx.today, ctx.now);
  if (!made) return cli::report_error(made.error());
  if (made->empty()) {
    std::cout << "Cơ sở dữ liệu đã có người dùng, không tạo tài khoản mẫu / the database already has users; no demo "
                 "accounts made\n";
    return 0;
  }
  if (auto st = write_private(a.logins, demo::demo_logins_text(*made)); !st) return cli::report_error(st.error());
  std::cout << "Đã tạo " << made->size() << " tài khoản mẫu / " << made->size() << " demo accounts made: " << a.logins
            << "\n";
  return anchors.after_write((*db)->store(), ctx.now);
}

DANSO_COMMAND(user, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("user", "Người dùng / user accounts");
  cmd->require_subcommand(1);
  auto a = std::make_shared<UserArgs>();
  auto* add = cmd->add_subcommand("add", "Tạo người dùng, mật khẩu từ đầu vào chuẩn / create a user, password on stdin");
  add->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  add->add_option("--username", a->username, "user name (a-z, 0-9, . _ -)")->required();
  add->add_option("--role", a->role,
                  "administrator, province_staff, district_staff, commune_officer, collaborator, agency_member, viewer")
      ->required();
  add->add_option("--unit", a->unit, "code of the user's unit")->required();
  add->add_option("--village", a->villages, "a collaborator's village code (repeat for several)");
  danso::cli::add_anchor_options(add, a->anchors);
  add->callback([&ctx, a] { ctx.exit_code = run_add(*a, ctx); });
  auto* totp = cmd->add_subcommand("totp", "Bật xác thực hai bước / give the user a TOTP secret");
  totp->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  totp->add_option("--username", a->username, "user name")->required();
  danso::cli::add_anchor_options(totp, a->anchors);
  totp->callback([&ctx, a] { ctx.exit_code = run_totp(*a, ctx); });
  auto* staff = cmd->add_subcommand(
      "staff", "Người dùng là cán bộ nào (người ghi phiếu) / the staff member a user is (who records their slips)");
  staff->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  staff->add_option("--username", a->username, "user name")->required();
  staff->add_option("--staff", a->staff, "staff id of staff.csv, assigned to a unit in the user's scope; 0 removes the link")
      ->required();
  danso::cli::add_anchor_options(staff, a->anchors);
  staff->callback([&ctx, a] { ctx.exit_code = run_staff(*a, ctx); });
  auto* demo = cmd->add_subcommand(
      "demo", "Tài khoản mẫu của tỉnh mô phỏng / the demo accounts of a demo database with no user yet");
  demo->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  demo->add_option("--logins", a->logins, "file for the accounts and their passwords (mode 600)")->required();
  danso::cli::add_anchor_options(demo, a->anchors);
  demo->callback([&ctx, a] { ctx.exit_code = run_demo(*a, ctx); });
});

}  // namespace

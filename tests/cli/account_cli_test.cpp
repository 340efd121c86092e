// danso user add and danso audit verify end to end: the first administrator
// from standard input, weak passwords refused in both languages, the audit
// log verified, then found broken once an entry is edited behind its back.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int code = -1;
  std::string out, err;
};

class AccountCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-acct-cli-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "a.db").string();
    std::ofstream(dir_ / "units.csv") << "code,name,level,parent_code,valid_from\n99,Tỉnh Thử,1,,2019-01-01\n"
                                         "990,Huyện Một,2,99,2019-01-01\n99001,Xã Hai,3,990,2019-01-01\n"
                                         "9900101,Thôn Đông,4,99001,2019-01-01\n";
    ASSERT_EQ(run("init --db " + db_).code, 0);
    ASSERT_EQ(run("import --db " + db_ + " --kind units " + (dir_ / "units.csv").string()).code, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome run(const std::string& args, const std::string& input = "") {
    std::ofstream(dir_ / "in.txt") << input;
    const std::string cmd = std::string(DANSO_BINARY) + " " + args + " < " + (dir_ / "in.txt").string() + " > " +
                            (dir_ / "out.txt").string() + " 2> " + (dir_ / "err.txt").string();
    const int status = std::system(cmd.c_str());
    auto slurp = [](const fs::path& p) {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      return ss.str();
    };
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir_ / "out.txt"), slurp(dir_ / "err.txt")};
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(AccountCli, UserAddReadsThePasswordAndRefusesWeakOnes) {
  const Outcome weak = run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99", "12345678\n");
  EXPECT_EQ(weak.code, 2);
  EXPECT_NE(weak.err.find("Lỗi: mật khẩu phải có ít nhất 10 ký tự"), std::string::npos) << weak.err;
  EXPECT_NE(weak.err.find("Error: the password must have at least 10 characters"), std::string::npos);
  const Outcome common = run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99", "password123\n");
  EXPECT_EQ(common.code, 2);
  EXPECT_NE(common.err.find("this password is too common"), std::string::npos);
  const Outcome none = run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99", "");
  EXPECT_EQ(none.code, 2);

  const Outcome ok = run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99",
                     "Mây-trắng-bay-2025\n");
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out, "Đã tạo người dùng / user created: qt.tinh (administrator, 99 Tỉnh Thử)\n");
  const Outcome again = run("user add --db " + db_ + " --username QT.Tinh --role viewer --unit 99", "Mây-trắng-bay-2025\n");
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("the user name 'qt.tinh' is taken"), std::string::npos) << again.err;
  const Outcome role = run("user add --db " + db_ + " --username cb.a --role root --unit 99", "Mây-trắng-bay-2025\n");
  EXPECT_EQ(role.code, 2);
  EXPECT_NE(role.err.find("invalid value 'root'"), std::string::npos);
  const Outcome unit = run("user add --db " + db_ + " --username cb.a --role viewer --unit 77", "Mây-trắng-bay-2025\n");
  EXPECT_EQ(unit.code, 2);
  EXPECT_NE(unit.err.find("unit '77' not found"), std::string::npos);
  const Outcome ctv = run("user add --db " + db_ + " --username ctv.dong --role collaborator --unit 99001 --village 9900101",
                      "Mây-trắng-bay-2025\n");
  EXPECT_EQ(ctv.code, 0) << ctv.err;

  const Outcome totp = run("user totp --db " + db_ + " --username qt.tinh");
  ASSERT_EQ(totp.code, 0) << totp.err;
  EXPECT_NE(totp.out.find("otpauth://totp/DanSo:qt.tinh?secret="), std::string::npos) << totp.out;
}

TEST_F(AccountCli, AuditVerifyFindsAnEditedEntry) {
  for (const char* name : {"qt.tinh", "cb.huyen", "cb.xa"})
    ASSERT_EQ(run("user add --db " + db_ + " --username " + name + " --role viewer --unit 990", "Mây-trắng-bay-2025\n").code,
              0);
  const Outcome ok = run("audit verify --db " + db_);
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out, "ok\n4 mục / entries\n");  // the units import, then the three users

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'ai đó' WHERE seq = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const Outcome broken = run("audit verify --db " + db_);
  EXPECT_EQ(broken.code, 1);
  EXPECT_EQ(broken.out, "broken 2\n");
  EXPECT_NE(broken.err.find("Error: entry 2: its hash does not match its content (edited)"), std::string::npos)
      << broken.err;
  EXPECT_NE(broken.err.find("Lỗi: mục 2: mã băm không khớp nội dung: đã bị sửa"), std::string::npos);
}

}  // namespace

// danso user demo: the demo accounts of a database with no user, their
// passwords in a file only its owner reads; they sign in nowhere but here,
// and a second run changes nothing. A database with one village is refused.
TEST_F(AccountCli, UserDemoMakesTheDemoAccountsOnce) {
  const std::string logins = (dir_ / "logins.txt").string();
  const Outcome few = run("user demo --db " + db_ + " --logins " + logins);
  EXPECT_EQ(few.code, 2) << few.out << few.err;
  EXPECT_NE(few.err.find("two villages"), std::string::npos) << few.err;
  EXPECT_FALSE(fs::exists(logins));

  std::ofstream(dir_ / "more.csv") << "code,name,level,parent_code,valid_from\n9900102,Thôn Tây,4,99001,2019-01-01\n";
  ASSERT_EQ(run("import --db " + db_ + " --kind units " + (dir_ / "more.csv").string()).code, 0);
  const Outcome made = run("user demo --db " + db_ + " --logins " + logins);
  ASSERT_EQ(made.code, 0) << made.err;
  EXPECT_EQ(fs::status(logins).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  std::ifstream in(logins);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    rows.emplace_back(std::istream_iterator<std::string>(words), std::istream_iterator<std::string>());
  }
  // One district only: no user of another district.
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0][0], "qt.tinh");
  EXPECT_EQ(rows[0][2], "administrator");
  EXPECT_EQ(rows[0][3], "99");
  EXPECT_EQ(rows[1][3], "990");
  EXPECT_EQ(rows[2][3], "99001");
  EXPECT_EQ((std::vector<std::string>{rows[3][0], rows[3][2], rows[3][3], rows[3][4], rows[3][5]}),
            (std::vector<std::string>{"ctv.thon", "collaborator", "99001", "9900101", "9900102"}));
  EXPECT_EQ((std::vector<std::string>{rows[4][0], rows[4][2], rows[4][3]}),
            (std::vector<std::string>{"bn.yte", "agency_member", "99"}));
  for (const auto& r : rows) EXPECT_EQ(r[1].size(), 24u) << r[0];
  EXPECT_NE(rows[0][1], rows[1][1]);

  // A second run: the accounts and their file stay as they are.
  const Outcome again = run("user demo --db " + db_ + " --logins " + logins);
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.out.find("already has users"), std::string::npos) << again.out;
  std::ifstream in2(logins);
  std::string first;
  std::getline(in2, first);
  EXPECT_EQ(first.substr(0, first.find(' ', 8)), "qt.tinh " + rows[0][1]);
}

// danso user staff: the staff member a user is, within the user's scope;
// 0 removes the link; the demo's collaborator is the first village's own
// collaborator when the staff file has one.
TEST_F(AccountCli, UserStaffLinksAUserToTheirStaffRecord) {
  std::ofstream(dir_ / "more.csv") << "code,name,level,parent_code,valid_from\n9900102,Thôn Tây,4,99001,2019-01-01\n";
  ASSERT_EQ(run("import --db " + db_ + " --kind units " + (dir_ / "more.csv").string()).code, 0);
  std::ofstream(dir_ / "staff.csv") << "id,name,sex,role,unit_code,duties,start,end\n"
                                       "5,Hà Thị Mẫu Một,F,collaborator,9900101,population,2022-01-01,\n"
                                       "6,Lê Văn Mẫu Hai,M,commune_officer,99001,population,2022-01-01,\n";
  ASSERT_EQ(run("import --db " + db_ + " --kind staff " + (dir_ / "staff.csv").string()).code, 0);
  const std::string logins = (dir_ / "logins.txt").string();
  ASSERT_EQ(run("user demo --db " + db_ + " --logins " + logins).code, 0);
  sqlite3* db = nullptr;
  auto linked = [&]() {
    std::string out;
    EXPECT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    sqlite3_exec(
        db, "SELECT u.username || '=' || s.staff_id FROM user_staff s JOIN users u ON u.id = s.user_id ORDER BY 1",
        [](void* o, int, char** v, char**) {
          *static_cast<std::string*>(o) += std::string(v[0]) + ";";
          return 0;
        },
        &out, nullptr);
    sqlite3_close(db);
    return out;
  };
  EXPECT_EQ(linked(), "ctv.thon=5;");
  // The commune officer is staff member 6 of the commune; the collaborator
  // cannot be: 6 works in no village of theirs.
  Outcome r = run("user staff --db " + db_ + " --username vc.xa --staff 6");
  EXPECT_EQ(r.code, 0) << r.err;
  r = run("user staff --db " + db_ + " --username ctv.thon --staff 6");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("no staff member with this id in the user's unit"), std::string::npos) << r.err;
  EXPECT_EQ(linked(), "ctv.thon=5;vc.xa=6;");
  r = run("user staff --db " + db_ + " --username ctv.thon --staff 0");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(linked(), "vc.xa=6;");
  r = run("user staff --db " + db_ + " --username nobody --staff 5");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("user not found"), std::string::npos) << r.err;
}

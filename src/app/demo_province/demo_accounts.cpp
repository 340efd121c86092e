#include "app/demo_province/demo_accounts.h"

#include <sodium.h>

#include <algorithm>

#include "app/accounts/accounts.h"
#include "core/unit_tree.h"

namespace danso::demo {

namespace {

// 24 characters of [A-Za-z0-9] from libsodium's generator: 142 bits.
std::string new_password() {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out(24, ' ');
  for (char& c : out) c = kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

// The children of `parent` of `kind` valid on `on`, by code.
std::vector<const OrgUnit*> children(const UnitTree& tree, UnitId parent, UnitKind kind, Date on) {
  std::vector<const OrgUnit*> out;
  for (UnitId id : tree.children_on(parent, on))
    if (const OrgUnit* u = tree.find(id); u && u->kind == kind) out.push_back(u);
  std::sort(out.begin(), out.end(), [](const OrgUnit* a, const OrgUnit* b) { return a->code < b->code; });
  return out;
}

}  // namespace

Result<std::vector<DemoAccount>> create_demo_accounts(Store& store, std::mutex& mu, Date today, int64_t now) {
  if (sodium_init() < 0) return Error{ErrorCode::kInternal, "", "không khởi tạo được libsodium", "libsodium failed to start"};
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!store.load_users().empty()) return std::vector<DemoAccount>{};
  }
  accounts::Accounts acc(store, mu);
  const UnitTree& tree = acc.units();
  const OrgUnit* province = nullptr;
  for (const OrgUnit* u : tree.valid_on(today))
    if (u->kind == UnitKind::kProvince && (!province || u->code < province->code)) province = u;
  const auto districts = province ? children(tree, province->id, UnitKind::kDistrict, today) : std::vector<const OrgUnit*>{};
  const auto communes = districts.empty() ? std::vector<const OrgUnit*>{} : children(tree, districts[0]->id, UnitKind::kCommune, today);
  const auto villages = communes.empty() ? std::vector<const OrgUnit*>{} : children(tree, communes[0]->id, UnitKind::kVillage, today);
  if (villages.size() < 2)
    return Error{ErrorCode::kFailedPrecondition, "db",
                 "cơ sở dữ liệu không có đủ đơn vị cho tài khoản mẫu (một tỉnh, huyện, xã và hai thôn)",
                 "the database lacks the units for demo accounts (a province, a district, a commune, two villages)"};
  std::vector<DemoAccount> made = {
      {"qt.tinh", new_password(), "administrator", province->code, {}},
      {"cb.huyen", new_password(), "district_staff", districts[0]->code, {}},
      {"vc.xa", new_password(), "commune_officer", communes[0]->code, {}},
      {"ctv.thon", new_password(), "collaborator", communes[0]->code, {villages[0]->code, villages[1]->code}},
      // A member of an agency of the province (its agency is assigned once a task file is imported: danso task member).
      {"bn.yte", new_password(), "agency_member", province->code, {}},
  };
  if (districts.size() > 1) made.push_back({"cb.huyen.khac", new_password(), "district_staff", districts[1]->code, {}});
  for (const DemoAccount& a : made) {
    auto user = acc.create_user(nullptr, {a.username, a.password, a.role, a.unit, a.villages}, now);
    if (!user) return user.error();
  }
  // The collaborator is the village's collaborator of the staff records,
  // so that the slips they record name them (recorded_by).
  StaffId own;
  {
    std::lock_guard<std::mutex> lock(mu);
    store.for_each_staff([&](const StaffAssignment& s) {
      if (!own.valid() && s.role == StaffRole::kCollaborator && s.unit == villages[0]->id && !s.end) own = s.id;
    });
  }
  if (own.valid())
    if (auto st = acc.set_user_staff(nullptr, "ctv.thon", own, now); !st) return st.error();
  return made;
}

std::string demo_logins_text(const std::vector<DemoAccount>& accounts) {
  std::string out;
  for (const DemoAccount& a : accounts) {
    out += a.username + " " + a.password + " " + a.role + " " + a.unit;
    for (const std::string& v : a.villages) out += " " + v;
    out += "\n";
  }
  return out;
}

}  // namespace danso::demo

// Roles and what each may do, the no-escalation rule, the password policy,
// and UnitTree::within, on which every scope check rests.
#include <gtest/gtest.h>

#include "core/password_policy.h"
#include "core/role.h"
#include "core/unit_tree.h"

namespace danso {
namespace {

TEST(Roles, WhatEachRoleMayDo) {
  using P = Permission;
  EXPECT_TRUE(role_may(Role::kAdministrator, P::kReadAudit));
  EXPECT_TRUE(role_may(Role::kAdministrator, P::kManageUsers));
  EXPECT_FALSE(role_may(Role::kProvinceStaff, P::kReadAudit));
  EXPECT_TRUE(role_may(Role::kProvinceStaff, P::kImport));
  EXPECT_FALSE(role_may(Role::kDistrictStaff, P::kImport));
  EXPECT_TRUE(role_may(Role::kDistrictStaff, P::kApproveReport));
  EXPECT_TRUE(role_may(Role::kCommuneOfficer, P::kSubmitReport));
  EXPECT_FALSE(role_may(Role::kCommuneOfficer, P::kApproveReport));
  EXPECT_FALSE(role_may(Role::kCommuneOfficer, P::kManageUsers));
  EXPECT_TRUE(role_may(Role::kCollaborator, P::kWriteRegister));
  EXPECT_FALSE(role_may(Role::kCollaborator, P::kSubmitReport));
  EXPECT_TRUE(role_may(Role::kAgencyMember, P::kReadAggregates));
  EXPECT_FALSE(role_may(Role::kAgencyMember, P::kReadRegister));
  EXPECT_TRUE(role_may(Role::kAgencyMember, P::kReportTasks));  // their own agency's tasks (app/programme/tasks.h)
  EXPECT_FALSE(role_may(Role::kCommuneOfficer, P::kReportTasks));
  EXPECT_FALSE(role_may(Role::kViewer, P::kReportTasks));
  EXPECT_TRUE(role_may(Role::kViewer, P::kReadRegister));
  EXPECT_FALSE(role_may(Role::kViewer, P::kWriteRegister));
  EXPECT_EQ(kRoles.parse("agency_member", "role").value(), Role::kAgencyMember);
  EXPECT_FALSE(kRoles.parse("root", "role").ok());
}

TEST(Roles, NoOneGrantsARoleAboveTheirOwn) {
  for (const auto& g : kRoles.entries())
    for (const auto& t : kRoles.entries()) {
      const bool subset = (permissions_of(t.value) & ~permissions_of(g.value)) == 0;
      EXPECT_EQ(may_grant(g.value, t.value), role_may(g.value, Permission::kManageUsers) && subset)
          << g.code << " -> " << t.code;
    }
  EXPECT_TRUE(may_grant(Role::kAdministrator, Role::kAdministrator));
  EXPECT_FALSE(may_grant(Role::kProvinceStaff, Role::kAdministrator));
  EXPECT_TRUE(may_grant(Role::kProvinceStaff, Role::kDistrictStaff));
  EXPECT_FALSE(may_grant(Role::kDistrictStaff, Role::kProvinceStaff));
  EXPECT_TRUE(may_grant(Role::kDistrictStaff, Role::kCommuneOfficer));
  EXPECT_TRUE(may_grant(Role::kDistrictStaff, Role::kCollaborator));
  EXPECT_FALSE(may_grant(Role::kCommuneOfficer, Role::kCollaborator));
  EXPECT_FALSE(may_grant(Role::kViewer, Role::kViewer));
}

TEST(PasswordPolicy, RefusesShortCommonAndObviousPasswords) {
  EXPECT_TRUE(check_password("Mây-trắng-bay-2025", "qt.tinh").ok());
  EXPECT_TRUE(check_password("ba con cá vàng", "qt.tinh").ok());
  const auto short_one = check_password("Ngắn-1", "u");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().field, "password");
  EXPECT_EQ(short_one.error().en, "the password must have at least 10 characters");
  EXPECT_FALSE(check_password("ắắắắắắắắắ", "u").ok());  // 9 characters, 27 bytes
  EXPECT_EQ(check_password("Password123", "u").error().en, "this password is too common; choose another");
  EXPECT_FALSE(check_password("matkhau123", "u").ok());
  EXPECT_FALSE(check_password("qwertyuiop", "u").ok());
  EXPECT_FALSE(check_password("1234567890", "u").ok());
  EXPECT_EQ(check_password("aaaaaaaaaaaa", "u").error().en, "the password must not be one character repeated");
  EXPECT_EQ(check_password("xx-qt.tinh-2025", "qt.tinh").error().en, "the password must not contain the user name");
  EXPECT_FALSE(check_password(std::string(300, 'x') + "y", "u").ok());
  EXPECT_FALSE(check_password("\xff\xfe-invalid-utf8", "u").ok());
}

TEST(UnitTree, WithinFollowsParentsOnTheDate) {
  auto unit = [](int64_t id, const char* code, int64_t parent, const char* from, const char* to) {
    OrgUnit u;
    u.id = UnitId(id);
    u.code = code;
    u.parent = UnitId(parent);
    u.valid_from = Date::parse(from).value();
    if (to) u.valid_to = Date::parse(to).value();
    return u;
  };
  const UnitTree t({unit(1, "99", 0, "2019-01-01", nullptr), unit(2, "990", 1, "2019-01-01", "2025-06-30"),
                    unit(3, "99001", 2, "2019-01-01", "2025-06-30"), unit(4, "99001", 1, "2025-07-01", nullptr),
                    unit(5, "98", 0, "2019-01-01", nullptr)},
                   {});
  const Date before = Date::parse("2025-01-01").value(), after = Date::parse("2025-07-02").value();
  EXPECT_TRUE(t.within(UnitId(3), UnitId(1), before));
  EXPECT_TRUE(t.within(UnitId(3), UnitId(2), before));
  EXPECT_TRUE(t.within(UnitId(2), UnitId(2), before));
  EXPECT_FALSE(t.within(UnitId(2), UnitId(3), before));
  EXPECT_FALSE(t.within(UnitId(3), UnitId(5), before));
  EXPECT_FALSE(t.within(UnitId(2), UnitId(1), after));  // no longer valid, no successor
  EXPECT_TRUE(t.within(UnitId(3), UnitId(1), after));   // continues as 4: what was registered in 3 is 4's
  EXPECT_TRUE(t.within(UnitId(4), UnitId(1), after));
  EXPECT_FALSE(t.within(UnitId(4), UnitId(2), after));
  EXPECT_FALSE(t.within(UnitId(99), UnitId(1), after));
}

}  // namespace
}  // namespace danso

#include "core/role.h"

namespace danso {

namespace {

constexpr uint32_t bit(Permission p) { return uint32_t(1) << static_cast<int>(p); }

}  // namespace

uint32_t permissions_of(Role role) {
  using P = Permission;
  constexpr uint32_t kRead = bit(P::kReadAggregates) | bit(P::kReadRegister);
  switch (role) {
    case Role::kAdministrator:
      return kRead | bit(P::kWriteRegister) | bit(P::kSubmitReport) | bit(P::kApproveReport) | bit(P::kImport) |
             bit(P::kManageUsers) | bit(P::kReadAudit) | bit(P::kReportTasks);
    case Role::kProvinceStaff:
      return kRead | bit(P::kWriteRegister) | bit(P::kSubmitReport) | bit(P::kApproveReport) | bit(P::kImport) |
             bit(P::kManageUsers) | bit(P::kReportTasks);
    case Role::kDistrictStaff:  // submits the quarterly district report, approves communes'
      return kRead | bit(P::kWriteRegister) | bit(P::kSubmitReport) | bit(P::kApproveReport) |
             bit(P::kManageUsers) | bit(P::kReportTasks);
    case Role::kCommuneOfficer:
      return kRead | bit(P::kWriteRegister) | bit(P::kSubmitReport);
    case Role::kCollaborator:
      return kRead | bit(P::kWriteRegister);
    case Role::kAgencyMember:
      return bit(P::kReadAggregates) | bit(P::kReportTasks);
    case Role::kViewer:
      return kRead;
  }
  return 0;
}

bool role_may(Role role, Permission p) { return (permissions_of(role) & bit(p)) != 0; }

bool may_grant(Role granter, Role target) {
  if (!role_may(granter, Permission::kManageUsers)) return false;
  const uint32_t mine = permissions_of(granter), theirs = permissions_of(target);
  return (theirs & ~mine) == 0;
}

}  // namespace danso

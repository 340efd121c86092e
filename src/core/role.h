// Role: what a user of DanSo may do. Each user has one role and is scoped to
// one unit (a collaborator further to the villages assigned to them); the role
// says which kinds of action are allowed, the unit says where. Both are
// checked in one place, the HTTP router, from each route's declared policy.
//
//   role_may(Role::kCommuneOfficer, Permission::kSubmitReport)   // true
//   may_grant(Role::kProvinceStaff, Role::kAdministrator)        // false
#pragma once

#include <cstdint>

#include "core/enum_codec.h"

namespace danso {

enum class Role {
  kAdministrator,    // quản trị hệ thống: users, audit, everything in scope
  kProvinceStaff,    // cán bộ dân số tỉnh
  kDistrictStaff,    // cán bộ dân số huyện
  kCommuneOfficer,   // viên chức dân số xã
  kCollaborator,     // cộng tác viên dân số thôn
  kAgencyMember,     // thành viên ban, ngành: aggregates, and progress on their agency's tasks
  kViewer,           // chỉ xem
};

inline constexpr EnumCodec<Role, 7> kRoles{{{
    {Role::kAdministrator, "administrator", "quản trị hệ thống"},
    {Role::kProvinceStaff, "province_staff", "cán bộ dân số tỉnh"},
    {Role::kDistrictStaff, "district_staff", "cán bộ dân số huyện"},
    {Role::kCommuneOfficer, "commune_officer", "viên chức dân số xã"},
    {Role::kCollaborator, "collaborator", "cộng tác viên dân số"},
    {Role::kAgencyMember, "agency_member", "thành viên ban, ngành"},
    {Role::kViewer, "viewer", "chỉ xem"},
}}};

// Kinds of action. A route declares the one it needs.
enum class Permission {
  kReadAggregates,  // indicators, reports, unit tree
  kReadRegister,    // households, persons, events (named records)
  kWriteRegister,   // record slips, edit households and persons
  kSubmitReport,    // submit the commune's monthly report
  kApproveReport,   // approve or return a report of a unit below
  kImport,          // bulk imports and recomputes
  kManageUsers,     // create, disable, reset users in scope
  kReadAudit,       // browse the audit log
  kReportTasks,     // post progress on a plan's tasks (an agency member: their agency's only)
};

inline constexpr EnumCodec<Permission, 9> kPermissions{{{
    {Permission::kReadAggregates, "read_aggregates", "xem số liệu tổng hợp"},
    {Permission::kReadRegister, "read_register", "xem sổ hộ"},
    {Permission::kWriteRegister, "write_register", "ghi sổ hộ, phiếu thu tin"},
    {Permission::kSubmitReport, "submit_report", "gửi báo cáo"},
    {Permission::kApproveReport, "approve_report", "duyệt báo cáo"},
    {Permission::kImport, "import", "nhập dữ liệu"},
    {Permission::kManageUsers, "manage_users", "quản lý người dùng"},
    {Permission::kReadAudit, "read_audit", "xem nhật ký"},
    {Permission::kReportTasks, "report_tasks", "báo cáo tiến độ nhiệm vụ"},
}}};

// The permissions of a role, one bit per Permission.
uint32_t permissions_of(Role role);
bool role_may(Role role, Permission p);
// Whether a user of role `granter` may give role `target` to someone: only
// with the permission to manage users, and never a role that can do
// something the granter cannot (no escalation).
bool may_grant(Role granter, Role target);

}  // namespace danso

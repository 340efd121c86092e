#include "app/export/column_labels.h"

#include <array>

namespace danso {

namespace {

struct Heading {
  const char* list;  // "" for every list
  const char* key;
  const char* vi;
  const char* en;
};

// A key's heading in one list first, then the one every list shares.
constexpr std::array<Heading, 91> kHeadings{{
    {"households", "id", "Mã hộ", "Household id"},
    {"persons", "id", "Mã nhân khẩu", "Person id"},
    {"events", "id", "Mã sự kiện", "Event id"},
    {"users", "id", "Mã người dùng", "User id"},
    {"reports", "id", "Mã báo cáo", "Report id"},
    {"indicators", "unit", "Mã đơn vị", "Unit code"},
    {"indicators", "name", "Tên đơn vị", "Unit name"},
    {"users", "unit", "Mã đơn vị", "Unit code"},
    {"reports", "unit", "Mã đơn vị", "Unit code"},
    {"staff", "unit", "Mã đơn vị", "Unit code"},
    {"", "id", "Mã", "Id"},
    {"", "village", "Thôn/ấp", "Village"},
    {"", "address", "Địa chỉ", "Address"},
    {"", "poverty", "Hộ nghèo, cận nghèo", "Poverty status"},
    {"", "social_protection", "Bảo trợ xã hội", "Social protection"},
    {"", "ethnic_minority", "Dân tộc thiểu số", "Ethnic minority"},
    {"", "registered_on", "Ngày đăng ký", "Registered on"},
    {"", "household_id", "Mã hộ", "Household id"},
    {"", "name", "Họ và tên", "Name"},
    {"", "sex", "Giới tính", "Sex"},
    {"", "birth_date", "Ngày sinh", "Date of birth"},
    {"", "citizen_id", "Số định danh cá nhân", "Citizen ID"},
    {"", "relation", "Quan hệ với chủ hộ", "Relation to the head"},
    {"", "ethnicity", "Dân tộc", "Ethnicity"},
    {"", "marital", "Tình trạng hôn nhân", "Marital status"},
    {"", "residence", "Tình trạng cư trú", "Residence"},
    {"", "type", "Loại sự kiện", "Event type"},
    {"", "date", "Ngày", "Date"},
    {"", "person_id", "Mã nhân khẩu", "Person id"},
    {"", "related_id", "Mã người liên quan", "Related person id"},
    {"", "person_name", "Họ và tên", "Name"},
    {"", "related_name", "Họ và tên người liên quan", "Related person's name"},
    {"", "birth_order", "Con thứ", "Birth order"},
    {"", "method", "Biện pháp tránh thai", "Contraceptive method"},
    {"", "conditions", "Số bệnh được sàng lọc", "Conditions screened"},
    {"", "child_marriage", "Tảo hôn", "Child marriage"},
    {"", "consanguineous", "Cận huyết thống", "Consanguineous"},
    {"", "outcome", "Kết quả thai nghén", "Pregnancy outcome"},
    {"", "counterpart", "Nơi đi/đến", "From/to"},
    {"", "from", "Từ", "From"},
    {"", "to", "Đến", "To"},
    {"", "place", "Nơi xảy ra", "Place"},
    {"", "recorded_by", "Người ghi", "Recorded by"},
    {"", "recorded_on", "Ngày ghi", "Recorded on"},
    {"", "spouse_name", "Họ và tên vợ/chồng (không có trong sổ)", "Spouse's name (not in the register)"},
    {"", "spouse_birth_year", "Năm sinh vợ/chồng", "Spouse's year of birth"},
    {"", "spouse_address", "Địa chỉ/tỉnh của vợ/chồng", "Spouse's address or province"},
    {"", "spouse_nationality", "Quốc tịch vợ/chồng", "Spouse's nationality"},
    {"", "unit", "Đơn vị", "Unit"},
    {"", "staff_id", "Mã cán bộ", "Staff id"},
    {"", "role", "Vai trò", "Role"},
    {"", "duties", "Nhiệm vụ", "Duties"},
    {"", "start", "Ngày bắt đầu", "Start"},
    {"", "end", "Ngày kết thúc", "End"},
    {"", "username", "Tên đăng nhập", "User name"},
    {"", "unit_name", "Tên đơn vị", "Unit name"},
    {"", "villages", "Thôn phụ trách", "Villages"},
    {"", "disabled", "Đã khóa", "Disabled"},
    {"", "totp", "Xác thực hai bước", "Two-step verification"},
    {"", "created_at", "Ngày tạo", "Created at"},
    {"", "seq", "Số thứ tự", "Sequence"},
    {"", "at", "Thời điểm", "At"},
    {"", "actor_id", "Mã người thực hiện", "Actor id"},
    {"", "actor", "Người thực hiện", "Actor"},
    {"", "action", "Thao tác", "Action"},
    {"", "kind", "Loại bản ghi", "Record kind"},
    {"", "record", "Bản ghi", "Record"},
    {"", "before", "Trước", "Before"},
    {"", "after", "Sau", "After"},
    {"", "hash", "Mã băm", "Hash"},
    {"", "period", "Kỳ", "Period"},
    {"", "indicator", "Chỉ tiêu", "Indicator"},
    {"", "value", "Giá trị", "Value"},
    {"", "numerator", "Tử số", "Numerator"},
    {"", "denominator", "Mẫu số", "Denominator"},
    {"", "unit_of_measure", "Đơn vị tính", "Unit of measure"},
    {"", "flags", "Ghi chú", "Flags"},
    {"", "form", "Biểu", "Form"},
    {"", "version", "Phiên bản", "Version"},
    {"", "status", "Trạng thái", "Status"},
    {"", "updated_at", "Cập nhật", "Updated at"},
    {"", "village_name", "Tên thôn/ấp", "Village name"},
    {"", "head_id", "Mã chủ hộ", "Head of household id"},
    {"", "head_name", "Họ và tên chủ hộ", "Head of household"},
    {"", "lives_in_household_id", "Mã hộ đang ở", "Household lived in"},
    {"worklists", "list", "Danh sách", "List"},
    {"worklists", "age", "Tuổi", "Age"},
    {"worklists", "reason", "Mã lý do", "Reason code"},
    {"worklists", "reason_vi", "Lý do", "Reason (Vietnamese)"},
    {"worklists", "reason_en", "Lý do (tiếng Anh)", "Reason"},
    {"worklists", "since", "Từ ngày", "Since"},
}};

constexpr std::array<Heading, 9> kListTitles{{
    {"households", "", "Hộ dân cư", "Households"},
    {"persons", "", "Nhân khẩu", "Persons"},
    {"events", "", "Phiếu thu tin", "Events"},
    {"staff", "", "Cán bộ", "Staff"},
    {"users", "", "Người dùng", "Users"},
    {"audit", "", "Nhật ký", "Audit log"},
    {"indicators", "", "Chỉ tiêu", "Indicators"},
    {"reports", "", "Báo cáo", "Reports"},
    {"worklists", "", "Danh sách cần làm", "Work lists"},
}};

const Heading* find_heading(std::string_view list, std::string_view key) {
  for (const Heading& h : kHeadings)
    if (h.key == key && h.list == list) return &h;
  for (const Heading& h : kHeadings)
    if (h.key == key && std::string_view(h.list).empty()) return &h;
  return nullptr;
}

}  // namespace

std::optional<HeadingLang> heading_lang(std::string_view text) {
  if (text.empty() || text == "vi") return HeadingLang::kVi;
  if (text == "en") return HeadingLang::kEn;
  if (text == "keys") return HeadingLang::kKeys;
  return std::nullopt;
}

std::string column_heading(std::string_view list, std::string_view key, HeadingLang lang) {
  if (lang == HeadingLang::kKeys) return std::string(key);
  const Heading* h = find_heading(list, key);
  if (!h) return std::string(key);
  return lang == HeadingLang::kVi ? h->vi : h->en;
}

std::string list_title(std::string_view list, HeadingLang lang) {
  if (lang != HeadingLang::kKeys)
    for (const Heading& h : kListTitles)
      if (h.list == list) return lang == HeadingLang::kVi ? h.vi : h.en;
  return std::string(list);
}

void label_columns(XlsxSheet& sheet, std::string_view list, HeadingLang lang) {
  for (std::string& h : sheet.header) h = column_heading(list, h, lang);
  sheet.name = list_title(list, lang);
}

}  // namespace danso

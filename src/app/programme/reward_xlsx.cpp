#include "app/programme/reward_xlsx.h"

#include "app/export/xlsx.h"

namespace danso {

namespace {

std::string evidence(const Payment& p) {
  std::string out;
  for (const std::string& f : p.figures) out += (out.empty() ? "" : "; ") + f;
  if (!p.events.empty()) {
    out += std::string(out.empty() ? "" : "; ") + "sự kiện / events:";
    for (int64_t id : p.events) out += " " + std::to_string(id);
  }
  return out;
}

std::string rule_name(const RuleSet& rules, const std::string& id) {
  for (const RewardRule& r : rules.rules)
    if (r.id == id) return r.name_vi;
  return id;
}

}  // namespace

Result<std::string> reward_payment_xlsx(const RewardRun& run, const RuleSet& rules) {
  const RewardResult& r = run.result;
  const std::string year = std::to_string(r.year);
  XlsxSheet list;
  list.name = "Danh sách chi trả";
  list.title_lines = {"DANH SÁCH CHI TRẢ THƯỞNG, HỖ TRỢ NĂM " + year + " / PAYMENT LIST " + year,
                      "Căn cứ / Under: " + run.rule_set_title + " (" + r.rule_set + ", phiên bản / version " +
                          r.version + ")",
                      "Đơn vị / Unit: " + run.unit_code + " " + run.unit_name,
                      "Trạng thái sổ / Register state: " + run.register_state};
  list.header = {"STT / No.", "Xã / Commune", "Quy tắc / Rule", "Người nhận / Beneficiary", "Mã / Key",
                 "Số ca / Cases", "Số tiền (đồng) / Amount (VND)", "Căn cứ / Evidence", "Ký nhận / Signature"};
  list.number_formats = {"0", "", "", "", "", "#,##0", "#,##0", "", ""};
  list.landscape = true;
  int64_t cases = 0;
  for (size_t i = 0; i < r.payments.size(); ++i) {
    const Payment& p = r.payments[i];
    cases += p.cases;
    list.rows.push_back({XlsxCell::number(double(i + 1)), XlsxCell::text(p.commune_code + " " + p.commune_name),
                         XlsxCell::text(rule_name(rules, p.rule)), XlsxCell::text(p.beneficiary_name),
                         XlsxCell::text(p.beneficiary_key), XlsxCell::number(double(p.cases)),
                         XlsxCell::number(double(p.amount_vnd)), XlsxCell::text(evidence(p)), XlsxCell::empty()});
  }
  list.total = XlsxRow{XlsxCell::empty(), XlsxCell::text("Tổng cộng / Total"), XlsxCell::empty(), XlsxCell::empty(),
                       XlsxCell::empty(), XlsxCell::number(double(cases)), XlsxCell::number(double(r.total))};
  list.footer_rows = {
      {XlsxCell::empty(), XlsxCell::text("Người lập biểu / Prepared by"), XlsxCell::empty(),
       XlsxCell::text("Kế toán / Accountant"), XlsxCell::empty(), XlsxCell::empty(),
       XlsxCell::text("Thủ trưởng đơn vị / Head of unit")},
      {XlsxCell::empty(), XlsxCell::text("(Ký, ghi rõ họ tên)"), XlsxCell::empty(), XlsxCell::text("(Ký, ghi rõ họ tên)"),
       XlsxCell::empty(), XlsxCell::empty(), XlsxCell::text("(Ký, đóng dấu)")}};

  XlsxSheet communes;
  communes.name = "Tổng theo xã";
  communes.title_lines = {"Tổng chi trả theo xã năm " + year + " / Totals by commune"};
  communes.header = {"Xã / Commune", "Tên / Name", "Số tiền (đồng) / Amount (VND)"};
  communes.number_formats = {"", "", "#,##0"};
  std::map<std::string, std::string> commune_names;
  for (const Payment& p : r.payments) commune_names[p.commune_code] = p.commune_name;
  for (const auto& [code, total] : r.total_by_commune)
    communes.rows.push_back({XlsxCell::text(code), XlsxCell::text(commune_names[code]), XlsxCell::number(double(total))});
  communes.total = XlsxRow{XlsxCell::text("Tổng cộng / Total"), XlsxCell::empty(), XlsxCell::number(double(r.total))};

  XlsxSheet by_rule;
  by_rule.name = "Tổng theo quy tắc";
  by_rule.title_lines = {"Tổng chi trả theo quy tắc năm " + year + " / Totals by rule"};
  by_rule.header = {"Quy tắc / Rule", "Tên / Name", "Số tiền (đồng) / Amount (VND)"};
  by_rule.number_formats = {"", "", "#,##0"};
  for (const std::string& id : r.rules_in_force) {
    const auto it = r.total_by_rule.find(id);
    by_rule.rows.push_back({XlsxCell::text(id), XlsxCell::text(rule_name(rules, id)),
                            XlsxCell::number(double(it == r.total_by_rule.end() ? 0 : it->second))});
  }
  by_rule.total = XlsxRow{XlsxCell::text("Tổng cộng / Total"), XlsxCell::empty(), XlsxCell::number(double(r.total))};
  return write_xlsx(std::vector<XlsxSheet>{list, communes, by_rule});
}

}  // namespace danso

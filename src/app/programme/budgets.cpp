#include "app/programme/budgets.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/csv/csv_reader.h"
#include "app/formats/field_reader.h"
#include "core/text.h"
#include "core/unit_tree.h"

namespace danso {

namespace {

bool budgeted_kind(UnitKind k) { return k == UnitKind::kDistrict || k == UnitKind::kCommune; }

// Resolves the unit (a district or commune on 31 December of the year) and
// checks the amounts of one unit's figures.
Status check_budget(const UnitTree& tree, BudgetRecord& b) {
  const OrgUnit* u = tree.resolve(b.unit_code, Date::from_ymd_unchecked(b.year, 12, 31));
  if (!u || !budgeted_kind(u->kind))
    return Error::invalid("unit_code", "không có huyện hoặc xã mã '" + b.unit_code + "' ngày 31/12/" + std::to_string(b.year),
                          "no district or commune coded '" + b.unit_code + "' on 31 December " + std::to_string(b.year));
  if (b.regular_spending_vnd <= 0 || b.regular_spending_vnd > 1'000'000'000'000'000)
    return Error::invalid("regular_spending_vnd", "tổng chi thường xuyên phải từ 1 đến 10^18 đồng",
                          "the regular spending must be from 1 to 10^18 đồng");
  if (b.population_spending_vnd < 0)
    return Error::invalid("population_spending_vnd", "chi cho công tác dân số không được âm", "the population spending cannot be negative");
  if (b.population_spending_vnd > b.regular_spending_vnd)
    return Error::invalid("population_spending_vnd", "chi cho công tác dân số lớn hơn tổng chi thường xuyên",
                          "population spending is more than the total regular spending");
  b.unit = u->id;
  return {};
}

}  // namespace

Status enter_budget(Database& db, BudgetRecord entry, const accounts::Principal* actor, int64_t now) {
  if (entry.year < 1900 || entry.year > 2200)
    return Error::invalid("year", "năm phải từ 1900 đến 2200", "the year must be from 1900 to 2200");
  if (auto st = check_text_field(entry.note, "note"); !st) return st;
  entry.note = to_nfc(entry.note);
  const UnitTree tree = db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  if (auto st = check_budget(tree, entry); !st) {
    Error e = st.error();
    if (e.field == "unit_code") e.field = "unit";
    return e;
  }
  entry.entered_at = accounts::iso_instant(now);
  return db.write([&](Store& store) -> Status {
    if (auto s = store.upsert_budgets({&entry, 1}); !s) return s;
    AuditRecord e = accounts::audit_entry(actor, entry.entered_at, "update", "budget",
                                          entry.unit_code + "/" + std::to_string(entry.year), entry.unit);
    e.after = nlohmann::ordered_json{{"unit", entry.unit_code}, {"year", entry.year},
                                     {"regular_spending_vnd", entry.regular_spending_vnd},
                                     {"population_spending_vnd", entry.population_spending_vnd}, {"note", entry.note}}
                  .dump();
    return accounts::append_audit(store, std::move(e));
  });
}

Result<int64_t> import_budgets(Database& db, const std::string& csv_text, const BudgetImportOptions& o) {
  auto reader = CsvReader::from_text(o.file, csv_text, {"unit_code", "year", "regular_spending_vnd", "population_spending_vnd"},
                                     {"note"});
  if (!reader) return reader.error();
  const UnitTree tree = db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  RowIssues issues(o.file);
  std::vector<BudgetRecord> rows;
  std::set<std::pair<int64_t, int>> seen;
  const std::string now = accounts::iso_instant(o.now);
  auto st = reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    BudgetRecord b;
    b.unit_code = f.text("unit_code", true);
    const auto year = f.integer("year", true, 1900, 2200);
    const auto regular = f.integer("regular_spending_vnd", true, 1, 1'000'000'000'000'000);
    const auto population = f.integer("population_spending_vnd", true, 0, 1'000'000'000'000'000);
    b.note = f.text("note", false);
    if (!f.ok()) return;
    b.year = int(*year), b.regular_spending_vnd = *regular, b.population_spending_vnd = *population;
    if (auto st = check_budget(tree, b); !st) {
      f.fail(st.error());
      return;
    }
    if (!seen.insert({b.unit.value, b.year}).second) {
      f.fail("unit_code", "đơn vị và năm này đã có ở một dòng trước", "this unit and year are on an earlier row");
      return;
    }
    b.entered_at = now;
    rows.push_back(std::move(b));
  });
  if (!st) return st.error();
  if (!issues.empty()) return issues.first_error();
  if (rows.empty()) return Error::invalid("file", "tệp không có dòng số liệu nào", "the file has no rows");
  return db.write([&](Store& store) -> Result<int64_t> {
    if (auto s = store.upsert_budgets(rows); !s) return s.error();
    AuditRecord e = accounts::audit_entry(nullptr, now, "import", "budget", o.file);
    e.after = nlohmann::ordered_json{{"file", o.file}, {"rows", rows.size()}, {"sha256", accounts::sha256_hex(csv_text)}}
                  .dump();
    if (auto s = accounts::append_audit(store, std::move(e)); !s) return s.error();
    return int64_t(rows.size());
  });
}

Result<std::vector<BudgetRow>> budget_report(Database& db, const std::string& unit_code, int year, double floor) {
  const Date last = Date::from_ymd_unchecked(year, 12, 31);
  const UnitTree tree = db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  std::string code = unit_code;
  if (code.empty()) {
    std::vector<const OrgUnit*> tops;
    for (const OrgUnit* u : tree.valid_on(last))
      if (!u->parent.valid()) tops.push_back(u);
    if (tops.size() != 1)
      return Error::invalid("unit", "sổ có " + std::to_string(tops.size()) + " đơn vị cấp trên cùng; hãy chọn đơn vị (--unit)",
                            "the register has " + std::to_string(tops.size()) + " top units; choose one (--unit)");
    code = tops[0]->code;
  }
  auto root = tree.resolve_or_error(code, last, "unit");
  if (!root) return root.error();
  const auto budgets = db.read([&](Store& s) { return s.budgets(year); });
  std::vector<BudgetRow> out;
  for (UnitId id : tree.subtree_on(*root, last)) {
    const OrgUnit* u = tree.find(id);
    if (!budgeted_kind(u->kind)) continue;
    BudgetRow r;
    r.root_code = code;
    r.unit_code = u->code, r.unit_name = u->name, r.kind = u->kind;
    for (const BudgetRecord& b : budgets)
      if (b.unit == u->id) r.budget = b;
    if (r.budget) {
      r.share_percent = double(r.budget->population_spending_vnd) / double(r.budget->regular_spending_vnd) * 100.0;
      // Compared in whole numbers (the floor in hundredths of a percent), free of rounding:
      // population × 10,000 >= floor × 100 × regular.
      const __int128 hundredths = std::llround(floor * 100);
      r.status = __int128(r.budget->population_spending_vnd) * 10000 >= hundredths * r.budget->regular_spending_vnd
                     ? "meets"
                     : "below";
    } else {
      r.status = "missing";
    }
    out.push_back(std::move(r));
  }
  // The unit itself first, then the districts and communes under it by code.
  std::sort(out.begin(), out.end(), [&](const BudgetRow& a, const BudgetRow& b) {
    if ((a.unit_code == code) != (b.unit_code == code)) return a.unit_code == code;
    return a.unit_code < b.unit_code;
  });
  return out;
}

}  // namespace danso

// Budgets in SQLite (store/budget_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

Status SqliteStore::upsert_budgets(std::span<const BudgetRecord> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO budgets (unit_id, unit_code, year, regular_spending_vnd, population_spending_vnd, note, entered_at) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT (unit_id, year) DO UPDATE SET unit_code = excluded.unit_code, "
          "regular_spending_vnd = excluded.regular_spending_vnd, population_spending_vnd = "
          "excluded.population_spending_vnd, note = excluded.note, entered_at = excluded.entered_at");
  for (const BudgetRecord& b : rows) {
    st.bind(1, b.unit.value).bind(2, b.unit_code).bind(3, b.year).bind(4, b.regular_spending_vnd);
    st.bind(5, b.population_spending_vnd).bind(6, b.note).bind(7, b.entered_at);
    st.exec();
  }
  return {};
}

std::vector<BudgetRecord> SqliteStore::budgets(int year) {
  std::vector<BudgetRecord> out;
  Stmt st(db_->handle(),
          "SELECT unit_id, unit_code, year, regular_spending_vnd, population_spending_vnd, note, entered_at "
          "FROM budgets WHERE year = ? ORDER BY unit_code");
  st.bind(1, year);
  while (st.step()) {
    BudgetRecord b;
    b.unit = UnitId(st.i64(0)), b.unit_code = st.text(1), b.year = st.i32(2);
    b.regular_spending_vnd = st.i64(3), b.population_spending_vnd = st.i64(4);
    b.note = st.text(5), b.entered_at = st.text(6);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace danso::sqlite

// Budgets on PostgreSQL (store/budget_store.h).
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

Status PgStore::upsert_budgets(std::span<const BudgetRecord> rows) {
  for (const BudgetRecord& b : rows)
    conn_->query(
        "INSERT INTO budgets (unit_id, unit_code, year, regular_spending_vnd, population_spending_vnd, note, "
        "entered_at) VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (unit_id, year) DO UPDATE SET unit_code = "
        "EXCLUDED.unit_code, regular_spending_vnd = EXCLUDED.regular_spending_vnd, population_spending_vnd = "
        "EXCLUDED.population_spending_vnd, note = EXCLUDED.note, entered_at = EXCLUDED.entered_at",
        Params()
            .add(b.unit.value)
            .add(b.unit_code)
            .add(b.year)
            .add(b.regular_spending_vnd)
            .add(b.population_spending_vnd)
            .add(b.note)
            .instant(b.entered_at));
  return {};
}

std::vector<BudgetRecord> PgStore::budgets(int year) {
  std::vector<BudgetRecord> out;
  PgResult st = conn_->query(
      "SELECT unit_id, unit_code, year, regular_spending_vnd, population_spending_vnd, note, "
      "danso_instant(entered_at) FROM budgets WHERE year = $1 ORDER BY unit_code COLLATE \"C\"",
      Params().add(year));
  for (int i = 0; i < st.rows(); ++i) {
    BudgetRecord b;
    b.unit = UnitId(st.i64(i, 0)), b.unit_code = st.text(i, 1), b.year = st.i32(i, 2);
    b.regular_spending_vnd = st.i64(i, 3), b.population_spending_vnd = st.i64(i, 4);
    b.note = st.text(i, 5), b.entered_at = st.text(i, 6);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace danso::pg

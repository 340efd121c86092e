// Unit boundaries on PostgreSQL (store/boundary_store.h): the geometry is
// kept as written (json, checked on the way in).
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

Status PgStore::upsert_boundaries(std::span<const UnitBoundary> rows) {
  for (const UnitBoundary& b : rows)
    conn_->query(
        "INSERT INTO unit_boundaries (unit_id, geometry, west, south, east, north, source, updated_at) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (unit_id) DO UPDATE SET geometry = EXCLUDED.geometry, "
        "west = EXCLUDED.west, south = EXCLUDED.south, east = EXCLUDED.east, north = EXCLUDED.north, "
        "source = EXCLUDED.source, updated_at = EXCLUDED.updated_at",
        Params()
            .add(b.unit.value)
            .add(b.geometry)
            .add(b.west)
            .add(b.south)
            .add(b.east)
            .add(b.north)
            .add(b.source)
            .instant(b.updated_at));
  return {};
}

std::vector<UnitBoundary> PgStore::boundaries_of(std::span<const UnitId> units) {
  std::vector<UnitBoundary> out;
  PgResult st = conn_->query(
      "SELECT unit_id, geometry, west, south, east, north, source, danso_instant(updated_at) FROM unit_boundaries "
      "WHERE unit_id = ANY($1::bigint[]) ORDER BY unit_id",
      Params().add(pg_id_array(units)));
  for (int i = 0; i < st.rows(); ++i) {
    UnitBoundary b;
    b.unit = UnitId(st.i64(i, 0)), b.geometry = st.text(i, 1);
    b.west = st.f64(i, 2), b.south = st.f64(i, 3), b.east = st.f64(i, 4), b.north = st.f64(i, 5);
    b.source = st.text(i, 6), b.updated_at = st.text(i, 7);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace danso::pg

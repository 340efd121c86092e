// Unit boundaries in SQLite (store/boundary_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

Status SqliteStore::upsert_boundaries(std::span<const UnitBoundary> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO unit_boundaries (unit_id, geometry, west, south, east, north, source, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (unit_id) DO UPDATE SET geometry = excluded.geometry, "
          "west = excluded.west, south = excluded.south, east = excluded.east, north = excluded.north, "
          "source = excluded.source, updated_at = excluded.updated_at");
  for (const UnitBoundary& b : rows) {
    st.bind(1, b.unit.value).bind_static(2, b.geometry).bind(3, b.west).bind(4, b.south);
    st.bind(5, b.east).bind(6, b.north).bind(7, b.source).bind(8, b.updated_at);
    st.exec();
  }
  return {};
}

std::vector<UnitBoundary> SqliteStore::boundaries_of(std::span<const UnitId> units) {
  std::vector<UnitBoundary> out;
  Stmt st(db_->handle(), std::string("SELECT unit_id, geometry, west, south, east, north, source, updated_at "
                                     "FROM unit_boundaries WHERE unit_id") +
                             kInIds + " ORDER BY unit_id");
  const std::string ids = id_array(units);
  st.bind(1, std::string_view(ids));
  while (st.step()) {
    UnitBoundary b;
    b.unit = UnitId(st.i64(0)), b.geometry = st.text(1);
    b.west = st.f64(2), b.south = st.f64(3), b.east = st.f64(4), b.north = st.f64(5);
    b.source = st.text(6), b.updated_at = st.text(7);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace danso::sqlite

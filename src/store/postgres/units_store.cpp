// Units and unit links of the PostgreSQL adapter.
#include "store/postgres/pg_row_binder.h"
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

std::vector<OrgUnit> PgStore::load_units() {
  std::vector<OrgUnit> out;
  PgResult r = conn_->query(
      "SELECT u.id, u.code, u.name, u.kind, u.level, u.parent_id, p.code, u.valid_from, "
      "u.valid_to, u.urban, u.mountainous, u.coastal, u.difficult, u.border "
      "FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.id");
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    OrgUnit u;
    u.id = UnitId(r.i64(i, 0));
    u.code = r.text(i, 1);
    u.name = r.text(i, 2);
    u.kind = kUnitKinds.find(r.text(i, 3)).value_or(UnitKind::kVillage);
    u.level = r.i32(i, 4);
    if (!r.is_null(i, 5)) u.parent = UnitId(r.i64(i, 5));
    u.parent_code = r.text(i, 6);
    u.valid_from = r.date(i, 7);
    u.valid_to = r.opt_date(i, 8);
    u.attributes = {r.boolean(i, 9), r.boolean(i, 10), r.boolean(i, 11), r.boolean(i, 12), r.boolean(i, 13)};
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<UnitLink> PgStore::load_unit_links() {
  std::vector<UnitLink> out;
  PgResult r = conn_->query("SELECT from_id, to_id, type, effective FROM unit_links ORDER BY effective, to_id, from_id");
  for (int i = 0; i < r.rows(); ++i) {
    UnitLink l;
    l.from = UnitId(r.i64(i, 0));
    l.to = UnitId(r.i64(i, 1));
    l.type = kUnitLinkTypes.find(r.text(i, 2)).value_or(UnitLinkType::kPartial);
    l.effective = r.date(i, 3);
    out.push_back(l);
  }
  return out;
}

Status PgStore::upsert_units(std::span<const OrgUnit> units) {
  // Parents first is not guaranteed by callers: the parent's key is checked
  // at the commit.
  if (conn_->in_transaction()) conn_->exec("SET CONSTRAINTS units_parent_id_fkey DEFERRED");
  for (const auto& u : units) {
    Params p;
    PgRowBinder row(p);
    row.integer(u.id.value)
        .text(u.code)
        .text(u.name)
        .text(kUnitKinds.code(u.kind))
        .integer(u.level)
        .id(u.parent.value)
        .date(u.valid_from)
        .date_or_null(u.valid_to)
        .flag(u.attributes.urban)
        .flag(u.attributes.mountainous)
        .flag(u.attributes.coastal)
        .flag(u.attributes.difficult)
        .flag(u.attributes.border);
    conn_->query(
        "INSERT INTO units(id, code, name, kind, level, parent_id, valid_from, valid_to, urban, "
        "mountainous, coastal, difficult, border) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) "
        "ON CONFLICT (id) DO UPDATE SET code=EXCLUDED.code, name=EXCLUDED.name, "
        "kind=EXCLUDED.kind, level=EXCLUDED.level, parent_id=EXCLUDED.parent_id, "
        "valid_from=EXCLUDED.valid_from, valid_to=EXCLUDED.valid_to, urban=EXCLUDED.urban, "
        "mountainous=EXCLUDED.mountainous, coastal=EXCLUDED.coastal, "
        "difficult=EXCLUDED.difficult, border=EXCLUDED.border",
        p);
    hasher_.add(sqlite::kUnitRecord, u.id.value, row.hash());
  }
  return {};
}

Status PgStore::upsert_unit_links(std::span<const UnitLink> links) {
  for (const auto& l : links) {
    Params p;
    PgRowBinder row(p);
    row.integer(l.from.value).integer(l.to.value).text(kUnitLinkTypes.code(l.type)).date(l.effective);
    conn_->query(
        "INSERT INTO unit_links(from_id, to_id, type, effective) VALUES ($1,$2,$3,$4) "
        "ON CONFLICT (from_id, to_id) DO UPDATE SET type=EXCLUDED.type, effective=EXCLUDED.effective",
        p);
    hasher_.add(sqlite::kUnitLinkRecord, sqlite::unit_link_key(l.from.value, l.to.value), row.hash());
  }
  return {};
}

}  // namespace danso::pg

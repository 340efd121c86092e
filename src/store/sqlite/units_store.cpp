// Units and unit links of the SQLite adapter.
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

// The units and their links as last read on this connection, kept while
// no other connection has committed since (PRAGMA data_version) and this
// one has written neither (watch_written_rows' hook; a rollback drops
// them too): a slip checks its village against the whole tree.
bool SqliteStore::units_kept_current() { return units_kept_.valid && data_version() == units_kept_.data_version; }

int64_t SqliteStore::data_version() {
  Stmt st(db_->handle(), "PRAGMA data_version");
  return st.step() ? st.i64(0) : -1;
}

std::vector<OrgUnit> SqliteStore::load_units() {
  if (units_kept_current() && units_kept_.units) return *units_kept_.units;
  const int64_t version = data_version();  // before reading: a commit meanwhile makes them old at once
  std::vector<OrgUnit> out = read_units();
  remember_units(version, &out, nullptr);
  return out;
}

std::vector<UnitLink> SqliteStore::load_unit_links() {
  if (units_kept_current() && units_kept_.links) return *units_kept_.links;
  const int64_t version = data_version();
  std::vector<UnitLink> out = read_unit_links();
  remember_units(version, nullptr, &out);
  return out;
}

std::shared_ptr<const UnitTree> SqliteStore::unit_tree() {
  if (units_kept_current() && units_kept_.tree) return units_kept_.tree;
  auto tree = std::make_shared<const UnitTree>(load_units(), load_unit_links());
  // Kept only when both came from what is kept (no commit by another
  // connection in between).
  if (units_kept_current() && units_kept_.units && units_kept_.links) units_kept_.tree = tree;
  return tree;
}

void SqliteStore::remember_units(int64_t version, const std::vector<OrgUnit>* units,
                                 const std::vector<UnitLink>* links) {
  if (!units_kept_.valid || units_kept_.data_version != version) units_kept_ = UnitsKept{};
  units_kept_.valid = true;
  units_kept_.data_version = version;
  if (units) units_kept_.units = *units;
  if (links) units_kept_.links = *links;
}

std::vector<OrgUnit> SqliteStore::read_units() {
  std::vector<OrgUnit> out;
  Stmt st(db_->handle(),
          "SELECT u.id, u.code, u.name, u.kind, u.level, u.parent_id, p.code, u.valid_from, "
          "u.valid_to, u.urban, u.mountainous, u.coastal, u.difficult, u.border "
          "FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.id");
  while (st.step()) {
    OrgUnit u;
    u.id = UnitId(st.i64(0));
    u.code = st.text(1);
    u.name = st.text(2);
    u.kind = kUnitKinds.find(st.text(3)).value_or(UnitKind::kVillage);
    u.level = st.i32(4);
    if (!st.is_null(5)) u.parent = UnitId(st.i64(5));
    u.parent_code = st.text(6);
    u.valid_from = st.date(7);
    u.valid_to = st.opt_date(8);
    u.attributes = {st.i64(9) != 0, st.i64(10) != 0, st.i64(11) != 0, st.i64(12) != 0,
                    st.i64(13) != 0};
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<UnitLink> SqliteStore::read_unit_links() {
  std::vector<UnitLink> out;
  Stmt st(db_->handle(),
          "SELECT from_id, to_id, type, effective FROM unit_links ORDER BY effective, to_id, from_id");
  while (st.step()) {
    UnitLink l;
    l.from = UnitId(st.i64(0));
    l.to = UnitId(st.i64(1));
    l.type = kUnitLinkTypes.find(st.text(2)).value_or(UnitLinkType::kPartial);
    l.effective = st.date(3);
    out.push_back(l);
  }
  return out;
}

Status SqliteStore::upsert_units(std::span<const OrgUnit> units) {
  // Parents first is not guaranteed by callers: defer the FK check to commit.
  db_->exec("PRAGMA defer_foreign_keys=ON");
  Stmt st(db_->handle(),
          "INSERT INTO units(id, code, name, kind, level, parent_id, valid_from, valid_to, urban, "
          "mountainous, coastal, difficult, border) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
          "ON CONFLICT(id) DO UPDATE SET code=excluded.code, name=excluded.name, "
          "kind=excluded.kind, level=excluded.level, parent_id=excluded.parent_id, "
          "valid_from=excluded.valid_from, valid_to=excluded.valid_to, urban=excluded.urban, "
          "mountainous=excluded.mountainous, coastal=excluded.coastal, "
          "difficult=excluded.difficult, border=excluded.border");
  for (const auto& u : units) {
    HashingBinder row(st, 1);
    row.integer(u.id.value)
        .text(u.code)
        .text(u.name)
        .text(kUnitKinds.code(u.kind))
        .integer(u.level)
        .id(u.parent.value)
        .date(u.valid_from)
        .date_or_null(u.valid_to)
        .integer(u.attributes.urban)
        .integer(u.attributes.mountainous)
        .integer(u.attributes.coastal)
        .integer(u.attributes.difficult)
        .integer(u.attributes.border);
    st.exec();
    hasher_.add(kUnitRecord, u.id.value, row.hash());
  }
  return {};
}

Status SqliteStore::upsert_unit_links(std::span<const UnitLink> links) {
  Stmt st(db_->handle(),
          "INSERT INTO unit_links(from_id, to_id, type, effective) VALUES (?,?,?,?) "
          "ON CONFLICT(from_id, to_id) DO UPDATE SET type=excluded.type, "
          "effective=excluded.effective");
  for (const auto& l : links) {
    HashingBinder row(st, 1);
    row.integer(l.from.value).integer(l.to.value).text(kUnitLinkTypes.code(l.type)).date(l.effective);
    st.exec();
    hasher_.add(kUnitLinkRecord, unit_link_key(l.from.value, l.to.value), row.hash());
  }
  return {};
}

}  // namespace danso::sqlite

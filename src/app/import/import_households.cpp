#include "app/import/row_import.h"
#include "core/rules.h"

namespace danso::import_detail {

Result<ImportReport> import_households(Store& store, const ImportOptions& o) {
  Run run(o, store);
  run.begin_write();
  auto parsed = read_rows<Household>(run, formats::household_columns(), formats::parse_household);
  if (!parsed) return parsed.error();
  check_duplicates(run, *parsed, "id", [](const Household& h) { return h.id.value; });
  const std::shared_ptr<const UnitTree> held_tree = load_unit_tree(store);
  const UnitTree& tree = *held_tree;
  for (size_t i = 0; i < parsed->records.size(); ++i) {
    Household& h = parsed->records[i];
    const size_t row = parsed->rows[i];
    if (auto st = rules::check_not_future(h.registered_on, o.today, "registered_on"); !st)
      run.issues.add(row, h.registered_on.iso(), st.error());
    auto village = tree.resolve_or_error(h.village_code, h.registered_on, "village_code");
    if (!village) {
      run.issues.add(row, h.village_code, village.error());
      continue;
    }
    if (tree.find(*village)->kind != UnitKind::kVillage) {
      run.issues.add(row, "village_code", h.village_code, "đơn vị này không phải thôn/ấp/bản",
                     "this unit is not a village");
      continue;
    }
    h.village = *village;
  }
  run.progress("ghi / writing", 0, parsed->records.size());
  return finish(run, [&] { return store.upsert_households(good_records(run, *parsed)); });
}

}  // namespace danso::import_detail

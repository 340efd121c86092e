// Unit boundaries from a GeoJSON FeatureCollection (or one Feature): each
// feature's property `code_property` names its unit by code, read on
// `valid_from` (today when not given). A feature naming no unit is
// reported, never matched to a guess; a malformed geometry is refused with
// where it breaks. Any issue writes nothing unless bad features may be
// skipped; the good ones are written in one transaction with the import's
// audit entry, each replacing the unit's outline stored before.
#include <unordered_map>

#include "app/accounts/accounts.h"
#include "app/boundaries/geometry.h"
#include "app/import/json_file.h"
#include "app/import/row_import.h"

namespace danso::import_detail {

namespace {

// The unit code a feature's property holds: a string, or a whole number
// written as digits.
std::string boundary_feature_code(const nlohmann::json& feature, const std::string& property) {
  const auto props = feature.find("properties");
  if (props == feature.end() || !props->is_object()) return {};
  const auto it = props->find(property);
  if (it == props->end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
  return {};
}

}  // namespace

Result<ImportReport> import_boundaries(Store& store, const ImportOptions& o) {
  auto doc = parse_json_file(o.file, o.input ? std::move(o.input->text) : std::string());
  if (!doc) return doc.error();
  const std::string type = string_member(*doc, "type");
  const nlohmann::json* features = nullptr;
  nlohmann::json single = nlohmann::json::array();
  if (type == "FeatureCollection" && doc->contains("features") && (*doc)["features"].is_array()) {
    features = &(*doc)["features"];
  } else if (type == "Feature") {
    single.push_back(std::move(*doc));
    features = &single;
  } else {
    return Error::invalid("file", "tệp ranh giới phải là GeoJSON FeatureCollection hoặc Feature",
                          "a boundaries file must be a GeoJSON FeatureCollection or Feature");
  }
  Run run(o, store);
  run.begin_write();
  const std::shared_ptr<const UnitTree> held_tree = load_unit_tree(store);
  const UnitTree& tree = *held_tree;
  const Date on = o.valid_from ? *o.valid_from : o.today;
  const std::string at = accounts::iso_instant(o.now ? o.now : int64_t(o.today.days()) * 86400);
  const std::string source = Run::display_name(o.file);
  std::vector<UnitBoundary> rows;
  std::unordered_map<int64_t, size_t> first_row;  // unit id -> row of its first feature
  const size_t n = features->size();
  run.report.rows = n;
  for (size_t i = 0; i < n; ++i) {
    const size_t row = i + 1;
    const nlohmann::json& f = (*features)[i];
    const std::string where = "features[" + std::to_string(i) + "]";
    if (i % 200 == 0) run.progress("kiểm tra / checking", i, n);
    const std::string code = boundary_feature_code(f, o.code_property);
    if (code.empty()) {
      run.issues.add(row, where + ".properties." + o.code_property, "",
                     "thiếu mã đơn vị trong thuộc tính '" + o.code_property + "'",
                     "the unit code is missing from property '" + o.code_property + "'");
      continue;
    }
    const OrgUnit* unit = tree.resolve(code, on);
    if (!unit) {
      run.issues.add(row, where + ".properties." + o.code_property, code,
                     "không có đơn vị mã " + code + " vào ngày " + on.iso() + "; không ghi ranh giới này",
                     "no unit has code " + code + " on " + on.iso() + "; this boundary is not written");
      continue;
    }
    static const nlohmann::json kNoGeometry;
    auto b = boundary_from_geometry(f.is_object() && f.contains("geometry") ? f["geometry"] : kNoGeometry);
    if (!b) {
      run.issues.add(row, code, b.error());
      continue;
    }
    if (auto [it, fresh] = first_row.emplace(unit->id.value, row); !fresh) {
      run.issues.add(row, where + ".properties." + o.code_property, code,
                     "đơn vị đã có ranh giới ở đối tượng " + std::to_string(it->second),
                     "the unit already has a boundary in feature " + std::to_string(it->second));
      continue;
    }
    b->unit = unit->id, b->source = source, b->updated_at = at;
    rows.push_back(std::move(*b));
  }
  run.progress("kiểm tra / checking", n, n);
  run.report.notes.push_back(std::to_string(rows.size()) + " ranh giới đơn vị, mã đọc vào ngày " + on.iso() + " / " +
                             std::to_string(rows.size()) + " unit boundaries, codes read on " + on.iso());
  return finish(run, [&] { return store.upsert_boundaries(rows); });
}

}  // namespace danso::import_detail

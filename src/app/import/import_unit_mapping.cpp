// The old-to-new links of a reform (mapping-2025-07-01-merges.json): for each
// new province (level1_id) and commune (level2_id), the old units it took in
// full or in part. New codes resolve on --valid-from, old codes the day
// before. A unit that simply continues (old and new are the same unit)
// needs no link.
#include <unordered_set>

#include "app/import/json_file.h"
#include "app/import/row_import.h"

namespace danso::import_detail {

Result<ImportReport> import_unit_mapping(Store& store, const ImportOptions& o) {
  if (!o.valid_from)
    return Error::invalid("valid-from", "bảng chuyển đổi cần --valid-from NGÀY (ngày sắp xếp có hiệu lực)",
                          "a unit mapping needs --valid-from DATE (the day the reform takes effect)");
  auto doc = parse_json_file(o.file, o.input ? std::move(o.input->text) : std::string());
  if (!doc) return doc.error();
  auto data = doc->find("data");
  if (!doc->is_object() || data == doc->end() || !data->is_array())
    return Error::invalid("file", "tệp phải có mảng \"data\"", "the file must hold a \"data\" array");
  Run run(o, store);
  run.begin_write();
  const std::shared_ptr<const UnitTree> held_tree = load_unit_tree(store);
  const UnitTree& tree = *held_tree;
  const Date from = *o.valid_from;
  const Date prev = from.add_days(-1);
  std::vector<UnitLink> links;
  size_t row = 0, same_unit = 0;

  auto add_links = [&](const nlohmann::json& node, const char* id_key, const std::string& path) {
    const std::string new_code = string_member(node, id_key);
    const OrgUnit* to = tree.resolve(new_code, from);
    if (!node.is_object()) return;
    auto merges = node.find("merges");
    if (merges == node.end() || !merges->is_array()) return;
    for (size_t k = 0; k < merges->size(); ++k) {
      ++row;
      const auto& m = (*merges)[k];
      const std::string mpath = path + ".merges[" + std::to_string(k) + "]";
      const std::string old_code = string_member(m, "old_id");
      const std::string type_text = string_member(m, "type");
      if (!to) {
        run.issues.add(row, path + "." + id_key, new_code, "không có đơn vị mới mã này vào ngày " + from.iso(),
                       "no new unit with this code on " + from.iso());
        continue;
      }
      auto type = kUnitLinkTypes.parse(type_text, mpath + ".type");
      if (!type) {
        run.issues.add(row, type_text, type.error());
        continue;
      }
      const OrgUnit* old = tree.resolve(old_code, prev);
      if (!old) {
        run.issues.add(row, mpath + ".old_id", old_code,
                       "không có đơn vị cũ mã này vào ngày " + prev.iso() + " (" + string_member(m, "name") + ")",
                       "no old unit with this code on " + prev.iso() + " (" + string_member(m, "name") + ")");
        continue;
      }
      if (old->id == to->id) {
        ++same_unit;
        continue;
      }
      links.push_back({old->id, to->id, *type, from});
    }
  };
  for (size_t p = 0; p < data->size(); ++p) {
    const auto& prov = (*data)[p];
    const std::string path = "data[" + std::to_string(p) + "]";
    add_links(prov, "level1_id", path);
    if (auto l2 = prov.find("level2s"); l2 != prov.end() && l2->is_array())
      for (size_t c = 0; c < l2->size(); ++c)
        add_links((*l2)[c], "level2_id", path + ".level2s[" + std::to_string(c) + "]");
  }
  run.report.rows = row;
  run.report.notes.push_back(std::to_string(links.size()) + " liên kết, " + std::to_string(same_unit) +
                             " đơn vị giữ nguyên không cần liên kết / " + std::to_string(links.size()) +
                             " links, " + std::to_string(same_unit) + " continuing units need none");
  return finish(run, [&] { return store.upsert_unit_links(links); });
}

}  // namespace danso::import_detail

// A complete national unit list (JSON: province > District > Ward before the
// 2025 reform, province > Wards after it) imported as valid from a date. It
// replaces the list in force: a unit whose code, name and parent are
// unchanged continues; a code that now names another unit (another name or
// parent) starts a new unit; a province, district or commune missing from
// the list ends the day before. Villages are local and are left as they are.
#include <unordered_map>
#include <unordered_set>

#include "app/import/json_file.h"
#include "app/import/unit_list.h"
#include "app/import/row_import.h"
#include "core/text.h"

namespace danso::import_detail {

namespace {

using ListEntry = UnitListEntry;

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<ImportReport> import_unit_list_json(Store& store, const ImportOptions& o) {
  if (!o.valid_from)
    return Error::invalid("valid-from", "danh sách đơn vị JSON cần --valid-from NGÀY (ngày danh sách có hiệu lực)",
                          "a JSON unit list needs --valid-from DATE (the day the list takes effect)");
  auto doc = parse_json_file(o.file, o.input ? std::move(o.input->text) : std::string());
  if (!doc) return doc.error();
  if (!doc->is_array())
    return Error::invalid("file", "tệp phải là một mảng các tỉnh", "the file must be an array of provinces");
  Run run(o, store);
  run.begin_write();
  std::vector<ListEntry> entries;
  entries = unit_list_entries(*doc);
  run.report.rows = entries.size();
  const Date from = *o.valid_from;
  const Date prev = from.add_days(-1);

  std::vector<OrgUnit> units = store.load_units();
  int64_t next_id = 1;
  std::unordered_map<std::string, std::vector<size_t>> by_code;
  for (size_t i = 0; i < units.size(); ++i) {
    next_id = std::max(next_id, units[i].id.value + 1);
    by_code[units[i].code].push_back(i);
  }
  std::unordered_map<std::string, UnitId> listed;  // code -> unit in force from `from`
  std::unordered_set<int64_t> kept;                 // ids of units the list keeps or starts
  std::vector<size_t> changed;                      // indexes into units to write
  size_t continued = 0, started = 0, ended = 0;

  for (size_t n = 0; n < entries.size(); ++n) {
    const ListEntry& e = entries[n];
    const size_t row = n + 1;
    if (!all_digits(e.code)) {
      run.issues.add(row, e.path + ".Code", e.code, "mã đơn vị phải là chữ số", "the unit code must be digits");
      continue;
    }
    if (e.name.empty()) {
      run.issues.add(row, e.path + ".FullName", "", "thiếu tên đơn vị", "the unit name is missing");
      continue;
    }
    if (auto st = check_text_field(e.name, e.path + ".FullName"); !st) {
      run.issues.add(row, e.name, st.error());
      continue;
    }
    if (listed.count(e.code)) {
      run.issues.add(row, e.path + ".Code", e.code, "mã lặp lại trong danh sách", "code repeated in the list");
      continue;
    }
    UnitId parent;
    if (!e.parent_code.empty()) {
      auto it = listed.find(e.parent_code);
      if (it == listed.end()) {
        run.issues.add(row, e.path, e.parent_code, "đơn vị cha không có trong danh sách",
                       "the parent unit is not in the list");
        continue;
      }
      parent = it->second;
    }
    size_t cur = SIZE_MAX;
    for (size_t i : by_code[e.code])
      if (units[i].valid_on(from)) cur = i;
    if (cur != SIZE_MAX && units[cur].valid_from == from) {  // imported before: same identity
      OrgUnit& u = units[cur];
      u.name = e.name, u.kind = e.kind, u.level = e.level, u.parent = parent, u.parent_code = e.parent_code;
      u.valid_to.reset();
      changed.push_back(cur);
    } else if (cur != SIZE_MAX && units[cur].name == e.name && units[cur].parent == parent &&
               units[cur].kind == e.kind) {
      ++continued;
      if (units[cur].valid_to) {
        units[cur].valid_to.reset();
        changed.push_back(cur);
      }
    } else {
      if (cur != SIZE_MAX) {
        units[cur].valid_to = prev;
        changed.push_back(cur);
        ++ended;
      }
      OrgUnit u;
      u.id = UnitId(next_id++);
      u.code = e.code, u.name = e.name, u.kind = e.kind, u.level = e.level;
      u.parent = parent, u.parent_code = e.parent_code, u.valid_from = from;
      by_code[u.code].push_back(units.size());
      changed.push_back(units.size());
      units.push_back(u);
      cur = units.size() - 1;
      ++started;
    }
    listed[e.code] = units[cur].id;
    kept.insert(units[cur].id.value);
  }
  // Units of the listed kinds in force the day before and not kept end then.
  for (size_t i = 0; i < units.size(); ++i) {
    OrgUnit& u = units[i];
    if (u.kind == UnitKind::kVillage || kept.count(u.id.value) || !u.valid_on(prev)) continue;
    if (u.valid_to && *u.valid_to < from) continue;
    u.valid_to = prev;
    changed.push_back(i);
    ++ended;
  }
  run.report.notes.push_back(std::to_string(continued) + " đơn vị giữ nguyên, " + std::to_string(started) +
                             " đơn vị mới, " + std::to_string(ended) + " đơn vị kết thúc ngày " + prev.iso() +
                             " / " + std::to_string(continued) + " units continue, " + std::to_string(started) +
                             " start, " + std::to_string(ended) + " end on " + prev.iso());
  std::vector<OrgUnit> to_write;
  std::unordered_set<size_t> once;
  for (size_t i : changed)
    if (once.insert(i).second) to_write.push_back(units[i]);
  return finish(run, [&] { return store.upsert_units(to_write); });
}

}  // namespace danso::import_detail

namespace danso {

using import_detail::string_member;

std::vector<UnitListEntry> unit_list_entries(const nlohmann::json& doc) {
  std::vector<UnitListEntry> out;
  for (size_t p = 0; p < doc.size(); ++p) {
    const auto& prov = doc[p];
    const std::string pcode = string_member(prov, "Code");
    const std::string ppath = "[" + std::to_string(p) + "]";
    out.push_back({pcode, to_nfc(string_member(prov, "FullName")), UnitKind::kProvince, 1, "", ppath});
    if (auto d = prov.find("District"); d != prov.end() && d->is_array()) {
      for (size_t i = 0; i < d->size(); ++i) {
        const auto& dist = (*d)[i];
        const std::string dcode = string_member(dist, "Code");
        const std::string dpath = ppath + ".District[" + std::to_string(i) + "]";
        out.push_back({dcode, to_nfc(string_member(dist, "FullName")), UnitKind::kDistrict, 2, pcode, dpath});
        if (auto w = dist.find("Ward"); w != dist.end() && w->is_array())
          for (size_t k = 0; k < w->size(); ++k)
            out.push_back({string_member((*w)[k], "Code"), to_nfc(string_member((*w)[k], "FullName")), UnitKind::kCommune, 3, dcode,
                           dpath + ".Ward[" + std::to_string(k) + "]"});
      }
    }
    if (auto w = prov.find("Wards"); w != prov.end() && w->is_array())
      for (size_t k = 0; k < w->size(); ++k)
        out.push_back({string_member((*w)[k], "Code"), to_nfc(string_member((*w)[k], "FullName")), UnitKind::kCommune, 2, pcode,
                       ppath + ".Wards[" + std::to_string(k) + "]"});
  }
  return out;
}

}  // namespace danso

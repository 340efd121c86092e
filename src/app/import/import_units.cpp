// units.csv: a unit is identified by its code and the day it starts, so the
// same code may name different units over time, never two at once.
#include <algorithm>
#include <unordered_map>

#include "app/import/row_import.h"

namespace danso::import_detail {

namespace {
bool overlaps(const OrgUnit& a, const OrgUnit& b) {
  const bool a_before_b = a.valid_to && *a.valid_to < b.valid_from;
  const bool b_before_a = b.valid_to && *b.valid_to < a.valid_from;
  return !a_before_b && !b_before_a;
}
}  // namespace

Result<ImportReport> import_units_csv(Store& store, const ImportOptions& o) {
  Run run(o, store);
  run.begin_write();
  // merged_into: the code of the unit an ended unit went into in full,
  // resolved the day after it ends (a full link, as a unit mapping makes).
  std::unordered_map<size_t, std::string> merged_into;  // row -> code
  auto parsed = read_rows<OrgUnit>(run, formats::unit_columns(), [&](FieldReader& f) {
    auto u = formats::parse_unit(f);
    if (u && !f.raw("merged_into").empty()) {
      if (!u->valid_to) {
        f.fail("merged_into", "đơn vị sáp nhập vào đơn vị khác phải có ngày kết thúc (valid_to)",
               "a unit merged into another needs the day it ends (valid_to)");
        return std::optional<OrgUnit>();
      }
      merged_into[f.row()] = std::string(f.raw("merged_into"));
    }
    return u;
  });
  if (!parsed) return parsed.error();
  std::vector<OrgUnit> units = store.load_units();
  int64_t next_id = 1;
  for (const auto& u : units) next_id = std::max(next_id, u.id.value + 1);

  // Parents before children: by start date, then level.
  std::vector<size_t> order(parsed->records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto& x = parsed->records[a];
    const auto& y = parsed->records[b];
    return x.valid_from != y.valid_from ? x.valid_from < y.valid_from : x.level < y.level;
  });
  std::unordered_map<std::string, std::vector<size_t>> by_code;  // index into units
  for (size_t i = 0; i < units.size(); ++i) by_code[units[i].code].push_back(i);
  std::vector<OrgUnit> to_write;
  std::unordered_map<std::string, size_t> seen_in_file;  // code|from -> row
  std::vector<std::pair<size_t, OrgUnit>> merged;         // row, unit of the rows with merged_into

  for (size_t k : order) {
    OrgUnit u = parsed->records[k];
    const size_t row = parsed->rows[k];
    const std::string key = u.code + "|" + u.valid_from.iso();
    if (auto [it, fresh] = seen_in_file.emplace(key, row); !fresh) {
      run.issues.add(row, "code", u.code, "trùng mã và ngày bắt đầu với dòng " + std::to_string(it->second),
                     "same code and start date as row " + std::to_string(it->second));
      continue;
    }
    // Parent: the unit holding parent_code on the day this unit starts.
    if (!u.parent_code.empty()) {
      const OrgUnit* parent = nullptr;
      for (size_t i : by_code[u.parent_code])
        if (units[i].valid_on(u.valid_from)) parent = &units[i];
      if (!parent) {
        run.issues.add(row, "parent_code", u.parent_code,
                       "không có đơn vị cha mã này vào ngày " + u.valid_from.iso(),
                       "no parent unit with this code on " + u.valid_from.iso());
        continue;
      }
      if (parent->level + 1 != u.level) {
        run.issues.add(row, "level", std::to_string(u.level),
                       "đơn vị cha ở cấp " + std::to_string(parent->level) + ", cấp phải là " +
                           std::to_string(parent->level + 1),
                       "the parent is at level " + std::to_string(parent->level) + ", so the level must be " +
                           std::to_string(parent->level + 1));
        continue;
      }
      u.parent = parent->id;
    }
    // Same identity: update in place; another unit overlapping: refuse.
    size_t same = SIZE_MAX;
    bool clash = false;
    for (size_t i : by_code[u.code]) {
      if (units[i].valid_from == u.valid_from) same = i;
      else if (overlaps(units[i], u)) {
        clash = true;
        run.issues.add(row, "valid_from", u.valid_from.iso(),
                       "mã " + u.code + " đã thuộc đơn vị khác từ " + units[i].valid_from.iso() +
                           (units[i].valid_to ? " đến " + units[i].valid_to->iso() : ""),
                       "code " + u.code + " already names another unit from " + units[i].valid_from.iso() +
                           (units[i].valid_to ? " to " + units[i].valid_to->iso() : ""));
        break;
      }
    }
    if (clash) continue;
    if (same != SIZE_MAX) {
      u.id = units[same].id;
      units[same] = u;
    } else {
      u.id = UnitId(next_id++);
      by_code[u.code].push_back(units.size());
      units.push_back(u);
    }
    to_write.push_back(u);
    if (merged_into.count(row)) merged.emplace_back(row, u);
  }
  // Each merged unit's link to the unit holding merged_into the next day.
  std::vector<UnitLink> links;
  for (const auto& [row, u] : merged) {
    const auto code = merged_into.find(row);
    const Date next = u.valid_to->add_days(1);
    const OrgUnit* to = nullptr;
    for (size_t i : by_code[code->second])
      if (units[i].valid_on(next)) to = &units[i];
    if (!to || to->id == u.id) {
      run.issues.add(row, "merged_into", code->second, "không có đơn vị khác mã này vào ngày " + next.iso(),
                     "no other unit with this code on " + next.iso());
      continue;
    }
    links.push_back({u.id, to->id, UnitLinkType::kFull, next});
  }
  return finish(run, [&]() -> Status {
    if (auto st = store.upsert_units(to_write); !st) return st;
    return links.empty() ? Status() : store.upsert_unit_links(links);
  });
}

}  // namespace danso::import_detail

// units.csv: code,name,kind,level,parent_code,valid_from,valid_to,
//            urban,mountainous,coastal,difficult,border,merged_into
// (merged_into, the unit an ended one went into in full, is read by the
// import as a link: core/unit.h UnitLink, not a column of OrgUnit.)
#include "app/formats/formats.h"

namespace danso::formats {

const Columns& unit_columns() {
  static const Columns c{{"code", "name", "kind", "level", "parent_code", "valid_from", "valid_to",
                          "urban", "mountainous", "coastal", "difficult", "border", "merged_into"},
                         {"code", "name", "level", "valid_from"}};
  return c;
}

std::optional<OrgUnit> parse_unit(FieldReader& f) {
  OrgUnit u;
  u.code = f.text("code", true);
  for (char ch : u.code)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
          ch == '-' || ch == '_')) {
      f.fail("code", "mã đơn vị chỉ gồm chữ số, chữ cái Latin, '-' hoặc '_'",
             "a unit code holds only digits, Latin letters, '-' or '_'");
      break;
    }
  u.name = f.text("name", true);
  auto level = f.integer("level", true, 1, 10);
  u.level = int(level.value_or(1));
  auto kind = f.choice(kUnitKinds, "kind", false);
  // Default kind from the level of the four-level hierarchy.
  static constexpr UnitKind kByLevel[] = {UnitKind::kProvince, UnitKind::kDistrict,
                                          UnitKind::kCommune, UnitKind::kVillage};
  u.kind = kind ? *kind : kByLevel[std::min(u.level, 4) - 1];
  u.parent_code = f.text("parent_code", false);
  if (u.level == 1 && !u.parent_code.empty())
    f.fail("parent_code", "đơn vị cấp 1 không có đơn vị cha", "a level 1 unit has no parent");
  if (u.level > 1 && u.parent_code.empty())
    f.fail("parent_code", "đơn vị cấp dưới cần mã đơn vị cha", "a unit below level 1 needs a parent code");
  auto from = f.date("valid_from", true);
  auto to = f.date("valid_to", false);
  if (from) u.valid_from = *from;
  u.valid_to = to;
  if (from && to && *to < *from)
    f.fail("valid_to", "ngày kết thúc trước ngày bắt đầu " + from->iso(),
           "ends before it starts on " + from->iso());
  u.attributes.urban = f.flag("urban");
  u.attributes.mountainous = f.flag("mountainous");
  u.attributes.coastal = f.flag("coastal");
  u.attributes.difficult = f.flag("difficult");
  u.attributes.border = f.flag("border");
  if (!f.ok()) return std::nullopt;
  return u;
}

std::vector<std::string> write_unit(const OrgUnit& u) {
  auto b = [](bool v) { return std::string(v ? "1" : "0"); };
  return {u.code,
          u.name,
          kUnitKinds.code(u.kind),
          std::to_string(u.level),
          u.parent_code,
          u.valid_from.iso(),
          opt_date_text(u.valid_to),
          b(u.attributes.urban),
          b(u.attributes.mountainous),
          b(u.attributes.coastal),
          b(u.attributes.difficult),
          b(u.attributes.border),
          ""};  // merged_into: links are not written back here
}

}  // namespace danso::formats

#include "app/reports/deadlines.h"

#include "app/accounts/audit_chain.h"

namespace danso::reports {

namespace {

UnitTree deadline_tree(Database& db) {
  return db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
}

Error deadline_unit_missing(std::string_view code) {
  return Error::not_found("unit", "không tìm thấy đơn vị '" + std::string(code) + "'",
                          "no unit '" + std::string(code) + "'");
}

}  // namespace

const OrgUnit* unit_above_of_kind(const UnitTree& tree, const OrgUnit& unit, UnitKind kind, Date on) {
  const OrgUnit* u = &unit;
  for (int depth = 0; u && depth < 8; ++depth) {
    if (u->kind == kind) return u;
    if (u->parent_code.empty()) return nullptr;
    u = tree.resolve(u->parent_code, on);
  }
  return nullptr;
}

ProvinceDeadlines deadlines_of(Database& db, const OrgUnit& province) {
  ProvinceDeadlines out;
  out.province = province.code;
  out.province_name = province.name;
  if (auto rec = db.read([&](Store& s) { return s.find_report_deadlines(province.code); })) {
    out.deadlines = rec->deadlines;
    out.defaults = false;
    out.updated_at = rec->updated_at;
    out.updated_by = rec->updated_by;
  }
  return out;
}

Result<ProvinceDeadlines> deadlines_for(Database& db, std::string_view unit_code, Date on) {
  const UnitTree tree = deadline_tree(db);
  const OrgUnit* unit = tree.resolve(unit_code, on);
  if (!unit) return deadline_unit_missing(unit_code);
  const OrgUnit* province = province_of(tree, *unit, on);
  if (!province) return deadline_unit_missing(unit_code);
  return deadlines_of(db, *province);
}

Result<ProvinceDeadlines> set_deadlines(Database& db, accounts::Actor actor, std::string_view province_code,
                                        const ReportDeadlines& deadlines, int64_t now) {
  if (auto st = check_deadlines(deadlines); !st) return st.error();
  const Date today = accounts::date_of(now);
  const UnitTree tree = deadline_tree(db);
  const OrgUnit* province = tree.resolve(province_code, today);
  if (!province) return deadline_unit_missing(province_code);
  if (province->kind != UnitKind::kProvince)
    return Error::invalid("province", "hạn báo cáo do tỉnh đặt: '" + province->code + "' không phải là tỉnh",
                          "deadlines are set by a province: '" + province->code + "' is not one");
  if (actor) {
    const OrgUnit* own = tree.find(actor->unit);
    if (!own || own->code != province->code)
      return Error{ErrorCode::kPermissionDenied, "province",
                   "chỉ cán bộ của " + province->name + " mới được đặt hạn báo cáo của tỉnh",
                   "only the staff of " + province->code + " may set its report deadlines"};
  }
  ReportDeadlinesRecord rec;
  rec.province = province->code;
  rec.deadlines = deadlines;
  rec.updated_at = accounts::iso_instant(now);
  rec.updated_by = actor ? actor->username : accounts::kCommandLineActor;
  const auto as_json = [&](const ReportDeadlines& d) {
    return nlohmann::ordered_json{{"monthly_day", d.monthly_day},
                                  {"quarterly_day", d.quarterly_day},
                                  {"yearly", yearly_date_text(d)}};
  };
  auto st = db.write([&](Store& s) -> Status {
    const auto before = s.find_report_deadlines(rec.province);
    if (auto put = s.put_report_deadlines(rec); !put) return put;
    AuditRecord e;
    e.at = rec.updated_at;
    e.actor_name = rec.updated_by;
    if (actor) e.actor = actor->user;
    e.action = "update";
    e.kind = "report_deadlines";
    e.record = rec.province;
    e.unit = province->id;
    e.before = before ? as_json(before->deadlines).dump() : "";
    e.after = as_json(rec.deadlines).dump();
    return accounts::append_audit(s, std::move(e));
  });
  if (!st) return st.error();
  return deadlines_of(db, *province);
}

nlohmann::ordered_json deadlines_json(const ProvinceDeadlines& d) {
  return {{"province", d.province},
          {"province_name", d.province_name},
          {"monthly_day", d.deadlines.monthly_day},
          {"quarterly_day", d.deadlines.quarterly_day},
          {"yearly", yearly_date_text(d.deadlines)},
          {"defaults", d.defaults},
          {"updated_at", d.defaults ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.updated_at)},
          {"updated_by", d.defaults ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.updated_by)}};
}

}  // namespace danso::reports

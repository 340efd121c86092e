#include "app/export/export.h"

#include <algorithm>

#include "app/csv/csv_writer.h"
#include "app/formats/formats.h"

namespace danso {

namespace {

void write_row(CsvWriter& w, const std::vector<std::string>& fields) {
  std::vector<std::string_view> views(fields.begin(), fields.end());
  w.row(views);
}

void header(CsvWriter& w, const formats::Columns& c) { write_row(w, c.all); }

}  // namespace

Status export_kind(Store& store, ImportKind kind, std::ostream& out) {
  CsvWriter w(out);
  switch (kind) {
    case ImportKind::kUnits: {
      header(w, formats::unit_columns());
      auto units = store.load_units();
      std::sort(units.begin(), units.end(), [](const OrgUnit& a, const OrgUnit& b) {
        if (a.valid_from != b.valid_from) return a.valid_from < b.valid_from;
        if (a.level != b.level) return a.level < b.level;
        return a.code < b.code;
      });
      for (const auto& u : units) write_row(w, formats::write_unit(u));
      break;
    }
    case ImportKind::kHouseholds:
      header(w, formats::household_columns());
      store.for_each_household([&](const Household& h) { write_row(w, formats::write_household(h)); });
      break;
    case ImportKind::kPersons:
      header(w, formats::person_columns());
      store.for_each_person([&](const Person& p) { write_row(w, formats::write_person(p)); });
      break;
    case ImportKind::kEvents:
      header(w, formats::event_columns());
      store.for_each_event([&](const VitalEvent& e) { write_row(w, formats::write_event(e)); });
      break;
    case ImportKind::kStaff:
      header(w, formats::staff_columns());
      store.for_each_staff([&](const StaffAssignment& s) { write_row(w, formats::write_staff(s)); });
      break;
    case ImportKind::kUnitMapping:
      return Error::invalid("kind", "chưa hỗ trợ xuất bảng chuyển đổi đơn vị; dùng: danso unit --code MÃ",
                            "unit mappings are not exported; see them with: danso unit --code CODE");
    case ImportKind::kBoundaries:
      return Error::invalid("kind", "chưa hỗ trợ xuất ranh giới; xem chúng qua GET /api/v1/units/{code}/boundaries",
                            "boundaries are not exported; read them from GET /api/v1/units/{code}/boundaries");
  }
  out.flush();
  if (!out)
    return Error{ErrorCode::kInternal, "output", "không ghi được dữ liệu xuất", "cannot write the export"};
  return {};
}

}  // namespace danso

// Each province's report deadlines (core/report_deadline.h): read for any
// unit (the province above it, or the defaults when the province has set
// none), and set by the province's own staff or the command line, audited
// in the same transaction.
//
//   auto d = reports::deadlines_for(db, "99001", today);   // d->province == "99"
//   reports::set_deadlines(db, &principal, "99", {7, 20, 12, 10}, now);
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "core/report_deadline.h"
#include "core/unit_tree.h"

namespace danso::reports {

struct ProvinceDeadlines {
  std::string province, province_name;  // code and name
  ReportDeadlines deadlines;
  bool defaults = true;  // the province has set none
  std::string updated_at, updated_by;
};

// The unit of `kind` that holds `unit` on `on` (the unit itself when it is
// of that kind); nullptr when there is none.
const OrgUnit* unit_above_of_kind(const UnitTree& tree, const OrgUnit& unit, UnitKind kind, Date on);
inline const OrgUnit* province_of(const UnitTree& tree, const OrgUnit& unit, Date on) {
  return unit_above_of_kind(tree, unit, UnitKind::kProvince, on);
}

// The deadlines of the province holding `unit_code` on `on`; not_found
// naming `unit` for a code without a unit that day.
Result<ProvinceDeadlines> deadlines_for(Database& db, std::string_view unit_code, Date on);
// As above, with the tree already loaded.
ProvinceDeadlines deadlines_of(Database& db, const OrgUnit& province);

// Sets a province's deadlines: `province_code` must name a province today
// (invalid_argument otherwise) and a signed-in actor must belong to it
// (permission_denied: a district or commune does not set them).
Result<ProvinceDeadlines> set_deadlines(Database& db, accounts::Actor actor, std::string_view province_code,
                                        const ReportDeadlines& deadlines, int64_t now);

// The API's JSON (docs/api.md "Report deadlines").
nlohmann::ordered_json deadlines_json(const ProvinceDeadlines& d);

}  // namespace danso::reports

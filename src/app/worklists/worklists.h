// The collaborator's work lists over a set of villages on a day (the rules:
// core/worklist.h, docs/worklists.md), gathered from the register in a few
// reads, each row with the person, their household and village, and why
// they are on it; as JSON rows (for the API, CSV and xlsx) and as a
// printable A4 page.
//
// Who is read: the persons who belong to the villages today and are in the
// area on the day asked, with their status that day (app/person_statuses.h);
// a person is listed under the village they lived in on that day, when it
// is one of `villages`. Households: those of the villages.
//
//   auto lists = worklists::gather(db, units, villages, on);
//   for (const worklists::Row& r : lists.rows) ...   // r.entry.kind, r.name, r.entry.reason_vi
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/database.h"
#include "core/unit_tree.h"
#include "core/worklist.h"

namespace danso::worklists {

struct Row {
  WorklistEntry entry;
  std::string name;                 // the person's (a household: its head's; empty when it has none)
  std::optional<Sex> sex;
  std::optional<Date> birth_date;
  std::string address;              // of the household
  std::string village_code, village_name;
};

struct Lists {
  Date on;
  std::optional<WorklistKind> only;  // the one list asked for, else all
  std::vector<Row> rows;  // by list (core order), then village code, household, person
  std::array<int64_t, kWorklistKindCount> counts{};  // rows per list
};

// `only`: one list, else all six.
Lists gather(Database& db, const UnitTree& units, std::span<const UnitId> villages, Date on,
             std::optional<WorklistKind> only = std::nullopt);

// A row as the API, CSV and xlsx show it (keys in docs/api.md).
nlohmann::ordered_json row_json(const Row& row);
// {"on", "counts": {list: n}, "rows": [...]}.
nlohmann::ordered_json lists_json(const Lists& lists);

// The printable page: one section per list (a list with no row says so),
// headed with the unit's name and the day; `unit_name` the unit asked for;
// in Vietnamese, or English when `english`.
std::string lists_html(const Lists& lists, const std::string& unit_name, bool english = false);

}  // namespace danso::worklists

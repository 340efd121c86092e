// Tables for download: a list of JSON objects (the rows an API list route
// answers) as an XlsxSheet, and an XlsxSheet as CSV. One column per key, in
// the order keys first appear; strings are text cells, numbers number cells,
// true/false 1/0 (as in the import files), null an empty cell, and arrays or
// objects their JSON text.
//
// CSV: UTF-8 with a byte-order mark (so spreadsheet programs read Vietnamese
// correctly), the title lines left out, the header row, the rows and the
// total row, fields quoted per RFC 4180 (app/csv/csv_writer.h), "\n" line ends.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/indicator_catalogue.h"

#include "app/export/xlsx.h"

namespace danso {

inline constexpr const char* kCsvContentType = "text/csv; charset=utf-8";
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

XlsxSheet sheet_from_objects(std::string name, const nlohmann::ordered_json& rows);
// The rows of an indicator report (app/indicator_report.h; one unit or an
// array of units): one per unit and indicator, with the columns of
// `danso indicators --format csv` (unit, period, indicator, value, numerator,
// denominator, unit_of_measure, flags joined by ';') and the unit's name;
// the value rounded to its indicator's precision in `catalogue` (2 decimals
// for a code it lacks), the numerator to 2 decimals and the denominator to
// 1, as the dashboard shows them.
nlohmann::ordered_json indicator_rows(const nlohmann::ordered_json& report,
                                      const analytics::IndicatorCatalogue& catalogue);
std::string sheet_csv(const XlsxSheet& sheet);

}  // namespace danso

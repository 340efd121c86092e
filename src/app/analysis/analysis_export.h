// A free analysis as a pivot table to download (GET /api/v1/analysis with
// ?format=csv|xlsx): the dimensions of `rows` as label columns, those of
// `columns` as header rows (the first the outermost), one value per cell
// rounded to its indicator's precision as the screen shows it, headings in
// Vietnamese or English; the sheet set up for printing on A4, one page
// wide (landscape when wide), the header rows and label columns repeated
// on every page.
//
//   XlsxSheet s = analysis_sheet(table, query, /*english=*/false);
//   std::string name = analysis_file_stem(table);   // "phan-tich-xa-Tan-Loc-2025-01-2025-12"
#pragma once

#include <string>

#include "app/analysis/analysis.h"
#include "app/export/xlsx.h"

namespace danso::analysis {

XlsxSheet analysis_sheet(const AnalysisTable& table, const AnalysisQuery& query, bool english);
// The download's name: the unit, the first and the last period.
std::string analysis_file_stem(const AnalysisTable& table, const AnalysisQuery& query);
// The value rounded to `decimals` places, as shown.
double rounded_to(double value, int decimals);

}  // namespace danso::analysis

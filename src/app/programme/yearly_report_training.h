// The training part of the yearly report (section 5 "Đào tạo, bồi dưỡng"):
// coverage per group and course of each training plan covering the unit,
// members counted on 31 December, and the spending of the unit's sessions
// against the plan's budget (training_report.h), as a sheet of the workbook
// and a section of the printable page.
#pragma once

#include <string>

#include "app/export/xlsx.h"
#include "app/programme/training_report.h"

namespace danso {

// `head`: the report's first title line.
XlsxSheet yearly_training_sheet(const TrainingCoverageReport& training, const std::string& head);
std::string yearly_training_html(const TrainingCoverageReport& training);

}  // namespace danso

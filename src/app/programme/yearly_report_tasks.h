// The yearly report's part on the agencies' tasks (app/programme/yearly_report.h):
// per agency its tasks, those reported on in the year, done and overdue,
// then every overdue task with the years it was not done.
#pragma once

#include <string>

#include "app/export/xlsx.h"
#include "app/programme/yearly_report.h"

namespace danso {

XlsxSheet yearly_tasks_sheet(const YearlyReport& report, const std::string& head);
std::string yearly_tasks_html(const YearlyReport& report);

}  // namespace danso

// Recording one information slip (phiếu thu tin) from a form: the slip's
// fields by the column names of events.csv, checked exactly as the events
// import checks a row (it is one), and written with the caller's audit
// entry in the same transaction. The event's id is the next free one.
//
//   auto r = record_event(store, {{"type", "birth"}, {"date", "2025-06-01"}, ...}, today,
//                         [&](const VitalEvent& e) { return audit(e); });
//   if (r && r->event) ...        // written; r->issues otherwise
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/formats/row_issues.h"
#include "core/event.h"
#include "store/store.h"

namespace danso {

struct RecordedEvent {
  std::optional<VitalEvent> event;  // set when written
  std::vector<RowIssue> issues;     // why not, otherwise
};

Result<RecordedEvent> record_event(Store& store, const std::map<std::string, std::string>& fields, Date today,
                                   const std::function<Status(const VitalEvent&)>& audit);

}  // namespace danso

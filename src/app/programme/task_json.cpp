#include "app/programme/task_json.h"

namespace danso {

namespace {

nlohmann::ordered_json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json task_update_json(const TaskUpdateRecord& u) {
  return {{"id", u.id},
          {"task", u.task},
          {"year", u.year},
          {"status", kTaskStatuses.code(u.status)},
          {"note", u.note},
          {"by", u.actor},
          {"at", u.at}};
}

nlohmann::ordered_json task_view_json(const TaskView& v) {
  const TaskRecord& t = v.task;
  return {{"id", t.id},
          {"set", t.task_set},
          {"key", t.key},
          {"unit", v.unit_code},
          {"unit_name", v.unit_name},
          {"agency", t.agency},
          {"agency_name", v.agency_name},
          {"role", kTaskRoles.code(t.role)},
          {"with", t.with},
          {"description_vi", t.description_vi},
          {"description_en", t.description_en},
          {"indicators", t.indicators},
          {"targets", t.targets},
          {"due", date_or_null(t.due.first)},
          {"recurring", t.due.yearly ? nlohmann::ordered_json(format_recurrence(*t.due.yearly)) : nullptr},
          {"next_due", date_or_null(v.next_due)},
          {"missed_years", v.missed},
          {"state", v.state},
          {"updates", v.updates},
          {"last_update", v.last ? task_update_json(*v.last) : nlohmann::ordered_json(nullptr)}};
}

nlohmann::ordered_json agency_summary_json(const std::vector<AgencySummary>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const AgencySummary& s : rows)
    out.push_back({{"unit", s.unit_code}, {"agency", s.agency}, {"name", s.name}, {"tasks", s.tasks},
                   {"reported", s.reported}, {"done", s.done}, {"overdue", s.overdue}});
  return out;
}

nlohmann::ordered_json committee_json(const CommitteeRecord& c, const std::string& unit_code) {
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (const CommitteeMemberRecord& m : c.members)
    members.push_back({{"name", m.name}, {"agency", m.agency}, {"position", m.position}, {"start", m.start.iso()},
                       {"end", date_or_null(m.end)}});
  return {{"id", c.id}, {"set", c.task_set}, {"unit", unit_code}, {"level", c.level}, {"name_vi", c.name_vi},
          {"members", std::move(members)}};
}

}  // namespace danso

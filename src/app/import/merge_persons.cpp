#include "app/import/merge_persons.h"

#include <algorithm>

#include "app/import/record_event.h"

namespace danso {

namespace {

std::string merge_id(int64_t v) { return std::to_string(v); }

// Whether `e`, once it names `keep`, is a slip `keep` already has: the same
// type and day for the same person (the same couple for a marriage or a
// divorce); or a birth or death, which a person has once.
bool already_kept(const VitalEvent& e, const std::vector<VitalEvent>& kept) {
  for (const VitalEvent& k : kept) {
    if (k.type != e.type) continue;
    const bool once = e.type == EventType::kBirth || e.type == EventType::kDeath;
    if (once && k.person == e.person) return true;
    if (k.date != e.date) continue;
    const bool couple = e.type == EventType::kMarriage || e.type == EventType::kDivorce;
    if (!couple && k.person == e.person && k.related == e.related) return true;
    if (couple && std::minmax(k.person.value, k.related.value) == std::minmax(e.person.value, e.related.value))
      return true;
  }
  return false;
}

}  // namespace

Result<MergedPersons> merge_persons(Store& store, PersonId keep, PersonId remove, Date today, const WriteScope& scope,
                                    const std::function<Status(const MergePlan&)>& audit) {
  if (keep == remove)
    return Error::invalid("remove", "hai bản ghi là một người", "both records are the same person");
  const auto kept_person = store.find_person(keep);
  if (!kept_person) return Error{ErrorCode::kNotFound, "keep", "không có người này", "no such person"};
  const auto removed_person = store.find_person(remove);
  if (!removed_person) return Error{ErrorCode::kNotFound, "remove", "không có người này", "no such person"};
  const PersonId both[] = {keep, remove};
  std::vector<VitalEvent> kept, theirs;
  for (VitalEvent& e : store.events_naming(both)) {
    const bool names_keep = e.person == keep || e.related == keep;
    const bool names_remove = e.person == remove || e.related == remove;
    if (names_keep && names_remove)
      return Error::invalid("remove",
                            "phiếu " + merge_id(e.id.value) + " ghi cả hai bản ghi: đây là hai người khác nhau",
                            "slip " + merge_id(e.id.value) + " names both records: they are two different persons");
    (names_keep ? kept : theirs).push_back(std::move(e));
  }
  // The head of a household the kept record does not live in stays: the
  // household would be left without its head.
  if (removed_person->relation == Relation::kHead) {
    const auto there = person_place(store, remove, today);
    const auto here = person_place(store, keep, today);
    if (there && (!here || here->household != there->household))
      return Error::invalid("remove",
                            "bản ghi cần xóa là chủ hộ " + merge_id(there->household.value) +
                                ": hãy đổi chủ hộ trước, hoặc giữ bản ghi này",
                            "the record to remove heads household " + merge_id(there->household.value) +
                                ": change the head first, or keep this record");
  }
  // Every slip rewritten or cancelled is the caller's.
  for (const VitalEvent& e : theirs)
    if (!scope.allows(e.village))
      return Error{ErrorCode::kPermissionDenied, "remove",
                   "bản ghi này có phiếu ở đơn vị ngoài phạm vi của bạn: cần người dùng cấp trên gộp",
                   "this record has slips in units outside yours: a user above must merge it"};
  MergePlan plan;
  plan.before = theirs;
  plan.removed = *removed_person;
  for (VitalEvent e : theirs) {
    if (e.person == remove) e.person = keep;
    if (e.related == remove) e.related = keep;
    const bool once = e.type == EventType::kBirth || e.type == EventType::kDeath;
    if (once && e.person == keep)
      for (const VitalEvent& k : kept)
        if (k.type == e.type && k.person == keep && k.date != e.date)
          return Error::invalid(
              "remove",
              std::string("hai bản ghi có hai phiếu ") + (e.type == EventType::kBirth ? "sinh" : "chết") +
                  " khác ngày (" + merge_id(k.id.value) + ", " + merge_id(e.id.value) + "): sửa phiếu sai trước",
              std::string("the two records have two ") + (e.type == EventType::kBirth ? "birth" : "death") +
                  " slips on different days (" + merge_id(k.id.value) + ", " + merge_id(e.id.value) +
                  "): correct the wrong one first");
    if (already_kept(e, kept)) plan.dropped.push_back(e.id);
    else plan.moved.push_back(std::move(e));
  }
  // The rewritten slips, one row each, the duplicates cancelled, the
  // record removed: one write.
  EventsChange change;
  change.rows = plan.moved;
  change.cancel = plan.dropped;
  change.remove_persons = {remove};
  change.focus.persons = {keep, remove};
  for (const VitalEvent& e : theirs)
    if (e.household.valid()) change.focus.households.push_back(e.household);
  auto report = write_events_change(store, "merge.csv", today, std::move(change), [&]() -> Status { return audit(plan); });
  if (!report) return report.error();
  MergedPersons out;
  out.merged = report->committed;
  if (out.merged) {
    for (const VitalEvent& e : plan.moved) out.moved.push_back(e.id);
    out.dropped = plan.dropped;
  } else {
    out.issues = report->issues;
    if (out.issues.empty())
      return Error{ErrorCode::kInternal, "", "hai bản ghi không được gộp", "the two records were not merged"};
  }
  return out;
}

}  // namespace danso

#include "app/duplicate_review.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "app/accounts/audit_chain.h"
#include "app/person_statuses.h"
#include "app/register_json.h"

namespace danso {

namespace {

// The review's keys of `persons`, with the mothers their birth slips name
// (read only for those `wanted`: the pairs found without them).
std::vector<DuplicateKey> review_keys(Store& s, std::span<const Person> persons, const std::set<int64_t>& wanted) {
  std::vector<DuplicateKey> keys;
  keys.reserve(persons.size());
  for (const Person& p : persons) keys.push_back({p.id, normalise_search(p.name), p.birth_date, p.citizen_id, {}});
  if (wanted.empty()) return keys;
  std::vector<PersonId> ids;
  for (int64_t id : wanted) ids.push_back(PersonId(id));
  std::map<int64_t, PersonId> mother;
  for (const VitalEvent& e : s.events_naming(ids))
    if (e.type == EventType::kBirth && wanted.count(e.person.value)) mother[e.person.value] = e.related;
  for (DuplicateKey& k : keys)
    if (auto it = mother.find(k.id.value); it != mother.end()) k.mother = it->second;
  return keys;
}

// The pairs among `persons`: first without the mothers, then with those of
// the persons in a pair.
std::vector<DuplicatePair> review_pairs(Store& s, std::span<const Person> persons) {
  const auto dismissed = s.dismissed_duplicates();
  std::set<int64_t> wanted;
  for (const DuplicatePair& d : duplicate_pairs(review_keys(s, persons, {}), dismissed))
    wanted.insert(d.first.value), wanted.insert(d.second.value);
  if (wanted.empty()) return {};
  return duplicate_pairs(review_keys(s, persons, wanted), dismissed);
}

// Both persons of a write: existing and living in the writer's scope today
// (kNotFound naming the field otherwise, as for a missing one), a pair of
// the list, and the writer an officer.
Result<std::pair<Person, Person>> reviewed_pair(const RegisterWriter& w, PersonId a, const char* a_field, PersonId b,
                                               const char* b_field) {
  Store& s = w.db.store();
  const Reference refs[] = {{Reference::kPerson, a_field, a.value, {}, writer_today(w)},
                            {Reference::kPerson, b_field, b.value, {}, writer_today(w)}};
  if (auto st = check_references(s, w.accounts.units(), refs, writer_scope(w)); !st) return st.error();
  std::vector<Person> found;
  for (const auto& [id, field] : {std::pair{a, a_field}, std::pair{b, b_field}}) {
    auto person = s.find_person(id);
    if (!person) return Error{ErrorCode::kNotFound, field, "không tìm thấy", "not found"};
    found.push_back(std::move(*person));
  }
  if (w.principal.role == Role::kCollaborator)
    return Error{ErrorCode::kPermissionDenied, a_field,
                 "chỉ viên chức dân số xã trở lên được xem xét người đăng ký hai lần",
                 "only the commune officer (or staff above) may review persons registered twice"};
  if (a == b) return Error::invalid(b_field, "hai bản ghi là một người", "both records are the same person");
  if (review_pairs(s, found).empty())
    return Error::invalid(b_field, "hai người này không có trong danh sách nghi trùng",
                          "these two persons are not on the list of persons registered twice");
  return std::pair{std::move(found[0]), std::move(found[1])};
}

}  // namespace

std::vector<DuplicateEntry> duplicate_review(Database& db, const UnitTree& units, std::span<const UnitId> villages,
                                             Date on) {
  std::vector<DuplicateEntry> entries = db.read([&](Store& s) {
    std::vector<PlacedPerson> placed;
    s.persons_page(villages, "", PersonFilter{on, false, false, std::nullopt}, 0, int64_t(1) << 40, placed);
    std::vector<Person> persons;
    persons.reserve(placed.size());
    for (const PlacedPerson& p : placed) persons.push_back(p.person);
    const auto pairs = review_pairs(s, persons);
    std::map<int64_t, size_t> index;
    for (size_t i = 0; i < placed.size(); ++i) index[placed[i].person.id.value] = i;
    std::vector<Person> named;
    for (const DuplicatePair& d : pairs)
      for (PersonId id : {d.first, d.second}) named.push_back(placed[index[id.value]].person);
    const std::vector<PersonStatus> statuses = person_statuses(s, named, on);
    std::vector<DuplicateEntry> out;
    for (size_t i = 0; i < pairs.size(); ++i)
      out.push_back({pairs[i].reason,
                     {placed[index[pairs[i].first.value]], statuses[2 * i]},
                     {placed[index[pairs[i].second.value]], statuses[2 * i + 1]}});
    return out;
  });
  // Each village as it is now (a renamed or moved one by its new code).
  std::vector<ListedPerson> shown;
  for (const DuplicateEntry& d : entries) shown.push_back(d.first), shown.push_back(d.second);
  name_villages(units, on, shown);
  for (size_t i = 0; i < entries.size(); ++i) entries[i].first = shown[2 * i], entries[i].second = shown[2 * i + 1];
  return entries;
}

Status write_duplicate_dismissal(const RegisterWriter& w, PersonId a, PersonId b, std::string_view note) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  const auto pair = reviewed_pair(w, a, "person_a", b, "person_b");
  if (!pair) return pair.error();
  const auto why = typed_reason(note, "note", std::nullopt);
  if (!why) return why.error();
  Store& s = w.db.store();
  auto tx = s.begin();
  const std::string at = accounts::iso_instant(w.now);
  if (auto st = s.dismiss_duplicate(a, b, w.principal.username, at, *why); !st) return st;
  const auto place = person_place(s, a, writer_today(w));
  AuditRecord e = accounts::audit_entry(&w.principal, at, "dismiss", "person",
                                        std::to_string(std::min(a.value, b.value)) + "," +
                                            std::to_string(std::max(a.value, b.value)),
                                        place ? place->village : UnitId());
  e.before = nlohmann::ordered_json{{"first", person_json(pair->first)}, {"second", person_json(pair->second)}}.dump();
  e.after = nlohmann::ordered_json{{"decision", "two_persons"}, {"note", *why}}.dump();
  if (auto st = accounts::append_audit(s, std::move(e)); !st) return st;
  return tx.commit();
}

Result<MergedPersons> write_person_merge(const RegisterWriter& w, PersonId keep, PersonId remove,
                                         std::string_view reason) {
  std::lock_guard<std::mutex> lock(w.db.mutex());
  const auto pair = reviewed_pair(w, keep, "keep", remove, "remove");
  if (!pair) return pair.error();
  const auto why = typed_reason(
      reason, "reason", Error::invalid("reason", "cần ghi lý do gộp hai bản ghi", "a reason for the merge is required"));
  if (!why) return why.error();
  Store& s = w.db.store();
  const auto place = person_place(s, keep, writer_today(w));
  return merge_persons(s, keep, remove, writer_today(w), writer_scope(w), [&](const MergePlan& plan) -> Status {
    AuditRecord e = accounts::audit_entry(&w.principal, accounts::iso_instant(w.now), "merge", "person",
                                          std::to_string(keep.value), place ? place->village : UnitId());
    e.before = nlohmann::ordered_json{{"kept", person_json(pair->first)}, {"removed", person_json(pair->second)}}.dump();
    nlohmann::ordered_json moved = nlohmann::ordered_json::array(), dropped = nlohmann::ordered_json::array();
    for (const VitalEvent& ev : plan.moved) moved.push_back(ev.id.value);
    for (EventId id : plan.dropped) dropped.push_back(id.value);
    e.after = nlohmann::ordered_json{{"kept", keep.value},
                                     {"removed", remove.value},
                                     {"slips_moved", moved},
                                     {"slips_cancelled", dropped},
                                     {"reason", *why}}
                  .dump();
    // The merge's entry first: it holds the register rows the merge wrote.
    if (auto st = accounts::append_audit(s, std::move(e)); !st) return st;
    // Then each record's own: a slip's new version or its cancellation (its
    // history, app/slip_history.h), and the removed record's deletion.
    const std::string at = accounts::iso_instant(w.now);
    for (const VitalEvent& was : plan.before) {
      const auto now = std::find_if(plan.moved.begin(), plan.moved.end(), [&](const VitalEvent& m) { return m.id == was.id; });
      AuditRecord slip = accounts::audit_entry(&w.principal, at, now != plan.moved.end() ? "update" : "cancel", "event",
                                               std::to_string(was.id.value), was.village);
      slip.before = event_json(was).dump();
      nlohmann::ordered_json after = now != plan.moved.end() ? event_json(*now) : nlohmann::ordered_json::object();
      after["reason"] = *why;
      after["merged_into"] = keep.value;
      slip.after = after.dump();
      if (auto st = accounts::append_audit(s, std::move(slip)); !st) return st;
    }
    AuditRecord gone = accounts::audit_entry(&w.principal, at, "delete", "person", std::to_string(remove.value),
                                             place ? place->village : UnitId());
    gone.before = person_json(plan.removed).dump();
    gone.after = nlohmann::ordered_json{{"merged_into", keep.value}, {"reason", *why}}.dump();
    return accounts::append_audit(s, std::move(gone));
  });
}

}  // namespace danso

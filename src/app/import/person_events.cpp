#include "app/import/person_events.h"

#include "core/rules.h"

namespace danso {

namespace {

std::string event_vi(const EventFacts& e) {
  return std::string("sự kiện ") + kEventTypes.label(e.type) + " mã " + std::to_string(e.id.value) + " ngày " +
         e.date.iso();
}
std::string event_en(const EventFacts& e) {
  return std::string(kEventTypes.code(e.type)) + " event " + std::to_string(e.id.value) + " on " + e.date.iso();
}

}  // namespace

PersonEventReview review_person_events(const PersonFacts& person, const PersonFacts& before,
                                       std::span<const EventFacts> events,
                                       const std::function<const PersonFacts*(PersonId)>& facts_of) {
  PersonEventReview out;
  // A conflict is named by the fact that changed (the birth date when both did).
  const char* changed = person.birth_date != before.birth_date ? "birth_date" : "sex";
  auto conflict = [&](const char* field, const EventFacts& e, const std::string& vi, const std::string& en) {
    out.conflicts.push_back(Error::invalid(field, event_vi(e) + ": " + vi, event_en(e) + ": " + en));
  };
  auto facts = [&](PersonId id) -> const PersonFacts* { return id == person.id ? &person : facts_of(id); };
  for (const EventFacts& e : events) {
    const bool subject = e.person == person.id;
    if (e.type == EventType::kBirth && subject) {
      if (e.date != person.birth_date)
        conflict("birth_date", e, "ngày sinh phải là ngày của sự kiện sinh của người này",
                 "the birth date must be the date of this person's birth event");
    } else if (subject && e.date < person.birth_date) {
      conflict("birth_date", e, "ngày sinh " + person.birth_date.iso() + " sau ngày của sự kiện",
               "the birth date " + person.birth_date.iso() + " is after the event");
    }
    if (e.type == EventType::kBirth && e.related == person.id)
      if (auto st = rules::check_mother(person.sex, person.birth_date, e.date, changed); !st)
        conflict(changed, e, "người này là mẹ; " + st.error().vi, "this person is the mother; " + st.error().en);
    if (e.type == EventType::kMarriage && (subject || e.related == person.id)) {
      const PersonFacts* a = facts(e.person);
      const PersonFacts* b = facts(e.related);
      if (!a || (!b && e.related.valid())) continue;  // no related_id: a spouse outside the register
      const bool child = rules::is_child_marriage(a->sex, a->birth_date, e.date) ||
                         (b && rules::is_child_marriage(b->sex, b->birth_date, e.date));
      if (child != e.child_marriage) out.marriages_to_flip.push_back(e.id);
    }
  }
  return out;
}

}  // namespace danso

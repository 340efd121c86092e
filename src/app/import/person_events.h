// A person's stored events read the person's sex and birth date: an event
// may not precede the birth, the person's own birth event is dated on the
// birth date, a mother is a woman of 10-60 at a birth, and a marriage is a
// child marriage when either spouse was under the legal age. When a form or
// a persons file changes a person's sex or birth date, those events are
// checked again against the new facts, exactly as the events import checks
// them: a conflict refuses the change (the message names the event), and a
// marriage whose child-marriage flag the new facts turn is written with the
// flag they give (the flag is derived, never typed).
//
//   auto review = review_person_events(changed, store.event_facts_naming(ids), facts_of);
//   for (const Error& e : review.conflicts) issues.add(row, value_of(e.field), e);
//   for (EventId m : review.marriages_to_flip) ...  // rewrite with !child_marriage
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "store/store.h"

namespace danso {

struct PersonEventReview {
  std::vector<Error> conflicts;          // field "birth_date" or "sex", the event named in the message
  std::vector<EventId> marriages_to_flip;  // their child_marriage flag becomes the other value
};

// `person`: the new facts; `before`: the stored ones (only the facts that
// changed are named in a conflict); `events`: the stored events naming the
// person, as subject or as related person; `facts_of`: the facts of the
// other person of an event (nullptr when unknown), the person included.
PersonEventReview review_person_events(const PersonFacts& person, const PersonFacts& before,
                                       std::span<const EventFacts> events,
                                       const std::function<const PersonFacts*(PersonId)>& facts_of);

}  // namespace danso

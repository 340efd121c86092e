#include "core/event.h"

namespace danso {

bool event_needs_related(EventType t) {
  return t == EventType::kBirth || t == EventType::kMarriage || t == EventType::kDivorce;
}
bool event_may_name_outside_spouse(EventType t) { return t == EventType::kMarriage || t == EventType::kDivorce; }
bool event_is_screening(EventType t) {
  return t == EventType::kPrenatalScreening || t == EventType::kNewbornScreening;
}
bool event_is_contraception(EventType t) {
  return t == EventType::kContraceptionStart || t == EventType::kContraceptionStop ||
         t == EventType::kContraceptionChange;
}

}  // namespace danso

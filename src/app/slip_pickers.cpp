#include "app/slip_pickers.h"

#include <string>

namespace danso {

Result<PersonFilter> slip_picker_filter(std::string_view spec, Date on) {
  const size_t dot = spec.find('.');
  const std::string_view type_code = spec.substr(0, dot);
  const std::string_view field = dot == std::string_view::npos ? std::string_view("person_id") : spec.substr(dot + 1);
  const auto type = kEventTypes.find(type_code);
  const bool related = field == "related_id";
  if (!type || (field != "person_id" && !related) || (related && !event_needs_related(*type)))
    return Error::invalid("for", "for phải là loại phiếu, hoặc loại phiếu và .person_id hay .related_id (ví dụ birth.related_id)",
                          "for must be a slip type, or a slip type and .person_id or .related_id (e.g. birth.related_id)");
  PersonFilter f;
  f.on = on;
  f.living = true;
  switch (*type) {
    case EventType::kMoveIn:  // from outside the area or from another household
      break;
    case EventType::kMarriage:
    case EventType::kDivorce:  // the spouse may live elsewhere
      f.resident = !related;
      break;
    case EventType::kBirth:
      f.resident = true;
      if (related) f.sex = Sex::kFemale;  // the mother
      break;
    case EventType::kPregnancy:
    case EventType::kPrenatalScreening:
      f.resident = true;
      f.sex = Sex::kFemale;
      break;
    case EventType::kDeath:
    case EventType::kMoveOut:
    case EventType::kContraceptionStart:
    case EventType::kContraceptionStop:
    case EventType::kContraceptionChange:
    case EventType::kNewbornScreening:
    case EventType::kPremaritalCounselling:
    case EventType::kElderlyHealthCheck:
    case EventType::kHealthInsuranceCard:
      f.resident = true;
      break;
  }
  return f;
}

}  // namespace danso

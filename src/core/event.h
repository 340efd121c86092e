// VitalEvent: one change recorded on an information slip (phiếu thu tin,
// P0/CTV) by a village collaborator. Each kind needs its own facts; the
// columns that a kind does not use stay empty (see docs/data-formats.md).
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/ids.h"
#include "core/person.h"

namespace danso {

// One byte: the indicators' snapshot holds one per event of the register.
enum class EventType : uint8_t {
  kBirth,
  kDeath,
  kMoveIn,
  kMoveOut,
  kMarriage,
  kDivorce,
  kContraceptionStart,
  kContraceptionStop,
  kContraceptionChange,
  kPregnancy,
  kPrenatalScreening,
  kNewbornScreening,
  kPremaritalCounselling,
  kElderlyHealthCheck,
  kHealthInsuranceCard,
};
inline constexpr int kEventTypeCount = 15;

inline constexpr EnumCodec<EventType, kEventTypeCount> kEventTypes{{{
    {EventType::kBirth, "birth", "sinh"},
    {EventType::kDeath, "death", "chết"},
    {EventType::kMoveIn, "move_in", "chuyển đến"},
    {EventType::kMoveOut, "move_out", "chuyển đi"},
    {EventType::kMarriage, "marriage", "kết hôn"},
    {EventType::kDivorce, "divorce", "ly hôn"},
    {EventType::kContraceptionStart, "contraception_start", "bắt đầu dùng BPTT"},
    {EventType::kContraceptionStop, "contraception_stop", "ngừng dùng BPTT"},
    {EventType::kContraceptionChange, "contraception_change", "đổi BPTT"},
    {EventType::kPregnancy, "pregnancy", "có thai"},
    {EventType::kPrenatalScreening, "prenatal_screening", "sàng lọc trước sinh"},
    {EventType::kNewbornScreening, "newborn_screening", "sàng lọc sơ sinh"},
    {EventType::kPremaritalCounselling, "premarital_counselling", "tư vấn, khám sức khỏe trước hôn nhân"},
    {EventType::kElderlyHealthCheck, "elderly_health_check", "khám sức khỏe người cao tuổi"},
    {EventType::kHealthInsuranceCard, "health_insurance_card", "cấp thẻ bảo hiểm y tế"},
}}};

// Contraceptive methods of the Sổ A0 grid; all but `traditional` are modern.
enum class ContraceptiveMethod {
  kIud,
  kPill,
  kCondom,
  kInjectable,
  kImplant,
  kFemaleSterilisation,
  kMaleSterilisation,
  kOtherModern,
  kTraditional,
};
inline constexpr EnumCodec<ContraceptiveMethod, 9> kContraceptiveMethods{{{
    {ContraceptiveMethod::kIud, "iud", "dụng cụ tử cung"},
    {ContraceptiveMethod::kPill, "pill", "thuốc uống"},
    {ContraceptiveMethod::kCondom, "condom", "bao cao su"},
    {ContraceptiveMethod::kInjectable, "injectable", "thuốc tiêm"},
    {ContraceptiveMethod::kImplant, "implant", "thuốc cấy"},
    {ContraceptiveMethod::kFemaleSterilisation, "female_sterilisation", "triệt sản nữ"},
    {ContraceptiveMethod::kMaleSterilisation, "male_sterilisation", "triệt sản nam"},
    {ContraceptiveMethod::kOtherModern, "other_modern", "biện pháp hiện đại khác"},
    {ContraceptiveMethod::kTraditional, "traditional", "biện pháp truyền thống"},
}}};
inline bool is_modern(ContraceptiveMethod m) { return m != ContraceptiveMethod::kTraditional; }

enum class PregnancyOutcome { kLiveBirth, kStillbirth, kMiscarriage, kAbortion };
inline constexpr EnumCodec<PregnancyOutcome, 4> kPregnancyOutcomes{{{
    {PregnancyOutcome::kLiveBirth, "live_birth", "sinh sống"},
    {PregnancyOutcome::kStillbirth, "stillbirth", "thai chết lưu"},
    {PregnancyOutcome::kMiscarriage, "miscarriage", "sảy thai"},
    {PregnancyOutcome::kAbortion, "abortion", "phá thai"},
}}};

struct VitalEvent {
  EventId id;
  EventType type = EventType::kBirth;
  Date date;
  std::string village_code;  // the village the event belongs to, resolved on `date`
  UnitId village;
  PersonId person;           // the subject: the child for a birth
  PersonId related;          // birth: mother; marriage/divorce: spouse
  HouseholdId household;     // move_in: the receiving household
  int birth_order = 0;       // birth: order of the child for the mother (1, 2, ...)
  std::optional<ContraceptiveMethod> method;  // contraception_*
  int conditions = 0;        // screenings: number of conditions screened
  bool child_marriage = false;   // marriage: derived from the legal ages
  bool consanguineous = false;   // marriage: kết hôn cận huyết thống
  std::optional<PregnancyOutcome> outcome;  // pregnancy, when known
  std::string counterpart;   // move: the other unit's code (from/to), may be outside
  std::string place;         // birth/death: place, free text
  StaffId recorded_by;       // the collaborator who recorded it
  Date recorded_on;
  // marriage/divorce: a spouse who is not in the register (from another
  // province or abroad), named in place of `related`, with what is known of
  // them. Such a spouse is never a person of the register: the slip counts
  // for its person's marital status alone.
  std::string spouse_name;         // set exactly when the spouse is outside the register
  int spouse_birth_year = 0;       // 0 when not known
  std::string spouse_address;      // address or province, free text
  std::string spouse_nationality;  // free text ("Việt Nam", "Lào", ...)

  bool spouse_outside() const { return !spouse_name.empty(); }
};

// Which columns a type uses, for validation and documentation.
bool event_needs_related(EventType t);
// Whether a slip of this type may name a spouse outside the register
// (spouse_name ...) in place of related_id: marriage and divorce.
bool event_may_name_outside_spouse(EventType t);
bool event_is_screening(EventType t);
bool event_is_contraception(EventType t);

}  // namespace danso

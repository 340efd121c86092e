// Incentive and support rules (chính sách khuyến khích, hỗ trợ) as data: who
// benefits, on what condition over a year's indicators and register events,
// how much, and which groups are covered for free (so not paid). A rule is
// in force between two dates; a year is judged by the rules in force on its
// last day (a unit's result) or on an event's date (a case), so a register
// spanning a change of policy pays each year by its own rules: the Hà Tĩnh
// resolution 221/2020 for "no third child" until 2025, a birth-support rule
// set from 2026 (docs/programme.md).
//
// Condition kinds:
//   indicator_below  a commune's indicator in the year is below a value
//   indicator_fell   it fell against the year before by at least `by`,
//                    measured relatively (%) or in points: an explicit
//                    parameter, since "giảm 5%" reads both ways
//   no_events        a village had no event of a kind (e.g. a birth of order
//                    3+) in the year and the `years` - 1 years before it
//   per_event        one case per event of the year matching its filters
//                    (method, birth order, the person's children before it,
//                    a woman's age, conditions screened, and optionally an
//                    indicator of the event's commune the year before)
//
//   RewardRule r = ...;                   // app/programme/rule_file.h reads them from JSON
//   if (event_matches(std::get<PerEvent>(r.condition), facts)) ...
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/event.h"
#include "core/result.h"

namespace danso {

enum class Beneficiary { kCommune, kVillage, kCollaborator, kHealthWorker, kPerson, kFamily };
inline constexpr EnumCodec<Beneficiary, 6> kBeneficiaries{{{
    {Beneficiary::kCommune, "commune", "xã, phường, thị trấn"},
    {Beneficiary::kVillage, "village", "thôn, bản, tổ dân phố"},
    {Beneficiary::kCollaborator, "collaborator", "cộng tác viên dân số"},
    {Beneficiary::kHealthWorker, "health_worker", "nhân viên y tế"},
    {Beneficiary::kPerson, "person", "cá nhân"},
    {Beneficiary::kFamily, "family", "gia đình"},
}}};

// Groups covered for free (the state pays the service): their cases are not
// paid by a rule that exempts them.
enum class FreeGroup { kPoor, kNearPoor, kSocialProtection, kDifficultArea, kMountainous, kCoastal };
inline constexpr EnumCodec<FreeGroup, 6> kFreeGroups{{{
    {FreeGroup::kPoor, "poor", "hộ nghèo"},
    {FreeGroup::kNearPoor, "near_poor", "hộ cận nghèo"},
    {FreeGroup::kSocialProtection, "social_protection", "hộ bảo trợ xã hội"},
    {FreeGroup::kDifficultArea, "difficult_area", "vùng khó khăn"},
    {FreeGroup::kMountainous, "mountainous", "miền núi"},
    {FreeGroup::kCoastal, "coastal", "ven biển"},
}}};

enum class FellMeasure { kRelative, kPoints };
inline constexpr EnumCodec<FellMeasure, 2> kFellMeasures{{{
    {FellMeasure::kRelative, "relative", "giảm tương đối (%)"},
    {FellMeasure::kPoints, "points", "giảm theo điểm phần trăm"},
}}};

enum class AmountPer { kUnit, kCase };
inline constexpr EnumCodec<AmountPer, 2> kAmountPers{{{
    {AmountPer::kUnit, "unit", "mỗi đơn vị đạt"},
    {AmountPer::kCase, "case", "mỗi trường hợp"},
}}};

struct IndicatorBelow {
  std::string indicator;  // catalogue code
  double value = 0;
};

struct IndicatorFell {
  std::string indicator;
  double by = 0;  // > 0
  FellMeasure measure = FellMeasure::kRelative;
};

struct NoEvents {
  EventType event = EventType::kBirth;
  int birth_order_at_least = 0;  // births only; 0: any
  int years = 1;                 // the year and the years - 1 before it
};

// An indicator of the event's commune the year before the event (a birth
// grant only in a low-fertility commune).
struct UnitIndicatorBelow {
  std::string indicator;
  double below = 0;
};

struct PerEvent {
  EventType event = EventType::kBirth;
  std::vector<ContraceptiveMethod> methods;    // contraception: any of these (empty: any)
  std::optional<int> children_at_least;         // the person's births before the event
  std::optional<int> woman_age_from, woman_age_to;  // a woman aged within [from, to] on the day
  std::optional<int> conditions_at_least;       // screenings
  std::vector<int> birth_orders;                // births: any of these orders (empty: any)
  std::optional<int> birth_order_at_least;
  std::optional<int> mother_age_below;          // births: the mother's age on the day
  std::optional<UnitIndicatorBelow> unit_indicator;
};

using RewardCondition = std::variant<IndicatorBelow, IndicatorFell, NoEvents, PerEvent>;

struct RewardRule {
  std::string id;
  std::string name_vi, name_en;
  Date valid_from, valid_to;  // inclusive
  Beneficiary beneficiary = Beneficiary::kCommune;
  RewardCondition condition;
  AmountPer per = AmountPer::kUnit;
  int64_t amount_vnd = 0;
  bool exempt_free_groups = false;
  std::string source_text;

  bool in_force(Date d) const { return valid_from <= d && d <= valid_to; }
};

struct RuleSet {
  std::string id, version, title;
  std::vector<FreeGroup> free_groups;
  std::vector<RewardRule> rules;
};

// What a per_event rule looks at in one event (app/ gathers it).
struct EventCase {
  EventType type = EventType::kBirth;
  Date date;
  std::optional<ContraceptiveMethod> method;
  int conditions = 0;
  int birth_order = 0;
  bool female = false;             // the event's person
  int age = 0;                     // the person's completed age on the day
  int children_before = 0;         // the person's (a birth: the mother's) births before the day
  std::optional<int> mother_age;   // births
  std::optional<double> unit_indicator_previous;  // the rule's unit indicator the year before, when asked
};

// Whether the event is a case of the rule's condition (not yet the free groups).
bool event_matches(const PerEvent& c, const EventCase& e);

// Whether a commune's indicator, this year and the year before, meets an
// indicator_fell condition; `change` receives the fall (relative % or points).
bool fell_enough(const IndicatorFell& c, double previous, double current, double* change = nullptr);

// A rule's own checks (dates, amount, filters that contradict each other);
// the field named is `field` (e.g. "rules[3]").
Status check_rule(const RewardRule& r, std::string_view field);

}  // namespace danso

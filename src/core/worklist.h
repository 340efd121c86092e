// The collaborator's monthly work lists (docs/worklists.md): who, on a day,
// a village collaborator should go and see, and why. Each list's rule reads
// only what the register records: a person's status on the day
// (core/person_status.h) and the events naming them.
//
//  - no_method: a married woman of 15-49 who uses no contraceptive method
//    on the day (her own last contraception event is a stop, or she has
//    none), and is not pregnant (she is on the prenatal list then);
//  - prenatal_screening: a woman whose pregnancy is ongoing on the day (the
//    last pregnancy slip, within 300 days, with no birth since and no
//    outcome but a live birth dated after the day) and who has had no
//    prenatal screening of at least 4 conditions since that slip;
//  - newborn_screening: a child born in the 60 days up to the day with no
//    newborn screening of at least 5 conditions;
//  - premarital_counselling: a never-married person of the legal age to
//    marry (women 18, men 20) and under 30 with no premarital counselling
//    in the 365 days up to the day (the register records no engagement:
//    the young who may marry stand for those who will);
//  - elderly_check: a person of 60 or over with no elderly health check in
//    the calendar year of the day;
//  - household_visit: a household with someone living in it and no slip
//    this calendar year (no event of a member, none of the household),
//    and which did not enter the register this year (the register records
//    no visit: a slip stands for one).
// Persons are listed when they are in the area and present on the day
// (permanent or temporary residents; the absent cannot be visited).
//
//   WorklistPerson p{person, status, events};
//   for (const WorklistEntry& e : person_worklists(p, on)) ...  // e.kind, e.reason, e.reason_vi
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/household.h"
#include "core/person_status.h"

namespace danso {

enum class WorklistKind {
  kNoMethod,
  kPrenatalScreening,
  kNewbornScreening,
  kPremaritalCounselling,
  kElderlyCheck,
  kHouseholdVisit,
};
inline constexpr int kWorklistKindCount = 6;
inline constexpr EnumCodec<WorklistKind, kWorklistKindCount> kWorklistKinds{{{
    {WorklistKind::kNoMethod, "no_method", "phụ nữ có chồng 15-49 tuổi chưa dùng biện pháp tránh thai"},
    {WorklistKind::kPrenatalScreening, "prenatal_screening", "phụ nữ mang thai cần sàng lọc trước sinh"},
    {WorklistKind::kNewbornScreening, "newborn_screening", "trẻ sơ sinh chưa được sàng lọc sơ sinh"},
    {WorklistKind::kPremaritalCounselling, "premarital_counselling", "thanh niên chưa được tư vấn, khám sức khỏe trước hôn nhân"},
    {WorklistKind::kElderlyCheck, "elderly_check", "người cao tuổi cần khám sức khỏe năm nay"},
    {WorklistKind::kHouseholdVisit, "household_visit", "hộ chưa được thăm trong năm"},
}}};
const char* worklist_title_en(WorklistKind kind);

// The rules' figures, each cited in docs/worklists.md.
struct WorklistRules {
  static constexpr int kReproductiveMin = 15, kReproductiveMax = 49;  // married women 15-49 (the figures' rule)
  static constexpr int kPregnancyDays = 300;      // a pregnancy slip older than this is no longer ongoing
  static constexpr int kPrenatalConditions = 4;   // target: screened for at least 4 conditions
  static constexpr int kNewbornDays = 60;         // a child is listed for 60 days after birth
  static constexpr int kNewbornConditions = 5;    // target: screened for at least 5 conditions
  static constexpr int kMarriageAgeFemale = 18, kMarriageAgeMale = 20;  // legal age to marry
  static constexpr int kYouthBelow = 30;          // premarital list: under 30
  static constexpr int kCounsellingDays = 365;    // counselling counts for a marriage within 365 days
  static constexpr int kElderlyAge = 60;          // older persons: 60 and over
};

// Why a person or household is on a list: a code, the sentence in
// Vietnamese and English, and the day of the fact it refers to (the last
// method stopped, the pregnancy slip, the birth, the last check...).
struct WorklistEntry {
  WorklistKind kind = WorklistKind::kNoMethod;
  PersonId person;        // household_visit: the head, when known
  HouseholdId household;
  UnitId village;
  int age = -1;           // completed years on the day; -1 for a household
  std::string reason;     // e.g. "never_used", "stopped", "not_screened", "too_few_conditions"
  std::string reason_vi, reason_en;
  std::optional<Date> since;
};

struct WorklistPerson {
  const Person& person;
  const PersonStatus& status;          // on the day asked
  std::span<const VitalEvent> events;  // the events naming the person, any order
};

// The person lists `p` is on, on `on` (the day of p.status), in list order.
std::vector<WorklistEntry> person_worklists(const WorklistPerson& p, Date on);

// One household's place on household_visit: `members` those who lived in it
// on `on` (their status.household is it), `events` the events naming any of
// them or the household; `head` the person shown for it.
std::optional<WorklistEntry> household_visit_entry(const Household& household, std::span<const PersonStatus> members,
                                                   std::span<const VitalEvent> events, PersonId head, Date on);

}  // namespace danso

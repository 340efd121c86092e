#include "core/worklist.h"

#include <algorithm>

namespace danso {

namespace {

using R = WorklistRules;

bool worklist_before(const VitalEvent& a, const VitalEvent& b) {
  return a.date != b.date ? a.date < b.date : a.id.value < b.id.value;
}

// The person's own events of `type` (as subject) dated within [from, to], by date then id.
std::vector<const VitalEvent*> worklist_own(const WorklistPerson& p, EventType type, Date from, Date to) {
  std::vector<const VitalEvent*> out;
  for (const VitalEvent& e : p.events)
    if (e.type == type && e.person == p.person.id && from <= e.date && e.date <= to) out.push_back(&e);
  std::sort(out.begin(), out.end(), [](const VitalEvent* a, const VitalEvent* b) { return worklist_before(*a, *b); });
  return out;
}

const char* worklist_method_en(ContraceptiveMethod m) {
  switch (m) {
    case ContraceptiveMethod::kIud: return "an IUD";
    case ContraceptiveMethod::kPill: return "the pill";
    case ContraceptiveMethod::kCondom: return "condoms";
    case ContraceptiveMethod::kInjectable: return "injectables";
    case ContraceptiveMethod::kImplant: return "an implant";
    case ContraceptiveMethod::kFemaleSterilisation: return "female sterilisation";
    case ContraceptiveMethod::kMaleSterilisation: return "male sterilisation";
    case ContraceptiveMethod::kOtherModern: return "another modern method";
    case ContraceptiveMethod::kTraditional: return "a traditional method";
  }
  return "a method";
}

WorklistEntry worklist_entry(const WorklistPerson& p, WorklistKind kind, Date on, std::string reason, std::string vi,
                             std::string en, std::optional<Date> since) {
  return {kind, p.person.id, p.status.household, p.status.village, age_in_years(p.person.birth_date, on),
          std::move(reason), std::move(vi), std::move(en), since};
}

// The pregnancy ongoing on `on`: the last pregnancy slip within
// kPregnancyDays, with no birth to her from its day to `on`, and no outcome
// but a live birth dated after `on` (a birth is dated by its own slip; the
// other outcomes carry no day, so they end the pregnancy whatever the day).
const VitalEvent* worklist_ongoing_pregnancy(const WorklistPerson& p, Date on) {
  // The last slip up to `on` is the last in the window when the window has any.
  const auto slips = worklist_own(p, EventType::kPregnancy, on.add_days(-(R::kPregnancyDays - 1)), on);
  if (slips.empty()) return nullptr;
  const VitalEvent* last = slips.back();
  bool born_later = false;
  for (const VitalEvent& e : p.events) {
    if (e.type != EventType::kBirth || e.related != p.person.id || e.date < last->date) continue;
    if (e.date <= on) return nullptr;
    born_later = true;
  }
  if (last->outcome && !(*last->outcome == PregnancyOutcome::kLiveBirth && born_later)) return nullptr;
  return last;
}

std::optional<WorklistEntry> worklist_no_method(const WorklistPerson& p, Date on) {
  const int age = age_in_years(p.person.birth_date, on);
  if (p.person.sex != Sex::kFemale || age < R::kReproductiveMin || age > R::kReproductiveMax) return std::nullopt;
  if (p.status.marital != MaritalStatus::kMarried) return std::nullopt;
  if (worklist_ongoing_pregnancy(p, on)) return std::nullopt;
  const VitalEvent* last = nullptr;
  for (const VitalEvent& e : p.events)
    if (event_is_contraception(e.type) && e.person == p.person.id && e.date <= on &&
        (!last || worklist_before(*last, e)))
      last = &e;
  const std::string a = std::to_string(age);
  if (!last)
    return worklist_entry(p, WorklistKind::kNoMethod, on, "never_used",
                          "Có chồng, " + a + " tuổi, chưa ghi nhận dùng biện pháp tránh thai nào",
                          "Married, aged " + a + ", no contraceptive method ever recorded", std::nullopt);
  if (last->type != EventType::kContraceptionStop) return std::nullopt;
  const std::string vi_method = last->method ? kContraceptiveMethods.label(*last->method) : "biện pháp tránh thai";
  const std::string en_method = last->method ? worklist_method_en(*last->method) : "a method";
  return worklist_entry(p, WorklistKind::kNoMethod, on, "stopped",
                        "Có chồng, " + a + " tuổi, ngừng dùng " + vi_method + " từ " + last->date.dmy(),
                        "Married, aged " + a + ", stopped " + en_method + " on " + last->date.iso(), last->date);
}

std::optional<WorklistEntry> worklist_prenatal(const WorklistPerson& p, Date on) {
  if (p.person.sex != Sex::kFemale) return std::nullopt;
  const VitalEvent* pregnancy = worklist_ongoing_pregnancy(p, on);
  if (!pregnancy) return std::nullopt;
  const auto screenings = worklist_own(p, EventType::kPrenatalScreening, pregnancy->date, on);
  const VitalEvent* best = nullptr;
  for (const VitalEvent* s : screenings)
    if (!best || s->conditions >= best->conditions) best = s;
  const std::string since = pregnancy->date.iso(), since_vi = pregnancy->date.dmy();
  if (!best)
    return worklist_entry(p, WorklistKind::kPrenatalScreening, on, "not_screened",
                          "Mang thai (ghi nhận " + since_vi + "), chưa được sàng lọc trước sinh",
                          "Pregnant (recorded " + since + "), no prenatal screening yet", pregnancy->date);
  if (best->conditions >= R::kPrenatalConditions) return std::nullopt;
  const std::string n = std::to_string(best->conditions);
  return worklist_entry(p, WorklistKind::kPrenatalScreening, on, "too_few_conditions",
                        "Mang thai (ghi nhận " + since_vi + "), sàng lọc ngày " + best->date.dmy() + " mới " + n +
                            " bệnh (cần ít nhất 4)",
                        "Pregnant (recorded " + since + "), screened on " + best->date.iso() + " for " + n +
                            " conditions only (at least 4 needed)",
                        pregnancy->date);
}

std::optional<WorklistEntry> worklist_newborn(const WorklistPerson& p, Date on) {
  const Date born = p.person.birth_date;
  if (born > on || born < on.add_days(-R::kNewbornDays)) return std::nullopt;
  const auto screenings = worklist_own(p, EventType::kNewbornScreening, born, on);
  const VitalEvent* best = nullptr;
  for (const VitalEvent* s : screenings)
    if (!best || s->conditions >= best->conditions) best = s;
  const std::string b = born.iso(), b_vi = born.dmy();
  if (!best)
    return worklist_entry(p, WorklistKind::kNewbornScreening, on, "not_screened",
                          "Sinh ngày " + b_vi + ", chưa được sàng lọc sơ sinh",
                          "Born on " + b + ", no newborn screening yet", born);
  if (best->conditions >= R::kNewbornConditions) return std::nullopt;
  const std::string n = std::to_string(best->conditions);
  return worklist_entry(p, WorklistKind::kNewbornScreening, on, "too_few_conditions",
                        "Sinh ngày " + b_vi + ", sàng lọc ngày " + best->date.dmy() + " mới " + n + " bệnh (cần ít nhất 5)",
                        "Born on " + b + ", screened on " + best->date.iso() + " for " + n +
                            " conditions only (at least 5 needed)",
                        born);
}

std::optional<WorklistEntry> worklist_premarital(const WorklistPerson& p, Date on) {
  const int age = age_in_years(p.person.birth_date, on);
  const int legal = p.person.sex == Sex::kFemale ? R::kMarriageAgeFemale : R::kMarriageAgeMale;
  if (age < legal || age >= R::kYouthBelow || p.status.marital != MaritalStatus::kSingle) return std::nullopt;
  const auto all = worklist_own(p, EventType::kPremaritalCounselling, Date::from_days(Date::kMinDays), on);
  const Date window = on.add_days(-(R::kCounsellingDays - 1));
  if (!all.empty() && all.back()->date >= window) return std::nullopt;
  const std::string a = std::to_string(age);
  if (all.empty())
    return worklist_entry(p, WorklistKind::kPremaritalCounselling, on, "not_counselled",
                          "Chưa kết hôn, " + a + " tuổi, chưa được tư vấn, khám sức khỏe trước hôn nhân",
                          "Never married, aged " + a + ", no premarital counselling recorded", std::nullopt);
  const Date last = all.back()->date;
  return worklist_entry(p, WorklistKind::kPremaritalCounselling, on, "counselled_long_ago",
                        "Chưa kết hôn, " + a + " tuổi, tư vấn lần cuối ngày " + last.dmy() + " (quá 12 tháng)",
                        "Never married, aged " + a + ", last counselled on " + last.iso() + " (over 12 months ago)",
                        last);
}

std::optional<WorklistEntry> worklist_elderly(const WorklistPerson& p, Date on) {
  const int age = age_in_years(p.person.birth_date, on);
  if (age < R::kElderlyAge) return std::nullopt;
  const auto all = worklist_own(p, EventType::kElderlyHealthCheck, Date::from_days(Date::kMinDays), on);
  if (!all.empty() && all.back()->date.year() == on.year()) return std::nullopt;
  const std::string a = std::to_string(age), y = std::to_string(on.year());
  if (all.empty())
    return worklist_entry(p, WorklistKind::kElderlyCheck, on, "never_checked",
                          a + " tuổi, chưa ghi nhận lần khám sức khỏe nào",
                          "Aged " + a + ", no health check ever recorded", std::nullopt);
  const Date last = all.back()->date;
  return worklist_entry(p, WorklistKind::kElderlyCheck, on, "not_this_year",
                        a + " tuổi, chưa khám năm " + y + " (lần cuối " + last.dmy() + ")",
                        "Aged " + a + ", not checked in " + y + " (last on " + last.iso() + ")", last);
}

}  // namespace

const char* worklist_title_en(WorklistKind kind) {
  switch (kind) {
    case WorklistKind::kNoMethod: return "married women 15-49 using no contraceptive method";
    case WorklistKind::kPrenatalScreening: return "pregnant women due for prenatal screening";
    case WorklistKind::kNewbornScreening: return "newborns without a newborn screening";
    case WorklistKind::kPremaritalCounselling: return "young people without premarital counselling";
    case WorklistKind::kElderlyCheck: return "older persons due for this year's health check";
    case WorklistKind::kHouseholdVisit: return "households not visited this year";
  }
  return "";
}

std::vector<WorklistEntry> person_worklists(const WorklistPerson& p, Date on) {
  std::vector<WorklistEntry> out;
  const Standing s = p.status.standing;
  if (s != Standing::kPermanent && s != Standing::kTemporary) return out;
  for (auto rule : {worklist_no_method, worklist_prenatal, worklist_newborn, worklist_premarital, worklist_elderly})
    if (auto e = rule(p, on)) out.push_back(std::move(*e));
  return out;
}

std::optional<WorklistEntry> household_visit_entry(const Household& household, std::span<const PersonStatus> members,
                                                   std::span<const VitalEvent> events, PersonId head, Date on) {
  if (household.registered_on > on || household.registered_on.year() == on.year()) return std::nullopt;
  bool lived_in = false;
  for (const PersonStatus& m : members) lived_in = lived_in || (m.household == household.id && lives_here(m.standing));
  if (!lived_in) return std::nullopt;
  const Date year_start = Date::from_ymd_unchecked(on.year(), 1, 1);
  std::optional<Date> last;
  for (const VitalEvent& e : events) {
    if (e.date > on) continue;
    if (e.date >= year_start) return std::nullopt;
    if (!last || e.date > *last) last = e.date;
  }
  const std::string y = std::to_string(on.year());
  WorklistEntry out{WorklistKind::kHouseholdVisit, head, household.id, household.village, -1, "", "", "", last};
  if (!last) {
    out.reason = "no_slip";
    out.reason_vi = "Chưa có phiếu thu tin nào từ khi vào sổ (" + household.registered_on.dmy() + ")";
    out.reason_en = "No slip since it entered the register (" + household.registered_on.iso() + ")";
  } else {
    out.reason = "no_slip_this_year";
    out.reason_vi = "Chưa có phiếu thu tin nào năm " + y + " (phiếu gần nhất " + last->dmy() + ")";
    out.reason_en = "No slip in " + y + " (last on " + last->iso() + ")";
  }
  return out;
}

}  // namespace danso

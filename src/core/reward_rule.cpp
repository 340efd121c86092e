#include "core/reward_rule.h"

#include <algorithm>
#include <cmath>

namespace danso {

bool event_matches(const PerEvent& c, const EventCase& e) {
  if (e.type != c.event) return false;
  if (!c.methods.empty() && (!e.method || std::find(c.methods.begin(), c.methods.end(), *e.method) == c.methods.end()))
    return false;
  if (c.children_at_least && e.children_before < *c.children_at_least) return false;
  if (c.woman_age_from || c.woman_age_to) {
    if (!e.female) return false;
    if (c.woman_age_from && e.age < *c.woman_age_from) return false;
    if (c.woman_age_to && e.age > *c.woman_age_to) return false;
  }
  if (c.conditions_at_least && e.conditions < *c.conditions_at_least) return false;
  if (!c.birth_orders.empty() &&
      std::find(c.birth_orders.begin(), c.birth_orders.end(), e.birth_order) == c.birth_orders.end())
    return false;
  if (c.birth_order_at_least && e.birth_order < *c.birth_order_at_least) return false;
  if (c.mother_age_below && (!e.mother_age || *e.mother_age >= *c.mother_age_below)) return false;
  if (c.unit_indicator && (!e.unit_indicator_previous || *e.unit_indicator_previous >= c.unit_indicator->below))
    return false;
  return true;
}

bool fell_enough(const IndicatorFell& c, double previous, double current, double* change) {
  double fall = 0;
  if (c.measure == FellMeasure::kPoints) {
    fall = previous - current;
  } else {
    if (previous <= 0) return false;  // nothing to fall from
    fall = (previous - current) / previous * 100;
  }
  if (change) *change = fall;
  // A tiny tolerance so that 5.0 worked out as 4.9999999 still counts as 5.
  return fall >= c.by - 1e-9;
}

Status check_rule(const RewardRule& r, std::string_view field) {
  const std::string f(field);
  if (r.id.empty() || r.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
    return Error::invalid(f + ".id", "mã quy định chỉ gồm chữ thường, số, '_' và '-'",
                          "a rule's id is lowercase letters, digits, '_' and '-' only");
  if (r.valid_to < r.valid_from)
    return Error::invalid(f + ".valid_to", "ngày hết hiệu lực trước ngày có hiệu lực",
                          "the rule ends before it starts");
  if (r.amount_vnd <= 0 || r.amount_vnd > 10'000'000'000)
    return Error::invalid(f + ".amount.vnd", "số tiền phải lớn hơn 0 và không quá 10 tỷ đồng",
                          "the amount must be above 0 and at most 10,000,000,000 VND");
  const bool unit_beneficiary = r.beneficiary == Beneficiary::kCommune || r.beneficiary == Beneficiary::kVillage;
  if (const auto* c = std::get_if<PerEvent>(&r.condition)) {
    if (r.per != AmountPer::kCase)
      return Error::invalid(f + ".amount.per", "điều kiện theo từng sự kiện trả theo trường hợp (per: case)",
                            "a per-event condition pays per case (per: case)");
    if (c->woman_age_from && c->woman_age_to && *c->woman_age_from > *c->woman_age_to)
      return Error::invalid(f + ".condition.woman_age", "khoảng tuổi không hợp lệ", "the age range is empty");
    if (!c->methods.empty() && !event_is_contraception(c->event))
      return Error::invalid(f + ".condition.method", "chỉ sự kiện tránh thai có biện pháp",
                            "only contraception events have a method");
    if ((!c->birth_orders.empty() || c->birth_order_at_least || c->mother_age_below) && c->event != EventType::kBirth)
      return Error::invalid(f + ".condition.event", "thứ tự sinh và tuổi mẹ chỉ dùng cho sự kiện sinh",
                            "birth order and mother's age apply to births only");
    if (c->conditions_at_least && !event_is_screening(c->event))
      return Error::invalid(f + ".condition.conditions_at_least", "số bệnh được sàng lọc chỉ dùng cho sự kiện sàng lọc",
                            "conditions screened apply to screening events only");
    for (int o : c->birth_orders)
      if (o < 1 || o > 30)
        return Error::invalid(f + ".condition.birth_order", "thứ tự sinh không hợp lệ", "invalid birth order");
    if (c->birth_order_at_least && !c->birth_orders.empty())
      for (int o : c->birth_orders)
        if (o < *c->birth_order_at_least)
          return Error::invalid(f + ".condition", "điều kiện không thể xảy ra: thứ tự sinh " + std::to_string(o) +
                                                      " nhỏ hơn mức tối thiểu",
                                "an impossible condition: birth order " + std::to_string(o) + " is below the minimum");
    if (unit_beneficiary)
      return Error::invalid(f + ".beneficiary", "điều kiện theo từng sự kiện không trả cho xã hay thôn",
                            "a per-event condition does not pay a commune or a village");
  } else {
    if (r.per != AmountPer::kUnit)
      return Error::invalid(f + ".amount.per", "điều kiện của đơn vị trả theo đơn vị (per: unit)",
                            "a unit's condition pays per unit (per: unit)");
    const bool village_condition = std::holds_alternative<NoEvents>(r.condition);
    if (village_condition ? r.beneficiary != Beneficiary::kVillage && r.beneficiary != Beneficiary::kCommune
                          : r.beneficiary != Beneficiary::kCommune)
      return Error::invalid(f + ".beneficiary", "điều kiện theo chỉ tiêu của đơn vị chỉ trả cho xã (hoặc thôn)",
                            "a unit's indicator condition pays a commune (or a village)");
    if (const auto* n = std::get_if<NoEvents>(&r.condition)) {
      if (n->years < 1 || n->years > 10)
        return Error::invalid(f + ".condition.years", "số năm liên tiếp phải từ 1 đến 10", "years must be 1 to 10");
      if (n->birth_order_at_least && n->event != EventType::kBirth)
        return Error::invalid(f + ".condition.event", "thứ tự sinh chỉ dùng cho sự kiện sinh",
                              "birth order applies to births only");
    }
    if (const auto* fell = std::get_if<IndicatorFell>(&r.condition); fell && (!(fell->by > 0) || !std::isfinite(fell->by)))
      return Error::invalid(f + ".condition.by", "mức giảm phải lớn hơn 0", "the fall must be above 0");
    if (const auto* fell = std::get_if<IndicatorFell>(&r.condition);
        fell && fell->measure == FellMeasure::kRelative && fell->by > 100)
      return Error::invalid(f + ".condition.by", "điều kiện không thể xảy ra: giảm hơn 100%",
                            "an impossible condition: a fall of more than 100%");
  }
  return {};
}

}  // namespace danso

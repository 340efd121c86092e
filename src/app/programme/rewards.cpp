#include "app/programme/rewards.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace danso {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string figure_text(const std::string& indicator, int year, const UnitFigure& f) {
  return indicator + " " + std::to_string(year) + " = " + num(f.value) + " (" + num(f.numerator) + " / " +
         num(f.denominator) + ")";
}

bool in_groups(const std::vector<FreeGroup>& have, const std::vector<FreeGroup>& free) {
  for (FreeGroup g : have)
    if (std::find(free.begin(), free.end(), g) != free.end()) return true;
  return false;
}

struct Judge {
  const RuleSet& rules;
  const RewardInputs& in;
  RewardResult& out;
  std::unordered_map<int64_t, const RewardUnit*> unit_by_id;

  const RewardUnit* unit(UnitId id) const {
    auto it = unit_by_id.find(id.value);
    return it == unit_by_id.end() ? nullptr : it->second;
  }

  void pay_unit(const RewardRule& r, const RewardUnit& u, std::vector<std::string> figures, std::vector<int64_t> events) {
    const RewardUnit* commune = unit(u.commune);
    Payment p;
    p.rule = r.id, p.beneficiary = r.beneficiary;
    p.beneficiary_key = u.code, p.beneficiary_name = u.name;
    p.commune_code = commune ? commune->code : u.code;
    p.commune_name = commune ? commune->name : u.name;
    p.cases = 1, p.amount_vnd = r.amount_vnd;
    p.figures = std::move(figures), p.events = std::move(events);
    out.payments.push_back(std::move(p));
  }

  void below(const RewardRule& r, const IndicatorBelow& c) {
    for (const RewardUnit& u : in.communes) {
      const auto f = in.figure(u.id, c.indicator, in.year);
      if (f && f->value < c.value) pay_unit(r, u, {figure_text(c.indicator, in.year, *f) + " < " + num(c.value)}, {});
    }
  }

  void fell(const RewardRule& r, const IndicatorFell& c) {
    for (const RewardUnit& u : in.communes) {
      const auto now = in.figure(u.id, c.indicator, in.year);
      const auto before = in.figure(u.id, c.indicator, in.year - 1);
      double change = 0;
      if (now && before && fell_enough(c, before->value, now->value, &change))
        pay_unit(r, u,
                 {figure_text(c.indicator, in.year - 1, *before), figure_text(c.indicator, in.year, *now),
                  std::string(c.measure == FellMeasure::kRelative ? "giảm / fell " + num(change) + "% >= "
                                                                  : "giảm / fell " + num(change) + " điểm / points >= ") +
                      num(c.by) + (c.measure == FellMeasure::kRelative ? "%" : "")},
                 {});
    }
  }

  void none(const RewardRule& r, const NoEvents& c) {
    const bool per_commune = r.beneficiary == Beneficiary::kCommune;
    const std::vector<RewardUnit>& units = per_commune ? in.communes : in.villages;
    for (const RewardUnit& u : units) {
      std::vector<std::string> figures;
      bool ok = true;
      for (int y = in.year - c.years + 1; y <= in.year && ok; ++y) {
        // A unit with nobody living in it that year earns nothing for having no events.
        const auto pop = in.figure(u.id, "population", y);
        if (!pop || pop->value <= 0) ok = false;
        else if (!in.events_of(u.id, c, y).empty()) ok = false;
        else figures.push_back("population " + std::to_string(y) + " = " + num(pop->value) + "; 0 " +
                               kEventTypes.code(c.event) +
                               (c.birth_order_at_least ? " order >= " + std::to_string(c.birth_order_at_least) : ""));
      }
      if (ok) pay_unit(r, u, std::move(figures), {});
    }
  }

  void per_event(const RewardRule& r, const PerEvent& c) {
    std::map<std::string, Payment> by_key;  // beneficiary key -> payment
    for (const RewardCaseFacts& k : in.cases) {
      if (!r.in_force(k.facts.date) || k.facts.date.year() != in.year) continue;
      EventCase facts = k.facts;
      if (c.unit_indicator) {
        auto it = k.commune_previous.find(c.unit_indicator->indicator);
        facts.unit_indicator_previous =
            it == k.commune_previous.end() ? std::nullopt : std::optional<double>(it->second);
      }
      if (!event_matches(c, facts)) continue;
      if (r.exempt_free_groups && in_groups(k.groups, rules.free_groups)) {
        ++out.cases_exempt;
        continue;
      }
      std::string key, name;
      switch (r.beneficiary) {
        case Beneficiary::kCollaborator:
        case Beneficiary::kHealthWorker:
          key = k.recorded_by.valid() ? "staff:" + std::to_string(k.recorded_by.value) : "staff:unknown";
          name = k.recorded_by.valid() ? k.recorder_name : "(chưa rõ người vận động / mobiliser unknown)";
          break;
        case Beneficiary::kPerson:
          key = "person:" + std::to_string(k.person.value), name = k.person_name;
          break;
        case Beneficiary::kFamily:
          key = "household:" + std::to_string(k.household.value), name = k.person_name;
          break;
        default:
          continue;  // check_rule keeps units off per-event rules
      }
      const RewardUnit* village = unit(k.village);
      const RewardUnit* commune = village ? unit(village->commune) : nullptr;
      Payment& p = by_key[(commune ? commune->code : std::string()) + "|" + key];
      if (p.cases == 0) {
        p.rule = r.id, p.beneficiary = r.beneficiary, p.beneficiary_key = key, p.beneficiary_name = name;
        p.commune_code = commune ? commune->code : "", p.commune_name = commune ? commune->name : "";
      }
      ++p.cases;
      p.amount_vnd += r.amount_vnd;
      p.events.push_back(k.event.value);
    }
    for (auto& [key, p] : by_key) out.payments.push_back(std::move(p));
  }
};

}  // namespace

RewardResult judge_year(const RuleSet& rules, const RewardInputs& in) {
  RewardResult out;
  out.year = in.year, out.rule_set = rules.id, out.version = rules.version;
  Judge j{rules, in, out, {}};
  for (const RewardUnit& u : in.communes) j.unit_by_id[u.id.value] = &u;
  for (const RewardUnit& u : in.villages) j.unit_by_id[u.id.value] = &u;
  const Date year_end = Date::from_ymd_unchecked(in.year, 12, 31);
  const Date year_start = Date::from_ymd_unchecked(in.year, 1, 1);
  for (const RewardRule& r : rules.rules) {
    if (const auto* c = std::get_if<PerEvent>(&r.condition)) {
      // In force on any day of the year: each case is judged on its own date.
      if (r.valid_to < year_start || year_end < r.valid_from) continue;
      out.rules_in_force.push_back(r.id);
      j.per_event(r, *c);
      continue;
    }
    if (!r.in_force(year_end)) continue;
    out.rules_in_force.push_back(r.id);
    if (const auto* c = std::get_if<IndicatorBelow>(&r.condition)) j.below(r, *c);
    else if (const auto* c = std::get_if<IndicatorFell>(&r.condition)) j.fell(r, *c);
    else if (const auto* c = std::get_if<NoEvents>(&r.condition)) j.none(r, *c);
  }
  std::stable_sort(out.payments.begin(), out.payments.end(), [](const Payment& a, const Payment& b) {
    if (a.commune_code != b.commune_code) return a.commune_code < b.commune_code;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.beneficiary_key < b.beneficiary_key;
  });
  for (const Payment& p : out.payments) {
    out.total_by_commune[p.commune_code] += p.amount_vnd;
    out.total_by_rule[p.rule] += p.amount_vnd;
    out.total += p.amount_vnd;
  }
  return out;
}

}  // namespace danso

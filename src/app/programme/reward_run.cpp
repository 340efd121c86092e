#include "app/programme/reward_run.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/indicator_report.h"
#include "app/programme/rule_file.h"
#include "core/period.h"

namespace danso {

namespace {

// The free groups of an area: its own attributes and those of the units above it.
std::vector<FreeGroup> area_groups(const UnitTree& tree, const OrgUnit* u) {
  UnitAttributes a;
  for (int depth = 0; u && depth < 8; ++depth, u = u->parent.valid() ? tree.find(u->parent) : nullptr) {
    a.difficult |= u->attributes.difficult;
    a.mountainous |= u->attributes.mountainous;
    a.coastal |= u->attributes.coastal;
  }
  std::vector<FreeGroup> out;
  if (a.difficult) out.push_back(FreeGroup::kDifficultArea);
  if (a.mountainous) out.push_back(FreeGroup::kMountainous);
  if (a.coastal) out.push_back(FreeGroup::kCoastal);
  return out;
}

// The figures the rules in force read: (indicator, year) pairs.
std::set<std::pair<std::string, int>> figures_needed(const RuleSet& rules, int year) {
  std::set<std::pair<std::string, int>> out;
  const Date first = Date::from_ymd_unchecked(year, 1, 1), last = Date::from_ymd_unchecked(year, 12, 31);
  for (const RewardRule& r : rules.rules) {
    if (r.valid_to < first || last < r.valid_from) continue;
    if (const auto* c = std::get_if<IndicatorBelow>(&r.condition)) out.insert({c->indicator, year});
    if (const auto* c = std::get_if<IndicatorFell>(&r.condition)) {
      out.insert({c->indicator, year});
      out.insert({c->indicator, year - 1});
    }
    if (const auto* c = std::get_if<NoEvents>(&r.condition))
      for (int y = year - c->years + 1; y <= year; ++y) out.insert({"population", y});
    if (const auto* c = std::get_if<PerEvent>(&r.condition))
      if (c->unit_indicator) out.insert({c->unit_indicator->indicator, year - 1});
  }
  return out;
}

struct FigureKey {
  int64_t unit;
  std::string indicator;
  int year;
  bool operator<(const FigureKey& o) const {
    return std::tie(unit, indicator, year) < std::tie(o.unit, o.indicator, o.year);
  }
};

// Everything judge_year reads, gathered from the snapshot and the store.
struct Gathered {
  RewardInputs in;
  std::map<FigureKey, UnitFigure> figures;
  // Events of the no_events rules: village -> (year, birth order, id).
  std::unordered_map<int64_t, std::vector<std::tuple<int, int, EventType, int64_t>>> village_events;
  std::unordered_map<int64_t, std::vector<UnitId>> commune_villages;
};

void gather_figures(Gathered& g, const analytics::RegisterSnapshot& snap,
                    const analytics::IndicatorCatalogue& catalogue, const RuleSet& rules, int year,
                    const std::unordered_map<int64_t, bool>& wanted_units) {
  std::map<int, std::vector<std::string>> by_year;
  for (const auto& [code, y] : figures_needed(rules, year)) by_year[y].push_back(code);
  IndicatorReporter reporter(snap, catalogue);
  const auto& defs = catalogue.definitions();
  for (const auto& [y, codes] : by_year) {
    auto period = Period::parse(std::to_string(y));
    if (!period) continue;
    std::vector<std::pair<std::string, size_t>> index;
    for (const std::string& code : codes)
      for (size_t i = 0; i < defs.size(); ++i)
        if (defs[i].code == code) index.emplace_back(code, i);
    for (const auto& [unit, values] : reporter.compute_all(*period)) {
      if (!wanted_units.count(unit.value)) continue;
      for (const auto& [code, i] : index) {
        const analytics::IndicatorValue& v = values[i];
        if (!v.value) continue;
        g.figures[{unit.value, code, y}] = UnitFigure{*v.value, v.numerator.value_or(0), v.denominator.value_or(0)};
      }
    }
  }
}

std::vector<EventType> per_event_types(const RuleSet& rules, int year) {
  std::set<int> types;
  const Date first = Date::from_ymd_unchecked(year, 1, 1), last = Date::from_ymd_unchecked(year, 12, 31);
  for (const RewardRule& r : rules.rules)
    if (!(r.valid_to < first || last < r.valid_from))
      if (const auto* c = std::get_if<PerEvent>(&r.condition)) types.insert(int(c->event));
  std::vector<EventType> out;
  for (int t : types) out.push_back(EventType(t));
  return out;
}

// The events of `type` dated within the years, in the villages judged.
std::vector<VitalEvent> events_in(Store& store, EventType type, int from_year, int to_year,
                                  const std::unordered_map<int64_t, const RewardUnit*>& village_of) {
  std::vector<VitalEvent> out = store.events_of_type(type, Date::from_ymd_unchecked(from_year, 1, 1),
                                                     Date::from_ymd_unchecked(to_year, 12, 31));
  std::erase_if(out, [&](const VitalEvent& e) { return !village_of.count(e.village.value); });
  return out;
}

// Each listed person's births as a mother: (day, birth order), from the snapshot's births.
std::unordered_map<int64_t, std::vector<std::pair<int32_t, int>>> births_of(const analytics::RegisterSnapshot& snap,
                                                                            const std::unordered_set<int64_t>& mothers) {
  std::unordered_map<int64_t, std::vector<std::pair<int32_t, int>>> out;
  if (mothers.empty()) return out;
  for (const analytics::SnapshotEvent& e : snap.events)
    if (e.type == EventType::kBirth && e.related >= 0)
      if (const int64_t id = snap.person_id[size_t(e.related)]; mothers.count(id))
        out[id].emplace_back(e.date, int(e.birth_order));
  return out;
}

// A woman's children before a day: her births in the register before it, or
// the highest birth order among them when that is more (a birth of order 3
// says two children came before it, in the register or not).
int children_before(const std::vector<std::pair<int32_t, int>>& births, int32_t day) {
  int count = 0, order = 0;
  for (const auto& [d, o] : births)
    if (d < day) ++count, order = std::max(order, o);
  return std::max(count, order);
}

// The cases of the per-event rules: each event of the year of a type they
// pay for, with the facts their filters read. For a birth the woman who gave
// birth is the case's person (her age, her household); otherwise the
// event's own person.
void gather_cases(Gathered& g, Store& store, const analytics::RegisterSnapshot& snap, const RuleSet& rules, int year,
                  const std::unordered_map<int64_t, const RewardUnit*>& village_of) {
  std::vector<VitalEvent> events;
  for (EventType t : per_event_types(rules, year)) {
    auto of_type = events_in(store, t, year, year, village_of);
    events.insert(events.end(), std::make_move_iterator(of_type.begin()), std::make_move_iterator(of_type.end()));
  }
  if (events.empty()) return;
  std::vector<PersonId> ids;
  std::unordered_set<int64_t> mothers;  // persons of an event other than a birth: their children before it
  for (const VitalEvent& e : events) {
    const bool birth = e.type == EventType::kBirth;
    ids.push_back(birth && e.related.valid() ? e.related : e.person);
    if (!birth) mothers.insert(e.person.value);
  }
  std::sort(ids.begin(), ids.end(), [](PersonId a, PersonId b) { return a.value < b.value; });
  ids.erase(std::unique(ids.begin(), ids.end(), [](PersonId a, PersonId b) { return a.value == b.value; }), ids.end());
  std::unordered_map<int64_t, Person> persons;
  std::vector<HouseholdId> household_ids;
  for (Person& p : store.persons_of(ids)) {
    household_ids.push_back(p.household);
    persons.emplace(p.id.value, std::move(p));
  }
  std::sort(household_ids.begin(), household_ids.end(), [](HouseholdId a, HouseholdId b) { return a.value < b.value; });
  household_ids.erase(std::unique(household_ids.begin(), household_ids.end(),
                                  [](HouseholdId a, HouseholdId b) { return a.value == b.value; }),
                      household_ids.end());
  std::unordered_map<int64_t, Household> households;
  for (Household& h : store.households_of(household_ids)) households.emplace(h.id.value, std::move(h));
  const auto births = births_of(snap, mothers);
  std::unordered_map<int64_t, std::string> staff_names;
  store.for_each_staff([&](const StaffAssignment& s) { staff_names[s.id.value] = s.name; });
  // Each commune's indicators the year before, for rules over the event's commune.
  std::unordered_map<int64_t, std::map<std::string, double>> previous;
  for (const auto& [key, value] : g.figures)
    if (key.year == year - 1) previous[key.unit][key.indicator] = value.value;
  for (const VitalEvent& e : events) {
    const RewardUnit* village = village_of.at(e.village.value);
    RewardCaseFacts k;
    k.event = e.id;
    k.village = village->id;  // the village as it is (the slip may name an earlier version of it)
    const bool birth = e.type == EventType::kBirth;
    k.person = birth && e.related.valid() ? e.related : e.person;
    EventCase& f = k.facts;
    f.type = e.type, f.date = e.date, f.method = e.method, f.conditions = e.conditions, f.birth_order = e.birth_order;
    k.groups = village->groups;
    if (const auto p = persons.find(k.person.value); p != persons.end()) {
      f.female = p->second.sex == Sex::kFemale;
      f.age = age_in_years(p->second.birth_date, e.date);
      k.household = p->second.household;
      k.person_name = p->second.name;
      if (birth && e.related.valid()) f.mother_age = f.age;
    }
    if (birth) {
      f.children_before = std::max(0, e.birth_order - 1);
    } else if (const auto b = births.find(k.person.value); b != births.end()) {
      f.children_before = children_before(b->second, e.date.days());
    }
    if (const auto h = households.find(k.household.value); h != households.end()) {
      if (h->second.poverty == Poverty::kPoor) k.groups.push_back(FreeGroup::kPoor);
      if (h->second.poverty == Poverty::kNearPoor) k.groups.push_back(FreeGroup::kNearPoor);
      if (h->second.social_protection) k.groups.push_back(FreeGroup::kSocialProtection);
    }
    k.recorded_by = e.recorded_by;
    if (const auto s = staff_names.find(e.recorded_by.value); s != staff_names.end()) k.recorder_name = s->second;
    if (const auto c = previous.find(village->commune.value); c != previous.end()) k.commune_previous = c->second;
    g.in.cases.push_back(std::move(k));
  }
}

// The events a no_events rule looks for, in the villages and years it reads.
void gather_village_events(Gathered& g, Store& store, const RuleSet& rules, int year,
                           const std::unordered_map<int64_t, const RewardUnit*>& village_of) {
  std::map<int, int> earliest;  // event type -> first year read
  for (const RewardRule& r : rules.rules)
    if (const auto* c = std::get_if<NoEvents>(&r.condition); c && r.in_force(Date::from_ymd_unchecked(year, 12, 31))) {
      auto [it, added] = earliest.emplace(int(c->event), year - c->years + 1);
      if (!added) it->second = std::min(it->second, year - c->years + 1);
    }
  for (const auto& [type, from] : earliest)
    for (const VitalEvent& e : events_in(store, EventType(type), from, year, village_of))
      g.village_events[village_of.at(e.village.value)->id.value].emplace_back(e.date.year(), e.birth_order, e.type, e.id.value);
}

// The register's state: the last audited write that stored register rows
// (or restored the database), as "seq:hash". Writes of users, plans, reports
// and reward runs leave it as it was, so the same register gives the same state.
std::string register_state(Store& store) {
  std::string out = "0:";
  store.for_each_audit_newest(0, [&](const AuditRecord& e) {
    if ((e.records > 0 && e.kind != "user") || e.kind == "database" || e.kind == "register") {
      out = std::to_string(e.seq) + ":" + e.hash;
      return false;
    }
    return true;
  });
  return out;
}

}  // namespace

Result<RewardRun> run_rewards(Database& db, const analytics::RegisterSnapshot& snap,
                              const analytics::IndicatorCatalogue& catalogue, const RuleSet& rules,
                              const RewardRequest& request) {
  if (request.year < 1900 || request.year > 2200)
    return Error::invalid("year", "năm phải từ 1900 đến 2200", "the year must be from 1900 to 2200");
  const Date last = Date::from_ymd_unchecked(request.year, 12, 31);
  RewardRun run;
  run.rule_set_title = rules.title;
  if (request.unit_code.empty()) {
    std::vector<const OrgUnit*> tops;
    for (const OrgUnit* u : snap.tree.valid_on(last))
      if (!u->parent.valid()) tops.push_back(u);
    if (tops.size() != 1)
      return Error::invalid("unit", "sổ có " + std::to_string(tops.size()) + " đơn vị cấp trên cùng; hãy chọn đơn vị (--unit)",
                            "the register has " + std::to_string(tops.size()) + " top units; choose one (--unit)");
    run.unit = tops[0]->id;
  } else {
    auto unit = snap.tree.resolve_or_error(request.unit_code, last, "unit");
    if (!unit) return unit.error();
    run.unit = *unit;
  }
  const OrgUnit* root = snap.tree.find(run.unit);
  run.unit_code = root->code, run.unit_name = root->name;
  run.register_state = db.read([](Store& store) { return register_state(store); });

  Gathered g;
  g.in.year = request.year;
  std::unordered_map<int64_t, bool> wanted;
  for (UnitId id : snap.tree.subtree_on(run.unit, last)) {
    const OrgUnit* u = snap.tree.find(id);
    if (u->kind == UnitKind::kCommune) {
      g.in.communes.push_back({u->id, u->code, u->name, u->id, area_groups(snap.tree, u)});
      wanted[id.value] = true;
    }
  }
  for (const RewardUnit& c : g.in.communes)
    for (UnitId id : snap.tree.children_on(c.id, last)) {
      const OrgUnit* u = snap.tree.find(id);
      if (u->kind != UnitKind::kVillage) continue;
      g.in.villages.push_back({u->id, u->code, u->name, c.id, area_groups(snap.tree, u)});
      g.commune_villages[c.id.value].push_back(u->id);
      wanted[id.value] = true;
    }
  // A slip or case of an earlier version of a village (renamed, moved or
  // merged into it since) is the village's.
  std::unordered_map<int64_t, const RewardUnit*> village_of;
  for (const RewardUnit& v : g.in.villages)
    for (UnitId version : snap.tree.lineage(v.id)) village_of[version.value] = &v;

  gather_figures(g, snap, catalogue, rules, request.year, wanted);
  db.read([&](Store& store) {
    gather_village_events(g, store, rules, request.year, village_of);
    gather_cases(g, store, snap, rules, request.year, village_of);
  });
  g.in.figure = [&g](UnitId u, const std::string& code, int y) -> std::optional<UnitFigure> {
    const auto it = g.figures.find({u.value, code, y});
    if (it == g.figures.end()) return std::nullopt;
    return it->second;
  };
  g.in.events_of = [&g](UnitId unit, const NoEvents& c, int y) {
    std::vector<EventId> out;
    const auto from_village = [&](UnitId v) {
      const auto it = g.village_events.find(v.value);
      if (it == g.village_events.end()) return;
      for (const auto& [year, order, type, id] : it->second)
        if (year == y && type == c.event && (c.birth_order_at_least == 0 || order >= c.birth_order_at_least))
          out.push_back(EventId(id));
    };
    if (const auto it = g.commune_villages.find(unit.value); it != g.commune_villages.end())
      for (UnitId v : it->second) from_village(v);
    else
      from_village(unit);
    return out;
  };
  run.result = judge_year(rules, g.in);
  return run;
}

nlohmann::ordered_json reward_run_json(const RewardRun& run) {
  const RewardResult& r = run.result;
  nlohmann::ordered_json payments = nlohmann::ordered_json::array();
  for (const Payment& p : r.payments)
    payments.push_back({{"commune", p.commune_code},
                        {"commune_name", p.commune_name},
                        {"rule", p.rule},
                        {"beneficiary", kBeneficiaries.code(p.beneficiary)},
                        {"key", p.beneficiary_key},
                        {"name", p.beneficiary_name},
                        {"cases", p.cases},
                        {"amount_vnd", p.amount_vnd},
                        {"figures", p.figures},
                        {"events", p.events}});
  nlohmann::ordered_json by_commune = nlohmann::ordered_json::object(), by_rule = nlohmann::ordered_json::object();
  for (const auto& [k, v] : r.total_by_commune) by_commune[k] = v;
  for (const auto& [k, v] : r.total_by_rule) by_rule[k] = v;
  return {{"rule_set", r.rule_set},
          {"version", r.version},
          {"title", run.rule_set_title},
          {"year", r.year},
          {"unit", run.unit_code},
          {"unit_name", run.unit_name},
          {"register_state", run.register_state},
          {"rules_in_force", r.rules_in_force},
          {"total_vnd", r.total},
          {"cases_exempt", r.cases_exempt},
          {"total_by_commune", by_commune},
          {"total_by_rule", by_rule},
          {"payments", payments}};
}

Result<int64_t> save_reward_run(Database& db, const RewardRun& run, std::string_view rule_text, int64_t now,
                                const accounts::Principal* actor) {
  const std::string json = reward_run_json(run).dump();
  return db.write([&](Store& store) -> Result<int64_t> {
    RuleSetRecord set;
    set.id = run.result.rule_set, set.version = run.result.version, set.title = run.rule_set_title;
    set.body = std::string(rule_text), set.sha256 = accounts::sha256_hex(rule_text);
    set.imported_at = accounts::iso_instant(now);
    if (auto st = store.insert_rule_set(set); !st) return st.error();
    RewardRunRecord rec;
    rec.rule_set = set.id, rec.version = set.version, rec.year = run.result.year;
    rec.unit = run.unit, rec.unit_code = run.unit_code, rec.register_state = run.register_state;
    rec.total_vnd = run.result.total, rec.payments = int64_t(run.result.payments.size());
    rec.result = json, rec.created_at = set.imported_at;
    auto id = store.insert_reward_run(rec);
    if (!id) return id.error();
    AuditRecord e = accounts::audit_entry(actor, rec.created_at, "create", "reward_run", std::to_string(*id), run.unit);
    e.after = nlohmann::ordered_json{{"rule_set", set.id},
                                     {"version", set.version},
                                     {"rules_sha256", set.sha256},
                                     {"year", rec.year},
                                     {"unit", rec.unit_code},
                                     {"register_state", rec.register_state},
                                     {"payments", rec.payments},
                                     {"total_vnd", rec.total_vnd},
                                     {"result_sha256", accounts::sha256_hex(json)}}
                  .dump();
    if (auto st = accounts::append_audit(store, std::move(e)); !st) return st.error();
    return *id;
  });
}

std::vector<RuleSetRecord> list_rule_sets(Database& db) {
  return db.read([](Store& store) { return store.rule_sets(); });
}

Result<StoredRuleSet> stored_rule_set(Database& db, std::string_view id, std::string_view version,
                                      const analytics::IndicatorCatalogue& catalogue) {
  const auto set = db.read([&](Store& store) { return store.find_rule_set(id, version); });
  if (!set)
    return Error::not_found("rule_set",
                            "chưa lưu bộ quy tắc '" + std::string(id) + "' phiên bản '" + std::string(version) + "'",
                            "no stored rule set '" + std::string(id) + "' version '" + std::string(version) + "'");
  auto rules = read_rule_file(set->body, catalogue);
  if (!rules) return rules.error();
  return StoredRuleSet{std::move(*rules), std::move(set->body)};
}

Result<RewardRun> reward_run_from_json(const nlohmann::json& j) {
  try {
    RewardRun run;
    RewardResult& r = run.result;
    r.rule_set = j.at("rule_set"), r.version = j.at("version"), r.year = j.at("year");
    run.rule_set_title = j.value("title", ""), run.unit_code = j.at("unit"), run.unit_name = j.value("unit_name", "");
    run.register_state = j.value("register_state", "");
    r.rules_in_force = j.at("rules_in_force").get<std::vector<std::string>>();
    r.total = j.at("total_vnd"), r.cases_exempt = j.value("cases_exempt", int64_t(0));
    for (const auto& [k, v] : j.at("total_by_commune").items()) r.total_by_commune[k] = v.get<int64_t>();
    for (const auto& [k, v] : j.at("total_by_rule").items()) r.total_by_rule[k] = v.get<int64_t>();
    for (const auto& p : j.at("payments")) {
      Payment x;
      x.commune_code = p.at("commune"), x.commune_name = p.value("commune_name", ""), x.rule = p.at("rule");
      x.beneficiary = kBeneficiaries.find(p.at("beneficiary").get<std::string>()).value_or(Beneficiary::kCommune);
      x.beneficiary_key = p.at("key"), x.beneficiary_name = p.value("name", "");
      x.cases = p.at("cases"), x.amount_vnd = p.at("amount_vnd");
      x.figures = p.at("figures").get<std::vector<std::string>>();
      x.events = p.at("events").get<std::vector<int64_t>>();
      r.payments.push_back(std::move(x));
    }
    return run;
  } catch (const nlohmann::json::exception&) {
    return Error{ErrorCode::kInternal, "result", "lần tính đã lưu không đọc được", "the saved run cannot be read"};
  }
}

std::vector<RewardRunRecord> list_reward_runs(Database& db) {
  return db.read([](Store& store) { return store.reward_runs(); });
}

Result<RewardRunRecord> find_reward_run(Database& db, int64_t id) {
  auto run = db.read([&](Store& store) { return store.find_reward_run(id); });
  if (!run)
    return Error::not_found("run", "không có lần tính thưởng mã " + std::to_string(id),
                            "no saved reward run with id " + std::to_string(id));
  return *run;
}

std::vector<RewardChange> compare_runs(const nlohmann::json& before, const nlohmann::json& after) {
  std::map<std::tuple<std::string, std::string, std::string>, RewardChange> by_key;
  const auto add = [&](const nlohmann::json& run, bool is_after) {
    if (!run.contains("payments") || !run["payments"].is_array()) return;
    for (const auto& p : run["payments"]) {
      RewardChange& c = by_key[{p.value("commune", ""), p.value("rule", ""), p.value("key", "")}];
      c.commune = p.value("commune", ""), c.rule = p.value("rule", ""), c.beneficiary = p.value("key", "");
      c.name = p.value("name", "");
      (is_after ? c.after_vnd : c.before_vnd) = p.value("amount_vnd", int64_t(0));
      (is_after ? c.after_cases : c.before_cases) = p.value("cases", int64_t(0));
    }
  };
  add(before, false);
  add(after, true);
  std::vector<RewardChange> out;
  for (auto& [key, c] : by_key)
    if (c.before_vnd != c.after_vnd || c.before_cases != c.after_cases) out.push_back(std::move(c));
  return out;
}

}  // namespace danso

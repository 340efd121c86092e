#include "analytics/register_snapshot.h"

#include <algorithm>
#include <unordered_map>

#include "core/id_index.h"
#include "core/marital.h"

namespace danso::analytics {

namespace {

void add_person(RegisterSnapshot& s, PersonId id, Sex sex, Date birth, bool married, ResidenceStatus residence) {
  s.temporary.push_back(residence == ResidenceStatus::kTemporary ? 1 : 0);
  s.person_id.push_back(id.value);
  s.female.push_back(sex == Sex::kFemale ? 1 : 0);
  s.birth.push_back(birth.days());
  int y, m, d;
  birth.ymd(y, m, d);
  s.birth_year.push_back(int16_t(y));
  s.birth_month.push_back(uint8_t(m));
  s.birth_day.push_back(uint8_t(d));
  s.married_now.push_back(married ? 1 : 0);
}

// Sorts `v` by key(x) in [0, range), keeping the order of equal keys (a
// counting sort: two passes, no comparisons).
template <typename T, typename Key>
void bucket_sort(std::vector<T>& v, size_t range, Key key) {
  std::vector<uint32_t> next(range + 1, 0);
  for (const T& x : v) ++next[size_t(key(x)) + 1];
  for (size_t i = 0; i < range; ++i) next[i + 1] += next[i];
  std::vector<T> out(v.size());
  for (const T& x : v) out[next[size_t(key(x))]++] = x;
  v.swap(out);
}

// Person id -> dense index, for the persons added so far.
IdIndex<int32_t> person_index(const RegisterSnapshot& s) {
  IdIndex<int32_t> idx;
  int64_t max_id = 0;
  for (int64_t id : s.person_id) max_id = std::max(max_id, id);
  idx.reserve(max_id, s.person_id.size());
  for (size_t i = 0; i < s.person_id.size(); ++i) idx.set(s.person_id[i], int32_t(i));
  return idx;
}

void index_units(RegisterSnapshot& s) {
  for (const auto& u : s.tree.units()) {
    s.unit_slot.emplace(u.id.value, int32_t(s.slot_unit.size()));
    s.slot_unit.push_back(u.id);
  }
}

}  // namespace

namespace {

// The union of the spells of each household (spell_household), by slot: a
// household lives in one village, so its spells are all in one slot.
void index_households(RegisterSnapshot& s) {
  s.slot_household_spans.assign(s.slot_unit.size() + 1, 0);
  s.household_spans.clear();
  if (s.spell_household.size() != s.spells.size()) {
    s.spell_household.clear();
    return;
  }
  struct Item {
    int64_t household;
    int32_t slot, start, end;
  };
  std::vector<Item> items;
  items.reserve(s.spells.size());
  for (size_t i = 0; i < s.spells.size(); ++i)
    items.push_back({s.spell_household[i], s.spells[i].slot, s.spells[i].start, s.spells[i].end});
  std::vector<int64_t>().swap(s.spell_household);
  // By slot (a counting sort), then within each slot by household and start.
  std::erase_if(items, [&](const Item& x) { return x.slot < 0 || size_t(x.slot) >= s.slot_unit.size(); });
  bucket_sort(items, s.slot_unit.size(), [](const Item& x) { return x.slot; });
  for (size_t i = 0; i < items.size();) {
    size_t j = i;
    while (j < items.size() && items[j].slot == items[i].slot) ++j;
    std::sort(items.begin() + std::ptrdiff_t(i), items.begin() + std::ptrdiff_t(j), [](const Item& a, const Item& b) {
      return a.household != b.household ? a.household < b.household : a.start < b.start;
    });
    i = j;
  }
  s.household_spans.reserve(items.size() / 3 + 1);
  for (size_t i = 0; i < items.size();) {
    const Item& first = items[i];
    int32_t start = first.start, end = first.end;
    size_t j = i + 1;
    for (; j < items.size() && items[j].slot == first.slot && items[j].household == first.household; ++j) {
      if (items[j].start <= end) {  // overlaps or touches: one span
        end = std::max(end, items[j].end);
      } else {
        s.household_spans.push_back({start, end});
        ++s.slot_household_spans[size_t(first.slot) + 1];
        start = items[j].start, end = items[j].end;
      }
    }
    s.household_spans.push_back({start, end});
    ++s.slot_household_spans[size_t(first.slot) + 1];
    i = j;
  }
  for (size_t i = 0; i + 1 < s.slot_household_spans.size(); ++i) s.slot_household_spans[i + 1] += s.slot_household_spans[i];
}

}  // namespace

namespace {

// The moves of the register whose other end is in it (SnapshotMove): for a
// move in, the village of the person's spell ending that day (elsewhere, or
// in another household), for a move out the village of their spell starting
// that day; else the unit the counterpart names. Spells and events are read
// as loaded; the moves come out by date.
void index_local_moves(RegisterSnapshot& s) {
  // (person, day, in) -> the move's index, for the moves to pair with spells.
  std::unordered_map<uint64_t, size_t> open;
  auto key = [](int32_t person, int32_t day, bool in) {
    return (uint64_t(uint32_t(person)) << 33) | (uint64_t(uint32_t(day)) << 1) | (in ? 1u : 0u);
  };
  for (size_t i = 0; i < s.local_moves.size(); ++i)
    if (s.local_moves[i].person >= 0) open.emplace(key(s.local_moves[i].person, s.local_moves[i].date, s.local_moves[i].in), i);
  if (!open.empty())
    for (const SnapshotSpell& sp : s.spells) {
      // A spell ending on a move in's day is where the person came from; one
      // starting on a move out's day is where they went.
      if (sp.end != kOpenEnd)
        if (auto it = open.find(key(sp.person, sp.end, true)); it != open.end()) s.local_moves[it->second].other_slot = sp.slot;
      if (auto it = open.find(key(sp.person, sp.start, false)); it != open.end()) s.local_moves[it->second].other_slot = sp.slot;
    }
  std::erase_if(s.local_moves, [](const SnapshotMove& m) { return m.other_slot < 0 || m.slot < 0; });
  std::stable_sort(s.local_moves.begin(), s.local_moves.end(),
                   [](const SnapshotMove& a, const SnapshotMove& b) { return a.date < b.date; });
}

}  // namespace

void index_snapshot(RegisterSnapshot& s) {
  const size_t persons = s.person_id.size();
  index_households(s);
  index_local_moves(s);
  s.birth_md.resize(persons);
  for (size_t p = 0; p < persons; ++p) s.birth_md[p] = uint16_t(s.birth_month[p] * 32 + s.birth_day[p]);
  for (SnapshotSpell& sp : s.spells) {
    const auto p = size_t(sp.person);
    sp.birth_year = s.birth_year[p], sp.birth_md = s.birth_md[p], sp.female = s.female[p];
    sp.married_now = s.married_now[p];
  }
  // Spells by village slot, so that counting can be split by slots.
  std::sort(s.spells.begin(), s.spells.end(), [](const SnapshotSpell& a, const SnapshotSpell& b) {
    if (a.slot != b.slot) return a.slot < b.slot;
    if (a.female != b.female) return a.female < b.female;
    if (a.birth_year != b.birth_year) return a.birth_year < b.birth_year;
    return a.person != b.person ? a.person < b.person : a.start < b.start;
  });
  s.slot_spells.assign(s.slot_unit.size() + 1, 0);
  for (const SnapshotSpell& sp : s.spells) ++s.slot_spells[size_t(sp.slot) + 1];
  for (size_t i = 0; i + 1 < s.slot_spells.size(); ++i) s.slot_spells[i + 1] += s.slot_spells[i];
  s.temporary_spells.clear();
  if (s.temporary.size() == persons)
    for (const SnapshotSpell& sp : s.spells)
      if (s.temporary[size_t(sp.person)]) s.temporary_spells.push_back({sp.slot, sp.start, sp.end, sp.female});


  s.newborn5.assign(persons, 0);
  // A death ends the marriage of the spouse who survives (a widow is not
  // married from that day): the spouse of each death, by the death's event,
  // from the register's marriages and divorces before it. Sparse: only the
  // persons married or divorced by an event are followed.
  std::unordered_map<size_t, int32_t> widowed;  // death event index -> surviving spouse
  {
    SpouseBook<int32_t> book;
    for (size_t i = 0; i < s.events.size(); ++i) {
      const SnapshotEvent& e = s.events[i];
      if (e.person < 0) continue;
      if (e.type == EventType::kMarriage && e.related >= 0) {
        book.marry(e.person, e.related);
      } else if (e.type == EventType::kDivorce) {
        book.divorce(e.person, e.related >= 0 ? std::optional<int32_t>(e.related) : std::nullopt);
      } else if (e.type == EventType::kDeath) {
        if (const auto survivor = book.death(e.person)) widowed.emplace(i, *survivor);
      }
    }
  }
  // Marks in event order (by date), counted then placed per person, the
  // persons in the order of their first spell.
  auto each_mark = [&](auto&& fn) {
    for (size_t i = 0; i < s.events.size(); ++i) {
      const SnapshotEvent& e = s.events[i];
      if (e.person < 0) continue;
      switch (e.type) {
        case EventType::kDeath:
          if (const auto w = widowed.find(i); w != widowed.end())
            fn(w->second, PersonMark{e.date, PersonMark::kMarital, 0});
          break;
        case EventType::kMarriage:
        case EventType::kDivorce: {
          const int8_t v = e.type == EventType::kMarriage ? 1 : 0;
          fn(e.person, PersonMark{e.date, PersonMark::kMarital, v});
          if (e.related >= 0) fn(e.related, PersonMark{e.date, PersonMark::kMarital, v});
          break;
        }
        case EventType::kContraceptionStart:
        case EventType::kContraceptionChange:
          fn(e.person, PersonMark{e.date, PersonMark::kContraception, e.method});
          break;
        case EventType::kContraceptionStop:
          fn(e.person, PersonMark{e.date, PersonMark::kContraception, -1});
          break;
        case EventType::kPremaritalCounselling:
          fn(e.person, PersonMark{e.date, PersonMark::kCounselling, 0});
          break;
        case EventType::kPrenatalScreening:
          if (e.conditions >= 4) fn(e.person, PersonMark{e.date, PersonMark::kPrenatal4, 0});
          break;
        default:
          break;
      }
    }
  };
  // Each person's marks: the states (marital status, contraception) by
  // date, then the others (counselling, screening) by date; a spell refers
  // to its person's states only, which is all that counting reads.
  auto is_state = [](const PersonMark& m) { return m.kind == PersonMark::kMarital || m.kind == PersonMark::kContraception; };
  std::vector<uint32_t> states(persons, 0), others(persons, 0);
  each_mark([&](int32_t p, const PersonMark& m) { ++(is_state(m) ? states : others)[size_t(p)]; });
  s.mark_begin.assign(persons, 0);
  s.mark_count.assign(persons, 0);
  std::vector<uint8_t> placed(persons, 0);
  uint32_t next = 0;
  auto place = [&](size_t p) {
    if (placed[p]) return;
    placed[p] = 1;
    s.mark_begin[p] = next;
    s.mark_count[p] = uint16_t(std::min<uint32_t>(states[p] + others[p], UINT16_MAX));
    next += states[p] + others[p];
  };
  for (const SnapshotSpell& sp : s.spells) place(size_t(sp.person));
  for (size_t p = 0; p < persons; ++p) place(p);
  s.marks.assign(next, PersonMark{});
  std::vector<uint32_t> fill_state(s.mark_begin), fill_other(persons);
  for (size_t p = 0; p < persons; ++p) fill_other[p] = s.mark_begin[p] + states[p];
  each_mark([&](int32_t p, const PersonMark& m) {
    s.marks[(is_state(m) ? fill_state : fill_other)[size_t(p)]++] = m;
  });
  for (SnapshotSpell& sp : s.spells)
    sp.mark_begin = s.mark_begin[size_t(sp.person)],
    sp.mark_count = uint16_t(std::min<uint32_t>(states[size_t(sp.person)], UINT16_MAX));

  for (const SnapshotEvent& e : s.events) {
    if (e.person < 0) continue;
    if (e.type == EventType::kNewbornScreening && e.conditions >= 5) s.newborn5[size_t(e.person)] = 1;
  }
  int32_t day = INT32_MIN;
  int y = 0, md = 0;
  // Each mother's last delivery: the index of its first birth event.
  std::unordered_map<int32_t, size_t> last_delivery;
  for (size_t i = 0; i < s.events.size(); ++i) {
    SnapshotEvent& e = s.events[i];
    if (e.person < 0) continue;
    if (e.date != day) {  // events are by date
      int m, d;
      civil_from_days(e.date, y, m, d);
      md = m * 32 + d, day = e.date;
    }
    e.female = s.female[size_t(e.person)];
    e.age = uint8_t(std::clamp(s.age_on(e.person, y, md), 0, 100));
    e.facts = 0;
    if (e.type == EventType::kBirth) {
      if (e.related >= 0) {
        e.mother_age = uint8_t(std::clamp(s.age_on(e.related, y, md), 0, 100));
        const PersonMark* pm = s.last_mark(e.related, PersonMark::kPrenatal4, e.date);
        if (pm && pm->date >= e.date - 300) e.facts |= SnapshotEvent::kPrenatalScreened4;
      }
      if (s.newborn5[size_t(e.person)]) e.facts |= SnapshotEvent::kNewbornScreened5;
      // One delivery: the births of one mother on the same day or the next.
      size_t first = i;
      if (e.related >= 0) {
        auto [it, fresh] = last_delivery.try_emplace(e.related, i);
        if (!fresh && s.events[it->second].date >= e.date - 1) first = it->second;
        else it->second = i;
      }
      if (first == i) e.facts |= SnapshotEvent::kDelivery;
      if (e.birth_order >= 3) s.events[first].facts |= SnapshotEvent::kDeliveryOrder3plus;
    }
    if (e.type == EventType::kMarriage) {
      int counselled = 0;
      for (int32_t q : {e.person, e.related}) {
        if (q < 0) continue;
        const PersonMark* pm = s.last_mark(q, PersonMark::kCounselling, e.date);
        if (pm && pm->date >= e.date - 365) ++counselled;
      }
      e.facts = uint8_t(counselled << 2);
    }
  }

  // Events by slot (then date and id, as loaded), for counting by village;
  // those of no known village are left out.
  if (!s.events.empty()) s.first_event_day = s.events.front().date, s.last_event_day = s.events.back().date;
  std::erase_if(s.events, [&](const SnapshotEvent& e) { return e.slot < 0 || size_t(e.slot) >= s.slot_unit.size(); });
  bucket_sort(s.events, s.slot_unit.size(), [](const SnapshotEvent& e) { return e.slot; });
  s.slot_events.assign(s.slot_unit.size() + 1, 0);
  s.slot_deaths.assign(s.slot_unit.size() + 1, 0);
  s.deaths.clear();
  for (const SnapshotEvent& e : s.events) {
    ++s.slot_events[size_t(e.slot) + 1];
    if (e.type == EventType::kDeath && e.person >= 0) {
      ++s.slot_deaths[size_t(e.slot) + 1];
      s.deaths.push_back({e.date, e.female, e.age});
    }
  }
  for (size_t i = 0; i + 1 < s.slot_events.size(); ++i) s.slot_events[i + 1] += s.slot_events[i];
  for (size_t i = 0; i + 1 < s.slot_deaths.size(); ++i) s.slot_deaths[i + 1] += s.slot_deaths[i];
}

namespace {

// A move, with the slot of the unit its counterpart names on its day (-1:
// none, or outside the register), to local_moves.
void add_move(RegisterSnapshot& s, const EventFacts& e, int32_t person) {
  if (e.type != EventType::kMoveIn && e.type != EventType::kMoveOut) return;
  const OrgUnit* other = e.counterpart.empty() ? nullptr : s.tree.resolve(e.counterpart, e.date);
  s.local_moves.push_back({e.date.days(), s.slot_of(e.village), other ? s.slot_of(other->id) : -1, person,
                           uint8_t(e.type == EventType::kMoveIn ? 1 : 0)});
}

}  // namespace

RegisterSnapshot build_snapshot(std::vector<OrgUnit> units, std::vector<UnitLink> links,
                                const std::vector<Person>& persons, const std::vector<ResidenceSpell>& spells,
                                const std::vector<EventFacts>& events) {
  RegisterSnapshot s;
  s.tree = UnitTree(std::move(units), std::move(links));
  index_units(s);
  for (const auto& p : persons) add_person(s, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried, p.residence);
  const IdIndex<int32_t> pidx = person_index(s);
  auto person = [&](PersonId id) {
    const int32_t* i = pidx.find(id.value);
    return i ? *i : -1;
  };
  for (const auto& sp : spells) {
    const int32_t p = person(sp.person), slot = s.slot_of(sp.village);
    if (p < 0 || slot < 0) continue;
    s.spells.push_back({p, slot, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
    s.spell_household.push_back(sp.household.value);
  }
  std::vector<const EventFacts*> sorted;
  for (const auto& e : events)
    if (indicators_read(e.type)) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const EventFacts* a, const EventFacts* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  for (const EventFacts* e : sorted) {
    add_move(s, *e, person(e->person));
    s.events.push_back({e->date.days(), s.slot_of(e->village), person(e->person),
                        e->related.valid() ? person(e->related) : -1, e->type, uint8_t(std::clamp(e->birth_order, 0, 255)),
                        int8_t(e->method ? int(*e->method) : -1), uint8_t(std::clamp(e->conditions, 0, 255)),
                        e->child_marriage, e->consanguineous});
  }
  index_snapshot(s);
  return s;
}

RegisterSnapshot RegisterSnapshot::load(Store& store) {
  RegisterSnapshot s;
  // One read transaction: units, persons, spells and events of the same
  // moment, even while another connection writes.
  store.read_consistently([&] { read_register(store, s); });
  index_snapshot(s);
  return s;
}

void RegisterSnapshot::read_register(Store& store, RegisterSnapshot& s) {
  s.tree = UnitTree(store.load_units(), store.load_unit_links());
  index_units(s);
  const auto n = size_t(std::max<int64_t>(0, store.count_rows(StoredTable::kPersons)));
  s.person_id.reserve(n);
  store.for_each_person_facts([&](const PersonFacts& p) {
    add_person(s, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried, p.residence);
  });
  const IdIndex<int32_t> pidx = person_index(s);
  auto person = [&](PersonId id) {
    const int32_t* i = pidx.find(id.value);
    return i ? *i : -1;
  };
  // Village id -> slot, dense: looked up for every spell and event.
  IdIndex<int32_t> uidx;
  int64_t max_unit = 0;
  for (const UnitId u : s.slot_unit) max_unit = std::max(max_unit, u.value);
  uidx.reserve(max_unit, s.slot_unit.size());
  for (size_t i = 0; i < s.slot_unit.size(); ++i) uidx.set(s.slot_unit[i].value, int32_t(i));
  auto slot = [&](UnitId u) {
    const int32_t* i = uidx.find(u.value);
    return i ? *i : -1;
  };
  s.spells.reserve(n + n / 8);
  s.spell_household.reserve(n + n / 8);
  store.for_each_spell([&](const ResidenceSpell& sp) {
    const int32_t p = person(sp.person), sl = slot(sp.village);
    if (p < 0 || sl < 0) return;
    s.spells.push_back({p, sl, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
    s.spell_household.push_back(sp.household.value);
  });
  // Events come by id; by date (then id) once bucket-sorted.
  s.events.reserve(size_t(std::max<int64_t>(0, store.count_rows(StoredTable::kEvents))));
  int32_t first = INT32_MAX, last = INT32_MIN;
  store.for_each_event_facts([&](const EventFacts& e) {
    if (!indicators_read(e.type)) return;
    add_move(s, e, person(e.person));
    s.events.push_back({e.date.days(), slot(e.village), person(e.person), e.related.valid() ? person(e.related) : -1,
                        e.type, uint8_t(std::clamp(e.birth_order, 0, 255)), int8_t(e.method ? int(*e.method) : -1),
                        uint8_t(std::clamp(e.conditions, 0, 255)), e.child_marriage, e.consanguineous});
    first = std::min(first, s.events.back().date), last = std::max(last, s.events.back().date);
  });
  if (!s.events.empty())
    bucket_sort(s.events, size_t(int64_t(last) - first + 1), [first](const SnapshotEvent& e) { return e.date - first; });
}

}  // namespace danso::analytics

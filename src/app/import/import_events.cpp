// Events (phiếu thu tin): the most checked import. Each event is checked
// against the register as it will be once the file is in: the events already
// stored, overridden by the file's rows with the same id. A new slip's
// checks see only the kinds of stored event listed in kCheckedKinds
// (register_index.h) and those of its own kind on its day: a check that
// reads another kind of a person's history must add it there.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "app/import/chunk_writer.h"
#include "app/import/register_index.h"
#include "app/import/row_import.h"
#include "core/rules.h"

namespace danso::import_detail {

namespace {

std::string id_str(int64_t v) { return std::to_string(v); }

// Of the staff members a slip's rows name, those in the register, each
// looked up (a file reads every staff id at once instead, before its
// writer starts on the same connection).
std::unordered_set<int64_t> known_staff_of(Store& store, const std::vector<VitalEvent>& events) {
  std::unordered_set<int64_t> out, asked;
  for (const VitalEvent& e : events)
    if (e.recorded_by.valid() && asked.insert(e.recorded_by.value).second &&
        !store.staff_units(e.recorded_by).empty())
      out.insert(e.recorded_by.value);
  return out;
}

struct BirthRef {
  Date date;
  int order;
  int64_t event;
};

}  // namespace

Result<ImportReport> import_events(Store& store, const ImportOptions& o) {
  Run run(o, store);
  run.begin_write();
  if (o.after_begin)
    if (auto st = o.after_begin(); !st) return st.error();
  RegisterIndex index =
      o.focus ? RegisterIndex::load_for(store, o.focus->persons, o.focus->households, o.focus->new_slip)
              : RegisterIndex::load(store, RegisterIndex::kUnits | RegisterIndex::kHouseholds | RegisterIndex::kPersons |
                                               RegisterIndex::kEvents);
  // The staff, for the recorders: a slip's looked up once its rows are read
  // (it has no writer), a file's all read now.
  std::unordered_set<int64_t> staff;
  if (!o.focus)
    for (StaffId s : store.staff_ids()) staff.insert(s.value);

  // Unless bad rows are to be skipped, rows are written while the file is
  // still being read and checked; a bad file is rolled back. A focused
  // import (one slip) is written after its check instead: the bulk writer
  // rebuilds the table's indexes, which costs seconds for a row or two.
  std::optional<ChunkWriter<VitalEvent>> writer;
  if (!o.skip_bad_rows && !o.focus)
    writer.emplace(store, std::vector<StoredTable>{StoredTable::kEvents, StoredTable::kResidence},
                   [&store](std::span<const VitalEvent> rows) { return store.upsert_events(rows); });
  std::unordered_map<size_t, bool> child_flag_given;  // row -> the value written in the file
  auto parsed = read_rows<VitalEvent>(
      run, formats::event_columns(),
      [&](FieldReader& f) {
        std::string_view v = f.raw("child_marriage");
        if (v == "0" || v == "1") child_flag_given[f.row()] = v == "1";
        auto e = formats::parse_event(f);
        if (!e) return e;
        // What the checks below derive is derived here too, before the row is written.
        if (const OrgUnit* u = index.tree->resolve(e->village_code, e->date)) e->village = u->id;
        if (e->type == EventType::kMarriage) {
          const PersonFacts* a = index.persons.find(e->person.value);
          const PersonFacts* b = index.persons.find(e->related.value);
          // A spouse outside the register: only the register's person's age is known.
          if (a && (b || e->spouse_outside()))
            e->child_marriage = rules::is_child_marriage(a->sex, a->birth_date, e->date) ||
                                (b && rules::is_child_marriage(b->sex, b->birth_date, e->date));
        }
        return e;
      },
      writer ? std::function<void(std::vector<VitalEvent>)>([&](std::vector<VitalEvent> c) { writer->push(std::move(c)); })
             : std::function<void(std::vector<VitalEvent>)>());
  if (!parsed) return parsed.error();
  auto& events = parsed->records;
  const auto& rows = parsed->rows;
  check_duplicates(run, *parsed, "id", [](const VitalEvent& e) { return e.id.value; });
  run.progress("kiểm tra / checking", 0, events.size());

  // The merged register: stored events not overridden by the file, then the file's.
  std::unordered_set<int64_t> in_file;
  in_file.reserve(events.size());
  for (const auto& e : events) in_file.insert(e.id.value);
  std::unordered_set<int64_t> cancelled;
  for (EventId id : o.cancel) cancelled.insert(id.value);
  std::vector<EventFacts> merged;
  merged.reserve(index.events.size() + events.size());
  for (const auto& e : index.events)
    if (!in_file.count(e.id.value) && !cancelled.count(e.id.value)) merged.push_back(e);
  for (const auto& e : events)
    merged.push_back({e.id, e.type, e.date, e.village, e.person, e.related, e.household, e.birth_order,
                      e.method, e.conditions, e.child_marriage, e.consanguineous, e.counterpart});

  std::unordered_map<int64_t, Date> death;               // person -> date of death
  std::unordered_map<int64_t, std::vector<BirthRef>> births_of_mother;
  std::unordered_map<int64_t, int64_t> birth_of_child;   // child -> event
  std::unordered_map<int64_t, size_t> row_of_event;
  for (size_t i = 0; i < events.size(); ++i) row_of_event[events[i].id.value] = rows[i];
  // The same slip sent twice: a second event of the same type, of the same
  // person (the same couple for a marriage or divorce, whichever is named
  // first) on the same day is refused, not counted twice. A second birth or
  // death of a person is refused below, whatever its day.
  std::map<std::tuple<int, int64_t, int64_t, int32_t>, int64_t> slip_of;
  for (const auto& e : merged) {
    if (e.type == EventType::kBirth || e.type == EventType::kDeath) continue;
    const bool couple = e.type == EventType::kMarriage || e.type == EventType::kDivorce;
    const int64_t a = couple ? std::min(e.person.value, e.related.value) : e.person.value;
    const int64_t b = couple ? std::max(e.person.value, e.related.value) : 0;
    auto [it, fresh] = slip_of.emplace(std::tuple{static_cast<int>(e.type), a, b, e.date.days()}, e.id.value);
    if (fresh) continue;
    if (auto r = row_of_event.find(e.id.value); r != row_of_event.end())
      run.issues.add(r->second, "type", std::string(kEventTypes.code(e.type)),
                     "trùng phiếu: đã có sự kiện " + id_str(it->second) +
                         " cùng loại, cùng người, cùng ngày (phiếu gửi hai lần?)",
                     "duplicate slip: event " + id_str(it->second) +
                         " has the same type, person and date (a slip sent twice?)");
  }
  for (const auto& e : merged) {
    if (e.type == EventType::kDeath) {
      auto [it, fresh] = death.emplace(e.person.value, e.date);
      if (!fresh) {
        auto r = row_of_event.find(e.id.value);
        if (r != row_of_event.end())
          run.issues.add(r->second, "person_id", id_str(e.person.value), "người này đã có sự kiện chết khác",
                         "this person already has another death event");
        it->second = std::min(it->second, e.date);
      }
    } else if (e.type == EventType::kBirth) {
      births_of_mother[e.related.value].push_back({e.date, e.birth_order, e.id.value});
      auto [it, fresh] = birth_of_child.emplace(e.person.value, e.id.value);
      if (!fresh) {
        auto r = row_of_event.find(e.id.value);
        if (r != row_of_event.end())
          run.issues.add(r->second, "person_id", id_str(e.person.value),
                         "trẻ này đã có sự kiện sinh mã " + id_str(it->second),
                         "this child already has birth event " + id_str(it->second));
      }
    }
  }

  auto person = [&](PersonId id) -> const PersonFacts* {
    return index.persons.find(id.value);
  };

  // Marriages and divorces of each person, for "already married": the Law on
  // Marriage and Family 2014 (art. 5.2.c) forbids marrying while married.
  struct UnionRef {
    Date date;
    int64_t event;
    bool marriage;
    int64_t spouse;
  };
  // A spouse outside the register (no related_id) is spouse 0: a divorce
  // naming no one of the register ends the marriage to them.
  std::unordered_map<int64_t, std::vector<UnionRef>> unions_of;
  for (const auto& e : merged) {
    if (e.type != EventType::kMarriage && e.type != EventType::kDivorce) continue;
    const bool m = e.type == EventType::kMarriage;
    unions_of[e.person.value].push_back({e.date, e.id.value, m, e.related.value});
    if (e.related.valid()) unions_of[e.related.value].push_back({e.date, e.id.value, m, e.person.value});
  }
  // The marriage a person is in just before event `event` on `day` (by date,
  // then event id): ended by a divorce from that spouse or the spouse's death.
  auto married_before = [&](int64_t who, Date day, int64_t event) -> std::optional<UnionRef> {
    auto it = unions_of.find(who);
    if (it == unions_of.end()) return std::nullopt;
    std::vector<UnionRef> list = it->second;
    std::sort(list.begin(), list.end(),
              [](const UnionRef& a, const UnionRef& b) { return std::tie(a.date, a.event) < std::tie(b.date, b.event); });
    std::optional<UnionRef> current;
    for (const UnionRef& u : list) {
      if (std::tie(u.date, u.event) >= std::tie(day, event)) break;
      if (u.marriage) current = u;
      else if (current && current->spouse == u.spouse) current.reset();
    }
    if (current) {
      auto d = death.find(current->spouse);
      if (d != death.end() && d->second <= day) current.reset();
    }
    return current;
  };

  if (o.focus) staff = known_staff_of(store, events);
  for (size_t i = 0; i < events.size(); ++i) {
    VitalEvent& e = events[i];
    const size_t row = rows[i];
    if (auto st = rules::check_not_future(e.date, o.today, "date"); !st) run.issues.add(row, e.date.iso(), st.error());
    if (auto st = rules::check_not_future(e.recorded_on, o.today, "recorded_on"); !st)
      run.issues.add(row, e.recorded_on.iso(), st.error());
    if (e.recorded_by.valid() && !staff.count(e.recorded_by.value))
      run.issues.add(row, "recorded_by", id_str(e.recorded_by.value), "không có cán bộ mã này", "no staff member with this id");
    if (auto v = index.tree->resolve_or_error(e.village_code, e.date, "village_code"); !v) {
      run.issues.add(row, e.village_code, v.error());
    } else if (index.tree->find(*v)->kind != UnitKind::kVillage) {
      run.issues.add(row, "village_code", e.village_code, "đơn vị này không phải thôn/ấp/bản", "this unit is not a village");
    } else {
      e.village = *v;
    }
    if (e.household.valid() && !index.households.contains(e.household.value))
      run.issues.add(row, "household_id", id_str(e.household.value), "không có hộ mã này trong sổ",
                     "no household with this id in the register");
    const PersonFacts* p = person(e.person);
    if (!p) {
      run.issues.add(row, "person_id", id_str(e.person.value), "không có người mã này trong sổ",
                     "no person with this id in the register");
      continue;
    }
    if (e.date < p->birth_date)
      run.issues.add(row, "date", e.date.iso(), "sự kiện trước ngày sinh " + p->birth_date.iso(),
                     "event before the person's birth on " + p->birth_date.iso());
    if (auto d = death.find(e.person.value); d != death.end() && e.date > d->second)
      run.issues.add(row, "date", e.date.iso(), "sự kiện sau ngày chết " + d->second.iso(),
                     "event after the person's death on " + d->second.iso());
    const PersonFacts* r = nullptr;
    if (e.related.valid()) {
      r = person(e.related);
      if (!r)
        run.issues.add(row, "related_id", id_str(e.related.value), "không có người mã này trong sổ",
                       "no person with this id in the register");
      else if (auto d = death.find(e.related.value); d != death.end() && e.date > d->second)
        run.issues.add(row, "related_id", id_str(e.related.value), "người này đã chết ngày " + d->second.iso(),
                       "this person died on " + d->second.iso());
    }
    switch (e.type) {
      case EventType::kBirth: {
        if (p->birth_date != e.date)
          run.issues.add(row, "date", e.date.iso(), "ngày sinh của trẻ trong sổ là " + p->birth_date.iso(),
                         "the child's birth date in the register is " + p->birth_date.iso());
        if (!r) break;
        if (auto st = rules::check_mother(r->sex, r->birth_date, e.date); !st)
          run.issues.add(row, id_str(e.related.value), st.error());
        int earlier = 0, highest = 0;
        for (const BirthRef& b : births_of_mother[e.related.value]) {
          if (b.event == e.id.value) continue;
          if (b.date < e.date) {
            ++earlier;
            highest = std::max(highest, b.order);
          } else if (b.date == e.date && b.order == e.birth_order) {
            run.issues.add(row, "birth_order", std::to_string(e.birth_order),
                           "trùng thứ tự lần sinh với sự kiện " + id_str(b.event) + " cùng ngày",
                           "same birth order as event " + id_str(b.event) + " on the same day");
          }
        }
        if (auto st = rules::check_birth_order(e.birth_order, earlier, highest); !st)
          run.issues.add(row, std::to_string(e.birth_order), st.error());
        break;
      }
      case EventType::kMarriage: {
        if (!r && !e.spouse_outside()) break;
        if (r && p->sex == r->sex)
          run.issues.add(row, "related_id", id_str(e.related.value),
                         "hai người cùng giới tính: Luật Hôn nhân và gia đình 2014 (khoản 2 Điều 8) không thừa nhận hôn "
                         "nhân giữa những người cùng giới tính",
                         "both persons are of the same sex: the Law on Marriage and Family 2014 (art. 8.2) does not "
                         "recognise marriage between persons of the same sex");
        for (const auto& [who, column] : {std::pair{e.person.value, "person_id"}, std::pair{e.related.value, "related_id"}})
          if (auto u = who > 0 ? married_before(who, e.date, e.id.value) : std::nullopt)
            run.issues.add(row, column, id_str(who),
                           "người này đang có vợ/chồng (kết hôn ngày " + u->date.iso() + ", sự kiện " + id_str(u->event) +
                               ", chưa ly hôn): Luật Hôn nhân và gia đình 2014 (điểm c khoản 2 Điều 5) cấm kết hôn khi "
                               "đang có vợ, có chồng",
                           "this person is married (on " + u->date.iso() + ", event " + id_str(u->event) +
                               ", not divorced): the Law on Marriage and Family 2014 (art. 5.2.c) forbids marrying "
                               "while married");
        const bool child = rules::is_child_marriage(p->sex, p->birth_date, e.date) ||
                           (r && rules::is_child_marriage(r->sex, r->birth_date, e.date));
        auto given = child_flag_given.find(row);
        if (given != child_flag_given.end() && given->second && !child)
          run.issues.add(row, "child_marriage", "1", "cả hai người đều đủ tuổi kết hôn (nữ 18, nam 20)",
                         "both persons are of legal marriage age (women 18, men 20)");
        if (given != child_flag_given.end() && !given->second && child)
          run.issues.add(row, "child_marriage", "0", "một người chưa đủ tuổi kết hôn (nữ 18, nam 20): phải là 1",
                         "a person is under the legal marriage age (women 18, men 20): must be 1");
        e.child_marriage = child;
        break;
      }
      default:
        break;
    }
  }

  // Residence: derive the spells of every person the file's events touch.
  auto derive = [&](bool only_good, std::vector<ResidenceSpell>& spells, std::vector<PersonId>& touched) {
    std::unordered_map<int64_t, std::vector<VitalEvent>> by_person;
    std::unordered_set<int64_t> wanted;
    for (size_t i = 0; i < events.size(); ++i)
      if (index.persons.contains(events[i].person.value)) wanted.insert(events[i].person.value);
    // A row that rewrites a stored event may name another person: the one
    // it named before is derived again too.
    for (const auto& f : index.events)
      if ((in_file.count(f.id.value) || cancelled.count(f.id.value)) && index.persons.contains(f.person.value))
        wanted.insert(f.person.value);
    for (const auto& f : merged) {
      if (!affects_residence(f.type) || !wanted.count(f.person.value)) continue;
      if (only_good) {
        auto r = row_of_event.find(f.id.value);
        if (r != row_of_event.end() && run.issues.row_has_issue(r->second)) continue;
      }
      by_person[f.person.value].push_back(to_event(f));
    }
    std::vector<PersonFacts> facts;
    touched.clear();
    for (int64_t id : wanted) {
      facts.push_back(*index.persons.find(id));
      touched.push_back(PersonId(id));
    }
    std::sort(facts.begin(), facts.end(), [](const PersonFacts& a, const PersonFacts& b) { return a.id < b.id; });
    std::sort(touched.begin(), touched.end());
    return derive_spells(facts, by_person, index, spells);
  };
  std::vector<ResidenceSpell> spells;
  std::vector<PersonId> touched;
  for (const auto& fail : derive(false, spells, touched)) {
    bool placed = false;
    for (size_t i = 0; i < events.size() && !placed; ++i)
      if (events[i].person == fail.person && affects_residence(events[i].type)) {
        run.issues.add(rows[i], "", fail.error);
        placed = true;
      }
    // Without the events cancelled, the person's residence no longer holds.
    if (!placed && !cancelled.empty())
      run.issues.add(2, "id", "", "bỏ phiếu này thì không suy ra được nơi cư trú: " + fail.error.vi,
                     "without this slip the residence cannot be derived: " + fail.error.en);
  }
  // Each event belongs to the village where its person lives on that day.
  {
    std::unordered_map<int64_t, std::vector<const ResidenceSpell*>> spells_of;
    for (const auto& s : spells) spells_of[s.person.value].push_back(&s);
    for (size_t i = 0; i < events.size(); ++i) {
      const VitalEvent& e = events[i];
      if (!e.village.valid() || !index.persons.contains(e.person.value)) continue;
      // The day a person moves or dies belongs to both the spell it ends and
      // the one it starts: a move out or a death must be in the village it
      // leaves; any other event may be in either village that day.
      UnitId expected;
      bool found = false, matches = false;
      // A spell's village as it is that day: renamed, moved or merged since.
      auto village_then = [&](UnitId v) {
        const OrgUnit* now = index.tree->current(v, e.date);
        return now ? now->id : v;
      };
      const bool ends = e.type == EventType::kMoveOut || e.type == EventType::kDeath;
      for (const ResidenceSpell* s : spells_of[e.person.value]) {
        const bool ending = s->end && *s->end == e.date;
        const bool allowed = ends ? ending : e.type == EventType::kMoveIn ? s->covers(e.date)
                                                                          : (ending || s->covers(e.date));
        if (!allowed) continue;
        if (!found) expected = village_then(s->village);
        found = true;
        matches = matches || village_then(s->village) == e.village;
      }
      if (!found && ends)
        for (const ResidenceSpell* s : spells_of[e.person.value])
          if (s->covers(e.date))
            expected = village_then(s->village), found = true, matches = matches || expected == e.village;
      if (found && matches) continue;
      if (!found) {
        if (!run.issues.row_has_issue(rows[i]))
          run.issues.add(rows[i], "person_id", id_str(e.person.value),
                         "người này không cư trú trong sổ vào ngày " + e.date.iso(),
                         "this person does not live in the register's area on " + e.date.iso());
      } else if (expected != e.village) {
        const OrgUnit* u = index.tree->find(expected);
        const std::string code = u ? u->code : "?";
        run.issues.add(rows[i], "village_code", e.village_code,
                       "người này cư trú tại thôn " + code + " vào ngày " + e.date.iso(),
                       "this person lives in village " + code + " on " + e.date.iso());
      }
    }
  }
  if (writer && !run.issues.empty()) {
    (void)writer->finish(true);
    return finish(run, [] { return Status(); });
  }
  if (!run.issues.empty()) {
    spells.clear();
    for (const auto& fail : derive(true, spells, touched))
      return Error::invalid("", "không suy ra được nơi cư trú sau khi bỏ các dòng lỗi: " + fail.error.vi,
                            "residence cannot be derived once the bad rows are left out: " + fail.error.en);
  }
  std::vector<VitalEvent> good = good_records(run, *parsed);
  // Persons whose residence changes: those with a residence event in the file.
  std::unordered_set<int64_t> res_persons;
  for (const auto& e : events)
    if (affects_residence(e.type)) res_persons.insert(e.person.value);
  for (const auto& e : index.events)
    if ((in_file.count(e.id.value) || cancelled.count(e.id.value)) && affects_residence(e.type))
      res_persons.insert(e.person.value);
  std::erase_if(touched, [&](PersonId id) { return !res_persons.count(id.value); });
  std::erase_if(spells, [&](const ResidenceSpell& s) { return !res_persons.count(s.person.value); });
  run.progress("ghi / writing", 0, good.size());
  return finish(run, [&]() -> Status {
    return write_after_chunks<VitalEvent>(
        writer, [&] { return store.upsert_events(good); },
        [&]() -> Status {
          if (!o.cancel.empty())
            if (auto st = store.delete_events(o.cancel); !st) return st;
          if (auto st = store.replace_residence_of(touched, spells); !st) return st;
          if (!o.remove_persons.empty())
            if (auto st = store.delete_persons(o.remove_persons); !st) return st;
          return Status();
        });
  });
}

}  // namespace danso::import_detail

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "app/import/chunk_writer.h"
#include "app/import/person_events.h"
#include "app/import/register_index.h"
#include "app/import/row_import.h"
#include "core/rules.h"

namespace danso::import_detail {

namespace {

// Persons already in the register whose sex or birth date the file changes:
// their events are checked again (app/import/person_events.h). Conflicts
// are issues of the person's row; the marriages whose child-marriage flag
// the written rows turn are returned, to be rewritten with the persons.
class ChangedFacts {
 public:
  ChangedFacts(const RegisterIndex& index, const ParsedRows<Person>& parsed) : index_(index) {
    for (size_t i = 0; i < parsed.records.size(); ++i) {
      const Person& p = parsed.records[i];
      const PersonFacts* f = index.persons.find(p.id.value);
      if (f && (f->sex != p.sex || f->birth_date != p.birth_date))
        changed_.push_back({PersonFacts{p.id, p.household, p.sex, p.birth_date, p.registered_on}, *f, parsed.rows[i]});
    }
  }
  bool any() const { return !changed_.empty(); }

  // Reads the stored events naming the changed persons (nothing else may be
  // using the store's connection meanwhile).
  void load_events(Store& store) {
    if (changed_.empty()) return;
    std::vector<PersonId> ids;
    for (const Changed& c : changed_) ids.push_back(c.now.id);
    for (const EventFacts& e : store.event_facts_naming(ids)) {
      events_[e.person.value].push_back(e);
      if (e.related.valid() && e.related != e.person) events_[e.related.value].push_back(e);
    }
  }

  void check(Run& run) const {
    for (const Changed& c : changed_)
      for (const Error& e : review(c, [](const Changed&) { return true; }).conflicts)
        run.issues.add(c.row, e.field == "sex" ? kSexes.code(c.now.sex) : c.now.birth_date.iso(), e);
  }

  // Marriages to rewrite, once the rows with issues (not written) are known.
  std::vector<EventId> marriages_to_flip(const Run& run) const {
    std::vector<EventId> out;
    auto written = [&](const Changed& c) { return !run.issues.row_has_issue(c.row); };
    for (const Changed& c : changed_)
      if (written(c))
        for (EventId m : review(c, written).marriages_to_flip) out.push_back(m);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  struct Changed {
    PersonFacts now, before;
    size_t row;
  };
  template <typename Written>
  PersonEventReview review(const Changed& c, const Written& written) const {
    static const std::vector<EventFacts> none;
    const auto mine = events_.find(c.now.id.value);
    return review_person_events(c.now, c.before, mine == events_.end() ? none : mine->second, [&](PersonId id) -> const PersonFacts* {
      for (const Changed& o : changed_)
        if (o.now.id == id && written(o)) return &o.now;
      return index_.persons.find(id.value);
    });
  }

  const RegisterIndex& index_;
  std::vector<Changed> changed_;
  std::unordered_map<int64_t, std::vector<EventFacts>> events_;  // by the persons they name
};

}  // namespace

Result<ImportReport> import_persons(Store& store, const ImportOptions& o) {
  Run run(o, store);
  run.begin_write();
  RegisterIndex index = RegisterIndex::load(store, RegisterIndex::kHouseholds | RegisterIndex::kPersons);
  std::unordered_map<std::string, int64_t> citizen;  // citizen id -> person
  citizen.reserve(index.persons.size());
  store.for_each_citizen_id([&](PersonId p, std::string_view c) { citizen.emplace(std::string(c), p.value); });
  // Residence events of persons already in the register, whose spells a
  // rewritten row changes.
  std::unordered_map<int64_t, std::vector<VitalEvent>> stored_moves;
  if (store.count_rows(StoredTable::kEvents) > 0)
    store.for_each_event_facts([&](const EventFacts& e) {
      if (affects_residence(e.type) && index.persons.contains(e.person.value))
        stored_moves[e.person.value].push_back(to_event(e));
    });

  // Unless bad rows are to be skipped, rows are written while the file is
  // still being read and checked; a bad file is rolled back.
  std::optional<ChunkWriter<Person>> writer;
  if (!o.skip_bad_rows)
    writer.emplace(store, std::vector<StoredTable>{StoredTable::kPersons, StoredTable::kResidence},
                   [&store](std::span<const Person> rows) { return store.upsert_persons(rows); });
  auto parsed = read_rows<Person>(
      run, formats::person_columns(), formats::parse_person,
      writer ? std::function<void(std::vector<Person>)>([&](std::vector<Person> c) { writer->push(std::move(c)); })
             : std::function<void(std::vector<Person>)>());
  if (!parsed) return parsed.error();
  check_duplicates(run, *parsed, "id", [](const Person& p) { return p.id.value; });
  run.progress("kiểm tra / checking", 0, parsed->records.size());
  std::unordered_map<std::string, size_t> citizen_row;
  for (size_t i = 0; i < parsed->records.size(); ++i) {
    const Person& p = parsed->records[i];
    const size_t row = parsed->rows[i];
    if (auto st = rules::check_not_future(p.birth_date, o.today, "birth_date"); !st)
      run.issues.add(row, p.birth_date.iso(), st.error());
    if (auto st = rules::check_not_future(p.registered_on, o.today, "registered_on"); !st)
      run.issues.add(row, p.registered_on.iso(), st.error());
    if (!index.households.contains(p.household.value))
      run.issues.add(row, "household_id", std::to_string(p.household.value),
                     "không có hộ mã " + std::to_string(p.household.value) + " trong sổ",
                     "no household with id " + std::to_string(p.household.value) + " in the register");
    if (!p.citizen_id.empty()) {
      auto db = citizen.find(p.citizen_id);
      if (db != citizen.end() && db->second != p.id.value)
        run.issues.add(row, "citizen_id", p.citizen_id,
                       "số định danh đã thuộc về người mã " + std::to_string(db->second),
                       "citizen ID already belongs to person " + std::to_string(db->second));
      auto [it, fresh] = citizen_row.emplace(p.citizen_id, row);
      if (!fresh)
        run.issues.add(row, "citizen_id", p.citizen_id,
                       "số định danh trùng với dòng " + std::to_string(it->second),
                       "citizen ID repeated from row " + std::to_string(it->second));
    }
  }

  ChangedFacts changed_facts(index, *parsed);
  if (changed_facts.any()) {
    // The writer's thread uses the store's one connection: it finishes
    // (the transaction stays open, so a refusal below still rolls it back)
    // before the events are read.
    if (writer)
      if (auto st = writer->finish(false); !st) return st.error();
    changed_facts.load_events(store);
    changed_facts.check(run);
  }

  // Residence of the persons written: from their registration and events.
  std::vector<Person> good = good_records(run, *parsed);
  std::vector<PersonId> existing;
  for (const Person& p : good)
    if (index.persons.contains(p.id.value)) existing.push_back(p.id);
  const auto& events_by_person = stored_moves;
  std::vector<PersonFacts> facts;
  facts.reserve(good.size());
  for (const Person& p : good) facts.push_back({p.id, p.household, p.sex, p.birth_date, p.registered_on});
  std::vector<ResidenceSpell> spells;
  spells.reserve(good.size());
  for (const auto& fail : derive_spells(facts, events_by_person, index, spells)) {
    for (size_t i = 0; i < parsed->records.size(); ++i)
      if (parsed->records[i].id == fail.person)
        run.issues.add(parsed->rows[i], "", fail.error);
  }
  if (writer && !run.issues.empty()) {
    (void)writer->finish(true);
    return finish(run, [] { return Status(); });
  }
  if (!run.issues.empty()) {  // drop spells of persons rejected by the residence check
    good = good_records(run, *parsed);
    std::unordered_map<int64_t, bool> keep;
    for (const Person& p : good) keep[p.id.value] = true;
    std::erase_if(spells, [&](const ResidenceSpell& s) { return !keep.count(s.person.value); });
    std::erase_if(existing, [&](PersonId id) { return !keep.count(id.value); });
  }
  std::vector<VitalEvent> flipped;
  for (EventId m : changed_facts.marriages_to_flip(run))
    if (auto e = store.find_event(m)) {
      e->child_marriage = !e->child_marriage;
      flipped.push_back(std::move(*e));
    }
  if (!flipped.empty()) {
    std::string ids;
    for (const VitalEvent& e : flipped) ids += (ids.empty() ? "" : ", ") + std::to_string(e.id.value);
    run.report.notes.push_back("cờ tảo hôn của " + std::to_string(flipped.size()) +
                               " sự kiện kết hôn theo ngày sinh mới (mã " + ids + ") / the child-marriage flag of " +
                               std::to_string(flipped.size()) + " marriage events follows the new birth dates (ids " +
                               ids + ")");
  }
  run.progress("ghi / writing", 0, good.size());
  return finish(run, [&]() -> Status {
    return write_after_chunks<Person>(
        writer, [&] { return store.upsert_persons(good); },
        [&]() -> Status {
          if (auto st = store.upsert_events(flipped); !st) return st;
          return store.replace_residence_of(existing, spells);
        });
  });
}

}  // namespace danso::import_detail

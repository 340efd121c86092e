// RegisterStore: the register itself. Units and their links, staff
// assignments, households, persons, vital events and the residence spells
// derived from them (core/residence.h): written by id, streamed whole in id
// order, counted by village, and read one record or one page at a time for
// the API (with the search of persons by name). One area of the Store
// (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event.h"
#include "core/household.h"
#include "core/person.h"
#include "core/residence.h"
#include "core/result.h"
#include "core/staff.h"
#include "core/unit.h"
#include "core/unit_tree.h"

namespace danso {

// Counts grouped by village, for stats and roll-ups.
struct VillageCount {
  UnitId village;
  int64_t count = 0;
};
struct EventCount {
  UnitId village;
  EventType type;
  int year = 0;
  int64_t count = 0;
};

// The facts of a person that validation needs, without the text.
struct PersonFacts {
  PersonId id;
  HouseholdId household;
  Sex sex = Sex::kMale;
  Date birth_date;
  Date registered_on;
  MaritalStatus marital = MaritalStatus::kSingle;  // as the register has it now
  ResidenceStatus residence = ResidenceStatus::kPermanent;  // as the register has it now
};

// The facts of an event that validation and residence need, without text.
struct EventFacts {
  EventId id;
  EventType type = EventType::kBirth;
  Date date;
  UnitId village;
  PersonId person;
  PersonId related;
  HouseholdId household;
  int birth_order = 0;
  std::optional<ContraceptiveMethod> method;
  int conditions = 0;
  bool child_marriage = false;
  bool consanguineous = false;
  std::string counterpart;  // move_in, move_out: the other unit's code (from/to), may be outside
};

// The length of a list beside one of its pages. A search by name counts its
// matches only up to kSearchCountCap (or to the end of the page asked for,
// when that is further): `capped` says there are more than `count`.
inline constexpr int64_t kSearchCountCap = 1000;
struct ListTotal {
  int64_t count = 0;
  bool capped = false;
};

// A person with the household and village they belong to today (see
// RegisterStore::household_members): where they live, or lived last.
struct PlacedPerson {
  Person person;
  HouseholdId household;
  UnitId village;
  std::string village_code;
  std::string village_name;
};

// A person who lives in a village's household now (or lived there last),
// with the name as written: what a search by name over a few villages
// reads once and keeps (app/resident_names.h).
struct VillageResident {
  PersonId person;
  HouseholdId household;
  UnitId village;
  std::string name;
};

// Where a person of a list's page lives: whose row placed_persons reads.
struct PersonAt {
  PersonId person;
  HouseholdId household;
  UnitId village;
};

// A household as the lists show it: with its village's name and the head
// of household (the person of relation "head" who lives in it, or lived in
// it last; none when it has no such person).
struct ListedHousehold {
  Household household;
  std::string village_name;
  PersonId head;
  std::string head_name;
};

// Which persons a list or a picker offers, on day `on`: `living` leaves out
// those who died on or before it; `resident`, those no residence spell
// places in the area that day (the dead, the moved out, the not yet
// registered); `sex`, the other sex.
struct PersonFilter {
  Date on;
  bool living = false;
  bool resident = false;
  std::optional<Sex> sex;
};

class RegisterStore {
 public:
  virtual ~RegisterStore() = default;

  // Units and their links.
  virtual std::vector<OrgUnit> load_units() = 0;
  virtual std::vector<UnitLink> load_unit_links() = 0;
  // The tree of those units and links; an adapter may keep it while they
  // stay unchanged (SQLite: as its units, so a slip's checks do not build it
  // again), so the same tree may come back from call to call.
  virtual std::shared_ptr<const UnitTree> unit_tree() {
    return std::make_shared<const UnitTree>(load_units(), load_unit_links());
  }
  virtual Status upsert_units(std::span<const OrgUnit> units) = 0;  // by id
  virtual Status upsert_unit_links(std::span<const UnitLink> links) = 0;

  // Register records, inserted or replaced by id.
  virtual Status upsert_households(std::span<const Household> rows) = 0;
  virtual Status upsert_persons(std::span<const Person> rows) = 0;
  virtual Status upsert_events(std::span<const VitalEvent> rows) = 0;
  virtual Status upsert_staff(std::span<const StaffAssignment> rows) = 0;
  // Removes events (slips cancelled). Each leaves a tombstone in the record
  // hashes under the next audit entry (the one recording the cancellation),
  // so `audit verify --register` reads an audited removal, not a deleted
  // record.
  virtual Status delete_events(std::span<const EventId> ids) = 0;

  // Removes persons (a record merged into another, app/duplicate_review.h)
  // with their residence spells and their name in the search index; each
  // leaves a tombstone in the record hashes, as delete_events does. The
  // events naming them must have been removed or rewritten first.
  virtual Status delete_persons(std::span<const PersonId> ids) = 0;
  // Pairs of persons reviewed as two different persons, left off the list
  // of persons registered twice (core/duplicate_persons.h): the lower id
  // first. Dismissing a pair again keeps the first review.
  virtual std::vector<std::pair<PersonId, PersonId>> dismissed_duplicates() = 0;
  virtual Status dismiss_duplicate(PersonId a, PersonId b, std::string_view by, std::string_view at,
                                   std::string_view note) = 0;

  // Residence spells are derived (core/residence.h); these replace them.
  virtual Status replace_all_residence(std::span<const ResidenceSpell> spells) = 0;
  virtual Status replace_residence_of(std::span<const PersonId> persons,
                                      std::span<const ResidenceSpell> spells) = 0;

  // Streaming reads, in id order (staff: by id then start).
  virtual void for_each_household(const std::function<void(const Household&)>& fn) = 0;
  virtual void for_each_person(const std::function<void(const Person&)>& fn) = 0;
  virtual void for_each_event(const std::function<void(const VitalEvent&)>& fn) = 0;
  virtual void for_each_staff(const std::function<void(const StaffAssignment&)>& fn) = 0;
  virtual void for_each_person_facts(const std::function<void(const PersonFacts&)>& fn) = 0;
  virtual void for_each_event_facts(const std::function<void(const EventFacts&)>& fn) = 0;
  virtual void for_each_citizen_id(const std::function<void(PersonId, std::string_view)>& fn) = 0;
  virtual std::vector<StaffId> staff_ids() = 0;
  // Residence spells, by person then start.
  virtual void for_each_spell(const std::function<void(const ResidenceSpell&)>& fn) = 0;
  // Both for_each_spell and for_each_event_facts, each in its order, possibly
  // at once from two threads (`spell_fn` on one, `event_fn` on the other:
  // they must not touch the same data). Inside read_consistently both read
  // the same moment of the database. Here one after the other; PostgreSQL
  // reads the two tables on two connections sharing one snapshot.
  virtual void for_each_spell_and_event_facts(const std::function<void(const ResidenceSpell&)>& spell_fn,
                                              const std::function<void(const EventFacts&)>& event_fn) {
    for_each_spell(spell_fn);
    for_each_event_facts(event_fn);
  }

  // Counts for stats, grouped by village.
  virtual std::vector<VillageCount> households_by_village(Date at) = 0;
  virtual std::vector<VillageCount> residents_by_village(Date at) = 0;
  virtual std::vector<EventCount> events_by_village_type_year(Date at) = 0;

  // Single records and pages of the register, for the API. Pages are in id
  // order; `villages` limits them to records of those villages (households
  // by their village, persons by where they live today, events by theirs); the
  // total of matching records is returned beside the page.
  virtual std::optional<Household> find_household(HouseholdId id) = 0;
  virtual std::optional<Person> find_person(PersonId id) = 0;
  virtual std::optional<VitalEvent> find_event(EventId id) = 0;
  // Several records at once (those that exist, by id): a reward run's
  // cases name thousands of persons and households.
  virtual std::vector<Person> persons_of(std::span<const PersonId> ids) = 0;
  virtual std::vector<Household> households_of(std::span<const HouseholdId> ids) = 0;
  // The events of one type dated within [from, to], anywhere in the
  // register, by date then id.
  virtual std::vector<VitalEvent> events_of_type(EventType type, Date from, Date to) = 0;
  // Where persons belong, for scope and lists (core/residence.h place_on):
  // on a day, the residence spell that started last on or before it, else
  // the first; with no spell, nowhere. A person's spells, by start.
  virtual std::vector<ResidenceSpell> residence_of(PersonId id) = 0;
  // Every person who has lived in household `id` (a residence spell there),
  // by id: its members on any day are among them (core/person_status.h).
  virtual std::vector<Person> household_members(HouseholdId id) = 0;
  // The spells of several persons, by person then start; the events naming
  // any of them (subject or related person), by id.
  virtual std::vector<ResidenceSpell> residence_of_persons(std::span<const PersonId> ids) = 0;
  virtual std::vector<VitalEvent> events_naming(std::span<const PersonId> ids) = 0;
  // What their status needs (core/person_status.h), by id: the marriages
  // and divorces naming any of `ids` (subject or related person) and their
  // deaths. Read by the indexes of those types alone, not every event.
  virtual std::vector<VitalEvent> status_events(std::span<const PersonId> ids) = 0;
  // The units a staff member is or was assigned to (none when unknown).
  virtual std::vector<UnitId> staff_units(StaffId id) = 0;
  // What checking one slip needs without reading the whole register: the
  // facts of the given persons (those that exist), by id, and every event
  // naming any of them as its person or related person, by id.
  virtual std::vector<PersonFacts> person_facts_of(std::span<const PersonId> ids) = 0;
  virtual std::vector<EventFacts> event_facts_naming(std::span<const PersonId> persons) = 0;
  // What checking one new slip of `type` on `date` reads of those persons'
  // histories: the events naming any of them (as person or related person)
  // of the given kinds, and those of `type` on `date` (the same slip sent
  // twice), by id; found from the index of each person's events by kind
  // and day, so a person's other slips are not read.
  virtual std::vector<EventFacts> event_facts_for_slip(std::span<const PersonId> persons,
                                                       std::span<const EventType> kinds, EventType type,
                                                       Date date) = 0;
  // The person holding a citizen ID, if any.
  virtual std::optional<PersonId> person_with_citizen_id(std::string_view citizen_id) = 0;
  virtual int64_t households_page(std::span<const UnitId> villages, int64_t offset, int64_t limit,
                                  std::vector<ListedHousehold>& out) = 0;
  // Persons who belong to one of `villages` today: whose last spell is in a
  // household of one of them, kept by `filter`. `folded`: the search text
  // folded by fold_for_search (core/text.h), words separated by one space;
  // each of its words must begin a word of the person's folded name (the
  // index of folded names answers it, or for a few villages their persons'
  // names are read); the matches are counted up to kSearchCountCap. Empty:
  // every person, all counted.
  virtual ListTotal persons_page(std::span<const UnitId> villages, std::string_view folded, const PersonFilter& filter,
                               int64_t offset, int64_t limit, std::vector<PlacedPerson>& out) = 0;
  // Everyone who lives in a household of one of `villages` now (or lived
  // there last), by id.
  virtual std::vector<VillageResident> village_residents(std::span<const UnitId> villages) = 0;
  // Those of `ids` (ascending) whom `filter` keeps, in the same order.
  virtual std::vector<PersonId> persons_kept(std::span<const PersonId> ids, const PersonFilter& filter) = 0;
  // The persons of `page` with their village's code and name, by id (those
  // that exist).
  virtual void placed_persons(std::span<const PersonAt> page, std::vector<PlacedPerson>& out) = 0;
  // Events dated within [from, to], of `type` when given.
  virtual int64_t events_page(std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                              int64_t offset, int64_t limit, std::vector<VitalEvent>& out) = 0;
  // Staff assignments to any of `units`, by staff id then start.
  virtual int64_t staff_page(std::span<const UnitId> units, int64_t offset, int64_t limit,
                             std::vector<StaffAssignment>& out) = 0;
};

}  // namespace danso

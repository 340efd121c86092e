// Reads of the register for the API's lists and records: each takes the
// Database (its lock and connection), so http/ reaches the store only
// through app/. Scope is the caller's to check first (the router for a
// path, app/register_scope.h for the villages of a list). Persons come with
// their status on the day asked (core/person_status.h, app/person_statuses.h).
//
//   std::vector<ListedHousehold> rows;
//   int64_t total = households_page(db, villages, 0, 50, rows);
//   auto h = household_with_members(db, HouseholdId(101), today, false, today, scope);  // none when missing
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/database.h"
#include "app/person_listings.h"
#include "app/register_scope.h"
#include "core/person_status.h"
#include "core/unit_tree.h"

namespace danso {

int64_t households_page(Database& db, std::span<const UnitId> villages, int64_t offset, int64_t limit,
                        std::vector<ListedHousehold>& rows);

// ListedPerson (a person of a list with their status on the filter's day):
// app/person_listings.h.
// `search`: the text typed (folded and its spaces made single here); its
// matches are counted up to kSearchCountCap (store/register_store.h).
ListTotal persons_page(Database& db, std::span<const UnitId> villages, std::string_view search,
                     const PersonFilter& filter, int64_t offset, int64_t limit, std::vector<ListedPerson>& rows);
// Reads the names of every village of `units` into db.resident_names(), a
// read of up to ResidentNames::kMaxVillages villages at a time, so that the
// searches by name after a server's start find them kept; stops when
// `stop` is set or half of ResidentNames::kMaxBytes is kept (a register
// too large to keep whole is left to be kept by the searches themselves).
// Returns the villages kept.
size_t warm_resident_names(Database& db, const UnitTree& units, const std::atomic<bool>& stop);
// warm_resident_names on a thread of its own, from construction; `report`
// is called once on that thread with a line saying what was read and in how
// long ("900 villages' names read in 1.2 s"), or why not ("not read: …": the
// searches then read the names themselves). Destruction stops the reading
// and waits for the thread. `db`, `units` and `report` must outlive it.
//   const ResidentNamesWarming warming(db, units, [&](const std::string& line) { log(line); });
class ResidentNamesWarming {
 public:
  ResidentNamesWarming(Database& db, const UnitTree& units, std::function<void(const std::string&)> report);
  ~ResidentNamesWarming();
  ResidentNamesWarming(const ResidentNamesWarming&) = delete;
  ResidentNamesWarming& operator=(const ResidentNamesWarming&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};
// A slip of a list with the names of the persons it names, where the
// reader may see them (`names`: where they live on `on`); empty otherwise.
struct ListedEvent {
  VitalEvent event;
  std::string person_name, related_name;
};
int64_t events_page(Database& db, std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                    int64_t offset, int64_t limit, std::vector<ListedEvent>& rows, const WriteScope& names, Date on);
// The villages of listed rows as they are on `on` (UnitTree::current): a
// household registered in a village renamed, moved or merged since shows
// that village's code and name then.
void name_villages(const UnitTree& units, Date on, std::vector<ListedHousehold>& rows);
void name_villages(const UnitTree& units, Date on, std::vector<ListedPerson>& rows);
// The village `id` as it is on `on`, else as stored; nullptr when unknown.
const OrgUnit* village_now(const UnitTree& units, UnitId id, Date on);
int64_t staff_page(Database& db, std::span<const UnitId> units, int64_t offset, int64_t limit,
                   std::vector<StaffAssignment>& rows);

struct HouseholdMember {
  Person person;
  PersonStatus status;  // on the day asked; status.household is where they were that day
};
struct HouseholdWithMembers {
  Household household;
  // Who lived in it on the day asked (status.household is this one and they
  // lived in the area); with `former`, also those who had lived in it
  // before: dead, moved out, or moved to another household. Only those the
  // caller sees where they belong today (`scope`, app/register_scope.h): one
  // who moved to a unit beyond it is not shown, whatever the day asked.
  std::vector<HouseholdMember> members;
};
std::optional<HouseholdWithMembers> household_with_members(Database& db, HouseholdId id, Date on, bool former,
                                                           Date today, const WriteScope& scope);

struct PersonWithPlace {
  Person person;
  std::optional<PersonPlace> place;  // where they belong on the day asked
  PersonStatus status;               // on the day asked
  std::vector<VitalEvent> history;   // the events naming them, by date then id
};
std::optional<PersonWithPlace> person_with_place(Database& db, PersonId id, Date on);

// The search text as the store's index reads it: folded (core/text.h), runs
// of spaces made one, no space at either end.
std::string normalise_search(std::string_view text);

std::optional<VitalEvent> find_event(Database& db, EventId id);

// The units a record belongs to on `on`, for the router's scope check (app/register_scope.h).
enum class RecordKind { kHousehold, kPerson, kEvent, kReport, kStaff };
std::vector<UnitId> record_units(Database& db, RecordKind kind, int64_t id, Date on);

// The schema's version; throws when the database does not answer (the health check).
int schema_version(Database& db);

}  // namespace danso

// Store: the register's persistence seam. app/ speaks only to this interface;
// store/sqlite/ implements it for the embedded database and a PostgreSQL
// adapter can follow behind the same calls. Writes happen inside a
// Transaction; reads of whole tables stream through callbacks so that a
// 10,000,000-person export never holds the table in memory twice.
//
//   auto store = open_sqlite_store("demo.db");      // Result<unique_ptr<Store>>
//   auto tx = (*store)->begin();
//   (*store)->upsert_persons(persons);
//   tx.commit();
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/household.h"
#include "core/report_deadline.h"
#include "core/person.h"
#include "core/residence.h"
#include "core/result.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/unit.h"
#include "store/boundary_store.h"
#include "store/budget_store.h"
#include "store/plan_store.h"
#include "store/reward_store.h"
#include "store/task_store.h"
#include "store/training_store.h"

namespace danso {

class Store;

// Commits on commit(); rolls back if destroyed before that (on error or
// exception), so a failed import leaves the database as it was.
class Transaction {
 public:
  explicit Transaction(Store* store) : store_(store) {}
  Transaction(Transaction&& o) noexcept : store_(o.store_) { o.store_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Status commit();

 private:
  Store* store_;
};

// The tables a count or a largest id is asked of, by name in code and never
// as a string outside store/.
enum class StoredTable {
  kUnits, kUnitLinks, kHouseholds, kPersons, kEvents, kStaffAssignments, kResidence,
  kUsers, kUserVillages, kSessions, kAudit, kReports, kReportHistory, kUnitBoundaries,
};

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

// A person with the household and village they belong to today (see
// Store::household_members): where they live, or lived last.
struct PlacedPerson {
  Person person;
  HouseholdId household;
  UnitId village;
  std::string village_code;
  std::string village_name;
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

// A user account (app/accounts/ hashes, checks and scopes; this is the row).
struct UserRecord {
  UserId id;
  std::string username;
  std::string password_hash;  // crypto_pwhash_str (argon2id), never the password
  Role role = Role::kViewer;
  UnitId unit;
  std::vector<UnitId> villages;  // a collaborator's assigned villages
  bool disabled = false;
  std::string totp_secret;       // base32, empty when the user has none
  int64_t totp_last_step = 0;    // last accepted TOTP step, so a code is used once
  std::string created_at;        // ISO 8601 instant
};

// A signed-in session. The cookie's token is never stored, only its hash.
struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the token
  UserId user;
  int64_t created = 0;     // Unix seconds
  int64_t last_seen = 0;
  std::string csrf_token;
};

// One entry of the append-only, hash-chained audit log.
struct AuditRecord {
  int64_t seq = 0;          // 1, 2, 3, ... in order of writing
  std::string at;           // ISO 8601 instant
  UserId actor;             // invalid (0) for the command line
  std::string actor_name;
  std::string action;       // create, update, sign_in, sign_out, ...
  std::string kind;         // the record's kind: user, household, ...
  std::string record;       // the record's id, as text
  UnitId unit;              // the unit the record belongs to, for scoping
  std::string before;       // JSON text, empty when the record is new
  std::string after;        // JSON text, empty when the record is gone
  int64_t records = 0;      // register rows the write stored (their hashes are kept under `seq`)
  std::string records_digest;  // hex; the digest of those rows' hashes, empty when none
  std::string prev_hash;    // hex; the previous entry's hash
  std::string hash;         // hex; see app/accounts/audit_chain.h
};

// One version of a report (app/reports/ computes, checks and moves it).
struct ReportRecord {
  int64_t id = 0;
  UnitId unit;
  std::string form;    // core/report.h kReportForms code
  std::string period;  // "2025-05", "2025-Q2"
  int version = 1;
  std::string status;  // kReportStatuses code
  std::string rows;    // JSON: the computed rows and total
  std::string diff;    // JSON: the cells changed against the approved version before
  std::string created_at, updated_at;  // ISO 8601 instants
};

// One step of a report's workflow.
struct ReportHistoryRecord {
  int64_t report = 0;
  std::string action;  // kReportActions code
  UserId user;         // invalid (0) for the command line
  std::string user_name;
  std::string at;
  std::string comment;
};

// A province's report deadlines (core/report_deadline.h), as set by its staff.
struct ReportDeadlinesRecord {
  std::string province;  // unit code
  ReportDeadlines deadlines;
  std::string updated_at, updated_by;
};

// Where a unit's report of one form and period stands: its latest version,
// the first time any version was submitted and the comment of the latest
// return of that version (app/reports/completeness.h).
struct ReportStanding {
  int64_t id = 0;  // the latest version
  UnitId unit;
  std::string period;
  int version = 1;
  std::string status;           // kReportStatuses code
  std::string first_submitted;  // ISO instant; empty when never submitted
  std::string return_comment;   // the latest version's last return, when returned
  std::string returned_at;
};

// The last entry's number and hash, kept beside the log so that a log cut
// short at its end is detected too.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

// Record hashes (store/sqlite/record_hashes.h): every register row a write
// stores (units and their links, staff assignments, households, persons,
// events, users) is hashed as stored and kept under the number of the audit
// entry the transaction appends next, which holds their count and digest.
struct RecordsDigest {
  int64_t count = 0;
  std::string digest;  // hex; empty when count is 0
};

// A record whose row is not the one its last audited write stored.
struct RecordFinding {
  enum class What { kChanged, kAdded, kDeleted, kUnknownKind };
  What what = What::kChanged;
  std::string kind;    // unit, unit_link, staff, household, person, event, user
  std::string record;  // its key as text
  int64_t seq = 0;     // the audit entry that last wrote it (0: none, or the baseline)
};

// The register compared with its record hashes, and each entry's digest
// recomputed from the hashes kept under it.
struct RecordScan {
  int64_t records = 0;   // register records read
  int64_t changed = 0, added = 0, deleted = 0, unknown = 0;
  int64_t baseline = 0;  // records whose last hash is the baseline (entry 0)
  std::vector<RecordFinding> findings;  // the first of them
  struct Entry {
    int64_t seq = 0;
    int64_t count = 0;
    std::string digest;
  };
  std::vector<Entry> entries;  // by seq, entry 0 left out
};

class Store : public PlanStore,
              public RewardStore,
              public BudgetStore,
              public TaskStore,
              public TrainingStore,
              public BoundaryStore {
 public:
  ~Store() override = default;

  virtual int schema_version() = 0;
  // Applied migrations, oldest first: version and name.
  virtual std::vector<std::pair<int, std::string>> migrations_applied() = 0;

  // References checked: the caller has verified, inside this transaction,
  // that every reference it writes exists (the importers do, in memory), so
  // the adapter may skip its own foreign-key checks for speed.
  enum class Checks { kStore, kReferencesChecked };
  Transaction begin(Checks checks = Checks::kStore) {
    begin_transaction(checks == Checks::kReferencesChecked);
    return Transaction(this);
  }

  // Runs `read` inside one read transaction: every read in it sees the
  // database as it was when the first began, whatever other connections
  // commit meanwhile, and holds no lock that keeps them from writing.
  // Not inside a transaction of this connection.
  virtual void read_consistently(const std::function<void()>& read) = 0;

  // Units and their links.
  virtual std::vector<OrgUnit> load_units() = 0;
  virtual std::vector<UnitLink> load_unit_links() = 0;
  virtual Status upsert_units(std::span<const OrgUnit> units) = 0;  // by id
  virtual Status upsert_unit_links(std::span<const UnitLink> links) = 0;

  // Register records, inserted or replaced by id.
  virtual Status upsert_households(std::span<const Household> rows) = 0;
  virtual Status upsert_persons(std::span<const Person> rows) = 0;
  virtual Status upsert_events(std::span<const VitalEvent> rows) = 0;
  virtual Status upsert_staff(std::span<const StaffAssignment> rows) = 0;

  // Runs `write` (inside the caller's transaction) with the secondary
  // indexes of `tables` dropped, and builds them once at the end: for loading
  // a whole register in chunks.
  virtual Status write_deferring_indexes(const std::vector<StoredTable>& tables,
                                         const std::function<Status()>& write) = 0;

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

  // Counts for stats, grouped by village.
  virtual std::vector<VillageCount> households_by_village(Date at) = 0;
  virtual std::vector<VillageCount> residents_by_village(Date at) = 0;
  virtual std::vector<EventCount> events_by_village_type_year(Date at) = 0;
  virtual int64_t count_rows(StoredTable table) = 0;
  // Largest id of households, persons or events (0 when empty; -1 for
  // another table, whose rows have no such id).
  virtual int64_t max_id(StoredTable table) = 0;

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
  // The units a staff member is or was assigned to (none when unknown).
  virtual std::vector<UnitId> staff_units(StaffId id) = 0;
  // What checking one slip needs without reading the whole register: the
  // facts of the given persons (those that exist), by id, and every event
  // naming any of them as its person or related person, by id.
  virtual std::vector<PersonFacts> person_facts_of(std::span<const PersonId> ids) = 0;
  virtual std::vector<EventFacts> event_facts_naming(std::span<const PersonId> persons) = 0;
  // The person holding a citizen ID, if any.
  virtual std::optional<PersonId> person_with_citizen_id(std::string_view citizen_id) = 0;
  virtual int64_t households_page(std::span<const UnitId> villages, int64_t offset, int64_t limit,
                                  std::vector<ListedHousehold>& out) = 0;
  // Persons who belong to one of `villages` today: whose last spell is in a
  // household of one of them, kept by `filter`. `folded`: the search text
  // folded by fold_for_search (core/text.h), words separated by one space;
  // each of its words must begin a word of the person's folded name (the
  // index of folded names answers it). Empty: every person.
  virtual int64_t persons_page(std::span<const UnitId> villages, std::string_view folded, const PersonFilter& filter,
                               int64_t offset, int64_t limit, std::vector<PlacedPerson>& out) = 0;
  // Events dated within [from, to], of `type` when given.
  virtual int64_t events_page(std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                              int64_t offset, int64_t limit, std::vector<VitalEvent>& out) = 0;
  // Staff assignments to any of `units`, by staff id then start.
  virtual int64_t staff_page(std::span<const UnitId> units, int64_t offset, int64_t limit,
                             std::vector<StaffAssignment>& out) = 0;

  // Reports (their counts come from analytics/, app/reports/report_rows.cpp).
  // kAlreadyExists when the unit, form, period and version are taken.
  virtual Result<int64_t> insert_report(const ReportRecord& report) = 0;
  // Status, rows, diff and updated_at by id; an approved report is frozen
  // (kFailedPrecondition).
  virtual Status update_report(const ReportRecord& report) = 0;
  virtual std::optional<ReportRecord> find_report(int64_t id) = 0;
  // The highest version of the unit's report of that form and period.
  virtual std::optional<ReportRecord> latest_report(UnitId unit, std::string_view form, std::string_view period) = 0;
  virtual std::optional<ReportRecord> report_version(UnitId unit, std::string_view form, std::string_view period,
                                                     int version) = 0;
  // Reports of `units`, newest period first, then unit and version; `period`
  // and `status` filter when not empty. Rows and diff are left empty.
  virtual int64_t reports_page(std::span<const UnitId> units, std::string_view period, std::string_view status,
                               int64_t offset, int64_t limit, std::vector<ReportRecord>& out) = 0;
  virtual Status append_report_history(const ReportHistoryRecord& step) = 0;
  virtual std::vector<ReportHistoryRecord> report_history(int64_t report) = 0;  // oldest first

  // Where each unit of `units` stands for each period of `periods` on the
  // form (a unit and period without a report is left out).
  virtual std::vector<ReportStanding> report_standings(std::span<const UnitId> units, std::string_view form,
                                                       std::span<const std::string> periods) = 0;
  // Report deadlines by province code (none when the province keeps the
  // defaults); put replaces them.
  virtual std::optional<ReportDeadlinesRecord> find_report_deadlines(std::string_view province) = 0;
  virtual Status put_report_deadlines(const ReportDeadlinesRecord& record) = 0;

  // Users. Names are unique without regard to ASCII case.
  virtual std::optional<UserRecord> find_user(UserId id) = 0;
  virtual std::optional<UserRecord> find_user_by_name(std::string_view username) = 0;
  virtual std::vector<UserRecord> load_users() = 0;  // by id
  // kAlreadyExists when the name is taken.
  virtual Result<UserId> insert_user(const UserRecord& user) = 0;
  // Every field by id; the villages are replaced.
  virtual Status update_user(const UserRecord& user) = 0;

  // Sessions, by the hash of their token.
  virtual Status insert_session(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> find_session(std::string_view token_hash) = 0;
  virtual Status touch_session(std::string_view token_hash, int64_t last_seen) = 0;
  virtual Status delete_session(std::string_view token_hash) = 0;
  virtual Status delete_sessions_of(UserId user) = 0;
  // Ends sessions created before `created_before` or idle since before `seen_before`.
  virtual Status delete_stale_sessions(int64_t created_before, int64_t seen_before) = 0;

  // The audit log: appended to (inside the writer's transaction), never
  // changed. The adapter refuses updates and deletes of its entries.
  virtual Status append_audit(const AuditRecord& entry) = 0;
  virtual std::optional<AuditHead> audit_head() = 0;
  virtual void for_each_audit(const std::function<void(const AuditRecord&)>& fn) = 0;  // oldest first
  // Newest first, entries numbered below `before_seq` (all when 0), until `fn` returns false.
  virtual void for_each_audit_newest(int64_t before_seq, const std::function<bool(const AuditRecord&)>& fn) = 0;
  // The entries about one record (kind "event", record "42"), oldest first:
  // a slip's versions.
  virtual std::vector<AuditRecord> audit_of_record(std::string_view kind, std::string_view record) = 0;
  // The hash of entry `seq`, if there is one.
  virtual std::optional<std::string> audit_hash_of(int64_t seq) = 0;
  // The tables and triggers of the audit log that are missing (dropped).
  virtual std::vector<std::string> missing_audit_schema() = 0;
  // The register rows written in this transaction since its last audit
  // entry: the next entry appended holds them (append_audit refuses one that
  // does not). A transaction committed without such an entry keeps no hash
  // of what it wrote.
  virtual RecordsDigest pending_records() = 0;
  // Reads the whole register beside its record hashes (in key order, in one
  // read transaction); keeps the first `keep_findings` findings.
  virtual RecordScan scan_records(size_t keep_findings) = 0;

 protected:
  friend class Transaction;
  virtual void begin_transaction(bool references_checked) = 0;
  virtual Status commit_transaction() = 0;
  virtual void rollback_transaction() = 0;
};

}  // namespace danso

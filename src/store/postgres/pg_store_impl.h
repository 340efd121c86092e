// PgStore: the class behind open_pg_store. Split over several .cpp files by
// area as SqliteStore is: the engine (pg_store.cpp), units, the register,
// accounts, the audit log, reports, ... Each method keeps the SQLite
// adapter's behaviour: the same orders, NULLs and errors.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/postgres/pg_batch.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_hash_rows.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/record_hashes.h"

namespace danso::pg {

// The SQL name of a table the code names by StoredTable (nullptr for none).
const char* pg_table_name(StoredTable table);
// Ids as one array parameter ("{7,8}"), read with = ANY($n::bigint[]), so
// thousands of villages need one parameter.
std::string pg_id_array(std::span<const UnitId> ids);
std::string pg_id_array(std::span<const PersonId> ids);
std::string pg_id_array(std::span<const HouseholdId> ids);
// Texts as one array parameter ("{"01","02"}"), read with $n::text[].
std::string pg_text_array(std::span<const std::string> values);

// A register row whose province changes (province_store.cpp): the row of
// `id` held by province `from` goes to province `to`.
struct PgMove {
  int64_t id = 0;
  std::string from, to;
};

// Columns of the register's reads, in the order the readers below take them
// (read_store.cpp): households h joined with their village u; persons;
// events e joined with their village u; staff assignments s with their unit u.
inline constexpr const char* kPgHouseholdColumns =
    "h.id, h.village_id, u.code, h.address, h.poverty, h.social_protection, h.ethnic_minority, h.registered_on";
inline constexpr const char* kPgPersonColumns =
    "id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, marital, residence, registered_on";
inline constexpr const char* kPgEventColumns =
    "e.id, e.type, e.date, e.village_id, u.code, e.person_id, e.related_id, e.household_id, e.birth_order, "
    "e.method, e.conditions, e.child_marriage, e.consanguineous, e.outcome, e.counterpart, e.place, "
    "e.recorded_by, e.recorded_on, e.spouse_name, e.spouse_birth_year, e.spouse_address, e.spouse_nationality";
inline constexpr const char* kPgStaffColumns =
    "s.staff_id, s.name, s.sex, s.role, s.unit_id, u.code, s.duties, s.start, s.\"end\"";
// A write the database refused (a key taken, a missing reference): kAlreadyExists with the server's words.
Error pg_refused_write(const PgError& e);
Household pg_read_household(const PgRow& row);
Person pg_read_person(const PgRow& row);
VitalEvent pg_read_event(const PgRow& row);
StaffAssignment pg_read_staff(const PgRow& row);

class PgStore final : public Store {
 public:
  explicit PgStore(std::unique_ptr<PgConn> conn)
      : conn_(std::move(conn)), hash_rows_(*conn_), hasher_(hash_rows_) {}
  ~PgStore() override;

  Status migrate(std::span<const Migration> migrations);

  // The engine (pg_store.cpp).
  int schema_version() override;
  std::vector<std::pair<int, std::string>> migrations_applied() override;
  Status write_deferring_indexes(const std::vector<StoredTable>& tables,
                                 const std::function<Status()>& write) override;
  int64_t count_rows(StoredTable table) override;
  int64_t max_id(StoredTable table) override;
  ServerFacts server_facts() override;  // server_facts.cpp

  // Plans (plan_store.cpp).
  Result<int64_t> insert_plan(const PlanRecord& plan) override;
  std::optional<PlanRecord> find_plan(int64_t id) override;
  std::vector<PlanRecord> plans() override;
  Status upsert_manual_value(const ManualValue& value) override;
  std::vector<ManualValue> manual_values(int64_t plan) override;

  // Rule sets and reward runs (reward_store.cpp).
  Status insert_rule_set(const RuleSetRecord& set) override;
  std::optional<RuleSetRecord> find_rule_set(std::string_view id, std::string_view version) override;
  std::vector<RuleSetRecord> rule_sets() override;
  Result<int64_t> insert_reward_run(const RewardRunRecord& run) override;
  std::optional<RewardRunRecord> find_reward_run(int64_t id) override;
  std::vector<RewardRunRecord> reward_runs() override;

  // Budgets (budget_store.cpp).
  Status upsert_budgets(std::span<const BudgetRecord> rows) override;
  std::vector<BudgetRecord> budgets(int year) override;

  // Unit boundaries (boundary_store.cpp).
  Status upsert_boundaries(std::span<const UnitBoundary> rows) override;
  std::vector<UnitBoundary> boundaries_of(std::span<const UnitId> units) override;

  // Agencies, committees, tasks and their progress (task_store.cpp).
  Status replace_task_set(const TaskSetRecord& set, std::span<const AgencyRecord> agencies,
                          std::span<const CommitteeRecord> committees, std::span<const TaskRecord> tasks) override;
  std::vector<TaskSetRecord> task_sets() override;
  std::vector<AgencyRecord> agencies() override;
  std::vector<TaskRecord> tasks() override;
  std::optional<TaskRecord> find_task(int64_t id) override;
  Status set_task_due(int64_t id, const TaskDue& due) override;
  std::vector<CommitteeRecord> committees() override;
  Status replace_committee_members(int64_t committee, std::span<const CommitteeMemberRecord> members) override;
  Result<int64_t> insert_task_update(const TaskUpdateRecord& update) override;
  std::vector<TaskUpdateRecord> task_updates() override;
  Status set_agency_member(UserId user, const AgencyRecord& agency) override;
  std::optional<AgencyRecord> agency_of_member(UserId user) override;
  // Saved analyses (favourite_store.cpp).
  Result<int64_t> insert_favourite(const FavouriteRecord& favourite) override;
  std::vector<FavouriteRecord> favourites_of(UserId user) override;
  int64_t count_favourites(UserId user) override;
  std::optional<FavouriteRecord> find_favourite(int64_t id) override;
  Status update_favourite(const FavouriteRecord& favourite) override;
  Status delete_favourite(int64_t id) override;
  // Training (training_store.cpp).
  Status insert_training_plan(const TrainingPlanRecord& plan) override;
  std::vector<TrainingPlanRecord> training_plans() override;
  Status upsert_training_sessions(std::span<const TrainingCourseRecord> courses,
                                  std::span<const TrainingSessionRecord> sessions) override;
  std::vector<TrainingCourseRecord> training_courses() override;
  std::vector<TrainingSessionRecord> training_sessions() override;
  Status upsert_training_participants(std::span<const TrainingParticipantRecord> rows) override;
  std::vector<TrainingParticipantRecord> training_participants() override;
  std::vector<CourseCompletion> training_completions() override;
  Status upsert_group_memberships(std::span<const TrainingMemberRecord> rows) override;
  std::vector<TrainingMemberRecord> group_memberships() override;

  // The register (units_store.cpp, register_store.cpp, read_store.cpp,
  // page_store.cpp, staff_store.cpp).
  std::vector<OrgUnit> load_units() override;
  std::vector<UnitLink> load_unit_links() override;
  Status upsert_units(std::span<const OrgUnit> units) override;
  Status upsert_unit_links(std::span<const UnitLink> links) override;

  Status upsert_households(std::span<const Household> rows) override;
  Status upsert_persons(std::span<const Person> rows) override;
  Status upsert_events(std::span<const VitalEvent> rows) override;
  Status delete_events(std::span<const EventId> ids) override;
  Status delete_persons(std::span<const PersonId> ids) override;
  std::vector<std::pair<PersonId, PersonId>> dismissed_duplicates() override;
  Status dismiss_duplicate(PersonId a, PersonId b, std::string_view by, std::string_view at,
                           std::string_view note) override;
  Status upsert_staff(std::span<const StaffAssignment> rows) override;
  Status replace_all_residence(std::span<const ResidenceSpell> spells) override;
  Status replace_residence_of(std::span<const PersonId> persons,
                              std::span<const ResidenceSpell> spells) override;

  void for_each_household(const std::function<void(const Household&)>& fn) override;
  void for_each_person(const std::function<void(const Person&)>& fn) override;
  void for_each_event(const std::function<void(const VitalEvent&)>& fn) override;
  void for_each_staff(const std::function<void(const StaffAssignment&)>& fn) override;
  void for_each_person_facts(const std::function<void(const PersonFacts&)>& fn) override;
  void for_each_event_facts(const std::function<void(const EventFacts&)>& fn) override;
  void for_each_citizen_id(const std::function<void(PersonId, std::string_view)>& fn) override;
  std::vector<StaffId> staff_ids() override;
  void for_each_spell(const std::function<void(const ResidenceSpell&)>& fn) override;
  void for_each_spell_and_event_facts(const std::function<void(const ResidenceSpell&)>& spell_fn,
                                      const std::function<void(const EventFacts&)>& event_fn) override;

  std::vector<VillageCount> households_by_village(Date at) override;
  std::vector<VillageCount> residents_by_village(Date at) override;
  std::vector<EventCount> events_by_village_type_year(Date at) override;

  std::optional<Household> find_household(HouseholdId id) override;
  std::optional<Person> find_person(PersonId id) override;
  std::optional<VitalEvent> find_event(EventId id) override;
  std::vector<Person> persons_of(std::span<const PersonId> ids) override;
  std::vector<Household> households_of(std::span<const HouseholdId> ids) override;
  std::vector<VitalEvent> events_of_type(EventType type, Date from, Date to) override;
  std::vector<ResidenceSpell> residence_of(PersonId id) override;
  std::vector<Person> household_members(HouseholdId id) override;
  std::vector<ResidenceSpell> residence_of_persons(std::span<const PersonId> ids) override;
  std::vector<VitalEvent> events_naming(std::span<const PersonId> ids) override;
  std::vector<VitalEvent> status_events(std::span<const PersonId> ids) override;
  std::vector<UnitId> staff_units(StaffId id) override;
  std::vector<PersonFacts> person_facts_of(std::span<const PersonId> ids) override;
  std::vector<EventFacts> event_facts_naming(std::span<const PersonId> persons) override;
  std::vector<EventFacts> event_facts_for_slip(std::span<const PersonId> persons, std::span<const EventType> kinds,
                                               EventType type, Date date) override;
  std::optional<PersonId> person_with_citizen_id(std::string_view citizen_id) override;
  int64_t staff_page(std::span<const UnitId> units, int64_t offset, int64_t limit,
                     std::vector<StaffAssignment>& out) override;
  int64_t households_page(std::span<const UnitId> villages, int64_t offset, int64_t limit,
                          std::vector<ListedHousehold>& out) override;
  std::vector<VillageResident> village_residents(std::span<const UnitId> villages) override;
  std::vector<PersonId> persons_kept(std::span<const PersonId> ids, const PersonFilter& filter) override;
  void placed_persons(std::span<const PersonAt> page, std::vector<PlacedPerson>& out) override;
  ListTotal persons_page(std::span<const UnitId> villages, std::string_view folded, const PersonFilter& filter,
                         int64_t offset, int64_t limit, std::vector<PlacedPerson>& out) override;
  int64_t events_page(std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                      int64_t offset, int64_t limit, std::vector<VitalEvent>& out) override;

  // Reports (report_store.cpp).
  Result<int64_t> insert_report(const ReportRecord& report) override;
  Status update_report(const ReportRecord& report) override;
  std::optional<ReportRecord> find_report(int64_t id) override;
  std::optional<ReportRecord> latest_report(UnitId unit, std::string_view form, std::string_view period) override;
  std::optional<ReportRecord> report_version(UnitId unit, std::string_view form, std::string_view period,
                                             int version) override;
  int64_t reports_page(std::span<const UnitId> units, std::string_view period, std::string_view status,
                       int64_t offset, int64_t limit, std::vector<ReportRecord>& out) override;
  Status append_report_history(const ReportHistoryRecord& step) override;
  std::vector<ReportHistoryRecord> report_history(int64_t report) override;
  std::vector<ReportStanding> report_standings(std::span<const UnitId> units, std::string_view form,
                                               std::span<const std::string> periods) override;
  std::optional<ReportDeadlinesRecord> find_report_deadlines(std::string_view province) override;
  Status put_report_deadlines(const ReportDeadlinesRecord& record) override;

  // Accounts and sessions (accounts_store.cpp).
  std::optional<UserRecord> find_user(UserId id) override;
  std::optional<UserRecord> find_user_by_name(std::string_view username) override;
  std::vector<UserRecord> load_users() override;
  Result<UserId> insert_user(const UserRecord& user) override;
  Status update_user(const UserRecord& user) override;
  std::optional<StaffId> staff_of_user(UserId user) override;
  Status set_user_staff(UserId user, StaffId staff) override;
  Status insert_session(const SessionRecord& session) override;
  std::optional<SessionRecord> find_session(std::string_view token_hash) override;
  Status touch_session(std::string_view token_hash, int64_t last_seen) override;
  Status delete_session(std::string_view token_hash) override;
  Status delete_sessions_of(UserId user) override;
  Status delete_stale_sessions(int64_t created_before, int64_t seen_before) override;
  Status insert_write_key(const WriteKeyRecord& key) override;
  std::optional<WriteKeyRecord> find_write_key(UserId user, std::string_view key) override;

  // The audit log and record hashes (accounts_store.cpp).
  Status append_audit(const AuditRecord& entry) override;
  std::optional<AuditHead> audit_head() override;
  void for_each_audit(const std::function<void(const AuditRecord&)>& fn) override;
  void for_each_audit_newest(int64_t before_seq, const std::function<bool(const AuditRecord&)>& fn) override;
  std::vector<AuditRecord> audit_of_record(std::string_view kind, std::string_view record) override;
  std::optional<std::string> audit_hash_of(int64_t seq) override;
  std::vector<std::string> missing_audit_schema() override;
  RecordsDigest pending_records() override;
  RecordScan scan_records(size_t keep_findings) override;

 protected:
  void read_consistently(const std::function<void()>& read) override;
  void begin_transaction(bool references_checked) override;
  Status commit_transaction() override;
  void rollback_transaction() override;

 private:
  // Runs one write step: inside a transaction behind a savepoint, so that a
  // step refused by the database (a key taken, a frozen row) leaves the
  // transaction usable, as a refused statement does in SQLite. The
  // database's refusal comes back as an Error made by `refused`.
  Status step(const std::function<void()>& write, const std::function<Error(const PgError&)>& refused);
  std::vector<PlanRecord> read_plans(std::optional<int64_t> only);
  std::vector<UserRecord> read_users(const PgResult& r);
  void write_villages(const UserRecord& user);
  void hash_user(UserId id);
  // The events' facts read on `conn` (this store's or a second one).
  static void read_event_facts(PgConn& conn, const std::function<void(const EventFacts&)>& fn);
  // A second connection inside a transaction of the same snapshot as this
  // one's read (pg_export_snapshot), for reading two tables at once; none
  // outside read_consistently's own transaction, on a standby or a
  // distributed database, or when it cannot be opened.
  std::unique_ptr<PgConn> reader_of_this_snapshot();
  // Ends the open transaction, if any, whatever the connection's state.
  void rollback_quietly() noexcept;
  // Keeps the largest id removed from `table` (removed_ids, migration 24).
  void note_removed_id(const char* table, int64_t id);
  // The province of the register's rows (province_store.cpp, migration 27):
  // `sql` reads (id, province) of the ids in its array $1.
  std::unordered_map<int64_t, std::string> provinces_of(const char* sql, std::vector<int64_t> ids);
  // Each village's province; each row's of `table` by id ("" when not found).
  std::vector<std::string> provinces_of_villages(std::span<const int64_t> villages);
  std::vector<std::string> provinces_of_rows(const char* table, std::span<const int64_t> ids);
  // The largest id of `table` (households, persons, events, person_names; 0 when empty).
  int64_t largest_id(const char* table);
  // kNew when every id is above the largest of `table`: none of its rows can be there yet.
  RowsAre rows_are(const char* table, std::span<const int64_t> ids);
  // The rows of `table` held under another province than the one given beside each id.
  std::vector<PgMove> rows_moving(const char* table, std::span<const int64_t> ids,
                                  std::span<const std::string> provinces);
  // Moves persons (their events, spells and folded names with them), or
  // households (their persons with them), to their new provinces.
  void rehome_persons(std::span<const PgMove> moves);
  void rehome_households(std::span<const PgMove> moves);
  // The province of each spell's person.
  std::vector<std::string> spell_provinces(std::span<const ResidenceSpell> spells);
  // Places the rows written before their parent (`parent`: households or
  // persons, with their provinces) under it.
  void place_unplaced(const char* parent, std::span<const int64_t> ids, std::span<const std::string> provinces);
  // Removes the rows of `table` (by id) from their old provinces.
  void remove_moved(const char* table, std::span<const PgMove> moves);

  std::unique_ptr<PgConn> conn_;
  bool references_deferred_ = false;  // this transaction checks references at its commit
  bool own_read_ = false;  // the open transaction is read_consistently's own (REPEATABLE READ)
  PgHashRows hash_rows_;
  sqlite::RecordHasher hasher_;
};

}  // namespace danso::pg

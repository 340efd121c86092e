// SqliteStore: the class behind open_sqlite_store. Split over several .cpp
// files by concern: open and migrations, units, register writes, reads.
#pragma once

#include <memory>
#include <optional>

#include "store/sqlite/db.h"
#include "store/sqlite/record_hashes.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/wal_checkpointer.h"

namespace danso::sqlite {

// The SQL name of a table the code names by StoredTable (nullptr for none).
const char* table_name(StoredTable table);
Person read_person(const Stmt& st);
VitalEvent read_event(const Stmt& st);
// Columns of a staff_assignments row `s` joined with its unit `u`, in the order read_staff reads.
inline constexpr const char* kStaffColumns = "s.staff_id, s.name, s.sex, s.role, s.unit_id, u.code, s.duties, s.start, s.end";
StaffAssignment read_staff(const Stmt& st);
// Ids as one JSON array ("[7,8]") bound to a single parameter and read with
// kInVillages (json_each), so thousands of villages need one parameter.
std::string id_array(std::span<const UnitId> ids);
std::string id_array(std::span<const PersonId> ids);
std::string id_array(std::span<const HouseholdId> ids);
inline constexpr const char* kInVillages = " IN (SELECT value FROM json_each(?1))";
inline constexpr const char* kInIds = kInVillages;

class SqliteStore final : public Store {
 public:
  // `lock_fd`: the database's lock file, held shared while the store is
  // open (store/sqlite/database_file.h); closed with the store. -1 for none.
  explicit SqliteStore(std::unique_ptr<Db> db, int lock_fd = -1)
      : db_(std::move(db)), hash_rows_(*db_), hasher_(hash_rows_), lock_fd_(lock_fd) {
    watch_written_rows();
  }
  ~SqliteStore() override;

  Status migrate(std::span<const Migration> migrations);
  // Checkpoints on a connection and thread of their own from now on
  // (wal_checkpointer.h); `path`: this database's file.
  void checkpoint_beside(const std::string& path);

  // The engine (sqlite_store.cpp; write_deferring_indexes in register_store.cpp).
  int schema_version() override;
  std::vector<std::pair<int, std::string>> migrations_applied() override;
  Status write_deferring_indexes(const std::vector<StoredTable>& tables,
                                 const std::function<Status()>& write) override;
  int64_t count_rows(StoredTable table) override;
  int64_t max_id(StoredTable table) override;

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
  std::shared_ptr<const UnitTree> unit_tree() override;
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
  // By SQLite's update hook: notes each change of a row of persons,
  // households or residence (Store::note_residents_written), each change or
  // removal of an event (Store::note_statuses_written), and drops the
  // units kept at a change of units or their links.
  void watch_written_rows();
  // The units and their links kept from the last read (units_store.cpp).
  struct UnitsKept {
    bool valid = false;
    int64_t data_version = -1;
    std::optional<std::vector<OrgUnit>> units;
    std::optional<std::vector<UnitLink>> links;
    std::shared_ptr<const UnitTree> tree;  // of both, when asked for
  };
  UnitsKept units_kept_;
  int64_t data_version();
  bool units_kept_current();
  void remember_units(int64_t version, const std::vector<OrgUnit>* units, const std::vector<UnitLink>* links);
  std::vector<OrgUnit> read_units();
  std::vector<UnitLink> read_unit_links();
  // Keeps the largest id removed from `table` (removed_ids, migration 24).
  void note_removed_id(const char* table, int64_t id);
  std::vector<PlanRecord> read_plans(std::optional<int64_t> only);
  std::vector<UserRecord> read_users(Stmt& st);
  Status write_villages(const UserRecord& user);
  Status insert_spells(std::span<const ResidenceSpell> spells);
  void hash_user(UserId id);

  std::unique_ptr<Db> db_;
  SqliteHashRows hash_rows_;
  RecordHasher hasher_;
  int lock_fd_ = -1;
  std::unique_ptr<WalCheckpointer> checkpointer_;
  void set_foreign_keys(bool on);
};

}  // namespace danso::sqlite

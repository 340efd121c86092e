// The areas of Store not yet written for PostgreSQL (issue 16 §2): each
// answers that it is not supported yet, in both languages, or throws the
// same for the reads that have no Status. This file shrinks as the areas
// are written (store/postgres/<area>_store.cpp) and goes once it is empty.
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

Error not_yet(const char* what) {
  return Error{ErrorCode::kUnavailable, "db",
               std::string("bộ lưu trữ PostgreSQL chưa có thao tác này: ") + what,
               std::string("the PostgreSQL store does not do this yet: ") + what};
}
[[noreturn]] void throw_not_yet(const char* what) {
  throw PgError(std::string("the PostgreSQL store does not do this yet: ") + what, "0A000");
}

}  // namespace

Result<int64_t> PgStore::insert_plan(const PlanRecord&) {
  return not_yet("insert_plan");
}

std::optional<PlanRecord> PgStore::find_plan(int64_t) {
  throw_not_yet("find_plan");
}

std::vector<PlanRecord> PgStore::plans() {
  throw_not_yet("plans");
}

Status PgStore::upsert_manual_value(const ManualValue&) {
  return not_yet("upsert_manual_value");
}

std::vector<ManualValue> PgStore::manual_values(int64_t) {
  throw_not_yet("manual_values");
}

Status PgStore::insert_rule_set(const RuleSetRecord&) {
  return not_yet("insert_rule_set");
}

std::optional<RuleSetRecord> PgStore::find_rule_set(std::string_view, std::string_view) {
  throw_not_yet("find_rule_set");
}

std::vector<RuleSetRecord> PgStore::rule_sets() {
  throw_not_yet("rule_sets");
}

Result<int64_t> PgStore::insert_reward_run(const RewardRunRecord&) {
  return not_yet("insert_reward_run");
}

std::optional<RewardRunRecord> PgStore::find_reward_run(int64_t) {
  throw_not_yet("find_reward_run");
}

std::vector<RewardRunRecord> PgStore::reward_runs() {
  throw_not_yet("reward_runs");
}

Status PgStore::upsert_budgets(std::span<const BudgetRecord>) {
  return not_yet("upsert_budgets");
}

std::vector<BudgetRecord> PgStore::budgets(int) {
  throw_not_yet("budgets");
}

Status PgStore::upsert_boundaries(std::span<const UnitBoundary>) {
  return not_yet("upsert_boundaries");
}

std::vector<UnitBoundary> PgStore::boundaries_of(std::span<const UnitId>) {
  throw_not_yet("boundaries_of");
}

Status PgStore::replace_task_set(const TaskSetRecord&, std::span<const AgencyRecord>, std::span<const CommitteeRecord>, std::span<const TaskRecord>) {
  return not_yet("replace_task_set");
}

std::vector<TaskSetRecord> PgStore::task_sets() {
  throw_not_yet("task_sets");
}

std::vector<AgencyRecord> PgStore::agencies() {
  throw_not_yet("agencies");
}

std::vector<TaskRecord> PgStore::tasks() {
  throw_not_yet("tasks");
}

std::optional<TaskRecord> PgStore::find_task(int64_t) {
  throw_not_yet("find_task");
}

Status PgStore::set_task_due(int64_t, const TaskDue&) {
  return not_yet("set_task_due");
}

std::vector<CommitteeRecord> PgStore::committees() {
  throw_not_yet("committees");
}

Status PgStore::replace_committee_members(int64_t, std::span<const CommitteeMemberRecord>) {
  return not_yet("replace_committee_members");
}

Result<int64_t> PgStore::insert_task_update(const TaskUpdateRecord&) {
  return not_yet("insert_task_update");
}

std::vector<TaskUpdateRecord> PgStore::task_updates() {
  throw_not_yet("task_updates");
}

Status PgStore::set_agency_member(UserId, const AgencyRecord&) {
  return not_yet("set_agency_member");
}

std::optional<AgencyRecord> PgStore::agency_of_member(UserId) {
  throw_not_yet("agency_of_member");
}

Result<int64_t> PgStore::insert_favourite(const FavouriteRecord&) {
  return not_yet("insert_favourite");
}

std::vector<FavouriteRecord> PgStore::favourites_of(UserId) {
  throw_not_yet("favourites_of");
}

int64_t PgStore::count_favourites(UserId) {
  throw_not_yet("count_favourites");
}

std::optional<FavouriteRecord> PgStore::find_favourite(int64_t) {
  throw_not_yet("find_favourite");
}

Status PgStore::update_favourite(const FavouriteRecord&) {
  return not_yet("update_favourite");
}

Status PgStore::delete_favourite(int64_t) {
  return not_yet("delete_favourite");
}

Status PgStore::insert_training_plan(const TrainingPlanRecord&) {
  return not_yet("insert_training_plan");
}

std::vector<TrainingPlanRecord> PgStore::training_plans() {
  throw_not_yet("training_plans");
}

Status PgStore::upsert_training_sessions(std::span<const TrainingCourseRecord>, std::span<const TrainingSessionRecord>) {
  return not_yet("upsert_training_sessions");
}

std::vector<TrainingCourseRecord> PgStore::training_courses() {
  throw_not_yet("training_courses");
}

std::vector<TrainingSessionRecord> PgStore::training_sessions() {
  throw_not_yet("training_sessions");
}

Status PgStore::upsert_training_participants(std::span<const TrainingParticipantRecord>) {
  return not_yet("upsert_training_participants");
}

std::vector<TrainingParticipantRecord> PgStore::training_participants() {
  throw_not_yet("training_participants");
}

std::vector<CourseCompletion> PgStore::training_completions() {
  throw_not_yet("training_completions");
}

Status PgStore::upsert_group_memberships(std::span<const TrainingMemberRecord>) {
  return not_yet("upsert_group_memberships");
}

std::vector<TrainingMemberRecord> PgStore::group_memberships() {
  throw_not_yet("group_memberships");
}

}  // namespace danso::pg

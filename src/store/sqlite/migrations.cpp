#include "store/sqlite/migrations.h"

#include <string>

#include "store/sqlite/record_hashes.h"

namespace danso::sqlite {

namespace {

// Dates are ISO 8601 text (YYYY-MM-DD), readable with the sqlite3 tool and
// ordered correctly as text. valid_to is inclusive; residence.end exclusive.
constexpr const char* kRegisterSchema = R"SQL(
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('province','district','commune','village')),
  level       INTEGER NOT NULL CHECK (level >= 1),
  parent_id   INTEGER REFERENCES units(id),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  urban       INTEGER NOT NULL DEFAULT 0,
  mountainous INTEGER NOT NULL DEFAULT 0,
  coastal     INTEGER NOT NULL DEFAULT 0,
  difficult   INTEGER NOT NULL DEFAULT 0,
  border      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (code, valid_from)
);
CREATE TABLE unit_links (
  from_id   INTEGER NOT NULL REFERENCES units(id),
  to_id     INTEGER NOT NULL REFERENCES units(id),
  type      TEXT NOT NULL CHECK (type IN ('full','partial')),
  effective TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE TABLE households (
  id                INTEGER PRIMARY KEY,
  village_id        INTEGER NOT NULL REFERENCES units(id),
  address           TEXT NOT NULL,
  poverty           TEXT NOT NULL,
  social_protection INTEGER NOT NULL,
  ethnic_minority   INTEGER NOT NULL,
  registered_on     TEXT NOT NULL
);
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  name          TEXT NOT NULL,
  sex           TEXT NOT NULL CHECK (sex IN ('M','F')),
  birth_date    TEXT NOT NULL,
  citizen_id    TEXT,
  relation      TEXT NOT NULL,
  ethnicity     TEXT NOT NULL,
  marital       TEXT NOT NULL,
  residence     TEXT NOT NULL,
  registered_on TEXT NOT NULL
);
CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  type           TEXT NOT NULL,
  date           TEXT NOT NULL,
  village_id     INTEGER NOT NULL REFERENCES units(id),
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  related_id     INTEGER REFERENCES persons(id),
  household_id   INTEGER REFERENCES households(id),
  birth_order    INTEGER,
  method         TEXT,
  conditions     INTEGER,
  child_marriage INTEGER NOT NULL DEFAULT 0,
  consanguineous INTEGER NOT NULL DEFAULT 0,
  outcome        TEXT,
  counterpart    TEXT,
  place          TEXT,
  recorded_by    INTEGER,
  recorded_on    TEXT
);
CREATE TABLE staff_assignments (
  staff_id INTEGER NOT NULL,
  name     TEXT NOT NULL,
  sex      TEXT NOT NULL,
  role     TEXT NOT NULL,
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  duties   TEXT NOT NULL,
  start    TEXT NOT NULL,
  end      TEXT,
  PRIMARY KEY (staff_id, start)
);
CREATE TABLE residence (
  person_id    INTEGER NOT NULL REFERENCES persons(id),
  start        TEXT NOT NULL,
  household_id INTEGER NOT NULL,
  village_id   INTEGER NOT NULL,
  end          TEXT,
  PRIMARY KEY (person_id, start)
) WITHOUT ROWID;
)SQL";

constexpr const char* kRegisterIndexes = R"SQL(
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX persons_household ON persons(household_id);
CREATE UNIQUE INDEX persons_citizen ON persons(citizen_id);
CREATE INDEX events_village_date ON events(village_id, date);
CREATE INDEX staff_unit ON staff_assignments(unit_id);
)SQL";

// Accounts, sessions and the audit log. Sessions keep only the hash of their
// token. The audit log is append-only: triggers refuse updates and deletes,
// and audit_head follows the last entry so that a log cut short is detected.
constexpr const char* kAccountsSchema = R"SQL(
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('administrator','province_staff','district_staff',
                                               'commune_officer','collaborator','agency_member','viewer')),
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  disabled       INTEGER NOT NULL DEFAULT 0,
  totp_secret    TEXT,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);
CREATE TABLE user_villages (
  user_id    INTEGER NOT NULL REFERENCES users(id),
  village_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (user_id, village_id)
) WITHOUT ROWID;
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created    INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  csrf_token TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE audit (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor_id   INTEGER,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  kind       TEXT NOT NULL,
  record     TEXT NOT NULL,
  unit_id    INTEGER,
  before     TEXT,
  after      TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit
BEGIN INSERT OR REPLACE INTO audit_head(id, seq, hash) VALUES (1, NEW.seq, NEW.hash); END;
)SQL";

// Reports computed from the register and their workflow. A report version
// is frozen once approved (a trigger refuses any later update) and never
// deleted; its history lists each step with who and when. The indexes count
// a report's columns per village: residents on a day from one covering
// index, a woman's last marriage or divorce from two partial ones.
constexpr const char* kReportsSchema = R"SQL(
CREATE TABLE reports (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  form       TEXT NOT NULL CHECK (form IN ('commune_monthly','district_quarterly')),
  period     TEXT NOT NULL,
  version    INTEGER NOT NULL CHECK (version >= 1),
  status     TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','approved')),
  rows       TEXT NOT NULL,
  diff       TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id, form, period, version)
);
CREATE INDEX reports_period ON reports(period, unit_id);
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved report is frozen'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;
CREATE TABLE report_history (
  id        INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  action    TEXT NOT NULL CHECK (action IN ('compute','submit','approve','return')),
  user_id   INTEGER,
  user_name TEXT NOT NULL,
  at        TEXT NOT NULL,
  comment   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_history_report ON report_history(report_id, id);
CREATE INDEX residence_village ON residence(village_id, start, end, household_id);
CREATE INDEX events_marital_person ON events(person_id, date) WHERE type IN ('marriage','divorce');
CREATE INDEX events_marital_related ON events(related_id, date) WHERE type IN ('marriage','divorce');
)SQL";

// Reading a unit's part of the register starts from its villages: their
// households (the register search and the household pages, which go on to
// persons_household), and a slip is checked against the events naming its
// persons (either role). Without these every such read scanned the whole
// table. Bulk writes drop and rebuild them with the table's other indexes.
constexpr const char* kLookupIndexes = R"SQL(
CREATE INDEX households_village ON households(village_id, registered_on);
CREATE INDEX events_person ON events(person_id);
CREATE INDEX events_related ON events(related_id) WHERE related_id IS NOT NULL;
)SQL";

// The register search folds the names of a unit's persons: with the name in
// the index of persons by household, it reads the index alone and the whole
// row only for the page's persons.
constexpr const char* kPersonsHouseholdName = R"SQL(
DROP INDEX persons_household;
CREATE INDEX persons_household ON persons(household_id, name);
)SQL";

// Record hashes (store/sqlite/record_hashes.h): the hash of every register
// row as an audited write stored it, 128 keys to a row, under the audit
// entry that holds it, with the entry's count and digest of them in the log. The rows already in
// a database are hashed as they are, under entry 0: no audit entry vouches
// for them (docs/cli.md#audit says what that leaves undetected).
constexpr const char* kRecordHashes = R"SQL(
ALTER TABLE audit ADD COLUMN records INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN records_digest TEXT;
CREATE TABLE record_hashes (
  kind   INTEGER NOT NULL,
  block  INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  hashes BLOB NOT NULL,
  PRIMARY KEY (kind, block, seq)
);
)SQL";

// Where each person lives now, or lived last (dead, gone from the area):
// the household of their last residence spell, NULL with none. Derived from
// the spells and written with them (replace_residence_of); the register's
// lists and search read the persons of a unit's households by it, names in
// the index, as they read them by household of registration before.
constexpr const char* kPersonsLivesIn = R"SQL(
ALTER TABLE persons ADD COLUMN lives_in INTEGER;
UPDATE persons SET lives_in =
  (SELECT r.household_id FROM residence r WHERE r.person_id = persons.id ORDER BY r.start DESC LIMIT 1);
CREATE INDEX persons_lives_in ON persons(lives_in, name);
)SQL";

// A plan of the programme (kế hoạch, docs/programme.md): its targets, each
// with a baseline and goals by year, its notes, and the figures entered by
// hand for targets the register cannot count.
constexpr const char* kPlans = R"SQL(
CREATE TABLE plans (
  id              INTEGER PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  issuer          TEXT NOT NULL DEFAULT '',
  issued_on       TEXT,
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  unit_code       TEXT NOT NULL,
  unit_name       TEXT NOT NULL DEFAULT '',
  start           TEXT NOT NULL,
  end             TEXT NOT NULL,
  source_document TEXT NOT NULL DEFAULT '',
  source_file     TEXT NOT NULL DEFAULT '',
  source_section  TEXT NOT NULL DEFAULT '',
  imported_at     TEXT NOT NULL,
  CHECK (start <= end)
);
CREATE TABLE plan_targets (
  plan_id        INTEGER NOT NULL REFERENCES plans(id),
  key            TEXT NOT NULL,
  position       INTEGER NOT NULL,
  indicator      TEXT,
  name_vi        TEXT NOT NULL,
  name_en        TEXT NOT NULL DEFAULT '',
  measure_unit   TEXT NOT NULL DEFAULT '',
  baseline_year  INTEGER,
  baseline_value REAL,
  source_text    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, key)
);
CREATE TABLE plan_goals (
  plan_id    INTEGER NOT NULL,
  target_key TEXT NOT NULL,
  year       INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('at_most','at_least','about','relative_change','points_change','yearly_change')),
  value      REAL,
  tolerance  REAL,
  mode       TEXT NOT NULL DEFAULT 'points' CHECK (mode IN ('points','relative')),
  direction  TEXT CHECK (direction IN ('decrease','increase')),
  PRIMARY KEY (plan_id, target_key, year),
  FOREIGN KEY (plan_id, target_key) REFERENCES plan_targets(plan_id, key)
);
CREATE TABLE plan_notes (
  plan_id  INTEGER NOT NULL REFERENCES plans(id),
  position INTEGER NOT NULL,
  vi       TEXT NOT NULL,
  en       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE manual_values (
  plan_id    INTEGER NOT NULL,
  target_key TEXT NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  year       INTEGER NOT NULL,
  value      REAL NOT NULL,
  entered_by INTEGER,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, target_key, unit_id, year),
  FOREIGN KEY (plan_id, target_key) REFERENCES plan_targets(plan_id, key)
);
)SQL";

// Incentive and support rule sets and the reward runs saved from them. A
// saved run is evidence of a payment and a stored rule set version is what
// the run names: neither is ever changed, nor a run deleted.
constexpr const char* kRewards = R"SQL(
CREATE TABLE rule_sets (
  id          TEXT NOT NULL,
  version     TEXT NOT NULL,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TABLE reward_runs (
  id             INTEGER PRIMARY KEY,
  rule_set       TEXT NOT NULL,
  version        TEXT NOT NULL,
  year           INTEGER NOT NULL,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  unit_code      TEXT NOT NULL,
  register_state TEXT NOT NULL,
  total_vnd      INTEGER NOT NULL,
  payments       INTEGER NOT NULL,
  result         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  FOREIGN KEY (rule_set, version) REFERENCES rule_sets(id, version)
);
CREATE TRIGGER rule_sets_kept BEFORE UPDATE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'a stored rule set version is never changed'); END;
CREATE TRIGGER rule_sets_not_deleted BEFORE DELETE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'a stored rule set version is never deleted'); END;
CREATE TRIGGER reward_runs_kept BEFORE UPDATE ON reward_runs
BEGIN SELECT RAISE(ABORT, 'a saved reward run is never changed'); END;
CREATE TRIGGER reward_runs_not_deleted BEFORE DELETE ON reward_runs
BEGIN SELECT RAISE(ABORT, 'a saved reward run is never deleted'); END;
-- A year's events of one kind (a reward run's cases), without a list of villages.
CREATE INDEX events_type_date ON events(type, date);
)SQL";

// Each district's and commune's regular spending and its part for
// population work, per year (the 0.15% floor of the plans' budget rule).
constexpr const char* kBudgets = R"SQL(
CREATE TABLE budgets (
  unit_id                 INTEGER NOT NULL REFERENCES units(id),
  unit_code               TEXT NOT NULL,
  year                    INTEGER NOT NULL,
  regular_spending_vnd    INTEGER NOT NULL CHECK (regular_spending_vnd > 0),
  population_spending_vnd INTEGER NOT NULL CHECK (population_spending_vnd >= 0
                                                  AND population_spending_vnd <= regular_spending_vnd),
  note                    TEXT NOT NULL DEFAULT '',
  entered_at              TEXT NOT NULL,
  PRIMARY KEY (unit_id, year)
);
)SQL";

// The agencies of each unit, its steering committees and their members, the
// tasks of each plan's "tổ chức thực hiện" (docs/programme.md §4), the
// progress the agencies post (never changed nor deleted), and the agency an
// agency member's account speaks for.
constexpr const char* kTasks = R"SQL(
CREATE TABLE task_sets (
  id              TEXT PRIMARY KEY,
  plan            TEXT,
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  unit_code       TEXT NOT NULL,
  unit_name       TEXT NOT NULL DEFAULT '',
  source_document TEXT NOT NULL DEFAULT '',
  source_file     TEXT NOT NULL DEFAULT '',
  source_section  TEXT NOT NULL DEFAULT '',
  sha256          TEXT NOT NULL,
  imported_at     TEXT NOT NULL
);
CREATE TABLE agencies (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  code    TEXT NOT NULL,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_id, code)
);
CREATE TABLE committees (
  id       INTEGER PRIMARY KEY,
  task_set TEXT NOT NULL REFERENCES task_sets(id),
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  level    TEXT NOT NULL,
  name_vi  TEXT NOT NULL
);
CREATE TABLE committee_members (
  committee_id INTEGER NOT NULL REFERENCES committees(id),
  position_no  INTEGER NOT NULL,
  name         TEXT NOT NULL,
  agency       TEXT NOT NULL DEFAULT '',
  position     TEXT NOT NULL,
  start        TEXT NOT NULL,
  end          TEXT,
  PRIMARY KEY (committee_id, position_no),
  CHECK (end IS NULL OR start <= end)
);
CREATE TABLE tasks (
  id             INTEGER PRIMARY KEY,
  task_set       TEXT NOT NULL REFERENCES task_sets(id),
  key            TEXT NOT NULL,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  agency         TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('lead','support')),
  with_agencies  TEXT NOT NULL DEFAULT '',
  description_vi TEXT NOT NULL,
  description_en TEXT NOT NULL DEFAULT '',
  indicators     TEXT NOT NULL DEFAULT '',
  targets        TEXT NOT NULL DEFAULT '',
  due            TEXT,
  recurring      TEXT,
  source_text    TEXT NOT NULL DEFAULT '',
  UNIQUE (task_set, key),
  FOREIGN KEY (unit_id, agency) REFERENCES agencies(unit_id, code)
);
CREATE TABLE task_updates (
  id      INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  year    INTEGER NOT NULL,
  status  TEXT NOT NULL CHECK (status IN ('in_progress','done','blocked')),
  note    TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  actor   TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX task_updates_task ON task_updates(task_id, id);
CREATE TRIGGER task_updates_kept BEFORE UPDATE ON task_updates
BEGIN SELECT RAISE(ABORT, 'a posted task update is never changed'); END;
CREATE TRIGGER task_updates_not_deleted BEFORE DELETE ON task_updates
BEGIN SELECT RAISE(ABORT, 'a posted task update is never deleted'); END;
CREATE TABLE agency_members (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  unit_id INTEGER NOT NULL,
  agency  TEXT NOT NULL,
  FOREIGN KEY (unit_id, agency) REFERENCES agencies(unit_id, code)
);
)SQL";

// Training (docs/programme.md §3): training plans with their course kinds,
// target groups, coverage targets and the staff roles that make members of
// a group; courses, their sessions and participants; memberships of target
// groups imported for the groups the roles do not give.
constexpr const char* kTraining = R"SQL(
CREATE TABLE training_plans (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  issuer      TEXT NOT NULL DEFAULT '',
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  unit_code   TEXT NOT NULL,
  start       TEXT NOT NULL,
  end         TEXT NOT NULL,
  budget_vnd  INTEGER NOT NULL CHECK (budget_vnd >= 0),
  sha256      TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE training_course_kinds (
  plan     TEXT NOT NULL REFERENCES training_plans(id),
  code     TEXT NOT NULL,
  position INTEGER NOT NULL,
  name_vi  TEXT NOT NULL,
  months   INTEGER,
  PRIMARY KEY (plan, code)
);
CREATE TABLE training_groups (
  plan     TEXT NOT NULL REFERENCES training_plans(id),
  code     TEXT NOT NULL,
  position INTEGER NOT NULL,
  name_vi  TEXT NOT NULL,
  name_en  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan, code)
);
CREATE TABLE training_targets (
  plan        TEXT NOT NULL,
  group_code  TEXT NOT NULL,
  course_kind TEXT NOT NULL,
  position    INTEGER NOT NULL,
  percent     REAL NOT NULL CHECK (percent > 0 AND percent <= 100),
  by_year     INTEGER NOT NULL,
  every_year  INTEGER NOT NULL,
  source_text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan, group_code, course_kind),
  FOREIGN KEY (plan, group_code) REFERENCES training_groups(plan, code),
  FOREIGN KEY (plan, course_kind) REFERENCES training_course_kinds(plan, code)
);
CREATE TABLE training_role_groups (
  plan       TEXT NOT NULL,
  role       TEXT NOT NULL,
  group_code TEXT NOT NULL,
  PRIMARY KEY (plan, role),
  FOREIGN KEY (plan, group_code) REFERENCES training_groups(plan, code)
);
CREATE TABLE training_courses (
  id    TEXT PRIMARY KEY,
  plan  TEXT NOT NULL,
  title TEXT NOT NULL,
  kind  TEXT NOT NULL,
  FOREIGN KEY (plan, kind) REFERENCES training_course_kinds(plan, code)
);
CREATE TABLE training_sessions (
  id        TEXT PRIMARY KEY,
  course    TEXT NOT NULL REFERENCES training_courses(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  unit_code TEXT NOT NULL,
  start     TEXT NOT NULL,
  end       TEXT NOT NULL CHECK (end >= start),
  place     TEXT NOT NULL DEFAULT '',
  cost_vnd  INTEGER NOT NULL CHECK (cost_vnd >= 0)
);
CREATE TABLE training_participants (
  session      TEXT NOT NULL REFERENCES training_sessions(id),
  staff_id     INTEGER NOT NULL,
  attended     INTEGER NOT NULL,
  completed    INTEGER NOT NULL,
  completed_on TEXT,
  PRIMARY KEY (session, staff_id),
  CHECK ((completed = 0) = (completed_on IS NULL))
);
CREATE TABLE training_memberships (
  staff_id   INTEGER NOT NULL,
  group_code TEXT NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  unit_code  TEXT NOT NULL,
  start      TEXT NOT NULL,
  end        TEXT CHECK (end IS NULL OR end >= start),
  PRIMARY KEY (staff_id, group_code, start)
);
CREATE TRIGGER training_plans_kept BEFORE UPDATE ON training_plans
BEGIN SELECT RAISE(ABORT, 'an imported training plan is never changed'); END;
)SQL";

// The register's search by name: the folded name of every person
// (fold_for_search, core/text.h: "Nguyễn Văn Đức" -> "nguyen van duc") in a
// full-text index, person id as rowid, so a search reads the matching
// persons only, not every name of the unit. Words are searched by their
// beginnings: the index keeps the words' first two and three letters too
// (prefix), so that a short beginning ("an", "thi") is not read by going
// through every word it begins. Written with each person (upsert_persons);
// filled here for the persons already in the register.
constexpr const char* kPersonNames = R"SQL(
CREATE VIRTUAL TABLE person_names USING fts5(folded, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO person_names(rowid, folded) SELECT id, danso_fold(name) FROM persons;
)SQL";


// Each province's report deadlines (core/report_deadline.h); a province
// without a row keeps the defaults.
constexpr const char* kReportDeadlines = R"SQL(
CREATE TABLE report_deadlines (
  province      TEXT PRIMARY KEY,
  monthly_day   INTEGER NOT NULL CHECK (monthly_day BETWEEN 1 AND 31),
  quarterly_day INTEGER NOT NULL CHECK (quarterly_day BETWEEN 1 AND 31),
  yearly_month  INTEGER NOT NULL CHECK (yearly_month BETWEEN 1 AND 12),
  yearly_day    INTEGER NOT NULL CHECK (yearly_day BETWEEN 1 AND 31),
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL
);
CREATE INDEX report_history_action ON report_history(action, report_id);
)SQL";

// Each unit's outline for the maps (store/boundary_store.h): a GeoJSON
// geometry as text, checked before it is written, and its bounding box.
constexpr const char* kUnitBoundaries = R"SQL(
CREATE TABLE unit_boundaries (
  unit_id    INTEGER PRIMARY KEY REFERENCES units(id),
  geometry   TEXT NOT NULL CHECK (json_valid(geometry)),
  west       REAL NOT NULL,
  south      REAL NOT NULL,
  east       REAL NOT NULL CHECK (east >= west),
  north      REAL NOT NULL CHECK (north >= south),
  source     TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)SQL";

// A slip's versions are its audit entries: found by the record they name.
constexpr const char* kAuditOfRecord = R"SQL(
CREATE INDEX audit_kind_record ON audit(kind, record);
)SQL";

// The commune's yearly form 03-DSX joins the forms a report may be on.
// SQLite cannot alter a CHECK: the table is made anew as its documentation
// says (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table
// Schema Changes"), keeping every version with its id, and its index and
// triggers written again. Foreign keys cannot be switched off inside the
// migration's transaction, so they are deferred: dropping the table leaves
// report_history's rows without their report until the versions are copied
// back, and the check at the commit finds none missing.
constexpr const char* kYearlyReports = R"SQL(
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE reports_kept AS SELECT * FROM reports;
DROP TABLE reports;
CREATE TABLE reports (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  form       TEXT NOT NULL CHECK (form IN ('commune_monthly','district_quarterly','commune_yearly')),
  period     TEXT NOT NULL,
  version    INTEGER NOT NULL CHECK (version >= 1),
  status     TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','approved')),
  rows       TEXT NOT NULL,
  diff       TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id, form, period, version)
);
INSERT INTO reports (id, unit_id, form, period, version, status, rows, diff, created_at, updated_at)
  SELECT id, unit_id, form, period, version, status, rows, diff, created_at, updated_at FROM reports_kept ORDER BY id;
DROP TABLE reports_kept;
CREATE INDEX reports_period ON reports(period, unit_id);
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved report is frozen'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;
)SQL";

// Idempotency keys of register writes (app/write_keys.h): a user's key
// with the record the write created, so that a request sent again (a
// phone's outbox after a lost answer) is answered without writing twice.
constexpr const char* kWriteKeys = R"SQL(
CREATE TABLE write_keys (
  user_id     INTEGER NOT NULL REFERENCES users(id),
  key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
  fingerprint TEXT NOT NULL,
  answer      TEXT NOT NULL CHECK (answer IN ('event','birth','household','person')),
  record      INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
)SQL";

// A marriage or divorce may name a spouse who is not in the register (from
// another province or abroad) by name, with what is known of them, in place
// of related_id (core/event.h). NULL in every row written before.
constexpr const char* kOutsideSpouse = R"SQL(
ALTER TABLE events ADD COLUMN spouse_name TEXT;
ALTER TABLE events ADD COLUMN spouse_birth_year INTEGER;
ALTER TABLE events ADD COLUMN spouse_address TEXT;
ALTER TABLE events ADD COLUMN spouse_nationality TEXT;
)SQL";

// Pairs of persons a commune officer reviewed as two different persons
// (core/duplicate_persons.h): left off the review list of persons
// registered twice. The lower id first; who and when, and why.
constexpr const char* kDuplicateDismissals = R"SQL(
CREATE TABLE duplicate_dismissals (
  person_a     INTEGER NOT NULL,
  person_b     INTEGER NOT NULL,
  dismissed_by TEXT NOT NULL,
  dismissed_at TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  CHECK (person_a < person_b),
  PRIMARY KEY (person_a, person_b)
) WITHOUT ROWID;
)SQL";

// The words of the persons' folded names (as the index of folded names cuts
// them), so that a search's word is turned into the few words it begins
// (page_store.cpp name_match): FTS5 reads a word's matches lazily, but a
// prefix's only once it has gathered them all, which for a common family
// name of a large province costs most of a search.
constexpr const char* kNameWords = R"SQL(
CREATE TABLE name_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.person_name_terms USING fts5vocab(main, person_names, row);
INSERT INTO name_words(word) SELECT term FROM temp.person_name_terms;
DROP TABLE temp.person_name_terms;
)SQL";

// The staff member each user is (a collaborator's record of
// staff_assignments), named by default as who recorded a slip.
constexpr const char* kUserStaff = R"SQL(
CREATE TABLE user_staff (
  user_id  INTEGER PRIMARY KEY REFERENCES users(id),
  staff_id INTEGER NOT NULL
);
)SQL";

// The largest id each table has had removed (a slip cancelled, a person
// merged into another), so that a new record never takes the id of a
// removed one, whose history and tombstone still name it; seeded with the
// slips cancelled before (their audit entries).
constexpr const char* kRemovedIds = R"SQL(
CREATE TABLE removed_ids (
  tbl  TEXT PRIMARY KEY,
  high INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO removed_ids(tbl, high)
  SELECT 'events', MAX(CAST(record AS INTEGER)) FROM audit WHERE kind = 'event' AND action = 'cancel'
  HAVING MAX(CAST(record AS INTEGER)) IS NOT NULL;
)SQL";

// The analyses users saved (app/analysis/favourites.h): the analysis's spec
// as JSON, whether it is on the user's dashboard.
constexpr const char* kFavourites = R"SQL(
CREATE TABLE favourites (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  name          TEXT NOT NULL,
  spec          TEXT NOT NULL,
  on_dashboard  INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX favourites_by_user ON favourites(user_id, created_at);
)SQL";

// PostgreSQL's register gains its province column (store/postgres,
// migration 27); one SQLite file holds the register whole, so nothing
// changes here: the number keeps both engines' histories the same.
constexpr const char* kProvinceKeys = "-- nothing to change in SQLite";

// The deaths of a few persons (the statuses of a page of the register
// search, SqliteStore::status_events) found from the index alone, not by
// reading every event of each person to see its type.
constexpr const char* kDeathsByPerson = "CREATE INDEX events_death_person ON events(person_id) WHERE type = 'death';";

// A new slip's checks read of its persons' histories only the kinds they
// look at and the slip's own kind on its day (SqliteStore::
// event_facts_for_slip): the index of each person's events by kind and
// day serves both, and every look-up by person alone events_person did.
constexpr const char* kEventsByPersonKindDay = R"SQL(
DROP INDEX events_person;
CREATE INDEX events_person_kind_day ON events(person_id, type, date);
)SQL";

}  // namespace

std::span<const Migration> sqlite_migrations() {
  static const std::string record_hashes = std::string(kRecordHashes) + record_baseline_sql();
  static const Migration migrations[] = {
      {1, "register tables", kRegisterSchema},
      {2, "register indexes", kRegisterIndexes},
      {3, "accounts, sessions and audit log", kAccountsSchema},
      {4, "reports and their workflow", kReportsSchema},
      {5, "households by village, events by person", kLookupIndexes},
      {6, "persons by household with their names", kPersonsHouseholdName},
      {7, "record hashes bound to the audit log", record_hashes.c_str()},
      {8, "persons by the household they live in", kPersonsLivesIn},
      {9, "plans, their targets and hand-entered figures", kPlans},
      {10, "rule sets, saved reward runs, events by type and date", kRewards},
      {11, "budgets for population work", kBudgets},
      {12, "agencies, committees, tasks and their progress", kTasks},
      {13, "training plans, courses, sessions, participants and group memberships", kTraining},
      {14, "an index of the persons' folded names for the register search", kPersonNames},
      {15, "report deadlines of each province", kReportDeadlines},
      {16, "unit boundaries for the maps", kUnitBoundaries},
      {17, "the audit entries of one record (a slip's versions)", kAuditOfRecord},
      {18, "the commune's yearly form 03-DSX among the reports' forms", kYearlyReports},
      {19, "idempotency keys of register writes", kWriteKeys},
      {20, "a spouse outside the register on marriage and divorce slips", kOutsideSpouse},
      {21, "pairs of persons reviewed as not registered twice", kDuplicateDismissals},
      {22, "the words of the persons' folded names, for the search", kNameWords},
      {23, "the staff member each user is", kUserStaff},
      {24, "the largest id removed from each table", kRemovedIds},
      {26, "the analyses users saved as favourites", kFavourites},
      {27, "register tables keyed by their province, for a distributed PostgreSQL", kProvinceKeys},
      {28, "the deaths by person", kDeathsByPerson},
      {29, "the events by person, kind and day", kEventsByPersonKindDay},
  };
  return migrations;
}

}  // namespace danso::sqlite

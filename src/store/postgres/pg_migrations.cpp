#include "store/postgres/pg_migrations.h"

namespace danso::pg {

namespace {

// The register. Ids are given by DanSo (the next after max_id), never by a
// sequence. Its references are checked at once, as SQLite's are, but may be
// deferred to the commit (SET CONSTRAINTS) where SQLite defers or skips
// them: parents after their units, a load whose references were checked. valid_to is inclusive; residence."end" exclusive. danso_instant
// reads an instant back as DanSo writes it (ISO 8601, UTC, to the second,
// "Z"), whatever the session's settings. An instant the program leaves
// empty (a generated outline's) is NULL, read back empty: the instants'
// columns take NULL where SQLite's NOT NULL text takes ''.
constexpr const char* kPgRegisterSchema = R"SQL(
CREATE FUNCTION danso_instant(timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN COALESCE(to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '');
CREATE TABLE units (
  id          bigint PRIMARY KEY,
  code        text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('province','district','commune','village')),
  level       integer NOT NULL CHECK (level >= 1),
  parent_id   bigint REFERENCES units(id) DEFERRABLE,
  valid_from  date NOT NULL,
  valid_to    date,
  urban       boolean NOT NULL DEFAULT false,
  mountainous boolean NOT NULL DEFAULT false,
  coastal     boolean NOT NULL DEFAULT false,
  difficult   boolean NOT NULL DEFAULT false,
  border      boolean NOT NULL DEFAULT false,
  UNIQUE (code, valid_from)
);
CREATE TABLE unit_links (
  from_id   bigint NOT NULL REFERENCES units(id) DEFERRABLE,
  to_id     bigint NOT NULL REFERENCES units(id) DEFERRABLE,
  type      text NOT NULL CHECK (type IN ('full','partial')),
  effective date NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE TABLE households (
  id                bigint PRIMARY KEY,
  village_id        bigint NOT NULL REFERENCES units(id) DEFERRABLE,
  address           text NOT NULL,
  poverty           text NOT NULL,
  social_protection boolean NOT NULL,
  ethnic_minority   boolean NOT NULL,
  registered_on     date NOT NULL
);
CREATE TABLE persons (
  id            bigint PRIMARY KEY,
  household_id  bigint NOT NULL REFERENCES households(id) DEFERRABLE,
  name          text NOT NULL,
  sex           text NOT NULL CHECK (sex IN ('M','F')),
  birth_date    date NOT NULL,
  citizen_id    text,
  relation      text NOT NULL,
  ethnicity     text NOT NULL,
  marital       text NOT NULL,
  residence     text NOT NULL,
  registered_on date NOT NULL
);
CREATE TABLE events (
  id             bigint PRIMARY KEY,
  type           text NOT NULL,
  date           date NOT NULL,
  village_id     bigint NOT NULL REFERENCES units(id) DEFERRABLE,
  person_id      bigint NOT NULL REFERENCES persons(id) DEFERRABLE,
  related_id     bigint REFERENCES persons(id) DEFERRABLE,
  household_id   bigint REFERENCES households(id) DEFERRABLE,
  birth_order    integer,
  method         text,
  conditions     integer,
  child_marriage boolean NOT NULL DEFAULT false,
  consanguineous boolean NOT NULL DEFAULT false,
  outcome        text,
  counterpart    text,
  place          text,
  recorded_by    bigint,
  recorded_on    date
);
CREATE TABLE staff_assignments (
  staff_id bigint NOT NULL,
  name     text NOT NULL,
  sex      text NOT NULL,
  role     text NOT NULL,
  unit_id  bigint NOT NULL REFERENCES units(id) DEFERRABLE,
  duties   text NOT NULL,
  start    date NOT NULL,
  "end"    date,
  PRIMARY KEY (staff_id, start)
);
CREATE TABLE residence (
  person_id    bigint NOT NULL REFERENCES persons(id) DEFERRABLE,
  start        date NOT NULL,
  household_id bigint NOT NULL,
  village_id   bigint NOT NULL,
  "end"        date,
  PRIMARY KEY (person_id, start)
);
)SQL";

constexpr const char* kPgRegisterIndexes = R"SQL(
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX persons_household ON persons(household_id);
CREATE UNIQUE INDEX persons_citizen ON persons(citizen_id);
CREATE INDEX events_village_date ON events(village_id, date);
CREATE INDEX staff_unit ON staff_assignments(unit_id);
)SQL";

// Accounts, sessions and the audit log. User names are unique without
// regard to ASCII case (the index folds A-Z only, as SQLite's NOCASE does).
// The audit log is append-only: a trigger refuses updates and deletes, and
// audit_head follows the last entry so that a log cut short is detected.
constexpr const char* kPgAccountsSchema = R"SQL(
CREATE FUNCTION danso_ascii_lower(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  RETURN translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
CREATE TABLE users (
  id             bigint PRIMARY KEY,
  username       text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('administrator','province_staff','district_staff',
                                               'commune_officer','collaborator','agency_member','viewer')),
  unit_id        bigint NOT NULL REFERENCES units(id),
  disabled       boolean NOT NULL DEFAULT false,
  totp_secret    text,
  totp_last_step bigint NOT NULL DEFAULT 0,
  created_at     timestamptz
);
CREATE UNIQUE INDEX users_username ON users (danso_ascii_lower(username));
CREATE TABLE user_villages (
  user_id    bigint NOT NULL REFERENCES users(id),
  village_id bigint NOT NULL REFERENCES units(id),
  PRIMARY KEY (user_id, village_id)
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users(id),
  created    bigint NOT NULL,
  last_seen  bigint NOT NULL,
  csrf_token text NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE audit (
  seq        bigint PRIMARY KEY,
  at         timestamptz,
  actor_id   bigint,
  actor      text NOT NULL,
  action     text NOT NULL,
  kind       text NOT NULL,
  record     text NOT NULL,
  unit_id    bigint,
  before     text,
  after      text,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'restrict_violation'; END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE FUNCTION audit_head_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_head(id, seq, hash) VALUES (1, NEW.seq, NEW.hash)
    ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
  RETURN NULL;
END $$;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_head_follow();
)SQL";

// Reports and their workflow. A report version is frozen once approved (a
// trigger refuses any later update) and never deleted. Ids are the
// database's (insert_report returns it).
constexpr const char* kPgReportsSchema = R"SQL(
CREATE TABLE reports (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  unit_id    bigint NOT NULL REFERENCES units(id),
  form       text NOT NULL CONSTRAINT reports_form CHECK (form IN ('commune_monthly','district_quarterly')),
  period     text NOT NULL,
  version    integer NOT NULL CHECK (version >= 1),
  status     text NOT NULL CHECK (status IN ('draft','submitted','returned','approved')),
  rows       text NOT NULL,
  diff       text NOT NULL DEFAULT '[]',
  created_at timestamptz,
  updated_at timestamptz,
  UNIQUE (unit_id, form, period, version)
);
CREATE INDEX reports_period ON reports(period, unit_id);
CREATE FUNCTION reports_refuse_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'an approved report is frozen' USING ERRCODE = 'restrict_violation'; END $$;
CREATE FUNCTION reports_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'reports are never deleted' USING ERRCODE = 'restrict_violation'; END $$;
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports
  FOR EACH ROW WHEN (OLD.status = 'approved') EXECUTE FUNCTION reports_refuse_frozen();
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_refuse_delete();
CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION reports_refuse_delete();
CREATE TABLE report_history (
  id        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES reports(id),
  action    text NOT NULL CHECK (action IN ('compute','submit','approve','return')),
  user_id   bigint,
  user_name text NOT NULL,
  at        timestamptz,
  comment   text NOT NULL DEFAULT ''
);
CREATE INDEX report_history_report ON report_history(report_id, id);
CREATE INDEX residence_village ON residence(village_id, start, "end", household_id);
CREATE INDEX events_marital_person ON events(person_id, date) WHERE type IN ('marriage','divorce');
CREATE INDEX events_marital_related ON events(related_id, date) WHERE type IN ('marriage','divorce');
)SQL";

constexpr const char* kPgLookupIndexes = R"SQL(
CREATE INDEX households_village ON households(village_id, registered_on);
CREATE INDEX events_person ON events(person_id);
CREATE INDEX events_related ON events(related_id) WHERE related_id IS NOT NULL;
)SQL";

constexpr const char* kPgPersonsHouseholdName = R"SQL(
DROP INDEX persons_household;
CREATE INDEX persons_household ON persons(household_id, name);
)SQL";

// Record hashes (store/sqlite/record_hashes.h, the same rows and digests).
// A PostgreSQL database is made by a program that has every migration, so
// no register row exists before this one: there is no baseline to hash.
constexpr const char* kPgRecordHashes = R"SQL(
ALTER TABLE audit ADD COLUMN records bigint NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN records_digest text;
CREATE TABLE record_hashes (
  kind   integer NOT NULL,
  block  bigint NOT NULL,
  seq    bigint NOT NULL,
  hashes bytea NOT NULL,
  PRIMARY KEY (kind, block, seq)
);
)SQL";

constexpr const char* kPgPersonsLivesIn = R"SQL(
ALTER TABLE persons ADD COLUMN lives_in bigint;
UPDATE persons SET lives_in =
  (SELECT r.household_id FROM residence r WHERE r.person_id = persons.id ORDER BY r.start DESC LIMIT 1);
CREATE INDEX persons_lives_in ON persons(lives_in, name);
)SQL";

constexpr const char* kPgPlans = R"SQL(
CREATE TABLE plans (
  id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  number          text NOT NULL UNIQUE,
  title           text NOT NULL,
  issuer          text NOT NULL DEFAULT '',
  issued_on       date,
  unit_id         bigint NOT NULL REFERENCES units(id),
  unit_code       text NOT NULL,
  unit_name       text NOT NULL DEFAULT '',
  start           date NOT NULL,
  "end"           date NOT NULL,
  source_document text NOT NULL DEFAULT '',
  source_file     text NOT NULL DEFAULT '',
  source_section  text NOT NULL DEFAULT '',
  imported_at     timestamptz,
  CHECK (start <= "end")
);
CREATE TABLE plan_targets (
  plan_id        bigint NOT NULL REFERENCES plans(id),
  key            text NOT NULL,
  position       integer NOT NULL,
  indicator      text,
  name_vi        text NOT NULL,
  name_en        text NOT NULL DEFAULT '',
  measure_unit   text NOT NULL DEFAULT '',
  baseline_year  integer,
  baseline_value double precision,
  source_text    text NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, key)
);
CREATE TABLE plan_goals (
  plan_id    bigint NOT NULL,
  target_key text NOT NULL,
  year       integer NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('at_most','at_least','about','relative_change','points_change','yearly_change')),
  value      double precision,
  tolerance  double precision,
  mode       text NOT NULL DEFAULT 'points' CHECK (mode IN ('points','relative')),
  direction  text CHECK (direction IN ('decrease','increase')),
  PRIMARY KEY (plan_id, target_key, year),
  FOREIGN KEY (plan_id, target_key) REFERENCES plan_targets(plan_id, key)
);
CREATE TABLE plan_notes (
  plan_id  bigint NOT NULL REFERENCES plans(id),
  position integer NOT NULL,
  vi       text NOT NULL,
  en       text NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE manual_values (
  plan_id    bigint NOT NULL,
  target_key text NOT NULL,
  unit_id    bigint NOT NULL REFERENCES units(id),
  year       integer NOT NULL,
  value      double precision NOT NULL,
  entered_by bigint,
  entered_at timestamptz,
  PRIMARY KEY (plan_id, target_key, unit_id, year),
  FOREIGN KEY (plan_id, target_key) REFERENCES plan_targets(plan_id, key)
);
)SQL";

constexpr const char* kPgRewards = R"SQL(
CREATE TABLE rule_sets (
  id          text NOT NULL,
  version     text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  sha256      text NOT NULL,
  imported_at timestamptz,
  PRIMARY KEY (id, version)
);
CREATE TABLE reward_runs (
  id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  rule_set       text NOT NULL,
  version        text NOT NULL,
  year           integer NOT NULL,
  unit_id        bigint NOT NULL REFERENCES units(id),
  unit_code      text NOT NULL,
  register_state text NOT NULL,
  total_vnd      bigint NOT NULL,
  payments       bigint NOT NULL,
  result         text NOT NULL,
  created_at     timestamptz,
  FOREIGN KEY (rule_set, version) REFERENCES rule_sets(id, version)
);
CREATE FUNCTION danso_refuse(message text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', message USING ERRCODE = 'restrict_violation'; END $$;
CREATE FUNCTION danso_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM danso_refuse(TG_ARGV[0]); RETURN NULL; END $$;
CREATE TRIGGER rule_sets_kept BEFORE UPDATE ON rule_sets
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('a stored rule set version is never changed');
CREATE TRIGGER rule_sets_not_deleted BEFORE DELETE ON rule_sets
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('a stored rule set version is never deleted');
CREATE TRIGGER reward_runs_kept BEFORE UPDATE ON reward_runs
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('a saved reward run is never changed');
CREATE TRIGGER reward_runs_not_deleted BEFORE DELETE ON reward_runs
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('a saved reward run is never deleted');
CREATE INDEX events_type_date ON events(type, date);
)SQL";

constexpr const char* kPgBudgets = R"SQL(
CREATE TABLE budgets (
  unit_id                 bigint NOT NULL REFERENCES units(id),
  unit_code               text NOT NULL,
  year                    integer NOT NULL,
  regular_spending_vnd    bigint NOT NULL CHECK (regular_spending_vnd > 0),
  population_spending_vnd bigint NOT NULL CHECK (population_spending_vnd >= 0
                                                 AND population_spending_vnd <= regular_spending_vnd),
  note                    text NOT NULL DEFAULT '',
  entered_at              timestamptz,
  PRIMARY KEY (unit_id, year)
);
)SQL";

constexpr const char* kPgTasks = R"SQL(
CREATE TABLE task_sets (
  id              text PRIMARY KEY,
  plan            text,
  unit_id         bigint NOT NULL REFERENCES units(id),
  unit_code       text NOT NULL,
  unit_name       text NOT NULL DEFAULT '',
  source_document text NOT NULL DEFAULT '',
  source_file     text NOT NULL DEFAULT '',
  source_section  text NOT NULL DEFAULT '',
  sha256          text NOT NULL,
  imported_at     timestamptz
);
CREATE TABLE agencies (
  unit_id bigint NOT NULL REFERENCES units(id),
  code    text NOT NULL,
  name_vi text NOT NULL,
  name_en text NOT NULL DEFAULT '',
  PRIMARY KEY (unit_id, code)
);
CREATE TABLE committees (
  id       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_set text NOT NULL REFERENCES task_sets(id),
  unit_id  bigint NOT NULL REFERENCES units(id),
  level    text NOT NULL,
  name_vi  text NOT NULL
);
CREATE TABLE committee_members (
  committee_id bigint NOT NULL REFERENCES committees(id),
  position_no  integer NOT NULL,
  name         text NOT NULL,
  agency       text NOT NULL DEFAULT '',
  position     text NOT NULL,
  start        date NOT NULL,
  "end"        date,
  PRIMARY KEY (committee_id, position_no),
  CHECK ("end" IS NULL OR start <= "end")
);
CREATE TABLE tasks (
  id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_set       text NOT NULL REFERENCES task_sets(id),
  key            text NOT NULL,
  unit_id        bigint NOT NULL REFERENCES units(id),
  agency         text NOT NULL,
  role           text NOT NULL CHECK (role IN ('lead','support')),
  with_agencies  text NOT NULL DEFAULT '',
  description_vi text NOT NULL,
  description_en text NOT NULL DEFAULT '',
  indicators     text NOT NULL DEFAULT '',
  targets        text NOT NULL DEFAULT '',
  due            date,
  recurring      text,
  source_text    text NOT NULL DEFAULT '',
  UNIQUE (task_set, key),
  FOREIGN KEY (unit_id, agency) REFERENCES agencies(unit_id, code)
);
CREATE TABLE task_updates (
  id      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES tasks(id),
  year    integer NOT NULL,
  status  text NOT NULL CHECK (status IN ('in_progress','done','blocked')),
  note    text NOT NULL DEFAULT '',
  user_id bigint REFERENCES users(id),
  actor   text NOT NULL,
  at      timestamptz
);
CREATE INDEX task_updates_task ON task_updates(task_id, id);
CREATE TRIGGER task_updates_kept BEFORE UPDATE ON task_updates
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('a posted task update is never changed');
CREATE TRIGGER task_updates_not_deleted BEFORE DELETE ON task_updates
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('a posted task update is never deleted');
CREATE TABLE agency_members (
  user_id bigint PRIMARY KEY REFERENCES users(id),
  unit_id bigint NOT NULL,
  agency  text NOT NULL,
  FOREIGN KEY (unit_id, agency) REFERENCES agencies(unit_id, code)
);
)SQL";

constexpr const char* kPgTraining = R"SQL(
CREATE TABLE training_plans (
  id          text PRIMARY KEY,
  title       text NOT NULL,
  issuer      text NOT NULL DEFAULT '',
  unit_id     bigint NOT NULL REFERENCES units(id),
  unit_code   text NOT NULL,
  start       date NOT NULL,
  "end"       date NOT NULL,
  budget_vnd  bigint NOT NULL CHECK (budget_vnd >= 0),
  sha256      text NOT NULL,
  imported_at timestamptz
);
CREATE TABLE training_course_kinds (
  plan     text NOT NULL REFERENCES training_plans(id),
  code     text NOT NULL,
  position integer NOT NULL,
  name_vi  text NOT NULL,
  months   integer,
  PRIMARY KEY (plan, code)
);
CREATE TABLE training_groups (
  plan     text NOT NULL REFERENCES training_plans(id),
  code     text NOT NULL,
  position integer NOT NULL,
  name_vi  text NOT NULL,
  name_en  text NOT NULL DEFAULT '',
  PRIMARY KEY (plan, code)
);
CREATE TABLE training_targets (
  plan        text NOT NULL,
  group_code  text NOT NULL,
  course_kind text NOT NULL,
  position    integer NOT NULL,
  percent     double precision NOT NULL CHECK (percent > 0 AND percent <= 100),
  by_year     integer NOT NULL,
  every_year  boolean NOT NULL,
  source_text text NOT NULL DEFAULT '',
  PRIMARY KEY (plan, group_code, course_kind),
  FOREIGN KEY (plan, group_code) REFERENCES training_groups(plan, code),
  FOREIGN KEY (plan, course_kind) REFERENCES training_course_kinds(plan, code)
);
CREATE TABLE training_role_groups (
  plan       text NOT NULL,
  role       text NOT NULL,
  group_code text NOT NULL,
  PRIMARY KEY (plan, role),
  FOREIGN KEY (plan, group_code) REFERENCES training_groups(plan, code)
);
CREATE TABLE training_courses (
  id    text PRIMARY KEY,
  plan  text NOT NULL,
  title text NOT NULL,
  kind  text NOT NULL,
  FOREIGN KEY (plan, kind) REFERENCES training_course_kinds(plan, code)
);
CREATE TABLE training_sessions (
  id        text PRIMARY KEY,
  course    text NOT NULL REFERENCES training_courses(id),
  unit_id   bigint NOT NULL REFERENCES units(id),
  unit_code text NOT NULL,
  start     date NOT NULL,
  "end"     date NOT NULL CHECK ("end" >= start),
  place     text NOT NULL DEFAULT '',
  cost_vnd  bigint NOT NULL CHECK (cost_vnd >= 0)
);
CREATE TABLE training_participants (
  session      text NOT NULL REFERENCES training_sessions(id),
  staff_id     bigint NOT NULL,
  attended     boolean NOT NULL,
  completed    boolean NOT NULL,
  completed_on date,
  PRIMARY KEY (session, staff_id),
  CHECK ((NOT completed) = (completed_on IS NULL))
);
CREATE TABLE training_memberships (
  staff_id   bigint NOT NULL,
  group_code text NOT NULL,
  unit_id    bigint NOT NULL REFERENCES units(id),
  unit_code  text NOT NULL,
  start      date NOT NULL,
  "end"      date CHECK ("end" IS NULL OR "end" >= start),
  PRIMARY KEY (staff_id, group_code, start)
);
CREATE TRIGGER training_plans_kept BEFORE UPDATE ON training_plans
  FOR EACH ROW EXECUTE FUNCTION danso_refuse_change('an imported training plan is never changed');
)SQL";

// The register's search by name: the folded name of every person
// (fold_for_search, core/text.h), written with each person by the adapter,
// searched by the beginnings of its words through a full-text index of the
// 'simple' configuration (no stemming, no stop words: the words as folded).
constexpr const char* kPgPersonNames = R"SQL(
CREATE TABLE person_names (
  id     bigint PRIMARY KEY,
  folded text NOT NULL
);
CREATE INDEX person_names_words ON person_names USING gin (to_tsvector('simple', folded));
)SQL";

constexpr const char* kPgReportDeadlines = R"SQL(
CREATE TABLE report_deadlines (
  province      text PRIMARY KEY,
  monthly_day   integer NOT NULL CHECK (monthly_day BETWEEN 1 AND 31),
  quarterly_day integer NOT NULL CHECK (quarterly_day BETWEEN 1 AND 31),
  yearly_month  integer NOT NULL CHECK (yearly_month BETWEEN 1 AND 12),
  yearly_day    integer NOT NULL CHECK (yearly_day BETWEEN 1 AND 31),
  updated_at    timestamptz,
  updated_by    text NOT NULL
);
CREATE INDEX report_history_action ON report_history(action, report_id);
)SQL";

// The geometry is json, not jsonb: kept as written, checked on the way in.
constexpr const char* kPgUnitBoundaries = R"SQL(
CREATE TABLE unit_boundaries (
  unit_id    bigint PRIMARY KEY REFERENCES units(id),
  geometry   json NOT NULL,
  west       double precision NOT NULL,
  south      double precision NOT NULL,
  east       double precision NOT NULL CHECK (east >= west),
  north      double precision NOT NULL CHECK (north >= south),
  source     text NOT NULL,
  updated_at timestamptz
);
)SQL";

constexpr const char* kPgAuditOfRecord = R"SQL(
CREATE INDEX audit_kind_record ON audit(kind, record);
)SQL";

// PostgreSQL alters a CHECK in place (the constraint named in migration 4).
constexpr const char* kPgYearlyReports = R"SQL(
ALTER TABLE reports DROP CONSTRAINT reports_form;
ALTER TABLE reports ADD CONSTRAINT reports_form
  CHECK (form IN ('commune_monthly','district_quarterly','commune_yearly'));
)SQL";

constexpr const char* kPgWriteKeys = R"SQL(
CREATE TABLE write_keys (
  user_id     bigint NOT NULL REFERENCES users(id),
  key         text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 128),
  fingerprint text NOT NULL,
  answer      text NOT NULL CHECK (answer IN ('event','birth','household','person')),
  record      bigint NOT NULL,
  status      integer NOT NULL,
  created_at  timestamptz,
  PRIMARY KEY (user_id, key)
);
)SQL";

constexpr const char* kPgOutsideSpouse = R"SQL(
ALTER TABLE events ADD COLUMN spouse_name text;
ALTER TABLE events ADD COLUMN spouse_birth_year integer;
ALTER TABLE events ADD COLUMN spouse_address text;
ALTER TABLE events ADD COLUMN spouse_nationality text;
)SQL";

constexpr const char* kPgDuplicateDismissals = R"SQL(
CREATE TABLE duplicate_dismissals (
  person_a     bigint NOT NULL,
  person_b     bigint NOT NULL,
  dismissed_by text NOT NULL,
  dismissed_at timestamptz,
  note         text NOT NULL DEFAULT '',
  CHECK (person_a < person_b),
  PRIMARY KEY (person_a, person_b)
);
)SQL";

// The words of the persons' folded names, as the search cuts them.
constexpr const char* kPgNameWords = R"SQL(
CREATE TABLE name_words (word text PRIMARY KEY);
INSERT INTO name_words(word)
  SELECT DISTINCT w FROM person_names, unnest(string_to_array(folded, ' ')) AS w WHERE w <> '';
)SQL";

constexpr const char* kPgUserStaff = R"SQL(
CREATE TABLE user_staff (
  user_id  bigint PRIMARY KEY REFERENCES users(id),
  staff_id bigint NOT NULL
);
)SQL";

constexpr const char* kPgRemovedIds = R"SQL(
CREATE TABLE removed_ids (
  tbl  text PRIMARY KEY,
  high bigint NOT NULL
);
INSERT INTO removed_ids(tbl, high)
  SELECT 'events', MAX(record::bigint) FROM audit WHERE kind = 'event' AND action = 'cancel'
  HAVING MAX(record::bigint) IS NOT NULL;
)SQL";

constexpr const char* kPgFavourites = R"SQL(
CREATE TABLE favourites (
  id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users(id),
  name          text NOT NULL,
  spec          text NOT NULL,
  on_dashboard  boolean NOT NULL DEFAULT false,
  created_at    timestamptz,
  updated_at    timestamptz
);
CREATE INDEX favourites_by_user ON favourites(user_id, created_at);
)SQL";


// The register split by province for a distributed PostgreSQL (Citus,
// docs/scale-out.md; the placement of every table: pg_distribution.h).
// Each register table carries the code of the province holding the
// record: a household the province above its village (danso_province_of:
// the unit of kind province up the parent chain, else the top of the
// chain); a person their household's; an event, a residence spell and a
// folded name their person's. Every key includes it, and so does each
// foreign key between register tables: a person's household, an event's
// person, a spell's person. An event's related person and household may be
// in another province: those references are the application's checks
// (import and slips), no longer the database's. A citizen ID is unique
// within a province; across provinces the application checks it, under
// the writer's lock. Ids alone are still looked up by their own indexes. A
// row written before the row it follows (a load whose references were
// checked) holds the province '' until that row comes (province_store.cpp).
// The column compares by bytes (COLLATE "C"), as every key of DanSo's does.
constexpr const char* kPgProvinceKeys = R"SQL(
CREATE FUNCTION danso_province_of(village bigint) RETURNS text LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(id, parent_id, kind, code, depth) AS (
    SELECT id, parent_id, kind, code, 0 FROM units WHERE id = village
    UNION ALL
    SELECT u.id, u.parent_id, u.kind, u.code, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
    WHERE up.kind <> 'province' AND up.depth < 16)
  SELECT code FROM up ORDER BY kind = 'province' DESC, depth DESC LIMIT 1
$$;
ALTER TABLE events DROP CONSTRAINT events_person_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_related_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_household_id_fkey;
ALTER TABLE residence DROP CONSTRAINT residence_person_id_fkey;
ALTER TABLE persons DROP CONSTRAINT persons_household_id_fkey;
ALTER TABLE households ADD COLUMN province text COLLATE "C";
UPDATE households SET province = COALESCE(danso_province_of(village_id), '');
ALTER TABLE persons ADD COLUMN province text COLLATE "C";
UPDATE persons p SET province = h.province FROM households h WHERE h.id = p.household_id;
ALTER TABLE events ADD COLUMN province text COLLATE "C";
UPDATE events e SET province = p.province FROM persons p WHERE p.id = e.person_id;
ALTER TABLE residence ADD COLUMN province text COLLATE "C";
UPDATE residence r SET province = p.province FROM persons p WHERE p.id = r.person_id;
ALTER TABLE person_names ADD COLUMN province text COLLATE "C";
UPDATE person_names n SET province = p.province FROM persons p WHERE p.id = n.id;
DELETE FROM person_names WHERE province IS NULL;
ALTER TABLE households ALTER COLUMN province SET NOT NULL;
ALTER TABLE persons ALTER COLUMN province SET NOT NULL;
ALTER TABLE events ALTER COLUMN province SET NOT NULL;
ALTER TABLE residence ALTER COLUMN province SET NOT NULL;
ALTER TABLE person_names ALTER COLUMN province SET NOT NULL;
ALTER TABLE households DROP CONSTRAINT households_pkey, ADD PRIMARY KEY (province, id);
ALTER TABLE persons DROP CONSTRAINT persons_pkey, ADD PRIMARY KEY (province, id);
ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (province, id);
ALTER TABLE residence DROP CONSTRAINT residence_pkey, ADD PRIMARY KEY (province, person_id, start);
ALTER TABLE person_names DROP CONSTRAINT person_names_pkey, ADD PRIMARY KEY (province, id);
ALTER TABLE persons ADD FOREIGN KEY (province, household_id) REFERENCES households(province, id) DEFERRABLE;
ALTER TABLE events ADD FOREIGN KEY (province, person_id) REFERENCES persons(province, id) DEFERRABLE;
ALTER TABLE residence ADD FOREIGN KEY (province, person_id) REFERENCES persons(province, id) DEFERRABLE;
DROP INDEX persons_citizen;
CREATE UNIQUE INDEX persons_citizen ON persons(province, citizen_id);
CREATE INDEX persons_citizen_id ON persons(citizen_id);
CREATE INDEX households_id ON households(id);
CREATE INDEX persons_id ON persons(id);
CREATE INDEX events_id ON events(id);
CREATE INDEX residence_person_id ON residence(person_id, start);
CREATE INDEX person_names_id ON person_names(id);
CREATE INDEX persons_unplaced ON persons(household_id) WHERE province = '';
CREATE INDEX events_unplaced ON events(person_id) WHERE province = '';
CREATE INDEX residence_unplaced ON residence(person_id) WHERE province = '';
)SQL";

// The deaths of a few persons (PgStore::status_events) from an index of
// the deaths alone, as in SQLite.
constexpr const char* kPgDeathsByPerson = "CREATE INDEX events_death_person ON events(person_id) WHERE type = 'death';";

// A new slip's checks read its persons' events by kind and day
// (PgStore::event_facts_for_slip), as in SQLite.
constexpr const char* kPgEventsByPersonKindDay = R"SQL(
DROP INDEX events_person;
CREATE INDEX events_person_kind_day ON events(person_id, type, date);
)SQL";

}  // namespace

std::span<const Migration> pg_migrations() {
  // The names are the SQLite adapter's, so both engines list the same history.
  static const Migration migrations[] = {
      {1, "register tables", kPgRegisterSchema},
      {2, "register indexes", kPgRegisterIndexes},
      {3, "accounts, sessions and audit log", kPgAccountsSchema},
      {4, "reports and their workflow", kPgReportsSchema},
      {5, "households by village, events by person", kPgLookupIndexes},
      {6, "persons by household with their names", kPgPersonsHouseholdName},
      {7, "record hashes bound to the audit log", kPgRecordHashes},
      {8, "persons by the household they live in", kPgPersonsLivesIn},
      {9, "plans, their targets and hand-entered figures", kPgPlans},
      {10, "rule sets, saved reward runs, events by type and date", kPgRewards},
      {11, "budgets for population work", kPgBudgets},
      {12, "agencies, committees, tasks and their progress", kPgTasks},
      {13, "training plans, courses, sessions, participants and group memberships", kPgTraining},
      {14, "an index of the persons' folded names for the register search", kPgPersonNames},
      {15, "report deadlines of each province", kPgReportDeadlines},
      {16, "unit boundaries for the maps", kPgUnitBoundaries},
      {17, "the audit entries of one record (a slip's versions)", kPgAuditOfRecord},
      {18, "the commune's yearly form 03-DSX among the reports' forms", kPgYearlyReports},
      {19, "idempotency keys of register writes", kPgWriteKeys},
      {20, "a spouse outside the register on marriage and divorce slips", kPgOutsideSpouse},
      {21, "pairs of persons reviewed as not registered twice", kPgDuplicateDismissals},
      {22, "the words of the persons' folded names, for the search", kPgNameWords},
      {23, "the staff member each user is", kPgUserStaff},
      {24, "the largest id removed from each table", kPgRemovedIds},
      {26, "the analyses users saved as favourites", kPgFavourites},
      {27, "register tables keyed by their province, for a distributed PostgreSQL", kPgProvinceKeys},
      {28, "the deaths by person", kPgDeathsByPerson},
      {29, "the events by person, kind and day", kPgEventsByPersonKindDay},
  };
  return migrations;
}

}  // namespace danso::pg

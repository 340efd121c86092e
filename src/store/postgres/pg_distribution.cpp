// The tables' placement in a distributed PostgreSQL, its statements and
// the catalog's check (pg_distribution.h).
#include "store/postgres/pg_distribution.h"

#include <map>
#include <set>

namespace danso::pg {

std::span<const PgTablePlacement> pg_table_placements() {
  using enum PgPlacement;
  static const PgTablePlacement placements[] = {
      // The register, split by province; households first, the others colocated with it.
      {"households", kRegister},
      {"persons", kRegister},
      {"events", kRegister},
      {"residence", kRegister},
      {"person_names", kRegister},
      // Reference tables: each before the tables whose keys name it.
      {"units", kReference},
      {"unit_links", kReference},
      {"users", kReference},
      {"user_villages", kReference},
      {"staff_assignments", kReference},
      // The coordinator's: the schema's history, accounts' sessions, the
      // audit log with its head and the record hashes bound to it, and the
      // small tables of reports, plans, rewards, budgets, tasks, training,
      // maps, saved analyses, idempotency keys and reviews.
      {"schema_migrations", kCoordinator},
      {"sessions", kCoordinator},
      {"audit", kCoordinator},
      {"audit_head", kCoordinator},
      {"record_hashes", kCoordinator},
      {"removed_ids", kCoordinator},
      {"name_words", kCoordinator},
      {"duplicate_dismissals", kCoordinator},
      {"write_keys", kCoordinator},
      {"user_staff", kCoordinator},
      {"favourites", kCoordinator},
      {"reports", kCoordinator},
      {"report_history", kCoordinator},
      {"report_deadlines", kCoordinator},
      {"plans", kCoordinator},
      {"plan_targets", kCoordinator},
      {"plan_goals", kCoordinator},
      {"plan_notes", kCoordinator},
      {"manual_values", kCoordinator},
      {"rule_sets", kCoordinator},
      {"reward_runs", kCoordinator},
      {"budgets", kCoordinator},
      {"task_sets", kCoordinator},
      {"agencies", kCoordinator},
      {"committees", kCoordinator},
      {"committee_members", kCoordinator},
      {"tasks", kCoordinator},
      {"task_updates", kCoordinator},
      {"agency_members", kCoordinator},
      {"training_plans", kCoordinator},
      {"training_course_kinds", kCoordinator},
      {"training_groups", kCoordinator},
      {"training_targets", kCoordinator},
      {"training_role_groups", kCoordinator},
      {"training_courses", kCoordinator},
      {"training_sessions", kCoordinator},
      {"training_participants", kCoordinator},
      {"training_memberships", kCoordinator},
      {"unit_boundaries", kCoordinator},
  };
  return placements;
}

std::vector<std::string> pg_citus_statements() {
  std::vector<std::string> out;
  const std::string column(kPgProvinceColumn);
  for (const auto& t : pg_table_placements())
    if (t.placement == PgPlacement::kReference)
      out.push_back("SELECT create_reference_table('" + std::string(t.table) + "');");
  std::string first;
  for (const auto& t : pg_table_placements()) {
    if (t.placement != PgPlacement::kRegister) continue;
    if (first.empty()) {
      first = t.table;
      out.push_back("SELECT create_distributed_table('" + first + "', '" + column + "');");
    } else {
      out.push_back("SELECT create_distributed_table('" + std::string(t.table) + "', '" + column +
                    "', colocate_with => '" + first + "');");
    }
  }
  // The coordinator's tables join Citus' metadata (a Citus local table), as
  // their keys to reference tables require; those a key already brought in are
  // passed over.
  std::string local = "DO $$\nDECLARE t text;\nBEGIN\n  FOREACH t IN ARRAY ARRAY[";
  size_t line = local.size() - local.rfind('\n');
  bool any = false;
  for (const auto& t : pg_table_placements()) {
    if (t.placement != PgPlacement::kCoordinator) continue;
    const std::string name = "'" + std::string(t.table) + "'";
    if (any) {
      local += ',';
      if (line + name.size() > 100) {
        local += "\n    ";
        line = 4;
      } else {
        local += ' ';
        line += 2;
      }
    }
    local += name;
    line += name.size();
    any = true;
  }
  local +=
      "] LOOP\n"
      "    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass) THEN\n"
      "      PERFORM citus_add_local_table_to_metadata(t, cascade_via_foreign_keys => true);\n"
      "    END IF;\n"
      "  END LOOP;\n"
      "END $$;";
  out.push_back(local);
  return out;
}

namespace {

const char* placement_name(PgPlacement p) {
  switch (p) {
    case PgPlacement::kRegister: return "register";
    case PgPlacement::kReference: return "reference";
    case PgPlacement::kCoordinator: return "coordinator";
  }
  return "";
}

}  // namespace

std::vector<std::string> pg_distribution_problems(PgConn& conn) {
  std::vector<std::string> out;
  std::map<std::string, PgPlacement> placed;
  for (const auto& t : pg_table_placements()) placed.emplace(std::string(t.table), t.placement);
  auto placement_of = [&](const std::string& table) -> std::optional<PgPlacement> {
    auto it = placed.find(table);
    if (it == placed.end()) return std::nullopt;
    return it->second;
  };

  // Every table placed, every placed table there.
  std::set<std::string> tables;
  PgResult r = conn.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
      "AND table_type = 'BASE TABLE' ORDER BY table_name");
  for (int i = 0; i < r.rows(); ++i) tables.emplace(r.text(i, 0));
  for (const std::string& t : tables)
    if (!placement_of(t))
      out.push_back("table " + t + " is placed neither in the register, nor as a reference table, nor on the coordinator");
  for (const auto& [t, p] : placed)
    if (!tables.contains(t)) out.push_back("table " + t + " (" + placement_name(p) + ") is not in the schema");

  // The province column in each register table, never NULL.
  const std::string column(kPgProvinceColumn);
  std::map<std::string, bool> province_not_null;
  r = conn.query(
      "SELECT table_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND column_name = $1",
      Params().add(column));
  for (int i = 0; i < r.rows(); ++i) province_not_null[std::string(r.text(i, 0))] = r.text(i, 1) == "NO";
  for (const auto& [t, p] : placed) {
    if (p != PgPlacement::kRegister || !tables.contains(t)) continue;
    auto it = province_not_null.find(t);
    if (it == province_not_null.end())
      out.push_back("register table " + t + " has no column " + column);
    else if (!it->second)
      out.push_back("register table " + t + ": column " + column + " may be NULL");
  }

  // Primary keys and unique constraints of register tables include it.
  r = conn.query(
      "SELECT tc.table_name, tc.constraint_name, tc.constraint_type, bool_or(k.column_name = $1) "
      "FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k "
      "ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name "
      "AND k.table_name = tc.table_name WHERE tc.table_schema = current_schema() "
      "AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') GROUP BY 1, 2, 3 ORDER BY 1, 2",
      Params().add(column));
  for (int i = 0; i < r.rows(); ++i)
    if (placement_of(std::string(r.text(i, 0))) == PgPlacement::kRegister && !r.boolean(i, 3))
      out.push_back(std::string(r.text(i, 2)) + " " + std::string(r.text(i, 1)) + " of register table " +
                    std::string(r.text(i, 0)) + " lacks " + column);
  // A unique index outside any constraint (information_schema does not
  // list those): pg_index has them.
  r = conn.query(
      "SELECT c.relname, i.relname, COALESCE(bool_or(a.attname = $1), false) FROM pg_index x "
      "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(x.indkey) AND a.attnum > 0 "
      "WHERE n.nspname = current_schema() AND x.indisunique "
      "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) GROUP BY 1, 2 ORDER BY 1, 2",
      Params().add(column));
  for (int i = 0; i < r.rows(); ++i)
    if (placement_of(std::string(r.text(i, 0))) == PgPlacement::kRegister && !r.boolean(i, 2))
      out.push_back("unique index " + std::string(r.text(i, 1)) + " of register table " + std::string(r.text(i, 0)) +
                    " lacks " + column);

  // Foreign keys: each with its tables and whether it pairs province with province.
  r = conn.query(
      "SELECT k.table_name, k.constraint_name, u.table_name, bool_or(k.column_name = $1 AND u.column_name = $1) "
      "FROM information_schema.referential_constraints rc "
      "JOIN information_schema.key_column_usage k ON k.constraint_schema = rc.constraint_schema "
      "AND k.constraint_name = rc.constraint_name "
      "JOIN information_schema.key_column_usage u ON u.constraint_schema = rc.unique_constraint_schema "
      "AND u.constraint_name = rc.unique_constraint_name AND u.ordinal_position = k.position_in_unique_constraint "
      "WHERE rc.constraint_schema = current_schema() GROUP BY 1, 2, 3 ORDER BY 1, 2",
      Params().add(column));
  for (int i = 0; i < r.rows(); ++i) {
    const std::string from(r.text(i, 0)), name(r.text(i, 1)), to(r.text(i, 2));
    const auto a = placement_of(from), b = placement_of(to);
    if (!a || !b) continue;  // reported above
    const std::string fk = "foreign key " + name + " of " + placement_name(*a) + " table " + from + " to " +
                           placement_name(*b) + " table " + to;
    if (*b == PgPlacement::kRegister && *a != PgPlacement::kRegister)
      out.push_back(fk + ": only register tables may refer to the register");
    else if (*a == PgPlacement::kRegister && *b == PgPlacement::kRegister && !r.boolean(i, 3))
      out.push_back(fk + " does not pair " + column + " with " + column);
    else if (*a == PgPlacement::kRegister && *b == PgPlacement::kCoordinator)
      out.push_back(fk + ": the register may refer only to the register and to reference tables");
    else if (*a == PgPlacement::kReference && *b != PgPlacement::kReference)
      out.push_back(fk + ": a reference table may refer only to reference tables");
  }
  return out;
}

}  // namespace danso::pg

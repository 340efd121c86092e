// Where each table of the PostgreSQL schema lives in a distributed
// PostgreSQL (Citus, docs/scale-out.md), declared once for the schema, the
// statements that distribute it and the test that keeps it so
// (tests/store/citus_ready_test.cpp):
//   - the register (households, persons, events, their residence spells and
//     folded names) is split by province: each of its tables carries the
//     province column, colocated with households;
//   - units, their links, users, their villages and staff assignments are
//     reference tables, copied whole to every node;
//   - every other table stays on the coordinator (a Citus local table).
// pg_distribution_problems reads a migrated database's catalog and names
// every table or constraint that breaks the rules a distributed table
// obeys: the province column in each register table, in each of its
// primary keys, unique constraints and unique indexes, on both sides of
// each foreign key between register tables; a register table referenced
// only by register tables; a reference table referencing only reference
// tables; and no table left unplaced.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/postgres/pg_conn.h"

namespace danso::pg {

// The distribution column: the code of the province holding the record.
inline constexpr std::string_view kPgProvinceColumn = "province";

enum class PgPlacement {
  kRegister,     // distributed by province, colocated with households
  kReference,    // copied to every node
  kCoordinator,  // kept on the coordinator
};

struct PgTablePlacement {
  std::string_view table;
  PgPlacement placement;
};

// Every table of the schema (pg_migrations), the register's in the order
// they are distributed, the reference tables in the order of their keys.
std::span<const PgTablePlacement> pg_table_placements();

// The statements that distribute a database migrated by DanSo, in the
// order they run on the coordinator (docs/scale-out.md shows them).
std::vector<std::string> pg_citus_statements();

// What breaks the rules in the database `conn` is connected to, one line
// each (empty: none).
std::vector<std::string> pg_distribution_problems(PgConn& conn);

}  // namespace danso::pg

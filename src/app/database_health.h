// The database's state as `GET /api/v1/health` shows it: the engine, whether
// it answers, its schema version and, on PostgreSQL, whether it is a hot
// standby. Nothing of the register and no address is in it: the route
// answers anybody.
//
//   DatabaseHealth h = database_health(db);
//   if (!h.available) ... h.error->en ...
//   const HealthAnswer a = health_answer(db, source.get());   // the route's body
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "app/database.h"
#include "app/snapshot_source.h"
#include "core/result.h"

namespace danso {

struct DatabaseHealth {
  Engine engine = Engine::kSqlite;
  bool available = false;
  int schema_version = 0;
  bool standby = false;        // PostgreSQL: a read-only hot standby
  std::optional<Error> error;  // why it does not answer (words of our own, no server message)
};

// Asks the database now (on a reader connection when it has them; a lost
// connection is connected again by this call or the next).
DatabaseHealth database_health(Database& db);

// "sqlite" or "postgresql".
const char* engine_name(Engine engine);

// What `GET /api/v1/health` answers (docs/api.md#health): `ok` when the
// database answers; the body with the engine, the database's state and,
// when the server loads its snapshot elsewhere (--snapshot-db), that
// source's state.
struct HealthAnswer {
  bool ok = false;
  nlohmann::ordered_json body;
};
HealthAnswer health_answer(Database& db, SnapshotSource* snapshot_source);

}  // namespace danso

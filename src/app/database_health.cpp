#include "app/database_health.h"

namespace danso {

const char* engine_name(Engine engine) { return engine == Engine::kPostgres ? "postgresql" : "sqlite"; }

DatabaseHealth database_health(Database& db) {
  DatabaseHealth h;
  h.engine = db.engine();
  try {
    db.read([&](Store& s) {
      h.schema_version = s.schema_version();
      h.standby = s.server_facts().standby;
    });
    h.available = true;
  } catch (const std::exception&) {
    // The server's own message may name hosts and roles: not for anybody.
    h.error = Error{ErrorCode::kUnavailable, "db",
                    "cơ sở dữ liệu không trả lời (máy chủ không tới được, đang khởi động lại hoặc từ chối kết nối); "
                    "máy chủ DanSo tự kết nối lại khi nó trả lời",
                    "the database does not answer (its server cannot be reached, is restarting or refuses the "
                    "connection); DanSo connects again by itself once it answers"};
  }
  return h;
}

namespace {

nlohmann::ordered_json snapshot_source_json(const SnapshotSource::Health& s) {
  nlohmann::ordered_json source{{"state", s.reachable ? "ok" : "unavailable"}};
  if (s.reachable) {
    source["schema_version"] = s.schema_version;
    source["standby"] = s.standby;
    if (s.behind_bytes >= 0) source["behind_bytes"] = s.behind_bytes;
  } else {
    source["message_vi"] = "nguồn số liệu chỉ tiêu (--snapshot-db) không trả lời; số liệu được đọc từ --db";
    source["message_en"] = "the indicators' source (--snapshot-db) does not answer; they are read from --db";
  }
  source["loads"] = s.loads;
  source["loads_from_db"] = s.fallbacks;
  return source;
}

}  // namespace

HealthAnswer health_answer(Database& db, SnapshotSource* snapshot_source) {
  const DatabaseHealth h = database_health(db);
  nlohmann::ordered_json database{{"state", h.available ? "ok" : "unavailable"}};
  if (h.available) {
    database["schema_version"] = h.schema_version;
    if (h.engine == Engine::kPostgres) database["standby"] = h.standby;
  } else {
    database["message_vi"] = h.error->vi;
    database["message_en"] = h.error->en;
  }
  HealthAnswer out;
  out.ok = h.available;
  nlohmann::ordered_json& body = out.body;
  if (!h.available)
    body["error"] = {{"code", "database_unavailable"}, {"field", "db"}, {"message_vi", h.error->vi},
                     {"message_en", h.error->en}};
  body["status"] = h.available ? "ok" : "unavailable";
  if (h.available) body["schema_version"] = h.schema_version;
  body["engine"] = engine_name(h.engine);
  body["database"] = std::move(database);
  if (snapshot_source) body["snapshot_source"] = snapshot_source_json(snapshot_source->health());
  return out;
}

}  // namespace danso

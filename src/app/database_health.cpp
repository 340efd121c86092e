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

}  // namespace danso

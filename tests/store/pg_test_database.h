// A PostgreSQL database of a test's own on the server DANSO_TEST_PG names
// (scripts/pg_cluster.sh starts a throwaway one): created empty when made,
// dropped when it goes. `run` sends SQL to it behind the store's back.
//
//   test::PgTestDatabase db;              // danso_t_<pid>_<n>
//   auto store = open_pg_store(db.location());
#pragma once

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace danso::test {

class PgTestDatabase {
 public:
  // The server's address, empty when DANSO_TEST_PG is not set.
  static std::string server() {
    const char* pg = std::getenv("DANSO_TEST_PG");
    return pg ? pg : "";
  }

  PgTestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "danso_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    run_on(server(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    error_ = run_on(server(), "CREATE DATABASE " + name_);
  }
  ~PgTestDatabase() { run_on(server(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  // Empty when the database was made; else the server's message.
  const std::string& error() const { return error_; }
  std::string location() const { return server() + "&dbname=" + name_; }
  const std::string& name() const { return name_; }
  // The server's message, empty when the SQL ran.
  std::string run(const std::string& sql) const { return run_on(location(), sql); }

  static std::string run_on(const std::string& location, const std::string& sql) {
    PGconn* conn = PQconnectdb(location.c_str());
    std::string out;
    if (PQstatus(conn) != CONNECTION_OK) {
      out = PQerrorMessage(conn);
    } else {
      PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
      PGresult* r = PQexec(conn, sql.c_str());
      const auto st = PQresultStatus(r);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        out = m ? m : "error";
      }
      PQclear(r);
    }
    PQfinish(conn);
    return out;
  }

 private:
  std::string name_;
  std::string error_;
};

}  // namespace danso::test

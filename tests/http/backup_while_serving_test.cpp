// A backup while the server serves and writes: slips are posted over real
// connections by three writers while the backup runs; every slip
// acknowledged (201) before the backup began is in the copy, the copy
// verifies (integrity, audit log, every record against its hash, rows as
// counted at the copy's moment), and the writers were not held up: slips
// are acknowledged while and after it runs.
#include "register_fixture.h"

#include <signal.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <mutex>
#include <thread>
#include <utility>

#include "app/backup/backup.h"
#include "http/server.h"

namespace danso::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

class BackupWhileServing : public RegisterApiTest {
 protected:
  void SetUp() override {
    RegisterApiTest::SetUp();
    if (HasFatalFailure()) return;
    // The fixture writes its units without an audit entry, as no DanSo
    // program does: written again here with one, so the register verifies.
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const std::vector<OrgUnit> units = store_->load_units();
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_units(units).ok());
    ASSERT_TRUE(ctx_->accounts.audit(nullptr, "load", "register", "", UnitId(), "", "{}", now_).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
};

// One writer: slips of one person on one keep-alive connection, a day apart.
void write_slips(uint16_t port, const Browser& b, int64_t person, std::atomic<bool>& stop, std::mutex& mu,
                 std::vector<int64_t>& acked, std::atomic<int>& failures) {
  try {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    boost::beast::flat_buffer buffer;
    Date day = Date::parse("2024-03-01").value();
    while (!stop) {
      http::Request req{http::bhttp::verb::post, "/api/v1/events", 11};
      req.set(http::bhttp::field::host, "127.0.0.1:8080");
      req.set(http::bhttp::field::cookie, b.cookie);
      req.set("X-CSRF-Token", b.csrf);
      req.set(http::bhttp::field::content_type, "application/json");
      req.body() = nlohmann::json{{"type", "contraception_start"},
                                  {"date", day.iso()},
                                  {"village_code", "9900101"},
                                  {"person_id", person},
                                  {"method", "pill"}}
                       .dump();
      req.prepare_payload();
      http::bhttp::write(socket, req);
      http::Response res;
      http::bhttp::read(socket, buffer, res);
      if (res.result_int() != 201) {
        ++failures;
        ADD_FAILURE() << res.result_int() << " " << res.body();
        return;
      }
      const auto id = nlohmann::json::parse(res.body())["event"]["id"].get<int64_t>();
      std::lock_guard<std::mutex> lock(mu);
      acked.push_back(id);  // acknowledged: the server answered 201
      day = day.add_days(1);
    }
  } catch (const std::exception& e) {
    ++failures;
    ADD_FAILURE() << e.what();
  }
}

TEST_F(BackupWhileServing, EverySlipAcknowledgedBeforeTheBackupBeganIsInTheCopy) {
  // danso backup copies a SQLite file; a PostgreSQL database is copied by
  // the server's own tools (docs/postgresql.md).
  if (api_tests_on_postgres()) GTEST_SKIP() << "the SQLite file's backup";
  const Browser officer = session_for(add_user("vien.chuc.xa", "commune_officer", "99001"));
  std::atomic<uint16_t> port{0};
  http::ServerOptions o;
  o.port = 0;
  o.threads = 2;
  o.on_listening = [&](uint16_t p) { port = p; };
  std::thread server([&] { http::run_server(*router_, o); });
  for (int i = 0; i < 500 && port == 0; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_NE(port.load(), 0);

  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::mutex mu;
  std::vector<int64_t> acked;
  std::vector<std::thread> writers;
  for (int64_t person : {1012, 1062, 1072})
    writers.emplace_back(write_slips, port.load(), std::cref(officer), person, std::ref(stop), std::ref(mu),
                         std::ref(acked), std::ref(failures));
  auto acked_count = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acked.size();
  };
  for (int i = 0; i < 1000 && acked_count() < 30 && failures == 0; ++i) std::this_thread::sleep_for(10ms);

  // The moment the backup begins: what was acknowledged by then.
  std::vector<int64_t> before;
  {
    std::lock_guard<std::mutex> lock(mu);
    before = acked;
  }
  const std::string copy = (dir_ / "copy.db").string();
  auto backup = backup_database({(dir_ / "t.db").string(), copy, std::nullopt, true});
  const size_t at_end = acked_count();
  for (int i = 0; i < 500 && acked_count() < at_end + 10 && failures == 0; ++i) std::this_thread::sleep_for(10ms);
  stop = true;
  for (auto& w : writers) w.join();
  kill(getpid(), SIGINT);
  server.join();

  ASSERT_EQ(failures.load(), 0);
  ASSERT_GE(before.size(), 30u);
  EXPECT_GE(acked_count(), before.size() + 10);  // the writers went on while and after the copy was made
  ASSERT_TRUE(backup.ok()) << backup.error().en;
  EXPECT_EQ(backup->output, copy);
  const CopyCheck& c = backup->check;
  EXPECT_TRUE(c.ok()) << c.integrity << " " << c.audit.en;
  EXPECT_EQ(c.integrity, "ok");
  EXPECT_TRUE(c.counts_ok());
  EXPECT_TRUE(c.audit.ok) << c.audit.en;
  ASSERT_TRUE(c.records.has_value());
  EXPECT_TRUE(c.records->ok);

  auto read = open_sqlite_copy(copy);
  ASSERT_TRUE(read.ok()) << read.error().en;
  for (int64_t id : before) EXPECT_TRUE((*read)->find_event(EventId(id)).has_value()) << "slip " << id;
  // The copy's slips and audit entries are those of one moment: each slip
  // in it has its audit entry.
  int64_t slips = 0, entries = 0;
  (*read)->for_each_event([&](const VitalEvent& e) { slips += e.type == EventType::kContraceptionStart; });
  (*read)->for_each_audit([&](const AuditRecord& e) { entries += e.kind == "event"; });
  EXPECT_EQ(slips, int64_t(std::size(kHouseholds)) + entries);
  EXPECT_GE(entries, int64_t(before.size()));
}

}  // namespace
}  // namespace danso::test

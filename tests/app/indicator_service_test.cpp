// The server's indicators between requests: loaded once, kept while nothing
// they read changes, refreshed after a write, and while a refresh is held up
// the previous figures are answered and said to be stale.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/demo_province/generator.h"
#include "app/indicator_service.h"
#include "app/register_loader.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class IndicatorServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::DemoOptions o;
    o.persons = 10'000;
    o.seed = 11;
    o.today = Date::parse("2026-11-22").value();
    batch_ = demo::generate(o).value();
    dir_ = fs::temp_directory_path() / ("danso-indicator-service-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = test::open_test_store((dir_ / "s.db").string());
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    ASSERT_TRUE(load_register(*store_, batch_).ok());
    for (const OrgUnit& u : batch_.units)
      if (!u.parent.valid()) province_ = u.code;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  // The births of 2024 in the province, as the snapshot's reporter counts them.
  int64_t births_2024(IndicatorSnapshot& snap) {
    const Period y = Period::parse("2024").value();
    auto r = snap.compute([&](IndicatorReporter& rep) { return rep.report(province_, y, false); });
    EXPECT_TRUE(r.ok());
    return r.ok() ? (*r)["indicators"]["births"]["value"].get<int64_t>() : -1;
  }

  // Writes a copy of a 2024 event of `type` under a new id (what a slip does
  // to the register); `written`, when given, receives it.
  void add_event_like(EventType type, VitalEvent* written = nullptr) {
    int64_t next = 0;
    const VitalEvent* model = nullptr;
    for (const VitalEvent& e : batch_.events) {
      next = std::max(next, e.id.value + 1);
      if (e.type == type && e.date.year() == 2024 && !model) model = &e;
    }
    ASSERT_NE(model, nullptr);
    VitalEvent copy = *model;
    copy.id = EventId(next + extra_++);
    std::lock_guard<std::mutex> lock(store_mu_);
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_events(std::span<const VitalEvent>(&copy, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
    if (written) *written = copy;
  }

  // The province's indicators of 2024 as JSON, from `snap`'s reporter.
  std::string province_2024(IndicatorSnapshot& snap) {
    auto r = snap.compute([&](IndicatorReporter& rep) { return rep.report(province_, Period::parse("2024").value(), false); });
    return r.ok() ? r->dump() : r.error().en;
  }

  RegisterBatch batch_;
  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::mutex store_mu_;
  std::string province_;
  int64_t extra_ = 0;
};

TEST_F(IndicatorServiceTest, LoadsOnceAndKeepsTheSnapshotWhileNothingItReadsChanges) {
  // Long enough for a slow (sanitizer) build to reload within one request.
  IndicatorService svc(*store_, store_mu_, {.fresh_wait = std::chrono::seconds(60), .open_reader = {}, .refresh_pace = 1.0, .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(svc.loads(), 1u);
  const int64_t births = births_2024(**first);
  EXPECT_GT(births, 0);
  auto again = svc.current();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());

  // A health-insurance card is read by no indicator: the snapshot stays.
  add_event_like(EventType::kHealthInsuranceCard);
  svc.event_recorded(EventType::kHealthInsuranceCard);
  EXPECT_FALSE(svc.stale(**first));
  EXPECT_EQ(svc.current()->get(), first->get());
  EXPECT_EQ(svc.loads(), 1u);

  // A birth is: the next request has the refreshed figures (one more birth).
  add_event_like(EventType::kBirth);
  svc.event_recorded(EventType::kBirth);
  EXPECT_TRUE(svc.stale(**first));
  auto fresh = svc.current();
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(fresh->get(), first->get());
  EXPECT_FALSE(svc.stale(**fresh));
  EXPECT_EQ(svc.loads(), 2u);
  EXPECT_EQ(births_2024(**fresh), births + 1);
  EXPECT_EQ(births_2024(**first), births);  // a snapshot in use does not change under its reader
}

TEST_F(IndicatorServiceTest, WhileARefreshIsHeldUpThePreviousFiguresAreAnsweredAndMarkedStale) {
  IndicatorService svc(*store_, store_mu_, {.fresh_wait = std::chrono::milliseconds(50), .open_reader = {}, .refresh_pace = 1.0, .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  const int64_t births = births_2024(**first);

  add_event_like(EventType::kBirth);
  std::unique_lock<std::mutex> held(store_mu_);  // the database is busy: the refresh cannot read it
  svc.register_changed();
  const auto t0 = std::chrono::steady_clock::now();
  auto during = svc.current();
  const auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(during->get(), first->get());
  EXPECT_TRUE(svc.stale(**during));
  EXPECT_GE(waited, std::chrono::milliseconds(50));
  EXPECT_LT(waited, std::chrono::seconds(5));
  held.unlock();

  // Once the database answers, the refresh comes in.
  std::shared_ptr<IndicatorSnapshot> after;
  for (int i = 0; i < 400 && (!after || svc.stale(*after)); ++i) {
    auto now = svc.current();
    ASSERT_TRUE(now.ok());
    after = *now;
    if (svc.stale(*after)) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_FALSE(svc.stale(*after));
  EXPECT_EQ(births_2024(*after), births + 1);
  EXPECT_EQ(svc.loads(), 2u);
}

TEST_F(IndicatorServiceTest, RenderedAnswersAreKeptWithTheirSnapshot) {
  IndicatorService svc(*store_, store_mu_, {.fresh_wait = std::chrono::seconds(60), .open_reader = {}, .refresh_pace = 1.0, .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)->memo("k"), nullptr);
  (*first)->remember("k", std::make_shared<const std::string>("{\"births\":1}"), (*first)->generation());
  ASSERT_NE((*first)->memo("k"), nullptr);
  EXPECT_EQ(*(*first)->memo("k"), "{\"births\":1}");
  svc.register_changed();
  auto fresh = svc.current();
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->memo("k"), nullptr);  // a new snapshot starts with none
}

TEST_F(IndicatorServiceTest, AReaderConnectionLoadsWhileTheSharedStoreIsBusy) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  const std::string path = (dir_ / "s.db").string();
  int opened = 0;
  IndicatorService svc(*store_, store_mu_,
                       {.fresh_wait = std::chrono::seconds(60), .open_reader = [&] {
                          ++opened;
                          return open_sqlite_reader(path);
                        },
                        .refresh_pace = 1.0, .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  const int64_t births = births_2024(**first);
  add_event_like(EventType::kBirth);
  // The shared connection is held all along: the reload goes through its own.
  std::lock_guard<std::mutex> held(store_mu_);
  svc.register_changed();
  auto fresh = svc.current();
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(svc.stale(**fresh));
  EXPECT_EQ(births_2024(**fresh), births + 1);
  EXPECT_EQ(opened, 2);
}

TEST_F(IndicatorServiceTest, OnlyTheWriterWaitsForTheRefresh) {
  IndicatorService svc(*store_, store_mu_, {.fresh_wait = std::chrono::milliseconds(300), .open_reader = {}, .refresh_pace = 1.0, .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  const int64_t births = births_2024(**first);
  add_event_like(EventType::kBirth);
  std::unique_lock<std::mutex> held(store_mu_);  // the refresh cannot read the database yet
  svc.event_recorded(EventType::kBirth, "session-of-the-writer");

  // Somebody else: answered at once from the figures there are, marked stale.
  auto t0 = std::chrono::steady_clock::now();
  auto other = svc.current("session-of-another");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(250));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->get(), first->get());
  EXPECT_TRUE(svc.stale(**other));
  EXPECT_EQ(svc.ready("session-of-another"), *first);
  // The writer waits for their birth (here in vain: the database is held).
  EXPECT_EQ(svc.ready("session-of-the-writer"), nullptr);
  t0 = std::chrono::steady_clock::now();
  auto writer = svc.current("session-of-the-writer");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(300));
  ASSERT_TRUE(writer.ok());
  EXPECT_TRUE(svc.stale(**writer));
  held.unlock();

  // The refresh started with the write, not with a request: it comes in.
  for (int i = 0; i < 2400 && svc.stale(**svc.current("session-of-another")); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  auto after = svc.current("session-of-the-writer");
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(svc.stale(**after));
  EXPECT_EQ(births_2024(**after), births + 1);
  EXPECT_EQ(svc.ready("session-of-the-writer"), *after);
}

TEST_F(IndicatorServiceTest, AnAnswerAskedForByManyAtOnceIsMadeOnce) {
  IndicatorService svc(*store_, store_mu_, {.fresh_wait = std::chrono::seconds(60), .open_reader = {}, .refresh_pace = 1.0, .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto snap = svc.current();
  ASSERT_TRUE(snap.ok());
  std::atomic<int> made{0};
  auto ask = [&](std::shared_ptr<const std::string>& out, bool fail) {
    out = (*snap)->memo_or_make("k", (*snap)->generation(), [&]() -> std::shared_ptr<const std::string> {
      ++made;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      return fail ? nullptr : std::make_shared<const std::string>("{\"births\":" + std::to_string(made.load()) + "}");
    });
  };
  std::vector<std::shared_ptr<const std::string>> got(8);
  std::vector<std::thread> askers;
  for (auto& g : got) askers.emplace_back([&] { ask(g, false); });
  for (auto& t : askers) t.join();
  EXPECT_EQ(made.load(), 1);
  for (const auto& g : got) {
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(*g, "{\"births\":1}");
  }
  ASSERT_NE((*snap)->memo("k"), nullptr);  // and kept

  // A failed making is not kept: those who waited for it make their own.
  made = 0;
  std::shared_ptr<const std::string> waiting;
  std::thread first([&] {
    (*snap)->memo_or_make("other", (*snap)->generation(), [&]() -> std::shared_ptr<const std::string> {
      ++made;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      return nullptr;
    });
  });
  while (made.load() == 0) std::this_thread::yield();  // the first is making it (a slow machine too)
  waiting = (*snap)->memo_or_make("other", (*snap)->generation(), [&] {
    ++made;
    return std::make_shared<const std::string>("made again");
  });
  first.join();
  EXPECT_EQ(made.load(), 2);
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(*waiting, "made again");
}

}  // namespace

namespace {

TEST_F(IndicatorServiceTest, SlipsThatComeWhileTheFiguresPauseAreAppliedTogetherInPlace) {
  // A pause after each update far longer than the test: only a writer
  // waiting for their change ends it.
  IndicatorService svc(*store_, store_mu_,
                       {.fresh_wait = std::chrono::seconds(60), .open_reader = {}, .refresh_pace = 1.0, .catalogue = {},
                        .update_pace = 1e6, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  const int64_t births = births_2024(**first);
  VitalEvent slip;
  add_event_like(EventType::kBirth, &slip);
  svc.slips_written({&slip}, "writer-1");
  // The first is applied at once, in place; its writer waits for it.
  auto now = svc.current("writer-1");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->get(), first->get());
  EXPECT_FALSE(svc.stale(**now));
  EXPECT_EQ(births_2024(**now), births + 1);
  EXPECT_EQ(svc.update_steps(), 1u);

  // Twenty more while the figures pause: nobody else waits for them, the
  // figures there are answered and said to be stale.
  for (int i = 0; i < 20; ++i) {
    add_event_like(EventType::kBirth, &slip);
    svc.slips_written({&slip}, "writer-2");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(svc.update_steps(), 1u);
  EXPECT_EQ(svc.ready("someone-else"), *first);
  EXPECT_TRUE(svc.stale(**first));
  EXPECT_EQ(births_2024(**first), births + 1);
  EXPECT_EQ(svc.ready("writer-2"), nullptr);

  // Their writer asks: the pause ends, and one update brings all twenty in,
  // with no reload, as a fresh load of the register has them.
  now = svc.current("writer-2");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->get(), first->get());
  EXPECT_FALSE(svc.stale(**now));
  EXPECT_EQ(svc.update_steps(), 2u);
  EXPECT_EQ(svc.updates(), 21u);
  EXPECT_EQ(svc.loads(), 1u);
  EXPECT_EQ(births_2024(**now), births + 21);
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  IndicatorSnapshot fresh(analytics::RegisterSnapshot::load(*store_), catalogue, 0, "");
  EXPECT_EQ(province_2024(**now), province_2024(fresh));

  // A change that names no persons is brought by a reload, the pause or not.
  add_event_like(EventType::kBirth);
  svc.register_changed("writer-3");
  now = svc.current("writer-3");
  ASSERT_TRUE(now.ok());
  EXPECT_NE(now->get(), first->get());
  EXPECT_EQ(svc.loads(), 2u);
  EXPECT_EQ(births_2024(**now), births + 22);
}

}  // namespace

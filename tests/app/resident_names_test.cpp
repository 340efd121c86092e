// The search by name over a few villages from their names kept in memory
// (app/resident_names.h, app/register_reads.h persons_page): the same
// matches, counts, caps, pages and places as the store's own search, with
// every filter; the names read again after a committed write that changed
// a name or who lives where, and not after one that did not (SQLite; the
// PostgreSQL adapter counts every commit) or one rolled back; a page's
// persons and statuses kept (app/person_listings.h) until a write changes
// what they show. On every engine (tests/store/store_engines.h).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "app/database.h"
#include "app/person_statuses.h"
#include "app/register_reads.h"
#include "core/text.h"
#include "store/store_engines.h"

using namespace danso;

namespace {

constexpr int kVillages = 6;
constexpr int kPersons = 2600;  // every village's, household 2v-1 and 2v

class ResidentNamesTest : public danso::test::StoreEngineTest {
 protected:
  void SetUp() override {
    StoreEngineTest::SetUp();
    auto db = open_database(location_, {.create = true});
    ASSERT_TRUE(db.ok()) << db.error().en;
    db_ = std::move(*db);
    const Date since = Date::parse("2019-01-01").value();
    std::vector<OrgUnit>& units = units_;
    std::vector<Household> households;
    for (int v = 1; v <= kVillages; ++v) {
      OrgUnit u;
      u.id = UnitId(v), u.code = std::to_string(9900000 + v), u.name = "Thôn " + std::to_string(v);
      u.kind = UnitKind::kVillage, u.valid_from = since;
      units.push_back(u);
      for (int k = 0; k < 2; ++k)
        households.push_back({HouseholdId(2 * v - 1 + k), u.code, UnitId(v), "Số " + std::to_string(2 * v - 1 + k),
                              Poverty::kNone, false, false, since});
    }
    // Generated names from a few parts (no real person's).
    // "H’Hen" (’ separates words) and a name in another script: words told
    // apart around characters beyond ASCII.
    const char* families[] = {"Nguyễn", "Trần", "H\u2019Hen", "Phạm", "Хоа", "Đỗ"};
    const char* middles[] = {"Văn", "Thị", "Hữu", "Đức", "Ngọc", "Mí"};
    const char* givens[] = {"An", "Anh", "Bình", "Hoa", "Minh", "Nam", "Lan", "Hoà"};
    std::vector<ResidenceSpell> spells;
    std::vector<VitalEvent> deaths;
    for (int i = 0; i < kPersons; ++i) {
      Person p;
      p.id = PersonId(i + 1);
      p.household = HouseholdId(1 + (i * 7) % (2 * kVillages));
      p.name = std::string(families[i % 6]) + " " + middles[(i / 6) % 6] + " " + givens[(i / 36) % 8] +
               (i % 5 == 0 ? " Hai" : "");
      p.sex = i % 3 ? Sex::kFemale : Sex::kMale;
      p.birth_date = Date::parse("1980-05-01").value();
      p.registered_on = since;
      persons_.push_back(p);
      const UnitId village((p.household.value + 1) / 2);
      // Every seventh moved out of the area in 2023: they lived there last.
      spells.push_back({p.id, p.household, village, since,
                        i % 7 == 3 ? std::optional<Date>(Date::parse("2023-06-01").value()) : std::nullopt});
      if (i % 11 == 4) {
        VitalEvent d;
        d.id = EventId(int64_t(deaths.size()) + 1), d.type = EventType::kDeath;
        d.date = Date::parse("2022-03-01").value(), d.village = village, d.village_code = std::to_string(9900000 + village.value);
        d.person = p.id, d.recorded_on = d.date;
        deaths.push_back(d);
      }
    }
    ASSERT_TRUE(db_->write([&](Store& s) -> Status {
                     if (auto st = s.upsert_units(units); !st) return st;
                     if (auto st = s.upsert_households(households); !st) return st;
                     if (auto st = s.upsert_persons(persons_); !st) return st;
                     if (auto st = s.upsert_events(deaths); !st) return st;
                     return s.replace_all_residence(spells);
                   }).ok());
  }
  void TearDown() override {
    db_.reset();
    StoreEngineTest::TearDown();
  }

  struct Answer {
    ListTotal total;
    std::vector<std::string> rows;  // id, household, village, its code and name
  };
  static std::string row_of(const PlacedPerson& p) {
    return std::to_string(p.person.id.value) + " " + p.person.name + " " + std::to_string(p.household.value) + " " +
           std::to_string(p.village.value) + " " + p.village_code + " " + p.village_name;
  }
  // The search through the kept names (app/).
  Answer kept(std::span<const UnitId> villages, std::string_view q, const PersonFilter& f, int64_t offset,
              int64_t limit) {
    Answer a;
    std::vector<ListedPerson> rows;
    a.total = persons_page(*db_, villages, q, f, offset, limit, rows);
    for (const ListedPerson& r : rows) a.rows.push_back(row_of(r.placed));
    return a;
  }
  // The store's own search, the same query.
  Answer stored(std::span<const UnitId> villages, std::string_view q, const PersonFilter& f, int64_t offset,
                int64_t limit) {
    Answer a;
    const std::string folded = normalise_search(q);
    std::vector<PlacedPerson> rows;
    a.total = db_->read([&](Store& s) { return s.persons_page(villages, folded, f, offset, limit, rows); });
    for (const PlacedPerson& r : rows) a.rows.push_back(row_of(r));
    return a;
  }
  std::unique_ptr<Database> db_;
  std::vector<OrgUnit> units_;
  std::vector<Person> persons_;
};
DANSO_STORE_ENGINES(ResidentNamesTest);

TEST_P(ResidentNamesTest, FindTheSamePersonsCountsAndPagesAsTheStore) {
  const Date on = Date::parse("2024-01-01").value();
  const std::vector<std::vector<UnitId>> unit_sets = {
      {UnitId(1)}, {UnitId(2), UnitId(3)}, {UnitId(1), UnitId(2), UnitId(3), UnitId(4), UnitId(5), UnitId(6)},
      {UnitId(4), UnitId(4)}};
  const std::vector<PersonFilter> filters = {PersonFilter{on, false, false, std::nullopt},
                                             PersonFilter{on, true, false, std::nullopt},
                                             PersonFilter{on, false, true, std::nullopt},
                                             PersonFilter{on, true, true, Sex::kFemale},
                                             PersonFilter{on, false, false, Sex::kMale}};
  int compared = 0, capped = 0, nonempty = 0;
  for (const auto& villages : unit_sets)
    for (const char* q : {"nguyen", "NGUYỄN  văn", "thi hoa", "an", "hoa hai", "h", "hen", "хо", "оа", "mi an", "uyen", "do ngoc lan"})
      for (const PersonFilter& f : filters)
        for (auto [offset, limit] : {std::pair<int64_t, int64_t>{0, 20}, {40, 50}, {990, 20}, {5000, 10}}) {
          SCOPED_TRACE(std::string(q) + " villages " + std::to_string(villages.size()) + " offset " +
                       std::to_string(offset));
          const Answer a = kept(villages, q, f, offset, limit), b = stored(villages, q, f, offset, limit);
          EXPECT_EQ(a.total.count, b.total.count);
          EXPECT_EQ(a.total.capped, b.total.capped);
          EXPECT_EQ(a.rows, b.rows);
          ++compared, capped += b.total.capped, nonempty += !b.rows.empty();
        }
  EXPECT_EQ(compared, 4 * 12 * 5 * 4);
  EXPECT_EQ(capped, 9);      // the cap reached: "an" and "h" over all six villages, by filter
  EXPECT_GT(nonempty, 200);  // and most pages held persons
  // The names were kept for the six villages, once each.
  EXPECT_EQ(db_->resident_names().villages_kept(), size_t(kVillages));
  // Words beyond ASCII: a piece inside a word finds nothing, a word's
  // beginning every name with it (a sixth of the names each).
  const auto& six = unit_sets[2];
  EXPECT_EQ(kept(six, "оа", filters[0], 0, 20).total.count, 0);
  EXPECT_EQ(kept(six, "Хо", filters[0], 0, 20).total.count, kPersons / 6);  // 433
  EXPECT_EQ(kept(six, "hen", filters[0], 0, 20).total.count, kPersons / 6);  // 433
  EXPECT_EQ(kept(six, "en", filters[0], 0, 20).total.count, 0);
  // One check of real values: "nguyen van" over village 1.
  const std::vector<UnitId> one = {UnitId(1)};
  int64_t expected = 0;
  for (const Person& p : persons_)
    expected += (p.household.value + 1) / 2 == 1 && name_words_begin_with(fold_for_search(p.name), "nguyen van");
  EXPECT_GT(expected, 5);
  EXPECT_EQ(kept(one, "Nguyen Van", filters[0], 0, 500).total.count, expected);
}

TEST_P(ResidentNamesTest, ANameOrAMoveWrittenIsFoundAtOnce) {
  const PersonFilter all{Date::parse("2024-01-01").value(), false, false, std::nullopt};
  const std::vector<UnitId> one = {UnitId(1)}, two = {UnitId(2)};
  EXPECT_EQ(kept(one, "quynh", all, 0, 20).total.count, 0);
  const uint64_t before = db_->resident_commits();
  // A renamed person of village 1 (household 1: person 1).
  Person p = persons_[0];
  ASSERT_EQ(p.household, HouseholdId(1));
  p.name = "Vàng Thị Quỳnh";
  ASSERT_TRUE(db_->write([&](Store& s) { return s.upsert_persons(std::span<const Person>(&p, 1)); }).ok());
  EXPECT_EQ(db_->resident_commits(), before + 1);
  Answer a = kept(one, "quynh", all, 0, 20);
  EXPECT_EQ(a.total.count, 1);
  ASSERT_EQ(a.rows.size(), 1u);
  EXPECT_EQ(a.rows[0], "1 Vàng Thị Quỳnh 1 1 9900001 Thôn 1");
  EXPECT_EQ(kept(two, "quynh", all, 0, 20).total.count, 0);
  // Moved to household 3 of village 2 on 2024-02-01.
  const Date since = Date::parse("2019-01-01").value(), moved = Date::parse("2024-02-01").value();
  const ResidenceSpell spells[] = {{p.id, HouseholdId(1), UnitId(1), since, moved},
                                   {p.id, HouseholdId(3), UnitId(2), moved, std::nullopt}};
  ASSERT_TRUE(db_->write([&](Store& s) { return s.replace_residence_of(std::span<const PersonId>(&p.id, 1), spells); }).ok());
  EXPECT_EQ(kept(one, "quynh", all, 0, 20).total.count, 0);
  a = kept(two, "quynh", all, 0, 20);
  ASSERT_EQ(a.rows.size(), 1u);
  EXPECT_EQ(a.rows[0], "1 Vàng Thị Quỳnh 3 2 9900002 Thôn 2");
  // A write rolled back changes nothing, and counts no commit.
  const uint64_t kept_commits = db_->resident_commits();
  Person q = p;
  q.name = "Vàng Thị Quyên";
  const Status failed = db_->write([&](Store& s) -> Status {
    if (auto st = s.upsert_persons(std::span<const Person>(&q, 1)); !st) return st;
    return Error::invalid("test", "thử", "rolled back on purpose");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(db_->resident_commits(), kept_commits);
  EXPECT_EQ(kept(two, "quyen", all, 0, 20).total.count, 0);
  EXPECT_EQ(kept(two, "quynh", all, 0, 20).total.count, 1);
  // A write of an event alone: on SQLite no commit that changes who lives
  // where, so the names kept stay current; PostgreSQL counts every commit.
  VitalEvent e;
  e.id = EventId(100000), e.type = EventType::kHealthInsuranceCard, e.date = Date::parse("2024-03-01").value();
  e.village = UnitId(2), e.village_code = "9900002", e.person = p.id, e.recorded_on = e.date;
  ASSERT_TRUE(db_->write([&](Store& s) { return s.upsert_events(std::span<const VitalEvent>(&e, 1)); }).ok());
  EXPECT_EQ(db_->resident_commits(), postgres() ? kept_commits + 1 : kept_commits);
}

// A page's persons are kept with their statuses, taken again by the next
// search, and read again after every committed write that changes what they
// show: a marriage, a spouse's death, an event corrected to another type or
// day, one removed. Each time the page equals a fresh reading.
TEST_P(ResidentNamesTest, APagesPersonsAreKeptUntilAWriteChangesWhatTheyShow) {
  const Date on = Date::parse("2024-01-01").value();
  const PersonFilter all{on, false, false, std::nullopt};
  const std::vector<UnitId> one = {UnitId(1)};
  struct Row {
    std::string placed;
    Standing standing;
    MaritalStatus marital;
    bool operator==(const Row&) const = default;
  };
  const auto search = [&] {
    std::vector<ListedPerson> rows;
    EXPECT_GT(persons_page(*db_, one, "nguyen", all, 0, 20, rows).count, 20);
    std::vector<Row> out;
    for (const ListedPerson& r : rows) out.push_back({row_of(r.placed), r.status.standing, r.status.marital});
    return std::pair(out, rows);
  };
  // The same search read afresh by the store's own search (nothing kept):
  // the persons' rows and places from the database, their statuses from them.
  const auto fresh = [&] {
    std::vector<PlacedPerson> placed;
    db_->read([&](Store& s) { (void)s.persons_page(one, normalise_search("nguyen"), all, 0, 20, placed); });
    std::vector<Person> persons;
    for (const PlacedPerson& p : placed) persons.push_back(p.person);
    const auto st = db_->read([&](Store& s) { return person_statuses(s, persons, on); });
    std::vector<Row> out;
    for (size_t i = 0; i < placed.size(); ++i) out.push_back({row_of(placed[i]), st[i].standing, st[i].marital});
    return out;
  };
  PersonListings& kept = db_->person_listings();
  auto [first, rows] = search();
  ASSERT_EQ(first.size(), 20u);
  EXPECT_EQ(first, fresh());
  EXPECT_EQ(kept.persons_kept(), 20u);
  EXPECT_EQ(kept.persons_reused(), 0u);
  EXPECT_EQ(search().first, first);
  EXPECT_EQ(kept.persons_reused(), 20u);
  // Two living persons of the page, and the events written about them.
  std::vector<PersonId> living;
  for (size_t i = 0; i < rows.size(); ++i)
    if (first[i].standing == Standing::kPermanent && first[i].marital == MaritalStatus::kSingle)
      living.push_back(rows[i].placed.person.id);
  ASSERT_GE(living.size(), 2u);
  const PersonId a = living[0], b = living[1];
  const auto event = [](int64_t id, EventType type, const char* date, PersonId person, PersonId related) {
    VitalEvent e;
    e.id = EventId(id), e.type = type, e.date = Date::parse(date).value();
    e.village = UnitId(1), e.village_code = "9900001", e.person = person, e.related = related, e.recorded_on = e.date;
    return e;
  };
  const auto write = [&](const VitalEvent& e) {
    ASSERT_TRUE(db_->write([&](Store& s) { return s.upsert_events(std::span<const VitalEvent>(&e, 1)); }).ok());
  };
  const auto status_of = [&](const std::pair<std::vector<Row>, std::vector<ListedPerson>>& page, PersonId id) {
    for (size_t i = 0; i < page.second.size(); ++i)
      if (page.second[i].placed.person.id == id) return page.first[i];
    ADD_FAILURE() << "person " << id.value << " not on the page";
    return Row{};
  };
  // A slip no status reads: nothing read again on SQLite (PostgreSQL counts every commit).
  uint64_t commits = db_->status_commits();
  write(event(200001, EventType::kHealthInsuranceCard, "2023-05-01", a, PersonId()));
  EXPECT_EQ(db_->status_commits(), postgres() ? commits + 1 : commits);
  EXPECT_EQ(search().first, first);
  EXPECT_EQ(kept.persons_reused(), postgres() ? 20u : 40u);
  // A marriage of the two: both married, as a fresh reading says.
  commits = db_->status_commits();
  write(event(200002, EventType::kMarriage, "2023-06-01", a, b));
  EXPECT_EQ(db_->status_commits(), commits + 1);
  auto page = search();
  EXPECT_EQ(page.first, fresh());
  EXPECT_EQ(status_of(page, a).marital, MaritalStatus::kMarried);
  EXPECT_EQ(status_of(page, b).marital, MaritalStatus::kMarried);
  // The death of b: b dead, a widowed.
  write(event(200003, EventType::kDeath, "2023-12-01", b, PersonId()));
  page = search();
  EXPECT_EQ(page.first, fresh());
  EXPECT_EQ(status_of(page, b).standing, Standing::kDead);
  EXPECT_EQ(status_of(page, a).marital, MaritalStatus::kWidowed);
  // The death corrected to a day after the one asked: both married again.
  write(event(200003, EventType::kDeath, "2024-06-01", b, PersonId()));
  page = search();
  EXPECT_EQ(page.first, fresh());
  EXPECT_EQ(status_of(page, b).standing, Standing::kPermanent);
  EXPECT_EQ(status_of(page, a).marital, MaritalStatus::kMarried);
  // The marriage corrected to a slip of another type, which no status
  // reads: told by the change of an event, not by its new type.
  commits = db_->status_commits();
  write(event(200002, EventType::kHealthInsuranceCard, "2023-06-01", a, b));
  EXPECT_EQ(db_->status_commits(), commits + 1);
  page = search();
  EXPECT_EQ(page.first, first);
  EXPECT_EQ(page.first, fresh());
  // A marriage again, then removed.
  write(event(200004, EventType::kMarriage, "2023-07-01", a, b));
  EXPECT_EQ(status_of(search(), a).marital, MaritalStatus::kMarried);
  commits = db_->status_commits();
  const EventId removed(200004);
  ASSERT_TRUE(db_->write([&](Store& s) { return s.delete_events(std::span<const EventId>(&removed, 1)); }).ok());
  EXPECT_EQ(db_->status_commits(), commits + 1);
  page = search();
  EXPECT_EQ(page.first, first);
  // A person of the page renamed (still a Nguyễn), then moved to the
  // village's other household: their kept row is read again each time.
  Person renamed;
  for (const ListedPerson& r : rows)
    if (r.placed.person.id == a) renamed = r.placed.person;
  ASSERT_EQ(renamed.id, a);
  renamed.name = "Nguyễn Thị Quỳnh";
  ASSERT_TRUE(db_->write([&](Store& s) { return s.upsert_persons(std::span<const Person>(&renamed, 1)); }).ok());
  page = search();
  EXPECT_EQ(page.first, fresh());
  EXPECT_NE(status_of(page, a).placed.find("Nguyễn Thị Quỳnh"), std::string::npos) << status_of(page, a).placed;
  const HouseholdId other(renamed.household == HouseholdId(1) ? 2 : 1);
  const Date since = Date::parse("2019-01-01").value(), moved = Date::parse("2023-09-01").value();
  const ResidenceSpell spells[] = {{a, renamed.household, UnitId(1), since, moved},
                                   {a, other, UnitId(1), moved, std::nullopt}};
  ASSERT_TRUE(db_->write([&](Store& s) { return s.replace_residence_of(std::span<const PersonId>(&a, 1), spells); }).ok());
  page = search();
  EXPECT_EQ(page.first, fresh());
  EXPECT_NE(status_of(page, a).placed.find(" " + std::to_string(other.value) + " 1 9900001"), std::string::npos)
      << status_of(page, a).placed;
  first = page.first;
  // A write rolled back counts nothing, and what is kept stays.
  commits = db_->status_commits();
  const uint64_t reused = kept.persons_reused();
  const VitalEvent marriage = event(200005, EventType::kMarriage, "2023-08-01", a, b);
  EXPECT_FALSE(db_->write([&](Store& s) -> Status {
                    if (auto st = s.upsert_events(std::span<const VitalEvent>(&marriage, 1)); !st) return st;
                    return Error::invalid("test", "thử", "rolled back on purpose");
                  }).ok());
  EXPECT_EQ(db_->status_commits(), commits);
  EXPECT_EQ(search().first, first);
  EXPECT_EQ(kept.persons_reused(), reused + 20);
}

TEST_P(ResidentNamesTest, AServerWarmsTheNamesOfEveryVillageBeforeTheFirstSearch) {
  const UnitTree tree(units_, {});
  // Asked to stop before it begins, it reads nothing.
  std::atomic<bool> stop{true};
  EXPECT_EQ(warm_resident_names(*db_, tree, stop), 0u);
  EXPECT_EQ(db_->resident_names().bytes_kept(), 0u);
  stop = false;
  EXPECT_EQ(warm_resident_names(*db_, tree, stop), size_t(kVillages));
  // Every name of every village: the persons' names folded, a line end
  // after each, their ids and households.
  size_t name_bytes = 0;
  for (const Person& p : persons_) name_bytes += fold_for_search(p.name).size() + 1;
  EXPECT_GE(db_->resident_names().bytes_kept(), name_bytes + persons_.size() * (2 * sizeof(int64_t) + sizeof(uint32_t)));
  // A name changed by another program (which the writer's count of
  // commits does not see) is not read again: the searches answer from the
  // names kept at the warming.
  Person p = persons_[0];
  p.name = "Vàng Thị Quỳnh";
  {
    auto other = open_database(location_);
    ASSERT_TRUE(other.ok()) << other.error().en;
    ASSERT_TRUE((*other)->write([&](Store& s) { return s.upsert_persons(std::span<const Person>(&p, 1)); }).ok());
  }
  const PersonFilter all{Date::parse("2024-01-01").value(), false, false, std::nullopt};
  const std::vector<UnitId> one = {UnitId(1)};
  EXPECT_EQ(kept(one, "quynh", all, 0, 20).total.count, 0);
  EXPECT_EQ(stored(one, "quynh", all, 0, 20).total.count, 1);
  // The searches over the warmed names find what the store finds (for
  // names that were not changed behind the count's back).
  const Answer a = kept(one, "tran", all, 0, 50), b = stored(one, "tran", all, 0, 50);
  EXPECT_GT(b.total.count, 20);
  EXPECT_EQ(a.total.count, b.total.count);
  EXPECT_EQ(a.rows, b.rows);
}

// The server's warming (ResidentNamesWarming): on a thread of its own from
// construction, it reads every village and says so once, in its line.
TEST_P(ResidentNamesTest, TheWarmingOnItsOwnThreadReadsEveryVillageAndSaysSo) {
  const UnitTree tree(units_, {});
  std::vector<std::string> lines;
  std::mutex mu;
  std::condition_variable said_it;
  {
    const ResidentNamesWarming warming(*db_, tree, [&](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu);
      lines.push_back(line);
      said_it.notify_all();
    });
    // (Destroyed at once, it would stop before reading: the server's stop.)
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(said_it.wait_for(lock, std::chrono::seconds(30), [&] { return !lines.empty(); }));
  }  // waits for the thread
  ASSERT_EQ(lines.size(), 1u);
  const std::string said = std::to_string(kVillages) + " villages' names read in ";
  EXPECT_EQ(lines[0].substr(0, said.size()), said) << lines[0];
  EXPECT_EQ(lines[0].substr(lines[0].size() - 2), " s") << lines[0];
  EXPECT_EQ(db_->resident_names().villages_kept(), size_t(kVillages));
}

}  // namespace

// The server's register search, one request's work (a benchmark, not a
// test): app/register_reads.h persons_page over each commune of a demo
// database, for the load benchmark's six searches (bench/http/run.sh), with
// every village's names kept in memory as a server keeps them
// (warm_resident_names), and the pages' persons kept as it keeps them
// (app/person_listings.h). Three ways, each over every commune and search:
//   quiet          nothing written between the searches: the reader
//                  connections' page caches stay full (from the second
//                  run on, every page's persons are kept);
//   after a commit a slip (premarital counselling, which changes no one's
//                  residence or status: the names and persons kept stay
//                  current) committed before each search, as under the load
//                  benchmark's mix, where each reader finds its page cache
//                  emptied;
//   after a marriage committed before each search (a spouse outside the
//                  register): the names kept stay, the persons kept are
//                  dropped and read again, as at a search's first page.
// For the second way the parts of a search are timed too, each in a read
// transaction of its own after a commit: the names matched in memory, the
// page's persons and places read (Store::placed_persons), their statuses
// (person_statuses: residence spells, marriages, divorces and deaths).
// Prints the median, p90 and max in milliseconds of each.
//
//   page_bench DB [RUNS]     (DB is written to: give it a copy; bench/search/page.sh makes one)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "app/person_statuses.h"
#include "app/register_reads.h"
#include "core/text.h"
#include "core/unit_tree.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void print(const char* what, std::vector<double> v) {
  if (v.empty()) return;
  std::sort(v.begin(), v.end());
  const double med = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  std::printf("  %-44s median %7.3f  p90 %7.3f  max %7.3f ms  (%zu)\n", what, med,
              v[std::min(v.size() - 1, size_t(double(v.size()) * 0.9))], v.back(), v.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: page_bench DB [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  auto opened = open_database(argv[1]);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().en.c_str());
    return 2;
  }
  Database& db = **opened;
  const auto [units, links] = db.read([](Store& s) { return std::make_pair(s.load_units(), s.load_unit_links()); });
  const UnitTree tree(units, links);
  const Date today = accounts::date_of(std::time(nullptr));  // as the server's requests have it
  // Each commune in force today and its villages.
  std::vector<std::vector<UnitId>> communes;
  for (const OrgUnit& c : units)
    if (c.kind == UnitKind::kCommune && !c.valid_to) {
      std::vector<UnitId> villages;
      for (const OrgUnit& v : units)
        if (v.kind == UnitKind::kVillage && !v.valid_to && v.parent == c.id) villages.push_back(v.id);
      std::sort(villages.begin(), villages.end());
      if (!villages.empty()) communes.push_back(std::move(villages));
    }
  const std::vector<std::string> searches = {"nguyen", "tran van", "le thi", "hoa", "minh", "pham thi lan"};
  std::atomic<bool> stop{false};
  auto t0 = Clock::now();
  const size_t kept = warm_resident_names(db, tree, stop);
  std::printf("%zu communes, %zu villages' names kept in %.0f ms\n", communes.size(), kept, ms_since(t0));

  // A slip that changes no residence, for a person living in the first
  // commune, on a day of its own each time (no duplicate).
  const auto [slip_person, slip_village] = db.read([&](Store& s) {
    std::vector<PlacedPerson> page;
    (void)s.persons_page(communes.front(), "", PersonFilter{}, 0, 1, page);
    return std::make_pair(page.at(0).person.id, page.at(0).village);
  });
  int64_t next_id = db.read([](Store& s) { return s.max_id(StoredTable::kEvents); });
  int slips = 0;
  auto commit = [&](EventType type = EventType::kPremaritalCounselling) {
    VitalEvent e;
    e.id = EventId{++next_id};
    e.type = type;
    e.date = Date::from_days(today.days() - 1 - (slips++ % 3000));
    e.village = slip_village;
    e.person = slip_person;
    e.recorded_on = e.date;
    if (type == EventType::kMarriage) e.spouse_name = "Người Ngoài Sổ", e.spouse_birth_year = 1990;  // generated
    const Status st = db.write([&](Store& s) -> Status { return s.upsert_events(std::vector<VitalEvent>{e}); });
    if (!st) {
      std::fprintf(stderr, "%s\n", st.error().en.c_str());
      std::exit(3);
    }
  };

  PersonFilter filter;
  filter.on = today;
  std::vector<double> quiet, after, married, matched, placed, statuses;
  int64_t rows = 0;
  std::map<std::string, std::vector<double>> matched_by;  // by search
  for (int r = 0; r < runs; ++r)
    for (const auto& villages : communes)
      for (const std::string& q : searches) {
        std::vector<ListedPerson> page;
        t0 = Clock::now();
        (void)persons_page(db, villages, q, filter, 0, 20, page);
        quiet.push_back(ms_since(t0));
        rows += int64_t(page.size());

        commit();
        page.clear();
        t0 = Clock::now();
        (void)persons_page(db, villages, q, filter, 0, 20, page);
        after.push_back(ms_since(t0));


        // The same search's parts, each after a commit of its own.
        const std::string folded = normalise_search(q);
        const std::vector<std::string_view> words = search_words(folded);
        std::vector<PersonAt> found;
        commit();
        const uint64_t commits = db.resident_commits();
        db.read([&](Store& s) {
          const auto m0 = Clock::now();
          found = db.resident_names().matches(villages, words, commits, s);
          matched.push_back(ms_since(m0));
          matched_by[q].push_back(matched.back());
        });
        if (found.size() > 20) found.resize(20);
        std::vector<PlacedPerson> places;
        commit();
        db.read([&](Store& s) {
          const auto p0 = Clock::now();
          s.placed_persons(found, places);
          placed.push_back(ms_since(p0));
        });
        std::vector<Person> persons;
        for (const PlacedPerson& p : places) persons.push_back(p.person);
        commit();
        db.read([&](Store& s) {
          const auto s0 = Clock::now();
          (void)person_statuses(s, persons, today);
          statuses.push_back(ms_since(s0));
        });
      }
  // The third way after the others, so that no marriage drops the persons
  // kept for them.
  for (int r = 0; r < runs; ++r)
    for (const auto& villages : communes)
      for (const std::string& q : searches) {
        commit(EventType::kMarriage);
        std::vector<ListedPerson> page;
        t0 = Clock::now();
        (void)persons_page(db, villages, q, filter, 0, 20, page);
        married.push_back(ms_since(t0));
      }
  std::printf("%zu searches a way (%lld rows on the quiet pages), %d slips committed\n", quiet.size(),
              static_cast<long long>(rows), slips);
  print("search, quiet", quiet);
  print("search, after a commit", after);
  print("search, after a marriage (persons read again)", married);
  std::printf("  (%zu persons kept, %llu taken as kept)\n", db.person_listings().persons_kept(),
              static_cast<unsigned long long>(db.person_listings().persons_reused()));
  print("  names matched (in memory)", matched);
  for (const auto& [q, v] : matched_by) print(("    \"" + q + "\"").c_str(), v);
  print("  persons and places (placed_persons)", placed);
  print("  statuses (person_statuses)", statuses);
  return 0;
}

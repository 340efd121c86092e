// The register's search by name over a whole province (a benchmark, not a
// test): the store's search, which reads the index of folded names
// (person_names, FTS5, migration 14), beside the query it replaced, which
// folded every name of the province's households (kept here verbatim, run on
// a second connection to the same database). Opening the store migrates an
// older database first; that time is printed too.
//
//   search_bench DB [RUNS]      (in build/release/bench/; bench/search/run.sh makes the databases)
//
// Queries: 20 full names and 20 family-and-middle names of persons picked
// through the register (every 997th person id), and five common words.
// Prints, per kind, the median, p90 and max of each way in milliseconds,
// and the matches each found (the two agree but where a word of the text
// is not the beginning of a word of a name, which the old query also found).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/text.h"
#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

namespace {

// The search before the index (page_store.cpp until schema 13): every
// person of the villages' households, each name folded and searched.
int64_t old_search(sqlite::Db& db, const std::string& villages, const std::string& folded) {
  const std::string from =
      " FROM (SELECT DISTINCT value AS id FROM json_each(?1)) v CROSS JOIN households h ON h.village_id = v.id"
      " CROSS JOIN persons p ON p.lives_in = h.id WHERE instr(danso_fold(p.name), ?4) > 0";
  sqlite::Stmt st(db.handle(),
                  "SELECT p.id, p.name, page.hh, page.vid, u.code, page.total FROM (SELECT p.id AS id, h.id AS hh,"
                  " h.village_id AS vid, COUNT(*) OVER () AS total" + from +
                  " ORDER BY p.id LIMIT ?2 OFFSET ?3) page CROSS JOIN persons p ON p.id = page.id"
                  " JOIN units u ON u.id = page.vid ORDER BY p.id");
  st.bind(1, villages).bind(2, int64_t(20)).bind(3, int64_t(0)).bind(4, folded);
  int64_t total = 0;
  while (st.step()) total = st.i64(5);
  return total;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void print_times(const char* kind, const char* way, std::vector<double> t, int64_t matches) {
  std::sort(t.begin(), t.end());
  const auto at = [&](double q) { return t[std::min(t.size() - 1, size_t(q * double(t.size() - 1) + 0.5))]; };
  std::printf("%-8s %-4s n=%3zu  median %8.2f ms  p90 %8.2f ms  max %8.2f ms  matches %lld\n", kind, way, t.size(),
              at(0.5), at(0.9), t.back(), static_cast<long long>(matches));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench DB [RUNS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const auto t_open = Clock::now();
  auto store = open_sqlite_store(path);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().en.c_str());
    return 1;
  }
  std::printf("open (and migrate) %s: %.1f s, schema %d\n", path.c_str(), ms_since(t_open) / 1000,
              (*store)->schema_version());
  sqlite::Db db(path, true);
  std::vector<UnitId> villages;
  std::string village_json = "[";
  {
    sqlite::Stmt st(db.handle(), "SELECT id FROM units WHERE kind = 'village' AND valid_to IS NULL ORDER BY id");
    while (st.step()) {
      villages.push_back(UnitId(st.i64(0)));
      village_json += (villages.size() > 1 ? "," : "") + std::to_string(villages.back().value);
    }
    village_json += "]";
  }
  int64_t persons = 0;
  {
    sqlite::Stmt st(db.handle(), "SELECT COUNT(*) FROM persons");
    if (st.step()) persons = st.i64(0);
  }
  std::printf("%lld persons, %zu villages (the whole province)\n", static_cast<long long>(persons), villages.size());
  struct Kind {
    const char* name;
    std::vector<std::string> texts;
  };
  Kind full{"full", {}}, family{"family", {}}, common{"common", {"nguyen", "tran van", "le thi", "hoa", "minh"}};
  {
    sqlite::Stmt st(db.handle(), "SELECT name FROM persons WHERE id % 997 = 0 ORDER BY id LIMIT 20");
    while (st.step()) {
      const std::string folded = fold_for_search(st.text(0));
      full.texts.push_back(folded);
      // Family and middle name: all but the last word.
      const size_t last = folded.rfind(' ');
      family.texts.push_back(last == std::string::npos ? folded : folded.substr(0, last));
    }
  }
  for (const Kind& kind : {full, family, common}) {
    std::vector<double> t_new, t_old;
    int64_t m_new = 0, m_old = 0;
    for (int r = 0; r < runs; ++r) {
      for (const std::string& text : kind.texts) {
        std::vector<PlacedPerson> page;
        auto t0 = Clock::now();
        const int64_t n = (*store)->persons_page(villages, text, PersonFilter{}, 0, 20, page);
        t_new.push_back(ms_since(t0));
        t0 = Clock::now();
        const int64_t o = old_search(db, village_json, text);
        t_old.push_back(ms_since(t0));
        if (r == 0) m_new += n, m_old += o;
      }
    }
    print_times(kind.name, "new", t_new, m_new);
    print_times(kind.name, "old", t_old, m_old);
  }
  return 0;
}

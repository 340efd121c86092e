// The register's search by name (a benchmark, not a test): the store's
// search (the index of folded names, person_names, FTS5, with its matches
// counted up to kSearchCountCap; for a few villages their persons' names)
// over the whole province, a district, a commune and two villages; beside
// it, over the province, the two queries it replaced, kept here verbatim
// and run on a second connection to the same database: the index with
// every match counted (until schema 18) and, with --scan, every name
// folded (until schema 13). Opening the store migrates an older database
// first; that time is printed too.
//
//   search_bench DB [RUNS] [--scan]   (in build/release/bench/; bench/search/run.sh makes the databases)
//
// Queries: 20 full names and 20 family-and-middle names of persons picked
// through the register (every 997th person id), and five common words.
// Prints, per kind and way, the median, p90 and max in milliseconds and the
// matches counted on the first pass (capped ones with "+").
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
int64_t scan_search(sqlite::Db& db, const std::string& villages, const std::string& folded) {
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

// The index with every match counted (page_store.cpp until schema 18): a
// window over all the matches in the villages.
std::string fts_query(const std::string& folded) {
  std::string out;
  for (std::string_view w : search_words(folded)) out += (out.empty() ? "\"" : " AND \"") + std::string(w) + "\"*";
  return out;
}
int64_t counted_search(sqlite::Db& db, const std::string& villages, const std::string& folded) {
  const std::string from =
      " FROM person_names f CROSS JOIN persons p ON p.id = f.rowid CROSS JOIN households h ON h.id = p.lives_in"
      " WHERE person_names MATCH ?4 AND h.village_id IN (SELECT value FROM json_each(?1))";
  sqlite::Stmt st(db.handle(),
                  "SELECT p.id, p.name, page.hh, page.vid, u.code, page.total FROM (SELECT p.id AS id, h.id AS hh,"
                  " h.village_id AS vid, COUNT(*) OVER () AS total" + from +
                  " ORDER BY p.id LIMIT ?2 OFFSET ?3) page CROSS JOIN persons p ON p.id = page.id"
                  " JOIN units u ON u.id = page.vid ORDER BY p.id");
  st.bind(1, villages).bind(2, int64_t(20)).bind(3, int64_t(0)).bind(4, fts_query(folded));
  int64_t total = 0;
  while (st.step()) total = st.i64(5);
  return total;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void print_times(const char* kind, const std::string& way, std::vector<double> t, int64_t matches, int capped) {
  std::sort(t.begin(), t.end());
  const auto at = [&](double q) { return t[std::min(t.size() - 1, size_t(q * double(t.size() - 1) + 0.5))]; };
  std::printf("%-7s %-22s n=%3zu  median %8.2f ms  p90 %8.2f ms  max %8.2f ms  matches %lld", kind, way.c_str(),
              t.size(), at(0.5), at(0.9), t.back(), static_cast<long long>(matches));
  if (capped) std::printf(" (%d capped)", capped);
  std::printf("\n");
  std::fflush(stdout);
}

std::string json_ids(const std::vector<UnitId>& ids) {
  std::string out = "[";
  for (UnitId id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id.value);
  return out + "]";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench DB [RUNS] [--scan]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const bool scan = argc > 3 && std::string(argv[3]) == "--scan";
  const auto t_open = Clock::now();
  auto store = open_sqlite_store(path);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().en.c_str());
    return 1;
  }
  std::printf("open (and migrate) %s: %.1f s, schema %d\n", path.c_str(), ms_since(t_open) / 1000,
              (*store)->schema_version());
  sqlite::Db db(path, true);
  // The scopes: every village; those of the first district, of its first
  // commune; the commune's first two villages (a collaborator's).
  struct Scope {
    const char* name;
    std::vector<UnitId> villages;
  };
  std::vector<Scope> scopes{{"province", {}}, {"district", {}}, {"commune", {}}, {"2 villages", {}}};
  {
    sqlite::Stmt st(db.handle(),
                    "SELECT v.id, c.id, c.parent_id FROM units v JOIN units c ON c.id = v.parent_id"
                    " WHERE v.kind = 'village' AND v.valid_to IS NULL ORDER BY c.parent_id, c.id, v.id");
    int64_t district = 0, commune = 0;
    while (st.step()) {
      const UnitId v(st.i64(0));
      if (!district) district = st.i64(2), commune = st.i64(1);
      scopes[0].villages.push_back(v);
      if (st.i64(2) == district) scopes[1].villages.push_back(v);
      if (st.i64(1) == commune) scopes[2].villages.push_back(v);
      if (st.i64(1) == commune && scopes[3].villages.size() < 2) scopes[3].villages.push_back(v);
    }
  }
  for (auto& sc : scopes) std::sort(sc.villages.begin(), sc.villages.end());
  int64_t persons = 0;
  {
    sqlite::Stmt st(db.handle(), "SELECT COUNT(*) FROM persons");
    if (st.step()) persons = st.i64(0);
  }
  std::printf("%lld persons; villages: province %zu, district %zu, commune %zu\n", static_cast<long long>(persons),
              scopes[0].villages.size(), scopes[1].villages.size(), scopes[2].villages.size());
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
  const std::string province_json = json_ids(scopes[0].villages);
  for (const Kind& kind : {full, family, common}) {
    for (const Scope& sc : scopes) {
      std::vector<double> t;
      int64_t matches = 0;
      int capped = 0;
      for (int r = 0; r < runs; ++r)
        for (const std::string& text : kind.texts) {
          std::vector<PlacedPerson> page;
          const auto t0 = Clock::now();
          const ListTotal n = (*store)->persons_page(sc.villages, text, PersonFilter{}, 0, 20, page);
          t.push_back(ms_since(t0));
          if (r == 0) matches += n.count, capped += n.capped;
        }
      print_times(kind.name, std::string("search, ") + sc.name, t, matches, capped);
    }
    std::vector<double> t_counted, t_scan;
    int64_t m_counted = 0, m_scan = 0;
    for (int r = 0; r < runs; ++r)
      for (const std::string& text : kind.texts) {
        auto t0 = Clock::now();
        const int64_t c = counted_search(db, province_json, text);
        t_counted.push_back(ms_since(t0));
        if (r == 0) m_counted += c;
        if (!scan) continue;
        t0 = Clock::now();
        const int64_t o = scan_search(db, province_json, text);
        t_scan.push_back(ms_since(t0));
        if (r == 0) m_scan += o;
      }
    print_times(kind.name, "all counted, province", t_counted, m_counted, 0);
    if (scan) print_times(kind.name, "scan, province", t_scan, m_scan, 0);
  }
  return 0;
}

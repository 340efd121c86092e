// The folded names of the persons who live in each village (its
// households' persons, as the store's persons_page reads them: those who
// live there now or lived there last), kept in memory between searches. A
// search by name over a commune's villages tests the names kept here
// instead of reading and folding every name of its villages from the
// database each time.
//
// A village's names are read again when a transaction that changed who
// lives where or a name has been committed since (Store::resident_commits,
// counted on the writer's connection) or when they are 30 to 60 seconds
// old (kMaxAge, by village: a write by another program, which that count
// does not see, shows within a minute).
//
//   const uint64_t commits = db.resident_commits();  // before the read transaction
//   db.read([&](Store& s) { auto found = db.resident_names().matches(villages, words, commits, s); ... });
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace danso {

class ResidentNames {
 public:
  // A search over more villages than a commune's goes to the store's index.
  static constexpr size_t kMaxVillages = 100;
  static constexpr std::chrono::seconds kMaxAge{60};
  // Past so many bytes kept, every village is dropped and read again when
  // searched (about 55 bytes a person: 1,000,000 persons in 55 MB).
  static constexpr size_t kMaxBytes = size_t(128) << 20;

  // The persons of `villages` whose folded names have a word beginning with
  // each of `words` (core/text.h search_words of the folded search text;
  // none: every person), by id. The names of a village are those read
  // before at `commits` (Store::resident_commits, read before the caller's
  // read transaction began) and recently enough; the others are read
  // now through `store`, inside that transaction, and kept.
  std::vector<PersonAt> matches(std::span<const UnitId> villages, std::span<const std::string_view> words,
                                   uint64_t commits, Store& store);

  // Reads through `store` the names of those of `villages` not kept (or
  // kept from before `commits` or too long ago), as a search over them
  // would, and keeps them: a server warms them so that its first searches
  // read no names (app/register_reads.h, warm_resident_names).
  void keep(std::span<const UnitId> villages, uint64_t commits, Store& store);

  // What is kept now: villages and bytes.
  size_t villages_kept() const;
  size_t bytes_kept() const;

 private:
  struct Village {
    uint64_t commits = 0;
    std::chrono::steady_clock::time_point read_at;
    std::chrono::steady_clock::duration lifetime;
    std::vector<int64_t> persons, households;  // by person id
    std::vector<uint32_t> ends;                // where each folded name ends in `names`
    std::string names;                         // the folded names, each followed by a line end
    // Where each word of the names begins in `names`, in the order of the
    // words (byte by byte): the words a search's word begins are those of
    // one run of it.
    std::vector<uint32_t> starts;
    void index_words();
    size_t bytes() const;
  };
  using Kept = std::shared_ptr<const Village>;
  // The names of `villages` (sorted, unique), read now when not current.
  std::vector<std::pair<UnitId, Kept>> kept(std::span<const UnitId> villages, uint64_t commits, Store& store);
  static void match_village(const Village& v, UnitId village, std::span<const std::string_view> words,
                            std::vector<PersonAt>& out);
  bool current(const Village& v, uint64_t commits, std::chrono::steady_clock::time_point now) const;

  mutable std::mutex mu_;
  std::unordered_map<int64_t, Kept> kept_;
  size_t bytes_ = 0;
};

}  // namespace danso

#include "app/person_listings.h"

#include <algorithm>

#include "app/person_statuses.h"

namespace danso {

void list_with_statuses(Store& store, std::vector<PlacedPerson>&& placed, Date on, std::vector<ListedPerson>& rows) {
  std::vector<Person> persons;
  persons.reserve(placed.size());
  for (const PlacedPerson& p : placed) persons.push_back(p.person);
  const std::vector<PersonStatus> statuses = person_statuses(store, persons, on);
  for (size_t i = 0; i < placed.size(); ++i) rows.push_back({std::move(placed[i]), statuses[i]});
}

const PersonListings::Kept* PersonListings::find(const PersonAt& at, Date on, uint64_t commits,
                                                 std::chrono::steady_clock::time_point now) const {
  if (commits != commits_) return nullptr;
  const auto it = kept_.find(at.person.value);
  if (it == kept_.end()) return nullptr;
  const Kept& k = it->second;
  // Found by the names kept in another household or village than when
  // read: not the same reading of the register.
  if (k.listed.status.on != on || k.listed.placed.household != at.household || k.listed.placed.village != at.village ||
      now - k.read_at >= kMaxAge)
    return nullptr;
  return &k;
}

void PersonListings::list(std::span<const PersonAt> page, Date on, uint64_t commits, Store& store,
                          std::vector<ListedPerson>& rows) {
  const auto now = std::chrono::steady_clock::now();
  std::vector<ListedPerson> out;
  out.reserve(page.size());
  std::vector<PersonAt> missing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (commits > commits_) kept_.clear(), commits_ = commits;
    for (const PersonAt& at : page) {
      if (const Kept* k = find(at, on, commits, now)) {
        out.push_back(k->listed);
        ++reused_;
      } else {
        missing.push_back(at);
      }
    }
  }
  if (!missing.empty()) {
    std::vector<PlacedPerson> placed;
    store.placed_persons(missing, placed);
    const size_t first_read = out.size();
    list_with_statuses(store, std::move(placed), on, out);
    std::lock_guard<std::mutex> lock(mu_);
    // Kept only when read at the count every person kept was read at: a
    // read that began before a later commit another search saw is not.
    if (commits == commits_) {
      if (kept_.size() + (out.size() - first_read) > kMaxPersons) kept_.clear();
      for (size_t i = first_read; i < out.size(); ++i)
        kept_.insert_or_assign(out[i].placed.person.id.value, Kept{out[i], now});
    }
  }
  // By id, as the store reads a page's persons.
  std::sort(out.begin(), out.end(),
            [](const ListedPerson& a, const ListedPerson& b) { return a.placed.person.id < b.placed.person.id; });
  for (ListedPerson& p : out) rows.push_back(std::move(p));
}

size_t PersonListings::persons_kept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return kept_.size();
}

uint64_t PersonListings::persons_reused() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reused_;
}

}  // namespace danso

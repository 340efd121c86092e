#include "app/resident_names.h"

#include <algorithm>

#include "core/text.h"

namespace danso {

namespace {

// The villages asked for, sorted, each once.
std::vector<UnitId> sorted_once(std::span<const UnitId> villages) {
  std::vector<UnitId> out(villages.begin(), villages.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

size_t ResidentNames::Village::bytes() const {
  return sizeof(Village) + (persons.capacity() + households.capacity()) * sizeof(int64_t) +
         (ends.capacity() + starts.capacity()) * sizeof(uint32_t) + names.capacity();
}

void ResidentNames::Village::index_words() {
  const std::string_view text(names);
  starts.clear();
  size_t from = 0;
  for (const uint32_t end : ends) {
    for (const std::string_view w : search_words(text.substr(from, end - from)))
      starts.push_back(uint32_t(w.data() - text.data()));
    from = size_t(end) + 1;
  }
  // The same words by where they are: the names of one word's run come in order.
  std::sort(starts.begin(), starts.end(), [&](uint32_t a, uint32_t b) {
    const std::string_view wa = word_at(text, a), wb = word_at(text, b);
    return wa != wb ? wa < wb : a < b;
  });
  starts.shrink_to_fit();
}

bool ResidentNames::current(const Village& v, uint64_t commits, std::chrono::steady_clock::time_point now) const {
  return v.commits == commits && now < v.read_at + v.lifetime;
}

// The words that begin with one word of the search (the one that begins
// the fewest) are found in the village's ordered words, and only their
// names are tested for the others.
void ResidentNames::match_village(const Village& v, UnitId village, std::span<const std::string_view> words,
                                  std::vector<PersonAt>& out) {
  const std::string_view names(v.names);
  auto name_at = [&](size_t i) {
    const size_t start = i == 0 ? 0 : v.ends[i - 1] + 1;
    return names.substr(start, v.ends[i] - start);
  };
  if (words.empty()) {
    for (size_t i = 0; i < v.persons.size(); ++i)
      out.push_back({PersonId(v.persons[i]), HouseholdId(v.households[i]), village});
    return;
  }
  using Run = std::pair<std::vector<uint32_t>::const_iterator, std::vector<uint32_t>::const_iterator>;
  const auto run_of = [&](std::string_view w) -> Run {
    const auto first =
        std::partition_point(v.starts.begin(), v.starts.end(), [&](uint32_t at) { return word_at(names, at) < w; });
    const auto last = std::partition_point(first, v.starts.end(), [&](uint32_t at) {
      return names.compare(at, w.size(), w) == 0;  // the word begins with w (all of w is word)
    });
    return {first, last};
  };
  auto [first, last] = run_of(words[0]);
  for (size_t k = 1; k < words.size() && first != last; ++k)
    if (const Run r = run_of(words[k]); r.second - r.first < last - first) first = r.first, last = r.second;
  // The names those words are in, in the names' order (by person id): the
  // name of each word found from the last one's onwards while the words go
  // forward in the names (one word's run does), else looked up.
  std::vector<uint32_t> found;
  found.reserve(size_t(last - first));
  bool forward = true;
  size_t name = 0;
  for (auto it = first; it != last; ++it) {
    if (it == first || *it < *(it - 1)) {
      name = size_t(std::upper_bound(v.ends.begin(), v.ends.end(), *it) - v.ends.begin());
      forward = forward && (found.empty() || name >= found.back());
    } else {
      while (v.ends[name] < *it) ++name;
    }
    if (found.empty() || found.back() != name) found.push_back(uint32_t(name));
  }
  if (!forward) {
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
  }
  for (const uint32_t i : found)
    if (words.size() == 1 || name_words_begin_with(name_at(i), words))
      out.push_back({PersonId(v.persons[i]), HouseholdId(v.households[i]), village});
}

std::vector<PersonAt> ResidentNames::matches(std::span<const UnitId> villages,
                                                std::span<const std::string_view> words, uint64_t commits,
                                                Store& store) {
  std::vector<PersonAt> out;
  for (const auto& [village, v] : kept(sorted_once(villages), commits, store)) match_village(*v, village, words, out);
  std::sort(out.begin(), out.end(), [](const PersonAt& a, const PersonAt& b) { return a.person < b.person; });
  return out;
}

void ResidentNames::keep(std::span<const UnitId> villages, uint64_t commits, Store& store) {
  kept(sorted_once(villages), commits, store);
}

std::vector<std::pair<UnitId, ResidentNames::Kept>> ResidentNames::kept(std::span<const UnitId> wanted,
                                                                        uint64_t commits, Store& store) {
  const auto now = std::chrono::steady_clock::now();

  std::vector<std::pair<UnitId, Kept>> found;
  std::vector<UnitId> missing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (UnitId v : wanted) {
      auto it = kept_.find(v.value);
      if (it != kept_.end() && current(*it->second, commits, now))
        found.emplace_back(v, it->second);
      else
        missing.push_back(v);
    }
  }
  if (!missing.empty()) {
    std::unordered_map<int64_t, std::shared_ptr<Village>> read;
    for (UnitId v : missing) {
      auto fresh = std::make_shared<Village>();
      fresh->commits = commits;
      fresh->read_at = now;
      // Between kMaxAge / 2 and kMaxAge by village, so that villages read
      // together are not all read again at once.
      fresh->lifetime = kMaxAge / 2 + kMaxAge / 2 * (v.value % 16) / 15;
      read.emplace(v.value, std::move(fresh));
    }
    std::string folded;
    for (const VillageResident& r : store.village_residents(missing)) {  // by person id
      auto it = read.find(r.village.value);
      if (it == read.end()) continue;
      Village& v = *it->second;
      fold_for_search(r.name, folded);
      v.persons.push_back(r.person.value);
      v.households.push_back(r.household.value);
      v.names += folded;
      v.ends.push_back(uint32_t(v.names.size()));
      v.names += '\n';  // between names: no word runs on into the next
    }
    for (auto& [id, v] : read) {
      v->persons.shrink_to_fit(), v->households.shrink_to_fit(), v->ends.shrink_to_fit(), v->names.shrink_to_fit();
      v->index_words();
    }
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [id, v] : read) {
      if (bytes_ + v->bytes() > kMaxBytes) kept_.clear(), bytes_ = 0;
      auto [it, fresh] = kept_.try_emplace(id);
      if (!fresh) bytes_ -= it->second->bytes();
      it->second = v;
      bytes_ += v->bytes();
      found.emplace_back(UnitId(id), v);
    }
  }
  return found;
}

size_t ResidentNames::villages_kept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return kept_.size();
}

size_t ResidentNames::bytes_kept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

}  // namespace danso

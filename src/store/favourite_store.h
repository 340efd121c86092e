// FavouriteStore: the analyses users saved (app/analysis/favourites.h): a
// name, the analysis's spec as JSON text, whether it is on the user's
// dashboard, and when it was made and last changed. One area of the Store
// (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace danso {

struct FavouriteRecord {
  int64_t id = 0;
  UserId user;
  std::string name;
  std::string spec;  // JSON object
  bool on_dashboard = false;
  std::string created_at, updated_at;  // ISO instants
};

class FavouriteStore {
 public:
  virtual ~FavouriteStore() = default;
  virtual Result<int64_t> insert_favourite(const FavouriteRecord& favourite) = 0;
  // The user's favourites, newest first (by creation, then id).
  virtual std::vector<FavouriteRecord> favourites_of(UserId user) = 0;
  virtual int64_t count_favourites(UserId user) = 0;
  virtual std::optional<FavouriteRecord> find_favourite(int64_t id) = 0;
  // Name, spec, on_dashboard and updated_at of the favourite `favourite.id`.
  virtual Status update_favourite(const FavouriteRecord& favourite) = 0;
  virtual Status delete_favourite(int64_t id) = 0;
};

}  // namespace danso

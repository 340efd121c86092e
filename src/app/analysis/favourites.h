// Favourites: analyses a user saved by name (GET/POST /api/v1/favourites,
// PATCH/DELETE /api/v1/favourites/{id}), each with its spec — the query of
// GET /api/v1/analysis as JSON, checked by the same parser, and the view
// (table, line, bar, map) — and whether it is on the user's dashboard. A
// user sees and changes only their own: another user's favourite answers
// exactly as one that does not exist.
//
//   Favourites favs(db, catalogue);
//   auto f = favs.create(user, body, in_scope, iso_instant(now));   // body {"name","spec","on_dashboard"}
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/analysis/analysis_query.h"
#include "app/database.h"

namespace danso::analysis {

inline constexpr size_t kMaxFavourites = 100;      // per user
inline constexpr size_t kMaxFavouriteName = 120;   // characters

// Whether a unit code names a unit of the caller's scope today.
using UnitInScope = std::function<bool(const std::string& code)>;

// The spec's query, checked as GET /api/v1/analysis checks its parameters
// (errors name the field as "spec.<name>"); a unit that is not in the
// caller's scope is not found (404 "spec.unit"), as one that does not exist.
// `view`: table (default), line, bar or map.
Result<AnalysisQuery> query_of_spec(const nlohmann::json& spec, const analytics::IndicatorCatalogue& catalogue,
                                    const UnitInScope& in_scope);

class Favourites {
 public:
  Favourites(Database& db, const analytics::IndicatorCatalogue& catalogue) : db_(db), catalogue_(catalogue) {}
  std::vector<FavouriteRecord> list(UserId user);
  // {"name": 1-120 characters, "spec": {...}, "on_dashboard": bool (default false)}; at most 100 a user.
  Result<FavouriteRecord> create(UserId user, const nlohmann::json& body, const UnitInScope& in_scope,
                                 const std::string& now);
  // Any of name, spec and on_dashboard.
  Result<FavouriteRecord> update(UserId user, int64_t id, const nlohmann::json& body, const UnitInScope& in_scope,
                                 const std::string& now);
  Status remove(UserId user, int64_t id);

 private:
  Database& db_;
  const analytics::IndicatorCatalogue& catalogue_;
};

// {"id","name","spec":{...},"on_dashboard","created_at","updated_at"}
nlohmann::ordered_json favourite_json(const FavouriteRecord& f);

}  // namespace danso::analysis

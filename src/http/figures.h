// The answers computed from the register snapshot (app/indicator_service.h),
// shared by the indicator and analysis routes. Every answer says when its
// snapshot was loaded (X-Danso-Figures-As-Of) and, while a refresh after a
// write is on its way, that it is about to change (X-Danso-Figures: stale).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/api.h"

namespace danso::http {

// The JSON answer kept under `key` in `snap`, saying how fresh it is:
// gzip-compressed (once, kept beside it) for a client that takes gzip.
// `generation`: the snapshot's when `body` was read or made (kept only if
// it is still the same); `stale`: whether it misses a write (read once by
// the caller).
Response figures_response(const Request& req, IndicatorSnapshot& snap, const std::string& key,
                          const std::shared_ptr<const std::string>& body, uint64_t generation, bool stale);
// The answer kept under `key` in `snap`, else `render()`'s (kept when it succeeded).
Response memoised(ApiContext& ctx, const Request& req, IndicatorSnapshot& snap, const std::string& key,
                  const std::function<Result<nlohmann::ordered_json>()>& render);
// An answer already rendered under `key`, at hand without waiting (see figures.cpp).
std::optional<QuickAnswer> at_hand(ApiContext& ctx, const RouteRequest& rq, const std::string& key);

}  // namespace danso::http

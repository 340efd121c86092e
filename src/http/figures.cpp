// The answers computed from the register snapshot (indicators, pyramid,
// catalogue, analysis): memoised per snapshot, gzip-compressed once, and
// saying how fresh they are (http/figures.h).
#include "http/figures.h"

#include "http/compression.h"

namespace danso::http {

// The JSON answer kept under `key` in `snap`, saying how fresh it is:
// gzip-compressed (once, kept beside it) for a client that takes gzip.
Response figures_response(const Request& req, IndicatorSnapshot& snap, const std::string& key,
                          const std::shared_ptr<const std::string>& body, uint64_t generation, bool stale) {
  std::shared_ptr<const std::string> sent = body;
  const bool zipped = body->size() >= kGzipFrom && accepts_gzip(req);
  if (zipped) {
    const std::string zkey = "gzip\n" + key;
    sent = snap.memo_or_make(zkey, generation, [&] { return std::make_shared<const std::string>(gzip(*body)); });
  }
  Response res = json_text_response(req, bhttp::status::ok, *sent);
  if (zipped) res.set(bhttp::field::content_encoding, "gzip");
  res.set(bhttp::field::vary, "Accept-Encoding");
  res.set("X-Danso-Figures-As-Of", snap.loaded_at());
  if (stale) res.set("X-Danso-Figures", "stale");
  return res;
}

// The answer kept under `key` in `snap`, else `render()`'s (kept when it succeeded).
Response memoised(ApiContext& ctx, const Request& req, IndicatorSnapshot& snap, const std::string& key,
                  const std::function<Result<nlohmann::ordered_json>()>& render) {
  const uint64_t generation = snap.generation();
  // Made once for the requests asking for it at the same time (as after an
  // update in place, which drops every kept answer).
  std::optional<Error> failed;
  auto body = snap.memo_or_make(key, generation, [&]() -> std::shared_ptr<const std::string> {
    auto json = render();
    if (!json) {
      failed = json.error();
      return nullptr;
    }
    return std::make_shared<const std::string>(json->dump());
  });
  if (!body)
    return error_response(req, failed ? *failed
                                      : Error{ErrorCode::kInternal, "", "không tính được số liệu",
                                              "the figures could not be computed"});
  return figures_response(req, snap, key, body, generation, ctx.indicators.stale(snap));
}

// An answer already rendered from a snapshot the caller need not wait for
// (it holds their own writes: IndicatorService::ready), at hand without
// waiting: tried on the connection's thread before the lane. To a
// keep-alive HTTP/1.1 request (a browser's, a load client's) it is given as
// the bytes of the whole response, made once per snapshot, key, encoding
// (gzip or not) and freshness (while writes are on their way, the bytes
// say stale; an update in place or a reload drops them with the rest).
std::optional<QuickAnswer> at_hand(ApiContext& ctx, const RouteRequest& rq, const std::string& key) {
  const Request& req = rq.http;
  auto snap = ctx.indicators.ready(rq.principal->session);
  if (!snap) return std::nullopt;
  const bool stale = ctx.indicators.stale(*snap);
  const bool wire = req.version() == 11 && req.keep_alive();
  const std::string wire_key = std::string(stale ? "stale-" : "") + (accepts_gzip(req) ? "wire-gzip\n" : "wire\n") + key;
  const uint64_t generation = snap->generation();
  if (wire)
    if (auto bytes = snap->memo(wire_key))
      return std::optional<QuickAnswer>(std::in_place, std::in_place_type<WireResponse>,
                                        WireResponse{200u, std::move(bytes)});
  auto body = snap->memo(key);
  if (!body) return std::nullopt;
  Response res = figures_response(req, *snap, key, body, generation, stale);
  if (!wire)
    return std::optional<QuickAnswer>(std::in_place, std::in_place_type<Response>, std::move(res));
  WireResponse w = to_wire(res);
  snap->remember(wire_key, w.bytes, generation);
  return std::optional<QuickAnswer>(std::in_place, std::in_place_type<WireResponse>, std::move(w));
}

}  // namespace danso::http

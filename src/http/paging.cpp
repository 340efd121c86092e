// What the list routes share: paging, the villages a list covers, query values.
#include <charconv>

#include "core/record_id.h"
#include "http/api.h"
#include "http/compression.h"

namespace danso::http {

namespace {

Result<int64_t> positive(const QueryParams& q, const char* name, int64_t fallback, int64_t max) {
  const auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return fallback;
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1 || v > max)
    return Error::invalid(name,
                          std::string("tham số '") + name + "' phải là số nguyên từ 1 đến " + std::to_string(max),
                          std::string("the parameter '") + name + "' must be a whole number from 1 to " +
                              std::to_string(max));
  return v;
}

}  // namespace

nlohmann::ordered_json page_json(const Paging& p, ListTotal total, const char* key, nlohmann::ordered_json items) {
  nlohmann::ordered_json out = {{"total", total.count}, {"page", p.page}, {"per_page", p.per_page}};
  if (total.capped) out["total_capped"] = true;
  out[key] = std::move(items);
  return out;
}

Result<Paging> parse_paging(const QueryParams& q) {
  Paging p;
  auto page = positive(q, "page", 1, 1'000'000);
  if (!page) return page.error();
  auto per_page = positive(q, "per_page", 50, 500);
  if (!per_page) return per_page.error();
  p.page = *page;
  p.per_page = *per_page;
  return p;
}

int64_t path_id(const RouteRequest& rq) { return record_id_of(rq.path.at("id")).value_or(0); }

std::string query_value(const QueryParams& q, const std::string& name) {
  const auto it = q.find(name);
  return it == q.end() ? std::string() : it->second;
}

WriteScope scope_of(ApiContext& ctx, const Principal& p, Date today) {
  return WriteScope{[&ctx, &p, today](UnitId unit) { return ctx.accounts.in_scope(p, unit, today); }};
}

std::string unit_or_own(const RouteRequest& rq, ApiContext& ctx) {
  std::string code = query_value(rq.query, "unit");
  if (code.empty())
    if (const OrgUnit* u = ctx.accounts.units().find(rq.principal->unit)) code = u->code;
  return code;
}

Result<Date> date_param(const QueryParams& q, const char* name, Date fallback) {
  const std::string v = query_value(q, name);
  if (v.empty()) return fallback;
  return Date::parse(v, name);
}

std::vector<UnitId> units_in_scope(ApiContext& ctx, const Principal& p, const std::string& code, bool villages_only) {
  const Date today = accounts::date_of(ctx.now());
  std::vector<UnitId> candidates;
  const UnitTree& tree = ctx.accounts.units();  // fixed while the server runs: no lock
  const OrgUnit* root = code.empty() ? tree.same_unit_on(p.unit, today) : tree.resolve(code, today);
  if (!root) return {};
  // With the earlier units each one succeeds: the households of a village
  // renamed, moved or merged keep the village id they were registered with.
  for (UnitId id : tree.subtree_on(root->id, today))
    if (const OrgUnit* u = tree.find(id); u && (!villages_only || u->kind == UnitKind::kVillage))
      for (UnitId earlier : tree.lineage(id)) candidates.push_back(earlier);
  std::vector<UnitId> out;
  for (UnitId v : candidates)
    if (ctx.accounts.in_scope(p, v, today)) out.push_back(v);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<UnitId> villages_in_scope(ApiContext& ctx, const Principal& p, const std::string& code) {
  return units_in_scope(ctx, p, code, true);
}

Result<std::vector<UnitId>> commune_villages_in_scope(ApiContext& ctx, const Principal& p, const std::string& code,
                                                      const std::string& list_vi, const std::string& list_en) {
  std::vector<UnitId> villages = villages_in_scope(ctx, p, code);
  if (villages.size() <= kCommuneListMaxVillages) return villages;
  const std::string n = std::to_string(villages.size()), most = std::to_string(kCommuneListMaxVillages);
  return Error::invalid("unit",
                        "đơn vị có " + n + " thôn, quá " + most + " thôn cho một " + list_vi +
                            "; hãy chọn một xã hoặc một thôn",
                        "the unit has " + n + " villages, more than the " + most + " a " + list_en +
                            " covers; choose a commune or a village");
}

Response json_page_response(const Request& req, const nlohmann::ordered_json& body) {
  Response res = json_response(req, bhttp::status::ok, body);
  res.set(bhttp::field::vary, "Accept-Encoding");
  if (res.body().size() < kGzipFrom || !accepts_gzip(req)) return res;
  res.body() = gzip(res.body());
  res.set(bhttp::field::content_encoding, "gzip");
  res.prepare_payload();
  return res;
}

}  // namespace danso::http

// The unit tree as the caller may see it: GET /api/v1/units/{code},
// GET /api/v1/units/{code}/children and, for the maps,
// GET /api/v1/units/{code}/boundaries (the children's outlines). The router has checked that {code} is
// in the caller's scope; children outside it (a collaborator's commune has
// villages that are not theirs) are left out.
#include "app/boundaries/map_features.h"
#include "http/api.h"
#include "http/compression.h"

namespace danso::http {

namespace {

nlohmann::ordered_json unit_json(const OrgUnit& u, const std::string& parent_code) {
  return {{"code", u.code},
          {"name", u.name},
          {"kind", kUnitKinds.code(u.kind)},
          {"level", u.level},
          {"parent", parent_code.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(parent_code)},
          {"valid_from", u.valid_from.iso()},
          {"valid_to", u.valid_to ? nlohmann::ordered_json(u.valid_to->iso()) : nlohmann::ordered_json(nullptr)},
          {"urban", u.attributes.urban},
          {"mountainous", u.attributes.mountainous}};
}

struct UnitView {
  OrgUnit unit;
  std::string parent_code;
  std::vector<OrgUnit> children;
};

// The unit holding `code` today, its parent's code and its children today.
std::optional<UnitView> view_of(ApiContext& ctx, const std::string& code, Date today) {
  const UnitTree& tree = ctx.accounts.units();  // fixed while the server runs: no lock
  const OrgUnit* u = tree.resolve(code, today);
  if (!u) return std::nullopt;
  UnitView v{*u, {}, {}};
  if (const OrgUnit* parent = tree.find(tree.parent_on(u->id, today))) v.parent_code = parent->code;
  for (UnitId c : tree.children_on(u->id, today))
    if (const OrgUnit* child = tree.find(c)) v.children.push_back(*child);
  std::sort(v.children.begin(), v.children.end(), [](const OrgUnit& a, const OrgUnit& b) { return a.code < b.code; });
  return v;
}

// The children of the unit that the caller may see.
std::vector<OrgUnit> visible_children(ApiContext& ctx, const RouteRequest& rq, const UnitView& v, Date today) {
  std::vector<OrgUnit> out;
  for (const OrgUnit& c : v.children)
    if (ctx.accounts.in_scope(*rq.principal, c.id, today)) out.push_back(c);
  return out;
}

}  // namespace

void add_unit_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/units/{code}",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kUnit, "code"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const auto v = view_of(ctx, rq.path.at("code"), today);
           if (!v) return not_found(rq.http);
           auto out = unit_json(v->unit, v->parent_code);
           out["children"] = visible_children(ctx, rq, *v, today).size();
           return json_response(rq.http, bhttp::status::ok, {{"unit", out}});
         },
         "one unit as it is today, with the number of its children the caller may see"});
  r.add({bhttp::verb::get, "/api/v1/units/{code}/children",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kUnit, "code"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const auto v = view_of(ctx, rq.path.at("code"), today);
           if (!v) return not_found(rq.http);
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const OrgUnit& c : visible_children(ctx, rq, *v, today)) list.push_back(unit_json(c, v->unit.code));
           return json_response(rq.http, bhttp::status::ok, {{"unit", unit_json(v->unit, v->parent_code)}, {"children", list}});
         },
         "the unit's children today that the caller may see, by code (the tree for navigation)"});
  r.add({bhttp::verb::get, "/api/v1/units/{code}/boundaries",
         Access::needs(Permission::kReadAggregates).scoped(ScopeKind::kUnit, "code"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           const auto v = view_of(ctx, rq.path.at("code"), today);
           if (!v) return not_found(rq.http);
           const std::vector<OrgUnit> visible = visible_children(ctx, rq, *v, today);
           // Outlines are large (Hà Tĩnh's 69 communes: 2.3 MB) and compress to about a third.
           std::string body = boundaries_feature_collection(ctx.db, visible);
           const bool zipped = body.size() >= kGzipFrom && accepts_gzip(rq.http);
           Response res = json_text_response(rq.http, bhttp::status::ok, zipped ? gzip(body) : std::move(body));
           if (zipped) res.set(bhttp::field::content_encoding, "gzip");
           res.set(bhttp::field::vary, "Accept-Encoding");
           return res;
         },
         "the outlines of the unit's children today that the caller may see, as a GeoJSON FeatureCollection"});
}

}  // namespace danso::http

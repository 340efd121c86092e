#include "app/analysis/favourites.h"

#include "core/text.h"

namespace danso::analysis {

namespace {

Error spec_error(const std::string& key, const std::string& vi, const std::string& en) {
  return Error::invalid("spec." + key, vi, en);
}

Error favourite_missing() {
  return Error::not_found("id", "không tìm thấy mục ưa thích", "favourite not found");
}

// The spec's members as the query parameters of GET /api/v1/analysis.
Result<AnalysisParams> params_of_spec(const nlohmann::json& spec) {
  if (!spec.is_object())
    return Error::invalid("spec", "'spec' phải là một đối tượng JSON", "'spec' must be a JSON object");
  AnalysisParams params;
  for (const auto& [key, value] : spec.items()) {
    if (key == "indicators" || key == "periods" || key == "rows" || key == "columns") {
      if (!value.is_array())
        return spec_error(key, "'" + key + "' phải là mảng chuỗi", "'" + key + "' must be an array of strings");
      std::string joined;
      for (const auto& item : value) {
        if (!item.is_string() || item.get<std::string>().find(',') != std::string::npos)
          return spec_error(key, "'" + key + "' phải là mảng chuỗi", "'" + key + "' must be an array of strings");
        joined += (joined.empty() ? "" : ",") + item.get<std::string>();
      }
      params[key] = joined;
    } else if (key == "unit" || key == "units" || key == "level" || key == "from" || key == "to" || key == "every" ||
               key == "view") {
      if (!value.is_string()) return spec_error(key, "'" + key + "' phải là chuỗi", "'" + key + "' must be a string");
      params[key] = value.get<std::string>();
    } else {
      return spec_error(key, "'spec' không có trường '" + key + "'", "'spec' has no field '" + key + "'");
    }
  }
  return params;
}

Status check_name(const nlohmann::json& name) {
  if (!name.is_string())
    return Error::invalid("name", "'name' phải là chuỗi", "'name' must be a string");
  const std::string text = name.get<std::string>();
  if (auto st = check_text_field(text, "name"); !st) return st;
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  if (trim(text).empty() || chars > kMaxFavouriteName)
    return Error::invalid("name", "tên mục ưa thích phải có từ 1 đến 120 ký tự",
                          "a favourite's name must have 1 to 120 characters");
  return {};
}

// The body's name, spec and on_dashboard, checked, applied to `f`.
Status apply_body(FavouriteRecord& f, const nlohmann::json& body, bool create,
                  const analytics::IndicatorCatalogue& catalogue, const UnitInScope& in_scope) {
  if (!body.is_object()) return Error::invalid("body", "nội dung phải là đối tượng JSON", "the body must be a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "name" && key != "spec" && key != "on_dashboard")
      return Error::invalid(key, "không có trường '" + key + "'", "there is no field '" + key + "'");
  if (create)
    for (const char* key : {"name", "spec"})
      if (!body.contains(key))
        return Error::invalid(key, std::string("thiếu trường '") + key + "'", std::string("the field '") + key + "' is missing");
  if (body.contains("name")) {
    if (auto st = check_name(body["name"]); !st) return st;
    f.name = std::string(trim(body["name"].get<std::string>()));
  }
  if (body.contains("spec")) {
    auto q = query_of_spec(body["spec"], catalogue, in_scope);
    if (!q) return q.error();
    f.spec = body["spec"].dump();
  }
  if (body.contains("on_dashboard")) {
    if (!body["on_dashboard"].is_boolean())
      return Error::invalid("on_dashboard", "'on_dashboard' phải là true hoặc false", "'on_dashboard' must be true or false");
    f.on_dashboard = body["on_dashboard"].get<bool>();
  }
  return {};
}

}  // namespace

Result<AnalysisQuery> query_of_spec(const nlohmann::json& spec, const analytics::IndicatorCatalogue& catalogue,
                                    const UnitInScope& in_scope) {
  auto params = params_of_spec(spec);
  if (!params) return params.error();
  const auto view = params->find("view");
  if (view != params->end()) {
    if (view->second != "table" && view->second != "line" && view->second != "bar" && view->second != "map")
      return spec_error("view", "'view' phải là table, line, bar hoặc map", "'view' must be table, line, bar or map");
    params->erase(view);
  }
  auto q = parse_analysis_query(*params, catalogue);
  if (!q) {
    Error e = q.error();
    e.field = "spec." + e.field;
    return e;
  }
  if (!in_scope(q->unit))
    return Error::not_found("spec.unit", "không tìm thấy đơn vị '" + q->unit + "'", "unit '" + q->unit + "' not found");
  return q;
}

std::vector<FavouriteRecord> Favourites::list(UserId user) {
  return db_.read([&](Store& s) { return s.favourites_of(user); });
}

Result<FavouriteRecord> Favourites::create(UserId user, const nlohmann::json& body, const UnitInScope& in_scope,
                                           const std::string& now) {
  FavouriteRecord f;
  f.user = user;
  f.created_at = f.updated_at = now;
  if (auto st = apply_body(f, body, true, catalogue_, in_scope); !st) return st.error();
  return db_.write([&](Store& s) -> Result<FavouriteRecord> {
    if (s.count_favourites(user) >= int64_t(kMaxFavourites))
      return Error::invalid("name", "mỗi người dùng lưu được nhiều nhất 100 mục ưa thích; hãy xóa bớt",
                            "a user may keep at most 100 favourites; delete some first");
    auto id = s.insert_favourite(f);
    if (!id) return id.error();
    f.id = *id;
    return f;
  });
}

Result<FavouriteRecord> Favourites::update(UserId user, int64_t id, const nlohmann::json& body,
                                           const UnitInScope& in_scope, const std::string& now) {
  auto found = db_.read([&](Store& s) { return s.find_favourite(id); });
  if (!found || found->user != user) return favourite_missing();
  FavouriteRecord f = *found;
  if (auto st = apply_body(f, body, false, catalogue_, in_scope); !st) return st.error();
  f.updated_at = now;
  return db_.write([&](Store& s) -> Result<FavouriteRecord> {
    auto again = s.find_favourite(id);  // deleted meanwhile: as missing
    if (!again || again->user != user) return favourite_missing();
    if (auto st = s.update_favourite(f); !st) return st.error();
    return f;
  });
}

Status Favourites::remove(UserId user, int64_t id) {
  return db_.write([&](Store& s) -> Status {
    auto found = s.find_favourite(id);
    if (!found || found->user != user) return favourite_missing();
    return s.delete_favourite(id);
  });
}

nlohmann::ordered_json favourite_json(const FavouriteRecord& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"spec", nlohmann::ordered_json::parse(f.spec, nullptr, false)},
          {"on_dashboard", f.on_dashboard},
          {"created_at", f.created_at},
          {"updated_at", f.updated_at}};
}

}  // namespace danso::analysis

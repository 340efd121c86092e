#include "app/programme/json_fields.h"

#include <cmath>

#include "core/text.h"

namespace danso::programme {

namespace {
const nlohmann::json kEmptyArray = nlohmann::json::array();
}

void JsonFields::problem(const std::string& path, const std::string& vi, const std::string& en) {
  problems_.push_back(Error::invalid(path, path + ": " + vi, path + ": " + en));
}

const nlohmann::json* JsonFields::member(const nlohmann::json& obj, const char* name, const std::string& path,
                                         bool required) {
  if (!obj.is_object()) {
    problem(path, "phải là một đối tượng JSON", "must be a JSON object");
    return nullptr;
  }
  const auto it = obj.find(name);
  if (it == obj.end() || (it->is_null() && required)) {
    if (required) problem(path, "thiếu trường bắt buộc", "a required member is missing");
    return nullptr;
  }
  return &*it;
}

std::string JsonFields::text(const nlohmann::json& obj, const char* name, const std::string& path, bool required) {
  const nlohmann::json* v = member(obj, name, path, required);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) {
    problem(path, "phải là chuỗi ký tự", "must be a string");
    return {};
  }
  std::string s = v->get<std::string>();
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      problem(path, "chứa ký tự điều khiển", "contains a control character");
      return {};
    }
  if (required && s.empty()) problem(path, "không được để trống", "must not be empty");
  return to_nfc(s);
}

std::optional<double> JsonFields::number_or_null(const nlohmann::json& obj, const char* name, const std::string& path,
                                                 bool required) {
  const nlohmann::json* v = member(obj, name, path, required);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_number()) {
    problem(path, "phải là số (dấu chấm thập phân) hoặc null", "must be a number (decimal point) or null");
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d)) {
    problem(path, "không phải số hữu hạn", "is not a finite number");
    return std::nullopt;
  }
  return d;
}

std::optional<int64_t> JsonFields::integer(const nlohmann::json& obj, const char* name, const std::string& path,
                                           bool required) {
  const nlohmann::json* v = member(obj, name, path, required);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_number_integer()) {
    problem(path, "phải là số nguyên", "must be a whole number");
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<bool> JsonFields::boolean(const nlohmann::json& obj, const char* name, const std::string& path) {
  const nlohmann::json* v = member(obj, name, path, false);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_boolean()) {
    problem(path, "phải là true hoặc false", "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<Date> JsonFields::date(const nlohmann::json& obj, const char* name, const std::string& path,
                                     bool required) {
  const std::string s = text(obj, name, path, required);
  if (s.empty()) return std::nullopt;
  auto d = Date::parse(s, path);
  if (!d) {
    problem(path, "ngày không hợp lệ (YYYY-MM-DD): " + s, "not a valid date (YYYY-MM-DD): " + s);
    return std::nullopt;
  }
  return *d;
}

const nlohmann::json& JsonFields::array(const nlohmann::json& obj, const char* name, const std::string& path,
                                        bool required) {
  const nlohmann::json* v = member(obj, name, path, required);
  if (!v || v->is_null()) return kEmptyArray;
  if (!v->is_array()) {
    problem(path, "phải là một mảng", "must be an array");
    return kEmptyArray;
  }
  return *v;
}

Result<nlohmann::json> parse_json_object(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded())
    return Error::invalid("file", "tệp không phải JSON hợp lệ", "the file is not valid JSON");
  if (!doc.is_object())
    return Error::invalid("file", "tệp phải là một đối tượng JSON", "the file must be one JSON object");
  return doc;
}

Error first_of(const std::vector<Error>& problems) {
  Error e = problems.front();
  if (problems.size() > 1) {
    const std::string n = std::to_string(problems.size() - 1);
    e.vi += " (và " + n + " lỗi khác)";
    e.en += " (and " + n + " more problems)";
  }
  return e;
}

}  // namespace danso::programme

// Reading the programme's JSON files (plans, rule sets, training plans,
// tasks) member by member: each read names its place in the file
// ("targets[3].goals[0].kind") and a wrong or missing member adds a problem
// in Vietnamese and English instead of throwing, so a file's every problem
// is reported at once.
//
//   JsonFields f(problems);
//   std::string number = f.text(doc, "number", "number");          // required
//   std::optional<double> v = f.number_or_null(goal, "value", "targets[0].goals[1].value");
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace danso::programme {

class JsonFields {
 public:
  explicit JsonFields(std::vector<Error>& problems) : problems_(problems) {}

  // The member `name` of `obj` (an object); null when absent, a problem when required.
  const nlohmann::json* member(const nlohmann::json& obj, const char* name, const std::string& path, bool required);
  // A non-empty string without control characters.
  std::string text(const nlohmann::json& obj, const char* name, const std::string& path, bool required = true);
  std::optional<double> number_or_null(const nlohmann::json& obj, const char* name, const std::string& path,
                                       bool required = false);
  std::optional<int64_t> integer(const nlohmann::json& obj, const char* name, const std::string& path,
                                 bool required = true);
  std::optional<bool> boolean(const nlohmann::json& obj, const char* name, const std::string& path);
  std::optional<Date> date(const nlohmann::json& obj, const char* name, const std::string& path, bool required = true);
  // An array member (empty when absent and not required).
  const nlohmann::json& array(const nlohmann::json& obj, const char* name, const std::string& path, bool required);
  void problem(const std::string& path, const std::string& vi, const std::string& en);
  bool ok() const { return problems_.empty(); }

 private:
  std::vector<Error>& problems_;
};

// Parses `text` as one JSON object, or the problem saying why not.
Result<nlohmann::json> parse_json_object(std::string_view text);

// `first` with "(and N more problems)" when there are others.
Error first_of(const std::vector<Error>& problems);

}  // namespace danso::programme

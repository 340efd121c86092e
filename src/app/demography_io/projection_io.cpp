#include "app/demography_io/projection_io.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "demography/life_table.h"

namespace danso {

using demography::LifeSex;
using nlohmann::json;

namespace {

Error bad(const std::string& field, const std::string& vi, const std::string& en) { return Error::invalid(field, vi, en); }

Result<std::vector<double>> numbers(const json& j, const std::string& field) {
  if (!j.is_array()) return bad(field, field + " phải là mảng số", field + " must be an array of numbers");
  std::vector<double> out;
  for (const auto& v : j) {
    if (!v.is_number()) return bad(field, field + " phải là mảng số", field + " must be an array of numbers");
    out.push_back(v.get<double>());
  }
  return out;
}

Result<int> integer(const json& doc, const char* key, int fallback) {
  if (!doc.contains(key)) return fallback;
  const json& v = doc[key];
  if (!v.is_number_integer())
    return bad(key, std::string(key) + " phải là số nguyên", std::string(key) + " must be an integer");
  return v.get<int>();
}

// A value that is the same for every step, or a list with one entry per step.
template <typename IsSingle>
Result<json> for_step(const json& j, size_t step, size_t steps, const std::string& field, IsSingle is_single) {
  if (is_single(j)) return j;
  if (!j.is_array() || j.size() != steps)
    return bad(field, field + ": cần một giá trị hoặc danh sách " + std::to_string(steps) + " giá trị (mỗi bước một)",
               field + ": give one value or a list of " + std::to_string(steps) + " (one per step)");
  return j[step];
}

bool is_number_array(const json& j) { return j.is_array() && (j.empty() || j[0].is_number()); }

// nLx of the projection's groups from death rates: an abridged life table
// (ages 0, 1, 5, ..., open) for 5-year steps, a complete one for 1-year steps,
// with the default nax rules.
Result<std::vector<double>> lx_from_mx(const std::vector<double>& mx, size_t k, int n, double radix, LifeSex sex,
                                       const std::string& field) {
  const size_t expected = n == 5 ? k + 1 : k;
  if (mx.size() != expected)
    return bad(field, field + ": mx cần " + std::to_string(expected) + (n == 5 ? " giá trị (tuổi 0, 1, 5, ..., nhóm mở)" : " giá trị (mỗi tuổi một)"),
               field + ": mx needs " + std::to_string(expected) + (n == 5 ? " values (ages 0, 1, 5, ..., open)" : " values (one per age)"));
  const demography::LifeTableOptions o{.sex = sex, .radix = radix, .a0_rule = demography::A0Rule::kCoaleDemeny, .ax = {}};
  auto t = n == 5 ? demography::abridged_life_table(mx, o) : demography::complete_life_table(mx, o);
  if (!t) return bad(field, field + ": " + t.error().vi, field + ": " + t.error().en);
  auto L = demography::projection_lx(*t, n, k);
  if (!L) return bad(field, field + ": " + L.error().vi, field + ": " + L.error().en);
  return L;
}

Status sex_inputs(const json& sex, size_t step, size_t steps, size_t k, int n, double radix, LifeSex which,
                  const std::string& name, demography::SexInputs& out) {
  for (const auto& [key, value] : sex.items())
    if (key != "population" && key != "Lx" && key != "survival" && key != "mx" && key != "net_migration" &&
        !(key == "asfr" && name == "female"))
      return bad(name + "." + key, name + ": khóa không biết '" + key + "'", name + ": unknown key '" + key + "'");
  int given = 0;
  for (const char* key : {"Lx", "survival", "mx"}) {
    if (!sex.contains(key)) continue;
    ++given;
    const std::string field = name + "." + key;
    auto v = for_step(sex[key], step, steps, field, is_number_array);
    if (!v) return v.error();
    auto nums = numbers(*v, field);
    if (!nums) return nums.error();
    if (std::string(key) == "Lx") out.Lx = *nums;
    else if (std::string(key) == "survival") out.survival = *nums;
    else {
      auto L = lx_from_mx(*nums, k, n, radix, which, field);
      if (!L) return L.error();
      out.Lx = *L;
    }
  }
  if (given != 1)
    return bad(name, name + " cần đúng một trong Lx, survival, mx", name + " needs exactly one of Lx, survival, mx");
  if (sex.contains("net_migration")) {
    auto v = for_step(sex["net_migration"], step, steps, name + ".net_migration", is_number_array);
    if (!v) return v.error();
    auto nums = numbers(*v, name + ".net_migration");
    if (!nums) return nums.error();
    out.net_migration = *nums;
  }
  return {};
}

// ASFRs keyed by the first age of their group (a multiple of the step).
Result<std::vector<double>> asfr_by_group(const json& j, size_t k, int n) {
  std::vector<double> asfr(k, 0.0);
  for (const auto& [key, rate] : j.items()) {
    int age = -1;
    auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), age);
    if (ec != std::errc() || p != key.data() + key.size() || age < 0 || age % n != 0 || size_t(age / n) >= k)
      return bad("female.asfr", "khóa asfr phải là tuổi đầu của một nhóm tuổi: '" + key + "'",
                 "asfr keys must be the first age of an age group: '" + key + "'");
    if (!rate.is_number() || !(rate.get<double>() >= 0))
      return bad("female.asfr", "asfr ở tuổi " + key + " phải là số không âm", "asfr at age " + key + " must be a non-negative number");
    asfr[size_t(age / n)] = rate.get<double>();
  }
  return asfr;
}

std::string age_label(size_t i, size_t k, int step) {
  return std::to_string(i * size_t(step)) + (i + 1 == k ? "+" : "");
}

}  // namespace

Result<demography::ProjectionInputs> projection_inputs_from_json(const json& doc) {
  demography::ProjectionInputs in;
  if (!doc.is_object()) return bad("input", "đầu vào phải là một đối tượng JSON", "the input must be a JSON object");
  for (const auto& [key, value] : doc.items())
    if (key != "step" && key != "steps" && key != "base_year" && key != "migration_timing" && key != "radix" &&
        key != "srb" && key != "female" && key != "male")
      return bad(key, "khóa không biết '" + key + "'", "unknown key '" + key + "'");
  auto step = integer(doc, "step", 5);
  if (!step) return step.error();
  if (*step != 1 && *step != 5) return bad("step", "step phải là 1 hoặc 5", "step must be 1 or 5");
  in.step = *step;
  auto base_year = integer(doc, "base_year", 0);
  if (!base_year) return base_year.error();
  in.base_year = *base_year;
  if (doc.contains("radix")) {
    if (!doc["radix"].is_number() || !(doc["radix"].get<double>() > 0))
      return bad("radix", "radix phải là số dương", "radix must be a positive number");
    in.radix = doc["radix"].get<double>();
  }
  const json timing = doc.contains("migration_timing") ? doc["migration_timing"] : json("even");
  if (timing != "even" && timing != "end")
    return bad("migration_timing", "migration_timing phải là even hoặc end", "migration_timing must be even or end");
  in.timing = timing == "end" ? demography::MigrationTiming::kEnd : demography::MigrationTiming::kEven;
  auto steps = integer(doc, "steps", 1);
  if (!steps) return steps.error();
  if (*steps < 1 || *steps > 200) return bad("steps", "steps phải từ 1 đến 200", "steps must be 1 to 200");
  for (const char* sex : {"female", "male"})
    if (!doc.contains(sex) || !doc[sex].is_object() || !doc[sex].contains("population"))
      return bad(sex, std::string(sex) + " cần population", std::string(sex) + " needs a population");
  auto f = numbers(doc["female"]["population"], "female.population");
  if (!f) return f.error();
  auto m = numbers(doc["male"]["population"], "male.population");
  if (!m) return m.error();
  in.female = *f;
  in.male = *m;
  const size_t k = in.female.size();
  if (k < 3 || in.male.size() != k)
    return bad("male.population", "dân số nữ và nam cần cùng số nhóm tuổi (ít nhất 3)",
               "female and male populations need the same number of age groups (3 or more)");
  for (int s = 0; s < *steps; ++s) {
    demography::StepInputs st;
    if (auto x = sex_inputs(doc["female"], size_t(s), size_t(*steps), k, in.step, in.radix, LifeSex::kFemale, "female", st.female); !x)
      return x.error();
    if (auto x = sex_inputs(doc["male"], size_t(s), size_t(*steps), k, in.step, in.radix, LifeSex::kMale, "male", st.male); !x)
      return x.error();
    if (doc.contains("srb")) {
      auto v = for_step(doc["srb"], size_t(s), size_t(*steps), "srb", [](const json& j) { return j.is_number(); });
      if (!v) return v.error();
      if (!v->is_number()) return bad("srb", "srb phải là số (bé trai trên một bé gái)", "srb must be a number (boys per girl)");
      st.srb = v->get<double>();
    }
    if (doc["female"].contains("asfr")) {
      auto v = for_step(doc["female"]["asfr"], size_t(s), size_t(*steps), "female.asfr", [](const json& j) { return j.is_object(); });
      if (!v) return v.error();
      if (!v->is_object())
        return bad("female.asfr", "asfr phải là đối tượng {\"tuổi\": tỷ suất}", "asfr must be an object {\"age\": rate}");
      auto a = asfr_by_group(*v, k, in.step);
      if (!a) return a.error();
      st.asfr = *a;
    }
    in.steps.push_back(std::move(st));
  }
  return in;
}

Result<demography::ProjectionInputs> projection_inputs_from_text(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return bad("input", "JSON không hợp lệ", "invalid JSON");
  return projection_inputs_from_json(doc);
}

nlohmann::ordered_json projection_json(const demography::ProjectionInputs& in,
                                       const std::vector<demography::ProjectionStep>& steps) {
  nlohmann::ordered_json out;
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& s : steps) {
    nlohmann::ordered_json j;
    j["year"] = s.year;
    j["female"] = {{"population", s.female.population}, {"deaths", s.female.deaths}};
    j["male"] = {{"population", s.male.population}, {"deaths", s.male.deaths}};
    nlohmann::ordered_json by_age = nlohmann::ordered_json::object();
    for (size_t i = 0; i < s.births_by_mother_age.size(); ++i)
      if (s.births_by_mother_age[i] > 0) by_age[std::to_string(i * size_t(in.step))] = s.births_by_mother_age[i];
    j["births"] = {{"total", s.births}, {"female", s.births_female}, {"male", s.births_male}, {"by_mother_age", by_age}};
    arr.push_back(j);
  }
  out["steps"] = arr;
  return out;
}

std::string projection_csv(const demography::ProjectionInputs& in, const std::vector<demography::ProjectionStep>& steps) {
  std::ostringstream out;
  out << "year,sex,age,population,deaths,births_by_mother_age\n";
  char buf[256];
  for (const auto& s : steps)
    for (const auto* sex : {&s.female, &s.male}) {
      const bool female = sex == &s.female;
      const size_t k = sex->population.size();
      for (size_t i = 0; i < k; ++i) {
        std::snprintf(buf, sizeof buf, "%d,%s,%s,%.10g,%.10g,", s.year, female ? "F" : "M",
                      age_label(i, k, in.step).c_str(), sex->population[i], sex->deaths[i]);
        out << buf;
        if (female) {
          std::snprintf(buf, sizeof buf, "%.10g", s.births_by_mother_age[i]);
          out << buf;
        }
        out << '\n';
      }
    }
  return out.str();
}

std::string projection_text(const demography::ProjectionInputs& in, const std::vector<demography::ProjectionStep>& steps) {
  std::ostringstream out;
  char buf[200];
  for (const auto& s : steps) {
    double f = 0, m = 0, df = 0, dm = 0;
    for (double v : s.female.population) f += v;
    for (double v : s.male.population) m += v;
    for (double v : s.female.deaths) df += v;
    for (double v : s.male.deaths) dm += v;
    std::snprintf(buf, sizeof buf, "%d  total %.0f (female %.0f, male %.0f)  births %.0f (girls %.0f, boys %.0f)  deaths %.0f\n",
                  s.year, f + m, f, m, s.births, s.births_female, s.births_male, df + dm);
    out << buf;
    std::snprintf(buf, sizeof buf, "  %5s %12s %12s %10s %10s %10s\n", "age", "female", "male", "deaths F", "deaths M",
                  "births");
    out << buf;
    const size_t k = s.female.population.size();
    for (size_t i = 0; i < k; ++i) {
      std::snprintf(buf, sizeof buf, "  %5s %12.0f %12.0f %10.0f %10.0f %10.0f\n", age_label(i, k, in.step).c_str(),
                    s.female.population[i], s.male.population[i], s.female.deaths[i], s.male.deaths[i],
                    s.births_by_mother_age[i]);
      out << buf;
    }
  }
  return out.str();
}

}  // namespace danso

#include "app/demography_io/projection_io.h"

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

// A value that is the same for every step, or a list with one entry per step.
// `is_single` tells a single value from a list of them.
template <typename IsSingle>
Result<json> for_step(const json& j, size_t step, size_t steps, const std::string& field, IsSingle is_single) {
  if (is_single(j)) return j;
  if (!j.is_array() || j.size() != steps)
    return bad(field, field + ": cần một giá trị hoặc danh sách " + std::to_string(steps) + " giá trị (mỗi bước một)",
               field + ": give one value or a list of " + std::to_string(steps) + " (one per step)");
  return j[step];
}

bool is_number_array(const json& j) { return j.is_array() && (j.empty() || j[0].is_number()); }

// nLx of the projection's groups from death rates: abridged ages 0, 1, 5, ...
// for 5-year steps, single ages for 1-year steps.
Result<std::vector<double>> lx_from_mx(const std::vector<double>& mx, size_t k, int n, double radix, LifeSex sex,
                                       const std::string& field) {
  std::vector<double> ages, widths;
  if (n == 5) {
    if (mx.size() != k + 1)
      return bad(field, field + ": mx cần " + std::to_string(k + 1) + " giá trị (tuổi 0, 1, 5, ..., nhóm mở)",
                 field + ": mx needs " + std::to_string(k + 1) + " values (ages 0, 1, 5, ..., open)");
    ages = {0, 1};
    widths = {1, 4};
    for (size_t i = 1; i < k; ++i) ages.push_back(5.0 * double(i)), widths.push_back(5);
  } else {
    if (mx.size() != k) return bad(field, field + ": mx cần một giá trị mỗi tuổi", field + ": mx needs one value per age");
    for (size_t i = 0; i < k; ++i) ages.push_back(double(i)), widths.push_back(1);
  }
  widths.back() = 0;
  auto t = demography::life_table(ages, widths, mx, {.sex = sex, .radix = radix, .a0_rule = demography::A0Rule::kCoaleDemeny, .ax = {}});
  if (!t) return bad(field, field + ": " + t.error().vi, field + ": " + t.error().en);
  std::vector<double> L;
  if (n == 5) {
    L.push_back(t->rows[0].Lx + t->rows[1].Lx);
    for (size_t i = 2; i < t->rows.size(); ++i) L.push_back(t->rows[i].Lx);
  } else {
    for (const auto& r : t->rows) L.push_back(r.Lx);
  }
  return L;
}

Status sex_inputs(const json& sex, size_t step, size_t steps, size_t k, int n, double radix, LifeSex which,
                  const std::string& name, demography::SexInputs& out) {
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

}  // namespace

Result<demography::ProjectionInputs> projection_inputs_from_json(const json& doc) {
  demography::ProjectionInputs in;
  if (!doc.is_object()) return bad("input", "đầu vào phải là một đối tượng JSON", "the input must be a JSON object");
  in.step = doc.value("step", 5);
  in.base_year = doc.value("base_year", 0);
  in.radix = doc.value("radix", 100000.0);
  const std::string timing = doc.value("migration_timing", std::string("even"));
  if (timing != "even" && timing != "end")
    return bad("migration_timing", "migration_timing phải là even hoặc end", "migration_timing must be even or end");
  in.timing = timing == "end" ? demography::MigrationTiming::kEnd : demography::MigrationTiming::kEven;
  const int steps = doc.value("steps", 1);
  if (steps < 1 || steps > 200) return bad("steps", "steps phải từ 1 đến 200", "steps must be 1 to 200");
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
  for (int s = 0; s < steps; ++s) {
    demography::StepInputs st;
    if (auto x = sex_inputs(doc["female"], size_t(s), size_t(steps), k, in.step, in.radix, LifeSex::kFemale, "female", st.female); !x)
      return x.error();
    if (auto x = sex_inputs(doc["male"], size_t(s), size_t(steps), k, in.step, in.radix, LifeSex::kMale, "male", st.male); !x)
      return x.error();
    if (doc.contains("srb")) {
      auto v = for_step(doc["srb"], size_t(s), size_t(steps), "srb", [](const json& j) { return j.is_number(); });
      if (!v) return v.error();
      if (!v->is_number()) return bad("srb", "srb phải là số (bé trai trên một bé gái)", "srb must be a number (boys per girl)");
      st.srb = v->get<double>();
    }
    if (doc["female"].contains("asfr")) {
      auto v = for_step(doc["female"]["asfr"], size_t(s), size_t(steps), "female.asfr", [](const json& j) { return j.is_object(); });
      if (!v) return v.error();
      st.asfr.assign(k, 0.0);
      for (const auto& [age, rate] : v->items()) {
        size_t group = 0;
        try {
          group = size_t(std::stoi(age)) / size_t(in.step);
        } catch (...) {
          return bad("female.asfr", "khóa asfr phải là tuổi đầu nhóm: '" + age + "'", "asfr keys must be the group's first age: '" + age + "'");
        }
        if (group >= k || !rate.is_number())
          return bad("female.asfr", "asfr không hợp lệ ở tuổi " + age, "invalid asfr at age " + age);
        st.asfr[group] = rate.get<double>();
      }
    }
    in.steps.push_back(std::move(st));
  }
  return in;
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
  out << "year,sex,age,population,deaths\n";
  for (const auto& s : steps)
    for (const auto* sex : {&s.female, &s.male})
      for (size_t i = 0; i < sex->population.size(); ++i)
        out << s.year << ',' << (sex == &s.female ? "F" : "M") << ',' << i * size_t(in.step)
            << (i + 1 == sex->population.size() ? "+" : "") << ',' << sex->population[i] << ',' << sex->deaths[i] << '\n';
  return out.str();
}

std::string projection_text(const demography::ProjectionInputs& in, const std::vector<demography::ProjectionStep>& steps) {
  std::ostringstream out;
  char buf[160];
  for (const auto& s : steps) {
    double f = 0, m = 0;
    for (double v : s.female.population) f += v;
    for (double v : s.male.population) m += v;
    std::snprintf(buf, sizeof buf, "%d  total %.0f  (female %.0f, male %.0f)  births %.0f\n", s.year, f + m, f, m, s.births);
    out << buf;
    for (size_t i = 0; i < s.female.population.size(); ++i) {
      std::snprintf(buf, sizeof buf, "  %3zu%s  %12.0f %12.0f\n", i * size_t(in.step), i + 1 == s.female.population.size() ? "+" : " ",
                    s.female.population[i], s.male.population[i]);
      out << buf;
    }
  }
  return out.str();
}

}  // namespace danso

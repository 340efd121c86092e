#include "demography/projection.h"

#include <cmath>
#include <string>

namespace danso::demography {

namespace {

Error bad(const std::string& field, const std::string& vi, const std::string& en) {
  return Error::invalid(field, vi, en);
}

std::string num(size_t v) { return std::to_string(v); }

Status finite_non_negative(const std::vector<double>& v, const std::string& field) {
  for (size_t i = 0; i < v.size(); ++i)
    if (!(v[i] >= 0) || !std::isfinite(v[i]))
      return bad(field, field + "[" + num(i) + "] phải là số không âm", field + "[" + num(i) + "] must be a non-negative number");
  return {};
}

Result<std::vector<double>> ratios(const SexInputs& s, size_t k, int n, double radix, const std::string& sex) {
  if (!s.survival.empty()) {
    if (s.survival.size() != k)
      return bad(sex + ".survival", sex + ".survival phải có " + num(k) + " giá trị", sex + ".survival needs " + num(k) + " values");
    if (auto st = finite_non_negative(s.survival, sex + ".survival"); !st) return st.error();
    return s.survival;
  }
  if (s.Lx.size() != k)
    return bad(sex + ".Lx", sex + ".Lx phải có " + num(k) + " giá trị", sex + ".Lx needs " + num(k) + " values");
  auto r = survival_ratios(s.Lx, n, radix);
  if (!r) return bad(sex + ".Lx", sex + ": " + r.error().vi, sex + ": " + r.error().en);
  return r;
}

Status check_migration(const std::vector<double>& mig, size_t k, const std::string& field) {
  if (mig.empty()) return {};
  if (mig.size() != k)
    return bad(field, field + " phải có một giá trị cho mỗi nhóm tuổi (" + num(k) + ")",
               field + " needs one value per age group (" + num(k) + ")");
  for (double v : mig)
    if (!std::isfinite(v)) return bad(field, field + " phải là số", field + " must be numbers");
  return {};
}

// Survives one sex over the step (without its births). `start` is the
// population exposed at the start (with the start share of migrants).
std::vector<double> survive(const std::vector<double>& start, const std::vector<double>& S, SexResult& res) {
  const size_t k = start.size();
  std::vector<double> next(k, 0.0);
  res.deaths.assign(k, 0.0);
  for (size_t i = 0; i + 2 < k; ++i) {
    next[i + 1] = start[i] * S[i];
    res.deaths[i + 1] = start[i] - next[i + 1];
  }
  const double open = start[k - 2] + start[k - 1];
  next[k - 1] = open * S[k - 2];
  res.deaths[k - 1] = open - next[k - 1];
  return next;
}

}  // namespace

Result<std::vector<double>> survival_ratios(const std::vector<double>& L, int n, double radix) {
  const size_t k = L.size();
  if (k < 3) return bad("Lx", "Lx cần ít nhất 3 nhóm tuổi", "Lx needs at least 3 age groups");
  if (!(radix > 0)) return bad("radix", "radix phải dương", "the radix must be positive");
  for (size_t i = 0; i < k; ++i)
    if (!(L[i] > 0) || !std::isfinite(L[i]))
      return bad("Lx", "Lx[" + num(i) + "] phải dương", "Lx[" + num(i) + "] must be positive");
  std::vector<double> r(k);
  for (size_t i = 0; i + 2 < k; ++i) r[i] = L[i + 1] / L[i];
  // The last closed group and the open group both move into the open group: T(A) / T(A−n).
  r[k - 2] = L[k - 1] / (L[k - 2] + L[k - 1]);
  r[k - 1] = L[0] / (double(n) * radix);
  return r;
}

Result<std::vector<double>> projection_lx(const LifeTable& t, int step, size_t groups) {
  if (groups < 2) return bad("groups", "cần ít nhất 2 nhóm tuổi", "at least 2 age groups are needed");
  std::vector<double> L;
  for (size_t i = 0; i < groups; ++i) {
    const bool open = i + 1 == groups;
    auto v = person_years_between(t, double(step) * double(i), open ? 0 : step);
    if (!v) return v.error();
    L.push_back(*v);
  }
  return L;
}

Result<std::vector<ProjectionStep>> project(const ProjectionInputs& in) {
  const size_t k = in.female.size();
  if (in.step != 1 && in.step != 5) return bad("step", "step phải là 1 hoặc 5", "step must be 1 or 5");
  if (k < 3 || in.male.size() != k)
    return bad("population", "dân số nữ và nam cần cùng số nhóm tuổi (ít nhất 3)",
               "female and male populations need the same number of age groups (3 or more)");
  if (in.steps.empty()) return bad("steps", "cần ít nhất một bước", "at least one step is needed");
  if (auto s = finite_non_negative(in.female, "female.population"); !s) return s.error();
  if (auto s = finite_non_negative(in.male, "male.population"); !s) return s.error();

  const int n = in.step;
  const double start_share = in.timing == MigrationTiming::kEven ? 0.5 : 0.0;
  std::vector<double> F = in.female, M = in.male;
  std::vector<ProjectionStep> out;
  for (size_t s = 0; s < in.steps.size(); ++s) {
    const StepInputs& st = in.steps[s];
    auto sf = ratios(st.female, k, n, in.radix, "female");
    if (!sf) return sf.error();
    auto sm = ratios(st.male, k, n, in.radix, "male");
    if (!sm) return sm.error();
    if (!st.asfr.empty() && st.asfr.size() != k)
      return bad("asfr", "asfr phải có một giá trị cho mỗi nhóm tuổi", "asfr needs one value per age group");
    if (auto x = finite_non_negative(st.asfr, "asfr"); !x) return x.error();
    if (auto x = check_migration(st.female.net_migration, k, "female.net_migration"); !x) return x.error();
    if (auto x = check_migration(st.male.net_migration, k, "male.net_migration"); !x) return x.error();
    if (!(st.srb > 0) || !std::isfinite(st.srb)) return bad("srb", "srb phải dương", "srb must be positive");

    ProjectionStep step;
    step.year = in.base_year + n * int(s + 1);
    auto with_share = [&](const std::vector<double>& pop, const std::vector<double>& mig, double share) {
      std::vector<double> v = pop;
      if (!mig.empty())
        for (size_t i = 0; i < k; ++i) v[i] += share * mig[i];
      return v;
    };
    const std::vector<double> F0 = with_share(F, st.female.net_migration, start_share);
    const std::vector<double> M0 = with_share(M, st.male.net_migration, start_share);
    // Survivors, with the end share of migrants for "even" (they are among the
    // women exposed to births); for "end" the migrants join after the births.
    const double end_share_before_births = in.timing == MigrationTiming::kEven ? 0.5 : 0.0;
    std::vector<double> F1 = with_share(survive(F0, *sf, step.female), st.female.net_migration, end_share_before_births);
    std::vector<double> M1 = with_share(survive(M0, *sm, step.male), st.male.net_migration, end_share_before_births);

    step.births_by_mother_age.assign(k, 0.0);
    for (size_t i = 0; i < k && !st.asfr.empty(); ++i) {
      const double b = double(n) * st.asfr[i] * (F0[i] + F1[i]) / 2;
      step.births_by_mother_age[i] = b;
      step.births += b;
    }
    step.births_female = step.births / (1 + st.srb);
    step.births_male = step.births - step.births_female;
    F1[0] += step.births_female * (*sf)[k - 1];
    M1[0] += step.births_male * (*sm)[k - 1];
    step.female.deaths[0] = step.births_female * (1 - (*sf)[k - 1]);
    step.male.deaths[0] = step.births_male * (1 - (*sm)[k - 1]);
    if (in.timing == MigrationTiming::kEnd) {
      F1 = with_share(F1, st.female.net_migration, 1.0);
      M1 = with_share(M1, st.male.net_migration, 1.0);
    }
    for (size_t i = 0; i < k; ++i)
      if (F1[i] < 0 || M1[i] < 0) {
        const std::string age = std::to_string(size_t(n) * i), year = std::to_string(step.year);
        return bad("net_migration", "dân số nhóm tuổi " + age + " năm " + year + " âm: di cư thuần vượt quá dân số",
                   "the population aged " + age + " in " + year + " is negative: net emigration exceeds the population");
      }
    step.female.population = F1;
    step.male.population = M1;
    F = std::move(F1);
    M = std::move(M1);
    out.push_back(std::move(step));
  }
  return out;
}

}  // namespace danso::demography

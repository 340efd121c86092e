#include "demography/projection.h"

#include <string>

namespace danso::demography {

namespace {

Error bad(const std::string& what_vi, const std::string& what_en) { return Error::invalid("input", what_vi, what_en); }

// Survival ratios from nLx: k−1 transitions plus the births' ratio at the end.
Result<std::vector<double>> ratios(const SexInputs& s, size_t k, int n, double radix) {
  if (!s.survival.empty()) {
    if (s.survival.size() != k) return bad("survival phải có " + std::to_string(k) + " giá trị", "survival needs " + std::to_string(k) + " values");
    return s.survival;
  }
  if (s.Lx.size() != k) return bad("Lx phải có " + std::to_string(k) + " giá trị", "Lx needs " + std::to_string(k) + " values");
  std::vector<double> r(k);
  for (size_t i = 0; i + 2 < k; ++i) {
    if (!(s.Lx[i] > 0)) return bad("Lx phải dương", "Lx must be positive");
    r[i] = s.Lx[i + 1] / s.Lx[i];
  }
  // The last closed group and the open group both move into the open group.
  const double t_open = s.Lx[k - 1], t_before = s.Lx[k - 2] + s.Lx[k - 1];
  if (!(t_before > 0)) return bad("Lx phải dương", "Lx must be positive");
  r[k - 2] = t_open / t_before;
  r[k - 1] = s.Lx[0] / (n * radix);
  return r;
}

}  // namespace

Result<std::vector<ProjectionStep>> project(const ProjectionInputs& in) {
  const size_t k = in.female.size();
  if (in.step != 1 && in.step != 5) return bad("step phải là 1 hoặc 5", "step must be 1 or 5");
  if (k < 3 || in.male.size() != k) return bad("dân số nữ và nam cần cùng số nhóm tuổi (ít nhất 3)",
                                               "female and male populations need the same number of age groups (3 or more)");
  if (in.steps.empty()) return bad("cần ít nhất một bước", "at least one step is needed");
  for (double v : in.female)
    if (!(v >= 0)) return bad("dân số phải không âm", "population must be non-negative");
  for (double v : in.male)
    if (!(v >= 0)) return bad("dân số phải không âm", "population must be non-negative");

  const int n = in.step;
  std::vector<double> F = in.female, M = in.male;
  std::vector<ProjectionStep> out;
  for (size_t s = 0; s < in.steps.size(); ++s) {
    const StepInputs& st = in.steps[s];
    auto sf = ratios(st.female, k, n, in.radix);
    if (!sf) return sf.error();
    auto sm = ratios(st.male, k, n, in.radix);
    if (!sm) return sm.error();
    if (!st.asfr.empty() && st.asfr.size() != k) return bad("asfr phải có một giá trị cho mỗi nhóm tuổi", "asfr needs one value per age group");
    for (const auto* mig : {&st.female.net_migration, &st.male.net_migration})
      if (!mig->empty() && mig->size() != k)
        return bad("net_migration phải có một giá trị cho mỗi nhóm tuổi", "net_migration needs one value per age group");
    if (!(st.srb > 0)) return bad("srb phải dương", "srb must be positive");

    auto advance = [&](const std::vector<double>& pop, const std::vector<double>& S, const std::vector<double>& mig,
                       SexResult& res) {
      std::vector<double> start = pop;
      const double share_start = in.timing == MigrationTiming::kEven ? 0.5 : 0.0;
      if (!mig.empty())
        for (size_t i = 0; i < k; ++i) start[i] += share_start * mig[i];
      std::vector<double> next(k, 0.0);
      res.deaths.assign(k, 0.0);
      for (size_t i = 0; i + 2 < k; ++i) {
        next[i + 1] = start[i] * S[i];
        res.deaths[i] = start[i] - next[i + 1];
      }
      next[k - 1] = (start[k - 2] + start[k - 1]) * S[k - 2];
      res.deaths[k - 2] = start[k - 2] * (1 - S[k - 2]);
      res.deaths[k - 1] = start[k - 1] * (1 - S[k - 2]);
      if (!mig.empty())
        for (size_t i = 0; i < k; ++i) next[i] += (1 - share_start) * mig[i];
      return next;
    };

    ProjectionStep step;
    step.year = in.base_year + n * int(s + 1);
    std::vector<double> F_next = advance(F, *sf, st.female.net_migration, step.female);
    std::vector<double> M_next = advance(M, *sm, st.male.net_migration, step.male);
    // Births over the step from the women of each group at its start and end.
    step.births_by_mother_age.assign(k, 0.0);
    for (size_t i = 0; i < k && !st.asfr.empty(); ++i) {
      const double women_start = F[i] + (in.timing == MigrationTiming::kEven && !st.female.net_migration.empty()
                                             ? 0.5 * st.female.net_migration[i] : 0.0);
      const double b = n * st.asfr[i] * (women_start + F_next[i]) / 2;
      step.births_by_mother_age[i] = b;
      step.births += b;
    }
    step.births_female = step.births / (1 + st.srb);
    step.births_male = step.births * st.srb / (1 + st.srb);
    const double girls = step.births_female * (*sf)[k - 1], boys = step.births_male * (*sm)[k - 1];
    F_next[0] += girls;
    M_next[0] += boys;
    step.female.population = F_next;
    step.male.population = M_next;
    F = std::move(F_next);
    M = std::move(M_next);
    out.push_back(std::move(step));
  }
  return out;
}

}  // namespace danso::demography

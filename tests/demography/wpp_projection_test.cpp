// Viet Nam 2020-2030 with the UN's own WPP 2019 inputs (medium variant),
// projected by demography/projection.h and compared with the UN's published
// totals for 2025 and 2030 (../shared/data/wpp2019-vietnam, CC BY 3.0 IGO).
//
// Inputs, per 5-year period 2020-2025 and 2025-2030:
// - base population: popF / popM 2020, 5-year groups 0-4 .. 95-99, 100+ (thousands);
// - survival: nLx of an abridged life table (ages 0, 1, 5, ..., 100+) built from
//   mxF / mxM of the period with the default nax rules (Coale-Demeny for 0 and
//   1-4, n/2 elsewhere, 1/M at 100+); the UN's own nax differ slightly;
// - fertility: ASFR = TFR (tfrprojMed) × percentASFR / 100 / 5 for 15-19 .. 45-49;
// - SRB: sexRatio of the period (boys per girl);
// - net migration: the period's total (migration.tsv, thousands over five
//   years) split half to each sex and spread over ages by a Rogers-Castro
//   model schedule with the standard parameters of Rogers and Castro (1981):
//   m(x) = 0.02·e^(−0.1x) + 0.06·e^(−0.1(x−20) − e^(−0.4(x−20))) + 0.003,
//   evaluated at each group's midpoint and normalised. WPP's own age pattern
//   is not in the data set; migration is about 0.5% of the population per
//   period, so its age pattern moves the totals by far less than the tolerance.
// Measured (thousands): 2025 projected 101,104.1 (F 50,634.8, M 50,469.3)
// against the UN's 101,106.8 (F 50,635.6, M 50,471.2), −0.003%; 2030
// projected 104,187.6 (F 52,255.0, M 51,932.6) against 104,163.5 (F 52,241.3,
// M 51,922.3), +0.023%. Leaving migration out would put 2025 about 0.46% high.
// Tolerance: 0.1% for the totals, 0.2% for each sex.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>

#include "demography/life_table.h"
#include "demography/projection.h"

using namespace danso::demography;

namespace {

// A WPP tsv: a header row, then one row per age (or one row for the country).
struct Tsv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  size_t column(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
  std::vector<double> numbers(const std::string& name) const {
    const size_t c = column(name);
    std::vector<double> v;
    for (const auto& r : rows) v.push_back(std::stod(r.at(c)));
    return v;
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  return out;
}

Tsv read_tsv(const std::string& name) {
  Tsv t;
  std::ifstream in(std::string(DANSO_SHARED_DATA) + "/wpp2019-vietnam/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::string line;
  if (std::getline(in, line)) t.header = split(line);
  while (std::getline(in, line))
    if (!line.empty()) t.rows.push_back(split(line));
  return t;
}

double sum_wpp_projection(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

std::vector<double> period_lx(const std::string& file, const std::string& period, LifeSex sex, size_t groups) {
  auto t = abridged_life_table(read_tsv(file).numbers(period), {.sex = sex, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = {}});
  EXPECT_TRUE(t.ok());
  auto L = projection_lx(*t, 5, groups);
  EXPECT_TRUE(L.ok());
  return *L;
}

// Rogers and Castro (1981) standard schedule over 5-year groups, normalised.
std::vector<double> rogers_castro_shares(size_t groups) {
  std::vector<double> w;
  for (size_t i = 0; i < groups; ++i) {
    const double x = 5.0 * double(i) + 2.5;
    w.push_back(0.02 * std::exp(-0.1 * x) + 0.06 * std::exp(-0.1 * (x - 20) - std::exp(-0.4 * (x - 20))) + 0.003);
  }
  const double total = sum_wpp_projection(w);
  for (double& v : w) v /= total;
  return w;
}

StepInputs period_inputs(const std::string& period, size_t groups) {
  StepInputs st;
  st.female.Lx = period_lx("mxF.tsv", period, LifeSex::kFemale, groups);
  st.male.Lx = period_lx("mxM.tsv", period, LifeSex::kMale, groups);
  const double tfr = read_tsv("tfrprojMed.tsv").numbers(period).at(0);
  const auto pasfr = read_tsv("percentASFR.tsv").numbers(period);  // 15-19 .. 45-49
  st.asfr.assign(groups, 0.0);
  for (size_t i = 0; i < pasfr.size(); ++i) st.asfr[3 + i] = tfr * pasfr[i] / 100 / 5;
  st.srb = read_tsv("sexRatio.tsv").numbers(period).at(0);
  const double migrants = read_tsv("migration.tsv").numbers(period).at(0);
  const auto shares = rogers_castro_shares(groups);
  for (double s : shares) {
    st.female.net_migration.push_back(migrants / 2 * s);
    st.male.net_migration.push_back(migrants / 2 * s);
  }
  return st;
}

TEST(demography_wpp_projection, VietNam2020To2030LandsOnTheUnMediumVariant) {
  ProjectionInputs in;
  in.step = 5;
  in.base_year = 2020;
  in.female = read_tsv("popF.tsv").numbers("2020");
  in.male = read_tsv("popM.tsv").numbers("2020");
  ASSERT_EQ(in.female.size(), 21u);  // 0-4 .. 95-99, 100+
  ASSERT_EQ(in.male.size(), 21u);
  in.steps = {period_inputs("2020-2025", 21), period_inputs("2025-2030", 21)};
  auto r = project(in);
  ASSERT_TRUE(r.ok()) << r.error().en;
  ASSERT_EQ(r->size(), 2u);

  const Tsv unF = read_tsv("popFprojMed.tsv"), unM = read_tsv("popMprojMed.tsv");
  for (size_t s = 0; s < 2; ++s) {
    const auto& step = (*r)[s];
    const std::string year = std::to_string(step.year);
    const double ourF = sum_wpp_projection(step.female.population), ourM = sum_wpp_projection(step.male.population);
    const double theirF = sum_wpp_projection(unF.numbers(year)), theirM = sum_wpp_projection(unM.numbers(year));
    const double total_gap = (ourF + ourM) / (theirF + theirM) - 1;
    std::printf("%s: projected %.1f thousand (F %.1f, M %.1f); UN %.1f (F %.1f, M %.1f); gap %+.4f%%\n",
                year.c_str(), ourF + ourM, ourF, ourM, theirF + theirM, theirF, theirM, 100 * total_gap);
    EXPECT_LT(std::fabs(total_gap), 0.001) << year;
    EXPECT_LT(std::fabs(ourF / theirF - 1), 0.002) << year;
    EXPECT_LT(std::fabs(ourM / theirM - 1), 0.002) << year;
  }
  // Births split by the period's SRB, 1.099 boys per girl in 2020-2025.
  EXPECT_NEAR((*r)[0].births_male / (*r)[0].births_female, 1.099, 1e-12);
}

}  // namespace

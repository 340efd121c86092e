// Cohort-component projection (CCMPP) by sex, in steps of n years with age
// groups of n years (5x5 or 1x1) and an open last group (Preston, Heuveline
// and Guillot, Demography, 2001, ch. 6; UN Manual X):
//   survivors:   N(x+n, t+n) = N(x, t) · S(x),  S(x) = nL(x+n) / nL(x)
//   open group:  N(A, t+n) = (N(A−n, t) + N(A, t)) · T(A) / T(A−n)
//   births:      B = n · Σ F(x) · (W(x, t) + W(x, t+n)) / 2   (women of the group at start and end)
//   first group: N(0, t+n) = B_sex · nL(0) / (n · l0),  B_girls = B / (1 + SRB), B_boys = B · SRB / (1 + SRB)
//   migration:   "even": half of a step's net migrants join at the start and
//                survive the step, half join at the end; "end": all at the end.
// Survival may also be given directly as ratios S(x) per group: entry i moves
// group i into i+1 (the last two into the open group); entry k−1 is the
// births' survival into the first group, nL(0)/(n·l0).
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"

namespace danso::demography {

enum class MigrationTiming { kEven, kEnd };

struct SexInputs {
  std::vector<double> Lx;        // nLx of the groups (with `radix`), or empty when `survival` is given
  std::vector<double> survival;  // ratios as described above, or empty
  std::vector<double> net_migration;  // per group for the whole step; empty = none
};

struct StepInputs {
  SexInputs female, male;
  std::vector<double> asfr;  // per woman per year, per group (0 outside childbearing ages)
  double srb = 1.05;         // boys per girl
};

struct ProjectionInputs {
  int step = 5;  // n: years per step and per age group (5 or 1)
  int base_year = 0;
  double radix = 100000;
  MigrationTiming timing = MigrationTiming::kEven;
  std::vector<double> female, male;  // base population by group, last open
  std::vector<StepInputs> steps;     // one per step
};

struct SexResult {
  std::vector<double> population;
  std::vector<double> deaths;  // deaths during the step by age group at its start (births: deaths before the first group)
};

struct ProjectionStep {
  int year = 0;
  SexResult female, male;
  double births = 0, births_female = 0, births_male = 0;
  std::vector<double> births_by_mother_age;  // per group
};

Result<std::vector<ProjectionStep>> project(const ProjectionInputs& inputs);

}  // namespace danso::demography

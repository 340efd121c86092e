// Cohort-component projection (CCMPP) by sex, in steps of n years with age
// groups of n years (5x5 or 1x1, the same code) and an open last group
// (Preston, Heuveline and Guillot, Demography, 2001, ch. 6, Boxes 6.1-6.2;
// UN Manual X, 1983; the UN Population Division's ccmppWPP for the
// migration and deaths conventions):
//   survivors:   N(x+n, t+n) = N(x, t) · S(x),  S(x) = nL(x+n) / nL(x)
//   open group:  N(A, t+n) = (N(A−n, t) + N(A, t)) · T(A) / T(A−n)
//   births:      B = n · Σ F(x) · (W(x, t) + W(x, t+n)) / 2   (women of the group at start and end)
//   first group: N(0, t+n) = B_sex · nL(0) / (n · l0),
//                B_girls = B / (1 + SRB), B_boys = B · SRB / (1 + SRB)   (SRB in boys per girl)
//   migration:   "even" (default): half of a step's net migrants of group x join it at the
//                start and are survived with it, half join group x at the end (both halves
//                count among the women exposed to births); "end": all join at the end and
//                take no part in the step's births or deaths.
//   deaths:      deaths[x] = deaths in the cohort that ends the step in group x; deaths[0]
//                are the deaths among the step's births; Σ deaths = all deaths of the step.
// Survival may also be given directly as ratios per group: entry i moves
// group i into i+1 for i < k−2, entry k−2 moves the last closed and the open
// group into the open group (T(A)/T(A−n)), entry k−1 is the births' survival
// into the first group, nL(0)/(n·l0).
//
//   ProjectionInputs in{.step = 5, .base_year = 1993, .female = {...}, .male = {...}};
//   in.steps.push_back({.female = {.Lx = LxF}, .male = {.Lx = LxM}, .asfr = asfr, .srb = 1.05});
//   auto steps = project(in);   // (*steps)[0].female.population: 1998
#pragma once

#include <vector>

#include "core/result.h"
#include "demography/life_table.h"

namespace danso::demography {

enum class MigrationTiming { kEven, kEnd };

struct SexInputs {
  std::vector<double> Lx;             // nLx of the groups (with `radix`; last = T of the open age), or empty
  std::vector<double> survival;       // ratios as described above, or empty when Lx is given
  std::vector<double> net_migration;  // per group for the whole step; empty = none
};

struct StepInputs {
  SexInputs female, male;
  std::vector<double> asfr;  // per woman per year, per group (0 outside childbearing ages); empty = no births
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
  std::vector<double> population;  // at the end of the step
  std::vector<double> deaths;      // during the step, by the cohort's group at the end (see above)
};

struct ProjectionStep {
  int year = 0;  // the year the step ends
  SexResult female, male;
  double births = 0, births_female = 0, births_male = 0;
  std::vector<double> births_by_mother_age;  // per group
};

Result<std::vector<ProjectionStep>> project(const ProjectionInputs& inputs);

// Survival ratios (the layout above) from the groups' nLx and the radix.
Result<std::vector<double>> survival_ratios(const std::vector<double>& Lx, int step, double radix);

// nLx of `groups` projection groups of `step` years (the last open, given as
// T of its first age) read from a life table whose groups split at multiples
// of `step` (an abridged table for 5-year steps: 0 and 1-4 make 0-4).
Result<std::vector<double>> projection_lx(const LifeTable& t, int step, size_t groups);

}  // namespace danso::demography

// Life tables (Preston, Heuveline and Guillot, Demography, 2001, ch. 3) from
// age-specific death rates nMx, or from deaths and person-years of exposure
// (nMx = nDx / nNx), abridged (0, 1-4, 5-9, ..., open) or complete (single
// years, open last), with the nax rule of every row recorded in the result:
//   nqx = n·nMx / (1 + (n − nax)·nMx)        (Preston et al. eq. 3.2; q = 1 for the open group)
//   l(x+n) = lx·(1 − nqx),  ndx = lx·nqx,  nLx = n·l(x+n) + nax·ndx   (eq. 3.4)
//   open group: L = l / M (eq. 3.6),  Tx = Σ L from x,  ex = Tx / lx.
// nax rules:
//   - default: Coale-Demeny as tabled by Preston et al. (Table 3.3) for ages 0
//     and 1-4 from 1m0, n/2 elsewhere, 1/M for the open group;
//   - a0 by Andreev and Kingkade (Demographic Research 33, 2015, Table 3) on request;
//   - given nax values (any entry < 0 falls back to the rule); the open
//     group always has 1/M, since L = l/M there.
//
//   auto t = abridged_life_table(mx, {.sex = LifeSex::kFemale});   // ages 0, 1, 5, ..., open
//   t->e0;  t->rows[2].ax_rule == "n/2"
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace danso::demography {

enum class LifeSex { kMale, kFemale, kBoth };
enum class A0Rule { kCoaleDemeny, kAndreevKingkade };

struct LifeTableOptions {
  LifeSex sex = LifeSex::kBoth;   // kBoth averages the male and female a0 and 4a1 formulas
  double radix = 100000;
  A0Rule a0_rule = A0Rule::kCoaleDemeny;
  std::vector<double> ax;         // given nax values (any negative entry: use the rule)
};

struct LifeTableRow {
  double age = 0, n = 0;  // n = 0 for the open group
  double mx = 0, qx = 0, ax = 0, lx = 0, dx = 0, Lx = 0, Tx = 0, ex = 0;
  // How nax was set: "given", "coale-demeny", "andreev-kingkade", "n/2" or "1/M".
  std::string ax_rule;
};

struct LifeTable {
  std::vector<LifeTableRow> rows;
  double e0 = 0;
  std::string a0_rule;  // the rule asked for age 0: "coale-demeny" or "andreev-kingkade"
  std::string sex;      // "male", "female" or "both"
  double radix = 0;
};

// ages: start of each group; widths: n of each group, 0 for the last (open)
// group; mx: death rates (per person-year). Errors name the bad input.
Result<LifeTable> life_table(const std::vector<double>& ages, const std::vector<double>& widths,
                             const std::vector<double>& mx, const LifeTableOptions& options = {});

// The life expectancy at birth (e0) of the same table, without building its
// rows: the same checks and arithmetic as life_table(ages, widths, mx)->e0,
// for callers that compute many tables and keep only e0.
Result<double> life_expectancy_at_birth(std::span<const double> ages, std::span<const double> widths,
                                        std::span<const double> mx, const LifeTableOptions& options = {});

// The same from deaths and person-years of exposure per group (exposure > 0).
Result<LifeTable> life_table_from_deaths(const std::vector<double>& ages, const std::vector<double>& widths,
                                         const std::vector<double>& deaths, const std::vector<double>& exposure,
                                         const LifeTableOptions& options = {});

// Abridged table over ages 0, 1, 5, 10, ..., 5·(k−2): mx has k entries, the last open.
Result<LifeTable> abridged_life_table(const std::vector<double>& mx, const LifeTableOptions& options = {});
// Complete table over ages 0, 1, 2, ..., k−1: mx has k entries, the last open.
Result<LifeTable> complete_life_table(const std::vector<double>& mx, const LifeTableOptions& options = {});

// a0 and 4a1 by the rules above (1m0 is the infant death rate).
double a0_coale_demeny(double m0, LifeSex sex);
double a1_4_coale_demeny(double m0, LifeSex sex);
double a0_andreev_kingkade(double m0, LifeSex sex);

// Person-years lived in [x, x+n) by the table's cohort, summing the rows that
// fall in it; from `x` to the end of the table when n = 0 (that is, T(x)).
// The bounds must fall on the table's group boundaries.
Result<double> person_years_between(const LifeTable& t, double x, double n);

}  // namespace danso::demography

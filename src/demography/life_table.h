// Life tables (Preston, Heuveline and Guillot, Demography, 2001, ch. 3) from
// age-specific death rates nMx, abridged (0, 1-4, 5-9, ..., open) or
// complete (single years), with the nax rules recorded in the result:
//   nqx = n·nMx / (1 + (n − nax)·nMx)        (eq. 3.2; q = 1 for the open group)
//   l(x+n) = lx·(1 − nqx),  ndx = lx·nqx,  nLx = n·l(x+n) + nax·ndx
//   open group: L = l / M (eq. 3.6),  Tx = Σ L from x,  ex = Tx / lx.
// Default nax: Coale-Demeny as tabled by Preston et al. (Table 3.3) for ages
// 0 and 1-4 from 1m0, n/2 elsewhere, 1/M for the open group; Andreev and
// Kingkade (Demographic Research 33, 2015, Table 3) for a0 on request.
//
//   auto t = life_table({0, 1, 5, ..., 85}, {1, 4, 5, ..., 0}, mx, {.sex = LifeSex::kFemale});
//   t->e0;
#pragma once

#include <optional>
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
  double age, n;  // n = 0 for the open group
  double mx, qx, ax, lx, dx, Lx, Tx, ex;
};

struct LifeTable {
  std::vector<LifeTableRow> rows;
  double e0 = 0;
  std::string a0_rule;  // "coale-demeny" or "andreev-kingkade"
  std::string sex;
  double radix = 0;
};

// ages: start of each group; widths: n of each group, 0 for the last (open)
// group; mx: death rates (per person-year). Errors name the bad input.
Result<LifeTable> life_table(const std::vector<double>& ages, const std::vector<double>& widths,
                             const std::vector<double>& mx, const LifeTableOptions& options = {});

// a0 and 4a1 by the rules above.
double a0_coale_demeny(double m0, LifeSex sex);
double a1_4_coale_demeny(double m0, LifeSex sex);
double a0_andreev_kingkade(double m0, LifeSex sex);

}  // namespace danso::demography

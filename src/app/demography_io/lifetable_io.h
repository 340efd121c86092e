// The input and output of `danso lifetable`: a CSV of age groups with either
// deaths and population or death rates (and optionally nax), to a life table
// as JSON, CSV or a readable table.
//
//   age,n,deaths,population        or        age,n,mx[,ax]
//   0,1,120,10000                            0,1,0.012
//   85,,900,5000                             85,,0.18       (n empty: open group)
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "demography/life_table.h"

namespace danso {

Result<demography::LifeTable> life_table_from_csv(const std::string& path, const demography::LifeTableOptions& options);
nlohmann::ordered_json life_table_json(const demography::LifeTable& t);
std::string life_table_csv(const demography::LifeTable& t);
std::string life_table_text(const demography::LifeTable& t);

}  // namespace danso

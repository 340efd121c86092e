// The input and output of `danso lifetable` (docs/demography.md): a CSV of
// age groups with either deaths and population (person-years) or death
// rates, optionally nax, to a life table as JSON, CSV or a readable table.
//
//   age,n,deaths,population        or        age,n,mx[,ax]
//   0,1,120,10000                            0,1,0.012
//   1,4,30,40000                             1,4,0.0008
//   85,,900,5000                             85,,0.18       (n empty: the open group)
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "demography/life_table.h"

namespace danso {

// Reads and checks the file, then builds the table; every bad cell is an
// error naming the file, row and column in Vietnamese and English.
Result<demography::LifeTable> life_table_from_csv(const std::string& path, const demography::LifeTableOptions& options);
// The same over CSV text already in memory (`name` is used in messages).
Result<demography::LifeTable> life_table_from_csv_text(const std::string& name, std::string text,
                                                       const demography::LifeTableOptions& options);

nlohmann::ordered_json life_table_json(const demography::LifeTable& t);
std::string life_table_csv(const demography::LifeTable& t);
std::string life_table_text(const demography::LifeTable& t);

}  // namespace danso

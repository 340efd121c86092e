#include "app/demography_io/lifetable_io.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "app/csv/csv_reader.h"

namespace danso {

namespace {

bool number(std::string_view s, double& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

Error bad(const std::string& file, size_t row, const std::string& column, std::string_view value, bool positive) {
  const std::string where = file + ", dòng " + std::to_string(row) + ", cột " + column;
  const std::string where_en = file + ", row " + std::to_string(row) + ", column " + column;
  const std::string v(value);
  return Error::invalid(column, where + (positive ? ": không phải số dương '" : ": không phải số không âm '") + v + "'",
                        where_en + (positive ? ": not a positive number '" : ": not a non-negative number '") + v + "'");
}

Result<demography::LifeTable> build(Result<CsvReader> reader, const demography::LifeTableOptions& options) {
  if (!reader) return reader.error();
  std::vector<double> ages, widths, deaths, exposure, mx, ax;
  bool any_ax = false, header_checked = false, rates = false;
  std::optional<Error> error;
  const std::string name = reader->name();
  Status st = reader->for_each([&](const CsvRow& row) {
    if (error) return;
    if (auto e = row.shape_error())
      return void(error = Error::invalid("", name + ", dòng " + std::to_string(row.row) + ": " + e->vi,
                                         name + ", row " + std::to_string(row.row) + ": " + e->en));
    if (!header_checked) {
      header_checked = true;
      rates = row.has_column("mx");
      const bool counts = row.has_column("deaths") && row.has_column("population");
      if (rates == counts || (rates && (row.has_column("deaths") || row.has_column("population")))) {
        error = Error::invalid("mx", name + ": cần cột mx, hoặc cả hai cột deaths và population (không cả hai cách)",
                               name + ": give a column mx, or both columns deaths and population (not both ways)");
        return;
      }
    }
    double age = 0, n = 0;
    if (!number(row.get("age"), age) || age < 0) return void(error = bad(name, row.row, "age", row.get("age"), false));
    if (!row.get("n").empty() && (!number(row.get("n"), n) || n <= 0))
      return void(error = bad(name, row.row, "n", row.get("n"), true));
    if (rates) {
      double m = 0;
      if (!number(row.get("mx"), m) || m < 0) return void(error = bad(name, row.row, "mx", row.get("mx"), false));
      mx.push_back(m);
    } else {
      double d = 0, p = 0;
      if (!number(row.get("deaths"), d) || d < 0) return void(error = bad(name, row.row, "deaths", row.get("deaths"), false));
      if (!number(row.get("population"), p) || p <= 0)
        return void(error = bad(name, row.row, "population", row.get("population"), true));
      deaths.push_back(d);
      exposure.push_back(p);
    }
    double a = -1;
    if (!row.get("ax").empty()) {
      if (!number(row.get("ax"), a) || a < 0) return void(error = bad(name, row.row, "ax", row.get("ax"), false));
      any_ax = true;
    }
    ages.push_back(age);
    widths.push_back(n);
    ax.push_back(a);
  });
  if (!st) return st.error();
  if (error) return *error;
  if (ages.empty()) return Error::invalid("file", name + ": không có nhóm tuổi nào", name + ": no age groups");
  for (size_t i = 0; i + 1 < widths.size(); ++i)
    if (widths[i] <= 0)
      return Error::invalid("n", name + ": chỉ nhóm tuổi cuối (nhóm mở) được để trống n",
                            name + ": only the last (open) age group may leave n empty");
  if (widths.back() > 0)
    return Error::invalid("n", name + ": nhóm tuổi cuối phải là nhóm mở (n để trống)",
                          name + ": the last age group must be open (empty n)");
  demography::LifeTableOptions o = options;
  if (any_ax) o.ax = ax;
  auto t = rates ? demography::life_table(ages, widths, mx, o)
                 : demography::life_table_from_deaths(ages, widths, deaths, exposure, o);
  if (!t) return Error::invalid(t.error().field, name + ": " + t.error().vi, name + ": " + t.error().en);
  return t;
}

// The rule that set a0: the row's own ("given" when the file gave it), else the one asked for.
std::string a0_rule_used(const demography::LifeTable& t) {
  if (!t.rows.empty() && t.rows[0].age == 0 && t.rows[0].n == 1) return t.rows[0].ax_rule;
  return t.a0_rule;
}

// "0-80 given, 85+ 1/M": consecutive rows with the same nax rule.
std::string rule_runs(const demography::LifeTable& t) {
  std::string out;
  char buf[64];
  for (size_t i = 0; i < t.rows.size();) {
    size_t j = i;
    while (j + 1 < t.rows.size() && t.rows[j + 1].ax_rule == t.rows[i].ax_rule) ++j;
    const auto& last = t.rows[j];
    if (i == j && last.n == 0) std::snprintf(buf, sizeof buf, "%g+", last.age);
    else if (i == j) std::snprintf(buf, sizeof buf, "%g", last.age);
    else std::snprintf(buf, sizeof buf, "%g-%g%s", t.rows[i].age, last.age, last.n == 0 ? "+" : "");
    out += (out.empty() ? "" : ", ") + std::string(buf) + " " + t.rows[i].ax_rule;
    i = j + 1;
  }
  return out;
}

const std::vector<std::string> kRequired = {"age", "n"};
const std::vector<std::string> kOptional = {"deaths", "population", "mx", "ax"};

}  // namespace

Result<demography::LifeTable> life_table_from_csv(const std::string& path, const demography::LifeTableOptions& options) {
  return build(CsvReader::open(path, kRequired, kOptional), options);
}

Result<demography::LifeTable> life_table_from_csv_text(const std::string& name, std::string text,
                                                       const demography::LifeTableOptions& options) {
  return build(CsvReader::from_text(name, std::move(text), kRequired, kOptional), options);
}

nlohmann::ordered_json life_table_json(const demography::LifeTable& t) {
  nlohmann::ordered_json j;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array(), rules = nlohmann::ordered_json::array();
  for (const auto& r : t.rows) {
    nlohmann::ordered_json x;
    x["age"] = r.age;
    x["n"] = r.n > 0 ? nlohmann::ordered_json(r.n) : nlohmann::ordered_json(nullptr);
    x["mx"] = r.mx;
    x["qx"] = r.qx;
    x["ax"] = r.ax;
    x["lx"] = r.lx;
    x["dx"] = r.dx;
    x["Lx"] = r.Lx;
    x["Tx"] = r.Tx;
    x["ex"] = r.ex;
    rows.push_back(x);
    rules.push_back(r.ax_rule);
  }
  j["rows"] = rows;
  j["e0"] = t.e0;
  j["method"] = {{"reference", "Preston, Heuveline and Guillot (2001), ch. 3"},
                 {"a0", a0_rule_used(t)},
                 {"a1_4", "coale-demeny"},
                 {"ax_other", "n/2; open group 1/M; given values where supplied"},
                 {"ax_rules", rules},
                 {"sex", t.sex},
                 {"radix", t.radix}};
  return j;
}

std::string life_table_csv(const demography::LifeTable& t) {
  std::ostringstream out;
  out << "age,n,mx,qx,ax,lx,dx,Lx,Tx,ex,ax_rule\n";
  char buf[512];
  for (const auto& r : t.rows) {
    std::snprintf(buf, sizeof buf, "%g,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%s\n", r.age,
                  r.n > 0 ? std::to_string(int(r.n)).c_str() : "", r.mx, r.qx, r.ax, r.lx, r.dx, r.Lx, r.Tx, r.ex,
                  r.ax_rule.c_str());
    out << buf;
  }
  return out.str();
}

std::string life_table_text(const demography::LifeTable& t) {
  std::ostringstream out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%6s %4s %10s %9s %6s %9s %8s %10s %11s %7s\n", "age", "n", "mx", "qx", "ax", "lx",
                "dx", "Lx", "Tx", "ex");
  out << buf;
  for (const auto& r : t.rows) {
    std::snprintf(buf, sizeof buf, "%6g %4s %10.6f %9.6f %6.3f %9.0f %8.0f %10.0f %11.0f %7.2f\n", r.age,
                  r.n > 0 ? std::to_string(int(r.n)).c_str() : "+", r.mx, r.qx, r.ax, r.lx, r.dx, r.Lx, r.Tx, r.ex);
    out << buf;
  }
  std::snprintf(buf, sizeof buf, "e0 = %.2f (sex: %s, radix %.0f)\n", t.e0, t.sex.c_str(), t.radix);
  out << buf << "nax: " << rule_runs(t) << "\n";
  return out.str();
}

}  // namespace danso

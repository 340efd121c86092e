#include "app/demography_io/lifetable_io.h"

#include <charconv>
#include <cstdio>
#include <sstream>

#include "app/csv/csv_reader.h"

namespace danso {

namespace {

bool number(std::string_view s, double& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Error bad(const std::string& file, size_t row, const std::string& column, std::string_view value) {
  const std::string where = file + ", dòng " + std::to_string(row) + ", cột " + column;
  const std::string where_en = file + ", row " + std::to_string(row) + ", column " + column;
  return Error::invalid(column, where + ": không phải số không âm '" + std::string(value) + "'",
                        where_en + ": not a non-negative number '" + std::string(value) + "'");
}

}  // namespace

Result<demography::LifeTable> life_table_from_csv(const std::string& path, const demography::LifeTableOptions& options) {
  auto reader = CsvReader::open(path, {"age", "n"}, {"deaths", "population", "mx", "ax"});
  if (!reader) return reader.error();
  std::vector<double> ages, widths, mx, ax;
  bool any_ax = false;
  std::optional<Error> error;
  bool rates = false, counts = false;
  Status st = reader->for_each([&](const CsvRow& row) {
    if (error) return;
    double age = 0, n = 0;
    if (!number(row.get("age"), age) || age < 0) return void(error = bad(reader->name(), row.row, "age", row.get("age")));
    if (!row.get("n").empty() && (!number(row.get("n"), n) || n <= 0))
      return void(error = bad(reader->name(), row.row, "n", row.get("n")));
    double m = 0;
    if (!row.get("mx").empty()) {
      rates = true;
      if (!number(row.get("mx"), m) || m < 0) return void(error = bad(reader->name(), row.row, "mx", row.get("mx")));
    } else {
      counts = true;
      double d = 0, p = 0;
      if (!number(row.get("deaths"), d) || d < 0)
        return void(error = bad(reader->name(), row.row, "deaths", row.get("deaths")));
      if (!number(row.get("population"), p) || p <= 0)
        return void(error = bad(reader->name(), row.row, "population", row.get("population")));
      m = d / p;
    }
    double a = -1;
    if (!row.get("ax").empty()) {
      if (!number(row.get("ax"), a) || a < 0) return void(error = bad(reader->name(), row.row, "ax", row.get("ax")));
      any_ax = true;
    }
    ages.push_back(age);
    widths.push_back(n);
    mx.push_back(m);
    ax.push_back(a);
  });
  if (!st) return st.error();
  if (error) return *error;
  if (ages.empty()) return Error::invalid("file", reader->name() + ": không có nhóm tuổi nào", reader->name() + ": no age groups");
  if (rates && counts)
    return Error::invalid("mx", "dùng mx hoặc deaths,population cho mọi dòng, không trộn lẫn",
                          "give mx or deaths,population on every row, not a mix");
  for (size_t i = 0; i + 1 < widths.size(); ++i)
    if (widths[i] <= 0)
      return Error::invalid("n", "chỉ nhóm tuổi cuối (nhóm mở) được để trống n",
                            "only the last (open) age group may leave n empty");
  if (widths.back() > 0)
    return Error::invalid("n", "nhóm tuổi cuối phải là nhóm mở (n để trống)", "the last age group must be open (empty n)");
  demography::LifeTableOptions o = options;
  if (any_ax) o.ax = ax;
  return demography::life_table(ages, widths, mx, o);
}

nlohmann::ordered_json life_table_json(const demography::LifeTable& t) {
  nlohmann::ordered_json j;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
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
  }
  j["rows"] = rows;
  j["e0"] = t.e0;
  j["method"] = {{"reference", "Preston, Heuveline and Guillot (2001), ch. 3"},
                 {"a0", t.a0_rule},
                 {"a1_4", "coale-demeny"},
                 {"ax_other", "n/2; open group 1/M; given values where supplied"},
                 {"sex", t.sex},
                 {"radix", t.radix}};
  return j;
}

std::string life_table_csv(const demography::LifeTable& t) {
  std::ostringstream out;
  out << "age,n,mx,qx,ax,lx,dx,Lx,Tx,ex\n";
  char buf[512];
  for (const auto& r : t.rows) {
    std::snprintf(buf, sizeof buf, "%g,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", r.age,
                  r.n > 0 ? std::to_string(int(r.n)).c_str() : "", r.mx, r.qx, r.ax, r.lx, r.dx, r.Lx, r.Tx, r.ex);
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
  std::snprintf(buf, sizeof buf, "e0 = %.2f (a0: %s, sex: %s, radix %.0f)\n", t.e0, t.a0_rule.c_str(), t.sex.c_str(),
                t.radix);
  out << buf;
  return out.str();
}

}  // namespace danso

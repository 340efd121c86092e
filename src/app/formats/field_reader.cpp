#include "app/formats/field_reader.h"

#include <charconv>

#include "core/text.h"

namespace danso {

FieldReader::FieldReader(const CsvRow& row, RowIssues& issues) : row_(row), issues_(issues) {
  if (auto e = row.shape_error()) {
    ok_ = shape_ok_ = false;
    issues_.add(row.row, "", *e);
  }
}

void FieldReader::fail(std::string_view col, std::string vi, std::string en) {
  ok_ = false;
  if (shape_ok_) issues_.add(row_.row, col, row_.get(col), std::move(vi), std::move(en));
}

void FieldReader::fail(const Error& e) {
  ok_ = false;
  if (shape_ok_) issues_.add(row_.row, row_.get(e.field), e);
}

void FieldReader::missing(std::string_view col) {
  fail(col, "thiếu giá trị bắt buộc", "required value missing");
}

std::string FieldReader::text(std::string_view col, bool required) {
  std::string_view v = row_.get(col);
  if (v.empty() && required) missing(col);
  if (auto st = check_text_field(v, col); !st) {
    fail(st.error());
    return {};
  }
  return to_nfc(v);
}

std::optional<int64_t> FieldReader::integer(std::string_view col, bool required, int64_t min,
                                            int64_t max) {
  std::string_view v = row_.get(col);
  if (v.empty()) {
    if (required) missing(col);
    return std::nullopt;
  }
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size()) {
    fail(col, "không phải số nguyên", "not an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(col, "ngoài khoảng cho phép " + std::to_string(min) + "–" + std::to_string(max),
         "outside the allowed range " + std::to_string(min) + "-" + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

int64_t FieldReader::id(std::string_view col, bool required) {
  return integer(col, required, 1, INT64_MAX).value_or(0);
}

std::optional<Date> FieldReader::date(std::string_view col, bool required) {
  std::string_view v = row_.get(col);
  if (v.empty()) {
    if (required) missing(col);
    return std::nullopt;
  }
  auto d = Date::parse(v, col);
  if (!d) {
    fail(d.error());
    return std::nullopt;
  }
  return *d;
}

bool FieldReader::flag(std::string_view col) {
  std::string_view v = row_.get(col);
  if (v.empty() || v == "0") return false;
  if (v == "1") return true;
  fail(col, "phải là 0 hoặc 1", "must be 0 or 1");
  return false;
}

}  // namespace danso

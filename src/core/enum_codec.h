// EnumCodec: the one place an enum's machine code (as written in CSV and JSON)
// and its Vietnamese label live. Parsing an unknown code yields an error that
// lists the allowed values in both languages.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace danso {

template <typename E>
struct EnumEntry {
  E value;
  const char* code;   // machine code, ASCII
  const char* label;  // Vietnamese label for people
};

template <typename E, size_t N>
class EnumCodec {
 public:
  constexpr explicit EnumCodec(std::array<EnumEntry<E>, N> entries) : entries_(entries) {}

  const char* code(E v) const {
    for (const auto& e : entries_)
      if (e.value == v) return e.code;
    return "";
  }
  const char* label(E v) const {
    for (const auto& e : entries_)
      if (e.value == v) return e.label;
    return "";
  }
  std::optional<E> find(std::string_view code) const {
    for (const auto& e : entries_)
      if (code == e.code) return e.value;
    return std::nullopt;
  }
  Result<E> parse(std::string_view text, std::string_view field) const {
    if (auto v = find(text)) return *v;
    std::string allowed;
    for (const auto& e : entries_) {
      if (!allowed.empty()) allowed += ", ";
      allowed += e.code;
    }
    return Error::invalid(std::string(field),
                          "giá trị không hợp lệ '" + std::string(text) + "'; cho phép: " + allowed,
                          "invalid value '" + std::string(text) + "'; allowed: " + allowed);
  }
  const std::array<EnumEntry<E>, N>& entries() const { return entries_; }

 private:
  std::array<EnumEntry<E>, N> entries_;
};

}  // namespace danso

// Result<T>: the value of an operation that can fail for an expected reason
// (bad input, unknown reference, missing record). The error carries one
// canonical code, the field it concerns, and a message in Vietnamese and in
// English, so every front door (CLI, HTTP) can show it as it is.
//
//   Result<Date> d = Date::parse("2024-02-30");
//   if (!d) std::cerr << d.error().en;   // "not a valid date: 2024-02-30"
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace danso {

// Canonical error codes; http/ maps each to one status, once.
enum class ErrorCode {
  kInvalidArgument,   // the input is malformed or breaks a rule
  kNotFound,          // a referenced record does not exist (or is not visible)
  kAlreadyExists,     // a unique key is taken
  kFailedPrecondition,// the state does not allow the operation
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted, // too many attempts (sign-in throttling); try again later
  kUnavailable,       // not ready now (figures being updated, database away); try again
  kInternal,          // a broken invariant or failed I/O
};

const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string field;  // the column or field concerned, empty when none
  std::string vi;     // message in Vietnamese
  std::string en;     // message in English

  static Error invalid(std::string field, std::string vi, std::string en) {
    return {ErrorCode::kInvalidArgument, std::move(field), std::move(vi), std::move(en)};
  }
  static Error not_found(std::string field, std::string vi, std::string en) {
    return {ErrorCode::kNotFound, std::move(field), std::move(vi), std::move(en)};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation that returns nothing on success.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status success() { return {}; }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace danso

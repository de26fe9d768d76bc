// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// result<T>: a value or the std::error_code that explains why there is none. A small stand-in
// for C++23 std::expected that never throws and never allocates.
#ifndef OMNIROUTE_CORE_RESULT_HPP
#define OMNIROUTE_CORE_RESULT_HPP

#include <omniroute/core/error.hpp>

#include <type_traits>
#include <utility>

OMNIROUTE_BEGIN_NAMESPACE

template <class T>
class [[nodiscard]] result {
  static_assert(std::is_nothrow_move_constructible_v<T>, "result<T> needs a nothrow-movable T");

 public:
  result(T value) noexcept : value_(std::move(value)) {}  // NOLINT: implicit by design
  result(errc e) noexcept : error_(make_error_code(e)) {}  // NOLINT
  result(std::error_code e) noexcept : error_(e) {        // NOLINT
    OMNIROUTE_ASSERT(e, "a result built from an error code needs a non-zero code");
  }

  bool has_value() const noexcept { return !error_; }
  explicit operator bool() const noexcept { return has_value(); }

  /// Precondition: has_value().
  const T& value() const& noexcept {
    OMNIROUTE_ASSERT(has_value(), "result::value() on an error");
    return value_;
  }
  T& value() & noexcept {
    OMNIROUTE_ASSERT(has_value(), "result::value() on an error");
    return value_;
  }
  const T& operator*() const& noexcept { return value(); }
  T& operator*() & noexcept { return value(); }
  const T* operator->() const noexcept { return &value(); }

  /// The error, or an empty code when there is a value.
  std::error_code error() const noexcept { return error_; }

 private:
  T value_{};
  std::error_code error_{};
};

/// The outcome of a command that produces no value.
template <>
class [[nodiscard]] result<void> {
 public:
  result() noexcept = default;
  result(errc e) noexcept : error_(make_error_code(e)) {}  // NOLINT: implicit by design
  result(std::error_code e) noexcept : error_(e) {}       // NOLINT

  bool has_value() const noexcept { return !error_; }
  explicit operator bool() const noexcept { return has_value(); }
  std::error_code error() const noexcept { return error_; }

 private:
  std::error_code error_{};
};

using status = result<void>;

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_RESULT_HPP

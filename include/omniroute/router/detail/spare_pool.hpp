// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Records given back for reuse, so that short-lived ones (affinity's personal groups and their
// member records) allocate nothing in steady state. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_SPARE_POOL_HPP
#define OMNIROUTE_ROUTER_DETAIL_SPARE_POOL_HPP

#include <omniroute/core/base.hpp>

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// A stack of owned records. A taken record keeps whatever the previous user left in it (its
/// vectors' capacity is the point); the caller resets the fields it relies on.
template <class T>
class spare_pool {
 public:
  /// A record given back earlier, or a new one. `keep`: take a spare only while more than
  /// that many are left (some users, made up front for, must find theirs).
  std::unique_ptr<T> take(std::size_t keep = 0) {
    if (spare_.size() <= keep) {
      // Every record made may come back, from a noexcept path: the stack has room for all of
      // them before any does, so give() never allocates.
      ++made_;
      if (spare_.capacity() < made_) spare_.reserve(2 * made_);
      return std::make_unique<T>();
    }
    std::unique_ptr<T> t = std::move(spare_.back());
    spare_.pop_back();
    return t;
  }

  void give(std::unique_ptr<T> t) noexcept { spare_.push_back(std::move(t)); }

  /// Makes `n` records up front with `make()` (which sizes their vectors for typical use),
  /// so that the first `n` takes beyond what was given back allocate nothing.
  template <class Make>
  void prefill(std::size_t n, Make make) {
    made_ += n;
    spare_.reserve(2 * made_);
    for (std::size_t i = 0; i < n; ++i) spare_.push_back(make());
  }

 private:
  std::vector<std::unique_ptr<T>> spare_;
  std::size_t made_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_SPARE_POOL_HPP

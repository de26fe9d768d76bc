// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A per-channel-slot array whose first few elements live inside the owning record. Not public
// API.
#ifndef OMNIROUTE_ROUTER_DETAIL_SLOT_ARRAY_HPP
#define OMNIROUTE_ROUTER_DETAIL_SLOT_ARRAY_HPP

#include <omniroute/core/base.hpp>

#include <array>
#include <cassert>
#include <cstddef>
#include <memory>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// One T per slot of a queue's channels. Most queues take one or two channels, so the first
/// `Inline` elements are members of the owner: a decision that reads a group's index for a
/// slot then touches the group's own cache lines instead of following a pointer to a separate
/// allocation. Further slots live in one heap block.
template <class T, std::size_t Inline>
class slot_array {
 public:
  slot_array() = default;
  slot_array(const slot_array&) = delete;
  slot_array& operator=(const slot_array&) = delete;

  /// Sets the number of slots. Elements are kept as they are (the caller empties intrusive
  /// containers before re-slotting); the heap block is kept when it is large enough, so a
  /// pooled owner re-slots without allocating, and elements it adds are new.
  void resize(std::size_t n) {
    size_ = n;
    if (n > Inline + capacity_) {
      more_ = std::make_unique<T[]>(n - Inline);
      capacity_ = n - Inline;
    }
  }

  std::size_t size() const noexcept { return size_; }

  /// Precondition: s < size() (checked in debug builds: an inline element past the size is
  /// an element of no slot, and no sanitizer would see it read).
  T& operator[](std::size_t s) noexcept {
    assert(s < size_);
    return s < Inline ? inline_[s] : more_[s - Inline];
  }
  const T& operator[](std::size_t s) const noexcept {
    assert(s < size_);
    return s < Inline ? inline_[s] : more_[s - Inline];
  }

 private:
  std::array<T, Inline> inline_{};
  std::unique_ptr<T[]> more_;
  std::size_t capacity_ = 0;  // elements in more_
  std::size_t size_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_SLOT_ARRAY_HPP

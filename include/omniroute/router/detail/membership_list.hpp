// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// An agent's memberships, groups apart from member records. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_MEMBERSHIP_LIST_HPP
#define OMNIROUTE_ROUTER_DETAIL_MEMBERSHIP_LIST_HPP

#include <omniroute/core/base.hpp>

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <utility>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

struct member_rec;
struct group_rec;

/// One of an agent's memberships: its member record and the record's group.
struct membership_ref {
  member_rec* member = nullptr;
  group_rec* group = nullptr;
  // Most walks want the member: they read the ref as one.
  operator member_rec*() const noexcept { return member; }  // NOLINT(google-explicit-constructor)
};

/// An agent's memberships in order: for each, its group and its member record, kept as two
/// arrays in one allocation, the groups first.
///
/// Why: the walks made at every change of presence (router_impl::set_presence: the groups'
/// counters) and in every agent-side decision (route_agent: the groups' ready heads) read the
/// groups only, and the member record of a winning head. Pairs of pointers made them read 16
/// bytes per membership, ~9 cache lines of a cold agent at 30 memberships; the groups alone
/// are half that. Also 8 bytes smaller than a vector in the agent record.
///
/// Complexity: push_back O(1) when there is room (else it reallocates: see reserve), erase
/// O(size), the rest O(1). Only reserve, shrink_to and a push_back without room allocate.
class membership_list {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = membership_ref;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = membership_ref;

    iterator() = default;
    iterator(const membership_list* list, std::size_t at) noexcept : list_(list), at_(at) {}
    membership_ref operator*() const noexcept { return (*list_)[at_]; }
    iterator& operator++() noexcept {
      ++at_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator was = *this;
      ++at_;
      return was;
    }
    friend bool operator==(iterator a, iterator b) noexcept { return a.at_ == b.at_; }
    friend bool operator!=(iterator a, iterator b) noexcept { return a.at_ != b.at_; }

   private:
    const membership_list* list_ = nullptr;
    std::size_t at_ = 0;
  };

  membership_list() = default;
  membership_list(const membership_list&) = delete;
  membership_list& operator=(const membership_list&) = delete;
  membership_list(membership_list&& other) noexcept { swap(other); }
  membership_list& operator=(membership_list&& other) noexcept {
    membership_list gone(std::move(other));
    swap(gone);
    return *this;
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::size_t capacity() const noexcept { return capacity_; }

  /// The groups in membership order, size() of them: what the walks over an agent's groups
  /// read (a walk holds the pointer, which changes only when the list grows or shrinks).
  group_rec* const* groups() const noexcept { return group_slots(); }
  /// The member records in the same order.
  member_rec* const* members() const noexcept { return member_slots(); }
  /// Precondition: i < size().
  group_rec* group(std::size_t i) const noexcept {
    assert(i < size_);
    return group_slots()[i];
  }
  /// Precondition: i < size().
  member_rec* member(std::size_t i) const noexcept {
    assert(i < size_);
    return member_slots()[i];
  }
  membership_ref operator[](std::size_t i) const noexcept { return {member(i), group(i)}; }
  membership_ref back() const noexcept { return (*this)[size_ - 1]; }
  iterator begin() const noexcept { return iterator(this, 0); }
  iterator end() const noexcept { return iterator(this, size_); }

  /// The position of member m, or size() when it is not listed. Complexity: O(size).
  std::size_t find(const member_rec* m) const noexcept {
    std::size_t i = 0;
    while (i < size_ && member_slots()[i] != m) ++i;
    return i;
  }

  /// Makes room for n memberships (exactly n when it grows). Throws std::bad_alloc only.
  void reserve(std::size_t n) {
    if (n > capacity_) reallocate(n);
  }
  /// Gives back room beyond max(n, size()).
  void shrink_to(std::size_t n) {
    if (n < size_) n = size_;
    if (n < capacity_) reallocate(n);
  }

  /// Appends; grows by doubling when there is no room (callers reserve ahead).
  void push_back(member_rec* m, group_rec* g) {
    if (size_ == capacity_) reallocate(capacity_ == 0 ? 4 : 2 * capacity_);
    ::new (static_cast<void*>(group_slots() + size_)) group_rec*(g);
    ::new (static_cast<void*>(member_slots() + size_)) member_rec*(m);
    ++size_;
  }

  /// Removes the membership at i, keeping the others' order. Precondition: i < size().
  void erase(std::size_t i) noexcept {
    assert(i < size_);
    for (std::size_t k = i + 1; k < size_; ++k) {
      group_slots()[k - 1] = group_slots()[k];
      member_slots()[k - 1] = member_slots()[k];
    }
    --size_;
  }

  /// Keeps the room.
  void clear() noexcept { size_ = 0; }

  void swap(membership_list& other) noexcept {
    std::swap(storage_, other.storage_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }

 private:
  // capacity_ group pointers, then capacity_ member pointers.
  group_rec** group_slots() const noexcept { return reinterpret_cast<group_rec**>(storage_.get()); }
  member_rec** member_slots() const noexcept {
    return reinterpret_cast<member_rec**>(storage_.get() + capacity_ * sizeof(group_rec*));
  }

  void reallocate(std::size_t n) {
    std::unique_ptr<std::byte[]> bytes(n == 0 ? nullptr : new std::byte[n * (sizeof(group_rec*) + sizeof(member_rec*))]);
    auto* groups_to = reinterpret_cast<group_rec**>(bytes.get());
    auto* members_to = reinterpret_cast<member_rec**>(bytes.get() + n * sizeof(group_rec*));
    for (std::size_t i = 0; i < size_; ++i) {
      ::new (static_cast<void*>(groups_to + i)) group_rec*(group_slots()[i]);
      ::new (static_cast<void*>(members_to + i)) member_rec*(member_slots()[i]);
    }
    storage_ = std::move(bytes);
    capacity_ = static_cast<std::uint32_t>(n);
  }

  std::unique_ptr<std::byte[]> storage_;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_MEMBERSHIP_LIST_HPP

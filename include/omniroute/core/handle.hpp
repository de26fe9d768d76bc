// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Handles name router objects (agents, queues, contacts, offers). A handle is a dense slot
// index plus the generation the slot had when the object was created, so a handle kept after
// its object ended is recognised as stale instead of silently naming a newer object.
#ifndef OMNIROUTE_CORE_HANDLE_HPP
#define OMNIROUTE_CORE_HANDLE_HPP

#include <omniroute/core/base.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>

OMNIROUTE_BEGIN_NAMESPACE

/// A generation-checked handle. The default-constructed handle is null (generation 0 is never
/// issued). Handles compare by value; their order is the slot order, which is stable but is not
/// a creation order.
template <class Tag>
class handle {
 public:
  constexpr handle() noexcept = default;
  constexpr handle(std::uint32_t index, std::uint32_t generation) noexcept
      : index_(index), generation_(generation) {}

  constexpr std::uint32_t index() const noexcept { return index_; }
  constexpr std::uint32_t generation() const noexcept { return generation_; }
  constexpr bool is_null() const noexcept { return generation_ == 0; }
  constexpr explicit operator bool() const noexcept { return generation_ != 0; }

  /// One 64-bit value holding both parts; handy for hashing and for serialised commands.
  constexpr std::uint64_t value() const noexcept {
    return (static_cast<std::uint64_t>(generation_) << 32) | index_;
  }
  static constexpr handle from_value(std::uint64_t v) noexcept {
    return handle(static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(v >> 32));
  }

  friend constexpr bool operator==(handle a, handle b) noexcept {
    return a.index_ == b.index_ && a.generation_ == b.generation_;
  }
  friend constexpr bool operator!=(handle a, handle b) noexcept { return !(a == b); }
  friend constexpr bool operator<(handle a, handle b) noexcept { return a.value() < b.value(); }

 private:
  std::uint32_t index_ = 0;
  std::uint32_t generation_ = 0;
};

struct agent_tag;
struct queue_tag;
struct contact_tag;
struct offer_tag;
struct requirement_tag;
struct plan_tag;

using agent_id = handle<agent_tag>;
using queue_id = handle<queue_tag>;
using contact_id = handle<contact_tag>;
/// Names one reservation: the offer of a contact to an agent. The same id keeps naming that
/// agent's work on the contact after acceptance (connected, then wrap-up).
using offer_id = handle<offer_tag>;
/// An interned requirement (router::add_requirement). Null means "any agent of the queue".
using requirement_id = handle<requirement_tag>;
/// An escalation plan (router::add_escalation_plan). Null means none.
using plan_id = handle<plan_tag>;

OMNIROUTE_END_NAMESPACE

template <class Tag>
struct std::hash<omniroute::handle<Tag>> {
  std::size_t operator()(omniroute::handle<Tag> h) const noexcept {
    return std::hash<std::uint64_t>()(h.value());
  }
};

#endif  // OMNIROUTE_CORE_HANDLE_HPP

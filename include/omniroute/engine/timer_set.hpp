// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The router's timers: offer timeouts, wrap-up ends, hold-backs, max-wait expiries, ring steps.
#ifndef OMNIROUTE_ENGINE_TIMER_SET_HPP
#define OMNIROUTE_ENGINE_TIMER_SET_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/time.hpp>

#include <boost/intrusive/set.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

enum class timer_kind : std::uint8_t {
  offer_timeout,
  wrap_up_end,
  hold_back_end,
  max_wait,
  ring_step,
  escalation_step,
  affinity_end,
};

/// A timer embedded in the object it belongs to. `owner` is the owner's slot index.
struct timer_node {
  boost::intrusive::set_member_hook<boost::intrusive::link_mode<boost::intrusive::safe_link>,
                                   boost::intrusive::optimize_size<true>>
      hook;
  time_point deadline{};
  std::uint64_t sequence = 0;
  std::uint32_t owner = 0;
  timer_kind kind = timer_kind::offer_timeout;

  bool armed() const noexcept { return hook.is_linked(); }
};

/// One deadline of a timer_bank; armed while `sequence` is not 0 (arming counts from 1).
struct bank_slot {
  time_point deadline{};
  std::uint64_t sequence = 0;

  bool armed() const noexcept { return sequence != 0; }
};

/// Timers of one owner, one per kind in `Kinds`, that share a single node of the timer set:
/// the node stands at the earliest armed slot, with that slot's deadline, arming sequence
/// and kind, so the set orders and fires the slots exactly as it would separate nodes. A
/// contact has four timers, rarely more than two of them armed: a node each would be 80
/// more bytes per contact.
template <timer_kind... Kinds>
struct timer_bank {
  static constexpr std::size_t size = sizeof...(Kinds);
  static constexpr std::array<timer_kind, size> kinds{Kinds...};

  static constexpr std::size_t index_of(timer_kind k) noexcept {
    std::size_t i = 0;
    while (i < size && kinds[i] != k) ++i;
    return i;
  }
  static constexpr bool holds(timer_kind k) noexcept { return index_of(k) < size; }

  const bank_slot& slot(timer_kind k) const noexcept { return slots[index_of(k)]; }
  bank_slot& slot(timer_kind k) noexcept { return slots[index_of(k)]; }

  /// Blank for reuse from a pool. Precondition: no slot is armed.
  void reset() noexcept {
    slots = {};
    node.deadline = time_point{};
    node.sequence = 0;
    node.owner = 0;
  }

  /// In the timer set while any slot is armed. `owner` is the owner's slot index.
  timer_node node;
  std::array<bank_slot, size> slots{};
};

/// Armed timers ordered by (deadline, arming sequence): exact deadlines, and timers due at the
/// same instant fire in the order they were armed, so firing order is deterministic.
/// Complexity: arm O(log n), cancel amortised O(1), earliest O(1). Never allocates.
class timer_set {
  struct by_deadline {
    bool operator()(const timer_node& a, const timer_node& b) const noexcept {
      return a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence;
    }
  };
  using set_type = boost::intrusive::multiset<
      timer_node,
      boost::intrusive::member_hook<timer_node, decltype(timer_node::hook), &timer_node::hook>,
      boost::intrusive::compare<by_deadline>, boost::intrusive::constant_time_size<true>>;

 public:
  timer_set() = default;
  timer_set(const timer_set&) = delete;
  timer_set& operator=(const timer_set&) = delete;
  ~timer_set() { timers_.clear(); }

  /// (Re)arms `t` for `deadline`; an armed timer moves.
  void arm(timer_node& t, time_point deadline) noexcept {
    cancel(t);
    t.deadline = deadline;
    t.sequence = ++sequence_;
    timers_.insert(t);
  }
  void cancel(timer_node& t) noexcept {
    if (t.armed()) timers_.erase(timers_.iterator_to(t));
  }

  /// (Re)arms the bank's timer of kind `k` for `deadline`.
  template <timer_kind... Kinds>
  void arm(timer_bank<Kinds...>& b, timer_kind k, time_point deadline) noexcept {
    bank_slot& s = b.slot(k);
    s.deadline = deadline;
    s.sequence = ++sequence_;
    place(b);
  }
  template <timer_kind... Kinds>
  void cancel(timer_bank<Kinds...>& b, timer_kind k) noexcept {
    bank_slot& s = b.slot(k);
    if (!s.armed()) return;
    s.sequence = 0;
    place(b);
  }
  template <timer_kind... Kinds>
  void cancel_all(timer_bank<Kinds...>& b) noexcept {
    for (bank_slot& s : b.slots) s.sequence = 0;
    cancel(b.node);
  }
  /// Disarms every timer.
  void clear() noexcept { timers_.clear(); }
  /// The earliest armed timer, or null.
  timer_node* earliest() noexcept { return timers_.empty() ? nullptr : &*timers_.begin(); }
  time_point next_deadline() const noexcept {
    return timers_.empty() ? never : timers_.begin()->deadline;
  }
  std::size_t size() const noexcept { return timers_.size(); }

  /// The arming counter: the next arm() gives sequence() + 1. Saved by snapshots.
  std::uint64_t sequence() const noexcept { return sequence_; }
  /// Snapshot restore: the arming counter as saved.
  void restore_sequence(std::uint64_t sequence) noexcept { sequence_ = sequence; }
  /// Snapshot restore: arms `t` with a saved deadline and arming sequence (arm() would draw a
  /// new sequence and so change the firing order of timers due at the same instant).
  /// Precondition: t is not armed.
  void restore(timer_node& t, time_point deadline, std::uint64_t sequence) noexcept {
    t.deadline = deadline;
    t.sequence = sequence;
    timers_.insert(t);
  }
  /// Snapshot restore of one slot of a bank, as restore() for a node. Precondition: the slot
  /// is not armed; `sequence` is not 0.
  template <timer_kind... Kinds>
  void restore(timer_bank<Kinds...>& b, timer_kind k, time_point deadline, std::uint64_t sequence) noexcept {
    bank_slot& s = b.slot(k);
    s.deadline = deadline;
    s.sequence = sequence;
    place(b);
  }

 private:
  /// Moves the bank's node to its earliest armed slot, or out of the set.
  template <timer_kind... Kinds>
  void place(timer_bank<Kinds...>& b) noexcept {
    std::size_t first = b.size;
    for (std::size_t i = 0; i < b.size; ++i) {
      const bank_slot& s = b.slots[i];
      if (s.armed() && (first == b.size || s.deadline < b.slots[first].deadline ||
                        (s.deadline == b.slots[first].deadline && s.sequence < b.slots[first].sequence))) {
        first = i;
      }
    }
    if (first == b.size) {
      cancel(b.node);
      return;
    }
    const bank_slot& s = b.slots[first];
    b.node.kind = b.kinds[first];
    if (b.node.armed() && b.node.deadline == s.deadline && b.node.sequence == s.sequence) return;
    cancel(b.node);
    b.node.deadline = s.deadline;
    b.node.sequence = s.sequence;
    timers_.insert(b.node);
  }

  set_type timers_;
  std::uint64_t sequence_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ENGINE_TIMER_SET_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The router's timers: offer timeouts, wrap-up ends, hold-backs, max-wait expiries, ring steps.
#ifndef OMNIROUTE_ENGINE_TIMER_SET_HPP
#define OMNIROUTE_ENGINE_TIMER_SET_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/list_links.hpp>
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

/// A timer embedded in the object it belongs to. `owner` is the owner's slot index. Where it
/// sits in the timer set (a lane or the overflow tree) is the set's business.
struct timer_node {
  time_point deadline{};
  std::uint64_t sequence = 0;
  std::uint32_t owner = 0;
  timer_kind kind = timer_kind::offer_timeout;

  bool armed() const noexcept { return lane_ != unarmed; }

 private:
  friend class timer_set;
  static constexpr std::uint8_t unarmed = 0xFF;
  static constexpr std::uint8_t overflow = 0xFE;

  /// Which lane holds the node, `overflow` or `unarmed`. Like the links below, not copied.
  struct lane_place {
    std::uint8_t value = unarmed;
    lane_place() = default;
    lane_place(const lane_place&) noexcept {}
    lane_place& operator=(const lane_place&) noexcept { return *this; }
    operator std::uint8_t() const noexcept { return value; }
  };

  lane_place lane_;  // beside `kind`, where it costs no padding
  boost::intrusive::set_member_hook<boost::intrusive::link_mode<boost::intrusive::safe_link>,
                                   boost::intrusive::optimize_size<true>>
      tree_hook_;
  list_links<timer_node> link_;  // neighbours in a lane
};
static_assert(sizeof(void*) != 8 || sizeof(timer_node) == 64, "timer_node grew past a cache line");

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
///
/// Most timers are armed at now + a duration that one configuration value fixes (an offer
/// timeout, a wrap-up, a max wait, an escalation step), so each such kind arrives in deadline
/// order. The set keeps a few lanes, each a list in (deadline, sequence) order; a timer goes to
/// the end of the lane whose last timer is the latest one not after it, so the timers of one
/// duration keep to one lane and arming is an append, cancelling an unlink, instead of a
/// red-black tree's descent and rebalancing. A timer that fits no lane when none is free
/// goes to an overflow tree, so any pattern of deadlines stays O(log n). The earliest timer
/// is the first of one lane or of the tree, and is kept at hand.
/// Complexity: arm O(lanes) (O(log n) into the overflow tree), cancel O(1) (O(log n) in the
/// tree) plus O(lanes) when it was the earliest, earliest O(1). Never allocates.
/// Timers still armed when the set is destroyed are disarmed, so their nodes must outlive it.
class timer_set {
  struct by_deadline {
    bool operator()(const timer_node& a, const timer_node& b) const noexcept { return before(a, b); }
  };
  using tree_type = boost::intrusive::multiset<
      timer_node,
      boost::intrusive::member_hook<timer_node, decltype(timer_node::tree_hook_), &timer_node::tree_hook_>,
      boost::intrusive::compare<by_deadline>, boost::intrusive::constant_time_size<true>>;

 public:
  timer_set() = default;
  timer_set(const timer_set&) = delete;
  timer_set& operator=(const timer_set&) = delete;
  ~timer_set() { clear(); }

  /// Lanes of timers in deadline order (see the class comment).
  static constexpr std::size_t lane_count = 8;

  /// (Re)arms `t` for `deadline`; an armed timer moves.
  void arm(timer_node& t, time_point deadline) noexcept {
    cancel(t);
    t.deadline = deadline;
    t.sequence = ++sequence_;
    link(t);
  }
  void cancel(timer_node& t) noexcept {
    if (t.armed()) unlink(t);
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
  void clear() noexcept {
    for (lane& l : lanes_) {
      for (timer_node* t = l.head; t != nullptr;) {
        timer_node* next = t->link_.next;
        t->link_.prev = t->link_.next = nullptr;
        t->lane_.value = timer_node::unarmed;
        t = next;
      }
      l = lane{};
    }
    tree_.clear_and_dispose([](timer_node* t) { t->lane_.value = timer_node::unarmed; });
    active_ = 0;
    size_ = 0;
    first_ = nullptr;
  }
  /// The earliest armed timer, or null.
  timer_node* earliest() noexcept { return first_; }
  time_point next_deadline() const noexcept { return first_ ? first_->deadline : never; }
  std::size_t size() const noexcept { return size_; }
  /// Armed timers that fitted no lane (for tests and benchmarks).
  std::size_t overflowed() const noexcept { return tree_.size(); }

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
    link(t);
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
    link(b.node);
  }

  /// A timer's place in the order, kept beside each lane's ends so that choosing a lane and
  /// finding the earliest timer read no node.
  struct key {
    time_point deadline;
    std::uint64_t sequence;

    friend bool operator<(const key& a, const key& b) noexcept {
      return a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence;
    }
  };
  struct lane {
    timer_node* head = nullptr;
    timer_node* tail = nullptr;
    key head_key{};
    key tail_key{};
  };

  static key key_of(const timer_node& t) noexcept { return {t.deadline, t.sequence}; }
  static bool before(const timer_node& a, const timer_node& b) noexcept { return key_of(a) < key_of(b); }

  /// Precondition: t is not armed.
  void link(timer_node& t) noexcept {
    const key k = key_of(t);
    // The lane whose last timer is the latest one before t: appending keeps it in order, and a
    // duration's timers keep following each other there.
    std::size_t best = lane_count;
    for (std::uint32_t rest = active_; rest != 0; rest &= rest - 1) {
      const auto i = static_cast<std::size_t>(__builtin_ctz(rest));
      if (lanes_[i].tail_key < k && (best == lane_count || lanes_[best].tail_key < lanes_[i].tail_key)) best = i;
    }
    if (best == lane_count && active_ != all_lanes) {
      best = static_cast<std::size_t>(__builtin_ctz(~active_));
    }
    if (best == lane_count) {
      tree_.insert(t);
      t.lane_.value = timer_node::overflow;
    } else {
      lane& l = lanes_[best];
      t.link_.prev = l.tail;
      t.link_.next = nullptr;
      if (l.tail != nullptr) {
        l.tail->link_.next = &t;
      } else {
        l.head = &t;
        l.head_key = k;
        active_ |= std::uint32_t{1} << best;
      }
      l.tail = &t;
      l.tail_key = k;
      t.lane_.value = static_cast<std::uint8_t>(best);
    }
    ++size_;
    if (first_ == nullptr || k < key_of(*first_)) first_ = &t;
  }

  /// Precondition: t is armed.
  void unlink(timer_node& t) noexcept {
    if (t.lane_ == timer_node::overflow) {
      tree_.erase(tree_.iterator_to(t));
    } else {
      const std::size_t i = t.lane_;
      lane& l = lanes_[i];
      timer_node* prev = t.link_.prev;
      timer_node* next = t.link_.next;
      if (prev != nullptr) {
        prev->link_.next = next;
      } else {
        l.head = next;
        if (next != nullptr) l.head_key = key_of(*next);
      }
      if (next != nullptr) {
        next->link_.prev = prev;
      } else {
        l.tail = prev;
        if (prev != nullptr) l.tail_key = key_of(*prev);
      }
      if (l.head == nullptr) active_ &= ~(std::uint32_t{1} << i);
      t.link_.prev = t.link_.next = nullptr;
    }
    t.lane_.value = timer_node::unarmed;
    --size_;
    if (&t == first_) first_ = find_first();
  }

  timer_node* find_first() noexcept {
    timer_node* first = tree_.empty() ? nullptr : &*tree_.begin();
    key k = first ? key_of(*first) : key{};
    for (std::uint32_t rest = active_; rest != 0; rest &= rest - 1) {
      const lane& l = lanes_[static_cast<std::size_t>(__builtin_ctz(rest))];
      if (first == nullptr || l.head_key < k) {
        first = l.head;
        k = l.head_key;
      }
    }
    return first;
  }

  static constexpr std::uint32_t all_lanes = (std::uint32_t{1} << lane_count) - 1;

  std::array<lane, lane_count> lanes_{};
  std::uint32_t active_ = 0;  ///< Bit i: lane i holds a timer.
  tree_type tree_;             ///< Timers that fitted no lane.
  std::size_t size_ = 0;
  timer_node* first_ = nullptr;  ///< The earliest armed timer.
  std::uint64_t sequence_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ENGINE_TIMER_SET_HPP

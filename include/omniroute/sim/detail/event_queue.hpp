// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The simulator's pending host events. Internal to the simulator (sim/simulator-inl.hpp); its
// own header so that a test can drive it directly.
#ifndef OMNIROUTE_SIM_DETAIL_EVENT_QUEUE_HPP
#define OMNIROUTE_SIM_DETAIL_EVENT_QUEUE_HPP

#include <omniroute/core/base.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {
namespace detail {

/// One host event as the simulator handles it.
struct host_event {
  enum kind_t : std::uint8_t {
    arrival,       ///< index: stream
    abandon,       ///< id: contact
    answer,        ///< id: offer
    complete,      ///< id: contact
    shift_start,   ///< index: agent; id: shift
    break_start,   ///< index: agent; id: shift << 32 | break
    break_end,     ///< index: agent
    shift_end,     ///< index: agent
    logout_retry,  ///< index: agent
    recover,       ///< index: agent
    callback,      ///< id: contact (the customer takes the callback offered)
  };
  std::int64_t t;
  std::uint64_t id;
  std::uint32_t index;
  kind_t kind;
};

/// Whether events of `kind` carry an index (else an id). Pushed events carry one or the other,
/// never both; only planned ones (agent schedules) carry both.
constexpr bool carries_index(host_event::kind_t kind) noexcept {
  return kind == host_event::arrival || kind == host_event::logout_retry ||
         kind == host_event::recover;
}

/// A pending event in a heap: 24 bytes, (time, sequence) first, compared as one 128-bit key.
struct heap_node {
  std::uint64_t time;   ///< The time with its sign bit flipped: orders as unsigned.
  std::uint64_t order;  ///< sequence << 8 | kind.
  std::uint64_t arg;    ///< The id or the index (see carries_index).

  static std::uint64_t encode_time(std::int64_t t) noexcept {
    return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63);
  }
  std::int64_t t() const noexcept {
    return static_cast<std::int64_t>(time ^ (std::uint64_t{1} << 63));
  }
  host_event::kind_t kind() const noexcept {
    return static_cast<host_event::kind_t>(order & 0xFF);
  }
};

/// Whether `a` comes after `b`: by time, then in the order they were scheduled.
inline bool later(const heap_node& a, const heap_node& b) noexcept {
  __extension__ typedef unsigned __int128 u128;
  return (static_cast<u128>(a.time) << 64 | a.order) > (static_cast<u128>(b.time) << 64 | b.order);
}

/// A 4-ary min-heap of events keyed by (time, sequence). With `Indexed`, it also knows where
/// each event sits, by a slot taken from the event's id (its low 32 bits: a contact index), so
/// that an event can be removed before it is due; one event per slot.
///
/// A pop moves the hole at the root down to a leaf along the smallest children (three
/// comparisons per level, the four children compared pairwise) and then sifts the last element
/// up from there: it almost always belongs near the bottom, so this saves the comparison with
/// it at every level. Complexity: push, pop and remove O(log n).
template <bool Indexed>
class event_heap {
  using node = heap_node;

 public:
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

  void reserve(std::size_t n) { h_.reserve(n); }
  bool empty() const noexcept { return h_.empty(); }
  std::size_t size() const noexcept { return h_.size(); }
  /// Precondition: !empty().
  const node& top() const noexcept { return h_.front(); }

  void push(const node& n) {
    if constexpr (Indexed) {
      const std::uint32_t s = slot(n);
      if (s >= pos_.size()) pos_.resize(std::max<std::size_t>(s + 1, 2 * pos_.size()), npos);
      if (pos_[s] != npos) remove(s);
    }
    h_.push_back(n);
    sift_up(h_.size() - 1, n);
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  node pop() noexcept {
    const node top = h_.front();
    if constexpr (Indexed) pos_[slot(top)] = npos;
    const node last = h_.back();
    h_.pop_back();
    if (!h_.empty()) fill(0, last);
    return top;
  }

  /// Removes the event of `slot`, if there is one; whether there was.
  bool remove(std::uint32_t s) noexcept {
    static_assert(Indexed, "remove needs an indexed heap");
    if (s >= pos_.size() || pos_[s] == npos) return false;
    const std::size_t i = pos_[s];
    pos_[s] = npos;
    const node last = h_.back();
    h_.pop_back();
    if (i < h_.size()) fill(i, last);
    return true;
  }

 private:
  static constexpr std::size_t arity = 4;

  static std::uint32_t slot(const node& n) noexcept { return static_cast<std::uint32_t>(n.arg); }

  void put(std::size_t i, const node& n) noexcept {
    h_[i] = n;
    if constexpr (Indexed) pos_[slot(n)] = static_cast<std::uint32_t>(i);
  }

  void sift_up(std::size_t i, const node& n) noexcept {
    while (i > 0) {
      const std::size_t parent = (i - 1) / arity;
      if (!later(h_[parent], n)) break;
      put(i, h_[parent]);
      i = parent;
    }
    put(i, n);
  }

  /// Fills the hole at `i` with `n`: the hole goes down to a leaf, `n` then goes up from there
  /// (past `i` if it must: a removal fills a hole anywhere with the last element).
  void fill(std::size_t i, const node& n) noexcept {
    const std::size_t size = h_.size();
    for (;;) {
      const std::size_t first = i * arity + 1;
      std::size_t best;
      if (first + arity <= size) {
        const std::size_t a = later(h_[first], h_[first + 1]) ? first + 1 : first;
        const std::size_t b = later(h_[first + 2], h_[first + 3]) ? first + 3 : first + 2;
        best = later(h_[a], h_[b]) ? b : a;
      } else if (first < size) {
        best = first;
        for (std::size_t c = first + 1; c < size; ++c) {
          if (later(h_[best], h_[c])) best = c;
        }
      } else {
        break;
      }
      put(i, h_[best]);
      i = best;
    }
    sift_up(i, n);
  }

  std::vector<node> h_;
  std::vector<std::uint32_t> pos_;  ///< Indexed: slot -> position, npos when none.
};

/// The simulator's pending host events, earliest first; events at the same time come out in
/// the order they were scheduled (so a seed gives one run).
///
/// Three sources, merged by (time, sequence) on the way out:
///  - the plan: agents' schedules (shift starts and ends, breaks: 8 events per agent and
///    shift), all known before the run starts, sorted once and read with a cursor, so that a
///    day's whole schedule does not sit at the bottom of the heap, deepening every push and
///    pop and pushing its hot top out of the cache;
///  - a heap of what the run schedules as it goes (arrivals, answers, completions);
///  - a heap of cancellable events, one per slot (abandons, by contact index): a contact that
///    is answered takes its abandon out instead of leaving it to be popped and dropped later.
/// Both heaps are 4-ary (event_heap). Complexity: plan O(1), start O(p log p) for p planned
/// events, push, pop and cancel O(log n) for n events in the heap concerned, next_time O(1).
class event_queue {
  using node = heap_node;

 public:
  /// Plans an event; only before start(). Planned events precede at equal times everything
  /// pushed afterwards.
  void plan(std::int64_t t, host_event::kind_t kind, std::uint64_t id, std::uint32_t index) {
    OMNIROUTE_ASSERT(!started_, "event_queue::plan after start");
    plan_.push_back({{t, id, index, kind}, ++seq_});
  }

  /// Sorts the plan; reserves room for `expected` events in the heap.
  void start(std::size_t expected) {
    std::sort(plan_.begin(), plan_.end(), [](const planned& a, const planned& b) {
      return a.e.t != b.e.t ? a.e.t < b.e.t : a.seq < b.seq;
    });
    next_ = 0;
    started_ = true;
    heap_.reserve(expected);
  }

  /// Schedules an event of a kind that carries an id or an index (see carries_index): `arg`.
  void push(std::int64_t t, host_event::kind_t kind, std::uint64_t arg) {
    heap_.push(make(t, kind, arg));
  }

  /// Schedules an event that cancel(slot) can take back, slot = the low 32 bits of `id`; it
  /// replaces any event of that slot still pending.
  void push_cancellable(std::int64_t t, host_event::kind_t kind, std::uint64_t id) {
    cancellable_.push(make(t, kind, id));
  }

  /// Removes the pending cancellable event of `slot`, if any: it will not come out of pop().
  bool cancel(std::uint32_t slot) noexcept { return cancellable_.remove(slot); }

  bool empty() const noexcept {
    return heap_.empty() && cancellable_.empty() && next_ == plan_.size();
  }

  /// The time of the earliest event, or the largest int64 when empty.
  std::int64_t next_time() const noexcept {
    std::int64_t t = std::numeric_limits<std::int64_t>::max();
    if (next_ < plan_.size()) t = plan_[next_].e.t;
    if (!heap_.empty()) t = std::min(t, heap_.top().t());
    if (!cancellable_.empty()) t = std::min(t, cancellable_.top().t());
    return t;
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  host_event pop() noexcept {
    const node* best = nullptr;
    if (!heap_.empty()) best = &heap_.top();
    const bool from_cancellable =
        !cancellable_.empty() && (!best || later(*best, cancellable_.top()));
    if (from_cancellable) best = &cancellable_.top();
    if (next_ < plan_.size() &&
        (!best || best->t() >= plan_[next_].e.t)) {
      // At equal times the plan comes first: it was all scheduled before anything was pushed.
      return plan_[next_++].e;
    }
    const node n = from_cancellable ? cancellable_.pop() : heap_.pop();
    const host_event::kind_t kind = n.kind();
    host_event e{n.t(), 0, 0, kind};
    if (carries_index(kind)) {
      e.index = static_cast<std::uint32_t>(n.arg);
    } else {
      e.id = n.arg;
    }
    return e;
  }

 private:
  struct planned {
    host_event e;
    std::uint64_t seq;
  };

  node make(std::int64_t t, host_event::kind_t kind, std::uint64_t arg) noexcept {
    OMNIROUTE_ASSERT(started_, "event_queue::push before start");
    return {node::encode_time(t), ++seq_ << 8 | kind, arg};
  }

  event_heap<false> heap_;
  event_heap<true> cancellable_;
  std::vector<planned> plan_;
  std::size_t next_ = 0;
  std::uint64_t seq_ = 0;
  bool started_ = false;
};

}  // namespace detail
}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_DETAIL_EVENT_QUEUE_HPP

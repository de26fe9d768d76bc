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

/// A 4-ary min-heap of events keyed by (time, sequence) that knows where each event sits, by
/// a slot taken from the event's id (its low 32 bits: a contact index), so that an event can be
/// removed before it is due; one event per slot.
///
/// A pop moves the hole at the root down to a leaf along the smallest children (three
/// comparisons per level, the four children compared pairwise) and then sifts the last element
/// up from there: it almost always belongs near the bottom, so this saves the comparison with
/// it at every level. Complexity: push, pop and remove O(log n).
class cancellable_event_heap {
  using node = heap_node;

 public:
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

  void reserve(std::size_t n) { h_.reserve(n); }
  bool empty() const noexcept { return h_.empty(); }
  std::size_t size() const noexcept { return h_.size(); }
  /// Precondition: !empty().
  const node& top() const noexcept { return h_.front(); }

  /// Replaces the event of n's slot, if there is one.
  void push(const node& n) {
    const std::uint32_t s = slot(n);
    if (s >= pos_.size()) pos_.resize(std::max<std::size_t>(s + 1, 2 * pos_.size()), npos);
    if (pos_[s] != npos) remove(s);
    h_.push_back(n);
    sift_up(h_.size() - 1, n);
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  node pop() noexcept {
    const node top = h_.front();
    pos_[slot(top)] = npos;
    const node last = h_.back();
    h_.pop_back();
    if (!h_.empty()) fill(0, last);
    return top;
  }

  /// Removes the event of `slot`, if there is one; whether there was.
  bool remove(std::uint32_t s) noexcept {
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
    pos_[slot(n)] = static_cast<std::uint32_t>(i);
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
  std::vector<std::uint32_t> pos_;  ///< slot -> position, npos when none.
};

/// A radix heap of events: a min-priority queue for times that never go below the last one
/// taken as reference, as in a simulation, where nothing is scheduled in the past. An event
/// sits in bucket b = the position of the highest bit where its time differs from the
/// reference time (bucket 0 also holds the reference time itself), so every event of a bucket
/// comes before every event of a higher one. When the first non-empty bucket is not bucket 0,
/// a pop empties it: its earliest time becomes the reference and its events drop into lower
/// buckets. An event moves down a few times at most before it is due, without comparisons
/// with the others on the way: cheaper than a heap's sift over every level at each pop. The
/// earliest event (time, then sequence) is kept aside for top(), and found again after each
/// pop by a scan of the first non-empty bucket (usually a handful of events).
/// Preconditions of push: the time is >= 0 and not before the last event popped.
/// Complexity: push O(1); pop O(1) amortised plus the size of that bucket. Buckets keep their
/// capacity: no allocation in steady state.
class radix_event_heap {
 public:
  using node = heap_node;

  bool empty() const noexcept { return size_ == 0; }

  void push(const node& n) {
    OMNIROUTE_ASSERT(n.time >= reference_, "radix_event_heap: an event in the past");
    const unsigned b = bucket_of(n.time);
    buckets_[b].push_back(n);
    mask_ |= std::uint64_t{1} << b;
    if (size_++ == 0 || later(top_, n)) top_ = n;
  }

  /// The earliest event. Precondition: !empty().
  const node& top() const noexcept { return top_; }

  /// Removes and returns the earliest event. Precondition: !empty().
  node pop() noexcept {
    const node n = top_;
    unsigned b = first_bucket();
    if (b != 0) {
      settle(b);
      b = 0;
    }
    std::vector<node>& v = buckets_[b];
    std::size_t i = 0;
    while (v[i].order != n.order) ++i;
    v[i] = v.back();
    v.pop_back();
    if (v.empty()) mask_ &= ~(std::uint64_t{1} << b);
    if (--size_ > 0) top_ = earliest(buckets_[first_bucket()]);
    return n;
  }

 private:
  /// Times are >= 0, so their encoding has the top bit set: they differ below bit 63.
  static constexpr unsigned bucket_count = 63;

  unsigned bucket_of(std::uint64_t time) const noexcept {
    return 63 - static_cast<unsigned>(__builtin_clzll((time ^ reference_) | 1));
  }

  /// Precondition: not empty.
  unsigned first_bucket() const noexcept { return static_cast<unsigned>(__builtin_ctzll(mask_)); }

  static const node& earliest(const std::vector<node>& v) noexcept {
    const node* best = &v.front();
    for (const node& n : v) {
      if (later(*best, n)) best = &n;
    }
    return *best;
  }

  /// Empties bucket b (the first non-empty one, holding top_) into lower buckets, top_'s time
  /// becoming the reference: its events differ from it only below bit b.
  void settle(unsigned b) noexcept {
    std::vector<node>& from = buckets_[b];
    mask_ &= ~(std::uint64_t{1} << b);
    reference_ = top_.time;
    for (const node& n : from) {
      const unsigned to = bucket_of(n.time);
      buckets_[to].push_back(n);
      mask_ |= std::uint64_t{1} << to;
    }
    from.clear();
  }

  std::vector<node> buckets_[bucket_count];
  std::uint64_t mask_ = 0;  ///< Bit b: bucket b is not empty.
  std::uint64_t reference_ = heap_node::encode_time(0);
  std::size_t size_ = 0;
  node top_{};  ///< The earliest event, when not empty.
};

/// The simulator's pending host events, earliest first; events at the same time come out in
/// the order they were scheduled (so a seed gives one run).
///
/// Three sources, merged by (time, sequence) on the way out:
///  - the plan: agents' schedules (shift starts and ends, breaks: 8 events per agent and
///    shift), all known before the run starts, sorted once and read with a cursor;
///  - a radix heap (radix_event_heap) of what the run schedules as it goes (arrivals, answers,
///    completions), which never schedules anything in the past;
///  - a 4-ary heap of cancellable events, one per slot (abandons, by contact index): a contact
///    that is answered takes its abandon out (cancellable_event_heap) instead of leaving it to be
///    popped and dropped later.
/// Complexity: plan O(1), start O(p log p) for p planned events, push O(1), push_cancellable
/// and cancel O(log c) for c cancellable events pending, pop as the source's pop, next_time
/// O(1).
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
    cancellable_.reserve(expected);
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

  radix_event_heap heap_;
  cancellable_event_heap cancellable_;
  std::vector<planned> plan_;
  std::size_t next_ = 0;
  std::uint64_t seq_ = 0;
  bool started_ = false;
};

}  // namespace detail
}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_DETAIL_EVENT_QUEUE_HPP

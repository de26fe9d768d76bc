// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The simulator's event queue (sim/detail/event_queue.hpp) against a naive reference: a list
// of pending events searched linearly for the earliest (time, then scheduling order).
#include <omniroute/core/random.hpp>
#include <omniroute/sim/detail/event_queue.hpp>

#include <cstdint>
#include <vector>

#include "support/catch.hpp"

namespace {

using namespace omniroute;
using sim::detail::event_queue;
using sim::detail::host_event;

struct reference_event {
  host_event e;
  std::uint64_t seq;
  bool cancellable;
};

/// Pops the earliest event of `pending`.
host_event pop_reference(std::vector<reference_event>& pending) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < pending.size(); ++i) {
    const auto& a = pending[i];
    const auto& b = pending[best];
    if (a.e.t < b.e.t || (a.e.t == b.e.t && a.seq < b.seq)) best = i;
  }
  const host_event e = pending[best].e;
  pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(best));
  return e;
}

void cancel_reference(std::vector<reference_event>& pending, std::uint32_t slot) {
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (pending[i].cancellable && static_cast<std::uint32_t>(pending[i].e.id) == slot) {
      pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

}  // namespace

TEST_CASE("Events come out by time, then in the order they were scheduled", "[sim][event_queue]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    rng r(seed);
    event_queue q;
    std::vector<reference_event> ref;
    std::uint64_t seq = 0;
    // Mostly coarse times, so that many events share one; some far ahead, up to ~18 minutes
    // of nanoseconds, so that the radix heap uses many buckets.
    const auto time = [&](std::int64_t from) {
      const std::uint64_t ahead = r.below(4) == 0 ? r.below(std::uint64_t{1} << 40) : r.below(8);
      return from + static_cast<std::int64_t>(ahead);
    };
    for (std::uint32_t agent = 0; agent < 30; ++agent) {
      const std::int64_t t = time(0);
      q.plan(t, host_event::shift_start, agent, agent);
      ref.push_back({{t, agent, agent, host_event::shift_start}, ++seq, false});
    }
    q.start(16);
    std::int64_t now = 0;
    std::uint64_t next_contact = 0;
    for (int step = 0; step < 4000; ++step) {
      const std::uint64_t what = r.below(10);
      if (what < 3) {
        const std::int64_t t = time(now);
        const auto stream = static_cast<std::uint32_t>(r.below(5));
        q.push(t, host_event::arrival, stream);
        ref.push_back({{t, 0, stream, host_event::arrival}, ++seq, false});
      } else if (what < 6) {
        // A contact id: index (one of 64 slots) and a generation.
        const std::uint64_t id = (++next_contact << 32) | r.below(64);
        const std::int64_t t = time(now);
        cancel_reference(ref, static_cast<std::uint32_t>(id));  // a push replaces the slot's event
        q.push_cancellable(t, host_event::abandon, id);
        ref.push_back({{t, id, 0, host_event::abandon}, ++seq, true});
      } else if (what < 7) {
        const auto slot = static_cast<std::uint32_t>(r.below(64));
        cancel_reference(ref, slot);
        q.cancel(slot);
      } else {
        REQUIRE(q.empty() == ref.empty());
        if (ref.empty()) continue;
        const host_event want = pop_reference(ref);
        REQUIRE(q.next_time() == want.t);
        const host_event got = q.pop();
        REQUIRE(got.t == want.t);
        REQUIRE(got.kind == want.kind);
        REQUIRE(got.id == want.id);
        REQUIRE(got.index == want.index);
        now = got.t;
      }
    }
    while (!ref.empty()) {
      const host_event want = pop_reference(ref);
      const host_event got = q.pop();
      REQUIRE(got.t == want.t);
      REQUIRE(got.id == want.id);
      REQUIRE(got.index == want.index);
    }
    CHECK(q.empty());
  }
}

TEST_CASE("A cancelled event is never delivered", "[sim][event_queue]") {
  event_queue q;
  q.start(4);
  q.push_cancellable(10, host_event::abandon, (std::uint64_t{1} << 32) | 3);
  q.push_cancellable(20, host_event::abandon, (std::uint64_t{1} << 32) | 4);
  q.push(30, host_event::complete, (std::uint64_t{2} << 32) | 3);
  CHECK(q.cancel(3));
  CHECK_FALSE(q.cancel(3));  // nothing left in that slot
  CHECK(q.next_time() == 20);
  host_event e = q.pop();
  CHECK((e.kind == host_event::abandon && e.id == ((std::uint64_t{1} << 32) | 4)));
  CHECK_FALSE(q.cancel(4));  // delivered: no longer pending
  e = q.pop();
  CHECK((e.kind == host_event::complete && e.t == 30));
  CHECK(q.empty());
}

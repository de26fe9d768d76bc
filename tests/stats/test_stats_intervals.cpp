// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Interval statistics, every value computed by hand. Intervals are one minute here:
// interval k is [60k, 60k + 60) seconds; T = 20 s; short abandon < 5 s.
#include "stats/stats_host.hpp"

using namespace omniroute_test;
using stats::service_level_definition;

namespace {
/// The reference scenario of docs/stats.md ("A worked interval"):
///   alice logs in not ready at 0; c1..c4 arrive at 1, 2, 3, 4.
///   c2 abandons at 5 (waited 3 s: short, within T); alice ready at 10, c1 offered;
///   accepted at 11 (waited 10 s); c1 completed at 21 (talk 10), c3 offered at 21, accepted
///   at 23 (waited 20 s: exactly T, within); c4 abandons at 34 (waited 30 s); c3 completed at
///   43 (talk 20); c5 arrives at 50, offered, accepted at 52 (2 s), completed at 70 (talk 18).
struct worked_interval {
  explicit worked_interval(stats::stats_options o = minute_intervals()) : s(o) {
    q = s.queue("sales");
    alice = s.h.given_agent("alice", {q}, not_ready_setup());
    c1 = s.h.arrive(1, q);
    c2 = s.h.arrive(2, q);
    c3 = s.h.arrive(3, q);
    c4 = s.h.arrive(4, q);
    s.h.abandon(5, c2);
    s.h.ready(10, alice);
    s.h.accept(11, c1, alice);
    s.h.complete(21, c1);
    s.h.accept(23, c3, alice);
    s.h.abandon(34, c4);
    s.h.complete(43, c3);
    c5 = s.h.arrive(50, q);
    s.h.accept(52, c5, alice);
    s.h.complete(70, c5);
  }
  stats_host s;
  queue_id q;
  agent_id alice;
  contact_id c1, c2, c3, c4, c5;
};
}  // namespace

TEST_CASE("stats: counts, waits and the three service levels of one interval", "[stats][interval]") {
  worked_interval w;
  const auto i0 = w.s.q(w.q, 0);
  CHECK(i0.begin == at_seconds(0));
  CHECK(i0.end == at_seconds(60));
  CHECK(i0.entered == 5);
  CHECK(i0.offered == 5);  // 3 answered + 2 abandoned, all decided in [0, 60)
  CHECK(i0.answered == 3);
  CHECK(i0.answered_within_threshold == 3);  // waits 10, 20 (= T counts) and 2
  CHECK(i0.abandoned == 2);
  CHECK(i0.abandoned_within_threshold == 1);  // c2 after 3 s; c4 after 30 s is beyond T
  CHECK(i0.short_abandoned == 1);
  CHECK(secs_of(i0.answer_wait) == 32);
  CHECK(secs_of(i0.longest_answer_wait) == 20);
  CHECK(secs_of(i0.abandon_wait) == 33);
  CHECK(secs_of(i0.longest_abandon_wait) == 30);
  CHECK(i0.handled == 2);  // c1 and c3; c5 ends in the next interval
  CHECK(secs_of(i0.talk) == 30);
  CHECK(i0.offers == 3);
  CHECK(*i0.service_level(service_level_definition::of_offered) == Approx(3.0 / 5));
  CHECK(*i0.service_level(service_level_definition::of_answered) == Approx(1.0));
  CHECK(*i0.service_level(service_level_definition::of_offered_less_abandoned_within) ==
        Approx(3.0 / 4));
  CHECK(*i0.asa() == Approx(32.0 / 3));
  CHECK(*i0.aht() == Approx(15.0));
  CHECK(*i0.average_time_to_abandon() == Approx(16.5));
  CHECK(*i0.abandon_rate() == Approx(0.4));

  const auto i1 = w.s.q(w.q, 1);
  CHECK(i1.offered == 0);
  CHECK(i1.handled == 1);
  CHECK(secs_of(i1.talk) == 18);
  CHECK(*i1.aht() == Approx(18.0));
  CHECK_FALSE(i1.asa());
  CHECK_FALSE(i1.service_level(service_level_definition::of_offered));

  // The channel row sees the same contacts.
  const auto v0 = w.s.ch(channels::voice, 0);
  CHECK(v0.offered == 5);
  CHECK(v0.answered_within_threshold == 3);
  CHECK(v0.handled == 2);
  // The agent row: answers and handled work.
  const auto a0 = w.s.a(w.alice, 0);
  CHECK(a0.answered == 3);
  CHECK(a0.handled == 2);
  CHECK(secs_of(a0.talk) == 30);
  CHECK(a0.offered == 0);
}

TEST_CASE("stats: agent time, occupancy and utilisation split at interval boundaries",
          "[stats][interval][occupancy]") {
  worked_interval w;
  w.s.st.advance(at_seconds(90));
  // alice in [0, 60): not ready 0-10; reserved 10-11, 21-23, 50-52; busy 11-21, 23-43, 52-60;
  // ready 43-50.
  const auto a0 = w.s.a(w.alice, 0);
  CHECK(secs_of(a0.time.logged_in) == 60);
  CHECK(secs_of(a0.time.not_ready) == 10);
  CHECK(secs_of(a0.time.reserved) == 5);
  CHECK(secs_of(a0.time.busy) == 38);
  CHECK(secs_of(a0.time.ready) == 7);
  CHECK(secs_of(a0.time.wrap_up) == 0);
  CHECK(*a0.occupancy() == Approx(43.0 / 50));    // not ready excluded
  CHECK(*a0.utilisation() == Approx(43.0 / 60));  // not ready included
  // [60, 90): busy 60-70 (c5), ready 70-90.
  const auto a1 = w.s.a(w.alice, 1);
  CHECK(secs_of(a1.time.busy) == 10);
  CHECK(secs_of(a1.time.ready) == 20);
  CHECK(*a1.occupancy() == Approx(10.0 / 30));
  // The queue row sums its members: alice only.
  CHECK(w.s.q(w.q, 0).time.busy == a0.time.busy);
  CHECK(*w.s.q(w.q, 0).occupancy() == Approx(43.0 / 50));
}

TEST_CASE("stats: short abandons can be left out of offered and abandoned", "[stats][interval]") {
  auto o = minute_intervals();
  o.exclude_short_abandons = true;
  worked_interval w(o);
  const auto i0 = w.s.q(w.q, 0);
  CHECK(i0.offered == 4);
  CHECK(i0.abandoned == 1);
  CHECK(i0.short_abandoned == 1);
  CHECK(i0.abandoned_within_threshold == 0);
  CHECK(secs_of(i0.abandon_wait) == 30);
  CHECK(*i0.service_level(service_level_definition::of_offered) == Approx(3.0 / 4));
  CHECK(*i0.service_level(service_level_definition::of_offered_less_abandoned_within) ==
        Approx(3.0 / 4));
}

TEST_CASE("stats: the short-abandon and service-level thresholds at their boundaries",
          "[stats][interval]") {
  stats_host s;
  auto q = s.queue("q");
  auto c1 = s.h.arrive(0, q);
  auto c2 = s.h.arrive(0, q);
  auto c3 = s.h.arrive(0, q);
  auto c4 = s.h.arrive(0, q);
  s.h.abandon(4.999, c1);  // short
  s.h.abandon(5, c2);      // exactly the short threshold: not short
  s.h.abandon(20, c3);     // exactly T: within
  s.h.abandon(20.001, c4); // beyond T
  const auto i0 = s.q(q, 0);
  CHECK(i0.abandoned == 4);
  CHECK(i0.short_abandoned == 1);
  CHECK(i0.abandoned_within_threshold == 3);
}

TEST_CASE("stats: a contact counts in the interval of its outcome, not of its entry",
          "[stats][interval][boundary]") {
  stats_host s;
  auto q = s.queue("q");
  auto alice = s.h.given_agent("alice", {q}, not_ready_setup());
  auto c1 = s.h.arrive(50, q);  // interval 0
  auto c2 = s.h.arrive(55, q);  // interval 0
  s.st.advance(at_seconds(65));
  auto rt = s.st.queue_realtime(q);
  REQUIRE(rt);
  CHECK(rt->waiting == 2);
  CHECK(secs_of(rt->longest_wait) == 15);
  s.h.ready(69, alice);
  s.h.accept(70, c1, alice);  // interval 1, waited 20 s: within T
  s.h.abandon(130, c2);       // interval 2, waited 75 s
  CHECK(s.q(q, 0).entered == 2);
  CHECK(s.q(q, 0).offered == 0);
  CHECK(s.q(q, 1).entered == 0);
  CHECK(s.q(q, 1).offered == 1);
  CHECK(s.q(q, 1).answered_within_threshold == 1);
  CHECK(secs_of(s.q(q, 1).answer_wait) == 20);
  CHECK(s.q(q, 2).offered == 1);
  CHECK(s.q(q, 2).abandoned == 1);
  CHECK(secs_of(s.q(q, 2).abandon_wait) == 75);
}

TEST_CASE("stats: an event at exactly k*L belongs to interval k", "[stats][interval][boundary]") {
  stats_host s;
  auto q = s.queue("q");
  auto c1 = s.h.arrive(0, q);
  auto c2 = s.h.arrive(0, q);
  s.h.abandon(59.999999999, c1);
  s.h.abandon(60, c2);
  CHECK(s.st.interval_index(at_seconds(60)) == 1);
  CHECK(s.st.interval_index(at_seconds(59.999999999)) == 0);
  CHECK(s.st.interval_index(at_seconds(-0.5)) == -1);
  CHECK(s.q(q, 0).abandoned == 1);
  CHECK(s.q(q, 1).abandoned == 1);
}

TEST_CASE("stats: a state spanning several intervals is split exactly", "[stats][interval][boundary]") {
  stats_host s;
  auto q = s.queue("q");
  auto alice = s.h.given_agent("alice", {q});
  auto c1 = s.h.arrive(30, q);
  s.h.accept(30, c1, alice);
  s.h.complete(200, c1);  // busy 30-200: 30 s in 0, 60 in 1, 60 in 2, 20 in 3
  CHECK(secs_of(s.a(alice, 0).time.busy) == 30);
  CHECK(secs_of(s.a(alice, 0).time.ready) == 30);
  CHECK(secs_of(s.a(alice, 1).time.busy) == 60);
  CHECK(secs_of(s.a(alice, 2).time.busy) == 60);
  CHECK(secs_of(s.a(alice, 3).time.busy) == 20);
  CHECK(s.a(alice, 3).handled == 1);
  CHECK(secs_of(s.a(alice, 3).talk) == 170);  // talk counts whole where it ends
  CHECK(*s.a(alice, 1).occupancy() == Approx(1.0));
}

TEST_CASE("stats: wrap-up is handle time, counted where the wrap-up ends", "[stats][interval][wrap_up]") {
  stats_host s;
  auto q = s.queue("q", [](queue_config& c) { c.wrap_up = std::chrono::seconds(10); });
  auto alice = s.h.given_agent("alice", {q});
  auto c1 = s.h.arrive(5, q);
  s.h.accept(5, c1, alice);
  s.h.complete(35, c1);  // talk 30, wrap-up 35-45
  auto c2 = s.h.arrive(46, q);
  s.h.accept(46, c2, alice);
  s.h.complete(55, c2);  // talk 9, wrap-up 55-65: ends in interval 1
  s.h.advance(120);      // the router ends the wrap-up at 65
  s.st.advance(at_seconds(120));
  const auto i0 = s.q(q, 0);
  CHECK(i0.handled == 2);
  CHECK(secs_of(i0.talk) == 39);
  CHECK(secs_of(i0.wrap_up) == 10);
  CHECK(*i0.aht() == Approx(49.0 / 2));
  const auto i1 = s.q(q, 1);
  CHECK(i1.handled == 0);
  CHECK(secs_of(i1.wrap_up) == 10);
  CHECK_FALSE(i1.aht());
  // Agent time: ready 0-5, busy 5-35, wrap 35-45, ready 45-46, busy 46-55, wrap 55-60 | 60-65.
  const auto a0 = s.a(alice, 0);
  CHECK(secs_of(a0.time.ready) == 6);
  CHECK(secs_of(a0.time.busy) == 39);
  CHECK(secs_of(a0.time.wrap_up) == 15);
  CHECK(*a0.occupancy() == Approx(54.0 / 60));
  CHECK(secs_of(s.a(alice, 1).time.wrap_up) == 5);
  CHECK(secs_of(s.a(alice, 1).wrap_up) == 10);
}

TEST_CASE("stats: reserved time is occupied and idle not-ready time is not available",
          "[stats][interval][occupancy]") {
  stats_host s;
  auto q = s.queue("q");
  auto alice = s.h.given_agent("alice", {q});
  auto c1 = s.h.arrive(0, q);  // reserved 0-15
  s.h.reject(15, c1, alice);   // back to ready? rejected: alice stays ready, c1 offered again
  // The router offers c1 again to alice at once (the only member): reserved again from 15.
  s.h.abandon(20, c1);          // ready 20-40
  s.h.not_ready(40, alice);     // not ready 40-60
  s.st.advance(at_seconds(60));
  const auto a0 = s.a(alice, 0);
  CHECK(secs_of(a0.time.reserved) == 20);
  CHECK(secs_of(a0.time.ready) == 20);
  CHECK(secs_of(a0.time.not_ready) == 20);
  CHECK(*a0.occupancy() == Approx(20.0 / 40));
  CHECK(*a0.utilisation() == Approx(20.0 / 60));
  CHECK(a0.offers == 2);
  CHECK(a0.offers_missed == 1);
}

TEST_CASE("stats: a service-level threshold per queue", "[stats][interval]") {
  stats_host s;
  auto q = s.queue("q");
  stats::queue_settings qs;
  qs.service_level_threshold = std::chrono::seconds(5);
  REQUIRE(s.st.configure_queue(q, qs));
  auto alice = s.h.given_agent("alice", {q}, not_ready_setup());
  auto c1 = s.h.arrive(0, q);
  s.h.ready(10, alice);
  s.h.accept(10, c1, alice);
  CHECK(s.q(q, 0).answered == 1);
  CHECK(s.q(q, 0).answered_within_threshold == 0);
}

TEST_CASE("stats: intervals beyond the history are dropped", "[stats][interval]") {
  auto o = minute_intervals();
  o.history = 3;
  stats_host s(o);
  auto q = s.queue("q");
  auto c1 = s.h.arrive(0, q);
  s.h.abandon(10, c1);
  CHECK(s.q(q, 0).abandoned == 1);
  s.st.advance(at_seconds(150));  // current 2: keeps 0, 1, 2
  CHECK(s.q(q, 0).abandoned == 1);
  CHECK(s.q(q, 1).abandoned == 0);
  s.st.advance(at_seconds(180));  // current 3: keeps 1, 2, 3
  CHECK_FALSE(s.st.queue_interval(q, 0));
  CHECK(s.st.queue_interval(q, 3));
  CHECK_FALSE(s.st.queue_interval(q, 4));  // the future
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Timers: next_deadline, advance firing in deadline order at exact deadlines, commands
// auto-advancing, time never going backwards.
#include "support/recording_host.hpp"

using namespace omniroute_test;

TEST_CASE("next_deadline reports the earliest armed timer or never", "[router][timer]") {
  recording_host h;
  CHECK(h.r.next_deadline() == never);
  auto waiting = h.given_queue("waiting", [](queue_config& c) { c.max_wait = seconds(30); });
  auto sales = h.given_queue("sales");
  auto a = h.given_agent("alice", {sales});
  h.arrive(1, waiting);  // expires at 31
  CHECK(h.r.next_deadline() == at_seconds(31));
  auto c2 = h.arrive(5, sales);  // offer times out at 25
  CHECK(h.r.next_deadline() == at_seconds(25));
  h.accept(6, c2, a);  // the timeout is disarmed
  CHECK(h.r.next_deadline() == at_seconds(31));
  h.advance(31);
  CHECK(h.r.next_deadline() == never);
}

TEST_CASE("advance fires every due timer in deadline order, each at its exact deadline", "[router][timer]") {
  recording_host h;
  auto sales = h.given_queue("sales");
  auto short_q = h.given_queue("short", [](queue_config& c) { c.max_wait = seconds(7); });
  auto wrap = h.given_queue("wrap", [](queue_config& c) { c.wrap_up = seconds(4); });
  auto a = h.given_agent("alice", {sales});
  auto b = h.given_agent("bob", {wrap});
  auto m = h.mark();
  h.arrive(0, sales);     // c1 offered to alice: times out at 20, 40, 60
  h.arrive(3, short_q);   // c2 expires at 10
  auto c3 = h.arrive(4, wrap);
  h.serve(4, c3, b, 11);  // bob's wrap-up ends at 15
  h.advance(100);
  CHECK(h.story_since(m) ==
        lines{"t=0 queued c1 sales", "t=0 offered c1 alice", "t=3 queued c2 short",
              "t=4 queued c3 wrap", "t=4 offered c3 bob", "t=4 ended c3 bob accepted",
              "t=4 connected c3 bob", "t=10 expired c2 short max_wait", "t=11 completed c3 bob",
              "t=11 wrap_up bob until=15", "t=15 wrap_up_end bob", "t=20 ended c1 alice no_answer",
              "t=20 offered c1 alice", "t=40 ended c1 alice no_answer", "t=40 offered c1 alice",
              "t=60 ended c1 alice no_answer"});
  CHECK(h.r.now() == at_seconds(100));
  CHECK(h.state(a) == agent_state::not_ready);
}

TEST_CASE("a timer fires at its deadline, not before", "[router][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.max_wait = seconds(10); });
  auto c1 = h.arrive(0, q);
  h.advance(9.999999999);
  CHECK(h.state(c1) == contact_state::waiting);
  auto m = h.mark();
  h.advance(10);
  CHECK(h.story_since(m) == lines{"t=10 expired c1 sales max_wait"});
}

TEST_CASE("a command first fires the timers due before its time", "[router][timer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q}, not_ready_setup());
  auto c1 = h.arrive(0, q);  // alice's offer times out at 20
  auto m = h.mark();
  h.ready(50, b);  // the timeouts at 20 and 40 fire first, each at its deadline
  CHECK(h.story_since(m) == lines{"t=20 ended c1 alice no_answer", "t=20 offered c1 alice",
                                  "t=40 ended c1 alice no_answer", "t=40 offered c1 alice"});
  const auto all = h.all_since(m);
  REQUIRE_FALSE(all.empty());
  CHECK(all.back() == "t=50 state bob not_ready->ready");
  CHECK(h.offered_to(c1) == a);
  CHECK(h.r.now() == at_seconds(50));
}

TEST_CASE("time going backwards is refused and changes nothing", "[router][timer][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q}, not_ready_setup());
  h.advance(10);
  auto m = h.mark();
  CHECK(err(h.r.advance(at_seconds(5))) == "time_went_backwards");
  contact_spec s;
  s.queue = q;
  CHECK(err(h.r.arrive(at_seconds(5), s)) == "time_went_backwards");
  CHECK(err(h.r.ready(at_seconds(9.5), a)) == "time_went_backwards");
  CHECK(h.mark() == m);
  CHECK(h.r.now() == at_seconds(10));
  CHECK(h.r.live_contact_count() == 0);
  CHECK(h.state(a) == agent_state::not_ready);
  // The same time again is fine.
  h.ready(10, a);
  h.advance(10);
}

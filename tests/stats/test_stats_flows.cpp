// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Transfers, overflows, terminal outcomes, groups, callbacks and real-time figures.
#include "stats/stats_host.hpp"

using namespace omniroute_test;

TEST_CASE("stats: a waiting contact transferred is offered in both queues", "[stats][transfer]") {
  stats_host s;
  auto a = s.queue("a");
  auto b = s.queue("b");
  auto bob = s.h.given_agent("bob", {b}, not_ready_setup());
  auto c1 = s.h.arrive(0, a);
  REQUIRE(s.h.r.transfer(at_seconds(30), c1, b));  // keeps its arrival time in the router
  s.h.ready(35, bob);
  s.h.accept(40, c1, bob);
  const auto ia = s.q(a, 0);
  CHECK(ia.entered == 1);
  CHECK(ia.offered == 1);
  CHECK(ia.flowed_out == 1);
  CHECK(ia.transferred_out == 1);
  CHECK(ia.answered == 0);
  CHECK_FALSE(ia.service_level(stats::service_level_definition::of_answered));
  CHECK(*ia.service_level(stats::service_level_definition::of_offered) == Approx(0.0));
  const auto ib = s.q(b, 0);
  CHECK(ib.entered == 1);
  CHECK(ib.transferred_in == 1);
  CHECK(ib.offered == 1);
  CHECK(ib.answered == 1);
  CHECK(secs_of(ib.answer_wait) == 10);  // the wait in b: from 30, not from arrival
  // The channel row counts the contact once per queue it was offered in.
  CHECK(s.ch(channels::voice, 0).offered == 2);
}

TEST_CASE("stats: a connected contact transferred counts as handled and transferred",
          "[stats][transfer]") {
  stats_host s;
  auto a = s.queue("a");
  auto b = s.queue("b");
  auto alice = s.h.given_agent("alice", {a});
  auto c1 = s.h.arrive(0, a);
  s.h.accept(2, c1, alice);
  REQUIRE(s.h.r.transfer(at_seconds(12), c1, b));
  const auto ia = s.q(a, 0);
  CHECK(ia.offered == 1);  // answered once; the transfer adds no second outcome here
  CHECK(ia.answered == 1);
  CHECK(ia.flowed_out == 0);
  CHECK(ia.transferred_out == 1);
  CHECK(ia.handled == 1);
  CHECK(secs_of(ia.talk) == 10);
  const auto al = s.a(alice, 0);
  CHECK(al.transferred_out == 1);
  CHECK(al.handled == 1);
  const auto ib = s.q(b, 0);
  CHECK(ib.entered == 1);
  CHECK(ib.transferred_in == 1);
  CHECK(ib.offered == 0);  // still waiting in b
  auto rt = s.st.queue_realtime(b);
  REQUIRE(rt);
  CHECK(rt->waiting == 1);
  s.st.advance(at_seconds(20));
  CHECK(secs_of(s.st.queue_realtime(b)->longest_wait) == 8);
}

TEST_CASE("stats: overflow on max wait, expired and routed-out outcomes", "[stats][transfer]") {
  stats_host s;
  auto b = s.queue("b");
  auto c = s.queue("c", [&](queue_config& cfg) {
    cfg.max_wait = std::chrono::seconds(30);
    cfg.overflow = b;
  });
  auto d = s.queue("d", [](queue_config& cfg) { cfg.max_wait = std::chrono::seconds(40); });
  auto c1 = s.h.arrive(0, c);
  s.h.arrive(0, d);  // c2 expires at 40
  auto c3 = s.h.arrive(10, d);
  REQUIRE(s.h.r.route_out(at_seconds(15), c3));
  s.h.advance(45);
  const auto ic = s.q(c, 0);
  CHECK(ic.offered == 1);
  CHECK(ic.flowed_out == 1);
  CHECK(ic.overflowed_out == 1);
  CHECK(ic.transferred_out == 0);
  CHECK(s.q(b, 0).overflowed_in == 1);
  CHECK(s.q(b, 0).entered == 1);
  const auto id = s.q(d, 0);
  CHECK(id.offered == 2);
  CHECK(id.expired == 1);
  CHECK(id.routed_out == 1);
  CHECK(id.offered == id.answered + id.abandoned + id.expired + id.routed_out + id.flowed_out);
  (void)c1;
}

TEST_CASE("stats: refused contacts are counted apart from offered", "[stats][interval]") {
  stats_host s;
  auto q = s.queue("q", [](queue_config& c) { c.max_length = 1; });
  s.h.arrive(0, q);
  contact_spec spec;
  spec.queue = q;
  CHECK_FALSE(s.h.r.arrive(at_seconds(1), spec));
  CHECK(s.q(q, 0).refused == 1);
  CHECK(s.q(q, 0).entered == 1);
  CHECK(s.q(q, 0).offered == 0);
}

TEST_CASE("stats: a group sums its queues' contacts and counts each agent once",
          "[stats][group]") {
  stats_host s;
  auto a = s.queue("a");
  auto b = s.queue("b");
  auto other = s.queue("other");
  s.st.set_group("billing", {a, b});
  auto alice = s.h.given_agent("alice", {a, b});  // member of both: counted once
  auto bob = s.h.given_agent("bob", {other});
  auto c1 = s.h.arrive(0, a);
  s.h.accept(4, c1, alice);
  s.h.complete(10, c1);
  auto c2 = s.h.arrive(10, b);
  s.h.accept(10, c2, alice);
  s.h.complete(40, c2);
  auto c3 = s.h.arrive(40, other);
  s.h.accept(40, c3, bob);
  s.st.advance(at_seconds(60));
  const auto g = s.g("billing", 0);
  CHECK(g.offered == 2);
  CHECK(g.answered == 2);
  CHECK(g.answered_within_threshold == 2);
  CHECK(g.handled == 2);
  CHECK(secs_of(g.talk) == 36);
  CHECK(secs_of(g.time.logged_in) == 60);  // alice once, bob not at all
  CHECK(secs_of(g.time.reserved) == 4);
  CHECK(secs_of(g.time.busy) == 36);
  CHECK(*g.occupancy() == Approx(40.0 / 60));
  // Each queue row holds alice's whole time (she is a member of both).
  CHECK(secs_of(s.q(a, 0).time.logged_in) == 60);
  CHECK(secs_of(s.q(b, 0).time.logged_in) == 60);

  auto rt = s.st.group_realtime("billing");
  REQUIRE(rt);
  CHECK(rt->agents_in(agent_state::ready) == 1);
  CHECK(rt->staffed() == 1);
  CHECK(*rt->occupancy == Approx(0.0));
  CHECK_FALSE(s.st.group_realtime("nobody"));
  CHECK(s.st.remove_group("billing"));
  CHECK_FALSE(s.st.group_interval("billing", 0));
}

TEST_CASE("stats: callbacks are counted when the host reports them", "[stats][callback]") {
  stats_host s;
  auto q = s.queue("q");
  s.st.record_callback_offered(at_seconds(10), q, channels::voice);
  s.st.record_callback_offered(at_seconds(70), q, channels::voice);
  s.st.record_callback_accepted(at_seconds(71), q);
  CHECK(s.q(q, 0).callbacks_offered == 1);
  CHECK(s.q(q, 1).callbacks_offered == 1);
  CHECK(s.q(q, 1).callbacks_accepted == 1);
  CHECK(s.ch(channels::voice, 1).callbacks_offered == 1);
  CHECK(s.ch(channels::voice, 1).callbacks_accepted == 0);
}

TEST_CASE("stats: real-time agents by state and occupancy now", "[stats][realtime]") {
  stats_host s;
  auto q = s.queue("q");
  auto alice = s.h.given_agent("alice", {q});
  auto bob = s.h.given_agent("bob", {q});
  auto carol = s.h.given_agent("carol", {q}, not_ready_setup());
  s.h.given_agent("dave", {q}, logged_out());
  auto c1 = s.h.arrive(1, q);  // offered to alice (longest idle, created first)
  s.h.accept(2, c1, alice);
  auto rt = s.st.queue_realtime(q);
  REQUIRE(rt);
  CHECK(rt->agents_in(agent_state::busy) == 1);
  CHECK(rt->agents_in(agent_state::ready) == 1);
  CHECK(rt->agents_in(agent_state::not_ready) == 1);
  CHECK(rt->agents_in(agent_state::logged_out) == 1);
  CHECK(rt->staffed() == 2);
  CHECK(*rt->occupancy == Approx(0.5));
  CHECK(rt->waiting == 0);
  CHECK(*s.st.agent_state_of(alice) == agent_state::busy);
  CHECK(*s.st.agent_state_of(carol) == agent_state::not_ready);
  (void)bob;
}

TEST_CASE("stats: removed queues and agents leave the snapshot, stale handles read nothing",
          "[stats][realtime]") {
  stats_host s;
  auto q = s.queue("q");
  auto alice = s.h.given_agent("alice", {q}, logged_out());
  REQUIRE(s.h.r.remove_agent(at_seconds(1), alice));
  REQUIRE(s.h.r.remove_queue(at_seconds(1), q));
  auto snap = s.st.take_snapshot();
  CHECK(snap.queues.empty());
  CHECK(snap.agents.empty());
  auto q2 = s.queue("q2");
  CHECK(q2.index() == q.index());  // the slot is reused with a new generation
  CHECK_FALSE(s.st.queue_interval(q, 0));
  CHECK(s.st.queue_interval(q2, 0));
}

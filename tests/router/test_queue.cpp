// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Queue order, join positions, limits, join and leave policies, wrap-up.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {
contact_spec spec_for(queue_id q, std::int32_t priority = 0,
                      std::optional<std::uint32_t> position = std::nullopt) {
  contact_spec s;
  s.queue = q;
  s.priority = priority;
  s.position = position;
  return s;
}
/// The lines containing `what`.
lines only(const lines& l, const std::string& what) {
  lines out;
  for (const auto& s : l) {
    if (s.find(what) != std::string::npos) out.push_back(s);
  }
  return out;
}
}  // namespace

TEST_CASE("a fifo queue orders by arrival and ignores priority", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("fifo", [](queue_config& c) { c.ordering = queue_ordering::fifo; });
  auto a = h.given_agent("alice", {q}, logged_out());
  h.arrive(1, q, channels::voice, 5);
  h.arrive(2, q, channels::voice, 0);
  auto c3 = h.arrive(3, q, channels::voice, 9);
  CHECK(h.waiting(q) == lines{"c1", "c2", "c3"});
  CHECK(*h.r.position(c3) == 2);
  CHECK(h.info(c3).priority == 9);  // recorded all the same
  auto m = h.mark();
  h.login(4, a, true);
  CHECK(h.offers_since(m) == lines{"c1 alice"});
}

TEST_CASE("a priority queue serves higher priority first, then first come", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("prio");  // priority ordering is the default
  auto a = h.given_agent("alice", {q}, logged_out());
  h.arrive(1, q, channels::voice, 0);
  h.arrive(2, q, channels::voice, 5);
  h.arrive(3, q, channels::voice, 5);
  h.arrive(4, q, channels::voice, 9);
  h.arrive(5, q, channels::voice, -3);
  CHECK(h.waiting(q) == lines{"c4", "c2", "c3", "c1", "c5"});
  auto m = h.mark();
  h.login(6, a, true);
  CHECK(h.offers_since(m) == lines{"c4 alice"});
  // The offered contact keeps its place.
  CHECK(h.waiting(q) == lines{"c4", "c2", "c3", "c1", "c5"});
  CHECK(h.info(q).offered == 1);
  CHECK(h.info(q).waiting == 5);
}

TEST_CASE("an earlier arrival time (time in an IVR) places a contact ahead", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("fifo", [](queue_config& c) { c.ordering = queue_ordering::fifo; });
  h.arrive(10, q);
  contact_spec s = spec_for(q);
  s.arrival = at_seconds(5);
  auto c2 = h.arrive(11, s);
  CHECK(h.waiting(q) == lines{"c2", "c1"});
  CHECK(h.info(c2).arrival == at_seconds(5));
  CHECK(h.info(q).head_since == at_seconds(5));
}

TEST_CASE("a join position places the contact at that index within its priority band", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("prio");
  h.arrive(1, q);
  h.arrive(2, q);
  h.arrive(3, q);
  h.arrive(4, spec_for(q, 0, 1u));
  CHECK(h.waiting(q) == lines{"c1", "c4", "c2", "c3"});
  h.arrive(5, spec_for(q, 0, 0u));
  CHECK(h.waiting(q) == lines{"c5", "c1", "c4", "c2", "c3"});
  auto c6 = h.arrive(6, spec_for(q, 0, 5u));  // exactly at the end
  CHECK(h.waiting(q) == lines{"c5", "c1", "c4", "c2", "c3", "c6"});
  CHECK(*h.r.position(c6) == 5);
}

TEST_CASE("a join position never lands ahead of higher priority nor behind lower", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("prio");
  h.arrive(1, q, channels::voice, 5);   // c1
  h.arrive(2, q, channels::voice, 0);   // c2
  h.arrive(3, q, channels::voice, 0);   // c3
  h.arrive(4, spec_for(q, 0, 0u));      // c4: clamped behind c1
  CHECK(h.waiting(q) == lines{"c1", "c4", "c2", "c3"});
  h.arrive(5, spec_for(q, 5, 10u));     // c5: past its band: last among priority 5
  CHECK(h.waiting(q) == lines{"c1", "c5", "c4", "c2", "c3"});
  h.arrive(6, spec_for(q, 0, 99u));     // c6: out of range: last in band (the end)
  CHECK(h.waiting(q) == lines{"c1", "c5", "c4", "c2", "c3", "c6"});
  h.arrive(7, spec_for(q, 9, 3u));      // c7: highest priority: clamped to the head
  CHECK(h.waiting(q) == lines{"c7", "c1", "c5", "c4", "c2", "c3", "c6"});
  h.arrive(8, spec_for(q, -1, 0u));     // c8: lowest: never ahead of anyone
  CHECK(h.waiting(q) == lines{"c7", "c1", "c5", "c4", "c2", "c3", "c6", "c8"});
}

TEST_CASE("max_length refuses arrivals beyond it with queue_full and a contact_refused event",
          "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("small", [](queue_config& c) { c.max_length = 2; });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);  // offered: still counts
  h.arrive(2, q);
  CHECK(h.state(c1) == contact_state::offered);
  auto m = h.mark();
  auto refused = h.r.arrive(at_seconds(3), spec_for(q));
  CHECK(err(refused) == "queue_full");
  CHECK(h.story_since(m) == lines{"t=3 refused small queue_full"});
  const event& e = h.last(event_kind::contact_refused).e;
  CHECK(e.refusal == errc::queue_full);
  CHECK(e.queue == q);
  CHECK(e.channel == channels::voice);
  CHECK(e.contact.is_null());
  CHECK(h.r.live_contact_count() == 2);
  CHECK(h.info(q).waiting == 2);
  // Room again once one leaves.
  h.accept(4, c1, a);
  h.arrive(5, q);
  CHECK(h.info(q).waiting == 2);
}

TEST_CASE("max_wait without an overflow ends the contact expired at its exact deadline",
          "[router][queue][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.max_wait = seconds(30); });
  auto c1 = h.arrive(2, q);
  CHECK(h.r.next_deadline() == at_seconds(32));
  auto m = h.mark();
  h.advance(100);
  CHECK(h.story_since(m) == lines{"t=32 expired c1 sales max_wait"});
  CHECK(err(h.r.contact(c1)) == "unknown_contact");
  CHECK(h.r.live_contact_count() == 0);
  CHECK(h.r.next_deadline() == never);
}

TEST_CASE("max_wait overflows to the target queue keeping the arrival time", "[router][queue][timer]") {
  recording_host h;
  auto second = h.given_queue("second", [](queue_config& c) { c.max_wait = seconds(60); });
  auto first = h.given_queue("first", [&](queue_config& c) {
    c.max_wait = seconds(30);
    c.overflow = second;
  });
  auto c1 = h.arrive(5, first);
  h.arrive(10, second);  // c2: later arrival, already in the target
  auto m = h.mark();
  h.advance(35);
  // (Which event reports the move is checked in test_events.)
  CHECK(h.waiting(second) == lines{"c1", "c2"});
  CHECK(h.waiting(first).empty());
  CHECK(h.info(c1).queue == second);
  CHECK(h.info(c1).arrival == at_seconds(5));
  CHECK(h.info(c1).enqueued == at_seconds(35));
  // In the target, max_wait counts from entering it: c2 at 10 + 60, c1 at 35 + 60.
  h.advance(100);
  CHECK(only(h.story_since(m), " expired ") ==
        lines{"t=70 expired c2 second max_wait", "t=95 expired c1 second max_wait"});
}

TEST_CASE("max_wait expires instead of overflowing into a full queue or one refusing the channel",
          "[router][queue][timer]") {
  recording_host h;
  auto full = h.given_queue("full", [](queue_config& c) { c.max_length = 1; });
  auto calls_only = h.given_queue("calls_only", [](queue_config& c) { c.channels = {channels::voice}; });
  auto to_full = h.given_queue("to_full", [&](queue_config& c) {
    c.max_wait = seconds(10);
    c.overflow = full;
  });
  auto to_calls = h.given_queue("to_calls", [&](queue_config& c) {
    c.max_wait = seconds(10);
    c.overflow = calls_only;
  });
  h.arrive(1, full);                       // c1 fills "full"
  h.arrive(2, to_full);                    // c2
  h.arrive(3, to_calls, channels::chat);   // c3
  auto m = h.mark();
  h.advance(20);
  CHECK(h.story_since(m) ==
        lines{"t=12 expired c2 to_full max_wait", "t=13 expired c3 to_calls max_wait"});
  CHECK(h.waiting(full) == lines{"c1"});
  CHECK(h.waiting(calls_only).empty());
}

TEST_CASE("max_wait cancels a pending offer before the contact leaves", "[router][queue][timer][offer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.max_wait = seconds(30);
    c.offers.timeout = duration::zero();  // offers never time out
  });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  CHECK(h.offered_to(c1) == a);
  auto m = h.mark();
  h.advance(40);
  CHECK(h.story_since(m) ==
        lines{"t=31 ended c1 alice cancelled:contact_left", "t=31 expired c1 sales max_wait"});
  REQUIRE(h.voice().cancels.size() == 1);
  CHECK(h.voice().cancels[0].cause == cancel_cause::contact_left);
  CHECK(h.voice().cancels[0].at == at_seconds(31));
  CHECK(h.state(a) == agent_state::ready);
  CHECK(h.failures(a, failure_kind::no_answer) == 0);
}

TEST_CASE("join policy refuse_when_none_logged_in refuses with no_agents", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.join = join_policy::refuse_when_none_logged_in; });
  auto a = h.given_agent("alice", {q}, logged_out());
  auto m = h.mark();
  CHECK(err(h.r.arrive(at_seconds(1), spec_for(q))) == "no_agents");
  CHECK(h.story_since(m) == lines{"t=1 refused sales no_agents"});
  h.login(2, a, false, 3);  // logged in, not ready: enough
  h.arrive(3, q);
  CHECK(h.info(q).waiting == 1);
}

TEST_CASE("join policy refuse_when_none_ready refuses unless a member is ready (even if busy)",
          "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.join = join_policy::refuse_when_none_ready; });
  auto a = h.given_agent("alice", {q}, not_ready_setup());
  auto m = h.mark();
  CHECK(err(h.r.arrive(at_seconds(1), spec_for(q))) == "no_agents");
  h.ready(2, a);
  auto c1 = h.arrive(3, q);
  h.accept(4, c1, a);
  h.arrive(5, q);  // alice busy but presence ready: accepted, waits
  CHECK(h.story_since(m) == lines{"t=1 refused sales no_agents", "t=3 queued c1 sales",
                                  "t=3 offered c1 alice", "t=4 ended c1 alice accepted",
                                  "t=4 connected c1 alice", "t=5 queued c2 sales"});
}

TEST_CASE("leave policy when_none_logged_in sends waiting contacts out when the last member logs out",
          "[router][queue]") {
  recording_host h;
  auto spill = h.given_queue("spill");
  auto q = h.given_queue("sales", [&](queue_config& c) { c.leave = leave_policy::when_none_logged_in; });
  auto q2 = h.given_queue("support", [&](queue_config& c) {
    c.leave = leave_policy::when_none_logged_in;
    c.overflow = spill;
  });
  auto a = h.given_agent("alice", {q, q2}, not_ready_setup());
  auto b = h.given_agent("bob", {q}, not_ready_setup());
  h.arrive(1, q);
  h.arrive(2, q2);
  auto m = h.mark();
  h.logout(3, b);  // alice still logged in: nothing leaves
  CHECK(h.story_since(m).empty());
  h.logout(4, a);
  CHECK(only(h.story_since(m), " expired ") == lines{"t=4 expired c1 sales leave_when_empty"});
  CHECK(h.waiting(q2).empty());
  CHECK(h.waiting(spill) == lines{"c2"});
}

TEST_CASE("leave policy when_none_ready keeps contacts that have a pending offer", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.leave = leave_policy::when_none_ready;
    c.offers.timeout = duration::zero();
  });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);  // offered to alice
  h.arrive(2, q);            // c2 waits: alice is reserved by a call
  auto m = h.mark();
  h.not_ready(3, a, 4);
  CHECK(h.story_since(m) == lines{"t=3 expired c2 sales leave_when_empty"});
  CHECK(h.state(c1) == contact_state::offered);
  h.accept(4, c1, a);
  CHECK(h.state(c1) == contact_state::connected);
}

TEST_CASE("wrap-up follows the queue's duration and ends by timer at its exact deadline",
          "[router][queue][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.wrap_up = seconds(10); });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  h.accept(2, c1, a);
  h.arrive(3, q);  // c2 waits
  auto m = h.mark();
  h.complete(20, c1);
  CHECK(h.r.next_deadline() == at_seconds(30));
  const auto& w = h.last(event_kind::wrap_up_started).e;
  CHECK(w.deadline == at_seconds(30));
  CHECK(w.offer == h.offer_of(c1, a));
  h.advance(29.5);
  CHECK(h.offers_since(m).empty());
  h.advance(30);
  CHECK(h.story_since(m) == lines{"t=20 completed c1 alice", "t=20 wrap_up alice until=30",
                                  "t=30 wrap_up_end alice", "t=30 offered c2 alice"});
}

TEST_CASE("an agent's wrap-up overrides the queue's", "[router][queue][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.wrap_up = seconds(10); });
  auto a = h.given_agent("alice", {q}, configured([](agent_config& c) { c.wrap_up = seconds(3); }));
  auto b = h.given_agent("bob", {q}, configured([](agent_config& c) { c.wrap_up = duration::zero(); }));
  auto c1 = h.arrive(1, q);
  auto c2 = h.arrive(1, q);
  REQUIRE(h.offered_to(c1) == a);
  REQUIRE(h.offered_to(c2) == b);
  h.accept(2, c1, a);
  h.accept(2, c2, b);
  h.complete(5, c1);
  h.complete(5, c2);
  CHECK(h.state(a) == agent_state::wrap_up);
  CHECK(h.last(event_kind::wrap_up_started).e.agent == a);
  CHECK(h.last(event_kind::wrap_up_started).e.deadline == at_seconds(8));
  CHECK(h.state(b) == agent_state::ready);  // zero override: no wrap-up at all
  CHECK(h.events_of(event_kind::wrap_up_started).size() == 1);
  h.advance(8);
  CHECK(h.state(a) == agent_state::ready);
}

TEST_CASE("end_wrap_up ends a wrap-up early and the agent takes waiting work in that command",
          "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.wrap_up = seconds(60); });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  auto o1 = h.offer_of(c1, a);
  h.accept(2, o1);
  CHECK(err(h.r.end_wrap_up(at_seconds(3), o1)) == "not_in_wrap_up");
  h.complete(4, c1);
  h.arrive(5, q);
  auto m = h.mark();
  h.end_wrap_up(6, o1);
  CHECK(h.story_since(m) == lines{"t=6 wrap_up_end alice", "t=6 offered c2 alice"});
  CHECK(h.r.next_deadline() == at_seconds(26));  // only the new offer's timeout is armed
  CHECK(err(h.r.end_wrap_up(at_seconds(7), o1)) != "ok");
}

TEST_CASE("queue_info::expected_wait is waiting x handle time / logged-in members", "[router][queue]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.expected_handle_time = seconds(60);
    c.wrap_up = duration::zero();
    c.offers.timeout = duration::zero();
  });
  auto c1 = h.arrive(1, q);
  CHECK(h.info(q).expected_wait == duration::max());  // nobody logged in
  auto alice = h.given_agent("alice", {q});
  auto bob = h.given_agent("bob", {q});
  h.arrive(2, q);
  auto c3 = h.arrive(3, q);
  // Three in the queue (two offered), two logged in, the configured 60 s: 3 x 60 / 2.
  CHECK(h.info(q).expected_wait == seconds(90));
  h.accept(4, c1, alice);
  CHECK(h.info(q).expected_wait == seconds(60));  // c1 left the queue when it connected
  h.complete(24, c1);  // the first completion's 20 s replaces the prior
  REQUIRE(h.offered_to(c3) == alice);
  CHECK(h.info(q).expected_wait == seconds(20));  // 2 x 20 / 2
  h.accept(25, c3, alice);
  h.complete(65, c3);  // 40 s: 0.9 x 20 + 0.1 x 40 = 22 s per contact
  CHECK(h.info(q).expected_wait == seconds(11));  // 1 x 22 / 2
  (void)bob;
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Offers: one outcome each, failure policies (hold-back, thresholds, counters), overrides.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {
std::size_t ended_count(const recording_host& h, offer_id o) {
  std::size_t n = 0;
  for (const auto& e : h.events_of(event_kind::offer_ended)) n += e.offer == o ? 1 : 0;
  return n;
}
}  // namespace

TEST_CASE("an offer ends in exactly one outcome and releases the agent's capacity", "[router][offer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  auto o = h.offer_of(c1, a);
  CHECK(h.info(a).used_capacity == 100);
  CHECK(h.info(a).offers_pending == 1);
  auto m = h.mark();

  SECTION("accepted") {
    h.accept(2, o);
    CHECK(h.story_since(m) == lines{"t=2 ended c1 alice accepted", "t=2 connected c1 alice"});
    CHECK(h.last(event_kind::offer_ended).e.outcome == offer_outcome::accepted);
    CHECK(h.voice().cancels.empty());
    CHECK(err(h.r.accept(at_seconds(3), o)) == "offer_not_pending");
    CHECK(err(h.r.reject(at_seconds(3), o)) == "offer_not_pending");
    h.advance(100);  // the old timeout must not fire
    CHECK(ended_count(h, o) == 1);
    CHECK(h.info(a).used_capacity == 100);  // converted to connected work
    CHECK(h.info(a).offers_pending == 0);
    CHECK(h.info(a).connected == 1);
    auto oi = h.r.offer(o);
    REQUIRE(oi);
    CHECK(oi->stage == offer_info::phase::connected);
    CHECK(oi->connected_at == at_seconds(2));
  }
  SECTION("rejected") {
    h.not_ready(2, a, 8);  // so the contact is not offered again to alice
    h.reject(3, o);
    CHECK(h.story_since(m) == lines{"t=3 ended c1 alice rejected"});
    CHECK(h.voice().cancels.empty());  // the host rejected: no cancel follows
    CHECK(err(h.r.accept(at_seconds(4), o)) != "ok");
    h.advance(100);
    CHECK(ended_count(h, o) == 1);
    CHECK(h.info(a).used_capacity == 0);
    CHECK(h.state(c1) == contact_state::waiting);
  }
  SECTION("timed out") {
    h.not_ready(2, a, 8);
    h.advance(100);
    CHECK(h.story_since(m) == lines{"t=21 ended c1 alice no_answer"});
    REQUIRE(h.voice().cancels.size() == 1);
    CHECK(h.voice().cancels[0].offer == o);
    CHECK(h.voice().cancels[0].outcome == offer_outcome::no_answer);
    CHECK(h.voice().cancels[0].at == at_seconds(21));
    CHECK(err(h.r.accept(at_seconds(101), o)) != "ok");
    CHECK(ended_count(h, o) == 1);
    CHECK(h.info(a).used_capacity == 0);
  }
  SECTION("cancelled") {
    h.abandon(2, c1);
    CHECK(h.story_since(m) ==
          lines{"t=2 ended c1 alice cancelled:contact_left", "t=2 abandoned c1 sales"});
    REQUIRE(h.voice().cancels.size() == 1);
    CHECK(h.voice().cancels[0].outcome == offer_outcome::cancelled);
    CHECK(h.voice().cancels[0].cause == cancel_cause::contact_left);
    CHECK(err(h.r.accept(at_seconds(3), o)) != "ok");
    h.advance(100);
    CHECK(ended_count(h, o) == 1);
    CHECK(h.info(a).used_capacity == 0);
    CHECK(h.state(a) == agent_state::ready);
  }
}

TEST_CASE("a contact whose offer failed is routable again from its original place", "[router][offer][queue]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.offers.rejected.hold_back = seconds(30); });
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c1 = h.arrive(1, q);
  h.arrive(2, q);
  h.arrive(3, q);
  REQUIRE(h.offered_to(c1) == a);
  h.reject(4, c1, a);
  CHECK(h.waiting(q) == lines{"c1", "c2", "c3"});
  CHECK(*h.r.position(c1) == 0);
  CHECK(h.state(c1) == contact_state::waiting);
  auto m = h.mark();
  h.login(5, b, true);
  CHECK(h.offers_since(m) == lines{"c1 bob"});
}

TEST_CASE("after three consecutive no-answers the agent goes not ready with reason no_answer",
          "[router][offer][timer]") {
  recording_host h;
  auto q = h.given_queue("sales");  // defaults: 20 s timeout, no_answer threshold 3
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  auto c1 = h.arrive(0, q);
  h.advance(200);
  CHECK(h.story_since(m) == lines{"t=0 queued c1 sales", "t=0 offered c1 alice",
                                  "t=20 ended c1 alice no_answer", "t=20 offered c1 alice",
                                  "t=40 ended c1 alice no_answer", "t=40 offered c1 alice",
                                  "t=60 ended c1 alice no_answer"});
  const auto changes = h.events_of(event_kind::agent_state_changed, m);
  REQUIRE_FALSE(changes.empty());
  CHECK(changes.back().at == at_seconds(60));
  CHECK(changes.back().state == agent_state::not_ready);
  CHECK(changes.back().reason == reason_codes::no_answer);
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).reason == reason_codes::no_answer);
  CHECK(h.failures(a, failure_kind::no_answer) == 3);
  CHECK(h.state(c1) == contact_state::waiting);
}

TEST_CASE("a rejection holds the agent back and does not count as a no-answer", "[router][offer][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.offers.rejected.hold_back = seconds(30); });
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  // Two no-answers first, then a rejection: not three no-answers.
  auto c1 = h.arrive(0, q);
  h.advance(40);  // timeouts at 20 and 40, re-offered each time
  CHECK(h.failures(a, failure_kind::no_answer) == 2);
  h.reject(45, c1, a);
  CHECK(h.failures(a, failure_kind::no_answer) == 2);
  CHECK(h.failures(a, failure_kind::rejected) == 1);
  CHECK(h.info(a).presence == presence::ready);
  CHECK(h.info(a).held_back_until == at_seconds(75));
  CHECK(h.r.next_deadline() == at_seconds(75));
  h.advance(74.9);
  CHECK(h.state(c1) == contact_state::waiting);
  h.advance(80);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c1 alice", "c1 alice", "c1 alice"});
  CHECK(h.last(event_kind::contact_offered).e.at == at_seconds(75));
  CHECK(h.info(a).held_back_until == never);
}

TEST_CASE("a no-answer hold-back delays the next offer to that agent", "[router][offer][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.offers.no_answer.hold_back = seconds(10); });
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  h.arrive(0, q);
  h.advance(35);
  CHECK(h.story_since(m) == lines{"t=0 queued c1 sales", "t=0 offered c1 alice",
                                  "t=20 ended c1 alice no_answer", "t=30 offered c1 alice"});
  CHECK(h.info(a).presence == presence::ready);
}

TEST_CASE("an accepted offer resets the consecutive failure counters", "[router][offer][timer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(0, q);
  h.advance(40);
  h.reject(41, c1, a, failure_kind::busy);  // re-offered at once
  CHECK(h.failures(a, failure_kind::no_answer) == 2);
  CHECK(h.failures(a, failure_kind::busy) == 1);
  h.accept(45, c1, a);
  for (std::size_t k = 0; k < failure_kind_count; ++k) CHECK(h.info(a).consecutive_failures[k] == 0);
  h.complete(50, c1);
  h.arrive(50, q);
  h.advance(90);  // two more no-answers: 2, not 4
  CHECK(h.failures(a, failure_kind::no_answer) == 2);
  CHECK(h.info(a).presence == presence::ready);
  CHECK(h.state(a) == agent_state::reserved);
}

TEST_CASE("busy and unreachable have their own counters and thresholds", "[router][offer]") {
  recording_host h;
  auto q = h.given_queue("sales");  // busy: threshold 0 (never); unreachable: threshold 1
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(0, q);
  for (int i = 1; i <= 5; ++i) h.reject(i, c1, a, failure_kind::busy);
  CHECK(h.failures(a, failure_kind::busy) == 5);
  CHECK(h.failures(a, failure_kind::no_answer) == 0);
  CHECK(h.failures(a, failure_kind::rejected) == 0);
  CHECK(h.info(a).presence == presence::ready);
  CHECK(h.events_of(event_kind::contact_offered).size() == 6);
  const auto last_ended = h.last(event_kind::offer_ended).e;
  CHECK(last_ended.outcome == offer_outcome::busy);
  auto m = h.mark();
  h.reject(6, c1, a, failure_kind::unreachable);
  CHECK(h.last(event_kind::offer_ended).e.outcome == offer_outcome::unreachable);
  CHECK(h.failures(a, failure_kind::unreachable) == 1);
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).reason == reason_codes::unreachable);
  CHECK(h.offers_since(m).empty());
}

TEST_CASE("a rejection threshold sends the agent not ready with the configured reason", "[router][offer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.offers.rejected = failure_policy{duration::zero(), 2, 555};
  });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(0, q);
  h.reject(1, c1, a);
  CHECK(h.info(a).presence == presence::ready);
  h.reject(2, c1, a);
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).reason == 555);
}

TEST_CASE("an agent's offer policy overrides the queue's", "[router][offer][timer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q}, configured([](agent_config& c) {
                           c.offers.timeout = seconds(5);
                           c.offers.no_answer = failure_policy{duration::zero(), 1, 77};
                         }));
  auto b = h.given_agent("bob", {q}, logged_out());
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  CHECK(h.last(event_kind::contact_offered).e.deadline == at_seconds(6));
  REQUIRE(h.voice().offers.size() == 1);
  CHECK(h.voice().offers[0].request.deadline == at_seconds(6));
  h.advance(10);
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).reason == 77);
  // Bob follows the queue: 20 s and three no-answers.
  h.login(11, b, true);
  CHECK(h.offered_to(c1) == b);
  CHECK(h.last(event_kind::contact_offered).e.deadline == at_seconds(31));
  h.advance(31);
  CHECK(h.info(b).presence == presence::ready);
  CHECK(h.offers_since(m).size() == 3);  // alice, bob, bob again
}

TEST_CASE("cancelled offers are not failures: no counter, no hold-back", "[router][offer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.offers.no_answer.hold_back = seconds(60);
    c.offers.rejected.hold_back = seconds(60);
    c.offers.unreachable.hold_back = seconds(60);
  });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  h.abandon(2, c1);
  for (std::size_t k = 0; k < failure_kind_count; ++k) CHECK(h.info(a).consecutive_failures[k] == 0);
  CHECK(h.info(a).held_back_until == never);
  auto c2 = h.arrive(3, q);
  CHECK(h.offered_to(c2) == a);
  CHECK(h.last(event_kind::contact_offered).e.at == at_seconds(3));
}

TEST_CASE("offers with a zero timeout never time out", "[router][offer][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.offers.timeout = duration::zero(); });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  CHECK(h.last(event_kind::contact_offered).e.deadline == never);
  CHECK(h.r.next_deadline() == never);
  h.advance(100000);
  CHECK(h.state(c1) == contact_state::offered);
  h.accept(100001, c1, a);
  CHECK(h.state(c1) == contact_state::connected);
}

TEST_CASE("reject with kind no_answer is refused: timeouts are the router's", "[router][offer][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  auto o = h.offer_of(c1, a);
  auto m = h.mark();
  CHECK(err(h.r.reject(at_seconds(2), o, failure_kind::no_answer)) == "invalid_argument");
  CHECK(h.mark() == m);
  CHECK(h.state(c1) == contact_state::offered);
  CHECK(h.failures(a, failure_kind::no_answer) == 0);
}

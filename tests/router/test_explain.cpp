// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Explanations of decisions: off by default; when on, candidates best first with the rule and
// the tie-break that separated the winner from the runner-up.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {
router_options explaining() {
  router_options o;
  o.explain = true;
  return o;
}
const explanation& why_of_last_offer(const recording_host& h) {
  const auto& offered = h.last(event_kind::contact_offered);
  REQUIRE(offered.has_why);
  return offered.why;
}
}  // namespace

TEST_CASE("explanations are off by default and can be switched on and off at runtime", "[router][explain]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  CHECK_FALSE(h.last(event_kind::contact_offered).has_why);
  h.abandon(2, c1);
  h.r.set_explanations(true);
  h.arrive(3, q);
  CHECK(h.last(event_kind::contact_offered).has_why);
  h.r.set_explanations(false);
  h.abandon(4, h.r.waiting_contacts(q).at(0));
  h.arrive(5, q);
  CHECK_FALSE(h.last(event_kind::contact_offered).has_why);
  (void)a;
}

TEST_CASE("a longest_idle decision lists every candidate, most idle first, decided by the strategy key",
          "[router][explain][strategy]") {
  recording_host h(explaining());
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q}, logged_out());
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c = h.given_agent("carol", {q}, logged_out());
  h.login(0, b);
  h.login(1, c);
  h.login(2, a);
  auto c1 = h.arrive(10, q);
  const explanation& w = why_of_last_offer(h);
  CHECK(w.side == decision_side::contact_side);
  CHECK(w.rule == strategy_kind::longest_idle);
  CHECK(w.tie == tie_break::strategy_key);
  CHECK(w.candidates_weighed == 3);
  REQUIRE(w.listed == 3);
  CHECK(w.candidates[0].agent == b);
  CHECK(w.candidates[1].agent == c);
  CHECK(w.candidates[2].agent == a);
  CHECK(w.candidates[0].queue == q);
  CHECK(h.offered_to(c1) == w.candidates[0].agent);
  // The measure orders the candidates the way they were ranked (oldest reference first, or
  // longest idle first: either way strictly monotonic here).
  const bool ascending = w.candidates[0].key < w.candidates[1].key && w.candidates[1].key < w.candidates[2].key;
  const bool descending = w.candidates[0].key > w.candidates[1].key && w.candidates[1].key > w.candidates[2].key;
  CHECK((ascending || descending));
}

TEST_CASE("an explanation of a tie names creation order", "[router][explain]") {
  recording_host h(explaining());
  auto q = h.given_queue("sales");
  auto zed = h.given_agent("zed", {q});
  auto amy = h.given_agent("amy", {q});
  h.arrive(1, q);
  const explanation& w = why_of_last_offer(h);
  CHECK(w.tie == tie_break::creation_order);
  REQUIRE(w.listed == 2);
  CHECK(w.candidates[0].agent == zed);
  CHECK(w.candidates[1].agent == amy);
}

TEST_CASE("an explanation of a tier decision names the tier", "[router][explain]") {
  recording_host h(explaining());
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {}, logged_out());
  auto b = h.given_agent("bob", {}, logged_out());
  member_options t1;
  t1.tier = 1;
  h.member(q, a, t1);
  h.member(q, b);
  h.login(0, a);  // more idle, higher tier
  h.login(5, b);
  h.arrive(10, q);
  const explanation& w = why_of_last_offer(h);
  CHECK(w.tie == tie_break::tier);
  REQUIRE(w.listed >= 2);
  CHECK(w.candidates[0].agent == b);
  CHECK(w.candidates[0].tier == 0);
  CHECK(w.candidates[1].agent == a);
  CHECK(w.candidates[1].tier == 1);
}

TEST_CASE("a decision with one candidate has no tie-break", "[router][explain]") {
  recording_host h(explaining());
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  h.arrive(1, q);
  const explanation& w = why_of_last_offer(h);
  CHECK(w.tie == tie_break::none);
  CHECK(w.candidates_weighed == 1);
  REQUIRE(w.listed == 1);
  CHECK(w.candidates[0].agent == a);
}

TEST_CASE("an explanation lists at most its fixed number of candidates but counts them all", "[router][explain]") {
  recording_host h(explaining());
  auto q = h.given_queue("sales");
  const int n = OMNIROUTE_EXPLANATION_CANDIDATES + 3;
  std::vector<agent_id> agents;
  for (int i = 0; i < n; ++i) agents.push_back(h.given_agent("agent" + std::to_string(i), {q}, logged_out()));
  for (int i = 0; i < n; ++i) h.login(i, agents[i]);
  h.arrive(100, q);
  const explanation& w = why_of_last_offer(h);
  CHECK(w.candidates_weighed == static_cast<std::uint32_t>(n));
  REQUIRE(w.listed == OMNIROUTE_EXPLANATION_CANDIDATES);
  for (std::uint32_t i = 0; i < w.listed; ++i) CHECK(w.candidates[i].agent == agents[i]);
}

TEST_CASE("agent-side explanations rank contacts by weight, priority, then wait", "[router][explain][multi-queue]") {
  SECTION("priority") {
    recording_host h(explaining());
    auto q1 = h.given_queue("one");
    auto q2 = h.given_queue("two");
    auto a = h.given_agent("alice", {q1, q2}, logged_out());
    auto c1 = h.arrive(1, q1, channels::voice, 0);
    auto c2 = h.arrive(2, q2, channels::voice, 5);
    h.login(3, a);
    const explanation& w = why_of_last_offer(h);
    CHECK(w.side == decision_side::agent_side);
    CHECK(w.tie == tie_break::priority);
    REQUIRE(w.listed == 2);
    CHECK(w.candidates[0].contact == c2);
    CHECK(w.candidates[0].queue == q2);
    CHECK(w.candidates[0].key == 5);
    CHECK(w.candidates[0].time == at_seconds(2));
    CHECK(w.candidates[0].agent == a);
    CHECK(w.candidates[1].contact == c1);
    CHECK(w.candidates[1].key == 0);
  }
  SECTION("wait time") {
    recording_host h(explaining());
    auto q1 = h.given_queue("one");
    auto q2 = h.given_queue("two");
    auto a = h.given_agent("alice", {q1, q2}, logged_out());
    h.arrive(1, q2);
    auto c2 = h.arrive(2, q1);
    h.login(3, a);
    const explanation& w = why_of_last_offer(h);
    CHECK(w.side == decision_side::agent_side);
    CHECK(w.tie == tie_break::wait_time);
    REQUIRE(w.listed == 2);
    CHECK(w.candidates[1].contact == c2);
  }
  SECTION("queue weight") {
    recording_host h(explaining());
    auto light = h.given_queue("light");
    auto heavy = h.given_queue("heavy", [](queue_config& c) { c.weight = 2; });
    auto a = h.given_agent("alice", {light, heavy}, logged_out());
    h.arrive(1, light, channels::voice, 9);
    auto c2 = h.arrive(2, heavy);
    h.login(3, a);
    const explanation& w = why_of_last_offer(h);
    CHECK(w.tie == tie_break::queue_weight);
    REQUIRE(w.listed >= 1);
    CHECK(w.candidates[0].contact == c2);
  }
}

TEST_CASE("ring_all, random and progressive ring explain themselves", "[router][explain][strategy]") {
  SECTION("ring_all: every candidate of the best tier") {
    recording_host h(explaining());
    auto q = h.given_queue("sales", [](queue_config& c) { c.strategy.kind = strategy_kind::ring_all; });
    h.given_agent("alice", {q});
    h.given_agent("bob", {q});
    h.arrive(1, q);
    const explanation& w = why_of_last_offer(h);
    CHECK(w.rule == strategy_kind::ring_all);
    CHECK(w.tie == tie_break::all_offered);
  }
  SECTION("random: the seeded draw") {
    recording_host h(explaining());
    auto q = h.given_queue("sales", [](queue_config& c) { c.strategy.kind = strategy_kind::random; });
    h.given_agent("alice", {q});
    h.given_agent("bob", {q});
    h.arrive(1, q);
    const explanation& w = why_of_last_offer(h);
    CHECK(w.rule == strategy_kind::random);
    CHECK(w.tie == tie_break::random_draw);
  }
  SECTION("progressive ring: later offers are ring steps") {
    recording_host h(explaining());
    auto q = h.given_queue("sales", [](queue_config& c) {
      c.strategy.kind = strategy_kind::progressive_ring;
      c.strategy.ring_interval = seconds(5);
    });
    h.given_agent("alice", {q});
    auto b = h.given_agent("bob", {q});
    h.arrive(1, q);
    CHECK(why_of_last_offer(h).side == decision_side::contact_side);
    h.advance(6);
    const auto& offered = h.last(event_kind::contact_offered);
    CHECK(offered.e.agent == b);
    CHECK(offered.e.at == at_seconds(6));
    REQUIRE(offered.has_why);
    CHECK(offered.why.side == decision_side::ring_step);
    CHECK(offered.why.rule == strategy_kind::progressive_ring);
  }
}

TEST_CASE("explanations render as one log line", "[router][explain]") {
  recording_host h(explaining());
  auto q = h.given_queue("sales");
  h.given_agent("alice", {q});
  h.given_agent("bob", {q});
  h.arrive(1, q);
  const std::string s = to_string(why_of_last_offer(h));
  CHECK(s.find("longest_idle") != std::string::npos);
  CHECK(std::string(to_string(tie_break::creation_order)) == "creation_order");
  CHECK(std::string(to_string(decision_side::agent_side)).find("agent") != std::string::npos);
}

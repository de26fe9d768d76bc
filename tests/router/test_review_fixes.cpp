// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Regressions found while documenting the strategies: rotation among members with equal order,
// and queue configuration ids the router never issued.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {
member_options with_order(std::uint32_t order) {
  member_options o;
  o.order = order;
  return o;
}
}  // namespace

TEST_CASE("round_robin rotates among members with the same order, by creation", "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.strategy.kind = strategy_kind::round_robin; });
  auto a = h.given_agent("alice");
  auto b = h.given_agent("bob");
  auto c = h.given_agent("carol");
  for (agent_id x : {a, b, c}) h.member(q, x, with_order(7));
  auto m = h.mark();
  for (int i = 0; i < 4; ++i) {
    const double t = 10.0 * (i + 1);
    auto k = h.arrive(t, q);
    const agent_id who = i % 3 == 0 ? a : i % 3 == 1 ? b : c;
    h.serve(t, k, who, t + 1);
  }
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 bob", "c3 carol", "c4 alice"});
}

TEST_CASE("round_robin rotates among dynamic members (all share one order)", "[router][strategy][skills]") {
  recording_host h;
  REQUIRE(h.r.add_skill("billing"));
  auto billing = h.r.add_requirement("billing");
  REQUIRE(billing);
  auto q = h.given_queue("sales", [&](queue_config& c) {
    c.strategy.kind = strategy_kind::round_robin;
    c.eligibility = *billing;
  });
  auto a = h.given_agent("alice", {}, skilled({{"billing", 3}}));
  auto b = h.given_agent("bob", {}, skilled({{"billing", 3}}));
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  h.serve(1, c1, a, 2);
  auto c2 = h.arrive(3, q);
  h.serve(3, c2, b, 4);
  h.arrive(5, q);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 bob", "c3 alice"});
}

TEST_CASE("top_down retries among members with the same order before wrapping", "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.strategy.kind = strategy_kind::top_down; });
  auto a = h.given_agent("alice");
  auto b = h.given_agent("bob");
  for (agent_id x : {a, b}) h.member(q, x, with_order(0));
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  h.reject(2, c1, a);
  h.accept(3, c1, b);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c1 bob"});
}

TEST_CASE("queue configuration refuses requirement and plan ids the router never issued, and negative ageing",
          "[router][errors]") {
  recording_host h;
  queue_config good;
  good.name = "q";
  const std::size_t before = h.r.queues().size();

  queue_config bad = good;
  bad.eligibility = requirement_id(42, 1);
  CHECK(err(h.r.add_queue(h.r.now(), bad)) == "unknown_requirement");
  bad = good;
  bad.escalation = plan_id(42, 1);
  CHECK(err(h.r.add_queue(h.r.now(), bad)) == "unknown_plan");
  bad = good;
  bad.priority_step = -std::chrono::seconds(1);
  CHECK(err(h.r.add_queue(h.r.now(), bad)) == "invalid_argument");
  CHECK(h.r.queues().size() == before);

  auto q = h.r.add_queue(h.r.now(), good);
  REQUIRE(q);
  bad = good;
  bad.eligibility = requirement_id(42, 1);
  CHECK(err(h.r.update_queue(h.r.now(), *q, bad)) == "unknown_requirement");
  CHECK(!h.r.queue(*q)->name.empty());
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Agent selection strategies (contact side), tiers and tie-breaks.
#include "support/recording_host.hpp"

#include <map>

using namespace omniroute_test;

namespace {
std::function<void(queue_config&)> strategy(strategy_kind k,
                                            idle_reference idle = idle_reference::since_last_completion) {
  return [k, idle](queue_config& c) {
    c.strategy.kind = k;
    c.strategy.idle = idle;
  };
}
}  // namespace

TEST_CASE("longest_idle since_last_completion picks the agent whose last work ended first (login counts)",
          "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::longest_idle));
  auto a = h.given_agent("alice", {q}, logged_out());
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c = h.given_agent("carol", {q}, logged_out());
  h.login(0, a);
  h.login(1, b);
  h.login(2, c);
  auto m = h.mark();
  auto c1 = h.arrive(10, q);
  h.serve(10, c1, a, 11);  // alice's last work ends at 11
  auto c2 = h.arrive(12, q);
  h.serve(12, c2, b, 13);
  h.arrive(14, q);  // c3: carol (login 2) — and she keeps it pending
  h.arrive(15, q);  // c4: alice (11) before bob (13)
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 bob", "c3 carol", "c4 alice"});
}

TEST_CASE("longest_idle since_last_completion counts the end of wrap-up as the end of work",
          "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.strategy.kind = strategy_kind::longest_idle;
    c.wrap_up = seconds(10);
  });
  auto a = h.given_agent("alice", {q});  // login 0
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c1 = h.arrive(1, q);
  h.serve(1, c1, a, 2);  // call ends at 2, wrap-up until 12
  h.login(5, b);         // bob: idle since 5
  h.advance(12);
  auto m = h.mark();
  h.arrive(20, q);
  CHECK(h.offers_since(m) == lines{"c2 bob"});  // alice's reference is 12, not 2
}

namespace {
/// Alice and bob ready at 0. c1 at 1 → alice, c2 at 2 → bob; bob finishes at 3, alice at 10.
/// Who gets c3 at 20?
std::string offer_vs_completion(idle_reference idle) {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::longest_idle, idle));
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q});
  auto c1 = h.arrive(1, q);
  REQUIRE(h.offered_to(c1) == a);
  auto c2 = h.arrive(2, q);
  REQUIRE(h.offered_to(c2) == b);
  h.accept(2, c1, a);
  h.accept(2, c2, b);
  h.complete(3, c2);
  h.complete(10, c1);
  auto c3 = h.arrive(20, q);
  return h.name(h.offered_to(c3));
}
}  // namespace

TEST_CASE("longest_idle since_last_offer picks the agent offered least recently", "[router][strategy]") {
  CHECK(offer_vs_completion(idle_reference::since_last_offer) == "alice");
  CHECK(offer_vs_completion(idle_reference::since_last_completion) == "bob");
}

TEST_CASE("longest_idle since_ready picks the agent who went ready first", "[router][strategy]") {
  auto run = [](idle_reference idle) {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::longest_idle, idle));
    auto a = h.given_agent("alice", {q});                      // ready at 0
    auto b = h.given_agent("bob", {q}, not_ready_setup());     // login at 0, not ready
    auto c1 = h.arrive(1, q);
    REQUIRE(h.offered_to(c1) == a);
    h.serve(1, c1, a, 2);  // alice's last completion: 2
    h.ready(5, b);         // bob ready since 5, last completion (login) 0
    auto c2 = h.arrive(10, q);
    return h.name(h.offered_to(c2));
  };
  CHECK(run(idle_reference::since_ready) == "alice");
  CHECK(run(idle_reference::since_last_completion) == "bob");
}

TEST_CASE("a missed offer never makes an agent more idle than one who answered", "[router][strategy][offer]") {
  for (auto idle : {idle_reference::since_last_completion, idle_reference::since_last_offer,
                    idle_reference::since_ready}) {
    CAPTURE(static_cast<int>(idle));
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::longest_idle, idle));
    auto a = h.given_agent("alice", {q}, logged_out());
    auto b = h.given_agent("bob", {q}, logged_out());
    h.login(0, a);
    h.login(1, b);
    auto c1 = h.arrive(10, q);
    auto c2 = h.arrive(10, q);
    REQUIRE(h.offered_to(c1) == a);
    REQUIRE(h.offered_to(c2) == b);
    h.serve(11, c2, b, 12);  // bob answered and finished at 12
    auto m = h.mark();
    h.advance(30);  // alice's offer times out at 30: her references move to 30
    CHECK(h.story_since(m) == lines{"t=30 ended c1 alice no_answer", "t=30 offered c1 bob"});
  }
}

TEST_CASE("round_robin continues after the member offered last, past one who did not answer",
          "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::round_robin));
  // Logged in in reverse order so that longest idle would choose differently.
  auto a = h.given_agent("alice", {q}, logged_out());
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c = h.given_agent("carol", {q}, logged_out());
  h.login(0, c);
  h.login(1, b);
  h.login(2, a);
  auto m = h.mark();
  auto c1 = h.arrive(3, q);
  h.serve(3, c1, a, 4);
  auto c2 = h.arrive(5, q);
  h.reject(6, c2, b);  // bob available again, but the pointer moved past him
  h.serve(7, c2, c, 8);
  auto c3 = h.arrive(9, q);  // wraps to alice
  h.serve(9, c3, a, 10);
  h.arrive(11, q);  // bob
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 bob", "c2 carol", "c3 alice", "c4 bob"});
}

TEST_CASE("round_robin memory is per queue", "[router][strategy][multi-queue]") {
  recording_host h;
  auto q1 = h.given_queue("one", strategy(strategy_kind::round_robin));
  auto q2 = h.given_queue("two", strategy(strategy_kind::round_robin));
  auto a = h.given_agent("alice", {q1, q2});
  auto b = h.given_agent("bob", {q1, q2});
  auto m = h.mark();
  auto c1 = h.arrive(1, q1);
  h.serve(1, c1, a, 2);
  auto c2 = h.arrive(3, q2);  // q2 has offered nobody yet: from the top
  h.serve(3, c2, a, 4);
  h.arrive(5, q1);  // q1 continues after alice
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice", "c3 bob"});
  (void)b;
}

TEST_CASE("linear always starts from the top of the member order", "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::linear));
  auto a = h.given_agent("alice", {q}, logged_out());
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c = h.given_agent("carol", {q}, logged_out());
  h.login(0, c);
  h.login(1, b);
  h.login(2, a);
  auto m = h.mark();
  auto c1 = h.arrive(5, q);
  h.serve(5, c1, a, 6);
  auto c2 = h.arrive(7, q);  // alice again
  h.reject(8, c2, a);        // from the top again: alice, who is available
  h.accept(9, c2, a);
  h.arrive(10, q);           // alice busy: bob
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice", "c2 alice", "c3 bob"});
  (void)b;
  (void)c;
}

TEST_CASE("member order follows member_options::order, then agent creation order", "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::linear));
  auto zed = h.given_agent("zed");
  auto amy = h.given_agent("amy");
  auto bea = h.given_agent("bea");
  member_options o5;
  o5.order = 5;
  member_options o1;
  o1.order = 1;
  h.member(q, amy, o5);  // same order as zed, added first, but created later
  h.member(q, zed, o5);
  h.member(q, bea, o1);
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  auto c2 = h.arrive(1, q);
  auto c3 = h.arrive(1, q);
  CHECK(h.offers_since(m) == lines{"c1 bea", "c2 zed", "c3 amy"});
  (void)c1;
  (void)c2;
  (void)c3;
}

TEST_CASE("top_down retries the same contact below the agent tried last, wrapping past unavailable agents",
          "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::top_down));
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q});
  auto c = h.given_agent("carol", {q}, not_ready_setup());
  auto d = h.given_agent("dave", {q});
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  h.reject(2, c1, a);
  h.reject(3, c1, b);  // carol is not ready: dave next
  h.reject(4, c1, d);  // wraps to alice
  h.reject(5, c1, a);
  h.accept(6, c1, b);
  h.arrive(7, q);  // a new contact starts from the top: alice
  CHECK(h.offers_since(m) ==
        lines{"c1 alice", "c1 bob", "c1 dave", "c1 alice", "c1 bob", "c2 alice"});
  (void)c;
}

TEST_CASE("fewest_contacts picks the fewest handled since login, then the longest idle",
          "[router][strategy]") {
  recording_host h;
  auto main_q = h.given_queue("main", strategy(strategy_kind::fewest_contacts));
  auto qa = h.given_queue("qa");
  auto qb = h.given_queue("qb");
  auto qc = h.given_queue("qc");
  auto a = h.given_agent("alice", {main_q, qa});
  auto b = h.given_agent("bob", {main_q, qb});
  auto c = h.given_agent("carol", {main_q, qc});
  h.serve(0.5, h.arrive(0.5, qa), a, 1);
  h.serve(1.5, h.arrive(1.5, qa), a, 2);
  h.serve(5, h.arrive(5, qc), c, 6);
  h.serve(7, h.arrive(7, qb), b, 8);
  CHECK(h.info(a).handled_since_login == 2);
  CHECK(h.info(b).handled_since_login == 1);
  CHECK(h.info(c).handled_since_login == 1);
  auto m = h.mark();
  // bob and carol handled one each; carol has been idle longer (6 < 8). Alice, idle the
  // longest, handled two.
  h.arrive(10, main_q);
  CHECK(h.offers_since(m) == lines{"c5 carol"});
}

TEST_CASE("fewest_contacts and least_talk_time count a completion at once, while wrap-up still runs",
          "[router][strategy][capacity]") {
  // A chat agent in wrap-up of one chat can take more chats: the completion already counts
  // toward her handled contacts and talk time, so the next chat goes to the agent with fewer.
  for (strategy_kind kind : {strategy_kind::fewest_contacts, strategy_kind::least_talk_time}) {
    INFO("strategy " << static_cast<int>(kind));
    recording_host h;
    auto q = h.given_queue("chats", [kind](queue_config& c) {
      c.strategy.kind = kind;
      c.wrap_up = seconds(30);
    });
    auto a = h.given_agent("alice", {q});
    auto b = h.given_agent("bob", {q});
    auto m = h.mark();
    auto c1 = h.arrive(1, q, channels::chat);  // equal keys: alice, added first
    h.accept(2, c1, a);
    h.complete(3, c1);  // alice: handled 1, talked 1 s, wrapping up until 33 (25 of 100 used)
    REQUIRE(h.info(a).wrapping_up == 1);
    auto c2 = h.arrive(4, q, channels::chat);
    CHECK(h.offered_to(c2) == b);
    CHECK(h.offers_since(m) == lines{"c1 alice", "c2 bob"});
  }
}

TEST_CASE("least_talk_time picks the least connected time since login, then the longest idle",
          "[router][strategy]") {
  recording_host h;
  auto main_q = h.given_queue("main", strategy(strategy_kind::least_talk_time));
  auto qa = h.given_queue("qa");
  auto qb = h.given_queue("qb");
  auto qc = h.given_queue("qc");
  auto a = h.given_agent("alice", {main_q, qa});
  auto b = h.given_agent("bob", {main_q, qb});
  auto c = h.given_agent("carol", {main_q, qc});
  auto ca = h.arrive(0.5, qa);
  h.serve(0.5, ca, a, 10.5);  // 10 s of talk, idle since 10.5
  auto cb = h.arrive(10.8, qb);
  h.accept(11, cb, b);  // talk counts from connect: 3 s
  h.complete(14, cb);
  auto cc = h.arrive(15, qc);
  h.serve(15, cc, c, 18);  // 3 s
  CHECK(h.info(a).talk_time_since_login == seconds(10));
  CHECK(h.info(b).talk_time_since_login == seconds(3));
  auto m = h.mark();
  h.arrive(20, main_q);
  CHECK(h.offers_since(m) == lines{"c4 bob"});
}

namespace {
/// Runs `draws` contacts through a queue of the given agents; each is served at once so every
/// agent is available for every draw. Returns the chosen agents' names in order.
lines draw_sequence(std::uint64_t seed, strategy_kind kind, const std::vector<std::uint32_t>& weights,
                    int draws) {
  router_options o;
  o.seed = seed;
  recording_host h(o);
  auto q = h.given_queue("q", strategy(kind));
  std::vector<agent_id> agents;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    auto a = h.given_agent("agent" + std::to_string(i));
    member_options mo;
    mo.weight = weights[i];
    h.member(q, a, mo);
    agents.push_back(a);
  }
  lines chosen;
  for (int i = 0; i < draws; ++i) {
    const double t = 1 + i;
    auto c = h.arrive(t, q);
    agent_id who = h.offered_to(c);
    REQUIRE_FALSE(who.is_null());
    chosen.push_back(h.name(who));
    h.serve(t, c, who, t);
  }
  return chosen;
}
std::map<std::string, int> histogram(const lines& l) {
  std::map<std::string, int> m;
  for (const auto& s : l) ++m[s];
  return m;
}
}  // namespace

TEST_CASE("random is reproducible with the same seed and roughly uniform", "[router][strategy]") {
  const auto first = draw_sequence(42, strategy_kind::random, {1, 1, 1, 1}, 2000);
  const auto again = draw_sequence(42, strategy_kind::random, {1, 1, 1, 1}, 2000);
  CHECK(first == again);
  const auto other = draw_sequence(43, strategy_kind::random, {1, 1, 1, 1}, 2000);
  CHECK(first != other);
  auto hist = histogram(first);
  REQUIRE(hist.size() == 4);
  for (const auto& [name, count] : hist) {
    CAPTURE(name);
    CHECK(count > 380);  // expected 500, sd ~19
    CHECK(count < 620);
  }
}

TEST_CASE("weighted_random draws in proportion to member weight and never weight 0", "[router][strategy]") {
  const auto seq = draw_sequence(7, strategy_kind::weighted_random, {3, 1, 0}, 4000);
  CHECK(seq == draw_sequence(7, strategy_kind::weighted_random, {3, 1, 0}, 4000));
  auto hist = histogram(seq);
  CHECK(hist.count("agent2") == 0);
  const int heavy = hist["agent0"];
  const int light = hist["agent1"];
  CHECK(heavy + light == 4000);
  CHECK(heavy > 2700);  // expected 3000, sd ~27: 3:1 within a wide bound
  CHECK(heavy < 3300);
}

TEST_CASE("weighted_random with equal weights behaves like random among them", "[router][strategy]") {
  auto hist = histogram(draw_sequence(9, strategy_kind::weighted_random, {2, 2}, 1000));
  CHECK(hist["agent0"] > 400);
  CHECK(hist["agent1"] > 400);
}

TEST_CASE("ring_all offers to every candidate, the first accept wins and the others are cancelled at once",
          "[router][strategy][offer]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::ring_all));
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q});
  auto c = h.given_agent("carol", {q});
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  CHECK(sorted(h.offers_since(m)) == lines{"c1 alice", "c1 bob", "c1 carol"});
  CHECK(h.voice().offers.size() == 3);
  CHECK(h.info(c1).offers_pending == 3);
  CHECK(h.state(a) == agent_state::reserved);
  auto m2 = h.mark();
  h.accept(2, c1, b);
  CHECK(sorted(h.story_since(m2)) ==
        sorted(lines{"t=2 ended c1 bob accepted", "t=2 connected c1 bob",
                     "t=2 ended c1 alice cancelled:answered_elsewhere",
                     "t=2 ended c1 carol cancelled:answered_elsewhere"}));
  REQUIRE(h.voice().cancels.size() == 2);
  for (const auto& cancel : h.voice().cancels) {
    CHECK(cancel.cause == cancel_cause::answered_elsewhere);
    CHECK(cancel.outcome == offer_outcome::cancelled);
    CHECK(cancel.at == at_seconds(2));
    CHECK(cancel.agent != b);
  }
  // Answered elsewhere is not a failure.
  CHECK(h.failures(a, failure_kind::no_answer) == 0);
  CHECK(h.state(a) == agent_state::ready);
  CHECK(h.state(c) == agent_state::ready);
  CHECK(h.state(b) == agent_state::busy);
}

TEST_CASE("ring_all makes a contact routable again only when every offer failed", "[router][strategy][offer]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::ring_all));
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q});
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  h.reject(2, c1, a);
  CHECK(h.offers_since(m).size() == 2);  // bob still ringing: no new offer
  CHECK(h.state(c1) == contact_state::offered);
  h.reject(3, c1, b);
  const lines offers = h.offers_since(m);
  REQUIRE(offers.size() == 4);
  CHECK(sorted(lines(offers.begin() + 2, offers.end())) == lines{"c1 alice", "c1 bob"});
  CHECK(h.last(event_kind::contact_offered).e.at == at_seconds(3));
}

TEST_CASE("progressive_ring adds one more agent every ring_interval until one accepts",
          "[router][strategy][timer]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.strategy.kind = strategy_kind::progressive_ring;
    c.strategy.ring_interval = seconds(5);
    c.offers.timeout = seconds(60);
  });
  auto a = h.given_agent("alice", {q}, logged_out());
  auto b = h.given_agent("bob", {q}, logged_out());
  auto c = h.given_agent("carol", {q}, logged_out());
  h.login(0, b);  // longest idle first: bob, carol, alice
  h.login(1, c);
  h.login(2, a);
  auto m = h.mark();
  auto c1 = h.arrive(10, q);
  CHECK(h.r.next_deadline() == at_seconds(15));
  h.advance(21);
  CHECK(h.story_since(m) == lines{"t=10 queued c1 sales", "t=10 offered c1 bob",
                                  "t=15 offered c1 carol", "t=20 offered c1 alice"});
  auto m2 = h.mark();
  h.accept(22, c1, c);
  CHECK(sorted(h.story_since(m2)) ==
        sorted(lines{"t=22 ended c1 carol accepted", "t=22 connected c1 carol",
                     "t=22 ended c1 bob cancelled:answered_elsewhere",
                     "t=22 ended c1 alice cancelled:answered_elsewhere"}));
  h.advance(100);
  CHECK(h.offers_since(m2).empty());
  (void)a;
  (void)b;
}

TEST_CASE("tiers_first tries the lowest tier that has an available agent", "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", strategy(strategy_kind::longest_idle));
  auto a = h.given_agent("alice", {}, logged_out());
  auto b = h.given_agent("bob", {}, logged_out());
  member_options t1;
  t1.tier = 1;
  h.member(q, a, t1);
  h.member(q, b);
  h.login(0, a);  // alice is more idle but in tier 1
  h.login(5, b);
  auto m = h.mark();
  h.arrive(10, q);
  h.arrive(11, q);  // bob is reserved: tier 1 is next
  h.arrive(12, q);
  CHECK(h.offers_since(m) == lines{"c1 bob", "c2 alice"});
}

TEST_CASE("without tiers_first, tiers are ignored by selection", "[router][strategy]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.strategy.kind = strategy_kind::longest_idle;
    c.strategy.tiers_first = false;
  });
  auto a = h.given_agent("alice", {}, logged_out());
  auto b = h.given_agent("bob", {}, logged_out());
  member_options t1;
  t1.tier = 1;
  h.member(q, a, t1);
  h.member(q, b);
  h.login(0, a);
  h.login(5, b);
  auto m = h.mark();
  h.arrive(10, q);
  CHECK(h.offers_since(m) == lines{"c1 alice"});
}

TEST_CASE("tiers combine with member-order strategies and ring_all", "[router][strategy]") {
  SECTION("linear: a lower tier beats an earlier order") {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::linear));
    auto a = h.given_agent("alice");
    auto b = h.given_agent("bob");
    member_options first_but_tier1;
    first_but_tier1.tier = 1;
    first_but_tier1.order = 0;
    member_options second_tier0;
    second_tier0.order = 1;
    h.member(q, a, first_but_tier1);
    h.member(q, b, second_tier0);
    auto m = h.mark();
    h.arrive(1, q);
    CHECK(h.offers_since(m) == lines{"c1 bob"});
  }
  SECTION("ring_all rings only the best tier") {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::ring_all));
    auto a = h.given_agent("alice", {q});
    auto b = h.given_agent("bob", {q});
    auto c = h.given_agent("carol");
    member_options t1;
    t1.tier = 1;
    h.member(q, c, t1);
    auto m = h.mark();
    h.arrive(1, q);
    CHECK(sorted(h.offers_since(m)) == lines{"c1 alice", "c1 bob"});
    (void)a;
    (void)b;
  }
  SECTION("random draws only within the best tier") {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::random));
    auto a = h.given_agent("alice", {q});
    auto b = h.given_agent("bob");
    member_options t1;
    t1.tier = 1;
    h.member(q, b, t1);
    for (int i = 0; i < 50; ++i) {
      auto c = h.arrive(1 + i, q);
      REQUIRE(h.offered_to(c) == a);
      h.serve(1 + i, c, a, 1 + i);
    }
  }
}

TEST_CASE("ties break by agent creation order, never by name or login order", "[router][strategy]") {
  SECTION("longest_idle") {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::longest_idle));
    auto zed = h.given_agent("zed", {q}, logged_out());
    auto amy = h.given_agent("amy", {q}, logged_out());
    h.login(0, amy);
    h.login(0, zed);
    auto c1 = h.arrive(1, q);
    CHECK(h.offered_to(c1) == zed);
  }
  SECTION("fewest_contacts") {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::fewest_contacts));
    auto zed = h.given_agent("zed", {}, logged_out());
    auto amy = h.given_agent("amy", {}, logged_out());
    h.member(q, amy);
    h.member(q, zed);
    h.login(0, amy);
    h.login(0, zed);
    auto c1 = h.arrive(1, q);
    CHECK(h.offered_to(c1) == zed);
  }
  SECTION("least_talk_time") {
    recording_host h;
    auto q = h.given_queue("sales", strategy(strategy_kind::least_talk_time));
    auto zed = h.given_agent("zed", {}, logged_out());
    auto amy = h.given_agent("amy", {}, logged_out());
    h.member(q, amy);
    h.member(q, zed);
    h.login(0, amy);
    h.login(0, zed);
    auto c1 = h.arrive(1, q);
    CHECK(h.offered_to(c1) == zed);
  }
}

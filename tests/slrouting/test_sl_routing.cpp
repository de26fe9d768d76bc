// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Service-level-driven routing through the public API on an injected clock: each selection
// rule with hand-computed expectations, per-channel service-level targets, reserve agents
// with hysteresis both ways, percent allocation, the idleness-ratio tier pick, the rule named
// in explanations, and bad configuration refused with a typed error and no change.
// Rules: docs/service-level-routing.md.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {

router_options with_policy(queue_selection_policy p) {
  router_options o;
  o.queue_selection = p;
  o.explain = true;
  return o;
}

/// Offers wait for the scenario's accept (no timeout).
void patient(queue_config& c) { c.offers.timeout = duration::zero(); }

const explanation& why_of_last_offer(const recording_host& h) {
  const recorded_event& e = h.last(event_kind::contact_offered);
  REQUIRE(e.has_why);
  return e.why;
}

}  // namespace

TEST_CASE("delay ratio: the head furthest past its threshold, times weight, goes first",
          "[sl-routing][delay-ratio]") {
  recording_host h(with_policy(queue_selection_policy::delay_ratio));
  auto voice = h.given_queue("voice", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(20);
  });
  auto chat = h.given_queue("chat", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(60);
  });
  auto alice = h.given_agent("alice", {voice, chat}, logged_out());
  h.arrive(0, chat);              // at t=30: 30 / 60 = 0.5
  auto c2 = h.arrive(10, voice);  // at t=30: 20 / 20 = 1.0
  auto m = h.mark();
  h.login(30, alice);
  // Static priority would take c1 (earlier in line); delay ratio takes c2.
  CHECK(h.offers_since(m) == lines{"c2 alice"});
  const explanation& x = why_of_last_offer(h);
  CHECK(x.side == decision_side::agent_side);
  CHECK(x.selection == queue_selection_policy::delay_ratio);
  CHECK(x.tie == tie_break::delay_ratio);
  CHECK(x.candidates_weighed == 2);
  CHECK(to_string(x).find("queue selection delay_ratio") != std::string::npos);
  h.serve(30, c2, alice, 40);
  CHECK(h.offers_since(m) == lines{"c2 alice", "c1 alice"});
}

TEST_CASE("delay ratio: a queue's weight multiplies its ratio", "[sl-routing][delay-ratio]") {
  recording_host h(with_policy(queue_selection_policy::delay_ratio));
  auto voice = h.given_queue("voice", [](queue_config& c) { patient(c); });
  auto vip_chat = h.given_queue("vip-chat", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(60);
    c.selection.delay_weight = 3.0;
  });
  auto alice = h.given_agent("alice", {voice, vip_chat}, logged_out());
  h.arrive(0, voice);      // at t=30: 30 / 20 x 1 = 1.5
  h.arrive(5, vip_chat);   // at t=30: 25 / 60 x 3 = 1.25
  h.arrive(10, vip_chat);  // (second in its queue)
  auto m = h.mark();
  h.login(30, alice);
  CHECK(h.offers_since(m) == lines{"c1 alice"});

  recording_host h2(with_policy(queue_selection_policy::delay_ratio));
  voice = h2.given_queue("voice", [](queue_config& c) { patient(c); });
  vip_chat = h2.given_queue("vip-chat", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(60);
    c.selection.delay_weight = 3.0;
  });
  alice = h2.given_agent("alice", {voice, vip_chat}, logged_out());
  h2.arrive(0, vip_chat);  // at t=30: 30 / 60 x 3 = 1.5
  h2.arrive(5, voice);     // at t=30: 25 / 20 x 1 = 1.25
  m = h2.mark();
  h2.login(30, alice);
  CHECK(h2.offers_since(m) == lines{"c1 alice"});
  // Equal ratios fall back to the static order (and say so): 40 / 20 x 1 = 2 = 40 / 40 x 2.
  recording_host h3(with_policy(queue_selection_policy::delay_ratio));
  voice = h3.given_queue("voice", [](queue_config& c) { patient(c); });
  vip_chat = h3.given_queue("vip-chat", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(40);
    c.selection.delay_weight = 2.0;
  });
  alice = h3.given_agent("alice", {voice, vip_chat}, logged_out());
  h3.arrive(0, vip_chat);
  h3.arrive(0, voice);
  m = h3.mark();
  h3.login(40, alice);
  CHECK(h3.offers_since(m) == lines{"c1 alice"});  // same time: creation order
  CHECK(why_of_last_offer(h3).tie == tie_break::creation_order);
}

TEST_CASE("per-channel targets: a queue judges each channel against its own threshold",
          "[sl-routing][targets]") {
  recording_host h(with_policy(queue_selection_policy::delay_ratio));
  auto q = h.given_queue("support", [](queue_config& c) {
    patient(c);
    c.service_levels = {{channels::voice, 80, seconds(20)},
                        {channels::chat, 90, seconds(60)},
                        {channels::email, 100, std::chrono::hours(4)}};
  });
  // One contact at a time, whatever the channel.
  auto alice = h.given_agent("alice", {q}, configured([](agent_config& c) { c.capacity = capacity_profile{}; },
                                                     agent_setup::start::logged_out));
  auto e1 = h.arrive(0, q, channels::email);  // at t=100: 100 / 14400
  auto c2 = h.arrive(10, q, channels::chat);  // at t=100: 90 / 60 = 1.5
  auto v3 = h.arrive(70, q, channels::voice); // at t=100: 30 / 20 = 1.5 (tie: static order)
  auto v4 = h.arrive(90, q, channels::voice);
  auto m = h.mark();
  h.login(100, alice);
  CHECK(h.offers_since(m) == lines{"c2 alice"});  // equal ratio, earlier in line
  h.serve(100, c2, alice, 101);
  // At t=101: voice head v3 waited 31 / 20 = 1.55; email 101 / 14400.
  CHECK(h.offers_since(m) == lines{"c2 alice", "c3 alice"});
  h.serve(101, v3, alice, 102);
  CHECK(h.offers_since(m) == lines{"c2 alice", "c3 alice", "c4 alice"});
  h.serve(102, v4, alice, 103);
  CHECK(h.offers_since(m) == lines{"c2 alice", "c3 alice", "c4 alice", "c1 alice"});
  // The live service level judged each channel against its own threshold: chat answered
  // after 90 s (> 60: late), voice after 31 s and 12 s (late, within), email after 103 s
  // (within 4 h): 2 of 4 within once e1 is answered.
  h.accept(103, e1, alice);
  auto info = h.r.queue(q);
  REQUIRE(info);
  REQUIRE(info->service_level);
  CHECK(*info->service_level == Approx(50.0));
}

TEST_CASE("fixed queue ratio: the queue whose waiting share most exceeds its target goes first",
          "[sl-routing][queue-ratio]") {
  recording_host h(with_policy(queue_selection_policy::fixed_queue_ratio));
  auto small = h.given_queue("small", [](queue_config& c) {
    patient(c);
    c.selection.target_share = 25;
  });
  auto big = h.given_queue("big", [](queue_config& c) {
    patient(c);
    c.selection.target_share = 75;
  });
  auto alice = h.given_agent("alice", {small, big}, logged_out());
  auto b1 = h.arrive(1, big);
  auto b2 = h.arrive(2, big);
  auto s1 = h.arrive(3, small);
  auto s2 = h.arrive(4, small);
  auto m = h.mark();
  // Waiting 2 / 2: shares 1/2, 1/2; excess +1/4 (small), -1/4 (big).
  h.login(10, alice);
  CHECK(h.offers_since(m) == lines{"c3 alice"});
  CHECK(why_of_last_offer(h).tie == tie_break::queue_share);
  h.serve(10, s1, alice, 20);
  // Waiting 1 / 2: shares 1/3, 2/3; excess +1/12 (small), -1/12 (big).
  CHECK(h.offers_since(m) == lines{"c3 alice", "c4 alice"});
  h.serve(20, s2, alice, 30);
  // Only big waits.
  CHECK(h.offers_since(m) == lines{"c3 alice", "c4 alice", "c1 alice"});
  h.serve(30, b1, alice, 40);
  CHECK(h.offers_since(m) == lines{"c3 alice", "c4 alice", "c1 alice", "c2 alice"});
  (void)b2;
}

TEST_CASE("fixed queue ratio: equal excess falls back to the static order", "[sl-routing][queue-ratio]") {
  recording_host h(with_policy(queue_selection_policy::fixed_queue_ratio));
  auto q1 = h.given_queue("one", [](queue_config& c) {
    patient(c);
    c.selection.target_share = 50;
  });
  auto q2 = h.given_queue("two", [](queue_config& c) {
    patient(c);
    c.selection.target_share = 50;
  });
  auto alice = h.given_agent("alice", {q1, q2}, logged_out());
  h.arrive(1, q2);
  h.arrive(2, q1);
  auto m = h.mark();
  h.login(10, alice);
  CHECK(h.offers_since(m) == lines{"c1 alice"});
  CHECK(why_of_last_offer(h).tie == tie_break::wait_time);
}

TEST_CASE("percent allocation: agent time is split across queues by target percentages",
          "[sl-routing][allocation]") {
  recording_host h(with_policy(queue_selection_policy::percent_allocation));
  auto sales = h.given_queue("sales", [](queue_config& c) {
    patient(c);
    c.selection.allocation_percent = 70;
    c.selection.window = std::chrono::minutes(10);
  });
  auto service = h.given_queue("service", [](queue_config& c) {
    patient(c);
    c.selection.allocation_percent = 30;
    c.selection.window = std::chrono::minutes(10);
  });
  auto alice = h.given_agent("alice", {sales, service});
  // 100 s of talk on sales.
  auto c1 = h.arrive(0, sales);
  h.serve(0, c1, alice, 100);
  CHECK(h.r.queue(sales)->agent_seconds == Approx(100.0));
  h.not_ready(100, alice);
  auto c2 = h.arrive(101, sales);
  auto c3 = h.arrive(102, service);
  auto m = h.mark();
  // Shares 1 / 0; deficits -0.3 (sales), +0.3 (service).
  h.ready(110, alice);
  CHECK(h.offers_since(m) == lines{"c3 alice"});
  CHECK(why_of_last_offer(h).tie == tie_break::allocation_share);
  // 80 s of talk on service: 100 / 80 s; deficits 0.7 - 100/180 = +0.144 (sales),
  // 0.3 - 80/180 = -0.144 (service).
  h.accept(110, c3, alice);
  auto more = h.arrive(111, service);
  h.complete(190, c3);
  CHECK(h.offers_since(m) == lines{"c3 alice", "c2 alice"});
  h.serve(190, c2, alice, 200);
  // Now 110 / 80 s: deficits 0.7 - 110/190 = +0.121 (sales, but nothing waits there) and
  // -0.121 (service): the only head is c4.
  CHECK(h.offers_since(m) == lines{"c3 alice", "c2 alice", "c4 alice"});

  // The window forgets: at t >= 720 s the buckets holding all this time are out, so both
  // shares are 0 and the larger target goes first.
  h.serve(200, more, alice, 210);
  h.not_ready(210, alice);
  h.arrive(800, service);
  h.arrive(801, sales);
  CHECK(h.r.queue(sales)->agent_seconds == 0.0);
  h.ready(802, alice);
  CHECK(h.offers_since(m).back() == "c6 alice");
}

TEST_CASE("percent allocation counts wrap-up as agent time", "[sl-routing][allocation]") {
  recording_host h(with_policy(queue_selection_policy::percent_allocation));
  auto q = h.given_queue("q", [](queue_config& c) {
    patient(c);
    c.wrap_up = seconds(15);
    c.selection.allocation_percent = 100;
  });
  auto alice = h.given_agent("alice", {q});
  auto c1 = h.arrive(0, q);
  h.serve(0, c1, alice, 40);
  CHECK(h.r.queue(q)->agent_seconds == Approx(40.0));
  h.advance(55);  // wrap-up ends
  CHECK(h.r.queue(q)->agent_seconds == Approx(55.0));
}

TEST_CASE("an agent's own policy overrides the router's default", "[sl-routing][delay-ratio]") {
  recording_host h(with_policy(queue_selection_policy::static_priority));
  auto voice = h.given_queue("voice", [](queue_config& c) { patient(c); });
  auto chat = h.given_queue("chat", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(60);
  });
  auto alice = h.given_agent("alice", {voice, chat}, configured([](agent_config& c) {
    c.queue_selection = queue_selection_policy::delay_ratio;
  }, agent_setup::start::logged_out));
  auto bob = h.given_agent("bob", {voice, chat}, logged_out());
  h.arrive(0, chat);    // c1
  h.arrive(1, chat);    // c2
  h.arrive(10, voice);  // c3
  h.arrive(11, voice);  // c4
  auto m = h.mark();
  h.login(30, alice);
  // Delay ratio at t=30: chat head c1 30 / 60 = 0.5, voice head c3 20 / 20 = 1.0.
  CHECK(h.offers_since(m) == lines{"c3 alice"});
  CHECK(why_of_last_offer(h).selection == queue_selection_policy::delay_ratio);
  h.login(30, bob);
  // Static order: chat head c1 (place in line 0 s) before voice head c4 (11 s).
  CHECK(h.offers_since(m) == lines{"c3 alice", "c1 bob"});
  CHECK(why_of_last_offer(h).selection == queue_selection_policy::static_priority);
}

TEST_CASE("reserve agents help only below the lower threshold, until the upper one (hysteresis)",
          "[sl-routing][reserve]") {
  recording_host h;
  auto q = h.given_queue("q", [](queue_config& c) {
    patient(c);
    c.service_level_time = seconds(20);
    c.selection.reserve_below = 80;
    c.selection.reserve_until = 90;
  });
  auto alice = h.given_agent("alice", {q});
  auto bob = h.given_agent("bob");
  member_options reserve;
  reserve.reserve = true;
  h.member(q, bob, reserve);
  auto m = h.mark();
  // Six contacts answered at once by alice: 6 / 6 within. Bob, idle, is never offered.
  for (int i = 0; i < 6; ++i) {
    auto c = h.arrive(10.0 * i, q);
    REQUIRE(h.offered_to(c) == alice);
    h.serve(10.0 * i, c, alice, 10.0 * i + 1);
  }
  CHECK_FALSE(h.r.queue(q)->reserve_helping);
  auto x = h.arrive(100, q);
  h.accept(100, x, alice);  // 7 / 7; alice stays busy
  auto y1 = h.arrive(101, q);
  auto y2 = h.arrive(102, q);
  auto y3 = h.arrive(103, q);
  CHECK(h.offered_to(y1).is_null());
  // y1 abandons: 7 / 8 = 87.5 %, between the thresholds: not helping stays not helping.
  h.abandon(130, y1);
  CHECK(*h.r.queue(q)->service_level == Approx(87.5));
  CHECK_FALSE(h.r.queue(q)->reserve_helping);
  CHECK(h.offered_to(y2).is_null());
  // y2 abandons: 7 / 9 = 77.8 % < 80: bob helps at once and takes y3.
  auto before = h.mark();
  h.abandon(131, y2);
  CHECK(h.r.queue(q)->reserve_helping);
  CHECK(h.offers_since(before) == lines{"c10 bob"});
  // y3 answered late (28 s > 20): 7 / 10 = 70 %.
  h.serve(131, y3, bob, 133);
  // Contacts answered at once by bob: after k of them (7 + k) / (10 + k); between 80 and 90
  // (k = 5...19) bob keeps helping; at k = 20 (27 / 30 = 90 %) help stops.
  for (int k = 1; k <= 20; ++k) {
    auto z = h.arrive(133.0 + k, q);
    INFO("k = " << k);
    REQUIRE(h.offered_to(z) == bob);
    if (k == 11) {
      CHECK(*h.r.queue(q)->service_level == Approx(100.0 * 17 / 20));
      CHECK(h.r.queue(q)->reserve_helping);
    }
    h.serve(133.0 + k, z, bob, 133.0 + k + 0.5);
  }
  CHECK(*h.r.queue(q)->service_level == Approx(90.0));
  CHECK_FALSE(h.r.queue(q)->reserve_helping);
  auto z21 = h.arrive(160, q);
  CHECK(h.offered_to(z21).is_null());  // alice busy, bob idle but no longer helping
  CHECK(h.r.agent(bob)->state == agent_state::ready);
  (void)m;
}

namespace {

/// Bob: a member of "home" and a reserve member of "main", which needs no help while nothing
/// was answered late.
struct reserve_setup {
  queue_id main_q;
  queue_id home;
  agent_id bob;
  member_options reserve;
};
reserve_setup given_reserve_member(recording_host& h) {
  reserve_setup s;
  s.main_q = h.given_queue("main", [](queue_config& c) {
    patient(c);
    c.selection.reserve_below = 50;
    c.selection.reserve_until = 60;
  });
  s.home = h.given_queue("home", [](queue_config& c) { patient(c); });
  s.bob = h.given_agent("bob", {s.home});
  s.reserve.reserve = true;
  h.member(s.main_q, s.bob, s.reserve);
  return s;
}

}  // namespace

TEST_CASE("a reserve member is a full member of its other queues", "[sl-routing][reserve]") {
  recording_host h;
  auto [main_q, home, bob, reserve] = given_reserve_member(h);
  auto c1 = h.arrive(1, main_q);
  auto c2 = h.arrive(2, home);
  CHECK(h.offered_to(c1).is_null());
  CHECK(h.offered_to(c2) == bob);
  // Turning the reserve flag off makes bob an ordinary member.
  h.serve(2, c2, bob, 3);
  CHECK(h.offered_to(c1).is_null());
  reserve.reserve = false;
  REQUIRE(h.r.update_member(h.r.now(), main_q, bob, reserve));
  CHECK(h.offered_to(c1) == bob);
}

// The same under static priority, whose agent-side walk reads heads from the groups' first
// lines and a member record only where a reserve member may be (router_impl::route_agent).
TEST_CASE("a reserve member who becomes free under static priority skips its reserve queue's head",
          "[sl-routing][reserve]") {
  recording_host h(with_policy(queue_selection_policy::static_priority));
  const auto [main_q, home, bob, reserve] = given_reserve_member(h);
  auto c2 = h.arrive(1, home);
  REQUIRE(h.offered_to(c2) == bob);
  auto c1 = h.arrive(2, main_q);  // older than anything home will get, and bob is busy
  auto c3 = h.arrive(3, home);
  CHECK(h.offered_to(c1).is_null());
  CHECK(h.offered_to(c3).is_null());
  // Bob is free again: main's head is older, but he is only its reserve: he takes c3.
  h.serve(3, c2, bob, 4);
  CHECK(h.offered_to(c1).is_null());
  CHECK(h.offered_to(c3) == bob);
}

TEST_CASE("idle ratio: an arriving contact goes to the tier with the most idle share",
          "[sl-routing][idle-ratio]") {
  recording_host h(with_policy(queue_selection_policy::static_priority));
  auto q = h.given_queue("q", [](queue_config& c) {
    patient(c);
    c.selection.groups = group_pick::idle_ratio;
  });
  auto a1 = h.given_agent("a1");
  auto a2 = h.given_agent("a2");
  auto a3 = h.given_agent("a3");
  auto b1 = h.given_agent("b1");
  auto b2 = h.given_agent("b2");
  for (auto a : {a1, a2, a3}) h.member(q, a);
  member_options tier1;
  tier1.tier = 1;
  for (auto b : {b1, b2}) h.member(q, b, tier1);
  auto m = h.mark();
  // Idle shares before each arrival (tier 0 / tier 1): 3/3 vs 2/2 (equal: tier 0), 2/3 vs
  // 2/2, 2/3 vs 1/2, 1/3 vs 1/2, 1/3 vs 0/2.
  for (int i = 1; i <= 5; ++i) h.arrive(i, q);
  CHECK(h.offers_since(m) == lines{"c1 a1", "c2 b1", "c3 a2", "c4 b2", "c5 a3"});
  std::vector<tie_break> ties;
  for (std::size_t i = m; i < h.events().size(); ++i) {
    const recorded_event& r = h.events()[i];
    if (r.e.kind == event_kind::contact_offered && r.has_why) ties.push_back(r.why.tie);
  }
  // c1: equal ratios, so the usual comparison inside tier 0 (a1 before a2 by creation);
  // c5: a3 is the only agent available.
  CHECK(ties == std::vector<tie_break>{tie_break::creation_order, tie_break::idle_ratio, tie_break::idle_ratio,
                                       tie_break::idle_ratio, tie_break::none});
}

TEST_CASE("without idle ratio the lowest tier always goes first", "[sl-routing][idle-ratio]") {
  recording_host h;
  auto q = h.given_queue("q", [](queue_config& c) { patient(c); });
  h.given_agent("a1", {q});
  h.given_agent("a2", {q});
  auto b1 = h.given_agent("b1");
  member_options tier1;
  tier1.tier = 1;
  h.member(q, b1, tier1);
  auto m = h.mark();
  for (int i = 1; i <= 3; ++i) h.arrive(i, q);
  CHECK(h.offers_since(m) == lines{"c1 a1", "c2 a2", "c3 b1"});
}

TEST_CASE("bad service-level configuration is refused with a typed error and changes nothing",
          "[sl-routing][config]") {
  recording_host h;
  auto base = [](queue_config& c) { c.name = "bad"; };
  auto refused = [&](const std::function<void(queue_config&)>& f) {
    queue_config c;
    base(c);
    f(c);
    const std::size_t before = h.r.queue_count();
    auto r = h.r.add_queue(h.r.now(), c);
    CHECK(h.r.queue_count() == before);
    return r ? std::error_code{} : r.error();
  };
  CHECK(refused([](queue_config& c) { c.service_levels = {{channels::voice, 101, seconds(20)}}; }) ==
        make_error_code(errc::invalid_percentage));
  CHECK(refused([](queue_config& c) { c.service_levels = {{channels::chat, -1, seconds(60)}}; }) ==
        make_error_code(errc::invalid_percentage));
  CHECK(refused([](queue_config& c) { c.service_levels = {{channels::email, 100, duration::zero()}}; }) ==
        make_error_code(errc::invalid_threshold));
  CHECK(refused([](queue_config& c) { c.service_levels = {{channels::voice, 80, -seconds(1)}}; }) ==
        make_error_code(errc::invalid_threshold));
  CHECK(refused([](queue_config& c) { c.service_level_time = duration::zero(); }) ==
        make_error_code(errc::invalid_threshold));
  CHECK(refused([](queue_config& c) {
          c.service_levels = {{channels::voice, 80, seconds(20)}, {channels::voice, 90, seconds(10)}};
        }) == make_error_code(errc::invalid_argument));
  CHECK(refused([](queue_config& c) { c.service_levels = {{channel_id(40), 80, seconds(20)}}; }) ==
        make_error_code(errc::unknown_channel));
  CHECK(refused([](queue_config& c) {
          c.selection.reserve_below = 90;
          c.selection.reserve_until = 80;
        }) == make_error_code(errc::invalid_percentage));
  CHECK(refused([](queue_config& c) { c.selection.target_share = 120; }) ==
        make_error_code(errc::invalid_percentage));
  CHECK(refused([](queue_config& c) { c.selection.allocation_percent = -3; }) ==
        make_error_code(errc::invalid_percentage));
  CHECK(refused([](queue_config& c) { c.selection.delay_weight = 0; }) ==
        make_error_code(errc::invalid_argument));
  CHECK(refused([](queue_config& c) { c.selection.window = duration::zero(); }) ==
        make_error_code(errc::invalid_argument));
  CHECK(refused([](queue_config& c) {
          c.selection.groups = group_pick::idle_ratio;
          c.strategy.kind = strategy_kind::weighted_random;
        }) == make_error_code(errc::invalid_argument));

  // update_queue: the refused configuration (renamed too) leaves the queue as it was.
  auto q = h.given_queue("good", [](queue_config& c) {
    patient(c);
    c.service_levels = {{channels::voice, 80, seconds(20)}};
  });
  queue_config bad;
  bad.name = "renamed";
  bad.service_levels = {{channels::voice, 80, duration::zero()}};
  CHECK(err(h.r.update_queue(h.r.now(), q, bad)) == "invalid_threshold");
  CHECK(h.r.find_queue("good"));
  CHECK_FALSE(h.r.find_queue("renamed"));
  CHECK(std::string(h.r.queue(q)->name) == "good");

  // An agent's policy must be one of the four.
  agent_config a;
  a.name = "x";
  a.queue_selection = static_cast<queue_selection_policy>(9);
  CHECK(err(h.r.add_agent(h.r.now(), a)) == "invalid_argument");
  CHECK(h.r.agent_count() == 0);
}

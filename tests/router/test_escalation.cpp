// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Escalation plans: timed steps on a waiting contact (relax the requirement, widen tiers,
// raise priority, move, route out, offer a callback), their conditions, fall-through, and the
// explanation naming the active step. Steps run on timers at exactly enqueued + after.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {

escalation_step step(double after, step_action action) {
  escalation_step s;
  s.after = seconds(after);
  s.action = action;
  return s;
}
escalation_step requirement_step(double after, requirement_id r) {
  escalation_step s = step(after, step_action::set_requirement);
  s.requirement = r;
  return s;
}
escalation_step priority_step(double after, std::int32_t delta,
                              step_condition when = step_condition::always) {
  escalation_step s = step(after, step_action::raise_priority);
  s.priority_delta = delta;
  s.condition = when;
  return s;
}
escalation_plan plan_of_steps(std::vector<escalation_step> steps) {
  escalation_plan p;
  p.steps = std::move(steps);
  return p;
}
contact_spec spec(queue_id q, requirement_id r = {}, plan_id plan = {}, std::int32_t priority = 0) {
  contact_spec s;
  s.queue = q;
  s.requirement = r;
  s.escalation = plan;
  s.priority = priority;
  return s;
}
/// Offers never time out (keeps stories short).
void no_timeout(queue_config& c) { c.offers.timeout = duration::zero(); }

/// Skill "billing" and two requirements on it.
struct billing_needs {
  requirement_id strict;   ///< billing >= 6
  requirement_id relaxed;  ///< billing >= 3
};
billing_needs add_billing(recording_host& h) {
  REQUIRE(h.r.add_skill("billing"));
  return {h.requirement_of("billing >= 6"), h.requirement_of("billing >= 3")};
}

/// An expert (billing 8, not ready) and a junior (billing 3, ready) in queue "billing"; the
/// contact needs billing >= 6 and the queue's plan relaxes that to billing >= 3 after 30 s.
struct relax_setup {
  recording_host h;
  requirement_id strict, relaxed;
  plan_id plan;
  queue_id q;
  agent_id expert, junior;

  explicit relax_setup(double relax_after = 30) {
    REQUIRE(h.r.add_skill("billing"));
    strict = h.requirement_of("billing >= 6");
    auto r = h.r.add_requirement(h.r.find_requirement(strict)->relaxed(3));
    REQUIRE(r);
    relaxed = *r;
    plan = h.plan_of(plan_of_steps({requirement_step(relax_after, relaxed)}));
    q = h.given_queue("billing", [&](queue_config& c) {
      no_timeout(c);
      c.escalation = plan;
    });
    expert = h.given_agent("expert", {q}, skilled({{"billing", 8}}, {}, agent_setup::start::not_ready));
    junior = h.given_agent("junior", {q}, skilled({{"billing", 3}}));
  }
};

}  // namespace

TEST_CASE("Escalation set_requirement: after T the relaxed contact is offered to a less skilled agent, at exactly enqueued + T",
          "[skills][escalation]") {
  relax_setup s;
  auto& h = s.h;
  CHECK(h.r.find_requirement(s.relaxed)->to_string(h.r.skills()) == "billing >= 3");
  auto c1 = h.arrive(10, spec(s.q, s.strict));
  CHECK(h.state(c1) == contact_state::waiting);  // the junior is idle but does not match
  CHECK(h.info(c1).step == -1);
  // No polling: the only timer is the step, due at enqueued + after.
  CHECK(h.r.next_deadline() == at_seconds(40));
  auto m = h.mark();
  h.advance(39.999);
  CHECK(h.story_since(m).empty());
  h.advance(100);  // one jump far past: the step still happens at its own deadline
  CHECK(h.story_since(m) == lines{"t=40 escalation c1 billing step=0", "t=40 offered c1 junior"});
  CHECK(h.last(event_kind::escalation_step).e.at == at_seconds(40));
  CHECK(h.info(c1).step == 0);
  CHECK(h.info(c1).requirement == s.relaxed);
}

TEST_CASE("Escalation: a contact's own plan overrides the queue's plan", "[skills][escalation]") {
  relax_setup s;  // queue plan: relax after 30 s
  auto& h = s.h;
  const plan_id quick = h.plan_of(plan_of_steps({requirement_step(5, s.relaxed)}));
  auto m = h.mark();
  auto c1 = h.arrive(10, spec(s.q, s.strict));         // the queue's plan
  auto c2 = h.arrive(10, spec(s.q, s.strict, quick));  // its own plan
  h.advance(50);
  CHECK(h.story_since(m) == lines{"t=10 queued c1 billing", "t=10 queued c2 billing",
                                  "t=15 escalation c2 billing step=0", "t=15 offered c2 junior",
                                  "t=40 escalation c1 billing step=0"});
  CHECK(h.state(c1) == contact_state::waiting);  // the junior is reserved for c2
  CHECK(err(h.r.arrive(at_seconds(50), spec(s.q, s.strict, plan_id(99, 1)))) == "unknown_plan");
  (void)c2;
}

TEST_CASE("Escalation widen_tiers: a contact limited to tier 0 reaches tier 1 after T", "[skills][escalation]") {
  recording_host h;
  escalation_step widen = step(20, step_action::widen_tiers);
  widen.max_tier = 1;
  const plan_id plan = h.plan_of(plan_of_steps({widen}));
  auto q = h.given_queue("q", [&](queue_config& c) {
    no_timeout(c);
    c.initial_tier_limit = 0;
    c.escalation = plan;
  });
  auto first = h.given_agent("first", {}, not_ready_setup());
  member_options tier0, tier1;
  tier0.tier = 0;
  tier1.tier = 1;
  h.member(q, first, tier0);
  auto backup = h.given_agent("backup");
  h.member(q, backup, tier1);
  auto m = h.mark();
  auto c1 = h.arrive(0, q);
  CHECK(h.info(c1).tier_limit == 0);
  h.advance(19);
  CHECK(h.state(c1) == contact_state::waiting);  // backup is idle but tier 1
  h.advance(30);
  CHECK(h.story_since(m) == lines{"t=0 queued c1 q", "t=20 escalation c1 q step=0", "t=20 offered c1 backup"});
  CHECK(h.info(c1).tier_limit == 1);
}

TEST_CASE("Escalation raise_priority: the contact moves ahead and keeps its arrival time", "[skills][escalation]") {
  recording_host h;
  const plan_id plan = h.plan_of(plan_of_steps({priority_step(10, 5)}));
  auto q = h.given_queue("q", no_timeout);
  auto ann = h.given_agent("ann", {q}, not_ready_setup());
  auto c1 = h.arrive(0, spec(q, {}, plan, 0));
  auto c2 = h.arrive(5, spec(q, {}, {}, 3));
  CHECK(h.waiting(q) == lines{"c2", "c1"});
  h.advance(10);
  CHECK(h.waiting(q) == lines{"c1", "c2"});
  CHECK(h.info(c1).priority == 5);
  CHECK(h.info(c1).arrival == at_seconds(0));
  CHECK(h.last(event_kind::escalation_step).e.at == at_seconds(10));
  h.ready(20, ann);
  CHECK(h.offered_to(c1) == ann);
  CHECK(h.state(c2) == contact_state::waiting);
}

TEST_CASE("Escalation move_to_queue: the contact moves keeping its arrival time", "[skills][escalation]") {
  recording_host h;
  auto second = h.given_queue("second", no_timeout);
  escalation_step move = step(30, step_action::move_to_queue);
  move.queue = second;
  const plan_id plan = h.plan_of(plan_of_steps({move}));
  auto first = h.given_queue("first", [&](queue_config& c) {
    no_timeout(c);
    c.escalation = plan;
  });
  auto sam = h.given_agent("sam", {second}, not_ready_setup());
  auto m = h.mark();
  auto c1 = h.arrive(0, first);
  auto c2 = h.arrive(10, second);
  h.advance(30);
  CHECK(h.story_since(m) == lines{"t=0 queued c1 first", "t=10 queued c2 second",
                                  "t=30 escalation c1 first step=0",
                                  "t=30 transferred c1 first->second escalation", "t=30 queued c1 second"});
  CHECK(h.info(c1).queue == second);
  CHECK(h.info(c1).arrival == at_seconds(0));
  CHECK(h.info(c1).enqueued == at_seconds(30));
  CHECK(h.waiting(second) == lines{"c1", "c2"});
  h.ready(40, sam);
  CHECK(h.offered_to(c1) == sam);
  CHECK(h.state(c2) == contact_state::waiting);
  (void)first;
}

TEST_CASE("Escalation route_out: terminal routed_out, the transport gets the destination", "[skills][escalation]") {
  recording_host h;
  escalation_step out = step(60, step_action::route_out);
  out.destination = "voicemail";
  const plan_id plan = h.plan_of(plan_of_steps({priority_step(10, 1), out}));
  auto q = h.given_queue("q", [&](queue_config& c) { c.escalation = plan; });
  auto m = h.mark();
  auto c1 = h.arrive(0, q);
  h.advance(100);
  CHECK(h.story_since(m) == lines{"t=0 queued c1 q", "t=10 escalation c1 q step=0", "t=60 escalation c1 q step=1",
                                  "t=60 routed_out c1 q step=1 to=voicemail"});
  const event& e = h.last(event_kind::contact_routed_out).e;
  CHECK(e.step == 1);
  CHECK(e.exit == exit_reason::escalation);
  REQUIRE(h.voice().route_outs.size() == 1);
  const auto& r = h.voice().route_outs.front();
  CHECK(r.destination == "voicemail");
  CHECK(r.request.contact == c1);
  CHECK(r.request.step == 1);
  CHECK(r.request.at == at_seconds(60));
  CHECK(err(h.r.contact(c1)) == "unknown_contact");
  CHECK(h.r.live_contact_count() == 0);
  CHECK(h.voice().callback_offers.empty());
  // A route-out destination is required.
  escalation_step nowhere = step(1, step_action::route_out);
  CHECK(err(h.r.add_escalation_plan(plan_of_steps({nowhere}))) == "invalid_argument");
}

TEST_CASE("Escalation offer_callback: the host is asked, accept_callback keeps the contact's place as a callback",
          "[skills][escalation]") {
  recording_host h;
  const plan_id plan = h.plan_of(plan_of_steps({step(30, step_action::offer_callback)}));
  auto q = h.given_queue("q", [&](queue_config& c) {
    no_timeout(c);
    c.channels = {channels::voice, channels::callback};
    c.escalation = plan;
  });
  auto ann = h.given_agent("ann", {q}, not_ready_setup());
  auto m = h.mark();
  auto c1 = h.arrive(0, q);
  auto c2 = h.arrive(10, q);
  h.advance(30);
  CHECK(h.story_since(m) == lines{"t=0 queued c1 q", "t=10 queued c2 q", "t=30 escalation c1 q step=0",
                                  "t=30 callback_offered c1 q step=0"});
  REQUIRE(h.voice().callback_offers.size() == 1);
  CHECK(h.voice().callback_offers[0].request.contact == c1);
  CHECK(h.voice().callback_offers[0].request.step == 0);
  CHECK(h.voice().callback_offers[0].request.at == at_seconds(30));
  CHECK(h.state(c1) == contact_state::waiting);  // still waiting until the customer answers

  m = h.mark();
  h.accept_callback(35, c1);
  CHECK(h.story_since(m) == lines{"t=35 callback_accepted c1 q"});
  CHECK(h.info(c1).channel == channels::callback);
  CHECK(h.waiting(q) == lines{"c1", "c2"});
  CHECK(*h.r.position(c1) == 0);
  h.ready(36, ann);
  CHECK(h.offered_to(c1) == ann);
  REQUIRE(h.transport(channels::callback).offers.size() == 1);
  CHECK(h.transport(channels::callback).offers[0].request.contact == c1);
  (void)c2;
}

TEST_CASE("Escalation offer_callback: accept_callback is refused when the queue does not take callbacks",
          "[skills][escalation][errors]") {
  recording_host h;
  const plan_id plan = h.plan_of(plan_of_steps({step(30, step_action::offer_callback)}));
  auto q = h.given_queue("voice-only", [&](queue_config& c) {
    c.channels = {channels::voice};
    c.escalation = plan;
  });
  auto c1 = h.arrive(0, q);
  h.advance(30);
  CHECK(h.voice().callback_offers.size() == 1);
  auto m = h.mark();
  CHECK(errc_name(h.r.accept_callback(at_seconds(31), c1).error()) == "channel_not_accepted");
  CHECK(h.all_since(m).empty());
  CHECK(h.info(c1).channel == channels::voice);
  CHECK(errc_name(h.r.accept_callback(at_seconds(32), contact_id(999, 1)).error()) == "unknown_contact");
}

TEST_CASE("Escalation conditions: a step whose condition is false is skipped and later steps still run",
          "[skills][escalation]") {
  SECTION("no_eligible_logged_in") {
    auto run = [](bool someone_logged_in) {
      auto h = make_router();
      const plan_id plan = h->plan_of(plan_of_steps(
          {priority_step(10, 1, step_condition::no_eligible_logged_in), priority_step(20, 10)}));
      auto q = h->given_queue("q", [&](queue_config& c) { c.escalation = plan; });
      h->given_agent("ann", {q}, someone_logged_in ? not_ready_setup() : logged_out());
      auto m = h->mark();
      auto c1 = h->arrive(0, q);
      h->advance(30);
      return std::make_pair(h->story_since(m), h->info(c1).priority);
    };
    CHECK(run(true) == std::make_pair(lines{"t=0 queued c1 q", "t=20 escalation c1 q step=1"}, 10));
    CHECK(run(false) == std::make_pair(lines{"t=0 queued c1 q", "t=10 escalation c1 q step=0",
                                             "t=20 escalation c1 q step=1"},
                                       11));
  }
  SECTION("expected_wait_above") {
    recording_host h;
    auto above = [](double wait, std::int32_t delta) {
      escalation_step s = priority_step(10, delta, step_condition::expected_wait_above);
      s.wait_above = seconds(wait);
      return s;
    };
    // One contact, one logged-in agent, no history: expected wait = 1 x 180 s / 1 = 180 s.
    const plan_id plan = h.plan_of(plan_of_steps({above(200, 1), above(100, 10)}));
    auto q = h.given_queue("q", [&](queue_config& c) {
      c.escalation = plan;
      c.expected_handle_time = seconds(180);
    });
    h.given_agent("ann", {q}, not_ready_setup());
    auto m = h.mark();
    auto c1 = h.arrive(0, q);
    h.advance(30);
    CHECK(h.story_since(m) == lines{"t=0 queued c1 q", "t=10 escalation c1 q step=1"});
    CHECK(h.info(c1).priority == 10);
  }
  SECTION("service_level_below") {
    auto run = [](double answered_after) {
      auto h = make_router();
      escalation_step below = priority_step(10, 1, step_condition::service_level_below);
      below.service_level_below = 0.5;
      const plan_id plan = h->plan_of(plan_of_steps({below, priority_step(10, 10)}));
      auto q = h->given_queue("q", [&](queue_config& c) {
        no_timeout(c);
        c.service_level_time = seconds(20);
      });
      auto ann = h->given_agent("ann", {q});
      // History: one contact answered after `answered_after` seconds.
      auto c0 = h->arrive(0, q);
      h->serve(answered_after, c0, ann, answered_after + 5);
      h->not_ready(answered_after + 6, ann);
      auto m = h->mark();
      auto c1 = h->arrive(100, spec(q, {}, plan));
      h->advance(130);
      return std::make_pair(h->story_since(m), h->info(c1).priority);
    };
    // Answered within 20 s: service level 1.0, not below 0.5: step 0 skipped.
    CHECK(run(5) == std::make_pair(lines{"t=100 queued c2 q", "t=110 escalation c2 q step=1"}, 10));
    // Answered after 30 s: service level 0: step 0 applies.
    CHECK(run(30) == std::make_pair(lines{"t=100 queued c2 q", "t=110 escalation c2 q step=0",
                                          "t=110 escalation c2 q step=1"},
                                    11));
  }
}

TEST_CASE("Escalation fall-through: a step that leaves nobody logged in in the new group runs the next step at once",
          "[skills][escalation]") {
  auto run = [](bool guru_logged_in) {
    auto h = make_router();
    REQUIRE(h->r.add_skill("billing"));
    const auto strict = h->requirement_of("billing >= 5");
    const auto guru_only = h->requirement_of("billing >= 9");
    const auto anyone = h->requirement_of("billing >= 1");
    const plan_id plan = h->plan_of(plan_of_steps({requirement_step(10, guru_only), requirement_step(60, anyone)}));
    auto q = h->given_queue("q", [&](queue_config& c) {
      no_timeout(c);
      c.escalation = plan;
    });
    h->given_agent("guru", {q},
                   skilled({{"billing", 9}}, {},
                           guru_logged_in ? agent_setup::start::not_ready : agent_setup::start::logged_out));
    h->given_agent("junior", {q}, skilled({{"billing", 2}}));
    auto m = h->mark();
    h->arrive(0, spec(q, strict));
    h->advance(100);
    return h->story_since(m);
  };
  CHECK(run(false) == lines{"t=0 queued c1 q", "t=10 escalation c1 q step=0", "t=10 escalation c1 q step=1",
                            "t=10 offered c1 junior"});
  // Control: the guru is logged in (not ready), so step 0 leaves someone and step 1 waits its turn.
  CHECK(run(true) == lines{"t=0 queued c1 q", "t=10 escalation c1 q step=0", "t=60 escalation c1 q step=1",
                           "t=60 offered c1 junior"});
}

TEST_CASE("Escalation: the explanation of an offer names the active step", "[skills][escalation][explain]") {
  relax_setup s;
  auto& h = s.h;
  h.r.set_explanations(true);
  // Before any step: a contact without requirement is offered with step -1.
  auto c1 = h.arrive(1, s.q);
  REQUIRE(h.offered_to(c1) == s.junior);
  {
    const auto& offered = h.last(event_kind::contact_offered);
    REQUIRE(offered.has_why);
    CHECK(offered.why.step == -1);
  }
  h.serve(2, c1, s.junior, 3);
  auto c2 = h.arrive(10, spec(s.q, s.strict));
  h.advance(40);
  REQUIRE(h.offered_to(c2) == s.junior);
  const auto& offered = h.last(event_kind::contact_offered);
  REQUIRE(offered.has_why);
  CHECK(offered.why.step == 0);
  CHECK(offered.why.requirement == s.relaxed);
  CHECK(offered.why.rule == strategy_kind::longest_idle);
}

TEST_CASE("Escalation: plans and overflows that lead back and forth between queues still route",
          "[skills][escalation]") {
  // The first arrival makes every group the contact's escalation can reach (moves, overflows
  // and both outcomes of a conditional step); plans that name each other must not loop.
  recording_host h;
  const auto [strict, relaxed] = add_billing(h);
  auto ping = h.given_queue("ping", no_timeout);
  auto pong = h.given_queue("pong", no_timeout);
  escalation_step to_pong = step(10, step_action::move_to_queue);
  to_pong.queue = pong;
  escalation_step to_ping = step(10, step_action::move_to_queue);
  to_ping.queue = ping;
  escalation_step relax = requirement_step(5, relaxed);
  relax.condition = step_condition::no_eligible_logged_in;
  const plan_id ping_plan = h.plan_of(plan_of_steps({to_pong}));
  const plan_id pong_plan = h.plan_of(plan_of_steps({relax, to_ping}));
  for (const auto& [q, name, plan, spill] :
       {std::tuple{ping, "ping", ping_plan, pong}, std::tuple{pong, "pong", pong_plan, ping}}) {
    queue_config c;
    c.name = name;
    no_timeout(c);
    c.escalation = plan;
    c.overflow = spill;
    REQUIRE(h.r.update_queue(h.r.now(), q, c));
  }
  auto expert = h.given_agent("expert", {ping, pong}, skilled({{"billing", 8}}, {}, agent_setup::start::not_ready));
  auto m = h.mark();
  auto c1 = h.r.arrive(h.r.now(), spec(ping, strict));
  REQUIRE(c1);
  h.advance(35);
  // The expert is logged in, so the conditional relax step is skipped each time.
  CHECK(h.story_since(m) == lines{"t=0 queued c1 ping", "t=10 escalation c1 ping step=0",
                                  "t=10 transferred c1 ping->pong escalation", "t=10 queued c1 pong",
                                  "t=20 escalation c1 pong step=1",
                                  "t=20 transferred c1 pong->ping escalation", "t=20 queued c1 ping",
                                  "t=30 escalation c1 ping step=0",
                                  "t=30 transferred c1 ping->pong escalation", "t=30 queued c1 pong"});
  h.ready(35, expert);
  CHECK(h.offered_to(*c1) == expert);
  CHECK(h.info(*c1).arrival == at_seconds(0));
}

TEST_CASE("Escalation: a long plan of conditional steps is prepared in steps x states, not 2^steps",
          "[skills][escalation]") {
  // 60 conditional steps that switch between two requirements and two tier limits: the first
  // arrival makes the groups of the 2 x 3 states they can produce (each branch of each step
  // would be 2^60 paths) and routes at once.
  recording_host h;
  const auto [strict, relaxed] = add_billing(h);
  std::vector<escalation_step> steps;
  for (int i = 0; i < 60; ++i) {
    escalation_step s = i % 2 == 0 ? requirement_step(1 + i, i % 4 == 0 ? relaxed : strict)
                                   : step(1 + i, step_action::widen_tiers);
    s.max_tier = static_cast<std::uint32_t>(i % 4 == 1 ? 1 : 0);
    s.condition = step_condition::service_level_below;
    s.service_level_below = 0.5;
    steps.push_back(s);
  }
  const plan_id plan = h.plan_of(plan_of_steps(steps));
  auto q = h.given_queue("long", [&](queue_config& c) {
    no_timeout(c);
    c.escalation = plan;
    c.initial_tier_limit = 0;
  });
  auto junior = h.given_agent("junior", {q}, skilled({{"billing", 3}}));
  auto c1 = h.r.arrive(h.r.now(), spec(q, relaxed));
  REQUIRE(c1);
  CHECK(h.offered_to(*c1) == junior);
}

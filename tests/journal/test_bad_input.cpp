// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The bad-input table: every public command fed each kind of bad input it can receive (unknown
// id, stale handle, illegal state, out-of-range value, empty and oversized strings, NaN,
// negative durations, time going backwards). Each row must return its typed error, deliver no
// event and leave the state hash unchanged. Refusals at entry (arrive) are business outcomes
// reported by a contact_refused event; their rows check that event instead of silence.
#include <omniroute/journal/command.hpp>

#include <cmath>
#include <limits>

#include "support/catch.hpp"

using namespace omniroute;

namespace {

struct counter final : event_observer {
  std::vector<event_kind> kinds;
  void on_event(const event& e) override { kinds.push_back(e.kind); }
};

/// sales (voice, longest idle) and chat (chat only) queues; alice ready with contact c1 offered
/// (offer o1); carol connected to c2 (work w2); bob logged out; dave removed (stale agent);
/// c0 completed (stale contact, stale offer o0).
struct fixture {
  router r;
  counter events;
  queue_id sales, chat;
  agent_id alice, bob, carol, dave;
  contact_id c0, c1, c2;
  offer_id o0, o1, w2;
  requirement_id billing;
  time_point t = at_seconds(100);

  offer_id offer_of(agent_id a, offer_info::phase stage) {
    for (offer_id o : r.agent_work(a)) {
      if (r.offer(o)->stage == stage) return o;
    }
    FAIL("no work in that phase");
    return {};
  }

  fixture() {
    REQUIRE(r.add_skill("billing"));
    billing = *r.add_requirement(std::string_view("billing >= 1"));
    queue_config s;
    s.name = "sales";
    s.channels = channel_set{channels::voice};
    s.offers.timeout = duration::zero();  // o1 rings until the table has run
    sales = *r.add_queue(at_seconds(1), s);
    queue_config c;
    c.name = "chat";
    c.channels = channel_set{channels::chat};
    chat = *r.add_queue(at_seconds(1), c);
    auto agent = [&](const char* name) {
      agent_config a;
      a.name = name;
      return *r.add_agent(at_seconds(1), a);
    };
    alice = agent("alice");
    bob = agent("bob");
    carol = agent("carol");
    dave = agent("dave");
    REQUIRE(r.remove_agent(at_seconds(1), dave));
    for (agent_id a : {alice, bob, carol}) REQUIRE(r.add_member(at_seconds(1), sales, a));
    // c0: served by carol and completed; its offer ends with it.
    REQUIRE(r.login(at_seconds(2), carol, true));
    contact_spec voice;
    voice.queue = sales;
    c0 = *r.arrive(at_seconds(3), voice);
    o0 = offer_of(carol, offer_info::phase::offered);
    REQUIRE(r.accept(at_seconds(4), o0));
    REQUIRE(r.complete(at_seconds(5), c0));
    // c2: connected to carol.
    c2 = *r.arrive(at_seconds(6), voice);
    w2 = offer_of(carol, offer_info::phase::offered);
    REQUIRE(r.accept(at_seconds(7), w2));
    // c1: offered to alice.
    REQUIRE(r.login(at_seconds(8), alice, true));
    c1 = *r.arrive(at_seconds(9), voice);
    o1 = offer_of(alice, offer_info::phase::offered);
    REQUIRE(r.advance(t));
    r.set_observer(&events);
  }
};

struct row {
  const char* what;
  command c;
  errc expected;
  bool refusal_event = false;  // arrive: reported as contact_refused
};

agent_config named_agent(std::string name) {
  agent_config a;
  a.name = std::move(name);
  return a;
}
queue_config named_queue(std::string name) {
  queue_config q;
  q.name = std::move(name);
  return q;
}

std::vector<row> table(const fixture& f) {
  const time_point t = f.t;
  const time_point earlier = t - std::chrono::seconds(1);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string long_name(129, 'x');
  const agent_id unknown_agent(900, 1);
  const queue_id unknown_queue(60, 1);
  const contact_id unknown_contact(900, 1);
  const offer_id unknown_offer(900, 1);
  std::vector<row> rows;
  auto add = [&](const char* what, command_body body, errc e, time_point now = time_point::min()) {
    rows.push_back(row{what, command{now == time_point::min() ? t : now, std::move(body)}, e});
  };

  // ---- configuration ----
  add("register_channel: empty name", cmd::register_channel{"", channel_kind::deferred, 10, {}}, errc::invalid_argument);
  add("register_channel: duplicate name", cmd::register_channel{"voice", channel_kind::real_time, 10, {}}, errc::duplicate_name);
  add("add_skill: empty name", cmd::add_skill{""}, errc::invalid_argument);
  add("add_skill: oversized name", cmd::add_skill{std::string(65, 's')}, errc::invalid_argument);
  add("add_skill: illegal characters", cmd::add_skill{"bill ing!"}, errc::invalid_argument);
  add("add_skill: duplicate", cmd::add_skill{"billing"}, errc::duplicate_name);
  add("add_attribute: name taken by a skill", cmd::add_attribute{"billing", attribute_kind::boolean}, errc::duplicate_name);
  add("add_attribute: empty name", cmd::add_attribute{"", attribute_kind::boolean}, errc::invalid_argument);
  add("add_requirement: parse error", cmd::add_requirement{"billing >="}, errc::parse_error);
  add("add_requirement: unknown skill", cmd::add_requirement{"nosuch >= 1"}, errc::unknown_skill);
  add("add_requirement: contradictory", cmd::add_requirement{"billing >= 5 & billing <= 3"}, errc::contradictory_requirement);
  {
    escalation_plan p;
    p.steps.resize(1);
    p.steps[0].after = std::chrono::seconds(-1);
    add("add_escalation_plan: negative time", cmd::add_escalation_plan{p}, errc::invalid_argument);
    p.steps.resize(2);
    p.steps[0].after = std::chrono::seconds(20);
    p.steps[1].after = std::chrono::seconds(10);
    add("add_escalation_plan: unordered steps", cmd::add_escalation_plan{p}, errc::invalid_argument);
    p.steps.resize(1);
    p.steps[0] = escalation_step();
    p.steps[0].action = step_action::set_requirement;
    p.steps[0].requirement = requirement_id(77, 1);
    add("add_escalation_plan: unknown requirement", cmd::add_escalation_plan{p}, errc::unknown_requirement);
    p.steps[0] = escalation_step();
    p.steps[0].action = step_action::move_to_queue;
    p.steps[0].queue = unknown_queue;
    add("add_escalation_plan: unknown queue", cmd::add_escalation_plan{p}, errc::unknown_queue);
    p.steps[0] = escalation_step();
    p.steps[0].condition = step_condition::service_level_below;
    p.steps[0].service_level_below = nan;
    add("add_escalation_plan: NaN service level", cmd::add_escalation_plan{p}, errc::invalid_argument);
    p.steps[0] = escalation_step();
    p.steps[0].after = longest_duration + duration(1);
    add("add_escalation_plan: step beyond the longest duration", cmd::add_escalation_plan{p}, errc::invalid_argument);
    p.steps[0] = escalation_step();
    p.steps[0].condition = step_condition::expected_wait_above;
    p.steps[0].wait_above = duration::max();
    add("add_escalation_plan: wait threshold beyond the longest duration", cmd::add_escalation_plan{p},
        errc::invalid_argument);
    p.steps[0] = escalation_step();
    p.steps[0].action = step_action::raise_priority;
    p.steps[0].priority_delta = std::numeric_limits<std::int32_t>::max();
    add("add_escalation_plan: priority step beyond max_priority", cmd::add_escalation_plan{p}, errc::invalid_argument);
  }

  // ---- agents ----
  add("add_agent: empty name", cmd::add_agent{named_agent("")}, errc::invalid_argument);
  add("add_agent: oversized name", cmd::add_agent{named_agent(long_name)}, errc::invalid_argument);
  add("add_agent: duplicate name", cmd::add_agent{named_agent("alice")}, errc::duplicate_name);
  add("add_agent: time went backwards", cmd::add_agent{named_agent("erin")}, errc::time_went_backwards, earlier);
  {
    agent_config a = named_agent("erin");
    a.capacity = capacity_profile();
    a.capacity->total = 0;
    add("add_agent: zero capacity", cmd::add_agent{a}, errc::invalid_argument);
    a = named_agent("erin");
    a.skills = {{"nosuch", 3}};
    add("add_agent: unknown skill", cmd::add_agent{a}, errc::unknown_skill);
    a.skills = {{"billing", 11}};
    add("add_agent: skill level out of range", cmd::add_agent{a}, errc::invalid_argument);
    a = named_agent("erin");
    a.attributes = {{"nosuch", "x"}};
    add("add_agent: unknown attribute", cmd::add_agent{a}, errc::unknown_attribute);
    a = named_agent("erin");
    a.wrap_up = std::chrono::seconds(-5);
    add("add_agent: negative wrap-up", cmd::add_agent{a}, errc::invalid_argument);
    a = named_agent("erin");
    a.wrap_up = duration::max();
    add("add_agent: wrap-up beyond the longest duration", cmd::add_agent{a}, errc::invalid_argument);
    a = named_agent("erin");
    a.offers.no_answer = failure_policy{longest_duration + duration(1), 1, 0};
    add("add_agent: hold-back beyond the longest duration", cmd::add_agent{a}, errc::invalid_argument);
    a = named_agent("erin");
    a.offers.timeout = std::chrono::seconds(-5);
    add("add_agent: negative offer timeout", cmd::add_agent{a}, errc::invalid_argument);
  }
  add("update_agent: stale handle", cmd::update_agent{f.dave, named_agent("dave")}, errc::unknown_agent);
  add("update_agent: null handle", cmd::update_agent{agent_id(), named_agent("x")}, errc::unknown_agent);
  add("update_agent: empty name", cmd::update_agent{f.bob, named_agent("")}, errc::invalid_argument);
  add("update_agent: another agent's name", cmd::update_agent{f.bob, named_agent("alice")}, errc::duplicate_name);
  add("remove_agent: stale handle", cmd::remove_agent{f.dave}, errc::unknown_agent);
  add("remove_agent: still logged in", cmd::remove_agent{f.alice}, errc::still_logged_in);
  add("login: unknown agent", cmd::login{unknown_agent, true, 0}, errc::unknown_agent);
  add("login: already logged in", cmd::login{f.alice, true, 0}, errc::already_logged_in);
  add("login: time went backwards", cmd::login{f.bob, true, 0}, errc::time_went_backwards, earlier);
  add("logout: stale handle", cmd::logout{f.dave}, errc::unknown_agent);
  add("logout: not logged in", cmd::logout{f.bob}, errc::not_logged_in);
  add("logout: connected contact", cmd::logout{f.carol}, errc::has_active_contacts);
  add("ready: not logged in", cmd::ready{f.bob}, errc::not_logged_in);
  add("ready: already ready", cmd::ready{f.alice}, errc::already_ready);
  add("ready: stale handle", cmd::ready{f.dave}, errc::unknown_agent);
  add("not_ready: not logged in", cmd::not_ready{f.bob, 1}, errc::not_logged_in);
  add("not_ready: unknown agent", cmd::not_ready{unknown_agent, 1}, errc::unknown_agent);

  // ---- queues and members ----
  add("add_queue: empty name", cmd::add_queue{named_queue("")}, errc::invalid_argument);
  add("add_queue: oversized name", cmd::add_queue{named_queue(long_name)}, errc::invalid_argument);
  add("add_queue: duplicate name", cmd::add_queue{named_queue("sales")}, errc::duplicate_name);
  {
    queue_config q = named_queue("new");
    q.overflow = unknown_queue;
    add("add_queue: unknown overflow", cmd::add_queue{q}, errc::unknown_queue);
    q = named_queue("new");
    q.max_wait = std::chrono::seconds(-1);
    add("add_queue: negative max wait", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.max_wait = duration::max();  // now + max wait would overflow
    add("add_queue: max wait beyond the longest duration", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.offers.timeout = longest_duration + duration(1);
    add("add_queue: offer timeout beyond the longest duration", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.strategy.ring_interval = duration::max();
    add("add_queue: ring interval beyond the longest duration", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.ordering = queue_ordering::aged;
    q.priority_step = duration::max();  // priority x step would overflow
    add("add_queue: priority step beyond the longest duration", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.service_level_time = duration::max();
    add("add_queue: service-level time beyond the longest duration", cmd::add_queue{q}, errc::invalid_threshold);
    q = named_queue("new");
    q.selection.window = duration::max();
    add("add_queue: service-level window beyond the longest duration", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("sales");
    q.channels = channel_set{channels::voice};
    q.wrap_up = longest_duration + duration(1);
    add("update_queue: wrap-up beyond the longest duration", cmd::update_queue{f.sales, q}, errc::invalid_argument);
    q = named_queue("new");
    q.wrap_up = std::chrono::seconds(-1);
    add("add_queue: negative wrap-up", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.offers.timeout = std::chrono::seconds(-1);
    add("add_queue: negative offer timeout", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.strategy.occupancy_cap = nan;
    add("add_queue: NaN occupancy cap", cmd::add_queue{q}, errc::invalid_argument);
    q.strategy.occupancy_cap = -0.5;
    add("add_queue: negative occupancy cap", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.max_length = 0;
    add("add_queue: zero max length", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.channels = channel_set();
    add("add_queue: no channels", cmd::add_queue{q}, errc::invalid_argument);
    q = named_queue("new");
    q.eligibility = requirement_id(77, 1);
    add("add_queue: unknown eligibility", cmd::add_queue{q}, errc::unknown_requirement);
    q = named_queue("new");
    q.escalation = plan_id(77, 1);
    add("add_queue: unknown plan", cmd::add_queue{q}, errc::unknown_plan);
  }
  add("update_queue: unknown queue", cmd::update_queue{unknown_queue, named_queue("x")}, errc::unknown_queue);
  add("update_queue: another queue's name", cmd::update_queue{f.sales, named_queue("chat")}, errc::duplicate_name);
  add("remove_queue: unknown queue", cmd::remove_queue{unknown_queue, {}}, errc::unknown_queue);
  add("remove_queue: contacts wait", cmd::remove_queue{f.sales, {}}, errc::queue_not_empty);
  add("add_member: unknown queue", cmd::add_member{unknown_queue, f.bob, {}}, errc::unknown_queue);
  add("add_member: stale agent", cmd::add_member{f.sales, f.dave, {}}, errc::unknown_agent);
  add("add_member: already a member", cmd::add_member{f.sales, f.alice, {}}, errc::already_member);
  add("update_member: not a member", cmd::update_member{f.chat, f.bob, {}}, errc::not_a_member);
  add("update_member: unknown queue", cmd::update_member{unknown_queue, f.bob, {}}, errc::unknown_queue);
  add("remove_member: not a member", cmd::remove_member{f.chat, f.alice}, errc::not_a_member);
  add("remove_member: stale agent", cmd::remove_member{f.sales, f.dave}, errc::unknown_agent);

  // ---- contacts ----
  {
    contact_spec s;
    s.queue = f.sales;
    s.arrival = t + std::chrono::seconds(5);
    add("arrive: arrival after now", cmd::arrive{s}, errc::invalid_argument);
    s = contact_spec();
    s.queue = f.sales;
    add("arrive: time went backwards", cmd::arrive{s}, errc::time_went_backwards, earlier);
    s.requirement = requirement_id(77, 1);
    add("arrive: unknown requirement", cmd::arrive{s}, errc::unknown_requirement);
    s = contact_spec();
    s.queue = f.sales;
    s.escalation = plan_id(77, 1);
    add("arrive: unknown plan", cmd::arrive{s}, errc::unknown_plan);
    s = contact_spec();
    s.queue = f.sales;
    s.preferred_wait = std::chrono::seconds(-1);
    add("arrive: negative preferred wait", cmd::arrive{s}, errc::invalid_argument);
    s.preferred_wait = duration::max();
    add("arrive: preferred wait beyond the longest duration", cmd::arrive{s}, errc::invalid_argument);
    s = contact_spec();
    s.queue = f.sales;
    s.priority = max_priority + 1;
    add("arrive: priority beyond max_priority", cmd::arrive{s}, errc::invalid_argument);
    s.priority = std::numeric_limits<std::int32_t>::min();
    add("arrive: priority below -max_priority", cmd::arrive{s}, errc::invalid_argument);
    s = contact_spec();
    s.queue = f.sales;
    s.arrival = time_point::min();
    add("arrive: arrival before the earliest time", cmd::arrive{s}, errc::invalid_argument);
  }
  add("abandon: unknown contact", cmd::abandon{unknown_contact}, errc::unknown_contact);
  add("abandon: ended contact", cmd::abandon{f.c0}, errc::unknown_contact);
  add("abandon: connected contact", cmd::abandon{f.c2}, errc::contact_not_waiting);
  add("transfer: ended contact", cmd::transfer{f.c0, f.chat, {}}, errc::unknown_contact);
  add("transfer: unknown queue", cmd::transfer{f.c1, unknown_queue, {}}, errc::unknown_queue);
  add("transfer: channel not accepted", cmd::transfer{f.c1, f.chat, {}}, errc::channel_not_accepted);
  {
    transfer_options o;
    o.priority = max_priority + 1;
    add("transfer: priority beyond max_priority", cmd::transfer{f.c1, f.sales, o}, errc::invalid_argument);
  }
  add("route_out: ended contact", cmd::route_out{f.c0}, errc::unknown_contact);
  add("route_out: connected contact", cmd::route_out{f.c2}, errc::contact_not_waiting);
  add("accept_callback: connected contact", cmd::accept_callback{f.c2}, errc::contact_not_waiting);
  add("accept_callback: unknown contact", cmd::accept_callback{unknown_contact}, errc::unknown_contact);
  add("accept: stale offer", cmd::accept{f.o0}, errc::unknown_offer);
  add("accept: already accepted", cmd::accept{f.w2}, errc::offer_not_pending);
  add("accept: time went backwards", cmd::accept{f.o1}, errc::time_went_backwards, earlier);
  add("reject: timeouts are the router's", cmd::reject{f.o1, failure_kind::no_answer}, errc::invalid_argument);
  add("reject: unknown offer", cmd::reject{unknown_offer, failure_kind::rejected}, errc::unknown_offer);
  add("reject: already accepted", cmd::reject{f.w2, failure_kind::busy}, errc::offer_not_pending);
  add("complete: offered, not connected", cmd::complete{f.c1}, errc::contact_not_connected);
  add("complete: ended contact", cmd::complete{f.c0}, errc::unknown_contact);
  add("end_wrap_up: not in wrap-up", cmd::end_wrap_up{f.o1}, errc::not_in_wrap_up);
  add("end_wrap_up: stale offer", cmd::end_wrap_up{f.o0}, errc::unknown_offer);
  add("advance: time went backwards", cmd::advance{}, errc::time_went_backwards, earlier);
  add("advance: time beyond the latest time", cmd::advance{}, errc::invalid_argument, latest_time + duration(1));
  add("login: time at the end of the clock", cmd::login{f.bob, true, 0}, errc::invalid_argument, time_point::max());

  // Refusals at entry: the typed error plus the contact_refused event that ends the contact.
  {
    contact_spec s;
    s.queue = unknown_queue;
    add("arrive: unknown queue", cmd::arrive{s}, errc::unknown_queue);
    rows.back().refusal_event = true;
    s.queue = f.sales;
    s.channel = channel_id(30);
    add("arrive: unknown channel", cmd::arrive{s}, errc::unknown_channel);
    rows.back().refusal_event = true;
    s.channel = channels::chat;
    add("arrive: channel not accepted", cmd::arrive{s}, errc::channel_not_accepted);
    rows.back().refusal_event = true;
  }
  return rows;
}

}  // namespace

TEST_CASE("bad input to every command returns a typed error and changes nothing", "[journal][errors]") {
  fixture f;
  const std::vector<row> rows = table(f);
  CHECK(rows.size() > 90);
  for (const row& r : rows) {
    INFO(r.what);
    const std::uint64_t before = f.r.state_hash();
    const std::size_t live = f.r.live_contact_count();
    f.events.kinds.clear();
    const command_outcome got = apply(f.r, r.c);
    CHECK(got.error == make_error_code(r.expected));
    if (r.refusal_event) {
      CHECK(f.events.kinds == std::vector<event_kind>{event_kind::contact_refused});
      CHECK(f.r.live_contact_count() == live);
    } else {
      CHECK(f.events.kinds.empty());
      CHECK(f.r.state_hash() == before);
    }
  }
  // The fixture still routes: alice takes her offer, carol completes.
  CHECK(f.r.accept(f.t, f.o1));
  CHECK(f.r.complete(f.t, f.c2));
}

TEST_CASE("times, durations and priorities at their bounds are accepted and do not overflow", "[journal][errors]") {
  // Run under UBSan (the sanitizer build) this proves the arithmetic, not just the outcome:
  // a deadline at the latest time plus the longest duration, an aged key of max_priority x the
  // longest step, escalation raising a priority already at the maximum.
  router r;
  escalation_plan plan;
  escalation_step raise;
  raise.after = std::chrono::seconds(1);
  raise.action = step_action::raise_priority;
  raise.priority_delta = max_priority;
  plan.steps.push_back(raise);
  const plan_id raising = *r.add_escalation_plan(plan);
  queue_config q;
  q.name = "far";
  q.ordering = queue_ordering::aged;
  q.priority_step = longest_duration;
  q.max_wait = longest_duration;
  q.offers.timeout = longest_duration;
  q.escalation = raising;
  const queue_id far = *r.add_queue(at_seconds(0), q);
  contact_spec s;
  s.queue = far;
  s.priority = max_priority;
  s.arrival = earliest_time;
  auto early = r.arrive(at_seconds(1), s);  // it says it arrived ~129 years ago
  REQUIRE(early);
  REQUIRE(r.advance(at_seconds(2)));
  // The step raised a priority already at the maximum: it saturates.
  CHECK(r.contact(*early)->priority == max_priority);
  CHECK(r.next_deadline() == at_seconds(1) + longest_duration);
  s.priority = -max_priority;
  s.arrival.reset();
  auto late = r.arrive(latest_time - std::chrono::seconds(5), s);
  REQUIRE(late);
  REQUIRE(r.advance(latest_time));
  CHECK(!r.contact(*early));  // expired after its max wait
  CHECK(r.contact(*late)->priority == 0);
  CHECK(r.waiting_contacts(far) == std::vector<contact_id>{*late});
  CHECK(r.next_deadline() == latest_time - std::chrono::seconds(5) + longest_duration);
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The examples of docs/concepts.md and docs/configuration.md: channels and capacity, agent
// states, failed offers, requirements and an escalation plan. Each scenario checks what the
// docs say about it; the program exits non-zero on any surprise.
#include "doc_support.hpp"

using namespace omniroute;
using doc::expect;
using doc::must;

namespace {

void channels_and_capacity() {
  router r;
  const time_point now = at_seconds(0);
  // [snippet:concepts-channels]
  // A host channel: real-time, 25 capacity units per contact, blocks nothing by default.
  const channel_id whatsapp =
      must(r.register_channel("whatsapp", channel_kind::real_time, /*default_cost=*/25));

  queue_config digital;
  digital.name = "digital";
  digital.channels = {channels::voice, channels::chat, whatsapp};
  const queue_id q = must(r.add_queue(now, digital));

  agent_config bo_config;
  bo_config.name = "bo";  // no capacity given: the standard profile (total 100, all channels)
  const agent_id bo = must(r.add_agent(now, bo_config));
  must(r.add_member(now, q, bo));
  must(r.login(now, bo, /*ready=*/true));

  contact_spec chat;
  chat.queue = q;
  chat.channel = channels::chat;
  contact_spec wa = chat;
  wa.channel = whatsapp;
  contact_spec call = chat;
  call.channel = channels::voice;

  for (int i = 0; i < 3; ++i) (void)r.arrive(now, chat);  // 3 x 25 units
  (void)r.arrive(now, wa);                                // + 25 = 100: bo is full
  const contact_id waiting_call = must(r.arrive(now, call));  // needs 100: waits
  // [/snippet]
  const agent_info info = must(r.agent(bo));
  expect(info.used_capacity == 100 && info.offers_pending == 4, "four pieces of work, 100 units");
  expect(must(r.contact(waiting_call)).state == contact_state::waiting, "the call waits");
}

void agent_states() {
  router r;
  queue_config cfg;
  cfg.name = "support";
  cfg.wrap_up = std::chrono::seconds(10);
  const queue_id q = must(r.add_queue(at_seconds(0), cfg));
  agent_config cy_config;
  cy_config.name = "cy";
  const agent_id cy = must(r.add_agent(at_seconds(0), cy_config));
  must(r.add_member(at_seconds(0), q, cy));
  doc::recorder log;
  r.set_observer(&log);

  // [snippet:concepts-agent-states]
  constexpr reason_code lunch = 7;  // the host's own reason codes, below system_base
  must(r.login(at_seconds(0), cy, /*ready=*/false, lunch));  // not_ready (lunch)
  must(r.ready(at_seconds(60), cy));                          // ready
  contact_spec call;
  call.queue = q;
  const contact_id c = must(r.arrive(at_seconds(61), call));  // reserved: an offer is pending
  const offer_id o = r.agent_work(cy).front();  // the pending offer (a transport gets it too)
  must(r.accept(at_seconds(63), o));                          // busy
  must(r.complete(at_seconds(120), c));                       // wrap_up (10 s)
  must(r.end_wrap_up(at_seconds(125), o));                    // ready, 5 s early
  must(r.logout(at_seconds(130), cy));                        // logged_out
  // [/snippet]
  std::vector<agent_state> states;
  for (const event& e : log.events) {
    if (e.kind == event_kind::agent_state_changed) states.push_back(e.state);
  }
  expect(states == std::vector<agent_state>{agent_state::not_ready, agent_state::ready,
                                            agent_state::reserved, agent_state::busy,
                                            agent_state::wrap_up, agent_state::ready,
                                            agent_state::logged_out},
         "the documented state sequence");
  expect(log.events.front().reason == lunch, "not ready for lunch first");
}

void failed_offers() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  // [snippet:concepts-offer-policy]
  queue_config cfg;
  cfg.name = "sales";
  cfg.offers.timeout = std::chrono::seconds(15);
  // Two unanswered offers in a row put the agent not ready; each failure also holds the agent
  // back from new offers for 10 s.
  cfg.offers.no_answer = failure_policy{std::chrono::seconds(10), /*threshold=*/2,
                                        reason_codes::no_answer};
  // [/snippet]
  const queue_id q = must(r.add_queue(at_seconds(0), cfg));
  agent_config di_config;
  di_config.name = "di";
  const agent_id di = must(r.add_agent(at_seconds(0), di_config));
  must(r.add_member(at_seconds(0), q, di));
  must(r.login(at_seconds(0), di, true));
  contact_spec call;
  call.queue = q;
  (void)must(r.arrive(at_seconds(0), call));
  // t=15 no answer, held back until 25, offered again at 25, no answer at 40: threshold reached.
  must(r.advance(at_seconds(60)));
  const agent_info info = must(r.agent(di));
  expect(info.state == agent_state::not_ready, "not ready after two unanswered offers");
  expect(info.reason == reason_codes::no_answer, "reason no_answer");
  expect(log.count(event_kind::contact_offered) == 2, "two offers");
  expect(log.events.back().kind == event_kind::agent_state_changed, "ends with the state change");
}

void requirements_and_escalation() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  const time_point t0 = at_seconds(0);
  // [snippet:concepts-requirements]
  must(r.add_skill("language.es"));
  must(r.add_skill("billing"));
  must(r.add_attribute("site", attribute_kind::enumeration));

  agent_config eva;
  eva.name = "eva";
  eva.skills = {{"language.es", 8}, {"billing", 4}};  // levels 0..10; unlisted skills are 0
  eva.attributes = {{"site", "sofia"}};
  agent_config fil;
  fil.name = "fil";
  fil.skills = {{"billing", 9}};

  parse_diagnostic diagnostic;
  const requirement_id spanish_billing =
      must(r.add_requirement("language.es >= 5 & billing >= 3", &diagnostic));
  const requirement_id any_billing = must(r.add_requirement("billing >= 1"));
  // [/snippet]
  // [snippet:concepts-escalation]
  escalation_plan plan;
  escalation_step widen;  // after 30 s: tier-1 members may take the contact too
  widen.after = std::chrono::seconds(30);
  widen.action = step_action::widen_tiers;
  widen.max_tier = 1;
  escalation_step relax;  // after 60 s: any billing skill will do
  relax.after = std::chrono::seconds(60);
  relax.action = step_action::set_requirement;
  relax.requirement = any_billing;
  plan.steps = {widen, relax};

  queue_config billing;
  billing.name = "billing";
  billing.initial_tier_limit = 0;  // contacts start with tier-0 members only
  billing.escalation = must(r.add_escalation_plan(plan));
  const queue_id q = must(r.add_queue(t0, billing));
  const agent_id e = must(r.add_agent(t0, eva));
  const agent_id f = must(r.add_agent(t0, fil));
  member_options backup;
  backup.tier = 1;
  must(r.add_member(t0, q, e, backup));  // eva: tier 1
  must(r.add_member(t0, q, f));          // fil: tier 0
  must(r.login(t0, e, true));
  must(r.login(t0, f, true));

  contact_spec call;
  call.queue = q;
  call.requirement = spanish_billing;  // fil (tier 0) lacks Spanish, eva (tier 1) is not allowed yet
  const contact_id c = must(r.arrive(t0, call));
  must(r.advance(at_seconds(30)));  // step 0 widens to tier 1: eva is offered the contact
  // [/snippet]
  const event offered = log.last_offer();
  expect(offered.contact == c && offered.agent == e && offered.at == at_seconds(30),
         "eva offered at t=30 after widen_tiers");
  expect(must(r.contact(c)).step == 0, "step 0 applied");
  expect(diagnostic.line == 0, "no parse diagnostic");
}


void configuration_examples() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  const time_point t0 = at_seconds(0);
  // [snippet:configuration-queue]
  queue_config backup;
  backup.name = "backup";
  const queue_id backup_q = must(r.add_queue(t0, backup));

  queue_config chat;
  chat.name = "chat";
  chat.channels = {channels::chat};
  chat.ordering = queue_ordering::aged;          // priority is a head start...
  chat.priority_step = std::chrono::seconds(60);  // ...of 60 s per point
  chat.max_length = 50;                           // the 51st waiting contact is refused
  chat.max_wait = std::chrono::minutes(2);        // then it moves to `overflow`
  chat.overflow = backup_q;
  chat.join = join_policy::refuse_when_none_logged_in;
  chat.wrap_up = std::chrono::seconds(15);
  chat.offers.timeout = std::chrono::seconds(30);
  chat.strategy.kind = strategy_kind::longest_idle;
  chat.strategy.idle = idle_reference::since_ready;
  const queue_id chat_q = must(r.add_queue(t0, chat));
  // [/snippet]
  // [snippet:configuration-agent]
  agent_config kim;
  kim.name = "kim";
  capacity_profile chat_only = capacity_profile::standard(r.channels()).only({channels::chat});
  chat_only.max_per_channel[channels::chat.value()] = 3;  // at most three chats at once
  kim.capacity = chat_only;
  kim.wrap_up = std::chrono::seconds(5);          // instead of the queue's 15 s
  kim.offers.timeout = std::chrono::seconds(10);  // instead of the queue's 30 s
  const agent_id k = must(r.add_agent(t0, kim));
  member_options first_choice;
  first_choice.tier = 0;
  first_choice.order = 1;
  must(r.add_member(t0, chat_q, k, first_choice));
  must(r.login(t0, k, /*ready=*/true));
  // [/snippet]
  contact_spec c;
  c.queue = chat_q;
  c.channel = channels::chat;
  for (int i = 0; i < 4; ++i) (void)must(r.arrive(t0, c));
  expect(must(r.agent(k)).offers_pending == 3, "three chats at most");
  expect(log.last_offer().deadline == at_seconds(10), "the agent's 10 s timeout");
  // kim goes not ready: the three offers time out at 10 s, and all four chats overflow to
  // backup when they have waited two minutes.
  must(r.not_ready(t0, k, 1));
  must(r.advance(at_seconds(120)));
  expect(must(r.queue(backup_q)).waiting == 4, "the chats overflowed to backup");
  c.channel = channels::voice;
  expect(r.arrive(at_seconds(120), c).error() == errc::channel_not_accepted, "voice refused");
}

}  // namespace

int main() {
  channels_and_capacity();
  agent_states();
  failed_offers();
  requirements_and_escalation();
  configuration_examples();
  return doc::finish("concepts");
}

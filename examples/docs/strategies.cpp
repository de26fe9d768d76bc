// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The examples of docs/strategies.md: ring_all, best_skill with its occupancy guard, and an
// agent choosing across queues of different weights. Exits non-zero on any surprise.
#include "doc_support.hpp"

#include <string>

using namespace omniroute;
using doc::expect;
using doc::must;

namespace {

/// Adds an agent with these skills and logs them in ready (no queue membership).
agent_id add_ready_agent(router& r, const char* name,
                         std::vector<std::pair<std::string, std::uint8_t>> skills = {}) {
  agent_config c;
  c.name = name;
  c.skills = std::move(skills);
  const agent_id a = must(r.add_agent(r.now(), c));
  must(r.login(r.now(), a, true));
  return a;
}

void ring_all() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  // [snippet:strategies-ring-all]
  queue_config hunt;
  hunt.name = "hunt";
  hunt.strategy.kind = strategy_kind::ring_all;
  const queue_id q = must(r.add_queue(at_seconds(0), hunt));
  for (const char* name : {"ann", "ben", "cat"}) must(r.add_member(r.now(), q, add_ready_agent(r, name)));

  contact_spec call;
  call.queue = q;
  const contact_id c = must(r.arrive(at_seconds(1), call));  // three offers at once
  const std::vector<offer_id> ringing = r.agent_work(must(r.find_agent("ben")));
  must(r.accept(at_seconds(4), ringing.front()));  // ben first: ann's and cat's offers are
                                                   // cancelled (answered_elsewhere)
  // [/snippet]
  expect(log.count(event_kind::contact_offered) == 3, "three parallel offers");
  std::size_t elsewhere = 0;
  for (const event& e : log.events) {
    elsewhere += e.kind == event_kind::offer_ended && e.cancel == cancel_cause::answered_elsewhere;
  }
  expect(elsewhere == 2, "two offers cancelled as answered elsewhere");
  expect(must(r.contact(c)).state == contact_state::connected, "connected to ben");
}

void best_skill_with_guard() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  must(r.add_skill("billing"));
  // [snippet:strategies-best-skill]
  queue_config billing;
  billing.name = "billing";
  billing.strategy.kind = strategy_kind::best_skill;
  billing.strategy.occupancy_cap = 0.5;  // agents busy half their logged-in time or more go last
  billing.eligibility = must(r.add_requirement("billing >= 1"));  // scores use this requirement
  const queue_id q = must(r.add_queue(at_seconds(0), billing));
  // Both are eligible through `eligibility` (dynamic membership): no add_member needed.
  const agent_id expert = add_ready_agent(r, "expert", {{"billing", 9}});
  const agent_id novice = add_ready_agent(r, "novice", {{"billing", 3}});

  contact_spec call;
  call.queue = q;
  const contact_id first = must(r.arrive(at_seconds(0), call));  // score 9 beats 3: expert
  must(r.accept(at_seconds(0), r.agent_work(expert).front()));
  must(r.complete(at_seconds(60), first));  // expert: 60 s of talk in 100 s logged in = 0.6
  const contact_id second = must(r.arrive(at_seconds(100), call));  // 0.6 >= 0.5: novice
  // [/snippet]
  expect(!r.contact(first), "the first call ended");
  const event offered = log.last_offer();
  expect(offered.contact == second && offered.agent == novice, "the guard sends the second call to novice");
}

void queue_weights() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  // [snippet:strategies-weights]
  queue_config general;
  general.name = "general";  // weight 0
  queue_config vip;
  vip.name = "vip";
  vip.weight = 10;
  const queue_id g = must(r.add_queue(at_seconds(0), general));
  const queue_id v = must(r.add_queue(at_seconds(0), vip));
  agent_config gus_config;
  gus_config.name = "gus";
  const agent_id gus = must(r.add_agent(at_seconds(0), gus_config));
  must(r.add_member(at_seconds(0), g, gus));
  must(r.add_member(at_seconds(0), v, gus));
  must(r.login(at_seconds(0), gus, /*ready=*/false));

  contact_spec call;
  call.queue = g;
  (void)must(r.arrive(at_seconds(10), call));  // waited longer...
  call.queue = v;
  const contact_id important = must(r.arrive(at_seconds(50), call));
  must(r.ready(at_seconds(60), gus));  // ...but gus takes the vip contact first
  // [/snippet]
  const event offered = log.last_offer();
  expect(offered.contact == important && offered.agent == gus, "the heavier queue goes first");
}

}  // namespace

int main() {
  ring_all();
  best_skill_with_guard();
  queue_weights();
  return doc::finish("strategies");
}

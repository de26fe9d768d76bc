// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The simulator with skills-based routing: requirements decide who is offered what, escalation
// steps fire and show in the results, callbacks and route-outs are counted, and scenario errors
// in requirement texts name the JSON path and the place inside the text.
#include <omniroute/sim/scenario.hpp>
#include <omniroute/sim/scenario_json.hpp>
#include <omniroute/sim/simulator.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"

namespace {

using namespace omniroute;

/// Two language teams in one queue; every contact needs Spanish.
sim::scenario languages() {
  sim::scenario s;
  s.name = "languages";
  s.horizon = 2 * 3600;
  s.interval = 1800;
  s.drain = 1800;
  s.skills = {"language.en", "language.es"};
  s.attributes = {{"site", attribute_kind::enumeration}};
  sim::queue_spec q;
  q.config.name = "voice";
  q.config.channels = channel_set{channels::voice, channels::callback};
  q.config.strategy.kind = strategy_kind::best_skill;
  s.queues = {q};
  sim::agent_group_spec en;
  en.name = "en";
  en.count = 4;
  en.channels = channel_set{channels::voice, channels::callback};
  en.config.skills = {{"language.en", 8}};
  en.config.attributes = {{"site", "sofia"}};
  en.queues = {{0, {}}};
  sim::agent_group_spec es = en;
  es.name = "es";
  es.config.skills = {{"language.es", 8}, {"language.en", 4}};
  es.config.attributes = {{"site", "lisbon"}};
  s.agents = {en, es};
  sim::arrival_spec a;
  a.queue = 0;
  a.rate = 40.0 / 3600;
  a.handle_time = sim::distribution::exponential(120);
  a.requirements = {{"language.es >= 5 & site == lisbon", 1.0, std::nullopt, std::nullopt}};
  s.arrivals = {a};
  return s;
}

double sum(const std::vector<sim::queue_counts>& bins, double sim::queue_counts::*field) {
  double total = 0;
  for (const auto& b : bins) total += b.*field;
  return total;
}

double occupied(const std::vector<sim::group_counts>& bins) {
  double total = 0;
  for (const auto& b : bins) total += b.occupied;
  return total;
}

bool load(const nlohmann::json& doc, sim::scenario& s, std::string& error) {
  return sim::load_scenario(doc, ".", s, error);
}

nlohmann::json small_json() {
  return nlohmann::json::parse(R"({
    "horizon": 3600, "replications": 1,
    "skills": ["language.en", "language.es", "billing"],
    "attributes": {"senior": "boolean", "site": "enumeration"},
    "queues": [
      {"name": "voice", "channels": ["voice", "callback"], "ordering": "aged", "priority_step": 45,
       "strategy": {"kind": "best_skill", "scoring": "weighted", "occupancy_cap": 0.9},
       "eligibility": "billing >= 2", "dynamic_tier": 1, "initial_tier_limit": 0,
       "service_level_time": 30, "callback_acceptance": 0.5,
       "escalation": [
         {"after": 30, "action": "set_requirement", "requirement": "language.en >= 3"},
         {"after": 60, "action": "widen_tiers", "max_tier": 1},
         {"after": 90, "action": "raise_priority", "priority_delta": 2},
         {"after": 120, "condition": "expected_wait_above", "wait_above": 60, "action": "offer_callback"},
         {"after": 300, "condition": "service_level_below", "service_level_below": 0.5,
          "action": "move_to_queue", "queue": "backup"},
         {"after": 600, "action": "route_out", "destination": "voicemail"}]},
      {"name": "backup"}
    ],
    "agents": [
      {"name": "a", "count": 2, "skills": {"language.en": 7, "billing": 3},
       "attributes": {"senior": true, "site": "sofia"}, "queues": ["voice", "backup"]}
    ],
    "arrivals": [
      {"queue": "voice", "channel": "voice", "process": {"type": "poisson", "rate_per_hour": 20},
       "requirements": [
         {"requirement": "language.en >= 5", "probability": 0.7},
         {"requirement": "language.es >= 5 & site == sofia; prefer billing:2", "probability": 0.3,
          "priority": 3, "escalation": [{"after": 10, "action": "drop_preferred"}]}]}
    ]
  })");
}

}  // namespace

TEST_CASE("Contacts go only to agents who meet their requirement", "[sim][skills]") {
  const sim::scenario s = languages();
  REQUIRE(sim::validate(s).empty());
  const auto r = sim::run_replication(s, 5);
  REQUIRE(r);
  CHECK(sum(r->queues[0], &sim::queue_counts::answered) > 40);
  CHECK(occupied(r->groups[0]) == 0);  // the English team never took a Spanish contact
  CHECK(occupied(r->groups[1]) > 0);
}

TEST_CASE("Dynamic membership serves a queue without a roster", "[sim][skills]") {
  sim::scenario s = languages();
  for (auto& g : s.agents) g.queues.clear();
  s.queues[0].eligibility = "language.es >= 1";
  const auto r = sim::run_replication(s, 5);
  REQUIRE(r);
  CHECK(sum(r->queues[0], &sim::queue_counts::answered) > 40);
  CHECK(occupied(r->groups[0]) == 0);
  CHECK(occupied(r->groups[1]) > 0);
}

TEST_CASE("A relaxing escalation step fires and is visible in the results", "[sim][escalation]") {
  sim::scenario s = languages();
  s.agents.erase(s.agents.begin() + 1);  // only the English team, Spanish level 0...
  s.agents[0].config.skills = {{"language.en", 8}, {"language.es", 3}};
  s.agents[0].config.attributes.clear();
  s.arrivals[0].requirements = {{"language.es >= 6", 1.0, std::nullopt, std::nullopt}};
  sim::step_spec relax;
  relax.step.after = std::chrono::seconds(30);
  relax.step.action = step_action::set_requirement;
  relax.requirement = "language.es >= 3";
  s.queues[0].escalation = {relax};
  const auto r = sim::run_replication(s, 9);
  REQUIRE(r);
  const auto& q = r->queues[0];
  const double answered = sum(q, &sim::queue_counts::answered);
  CHECK(answered > 40);
  // ...so nobody is answered before the step at 30 s, and every answered contact went through it.
  CHECK(sum(q, &sim::queue_counts::answered_in_target) == 0);
  CHECK(sum(q, &sim::queue_counts::escalations) >= answered);

  const sim::experiment_result e = sim::summarise(s, {*r});
  CHECK(e.queues[0].total[static_cast<std::size_t>(sim::queue_metric::escalations)].mean >= answered);
}

TEST_CASE("Callbacks are offered and taken, route-outs counted per destination",
          "[sim][escalation]") {
  sim::scenario s = languages();
  s.arrivals[0].requirements = {{"language.es >= 10", 1.0, std::nullopt, std::nullopt}};  // nobody
  s.arrivals[0].patience = sim::distribution::constant(40);
  s.queues[0].callback_acceptance = 1;
  sim::step_spec callback;
  callback.step.after = std::chrono::seconds(10);
  callback.step.action = step_action::offer_callback;
  sim::step_spec out;
  out.step.after = std::chrono::seconds(120);
  out.step.action = step_action::route_out;
  out.step.destination = "voicemail";
  s.queues[0].escalation = {callback, out};
  REQUIRE(sim::destinations(s) == std::vector<std::string>{"voicemail"});
  const auto r = sim::run_replication(s, 3);
  REQUIRE(r);
  const auto& q = r->queues[0];
  const double offered = sum(q, &sim::queue_counts::offered);
  CHECK(offered > 40);
  CHECK(sum(q, &sim::queue_counts::callbacks_offered) == offered);
  CHECK(sum(q, &sim::queue_counts::callbacks_accepted) == offered);
  // Customers who took the callback no longer abandon (patience 40 s < route-out at 120 s).
  CHECK(sum(q, &sim::queue_counts::abandoned) == 0);
  CHECK(sum(q, &sim::queue_counts::routed_out) == offered);
  double voicemail = 0;
  for (double x : r->routed_out_to[0][0]) voicemail += x;
  CHECK(voicemail == offered);

  // Without acceptance the customers abandon before the route-out.
  s.queues[0].callback_acceptance = 0;
  const auto r2 = sim::run_replication(s, 3);
  REQUIRE(r2);
  CHECK(sum(r2->queues[0], &sim::queue_counts::callbacks_accepted) == 0);
  CHECK(sum(r2->queues[0], &sim::queue_counts::abandoned) == sum(r2->queues[0], &sim::queue_counts::offered));
}

TEST_CASE("Validation checks skills, attributes and requirement texts", "[sim][scenario][skills]") {
  sim::scenario s = languages();
  s.queues[0].eligibility = "language.es >= x";
  CHECK(sim::validate(s).rfind("$.queues[0].eligibility: line 1, column 16: ", 0) == 0);
  s = languages();
  s.arrivals[0].requirements[0].requirement = "language.fr";
  CHECK(sim::validate(s).rfind("$.arrivals[0].requirements[0].requirement: line 1, column 1", 0) == 0);
  s = languages();
  s.agents[1].config.skills.push_back({"language.fr", 3});
  CHECK(sim::validate(s) == "$.agents[1].skills.language.fr: unknown skill");
  s = languages();
  s.agents[0].config.attributes = {{"senior", "true"}};
  CHECK(sim::validate(s) == "$.agents[0].attributes.senior: unknown attribute");
  s = languages();
  s.queues[0].callback_acceptance = 0.5;
  s.queues[0].config.channels = channel_set{channels::voice};
  CHECK(sim::validate(s).rfind("$.queues[0].callback_acceptance: ", 0) == 0);
  s = languages();
  s.arrivals[0].requirements.push_back({"*", 0.5, std::nullopt, std::nullopt});
  CHECK(sim::validate(s) == "$.arrivals[0].requirements: the probabilities must add up to 1");
}

TEST_CASE("The JSON format reads skills, requirements and escalation plans",
          "[sim][scenario][skills]") {
  sim::scenario s;
  std::string error;
  REQUIRE(load(small_json(), s, error));
  CHECK(error.empty());
  REQUIRE(s.skills.size() == 3);
  REQUIRE(s.attributes.size() == 2);
  CHECK(s.attributes[1].kind == attribute_kind::enumeration);
  const sim::queue_spec& q = s.queues[0];
  CHECK(q.config.ordering == queue_ordering::aged);
  CHECK(q.config.priority_step == std::chrono::seconds(45));
  CHECK(q.config.strategy.kind == strategy_kind::best_skill);
  CHECK(q.config.strategy.scoring == score_mode::weighted);
  CHECK(q.config.strategy.occupancy_cap == 0.9);
  CHECK(*q.eligibility == "billing >= 2");
  CHECK(q.config.dynamic_tier == 1);
  CHECK(q.config.initial_tier_limit == 0);
  CHECK(q.config.service_level_time == std::chrono::seconds(30));
  REQUIRE(q.escalation.size() == 6);
  CHECK(q.escalation[3].step.condition == step_condition::expected_wait_above);
  CHECK(q.escalation[4].queue == 1);
  CHECK(q.escalation[5].step.destination == "voicemail");
  CHECK(s.agents[0].config.attributes ==
        std::vector<std::pair<std::string, std::string>>{{"senior", "true"}, {"site", "sofia"}});
  REQUIRE(s.arrivals[0].requirements.size() == 2);
  CHECK(s.arrivals[0].requirements[1].priority == 3);
  CHECK(s.arrivals[0].requirements[1].escalation->size() == 1);
  // And the router takes all of it.
  const auto r = sim::run_replication(s, 1);
  REQUIRE(r);
}

TEST_CASE("JSON errors in skills and requirements name the path", "[sim][scenario][skills]") {
  struct bad_case {
    const char* pointer;
    nlohmann::json value;
    const char* message;
  };
  const bad_case cases[] = {
      {"/queues/0/eligibility", "billing >= x",
       "$.queues[0].eligibility: line 1, column 12: "},
      {"/queues/0/escalation/0/requirement", "language.en >=\n  11",
       "$.queues[0].escalation[0].requirement: line 2, column 3"},
      {"/arrivals/0/requirements/1/requirement", "language.fr",
       "$.arrivals[0].requirements[1].requirement: line 1, column 1"},
      {"/agents/0/skills/language.fr", 3, "$.agents[0].skills.language.fr: unknown skill"},
      {"/agents/0/skills/billing", 11, "$.agents[0].skills.billing: expected an integer from 0 to 10"},
      {"/agents/0/attributes/senior", "yes", "$.agents[0].attributes.senior: expected true or false"},
      {"/queues/0/escalation/4/queue", "nowhere", "$.queues[0].escalation[4].queue: unknown queue"},
      {"/queues/0/escalation/1/priority_delta", 2,
       "$.queues[0].escalation[1].priority_delta: only allowed with raise_priority"},
      {"/queues/0/escalation/3/condition", "always",
       "$.queues[0].escalation[3].wait_above: only allowed with the condition expected_wait_above"},
      {"/queues/0/escalation/0/after", 400, "$.queues[0].escalation[1].after: steps must be in order"},
      {"/queues/0/strategy/kind", "round_robin", "$.queues[0].strategy.scoring: only allowed with"},
      {"/arrivals/0/requirements/0/probability", 0.5,
       "$.arrivals[0].requirements: the probabilities must add up to 1"},
      {"/attributes/billing", "boolean", "$.attributes.billing: a skill has this name"},
      {"/skills/1", "2fast", "$.skills[1]: expected a name"},
      {"/queues/0/colour", "red", "$.queues[0].colour: unknown key"},
  };
  for (const bad_case& c : cases) {
    nlohmann::json doc = small_json();
    doc[nlohmann::json::json_pointer(c.pointer)] = c.value;
    sim::scenario s;
    std::string error;
    INFO(c.pointer);
    CHECK_FALSE(load(doc, s, error));
    INFO(error);
    CHECK(error.rfind(c.message, 0) == 0);
  }
}

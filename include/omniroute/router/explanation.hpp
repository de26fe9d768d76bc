// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Why the router made a decision: the candidates it weighed, the rule that chose and the
// tie-break that separated the winner from the runner-up. Built only when the host turns
// explanations on (router_options::explain or router::set_explanations), so it costs nothing
// otherwise; it never allocates.
#ifndef OMNIROUTE_ROUTER_EXPLANATION_HPP
#define OMNIROUTE_ROUTER_EXPLANATION_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/model/queue.hpp>

#include <array>
#include <cstdint>
#include <string>

OMNIROUTE_BEGIN_NAMESPACE

/// Which side triggered the decision.
enum class decision_side : std::uint8_t {
  contact_side,  ///< A contact became routable (arrival, failed offer...): the queue's strategy
                 ///< ranked the agents who could take it.
  agent_side,    ///< An agent gained room: the agent took the best contact across its queues.
  ring_step,     ///< A progressive ring added an agent to a ringing contact.
};

/// The comparison that separated the chosen candidate from the next one.
enum class tie_break : std::uint8_t {
  none,             ///< Only one candidate.
  tier,             ///< A lower member tier.
  strategy_key,     ///< The strategy's own measure (idle time, order, count, talk time).
  creation_order,   ///< Equal on every measure: the earlier-created agent or contact.
  random_draw,      ///< The seeded random generator.
  queue_weight,     ///< A heavier queue (agent side).
  priority,         ///< A higher contact priority (agent side).
  wait_time,        ///< An earlier place in line (agent side).
  all_offered,      ///< ring_all: every candidate of the best tier was chosen.
  delay_ratio,      ///< A higher head-of-line wait / SL threshold x weight (agent side).
  queue_share,      ///< A share of waiting contacts further above target (agent side).
  allocation_share, ///< A share of agent time further below target (agent side).
  idle_ratio,       ///< A member tier with a higher idle ratio (contact side, group_pick).
};

/// One candidate as the rule saw it. For contact-side decisions `key` is the strategy's
/// measure (nanoseconds for times, counts for counts, member order for list strategies); for
/// agent-side decisions it is the contact's priority and `time` its place-in-line time.
struct explained_candidate {
  agent_id agent;
  contact_id contact;
  queue_id queue;
  std::uint32_t tier = 0;
  std::int64_t key = 0;
  time_point time{};
};

struct explanation {
  decision_side side = decision_side::contact_side;
  strategy_kind rule = strategy_kind::longest_idle;
  /// Agent side: the queue-selection policy the agent chose by (static_priority otherwise).
  queue_selection_policy selection = queue_selection_policy::static_priority;
  tie_break tie = tie_break::none;
  /// Candidates that could have been chosen (all of them, listed or not).
  std::uint32_t candidates_weighed = 0;
  /// How many are listed below, best first; the first is the one chosen.
  std::uint32_t listed = 0;
  /// The escalation step in force for the contact (-1: none).
  std::int32_t step = -1;
  /// The contact's requirement (null: any agent of the queue).
  requirement_id requirement;
  std::array<explained_candidate, OMNIROUTE_EXPLANATION_CANDIDATES> candidates{};
};

OMNIROUTE_API const char* to_string(decision_side s) noexcept;
OMNIROUTE_API const char* to_string(tie_break t) noexcept;
OMNIROUTE_API const char* to_string(strategy_kind k) noexcept;
OMNIROUTE_API const char* to_string(queue_selection_policy p) noexcept;
/// One line a host can log, e.g.
/// "contact-side longest_idle chose agent 3 of 5 candidates by strategy_key: [...]".
OMNIROUTE_API std::string to_string(const explanation& e);

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_EXPLANATION_HPP

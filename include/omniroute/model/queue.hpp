// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Queues: ordering, limits, policies and the agent-selection strategy.
#ifndef OMNIROUTE_MODEL_QUEUE_HPP
#define OMNIROUTE_MODEL_QUEUE_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/offer_policy.hpp>
#include <omniroute/model/queue_selection.hpp>
#include <omniroute/model/requirement.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

/// A tier ceiling that admits every tier.
inline constexpr std::uint32_t no_tier_limit = std::numeric_limits<std::uint32_t>::max();

/// How waiting contacts are ordered. `fifo` ignores priority; `priority` serves higher integer
/// priority first and FIFO within a priority; `aged` orders by virtual enqueue time
/// (place-in-line time minus priority x `priority_step`), so priority is a head start that
/// waiting time catches up with: a contact of priority p never waits behind a later contact of
/// priority at most P for longer than (P - p) x priority_step.
enum class queue_ordering : std::uint8_t { fifo, priority, aged };

/// When an arriving contact is refused with errc::no_agents.
enum class join_policy : std::uint8_t { always, refuse_when_none_logged_in, refuse_when_none_ready };

/// When waiting contacts leave because the queue has nobody to serve them. They take the
/// queue's overflow path (overflow queue, else the terminal state "expired").
enum class leave_policy : std::uint8_t { stay, when_none_logged_in, when_none_ready };

/// How a queue picks among the agents who can take an arriving contact. Ties always break by
/// agent creation order (earlier first), never by hash order. See docs/strategies.md.
enum class strategy_kind : std::uint8_t {
  longest_idle,     ///< Oldest idle reference first (see idle_reference).
  best_skill,       ///< Highest proficiency score on required and preferred skills, then
                    ///< longest idle; agents at or over `occupancy_cap` rank after the rest.
  round_robin,      ///< Member order, starting after the member offered last (queue memory).
  linear,           ///< Member order, always from the top.
  top_down,         ///< Member order from the top; a retry of the same contact continues below
                    ///< the agent tried last and wraps past unavailable agents.
  fewest_contacts,  ///< Fewest contacts handled since login... then longest idle.
  least_talk_time,  ///< Least accumulated talk time, then longest idle.
  random,           ///< Uniform among the best tier, from the router's seeded generator.
  weighted_random,  ///< Proportional to member weight among the best tier.
  ring_all,         ///< Parallel offers to every available agent of the best tier.
  progressive_ring, ///< Offers to the longest-idle agent, then one more every `ring_interval`.
};

/// The moment from which an agent counts as idle for `longest_idle`.
enum class idle_reference : std::uint8_t {
  since_last_completion,  ///< The end of the agent's last work (wrap-up included).
  since_last_offer,       ///< The agent's last offer, whatever its outcome.
  since_ready,            ///< The last time the agent went ready.
};

struct strategy_config {
  strategy_kind kind = strategy_kind::longest_idle;
  idle_reference idle = idle_reference::since_last_completion;
  /// Lower member tiers (penalties) are always tried before higher ones. When false, tiers are
  /// ignored by selection.
  bool tiers_first = true;
  /// For progressive_ring: the delay before each additional parallel offer.
  duration ring_interval = std::chrono::seconds(5);
  /// For best_skill: how required and preferred levels add up (see requirement::score).
  score_mode scoring = score_mode::sum;
  /// For best_skill, the fairness guard: agents whose occupancy since login is at or above this
  /// rank after every agent below it (0: off).
  double occupancy_cap = 0.0;
};

/// A queue's configuration; applied by `router::add_queue` and `router::update_queue`.
struct queue_config {
  static constexpr std::uint32_t unlimited = std::numeric_limits<std::uint32_t>::max();

  /// Unique among the router's queues; 1 to 128 bytes.
  std::string name;
  /// Channels this queue takes; other arrivals are refused with channel_not_accepted.
  channel_set channels = channel_set::all();
  queue_ordering ordering = queue_ordering::priority;
  /// Most contacts waiting at once (offered ones included); arrivals beyond are refused.
  std::uint32_t max_length = unlimited;
  /// Longest a contact may wait in this queue, measured from when it entered this queue
  /// (0: no limit). Expiry takes the overflow path.
  duration max_wait = duration::zero();
  /// Where expiring or leaving contacts go. Null: they end in the terminal state "expired".
  queue_id overflow;
  join_policy join = join_policy::always;
  leave_policy leave = leave_policy::stay;
  /// After-contact work for contacts of this queue (agents may override). 0: none.
  duration wrap_up = duration::zero();
  offer_policy offers;
  strategy_config strategy;
  /// For agents in several queues: a heavier queue's contacts go first, but only those the
  /// agent could actually take. Default 0: all queues equal.
  std::uint32_t weight = 0;
  /// Dynamic membership: every agent matching this requirement is eligible, beside the
  /// roster (router::add_member). Null: the roster only.
  requirement_id eligibility;
  /// The tier of agents eligible through `eligibility` but not on the roster.
  std::uint32_t dynamic_tier = 0;
  /// Contacts start limited to members of tiers up to this (escalation widens it).
  std::uint32_t initial_tier_limit = no_tier_limit;
  /// For `aged` ordering: the waiting time one priority point is worth.
  duration priority_step = std::chrono::seconds(30);
  /// Escalation plan for contacts of this queue (a contact may override it).
  plan_id escalation;
  /// Service-level threshold: answered within this counts as "in service level" for the
  /// service_level_below escalation condition, the live service level and delay_ratio, on
  /// channels without their own target in `service_levels`. Must be positive
  /// (errc::invalid_threshold).
  duration service_level_time = std::chrono::seconds(20);
  /// Service-level targets per channel, in each channel's own units (voice 80 % in 20 s, chat
  /// 90 % in 60 s, email 100 % in 4 h); at most one per channel. A contact is judged against
  /// its channel's threshold. Errors: invalid_percentage, invalid_threshold, unknown_channel.
  std::vector<service_level_target> service_levels;
  /// Service-level-driven routing settings (docs/service-level-routing.md).
  queue_selection_config selection;
  /// Prior for the expected handle time (talk + wrap-up) before any contact completed here.
  duration expected_handle_time = std::chrono::seconds(180);
};

/// An agent's membership in a queue.
struct member_options {
  /// Penalty tier: lower tiers are tried first (with tiers_first).
  std::uint32_t tier = 0;
  /// Weight for weighted_random; 0 excludes the member from weighted draws.
  std::uint32_t weight = 1;
  /// Position in the member list for linear, round_robin and top_down (smaller first).
  /// Default: after every current member.
  std::optional<std::uint32_t> order;
  /// A reserve member takes this queue's contacts only while the queue needs help: from when
  /// its live service level falls below selection.reserve_below until it reaches
  /// selection.reserve_until (hysteresis).
  bool reserve = false;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_QUEUE_HPP

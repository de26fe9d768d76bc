// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Service-level targets per channel and the settings of service-level-driven routing: which
// rule a freed agent uses to choose among its queues, and the per-queue values those rules
// read. Plain data and its validation; the decisions are in engine/queue_selection.hpp and the
// rules are documented in docs/service-level-routing.md.
#ifndef OMNIROUTE_MODEL_QUEUE_SELECTION_HPP
#define OMNIROUTE_MODEL_QUEUE_SELECTION_HPP

#include <omniroute/core/error.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/channel.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <system_error>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

/// How an agent who can serve several queues chooses the next contact (agent side). Every
/// rule falls back to the static order (queue weight, priority, place in line, creation) when
/// it rates two queues equal, and every rule skips queues the agent is only a reserve for
/// while those queues do not need help (member_options::reserve).
enum class queue_selection_policy : std::uint8_t {
  static_priority,     ///< Queue weight, then priority, place in line, creation (the default).
  delay_ratio,         ///< Generalised c-mu: head-of-line wait / SL threshold x delay_weight.
  fixed_queue_ratio,   ///< The queue whose share of waiting contacts most exceeds its target.
  percent_allocation,  ///< The queue furthest below its target share of agent time.
};

/// How a queue picks among its member tiers for an arriving contact (contact side).
enum class group_pick : std::uint8_t {
  lowest_tier,  ///< The lowest tier with an available agent (the default; tiers_first).
  idle_ratio,   ///< The tier with the highest share of its logged-in members available.
};

/// "percent % of contacts answered within threshold" for one channel of a queue, in the
/// channel's own units (voice 80 % in 20 s, chat 90 % in 60 s, email 100 % in 4 h).
struct service_level_target {
  channel_id channel;
  /// 0 to 100.
  double percent = 80.0;
  /// Strictly positive.
  duration threshold = std::chrono::seconds(20);
};

/// A queue's service-level settings beyond its targets.
struct queue_selection_config {
  /// delay_ratio: the queue's cost weight c (strictly positive, finite).
  double delay_weight = 1.0;
  /// fixed_queue_ratio: the queue's target share of waiting contacts, 0 to 100 (shares are
  /// normalised over the queues compared, so they need not add up to 100).
  double target_share = 0.0;
  /// percent_allocation: the queue's target share of agent time, 0 to 100.
  double allocation_percent = 0.0;
  /// Reserve members help while the live service level is below `reserve_below` percent, and
  /// keep helping until it rises above `reserve_until` percent (hysteresis; 0 <= below <=
  /// until <= 100). With below = 0 reserve members never help.
  double reserve_below = 0.0;
  double reserve_until = 0.0;
  /// The sliding window of the live service level and of the agent-time counters.
  duration window = std::chrono::minutes(30);
  /// Contact side: how member tiers are picked.
  group_pick groups = group_pick::lowest_tier;
};

/// The target for `channel` among `targets`, or null (the queue's service_level_time applies
/// with no percentage). Complexity: O(targets).
inline const service_level_target* find_target(const std::vector<service_level_target>& targets,
                                               channel_id channel) noexcept {
  for (const service_level_target& t : targets) {
    if (t.channel == channel) return &t;
  }
  return nullptr;
}

/// Checks one target: errc::invalid_percentage outside 0..100 (or NaN), errc::invalid_threshold
/// for a threshold that is zero or negative.
inline std::error_code validate(const service_level_target& t) noexcept {
  if (!(t.percent >= 0.0 && t.percent <= 100.0)) return errc::invalid_percentage;
  if (t.threshold <= duration::zero()) return errc::invalid_threshold;
  return {};
}

/// Checks a target list (each target, and at most one per channel; a repeated channel is
/// errc::invalid_argument). Does not check that the channels are registered.
inline std::error_code validate(const std::vector<service_level_target>& targets) noexcept {
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (auto e = validate(targets[i]); e) return e;
    for (std::size_t j = 0; j < i; ++j) {
      if (targets[j].channel == targets[i].channel) return errc::invalid_argument;
    }
  }
  return {};
}

/// Checks the selection settings: percentages outside 0..100 (or reserve_below above
/// reserve_until) are errc::invalid_percentage; a non-positive or non-finite delay weight, or a
/// non-positive window, is errc::invalid_argument.
inline std::error_code validate(const queue_selection_config& c) noexcept {
  auto percent = [](double p) { return p >= 0.0 && p <= 100.0; };
  if (!percent(c.target_share) || !percent(c.allocation_percent) || !percent(c.reserve_below) ||
      !percent(c.reserve_until) || c.reserve_below > c.reserve_until) {
    return errc::invalid_percentage;
  }
  if (!(c.delay_weight > 0.0) || !std::isfinite(c.delay_weight)) return errc::invalid_argument;
  if (c.window <= duration::zero()) return errc::invalid_argument;
  return {};
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_QUEUE_SELECTION_HPP

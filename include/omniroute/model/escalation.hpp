// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Escalation plans: timed steps applied to a waiting contact (widen the pool, relax levels,
// raise priority, move, route out, offer a callback). Steps run on timers, never by polling.
#ifndef OMNIROUTE_MODEL_ESCALATION_HPP
#define OMNIROUTE_MODEL_ESCALATION_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>

#include <cstdint>
#include <string>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

/// When a due step applies; a step whose condition is false is skipped.
enum class step_condition : std::uint8_t {
  always,
  /// No agent of the contact's current group is logged in.
  no_eligible_logged_in,
  /// The queue's expected wait for a new contact exceeds `wait_above`.
  expected_wait_above,
  /// The queue's recent service level (answered within service_level_time over the last 100
  /// answered or abandoned contacts) is below `service_level_below`.
  service_level_below,
};

enum class step_action : std::uint8_t {
  set_requirement,  ///< The contact now needs `requirement` (e.g. relaxed levels; null: any).
  drop_preferred,   ///< Keep the requirement, drop its preferred skills.
  widen_tiers,      ///< Admit members up to tier `max_tier`.
  raise_priority,   ///< Add `priority_delta` to the contact's priority (keeps its arrival time).
  move_to_queue,    ///< Move to `queue`, keeping the arrival time.
  route_out,        ///< Hand to `destination` outside the router (terminal routed_out).
  offer_callback,   ///< Ask the host to offer a callback; router::accept_callback keeps the place.
};

struct escalation_step {
  /// Time in the queue (since the contact entered it) after which the step is due.
  duration after = duration::zero();
  step_condition condition = step_condition::always;
  duration wait_above = duration::zero();
  double service_level_below = 0.0;
  step_action action = step_action::widen_tiers;
  requirement_id requirement;
  std::uint32_t max_tier = 0;
  std::int32_t priority_delta = 0;
  queue_id queue;
  /// route_out: the host's name for the destination (another site, a mobile, voicemail).
  std::string destination;
};

/// Steps in order of `after` (non-decreasing). A step that leaves the contact with no logged-in
/// eligible agent falls through to the next step at once.
struct escalation_plan {
  std::vector<escalation_step> steps;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_ESCALATION_HPP

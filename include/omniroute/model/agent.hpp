// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Agents: their configuration and the states the router reports for them.
#ifndef OMNIROUTE_MODEL_AGENT_HPP
#define OMNIROUTE_MODEL_AGENT_HPP

#include <omniroute/core/time.hpp>
#include <omniroute/model/capacity.hpp>
#include <omniroute/model/offer_policy.hpp>
#include <omniroute/model/queue_selection.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

/// What the agent said about themselves. Separate from load: a ready agent may be reserved or
/// busy, and can take more work while capacity and blocking rules allow.
enum class presence : std::uint8_t { logged_out, ready, not_ready };

/// The one-word state wallboards show. Derived from presence and load:
/// logged_out; otherwise busy if any contact is connected; otherwise reserved if any offer is
/// pending; otherwise wrap_up if any wrap-up runs; otherwise ready or not_ready (presence).
enum class agent_state : std::uint8_t { logged_out, ready, not_ready, reserved, busy, wrap_up };

/// An agent's configuration. Applied with `router::add_agent` and `router::update_agent`
/// (the latter keeps the agent logged in: a supervisor can change channels at runtime).
struct agent_config {
  /// Unique among the router's agents; 1 to 128 bytes.
  std::string name;
  /// Capacity and channels served. Default: the standard profile of the router's registry.
  std::optional<capacity_profile> capacity;
  /// Overrides the queue's wrap-up duration for every contact this agent handles.
  std::optional<duration> wrap_up;
  /// Overrides of the queues' offer rules for this agent.
  offer_policy_override offers;
  /// Proficiency per skill, 0 to 10 (max_skill_level); a skill not listed is 0. Skills must be
  /// registered first (router::add_skill).
  std::vector<std::pair<std::string, std::uint8_t>> skills;
  /// Attributes: boolean ones take "true" or "false", enumerations any value (site, team...).
  /// Attributes must be registered first (router::add_attribute).
  std::vector<std::pair<std::string, std::string>> attributes;
  /// How this agent chooses among its queues when freed; unset: the router's default
  /// (router_options::queue_selection).
  std::optional<queue_selection_policy> queue_selection;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_AGENT_HPP

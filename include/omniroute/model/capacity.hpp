// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// How much work an agent can hold at once, across channels.
#ifndef OMNIROUTE_MODEL_CAPACITY_HPP
#define OMNIROUTE_MODEL_CAPACITY_HPP

#include <omniroute/model/channel.hpp>

#include <array>
#include <cstdint>
#include <limits>

OMNIROUTE_BEGIN_NAMESPACE

/// An agent's capacity model. Every piece of work the agent holds (a pending offer, a connected
/// contact, a wrap-up) takes `cost[channel]` units from `total`. An agent can be offered a contact
/// of channel c only when all of these hold:
///  - c is in `channels` (the agent serves that channel at all);
///  - used + cost[c] <= total;
///  - the agent holds fewer than `max_per_channel[c]` pieces of work of channel c;
///  - no held work of channel h has c in `blocks[h]` (a voice call blocks everything, an email
///    blocks only more email).
/// `standard()` builds the defaults from the channel registry; hosts adjust per agent.
struct capacity_profile {
  static constexpr std::uint16_t unlimited = std::numeric_limits<std::uint16_t>::max();

  std::uint32_t total = 100;
  channel_set channels = channel_set::all();
  std::array<std::uint16_t, max_channels> cost{};
  std::array<std::uint16_t, max_channels> max_per_channel{};
  std::array<channel_set, max_channels> blocks{};

  capacity_profile() noexcept {
    cost.fill(100);
    max_per_channel.fill(unlimited);
  }

  /// The registry's default costs and blocking rules, total 100, every registered channel.
  static capacity_profile standard(const channel_registry& registry) noexcept {
    capacity_profile p;
    p.channels = registry.all();
    for (std::uint8_t i = 0; i < registry.size(); ++i) {
      p.cost[i] = registry.info(channel_id(i)).default_cost;
      p.blocks[i] = registry.info(channel_id(i)).default_blocks;
    }
    return p;
  }

  /// The same profile restricted to the given channels (a voice-only or chat-only agent).
  capacity_profile only(channel_set serves) const noexcept {
    capacity_profile p = *this;
    p.channels = serves;
    return p;
  }

  friend bool operator==(const capacity_profile& a, const capacity_profile& b) noexcept {
    return a.total == b.total && a.channels == b.channels && a.cost == b.cost &&
           a.max_per_channel == b.max_per_channel && a.blocks == b.blocks;
  }
  friend bool operator!=(const capacity_profile& a, const capacity_profile& b) noexcept { return !(a == b); }
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_CAPACITY_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The capacity profiles of a router's agents, each kept once. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_CAPACITY_TABLE_HPP
#define OMNIROUTE_ROUTER_DETAIL_CAPACITY_TABLE_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/model/capacity.hpp>

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// Holds each distinct capacity profile once, counting the agents that point at it. A centre's
/// agents share a handful (voice only, chat only, blended): inline in every agent record the
/// profile was 264 bytes of it, and the fields a decision reads (can_take) were two more cold
/// lines of the record; shared, they stay in cache.
///
/// A held profile keeps its address until the last holder releases it (the map's nodes do not
/// move). Complexity: hold and release O(1) expected, each hashing the profile; hold allocates
/// only for a profile no agent holds yet (configuration, never routing).
class capacity_table {
 public:
  /// The table's copy of `p`, held once more.
  const capacity_profile* hold(const capacity_profile& p) {
    auto it = held_.try_emplace(p, 0).first;
    ++it->second;
    return &it->first;
  }

  /// Lets go of a profile `hold` returned (null: nothing); the last release forgets it.
  void release(const capacity_profile* p) noexcept {
    if (p == nullptr) return;
    const auto it = held_.find(*p);
    assert(it != held_.end() && &it->first == p && it->second > 0);
    if (--it->second == 0) held_.erase(it);
  }

  /// Distinct profiles held.
  std::size_t size() const noexcept { return held_.size(); }

 private:
  struct profile_hash {
    std::size_t operator()(const capacity_profile& p) const noexcept {
      std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a over the fields, 32 bits at a time
      auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x100000001b3ull; };
      mix(p.total);
      mix(p.channels.bits());
      for (std::size_t c = 0; c < max_channels; ++c) {
        mix((std::uint64_t{p.cost[c]} << 16) | p.max_per_channel[c]);
        mix(p.blocks[c].bits());
      }
      return static_cast<std::size_t>(h);
    }
  };

  std::unordered_map<capacity_profile, std::uint32_t, profile_hash> held_;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_CAPACITY_TABLE_HPP

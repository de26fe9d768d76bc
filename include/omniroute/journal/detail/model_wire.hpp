// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Encodings of the model's configuration types (agent and queue configurations, plans, contact
// specs...), shared by command values and snapshots. Not public API.
//
// Versions: fields added after command format 1 (service-level targets and settings, the
// agent's queue-selection policy, reserve members) are written always and read only when the
// record's format is 2 or later, so journals written before still replay.
#ifndef OMNIROUTE_JOURNAL_DETAIL_MODEL_WIRE_HPP
#define OMNIROUTE_JOURNAL_DETAIL_MODEL_WIRE_HPP

#include <omniroute/journal/detail/wire.hpp>
#include <omniroute/model/agent.hpp>
#include <omniroute/model/contact.hpp>
#include <omniroute/model/escalation.hpp>
#include <omniroute/model/queue.hpp>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// The first format that carries the fields added with service-level routing.
inline constexpr std::uint8_t wire_format_service_levels = 2;
/// The format these codecs write (command_format_version; snapshots read with it).
inline constexpr std::uint8_t wire_format_latest = 2;

// ---- Field codecs: one write_x / read_x pair per model type -------------------------------

inline void write_policy(wire_writer& w, const failure_policy& p) {
  w.dur(p.hold_back);
  w.u32(p.threshold);
  w.u32(p.reason);
}
inline bool read_policy(wire_reader& r, failure_policy& p) {
  return r.dur(p.hold_back) && r.u32(p.threshold) && r.u32(p.reason);
}

inline void write_offer_policy(wire_writer& w, const offer_policy& p) {
  w.dur(p.timeout);
  write_policy(w, p.no_answer);
  write_policy(w, p.rejected);
  write_policy(w, p.busy);
  write_policy(w, p.unreachable);
}
inline bool read_offer_policy(wire_reader& r, offer_policy& p) {
  return r.dur(p.timeout) && read_policy(r, p.no_answer) && read_policy(r, p.rejected) &&
         read_policy(r, p.busy) && read_policy(r, p.unreachable);
}

inline void write_capacity(wire_writer& w, const capacity_profile& c) {
  w.u32(c.total);
  w.u32(c.channels.bits());
  w.u32(static_cast<std::uint32_t>(max_channels));
  for (std::size_t i = 0; i < max_channels; ++i) {
    w.u16(c.cost[i]);
    w.u16(c.max_per_channel[i]);
    w.u32(c.blocks[i].bits());
  }
}
inline bool read_capacity(wire_reader& r, capacity_profile& c) {
  std::uint32_t bits = 0;
  std::uint32_t n = 0;
  // A journal written with another OMNIROUTE_MAX_CHANNELS does not describe this build's agents.
  if (!r.u32(c.total) || !r.u32(bits) || !r.u32(n) || n != max_channels) return false;
  c.channels = channel_set::from_bits(bits);
  for (std::size_t i = 0; i < max_channels; ++i) {
    std::uint32_t blocks = 0;
    if (!r.u16(c.cost[i]) || !r.u16(c.max_per_channel[i]) || !r.u32(blocks)) return false;
    c.blocks[i] = channel_set::from_bits(blocks);
  }
  return true;
}

inline void write_agent_config(wire_writer& w, const agent_config& c) {
  w.str(c.name);
  w.flag(c.capacity.has_value());
  if (c.capacity) write_capacity(w, *c.capacity);
  w.flag(c.wrap_up.has_value());
  if (c.wrap_up) w.dur(*c.wrap_up);
  w.flag(c.offers.timeout.has_value());
  if (c.offers.timeout) w.dur(*c.offers.timeout);
  for (const auto* p : {&c.offers.no_answer, &c.offers.rejected, &c.offers.busy, &c.offers.unreachable}) {
    w.flag(p->has_value());
    if (*p) write_policy(w, **p);
  }
  w.u32(static_cast<std::uint32_t>(c.skills.size()));
  for (const auto& s : c.skills) {
    w.str(s.first);
    w.u8(s.second);
  }
  w.u32(static_cast<std::uint32_t>(c.attributes.size()));
  for (const auto& a : c.attributes) {
    w.str(a.first);
    w.str(a.second);
  }
  w.flag(c.queue_selection.has_value());
  if (c.queue_selection) w.u8(static_cast<std::uint8_t>(*c.queue_selection));
}
inline bool read_agent_config(wire_reader& r, agent_config& c, std::uint8_t version) {
  bool has = false;
  if (!r.str(c.name) || !r.flag(has)) return false;
  if (has) {
    c.capacity.emplace();
    if (!read_capacity(r, *c.capacity)) return false;
  }
  if (!r.flag(has)) return false;
  if (has) {
    c.wrap_up.emplace();
    if (!r.dur(*c.wrap_up)) return false;
  }
  if (!r.flag(has)) return false;
  if (has) {
    c.offers.timeout.emplace();
    if (!r.dur(*c.offers.timeout)) return false;
  }
  for (auto* p : {&c.offers.no_answer, &c.offers.rejected, &c.offers.busy, &c.offers.unreachable}) {
    if (!r.flag(has)) return false;
    if (has) {
      p->emplace();
      if (!read_policy(r, **p)) return false;
    }
  }
  std::uint32_t n = 0;
  // Each element takes at least 5 bytes: a count beyond that is a lie, not an allocation.
  if (!r.count(n, 5)) return false;
  c.skills.resize(n);
  for (auto& s : c.skills) {
    if (!r.str(s.first) || !r.u8(s.second)) return false;
  }
  if (!r.count(n, 8)) return false;
  c.attributes.resize(n);
  for (auto& a : c.attributes) {
    if (!r.str(a.first) || !r.str(a.second)) return false;
  }
  if (version < wire_format_service_levels) return true;
  if (!r.flag(has)) return false;
  if (has) {
    c.queue_selection.emplace();
    if (!r.enumeration(*c.queue_selection, 4)) return false;
  }
  return true;
}

inline void write_queue_config(wire_writer& w, const queue_config& c) {
  w.str(c.name);
  w.u32(c.channels.bits());
  w.u8(static_cast<std::uint8_t>(c.ordering));
  w.u32(c.max_length);
  w.dur(c.max_wait);
  w.u64(c.overflow.value());
  w.u8(static_cast<std::uint8_t>(c.join));
  w.u8(static_cast<std::uint8_t>(c.leave));
  w.dur(c.wrap_up);
  write_offer_policy(w, c.offers);
  w.u8(static_cast<std::uint8_t>(c.strategy.kind));
  w.u8(static_cast<std::uint8_t>(c.strategy.idle));
  w.flag(c.strategy.tiers_first);
  w.dur(c.strategy.ring_interval);
  w.u8(static_cast<std::uint8_t>(c.strategy.scoring));
  w.f64(c.strategy.occupancy_cap);
  w.u32(c.weight);
  w.u64(c.eligibility.value());
  w.u32(c.dynamic_tier);
  w.u32(c.initial_tier_limit);
  w.dur(c.priority_step);
  w.u64(c.escalation.value());
  w.dur(c.service_level_time);
  w.dur(c.expected_handle_time);
  w.u32(static_cast<std::uint32_t>(c.service_levels.size()));
  for (const service_level_target& t : c.service_levels) {
    w.u8(t.channel.value());
    w.f64(t.percent);
    w.dur(t.threshold);
  }
  const queue_selection_config& s = c.selection;
  w.f64(s.delay_weight);
  w.f64(s.target_share);
  w.f64(s.allocation_percent);
  w.f64(s.reserve_below);
  w.f64(s.reserve_until);
  w.dur(s.window);
  w.u8(static_cast<std::uint8_t>(s.groups));
}
inline bool read_queue_config(wire_reader& r, queue_config& c, std::uint8_t version) {
  std::uint32_t bits = 0;
  if (!r.str(c.name) || !r.u32(bits)) return false;
  c.channels = channel_set::from_bits(bits);
  const bool base = r.enumeration(c.ordering, 3) && r.u32(c.max_length) && r.dur(c.max_wait) &&
         r.handle(c.overflow) && r.enumeration(c.join, 3) && r.enumeration(c.leave, 3) &&
         r.dur(c.wrap_up) && read_offer_policy(r, c.offers) && r.enumeration(c.strategy.kind, 11) &&
         r.enumeration(c.strategy.idle, 3) && r.flag(c.strategy.tiers_first) &&
         r.dur(c.strategy.ring_interval) && r.enumeration(c.strategy.scoring, 2) &&
         r.f64(c.strategy.occupancy_cap) && r.u32(c.weight) && r.handle(c.eligibility) &&
         r.u32(c.dynamic_tier) && r.u32(c.initial_tier_limit) && r.dur(c.priority_step) &&
         r.handle(c.escalation) && r.dur(c.service_level_time) && r.dur(c.expected_handle_time);
  if (!base || version < wire_format_service_levels) return base;
  std::uint32_t n = 0;
  if (!r.count(n, 17)) return false;
  c.service_levels.resize(n);
  for (service_level_target& t : c.service_levels) {
    std::uint8_t channel = 0;
    if (!r.u8(channel) || !r.f64(t.percent) || !r.dur(t.threshold)) return false;
    t.channel = channel_id(channel);
  }
  queue_selection_config& s = c.selection;
  return r.f64(s.delay_weight) && r.f64(s.target_share) && r.f64(s.allocation_percent) &&
         r.f64(s.reserve_below) && r.f64(s.reserve_until) && r.dur(s.window) &&
         r.enumeration(s.groups, 2);
}

inline void write_member_options(wire_writer& w, const member_options& o) {
  w.u32(o.tier);
  w.u32(o.weight);
  w.flag(o.order.has_value());
  if (o.order) w.u32(*o.order);
  w.flag(o.reserve);
}
inline bool read_member_options(wire_reader& r, member_options& o, std::uint8_t version) {
  bool has = false;
  if (!r.u32(o.tier) || !r.u32(o.weight) || !r.flag(has)) return false;
  if (has) {
    o.order.emplace();
    if (!r.u32(*o.order)) return false;
  }
  return version < wire_format_service_levels || r.flag(o.reserve);
}

inline void write_plan(wire_writer& w, const escalation_plan& p) {
  w.u32(static_cast<std::uint32_t>(p.steps.size()));
  for (const escalation_step& s : p.steps) {
    w.dur(s.after);
    w.u8(static_cast<std::uint8_t>(s.condition));
    w.dur(s.wait_above);
    w.f64(s.service_level_below);
    w.u8(static_cast<std::uint8_t>(s.action));
    w.u64(s.requirement.value());
    w.u32(s.max_tier);
    w.i32(s.priority_delta);
    w.u64(s.queue.value());
    w.str(s.destination);
  }
}
inline bool read_plan(wire_reader& r, escalation_plan& p) {
  std::uint32_t n = 0;
  if (!r.count(n, 50)) return false;
  p.steps.resize(n);
  for (escalation_step& s : p.steps) {
    if (!(r.dur(s.after) && r.enumeration(s.condition, 4) && r.dur(s.wait_above) &&
          r.f64(s.service_level_below) && r.enumeration(s.action, 7) && r.handle(s.requirement) &&
          r.u32(s.max_tier) && r.i32(s.priority_delta) && r.handle(s.queue) && r.str(s.destination))) {
      return false;
    }
  }
  return true;
}

inline void write_spec(wire_writer& w, const contact_spec& s) {
  w.u8(s.channel.value());
  w.u64(s.queue.value());
  w.i32(s.priority);
  w.u32(static_cast<std::uint32_t>(s.attributes.size()));
  for (std::size_t i = 0; i < s.attributes.size(); ++i) {
    w.str(s.attributes[i].key);
    w.str(s.attributes[i].value);
  }
  w.flag(s.position.has_value());
  if (s.position) w.u32(*s.position);
  w.flag(s.arrival.has_value());
  if (s.arrival) w.time(*s.arrival);
  w.u64(s.requirement.value());
  w.u64(s.escalation.value());
  w.u64(s.preferred_agent.value());
  w.dur(s.preferred_wait);
}
inline bool read_spec(wire_reader& r, contact_spec& s) {
  std::uint8_t channel = 0;
  std::uint32_t n = 0;
  if (!r.u8(channel) || !r.handle(s.queue) || !r.i32(s.priority) || !r.count(n, 8)) return false;
  s.channel = channel_id(channel);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string key;
    std::string value;
    // An attribute map the router could never have held is malformed, not merely refused.
    if (!r.str(key) || !r.str(value) || !s.attributes.set(key, value)) return false;
  }
  bool has = false;
  if (!r.flag(has)) return false;
  if (has) {
    s.position.emplace();
    if (!r.u32(*s.position)) return false;
  }
  if (!r.flag(has)) return false;
  if (has) {
    s.arrival.emplace();
    if (!r.time(*s.arrival)) return false;
  }
  return r.handle(s.requirement) && r.handle(s.escalation) && r.handle(s.preferred_agent) &&
         r.dur(s.preferred_wait);
}

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_DETAIL_MODEL_WIRE_HPP

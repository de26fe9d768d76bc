// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_JOURNAL_COMMAND_INL_HPP
#define OMNIROUTE_JOURNAL_COMMAND_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/command.hpp>
#endif

#include <omniroute/journal/detail/wire.hpp>

#include <iterator>
#include <type_traits>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

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
}
inline bool read_agent_config(wire_reader& r, agent_config& c) {
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
}
inline bool read_queue_config(wire_reader& r, queue_config& c) {
  std::uint32_t bits = 0;
  if (!r.str(c.name) || !r.u32(bits)) return false;
  c.channels = channel_set::from_bits(bits);
  return r.enumeration(c.ordering, 3) && r.u32(c.max_length) && r.dur(c.max_wait) &&
         r.handle(c.overflow) && r.enumeration(c.join, 3) && r.enumeration(c.leave, 3) &&
         r.dur(c.wrap_up) && read_offer_policy(r, c.offers) && r.enumeration(c.strategy.kind, 11) &&
         r.enumeration(c.strategy.idle, 3) && r.flag(c.strategy.tiers_first) &&
         r.dur(c.strategy.ring_interval) && r.enumeration(c.strategy.scoring, 2) &&
         r.f64(c.strategy.occupancy_cap) && r.u32(c.weight) && r.handle(c.eligibility) &&
         r.u32(c.dynamic_tier) && r.u32(c.initial_tier_limit) && r.dur(c.priority_step) &&
         r.handle(c.escalation) && r.dur(c.service_level_time) && r.dur(c.expected_handle_time);
}

inline void write_member_options(wire_writer& w, const member_options& o) {
  w.u32(o.tier);
  w.u32(o.weight);
  w.flag(o.order.has_value());
  if (o.order) w.u32(*o.order);
}
inline bool read_member_options(wire_reader& r, member_options& o) {
  bool has = false;
  if (!r.u32(o.tier) || !r.u32(o.weight) || !r.flag(has)) return false;
  if (has) {
    o.order.emplace();
    if (!r.u32(*o.order)) return false;
  }
  return true;
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

// ---- Per-command field lists --------------------------------------------------------------

struct command_writer {
  wire_writer& w;
  void operator()(const cmd::advance&) const {}
  void operator()(const cmd::register_channel& c) const {
    w.str(c.name);
    w.u8(static_cast<std::uint8_t>(c.kind));
    w.u16(c.default_cost);
    w.u32(c.default_blocks.bits());
  }
  void operator()(const cmd::add_skill& c) const { w.str(c.name); }
  void operator()(const cmd::add_attribute& c) const {
    w.str(c.name);
    w.u8(static_cast<std::uint8_t>(c.kind));
  }
  void operator()(const cmd::add_requirement& c) const { w.str(c.text); }
  void operator()(const cmd::add_escalation_plan& c) const { write_plan(w, c.plan); }
  void operator()(const cmd::add_agent& c) const { write_agent_config(w, c.config); }
  void operator()(const cmd::update_agent& c) const {
    w.u64(c.agent.value());
    write_agent_config(w, c.config);
  }
  void operator()(const cmd::remove_agent& c) const { w.u64(c.agent.value()); }
  void operator()(const cmd::login& c) const {
    w.u64(c.agent.value());
    w.flag(c.ready);
    w.u32(c.reason);
  }
  void operator()(const cmd::logout& c) const { w.u64(c.agent.value()); }
  void operator()(const cmd::ready& c) const { w.u64(c.agent.value()); }
  void operator()(const cmd::not_ready& c) const {
    w.u64(c.agent.value());
    w.u32(c.reason);
  }
  void operator()(const cmd::add_queue& c) const { write_queue_config(w, c.config); }
  void operator()(const cmd::update_queue& c) const {
    w.u64(c.queue.value());
    write_queue_config(w, c.config);
  }
  void operator()(const cmd::remove_queue& c) const {
    w.u64(c.queue.value());
    w.u64(c.move_to.value());
  }
  void operator()(const cmd::add_member& c) const {
    w.u64(c.queue.value());
    w.u64(c.agent.value());
    write_member_options(w, c.options);
  }
  void operator()(const cmd::update_member& c) const {
    w.u64(c.queue.value());
    w.u64(c.agent.value());
    write_member_options(w, c.options);
  }
  void operator()(const cmd::remove_member& c) const {
    w.u64(c.queue.value());
    w.u64(c.agent.value());
  }
  void operator()(const cmd::arrive& c) const { write_spec(w, c.spec); }
  void operator()(const cmd::abandon& c) const { w.u64(c.contact.value()); }
  void operator()(const cmd::transfer& c) const {
    w.u64(c.contact.value());
    w.u64(c.to.value());
    w.flag(c.options.keep_arrival);
    w.flag(c.options.priority.has_value());
    if (c.options.priority) w.i32(*c.options.priority);
  }
  void operator()(const cmd::route_out& c) const { w.u64(c.contact.value()); }
  void operator()(const cmd::accept_callback& c) const { w.u64(c.contact.value()); }
  void operator()(const cmd::accept& c) const { w.u64(c.offer.value()); }
  void operator()(const cmd::reject& c) const {
    w.u64(c.offer.value());
    w.u8(static_cast<std::uint8_t>(c.kind));
  }
  void operator()(const cmd::complete& c) const { w.u64(c.contact.value()); }
  void operator()(const cmd::end_wrap_up& c) const { w.u64(c.offer.value()); }
};

struct command_reader {
  wire_reader& r;
  bool operator()(cmd::advance&) const { return true; }
  bool operator()(cmd::register_channel& c) const {
    std::uint32_t blocks = 0;
    if (!(r.str(c.name) && r.enumeration(c.kind, 2) && r.u16(c.default_cost) && r.u32(blocks))) return false;
    c.default_blocks = channel_set::from_bits(blocks);
    return true;
  }
  bool operator()(cmd::add_skill& c) const { return r.str(c.name); }
  bool operator()(cmd::add_attribute& c) const { return r.str(c.name) && r.enumeration(c.kind, 2); }
  bool operator()(cmd::add_requirement& c) const { return r.str(c.text); }
  bool operator()(cmd::add_escalation_plan& c) const { return read_plan(r, c.plan); }
  bool operator()(cmd::add_agent& c) const { return read_agent_config(r, c.config); }
  bool operator()(cmd::update_agent& c) const { return r.handle(c.agent) && read_agent_config(r, c.config); }
  bool operator()(cmd::remove_agent& c) const { return r.handle(c.agent); }
  bool operator()(cmd::login& c) const { return r.handle(c.agent) && r.flag(c.ready) && r.u32(c.reason); }
  bool operator()(cmd::logout& c) const { return r.handle(c.agent); }
  bool operator()(cmd::ready& c) const { return r.handle(c.agent); }
  bool operator()(cmd::not_ready& c) const { return r.handle(c.agent) && r.u32(c.reason); }
  bool operator()(cmd::add_queue& c) const { return read_queue_config(r, c.config); }
  bool operator()(cmd::update_queue& c) const { return r.handle(c.queue) && read_queue_config(r, c.config); }
  bool operator()(cmd::remove_queue& c) const { return r.handle(c.queue) && r.handle(c.move_to); }
  bool operator()(cmd::add_member& c) const {
    return r.handle(c.queue) && r.handle(c.agent) && read_member_options(r, c.options);
  }
  bool operator()(cmd::update_member& c) const {
    return r.handle(c.queue) && r.handle(c.agent) && read_member_options(r, c.options);
  }
  bool operator()(cmd::remove_member& c) const { return r.handle(c.queue) && r.handle(c.agent); }
  bool operator()(cmd::arrive& c) const { return read_spec(r, c.spec); }
  bool operator()(cmd::abandon& c) const { return r.handle(c.contact); }
  bool operator()(cmd::transfer& c) const {
    bool has = false;
    if (!(r.handle(c.contact) && r.handle(c.to) && r.flag(c.options.keep_arrival) && r.flag(has))) return false;
    if (has) {
      c.options.priority.emplace();
      return r.i32(*c.options.priority);
    }
    return true;
  }
  bool operator()(cmd::route_out& c) const { return r.handle(c.contact); }
  bool operator()(cmd::accept_callback& c) const { return r.handle(c.contact); }
  bool operator()(cmd::accept& c) const { return r.handle(c.offer); }
  bool operator()(cmd::reject& c) const { return r.handle(c.offer) && r.enumeration(c.kind, 4); }
  bool operator()(cmd::complete& c) const { return r.handle(c.contact); }
  bool operator()(cmd::end_wrap_up& c) const { return r.handle(c.offer); }
};

// Builds the alternative with index I when tag == I (a compile-time walk over the variant).
template <std::size_t I = 0>
bool emplace_by_tag(command_body& body, std::size_t tag) {
  if constexpr (I < std::variant_size_v<command_body>) {
    if (tag == I) {
      body.template emplace<I>();
      return true;
    }
    return emplace_by_tag<I + 1>(body, tag);
  } else {
    (void)body;
    (void)tag;
    return false;
  }
}

template <class T>
command_outcome outcome_of(const result<T>& r) {
  if (!r) return {r.error(), 0};
  if constexpr (std::is_same_v<T, channel_id>) {
    return {{}, r->value()};
  } else if constexpr (std::is_integral_v<T>) {
    return {{}, static_cast<std::uint64_t>(*r)};
  } else {
    return {{}, r->value()};
  }
}
inline command_outcome outcome_of(const status& s) { return {s.error(), 0}; }

struct command_applier {
  router& r;
  time_point now;
  command_outcome operator()(const cmd::advance&) const { return outcome_of(r.advance(now)); }
  command_outcome operator()(const cmd::register_channel& c) const {
    return outcome_of(r.register_channel(c.name, c.kind, c.default_cost, c.default_blocks));
  }
  command_outcome operator()(const cmd::add_skill& c) const { return outcome_of(r.add_skill(c.name)); }
  command_outcome operator()(const cmd::add_attribute& c) const {
    return outcome_of(r.add_attribute(c.name, c.kind));
  }
  command_outcome operator()(const cmd::add_requirement& c) const {
    return outcome_of(r.add_requirement(std::string_view(c.text)));
  }
  command_outcome operator()(const cmd::add_escalation_plan& c) const {
    return outcome_of(r.add_escalation_plan(c.plan));
  }
  command_outcome operator()(const cmd::add_agent& c) const { return outcome_of(r.add_agent(now, c.config)); }
  command_outcome operator()(const cmd::update_agent& c) const {
    return outcome_of(r.update_agent(now, c.agent, c.config));
  }
  command_outcome operator()(const cmd::remove_agent& c) const { return outcome_of(r.remove_agent(now, c.agent)); }
  command_outcome operator()(const cmd::login& c) const {
    return outcome_of(r.login(now, c.agent, c.ready, c.reason));
  }
  command_outcome operator()(const cmd::logout& c) const { return outcome_of(r.logout(now, c.agent)); }
  command_outcome operator()(const cmd::ready& c) const { return outcome_of(r.ready(now, c.agent)); }
  command_outcome operator()(const cmd::not_ready& c) const {
    return outcome_of(r.not_ready(now, c.agent, c.reason));
  }
  command_outcome operator()(const cmd::add_queue& c) const { return outcome_of(r.add_queue(now, c.config)); }
  command_outcome operator()(const cmd::update_queue& c) const {
    return outcome_of(r.update_queue(now, c.queue, c.config));
  }
  command_outcome operator()(const cmd::remove_queue& c) const {
    return outcome_of(r.remove_queue(now, c.queue, c.move_to));
  }
  command_outcome operator()(const cmd::add_member& c) const {
    return outcome_of(r.add_member(now, c.queue, c.agent, c.options));
  }
  command_outcome operator()(const cmd::update_member& c) const {
    return outcome_of(r.update_member(now, c.queue, c.agent, c.options));
  }
  command_outcome operator()(const cmd::remove_member& c) const {
    return outcome_of(r.remove_member(now, c.queue, c.agent));
  }
  command_outcome operator()(const cmd::arrive& c) const { return outcome_of(r.arrive(now, c.spec)); }
  command_outcome operator()(const cmd::abandon& c) const { return outcome_of(r.abandon(now, c.contact)); }
  command_outcome operator()(const cmd::transfer& c) const {
    return outcome_of(r.transfer(now, c.contact, c.to, c.options));
  }
  command_outcome operator()(const cmd::route_out& c) const { return outcome_of(r.route_out(now, c.contact)); }
  command_outcome operator()(const cmd::accept_callback& c) const {
    return outcome_of(r.accept_callback(now, c.contact));
  }
  command_outcome operator()(const cmd::accept& c) const { return outcome_of(r.accept(now, c.offer)); }
  command_outcome operator()(const cmd::reject& c) const { return outcome_of(r.reject(now, c.offer, c.kind)); }
  command_outcome operator()(const cmd::complete& c) const { return outcome_of(r.complete(now, c.contact)); }
  command_outcome operator()(const cmd::end_wrap_up& c) const { return outcome_of(r.end_wrap_up(now, c.offer)); }
};

inline constexpr const char* command_names[] = {
    "advance",       "register_channel", "add_skill",     "add_attribute", "add_requirement",
    "add_escalation_plan", "add_agent",  "update_agent",  "remove_agent",  "login",
    "logout",        "ready",            "not_ready",     "add_queue",     "update_queue",
    "remove_queue",  "add_member",       "update_member", "remove_member", "arrive",
    "abandon",       "transfer",         "route_out",     "accept_callback", "accept",
    "reject",        "complete",         "end_wrap_up"};
static_assert(std::size(command_names) == std::variant_size_v<command_body>,
              "every command has a name");

}  // namespace detail

OMNIROUTE_INLINE const char* command_name(const command& c) noexcept {
  return detail::command_names[c.body.index()];
}

OMNIROUTE_INLINE command_outcome apply(router& r, const command& c) {
  return std::visit(detail::command_applier{r, c.now}, c.body);
}

OMNIROUTE_INLINE void encode(const command& c, std::string& out) {
  detail::wire_writer w{out};
  w.u8(command_format_version);
  w.u8(static_cast<std::uint8_t>(c.body.index()));
  w.time(c.now);
  std::visit(detail::command_writer{w}, c.body);
}

OMNIROUTE_INLINE result<command> decode(std::string_view bytes) {
  detail::wire_reader r{bytes};
  std::uint8_t version = 0;
  std::uint8_t tag = 0;
  command c;
  if (!r.u8(version) || version != command_format_version || !r.u8(tag) || !r.time(c.now) ||
      !detail::emplace_by_tag(c.body, tag) ||
      !std::visit(detail::command_reader{r}, c.body) || !r.at_end()) {
    return errc::malformed_data;
  }
  return c;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_COMMAND_INL_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_JOURNAL_COMMAND_INL_HPP
#define OMNIROUTE_JOURNAL_COMMAND_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/command.hpp>
#endif

#include <omniroute/journal/detail/model_wire.hpp>

#include <iterator>
#include <type_traits>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

static_assert(wire_format_latest == command_format_version, "the model codecs write the current command format");

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
  std::uint8_t version;
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
  bool operator()(cmd::add_agent& c) const { return read_agent_config(r, c.config, version); }
  bool operator()(cmd::update_agent& c) const { return r.handle(c.agent) && read_agent_config(r, c.config, version); }
  bool operator()(cmd::remove_agent& c) const { return r.handle(c.agent); }
  bool operator()(cmd::login& c) const { return r.handle(c.agent) && r.flag(c.ready) && r.u32(c.reason); }
  bool operator()(cmd::logout& c) const { return r.handle(c.agent); }
  bool operator()(cmd::ready& c) const { return r.handle(c.agent); }
  bool operator()(cmd::not_ready& c) const { return r.handle(c.agent) && r.u32(c.reason); }
  bool operator()(cmd::add_queue& c) const { return read_queue_config(r, c.config, version); }
  bool operator()(cmd::update_queue& c) const { return r.handle(c.queue) && read_queue_config(r, c.config, version); }
  bool operator()(cmd::remove_queue& c) const { return r.handle(c.queue) && r.handle(c.move_to); }
  bool operator()(cmd::add_member& c) const {
    return r.handle(c.queue) && r.handle(c.agent) && read_member_options(r, c.options, version);
  }
  bool operator()(cmd::update_member& c) const {
    return r.handle(c.queue) && r.handle(c.agent) && read_member_options(r, c.options, version);
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
  if (!r.u8(version) || version < command_format_oldest || version > command_format_version ||
      !r.u8(tag) || !r.time(c.now) || !detail::emplace_by_tag(c.body, tag) ||
      !std::visit(detail::command_reader{r, version}, c.body) || !r.at_end()) {
    return errc::malformed_data;
  }
  return c;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_COMMAND_INL_HPP

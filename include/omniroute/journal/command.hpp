// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Commands as values: every mutating router command with its arguments and its time `now`, so
// that a journal can record them, a standby can follow them and a fresh router can replay them.
// Applying the same sequence of commands to routers built with the same options reproduces the
// same results, events and state (router::state_hash()).
//
// Configuration commands (register_channel, add_skill, add_attribute, add_requirement,
// add_escalation_plan) take no time in the router API; their `now` is recorded but not used.
// Requirements travel as text (see docs/requirements.md): a structured requirement is journaled
// as requirement::to_string(), which parses back to an equal requirement.
#ifndef OMNIROUTE_JOURNAL_COMMAND_HPP
#define OMNIROUTE_JOURNAL_COMMAND_HPP

#include <omniroute/router/router.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>

OMNIROUTE_BEGIN_NAMESPACE

namespace cmd {
struct register_channel {
  std::string name;
  channel_kind kind = channel_kind::real_time;
  std::uint16_t default_cost = 100;
  channel_set default_blocks;
};
struct add_skill {
  std::string name;
};
struct add_attribute {
  std::string name;
  attribute_kind kind = attribute_kind::boolean;
};
struct add_requirement {
  std::string text;
};
struct add_escalation_plan {
  escalation_plan plan;
};
struct add_agent {
  agent_config config;
};
struct update_agent {
  agent_id agent;
  agent_config config;
};
struct remove_agent {
  agent_id agent;
};
struct login {
  agent_id agent;
  bool ready = false;
  reason_code reason = reason_codes::none;
};
struct logout {
  agent_id agent;
};
struct ready {
  agent_id agent;
};
struct not_ready {
  agent_id agent;
  reason_code reason = reason_codes::none;
};
struct add_queue {
  queue_config config;
};
struct update_queue {
  queue_id queue;
  queue_config config;
};
struct remove_queue {
  queue_id queue;
  queue_id move_to;
};
struct add_member {
  queue_id queue;
  agent_id agent;
  member_options options;
};
struct update_member {
  queue_id queue;
  agent_id agent;
  member_options options;
};
struct remove_member {
  queue_id queue;
  agent_id agent;
};
struct arrive {
  contact_spec spec;
};
struct abandon {
  contact_id contact;
};
struct transfer {
  contact_id contact;
  queue_id to;
  transfer_options options;
};
struct route_out {
  contact_id contact;
};
struct accept_callback {
  contact_id contact;
};
struct accept {
  offer_id offer;
};
struct reject {
  offer_id offer;
  failure_kind kind = failure_kind::rejected;
};
struct complete {
  contact_id contact;
};
struct end_wrap_up {
  offer_id offer;
};
struct advance {};
}  // namespace cmd

/// The alternatives in encoding order: the index is the tag byte of the binary format, so new
/// commands are only ever appended.
using command_body =
    std::variant<cmd::advance, cmd::register_channel, cmd::add_skill, cmd::add_attribute,
                 cmd::add_requirement, cmd::add_escalation_plan, cmd::add_agent, cmd::update_agent,
                 cmd::remove_agent, cmd::login, cmd::logout, cmd::ready, cmd::not_ready,
                 cmd::add_queue, cmd::update_queue, cmd::remove_queue, cmd::add_member,
                 cmd::update_member, cmd::remove_member, cmd::arrive, cmd::abandon, cmd::transfer,
                 cmd::route_out, cmd::accept_callback, cmd::accept, cmd::reject, cmd::complete,
                 cmd::end_wrap_up>;

/// One command and the time it happened.
struct command {
  time_point now{};
  command_body body;
};

/// What a command returned: an error, or success with the id it created (the handle's value()
/// for agents, queues, contacts, requirements and plans; the plain number for channels, skills
/// and attributes; 0 for commands that create nothing).
struct command_outcome {
  std::error_code error;
  std::uint64_t value = 0;

  bool ok() const noexcept { return !error; }
  friend bool operator==(const command_outcome& a, const command_outcome& b) noexcept {
    return a.error == b.error && a.value == b.value;
  }
  friend bool operator!=(const command_outcome& a, const command_outcome& b) noexcept {
    return !(a == b);
  }
};

/// The command's name ("arrive", "login"...), for logs and reports.
OMNIROUTE_API const char* command_name(const command& c) noexcept;

/// Runs `c` on `r` through the router's public API. Effects and errors are exactly those of the
/// corresponding router call.
OMNIROUTE_API command_outcome apply(router& r, const command& c);

// ---- Binary encoding -----------------------------------------------------------------------
// Little-endian, self-delimiting only with an outer length (the journal record supplies it):
//   u8 format version (command_format_version), u8 tag (command_body index), i64 now (ns),
//   then the alternative's fields in declaration order. Strings and vectors are a u32 count
//   followed by their elements; optionals a u8 flag (0/1) then the value; handles their u64
//   value(); durations and times i64 nanoseconds; doubles their IEEE-754 bits.

/// The version byte written by encode(). Version 2 added the service-level fields of queue
/// configurations (service_levels, selection), the agent's queue_selection and
/// member_options::reserve, which version 1 did not carry (a replay of version 1 gets their
/// defaults).
inline constexpr std::uint8_t command_format_version = 2;
/// The oldest version decode() reads.
inline constexpr std::uint8_t command_format_oldest = 1;

/// Appends the encoding of `c` to `out`.
OMNIROUTE_API void encode(const command& c, std::string& out);

/// Decodes exactly one command from `bytes` (all of them). Errors: malformed_data for a
/// version outside command_format_oldest..command_format_version, an unknown tag, an
/// out-of-range enumeration, a truncated field, an oversized string (over 64 KiB) or trailing
/// bytes. Never reads outside `bytes`.
OMNIROUTE_API result<command> decode(std::string_view bytes);

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/command-inl.hpp>
#endif

#endif  // OMNIROUTE_JOURNAL_COMMAND_HPP

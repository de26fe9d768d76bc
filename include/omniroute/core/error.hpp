// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Expected runtime failures: an `omniroute::errc` value in a std::error_code. Every router
// command reports bad input this way and leaves the router unchanged.
#ifndef OMNIROUTE_CORE_ERROR_HPP
#define OMNIROUTE_CORE_ERROR_HPP

#include <omniroute/core/base.hpp>

#include <system_error>

OMNIROUTE_BEGIN_NAMESPACE

/// Why a command was refused. The values are stable (they appear in journals and logs).
enum class errc : int {
  // Handles and names.
  unknown_agent = 1,    ///< No such agent, or the handle outlived the agent.
  unknown_queue = 2,    ///< No such queue, or the handle outlived the queue.
  unknown_contact = 3,  ///< No such contact, or the contact already ended.
  unknown_offer = 4,    ///< No such offer, or the offer's work already ended.
  unknown_channel = 5,  ///< The channel id was never registered.
  not_a_member = 6,     ///< The agent is not a member of that queue.
  already_member = 7,   ///< The agent is already a member of that queue.
  duplicate_name = 8,   ///< A channel, agent or queue with that name exists.
  unknown_skill = 9,    ///< A skill name or id that was never registered.
  unknown_attribute = 10,  ///< An agent attribute name or id that was never registered.
  unknown_requirement = 11,  ///< A requirement id the router did not issue.
  unknown_plan = 12,    ///< An escalation plan id the router did not issue.

  // Values.
  invalid_argument = 20,     ///< A value is out of its documented range (negative, NaN, empty).
  limit_exceeded = 21,       ///< A fixed limit (attributes, channels, name length) is exceeded.
  time_went_backwards = 22,  ///< `now` is earlier than a time the router already saw.
  parse_error = 23,          ///< Malformed requirement text (details name line and column).
  contradictory_requirement = 24,  ///< E.g. a minimum level above the maximum for one skill.
  malformed_data = 25,   ///< Bytes that do not decode as a command or snapshot of this format.
  invalid_percentage = 26,   ///< A percentage (service-level target, share) outside 0..100.
  invalid_threshold = 27,    ///< A service-level threshold that is zero or negative.

  // Persistence (journal and snapshot components; the router core does no I/O).
  corrupt_journal = 30,  ///< A journal record in the middle of the file fails its checksum.
  io_error = 31,         ///< The operating system refused a read, write or sync.

  // States.
  illegal_transition = 40,   ///< The object's state does not allow the command.
  not_logged_in = 41,        ///< The agent is logged out.
  already_logged_in = 42,    ///< Login of an agent that is logged in.
  already_ready = 43,        ///< Ready for an agent that is ready (idle, reserved or busy).
  has_active_contacts = 44,  ///< The agent still has connected contacts.
  still_logged_in = 45,      ///< Removing an agent that is logged in.
  offer_not_pending = 46,    ///< Accept/reject of an offer that already ended or was accepted.
  contact_not_waiting = 47,  ///< The contact is connected (or otherwise not queued).
  contact_not_connected = 48,  ///< Complete of a contact that is not connected.
  not_in_wrap_up = 49,       ///< Ending wrap-up on work that is not in wrap-up.
  queue_not_empty = 50,      ///< Removing a queue while contacts wait, with nowhere to move them.

  // Refusals at entry (business outcomes, reported as the terminal state "refused").
  queue_full = 60,            ///< The queue holds its maximum number of contacts.
  no_agents = 61,             ///< The queue's join policy refuses: no agent logged in / ready.
  channel_not_accepted = 62,  ///< The queue does not take contacts of this channel.
};

/// The category of `errc`; its name is "omniroute".
OMNIROUTE_API const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept {
  return std::error_code(static_cast<int>(e), error_category());
}

/// A short, stable text for an error value ("queue full"); never null.
OMNIROUTE_API const char* to_string(errc e) noexcept;

OMNIROUTE_END_NAMESPACE

template <>
struct std::is_error_code_enum<omniroute::errc> : std::true_type {};

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/core/error-inl.hpp>
#endif

#endif  // OMNIROUTE_CORE_ERROR_HPP

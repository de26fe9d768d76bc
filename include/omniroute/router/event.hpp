// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Events: every state change the router makes, in order, with the time it happened.
#ifndef OMNIROUTE_ROUTER_EVENT_HPP
#define OMNIROUTE_ROUTER_EVENT_HPP

#include <omniroute/core/error.hpp>
#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/agent.hpp>
#include <omniroute/model/attributes.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/contact.hpp>
#include <omniroute/model/offer_policy.hpp>
#include <omniroute/router/explanation.hpp>

#include <cstdint>
#include <string>

OMNIROUTE_BEGIN_NAMESPACE

enum class event_kind : std::uint8_t {
  contact_queued,       ///< contact, queue, channel: entered a queue (arrival, transfer, overflow).
  contact_refused,      ///< queue, channel, refusal: refused at entry (terminal; no contact id).
  contact_offered,      ///< contact, agent, queue, offer, deadline; `why` when explaining.
  offer_ended,          ///< offer, contact, agent, outcome (accepted or how it failed).
  contact_connected,    ///< contact, agent, offer: the agent accepted.
  contact_completed,    ///< contact, agent, offer: handled (terminal).
  contact_abandoned,    ///< contact, queue: the customer left or the host withdrew (terminal).
  contact_expired,      ///< contact, queue, exit: max wait or leave-when-empty (terminal).
  contact_transferred,  ///< contact, queue (new), other_queue (old), exit; contact_queued follows.
  contact_routed_out,   ///< contact, queue: handed outside the router (terminal).
  agent_state_changed,  ///< agent, state, previous, reason.
  wrap_up_started,      ///< agent, contact, offer, deadline.
  wrap_up_ended,        ///< agent, offer.
  agent_added,          ///< agent.
  agent_removed,        ///< agent.
  queue_added,          ///< queue.
  queue_updated,        ///< queue.
  queue_removed,        ///< queue.
  member_added,         ///< queue, agent.
  member_removed,       ///< queue, agent.
  escalation_step,      ///< contact, queue, step: an escalation step applied.
  callback_offered,     ///< contact, queue, step: the host should offer the customer a callback.
  callback_accepted,    ///< contact, queue: the contact continues as a callback.
};

/// How an offer ended.
enum class offer_outcome : std::uint8_t {
  none,
  accepted,
  no_answer,    ///< Timed out.
  rejected,
  busy,
  unreachable,
  cancelled,    ///< The router withdrew it; `cancel` says why.
};

enum class cancel_cause : std::uint8_t {
  none,
  contact_left,       ///< Abandoned, transferred, routed out or expired while ringing.
  answered_elsewhere, ///< Ring-all / progressive ring: another agent accepted first.
  agent_logged_out,
  member_removed,
  queue_removed,
};

/// Why a contact left its queue without being served.
enum class exit_reason : std::uint8_t {
  none,
  max_wait,          ///< Waited longer than the queue's max_wait.
  leave_when_empty,  ///< The queue's leave policy: no agent logged in / ready.
  host_transfer,     ///< router::transfer.
  queue_removed,     ///< router::remove_queue moved it.
  escalation,        ///< An escalation step moved or routed it out.
};

/// One state change. Fields not listed for a kind are null / zero.
struct event {
  event_kind kind = event_kind::contact_queued;
  /// When it happened: the command's `now`, or a timer's exact deadline.
  time_point at{};
  /// 1, 2, 3... per router: the order of events, with no gaps.
  std::uint64_t sequence = 0;
  contact_id contact;
  agent_id agent;
  queue_id queue;
  queue_id other_queue;
  offer_id offer;
  channel_id channel;
  offer_outcome outcome = offer_outcome::none;
  cancel_cause cancel = cancel_cause::none;
  exit_reason exit = exit_reason::none;
  agent_state state = agent_state::logged_out;
  agent_state previous = agent_state::logged_out;
  reason_code reason = reason_codes::none;
  /// contact_refused: why.
  errc refusal{};
  /// contact_offered: the offer's timeout; wrap_up_started: the wrap-up's end (never: none).
  time_point deadline = never;
  std::int32_t priority = 0;
  /// escalation_step, callback_offered, contact_routed_out by a step: the step's index.
  std::int32_t step = -1;
  /// contact_routed_out by an escalation step: the destination. Valid during delivery only.
  const char* destination = nullptr;
  /// contact_offered and contact_queued: the contact's attributes. Valid during delivery only.
  const attribute_map* attributes = nullptr;
  /// contact_offered: the decision's explanation when explanations are on. Valid during
  /// delivery only.
  const explanation* why = nullptr;
};

OMNIROUTE_API const char* to_string(event_kind k) noexcept;
OMNIROUTE_API const char* to_string(offer_outcome o) noexcept;
OMNIROUTE_API const char* to_string(cancel_cause c) noexcept;
OMNIROUTE_API const char* to_string(exit_reason r) noexcept;
OMNIROUTE_API const char* to_string(agent_state s) noexcept;
OMNIROUTE_API const char* to_string(contact_state s) noexcept;
/// A one-line rendering for logs, e.g. "#12 t=31.000s contact_offered contact=4:1 agent=2:1 ...".
OMNIROUTE_API std::string to_string(const event& e);

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/router/event-inl.hpp>
#endif

#endif  // OMNIROUTE_ROUTER_EVENT_HPP

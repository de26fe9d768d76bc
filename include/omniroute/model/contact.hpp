// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Contacts: what the host says about an arriving interaction, and the states it goes through.
#ifndef OMNIROUTE_MODEL_CONTACT_HPP
#define OMNIROUTE_MODEL_CONTACT_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/attributes.hpp>
#include <omniroute/model/channel.hpp>

#include <cstdint>
#include <optional>

OMNIROUTE_BEGIN_NAMESPACE

/// A contact's state. The last five are terminal: every contact reaches exactly one of them
/// (refused contacts never get an id; the refusal is their terminal event).
enum class contact_state : std::uint8_t {
  waiting,    ///< In a queue, no offer pending.
  offered,    ///< In a queue (keeping its place), with one or more offers pending.
  connected,  ///< An agent accepted; out of the queue.
  handled,    ///< Completed by the agent.
  abandoned,  ///< The customer hung up or the host withdrew it.
  expired,    ///< Max wait or leave-when-empty with no overflow queue.
  routed_out, ///< Sent to a destination outside the router (another site, voicemail).
  refused,    ///< Refused at entry.
};

constexpr bool is_terminal(contact_state s) noexcept { return s >= contact_state::handled; }

/// An arriving contact.
struct contact_spec {
  channel_id channel = channels::voice;
  queue_id queue;
  /// Higher is served first in priority-ordered queues.
  std::int32_t priority = 0;
  /// The host's data, delivered with every offer.
  attribute_map attributes;
  /// Join at this 0-based position instead of last. The contact never lands ahead of a
  /// higher-priority contact (nor behind a lower one); a position past its priority band
  /// means last in the band.
  std::optional<std::uint32_t> position;
  /// When the customer arrived, if earlier than `now` (e.g. time spent in an IVR).
  std::optional<time_point> arrival;
  /// What the contact needs (router::add_requirement); null: any agent of the queue.
  requirement_id requirement;
  /// Overrides the queue's escalation plan.
  plan_id escalation;
  /// Affinity: offer only to this agent for `preferred_wait` before the general pool. Yields
  /// at once when the agent is logged out (or removed).
  agent_id preferred_agent;
  duration preferred_wait = duration::zero();
};

/// Options of `router::transfer`.
struct transfer_options {
  /// Keep the original arrival time (the contact's place is by arrival time among the target
  /// queue's contacts of its priority). When false it joins as if it arrived now.
  bool keep_arrival = true;
  /// A new priority for the target queue; default keeps the current one.
  std::optional<std::int32_t> priority;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_CONTACT_HPP

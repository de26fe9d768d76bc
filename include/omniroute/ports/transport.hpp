// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The host's transport for one channel: it rings the phone, pushes the chat, shows the email.
#ifndef OMNIROUTE_PORTS_TRANSPORT_HPP
#define OMNIROUTE_PORTS_TRANSPORT_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/attributes.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/router/event.hpp>

#include <cstdint>

OMNIROUTE_BEGIN_NAMESPACE

/// An offer to deliver to an agent. `attributes` is valid during the call only.
struct offer_request {
  offer_id offer;
  contact_id contact;
  agent_id agent;
  queue_id queue;
  channel_id channel;
  std::int32_t priority = 0;
  time_point at{};
  /// When the offer times out unless accepted or rejected (never: it does not time out).
  time_point deadline = never;
  const attribute_map* attributes = nullptr;
};

/// A withdrawn offer: the agent's device should stop alerting.
struct offer_cancellation {
  offer_id offer;
  contact_id contact;
  agent_id agent;
  channel_id channel;
  time_point at{};
  /// no_answer (the offer timed out) or cancelled.
  offer_outcome outcome = offer_outcome::cancelled;
  cancel_cause cause = cancel_cause::none;
};

/// The host answers an offer with router::accept or router::reject, now or later, from this
/// call or from its own event loop. Exceptions thrown here are caught by the router and
/// reported through its error handler; the offer stays pending until it times out.
/// A contact an escalation step handed outside the router, or for which it asks the host to
/// offer the customer a callback.
struct escalation_request {
  contact_id contact;
  queue_id queue;
  channel_id channel;
  time_point at{};
  std::int32_t step = -1;
  /// route_out only: the step's destination.
  const char* destination = nullptr;
  const attribute_map* attributes = nullptr;
};

class offer_transport {
 public:
  virtual ~offer_transport() = default;
  void offer(const offer_request& r) { on_offer(r); }
  void cancel(const offer_cancellation& c) { on_cancel(c); }
  void route_out(const escalation_request& r) { on_route_out(r); }
  void offer_callback(const escalation_request& r) { on_callback_offer(r); }

 protected:
  virtual void on_offer(const offer_request& r) = 0;
  virtual void on_cancel(const offer_cancellation& c) = 0;
  /// The router routed the contact out by an escalation step: connect it to the destination.
  virtual void on_route_out(const escalation_request&) {}
  /// Offer the customer a callback; answer with router::accept_callback.
  virtual void on_callback_offer(const escalation_request&) {}
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_PORTS_TRANSPORT_HPP

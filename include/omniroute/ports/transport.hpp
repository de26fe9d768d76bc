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
class offer_transport {
 public:
  virtual ~offer_transport() = default;
  void offer(const offer_request& r) { on_offer(r); }
  void cancel(const offer_cancellation& c) { on_cancel(c); }

 protected:
  virtual void on_offer(const offer_request& r) = 0;
  virtual void on_cancel(const offer_cancellation& c) = 0;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_PORTS_TRANSPORT_HPP

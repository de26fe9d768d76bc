// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The host's view of every state change. Modelled on spdlog's sink: a small abstract class with
// a public non-virtual entry point and a protected virtual hook.
#ifndef OMNIROUTE_PORTS_OBSERVER_HPP
#define OMNIROUTE_PORTS_OBSERVER_HPP

#include <omniroute/router/event.hpp>

OMNIROUTE_BEGIN_NAMESPACE

/// Receives every event, in sequence order, after the command that caused it has finished
/// changing state. The router catches anything the hook throws and reports it through the
/// router's error handler; the event stream continues. A hook may call router commands: their
/// events are delivered after the ones already pending.
class event_observer {
 public:
  virtual ~event_observer() = default;
  void deliver(const event& e) { on_event(e); }

 protected:
  virtual void on_event(const event& e) = 0;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_PORTS_OBSERVER_HPP

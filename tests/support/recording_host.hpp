// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A reusable host for router behaviour tests: a router on an injected clock, an observer that
// records every event (copying what is only valid during delivery), one fake transport per
// channel recording offers and cancellations, and helpers that read like the scenario:
//
//   recording_host h;
//   auto sales = h.given_queue("sales");
//   auto alice = h.given_agent("alice", {sales});          // added, logged in ready at now()
//   auto m = h.mark();
//   auto c1 = h.arrive(10, sales);                          // at t = 10 s
//   CHECK(h.story_since(m) == lines{"t=10 queued c1 sales", "t=10 offered c1 alice"});
//
// Contacts are labelled c1, c2... in the order the router first reports them. Setup helpers
// (given_*) act at the router's current time; commands take their time in seconds.
#pragma once

#include <omniroute/omniroute.hpp>
#include <omniroute/router/router.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/catch.hpp"

namespace omniroute_test {

using namespace omniroute;
using lines = std::vector<std::string>;

// ---- Names, independent of the library's to_string (so a missing one cannot break the suite).
inline const char* name_of(event_kind k) {
  switch (k) {
    case event_kind::contact_queued: return "queued";
    case event_kind::contact_refused: return "refused";
    case event_kind::contact_offered: return "offered";
    case event_kind::offer_ended: return "ended";
    case event_kind::contact_connected: return "connected";
    case event_kind::contact_completed: return "completed";
    case event_kind::contact_abandoned: return "abandoned";
    case event_kind::contact_expired: return "expired";
    case event_kind::contact_transferred: return "transferred";
    case event_kind::contact_routed_out: return "routed_out";
    case event_kind::agent_state_changed: return "state";
    case event_kind::wrap_up_started: return "wrap_up";
    case event_kind::wrap_up_ended: return "wrap_up_end";
    case event_kind::agent_added: return "agent_added";
    case event_kind::agent_removed: return "agent_removed";
    case event_kind::queue_added: return "queue_added";
    case event_kind::queue_updated: return "queue_updated";
    case event_kind::queue_removed: return "queue_removed";
    case event_kind::member_added: return "member_added";
    case event_kind::member_removed: return "member_removed";
    case event_kind::escalation_step: return "escalation";
    case event_kind::callback_offered: return "callback_offered";
    case event_kind::callback_accepted: return "callback_accepted";
  }
  return "?kind";
}
inline const char* name_of(offer_outcome o) {
  switch (o) {
    case offer_outcome::none: return "none";
    case offer_outcome::accepted: return "accepted";
    case offer_outcome::no_answer: return "no_answer";
    case offer_outcome::rejected: return "rejected";
    case offer_outcome::busy: return "busy";
    case offer_outcome::unreachable: return "unreachable";
    case offer_outcome::cancelled: return "cancelled";
  }
  return "?outcome";
}
inline const char* name_of(cancel_cause c) {
  switch (c) {
    case cancel_cause::none: return "none";
    case cancel_cause::contact_left: return "contact_left";
    case cancel_cause::answered_elsewhere: return "answered_elsewhere";
    case cancel_cause::agent_logged_out: return "agent_logged_out";
    case cancel_cause::member_removed: return "member_removed";
    case cancel_cause::queue_removed: return "queue_removed";
  }
  return "?cause";
}
inline const char* name_of(exit_reason r) {
  switch (r) {
    case exit_reason::none: return "none";
    case exit_reason::max_wait: return "max_wait";
    case exit_reason::leave_when_empty: return "leave_when_empty";
    case exit_reason::host_transfer: return "host_transfer";
    case exit_reason::queue_removed: return "queue_removed";
    case exit_reason::escalation: return "escalation";
  }
  return "?exit";
}
inline const char* name_of(agent_state s) {
  switch (s) {
    case agent_state::logged_out: return "logged_out";
    case agent_state::ready: return "ready";
    case agent_state::not_ready: return "not_ready";
    case agent_state::reserved: return "reserved";
    case agent_state::busy: return "busy";
    case agent_state::wrap_up: return "wrap_up";
  }
  return "?state";
}
inline const char* name_of(contact_state s) {
  switch (s) {
    case contact_state::waiting: return "waiting";
    case contact_state::offered: return "offered";
    case contact_state::connected: return "connected";
    case contact_state::handled: return "handled";
    case contact_state::abandoned: return "abandoned";
    case contact_state::expired: return "expired";
    case contact_state::routed_out: return "routed_out";
    case contact_state::refused: return "refused";
  }
  return "?contact_state";
}
inline std::string name_of(reason_code r) {
  switch (r) {
    case reason_codes::none: return "none";
    case reason_codes::no_answer: return "no_answer";
    case reason_codes::rejected: return "rejected";
    case reason_codes::busy: return "busy";
    case reason_codes::unreachable: return "unreachable";
    default: return std::to_string(r);
  }
}
inline std::string errc_name(std::error_code ec) {
  if (!ec) return "ok";
  switch (static_cast<errc>(ec.value())) {
    case errc::unknown_agent: return "unknown_agent";
    case errc::unknown_queue: return "unknown_queue";
    case errc::unknown_contact: return "unknown_contact";
    case errc::unknown_offer: return "unknown_offer";
    case errc::unknown_channel: return "unknown_channel";
    case errc::not_a_member: return "not_a_member";
    case errc::already_member: return "already_member";
    case errc::duplicate_name: return "duplicate_name";
    case errc::invalid_argument: return "invalid_argument";
    case errc::limit_exceeded: return "limit_exceeded";
    case errc::time_went_backwards: return "time_went_backwards";
    case errc::illegal_transition: return "illegal_transition";
    case errc::not_logged_in: return "not_logged_in";
    case errc::already_logged_in: return "already_logged_in";
    case errc::already_ready: return "already_ready";
    case errc::has_active_contacts: return "has_active_contacts";
    case errc::still_logged_in: return "still_logged_in";
    case errc::offer_not_pending: return "offer_not_pending";
    case errc::contact_not_waiting: return "contact_not_waiting";
    case errc::contact_not_connected: return "contact_not_connected";
    case errc::not_in_wrap_up: return "not_in_wrap_up";
    case errc::queue_not_empty: return "queue_not_empty";
    case errc::queue_full: return "queue_full";
    case errc::no_agents: return "no_agents";
    case errc::channel_not_accepted: return "channel_not_accepted";
    case errc::unknown_skill: return "unknown_skill";
    case errc::unknown_attribute: return "unknown_attribute";
    case errc::unknown_requirement: return "unknown_requirement";
    case errc::unknown_plan: return "unknown_plan";
    case errc::parse_error: return "parse_error";
    case errc::contradictory_requirement: return "contradictory_requirement";
    case errc::malformed_data: return "malformed_data";
    case errc::invalid_percentage: return "invalid_percentage";
    case errc::invalid_threshold: return "invalid_threshold";
    case errc::corrupt_journal: return "corrupt_journal";
    case errc::io_error: return "io_error";
    default: break;  // codes added later print by number
  }
  return "errc#" + std::to_string(ec.value());
}
inline std::string secs(time_point t) {
  if (t == never) return "never";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", to_seconds(t));
  return buf;
}

/// The error code of a result as a name ("ok" for success), for CHECK(err(...) == "queue_full").
template <class T>
std::string err(const result<T>& r) {
  return errc_name(r.error());
}

// ---- Recording ports -----------------------------------------------------------------------

struct recorded_event {
  event e;  ///< attributes / why pointers cleared; copies below.
  bool has_attributes = false;
  attribute_map attributes;
  bool has_why = false;
  explanation why;
};

class recording_observer final : public event_observer {
 public:
  std::vector<recorded_event> events;
  /// Copies of route-out destinations; recorded events point here.
  std::deque<std::string> destinations;
  /// Runs after the event is recorded; may throw or call router commands.
  std::function<void(const event&)> hook;

 protected:
  void on_event(const event& e) override {
    recorded_event r;
    r.e = e;
    if (e.attributes != nullptr) {
      r.has_attributes = true;
      r.attributes = *e.attributes;
    }
    if (e.why != nullptr) {
      r.has_why = true;
      r.why = *e.why;
    }
    r.e.attributes = nullptr;
    r.e.why = nullptr;
    if (e.destination != nullptr) {
      destinations.emplace_back(e.destination);  // a deque: earlier copies stay put
      r.e.destination = destinations.back().c_str();
    }
    events.push_back(r);
    if (hook) hook(e);
  }
};

struct recorded_offer {
  offer_request request;  ///< attributes pointer cleared; copy below.
  bool has_attributes = false;
  attribute_map attributes;
  /// How many events the observer had seen when the transport was called.
  std::size_t events_seen = 0;
};

class fake_transport final : public offer_transport {
 public:
  const recording_observer* observer = nullptr;
  std::vector<recorded_offer> offers;
  std::vector<offer_cancellation> cancels;
  /// Run after recording; may throw or call router commands (accept from on_offer...).
  std::function<void(const offer_request&)> offer_hook;
  std::function<void(const offer_cancellation&)> cancel_hook;
  /// Escalation hand-offs (route out, callback offers); destination copied into `destination`.
  struct recorded_escalation {
    escalation_request request;  ///< attributes and destination pointers cleared.
    std::string destination;
  };
  std::vector<recorded_escalation> route_outs;
  std::vector<recorded_escalation> callback_offers;

 protected:
  static recorded_escalation copy_of(const escalation_request& r) {
    recorded_escalation x;
    x.request = r;
    x.request.attributes = nullptr;
    x.request.destination = nullptr;
    if (r.destination != nullptr) x.destination = r.destination;
    return x;
  }
  void on_route_out(const escalation_request& r) override { route_outs.push_back(copy_of(r)); }
  void on_callback_offer(const escalation_request& r) override { callback_offers.push_back(copy_of(r)); }
  void on_offer(const offer_request& r) override {
    recorded_offer o;
    o.request = r;
    o.request.attributes = nullptr;
    if (r.attributes != nullptr) {
      o.has_attributes = true;
      o.attributes = *r.attributes;
    }
    o.events_seen = observer != nullptr ? observer->events.size() : 0;
    offers.push_back(o);
    if (offer_hook) offer_hook(r);
  }
  void on_cancel(const offer_cancellation& c) override {
    cancels.push_back(c);
    if (cancel_hook) cancel_hook(c);
  }
};

// ---- The host ------------------------------------------------------------------------------

/// How given_agent sets an agent up.
struct agent_setup {
  enum class start { ready, not_ready, logged_out };
  start starts = start::ready;
  /// Restrict the standard capacity profile to these channels.
  std::optional<channel_set> channels;
  /// Further changes to the configuration.
  std::function<void(agent_config&)> configure;
};

inline agent_setup logged_out() {
  agent_setup s;
  s.starts = agent_setup::start::logged_out;
  return s;
}
inline agent_setup not_ready_setup() {
  agent_setup s;
  s.starts = agent_setup::start::not_ready;
  return s;
}
inline agent_setup serving(channel_set cs) {
  agent_setup s;
  s.channels = cs;
  return s;
}
/// An agent with skills (name, level) and attributes (name, value), for skills-based routing.
inline agent_setup skilled(std::vector<std::pair<std::string, std::uint8_t>> skills,
                           std::vector<std::pair<std::string, std::string>> attributes = {},
                           agent_setup::start st = agent_setup::start::ready) {
  agent_setup s;
  s.starts = st;
  s.configure = [skills = std::move(skills), attributes = std::move(attributes)](agent_config& c) {
    c.skills = skills;
    c.attributes = attributes;
  };
  return s;
}
inline agent_setup configured(std::function<void(agent_config&)> f,
                              agent_setup::start st = agent_setup::start::ready) {
  agent_setup s;
  s.starts = st;
  s.configure = std::move(f);
  return s;
}

class recording_host {
 public:
  explicit recording_host(router_options options = {}) : r(options) {
    r.set_observer(&observer);
    for (std::uint8_t c = 0; c < channels::builtin_count; ++c) {
      transports[c].observer = &observer;
      REQUIRE(r.set_transport(channel_id(c), &transports[c]));
    }
    r.set_error_handler([this](std::string_view where, std::string_view what) {
      host_errors.emplace_back(std::string(where), std::string(what));
    });
  }
  recording_host(const recording_host&) = delete;
  recording_host& operator=(const recording_host&) = delete;

  router r;
  recording_observer observer;
  fake_transport transports[max_channels];
  std::vector<std::pair<std::string, std::string>> host_errors;

  fake_transport& transport(channel_id c) { return transports[c.value()]; }
  fake_transport& voice() { return transports[channels::voice.value()]; }
  fake_transport& chat() { return transports[channels::chat.value()]; }

  // ---- Setup (at the router's current time) ----------------------------------------------
  queue_id given_queue(const std::string& name,
                       const std::function<void(queue_config&)>& configure = {}) {
    queue_config cfg;
    cfg.name = name;
    if (configure) configure(cfg);
    auto q = r.add_queue(r.now(), cfg);
    INFO("add_queue " << name << ": " << errc_name(q.error()));
    REQUIRE(q);
    queue_names_[q->value()] = name;
    return *q;
  }

  agent_id given_agent(const std::string& name, const std::vector<queue_id>& queues = {},
                       const agent_setup& setup = {}) {
    agent_config cfg;
    cfg.name = name;
    if (setup.channels) cfg.capacity = capacity_profile::standard(r.channels()).only(*setup.channels);
    if (setup.configure) setup.configure(cfg);
    auto a = r.add_agent(r.now(), cfg);
    INFO("add_agent " << name << ": " << errc_name(a.error()));
    REQUIRE(a);
    agent_names_[a->value()] = name;
    for (queue_id q : queues) member(q, *a);
    if (setup.starts != agent_setup::start::logged_out) {
      const bool ready = setup.starts == agent_setup::start::ready;
      auto s = r.login(r.now(), *a, ready);
      INFO("login " << name << ": " << errc_name(s.error()));
      REQUIRE(s);
    }
    return *a;
  }

  void member(queue_id q, agent_id a, member_options options = {}) {
    auto s = r.add_member(r.now(), q, a, options);
    INFO("add_member " << name(q) << " " << name(a) << ": " << errc_name(s.error()));
    REQUIRE(s);
  }

  // ---- Commands that must succeed (time in seconds) ----------------------------------------
  contact_id arrive(double at, queue_id q, channel_id ch = channels::voice, std::int32_t priority = 0) {
    contact_spec spec;
    spec.queue = q;
    spec.channel = ch;
    spec.priority = priority;
    return arrive(at, spec);
  }
  contact_id arrive(double at, const contact_spec& spec) {
    auto c = r.arrive(at_seconds(at), spec);
    INFO("arrive at " << at << ": " << errc_name(c.error()));
    REQUIRE(c);
    label(*c);
    return *c;
  }
  void login(double at, agent_id a, bool ready = true, reason_code reason = reason_codes::none) {
    check(r.login(at_seconds(at), a, ready, reason), "login");
  }
  void logout(double at, agent_id a) { check(r.logout(at_seconds(at), a), "logout"); }
  void ready(double at, agent_id a) { check(r.ready(at_seconds(at), a), "ready"); }
  void not_ready(double at, agent_id a, reason_code reason = 1) {
    check(r.not_ready(at_seconds(at), a, reason), "not_ready");
  }
  void accept(double at, offer_id o) { check(r.accept(at_seconds(at), o), "accept"); }
  void accept(double at, contact_id c, agent_id a) { accept(at, offer_of(c, a)); }
  void reject(double at, offer_id o, failure_kind k = failure_kind::rejected) {
    check(r.reject(at_seconds(at), o, k), "reject");
  }
  void reject(double at, contact_id c, agent_id a, failure_kind k = failure_kind::rejected) {
    reject(at, offer_of(c, a), k);
  }
  void complete(double at, contact_id c) { check(r.complete(at_seconds(at), c), "complete"); }
  void abandon(double at, contact_id c) { check(r.abandon(at_seconds(at), c), "abandon"); }
  void advance(double at) { check(r.advance(at_seconds(at)), "advance"); }
  void update_agent(double at, agent_id a, const agent_config& config) {
    check(r.update_agent(at_seconds(at), a, config), "update_agent");
  }
  void accept_callback(double at, contact_id c) {
    check(r.accept_callback(at_seconds(at), c), "accept_callback");
  }
  /// Interns a requirement text that must parse.
  requirement_id requirement_of(std::string_view text) {
    parse_diagnostic why;
    auto id = r.add_requirement(text, &why);
    INFO("add_requirement '" << text << "': " << errc_name(id.error()) << " " << why.message);
    REQUIRE(id);
    return *id;
  }
  plan_id plan_of(const escalation_plan& plan) {
    auto id = r.add_escalation_plan(plan);
    INFO("add_escalation_plan: " << errc_name(id.error()));
    REQUIRE(id);
    return *id;
  }
  void end_wrap_up(double at, offer_id o) { check(r.end_wrap_up(at_seconds(at), o), "end_wrap_up"); }
  /// Accepts the offer of c to a at `at` and completes it at `until`.
  void serve(double at, contact_id c, agent_id a, double until) {
    accept(at, c, a);
    complete(until, c);
  }

  // ---- Reading what happened -------------------------------------------------------------
  std::size_t mark() const { return observer.events.size(); }
  const std::vector<recorded_event>& events() const { return observer.events; }

  /// The offer of contact c to agent a (the latest one); REQUIREs that there is one.
  offer_id offer_of(contact_id c, agent_id a) const {
    for (auto it = observer.events.rbegin(); it != observer.events.rend(); ++it) {
      if (it->e.kind == event_kind::contact_offered && it->e.contact == c && it->e.agent == a) {
        return it->e.offer;
      }
    }
    FAIL("no offer of " << label_of(c) << " to " << name(a));
    return {};
  }
  /// The agent the latest offer of c went to (null: never offered).
  agent_id offered_to(contact_id c) const {
    for (auto it = observer.events.rbegin(); it != observer.events.rend(); ++it) {
      if (it->e.kind == event_kind::contact_offered && it->e.contact == c) return it->e.agent;
    }
    return {};
  }
  /// Offers made since a mark, as "c1 alice".
  lines offers_since(std::size_t from) const {
    lines out;
    for (std::size_t i = from; i < observer.events.size(); ++i) {
      const event& e = observer.events[i].e;
      if (e.kind == event_kind::contact_offered) out.push_back(label_of(e.contact) + " " + name(e.agent));
    }
    return out;
  }
  /// The events of one kind since a mark.
  std::vector<event> events_of(event_kind k, std::size_t from = 0) const {
    std::vector<event> out;
    for (std::size_t i = from; i < observer.events.size(); ++i) {
      if (observer.events[i].e.kind == k) out.push_back(observer.events[i].e);
    }
    return out;
  }
  const recorded_event& last(event_kind k) const {
    for (auto it = observer.events.rbegin(); it != observer.events.rend(); ++it) {
      if (it->e.kind == k) return *it;
    }
    FAIL("no event " << name_of(k));
    return observer.events.front();
  }

  /// Contact-level events since a mark (agent state changes and configuration events left
  /// out), one line each, e.g. "t=20 ended c1 alice no_answer".
  lines story_since(std::size_t from) const {
    lines out;
    for (std::size_t i = from; i < observer.events.size(); ++i) {
      const event& e = observer.events[i].e;
      switch (e.kind) {
        case event_kind::agent_state_changed:
        case event_kind::agent_added:
        case event_kind::agent_removed:
        case event_kind::queue_added:
        case event_kind::queue_updated:
        case event_kind::queue_removed:
        case event_kind::member_added:
        case event_kind::member_removed: continue;
        default: out.push_back(describe(e));
      }
    }
    return out;
  }
  /// Every event since a mark, one line each.
  lines all_since(std::size_t from) const {
    lines out;
    for (std::size_t i = from; i < observer.events.size(); ++i) out.push_back(describe(observer.events[i].e));
    return out;
  }
  /// One agent's state changes since a mark, e.g. "t=20 ready->reserved".
  lines states_since(std::size_t from, agent_id a) const {
    lines out;
    for (std::size_t i = from; i < observer.events.size(); ++i) {
      const event& e = observer.events[i].e;
      if (e.kind != event_kind::agent_state_changed || e.agent != a) continue;
      std::string s = "t=" + secs(e.at) + " " + name_of(e.previous) + "->" + name_of(e.state);
      if (e.reason != reason_codes::none) s += " reason=" + name_of(e.reason);
      out.push_back(s);
    }
    return out;
  }

  std::string describe(const event& e) const {
    std::string s = "t=" + secs(e.at) + " " + name_of(e.kind);
    switch (e.kind) {
      case event_kind::contact_queued: return s + " " + label_of(e.contact) + " " + name(e.queue);
      case event_kind::contact_refused: return s + " " + name(e.queue) + " " + errc_name(make_error_code(e.refusal));
      case event_kind::contact_offered: return s + " " + label_of(e.contact) + " " + name(e.agent);
      case event_kind::offer_ended: {
        s += " " + label_of(e.contact) + " " + name(e.agent) + " " + name_of(e.outcome);
        if (e.outcome == offer_outcome::cancelled) s += std::string(":") + name_of(e.cancel);
        return s;
      }
      case event_kind::contact_connected:
      case event_kind::contact_completed: return s + " " + label_of(e.contact) + " " + name(e.agent);
      case event_kind::contact_abandoned: return s + " " + label_of(e.contact) + " " + name(e.queue);
      case event_kind::contact_routed_out: {
        s += " " + label_of(e.contact) + " " + name(e.queue);
        if (e.step >= 0) s += " step=" + std::to_string(e.step);
        if (e.destination != nullptr) s += std::string(" to=") + e.destination;
        return s;
      }
      case event_kind::escalation_step:
      case event_kind::callback_offered:
        return s + " " + label_of(e.contact) + " " + name(e.queue) + " step=" + std::to_string(e.step);
      case event_kind::callback_accepted: return s + " " + label_of(e.contact) + " " + name(e.queue);
      case event_kind::contact_expired:
        return s + " " + label_of(e.contact) + " " + name(e.queue) + " " + name_of(e.exit);
      case event_kind::contact_transferred:
        return s + " " + label_of(e.contact) + " " + name(e.other_queue) + "->" + name(e.queue) + " " +
               name_of(e.exit);
      case event_kind::agent_state_changed: {
        s += " " + name(e.agent) + " " + name_of(e.previous) + "->" + name_of(e.state);
        if (e.reason != reason_codes::none) s += " reason=" + name_of(e.reason);
        return s;
      }
      case event_kind::wrap_up_started:  // the contact field is checked where it matters
        return s + " " + name(e.agent) + " until=" + secs(e.deadline);
      case event_kind::wrap_up_ended: return s + " " + name(e.agent);
      case event_kind::agent_added:
      case event_kind::agent_removed: return s + " " + name(e.agent);
      case event_kind::queue_added:
      case event_kind::queue_updated:
      case event_kind::queue_removed: return s + " " + name(e.queue);
      case event_kind::member_added:
      case event_kind::member_removed: return s + " " + name(e.queue) + " " + name(e.agent);
    }
    return s;
  }

  // ---- Names ------------------------------------------------------------------------------
  std::string name(agent_id a) const {
    if (a.is_null()) return "-";
    auto it = agent_names_.find(a.value());
    if (it != agent_names_.end()) return it->second;
    auto info = r.agent(a);
    if (info) return std::string(info->name);
    return "agent#" + std::to_string(a.index());
  }
  std::string name(queue_id q) const {
    if (q.is_null()) return "-";
    auto it = queue_names_.find(q.value());
    if (it != queue_names_.end()) return it->second;
    auto info = r.queue(q);
    if (info) return std::string(info->name);
    return "queue#" + std::to_string(q.index());
  }
  std::string label_of(contact_id c) const {
    if (c.is_null()) return "-";
    const_cast<recording_host*>(this)->label_all();
    auto it = contact_labels_.find(c.value());
    return it != contact_labels_.end() ? it->second : "contact#" + std::to_string(c.index());
  }
  void remember(agent_id a, const std::string& n) { agent_names_[a.value()] = n; }
  void remember(queue_id q, const std::string& n) { queue_names_[q.value()] = n; }

  // ---- Queries that must succeed ------------------------------------------------------------
  agent_info info(agent_id a) const {
    auto i = r.agent(a);
    INFO("agent " << name(a) << ": " << errc_name(i.error()));
    REQUIRE(i);
    return *i;
  }
  queue_info info(queue_id q) const {
    auto i = r.queue(q);
    INFO("queue " << name(q) << ": " << errc_name(i.error()));
    REQUIRE(i);
    return *i;
  }
  contact_info info(contact_id c) const {
    auto i = r.contact(c);
    INFO("contact " << label_of(c) << ": " << errc_name(i.error()));
    REQUIRE(i);
    return *i;
  }
  agent_state state(agent_id a) const { return info(a).state; }
  contact_state state(contact_id c) const { return info(c).state; }
  /// The queue's contacts as labels, in order.
  lines waiting(queue_id q) const {
    lines out;
    for (contact_id c : r.waiting_contacts(q)) out.push_back(label_of(c));
    return out;
  }
  std::uint32_t failures(agent_id a, failure_kind k) const {
    return info(a).consecutive_failures[static_cast<std::size_t>(k)];
  }

 private:
  void check(const status& s, const char* what) {
    INFO(what << ": " << errc_name(s.error()));
    REQUIRE(s);
  }
  void label(contact_id c) {
    label_all();
    if (contact_labels_.find(c.value()) == contact_labels_.end()) {
      contact_labels_[c.value()] = "c" + std::to_string(++contacts_seen_);
    }
  }
  /// Labels contacts in the order events first name them.
  void label_all() {
    for (; labelled_events_ < observer.events.size(); ++labelled_events_) {
      const contact_id c = observer.events[labelled_events_].e.contact;
      if (!c.is_null() && contact_labels_.find(c.value()) == contact_labels_.end()) {
        contact_labels_[c.value()] = "c" + std::to_string(++contacts_seen_);
      }
    }
  }

  std::map<std::uint64_t, std::string> agent_names_;
  std::map<std::uint64_t, std::string> queue_names_;
  std::map<std::uint64_t, std::string> contact_labels_;
  std::size_t labelled_events_ = 0;
  int contacts_seen_ = 0;
};

/// A fresh host (non-movable, hence the pointer).
inline std::unique_ptr<recording_host> make_router(router_options options = {}) {
  return std::make_unique<recording_host>(options);
}

/// Sorted copy, for events whose relative order the rules leave open.
inline lines sorted(lines l) {
  std::sort(l.begin(), l.end());
  return l;
}

/// Thrown by test hooks.
struct host_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace omniroute_test

// ---- Catch printing ------------------------------------------------------------------------
namespace Catch {
template <class Tag>
struct StringMaker<omniroute::handle<Tag>> {
  static std::string convert(const omniroute::handle<Tag>& h) {
    if (h.is_null()) return "null";
    return std::to_string(h.index()) + ":" + std::to_string(h.generation());
  }
};
template <>
struct StringMaker<omniroute::agent_state> {
  static std::string convert(omniroute::agent_state s) { return omniroute_test::name_of(s); }
};
template <>
struct StringMaker<omniroute::contact_state> {
  static std::string convert(omniroute::contact_state s) { return omniroute_test::name_of(s); }
};
template <>
struct StringMaker<omniroute::event_kind> {
  static std::string convert(omniroute::event_kind k) { return omniroute_test::name_of(k); }
};
template <>
struct StringMaker<omniroute::offer_outcome> {
  static std::string convert(omniroute::offer_outcome o) { return omniroute_test::name_of(o); }
};
template <>
struct StringMaker<omniroute::cancel_cause> {
  static std::string convert(omniroute::cancel_cause c) { return omniroute_test::name_of(c); }
};
template <>
struct StringMaker<omniroute::exit_reason> {
  static std::string convert(omniroute::exit_reason r) { return omniroute_test::name_of(r); }
};
template <>
struct StringMaker<omniroute::time_point> {
  static std::string convert(omniroute::time_point t) { return "t=" + omniroute_test::secs(t); }
};
}  // namespace Catch

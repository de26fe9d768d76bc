// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_ROUTER_EVENT_INL_HPP
#define OMNIROUTE_ROUTER_EVENT_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/router/event.hpp>
#endif

#include <fmt/format.h>

#include <iterator>

OMNIROUTE_BEGIN_NAMESPACE

OMNIROUTE_INLINE const char* to_string(event_kind k) noexcept {
  switch (k) {
    case event_kind::contact_queued: return "contact_queued";
    case event_kind::contact_refused: return "contact_refused";
    case event_kind::contact_offered: return "contact_offered";
    case event_kind::offer_ended: return "offer_ended";
    case event_kind::contact_connected: return "contact_connected";
    case event_kind::contact_completed: return "contact_completed";
    case event_kind::contact_abandoned: return "contact_abandoned";
    case event_kind::contact_expired: return "contact_expired";
    case event_kind::contact_transferred: return "contact_transferred";
    case event_kind::contact_routed_out: return "contact_routed_out";
    case event_kind::agent_state_changed: return "agent_state_changed";
    case event_kind::wrap_up_started: return "wrap_up_started";
    case event_kind::wrap_up_ended: return "wrap_up_ended";
    case event_kind::agent_added: return "agent_added";
    case event_kind::agent_removed: return "agent_removed";
    case event_kind::queue_added: return "queue_added";
    case event_kind::queue_updated: return "queue_updated";
    case event_kind::queue_removed: return "queue_removed";
    case event_kind::member_added: return "member_added";
    case event_kind::member_removed: return "member_removed";
    case event_kind::escalation_step: return "escalation_step";
    case event_kind::callback_offered: return "callback_offered";
    case event_kind::callback_accepted: return "callback_accepted";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(offer_outcome o) noexcept {
  switch (o) {
    case offer_outcome::none: return "none";
    case offer_outcome::accepted: return "accepted";
    case offer_outcome::no_answer: return "no_answer";
    case offer_outcome::rejected: return "rejected";
    case offer_outcome::busy: return "busy";
    case offer_outcome::unreachable: return "unreachable";
    case offer_outcome::cancelled: return "cancelled";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(cancel_cause c) noexcept {
  switch (c) {
    case cancel_cause::none: return "none";
    case cancel_cause::contact_left: return "contact_left";
    case cancel_cause::answered_elsewhere: return "answered_elsewhere";
    case cancel_cause::agent_logged_out: return "agent_logged_out";
    case cancel_cause::member_removed: return "member_removed";
    case cancel_cause::queue_removed: return "queue_removed";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(exit_reason r) noexcept {
  switch (r) {
    case exit_reason::none: return "none";
    case exit_reason::max_wait: return "max_wait";
    case exit_reason::leave_when_empty: return "leave_when_empty";
    case exit_reason::host_transfer: return "host_transfer";
    case exit_reason::queue_removed: return "queue_removed";
    case exit_reason::escalation: return "escalation";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(agent_state s) noexcept {
  switch (s) {
    case agent_state::logged_out: return "logged_out";
    case agent_state::ready: return "ready";
    case agent_state::not_ready: return "not_ready";
    case agent_state::reserved: return "reserved";
    case agent_state::busy: return "busy";
    case agent_state::wrap_up: return "wrap_up";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(contact_state s) noexcept {
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
  return "?";
}

OMNIROUTE_INLINE const char* to_string(decision_side s) noexcept {
  switch (s) {
    case decision_side::contact_side: return "contact-side";
    case decision_side::agent_side: return "agent-side";
    case decision_side::ring_step: return "ring-step";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(tie_break t) noexcept {
  switch (t) {
    case tie_break::none: return "none";
    case tie_break::tier: return "tier";
    case tie_break::strategy_key: return "strategy_key";
    case tie_break::creation_order: return "creation_order";
    case tie_break::random_draw: return "random_draw";
    case tie_break::queue_weight: return "queue_weight";
    case tie_break::priority: return "priority";
    case tie_break::wait_time: return "wait_time";
    case tie_break::all_offered: return "all_offered";
    case tie_break::delay_ratio: return "delay_ratio";
    case tie_break::queue_share: return "queue_share";
    case tie_break::allocation_share: return "allocation_share";
    case tie_break::idle_ratio: return "idle_ratio";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(strategy_kind k) noexcept {
  switch (k) {
    case strategy_kind::longest_idle: return "longest_idle";
    case strategy_kind::best_skill: return "best_skill";
    case strategy_kind::round_robin: return "round_robin";
    case strategy_kind::linear: return "linear";
    case strategy_kind::top_down: return "top_down";
    case strategy_kind::fewest_contacts: return "fewest_contacts";
    case strategy_kind::least_talk_time: return "least_talk_time";
    case strategy_kind::random: return "random";
    case strategy_kind::weighted_random: return "weighted_random";
    case strategy_kind::ring_all: return "ring_all";
    case strategy_kind::progressive_ring: return "progressive_ring";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(queue_selection_policy p) noexcept {
  switch (p) {
    case queue_selection_policy::static_priority: return "static_priority";
    case queue_selection_policy::delay_ratio: return "delay_ratio";
    case queue_selection_policy::fixed_queue_ratio: return "fixed_queue_ratio";
    case queue_selection_policy::percent_allocation: return "percent_allocation";
  }
  return "?";
}

namespace detail {
template <class Tag>
std::string handle_text(handle<Tag> h) {
  return fmt::format("{}:{}", h.index(), h.generation());
}
}  // namespace detail

OMNIROUTE_INLINE std::string to_string(const explanation& e) {
  std::string out = fmt::format("{} {} weighed {} candidate(s), decided by {}", to_string(e.side),
                                to_string(e.rule), e.candidates_weighed, to_string(e.tie));
  if (e.selection != queue_selection_policy::static_priority) {
    fmt::format_to(std::back_inserter(out), ", queue selection {}", to_string(e.selection));
  }
  if (e.step >= 0) fmt::format_to(std::back_inserter(out), ", escalation step {} in force", e.step);
  for (std::uint32_t i = 0; i < e.listed; ++i) {
    const explained_candidate& c = e.candidates[i];
    out += i == 0 ? " | chosen: " : (i == 1 ? " | then: " : ", ");
    if (e.side == decision_side::agent_side) {
      fmt::format_to(std::back_inserter(out), "contact {} in queue {} (priority {}, since {:.3f}s)",
                     detail::handle_text(c.contact), detail::handle_text(c.queue), c.key,
                     to_seconds(c.time));
    } else {
      fmt::format_to(std::back_inserter(out), "agent {} (tier {}, key {})",
                     detail::handle_text(c.agent), c.tier, c.key);
    }
  }
  return out;
}

OMNIROUTE_INLINE std::string to_string(const event& e) {
  std::string out = fmt::format("#{} t={:.3f}s {}", e.sequence, to_seconds(e.at), to_string(e.kind));
  auto field = [&](const char* name, auto h) {
    if (h) fmt::format_to(std::back_inserter(out), " {}={}", name, detail::handle_text(h));
  };
  field("contact", e.contact);
  field("agent", e.agent);
  field("queue", e.queue);
  field("from", e.other_queue);
  field("offer", e.offer);
  if (e.kind == event_kind::offer_ended) {
    fmt::format_to(std::back_inserter(out), " outcome={}", to_string(e.outcome));
    if (e.cancel != cancel_cause::none) fmt::format_to(std::back_inserter(out), " cause={}", to_string(e.cancel));
  }
  if (e.kind == event_kind::agent_state_changed) {
    fmt::format_to(std::back_inserter(out), " {}->{}", to_string(e.previous), to_string(e.state));
    if (e.reason != reason_codes::none) fmt::format_to(std::back_inserter(out), " reason={:#x}", e.reason);
  }
  if (e.exit != exit_reason::none) fmt::format_to(std::back_inserter(out), " exit={}", to_string(e.exit));
  if (e.step >= 0) fmt::format_to(std::back_inserter(out), " step={}", e.step);
  if (e.destination) fmt::format_to(std::back_inserter(out), " destination={}", e.destination);
  if (e.kind == event_kind::contact_refused) fmt::format_to(std::back_inserter(out), " refusal={}", to_string(e.refusal));
  return out;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_EVENT_INL_HPP

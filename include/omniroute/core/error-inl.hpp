// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_CORE_ERROR_INL_HPP
#define OMNIROUTE_CORE_ERROR_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/core/error.hpp>
#endif

#include <string>

OMNIROUTE_BEGIN_NAMESPACE

OMNIROUTE_INLINE const char* to_string(errc e) noexcept {
  switch (e) {
    case errc::unknown_agent: return "unknown or removed agent";
    case errc::unknown_queue: return "unknown or removed queue";
    case errc::unknown_contact: return "unknown or ended contact";
    case errc::unknown_offer: return "unknown or ended offer";
    case errc::unknown_channel: return "unknown channel";
    case errc::not_a_member: return "agent is not a member of the queue";
    case errc::already_member: return "agent is already a member of the queue";
    case errc::duplicate_name: return "name already in use";
    case errc::unknown_skill: return "unknown skill";
    case errc::unknown_attribute: return "unknown attribute";
    case errc::unknown_requirement: return "unknown requirement";
    case errc::unknown_plan: return "unknown escalation plan";
    case errc::invalid_argument: return "invalid argument";
    case errc::limit_exceeded: return "limit exceeded";
    case errc::time_went_backwards: return "time went backwards";
    case errc::parse_error: return "requirement parse error";
    case errc::contradictory_requirement: return "contradictory requirement";
    case errc::malformed_data: return "malformed data";
    case errc::corrupt_journal: return "corrupt journal";
    case errc::io_error: return "i/o error";
    case errc::invalid_percentage: return "percentage outside 0..100";
    case errc::invalid_threshold: return "service-level threshold not positive";
    case errc::illegal_transition: return "illegal state transition";
    case errc::not_logged_in: return "agent is logged out";
    case errc::already_logged_in: return "agent is already logged in";
    case errc::already_ready: return "agent is already ready";
    case errc::has_active_contacts: return "agent has connected contacts";
    case errc::still_logged_in: return "agent is still logged in";
    case errc::offer_not_pending: return "offer is not pending";
    case errc::contact_not_waiting: return "contact is not waiting";
    case errc::contact_not_connected: return "contact is not connected";
    case errc::not_in_wrap_up: return "work is not in wrap-up";
    case errc::queue_not_empty: return "queue has waiting contacts";
    case errc::queue_full: return "queue full";
    case errc::no_agents: return "no agents available to join";
    case errc::channel_not_accepted: return "channel not accepted by queue";
  }
  return "unknown omniroute error";
}

namespace detail {
class error_category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "omniroute"; }
  std::string message(int value) const override { return to_string(static_cast<errc>(value)); }
};
}  // namespace detail

OMNIROUTE_INLINE const std::error_category& error_category() noexcept {
  static const detail::error_category_impl instance;
  return instance;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_ERROR_INL_HPP

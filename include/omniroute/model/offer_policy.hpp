// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// What happens when an offer fails: per outcome counters, hold-back delays and thresholds.
#ifndef OMNIROUTE_MODEL_OFFER_POLICY_HPP
#define OMNIROUTE_MODEL_OFFER_POLICY_HPP

#include <omniroute/core/time.hpp>

#include <cstdint>
#include <optional>

OMNIROUTE_BEGIN_NAMESPACE

/// A host-defined reason for "not ready" (lunch, training...). Values at and above
/// `reason_codes::system_base` are reserved for reasons the router sets itself.
using reason_code = std::uint32_t;

namespace reason_codes {
inline constexpr reason_code none = 0;
inline constexpr reason_code system_base = 0xFFFF0000u;
inline constexpr reason_code no_answer = system_base + 1;
inline constexpr reason_code rejected = system_base + 2;
inline constexpr reason_code busy = system_base + 3;
inline constexpr reason_code unreachable = system_base + 4;
}  // namespace reason_codes

/// How an offer can fail on the agent's side. `no_answer` is the offer timing out; the others
/// are the host's answer to the offer (`router::reject`).
enum class failure_kind : std::uint8_t { no_answer, rejected, busy, unreachable };
inline constexpr std::size_t failure_kind_count = 4;

/// The reaction to one kind of failed offer.
struct failure_policy {
  /// The agent is offered nothing for this long after the failure (0: no hold-back).
  duration hold_back = duration::zero();
  /// After this many consecutive failures of this kind the agent goes not ready (0: never).
  /// Any accepted offer resets every consecutive counter.
  std::uint32_t threshold = 0;
  /// The not-ready reason set when the threshold is reached.
  reason_code reason = reason_codes::none;
};

/// A queue's offer rules; agents may override any part.
struct offer_policy {
  /// How long an offer rings before it times out as `no_answer` (0: offers never time out).
  duration timeout = std::chrono::seconds(20);
  failure_policy no_answer{duration::zero(), 3, reason_codes::no_answer};
  failure_policy rejected{duration::zero(), 0, reason_codes::rejected};
  failure_policy busy{duration::zero(), 0, reason_codes::busy};
  failure_policy unreachable{duration::zero(), 1, reason_codes::unreachable};

  const failure_policy& for_kind(failure_kind k) const noexcept {
    switch (k) {
      case failure_kind::no_answer: return no_answer;
      case failure_kind::rejected: return rejected;
      case failure_kind::busy: return busy;
      case failure_kind::unreachable: return unreachable;
    }
    return no_answer;
  }
};

/// An agent's overrides of queue offer rules; empty fields defer to the queue.
struct offer_policy_override {
  std::optional<duration> timeout;
  std::optional<failure_policy> no_answer;
  std::optional<failure_policy> rejected;
  std::optional<failure_policy> busy;
  std::optional<failure_policy> unreachable;

  /// The queue's policy with these overrides applied.
  offer_policy apply(offer_policy base) const noexcept {
    if (timeout) base.timeout = *timeout;
    if (no_answer) base.no_answer = *no_answer;
    if (rejected) base.rejected = *rejected;
    if (busy) base.busy = *busy;
    if (unreachable) base.unreachable = *unreachable;
    return base;
  }
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_OFFER_POLICY_HPP

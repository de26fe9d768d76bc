// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Expected-wait predictors for announcements ("you are third in line, about two minutes") and
// routing conditions ("if the expected wait exceeds 5 minutes, offer a callback"). The formulas
// are pure functions of a few inputs; `statistics` estimates the inputs from the event stream
// (see statistics::wait_inputs and docs/stats.md).
#ifndef OMNIROUTE_STATS_WAIT_HPP
#define OMNIROUTE_STATS_WAIT_HPP

#include <omniroute/core/time.hpp>

#include <cstdint>
#include <optional>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

/// Which predictor a queue uses.
enum class wait_predictor : std::uint8_t {
  /// (n + 1) / (s·μ): n contacts ahead, s staffed agents, μ = 1 / AHT. Exact for M/M/s without
  /// abandonment, given n.
  queue_length,
  /// Σ_{i=0..n} 1 / (s·μ + i·θ): as queue_length, but each contact ahead may abandon at rate θ
  /// (Erlang-A, the M/M/s+M model). The expected wait to service given n ahead.
  queue_length_abandonment,
  /// Head of line: (n + 1) / n × the wait so far of the contact longest in the queue (the head
  /// has waited while n contacts arrived behind it). Without anyone ahead: the LES value.
  head_of_line,
  /// Last to enter service: the wait of the contact most recently answered in this queue.
  last_to_enter_service,
};

/// What the predictors need. Rates are per second.
struct wait_inputs {
  std::uint32_t ahead = 0;      ///< Contacts ahead (router::position of the contact).
  std::uint32_t agents = 0;     ///< Staffed agents of the queue (ready, reserved, busy, wrap-up).
  double service_rate = 0;      ///< μ: 1 / average handle time.
  double abandon_rate = 0;      ///< θ: abandons per second of waiting.
  /// The wait so far of the contact longest in the queue (nullopt: queue empty).
  std::optional<duration> head_wait;
  /// The wait of the contact most recently answered (nullopt: none yet).
  std::optional<duration> last_answer_wait;
};

/// The prediction, or nullopt when the inputs cannot give one (no staffed agents and no
/// abandonment, no history for LES...). Complexity: O(ahead) for queue_length_abandonment,
/// O(1) otherwise. Throws nothing.
OMNIROUTE_API std::optional<duration> predict_wait(wait_predictor p, const wait_inputs& in) noexcept;

OMNIROUTE_API const char* to_string(wait_predictor p) noexcept;

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/stats/wait-inl.hpp>
#endif

#endif  // OMNIROUTE_STATS_WAIT_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The plain data the statistics module reports: one interval's counters and times, the
// real-time picture of a queue, and the metrics derived from them. docs/stats.md defines
// every field and the interval each one counts in.
#ifndef OMNIROUTE_STATS_INTERVAL_HPP
#define OMNIROUTE_STATS_INTERVAL_HPP

#include <omniroute/core/time.hpp>
#include <omniroute/model/agent.hpp>

#include <array>
#include <cstdint>
#include <optional>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

/// The three service-level formulas in use across the industry. "Within T" means a wait of at
/// most T (a contact answered after exactly T counts as within).
enum class service_level_definition : std::uint8_t {
  of_offered,         ///< answered within T / offered
  of_answered,        ///< answered within T / answered
  of_offered_less_abandoned_within,  ///< answered within T / (offered - abandoned within T)
};

/// Number of agent_state values (logged_out ... wrap_up), for arrays indexed by state.
inline constexpr std::size_t agent_state_count = 6;

/// Time agents spent in each derived state during an interval (see agent_state). Agent rows
/// hold one agent; queue rows the sum over the queue's members while they were members; group
/// rows the sum over agents that were members of any queue of the group (each agent once).
struct agent_time {
  duration logged_in = duration::zero();  ///< Every state except logged_out.
  duration ready = duration::zero();      ///< Idle and ready.
  duration not_ready = duration::zero();  ///< Idle and not ready (busy-while-not-ready is busy).
  duration reserved = duration::zero();   ///< An offer pending, nothing connected.
  duration busy = duration::zero();       ///< At least one contact connected.
  duration wrap_up = duration::zero();    ///< Only wrap-up work left.

  /// Occupied time: reserved + busy + wrap_up.
  duration occupied() const noexcept { return reserved + busy + wrap_up; }
  /// Available time: logged in minus not ready (idle not-ready time excluded).
  duration available() const noexcept { return logged_in - not_ready; }
};

/// One interval [begin, end) of one row (a queue, an agent, a channel or a group).
/// Counts follow the outcome convention: a contact counts in the interval in which the event
/// that decided it happened (docs/stats.md). Durations are exact; the derived metrics below
/// return nullopt when their denominator is zero.
struct interval_stats {
  time_point begin{};
  time_point end{};

  // ---- Contacts (queue, channel and group rows) --------------------------------------------
  std::uint64_t entered = 0;    ///< contact_queued here: arrivals, transfers and overflows in.
  std::uint64_t refused = 0;    ///< Refused at entry (never offered).
  /// Contacts whose stay in the queue ended here: answered + abandoned (less excluded short
  /// abandons) + expired + routed_out + flowed_out.
  std::uint64_t offered = 0;
  std::uint64_t answered = 0;   ///< Connected to an agent.
  std::uint64_t answered_within_threshold = 0;
  std::uint64_t abandoned = 0;  ///< Short abandons included unless excluded by the options.
  std::uint64_t abandoned_within_threshold = 0;
  std::uint64_t short_abandoned = 0;  ///< Abandoned after waiting less than short_abandon.
  std::uint64_t expired = 0;
  std::uint64_t routed_out = 0;
  /// Left the queue unanswered for another queue (transfer, overflow, queue removal).
  std::uint64_t flowed_out = 0;
  std::uint64_t transferred_in = 0;   ///< Moved here by router::transfer or queue removal.
  std::uint64_t transferred_out = 0;  ///< Moved away by transfer (waiting or connected).
  /// Moved here by the router itself: max_wait / leave_when_empty overflow, escalation.
  std::uint64_t overflowed_in = 0;
  std::uint64_t overflowed_out = 0;
  std::uint64_t callbacks_offered = 0;   ///< Fed by the host / escalation engine.
  std::uint64_t callbacks_accepted = 0;
  duration answer_wait = duration::zero();   ///< Sum of waits of answered contacts.
  duration abandon_wait = duration::zero();  ///< Sum of waits of counted abandons.
  duration longest_answer_wait = duration::zero();
  duration longest_abandon_wait = duration::zero();

  // ---- Work (queue, channel, group rows by the work's queue; agent rows) ----------------------
  std::uint64_t offers = 0;         ///< Offers made (rows of the offer's agent and queue).
  std::uint64_t offers_missed = 0;  ///< Offers that failed: no answer, rejected, busy, unreachable.
  std::uint64_t handled = 0;  ///< Connected work that ended here (completed or transferred away).
  duration talk = duration::zero();     ///< Connect → complete/transfer of that handled work.
  duration wrap_up = duration::zero();  ///< Wrap-ups that ended here, whole length.

  // ---- Agent time (agent, queue and group rows) ---------------------------------------------
  agent_time time;

  // ---- Derived -------------------------------------------------------------------------------
  std::optional<double> service_level(service_level_definition d) const noexcept {
    switch (d) {
      case service_level_definition::of_offered: return ratio(answered_within_threshold, offered);
      case service_level_definition::of_answered: return ratio(answered_within_threshold, answered);
      case service_level_definition::of_offered_less_abandoned_within:
        return ratio(answered_within_threshold, offered - abandoned_within_threshold);
    }
    return std::nullopt;
  }
  /// Average speed of answer, seconds.
  std::optional<double> asa() const noexcept { return per(answer_wait, answered); }
  /// Average handle time (talk + wrap-up) / handled, seconds.
  std::optional<double> aht() const noexcept { return per(talk + wrap_up, handled); }
  /// Average time to abandon, seconds.
  std::optional<double> average_time_to_abandon() const noexcept {
    return per(abandon_wait, abandoned);
  }
  /// abandoned / offered.
  std::optional<double> abandon_rate() const noexcept { return ratio(abandoned, offered); }
  /// (reserved + busy + wrap_up) / (logged_in - not_ready).
  std::optional<double> occupancy() const noexcept {
    return fraction(time.occupied(), time.available());
  }
  /// (reserved + busy + wrap_up) / logged_in.
  std::optional<double> utilisation() const noexcept {
    return fraction(time.occupied(), time.logged_in);
  }

 private:
  static std::optional<double> ratio(std::uint64_t num, std::uint64_t den) noexcept {
    if (den == 0) return std::nullopt;
    return static_cast<double>(num) / static_cast<double>(den);
  }
  static std::optional<double> per(duration total, std::uint64_t n) noexcept {
    if (n == 0) return std::nullopt;
    return to_seconds(total) / static_cast<double>(n);
  }
  static std::optional<double> fraction(duration num, duration den) noexcept {
    if (den <= duration::zero()) return std::nullopt;
    return static_cast<double>(num.count()) / static_cast<double>(den.count());
  }
};

/// A queue (or group) right now.
struct realtime_stats {
  std::uint32_t waiting = 0;  ///< Contacts in the queue, offered ones included.
  /// Wait so far of the contact that entered the queue longest ago (zero when empty).
  duration longest_wait = duration::zero();
  /// Member agents by derived state, indexed by static_cast<size_t>(agent_state).
  std::array<std::uint32_t, agent_state_count> agents{};
  /// (reserved + busy + wrap_up) / (ready + reserved + busy + wrap_up) member agents now.
  std::optional<double> occupancy;

  std::uint32_t agents_in(agent_state s) const noexcept {
    return agents[static_cast<std::size_t>(s)];
  }
  /// Logged in and not idle-not-ready: ready, reserved, busy or wrap_up.
  std::uint32_t staffed() const noexcept {
    return agents_in(agent_state::ready) + agents_in(agent_state::reserved) +
           agents_in(agent_state::busy) + agents_in(agent_state::wrap_up);
  }
};

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_STATS_INTERVAL_HPP

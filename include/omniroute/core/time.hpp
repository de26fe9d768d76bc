// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Time as the host passes it in. omniroute never reads a clock: every command carries `now`,
// and timers are pulled with `next_deadline()` / `advance(now)`. That is what makes the router
// deterministic, testable and fast to simulate.
#ifndef OMNIROUTE_CORE_TIME_HPP
#define OMNIROUTE_CORE_TIME_HPP

#include <omniroute/core/base.hpp>

#include <chrono>
#include <cstdint>
#include <limits>

OMNIROUTE_BEGIN_NAMESPACE

/// A tag clock: it names the epoch of the host's monotonic time line but has no `now()`.
/// Hosts usually map `std::chrono::steady_clock` onto it; simulators start it at zero.
struct router_clock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<router_clock, duration>;
  static constexpr bool is_steady = true;
};

using duration = router_clock::duration;
using time_point = router_clock::time_point;

/// The point no deadline reaches; `next_deadline()` returns it when nothing is armed.
inline constexpr time_point never = time_point::max();

/// The range of times the router accepts (every command's `now`, a contact's arrival): from
/// -2^61 ns to 2^62 ns around the host's epoch, about 1897 to 2116 for the Unix epoch. Earlier
/// or later is refused with invalid_argument.
inline constexpr time_point earliest_time{duration(-(std::int64_t{1} << 61))};
inline constexpr time_point latest_time{duration(std::int64_t{1} << 62)};
/// The longest duration the router accepts in a configuration or command (max wait, timeouts,
/// wrap-up, hold-back, escalation delays...): 2^61 ns, about 73 years. With times and durations
/// so bounded, a deadline (a time plus a duration) and the span between two times stay inside
/// the 64-bit range, so the router computes them without overflow checks.
inline constexpr duration longest_duration{std::int64_t{1} << 61};
/// The largest priority magnitude the router accepts (arrivals, transfers, escalation steps).
/// A priority raised by escalation steps saturates at ±max_priority.
inline constexpr std::int32_t max_priority = 1 << 20;

/// Converts a count of seconds (possibly fractional) to a duration, rounding to nanoseconds.
/// Precondition: finite and within ±292 years.
constexpr duration seconds(double s) noexcept {
  return duration(static_cast<std::int64_t>(s * 1e9 + (s < 0 ? -0.5 : 0.5)));
}

/// A duration as fractional seconds, for statistics and printing.
constexpr double to_seconds(duration d) noexcept { return static_cast<double>(d.count()) / 1e9; }

/// A time point as fractional seconds since the host's epoch.
constexpr double to_seconds(time_point t) noexcept { return to_seconds(t.time_since_epoch()); }

/// A time point `s` seconds after the epoch; convenient for tests and simulations.
constexpr time_point at_seconds(double s) noexcept { return time_point(seconds(s)); }

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_TIME_HPP

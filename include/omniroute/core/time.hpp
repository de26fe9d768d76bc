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

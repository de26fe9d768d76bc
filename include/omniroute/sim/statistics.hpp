// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Output analysis for the simulator: Student t confidence intervals over independent
// replications or batch means.
#ifndef OMNIROUTE_SIM_STATISTICS_HPP
#define OMNIROUTE_SIM_STATISTICS_HPP

#include <omniroute/core/base.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {

/// A point estimate and the half-width of its 95 % confidence interval. Both are NaN when no
/// sample was defined (e.g. a service level in an interval without arrivals); `ci95` is NaN
/// with fewer than two samples.
struct estimate {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double ci95 = std::numeric_limits<double>::quiet_NaN();
  std::uint32_t samples = 0;  ///< How many replications (or batches) defined the value.

  /// Whether `value` lies within mean ± ci95.
  bool covers(double value) const noexcept {
    return value >= mean - ci95 && value <= mean + ci95;
  }
};

/// The q-quantile of Student's t distribution with `df` degrees of freedom (df >= 1,
/// 0.5 <= q < 1), by bisection on the CDF (regularised incomplete beta function).
/// Accurate to about 1e-10. Complexity: about 100 CDF evaluations.
OMNIROUTE_API double student_t_quantile(double q, std::uint32_t df) noexcept;

/// The mean of the finite values and the Student t 95 % half-width, t(0.975, n-1)·s/sqrt(n).
/// Non-finite values (undefined samples) are skipped.
OMNIROUTE_API estimate estimate_of(const double* values, std::size_t count) noexcept;
inline estimate estimate_of(const std::vector<double>& values) noexcept {
  return estimate_of(values.data(), values.size());
}

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/sim/statistics-inl.hpp>
#endif

#endif  // OMNIROUTE_SIM_STATISTICS_HPP

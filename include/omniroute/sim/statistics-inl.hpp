// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_SIM_STATISTICS_INL_HPP
#define OMNIROUTE_SIM_STATISTICS_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/sim/statistics.hpp>
#endif

#include <cmath>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {
namespace detail {

/// Continued fraction of the incomplete beta function (modified Lentz).
inline double beta_continued_fraction(double a, double b, double x) noexcept {
  constexpr double tiny = 1e-300;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-15) break;
  }
  return h;
}

/// The regularised incomplete beta function I_x(a, b).
inline double incomplete_beta(double a, double b, double x) noexcept {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

/// P(T <= t) for t >= 0 and Student's t with df degrees of freedom.
inline double student_t_cdf(double t, double df) noexcept {
  return 1 - 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));
}

}  // namespace detail

OMNIROUTE_INLINE double student_t_quantile(double q, std::uint32_t df) noexcept {
  OMNIROUTE_ASSERT(df >= 1 && q >= 0.5 && q < 1, "student_t_quantile: df >= 1, 0.5 <= q < 1");
  double lo = 0, hi = 1;
  while (detail::student_t_cdf(hi, df) < q) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = (lo + hi) / 2;
    (detail::student_t_cdf(mid, df) < q ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

OMNIROUTE_INLINE estimate estimate_of(const double* values, std::size_t count) noexcept {
  estimate e;
  double sum = 0;
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i])) continue;
    sum += values[i];
    ++n;
  }
  e.samples = n;
  if (n == 0) return e;
  e.mean = sum / n;
  if (n < 2) return e;
  double ss = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i])) continue;
    const double d = values[i] - e.mean;
    ss += d * d;
  }
  // A small table covers the usual replication counts without the bisection.
  static constexpr double t975[] = {0,      12.7062, 4.30265, 3.18245, 2.77645, 2.57058,
                                    2.44691, 2.36462, 2.306,   2.26216, 2.22814, 2.20099,
                                    2.17881, 2.16037, 2.14479, 2.13145, 2.11991, 2.10982,
                                    2.10092, 2.09302, 2.08596};
  const std::uint32_t df = n - 1;
  const double t = df < sizeof(t975) / sizeof(t975[0]) ? t975[df] : student_t_quantile(0.975, df);
  e.ci95 = t * std::sqrt(ss / (n - 1) / n);
  return e;
}

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_STATISTICS_INL_HPP

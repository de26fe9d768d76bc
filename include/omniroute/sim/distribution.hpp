// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Random variates for the simulator: handle times, patience, answer delays. Sampled from the
// core's xoshiro generator with hand-written transforms (not <random>'s distributions, whose
// output differs between standard libraries), so a seed gives the same run everywhere.
#ifndef OMNIROUTE_SIM_DISTRIBUTION_HPP
#define OMNIROUTE_SIM_DISTRIBUTION_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/random.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {

/// The family of a distribution. `none` is "never" (infinite), for patience only.
enum class distribution_kind : std::uint8_t {
  none,
  deterministic,
  exponential,
  lognormal,
  uniform,
  empirical,
};

/// A non-negative random duration in seconds.
/// Invariants (checked by the scenario loader, asserted by the simulator): parameters finite and
/// >= 0; exponential and lognormal means > 0; uniform min <= max; empirical non-empty.
struct distribution {
  distribution_kind kind = distribution_kind::deterministic;
  double a = 0;  ///< deterministic: value; exponential, lognormal: mean; uniform: min.
  double b = 0;  ///< lognormal: standard deviation; uniform: max.
  std::vector<double> samples;  ///< empirical: drawn uniformly.

  static distribution never() { return {distribution_kind::none, 0, 0, {}}; }
  static distribution constant(double value) {
    return {distribution_kind::deterministic, value, 0, {}};
  }
  static distribution exponential(double mean) {
    return {distribution_kind::exponential, mean, 0, {}};
  }
  static distribution lognormal(double mean, double sd) {
    return {distribution_kind::lognormal, mean, sd, {}};
  }
  static distribution uniform(double lo, double hi) {
    return {distribution_kind::uniform, lo, hi, {}};
  }
  static distribution empirical(std::vector<double> values) {
    return {distribution_kind::empirical, 0, 0, std::move(values)};
  }

  /// The mean of the distribution (infinity for none).
  double mean() const noexcept {
    switch (kind) {
      case distribution_kind::none: return std::numeric_limits<double>::infinity();
      case distribution_kind::deterministic:
      case distribution_kind::exponential:
      case distribution_kind::lognormal: return a;
      case distribution_kind::uniform: return (a + b) / 2;
      case distribution_kind::empirical: {
        double s = 0;
        for (double v : samples) s += v;
        return samples.empty() ? 0 : s / static_cast<double>(samples.size());
      }
    }
    return 0;
  }
};

/// A distribution ready to draw from: what a draw would otherwise derive from the parameters
/// every time (the lognormal's underlying normal: two log() calls) is computed once. Drawing
/// from it gives exactly the values, in the same order, that drawing from the distribution
/// does. Holds a pointer: the distribution must outlive it (and keep its parameters).
class prepared_distribution {
 public:
  explicit prepared_distribution(const distribution& d) noexcept : d_(&d) {
    if (d.kind == distribution_kind::lognormal) {
      // Parameters of the underlying normal from the mean and standard deviation.
      const double ratio = d.b / d.a;
      const double sigma2 = std::log1p(ratio * ratio);
      mu_ = std::log(d.a) - sigma2 / 2;
      sigma_ = std::sqrt(sigma2);
    }
  }

  const distribution& source() const noexcept { return *d_; }

 private:
  friend class variate_source;
  const distribution* d_;
  double mu_ = 0;     ///< lognormal: mean of the underlying normal.
  double sigma_ = 0;  ///< lognormal: its standard deviation.
};

/// Draws from distributions with one generator. Complexity: O(1) per draw; never allocates.
class variate_source {
 public:
  explicit variate_source(std::uint64_t seed = 0) noexcept : rng_(seed) {}

  rng& generator() noexcept { return rng_; }

  /// Uniform in (0, 1]: safe for log().
  double open_uniform() noexcept { return 1.0 - rng_.uniform(); }

  double exponential(double mean) noexcept { return -mean * std::log(open_uniform()); }

  /// Standard normal by Box-Muller, caching the second value.
  double normal() noexcept {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(open_uniform()));
    const double theta = 6.283185307179586 * rng_.uniform();
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
  }

  /// One draw in seconds; infinity for `none`.
  double sample(const distribution& d) noexcept { return sample(prepared_distribution(d)); }

  /// The same draw as sample(p.source()), without recomputing p's constants.
  double sample(const prepared_distribution& p) noexcept {
    const distribution& d = *p.d_;
    switch (d.kind) {
      case distribution_kind::none: return std::numeric_limits<double>::infinity();
      case distribution_kind::deterministic: return d.a;
      case distribution_kind::exponential: return exponential(d.a);
      case distribution_kind::lognormal: return std::exp(p.mu_ + p.sigma_ * normal());
      case distribution_kind::uniform: return d.a + (d.b - d.a) * rng_.uniform();
      case distribution_kind::empirical:
        return d.samples.empty() ? 0.0 : d.samples[rng_.below(d.samples.size())];
    }
    return 0;
  }

 private:
  rng rng_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// A well-mixed seed for sub-stream `stream` of a run seeded with `seed` (splitmix64 finaliser),
/// so that streams of neighbouring seeds do not overlap.
constexpr std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (stream + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_DISTRIBUTION_HPP

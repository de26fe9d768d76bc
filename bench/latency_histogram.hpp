// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A log-bucketed latency histogram for the benchmarks: record() is a handful of instructions and
// never allocates, so it can sit next to the command being timed. Values are unit-free (the
// benchmarks record TSC ticks and convert percentiles to nanoseconds when reporting).
//
// Buckets: values below 2^SubBits are exact; above, each power of two is split into 2^SubBits
// equal buckets, so a reported percentile is within 1 / 2^(SubBits+1) (1.6 % for SubBits = 5)
// of the true sample.
#ifndef OMNIROUTE_BENCH_LATENCY_HISTOGRAM_HPP
#define OMNIROUTE_BENCH_LATENCY_HISTOGRAM_HPP

#include <array>
#include <cstdint>

namespace omniroute_bench {

class latency_histogram {
 public:
  static constexpr unsigned sub_bits = 5;
  static constexpr std::uint64_t sub_count = std::uint64_t{1} << sub_bits;
  static constexpr std::size_t bucket_count = (64 - sub_bits + 1) * sub_count;

  /// Adds one sample. Complexity: O(1); never allocates.
  void record(std::uint64_t value) noexcept {
    ++counts_[index_of(value)];
    ++total_;
    sum_ += value;
    if (value > max_) max_ = value;
    if (value < min_) min_ = value;
  }

  void clear() noexcept { *this = latency_histogram(); }

  std::uint64_t count() const noexcept { return total_; }
  std::uint64_t max() const noexcept { return max_; }
  std::uint64_t min() const noexcept { return total_ ? min_ : 0; }
  double mean() const noexcept { return total_ ? static_cast<double>(sum_) / static_cast<double>(total_) : 0.0; }

  /// The value at quantile q in [0, 1] (0.5: median, 0.999: p99.9): the midpoint of the bucket
  /// that holds the ceil(q * count)-th smallest sample, clamped to the observed min and max.
  double quantile(double q) const noexcept {
    if (total_ == 0) return 0.0;
    std::uint64_t rank = static_cast<std::uint64_t>(q * static_cast<double>(total_) + 0.999999);
    if (rank == 0) rank = 1;
    if (rank > total_) rank = total_;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
      seen += counts_[i];
      if (seen >= rank) {
        const double mid = static_cast<double>(lower_bound_of(i)) + static_cast<double>(width_of(i) - 1) / 2.0;
        if (mid < static_cast<double>(min_)) return static_cast<double>(min_);
        if (mid > static_cast<double>(max_)) return static_cast<double>(max_);
        return mid;
      }
    }
    return static_cast<double>(max_);
  }

  static std::size_t index_of(std::uint64_t v) noexcept {
    if (v < sub_count) return static_cast<std::size_t>(v);
    const unsigned e = 63u - static_cast<unsigned>(__builtin_clzll(v));  // e >= sub_bits
    return static_cast<std::size_t>((e - sub_bits + 1) * sub_count + ((v >> (e - sub_bits)) & (sub_count - 1)));
  }
  static std::uint64_t lower_bound_of(std::size_t i) noexcept {
    if (i < sub_count) return i;
    const unsigned e = static_cast<unsigned>(i / sub_count) + sub_bits - 1;
    return (sub_count + (i % sub_count)) << (e - sub_bits);
  }
  static std::uint64_t width_of(std::size_t i) noexcept {
    if (i < sub_count) return 1;
    const unsigned e = static_cast<unsigned>(i / sub_count) + sub_bits - 1;
    return std::uint64_t{1} << (e - sub_bits);
  }

 private:
  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t total_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t max_ = 0;
  std::uint64_t min_ = ~std::uint64_t{0};
};

}  // namespace omniroute_bench

#endif  // OMNIROUTE_BENCH_LATENCY_HISTOGRAM_HPP

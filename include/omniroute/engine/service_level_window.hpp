// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A queue's live service level and agent-time counter over a sliding window, kept by the
// router from its own events (the core does not depend on the stats module). Fixed buckets:
// recording and reading never allocate.
#ifndef OMNIROUTE_ENGINE_SERVICE_LEVEL_WINDOW_HPP
#define OMNIROUTE_ENGINE_SERVICE_LEVEL_WINDOW_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/time.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>

OMNIROUTE_BEGIN_NAMESPACE

/// Outcomes (answered within the threshold or not) and agent seconds over the last `window`.
/// The window is cut into `bucket_count` buckets aligned to multiples of window / bucket_count
/// on the router's time line; a reading at `now` covers the bucket holding `now` and the
/// bucket_count - 1 before it, so it spans between (1 - 1/bucket_count) x window and window.
class service_level_window {
 public:
  static constexpr std::size_t bucket_count = 10;

  /// Sets the window length and forgets everything. Precondition: window > 0.
  void reset(duration window) noexcept {
    width_ = window / static_cast<duration::rep>(bucket_count);
    if (width_ <= duration::zero()) width_ = duration(1);
    buckets_.fill(bucket{});
  }

  /// One contact's outcome at `now`: answered within its threshold, or not (answered late,
  /// abandoned). Complexity: O(1).
  void record_outcome(time_point now, bool within) noexcept {
    bucket& b = at(now);
    ++b.counted;
    b.within += within ? 1u : 0u;
  }

  /// Agent time spent on the queue's contacts, credited at `now`. Complexity: O(1).
  void record_time(time_point now, duration spent) noexcept { at(now).seconds += to_seconds(spent); }

  /// Percent of the outcomes in the window that were within the threshold; nullopt when the
  /// window holds no outcome. Complexity: O(bucket_count).
  std::optional<double> level_percent(time_point now) const noexcept {
    std::uint64_t within = 0, counted = 0;
    for_live(now, [&](const bucket& b) {
      within += b.within;
      counted += b.counted;
    });
    if (counted == 0) return std::nullopt;
    return 100.0 * static_cast<double>(within) / static_cast<double>(counted);
  }

  /// How many outcomes the window holds. Complexity: O(bucket_count).
  std::uint64_t outcomes(time_point now) const noexcept {
    std::uint64_t counted = 0;
    for_live(now, [&](const bucket& b) { counted += b.counted; });
    return counted;
  }

  /// Agent seconds credited in the window. Complexity: O(bucket_count).
  double agent_seconds(time_point now) const noexcept {
    double s = 0.0;
    for_live(now, [&](const bucket& b) { s += b.seconds; });
    return s;
  }

 /// One bucket of the window; public for snapshots, which save and restore the buckets as
  /// they are (a bucket's `index` says which slice of time it counts).
  struct bucket {
    std::int64_t index = std::numeric_limits<std::int64_t>::min();
    std::uint32_t within = 0;
    std::uint32_t counted = 0;
    double seconds = 0.0;
  };
  duration width() const noexcept { return width_; }
  const std::array<bucket, bucket_count>& buckets() const noexcept { return buckets_; }
  /// Restores a saved window. Precondition: width > 0.
  void restore(duration width, const std::array<bucket, bucket_count>& buckets) noexcept {
    width_ = width;
    buckets_ = buckets;
  }

 private:

  std::int64_t index_of(time_point now) const noexcept {
    const std::int64_t t = now.time_since_epoch().count();
    const std::int64_t w = width_.count();
    return t >= 0 ? t / w : -((-t + w - 1) / w);
  }

  bucket& at(time_point now) noexcept {
    const std::int64_t i = index_of(now);
    bucket& b = buckets_[static_cast<std::size_t>(((i % static_cast<std::int64_t>(bucket_count)) +
                                                   static_cast<std::int64_t>(bucket_count)) %
                                                  static_cast<std::int64_t>(bucket_count))];
    if (b.index != i) b = bucket{i, 0, 0, 0.0};
    return b;
  }

  template <class F>
  void for_live(time_point now, F&& f) const noexcept {
    const std::int64_t i = index_of(now);
    for (const bucket& b : buckets_) {
      if (b.index <= i && b.index > i - static_cast<std::int64_t>(bucket_count)) f(b);
    }
  }

  duration width_ = std::chrono::minutes(3);
  std::array<bucket, bucket_count> buckets_{};
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ENGINE_SERVICE_LEVEL_WINDOW_HPP

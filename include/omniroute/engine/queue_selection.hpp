// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The decisions of service-level-driven routing over a small description of the candidates:
// which queue a freed agent serves next (queue_selection_policy), whether a reserve member
// helps (hysteresis), and which member tier takes an arriving contact (group_pick). Pure
// functions: no router state, no allocation, so they are tested directly
// (tests/router/test_queue_selection_engine.cpp). Rules: docs/service-level-routing.md.
#ifndef OMNIROUTE_ENGINE_QUEUE_SELECTION_HPP
#define OMNIROUTE_ENGINE_QUEUE_SELECTION_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/queue_selection.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

OMNIROUTE_BEGIN_NAMESPACE

/// One queue head an agent could take, as the selection rules see it. Several candidates may
/// belong to one queue (one per eligibility group and channel); `queue` identifies the queue
/// so that per-queue quantities are counted once.
struct queue_candidate {
  std::uint64_t queue = 0;
  /// How long the head contact has waited (from its arrival), and the service-level threshold
  /// of its channel in its queue.
  duration head_wait = duration::zero();
  duration threshold = std::chrono::seconds(20);
  double delay_weight = 1.0;
  /// Contacts waiting in the queue (offered ones included), and its target share (percent).
  std::uint32_t waiting = 0;
  double target_share = 0.0;
  /// Agent seconds spent on the queue in its window, and its target share of agent time.
  double allocated_seconds = 0.0;
  double allocation_percent = 0.0;
};

/// The chosen candidate and what separated it from the runner-up.
struct queue_choice {
  std::size_t index = 0;
  /// True when the policy's measure alone separated the winner from every other candidate;
  /// false when the static order did (static_priority, equal measures, or one candidate).
  bool by_rule = false;
  /// The winner's measure (0 for static_priority).
  double measure = 0.0;
};

namespace detail {

/// Sum of `part` over the distinct queues among the candidates. Complexity: O(n^2); n is the
/// number of queue heads one agent sees, which is small.
template <class Part>
double sum_over_queues(const queue_candidate* c, std::size_t n, Part part) noexcept {
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    bool first = true;
    for (std::size_t j = 0; j < i && first; ++j) first = c[j].queue != c[i].queue;
    if (first) sum += part(c[i]);
  }
  return sum;
}

}  // namespace detail

/// The measure a policy maximises for candidate `i` of `n`:
///  - delay_ratio: head_wait / threshold x delay_weight;
///  - fixed_queue_ratio: waiting / total waiting - target_share / total target share;
///  - percent_allocation: allocation_percent / total allocation percent - allocated seconds /
///    total allocated seconds;
/// totals over the distinct queues among the candidates (a zero total target counts every
/// queue equal; a zero total of waiting or seconds makes every share 0). static_priority: 0.
inline double selection_measure(queue_selection_policy p, const queue_candidate* c, std::size_t n,
                                std::size_t i) noexcept {
  const queue_candidate& k = c[i];
  switch (p) {
    case queue_selection_policy::static_priority: return 0.0;
    case queue_selection_policy::delay_ratio:
      return to_seconds(k.head_wait) / to_seconds(k.threshold) * k.delay_weight;
    case queue_selection_policy::fixed_queue_ratio:
    case queue_selection_policy::percent_allocation: {
      const bool by_waiting = p == queue_selection_policy::fixed_queue_ratio;
      auto amount = [&](const queue_candidate& x) {
        return by_waiting ? static_cast<double>(x.waiting) : x.allocated_seconds;
      };
      auto target = [&](const queue_candidate& x) { return by_waiting ? x.target_share : x.allocation_percent; };
      const double queues = detail::sum_over_queues(c, n, [](const queue_candidate&) { return 1.0; });
      const double total_amount = detail::sum_over_queues(c, n, amount);
      const double total_target = detail::sum_over_queues(c, n, target);
      const double share = total_amount > 0 ? amount(k) / total_amount : 0.0;
      const double goal = total_target > 0 ? target(k) / total_target : 1.0 / queues;
      return by_waiting ? share - goal : goal - share;
    }
  }
  return 0.0;
}

/// Picks the candidate with the highest measure under `p`; among equal measures (and always
/// under static_priority) the one first in the static order `before(a, b)` (a strict weak
/// order on candidate indexes). Precondition: n >= 1. Complexity: O(n) for static_priority and
/// delay_ratio, O(n^2) for the share rules.
template <class StaticBefore>
queue_choice choose_queue(queue_selection_policy p, const queue_candidate* c, std::size_t n,
                          StaticBefore&& before) noexcept {
  queue_choice best;
  best.measure = selection_measure(p, c, n, 0);
  bool tied = false;  // another candidate has the winner's measure
  for (std::size_t i = 1; i < n; ++i) {
    const double m = selection_measure(p, c, n, i);
    if (m > best.measure) {
      best.index = i;
      best.measure = m;
      tied = false;
    } else if (m == best.measure) {
      tied = true;
      if (before(i, best.index)) best.index = i;
    }
  }
  best.by_rule = p != queue_selection_policy::static_priority && n > 1 && !tied;
  return best;
}

/// Reserve hysteresis: whether reserve members help a queue after seeing its live service
/// level `level` (percent; nullopt, no outcome in the window, reads as 100). Help starts when
/// the level falls below `below` and stops when it reaches `until` or more.
inline bool reserve_helps(bool helping, std::optional<double> level, double below, double until) noexcept {
  const double l = level ? *level : 100.0;
  return helping ? l < until : l < below;
}

/// One member tier of a queue as the idleness-ratio pick sees it.
struct tier_load {
  std::uint32_t tier = 0;
  /// Members of the tier who could take the contact now, and members logged in.
  std::uint32_t available = 0;
  std::uint32_t logged_in = 0;
};

/// The tier the idleness-ratio pick chose.
struct tier_choice {
  /// Index into the tiers given; n when no tier has an available member.
  std::size_t index = 0;
  /// True when the chosen tier's ratio is strictly above every other tier with an available
  /// member (the ratio, not the tier order, decided).
  bool by_ratio = false;
};

/// group_pick::idle_ratio: the tier with the highest available / logged_in among tiers with an
/// available member; equal ratios go to the tier listed first (callers list tiers in
/// ascending order, so the lower tier). Complexity: O(n), exact (integer cross-products).
inline tier_choice pick_by_idle_ratio(const tier_load* t, std::size_t n) noexcept {
  tier_choice best{n, false};
  bool tied = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (t[i].available == 0 || t[i].logged_in == 0) continue;
    if (best.index == n) {
      best.index = i;
      continue;
    }
    const std::uint64_t mine = static_cast<std::uint64_t>(t[i].available) * t[best.index].logged_in;
    const std::uint64_t theirs = static_cast<std::uint64_t>(t[best.index].available) * t[i].logged_in;
    if (mine > theirs) {
      best.index = i;
      tied = false;
      best.by_ratio = true;
    } else if (mine == theirs) {
      tied = true;
    } else {
      best.by_ratio = true;
    }
  }
  if (tied) best.by_ratio = false;
  return best;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ENGINE_QUEUE_SELECTION_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A recording host whose events also feed a stats::statistics (through an observer_fanout,
// as a real host would attach it). One-minute intervals keep the hand arithmetic short.
#pragma once

#include <omniroute/stats/observer_fanout.hpp>
#include <omniroute/stats/statistics.hpp>

#include "support/recording_host.hpp"

namespace omniroute_test {

inline stats::stats_options minute_intervals() {
  stats::stats_options o;
  o.interval = std::chrono::seconds(60);
  o.service_level_threshold = std::chrono::seconds(20);
  o.short_abandon = std::chrono::seconds(5);
  return o;
}

/// Queue configuration for stats scenarios: offers never time out (the scenario accepts them).
inline void patient_offers(queue_config& c) { c.offers.timeout = duration::zero(); }

struct stats_host {
  explicit stats_host(stats::stats_options o = minute_intervals()) : st(o) {
    fan.add(&h.observer);
    fan.add(&st);
    h.r.set_observer(&fan);
  }
  stats_host(const stats_host&) = delete;
  stats_host& operator=(const stats_host&) = delete;

  recording_host h;
  stats::statistics st;
  stats::observer_fanout fan;

  queue_id queue(const std::string& name, const std::function<void(queue_config&)>& more = {}) {
    return h.given_queue(name, [&](queue_config& c) {
      patient_offers(c);
      if (more) more(c);
    });
  }
  stats::interval_stats q(queue_id id, std::int64_t k) const {
    auto s = st.queue_interval(id, k);
    REQUIRE(s);
    return *s;
  }
  stats::interval_stats a(agent_id id, std::int64_t k) const {
    auto s = st.agent_interval(id, k);
    REQUIRE(s);
    return *s;
  }
  stats::interval_stats ch(channel_id id, std::int64_t k) const {
    auto s = st.channel_interval(id, k);
    REQUIRE(s);
    return *s;
  }
  stats::interval_stats g(const std::string& name, std::int64_t k) const {
    auto s = st.group_interval(name, k);
    REQUIRE(s);
    return *s;
  }
};

inline double secs_of(duration d) { return to_seconds(d); }

}  // namespace omniroute_test

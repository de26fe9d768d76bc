// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Service-level targets per channel in the statistics: a queue's contacts are judged against
// their channel's threshold in every row (queue, channel, group), the router's queue
// configuration carries over with stats::settings_for, and bad targets are refused with a
// typed error and no change.
#include "stats/stats_host.hpp"

using namespace omniroute_test;

TEST_CASE("stats: each channel of a queue has its own service-level threshold", "[sl-routing][stats][targets]") {
  stats_host s;  // default threshold 20 s
  auto q = s.queue("support", [](queue_config& c) {
    c.service_levels = {{channels::voice, 80, seconds(20)}, {channels::chat, 90, seconds(60)}};
  });
  queue_config cfg;
  cfg.service_level_time = seconds(20);
  cfg.service_levels = {{channels::voice, 80, seconds(20)}, {channels::chat, 90, seconds(60)}};
  REQUIRE(s.st.configure_queue(q, stats::settings_for(cfg)));
  CHECK(s.st.threshold(q, channels::voice) == seconds(20));
  CHECK(s.st.threshold(q, channels::chat) == seconds(60));
  CHECK(s.st.threshold(q, channels::email) == seconds(20));  // no target: the queue's time

  auto alice = s.h.given_agent("alice", {q}, not_ready_setup());
  auto v1 = s.h.arrive(0, q, channels::voice);
  auto c1 = s.h.arrive(0, q, channels::chat);
  auto e1 = s.h.arrive(0, q, channels::email);
  s.h.ready(45, alice);
  // Answered after 45 s: chat within 60 s; voice and email not within 20 s.
  s.h.accept(45, v1, alice);
  s.h.complete(46, v1);
  s.h.accept(46, c1, alice);
  s.h.complete(47, c1);
  s.h.accept(47, e1, alice);
  const stats::interval_stats qi = s.q(q, 0);
  CHECK(qi.answered == 3);
  CHECK(qi.answered_within_threshold == 1);
  CHECK(s.ch(channels::chat, 0).answered_within_threshold == 1);
  CHECK(s.ch(channels::voice, 0).answered_within_threshold == 0);
  CHECK(*qi.service_level(stats::service_level_definition::of_answered) == Approx(1.0 / 3));
  // The router judged them the same way for its live service level (from arrival, here equal
  // to the wait in the queue).
  CHECK(*s.h.r.queue(q)->service_level == Approx(100.0 / 3));
}

TEST_CASE("stats: a chat abandoned within its own threshold counts as abandoned within T",
          "[sl-routing][stats][targets]") {
  stats_host s;
  auto q = s.queue("support");
  stats::queue_settings qs;
  qs.service_levels = {{channels::chat, 90, seconds(60)}};
  REQUIRE(s.st.configure_queue(q, qs));
  auto c1 = s.h.arrive(0, q, channels::chat);
  auto v1 = s.h.arrive(0, q, channels::voice);
  s.h.abandon(30, c1);  // 30 s <= 60 s
  s.h.abandon(30, v1);  // 30 s > 20 s (the options' default)
  CHECK(s.q(q, 0).abandoned == 2);
  CHECK(s.q(q, 0).abandoned_within_threshold == 1);
}

TEST_CASE("stats: bad service-level settings are refused and change nothing", "[sl-routing][stats][config]") {
  stats_host s;
  auto q = s.queue("q");
  stats::queue_settings good;
  good.service_levels = {{channels::chat, 90, seconds(60)}};
  REQUIRE(s.st.configure_queue(q, good));
  stats::queue_settings bad = good;
  bad.service_levels = {{channels::chat, 190, seconds(30)}};
  CHECK(s.st.configure_queue(q, bad).error() == make_error_code(errc::invalid_percentage));
  bad.service_levels = {{channels::chat, 90, duration::zero()}};
  CHECK(s.st.configure_queue(q, bad).error() == make_error_code(errc::invalid_threshold));
  bad.service_levels = {};
  bad.service_level_threshold = -seconds(1);
  CHECK(s.st.configure_queue(q, bad).error() == make_error_code(errc::invalid_threshold));
  bad.service_level_threshold.reset();
  bad.service_levels = {{channels::chat, 90, seconds(60)}, {channels::chat, 80, seconds(30)}};
  CHECK(s.st.configure_queue(q, bad).error() == make_error_code(errc::invalid_argument));
  CHECK(s.st.configure_queue(queue_id{}, good).error() == make_error_code(errc::invalid_argument));
  CHECK(s.st.threshold(q, channels::chat) == seconds(60));  // unchanged
}

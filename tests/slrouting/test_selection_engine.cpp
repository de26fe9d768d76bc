// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The pure decision logic of service-level-driven routing (engine/queue_selection.hpp,
// engine/service_level_window.hpp) and the validation of its configuration
// (model/queue_selection.hpp), with hand-computed expectations.
#include <omniroute/engine/queue_selection.hpp>
#include <omniroute/engine/service_level_window.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/queue_selection.hpp>

#include <vector>

#include "support/catch.hpp"

using namespace omniroute;

namespace {

queue_candidate head(std::uint64_t queue, double wait_s, double threshold_s, double weight = 1.0) {
  queue_candidate c;
  c.queue = queue;
  c.head_wait = seconds(wait_s);
  c.threshold = seconds(threshold_s);
  c.delay_weight = weight;
  return c;
}

/// Static order for the tests: lower index first.
const auto by_index = [](std::size_t a, std::size_t b) { return a < b; };

}  // namespace

TEST_CASE("delay ratio picks the highest wait over threshold times weight", "[sl-routing][engine]") {
  // voice: 20 s waited of 20 s = 1.0; chat: 30 s of 60 s = 0.5; email 3600 s of 14400 s = 0.25.
  std::vector<queue_candidate> c{head(1, 30, 60), head(2, 20, 20), head(3, 3600, 14400)};
  auto pick = choose_queue(queue_selection_policy::delay_ratio, c.data(), c.size(), by_index);
  CHECK(pick.index == 1);
  CHECK(pick.by_rule);
  CHECK(pick.measure == Approx(1.0));
  // A weight of 3 on chat: 0.5 x 3 = 1.5 beats voice's 1.0.
  c[0].delay_weight = 3.0;
  pick = choose_queue(queue_selection_policy::delay_ratio, c.data(), c.size(), by_index);
  CHECK(pick.index == 0);
  CHECK(pick.measure == Approx(1.5));
  // Equal measures (10/20 = 30/60 = 0.5 with weight 1): the static order decides.
  std::vector<queue_candidate> tie{head(1, 30, 60), head(2, 10, 20)};
  pick = choose_queue(queue_selection_policy::delay_ratio, tie.data(), tie.size(),
                      [](std::size_t a, std::size_t b) { return a > b; });
  CHECK(pick.index == 1);
  CHECK_FALSE(pick.by_rule);
}

TEST_CASE("fixed queue ratio serves the queue whose waiting share most exceeds its target",
          "[sl-routing][engine]") {
  // Targets 25 / 75; waiting 2 / 2: shares 0.5 / 0.5; excess +0.25 / -0.25.
  std::vector<queue_candidate> c(2);
  c[0].queue = 1, c[0].waiting = 2, c[0].target_share = 25;
  c[1].queue = 2, c[1].waiting = 2, c[1].target_share = 75;
  auto pick = choose_queue(queue_selection_policy::fixed_queue_ratio, c.data(), c.size(), by_index);
  CHECK(pick.index == 0);
  CHECK(pick.measure == Approx(0.25));
  // Waiting 1 / 5: shares 1/6, 5/6; excess 1/6 - 1/4 = -1/12, 5/6 - 3/4 = +1/12.
  c[0].waiting = 1, c[1].waiting = 5;
  pick = choose_queue(queue_selection_policy::fixed_queue_ratio, c.data(), c.size(), by_index);
  CHECK(pick.index == 1);
  CHECK(pick.measure == Approx(1.0 / 12));
  // Two heads of one queue (two channels) count the queue once: targets 25 / 75 stay 25 / 75
  // of 100, waiting 2 / 2 stays 0.5 / 0.5.
  c[0].waiting = 2, c[1].waiting = 2;
  c.push_back(c[0]);
  CHECK(selection_measure(queue_selection_policy::fixed_queue_ratio, c.data(), c.size(), 2) == Approx(0.25));
  // No targets: each queue's goal is 1 / queues.
  std::vector<queue_candidate> none(2);
  none[0].queue = 1, none[0].waiting = 3;
  none[1].queue = 2, none[1].waiting = 1;
  CHECK(selection_measure(queue_selection_policy::fixed_queue_ratio, none.data(), 2, 0) == Approx(0.25));
}

TEST_CASE("percent allocation serves the queue furthest below its share of agent time",
          "[sl-routing][engine]") {
  // Targets 70 / 30; seconds 100 / 0: shares 1 / 0; deficits -0.3 / +0.3.
  std::vector<queue_candidate> c(2);
  c[0].queue = 1, c[0].allocation_percent = 70, c[0].allocated_seconds = 100;
  c[1].queue = 2, c[1].allocation_percent = 30, c[1].allocated_seconds = 0;
  auto pick = choose_queue(queue_selection_policy::percent_allocation, c.data(), c.size(), by_index);
  CHECK(pick.index == 1);
  CHECK(pick.measure == Approx(0.3));
  // 100 / 100: shares 0.5 / 0.5; deficits +0.2 / -0.2.
  c[1].allocated_seconds = 100;
  pick = choose_queue(queue_selection_policy::percent_allocation, c.data(), c.size(), by_index);
  CHECK(pick.index == 0);
  CHECK(pick.measure == Approx(0.2));
  // Nothing credited yet: the larger target first.
  c[0].allocated_seconds = c[1].allocated_seconds = 0;
  pick = choose_queue(queue_selection_policy::percent_allocation, c.data(), c.size(), by_index);
  CHECK(pick.index == 0);
  CHECK(pick.measure == Approx(0.7));
}

TEST_CASE("static priority always takes the static order", "[sl-routing][engine]") {
  std::vector<queue_candidate> c{head(1, 100, 1), head(2, 0, 1)};
  auto pick = choose_queue(queue_selection_policy::static_priority, c.data(), c.size(),
                           [](std::size_t a, std::size_t b) { return a > b; });
  CHECK(pick.index == 1);
  CHECK_FALSE(pick.by_rule);
  auto one = choose_queue(queue_selection_policy::delay_ratio, c.data(), 1, by_index);
  CHECK(one.index == 0);
  CHECK_FALSE(one.by_rule);
}

TEST_CASE("reserve hysteresis starts below the lower threshold and stops at the upper",
          "[sl-routing][engine]") {
  // Not helping: only a level below 80 starts help; 85 (between) does not.
  CHECK_FALSE(reserve_helps(false, 85.0, 80, 90));
  CHECK_FALSE(reserve_helps(false, 80.0, 80, 90));
  CHECK(reserve_helps(false, 79.9, 80, 90));
  // Helping: 85 (between) keeps helping; 90 stops.
  CHECK(reserve_helps(true, 85.0, 80, 90));
  CHECK(reserve_helps(true, 89.9, 80, 90));
  CHECK_FALSE(reserve_helps(true, 90.0, 80, 90));
  // No outcome in the window reads as 100 %.
  CHECK_FALSE(reserve_helps(true, std::nullopt, 80, 90));
  CHECK_FALSE(reserve_helps(false, std::nullopt, 80, 90));
  // below = 0: never helps.
  CHECK_FALSE(reserve_helps(false, 0.0, 0, 0));
}

TEST_CASE("idle ratio picks the tier with the highest share of idle members", "[sl-routing][engine]") {
  // Tier 0: 1 of 3 idle; tier 1: 2 of 2 idle.
  std::vector<tier_load> t{{0, 1, 3}, {1, 2, 2}};
  auto pick = pick_by_idle_ratio(t.data(), t.size());
  CHECK(pick.index == 1);
  CHECK(pick.by_ratio);
  // 2 of 4 and 1 of 2: equal, the lower tier (listed first).
  t = {{0, 2, 4}, {1, 1, 2}};
  pick = pick_by_idle_ratio(t.data(), t.size());
  CHECK(pick.index == 0);
  CHECK_FALSE(pick.by_ratio);
  // Tiers without an idle member are never picked; none at all: n.
  t = {{0, 0, 3}, {1, 1, 5}};
  pick = pick_by_idle_ratio(t.data(), t.size());
  CHECK(pick.index == 1);
  CHECK_FALSE(pick.by_ratio);  // the only candidate
  t = {{0, 0, 3}};
  CHECK(pick_by_idle_ratio(t.data(), t.size()).index == 1);
  // Three tiers, the middle one best (3/4 > 1/2 > 1/3).
  t = {{0, 1, 2}, {2, 3, 4}, {5, 1, 3}};
  pick = pick_by_idle_ratio(t.data(), t.size());
  CHECK(pick.index == 1);
  CHECK(pick.by_ratio);
}

TEST_CASE("the live service-level window counts outcomes and agent time over its buckets",
          "[sl-routing][engine]") {
  service_level_window w;
  w.reset(std::chrono::minutes(10));  // buckets of 60 s
  CHECK_FALSE(w.level_percent(at_seconds(0)));
  w.record_outcome(at_seconds(10), true);
  w.record_outcome(at_seconds(70), true);
  w.record_outcome(at_seconds(130), false);
  w.record_time(at_seconds(70), seconds(30));
  w.record_time(at_seconds(130), seconds(12));
  CHECK(*w.level_percent(at_seconds(130)) == Approx(200.0 / 3));
  CHECK(w.outcomes(at_seconds(130)) == 3);
  CHECK(w.agent_seconds(at_seconds(130)) == Approx(42.0));
  // At 600 s (bucket 10) the window covers buckets 1..10: bucket 0 (the 10 s outcome) is out.
  CHECK(*w.level_percent(at_seconds(600)) == Approx(50.0));
  CHECK(w.outcomes(at_seconds(599)) == 3);
  // At 720 s (bucket 12) only bucket 3 onwards: everything is out.
  CHECK_FALSE(w.level_percent(at_seconds(720)));
  CHECK(w.agent_seconds(at_seconds(720)) == 0.0);
  // A bucket reused after a full turn starts empty.
  w.record_outcome(at_seconds(610), true);  // bucket 10, slot 0, replaces bucket 0
  CHECK(w.outcomes(at_seconds(610)) == 3);  // buckets 1, 2 and 10
}

TEST_CASE("service-level targets and selection settings are validated with typed errors",
          "[sl-routing][engine][config]") {
  service_level_target t{channels::voice, 80.0, std::chrono::seconds(20)};
  CHECK_FALSE(validate(t));
  t.percent = 100.5;
  CHECK(validate(t) == make_error_code(errc::invalid_percentage));
  t.percent = -1;
  CHECK(validate(t) == make_error_code(errc::invalid_percentage));
  t.percent = std::nan("");
  CHECK(validate(t) == make_error_code(errc::invalid_percentage));
  t.percent = 0;
  t.threshold = duration::zero();
  CHECK(validate(t) == make_error_code(errc::invalid_threshold));
  t.threshold = -seconds(1);
  CHECK(validate(t) == make_error_code(errc::invalid_threshold));
  std::vector<service_level_target> list{{channels::voice, 80, seconds(20)}, {channels::chat, 90, seconds(60)}};
  CHECK_FALSE(validate(list));
  list.push_back({channels::voice, 70, seconds(30)});
  CHECK(validate(list) == make_error_code(errc::invalid_argument));

  queue_selection_config c;
  CHECK_FALSE(validate(c));
  c.reserve_below = 90, c.reserve_until = 80;
  CHECK(validate(c) == make_error_code(errc::invalid_percentage));
  c.reserve_below = 80, c.reserve_until = 101;
  CHECK(validate(c) == make_error_code(errc::invalid_percentage));
  c.reserve_until = 90, c.target_share = -5;
  CHECK(validate(c) == make_error_code(errc::invalid_percentage));
  c.target_share = 0, c.allocation_percent = 150;
  CHECK(validate(c) == make_error_code(errc::invalid_percentage));
  c.allocation_percent = 0, c.delay_weight = 0;
  CHECK(validate(c) == make_error_code(errc::invalid_argument));
  c.delay_weight = 1, c.window = duration::zero();
  CHECK(validate(c) == make_error_code(errc::invalid_argument));
}

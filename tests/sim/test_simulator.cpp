// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The simulator's own rules: statistics, scenario validation, traces, schedules, determinism
// and the conservation of contacts.
#include <omniroute/sim/scenario.hpp>
#include <omniroute/sim/simulator.hpp>
#include <omniroute/sim/statistics.hpp>

#include <cmath>
#include <string>

#include "support/catch.hpp"

namespace {

using namespace omniroute;

sim::scenario small_day() {
  sim::scenario s;
  s.name = "small";
  s.horizon = 4 * 3600;
  s.interval = 1800;
  s.drain = 1800;
  sim::queue_spec voice;
  voice.config.name = "voice";
  voice.config.channels = channel_set{channels::voice};
  voice.config.max_wait = std::chrono::seconds(300);
  voice.overflow = 1;
  sim::queue_spec backup;
  backup.config.name = "backup";
  backup.config.channels = channel_set{channels::voice};
  sim::queue_spec chat;
  chat.config.name = "chat";
  chat.config.channels = channel_set{channels::chat};
  chat.service_level_seconds = 60;
  s.queues = {voice, backup, chat};

  sim::agent_group_spec team;
  team.name = "team";
  team.count = 6;
  team.channels = channel_set{channels::voice, channels::chat};
  team.queues = {{0, {}}, {1, {}}, {2, {}}};
  team.shifts = {{0, 3 * 3600, {{3600, 4500, 1}}}};
  team.stagger_seconds = 600;
  team.answer_delay = sim::distribution::uniform(1, 3);
  team.answer_probability = 0.95;
  s.agents = {team};

  sim::arrival_spec calls;
  calls.kind = sim::arrival_kind::piecewise;
  calls.queue = 0;
  calls.channel = channels::voice;
  calls.interval = 3600;
  calls.rates = {60.0 / 3600, 90.0 / 3600, 70.0 / 3600, 20.0 / 3600};
  calls.handle_time = sim::distribution::lognormal(180, 90);
  calls.patience = sim::distribution::exponential(120);
  sim::arrival_spec chats;
  chats.kind = sim::arrival_kind::poisson;
  chats.queue = 2;
  chats.channel = channels::chat;
  chats.rate = 30.0 / 3600;
  chats.handle_time = sim::distribution::empirical({200, 300, 400});
  chats.patience = sim::distribution::constant(240);
  s.arrivals = {calls, chats};
  return s;
}

double total(const sim::replication_result& r, std::size_t q, double sim::queue_counts::*field) {
  double sum = 0;
  for (const auto& c : r.queues[q]) sum += c.*field;
  return sum;
}

}  // namespace

TEST_CASE("Student t quantiles match published tables", "[sim][statistics]") {
  CHECK(sim::student_t_quantile(0.975, 1) == Approx(12.7062047).epsilon(1e-7));
  CHECK(sim::student_t_quantile(0.975, 10) == Approx(2.2281389).epsilon(1e-7));
  CHECK(sim::student_t_quantile(0.975, 99) == Approx(1.9842169).epsilon(1e-7));
  CHECK(sim::student_t_quantile(0.95, 5) == Approx(2.0150484).epsilon(1e-7));
}

TEST_CASE("Estimates skip undefined samples and use t with n-1 degrees of freedom",
          "[sim][statistics]") {
  const double nan = std::nan("");
  const std::vector<double> v = {1, 2, nan, 3};
  const sim::estimate e = sim::estimate_of(v);
  CHECK(e.samples == 3);
  CHECK(e.mean == Approx(2));
  CHECK(e.ci95 == Approx(4.30265 * 1 / std::sqrt(3.0)).epsilon(1e-5));
  CHECK(std::isnan(sim::estimate_of(std::vector<double>{5}).ci95));
  CHECK(std::isnan(sim::estimate_of(std::vector<double>{nan}).mean));
}

TEST_CASE("Validation names the offending field", "[sim][scenario]") {
  sim::scenario s = small_day();
  CHECK(sim::validate(s).empty());
  s.arrivals[1].rate = -1;
  CHECK(sim::validate(s) == "$.arrivals[1].rate_per_hour: expected a non-negative number");
  s = small_day();
  s.agents[0].queues[1].queue = 7;
  CHECK(sim::validate(s) == "$.agents[0].queues[1]: unknown queue");
  s = small_day();
  s.agents[0].shifts[0].breaks[0].end = 4 * 3600;
  CHECK(sim::validate(s).rfind("$.agents[0].shifts[0].breaks[0].end", 0) == 0);
  s = small_day();
  s.arrivals[0].handle_time = sim::distribution::never();
  CHECK(sim::validate(s).rfind("$.arrivals[0].handle_time", 0) == 0);
}

TEST_CASE("Traces parse with a header, comments and optional priority", "[sim][scenario]") {
  const sim::scenario s = small_day();
  std::vector<sim::trace_row> rows;
  std::string error;
  REQUIRE(sim::parse_trace("time_seconds,queue,channel,priority\n# note\n20,chat,chat\n"
                           "10.5, voice ,voice,3\r\n\n",
                           s, rows, error));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].time == 10.5);
  CHECK(rows[0].queue == 0);
  CHECK(rows[0].priority == 3);
  CHECK(rows[1].channel == channels::chat);
  CHECK_FALSE(sim::parse_trace("1,voice,fax\n", s, rows, error));
  CHECK(error == "line 1: unknown channel \"fax\"");
  CHECK_FALSE(sim::parse_trace("1,voice,voice\n-2,voice,voice\n", s, rows, error));
  CHECK(error == "line 2: time_seconds: expected a non-negative number");
}

TEST_CASE("Every contact is accounted for exactly once", "[sim][conservation]") {
  const sim::scenario s = small_day();
  const auto r = sim::run_replication(s, 7);
  REQUIRE(r);
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    using c = sim::queue_counts;
    const double offered = total(*r, q, &c::offered);
    const double ends = total(*r, q, &c::answered) + total(*r, q, &c::abandoned) +
                        total(*r, q, &c::expired) + total(*r, q, &c::refused) +
                        total(*r, q, &c::routed_out) + total(*r, q, &c::unfinished);
    INFO("queue " << q);
    CHECK(offered == ends);
    CHECK(total(*r, q, &c::answered_in_target) <= total(*r, q, &c::answered));
  }
  CHECK(total(*r, 0, &sim::queue_counts::offered) > 100);
  CHECK(total(*r, 1, &sim::queue_counts::offered) == 0);  // counted where they arrived
  CHECK(r->contacts == total(*r, 0, &sim::queue_counts::offered) +
                           total(*r, 2, &sim::queue_counts::offered));
}

TEST_CASE("The same seed gives the same run, another seed another", "[sim][determinism]") {
  const sim::scenario s = small_day();
  const auto a = sim::run_replication(s, 3);
  const auto b = sim::run_replication(s, 3);
  const auto c = sim::run_replication(s, 4);
  REQUIRE((a && b && c));
  CHECK(a->events == b->events);
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    for (std::size_t i = 0; i < a->queues[q].size(); ++i) {
      CHECK(a->queues[q][i].wait_sum == b->queues[q][i].wait_sum);
      CHECK(a->queues[q][i].length_integral == b->queues[q][i].length_integral);
    }
  }
  CHECK(a->events != c->events);
}

TEST_CASE("Shifts and breaks set how many agents are staffed", "[sim][schedule]") {
  sim::scenario s = small_day();
  s.arrivals.clear();
  s.agents[0].stagger_seconds = 0;
  const auto r = sim::run_replication(s, 1);
  REQUIRE(r);
  const auto& g = r->groups[0];
  // Intervals of 30 min: 0-60 min all 6 staffed, 60-75 min on break, 3 h on: logged out.
  CHECK(g[0].staffed == Approx(6 * 1800));
  CHECK(g[2].staffed == Approx(6 * 900));
  CHECK(g[2].logged_in == Approx(6 * 1800));
  CHECK(g[6].logged_in == 0);
  CHECK(g[0].occupied == 0);
}

TEST_CASE("Agents who never answer let offers ring out and recover later", "[sim][behaviour]") {
  sim::scenario s = small_day();
  s.agents[0].answer_probability = 0;
  s.queues[0].config.offers.timeout = std::chrono::seconds(10);
  const auto r = sim::run_replication(s, 2);
  REQUIRE(r);
  CHECK(total(*r, 0, &sim::queue_counts::answered) == 0);
  CHECK(total(*r, 0, &sim::queue_counts::abandoned) + total(*r, 0, &sim::queue_counts::expired) > 0);
}

TEST_CASE("A trace replays its arrivals exactly", "[sim][trace]") {
  sim::scenario s = small_day();
  sim::arrival_spec t;
  t.kind = sim::arrival_kind::trace;
  std::string error;
  REQUIRE(sim::parse_trace("5,voice,voice\n6,chat,chat\n7,voice,voice,2\n", s, t.rows, error));
  t.handle_time = sim::distribution::constant(30);
  s.arrivals = {t};
  const auto r = sim::run_replication(s, 1);
  REQUIRE(r);
  CHECK(r->contacts == 3);
  CHECK(total(*r, 0, &sim::queue_counts::answered) == 2);
  CHECK(total(*r, 2, &sim::queue_counts::answered) == 1);
  CHECK(total(*r, 0, &sim::queue_counts::talk_sum) == Approx(60));
}

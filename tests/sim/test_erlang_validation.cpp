// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The simulator, driving the real router, against the Erlang C and Erlang A formulas: for each
// case the analytic value must lie inside the simulated 95 % confidence interval (batch means
// over independent replications, fixed seeds). Under AddressSanitizer the runs are far shorter
// and the checks loosen to sanity bounds, so that the sanitizer pass stays quick.
#include <omniroute/sim/simulator.hpp>
#include <omniroute/wfm/erlang.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "support/catch.hpp"

namespace {

using namespace omniroute;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

struct mmn_case {
  const char* name;
  std::uint32_t agents;
  double rate;      // per second
  double aht;       // seconds
  double patience;  // 0: Erlang C
  double hours;     // per replication, after warm-up
  std::uint32_t replications;
  std::uint64_t seed;
};

void check_against_erlang(const mmn_case& c) {
  const double hours = sanitized ? c.hours / 40 : c.hours;
  const std::uint32_t reps = sanitized ? 2 : c.replications;
  const sim::scenario s = sim::mmn_scenario(c.agents, c.rate, c.aht, c.patience, 20, hours);
  const auto r = sim::run(s, c.seed, reps);
  REQUIRE(r);
  const auto m = c.patience > 0 ? wfm::model::a : wfm::model::c;
  const auto p = wfm::evaluate(m, wfm::traffic{c.rate, c.aht, c.patience}, c.agents, 20);
  REQUIRE(p);
  const auto& q = r->queues.front().total;
  const auto& all = r->groups.back().total;
  struct row {
    const char* metric;
    sim::estimate simulated;
    double analytic;
  };
  const row rows[] = {
      {"p_wait", q[static_cast<std::size_t>(sim::queue_metric::p_wait)], p->p_wait},
      {"sl", q[static_cast<std::size_t>(sim::queue_metric::sl)], p->sl},
      {"asa", q[static_cast<std::size_t>(sim::queue_metric::asa)], p->asa},
      {"p_abandon", q[static_cast<std::size_t>(sim::queue_metric::p_abandon)], p->p_abandon},
      {"occupancy", all[static_cast<std::size_t>(sim::group_metric::occupancy)], p->occupancy},
  };
  for (const row& x : rows) {
    INFO(c.name << " " << x.metric << ": analytic " << x.analytic << ", simulated "
                << x.simulated.mean << " ± " << x.simulated.ci95 << " (" << x.simulated.samples
                << " batches)");
    REQUIRE(std::isfinite(x.simulated.mean));
    if (sanitized) {
      // Short runs (waits are heavy-tailed over a fraction of an hour): a sanity bound, not a
      // statistical test.
      const double scale = std::string(x.metric) == "asa" ? std::max(5.0, x.analytic) : 1.0;
      const double spread = std::isfinite(x.simulated.ci95) ? 3 * x.simulated.ci95 : 0.0;
      CHECK(std::fabs(x.simulated.mean - x.analytic) <= 0.25 * scale + spread);
    } else if (x.analytic == 0) {
      CHECK(x.simulated.mean == 0);  // Erlang C: nobody abandons
    } else {
      CHECK(x.simulated.covers(x.analytic));
    }
  }
}

}  // namespace

TEST_CASE("M/M/2 at 60 % load matches Erlang C", "[sim][erlang][slow]") {
  check_against_erlang({"small C", 2, 1.0 / 300, 360, 0, 2000, 5, 11});
}

TEST_CASE("14 agents offered 10 erlangs match Erlang C", "[sim][erlang][slow]") {
  check_against_erlang({"published C", 14, 10.0 / 180, 180, 0, 300, 5, 12});
}

TEST_CASE("200 agents offered 180 erlangs match Erlang C", "[sim][erlang][slow]") {
  check_against_erlang({"large C", 200, 1.0, 180, 0, 16, 4, 13});
}

TEST_CASE("10 agents at 92 % load match Erlang C", "[sim][erlang][slow]") {
  check_against_erlang({"heavy C", 10, 9.2 / 100, 100, 0, 800, 5, 14});
}

TEST_CASE("5 agents overloaded by 20 % with patience match Erlang A", "[sim][erlang][slow]") {
  check_against_erlang({"small A", 5, 0.1, 60, 60, 100, 5, 15});
}

TEST_CASE("500 agents offered 550 erlangs with patience match Erlang A", "[sim][erlang][slow]") {
  check_against_erlang({"large A", 500, 550.0 / 180, 180, 120, 4, 4, 16});
}

TEST_CASE("20 agents offered 20 erlangs with patience match Erlang A", "[sim][erlang][slow]") {
  check_against_erlang({"critical A", 20, 20.0 / 120, 120, 300, 200, 5, 17});
}

TEST_CASE("Longest idle and random selection give the same P(wait) in a homogeneous M/M/n",
          "[sim][strategy]") {
  // Handle times are drawn per contact at arrival from the arrival stream's generator, so with
  // the same seed both runs see the same contacts; in a homogeneous M/M/n the number of busy
  // agents then follows the same path whoever is picked, and P(wait) agrees exactly, while the
  // router's choices (and each agent's load) differ.
  const double hours = sanitized ? 5 : 200;
  sim::scenario li = sim::mmn_scenario(8, 6.0 / 120, 120, 0, 20, hours);
  sim::scenario rnd = li;
  rnd.queues[0].config.strategy.kind = strategy_kind::random;
  const auto a = sim::run(li, 21, sanitized ? 2 : 4);
  const auto b = sim::run(rnd, 21, sanitized ? 2 : 4);
  REQUIRE(a);
  REQUIRE(b);
  const auto pa = a->queues[0].total[static_cast<std::size_t>(sim::queue_metric::p_wait)];
  const auto pb = b->queues[0].total[static_cast<std::size_t>(sim::queue_metric::p_wait)];
  INFO("longest idle " << pa.mean << " ± " << pa.ci95 << ", random " << pb.mean << " ± " << pb.ci95);
  CHECK(pa.mean == Approx(pb.mean).margin(1e-12));
  CHECK(pa.covers(pb.mean));
  CHECK(pb.covers(pa.mean));
  if (!sanitized) {
    const auto c = wfm::evaluate(wfm::model::c, wfm::traffic{6.0 / 120, 120, 0}, 8, 20);
    REQUIRE(c);
    CHECK(pa.covers(c->p_wait));
  }
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Expected-wait predictors: the formulas by hand, the inputs estimated from events, and a
// discrete-event simulation on the real router (Poisson arrivals, exponential service and
// patience) that reports each predictor's mean squared error against realised waits.
#include <omniroute/stats/wait.hpp>

#include <cmath>
#include <iostream>
#include <queue>
#include <random>
#include <unordered_map>

#include "stats/stats_host.hpp"

using namespace omniroute_test;
using stats::wait_predictor;

TEST_CASE("stats: predictor formulas", "[stats][wait]") {
  stats::wait_inputs in;
  in.ahead = 3;
  in.agents = 2;
  in.service_rate = 1.0 / 100;  // AHT 100 s
  in.abandon_rate = 1.0 / 100;
  CHECK(secs_of(*stats::predict_wait(wait_predictor::queue_length, in)) == Approx(200.0));
  // 1/0.02 + 1/0.03 + 1/0.04 + 1/0.05
  CHECK(secs_of(*stats::predict_wait(wait_predictor::queue_length_abandonment, in)) ==
        Approx(50.0 + 100.0 / 3 + 25.0 + 20.0));
  CHECK_FALSE(stats::predict_wait(wait_predictor::head_of_line, in));  // no head, no LES
  in.head_wait = seconds(30);
  CHECK(secs_of(*stats::predict_wait(wait_predictor::head_of_line, in)) == Approx(40.0));
  CHECK_FALSE(stats::predict_wait(wait_predictor::last_to_enter_service, in));
  in.last_answer_wait = seconds(12);
  CHECK(secs_of(*stats::predict_wait(wait_predictor::last_to_enter_service, in)) == Approx(12.0));
  in.ahead = 0;  // nobody ahead: HOL falls back to LES
  CHECK(secs_of(*stats::predict_wait(wait_predictor::head_of_line, in)) == Approx(12.0));
  CHECK(secs_of(*stats::predict_wait(wait_predictor::queue_length, in)) == Approx(50.0));
  in.agents = 0;
  CHECK_FALSE(stats::predict_wait(wait_predictor::queue_length, in));
  CHECK_FALSE(stats::predict_wait(wait_predictor::queue_length_abandonment, in));
  CHECK(std::string(stats::to_string(wait_predictor::head_of_line)) == "head_of_line");
}

TEST_CASE("stats: predictor inputs come from the event stream", "[stats][wait]") {
  stats_host s;
  auto q = s.queue("q");
  auto alice = s.h.given_agent("alice", {q});
  s.h.given_agent("bob", {q}, not_ready_setup());
  auto c1 = s.h.arrive(0, q);
  s.h.accept(0, c1, alice);
  auto c2 = s.h.arrive(1, q);
  auto c3 = s.h.arrive(2, q);
  auto c4 = s.h.arrive(3, q);
  s.h.abandon(11, c3);        // waited 9 s
  s.h.complete(40, c1);       // handled, talk 40; c2 offered at 40
  s.h.accept(41, c2, alice);  // waited 40 s
  s.st.advance(at_seconds(50));
  auto in = s.st.wait_inputs_for(q, 1);
  REQUIRE(in);
  CHECK(in->ahead == 1);
  CHECK(in->agents == 1);  // bob is not ready
  CHECK(in->service_rate == Approx(1.0 / 40));
  // 1 abandon over 0 + 40 + 9 seconds of waiting by contacts that left the queue.
  CHECK(in->abandon_rate == Approx(1.0 / 49));
  REQUIRE(in->head_wait);
  CHECK(secs_of(*in->head_wait) == 47);  // c4, in since 3
  REQUIRE(in->last_answer_wait);
  CHECK(secs_of(*in->last_answer_wait) == 40);
  // The queue's predictor (default: queue length with abandonment) and a chosen one.
  CHECK(secs_of(*s.st.expected_wait(q, 1)) == Approx(40.0 + 1.0 / (1.0 / 40 + 1.0 / 49)));
  stats::queue_settings qs;
  qs.predictor = wait_predictor::last_to_enter_service;
  REQUIRE(s.st.configure_queue(q, qs));
  CHECK(secs_of(*s.st.expected_wait(q, 1)) == Approx(40.0));
  CHECK(secs_of(*s.st.expected_wait(q, 1, wait_predictor::queue_length)) == Approx(80.0));
  // Through the router: c4's position is 0.
  CHECK(secs_of(*s.st.expected_wait_of(s.h.r, c4)) == Approx(40.0));
  CHECK_FALSE(s.st.expected_wait(queue_id(999, 1), 0));
}

TEST_CASE("stats: with nothing handled yet, the default handle time is assumed", "[stats][wait]") {
  stats_host s;
  auto q = s.queue("q");
  s.h.given_agent("alice", {q});
  auto in = s.st.wait_inputs_for(q, 0);
  REQUIRE(in);
  CHECK(in->service_rate == Approx(1.0 / 180));
  CHECK(in->abandon_rate == 0);
  CHECK(secs_of(*s.st.expected_wait(q, 0, wait_predictor::queue_length)) == Approx(180.0));
}

namespace {

/// Offers seen by the observer, accepted by the driver at once.
struct offer_collector final : event_observer {
  std::vector<offer_id> offers;
  std::unordered_map<std::uint64_t, time_point> connected;  ///< contact → connect time

 protected:
  void on_event(const event& e) override {
    if (e.kind == event_kind::contact_offered) offers.push_back(e.offer);
    if (e.kind == event_kind::contact_connected) connected[e.contact.value()] = e.at;
  }
};

struct sim_case {
  const char* name;
  std::uint32_t agents;
  double aht;       // seconds
  double load;      // offered load / agents
  double patience;  // mean seconds
  std::uint32_t arrivals;
  std::uint64_t seed;
};

constexpr wait_predictor all_predictors[] = {
    wait_predictor::queue_length, wait_predictor::queue_length_abandonment,
    wait_predictor::head_of_line, wait_predictor::last_to_enter_service};

struct sim_result {
  double mse[4] = {};
  double variance = 0;
  double mean_wait = 0;
  std::size_t samples = 0;
};

sim_result simulate(const sim_case& k) {
  router r;
  stats::statistics st;  // 15-minute intervals, estimation over the last hour
  offer_collector collector;
  stats::observer_fanout fan{&collector, &st};
  r.set_observer(&fan);
  queue_config qc;
  qc.name = "q";
  qc.offers.timeout = duration::zero();
  const queue_id q = *r.add_queue(r.now(), qc);
  for (std::uint32_t i = 0; i < k.agents; ++i) {
    agent_config ac;
    ac.name = "a" + std::to_string(i);
    const agent_id a = *r.add_agent(r.now(), ac);
    REQUIRE(r.add_member(r.now(), q, a));
    REQUIRE(r.login(r.now(), a, true));
  }

  std::mt19937_64 gen(k.seed);
  std::exponential_distribution<double> interarrival(k.load * k.agents / k.aht);
  std::exponential_distribution<double> service(1.0 / k.aht);
  std::exponential_distribution<double> patience(1.0 / k.patience);

  enum class what { arrival, completion, abandonment };
  struct item {
    double at;
    std::uint64_t seq;
    what kind;
    contact_id contact;
    bool operator>(const item& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  std::priority_queue<item, std::vector<item>, std::greater<item>> agenda;
  std::uint64_t seq = 0;
  agenda.push({interarrival(gen), seq++, what::arrival, {}});

  struct prediction {
    time_point arrived;
    double predicted[4];
  };
  std::unordered_map<std::uint64_t, prediction> predictions;
  std::vector<double> errors[4];
  std::vector<double> waits;
  std::uint32_t arrived = 0;
  const std::uint32_t warm_up = k.arrivals / 10;

  auto accept_offers = [&](double t) {
    while (!collector.offers.empty()) {
      const offer_id o = collector.offers.back();
      collector.offers.pop_back();
      auto info = r.offer(o);
      REQUIRE(info);
      const contact_id c = info->contact;
      REQUIRE(r.accept(at_seconds(t), o));
      agenda.push({t + service(gen), seq++, what::completion, c});
      auto p = predictions.find(c.value());
      if (p != predictions.end()) {
        const double realised = to_seconds(at_seconds(t) - p->second.arrived);
        for (int i = 0; i < 4; ++i) {
          const double d = p->second.predicted[i] - realised;
          errors[i].push_back(d * d);
        }
        waits.push_back(realised);
        predictions.erase(p);
      }
    }
  };

  while (!agenda.empty()) {
    const item it = agenda.top();
    agenda.pop();
    const time_point now = at_seconds(it.at);
    switch (it.kind) {
      case what::arrival: {
        contact_spec spec;
        spec.queue = q;
        auto c = r.arrive(now, spec);
        REQUIRE(c);
        ++arrived;
        if (arrived < k.arrivals) agenda.push({it.at + interarrival(gen), seq++, what::arrival, {}});
        const bool served_at_once = !collector.offers.empty();
        if (!served_at_once && arrived > warm_up) {
          auto place = r.position(*c);
          REQUIRE(place);
          prediction p{now, {}};
          bool complete = true;
          for (int i = 0; i < 4; ++i) {
            auto w = st.expected_wait(q, *place, all_predictors[i]);
            if (!w) complete = false;
            p.predicted[i] = w ? to_seconds(*w) : 0;
          }
          if (complete) predictions.emplace(c->value(), p);
        }
        if (!served_at_once) agenda.push({it.at + patience(gen), seq++, what::abandonment, *c});
        accept_offers(it.at);
        break;
      }
      case what::completion:
        REQUIRE(r.complete(now, it.contact));
        accept_offers(it.at);
        break;
      case what::abandonment: {
        auto info = r.contact(it.contact);
        if (info && info->state == contact_state::waiting) {
          REQUIRE(r.abandon(now, it.contact));
          predictions.erase(it.contact.value());
        }
        break;
      }
    }
  }

  sim_result res;
  res.samples = waits.size();
  for (double w : waits) res.mean_wait += w;
  res.mean_wait /= static_cast<double>(waits.size());
  for (double w : waits) res.variance += (w - res.mean_wait) * (w - res.mean_wait);
  res.variance /= static_cast<double>(waits.size());
  for (int i = 0; i < 4; ++i) {
    for (double e : errors[i]) res.mse[i] += e;
    res.mse[i] /= static_cast<double>(errors[i].size());
  }
  return res;
}

void report(const sim_case& k, const sim_result& res) {
  std::cout << "[stats] expected-wait MSE, " << k.name << " (" << k.agents << " agents, AHT "
            << k.aht << " s, load " << k.load << ", mean patience " << k.patience << " s, "
            << res.samples << " waiting contacts served, mean wait " << res.mean_wait
            << " s, variance " << res.variance << " s^2):\n";
  for (int i = 0; i < 4; ++i) {
    std::cout << "  " << stats::to_string(all_predictors[i]) << ": MSE " << res.mse[i]
              << " s^2 (RMSE " << std::sqrt(res.mse[i]) << " s, "
              << res.mse[i] / res.variance << " of the variance)\n";
  }
}

}  // namespace

TEST_CASE("stats: expected-wait predictors against simulated waits", "[stats][wait][sim]") {
  const sim_case cases[] = {
      {"loaded", 20, 180, 0.95, 600, 20000, 20260101},
      {"overloaded", 20, 180, 1.2, 300, 20000, 20260102},
  };
  for (const sim_case& k : cases) {
    const sim_result res = simulate(k);
    report(k, res);
    INFO(k.name);
    REQUIRE(res.samples > 1000);
    double best = res.mse[0];
    for (double m : res.mse) {
      CHECK(std::isfinite(m));
      best = std::min(best, m);
    }
    CHECK(best < res.variance);
  }
}

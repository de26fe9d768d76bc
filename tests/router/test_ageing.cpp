// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Priority ageing: queue_ordering::aged orders by place-in-line time minus priority x
// priority_step, so a priority is a head start that waiting time catches up with.
#include "support/recording_host.hpp"

#include <algorithm>

using namespace omniroute_test;

namespace {

queue_id aged_queue(recording_host& h, queue_ordering ordering = queue_ordering::aged) {
  return h.given_queue("q", [&](queue_config& c) {
    c.ordering = ordering;
    c.priority_step = seconds(30);
    c.offers.timeout = duration::zero();
  });
}

}  // namespace

TEST_CASE("Ageing: priority 2 beats a priority-0 contact less than 2 x step older, not one more than 2 x step older",
          "[skills][ageing]") {
  recording_host h;
  auto q = aged_queue(h);
  auto ann = h.given_agent("ann", {q}, not_ready_setup());
  auto c1 = h.arrive(0, q, channels::voice, 0);   // virtual time 0
  auto c2 = h.arrive(50, q, channels::voice, 2);  // 50 - 60 = -10: ahead of c1
  auto c3 = h.arrive(70, q, channels::voice, 2);  // 70 - 60 = 10: behind c1
  CHECK(h.waiting(q) == lines{"c2", "c1", "c3"});
  CHECK(*h.r.position(c1) == 1);

  // Agent side: the freed agent takes them in that order.
  auto m = h.mark();
  h.ready(100, ann);
  h.serve(100, c2, ann, 110);
  h.serve(110, c1, ann, 120);
  h.serve(120, c3, ann, 130);
  CHECK(h.offers_since(m) == lines{"c2 ann", "c1 ann", "c3 ann"});
}

TEST_CASE("Ageing bound: a contact never waits behind an unbounded stream of later higher-priority contacts",
          "[skills][ageing]") {
  // One agent serving one contact every 20 s from t = 100; priority-2 contacts arrive every
  // 10 s from t = 5, so the line grows without bound. The priority-0 contact of t = 0 must wait
  // only behind those that arrived within (2 - 0) x 30 s = 60 s after it.
  auto run = [](queue_ordering ordering) {
    auto h = make_router();
    auto q = aged_queue(*h, ordering);
    auto ann = h->given_agent("ann", {q}, not_ready_setup());
    const contact_id old = h->arrive(0, q, channels::voice, 0);
    std::vector<std::pair<contact_id, double>> stream;
    double next = 5;
    auto arrivals_until = [&](double t) {
      for (; next <= t; next += 10) stream.emplace_back(h->arrive(next, q, channels::voice, 2), next);
    };
    arrivals_until(100);
    h->ready(100, ann);
    std::vector<double> served;  // arrival times in service order; -1 for the old contact
    for (double t = 100; t < 600; t += 20) {
      const contact_id c = h->last(event_kind::contact_offered).e.contact;
      REQUIRE(h->offered_to(c) == ann);
      h->accept(t, c, ann);
      if (c == old) {
        served.push_back(-1);
      } else {
        for (const auto& [id, at] : stream) {
          if (id == c) served.push_back(at);
        }
      }
      arrivals_until(t + 19);
      h->complete(t + 20, c);
    }
    CHECK(h->info(q).waiting > 10);  // the stream never dried up
    return served;
  };

  const std::vector<double> aged = run(queue_ordering::aged);
  auto old_at = std::find(aged.begin(), aged.end(), -1.0);
  REQUIRE(old_at != aged.end());
  // Served ahead of it: exactly the later contacts that arrived less than 60 s after it.
  CHECK(std::vector<double>(aged.begin(), old_at) == std::vector<double>{5, 15, 25, 35, 45, 55});
  for (auto it = old_at + 1; it != aged.end(); ++it) CHECK(*it > 60);
  // Contrast: strict priority ordering starves it for as long as the stream lasts.
  const std::vector<double> strict = run(queue_ordering::priority);
  CHECK(std::find(strict.begin(), strict.end(), -1.0) == strict.end());
}

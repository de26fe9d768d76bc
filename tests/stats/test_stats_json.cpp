// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The wallboard snapshot as JSON, rebuilding from stored events, and the observer fan-out.
#include <omniroute/stats/json.hpp>

#include <stdexcept>

#include "stats/stats_host.hpp"

using namespace omniroute_test;

namespace {
struct scenario {
  stats_host s;
  queue_id q;
  agent_id alice;
  scenario() {
    q = s.queue("q", [](queue_config& c) { c.wrap_up = std::chrono::seconds(5); });
    s.st.set_group("all", {q});
    alice = s.h.given_agent("alice", {q});
    auto c1 = s.h.arrive(0, q);
    s.h.accept(10, c1, alice);
    auto c2 = s.h.arrive(12, q);
    s.h.complete(30, c1);  // wrap-up 30-35, then c2 offered
    s.h.abandon(33, c2);
    s.h.arrive(40, q);     // offered to alice at 40
    s.st.advance(at_seconds(50));
  }
};
}  // namespace

TEST_CASE("stats: the snapshot serialises to JSON for a wallboard", "[stats][json]") {
  scenario sc;
  const nlohmann::json j = sc.s.st.take_snapshot();
  CHECK(j["at"] == 50.0);
  CHECK(j["interval_index"] == 0);
  CHECK(j["interval_begin"] == 0.0);
  CHECK(j["interval_end"] == 60.0);
  REQUIRE(j["queues"].size() == 1);
  const auto& q = j["queues"][0];
  CHECK(q["id"] == std::to_string(sc.q.index()) + ":" + std::to_string(sc.q.generation()));
  CHECK(q["now"]["waiting"] == 1);
  CHECK(q["now"]["longest_wait"] == 10.0);
  CHECK(q["now"]["agents"]["reserved"] == 1);
  CHECK(q["now"]["staffed"] == 1);
  CHECK(q["now"]["occupancy"] == 1.0);
  CHECK(q["interval"]["offered"] == 2);
  CHECK(q["interval"]["answered"] == 1);
  CHECK(q["interval"]["abandoned"] == 1);
  CHECK(q["interval"]["asa"] == 10.0);
  CHECK(q["interval"]["aht"] == 25.0);  // talk 20 + wrap-up 5
  CHECK(q["interval"]["service_level"]["of_offered"] == 0.5);
  CHECK(q["interval"]["service_level"]["of_answered"] == 1.0);
  // c2 abandoned after 21 s: beyond T, so the third definition equals the first.
  CHECK(q["interval"]["service_level"]["of_offered_less_abandoned_within"] == 0.5);
  CHECK(q["interval"]["time"]["busy"] == 20.0);
  CHECK(q["interval"]["time"]["wrap_up"] == 5.0);
  CHECK(q["expected_wait"].is_number());
  REQUIRE(j["agents"].size() == 1);
  CHECK(j["agents"][0]["state"] == "reserved");
  CHECK(j["agents"][0]["state_since"] == 40.0);
  REQUIRE(j["channels"].size() == 1);
  CHECK(j["channels"][0]["id"] == 0);
  REQUIRE(j["groups"].size() == 1);
  CHECK(j["groups"][0]["name"] == "all");
  CHECK(j["groups"][0]["interval"]["offered"] == 2);
  // Round trip through text, as a wallboard would poll it.
  CHECK(nlohmann::json::parse(j.dump()) == j);
}

TEST_CASE("stats: undefined metrics are null in JSON", "[stats][json]") {
  stats::interval_stats empty;
  const nlohmann::json j = empty;
  CHECK(j["asa"].is_null());
  CHECK(j["aht"].is_null());
  CHECK(j["occupancy"].is_null());
  CHECK(j["service_level"]["of_offered"].is_null());
  CHECK(j["offered"] == 0);
}

TEST_CASE("stats: feeding stored events rebuilds the same report", "[stats][replay]") {
  scenario sc;
  std::vector<event> stored;
  for (const auto& r : sc.s.h.events()) stored.push_back(r.e);
  stats::statistics rebuilt(minute_intervals());
  rebuilt.set_group("all", {sc.q});
  rebuilt.feed(stored.begin(), stored.end());
  rebuilt.advance(at_seconds(50));
  const nlohmann::json live = sc.s.st.take_snapshot();
  const nlohmann::json again = rebuilt.take_snapshot();
  CHECK(live == again);
}

namespace {
struct counting_observer final : event_observer {
  int seen = 0;
  bool throws = false;

 protected:
  void on_event(const event&) override {
    ++seen;
    if (throws) throw std::runtime_error("observer failed");
  }
};
}  // namespace

TEST_CASE("stats: observer_fanout delivers to every observer even when one throws",
          "[stats][fanout]") {
  counting_observer first;
  counting_observer second;
  stats::observer_fanout fan{&first, &second, &first, nullptr};
  CHECK(fan.size() == 2);
  event e;
  fan.deliver(e);
  CHECK(first.seen == 1);
  CHECK(second.seen == 1);
  first.throws = true;
  CHECK_THROWS_AS(fan.deliver(e), std::runtime_error);
  CHECK(second.seen == 2);
  CHECK(fan.remove(&first));
  CHECK_FALSE(fan.remove(&first));
  fan.deliver(e);
  CHECK(first.seen == 2);
  CHECK(second.seen == 3);
}

TEST_CASE("stats: a stream fed from the middle counts only what it saw enter", "[stats][replay]") {
  scenario sc;
  std::vector<event> stored;
  for (const auto& r : sc.s.h.events()) stored.push_back(r.e);
  // Start at c1's connection (t = 10): c1 is unknown, c2 and c3 are seen entering.
  auto from = std::find_if(stored.begin(), stored.end(), [](const event& e) {
    return e.kind == event_kind::contact_connected;
  });
  REQUIRE(from != stored.end());
  stats::statistics late(minute_intervals());
  late.feed(from, stored.end());
  late.advance(at_seconds(50));
  const auto i0 = late.queue_interval(sc.q, 0);
  REQUIRE(i0);
  CHECK(i0->entered == 2);
  CHECK(i0->answered == 0);   // c1 entered before the stream began
  CHECK(i0->abandoned == 1);  // c2
  CHECK(i0->handled == 1);    // c1's talk from its connection (10) to completion (30)
  CHECK(secs_of(i0->talk) == 20);
  CHECK(late.queue_realtime(sc.q)->waiting == 1);
}

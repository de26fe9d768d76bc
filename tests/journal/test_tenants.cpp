// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Tenants: several routers in one process share nothing. One tenant's commands, refusals and
// hostile input never change another tenant's state: each tenant's state hash follows only its
// own command stream, and equals that of a router that ran the stream alone.
#include "journal/workload.hpp"

#include <omniroute/journal/command.hpp>

#include "support/catch.hpp"

using namespace omniroute;
using namespace omniroute_journal_test;

TEST_CASE("tenants in one process share nothing", "[journal][tenants]") {
  constexpr int tenants = 4;
  std::vector<router> shared;
  std::vector<workload> loads;
  std::vector<std::vector<command>> streams(tenants);
  for (int t = 0; t < tenants; ++t) {
    shared.emplace_back();
    loads.emplace_back(100 + static_cast<std::uint64_t>(t));
  }
  // Interleave the tenants' streams; tenant 0 also gets a burst of hostile commands: handles
  // issued by the other tenants (valid there, foreign here), and time going backwards.
  std::vector<std::uint64_t> hostile_hashes;
  for (int step = 0; step < 1500; ++step) {
    for (int t = 0; t < tenants; ++t) {
      command c = loads[t].next(shared[t]);
      streams[t].push_back(c);
      (void)apply(shared[t], c);
    }
    if (step % 50 == 49) {
      const std::uint64_t others_before = shared[1].state_hash() ^ shared[2].state_hash() ^ shared[3].state_hash();
      for (agent_id a : shared[1].agents()) {
        const command foreign{loads[0].now(), cmd::remove_agent{a}};
        streams[0].push_back(foreign);
        (void)apply(shared[0], foreign);
      }
      const command backwards{loads[0].now() - std::chrono::hours(1), cmd::advance{}};
      streams[0].push_back(backwards);
      CHECK(apply(shared[0], backwards).error == errc::time_went_backwards);
      CHECK((shared[1].state_hash() ^ shared[2].state_hash() ^ shared[3].state_hash()) == others_before);
    }
  }
  // Each tenant equals a router that ran its stream in a process of its own.
  for (int t = 0; t < tenants; ++t) {
    INFO("tenant " << t);
    router alone;
    for (const command& c : streams[t]) (void)apply(alone, c);
    CHECK(alone.state_hash() == shared[t].state_hash());
    CHECK(check_invariants(shared[t]).empty());
  }
  // And the tenants did diverge: different seeds, different states.
  CHECK(shared[0].state_hash() != shared[1].state_hash());
}

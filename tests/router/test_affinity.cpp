// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Affinity: a contact held for its preferred agent for `preferred_wait`, then the general pool.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {

contact_spec for_agent(queue_id q, agent_id preferred, double wait) {
  contact_spec s;
  s.queue = q;
  s.preferred_agent = preferred;
  s.preferred_wait = seconds(wait);
  return s;
}

void no_timeout(queue_config& c) { c.offers.timeout = duration::zero(); }

}  // namespace

TEST_CASE("Affinity: during the hold only the preferred agent is offered, afterwards the pool",
          "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", no_timeout);
  auto pref = h.given_agent("pref", {q});
  auto other = h.given_agent("other", {q});
  // Pref is busy with c1; other stays idle throughout the hold.
  auto work = h.arrive(1, q);
  REQUIRE(h.offered_to(work) == pref);
  h.accept(2, work, pref);

  SECTION("the hold ends: the general pool gets the contact at exactly arrival + preferred_wait") {
    auto m = h.mark();
    auto c = h.arrive(10, for_agent(q, pref, 30));
    CHECK(h.info(c).held_for == pref);
    CHECK(h.state(other) == agent_state::ready);
    h.advance(39);
    CHECK(h.offers_since(m).empty());
    h.advance(60);
    CHECK(h.story_since(m) == lines{"t=10 queued c2 q", "t=40 offered c2 other"});
    CHECK(h.info(c).held_for.is_null());
  }
  SECTION("the preferred agent frees up during the hold and gets the contact") {
    auto m = h.mark();
    auto c = h.arrive(10, for_agent(q, pref, 30));
    h.complete(20, work);
    CHECK(h.story_since(m) == lines{"t=10 queued c2 q", "t=20 completed c1 pref", "t=20 offered c2 pref"});
    (void)c;
  }
  SECTION("the preferred agent logs out during the hold: the pool gets the contact at once") {
    auto m = h.mark();
    auto c = h.arrive(10, for_agent(q, pref, 30));
    h.complete(20, work);  // offered to pref at once (still held): let pref decline by logging out
    REQUIRE(h.offered_to(c) == pref);
    h.not_ready(21, pref);
    h.logout(25, pref);
    CHECK(h.story_since(m) == lines{"t=10 queued c2 q", "t=20 completed c1 pref", "t=20 offered c2 pref",
                                    "t=25 ended c2 pref cancelled:agent_logged_out", "t=25 offered c2 other"});
    CHECK(h.info(c).held_for.is_null());
  }
}

TEST_CASE("Affinity: a held contact yields when the preferred agent logs out while not ready",
          "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", no_timeout);
  auto other = h.given_agent("other", {q});
  auto pref = h.given_agent("pref", {q}, not_ready_setup());
  auto m = h.mark();
  auto c = h.arrive(10, for_agent(q, pref, 30));
  CHECK(h.info(c).held_for == pref);
  CHECK(h.state(c) == contact_state::waiting);  // other is idle but not the preferred agent
  h.logout(15, pref);
  CHECK(h.story_since(m) == lines{"t=10 queued c1 q", "t=15 offered c1 other"});
  CHECK(h.info(c).held_for.is_null());
  CHECK(h.r.next_deadline() == never);  // the hold timer is gone
  (void)other;
}

TEST_CASE("Affinity: a preferred agent logged out at arrival means no hold", "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", no_timeout);
  auto pref = h.given_agent("pref", {q}, logged_out());
  auto other = h.given_agent("other", {q});
  auto m = h.mark();
  auto c = h.arrive(10, for_agent(q, pref, 30));
  CHECK(h.story_since(m) == lines{"t=10 queued c1 q", "t=10 offered c1 other"});
  CHECK(h.info(c).held_for.is_null());
  (void)other;
}

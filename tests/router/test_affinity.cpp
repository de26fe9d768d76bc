// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Affinity: a contact held for its preferred agent for `preferred_wait`, then the general pool.
#include <omniroute/journal/snapshot.hpp>

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

/// The size of the router's snapshot. A snapshot saves every eligibility group of every queue
/// with the memberships in it, in fixed-width records, and a slot record per contact and offer
/// slot ever used: at the same shape (the same agents, queues and slots, no contact) a personal
/// group that outlived its contacts shows as growth.
std::size_t snapshot_size(const router& r) {
  std::string bytes;
  save_snapshot(r, bytes);
  return bytes.size();
}

/// A fresh router restored from `r`'s snapshot hashes like it (the snapshot's own check).
bool restores(const router& r) {
  std::string bytes;
  save_snapshot(r, bytes);
  router copy;
  auto restored = restore_snapshot(copy, bytes);
  return restored && copy.state_hash() == r.state_hash();
}

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

// A contact's max-wait and hold timers share one timer bank, which the contact holds only
// while one of them is armed: whichever ends first, by its deadline or by a cancel, the other
// still fires at its own instant, and nothing fires after both ended.
TEST_CASE("Affinity: the max wait fires on time however the hold ends", "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", [](queue_config& c) {
    no_timeout(c);
    c.max_wait = seconds(60);
  });
  auto pref = h.given_agent("pref", {q}, not_ready_setup());
  auto m = h.mark();

  SECTION("the hold's deadline passes first") {
    auto c = h.arrive(10, for_agent(q, pref, 30));
    auto plain = h.arrive(10, q);
    CHECK(restores(h.r));
    h.advance(40);
    CHECK(h.info(c).held_for.is_null());
    CHECK(h.r.next_deadline() == at_seconds(70));
    CHECK(restores(h.r));
    h.advance(100);
    CHECK(h.story_since(m) == lines{"t=10 queued c1 q", "t=10 queued c2 q", "t=70 expired c1 q max_wait",
                                    "t=70 expired c2 q max_wait"});
    (void)plain;
  }
  SECTION("the hold is cancelled first: the preferred agent logs out") {
    auto c = h.arrive(10, for_agent(q, pref, 30));
    h.logout(25, pref);
    CHECK(h.info(c).held_for.is_null());
    CHECK(h.r.next_deadline() == at_seconds(70));
    CHECK(restores(h.r));
    h.advance(100);
    CHECK(h.story_since(m) == lines{"t=10 queued c1 q", "t=70 expired c1 q max_wait"});
  }
  SECTION("the max wait comes first and takes the hold with it") {
    h.arrive(10, for_agent(q, pref, 300));
    h.advance(70);
    CHECK(h.r.next_deadline() == never);
    h.advance(400);
    CHECK(h.story_since(m) == lines{"t=10 queued c1 q", "t=70 expired c1 q max_wait"});
  }
  SECTION("a later contact's max wait, after a hold ended by its deadline") {
    h.arrive(10, for_agent(q, pref, 5));
    h.advance(15);
    h.logout(16, pref);
    h.arrive(20, q);
    h.advance(100);
    CHECK(h.story_since(m) == lines{"t=10 queued c1 q", "t=20 queued c2 q", "t=70 expired c1 q max_wait",
                                    "t=80 expired c2 q max_wait"});
  }
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

// A personal group lives while a contact is held in it: each way out of the group leaves the
// router as it was (the same snapshot size once no contact is left), and holding a contact
// for the same agent afterwards works as the first time.
TEST_CASE("Affinity: the preferred agent's group goes with the last contact held in it, by every exit",
          "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", no_timeout);
  auto q2 = h.given_queue("q2", no_timeout);
  auto pref = h.given_agent("pref", {q, q2}, not_ready_setup());
  auto other = h.given_agent("other", {q});
  // One contact and one offer slot in use, as in each exit below.
  auto warm = h.arrive(5, q);
  REQUIRE(h.offered_to(warm) == other);
  h.accept(5, warm, other);
  h.complete(6, warm);
  const std::size_t quiet = snapshot_size(h.r);
  auto c = h.arrive(10, for_agent(q, pref, 30));
  REQUIRE(h.info(c).held_for == pref);
  REQUIRE(h.state(c) == contact_state::waiting);
  CHECK(snapshot_size(h.r) > quiet);
  double t = 11;

  SECTION("the customer abandons") {
    h.abandon(t, c);
  }
  SECTION("the preferred agent accepts the offer") {
    h.ready(t, pref);
    REQUIRE(h.offered_to(c) == pref);
    h.accept(t, c, pref);
    h.complete(t + 1, c);
    h.not_ready(t + 1, pref);
    t += 1;
  }
  SECTION("the hold times out and the pool takes the contact") {
    h.advance(40);
    REQUIRE(h.offered_to(c) == other);
    h.accept(40, c, other);
    h.complete(41, c);
    t = 41;
  }
  SECTION("the contact moves to another queue") {
    REQUIRE(h.r.transfer(at_seconds(t), c, q2));
    CHECK(h.info(c).held_for.is_null());  // affinity holds within the queue it was asked for
    h.abandon(t, c);
  }
  SECTION("the preferred agent logs out") {
    h.logout(t, pref);
    REQUIRE(h.offered_to(c) == other);
    h.accept(t, c, other);
    h.complete(t, c);
    h.login(t, pref, false);
  }
  SECTION("the queue's leave policy takes the contact out") {
    queue_config cfg;
    cfg.name = "q";
    no_timeout(cfg);
    cfg.leave = leave_policy::when_none_ready;
    h.not_ready(t, other);
    auto m = h.mark();
    REQUIRE(h.r.update_queue(at_seconds(t), q, cfg));
    CHECK(h.story_since(m) == lines{"t=11 expired c2 q leave_when_empty"});
    cfg.leave = leave_policy::stay;
    REQUIRE(h.r.update_queue(at_seconds(t), q, cfg));
    h.ready(t, other);
  }
  CHECK(h.r.live_contact_count() == 0);
  CHECK(snapshot_size(h.r) == quiet);
  CHECK(restores(h.r));

  // Held again for the same agent: held, then offered to it as soon as it is ready.
  auto again = h.arrive(t + 1, for_agent(q, pref, 30));
  CHECK(h.info(again).held_for == pref);
  CHECK(h.state(again) == contact_state::waiting);
  h.ready(t + 2, pref);
  CHECK(h.offered_to(again) == pref);
}

TEST_CASE("Affinity: removing the queue or the agent a contact was held for leaves no group behind",
          "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", no_timeout);
  auto side = h.given_queue("side", no_timeout);
  auto pref = h.given_agent("pref", {q, side}, not_ready_setup());
  auto gone = h.given_agent("gone", {q}, not_ready_setup());
  auto other = h.given_agent("other", {q});

  SECTION("remove_queue moves the held contact into the pool of the queue it moves to") {
    auto c = h.arrive(10, for_agent(side, pref, 30));
    REQUIRE(h.info(c).held_for == pref);
    auto m = h.mark();
    REQUIRE(h.r.remove_queue(at_seconds(11), side, q));
    CHECK(h.story_since(m) == lines{"t=11 transferred c1 side->q queue_removed", "t=11 queued c1 q",
                                    "t=11 offered c1 other"});
    CHECK(h.r.queue_count() == 1);
    // The agent's affinity groups died with their contacts: its logout walks none of them.
    h.logout(12, pref);
    h.login(13, pref, false);
  }
  SECTION("remove_agent after the agent's held contacts went to the pool") {
    auto c = h.arrive(10, for_agent(q, gone, 30));
    REQUIRE(h.info(c).held_for == gone);
    h.logout(11, gone);
    CHECK(h.offered_to(c) == other);
    REQUIRE(h.r.remove_agent(at_seconds(12), gone));
  }
  CHECK(restores(h.r));
  auto again = h.arrive(20, for_agent(q, pref, 30));
  CHECK(h.info(again).held_for == pref);
  h.ready(21, pref);
  CHECK(h.offered_to(again) == pref);
}

TEST_CASE("Affinity: contacts held for ever new agents do not grow the queue's groups", "[skills][affinity]") {
  recording_host h;
  auto q = h.given_queue("q", no_timeout);
  std::vector<agent_id> agents;
  for (int i = 0; i < 20; ++i) agents.push_back(h.given_agent("a" + std::to_string(i), {q}, not_ready_setup()));
  // All at one time: the live service-level window's buckets (also saved) follow the clock.
  const double t = 10;
  std::size_t quiet = 0;  // after the first round, which takes the contact slots
  for (agent_id a : agents) {
    auto first = h.arrive(t, for_agent(q, a, 30));
    auto second = h.arrive(t, for_agent(q, a, 30));  // the same group: one per agent and queue
    REQUIRE(h.info(first).held_for == a);
    REQUIRE(h.info(second).held_for == a);
    // Freed last-in first-out, so the next round takes the same slots: the pool's free list
    // (saved too) is the same after each round.
    h.abandon(t, second);
    h.abandon(t, first);
    if (quiet == 0) quiet = snapshot_size(h.r);
    CHECK(snapshot_size(h.r) == quiet);
  }
}

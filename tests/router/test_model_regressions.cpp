// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Router bugs found by the randomized model-based test (tests/model/), each reduced to the
// scenario that shows it. The seed that found each one is named in its test.
#include "support/recording_host.hpp"

using namespace omniroute_test;

// Seed 3: the command never returned and buffered events until memory ran out.
TEST_CASE("remove_queue never overflows a moved contact back into the queue being removed",
          "[router][queue][regression]") {
  recording_host h;
  auto old_q = h.given_queue("old");
  // The target's leave policy applies (nobody logged in) and it overflows to `old`.
  auto target = h.given_queue("new", [&](queue_config& c) {
    c.leave = leave_policy::when_none_logged_in;
    c.overflow = old_q;
  });
  h.arrive(1, old_q);
  auto m = h.mark();
  REQUIRE(h.r.remove_queue(at_seconds(2), old_q, target));
  // `old` stopped being an overflow target before the contact moved: the contact leaves
  // `new` the only way left, expired.
  CHECK(h.story_since(m) == lines{"t=2 transferred c1 old->new queue_removed", "t=2 queued c1 new",
                                  "t=2 expired c1 new leave_when_empty"});
  CHECK(h.r.live_contact_count() == 0);
  CHECK(!h.r.queue(old_q));
}

// Seeds 6 and 1001: the expiry fired in the next command instead, even in a refused one
// (which must change nothing), and made a contact the host had just seen disappear.
TEST_CASE("update_queue with a max wait some contacts already passed expires them in that command",
          "[router][queue][timer][regression]") {
  recording_host h;
  queue_config cfg;
  cfg.name = "sales";
  auto q = h.given_queue("sales");
  auto c1 = h.arrive(1, q);
  h.arrive(15, q);  // c2: within the new limit
  auto m = h.mark();
  cfg.max_wait = seconds(10);
  REQUIRE(h.r.update_queue(at_seconds(20), q, cfg));
  CHECK(h.story_since(m) == lines{"t=20 expired c1 sales max_wait"});
  CHECK(h.waiting(q) == lines{"c2"});
  // A refused command at the same time emits nothing and finds c1 gone.
  m = h.mark();
  CHECK(h.r.abandon(at_seconds(20), c1).error() == make_error_code(errc::unknown_contact));
  CHECK(h.r.update_queue(at_seconds(20), queue_id{}, cfg).error() == make_error_code(errc::unknown_queue));
  CHECK(h.story_since(m).empty());
  CHECK(h.r.next_deadline() == at_seconds(25));
}

namespace {
/// An agent with the given skills, logged in ready, on no roster.
agent_id skilled_agent(recording_host& h, const std::string& name,
                       std::vector<std::pair<std::string, std::uint8_t>> skills) {
  return h.given_agent(name, {}, configured([&](agent_config& c) { c.skills = std::move(skills); }));
}
contact_spec needing(queue_id q, requirement_id req) {
  contact_spec s;
  s.queue = q;
  s.requirement = req;
  return s;
}
}  // namespace

// The extended model test (seeds 1..8): the count included the queue's requirement groups.
TEST_CASE("agent_info::queues counts queues, not the requirement groups inside them",
          "[router][skills][regression]") {
  recording_host h;
  REQUIRE(h.r.add_skill("billing"));
  REQUIRE(h.r.add_skill("sales"));
  auto q = h.given_queue("sales");
  auto a = skilled_agent(h, "alice", {{"billing", 5}, {"sales", 5}});
  h.member(q, a);
  h.not_ready(1, a);
  h.arrive(2, needing(q, h.requirement_of("billing")));
  h.arrive(3, needing(q, h.requirement_of("sales >= 2")));
  CHECK(h.info(a).queues == 1);
}

// The extended model test (seeds 2..8): a segfault in the weighted draw tree.
TEST_CASE("update_queue of a random queue whose agents sit in several requirement groups",
          "[router][skills][regression]") {
  recording_host h;
  REQUIRE(h.r.add_skill("billing"));
  queue_config cfg;
  cfg.name = "sales";
  cfg.strategy.kind = strategy_kind::random;
  auto q = h.given_queue("sales", [&](queue_config& c) { c = cfg; });
  auto a = skilled_agent(h, "alice", {{"billing", 5}});
  h.member(q, a);
  // Served once with a requirement: alice now also belongs to the queue's "billing" group.
  auto c1 = h.arrive(1, needing(q, h.requirement_of("billing")));
  h.serve(2, c1, a, 3);
  cfg.ordering = queue_ordering::fifo;  // any change rebuilds the queue's indexes
  REQUIRE(h.r.update_queue(at_seconds(4), q, cfg));
  auto m = h.mark();
  h.arrive(5, needing(q, h.requirement_of("billing")));
  CHECK(h.offers_since(m) == lines{"c2 alice"});
}

// The extended model test (seeds 1001..1004 with explanations): a dynamic member who joined
// the roster kept the dynamic tier, so a worse tier was served first.
TEST_CASE("a dynamic member added to the roster takes its roster tier", "[router][skills][regression]") {
  recording_host h;
  REQUIRE(h.r.add_skill("billing"));
  auto billing = h.requirement_of("billing");
  auto q = h.given_queue("sales", [&](queue_config& c) {
    c.eligibility = billing;
    c.dynamic_tier = 2;
  });
  auto bob = h.given_agent("bob", {});
  h.member(q, bob, member_options{1, 1, std::nullopt});
  auto alice = skilled_agent(h, "alice", {{"billing", 5}});  // eligible at tier 2
  h.member(q, alice, member_options{0, 1, std::nullopt});    // now on the roster at tier 0
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  CHECK(h.offers_since(m) == lines{"c1 alice"});
  h.serve(2, c1, alice, 3);
  // Leaving the roster, alice is a dynamic tier-2 member again: bob (tier 1) comes first.
  REQUIRE(h.r.remove_member(at_seconds(4), q, alice));
  h.arrive(5, q);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 bob"});
}

// Seed 12 with affinity arrivals (session 3's model): the hold came along into the new queue,
// without a deadline, and the contact waited there for an agent who is not a member of it.
TEST_CASE("a contact transferred while connected leaves its affinity hold behind",
          "[router][affinity][transfer][regression]") {
  recording_host h;
  auto one = h.given_queue("one");
  auto two = h.given_queue("two");
  auto ann = h.given_agent("ann", {one});
  auto bob = h.given_agent("bob", {two});
  contact_spec spec;
  spec.queue = one;
  spec.preferred_agent = ann;
  spec.preferred_wait = seconds(60);
  auto c = h.arrive(1, spec);
  REQUIRE(h.offered_to(c) == ann);
  h.accept(2, c, ann);
  REQUIRE(h.r.transfer(at_seconds(3), c, two, transfer_options{}));
  CHECK(h.info(c).held_for == agent_id{});
  CHECK(h.offered_to(c) == bob);
}

// CI seed 5 with accept_callback on offered contacts (session 3's model): the withdrawn offer
// put the contact back in line, where the queue's leave policy applied but was not applied.
TEST_CASE("accept_callback applies the leave policy to the contact whose offer it withdrew",
          "[router][escalation][regression]") {
  recording_host h;
  auto q = h.given_queue("q", [](queue_config& c) {
    c.channels = {channels::voice, channels::callback};
    c.leave = leave_policy::when_none_ready;
  });
  auto ann = h.given_agent("ann", {q});
  auto c = h.arrive(1, q);
  REQUIRE(h.offered_to(c) == ann);
  h.not_ready(2, ann);  // the offer stays pending; nobody is ready any more
  auto m = h.mark();
  h.accept_callback(3, c);
  const lines story = h.story_since(m);
  REQUIRE(!story.empty());
  CHECK(story.back() == "t=3 expired c1 q leave_when_empty");
  CHECK(h.waiting(q).empty());
}

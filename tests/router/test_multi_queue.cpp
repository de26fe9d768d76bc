// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Agents in several queues (agent side): weight, priority, place in line, creation order,
// and no starvation by contacts the agent cannot take.
#include "support/recording_host.hpp"

using namespace omniroute_test;

TEST_CASE("an agent takes the highest priority across its queues, then the longest waiting",
          "[router][multi-queue]") {
  recording_host h;
  auto q1 = h.given_queue("one");
  auto q2 = h.given_queue("two");
  auto a = h.given_agent("alice", {q1, q2}, logged_out());
  auto c1 = h.arrive(1, q1, channels::voice, 0);
  auto c2 = h.arrive(2, q2, channels::voice, 5);
  auto c3 = h.arrive(3, q1, channels::voice, 5);
  auto m = h.mark();
  h.login(4, a);
  CHECK(h.offers_since(m) == lines{"c2 alice"});
  h.serve(4, c2, a, 5);
  CHECK(h.offers_since(m) == lines{"c2 alice", "c3 alice"});
  h.serve(5, c3, a, 6);
  CHECK(h.offers_since(m) == lines{"c2 alice", "c3 alice", "c1 alice"});
  (void)c1;
}

TEST_CASE("a fifo queue's contacts count as priority 0 across queues", "[router][multi-queue]") {
  recording_host h;
  auto fifo = h.given_queue("fifo", [](queue_config& c) { c.ordering = queue_ordering::fifo; });
  auto prio = h.given_queue("prio");
  auto a = h.given_agent("alice", {fifo, prio}, logged_out());
  auto c1 = h.arrive(1, fifo, channels::voice, 9);
  auto c2 = h.arrive(2, prio, channels::voice, 1);
  h.arrive(3, prio, channels::voice, 0);
  auto m = h.mark();
  h.login(4, a);
  CHECK(h.offers_since(m) == lines{"c2 alice"});  // 1 beats the fifo queue's 0
  h.serve(4, c2, a, 5);
  CHECK(h.offers_since(m) == lines{"c2 alice", "c1 alice"});  // 0 vs 0: c1 waited longer
  (void)c1;
}

TEST_CASE("equal priority and place in line across queues break by contact creation order",
          "[router][multi-queue]") {
  recording_host h;
  auto q1 = h.given_queue("one");
  auto q2 = h.given_queue("two");
  auto a = h.given_agent("alice", {q1, q2}, logged_out());
  h.arrive(1, q2);
  h.arrive(1, q1);
  auto m = h.mark();
  h.login(2, a);
  CHECK(h.offers_since(m) == lines{"c1 alice"});
}

// The agent's walk compares copies of each queue's head (weight, priority, place in line) and
// reads the contacts only on a tie: both orders of creation, so that whichever queue the walk
// meets first, the tie is broken by the contacts and not by the walk.
TEST_CASE("a tie across queues goes to the contact created first, whichever queue it is in",
          "[router][multi-queue]") {
  for (const bool first_in_one : {true, false}) {
    CAPTURE(first_in_one);
    recording_host h;
    // Queues of one or two channels, whose heads the walk reads from group_rec::front, and one
    // of every channel, whose ready sets it reads.
    const auto channels_of = [](channel_set set) { return [set](queue_config& c) { c.channels = set; }; };
    auto q1 = h.given_queue("one", channels_of(channel_set{channels::voice}));
    auto q2 = h.given_queue("two", channels_of(channel_set{channels::voice, channels::chat}));
    auto q3 = h.given_queue("three");
    auto a = h.given_agent("alice", {q1, q2, q3}, logged_out());
    h.arrive(1, first_in_one ? q1 : q2);
    h.arrive(1, first_in_one ? q2 : q1);
    h.arrive(1, q3);
    auto m = h.mark();
    h.login(2, a);
    CHECK(h.offers_since(m) == lines{"c1 alice"});
  }
}

TEST_CASE("a heavier queue goes first across queues, before priority and wait", "[router][multi-queue]") {
  recording_host h;
  auto heavy = h.given_queue("heavy", [](queue_config& c) { c.weight = 10; });
  auto light = h.given_queue("light");
  auto a = h.given_agent("alice", {light, heavy}, logged_out());
  h.arrive(1, light, channels::voice, 9);
  h.arrive(10, heavy, channels::voice, 0);
  auto m = h.mark();
  h.login(11, a);
  CHECK(h.offers_since(m) == lines{"c2 alice"});
}

TEST_CASE("a heavier queue's contact on a channel the agent does not serve does not block the lighter queue",
          "[router][multi-queue][capacity]") {
  recording_host h;
  auto heavy = h.given_queue("heavy", [](queue_config& c) { c.weight = 10; });
  auto light = h.given_queue("light");
  auto a = h.given_agent("alice", {heavy, light}, agent_setup{agent_setup::start::logged_out,
                                                               channel_set{channels::chat}, {}});
  auto call = h.arrive(1, heavy, channels::voice);
  h.arrive(2, light, channels::chat);
  auto m = h.mark();
  h.login(3, a);
  CHECK(h.offers_since(m) == lines{"c2 alice"});
  CHECK(h.state(call) == contact_state::waiting);
}

TEST_CASE("a heavier queue's contact the agent has no capacity for does not block the lighter queue",
          "[router][multi-queue][capacity]") {
  recording_host h;
  auto chats = h.given_queue("chats");
  auto heavy = h.given_queue("heavy", [](queue_config& c) { c.weight = 10; });
  auto light = h.given_queue("light");
  auto a = h.given_agent("alice", {chats, heavy, light});
  std::vector<contact_id> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(h.arrive(1, chats, channels::chat));
    h.accept(1, held.back(), a);
  }
  CHECK(h.info(a).used_capacity == 100);
  auto call = h.arrive(2, heavy, channels::voice);  // c5
  h.arrive(3, light, channels::chat);               // c6
  auto m = h.mark();
  h.complete(4, held[0]);  // 75 used: room for a chat, not for a call
  CHECK(h.offers_since(m) == lines{"c6 alice"});
  CHECK(h.state(call) == contact_state::waiting);
}

TEST_CASE("an agent who gains room takes contacts again and again while it has room", "[router][multi-queue][capacity]") {
  recording_host h;
  auto q1 = h.given_queue("one");
  auto q2 = h.given_queue("two");
  auto a = h.given_agent("alice", {q1, q2}, logged_out());
  h.arrive(1, q1, channels::chat);
  h.arrive(2, q2, channels::chat);
  h.arrive(3, q1, channels::chat);
  h.arrive(4, q2, channels::chat);
  auto c5 = h.arrive(5, q2, channels::chat);
  auto m = h.mark();
  h.login(6, a);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice", "c3 alice", "c4 alice"});
  CHECK(h.state(c5) == contact_state::waiting);
}

TEST_CASE("an agent joining a queue takes its waiting contact at once", "[router][multi-queue]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice");
  h.arrive(1, q);
  auto m = h.mark();
  REQUIRE(h.r.add_member(at_seconds(2), q, a));
  CHECK(h.story_since(m) == lines{"t=2 offered c1 alice"});
  CHECK(h.all_since(m).front() == "t=2 member_added sales alice");
}

TEST_CASE("an agent whom contacts passed by while busy is found again in every queue once free",
          "[router][multi-queue][capacity]") {
  // Decisions that meet a busy agent drop its index entries; freeing the agent links them
  // again, from the agent's list of unlinked entries or, with more entries than that list
  // holds, by a walk of every membership. The queues serve voice and chat, so the agent has
  // a second entry per queue as well as the first.
  const int queues = GENERATE(3, 7, 30);
  recording_host h;
  std::vector<queue_id> qs;
  for (int i = 0; i < queues; ++i) {
    qs.push_back(h.given_queue("q" + std::to_string(i),
                               [](queue_config& c) { c.channels = {channels::voice, channels::chat}; }));
  }
  auto a = h.given_agent("alice", qs);
  auto call = h.arrive(1, qs[0]);
  h.accept(2, call, a);
  // A call blocks chat too: every contact passes her by, and hangs up.
  auto m = h.mark();
  for (int i = 0; i < queues; ++i) {
    h.abandon(3, h.arrive(3, qs[static_cast<std::size_t>(i)], channels::voice));
    h.abandon(3, h.arrive(3, qs[static_cast<std::size_t>(i)], channels::chat));
  }
  CHECK(h.offers_since(m).empty());
  h.complete(4, call);
  // Free again: the next contact of either channel in any queue is hers at once.
  for (int i = 0; i < queues; ++i) {
    const double t = 5 + i;
    const channel_id ch = i % 2 == 0 ? channels::chat : channels::voice;
    m = h.mark();
    auto c = h.arrive(t, qs[static_cast<std::size_t>(i)], ch);
    INFO("queue " << i);
    CHECK(h.offers_since(m) == lines{h.label_of(c) + " alice"});
    h.serve(t, c, a, t + 0.5);
  }
}

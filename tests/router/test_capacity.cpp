// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Agent capacity: costs, blocking, per-channel maxima, channel sets, runtime changes.
#include <omniroute/journal/snapshot.hpp>

#include <algorithm>
#include <string>

#include "support/recording_host.hpp"

using namespace omniroute_test;

TEST_CASE("one call takes all 100 units and blocks every other channel", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("all");
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  auto call = h.arrive(1, q, channels::voice);
  h.accept(2, call, a);
  CHECK(h.info(a).used_capacity == 100);
  auto chat = h.arrive(3, q, channels::chat);
  auto mail = h.arrive(4, q, channels::email);
  CHECK(h.offers_since(m) == lines{"c1 alice"});
  CHECK(h.state(chat) == contact_state::waiting);
  CHECK(h.state(mail) == contact_state::waiting);
  // Freed, alice takes the chat (earlier) and then the email: chat costs 25 and blocks
  // nothing, email costs 0.
  h.complete(5, call);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice", "c3 alice"});
  CHECK(h.info(a).used_capacity == 25);
  CHECK(h.info(a).offers_pending == 2);
}

TEST_CASE("four chats at 25 fill an agent, a fifth chat waits until one ends", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("chats");
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  std::vector<contact_id> c;
  for (int i = 0; i < 5; ++i) c.push_back(h.arrive(1 + i, q, channels::chat));
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice", "c3 alice", "c4 alice"});
  CHECK(h.info(a).used_capacity == 100);
  CHECK(h.state(c[4]) == contact_state::waiting);
  h.accept(7, c[0], a);
  CHECK(h.offers_since(m).size() == 4);  // accepting converts, it frees nothing
  h.complete(8, c[0]);
  CHECK(h.offers_since(m).back() == "c5 alice");
  CHECK(h.info(a).used_capacity == 100);
}

TEST_CASE("an agent on a chat is offered a second chat but not a call", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("all");
  auto a = h.given_agent("alice", {q});
  auto chat1 = h.arrive(1, q, channels::chat);
  h.accept(2, chat1, a);
  auto m = h.mark();
  auto call = h.arrive(3, q, channels::voice);
  auto chat2 = h.arrive(4, q, channels::chat);
  CHECK(h.offers_since(m) == lines{"c3 alice"});
  CHECK(h.state(call) == contact_state::waiting);
  CHECK(h.state(chat2) == contact_state::offered);
  CHECK(h.info(a).used_capacity == 50);
}

TEST_CASE("an email costs nothing and blocks only more email", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("all");
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  auto mail1 = h.arrive(1, q, channels::email);
  h.accept(2, mail1, a);
  auto mail2 = h.arrive(3, q, channels::email);
  auto chat = h.arrive(4, q, channels::chat);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c3 alice"});
  CHECK(h.state(mail2) == contact_state::waiting);
  h.reject(5, chat, a);  // frees the chat's 25 (the chat is offered again at once)
  CHECK(h.offers_since(m) == lines{"c1 alice", "c3 alice", "c3 alice"});
  h.abandon(6, chat);
  // With only an email held (cost 0), a call still fits.
  auto call = h.arrive(7, q, channels::voice);
  CHECK(h.offers_since(m).back() == "c4 alice");
  CHECK(h.offered_to(call) == a);
  CHECK(h.info(a).used_capacity == 100);
}

TEST_CASE("a per-channel maximum limits work of that channel below the total", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("chats");
  auto a = h.given_agent("alice", {q}, configured([&h](agent_config& c) {
                           auto p = capacity_profile::standard(h.r.channels());
                           p.max_per_channel[channels::chat.value()] = 2;
                           c.capacity = p;
                         }));
  auto m = h.mark();
  h.arrive(1, q, channels::chat);
  h.arrive(2, q, channels::chat);
  auto third = h.arrive(3, q, channels::chat);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice"});
  CHECK(h.state(third) == contact_state::waiting);
  CHECK(h.info(a).used_capacity == 50);
}

TEST_CASE("an agent is offered only channels in its channel set", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("all");
  auto chatter = h.given_agent("chatter", {q}, serving({channels::chat}));
  CHECK(h.info(chatter).channels == channel_set{channels::chat});
  auto m = h.mark();
  auto call = h.arrive(1, q, channels::voice);
  auto chat = h.arrive(2, q, channels::chat);
  CHECK(h.offers_since(m) == lines{"c2 chatter"});
  CHECK(h.state(call) == contact_state::waiting);
  CHECK(h.offered_to(chat) == chatter);
}

TEST_CASE("a custom total changes how much fits", "[router][capacity]") {
  recording_host h;
  auto q = h.given_queue("chats");
  auto a = h.given_agent("alice", {q}, configured([&h](agent_config& c) {
                           auto p = capacity_profile::standard(h.r.channels());
                           p.total = 50;
                           c.capacity = p;
                         }));
  auto m = h.mark();
  for (int i = 0; i < 3; ++i) h.arrive(1 + i, q, channels::chat);
  CHECK(h.offers_since(m) == lines{"c1 alice", "c2 alice"});
  CHECK(h.info(a).total_capacity == 50);
}

TEST_CASE("update_agent changes channels at runtime without logging out", "[router][capacity][agent]") {
  recording_host h;
  auto q = h.given_queue("all");
  auto a = h.given_agent("alice", {q}, serving({channels::chat}));
  auto chat = h.arrive(1, q, channels::chat);
  h.accept(2, chat, a);
  auto call = h.arrive(3, q, channels::voice);
  auto mail = h.arrive(4, q, channels::email);
  CHECK(h.state(call) == contact_state::waiting);
  auto m = h.mark();

  agent_config cfg;
  cfg.name = "alice";
  cfg.capacity = capacity_profile::standard(h.r.channels()).only({channels::chat, channels::email});
  REQUIRE(h.r.update_agent(at_seconds(5), a, cfg));
  // Capacity grew for email: the agent side offers it in the same command. No logout, and the
  // connected chat continues.
  CHECK(h.offers_since(m) == lines{"c3 alice"});
  CHECK(h.offered_to(mail) == a);
  CHECK(h.state(chat) == contact_state::connected);
  CHECK(h.states_since(m, a).empty());  // busy throughout
  CHECK(h.info(a).presence == presence::ready);

  cfg.capacity = capacity_profile::standard(h.r.channels()).only({channels::voice});
  REQUIRE(h.r.update_agent(at_seconds(6), a, cfg));
  // Work in progress continues even on channels no longer served; new offers follow the new
  // profile (the voice call needs the chat to end first: voice costs 100).
  CHECK(h.state(chat) == contact_state::connected);
  CHECK(h.state(call) == contact_state::waiting);
  h.complete(7, chat);
  h.abandon(8, mail);
  CHECK(h.offered_to(call) == a);
  for (auto& line : h.all_since(m)) CHECK(line.find("logged_out") == std::string::npos);
}

TEST_CASE("wrap-up keeps the contact's cost and blocking until it ends", "[router][capacity][timer]") {
  recording_host h;
  auto q = h.given_queue("all", [](queue_config& c) { c.wrap_up = seconds(10); });
  auto a = h.given_agent("alice", {q});
  auto call = h.arrive(1, q);
  h.accept(2, call, a);
  h.complete(5, call);
  auto m = h.mark();
  auto chat = h.arrive(6, q, channels::chat);
  CHECK(h.offers_since(m).empty());
  h.advance(20);
  CHECK(h.story_since(m) == lines{"t=6 queued c2 all", "t=15 wrap_up_end alice", "t=15 offered c2 alice"});
  CHECK(h.offered_to(chat) == a);
}

TEST_CASE("agents that share a capacity profile keep their own when one of them changes", "[router][capacity][agent]") {
  // The router keeps each distinct profile once: a change to one agent's, its removal or a
  // third agent taking the same profile must leave the others' as their configuration says.
  recording_host h;
  auto q = h.given_queue("all");
  auto ann = h.given_agent("ann", {q}, serving({channels::chat}));
  auto bob = h.given_agent("bob", {q}, serving({channels::chat}));
  auto cat = h.given_agent("cat", {q}, serving({channels::voice}));

  agent_config cfg;
  cfg.name = "ann";
  cfg.capacity = capacity_profile::standard(h.r.channels()).only({channels::voice});
  REQUIRE(h.r.update_agent(at_seconds(1), ann, cfg));
  CHECK(h.info(ann).channels == channel_set{channels::voice});
  CHECK(h.info(bob).channels == channel_set{channels::chat});
  CHECK(h.info(cat).channels == channel_set{channels::voice});

  // The last agent holding the voice-only profile but one goes; a new agent takes it again.
  h.logout(2, cat);
  REQUIRE(h.r.remove_agent(at_seconds(3), cat));
  auto dan = h.given_agent("dan", {q}, configured([&h](agent_config& c) {
                             auto p = capacity_profile::standard(h.r.channels()).only({channels::voice});
                             p.total = 300;
                             p.cost[channels::voice.value()] = 150;
                             p.blocks[channels::voice.value()] = channel_set{};  // two calls at once
                             c.capacity = p;
                           }));
  CHECK(h.info(ann).total_capacity == 100);
  CHECK(h.info(dan).total_capacity == 300);

  // Routing follows each agent's own profile: dan holds two calls, ann one, bob none.
  auto m = h.mark();
  std::vector<contact_id> calls;
  for (int i = 0; i < 4; ++i) calls.push_back(h.arrive(4 + i, q, channels::voice));
  const auto offers = h.offers_since(m);
  CHECK(std::count_if(offers.begin(), offers.end(), [](const std::string& l) { return l.find("dan") != std::string::npos; }) == 2);
  CHECK(std::count_if(offers.begin(), offers.end(), [](const std::string& l) { return l.find("ann") != std::string::npos; }) == 1);
  CHECK(h.state(calls[3]) == contact_state::waiting);

  // A snapshot keeps every agent's profile.
  std::string saved;
  save_snapshot(h.r, saved);
  router copy;
  REQUIRE(restore_snapshot(copy, saved));
  CHECK(copy.agent(ann)->channels == channel_set{channels::voice});
  CHECK(copy.agent(bob)->channels == channel_set{channels::chat});
  CHECK(copy.agent(dan)->total_capacity == 300);
}

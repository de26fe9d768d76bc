// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Agent presence and the derived states: login, ready, not ready, logout; reserved, busy,
// wrap-up; illegal transitions refused without any change.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {
/// Everything a refused command must leave untouched.
struct agent_snapshot {
  agent_state state;
  presence pres;
  reason_code reason;
  std::uint32_t used, pending, connected, wrapping;
  std::size_t events;
  bool operator==(const agent_snapshot& o) const {
    return state == o.state && pres == o.pres && reason == o.reason && used == o.used &&
           pending == o.pending && connected == o.connected && wrapping == o.wrapping &&
           events == o.events;
  }
};
agent_snapshot snap(const recording_host& h, agent_id a) {
  auto i = h.info(a);
  return {i.state, i.presence, i.reason, i.used_capacity, i.offers_pending, i.connected,
          i.wrapping_up, h.mark()};
}
}  // namespace

TEST_CASE("login, ready, not ready and logout move presence and report each change",
          "[router][agent]") {
  recording_host h;
  auto m0 = h.mark();
  auto a = h.given_agent("alice", {}, logged_out());
  CHECK(h.all_since(m0) == lines{"t=0 agent_added alice"});
  CHECK(h.state(a) == agent_state::logged_out);
  CHECK(h.info(a).presence == presence::logged_out);

  auto m = h.mark();
  h.login(1, a, false, 7);
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).presence == presence::not_ready);
  CHECK(h.info(a).reason == 7);
  h.ready(2, a);
  CHECK(h.state(a) == agent_state::ready);
  CHECK(h.info(a).reason == reason_codes::none);
  CHECK(h.info(a).ready_since == at_seconds(2));
  h.not_ready(3, a, 9);
  // Changing the reason while not ready is allowed and reported.
  h.not_ready(4, a, 10);
  CHECK(h.info(a).reason == 10);
  h.logout(5, a);
  CHECK(h.state(a) == agent_state::logged_out);
  CHECK(h.states_since(m, a) == lines{"t=1 logged_out->not_ready reason=7", "t=2 not_ready->ready",
                                      "t=3 ready->not_ready reason=9",
                                      "t=4 not_ready->not_ready reason=10",
                                      "t=5 not_ready->logged_out"});
  // Login straight to ready.
  h.login(6, a, true);
  CHECK(h.state(a) == agent_state::ready);
  CHECK(h.states_since(m, a).back() == "t=6 logged_out->ready");
}

TEST_CASE("illegal agent transitions return their error and change nothing", "[router][agent][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q}, logged_out());

  SECTION("while logged out") {
    auto before = snap(h, a);
    CHECK(err(h.r.ready(at_seconds(1), a)) == "not_logged_in");
    CHECK(err(h.r.not_ready(at_seconds(1), a, 3)) == "not_logged_in");
    CHECK(err(h.r.logout(at_seconds(1), a)) == "not_logged_in");
    CHECK(snap(h, a) == before);
  }
  SECTION("while logged in and ready") {
    h.login(1, a, true);
    auto before = snap(h, a);
    CHECK(err(h.r.login(at_seconds(2), a, true)) == "already_logged_in");
    CHECK(err(h.r.login(at_seconds(2), a, false, 4)) == "already_logged_in");
    CHECK(err(h.r.ready(at_seconds(2), a)) == "already_ready");
    CHECK(err(h.r.remove_agent(at_seconds(2), a)) == "still_logged_in");
    CHECK(snap(h, a) == before);
    CHECK(h.r.find_agent("alice"));
  }
  SECTION("while reserved or busy: ready is already_ready, logout with a connected contact is refused") {
    h.login(1, a, true);
    auto c = h.arrive(2, q);
    CHECK(h.state(a) == agent_state::reserved);
    auto before = snap(h, a);
    CHECK(err(h.r.ready(at_seconds(3), a)) == "already_ready");
    CHECK(snap(h, a) == before);
    h.accept(3, c, a);
    CHECK(h.state(a) == agent_state::busy);
    before = snap(h, a);
    CHECK(err(h.r.logout(at_seconds(4), a)) == "has_active_contacts");
    CHECK(err(h.r.ready(at_seconds(4), a)) == "already_ready");
    CHECK(snap(h, a) == before);
    CHECK(h.state(c) == contact_state::connected);
  }
}

TEST_CASE("derived state: reserved while an offer is pending, busy while connected, wrap_up after",
          "[router][agent]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.wrap_up = seconds(10); });
  auto a = h.given_agent("alice", {q});
  auto m = h.mark();
  auto c = h.arrive(1, q);
  h.accept(2, c, a);
  h.complete(5, c);
  CHECK(h.state(a) == agent_state::wrap_up);
  CHECK(h.info(a).wrapping_up == 1);
  CHECK(h.info(a).used_capacity == 100);  // wrap-up keeps the contact's cost
  h.advance(15);
  CHECK(h.state(a) == agent_state::ready);
  CHECK(h.info(a).used_capacity == 0);
  CHECK(h.states_since(m, a) == lines{"t=1 ready->reserved", "t=2 reserved->busy",
                                      "t=5 busy->wrap_up", "t=15 wrap_up->ready"});
}

TEST_CASE("derived state ranks busy over reserved over wrap_up over presence", "[router][agent]") {
  recording_host h;
  auto q = h.given_queue("chats", [](queue_config& c) { c.wrap_up = seconds(30); });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q, channels::chat);
  h.accept(2, c1, a);
  auto c2 = h.arrive(3, q, channels::chat);  // offered while c1 is connected
  CHECK(h.offered_to(c2) == a);
  CHECK(h.state(a) == agent_state::busy);  // busy beats reserved
  h.complete(4, c1);                        // c1 in wrap-up, c2 still offered
  CHECK(h.state(a) == agent_state::reserved);  // reserved beats wrap_up
  h.reject(5, c2, a);
  // c2 is routable again and alice can take it (no hold-back): offered again at once.
  CHECK(h.state(a) == agent_state::reserved);
  h.abandon(6, c2);
  CHECK(h.state(a) == agent_state::wrap_up);
  h.not_ready(7, a, 3);
  CHECK(h.state(a) == agent_state::wrap_up);  // wrap_up beats presence
  h.advance(34);
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).reason == 3);
}

TEST_CASE("not ready stops new offers but a pending offer stays answerable", "[router][agent][offer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  h.not_ready(2, a, 5);
  CHECK(h.state(a) == agent_state::reserved);
  CHECK(h.info(a).presence == presence::not_ready);
  h.accept(3, c1, a);
  CHECK(h.state(a) == agent_state::busy);
  auto m = h.mark();
  auto c2 = h.arrive(4, q, channels::voice);
  h.complete(5, c1);
  CHECK(h.offers_since(m).empty());
  CHECK(h.state(a) == agent_state::not_ready);
  CHECK(h.info(a).reason == 5);
  CHECK(h.state(c2) == contact_state::waiting);
  h.ready(6, a);
  CHECK(h.offers_since(m) == lines{"c2 alice"});
}

TEST_CASE("logout cancels pending offers, returns their contacts and ends wrap-ups", "[router][agent][offer]") {
  recording_host h;
  auto q = h.given_queue("chats", [](queue_config& c) { c.wrap_up = seconds(60); });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q, channels::chat);
  auto c2 = h.arrive(2, q, channels::chat);
  h.accept(3, c1, a);
  h.complete(4, c1);  // c1 in wrap-up until 64, c2 still offered
  auto m = h.mark();
  h.logout(5, a);
  CHECK(sorted(h.story_since(m)) ==
        sorted(lines{"t=5 ended c2 alice cancelled:agent_logged_out", "t=5 wrap_up_end alice"}));
  // Intermediate states within the command are allowed; it must end logged out.
  REQUIRE_FALSE(h.states_since(m, a).empty());
  CHECK(h.states_since(m, a).back().find("t=5 ") == 0);
  CHECK(h.states_since(m, a).back().find("->logged_out") != std::string::npos);
  CHECK(h.state(a) == agent_state::logged_out);
  REQUIRE(h.chat().cancels.size() == 1);
  CHECK(h.chat().cancels[0].contact == c2);
  CHECK(h.chat().cancels[0].cause == cancel_cause::agent_logged_out);
  CHECK(h.chat().cancels[0].outcome == offer_outcome::cancelled);
  CHECK(h.state(c2) == contact_state::waiting);
  CHECK(h.waiting(q) == lines{"c2"});
  CHECK(h.info(a).used_capacity == 0);
  CHECK(h.r.agent_work(a).empty());
  CHECK(h.r.next_deadline() == never);
}

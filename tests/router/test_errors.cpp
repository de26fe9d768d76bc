// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Refused commands: stale handles, unknown ids, invalid arguments. Each returns its documented
// error and changes nothing (no event, no state change).
#include "support/recording_host.hpp"

using namespace omniroute_test;

TEST_CASE("a removed agent's handle stays unknown, even after its slot is reused", "[router][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto old_id = h.given_agent("alice", {q}, logged_out());
  REQUIRE(h.r.remove_agent(at_seconds(1), old_id));
  auto new_id = h.given_agent("alice", {q}, logged_out());  // the name is free again
  CHECK(new_id != old_id);
  auto m = h.mark();
  CHECK(err(h.r.agent(old_id)) == "unknown_agent");
  CHECK(err(h.r.login(at_seconds(2), old_id)) == "unknown_agent");
  CHECK(err(h.r.ready(at_seconds(2), old_id)) == "unknown_agent");
  CHECK(err(h.r.not_ready(at_seconds(2), old_id, 1)) == "unknown_agent");
  CHECK(err(h.r.logout(at_seconds(2), old_id)) == "unknown_agent");
  CHECK(err(h.r.remove_agent(at_seconds(2), old_id)) == "unknown_agent");
  CHECK(err(h.r.add_member(at_seconds(2), q, old_id)) == "unknown_agent");
  CHECK(err(h.r.remove_member(at_seconds(2), q, old_id)) == "unknown_agent");
  agent_config cfg;
  cfg.name = "ghost";
  CHECK(err(h.r.update_agent(at_seconds(2), old_id, cfg)) == "unknown_agent");
  CHECK(h.mark() == m);
  CHECK(h.state(new_id) == agent_state::logged_out);
  CHECK(h.r.agent_work(old_id).empty());
}

TEST_CASE("an ended contact's handle is unknown to every command", "[router][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto other = h.given_queue("other");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  h.serve(2, c1, a, 3);
  auto m = h.mark();
  CHECK(err(h.r.contact(c1)) == "unknown_contact");
  CHECK(err(h.r.position(c1)) == "unknown_contact");
  CHECK(err(h.r.abandon(at_seconds(4), c1)) == "unknown_contact");
  CHECK(err(h.r.complete(at_seconds(4), c1)) == "unknown_contact");
  CHECK(err(h.r.transfer(at_seconds(4), c1, other)) == "unknown_contact");
  CHECK(err(h.r.route_out(at_seconds(4), c1)) == "unknown_contact");
  CHECK(h.mark() == m);
  CHECK(h.r.live_contact_count() == 0);
}

TEST_CASE("an ended offer's handle is unknown, a pending-state mismatch is offer_not_pending", "[router][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  auto o = h.offer_of(c1, a);
  h.accept(2, o);
  CHECK(err(h.r.accept(at_seconds(3), o)) == "offer_not_pending");
  CHECK(err(h.r.reject(at_seconds(3), o)) == "offer_not_pending");
  CHECK(err(h.r.end_wrap_up(at_seconds(3), o)) == "not_in_wrap_up");
  REQUIRE(h.r.offer(o));
  h.complete(4, c1);  // no wrap-up: the work ends
  auto m = h.mark();
  CHECK(err(h.r.offer(o)) == "unknown_offer");
  CHECK(err(h.r.accept(at_seconds(5), o)) == "unknown_offer");
  CHECK(err(h.r.reject(at_seconds(5), o)) == "unknown_offer");
  CHECK(err(h.r.end_wrap_up(at_seconds(5), o)) == "unknown_offer");
  CHECK(err(h.r.accept(at_seconds(5), offer_id())) == "unknown_offer");
  CHECK(h.mark() == m);
}

TEST_CASE("a removed queue's handle is unknown, and arrivals there are refused with an event", "[router][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice");
  REQUIRE(h.r.remove_queue(at_seconds(1), q));
  auto m = h.mark();
  CHECK(err(h.r.queue(q)) == "unknown_queue");
  CHECK(err(h.r.add_member(at_seconds(2), q, a)) == "unknown_queue");
  CHECK(err(h.r.update_member(at_seconds(2), q, a, {})) == "unknown_queue");
  CHECK(err(h.r.remove_queue(at_seconds(2), q)) == "unknown_queue");
  queue_config cfg;
  cfg.name = "sales2";
  CHECK(err(h.r.update_queue(at_seconds(2), q, cfg)) == "unknown_queue");
  CHECK(h.r.waiting_contacts(q).empty());
  CHECK(h.r.members(q).empty());
  CHECK(h.mark() == m);
  contact_spec s;
  s.queue = q;
  CHECK(err(h.r.arrive(at_seconds(3), s)) == "unknown_queue");
  CHECK(h.story_since(m).size() == 1);
  CHECK(h.last(event_kind::contact_refused).e.refusal == errc::unknown_queue);
  CHECK(h.r.live_contact_count() == 0);
}

TEST_CASE("null and never-issued handles are unknown", "[router][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  CHECK(err(h.r.agent(agent_id())) == "unknown_agent");
  CHECK(err(h.r.agent(agent_id(12345, 1))) == "unknown_agent");
  CHECK(err(h.r.queue(queue_id())) == "unknown_queue");
  CHECK(err(h.r.contact(contact_id(77, 3))) == "unknown_contact");
  CHECK(err(h.r.offer(offer_id(77, 3))) == "unknown_offer");
  CHECK(err(h.r.login(at_seconds(1), agent_id(5, 9))) == "unknown_agent");
  CHECK(err(h.r.add_member(at_seconds(1), q, agent_id())) == "unknown_agent");
  CHECK(err(h.r.complete(at_seconds(1), contact_id())) == "unknown_contact");
  CHECK_FALSE(h.r.find_agent("nobody"));
  CHECK_FALSE(h.r.find_queue("nowhere"));
  CHECK(h.r.agent_work(agent_id(3, 3)).empty());
}

TEST_CASE("agent configurations are validated", "[router][errors][agent]") {
  recording_host h;
  auto a = h.given_agent("alice", {}, logged_out());
  auto m = h.mark();
  auto add = [&](agent_config c) { return err(h.r.add_agent(at_seconds(1), c)); };
  agent_config c;
  c.name = "";
  CHECK(add(c) == "invalid_argument");
  c.name = std::string(129, 'x');
  CHECK(add(c) == "invalid_argument");
  c.name = "alice";
  CHECK(add(c) == "duplicate_name");
  c.name = "zero";
  capacity_profile p;
  p.total = 0;
  c.capacity = p;
  CHECK(add(c) == "invalid_argument");
  c.capacity.reset();
  c.wrap_up = seconds(-1);
  CHECK(add(c) == "invalid_argument");
  c.wrap_up.reset();
  c.offers.timeout = seconds(-5);
  CHECK(add(c) == "invalid_argument");
  c.offers.timeout.reset();
  c.offers.no_answer = failure_policy{seconds(-1), 3, reason_codes::no_answer};
  CHECK(add(c) == "invalid_argument");
  CHECK(h.mark() == m);
  CHECK(h.r.agent_count() == 1);
  // update_agent validates the same way and leaves the agent unchanged.
  agent_config bad;
  bad.name = "";
  CHECK(err(h.r.update_agent(at_seconds(2), a, bad)) == "invalid_argument");
  agent_config taken = bad;
  h.given_agent("bob", {}, logged_out());
  taken.name = "bob";
  CHECK(err(h.r.update_agent(at_seconds(2), a, taken)) == "duplicate_name");
  CHECK(h.info(a).name == "alice");
  // The longest legal name is fine.
  agent_config longest;
  longest.name = std::string(128, 'y');
  CHECK(h.r.add_agent(at_seconds(3), longest));
}

TEST_CASE("queue configurations are validated", "[router][errors][queue]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto m = h.mark();
  auto add = [&](const std::function<void(queue_config&)>& f) {
    queue_config c;
    c.name = "new";
    f(c);
    return err(h.r.add_queue(at_seconds(1), c));
  };
  CHECK(add([](queue_config& c) { c.name = ""; }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.name = std::string(129, 'q'); }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.name = "sales"; }) == "duplicate_name");
  CHECK(add([](queue_config& c) { c.max_wait = seconds(-1); }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.wrap_up = seconds(-1); }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.offers.timeout = seconds(-1); }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.offers.rejected.hold_back = seconds(-30); }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.strategy.ring_interval = seconds(-5); }) == "invalid_argument");
  CHECK(add([](queue_config& c) { c.overflow = queue_id(99, 1); }) == "unknown_queue");
  CHECK(h.mark() == m);
  CHECK(h.r.queue_count() == 1);

  // Removing a channel from a queue while contacts of it wait is refused.
  h.arrive(2, q, channels::chat);
  queue_config voice_only;
  voice_only.name = "sales";
  voice_only.channels = {channels::voice};
  auto m2 = h.mark();
  CHECK(err(h.r.update_queue(at_seconds(3), q, voice_only)) == "invalid_argument");
  CHECK(h.mark() == m2);
  CHECK(h.waiting(q) == lines{"c1"});
}

TEST_CASE("contact and membership commands in the wrong state return their errors", "[router][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q}, not_ready_setup());
  auto b = h.given_agent("bob", {}, logged_out());
  auto c1 = h.arrive(1, q);
  auto m = h.mark();
  CHECK(err(h.r.complete(at_seconds(2), c1)) == "contact_not_connected");
  CHECK(err(h.r.add_member(at_seconds(2), q, a)) == "already_member");
  CHECK(err(h.r.update_member(at_seconds(2), q, b, {})) == "not_a_member");
  CHECK(err(h.r.remove_member(at_seconds(2), q, b)) == "not_a_member");
  contact_spec future;
  future.queue = q;
  future.arrival = at_seconds(10);
  CHECK(err(h.r.arrive(at_seconds(2), future)) == "invalid_argument");
  CHECK(h.mark() == m);  // invalid_argument is not a refusal event
  CHECK(h.state(c1) == contact_state::waiting);
  CHECK(h.r.live_contact_count() == 1);
}

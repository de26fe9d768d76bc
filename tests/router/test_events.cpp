// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Events and transports: numbering, fields, attributes for screen pop, host exceptions,
// re-entrant commands from callbacks.
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {
void check_sequence(const recording_host& h) {
  const auto& ev = h.events();
  for (std::size_t i = 0; i < ev.size(); ++i) {
    INFO("event " << i << ": " << h.describe(ev[i].e));
    CHECK(ev[i].e.sequence == i + 1);
    if (i > 0) CHECK(ev[i].e.at >= ev[i - 1].e.at);
  }
}
contact_spec with_attributes(queue_id q, channel_id ch = channels::voice) {
  contact_spec s;
  s.queue = q;
  s.channel = ch;
  s.priority = 4;
  REQUIRE(s.attributes.set("customer", "C-1001"));
  REQUIRE(s.attributes.set("language", "fr"));
  return s;
}
}  // namespace

TEST_CASE("events are numbered 1, 2, 3... without gaps and never go back in time", "[router][events]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) {
    c.wrap_up = seconds(5);
    c.max_wait = seconds(100);
  });
  auto a = h.given_agent("alice", {q});
  auto b = h.given_agent("bob", {q}, not_ready_setup());
  auto c1 = h.arrive(1, q);
  h.arrive(2, q);
  h.advance(21);  // c1 times out on alice, is offered again
  h.ready(22, b);
  h.accept(23, c1, a);
  h.complete(24, c1);
  h.not_ready(25, b, 3);
  h.advance(200);
  REQUIRE(h.events().size() > 15);
  CHECK(h.events().front().e.sequence == 1);
  check_sequence(h);
}

TEST_CASE("a contact's life emits each documented event with its fields", "[router][events]") {
  recording_host h;
  auto m0 = h.mark();
  auto q = h.given_queue("sales", [](queue_config& c) { c.wrap_up = seconds(5); });
  auto a = h.given_agent("alice", {q});
  CHECK(h.all_since(m0) == lines{"t=0 queue_added sales", "t=0 agent_added alice",
                                 "t=0 member_added sales alice", "t=0 state alice logged_out->ready"});
  CHECK(h.events()[0].e.queue == q);
  CHECK(h.events()[1].e.agent == a);
  CHECK(h.events()[2].e.queue == q);
  CHECK(h.events()[2].e.agent == a);
  CHECK(h.events()[3].e.state == agent_state::ready);
  CHECK(h.events()[3].e.previous == agent_state::logged_out);

  auto m = h.mark();
  auto c1 = h.arrive(1, with_attributes(q));
  auto o = h.offer_of(c1, a);
  {
    const auto queued = h.events()[m];
    CHECK(queued.e.kind == event_kind::contact_queued);
    CHECK(queued.e.contact == c1);
    CHECK(queued.e.queue == q);
    CHECK(queued.e.channel == channels::voice);
    CHECK(queued.e.priority == 4);
    CHECK(queued.e.at == at_seconds(1));
    REQUIRE(queued.has_attributes);
    std::string_view v;
    CHECK(queued.attributes.get("customer", v));
    CHECK(v == "C-1001");
  }
  {
    const auto& offered = h.last(event_kind::contact_offered);
    CHECK(offered.e.contact == c1);
    CHECK(offered.e.agent == a);
    CHECK(offered.e.queue == q);
    CHECK(offered.e.offer == o);
    CHECK(offered.e.channel == channels::voice);
    CHECK(offered.e.deadline == at_seconds(21));
    CHECK_FALSE(offered.has_why);
    REQUIRE(offered.has_attributes);
    CHECK(offered.attributes == with_attributes(q).attributes);
  }
  CHECK(h.states_since(m, a) == lines{"t=1 ready->reserved"});

  m = h.mark();
  h.accept(2, o);
  CHECK(h.all_since(m) == lines{"t=2 ended c1 alice accepted", "t=2 connected c1 alice",
                                "t=2 state alice reserved->busy"});
  {
    const auto ended = h.events_of(event_kind::offer_ended, m).at(0);
    CHECK(ended.offer == o);
    CHECK(ended.contact == c1);
    CHECK(ended.agent == a);
    CHECK(ended.outcome == offer_outcome::accepted);
    const auto connected = h.events_of(event_kind::contact_connected, m).at(0);
    CHECK(connected.offer == o);
    CHECK(connected.contact == c1);
    CHECK(connected.agent == a);
  }
  m = h.mark();
  h.complete(3, c1);
  CHECK(sorted(h.all_since(m)) == sorted(lines{"t=3 completed c1 alice", "t=3 wrap_up alice until=8",
                                               "t=3 state alice busy->wrap_up"}));
  {
    const auto done = h.events_of(event_kind::contact_completed, m).at(0);
    CHECK(done.contact == c1);
    CHECK(done.agent == a);
    CHECK(done.offer == o);
    const auto wrap = h.events_of(event_kind::wrap_up_started, m).at(0);
    CHECK(wrap.agent == a);
    CHECK(wrap.offer == o);
    CHECK(wrap.deadline == at_seconds(8));
  }
  m = h.mark();
  h.advance(8);
  CHECK(h.all_since(m) == lines{"t=8 wrap_up_end alice", "t=8 state alice wrap_up->ready"});
  CHECK(h.events_of(event_kind::wrap_up_ended, m).at(0).offer == o);
  CHECK(h.r.live_contact_count() == 0);
}

TEST_CASE("wrap_up_started names the contact that was handled", "[router][events]") {
  recording_host h;
  auto q = h.given_queue("sales", [](queue_config& c) { c.wrap_up = seconds(5); });
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q);
  h.serve(2, c1, a, 3);
  CHECK(h.last(event_kind::wrap_up_started).e.contact == c1);
}

TEST_CASE("configuration changes emit queue_updated, member and removal events", "[router][events]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {}, logged_out());
  auto m = h.mark();
  queue_config cfg;
  cfg.name = "sales";
  cfg.weight = 3;
  REQUIRE(h.r.update_queue(at_seconds(1), q, cfg));
  REQUIRE(h.r.add_member(at_seconds(2), q, a));
  REQUIRE(h.r.remove_member(at_seconds(3), q, a));
  REQUIRE(h.r.remove_agent(at_seconds(4), a));
  REQUIRE(h.r.remove_queue(at_seconds(5), q));
  CHECK(h.all_since(m) == lines{"t=1 queue_updated sales", "t=2 member_added sales alice",
                                "t=3 member_removed sales alice", "t=4 agent_removed alice",
                                "t=5 queue_removed sales"});
}

TEST_CASE("an overflow reports contact_queued in the target queue", "[router][events][queue]") {
  recording_host h;
  auto second = h.given_queue("second");
  auto first = h.given_queue("first", [&](queue_config& c) {
    c.max_wait = seconds(30);
    c.overflow = second;
  });
  auto c1 = h.arrive(5, first);
  auto m = h.mark();
  h.advance(35);
  const auto queued = h.events_of(event_kind::contact_queued, m);
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].contact == c1);
  CHECK(queued[0].queue == second);
  CHECK(queued[0].at == at_seconds(35));
  CHECK(h.events_of(event_kind::contact_expired, m).empty());
}

TEST_CASE("transports get each offer with its fields and attributes, on the contact's channel",
          "[router][events][offer]") {
  recording_host h;
  auto q = h.given_queue("all");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(7, with_attributes(q, channels::chat));
  REQUIRE(h.chat().offers.size() == 1);
  CHECK(h.voice().offers.empty());
  const auto& r = h.chat().offers[0];
  CHECK(r.request.offer == h.offer_of(c1, a));
  CHECK(r.request.contact == c1);
  CHECK(r.request.agent == a);
  CHECK(r.request.queue == q);
  CHECK(r.request.channel == channels::chat);
  CHECK(r.request.priority == 4);
  CHECK(r.request.at == at_seconds(7));
  CHECK(r.request.deadline == at_seconds(27));
  REQUIRE(r.has_attributes);
  std::string_view lang;
  CHECK(r.attributes.get("language", lang));
  CHECK(lang == "fr");
  CHECK(r.attributes.size() == 2);
  // A timeout cancels through the same transport.
  h.advance(27);
  REQUIRE(h.chat().cancels.size() == 1);
  CHECK(h.chat().cancels[0].outcome == offer_outcome::no_answer);
  CHECK(h.chat().cancels[0].channel == channels::chat);
}

TEST_CASE("offers on a channel without a transport are still made and reported", "[router][events][offer]") {
  recording_host h;
  REQUIRE(h.r.set_transport(channels::sms, nullptr));
  auto q = h.given_queue("all");
  auto a = h.given_agent("alice", {q});
  auto c1 = h.arrive(1, q, channels::sms);
  CHECK(h.offered_to(c1) == a);
  CHECK(h.transport(channels::sms).offers.empty());
  h.accept(2, c1, a);
  CHECK(h.state(c1) == contact_state::connected);
}

TEST_CASE("an observer that throws is reported to the error handler and the stream continues",
          "[router][events][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  h.observer.hook = [](const event& e) {
    if (e.kind == event_kind::contact_offered) throw host_failure("observer exploded");
  };
  auto c1 = h.arrive(1, q);
  REQUIRE(h.host_errors.size() == 1);
  CHECK(h.host_errors[0].second.find("observer exploded") != std::string::npos);
  CHECK_FALSE(h.host_errors[0].first.empty());
  // The router kept its state and keeps delivering.
  CHECK(h.state(c1) == contact_state::offered);
  CHECK(h.state(a) == agent_state::reserved);
  h.accept(2, c1, a);
  CHECK(h.state(c1) == contact_state::connected);
  CHECK(h.last(event_kind::contact_connected).e.contact == c1);
  check_sequence(h);
}

TEST_CASE("a transport that throws on offer is reported and the offer stays pending until it times out",
          "[router][events][errors][offer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  h.voice().offer_hook = [](const offer_request&) { throw host_failure("device offline"); };
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  REQUIRE(h.host_errors.size() == 1);
  CHECK(h.host_errors[0].second.find("device offline") != std::string::npos);
  CHECK(h.state(c1) == contact_state::offered);
  h.voice().offer_hook = nullptr;
  h.voice().cancel_hook = [](const offer_cancellation&) { throw host_failure("cancel failed"); };
  h.not_ready(2, a, 9);
  h.advance(21);
  CHECK(h.story_since(m) == lines{"t=1 queued c1 sales", "t=1 offered c1 alice", "t=21 ended c1 alice no_answer"});
  REQUIRE(h.host_errors.size() == 2);
  CHECK(h.host_errors[1].second.find("cancel failed") != std::string::npos);
  CHECK(h.state(c1) == contact_state::waiting);
  CHECK(h.info(a).used_capacity == 0);
  check_sequence(h);
}

TEST_CASE("a transport may accept re-entrantly from on_offer, events stay in order", "[router][events][offer]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  std::vector<std::string> results;
  h.voice().offer_hook = [&](const offer_request& r) {
    results.push_back(errc_name(h.r.accept(r.at, r.offer).error()));
  };
  auto m = h.mark();
  auto c1 = h.arrive(1, q);
  CHECK(results == std::vector<std::string>{"ok"});
  CHECK(h.story_since(m) == lines{"t=1 queued c1 sales", "t=1 offered c1 alice",
                                  "t=1 ended c1 alice accepted", "t=1 connected c1 alice"});
  CHECK(h.state(c1) == contact_state::connected);
  CHECK(h.state(a) == agent_state::busy);
  CHECK(h.host_errors.empty());
  check_sequence(h);
}

TEST_CASE("an observer may issue commands, their events follow the pending ones", "[router][events]") {
  recording_host h;
  auto q = h.given_queue("sales");
  auto a = h.given_agent("alice", {q});
  bool rejected_once = false;
  h.observer.hook = [&](const event& e) {
    if (e.kind == event_kind::contact_offered && !rejected_once) {
      rejected_once = true;
      CHECK(h.r.reject(e.at, e.offer, failure_kind::busy));
    }
  };
  auto m = h.mark();
  h.arrive(1, q);
  CHECK(h.story_since(m) == lines{"t=1 queued c1 sales", "t=1 offered c1 alice", "t=1 ended c1 alice busy",
                                  "t=1 offered c1 alice"});
  CHECK(h.failures(a, failure_kind::busy) == 1);
  check_sequence(h);
}

TEST_CASE("to_string renders events and their enums for logs", "[router][events]") {
  recording_host h;
  auto q = h.given_queue("sales");
  h.given_agent("alice", {q});
  h.arrive(1, q);
  const event& e = h.last(event_kind::contact_offered).e;
  const std::string s = to_string(e);
  CHECK(s.find("contact_offered") != std::string::npos);
  CHECK(std::string(to_string(event_kind::offer_ended)) == "offer_ended");
  CHECK(std::string(to_string(cancel_cause::answered_elsewhere)) == "answered_elsewhere");
  CHECK(std::string(to_string(agent_state::wrap_up)) == "wrap_up");
}

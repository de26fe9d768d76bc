// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The channel registry as the router exposes it: built-ins, host registrations, limits.
#include "support/recording_host.hpp"

using namespace omniroute_test;

TEST_CASE("every router registers the seven built-in channels with their defaults",
          "[router][channels]") {
  router r;
  const channel_registry& reg = r.channels();
  REQUIRE(reg.size() == 7);
  CHECK(reg.find("voice") == channels::voice);
  CHECK(reg.find("callback") == channels::callback);
  CHECK(reg.find("chat") == channels::chat);
  CHECK(reg.find("email") == channels::email);
  CHECK(reg.find("sms") == channels::sms);
  CHECK(reg.find("social") == channels::social);
  CHECK(reg.find("video") == channels::video);
  CHECK_FALSE(reg.find("fax"));

  CHECK(reg.info(channels::voice).default_cost == 100);
  CHECK(reg.info(channels::voice).kind == channel_kind::real_time);
  CHECK(reg.info(channels::voice).default_blocks.contains(channels::chat));
  CHECK(reg.info(channels::voice).default_blocks.contains(channels::email));
  CHECK(reg.info(channels::chat).default_cost == 25);
  CHECK(reg.info(channels::chat).default_blocks.empty());
  CHECK(reg.info(channels::email).default_cost == 0);
  CHECK(reg.info(channels::email).kind == channel_kind::deferred);
  CHECK(reg.info(channels::email).default_blocks == channel_set{channels::email});
  CHECK(reg.info(channels::video).default_cost == 100);
}

TEST_CASE("a host channel registers once, under a unique non-empty name, up to the limit",
          "[router][channels][errors]") {
  router r;
  auto wa = r.register_channel("whatsapp", channel_kind::deferred, 25);
  REQUIRE(wa);
  CHECK(*wa == channel_id(7));
  CHECK(r.channels().size() == 8);
  CHECK(r.channels().find("whatsapp") == *wa);
  CHECK(r.channels().info(*wa).default_cost == 25);
  CHECK(r.channels().info(*wa).kind == channel_kind::deferred);

  CHECK(err(r.register_channel("whatsapp", channel_kind::real_time, 10)) == "duplicate_name");
  CHECK(err(r.register_channel("voice", channel_kind::real_time, 10)) == "duplicate_name");
  CHECK(err(r.register_channel("", channel_kind::real_time, 10)) == "invalid_argument");
  CHECK(err(r.register_channel(std::string(65, 'x'), channel_kind::real_time, 10)) ==
        "invalid_argument");
  CHECK(r.channels().size() == 8);

  for (std::size_t i = r.channels().size(); i < max_channels; ++i) {
    auto c = r.register_channel("host" + std::to_string(i), channel_kind::deferred, 1);
    REQUIRE(c);
    CHECK(c->value() == i);
  }
  CHECK(r.channels().size() == max_channels);
  CHECK(err(r.register_channel("one-too-many", channel_kind::deferred, 1)) == "limit_exceeded");
  CHECK(r.channels().size() == max_channels);
}

TEST_CASE("a registered channel routes to agents whose profile lists it, through its transport",
          "[router][channels][capacity]") {
  recording_host h;
  auto q = h.given_queue("messages");
  // Added before the registration: a standard profile lists the seven built-ins only; an
  // explicit profile listing every channel (cost 100 each) gains the new one.
  auto early = h.given_agent("early", {q});
  auto early_all = h.given_agent("early_all", {q}, configured([](agent_config& c) {
                                   c.capacity = capacity_profile{};
                                 }));
  auto wa = h.r.register_channel("whatsapp", channel_kind::deferred, 25);
  REQUIRE(wa);
  fake_transport wa_transport;
  REQUIRE(h.r.set_transport(*wa, &wa_transport));
  // Added after: the standard profile now lists whatsapp (cost 25).
  auto late = h.given_agent("late", {q});
  CHECK_FALSE(h.info(early).channels.contains(*wa));
  CHECK(h.info(late).channels.contains(*wa));

  auto m = h.mark();
  auto c1 = h.arrive(1, q, *wa);
  auto c2 = h.arrive(2, q, *wa);
  auto c3 = h.arrive(3, q, *wa);
  // All logged in at 0: creation order breaks the idle tie, but "early" cannot take whatsapp;
  // early_all is full after one (cost 100); late takes two more at 25 each.
  CHECK(h.offers_since(m) == lines{"c1 early_all", "c2 late", "c3 late"});
  REQUIRE(wa_transport.offers.size() == 3);
  CHECK(wa_transport.offers[0].request.contact == c1);
  CHECK(wa_transport.offers[0].request.agent == early_all);
  CHECK(wa_transport.offers[0].request.channel == *wa);
  CHECK(wa_transport.offers[1].request.contact == c2);
  CHECK(wa_transport.offers[2].request.contact == c3);
  CHECK(h.voice().offers.empty());
  CHECK(h.info(late).used_capacity == 50);
  CHECK(h.info(early).used_capacity == 0);
}

TEST_CASE("contacts of an unregistered channel are refused and transports need a registered channel",
          "[router][channels][errors]") {
  recording_host h;
  auto q = h.given_queue("sales");
  contact_spec spec;
  spec.queue = q;
  spec.channel = channel_id(20);
  auto m = h.mark();
  CHECK(err(h.r.arrive(at_seconds(1), spec)) == "unknown_channel");
  CHECK(h.story_since(m) == lines{"t=1 refused sales unknown_channel"});
  CHECK(h.r.live_contact_count() == 0);
  fake_transport t;
  CHECK_FALSE(h.r.set_transport(channel_id(20), &t));
}

TEST_CASE("a queue refuses contacts of channels it does not take", "[router][channels][queue]") {
  recording_host h;
  auto q = h.given_queue("calls", [](queue_config& c) { c.channels = {channels::voice}; });
  h.given_agent("alice", {q});
  auto m = h.mark();
  contact_spec spec;
  spec.queue = q;
  spec.channel = channels::chat;
  CHECK(err(h.r.arrive(at_seconds(1), spec)) == "channel_not_accepted");
  CHECK(h.story_since(m) == lines{"t=1 refused calls channel_not_accepted"});
  const auto& refused = h.last(event_kind::contact_refused).e;
  CHECK(refused.queue == q);
  CHECK(refused.channel == channels::chat);
  CHECK(refused.contact.is_null());
  CHECK(h.chat().offers.empty());
}

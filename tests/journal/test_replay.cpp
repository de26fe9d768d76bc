// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Commands as values: a random workload applied to one router, its commands encoded, decoded
// and applied to a fresh router, gives the same result for every command, the same events in
// the same order and the same state hash after every command.
#include "journal/workload.hpp"

#include <omniroute/journal/command.hpp>

#include "support/catch.hpp"

using namespace omniroute;
using namespace omniroute_journal_test;

namespace {

struct event_log final : event_observer {
  std::vector<std::string> lines;
  void on_event(const event& e) override { lines.push_back(to_string(e)); }
};

}  // namespace

TEST_CASE("a decoded command stream replays to the same results, events and state hash", "[journal][replay]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    router original;
    router replica;
    event_log original_events;
    event_log replica_events;
    original.set_observer(&original_events);
    replica.set_observer(&replica_events);
    workload w(seed);
    std::string bytes;
    std::size_t refused = 0;
    for (int i = 0; i < 3000; ++i) {
      const command c = w.next(original);
      bytes.clear();
      encode(c, bytes);
      auto decoded = decode(bytes);
      REQUIRE(decoded);
      // Encoding is canonical: the decoded value encodes to the same bytes.
      std::string again;
      encode(*decoded, again);
      REQUIRE(again == bytes);

      const command_outcome a = apply(original, c);
      const command_outcome b = apply(replica, *decoded);
      INFO("command #" << i << " " << command_name(c));
      REQUIRE(a == b);
      if (!a.ok()) ++refused;
      REQUIRE(original.state_hash() == replica.state_hash());
    }
    CHECK(original_events.lines == replica_events.lines);
    CHECK(original_events.lines.size() > 1000);
    CHECK(refused > 50);  // the stream exercised refusals too
    CHECK(check_invariants(replica).empty());
  }
}

TEST_CASE("the state hash tells diverging routers apart", "[journal][replay]") {
  router a;
  router b;
  CHECK(a.state_hash() == b.state_hash());
  queue_config q;
  q.name = "sales";
  REQUIRE(a.add_queue(at_seconds(1), q));
  CHECK(a.state_hash() != b.state_hash());
  REQUIRE(b.add_queue(at_seconds(1), q));
  CHECK(a.state_hash() == b.state_hash());
  // Time alone is state: it decides which timers are due.
  REQUIRE(a.advance(at_seconds(2)));
  CHECK(a.state_hash() != b.state_hash());
  REQUIRE(b.advance(at_seconds(2)));
  CHECK(a.state_hash() == b.state_hash());
  // Routers seeded differently differ (their random strategies will decide differently).
  router_options other;
  other.seed = 7;
  CHECK(router(other).state_hash() != router().state_hash());
}

TEST_CASE("decode refuses malformed bytes with a typed error", "[journal][replay]") {
  command c{at_seconds(3), cmd::login{agent_id(1, 1), true, 5}};
  std::string bytes;
  encode(c, bytes);
  REQUIRE(decode(bytes));
  // Every truncation is refused (never read past the end).
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    CHECK(decode(std::string_view(bytes.data(), n)).error() == errc::malformed_data);
  }
  CHECK(decode(bytes + "x").error() == errc::malformed_data);  // trailing bytes
  std::string wrong_version = bytes;
  wrong_version[0] = 99;
  CHECK(decode(wrong_version).error() == errc::malformed_data);
  std::string wrong_tag = bytes;
  wrong_tag[1] = static_cast<char>(200);
  CHECK(decode(wrong_tag).error() == errc::malformed_data);
  std::string bad_flag = bytes;
  bad_flag[2 + 8 + 8] = 2;  // the `ready` flag is 0 or 1
  CHECK(decode(bad_flag).error() == errc::malformed_data);

  // A string length beyond the input is refused before anything is allocated.
  std::string huge;
  encode(command{at_seconds(1), cmd::add_skill{"billing"}}, huge);
  huge[10] = huge[11] = huge[12] = static_cast<char>(0xFF);
  CHECK(decode(huge).error() == errc::malformed_data);
}

TEST_CASE("every kind of command survives an encode and decode round trip", "[journal][replay]") {
  agent_config agent;
  agent.name = "alice";
  agent.capacity = capacity_profile();
  agent.capacity->total = 300;
  agent.wrap_up = std::chrono::seconds(7);
  agent.offers.timeout = std::chrono::seconds(9);
  agent.offers.busy = failure_policy{std::chrono::seconds(2), 4, 77};
  agent.skills = {{"billing", 5}, {"spanish", 9}};
  agent.attributes = {{"site", "sofia"}};
  queue_config queue;
  queue.name = "sales";
  queue.max_wait = std::chrono::seconds(90);
  queue.strategy.kind = strategy_kind::best_skill;
  queue.strategy.occupancy_cap = 0.85;
  queue.overflow = queue_id(3, 4);
  escalation_plan plan;
  escalation_step step;
  step.after = std::chrono::seconds(30);
  step.action = step_action::route_out;
  step.destination = "voicemail";
  step.service_level_below = 0.8;
  plan.steps = {step, step};
  contact_spec spec;
  spec.queue = queue_id(1, 2);
  spec.channel = channels::chat;
  spec.priority = -3;
  (void)spec.attributes.set("customer", "42");
  spec.position = 2;
  spec.arrival = at_seconds(0.5);
  spec.preferred_agent = agent_id(5, 6);
  spec.preferred_wait = std::chrono::seconds(10);
  member_options member;
  member.tier = 2;
  member.order = 9;
  transfer_options transfer;
  transfer.keep_arrival = false;
  transfer.priority = 4;

  const std::vector<command_body> bodies = {
      cmd::advance{},
      cmd::register_channel{"whatsapp", channel_kind::deferred, 30, channel_set{channels::email}},
      cmd::add_skill{"billing"},
      cmd::add_attribute{"site", attribute_kind::enumeration},
      cmd::add_requirement{"billing >= 3 & site == sofia"},
      cmd::add_escalation_plan{plan},
      cmd::add_agent{agent},
      cmd::update_agent{agent_id(1, 1), agent},
      cmd::remove_agent{agent_id(1, 1)},
      cmd::login{agent_id(2, 3), true, 4},
      cmd::logout{agent_id(2, 3)},
      cmd::ready{agent_id(2, 3)},
      cmd::not_ready{agent_id(2, 3), 12},
      cmd::add_queue{queue},
      cmd::update_queue{queue_id(1, 1), queue},
      cmd::remove_queue{queue_id(1, 1), queue_id(2, 1)},
      cmd::add_member{queue_id(1, 1), agent_id(2, 2), member},
      cmd::update_member{queue_id(1, 1), agent_id(2, 2), member},
      cmd::remove_member{queue_id(1, 1), agent_id(2, 2)},
      cmd::arrive{spec},
      cmd::abandon{contact_id(7, 1)},
      cmd::transfer{contact_id(7, 1), queue_id(2, 1), transfer},
      cmd::route_out{contact_id(7, 1)},
      cmd::accept_callback{contact_id(7, 1)},
      cmd::accept{offer_id(8, 1)},
      cmd::reject{offer_id(8, 1), failure_kind::unreachable},
      cmd::complete{contact_id(7, 1)},
      cmd::end_wrap_up{offer_id(8, 1)},
  };
  REQUIRE(bodies.size() == std::variant_size_v<command_body>);
  for (const command_body& body : bodies) {
    const command c{at_seconds(12.5), body};
    INFO(command_name(c));
    std::string bytes;
    encode(c, bytes);
    auto back = decode(bytes);
    REQUIRE(back);
    CHECK(back->body.index() == body.index());
    CHECK(back->now == c.now);
    std::string again;
    encode(*back, again);
    CHECK(again == bytes);
  }
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Random command streams checked against the invariants of docs/routing-rules.md after every
// command, through public queries only: no contact waits while a member can take it, capacity
// equals the work held, offered <=> offers pending, one terminal event per contact.
#include "support/random_stream.hpp"

#include <sstream>

using namespace omniroute_test;

namespace {

struct stream_run : random_stream {
  explicit stream_run(std::uint64_t seed, bool huge_pages = true) : random_stream(options(seed, huge_pages), seed) {}
  static router_options options(std::uint64_t seed, bool huge_pages) {
    router_options o;
    o.seed = seed;
    o.huge_pages = huge_pages;
    return o;
  }

  void setup() {
    const strategy_kind kinds[] = {strategy_kind::longest_idle, strategy_kind::round_robin,
                                   strategy_kind::ring_all, strategy_kind::top_down};
    for (int i = 0; i < 4; ++i) {
      queues.push_back(h.given_queue("q" + std::to_string(i), [&](queue_config& c) {
        c.strategy.kind = kinds[i];
        c.offers.timeout = seconds(15);
        if (i == 1) c.wrap_up = seconds(4);
        if (i == 2) c.max_wait = seconds(40);
        if (i == 3) c.offers.rejected.hold_back = seconds(6);
        // Queues of one and two channels too: an agent's walk reads their heads from copies
        // (group_rec::front), and those of queues of more channels from the ready sets.
        if (i == 0) c.channels = channel_set{channels::voice, channels::chat};
        if (i == 1) c.channels = channel_set{channels::chat};
      }));
    }
    for (int i = 0; i < 6; ++i) {
      agent_setup s;
      if (i % 3 == 2) s.channels = channel_set{channels::chat, channels::email};
      auto a = h.given_agent("a" + std::to_string(i), {}, s);
      agents.push_back(a);
      for (queue_id q : queues) {
        if (pick(2) == 0) h.member(q, a);
      }
    }
    absorb_events();
  }

  void step() {
    t += static_cast<double>(pick(4));
    const time_point now = at_seconds(t);
    std::ostringstream what;
    what << "t=" << t << " ";
    const std::size_t op = pick(100);
    if (op < 30) {
      arrive_one(now, what);
    } else if (op < 50 && !pending.empty()) {
      answer_one(now, what, true);
    } else if (op < 65 && !contacts.empty()) {
      complete_one(now, what);
    } else if (op < 70 && !contacts.empty()) {
      abandon_one(now, what);
    } else if (op < 75 && !contacts.empty()) {
      transfer_one(now, what);
    } else if (op < 85) {
      agent_one(now, what);
    } else if (op < 90) {
      const agent_id a = agents[pick(agents.size())];
      const queue_id q = queues[pick(queues.size())];
      const bool add = pick(2) != 0;
      status s = add ? h.r.add_member(now, q, a) : h.r.remove_member(now, q, a);
      what << (add ? "add_member " : "remove_member ") << h.name(q) << " " << h.name(a) << " -> "
           << errc_name(s.error());
    } else {
      what << "advance -> " << errc_name(h.r.advance(now).error());
    }
    trace.push_back(what.str());
    absorb_events();
  }

  /// Returns the first invariant violated, or an empty string.
  std::string violation() const {
    for (queue_id q : queues) {
      const auto members = h.r.members(q);
      for (contact_id c : h.r.waiting_contacts(q)) {
        auto ci = h.r.contact(c);
        if (!ci) return "waiting_contacts lists an unknown contact";
        if ((ci->state == contact_state::offered) != (ci->offers_pending > 0)) {
          return "contact " + std::to_string(c.index()) + " state " + name_of(ci->state) + " with " +
                 std::to_string(ci->offers_pending) + " offers pending";
        }
        if (ci->state != contact_state::waiting) continue;
        for (const auto& mem : members) {
          if (can_take(mem.first, ci->channel)) {
            return "contact " + std::to_string(c.index()) + " waits in " + h.name(q) + " while " +
                   h.name(mem.first) + " can take it";
          }
        }
      }
    }
    if (std::string v = capacity_violation(); !v.empty()) return v;
    return contact_violation();
  }
};

}  // namespace

TEST_CASE("random command streams keep the routing invariants after every command", "[router][invariant]") {
  check_random_streams<stream_run>(30, 400);
}

TEST_CASE("huge pages or not, the same commands give the same state and events", "[router][invariant]") {
  // router_options::huge_pages only changes where the record pools take their memory.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    stream_run on(seed, true);
    stream_run off(seed, false);
    on.setup();
    off.setup();
    for (int i = 0; i < 400; ++i) {
      on.step();
      off.step();
      REQUIRE(on.trace.back() == off.trace.back());
      REQUIRE(on.h.r.state_hash() == off.h.r.state_hash());
    }
    REQUIRE(on.h.events().size() == off.h.events().size());
    for (std::size_t k = 0; k < on.h.events().size(); ++k) {
      REQUIRE(to_string(on.h.events()[k].e) == to_string(off.h.events()[k].e));
    }
  }
}

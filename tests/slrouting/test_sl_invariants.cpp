// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The routing invariants of docs/routing-rules.md with service-level-driven routing enabled:
// random command streams over queues with per-channel targets, reserve members, target shares,
// allocation percentages and the idleness-ratio tier pick, under every queue-selection policy
// (router default and per-agent overrides), checked after every command through public queries:
// no contact waits while a member who may take it (a reserve member only while its queue
// needs help) can, capacity equals the work held, offered <=> offers pending, one terminal
// event per contact, and the live service level stays a percentage.
#include "support/random_stream.hpp"

#include <sstream>

using namespace omniroute_test;

namespace {

struct sl_stream : random_stream {
  bool helping[4] = {};  // reserve_helping of each queue after the last command

  explicit sl_stream(std::uint64_t seed) : random_stream(options(seed), seed) {}
  static router_options options(std::uint64_t seed) {
    router_options o;
    o.seed = seed;
    o.explain = seed % 2 == 0;
    o.queue_selection = static_cast<queue_selection_policy>(seed % 4);
    return o;
  }

  void setup() {
    const strategy_kind kinds[] = {strategy_kind::longest_idle, strategy_kind::round_robin,
                                   strategy_kind::ring_all, strategy_kind::best_skill};
    for (int i = 0; i < 4; ++i) {
      queues.push_back(h.given_queue("q" + std::to_string(i), [&](queue_config& c) {
        c.strategy.kind = kinds[i];
        c.offers.timeout = seconds(15);
        c.service_levels = {{channels::voice, 80, seconds(10)}, {channels::chat, 90, seconds(30)}};
        c.selection.window = std::chrono::minutes(2);
        c.selection.reserve_below = 60 + 10.0 * static_cast<double>(pick(3));
        c.selection.reserve_until = c.selection.reserve_below + 10;
        c.selection.target_share = 10.0 * static_cast<double>(1 + pick(5));
        c.selection.allocation_percent = 10.0 * static_cast<double>(1 + pick(5));
        c.selection.delay_weight = 1.0 + static_cast<double>(pick(3));
        if (i != 3) c.selection.groups = pick(2) ? group_pick::idle_ratio : group_pick::lowest_tier;
        if (i == 1) c.wrap_up = seconds(4);
        if (i == 2) c.max_wait = seconds(40);
      }));
    }
    for (int i = 0; i < 7; ++i) {
      agent_setup s;
      if (i % 3 == 2) s.channels = channel_set{channels::chat, channels::email};
      if (pick(3) == 0) {
        const auto p = static_cast<queue_selection_policy>(pick(4));
        s.configure = [p](agent_config& c) { c.queue_selection = p; };
      }
      auto a = h.given_agent("a" + std::to_string(i), {}, s);
      agents.push_back(a);
      for (queue_id q : queues) {
        if (pick(2) == 0) continue;
        member_options o;
        o.tier = static_cast<std::uint32_t>(pick(3));
        o.reserve = pick(3) == 0;
        h.member(q, a, o);
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
      answer_one(now, what, false);
    } else if (op < 65 && !contacts.empty()) {
      complete_one(now, what);
    } else if (op < 73 && !contacts.empty()) {
      abandon_one(now, what);
    } else if (op < 77 && !contacts.empty()) {
      transfer_one(now, what);
    } else if (op < 87) {
      agent_one(now, what);
    } else if (op < 92) {
      const agent_id a = agents[pick(agents.size())];
      const queue_id q = queues[pick(queues.size())];
      member_options o;
      o.reserve = pick(2) == 0;
      const std::size_t k = pick(3);
      status s = k == 0 ? h.r.add_member(now, q, a, o) : k == 1 ? h.r.update_member(now, q, a, o) : h.r.remove_member(now, q, a);
      what << "member op" << k << " reserve=" << o.reserve << " " << h.name(q) << " " << h.name(a) << " -> "
           << errc_name(s.error());
    } else {
      what << "advance -> " << errc_name(h.r.advance(now).error());
    }
    trace.push_back(what.str());
    absorb_events();
  }

  std::string violation() const {
    for (queue_id q : queues) {
      const queue_info qi = *h.r.queue(q);
      if (qi.service_level && !(*qi.service_level >= 0.0 && *qi.service_level <= 100.0)) {
        return "queue " + h.name(q) + " has service level " + std::to_string(*qi.service_level);
      }
      if (!(qi.agent_seconds >= 0.0)) return "queue " + h.name(q) + " has negative agent time";
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
          if (mem.second.reserve && !qi.reserve_helping) continue;
          if (can_take(mem.first, ci->channel)) {
            return "contact " + std::to_string(c.index()) + " waits in " + h.name(q) + " while " +
                   h.name(mem.first) + (mem.second.reserve ? " (reserve, helping)" : "") + " can take it";
          }
        }
      }
    }
    if (std::string v = capacity_violation(); !v.empty()) return v;
    return contact_violation();
  }
};

}  // namespace

TEST_CASE("random command streams keep the routing invariants with service-level routing enabled",
          "[sl-routing][invariant]") {
  std::size_t reserve_flips = 0;
  check_random_streams<sl_stream>(24, 400, [&](sl_stream& run) {
    for (std::size_t q = 0; q < run.queues.size(); ++q) {
      const bool now_helping = run.h.r.queue(run.queues[q])->reserve_helping;
      reserve_flips += now_helping != run.helping[q];
      run.helping[q] = now_helping;
    }
  });
  // The streams exercise the hysteresis, not only the steady state.
  CHECK(reserve_flips > 10);
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The shared harness of the random-command-stream invariant tests (tests/router/
// test_invariants.cpp, tests/slrouting/test_sl_invariants.cpp): a recording host driven by a
// seeded generator, the bookkeeping learnt from the events (pending offers, terminal events
// per contact), a trace of the commands, the invariants every configuration keeps (capacity
// equals the work held, one terminal event per contact, live count), and the seed loop that
// prints the seed and the last commands on the first violation. Each test adds its own setup,
// command mix and configuration-specific invariants.
#ifndef OMNIROUTE_TESTS_SUPPORT_RANDOM_STREAM_HPP
#define OMNIROUTE_TESTS_SUPPORT_RANDOM_STREAM_HPP

#include "support/recording_host.hpp"

#include <cstdint>
#include <iterator>
#include <map>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace omniroute_test {

struct random_stream {
  recording_host h;
  std::mt19937_64 rng;
  std::vector<queue_id> queues;
  std::vector<agent_id> agents;
  std::vector<contact_id> contacts;
  std::map<std::uint64_t, int> terminal_events;  // contact -> count
  std::set<std::uint64_t> pending;                // offers
  std::size_t seen = 0;
  double t = 0;
  std::vector<std::string> trace;

  random_stream(router_options options, std::uint64_t seed) : h(options), rng(seed) {}

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }

  /// Learns offers and terminal events from the events recorded since the last call.
  void absorb_events() {
    for (; seen < h.events().size(); ++seen) {
      const event& e = h.events()[seen].e;
      switch (e.kind) {
        case event_kind::contact_offered: pending.insert(e.offer.value()); break;
        case event_kind::offer_ended: pending.erase(e.offer.value()); break;
        case event_kind::contact_completed:
        case event_kind::contact_abandoned:
        case event_kind::contact_expired:
        case event_kind::contact_routed_out: ++terminal_events[e.contact.value()]; break;
        default: break;
      }
    }
  }

  /// Can agent `a` take channel `ch` now, by the rules' definition (standard profile)?
  bool can_take(agent_id a, channel_id ch) const {
    const agent_info i = *h.r.agent(a);
    if (i.presence != presence::ready) return false;
    if (i.held_back_until != never && i.held_back_until > h.r.now()) return false;
    if (!i.channels.contains(ch)) return false;
    const auto& reg = h.r.channels();
    if (i.used_capacity + reg.info(ch).default_cost > i.total_capacity) return false;
    for (offer_id o : h.r.agent_work(a)) {
      auto w = h.r.offer(o);
      if (w && reg.info(w->channel).default_blocks.contains(ch)) return false;
    }
    return true;
  }

  /// Capacity equals the work held and stays within the total (standard costs), or why not.
  std::string capacity_violation() const {
    const auto& reg = h.r.channels();
    for (agent_id a : agents) {
      const agent_info i = *h.r.agent(a);
      std::uint32_t used = 0;
      for (offer_id o : h.r.agent_work(a)) {
        auto w = h.r.offer(o);
        if (!w) return "agent_work lists an unknown offer";
        used += reg.info(w->channel).default_cost;
      }
      if (used != i.used_capacity) {
        return "agent " + h.name(a) + " uses " + std::to_string(i.used_capacity) + " but holds work worth " +
               std::to_string(used);
      }
      if (i.used_capacity > i.total_capacity) return "agent " + h.name(a) + " over capacity";
    }
    return {};
  }

  /// One terminal event per ended contact, none for live ones, and the live count agrees.
  std::string contact_violation() const {
    std::size_t live = 0;
    for (contact_id c : contacts) {
      auto it = terminal_events.find(c.value());
      const int ends = it == terminal_events.end() ? 0 : it->second;
      if (ends > 1) return "contact " + std::to_string(c.index()) + " ended twice";
      if (ends == 0) {
        ++live;
        if (!h.r.contact(c)) return "contact " + std::to_string(c.index()) + " vanished without a terminal event";
      } else if (h.r.contact(c)) {
        return "contact " + std::to_string(c.index()) + " ended but is still known";
      }
    }
    if (live != h.r.live_contact_count()) return "live_contact_count disagrees with the events";
    return {};
  }

  // ---- Commands both streams draw (each says what it did in `what`) ----------------------

  void arrive_one(time_point now, std::ostream& what) {
    const channel_id chans[] = {channels::voice, channels::chat, channels::chat, channels::email};
    contact_spec s;
    s.queue = queues[pick(queues.size())];
    s.channel = chans[pick(4)];
    s.priority = static_cast<std::int32_t>(pick(3));
    auto c = h.r.arrive(now, s);
    what << "arrive " << h.name(s.queue) << " ch" << int(s.channel.value()) << " -> " << errc_name(c.error());
    if (c) contacts.push_back(*c);
  }

  /// Accepts or rejects a pending offer; `failure_kinds`: a rejection says rejected or busy
  /// at random (else the default).
  void answer_one(time_point now, std::ostream& what, bool failure_kinds) {
    auto it = pending.begin();
    std::advance(it, static_cast<long>(pick(pending.size())));
    const offer_id o = offer_id::from_value(*it);
    if (pick(3) == 0) {
      const status s = failure_kinds ? h.r.reject(now, o, pick(2) ? failure_kind::rejected : failure_kind::busy)
                                     : h.r.reject(now, o);
      what << "reject " << o.index() << " -> " << errc_name(s.error());
    } else {
      what << "accept " << o.index() << " -> " << errc_name(h.r.accept(now, o).error());
    }
  }

  void complete_one(time_point now, std::ostream& what) {
    const contact_id c = contacts[pick(contacts.size())];
    what << "complete " << c.index() << " -> " << errc_name(h.r.complete(now, c).error());
  }

  void abandon_one(time_point now, std::ostream& what) {
    const contact_id c = contacts[pick(contacts.size())];
    what << "abandon " << c.index() << " -> " << errc_name(h.r.abandon(now, c).error());
  }

  void transfer_one(time_point now, std::ostream& what) {
    const contact_id c = contacts[pick(contacts.size())];
    const queue_id q = queues[pick(queues.size())];
    what << "transfer " << c.index() << " " << h.name(q) << " -> " << errc_name(h.r.transfer(now, c, q).error());
  }

  /// ready, not_ready, logout or login.
  void agent_one(time_point now, std::ostream& what) {
    const agent_id a = agents[pick(agents.size())];
    const std::size_t k = pick(4);
    status s = k == 0 ? h.r.ready(now, a)
               : k == 1 ? h.r.not_ready(now, a, 5)
               : k == 2 ? h.r.logout(now, a)
                        : h.r.login(now, a, true);
    what << "agent " << h.name(a) << " op" << k << " -> " << errc_name(s.error());
  }

  /// The last `n` commands, one per line.
  std::string trace_tail(std::size_t n = 12) const {
    std::string tail;
    const std::size_t from = trace.size() > n ? trace.size() - n : 0;
    for (std::size_t k = from; k < trace.size(); ++k) tail += "\n  " + trace[k];
    return tail;
  }
};

/// Runs `commands` steps of a Stream (a random_stream with setup(), step() and violation())
/// for each seed in [1, seeds], checking violation() after every command; on the first one,
/// fails with the seed, the command number and the last commands, and moves to the next seed.
/// `each_step(stream)` runs after every step (for coverage counters).
template <class Stream, class EachStep>
void check_random_streams(std::uint64_t seeds, int commands, EachStep each_step) {
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    Stream run(seed);
    run.setup();
    for (int i = 0; i < commands; ++i) {
      run.step();
      each_step(run);
      const std::string v = run.violation();
      if (!v.empty()) {
        FAIL_CHECK("seed " << seed << " after command " << i << ": " << v << "\nlast commands:" << run.trace_tail());
        break;
      }
    }
  }
}

template <class Stream>
void check_random_streams(std::uint64_t seeds, int commands) {
  check_random_streams<Stream>(seeds, commands, [](Stream&) {});
}

}  // namespace omniroute_test

#endif  // OMNIROUTE_TESTS_SUPPORT_RANDOM_STREAM_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// "No command allocates in steady state" (router.hpp), checked: this test binary replaces
// every form of global operator new / delete with versions that count while a flag is on.
// A router with 1,000 agents, voice and chat queues of several strategies, an observer and
// transports runs a host loop (arrivals, offers, accepts, rejects, timeouts, completions,
// wrap-ups, abandons, agents going ready and not ready). After a warm-up that lets pools and
// buffers reach their steady-state size, a measured window of the same loop must allocate
// nothing. On failure the test prints the call stacks of the first allocations.
//
// The replacement lives in this binary only; outside a measured window it is plain malloc. The
// probe is in alloc_probe.hpp; test_no_allocation_skills.cpp shares it.

// g++ 12 pairs the replaced operator new (malloc) with the replaced operator delete (free)
// across inlined standard containers and reports a mismatch that is not there: both sides are
// the replacements below.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <omniroute/omniroute.hpp>
#include <omniroute/router/router.hpp>

#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include <omniroute/core/chunk_memory.hpp>

#include "alloc/alloc_probe.hpp"
#include "support/catch.hpp"

// ---- Counting allocation functions (the probe counts while a window is open) -----------------
void* operator new(std::size_t n) {
  if (void* p = alloc_probe::plain(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = alloc_probe::plain(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return alloc_probe::plain(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return alloc_probe::plain(n); }
void* operator new(std::size_t n, std::align_val_t a) {
  if (void* p = alloc_probe::aligned(n, a)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) {
  if (void* p = alloc_probe::aligned(n, a)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return alloc_probe::aligned(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return alloc_probe::aligned(n, a);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

// ---- A steady-state host ----------------------------------------------------------------------------
namespace {

using namespace omniroute;

struct counters {
  std::size_t events = 0, offers = 0, accepts = 0, rejects = 0, timeouts = 0, cancels = 0,
              connects = 0, completes = 0, wrap_ups = 0, wrap_up_ends = 0, abandons = 0,
              expiries = 0, state_changes = 0, transport_offers = 0, transport_cancels = 0,
              explained = 0, commands = 0, refused_commands = 0;
};

/// Removes the first element equal to v by swapping in the last (no allocation).
template <class T>
bool swap_remove(std::vector<T>& v, T x) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == x) {
      v[i] = v.back();
      v.pop_back();
      return true;
    }
  }
  return false;
}

class host final : public event_observer {
 public:
  std::vector<offer_id> pending;     // offers ringing
  std::vector<contact_id> connected;  // contacts being handled
  std::vector<offer_id> wrapping;     // wrap-ups in progress
  std::vector<contact_id> recent;     // recent arrivals (ring buffer), abandon candidates
  std::size_t recent_next = 0;
  counters c;

  host() {
    pending.reserve(1 << 14);
    connected.reserve(1 << 14);
    wrapping.reserve(1 << 14);
    recent.assign(256, contact_id{});
  }

 protected:
  void on_event(const event& e) override {
    ++c.events;
    if (e.why) ++c.explained;
    switch (e.kind) {
      case event_kind::contact_offered: ++c.offers; pending.push_back(e.offer); break;
      case event_kind::offer_ended:
        swap_remove(pending, e.offer);
        switch (e.outcome) {
          case offer_outcome::accepted: ++c.accepts; break;
          case offer_outcome::no_answer: ++c.timeouts; break;
          case offer_outcome::cancelled: ++c.cancels; break;
          default: ++c.rejects; break;
        }
        break;
      case event_kind::contact_connected: ++c.connects; connected.push_back(e.contact); break;
      case event_kind::contact_completed: ++c.completes; swap_remove(connected, e.contact); break;
      case event_kind::contact_transferred: swap_remove(connected, e.contact); break;
      case event_kind::wrap_up_started: ++c.wrap_ups; wrapping.push_back(e.offer); break;
      case event_kind::wrap_up_ended: ++c.wrap_up_ends; swap_remove(wrapping, e.offer); break;
      case event_kind::contact_abandoned: ++c.abandons; break;
      case event_kind::contact_expired: ++c.expiries; break;
      case event_kind::contact_queued:
        recent[recent_next++ % recent.size()] = e.contact;
        break;
      case event_kind::agent_state_changed: ++c.state_changes; break;
      default: break;
    }
  }
};

class counting_transport final : public offer_transport {
 public:
  counters* c = nullptr;

 protected:
  void on_offer(const offer_request& r) override {
    ++c->transport_offers;
    if (r.attributes && r.attributes->size() > 8) std::abort();  // touch the data
  }
  void on_cancel(const offer_cancellation&) override { ++c->transport_cancels; }
};

struct splitmix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }
};

struct scenario {
  router r;
  host h;
  counting_transport voice, chat;
  std::vector<agent_id> agents;
  std::vector<queue_id> voice_queues, chat_queues;
  splitmix g{7};
  time_point now{};

  explicit scenario(bool explain) : r(make_options(explain)) {
    voice.c = &h.c;
    chat.c = &h.c;
    r.set_observer(&h);
    REQUIRE(r.set_transport(channels::voice, &voice));
    REQUIRE(r.set_transport(channels::chat, &chat));

    auto add_queue = [&](const char* name, channel_set chs, strategy_kind k, duration wrap, duration max_wait,
                         queue_id overflow = {}) {
      queue_config q;
      q.name = name;
      q.channels = chs;
      q.strategy.kind = k;
      q.strategy.ring_interval = std::chrono::seconds(2);
      q.wrap_up = wrap;
      q.max_wait = max_wait;
      q.overflow = overflow;
      q.offers.timeout = std::chrono::seconds(8);
      q.offers.rejected.hold_back = std::chrono::seconds(3);
      q.offers.no_answer.threshold = 3;
      auto id = r.add_queue(now, q);
      REQUIRE(id);
      return *id;
    };
    const queue_id overflow = add_queue("voice_overflow", {channels::voice}, strategy_kind::linear,
                                        std::chrono::seconds(1), duration::zero());
    voice_queues.push_back(add_queue("voice_sales", {channels::voice}, strategy_kind::longest_idle,
                                     std::chrono::seconds(3), std::chrono::seconds(60), overflow));
    voice_queues.push_back(add_queue("voice_support", {channels::voice}, strategy_kind::round_robin,
                                     std::chrono::seconds(2), duration::zero()));
    voice_queues.push_back(add_queue("voice_vip", {channels::voice}, strategy_kind::ring_all,
                                     std::chrono::seconds(1), duration::zero()));
    voice_queues.push_back(add_queue("voice_callback", {channels::voice}, strategy_kind::progressive_ring,
                                     duration::zero(), std::chrono::seconds(90), overflow));
    voice_queues.push_back(overflow);
    chat_queues.push_back(add_queue("chat_sales", {channels::chat}, strategy_kind::fewest_contacts,
                                    std::chrono::seconds(1), duration::zero()));
    chat_queues.push_back(add_queue("chat_support", {channels::chat, channels::email},
                                    strategy_kind::weighted_random, duration::zero(), std::chrono::seconds(45)));

    const capacity_profile standard = capacity_profile::standard(r.channels());
    for (int i = 0; i < 1000; ++i) {
      agent_config a;
      a.name = "agent" + std::to_string(i);
      const bool chat_agent = i % 5 >= 3;  // 40% chat, 60% voice
      a.capacity = chat_agent ? standard.only({channels::chat, channels::email}) : standard.only({channels::voice});
      auto id = r.add_agent(now, a);
      REQUIRE(id);
      agents.push_back(*id);
      if (chat_agent) {
        REQUIRE(r.add_member(now, chat_queues[i % 2], *id));
        if (i % 7 == 0) REQUIRE(r.add_member(now, chat_queues[(i + 1) % 2], *id, member_options{1, 2, {}}));
      } else {
        REQUIRE(r.add_member(now, voice_queues[i % 2], *id));
        if (i % 20 == 0) REQUIRE(r.add_member(now, voice_queues[2], *id, member_options{i % 40 == 0 ? 0u : 1u, 1, {}}));
        if (i % 10 == 1) REQUIRE(r.add_member(now, voice_queues[3], *id));
        if (i % 25 == 2) REQUIRE(r.add_member(now, voice_queues[4], *id));
      }
      REQUIRE(r.login(now, *id, true));
    }
  }

  static router_options make_options(bool explain) {
    router_options o;
    o.explain = explain;
    o.expected_agents = 1024;
    o.expected_contacts = 4096;
    return o;
  }

  void counted(const status& s) {
    ++h.c.commands;
    if (!s) ++h.c.refused_commands;
  }

  /// One host tick of 250 ms. Uses only pre-sized storage, so the host itself never allocates.
  void tick() {
    now += std::chrono::milliseconds(250);
    counted(r.advance(now));
    // Arrivals: about 3 voice and 3 chat contacts a second.
    for (int k = 0; k < 2; ++k) {
      if (g.chance(400)) {
        contact_spec s;
        s.channel = channels::voice;
        s.queue = voice_queues[g.below(4)];
        s.priority = static_cast<std::int32_t>(g.below(3));
        if (g.chance(300)) (void)s.attributes.set("customer", "c-1234");
        auto c = r.arrive(now, s);
        counted(c ? status{} : status(c.error()));
      }
      if (g.chance(400)) {
        contact_spec s;
        s.channel = g.chance(900) ? channels::chat : channels::email;
        s.queue = chat_queues[g.below(2)];
        if (s.channel == channels::email) s.queue = chat_queues[1];
        auto c = r.arrive(now, s);
        counted(c ? status{} : status(c.error()));
      }
    }
    // Answer ringing offers: mostly accept, some rejects, the rest ring on (and time out).
    for (int k = 0; k < 6 && !h.pending.empty(); ++k) {
      const offer_id o = h.pending[g.below(static_cast<std::uint32_t>(h.pending.size()))];
      if (o.index() % 8 == 0) continue;  // some devices never answer: those offers time out
      const std::uint32_t x = g.below(1000);
      if (x < 600) counted(r.accept(now, o));
      else if (x < 680) counted(r.reject(now, o, x < 650 ? failure_kind::rejected : failure_kind::busy));
    }
    // Complete some connected contacts (mean handling time around 40 s).
    for (std::size_t k = 0; k < h.connected.size(); ++k) {
      if (g.chance(7)) counted(r.complete(now, h.connected[k]));
    }
    // End a few wrap-ups early.
    if (!h.wrapping.empty() && g.chance(300)) {
      counted(r.end_wrap_up(now, h.wrapping[g.below(static_cast<std::uint32_t>(h.wrapping.size()))]));
    }
    // Customers hang up while waiting (refused when the contact was connected meanwhile).
    if (g.chance(150)) counted(r.abandon(now, h.recent[g.below(static_cast<std::uint32_t>(h.recent.size()))]));
    // Agents go not ready and ready again.
    for (int k = 0; k < 2; ++k) {
      const agent_id a = agents[g.below(static_cast<std::uint32_t>(agents.size()))];
      if (g.chance(500)) counted(r.not_ready(now, a, 1 + g.below(3)));
      else counted(r.ready(now, a));
    }
  }
};

void run_steady_state(bool explain, bool toggle_explain) {
  scenario s(explain);
  for (int i = 0; i < 20000; ++i) s.tick();  // warm-up: pools, event buffers, timers
  const counters before = s.h.c;
  alloc_probe::window w;
  for (int i = 0; i < 20000; ++i) {
    if (toggle_explain && i % 1000 == 0) s.r.set_explanations((i / 1000) % 2 == 0);
    s.tick();
  }
  w.close();
  const std::size_t allocations = alloc_probe::count.load();
  const std::size_t allocated = alloc_probe::bytes.load();
  const counters& after = s.h.c;
  INFO("measured window: " << after.commands - before.commands << " commands, " << after.events - before.events
                           << " events, " << after.offers - before.offers << " offers, " << after.accepts - before.accepts
                           << " accepts, " << after.rejects - before.rejects << " rejects, " << after.timeouts - before.timeouts
                           << " timeouts, " << after.completes - before.completes << " completions, "
                           << after.wrap_ups - before.wrap_ups << " wrap-ups, " << after.abandons - before.abandons
                           << " abandons, " << after.state_changes - before.state_changes << " state changes, "
                           << after.explained - before.explained << " explained offers, live contacts "
                           << s.r.live_contact_count());
  // The window exercised every kind of work it claims to.
  CHECK(after.offers > before.offers);
  CHECK(after.accepts > before.accepts);
  CHECK(after.rejects > before.rejects);
  CHECK(after.timeouts > before.timeouts);
  CHECK(after.cancels > before.cancels);
  CHECK(after.completes > before.completes);
  CHECK(after.wrap_ups > before.wrap_ups);
  CHECK(after.wrap_up_ends > before.wrap_up_ends);
  CHECK(after.abandons > before.abandons);
  CHECK(after.state_changes > before.state_changes);
  CHECK(after.transport_offers > before.transport_offers);
  CHECK(after.transport_cancels > before.transport_cancels);
  if (explain || toggle_explain) CHECK(after.explained > before.explained);
  if (allocations != 0) {
    FAIL(allocations << " allocations (" << allocated << " bytes) in the measured window; first stacks:\n"
                     << alloc_probe::report());
  }
  SUCCEED("no allocation in " << after.commands - before.commands << " commands");
}

}  // namespace

namespace {
// Pointers escape through a volatile so that the compiler cannot elide the allocations.
void* volatile sink = nullptr;
template <class T>
T* escape(T* p) {
  sink = p;
  return static_cast<T*>(sink);
}
}  // namespace

TEST_CASE("the allocation probe counts every form of operator new", "[alloc]") {
  struct alignas(64) wide {
    char x[64];
  };
  alloc_probe::window w;
  delete escape(new int(1));
  delete[] escape(new char[3]);
  delete escape(new (std::nothrow) int(2));
  delete escape(new wide);
  delete[] escape(new wide[2]);
  ::operator delete(escape(::operator new(8, std::align_val_t(128))), std::align_val_t(128));
  ::operator delete(escape(::operator new(8, std::nothrow)), std::nothrow);
  w.close();
  CHECK(alloc_probe::count.load() == 7);
  const std::size_t after = alloc_probe::count.load();
  delete escape(new int(3));  // not counted outside a window
  CHECK(alloc_probe::count.load() == after);
}

TEST_CASE("the allocation probe counts record chunks carved from huge-page regions", "[alloc]") {
  omniroute::detail::chunk_source source(true);
  const omniroute::detail::memory_chunk first = source.allocate(64);  // maps the region
  alloc_probe::window w;
  const omniroute::detail::memory_chunk c = source.allocate(4096);
  w.close();
  omniroute::detail::release_chunk(first);
  if (c.from_region) {
    // Not through operator new: the probe sees it through mapped_record_bytes.
    CHECK(alloc_probe::count.load() == 1);
    CHECK(alloc_probe::mapped.load() == 4096);
  } else {
    CHECK(alloc_probe::count.load() == 1);  // operator new (no huge-page regions here)
  }
  omniroute::detail::release_chunk(c);
}

TEST_CASE("steady-state routing allocates nothing (observer and transports, no explanations)", "[alloc]") {
  run_steady_state(false, false);
}

TEST_CASE("steady-state routing allocates nothing with explanations on", "[alloc]") {
  run_steady_state(true, false);
}

TEST_CASE("turning explanations on and off in steady state allocates nothing", "[alloc]") {
  run_steady_state(false, true);
}

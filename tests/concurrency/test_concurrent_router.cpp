// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// concurrent_router under contention: several threads issue random commands against one
// facade while the host's transport answers some offers synchronously from inside on_offer
// (re-entering the facade during delivery). At the end the host's view must be complete and
// consistent: events delivered in sequence with no gaps and never concurrently, every contact in
// exactly one terminal state, every offer ended exactly once, every cancellation for an offer the
// transport saw. Runs in the normal suites and, built with clang -fsanitize=thread, as the
// `tsan` ctest label (scripts/test).
#include <omniroute/omniroute.hpp>
#include <omniroute/router/concurrent_router.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "support/catch.hpp"

namespace {

using namespace omniroute;

// One tick of the shared clock: 1 ms of router time.
constexpr std::int64_t tick_ns = 1'000'000;

/// What the host knows, fed by the observer and the transport. Its own mutex guards the pools
/// the worker threads draw from; the facade holds no lock while these callbacks run.
struct host_state {
  std::mutex m;
  std::vector<offer_id> ringing;
  std::vector<contact_id> connected;
  std::vector<contact_id> live;
  std::vector<offer_id> wrapping;

  // Checked by the observer and transport (called one at a time by the facade).
  std::uint64_t last_sequence = 0;
  bool gap_or_reorder = false;
  std::unordered_map<std::uint64_t, int> offers_opened;  // offer -> contact_offered count
  std::unordered_map<std::uint64_t, int> offers_ended;   // offer -> offer_ended count
  std::unordered_map<std::uint64_t, int> terminal;       // contact -> terminal event count
  std::unordered_set<std::uint64_t> queued;              // contacts seen queued
  std::unordered_map<std::uint64_t, int> transport_offers;
  std::unordered_map<std::uint64_t, int> transport_cancels;
  std::uint64_t cancel_before_offer = 0;
  std::uint64_t transport_before_event = 0;
  std::uint64_t refused = 0;
};

/// Fails the test if the facade ever calls the host concurrently.
class exclusive_guard {
 public:
  explicit exclusive_guard(std::atomic<int>& inside, std::atomic<bool>& overlap) : inside_(inside) {
    if (inside_.fetch_add(1) != 0) overlap = true;
  }
  ~exclusive_guard() { inside_.fetch_sub(1); }
  exclusive_guard(const exclusive_guard&) = delete;
  exclusive_guard& operator=(const exclusive_guard&) = delete;

 private:
  std::atomic<int>& inside_;
};

class checking_observer final : public event_observer {
 public:
  checking_observer(host_state& s, std::atomic<int>& inside, std::atomic<bool>& overlap)
      : s_(s), inside_(inside), overlap_(overlap) {}

 protected:
  void on_event(const event& e) override {
    exclusive_guard guard(inside_, overlap_);
    std::lock_guard<std::mutex> lock(s_.m);
    if (e.sequence != s_.last_sequence + 1) s_.gap_or_reorder = true;
    s_.last_sequence = e.sequence;
    const std::uint64_t c = e.contact.value();
    switch (e.kind) {
      case event_kind::contact_queued:
        if (s_.queued.insert(c).second) s_.live.push_back(e.contact);
        if (!e.attributes || !e.attributes->contains("customer")) s_.gap_or_reorder = true;
        break;
      case event_kind::contact_refused: ++s_.refused; break;
      case event_kind::contact_offered: ++s_.offers_opened[e.offer.value()]; break;
      case event_kind::offer_ended: ++s_.offers_ended[e.offer.value()]; break;
      case event_kind::contact_connected: s_.connected.push_back(e.contact); break;
      case event_kind::wrap_up_started: s_.wrapping.push_back(e.offer); break;
      case event_kind::contact_completed:
      case event_kind::contact_abandoned:
      case event_kind::contact_expired:
      case event_kind::contact_routed_out: ++s_.terminal[c]; break;
      default: break;
    }
  }

 private:
  host_state& s_;
  std::atomic<int>& inside_;
  std::atomic<bool>& overlap_;
};

/// Accepts every third offer synchronously from on_offer (re-entering the facade while it
/// delivers); leaves the rest ringing for the worker threads.
class reentrant_transport final : public offer_transport {
 public:
  reentrant_transport(concurrent_router& r, host_state& s, std::atomic<int>& inside,
                      std::atomic<bool>& overlap)
      : r_(r), s_(s), inside_(inside), overlap_(overlap) {}
  std::atomic<std::uint64_t> accepted_inline{0};

 protected:
  void on_offer(const offer_request& r) override {
    exclusive_guard guard(inside_, overlap_);
    bool answer_now = false;
    {
      std::lock_guard<std::mutex> lock(s_.m);
      // The observer saw contact_offered before the transport sees the offer.
      if (s_.offers_opened.count(r.offer.value()) == 0) ++s_.transport_before_event;
      ++s_.transport_offers[r.offer.value()];
      answer_now = r.offer.value() % 3 == 0;
      if (!answer_now) s_.ringing.push_back(r.offer);
    }
    if (!r.attributes || !r.attributes->contains("customer")) overlap_ = true;
    if (answer_now && r_.accept(r.offer)) ++accepted_inline;
  }
  void on_cancel(const offer_cancellation& c) override {
    exclusive_guard guard(inside_, overlap_);
    std::lock_guard<std::mutex> lock(s_.m);
    if (s_.transport_offers.count(c.offer.value()) == 0) ++s_.cancel_before_offer;
    ++s_.transport_cancels[c.offer.value()];
  }

 private:
  concurrent_router& r_;
  host_state& s_;
  std::atomic<int>& inside_;
  std::atomic<bool>& overlap_;
};

template <class T>
bool take_random(std::mutex& m, std::vector<T>& pool, std::mt19937_64& rng, T& out) {
  std::lock_guard<std::mutex> lock(m);
  if (pool.empty()) return false;
  const std::size_t i = std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng);
  out = pool[i];
  pool[i] = pool.back();
  pool.pop_back();
  return true;
}

}  // namespace

TEST_CASE("concurrent_router: threads, re-entrant callbacks, nothing lost", "[concurrency]") {
  std::atomic<std::int64_t> ticks{0};
  const auto clock = [&ticks] { return time_point(duration(ticks.fetch_add(1) * tick_ns)); };
  concurrent_router r(router_options{}, clock);

  host_state host;
  std::atomic<int> inside{0};
  std::atomic<bool> overlap{false};
  checking_observer observer(host, inside, overlap);
  reentrant_transport voice(r, host, inside, overlap);
  reentrant_transport chat(r, host, inside, overlap);
  r.set_observer(&observer);
  REQUIRE(r.set_transport(channels::voice, &voice));
  REQUIRE(r.set_transport(channels::chat, &chat));
  std::atomic<std::uint64_t> host_errors{0};
  r.set_error_handler([&](std::string_view, std::string_view) { ++host_errors; });

  std::vector<queue_id> queues;
  for (const char* name : {"sales", "support"}) {
    queue_config q;
    q.name = name;
    q.offers.timeout = std::chrono::milliseconds(40);
    q.offers.no_answer.threshold = 0;
    q.wrap_up = std::chrono::milliseconds(5);
    q.max_wait = std::chrono::milliseconds(400);
    const result<queue_id> id = r.add_queue(q);
    REQUIRE(id);
    queues.push_back(*id);
  }
  std::vector<agent_id> agents;
  for (int i = 0; i < 10; ++i) {
    agent_config a;
    a.name = "agent-" + std::to_string(i);
    const result<agent_id> id = r.add_agent(a);
    REQUIRE(id);
    for (queue_id q : queues) REQUIRE(r.add_member(q, *id));
    REQUIRE(r.login(*id, true));
    agents.push_back(*id);
  }

  constexpr int threads = 4;
  constexpr int operations = 1500;
  std::atomic<std::uint64_t> arrivals{0}, refusals{0}, backwards{0}, explicit_ok{0};
  std::atomic<int> started{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      // Start together, so the threads contend from the first command.
      started.fetch_add(1);
      while (started.load() < threads) std::this_thread::yield();
      std::mt19937_64 rng(0x5eed + static_cast<std::uint64_t>(t));
      for (int i = 0; i < operations; ++i) {
        const int op = std::uniform_int_distribution<int>(0, 99)(rng);
        if (op < 30) {
          contact_spec spec;
          spec.channel = (op & 1) ? channels::voice : channels::chat;
          spec.queue = queues[static_cast<std::size_t>(op) % queues.size()];
          (void)spec.attributes.set("customer", "c" + std::to_string(t * operations + i));
          const result<contact_id> c = r.arrive(spec);
          c ? ++arrivals : ++refusals;
        } else if (op < 35) {
          // A time read outside the lock: it may lose the race and be refused, changing nothing.
          contact_spec spec;
          spec.queue = queues[0];
          (void)spec.attributes.set("customer", "late");
          const time_point now(duration(ticks.fetch_add(1) * tick_ns));
          const result<contact_id> c = r.arrive(now, spec);
          if (c) {
            ++arrivals;
            ++explicit_ok;
          } else if (c.error() == errc::time_went_backwards) {
            ++backwards;
          } else {
            ++refusals;
          }
        } else if (op < 55) {
          offer_id o;
          if (!take_random(host.m, host.ringing, rng, o)) continue;
          (void)((op & 3) ? r.accept(o) : r.reject(o));
        } else if (op < 72) {
          contact_id c;
          if (take_random(host.m, host.connected, rng, c)) (void)r.complete(c);
        } else if (op < 77) {
          contact_id c;
          if (take_random(host.m, host.live, rng, c)) (void)r.abandon(c);
        } else if (op < 80) {
          offer_id o;
          if (take_random(host.m, host.wrapping, rng, o)) (void)r.end_wrap_up(o);
        } else if (op < 85) {
          const agent_id a = agents[static_cast<std::size_t>(op) % agents.size()];
          (void)((op & 1) ? r.ready(a) : r.not_ready(a, 7));
        } else if (op < 92) {
          (void)r.advance();
        } else {
          const agent_id a = agents[static_cast<std::size_t>(op) % agents.size()];
          const result<agent_snapshot> s = r.agent(a);
          if (!s || s->name.rfind("agent-", 0) != 0 || !s->info.name.empty()) overlap = true;
          (void)r.next_deadline();
          (void)r.live_contact_count();
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();

  // Wind down on one thread: everyone ready, everything answered, completed or abandoned.
  for (agent_id a : agents) (void)r.ready(a);
  for (int round = 0; round < 1000 && r.live_contact_count() > 0; ++round) {
    std::vector<offer_id> ringing;
    std::vector<contact_id> connected;
    std::vector<contact_id> live;
    {
      std::lock_guard<std::mutex> lock(host.m);
      ringing.swap(host.ringing);
      connected.swap(host.connected);
      live = host.live;
    }
    for (offer_id o : ringing) (void)r.accept(o);
    for (contact_id c : connected) (void)r.complete(c);
    if (round > 10) {
      for (contact_id c : live) (void)r.abandon(c);
    }
    (void)r.advance();
  }
  (void)r.advance(r.now() + std::chrono::seconds(10));

  INFO("arrivals " << arrivals << ", refusals " << refusals << ", time_went_backwards "
                   << backwards << ", explicit-time arrivals " << explicit_ok
                   << ", accepted inside on_offer "
                   << voice.accepted_inline + chat.accepted_inline);
  CHECK(r.live_contact_count() == 0);
  CHECK_FALSE(overlap.load());
  CHECK(host_errors == 0);

  std::lock_guard<std::mutex> lock(host.m);
  CHECK_FALSE(host.gap_or_reorder);
  CHECK(host.last_sequence > 0);
  // No lost contacts: each one queued reached exactly one terminal state.
  CHECK(host.queued.size() == arrivals);
  std::uint64_t ended_once = 0;
  for (std::uint64_t c : host.queued) ended_once += host.terminal.count(c) && host.terminal[c] == 1;
  CHECK(ended_once == arrivals);
  CHECK(host.terminal.size() == arrivals);
  CHECK(host.refused == refusals);
  // Every offer ended exactly once, and the transport saw each offer once.
  CHECK(host.offers_opened.size() > 0);
  std::uint64_t bad_offers = 0;
  for (const auto& [offer, n] : host.offers_opened) {
    if (n != 1) ++bad_offers;
    const auto ended = host.offers_ended.find(offer);
    if (ended == host.offers_ended.end() || ended->second != 1) ++bad_offers;
    const auto sent = host.transport_offers.find(offer);
    if (sent == host.transport_offers.end() || sent->second != 1) ++bad_offers;
  }
  CHECK(bad_offers == 0);
  CHECK(host.offers_ended.size() == host.offers_opened.size());
  CHECK(host.transport_offers.size() == host.offers_opened.size());
  for (const auto& [offer, n] : host.transport_cancels) CHECK(n == 1);
  CHECK(host.cancel_before_offer == 0);
  CHECK(host.transport_before_event == 0);
  CHECK(voice.accepted_inline + chat.accepted_inline > 0);
}

TEST_CASE("concurrent_router: a callback may detach itself and re-enter", "[concurrency]") {
  // set_observer from inside the observer must not wait for itself.
  struct detaching final : event_observer {
    concurrent_router* r = nullptr;
    int seen = 0;
    void on_event(const event&) override {
      ++seen;
      r->set_observer(nullptr);
      (void)r->now();
    }
  };
  concurrent_router r;
  detaching o;
  o.r = &r;
  r.set_observer(&o);
  queue_config q;
  q.name = "q";
  REQUIRE(r.add_queue(at_seconds(1), q));
  REQUIRE(r.add_queue(at_seconds(0), q).error() == errc::time_went_backwards);
  q.name = "q2";
  REQUIRE(r.add_queue(at_seconds(2), q));
  CHECK(o.seen == 1);
}

TEST_CASE("concurrent_router: snapshots own their text", "[concurrency]") {
  concurrent_router r;
  agent_config a;
  a.name = "alice";
  const result<agent_id> id = r.add_agent(at_seconds(0), a);
  REQUIRE(id);
  const result<agent_snapshot> s = r.agent(*id);
  REQUIRE(s);
  REQUIRE(r.login(at_seconds(1), *id));
  REQUIRE(r.logout(at_seconds(2), *id));
  REQUIRE(r.remove_agent(at_seconds(3), *id));
  CHECK(s->name == "alice");
  CHECK(s->info.name.empty());
  CHECK(r.agent(*id).error() == errc::unknown_agent);
}

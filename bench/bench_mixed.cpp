// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// mixed/throughput — a simulated host driving a steady contact-centre workload in the realistic
// skills-based configuration (bench/skills_centre.hpp):
//   - 10 000 agents (smoke: 64): 256 skills, 16 per agent, 1 000 queues with dynamic
//     eligibility by requirement, best_skill, 60 % voice agents and 40 % chat agents (4 chats);
//   - each iteration is exactly one host command, drawn from a fixed mix:
//       30 % arrive (a seeded (queue, channel) draw, traffic proportional to staffing, from
//            arrival_table: draw_arrival's distribution without its reads of a random agent's
//            plan; when the live contacts reach 105 % of the centre's capacity, complete
//            instead),
//       30 % accept the oldest pending offer, 5 % reject it (the contact is routed again),
//       20 % complete a random connected contact, 5 % abandon a random waiting/offered contact,
//       10 % agent state change (not_ready a random ready agent while fewer than 5 % are not
//            ready, else ready a random not-ready agent);
//     a draw whose pool is empty falls back to an arrival. Offers are answered faster than they
//     are made and accepts outpace completions, so the centre runs busy: most agents are
//     connected, contacts wait in the queues whose eligible agents are all busy, and most
//     completions hand the freed agent the best waiting contact of its queues (agent-side
//     decisions);
//   - the host clock advances 1 ms per command; offers time out after 20 s (no_answer threshold
//     0, so timeouts re-route the contact without pausing the agent).
// The host learns offers, connections and endings only from the observer, like a real host.
// events_per_second counts events delivered to the observer per second of the benchmark
// thread's CPU time (Google Benchmark's rate over CPU time: the machine is shared);
// items_per_second counts commands. Each command is also timed alone (p50_ns, p99_ns, p999_ns
// are per command, decisions included; the TSC reads add ~timer_overhead_ns to each).
// The population is built and warmed up (200 000 commands) once and reused across runs.
#include "skills_centre.hpp"

#include <array>
#include <deque>
#include <memory>
#include <string>

namespace omniroute_bench {
namespace {

constexpr reason_code lunch = 1;

/// The host's view of the router, kept up to date by the observer.
class host_view : public event_observer {
 public:
  std::uint64_t events = 0;
  id_bag<contact_id> waiting;    // waiting or offered: may abandon
  id_bag<offer_id> offers;       // pending offers: may accept or reject
  std::deque<offer_id> offer_order;  // offers in the order they were made (stale ones skipped)
  id_bag<contact_id> connected;  // may complete

 protected:
  void on_event(const event& e) override {
    ++events;
    switch (e.kind) {
      case event_kind::contact_queued: waiting.add(e.contact); break;
      case event_kind::contact_offered:
        offers.add(e.offer);
        offer_order.push_back(e.offer);
        break;
      case event_kind::offer_ended: offers.remove(e.offer); break;
      case event_kind::contact_connected:
        waiting.remove(e.contact);
        connected.add(e.contact);
        break;
      case event_kind::contact_completed: connected.remove(e.contact); break;
      case event_kind::contact_abandoned:
      case event_kind::contact_expired:
      case event_kind::contact_routed_out: waiting.remove(e.contact); break;
      default: break;
    }
  }
};

struct mixed_world {
  router r;
  host_view view;
  centre_plan plan;
  arrival_table arrivals;
  centre_router centre;
  id_bag<agent_id> ready_agents;
  id_bag<agent_id> paused_agents;
  host_rng rng{0x5eed};
  time_point now{};
  std::size_t agents = 0;
  std::size_t live_cap = 0;
  std::size_t paused_target = 0;
  bytes_per_object per_agent;
  std::uint64_t failed_commands = 0;

  mixed_world(const router_options& o, std::size_t n) : r(o), plan(n), arrivals(plan) {}

  time_point step_time() {
    now += std::chrono::milliseconds(1);
    return now;
  }

  void arrive() {
    if (!r.arrive(step_time(), centre.spec_for(arrivals.draw(rng)))) ++failed_commands;
  }

  /// The oldest offer still pending (agents answer in turn), or null.
  offer_id oldest_offer() {
    while (!view.offer_order.empty() && !view.offers.contains(view.offer_order.front())) {
      view.offer_order.pop_front();
    }
    return view.offer_order.empty() ? offer_id{} : view.offer_order.front();
  }

  /// One host command from the mix.
  void step() {
    const std::uint64_t x = rng.next();
    const unsigned roll = static_cast<unsigned>(x % 100);
    const std::uint64_t pick = x >> 8;
    if (roll < 30) {
      if (view.waiting.size() + view.connected.size() < live_cap || view.connected.empty()) {
        arrive();
      } else if (!r.complete(step_time(), view.connected.pick(pick))) {
        ++failed_commands;
      }
    } else if (roll < 60) {
      const offer_id o = oldest_offer();
      if (!o) return arrive();
      if (!r.accept(step_time(), o)) ++failed_commands;
    } else if (roll < 65) {
      const offer_id o = oldest_offer();
      if (!o) return arrive();
      if (!r.reject(step_time(), o)) ++failed_commands;
    } else if (roll < 85) {
      if (view.connected.empty()) return arrive();
      if (!r.complete(step_time(), view.connected.pick(pick))) ++failed_commands;
    } else if (roll < 90) {
      if (view.waiting.empty()) return arrive();
      if (!r.abandon(step_time(), view.waiting.pick(pick))) ++failed_commands;
    } else if (paused_agents.size() < paused_target && !ready_agents.empty()) {
      const agent_id a = ready_agents.pick(pick);
      if (!r.not_ready(step_time(), a, lunch)) ++failed_commands;
      ready_agents.remove(a);
      paused_agents.add(a);
    } else if (!paused_agents.empty()) {
      const agent_id a = paused_agents.pick(pick);
      if (!r.ready(step_time(), a)) ++failed_commands;
      paused_agents.remove(a);
      ready_agents.add(a);
    } else {
      arrive();
    }
  }
};

std::unique_ptr<mixed_world> build_mixed_world(std::size_t n, std::size_t warmup) {
  router_options o;
  o.expected_agents = static_cast<std::uint32_t>(n);
  o.expected_contacts = static_cast<std::uint32_t>(4 * n + 64);
  auto w = std::make_unique<mixed_world>(o, n);
  w->r.set_observer(&w->view);
  time_point now{};
  w->centre.load(w->r, w->plan, now, true, reason_codes::none);
  w->now = now;
  std::size_t capacity = 0;
  for (std::size_t i = 0; i < n; ++i) {
    w->ready_agents.add(w->centre.agents[i]);
    capacity += w->plan.agents[i].chat ? 4 : 1;
  }
  w->agents = n;
  w->per_agent = w->centre.per_agent;
  w->live_cap = capacity + capacity / 20;
  w->paused_target = n / 20;
  for (std::size_t i = 0; i < warmup; ++i) w->step();
  return w;
}

void bm_mixed_throughput(benchmark::State& state, std::size_t n) {
  static std::unique_ptr<mixed_world> cached;
  if (!cached || cached->agents != n) {
    cached.reset();
    cached = build_mixed_world(n, n >= 1000 ? 200000 : 1000);
  }
  mixed_world& w = *cached;
  const std::uint64_t events_before = w.view.events;
  const std::uint64_t failed_before = w.failed_commands;
  latency_histogram command;
  const double cpu_before = thread_cpu_seconds();
  for (auto _ : state) {
    const std::uint64_t t0 = tick_clock::start();
    w.step();
    const std::uint64_t t1 = tick_clock::stop();
    command.record(t1 - t0);
  }
  const double cpu_seconds = thread_cpu_seconds() - cpu_before;
  const double events = static_cast<double>(w.view.events - events_before);
  // Google Benchmark divides rates by CPU time unless UseRealTime: what the router sustains on
  // one core when the machine is shared. events_per_cpu_second is the same from the thread's
  // own clock (kept for comparison with earlier results).
  state.counters["events_per_second"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["events_per_cpu_second"] = cpu_seconds > 0 ? events / cpu_seconds : 0.0;
  state.counters["events_per_command"] = events / static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
  report_latency(state, command);
  state.counters["failed_commands"] = static_cast<double>(w.failed_commands - failed_before);
  state.counters["waiting"] = static_cast<double>(w.view.waiting.size());
  state.counters["connected"] = static_cast<double>(w.view.connected.size());
  state.counters["pending_offers"] = static_cast<double>(w.view.offers.size());
  state.counters["agents"] = static_cast<double>(n);
  state.counters["bytes_per_agent"] = w.per_agent.heap;
  state.counters["memberships_per_agent"] = w.plan.memberships_per_agent;
  state.counters["timer_overhead_ns"] = tick_clock::overhead_ns();
}

}  // namespace

void register_mixed_benchmarks(const suite_options& options) {
  // The name is the contract ("mixed/throughput", no argument in it): the population
  // is the `agents` counter.
  const std::size_t agents = options.smoke ? 64 : 10000;
  auto* mixed = benchmark::RegisterBenchmark("mixed/throughput", bm_mixed_throughput, agents);
  mixed->Unit(benchmark::kNanosecond);
  if (options.smoke) mixed->Iterations(200);
}

}  // namespace omniroute_bench

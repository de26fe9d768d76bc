// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Single-decision latency in the simplest configuration: one voice queue, no skills
// (decision_simple/*). The contract benchmarks decision/* use the realistic skills-based
// configuration and live in bench_skills.cpp; these stay as the baseline they are compared with.
//
// decision_simple/arrival_to_offer/agents:N — N ready agents, all members of one voice queue
// (longest_idle since last completion). Each iteration:
//   1. timed (the decision): arrive(contact) — the router enqueues it, ranks the available
//      agents and offers it to the longest-idle one, and delivers the events to the observer;
//   2. restore (timed separately, never in the percentiles): accept(offer), complete(contact).
//      The agent is ready again with last completion = now, so it moves to the back of the
//      longest-idle order: the population stays at N ready agents and successive decisions walk
//      every agent in turn (as in a real centre, not one hot agent).
//
// decision_simple/ready_to_offer/waiting:M — M contacts waiting in one voice queue, one agent not
// ready. Each iteration:
//   1. timed (the decision): ready(agent) — the agent gains room and takes the head contact
//      (agent-side decision), events delivered;
//   2. restore (timed separately): accept(offer), not_ready(agent), complete(contact),
//      arrive(new contact at the tail): M contacts wait again and the agent is not ready.
//
// Every command is timed alone with the TSC; the percentiles (p50_ns, p99_ns, p999_ns) are of
// the decision command only. Google Benchmark's own time column is the whole iteration
// (decision + restore); decision mean_ns + restore_mean_ns add up to it (minus loop overhead).
// The population is built once per size and kept across Google Benchmark's runs of that size
// (building 100 000 agents is far slower than the measurement itself).
#include "bench_support.hpp"

#include <algorithm>
#include <memory>
#include <string>

namespace omniroute_bench {
namespace {

constexpr reason_code lunch = 1;

queue_config voice_queue(const char* name) {
  queue_config q;
  q.name = name;
  q.channels = channel_set{channels::voice};
  q.strategy.kind = strategy_kind::longest_idle;
  q.strategy.idle = idle_reference::since_last_completion;
  return q;
}

// ---- arrival_to_offer ----------------------------------------------------------------------

struct agent_world {
  router r;
  counting_observer observer;
  queue_id queue;
  time_point now{};
  std::size_t agents = 0;
  bytes_per_object per_agent;
  double build_seconds = 0;

  explicit agent_world(const router_options& o) : r(o) {}
};

std::unique_ptr<agent_world> build_agent_world(std::size_t n) {
  const auto t0 = std::chrono::steady_clock::now();
  // Nothing reserved up front: the pools grow with the population, so the heap delta across
  // building it is the marginal cost of an agent (record, membership, indexes, name).
  router_options o;
  o.expected_agents = 0;
  o.expected_contacts = 0;
  auto w = std::make_unique<agent_world>(o);
  w->r.set_observer(&w->observer);
  w->queue = *w->r.add_queue(tick(w->now), voice_queue("sales"));
  const memory_snapshot before = memory_snapshot::take();
  agent_config cfg;
  for (std::size_t i = 0; i < n; ++i) {
    cfg.name = "agent-" + std::to_string(i);
    const agent_id a = *w->r.add_agent(tick(w->now), cfg);
    (void)w->r.add_member(tick(w->now), w->queue, a);
    (void)w->r.login(tick(w->now), a, true);
  }
  w->agents = n;
  w->per_agent = bytes_per_object::between(before, memory_snapshot::take(), n);
  w->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return w;
}

void bm_arrival_to_offer(benchmark::State& state) {
  static std::unique_ptr<agent_world> cached;
  const auto n = static_cast<std::size_t>(state.range(0));
  if (!cached || cached->agents != n) {
    cached.reset();
    cached = build_agent_world(n);
  }
  agent_world& w = *cached;
  contact_spec spec;
  spec.queue = w.queue;
  spec.channel = channels::voice;

  result<contact_id> c = errc::unknown_contact;  // the arrival of the iteration
  time_decisions(
      state, w.observer, w.now, [] { return 0; },
      [&](time_point at, int) {
        c = w.r.arrive(at, spec);
        return c.has_value();
      },
      [&](int) {
        const status accepted = w.r.accept(tick(w.now), w.observer.last_offer);
        const status completed = w.r.complete(tick(w.now), *c);
        return accepted && completed;
      });
  state.counters["bytes_per_agent"] = w.per_agent.heap;
  state.counters["rss_bytes_per_agent"] = w.per_agent.rss;
  state.counters["build_s"] = w.build_seconds;
  state.counters["timer_overhead_ns"] = tick_clock::overhead_ns();
}

// ---- ready_to_offer ------------------------------------------------------------------------

struct contact_world {
  router r;
  counting_observer observer;
  queue_id queue;
  agent_id agent;
  time_point now{};
  std::size_t waiting = 0;
  bytes_per_object per_contact;
  double build_seconds = 0;

  explicit contact_world(const router_options& o) : r(o) {}
};

std::unique_ptr<contact_world> build_contact_world(std::size_t m) {
  const auto t0 = std::chrono::steady_clock::now();
  // As for agents: the heap delta across the arrivals is the marginal cost of a waiting contact.
  router_options o;
  o.expected_agents = 0;
  o.expected_contacts = 0;
  auto w = std::make_unique<contact_world>(o);
  w->r.set_observer(&w->observer);
  w->queue = *w->r.add_queue(tick(w->now), voice_queue("support"));
  agent_config cfg;
  cfg.name = "taker";
  w->agent = *w->r.add_agent(tick(w->now), cfg);
  (void)w->r.add_member(tick(w->now), w->queue, w->agent);
  (void)w->r.login(tick(w->now), w->agent, false, lunch);
  contact_spec spec;
  spec.queue = w->queue;
  spec.channel = channels::voice;
  const memory_snapshot before = memory_snapshot::take();
  for (std::size_t i = 0; i < m; ++i) (void)w->r.arrive(tick(w->now), spec);
  w->waiting = m;
  w->per_contact = bytes_per_object::between(before, memory_snapshot::take(), m);
  w->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return w;
}

void bm_ready_to_offer(benchmark::State& state) {
  static std::unique_ptr<contact_world> cached;
  const auto m = static_cast<std::size_t>(state.range(0));
  if (!cached || cached->waiting != m) {
    cached.reset();
    cached = build_contact_world(m);
  }
  contact_world& w = *cached;
  contact_spec spec;
  spec.queue = w.queue;
  spec.channel = channels::voice;

  time_decisions(
      state, w.observer, w.now, [] { return 0; }, [&](time_point at, int) { return w.r.ready(at, w.agent).has_value(); },
      [&](int) {
        const contact_id taken = w.observer.last_offered_contact;
        const status accepted = w.r.accept(tick(w.now), w.observer.last_offer);
        const status paused = w.r.not_ready(tick(w.now), w.agent, lunch);
        const status completed = w.r.complete(tick(w.now), taken);
        const result<contact_id> arrived = w.r.arrive(tick(w.now), spec);
        return accepted && paused && completed && arrived;
      });
  state.counters["bytes_per_waiting_contact"] = w.per_contact.heap;
  state.counters["rss_bytes_per_waiting_contact"] = w.per_contact.rss;
  state.counters["build_s"] = w.build_seconds;
  state.counters["timer_overhead_ns"] = tick_clock::overhead_ns();
}

}  // namespace

void register_simple_decision_benchmarks(const suite_options& options) {
  auto* arrival = benchmark::RegisterBenchmark("decision_simple/arrival_to_offer", bm_arrival_to_offer);
  auto* ready = benchmark::RegisterBenchmark("decision_simple/ready_to_offer", bm_ready_to_offer);
  arrival->ArgName("agents")->Unit(benchmark::kNanosecond);
  ready->ArgName("waiting")->Unit(benchmark::kNanosecond);
  if (options.smoke) {
    arrival->Arg(16)->Iterations(20);
    ready->Arg(16)->Iterations(20);
    return;
  }
  arrival->Arg(1000)->Arg(10000);
  if (options.large) arrival->Arg(100000);
  ready->Arg(1000)->Arg(100000);
}

}  // namespace omniroute_bench

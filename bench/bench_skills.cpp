// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Single-decision latency in the realistic skills-based configuration (bench/skills_centre.hpp:
// 256 skills, 16 per agent, 1 000 queues with dynamic eligibility by requirement, best_skill,
// voice and chat agents).
//
// decision/arrival_to_offer/agents:N — N agents, all logged in, ready and idle. Each iteration:
//   1. timed (the decision): arrive(contact) on the next (queue, channel) of a seeded arrival
//      stream (traffic proportional to staffing, 60 % voice / 40 % chat): the router enqueues
//      it, picks the best-skilled available agent of the queue's eligibility group for that
//      channel (ties: longest idle), offers, delivers the events;
//   2. restore (timed separately): accept(offer), complete(contact). The agent is idle again,
//      with a new last completion, so among agents of equal score it moves to the back.
//
// decision/ready_to_offer/waiting:M — M contacts waiting across the 1 000 queues (drawn like
// arrivals; nobody is ready) and M / 10 agents, all not ready; voice agents hold nothing, chat
// agents hold 3 connected chats (of 4), so a decision is always exactly one offer. Each
// iteration takes the next agent of a seeded shuffle of the agents that have a waiting contact
// of their channel in one of their queues:
//   1. timed (the decision): ready(agent): the agent looks at the head contact of each of its
//      eligibility groups and takes the best (queue weight, priority, place-in-line time);
//   2. restore (timed separately): accept(offer), not_ready(agent), complete(contact),
//      arrive(a new contact in the same queue and channel, same priority): M stays steady.
//
// Counters: p50_ns, p99_ns, p999_ns (decision only; ~timer_overhead_ns included), restore
// mean, bytes_per_agent / bytes_per_waiting_contact (heap delta across adding the agents /
// the waiting contacts, nothing reserved up front), memberships_per_agent, build CPU seconds.
// Populations are built once per size and kept across Google Benchmark's repetitions.
#include "skills_centre.hpp"

#include <memory>

namespace omniroute_bench {
namespace {

constexpr reason_code lunch = 1;

router_options unreserved() {
  router_options o;
  o.expected_agents = 0;
  o.expected_contacts = 0;
  return o;
}

void report_plan(benchmark::State& state, const centre_plan& plan, const centre_router& c) {
  state.counters["memberships_per_agent"] = plan.memberships_per_agent;
  state.counters["queues_with_members"] = static_cast<double>(plan.queues_with_members());
  state.counters["bytes_per_agent"] = c.per_agent.heap;
  state.counters["rss_bytes_per_agent"] = c.per_agent.rss;
  state.counters["build_queues_cpu_s"] = c.queues_seconds;
  state.counters["build_agents_cpu_s"] = c.agents_seconds;
  state.counters["timer_overhead_ns"] = tick_clock::overhead_ns();
}

// ---- arrival_to_offer ----------------------------------------------------------------------

struct arrival_world {
  router r{unreserved()};
  counting_observer observer;
  centre_plan plan;
  centre_router centre;
  time_point now{};
  /// The seeded stream, drawn up front, compact. A host fills the contact_spec it passes from
  /// its own event just before it calls arrive, so the spec is in cache: 65 536 prepared specs
  /// of ~350 bytes each (23 MB) made every decision read a cold one.
  std::vector<centre_plan::arrival> arrivals;
  std::size_t next = 0;
  contact_spec spec;  // the next arrival's, filled outside the timed decision

  explicit arrival_world(std::size_t n) : plan(n) {
    r.set_observer(&observer);
    centre.load(r, plan, now, true, reason_codes::none);
    host_rng rng{0xa771};
    arrivals.reserve(1 << 16);
    for (int i = 0; i < (1 << 16); ++i) arrivals.push_back(plan.draw_arrival(rng));
  }

  const contact_spec& next_spec() {
    spec = centre.spec_for(arrivals[next++ & 0xFFFF]);
    return spec;
  }
};

void bm_arrival_to_offer(benchmark::State& state) {
  static std::unique_ptr<arrival_world> cached;
  const auto n = static_cast<std::size_t>(state.range(0));
  if (!cached || cached->plan.agents.size() != n) {
    cached.reset();
    cached = std::make_unique<arrival_world>(n);
  }
  arrival_world& w = *cached;

  result<contact_id> c = errc::unknown_contact;  // the arrival of the iteration
  time_decisions(
      state, w.observer, w.now, [&]() -> const contact_spec& { return w.next_spec(); },
      [&](time_point at, const contact_spec& spec) {
        c = w.r.arrive(at, spec);
        return c.has_value();
      },
      [&](const contact_spec&) {
        const status accepted = w.r.accept(tick(w.now), w.observer.last_offer);
        const status completed = w.r.complete(tick(w.now), *c);
        return accepted && completed;
      });
  report_plan(state, w.plan, w.centre);
}

// ---- ready_to_offer ------------------------------------------------------------------------

struct ready_world {
  router r{unreserved()};
  counting_observer observer;
  centre_plan plan;
  waiting_plan waiting;
  centre_router centre;
  time_point now{};
  std::size_t m;
  std::size_t next = 0;
  bytes_per_object per_contact;
  double contacts_seconds = 0;
  bool ok = true;

  ready_world(std::size_t waiting_contacts, std::size_t agents)
      : plan(agents), waiting(plan, waiting_contacts), m(waiting_contacts) {
    r.set_observer(&observer);
    centre.load(r, plan, now, false, lunch);
    // Chat agents run near full: 3 connected chats each, so that going ready takes one more.
    for (std::uint32_t i : plan.chat_agents) {
      const agent_id a = centre.agents[i];
      ok = ok && r.ready(tick(now), a);
      contact_spec spec;
      spec.queue = centre.queues[plan.agents[i].queues.front()];
      spec.channel = channels::chat;
      for (int k = 0; k < 3; ++k) {
        const std::uint64_t offers = observer.offers;
        ok = ok && r.arrive(tick(now), spec) && observer.offers == offers + 1 && observer.last_offered_agent == a;
        ok = ok && r.accept(tick(now), observer.last_offer);
      }
      ok = ok && r.not_ready(tick(now), a, lunch);
    }
    const double t0 = thread_cpu_seconds();
    const memory_snapshot before = memory_snapshot::take();
    for (const auto& x : waiting.contacts) ok = ok && r.arrive(tick(now), centre.spec_for(x));
    per_contact = bytes_per_object::between(before, memory_snapshot::take(), m);
    contacts_seconds = thread_cpu_seconds() - t0;
  }
};

void bm_ready_to_offer(benchmark::State& state) {
  static std::unique_ptr<ready_world> cached;
  const auto m = static_cast<std::size_t>(state.range(0));
  if (!cached || cached->m != m) {
    cached.reset();
    cached = std::make_unique<ready_world>(m, std::max<std::size_t>(m / 10, 64));
  }
  ready_world& w = *cached;
  if (!w.ok || w.waiting.takers.empty()) {
    state.SkipWithError("building the population failed");
    return;
  }

  time_decisions(
      state, w.observer, w.now,
      [&] { return w.centre.agents[w.waiting.takers[w.next++ % w.waiting.takers.size()]]; },
      [&](time_point at, agent_id agent) { return w.r.ready(at, agent).has_value(); },
      [&](agent_id agent) {
        // The contact taken comes back, same queue, channel and priority: nobody is ready, so
        // it waits (no second offer) and the population stays the same.
        const std::uint64_t offers = w.observer.offers;
        const contact_id taken = w.observer.last_offered_contact;
        contact_spec spec;
        spec.queue = w.observer.last_offered_queue;
        spec.channel = w.observer.last_offered_channel;
        spec.priority = w.r.contact(taken)->priority;
        const status accepted = w.r.accept(tick(w.now), w.observer.last_offer);
        const status paused = w.r.not_ready(tick(w.now), agent, lunch);
        const status completed = w.r.complete(tick(w.now), taken);
        const result<contact_id> arrived = w.r.arrive(tick(w.now), spec);
        return accepted && paused && completed && arrived && w.observer.offers == offers;
      });
  report_plan(state, w.plan, w.centre);
  state.counters["agents"] = static_cast<double>(w.plan.agents.size());
  state.counters["takers"] = static_cast<double>(w.waiting.takers.size());
  state.counters["bytes_per_waiting_contact"] = w.per_contact.heap;
  state.counters["rss_bytes_per_waiting_contact"] = w.per_contact.rss;
  state.counters["build_contacts_cpu_s"] = w.contacts_seconds;
}

}  // namespace

void register_decision_benchmarks(const suite_options& options) {
  auto* arrival = benchmark::RegisterBenchmark("decision/arrival_to_offer", bm_arrival_to_offer);
  auto* ready = benchmark::RegisterBenchmark("decision/ready_to_offer", bm_ready_to_offer);
  // CPU time, not wall time: the machine is shared; the percentiles are per command anyway.
  arrival->ArgName("agents")->Unit(benchmark::kNanosecond);
  ready->ArgName("waiting")->Unit(benchmark::kNanosecond);
  if (options.smoke) {
    arrival->Arg(64)->Iterations(20);
    ready->Arg(640)->Iterations(20);
    return;
  }
  arrival->Arg(1000)->Arg(10000)->Arg(100000);
  ready->Arg(1000)->Arg(100000);
  if (options.large) ready->Arg(1000000);
}

}  // namespace omniroute_bench

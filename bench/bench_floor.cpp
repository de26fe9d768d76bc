// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// floor/raw_kernel/* — the same decisions as decision/* on the same seeded population
// (bench/skills_centre.hpp), done by the smallest code that can do them, outside the router:
// what the hardware costs for this work, measured beside the router in the same run, with
// the same clock and histogram (so the ~timer_overhead_ns is in both).
//
// floor/raw_kernel/agents:N — per (queue, channel) an intrusive doubly linked list of the
// eligible agents' membership nodes (all agents idle). Decision: take the list of the
// arrival's queue and channel, walk it from the head to the first agent whose skill bitset
// (256 bits) holds the queue's required skills (a subset test; by construction the head), and
// unlink it (the pop). Restore (untimed): push it back at the tail, so decisions rotate through
// the agents and touch cold memory as the router's do.
//
// floor/raw_kernel/waiting:M — per (queue, channel) an intrusive FIFO of waiting contacts, the
// same M contacts and M / 10 agents as decision/ready_to_offer/waiting:M, the same agents in
// the same order. Decision: for each of the agent's queues look at the head of its channel's
// list, keep the oldest, test the agent's skill bitset against the contact's required skills,
// and unlink it. Restore (untimed): the node goes back at the tail as a new contact.
//
// What the floor leaves out, so it is a lower bound and not an equivalent router: priority
// (one FIFO per list), the best_skill order (the lists rotate), capacity and presence checks,
// taking the agent out of its other queues' lists, offers, timers and events.
#include "skills_centre.hpp"

#include <memory>

namespace omniroute_bench {
namespace {

using bits256 = std::array<std::uint64_t, 4>;

inline bool subset(const bits256& need, const bits256& have) noexcept {
  return ((need[0] & ~have[0]) | (need[1] & ~have[1]) | (need[2] & ~have[2]) | (need[3] & ~have[3])) == 0;
}

/// A circular intrusive list node; a list is its sentinel.
struct link {
  link* prev = this;
  link* next = this;
  bool empty() const noexcept { return next == this; }
  void push_back(link& n) noexcept {
    n.prev = prev;
    n.next = this;
    prev->next = &n;
    prev = &n;
  }
  static void unlink(link& n) noexcept {
    n.prev->next = n.next;
    n.next->prev = n.prev;
  }
};

// ---- agents --------------------------------------------------------------------------------

struct agent_node : link {
  const bits256* skills = nullptr;
};

struct floor_agent_world {
  centre_plan plan;
  std::vector<bits256> skills;          // per agent
  std::vector<agent_node> nodes;        // one per (agent, queue) membership; never relocated
  std::vector<link> lists;              // [channel * queues + queue]
  std::vector<std::uint32_t> arrivals;  // list index of each arrival
  std::size_t next = 0;
  std::size_t bytes = 0;

  explicit floor_agent_world(std::size_t n) : plan(n) {
    const std::size_t nq = plan.queues.size();
    lists = std::vector<link>(2 * nq);
    for (link& l : lists) l.prev = l.next = &l;
    skills.reserve(n);
    std::size_t memberships = 0;
    for (const auto& a : plan.agents) {
      skills.push_back(a.bits);
      memberships += a.queues.size();
    }
    nodes.resize(memberships);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& a = plan.agents[i];
      for (std::uint16_t q : a.queues) {
        nodes[k].skills = &skills[i];
        lists[(a.chat ? nq : 0) + q].push_back(nodes[k++]);
      }
    }
    // The same arrival stream as decision/arrival_to_offer.
    host_rng rng{0xa771};
    for (int i = 0; i < (1 << 16); ++i) {
      const centre_plan::arrival x = plan.draw_arrival(rng);
      arrivals.push_back(static_cast<std::uint32_t>((x.chat ? nq : 0) + x.queue));
    }
    bytes = skills.size() * sizeof(bits256) + nodes.size() * sizeof(agent_node) + lists.size() * sizeof(link);
  }
};

void bm_floor_agents(benchmark::State& state) {
  static std::unique_ptr<floor_agent_world> cached;
  const auto n = static_cast<std::size_t>(state.range(0));
  if (!cached || cached->plan.agents.size() != n) {
    cached.reset();
    cached = std::make_unique<floor_agent_world>(n);
  }
  floor_agent_world& w = *cached;
  const std::size_t nq = w.plan.queues.size();
  latency_histogram decision;
  for (auto _ : state) {
    const std::uint32_t li = w.arrivals[w.next++ & 0xFFFF];
    link& list = w.lists[li];
    const bits256& need = w.plan.queues[li % nq].bits;
    const std::uint64_t t0 = tick_clock::start();
    agent_node* chosen = nullptr;
    for (link* p = list.next; p != &list; p = p->next) {
      auto* node = static_cast<agent_node*>(p);
      if (subset(need, *node->skills)) {
        chosen = node;
        break;
      }
    }
    if (chosen) link::unlink(*chosen);
    benchmark::DoNotOptimize(chosen);
    const std::uint64_t t1 = tick_clock::stop();
    decision.record(t1 - t0);
    if (!chosen) {
      state.SkipWithError("no agent");
      break;
    }
    list.push_back(*chosen);
  }
  report_latency(state, decision);
  state.counters["memberships_per_agent"] = w.plan.memberships_per_agent;
  state.counters["bytes_per_agent"] = static_cast<double>(w.bytes) / static_cast<double>(n);
  state.counters["timer_overhead_ns"] = tick_clock::overhead_ns();
}

// ---- waiting contacts ----------------------------------------------------------------------

struct contact_node : link {
  std::uint64_t seq = 0;
  const bits256* needs = nullptr;
};

struct floor_contact_world {
  centre_plan plan;
  waiting_plan waiting;
  std::vector<contact_node> nodes;  // never relocated
  std::vector<link> lists;          // [channel * queues + queue]
  std::uint64_t seq = 0;
  std::size_t m;
  std::size_t next = 0;

  floor_contact_world(std::size_t waiting_contacts, std::size_t agents)
      : plan(agents), waiting(plan, waiting_contacts), m(waiting_contacts) {
    const std::size_t nq = plan.queues.size();
    lists = std::vector<link>(2 * nq);
    for (link& l : lists) l.prev = l.next = &l;
    nodes.resize(m);
    for (std::size_t i = 0; i < m; ++i) {
      const auto& x = waiting.contacts[i];
      nodes[i].seq = ++seq;
      nodes[i].needs = &plan.queues[x.queue].bits;
      lists[(x.chat ? nq : 0) + x.queue].push_back(nodes[i]);
    }
  }
};

void bm_floor_waiting(benchmark::State& state) {
  static std::unique_ptr<floor_contact_world> cached;
  const auto m = static_cast<std::size_t>(state.range(0));
  if (!cached || cached->m != m) {
    cached.reset();
    cached = std::make_unique<floor_contact_world>(m, std::max<std::size_t>(m / 10, 64));
  }
  floor_contact_world& w = *cached;
  const std::size_t nq = w.plan.queues.size();
  latency_histogram decision;
  for (auto _ : state) {
    const auto& agent = w.plan.agents[w.waiting.takers[w.next++ % w.waiting.takers.size()]];
    link* base = &w.lists[agent.chat ? nq : 0];
    const std::uint64_t t0 = tick_clock::start();
    contact_node* best = nullptr;
    link* best_list = nullptr;
    for (std::uint16_t q : agent.queues) {
      link& list = base[q];
      if (list.empty()) continue;
      auto* head = static_cast<contact_node*>(list.next);
      if ((!best || head->seq < best->seq) && subset(*head->needs, agent.bits)) {
        best = head;
        best_list = &list;
      }
    }
    if (best) link::unlink(*best);
    benchmark::DoNotOptimize(best);
    const std::uint64_t t1 = tick_clock::stop();
    decision.record(t1 - t0);
    if (!best) {
      state.SkipWithError("no contact");
      break;
    }
    best->seq = ++w.seq;
    best_list->push_back(*best);
  }
  report_latency(state, decision);
  state.counters["memberships_per_agent"] = w.plan.memberships_per_agent;
  state.counters["bytes_per_waiting_contact"] = static_cast<double>(sizeof(contact_node));
  state.counters["timer_overhead_ns"] = tick_clock::overhead_ns();
}

}  // namespace

void register_floor_benchmarks(const suite_options& options) {
  auto* agents = benchmark::RegisterBenchmark("floor/raw_kernel", bm_floor_agents);
  auto* waiting = benchmark::RegisterBenchmark("floor/raw_kernel", bm_floor_waiting);
  agents->ArgName("agents")->Unit(benchmark::kNanosecond);
  waiting->ArgName("waiting")->Unit(benchmark::kNanosecond);
  if (options.smoke) {
    agents->Arg(64)->Iterations(20);
    waiting->Arg(640)->Iterations(20);
    return;
  }
  agents->Arg(10000);
  waiting->Arg(100000);
}

}  // namespace omniroute_bench

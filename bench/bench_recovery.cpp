// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// recovery/journal_replay/commands:N — the time to recover a journal of N commands: scan the
// records (length + CRC-32C check), decode each command and apply it to a fresh router. The
// journal is the random workload of the journal tests (tests/journal/workload.hpp: arrivals,
// offers accepted and rejected, completions, wrap-ups, logins, membership changes, timers,
// ~4% refused commands), written once in memory; each iteration replays the whole image, so
// file reading is not included (it is a sequential read of the image size, reported as
// journal_bytes). Counters: commands_per_second, ns_per_command.
//
// recovery/snapshot_restore/agents:A/contacts:C — the time to restore a snapshot of a busy
// floor into a fresh router: A agents in 10 queues (each a member of 2), a tenth of them ready
// with an offer ringing, the rest logged in but not ready; C contacts waiting with max-wait
// timers armed. Restore = header and payload CRC-32C, decode, rebuild of every index, and the
// state-hash check. recovery/snapshot_save/... times writing the same snapshot. Counters:
// snapshot_bytes, and for restore ns_per_contact.
#include "bench_support.hpp"

#include <omniroute/journal/file_journal.hpp>
#include <omniroute/journal/snapshot.hpp>

#include "../tests/journal/workload.hpp"

#include <string>

namespace omniroute_bench {
namespace {

// A journal image of n commands (header and framing as file_journal writes them).
std::string make_journal(std::size_t n) {
  router r;
  omniroute_journal_test::workload w(4242);
  std::string image = journal_file_header();
  std::string payload;
  for (std::size_t i = 0; i < n; ++i) {
    const command c = w.next(r);
    (void)apply(r, c);
    payload.clear();
    encode(c, payload);
    append_journal_record(image, payload);
  }
  return image;
}

void bm_journal_replay(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  static std::string image;
  static std::size_t built = 0;
  if (built != n) {
    image = make_journal(n);
    built = n;
  }
  std::uint64_t records = 0;
  std::uint64_t elapsed_ns = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    router r;
    const journal_report rep = replay_journal(r, image);
    elapsed_ns += static_cast<std::uint64_t>((std::chrono::steady_clock::now() - t0).count());
    if (!rep.ok() || rep.records != n) {
      state.SkipWithError("replay failed");
      break;
    }
    records = rep.records;
    benchmark::DoNotOptimize(r.live_contact_count());
  }
  const double per_iteration_ns = static_cast<double>(elapsed_ns) / static_cast<double>(state.iterations());
  state.counters["journal_bytes"] = static_cast<double>(image.size());
  state.counters["ns_per_command"] = per_iteration_ns / static_cast<double>(records ? records : 1);
  state.counters["commands_per_second"] = static_cast<double>(records) * 1e9 / per_iteration_ns;
}

// A busy floor: see the header comment.
std::unique_ptr<router> make_floor(std::uint32_t agents, std::uint32_t contacts) {
  router_options o;
  o.expected_agents = agents;
  o.expected_contacts = contacts;
  auto r = std::make_unique<router>(o);
  const time_point t = at_seconds(1);
  std::vector<queue_id> queues;
  for (int i = 0; i < 10; ++i) {
    queue_config q;
    q.name = "q" + std::to_string(i);
    q.max_wait = std::chrono::hours(1);
    q.offers.timeout = std::chrono::seconds(20);
    queues.push_back(*r->add_queue(t, q));
  }
  std::vector<agent_id> ids;
  for (std::uint32_t i = 0; i < agents; ++i) {
    agent_config a;
    a.name = "a" + std::to_string(i);
    const agent_id id = *r->add_agent(t, a);
    (void)r->add_member(t, queues[i % 10], id);
    (void)r->add_member(t, queues[(i + 3) % 10], id);
    (void)r->login(t, id, false, 1);
    ids.push_back(id);
  }
  for (std::uint32_t i = 0; i < contacts; ++i) {
    contact_spec s;
    s.queue = queues[i % 10];
    s.priority = static_cast<std::int32_t>(i % 3);
    (void)r->arrive(t + std::chrono::milliseconds(i / 100), s);
  }
  const time_point later = t + std::chrono::seconds(contacts / 100000 + 2);
  for (std::uint32_t i = 0; i < agents; i += 10) (void)r->ready(later, ids[i]);
  return r;
}

struct floor_snapshot {
  std::uint32_t agents = 0, contacts = 0;
  std::string image;
};

const std::string& floor_image(std::uint32_t agents, std::uint32_t contacts) {
  static floor_snapshot cached;
  if (cached.agents != agents || cached.contacts != contacts || cached.image.empty()) {
    cached.image.clear();
    save_snapshot(*make_floor(agents, contacts), cached.image);
    cached.agents = agents;
    cached.contacts = contacts;
  }
  return cached.image;
}

void bm_snapshot_restore(benchmark::State& state) {
  const auto agents = static_cast<std::uint32_t>(state.range(0));
  const auto contacts = static_cast<std::uint32_t>(state.range(1));
  const std::string& image = floor_image(agents, contacts);
  for (auto _ : state) {
    router r;
    auto restored = restore_snapshot(r, image);
    if (!restored) {
      state.SkipWithError("restore failed");
      break;
    }
    benchmark::DoNotOptimize(r.live_contact_count());
    state.PauseTiming();  // the destruction of the restored router is not recovery
    { router gone(std::move(r)); }
    state.ResumeTiming();
  }
  state.counters["snapshot_bytes"] = static_cast<double>(image.size());
  state.counters["ns_per_contact"] =
      benchmark::Counter(static_cast<double>(contacts), benchmark::Counter::kIsIterationInvariantRate |
                                                            benchmark::Counter::kInvert);
}

void bm_snapshot_save(benchmark::State& state) {
  const auto agents = static_cast<std::uint32_t>(state.range(0));
  const auto contacts = static_cast<std::uint32_t>(state.range(1));
  const std::unique_ptr<router> r = make_floor(agents, contacts);
  std::string image;
  for (auto _ : state) {
    image.clear();
    save_snapshot(*r, image);
    benchmark::DoNotOptimize(image.data());
  }
  state.counters["snapshot_bytes"] = static_cast<double>(image.size());
}

}  // namespace

void register_recovery_benchmarks(const suite_options& options) {
  auto* b = benchmark::RegisterBenchmark("recovery/journal_replay", bm_journal_replay);
  b->ArgName("commands")->Unit(benchmark::kMillisecond);
  auto* restore = benchmark::RegisterBenchmark("recovery/snapshot_restore", bm_snapshot_restore);
  restore->ArgNames({"agents", "contacts"})->Unit(benchmark::kMillisecond);
  auto* save = benchmark::RegisterBenchmark("recovery/snapshot_save", bm_snapshot_save);
  save->ArgNames({"agents", "contacts"})->Unit(benchmark::kMillisecond);
  if (options.smoke) {
    b->Arg(1000)->Iterations(2);
    restore->Args({100, 1000})->Iterations(2);
    save->Args({100, 1000})->Iterations(2);
    return;
  }
  b->Arg(100000)->Iterations(5);
  restore->Args({10000, 100000})->Iterations(5);
  save->Args({10000, 100000})->Iterations(5);
}

}  // namespace omniroute_bench

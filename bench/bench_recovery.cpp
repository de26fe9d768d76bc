// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// recovery/journal_replay/commands:N — the time to recover a journal of N commands: scan the
// records (length + CRC-32C check), decode each command and apply it to a fresh router. The
// journal is the random workload of the journal tests (tests/journal/workload.hpp: arrivals,
// offers accepted and rejected, completions, wrap-ups, logins, membership changes, timers,
// ~4% refused commands), written once in memory; each iteration replays the whole image, so
// file reading is not included (it is a sequential read of the image size, reported as
// journal_bytes). Counters: commands_per_second, ns_per_command.
#include "bench_support.hpp"

#include <omniroute/journal/file_journal.hpp>

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

}  // namespace

void register_recovery_benchmarks(const suite_options& options) {
  auto* b = benchmark::RegisterBenchmark("recovery/journal_replay", bm_journal_replay);
  b->ArgName("commands")->Unit(benchmark::kMillisecond);
  if (options.smoke) {
    b->Arg(1000)->Iterations(2);
    return;
  }
  b->Arg(100000)->Iterations(5);
}

}  // namespace omniroute_bench

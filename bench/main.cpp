// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// omniroute_bench: the benchmark suite (see bench/RESULTS.md for what each benchmark times).
//   omniroute_bench [--smoke] [--large] [Google Benchmark flags...]
// --smoke registers tiny populations with a fixed handful of iterations: it proves the suite
// still builds and runs (ctest label bench-smoke); its timings mean nothing. --large adds
// decision/ready_to_offer/waiting:1000000 (100 000 agents) and
// decision_simple/arrival_to_offer/agents:100000, whose populations take long to build.
#include "bench_support.hpp"

#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  omniroute_bench::suite_options options;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strcmp(argv[i], "--smoke") == 0) {
      options.smoke = true;
    } else if (i > 0 && std::strcmp(argv[i], "--large") == 0) {
      options.large = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  int count = static_cast<int>(args.size());
  args.push_back(nullptr);

  // Calibrate the tick clock before anything is timed.
  benchmark::AddCustomContext("tsc_ns_per_tick", std::to_string(omniroute_bench::tick_clock::ns_per_tick()));
  benchmark::AddCustomContext("timer_overhead_ns", std::to_string(omniroute_bench::tick_clock::overhead_ns()));
  benchmark::AddCustomContext("omniroute_smoke", options.smoke ? "true" : "false");

  omniroute_bench::register_decision_benchmarks(options);
  omniroute_bench::register_floor_benchmarks(options);
  omniroute_bench::register_simple_decision_benchmarks(options);
  omniroute_bench::register_mixed_benchmarks(options);
  omniroute_bench::register_recovery_benchmarks(options);
  omniroute_bench::register_sim_benchmarks(options);

  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Shared pieces of the benchmark suite: a cheap tick clock for timing single commands, memory
// snapshots for bytes-per-object figures, an observer that counts (and remembers the latest
// offer), a bag of ids with O(1) add/remove/pick for the host simulation, and the reporting of
// a latency histogram as Google Benchmark counters.
#ifndef OMNIROUTE_BENCH_SUPPORT_HPP
#define OMNIROUTE_BENCH_SUPPORT_HPP

#include "latency_histogram.hpp"

#include <omniroute/omniroute.hpp>
#include <omniroute/router/router.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define OMNIROUTE_BENCH_TSC 1
#endif

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <time.h>
#include <unistd.h>

namespace omniroute_bench {

using namespace omniroute;

/// Options that shape the suite (set from the command line before registration).
struct suite_options {
  bool smoke = false;  ///< Tiny populations and a fixed handful of iterations: proves it runs.
  /// Also run the populations that take long to build (decision/ready_to_offer/waiting:1000000
  /// with 100 000 agents and the single-queue decision_simple/*/agents:100000); see
  /// bench/RESULTS.md.
  bool large = false;
};

// ---- Timing ------------------------------------------------------------------------------

/// Ticks around one command. On x86 the TSC (invariant on every machine we run on: constant_tsc,
/// nonstop_tsc), fenced on both sides so the command cannot drift outside the window; elsewhere
/// steady_clock nanoseconds. Cost of an empty start()/stop() pair: see tick_clock::overhead_ns().
struct tick_clock {
  static std::uint64_t start() noexcept {
#ifdef OMNIROUTE_BENCH_TSC
    _mm_lfence();
    const std::uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
#else
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
  }
  static std::uint64_t stop() noexcept {
    // lfence + rdtsc rather than rdtscp: the same ordering, and valgrind can run it.
    return start();
  }

  /// Nanoseconds per tick, calibrated once against steady_clock over ~50 ms.
  static double ns_per_tick() {
    static const double value = calibrate();
    return value;
  }

  /// Median cost of an empty start()/stop() pair, in nanoseconds (included in every sample).
  static double overhead_ns() {
    static const double value = [] {
      latency_histogram h;
      for (int i = 0; i < 100000; ++i) {
        const std::uint64_t t0 = start();
        const std::uint64_t t1 = stop();
        h.record(t1 - t0);
      }
      return h.quantile(0.5) * ns_per_tick();
    }();
    return value;
  }

 private:
  static double calibrate() {
#ifdef OMNIROUTE_BENCH_TSC
    using sc = std::chrono::steady_clock;
    const auto w0 = sc::now();
    const std::uint64_t t0 = start();
    while (sc::now() - w0 < std::chrono::milliseconds(50)) {
    }
    const auto w1 = sc::now();
    const std::uint64_t t1 = stop();
    const double ns = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(w1 - w0).count());
    return ns / static_cast<double>(t1 - t0);
#else
    return 1.0;
#endif
  }
};

/// CPU time consumed by the calling thread, in seconds.
inline double thread_cpu_seconds() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// ---- Memory ------------------------------------------------------------------------------

/// Heap bytes in use (mallinfo2: small-chunk bytes plus mmapped chunks, and the routers' own
/// huge-page chunks) and resident set size.
struct memory_snapshot {
  std::size_t heap = 0;
  std::size_t rss = 0;

  static memory_snapshot take() {
    memory_snapshot s;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 mi = mallinfo2();
    s.heap = mi.uordblks + mi.hblkhd;
#endif
    s.heap += mapped_record_bytes();  // the routers' huge-page chunks, which malloc does not see
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
      unsigned long size = 0, resident = 0;
      if (std::fscanf(f, "%lu %lu", &size, &resident) == 2) {
        s.rss = static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
      }
      std::fclose(f);
    }
    return s;
  }
};

/// Bytes per object across building a population of n (heap and RSS deltas).
struct bytes_per_object {
  double heap = 0;
  double rss = 0;

  static bytes_per_object between(const memory_snapshot& before, const memory_snapshot& after, std::size_t n) {
    bytes_per_object b;
    if (n == 0) return b;
    b.heap = (static_cast<double>(after.heap) - static_cast<double>(before.heap)) / static_cast<double>(n);
    b.rss = (static_cast<double>(after.rss) - static_cast<double>(before.rss)) / static_cast<double>(n);
    return b;
  }
};

// ---- Host ports ----------------------------------------------------------------------------

/// Counts every event and remembers the latest offer: the least a real host does.
class counting_observer : public event_observer {
 public:
  std::uint64_t events = 0;
  std::uint64_t offers = 0;
  offer_id last_offer;
  contact_id last_offered_contact;
  agent_id last_offered_agent;
  queue_id last_offered_queue;
  channel_id last_offered_channel;

 protected:
  void on_event(const event& e) override {
    ++events;
    if (e.kind == event_kind::contact_offered) {
      ++offers;
      last_offer = e.offer;
      last_offered_contact = e.contact;
      last_offered_agent = e.agent;
      last_offered_queue = e.queue;
      last_offered_channel = e.channel;
    }
  }
};

// ---- Host bookkeeping ----------------------------------------------------------------------

/// A set of router handles with O(1) add, remove and uniform pick; positions are indexed by the
/// handle's slot index (the router reuses slots, so the index space stays small).
template <class Id>
class id_bag {
 public:
  void add(Id id) {
    const std::uint32_t i = id.index();
    if (i >= pos_.size()) pos_.resize(static_cast<std::size_t>(i) * 2 + 16, none);
    if (pos_[i] != none) return;
    pos_[i] = static_cast<std::uint32_t>(items_.size());
    items_.push_back(id);
  }
  void remove(Id id) {
    const std::uint32_t i = id.index();
    if (i >= pos_.size() || pos_[i] == none || !(items_[pos_[i]] == id)) return;
    const std::uint32_t p = pos_[i];
    items_[p] = items_.back();
    pos_[items_[p].index()] = p;
    items_.pop_back();
    pos_[i] = none;
  }
  bool contains(Id id) const {
    const std::uint32_t i = id.index();
    return i < pos_.size() && pos_[i] != none && items_[pos_[i]] == id;
  }
  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  Id pick(std::uint64_t random) const noexcept { return items_[random % items_.size()]; }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  std::vector<Id> items_;
  std::vector<std::uint32_t> pos_;
};

/// splitmix64: a tiny deterministic generator for the host simulation.
struct host_rng {
  std::uint64_t state;
  std::uint64_t next() noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

// ---- Reporting -----------------------------------------------------------------------------

/// Reports a histogram of ticks as p50_ns, p99_ns, p999_ns (and max_ns, mean_ns) counters.
inline void report_latency(benchmark::State& state, const latency_histogram& h, const std::string& prefix = "") {
  const double k = tick_clock::ns_per_tick();
  state.counters[prefix + "p50_ns"] = h.quantile(0.5) * k;
  state.counters[prefix + "p99_ns"] = h.quantile(0.99) * k;
  state.counters[prefix + "p999_ns"] = h.quantile(0.999) * k;
  state.counters[prefix + "max_ns"] = static_cast<double>(h.max()) * k;
  state.counters[prefix + "mean_ns"] = h.mean() * k;
}

/// Advances the host's clock by one microsecond per command (the router only needs time never
/// to go backwards; 1 us keeps every offer far inside its 20 s timeout).
inline time_point tick(time_point& now) {
  now += std::chrono::microseconds(1);
  return now;
}

/// The loop of every decision benchmark. Per iteration: `next()` picks the subject (an arrival,
/// an agent: untimed), `decide(at, subject)` is timed alone and must make exactly one offer,
/// then `restore(subject)`, timed apart, puts the population back so that the next decision
/// meets the same one. `decide` and `restore` return false when a command failed; the
/// benchmark then stops with an error. Reports the decision's percentiles,
/// events_per_decision and restore_mean_ns.
template <class Next, class Decide, class Restore>
void time_decisions(benchmark::State& state, const counting_observer& observer, time_point& now, Next next,
                    Decide decide, Restore restore) {
  latency_histogram decision;
  latency_histogram restoring;
  std::uint64_t decision_events = 0;
  for (auto _ : state) {
    decltype(auto) subject = next();
    const std::uint64_t offers_before = observer.offers;
    const std::uint64_t events_before = observer.events;
    const time_point at = tick(now);
    const std::uint64_t t0 = tick_clock::start();
    const bool decided = decide(at, subject);
    const std::uint64_t t1 = tick_clock::stop();
    decision.record(t1 - t0);
    decision_events += observer.events - events_before;
    if (!decided || observer.offers != offers_before + 1) {
      state.SkipWithError("the decision did not make exactly one offer");
      break;
    }
    const std::uint64_t t2 = tick_clock::start();
    const bool restored = restore(subject);
    const std::uint64_t t3 = tick_clock::stop();
    restoring.record(t3 - t2);
    if (!restored) {
      state.SkipWithError("restoring the population failed");
      break;
    }
  }
  report_latency(state, decision);
  state.counters["events_per_decision"] =
      static_cast<double>(decision_events) / static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
  state.counters["restore_mean_ns"] = restoring.mean() * tick_clock::ns_per_tick();
}

void register_decision_benchmarks(const suite_options& options);
void register_simple_decision_benchmarks(const suite_options& options);
void register_mixed_benchmarks(const suite_options& options);
void register_floor_benchmarks(const suite_options& options);
void register_recovery_benchmarks(const suite_options& options);
void register_sim_benchmarks(const suite_options& options);

}  // namespace omniroute_bench

#endif  // OMNIROUTE_BENCH_SUPPORT_HPP

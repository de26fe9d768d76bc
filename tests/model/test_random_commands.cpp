// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Randomized model-based test of the router: seeded command streams (agents, queues, members,
// contacts, offers, time) checked against a model of the router and the routing rules after
// every command. See model_harness.hpp for what is checked.
//
// Scale: 10 seeds x 100,000 commands (10^6 per run, about 12 s of CPU in RelWithDebInfo) in
// an optimised build, a tenth of that under AddressSanitizer, which is ~10x slower. Reproduce or extend a run with
//   OMNIROUTE_MODEL_SEED=<seed> OMNIROUTE_MODEL_COMMANDS=<n> omniroute_tests_compiled "[model]"
// OMNIROUTE_MODEL_AFFINITY=0 and OMNIROUTE_MODEL_CALLBACK_OFFERED=0 leave out affinity
// arrivals and accept_callback on a contact with a pending offer (see model_harness.hpp).
#include "model/model_harness.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "support/catch.hpp"

namespace {

using namespace omniroute_model;

constexpr std::size_t scale_down = OMNIROUTE_MODEL_SANITIZED ? 10 : 1;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

struct run_summary {
  std::size_t commands = 0;
  std::size_t offers = 0;
  std::size_t refused = 0;
};

/// Runs one seed; on failure shrinks the command list and fails the test with the seed, the
/// failing check, the recent commands and the shrunk reproduction.
run_summary run_seed(std::uint64_t seed, std::size_t n, bool explain) {
  const std::vector<command> cmds = generate(seed, n);
  const isolated_outcome r = run_isolated(seed, cmds, explain, 40);
  run_summary s;
  s.commands = r.executed;
  s.offers = r.offers;
  s.refused = r.refused;
  if (r.failure.empty()) return s;

  std::ostringstream report;
  report << "seed " << seed << (explain ? " (explanations on)" : "") << ": command #" << r.failed_at << " of " << n
         << " broke: " << r.failure << "\nrecent commands (oldest first):\n";
  for (const std::string& line : r.trace) report << "  " << line << "\n";
  const double budget = static_cast<double>(env_number("OMNIROUTE_MODEL_SHRINK_SECONDS", 30));
  const std::vector<command> prefix(cmds.begin(), cmds.begin() + static_cast<std::ptrdiff_t>(std::min(n, r.failed_at + 1)));
  const std::vector<command> small = shrink(seed, prefix, r.failure, explain, budget);
  const isolated_outcome again = run_isolated(seed, small, explain, shared_log::slots);
  report << "shrunk to " << small.size() << " commands, failing with: " << again.failure << "\n";
  for (const std::string& line : again.trace) report << "  " << line << "\n";
  FAIL(report.str());
  return s;
}

void run_seeds(std::uint64_t first_seed, std::size_t seeds, std::size_t per_seed, bool explain) {
  const std::uint64_t only = env_number("OMNIROUTE_MODEL_SEED", 0);
  const std::size_t n = env_number("OMNIROUTE_MODEL_COMMANDS", per_seed);
  const auto start = std::chrono::steady_clock::now();
  run_summary total;
  for (std::size_t k = 0; k < (only ? 1 : seeds); ++k) {
    const std::uint64_t seed = only ? only : first_seed + k;
    INFO("seed " << seed);
    const run_summary s = run_seed(seed, n, explain);
    total.commands += s.commands;
    total.offers += s.offers;
    total.refused += s.refused;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[model] " << total.commands << " commands (" << total.refused << " refused, " << total.offers
            << " offers) in " << secs << " s" << (explain ? " with explanations" : "") << "\n";
  CHECK(total.commands == (only ? 1 : seeds) * n);
}

}  // namespace

TEST_CASE("random command streams keep the model and the routing invariants", "[model][slow]") {
  // 6 seeds x 100,000 commands, explanations off.
  run_seeds(1, 6, 100000 / scale_down, false);
}

TEST_CASE("random command streams with explanations on behave the same way", "[model][slow]") {
  // 4 seeds x 100,000 commands: explanations must not change decisions or state, and they
  // let the model check best_skill's contact-side ranking.
  run_seeds(1001, 4, 100000 / scale_down, true);
}

TEST_CASE("the command generator is deterministic per seed", "[model]") {
  const auto a = generate(42, 1000);
  const auto b = generate(42, 1000);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].kind == b[i].kind);
    CHECK(a[i].pick == b[i].pick);
  }
  // Two runs of the same seed see the same offers.
  const isolated_outcome x = run_isolated(42, a, false, 0);
  const isolated_outcome y = run_isolated(42, b, false, 0);
  CHECK(x.offers == y.offers);
  CHECK(x.failure == y.failure);
}

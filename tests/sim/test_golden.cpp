// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Golden runs: the bundled scenarios, replicated with fixed seeds, give exactly the results
// pinned here. Every routing decision and every simulated event feeds them, so a change meant
// to be invisible (a faster index, a new event queue, a refactor) that alters any decision
// fails here, where the statistical tests would let it pass. A change that is meant to alter
// behaviour re-pins the figures (the failure prints them) and says why in its commit.
//
// The figures depend on the platform's libm (logarithms and exponentials of the
// distributions): they are pinned for glibc 2.36 on x86-64 (Debian bookworm, where the README
// builds). Elsewhere the test checks only that two runs of a seed agree.
#include <omniroute/sim/scenario_json.hpp>
#include <omniroute/sim/simulator.hpp>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

#include "support/catch.hpp"

namespace {

using namespace omniroute;

/// What a replication is pinned by: a few figures to read, and a digest of all of it.
struct golden {
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;
  double answered = 0;
  double abandoned = 0;
  std::uint64_t digest = 0;
};

class fnv1a {
 public:
  void add(std::uint64_t v) noexcept {
    for (int i = 0; i < 8; ++i) {
      hash_ ^= (v >> (8 * i)) & 0xffu;
      hash_ *= 1099511628211ull;
    }
  }
  void add(double d) noexcept {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    add(bits);
  }
  std::uint64_t value() const noexcept { return hash_; }

 private:
  std::uint64_t hash_ = 1469598103934665603ull;
};

golden summarize(const sim::replication_result& r) {
  golden g;
  g.events = r.events;
  g.contacts = r.contacts;
  fnv1a h;
  h.add(r.events);
  h.add(r.contacts);
  h.add(r.end_time);
  for (const auto& queue : r.queues) {
    for (const sim::queue_counts& c : queue) {
      for (double d : {c.offered, c.answered, c.answered_in_target, c.waited, c.abandoned, c.expired,
                       c.refused, c.routed_out, c.unfinished, c.wait_sum, c.completed, c.talk_sum,
                       c.length_integral, c.escalations, c.callbacks_offered, c.callbacks_accepted}) {
        h.add(d);
      }
      g.answered += c.answered;
      g.abandoned += c.abandoned;
    }
  }
  for (const auto& group : r.groups) {
    for (const sim::group_counts& c : group) {
      h.add(c.logged_in);
      h.add(c.staffed);
      h.add(c.occupied);
    }
  }
  g.digest = h.value();
  return g;
}

sim::scenario load(const std::string& name) {
  sim::scenario s;
  std::string error;
  const std::string path = std::string(OMNIROUTE_EXAMPLES_DIR) + "/scenarios/" + name;
  INFO(path << ": " << error);
  REQUIRE(sim::load_scenario_file(path, s, error));
  return s;
}

void check(const sim::scenario& s, std::uint64_t seed, const golden& pinned) {
  const auto run = sim::run_replication(s, seed);
  REQUIRE(run);
  const golden got = summarize(*run);
  INFO("seed " << seed << ": events " << got.events << ", contacts " << got.contacts << ", answered "
               << got.answered << ", abandoned " << got.abandoned << ", digest 0x" << std::hex
               << got.digest);
#if defined(__GLIBC__) && __GLIBC__ == 2 && __GLIBC_MINOR__ == 36 && defined(__x86_64__)
  CHECK(got.events == pinned.events);
  CHECK(got.contacts == pinned.contacts);
  CHECK(got.answered == pinned.answered);
  CHECK(got.abandoned == pinned.abandoned);
  CHECK(got.digest == pinned.digest);
#else
  (void)pinned;
  const auto again = sim::run_replication(s, seed);
  REQUIRE(again);
  CHECK(summarize(*again).digest == got.digest);
#endif
}

}  // namespace

TEST_CASE("The blended scenario gives its pinned results", "[sim][golden]") {
  const sim::scenario s = load("blended.json");
  check(s, 1, {40761, 3242, 3007, 181, 0x2207413ea8ecb214ull});
  check(s, 2, {42192, 3400, 3146, 192, 0xb7357c4743b5a9b3ull});
  check(s, 3, {42821, 3377, 3128, 184, 0x9d93a2eed84bc7a5ull});
}

TEST_CASE("The large scenario gives its pinned results", "[sim][golden]") {
  const sim::scenario s = load("large.json");
  check(s, 1, {1752173, 134999, 119409, 15042, 0x03d1577757b82551ull});
}

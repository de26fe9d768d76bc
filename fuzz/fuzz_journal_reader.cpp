// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the journal reader over arbitrary (mostly corrupt) journal images. Recovery must
// never crash, must report an error or a consistent byte count, and a router it recovered must
// satisfy the public invariants.
#include "../tests/journal/workload.hpp"

#include <omniroute/journal/file_journal.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace omniroute;
  // Small pools: the default reservation (1024 agents, 4096 contacts) would dominate each run.
  router_options options;
  options.expected_agents = 8;
  options.expected_contacts = 32;
  router r(options);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const journal_report rep = replay_journal(r, bytes);
  if (rep.ok()) {
    // Everything is accounted for: valid records, then at most a dropped tail.
    if (rep.valid_bytes + rep.dropped_bytes != size && !(rep.valid_bytes == 0 && rep.dropped_bytes == size)) std::abort();
  } else if (rep.error_offset > size) {
    std::abort();
  }
  const std::string broken = omniroute_journal_test::check_invariants(r);
  if (!broken.empty()) {
    std::fprintf(stderr, "invariant broken after recovery: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}

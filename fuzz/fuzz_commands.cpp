// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: a command stream decoded from bytes and applied to a router, with the public
// invariants checked after every command. Input: records of [u16 little-endian length][bytes];
// each record is decoded (malformed ones are refused with a typed error and skipped) and
// applied. Any crash, sanitizer report or broken invariant is a finding. Times, durations and
// priorities are not filtered: the router refuses those outside its bounds (earliest_time,
// latest_time, longest_duration, max_priority), and the fuzzer checks that what it accepts
// never overflows.
#include "../tests/journal/workload.hpp"

#include <omniroute/journal/command.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace omniroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Small pools: the default reservation (1024 agents, 4096 contacts) would dominate each run.
  router_options options;
  options.expected_agents = 8;
  options.expected_contacts = 32;
  router r(options);
  std::string_view in(reinterpret_cast<const char*>(data), size);
  while (in.size() >= 2) {
    const std::size_t n = static_cast<std::uint8_t>(in[0]) | (static_cast<std::size_t>(static_cast<std::uint8_t>(in[1])) << 8);
    in.remove_prefix(2);
    if (n > in.size()) break;
    auto c = decode(in.substr(0, n));
    in.remove_prefix(n);
    if (!c) {
      if (c.error() != errc::malformed_data) std::abort();
      continue;
    }
    (void)apply(r, *c);
    const std::string broken = omniroute_journal_test::check_invariants(r);
    if (!broken.empty()) {
      std::fprintf(stderr, "invariant broken after %s: %s\n", command_name(*c), broken.c_str());
      std::abort();
    }
  }
  return 0;
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the simulator's scenario JSON loader (docs/simulator.md) over arbitrary bytes.
// It must refuse bad documents with a message naming the JSON path, never crash. Trace files
// are resolved against a directory that does not exist.
#include <omniroute/sim/scenario_json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  omniroute::sim::scenario s;
  std::string error;
  if (!omniroute::sim::load_scenario(doc, "/nonexistent-omniroute-fuzz", s, error) && error.empty()) std::abort();
  return 0;
}

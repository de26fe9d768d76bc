// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: snapshot restore over arbitrary payloads. The input is a snapshot's payload; the
// target frames it with a valid header and checksums (which random bytes would almost never
// pass) so the fuzzer explores the loader itself. A restore must refuse with malformed_data or
// rebuild a router that satisfies the public invariants and snapshots back to the same payload.
#include "../tests/journal/workload.hpp"

#include <omniroute/journal/file_journal.hpp>
#include <omniroute/journal/snapshot.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace omniroute;
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  std::string image = "OMNISNAP";
  put(image, snapshot_format_version, 4);
  put(image, 0, 4);
  put(image, 0, 8);
  put(image, size, 8);
  put(image, crc32c(payload), 4);
  put(image, crc32c(image), 4);
  image.append(payload.data(), payload.size());

  router r;
  const std::uint64_t fresh = r.state_hash();
  auto restored = restore_snapshot(r, image);
  if (!restored) {
    if (restored.error() != errc::malformed_data || r.state_hash() != fresh) std::abort();
    return 0;
  }
  if (!omniroute_journal_test::check_invariants(r).empty()) std::abort();
  std::string again;
  save_snapshot(r, again);
  if (again != image) std::abort();
  return 0;
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// record_arena and chunk_source: the storage of the router's records. Records must never move
// (availability indexes thread through them), come back last-given-first with what their last
// user left in them, and all be destroyed with the arena; chunks are carved from regions on
// huge pages.
#include <omniroute/router/detail/record_arena.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/catch.hpp"

using omniroute::detail::chunk_source;
using omniroute::detail::huge_page_bytes;
using omniroute::detail::memory_chunk;
using omniroute::detail::record_arena;

namespace {

int alive = 0;  // records of `counted` constructed and not yet destroyed

struct counted {
  counted() { ++alive; }
  ~counted() { --alive; }
  counted(const counted&) = delete;
  counted& operator=(const counted&) = delete;
  int value = 0;
  counted* next_spare = nullptr;  // record_arena's, while spare
  char pad[1016] = {};            // 1 KiB records
};

bool on_huge_page_boundary(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % huge_page_bytes == 0;
}

}  // namespace

TEST_CASE("record_arena: records are distinct, recycled last-given-first and keep what was left in them", "[core][record_arena]") {
  record_arena<counted> arena;
  counted* a = arena.take();
  counted* b = arena.take();
  CHECK(a != b);
  CHECK(arena.made() == 2);
  a->value = 7;
  b->value = 8;
  arena.give(a);
  arena.give(b);
  CHECK(arena.spares() == 2);
  CHECK(arena.take() == b);
  CHECK(arena.spares() == 1);
  counted* again = arena.take();
  CHECK(again == a);
  CHECK(again->value == 7);  // the caller resets what it relies on
  CHECK(arena.spares() == 0);
  CHECK(arena.made() == 2);
  CHECK(arena.take() != a);  // nothing spare: a new record
  CHECK(arena.made() == 3);
}

TEST_CASE("record_arena: take(keep) leaves that many spare records for their own use", "[core][record_arena]") {
  record_arena<counted> arena;
  std::vector<counted*> reserved;
  arena.prefill(3, [&](counted& c) {
    c.value = 42;
    reserved.push_back(&c);
  });
  CHECK(arena.made() == 3);
  counted* configuration = arena.take(3);  // must not use the three made up front
  CHECK(arena.made() == 4);
  CHECK(std::find(reserved.begin(), reserved.end(), configuration) == reserved.end());
  counted* held = arena.take(0);
  CHECK(held->value == 42);
  CHECK(arena.made() == 4);
}

TEST_CASE("record_arena: records never move while the arena grows, and all are destroyed with it", "[core][record_arena]") {
  alive = 0;
  for (const bool huge : {false, true}) {
    chunk_source source(huge);
    {
      record_arena<counted> arena(&source);
      std::vector<counted*> taken;
      std::set<const counted*> seen;
      // Chunks of 64, 128, ... 16 384 records, then 16 384 at a time.
      const std::size_t records = 64 + 128 + 256 + 512 + 1024 + 2048 + 4096 + 8192 + 16384 + 100;
      for (std::size_t i = 0; i < records; ++i) {
        counted* c = arena.take();
        c->value = static_cast<int>(i);
        taken.push_back(c);
        CHECK(seen.insert(c).second);
      }
      for (std::size_t i = 0; i < records; ++i) REQUIRE(taken[i]->value == static_cast<int>(i));
      CHECK(arena.made() == records);
      CHECK(alive == static_cast<int>(records));
      CHECK(arena.chunk_bytes() == (records - 100 + 16384) * sizeof(counted));
      for (std::size_t i = 0; i < 5; ++i) arena.give(taken[i]);  // spare records are destroyed too
    }
    CHECK(alive == 0);
  }
}

TEST_CASE("chunk_source: chunks are carved one after another from regions that start on a huge page", "[core][record_arena]") {
  const std::size_t mapped_before = omniroute::mapped_record_bytes();
  {
    chunk_source source(true);
    const memory_chunk a = source.allocate(1000);
    const memory_chunk b = source.allocate(4096);
#if defined(__linux__)
    REQUIRE(a.from_region);
    REQUIRE(b.from_region);
    CHECK(on_huge_page_boundary(a.memory));  // the region's start
    CHECK(a.bytes == 1024);  // rounded to cache lines
    CHECK(static_cast<char*>(b.memory) == static_cast<char*>(a.memory) + 1024);
    // malloc's statistics do not see these: the router reports them.
    CHECK(omniroute::mapped_record_bytes() == mapped_before + 1024 + 4096);
    CHECK(source.carved() == 1024 + 4096);

    // Larger than what is left of the region (and than a default region): a region of its own.
    const memory_chunk big = source.allocate(chunk_source::region_bytes + 1);
    REQUIRE(big.from_region);
    CHECK(on_huge_page_boundary(big.memory));
    auto* bytes = static_cast<unsigned char*>(big.memory);
    bytes[0] = 1;
    bytes[big.bytes - 1] = 2;  // usable end to end
    CHECK(bytes[0] + bytes[big.bytes - 1] == 3);

    // Where the kernel gives transparent huge pages on request, the region is eligible for them:
    // the advice took effect.
    std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string modes;
    std::getline(mode, modes);
    const bool kernel_offers = modes.find("[madvise]") != std::string::npos || modes.find("[always]") != std::string::npos;
    std::ifstream smaps("/proc/self/smaps");
    bool inside = false;
    bool has_field = false;
    bool eligible = false;
    std::string line;
    const auto start = reinterpret_cast<std::uintptr_t>(a.memory);
    while (std::getline(smaps, line)) {
      std::uintptr_t from = 0;
      std::uintptr_t to = 0;
      char dash = 0;
      std::istringstream range(line);
      if (range >> std::hex >> from >> dash >> to && dash == '-' && line.find(':') > line.find(' ')) {
        inside = from <= start && start < to;
        continue;
      }
      if (inside && line.rfind("THPeligible:", 0) == 0) {
        has_field = true;
        eligible = line.find('1') != std::string::npos;
        break;
      }
    }
    if (kernel_offers && has_field) CHECK(eligible);
#else
    CHECK_FALSE(a.from_region);
#endif
  }
  // The regions go with their source.
  CHECK(omniroute::mapped_record_bytes() == mapped_before);

  chunk_source plain(false);
  const memory_chunk unhinted = plain.allocate(1000);
  CHECK_FALSE(unhinted.from_region);
  omniroute::detail::release_chunk(unhinted);
  CHECK(omniroute::mapped_record_bytes() == mapped_before);
}

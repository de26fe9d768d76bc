// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Raw memory for the router's record pools, on transparent huge pages where the kernel has them.
#ifndef OMNIROUTE_CORE_CHUNK_MEMORY_HPP
#define OMNIROUTE_CORE_CHUNK_MEMORY_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/mapped_memory.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// The size of an x86-64 / AArch64 (4 KiB granule) transparent huge page.
constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

/// One chunk of a pool: where it is, how large, and whether it came from a chunk_source's
/// region (freed with the source) or from operator new (release_chunk gives it back).
struct memory_chunk {
  void* memory = nullptr;
  std::size_t bytes = 0;
  bool from_region = false;
};

/// Where a router's record pools take their chunks: from large regions of address space
/// advised MADV_HUGEPAGE, carved one after another, or from operator new.
///
/// Why: a decision walks index nodes and agent records spread over tens to hundreds of
/// megabytes at 10k-100k agents, and with 4 KiB pages most of its cache misses also miss the
/// TLB. Pools never give a chunk back before they are destroyed, so carving chunks from one
/// region packs every pool's records onto 2 MiB pages, whatever the chunk sizes, with no more
/// than the region's last partly used huge page to spare. A region is reserved address space:
/// only the pages the pools touch become resident. The advice is a hint: a kernel with
/// transparent huge pages off (or another platform) keeps 4 KiB pages, and a refused mapping
/// falls back to operator new.
class chunk_source {
 public:
  /// Address space reserved per region (more for a larger chunk).
  static constexpr std::size_t region_bytes = std::size_t{64} << 20;
  /// Chunks start on a cache line.
  static constexpr std::size_t chunk_alignment = 64;

  explicit chunk_source(bool huge_pages) noexcept : huge_pages_(huge_pages) {}
  chunk_source(const chunk_source&) = delete;
  chunk_source& operator=(const chunk_source&) = delete;
  ~chunk_source() {
#if defined(__linux__)
    for (const region& r : regions_) ::munmap(r.base, r.bytes);
#endif
    mapped_record_bytes_total.fetch_sub(carved_, std::memory_order_relaxed);
  }

  /// Memory for `bytes` (aligned for any record and to a cache line). Throws std::bad_alloc
  /// like operator new.
  memory_chunk allocate(std::size_t bytes) {
    bytes = (bytes + chunk_alignment - 1) & ~(chunk_alignment - 1);
#if defined(__linux__)
    if (huge_pages_) {
      if (regions_.empty() || regions_.back().bytes - used_ < bytes) add_region(bytes);
      if (!regions_.empty() && regions_.back().bytes - used_ >= bytes) {
        void* p = static_cast<char*>(regions_.back().base) + used_;
        used_ += bytes;
        carved_ += bytes;
        mapped_record_bytes_total.fetch_add(bytes, std::memory_order_relaxed);
        return {p, bytes, true};
      }
    }
#endif
    return from_heap(bytes);
  }

  /// A chunk from operator new (release_chunk gives it back).
  static memory_chunk from_heap(std::size_t bytes) {
    return {::operator new(bytes, std::align_val_t(chunk_alignment)), bytes, false};
  }

  /// Bytes handed out from regions so far.
  std::size_t carved() const noexcept { return carved_; }

 private:
  struct region {
    void* base = nullptr;
    std::size_t bytes = 0;
  };

#if defined(__linux__)
  /// Reserves a region of at least `bytes`, starting on a huge page. A refused mapping adds
  /// nothing: allocate falls back to operator new.
  void add_region(std::size_t bytes) {
    const std::size_t size = std::max(region_bytes, (bytes + huge_page_bytes - 1) & ~(huge_page_bytes - 1));
    // One huge page more than asked, trimmed at both ends, so that the region starts on a
    // huge page boundary without keeping address space it does not use.
    const std::size_t span = size + huge_page_bytes;
    void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) return;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
    const std::uintptr_t end = start + span;
    if (aligned > start) ::munmap(raw, aligned - start);
    if (end > aligned + size) ::munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
#if defined(MADV_HUGEPAGE)
    ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
#endif
    regions_.reserve(regions_.size() + 1);
    regions_.push_back({reinterpret_cast<void*>(aligned), size});
    used_ = 0;
  }
#endif

  bool huge_pages_ = true;
  std::vector<region> regions_;
  std::size_t used_ = 0;  // of the last region
  std::size_t carved_ = 0;
};

/// Takes a chunk from `source`, or from operator new when there is none.
inline memory_chunk allocate_chunk(chunk_source* source, std::size_t bytes) {
  return source ? source->allocate(bytes) : chunk_source::from_heap(bytes);
}

/// Gives back a chunk from allocate_chunk (region chunks go with their source).
inline void release_chunk(const memory_chunk& c) noexcept {
  if (!c.from_region) ::operator delete(c.memory, std::align_val_t(chunk_source::chunk_alignment));
}

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_CHUNK_MEMORY_HPP

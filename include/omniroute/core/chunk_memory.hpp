// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Raw memory for the router's record pools, in chunks that may sit on transparent huge pages.
#ifndef OMNIROUTE_CORE_CHUNK_MEMORY_HPP
#define OMNIROUTE_CORE_CHUNK_MEMORY_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/mapped_memory.hpp>

#include <cstddef>
#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// The size of an x86-64 / AArch64 (4 KiB granule) transparent huge page.
constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

/// One chunk: where it is, how large, and how it must be given back.
struct memory_chunk {
  void* memory = nullptr;
  std::size_t bytes = 0;
  bool mapped = false;  // mmap'ed (munmap) rather than from operator new
};

/// Chunks of record memory. A decision walks index nodes spread over tens to hundreds of
/// megabytes at 10k-100k agents, and with 4 KiB pages most of its cache misses also miss the
/// TLB. A chunk of a whole number of huge pages, aligned to one and advised MADV_HUGEPAGE, is
/// backed by 2 MiB pages where the kernel has them (transparent huge pages in `madvise` or
/// `always` mode), without the host changing malloc for its whole process. Smaller chunks, other
/// platforms and a refused mapping fall back to operator new: the advice is a hint, never a
/// requirement.
class chunk_memory {
 public:
  explicit chunk_memory(bool huge_pages = true) noexcept : huge_pages_(huge_pages) {}

  bool huge_pages() const noexcept { return huge_pages_; }

  /// Raw memory for `bytes`, aligned for any record. Throws std::bad_alloc like operator new.
  memory_chunk allocate(std::size_t bytes) const {
#if defined(__linux__)
    if (huge_pages_ && bytes >= huge_page_bytes && bytes % huge_page_bytes == 0) {
      // A refused mapping (address space limits) falls through: ordinary memory still works.
      if (void* p = map_aligned(bytes)) {
        mapped_record_bytes_total.fetch_add(bytes, std::memory_order_relaxed);
        return {p, bytes, true};
      }
    }
#endif
    return {::operator new(bytes), bytes, false};
  }

  static void deallocate(const memory_chunk& c) noexcept {
#if defined(__linux__)
    if (c.mapped) {
      ::munmap(c.memory, c.bytes);
      mapped_record_bytes_total.fetch_sub(c.bytes, std::memory_order_relaxed);
      return;
    }
#endif
    ::operator delete(c.memory);
  }

 private:
#if defined(__linux__)
  /// Maps a huge page more than asked and trims both ends, so that the chunk starts on a huge
  /// page boundary without keeping address space it does not use.
  static void* map_aligned(std::size_t bytes) noexcept {
    const std::size_t span = bytes + huge_page_bytes;
    void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
    const std::uintptr_t end = start + span;
    if (aligned > start) ::munmap(raw, aligned - start);
    if (end > aligned + bytes) ::munmap(reinterpret_cast<void*>(aligned + bytes), end - (aligned + bytes));
#if defined(MADV_HUGEPAGE)
    // Advice only: a kernel without transparent huge pages keeps 4 KiB pages.
    ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
#endif
    return reinterpret_cast<void*>(aligned);
  }
#endif
  bool huge_pages_ = true;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_CHUNK_MEMORY_HPP

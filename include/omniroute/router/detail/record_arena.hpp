// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Records of one type packed into large chunks and recycled: the member records (~30 per
// agent) that every availability index threads through, and the groups. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_RECORD_ARENA_HPP
#define OMNIROUTE_ROUTER_DETAIL_RECORD_ARENA_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/chunk_memory.hpp>

#include <algorithm>
#include <cstddef>
#include <new>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// Makes room in `v` for `needed` elements, growing by at least an eighth rather than
/// doubling: vectors sized by configuration (a member list per group) grow one entry at a
/// time to hundreds of thousands, and doubling's slack was ~100 bytes per agent. Amortised
/// O(1) per element still: each growth copies at most 9x.
template <class T>
void reserve_by_eighth(std::vector<T>& v, std::size_t needed) {
  if (v.capacity() < needed) v.reserve(std::max(needed, v.capacity() + v.capacity() / 8 + 4));
}

/// Owns every T it makes, in chunks that double up to `max_chunk_records` (from the router's
/// chunk_source, so on huge pages when it has them): a record costs its size, not a heap header
/// too, and records made together sit together. Records given back are kept constructed and
/// handed out again last-given-first; a taken record keeps whatever its previous user left in
/// it (its buffers' capacity is the point) and the caller resets the fields it relies on.
/// Records never move and live until the arena is destroyed.
///
/// The spare records are a list through `T::next_spare` (a T*), a field the record does not
/// use while it is spare: a stack of pointers beside them, with room for every record made so
/// that giving one back could not fail, cost ~270 bytes per agent (8 per member record).
///
/// Complexity: take and give O(1); take allocates only when no record is spare and the last
/// chunk is full, give never.
template <class T>
class record_arena {
  static_assert(alignof(T) <= chunk_source::chunk_alignment, "chunks start on a cache line, no more");

 public:
  static constexpr std::size_t first_chunk_records = 64;
  static constexpr std::size_t max_chunk_records = 16384;

  /// `source`: where chunks come from (null: operator new); it must outlive the arena.
  explicit record_arena(chunk_source* source = nullptr) noexcept : source_(source) {}
  record_arena(const record_arena&) = delete;
  record_arena& operator=(const record_arena&) = delete;

  ~record_arena() {
    for (std::size_t i = 0; i < chunks_.size(); ++i) {
      T* records = static_cast<T*>(chunks_[i].memory);
      const std::size_t made = i + 1 == chunks_.size() ? used_in_last_ : records_in(chunks_[i]);
      for (std::size_t k = 0; k < made; ++k) records[k].~T();
      release_chunk(chunks_[i]);
    }
  }

  /// A record given back earlier, or a new one. `keep`: take a spare only while more than that
  /// many are left (records made up front for one use must be there for it).
  T* take(std::size_t keep = 0) {
    if (spares_ <= keep) return make();
    T* t = first_spare_;
    first_spare_ = t->next_spare;
    --spares_;
    return t;
  }

  /// Gives a record back for reuse. Precondition: it came from this arena and is not spare.
  void give(T* t) noexcept {
    t->next_spare = first_spare_;
    first_spare_ = t;
    ++spares_;
  }

  /// Makes `n` records up front, each set up by `init(T&)` (which sizes their buffers for
  /// typical use), so that the first `n` takes beyond what was given back allocate nothing.
  template <class Init>
  void prefill(std::size_t n, Init init) {
    for (std::size_t i = 0; i < n; ++i) {
      T* t = make();
      init(*t);
      give(t);
    }
  }

  /// Records given back and not taken since.
  std::size_t spares() const noexcept { return spares_; }
  /// Records made so far (live and spare).
  std::size_t made() const noexcept { return made_; }
  /// Bytes of chunk memory held, made into records or not (rounded to cache lines).
  std::size_t chunk_bytes() const noexcept {
    std::size_t bytes = 0;
    for (const memory_chunk& c : chunks_) bytes += c.bytes;
    return bytes;
  }

 private:
  static std::size_t records_in(const memory_chunk& c) noexcept { return c.bytes / sizeof(T); }

  T* make() {
    if (chunks_.empty() || used_in_last_ == records_in(chunks_.back())) grow();
    T* t = ::new (static_cast<T*>(chunks_.back().memory) + used_in_last_) T();
    ++used_in_last_;
    ++made_;
    return t;
  }

  void grow() {
    const std::size_t records =
        chunks_.empty() ? first_chunk_records : std::min(2 * records_in(chunks_.back()), max_chunk_records);
    chunks_.reserve(chunks_.size() + 1);
    chunks_.push_back(allocate_chunk(source_, records * sizeof(T)));
    used_in_last_ = 0;
  }

  chunk_source* source_ = nullptr;
  std::vector<memory_chunk> chunks_;
  std::size_t used_in_last_ = 0;
  std::size_t made_ = 0;
  T* first_spare_ = nullptr;  // the last given back
  std::size_t spares_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_RECORD_ARENA_HPP

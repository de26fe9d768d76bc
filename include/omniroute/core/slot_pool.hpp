// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Stable storage for router objects addressed by generation-checked handles.
#ifndef OMNIROUTE_CORE_SLOT_POOL_HPP
#define OMNIROUTE_CORE_SLOT_POOL_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/chunk_memory.hpp>

#include <cstdint>
#include <new>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// A pool of T in fixed-size chunks: objects never move (intrusive hooks stay valid), freed
/// slots are reused last-freed-first, and each slot counts its generation so that handles to an
/// ended object are recognised. Objects are constructed once per slot and recycled; T must
/// provide `reset()` to return to a blank state.
///
/// Complexity: acquire, release and lookup are O(1). acquire allocates only when every chunk is
/// full (one chunk of `chunk_size` objects at a time).
///
/// Chunks come from a chunk_source (the router's, on huge pages when it has them) or operator
/// new.
template <class T, std::uint32_t ChunkBits = 10>
class slot_pool {
 public:
  static constexpr std::uint32_t chunk_size = 1u << ChunkBits;

  /// `source`: where chunks come from (null: operator new); it must outlive the pool.
  explicit slot_pool(chunk_source* source = nullptr) noexcept : source_(source) {}
  slot_pool(const slot_pool&) = delete;
  slot_pool& operator=(const slot_pool&) = delete;
  ~slot_pool() {
    for (const memory_chunk& c : chunks_) {
      slot* slots = static_cast<slot*>(c.memory);
      for (std::uint32_t i = 0; i < chunk_size; ++i) slots[i].~slot();
      release_chunk(c);
    }
  }

  /// Makes room for at least n live objects without further allocation.
  void reserve(std::uint32_t n) {
    if (capacity() >= n) return;
    while (capacity() < n) grow();
    // Re-thread the free list so that the lowest free index is used first.
    free_head_ = none;
    for (std::uint32_t i = capacity(); i-- > 0;) {
      slot& s = at(i);
      if (s.live()) continue;
      s.next_free = free_head_;
      free_head_ = i;
    }
  }

  /// A blank object and its slot index; its generation is generation(index).
  std::uint32_t acquire() {
    if (free_head_ == none) grow();
    const std::uint32_t index = free_head_;
    slot& s = at(index);
    free_head_ = s.next_free;
    s.next_free = in_use;
    ++live_;
    return index;
  }

  /// Ends the object in slot `index`: resets it and bumps the generation.
  /// Precondition: the slot is live.
  void release(std::uint32_t index) noexcept {
    slot& s = at(index);
    OMNIROUTE_ASSERT(s.live(), "slot_pool::release of a free slot");
    s.value.reset();
    if (++s.generation == 0) s.generation = 1;  // 0 marks the null handle
    s.next_free = free_head_;
    free_head_ = index;
    --live_;
  }

  /// The live object named by (index, generation), or null.
  T* find(std::uint32_t index, std::uint32_t generation) noexcept {
    if (index >= capacity()) return nullptr;
    slot& s = at(index);
    return (s.live() && s.generation == generation) ? &s.value : nullptr;
  }
  const T* find(std::uint32_t index, std::uint32_t generation) const noexcept {
    return const_cast<slot_pool*>(this)->find(index, generation);
  }

  /// Precondition: index < capacity().
  T& operator[](std::uint32_t index) noexcept { return at(index).value; }
  const T& operator[](std::uint32_t index) const noexcept {
    return const_cast<slot_pool*>(this)->at(index).value;
  }
  bool is_live(std::uint32_t index) const noexcept {
    return index < capacity() && const_cast<slot_pool*>(this)->at(index).live();
  }
  std::uint32_t generation(std::uint32_t index) const noexcept {
    return const_cast<slot_pool*>(this)->at(index).generation;
  }
  std::uint32_t capacity() const noexcept {
    return static_cast<std::uint32_t>(chunks_.size()) * chunk_size;
  }
  std::uint32_t live() const noexcept { return live_; }

  // ----- Snapshot support ------------------------------------------------------------------
  // A snapshot saves the slot layout (generations, which slots are live, the free-list order)
  // so that, restored, every handle issued before stays valid and acquire() hands out the same
  // slots in the same order as the original pool would have.

  /// Calls f(index) for each free slot in the order acquire() will use them. Complexity: O(free).
  template <class F>
  void for_each_free(F&& f) const {
    for (std::uint32_t i = free_head_; i != none; i = const_cast<slot_pool*>(this)->at(i).next_free) f(i);
  }

  /// Starts a restore: grows to at least `capacity` slots. Precondition: no slot was ever used
  /// (a fresh pool). Every slot stays free at generation 1 until restore_slot() says otherwise.
  /// Complexity: O(capacity); allocates the chunks.
  void restore_begin(std::uint32_t capacity) {
    while (this->capacity() < capacity) grow();
  }
  /// Gives slot `index` its generation and liveness (a live slot holds a blank object for the
  /// caller to fill). Preconditions: restore_begin() ran, index < capacity(), generation != 0,
  /// and each slot is restored at most once.
  void restore_slot(std::uint32_t index, std::uint32_t generation, bool live) noexcept {
    slot& s = at(index);
    s.generation = generation;
    if (live) {
      if (!s.live()) ++live_;
      s.next_free = in_use;
    } else if (s.live()) {
      --live_;
      s.next_free = none;
    }
  }
  /// Ends a restore by threading the free list: `order` first (the saved free-list order), then
  /// every other free slot in ascending index order (slots the saved pool had not allocated
  /// yet, which it would have used in that order). Returns false, leaving the list unusable
  /// until a successful call, when `order` names a live slot, a slot out of range or one twice.
  /// Complexity: O(capacity).
  template <class Range>
  bool restore_free_list(const Range& order) noexcept {
    static constexpr std::uint32_t unthreaded = in_use - 1;
    for (std::uint32_t i = 0; i < capacity(); ++i) {
      if (!at(i).live()) at(i).next_free = unthreaded;
    }
    free_head_ = none;
    std::uint32_t tail = none;
    auto link = [&](std::uint32_t i) {
      at(i).next_free = none;
      if (tail == none) {
        free_head_ = i;
      } else {
        at(tail).next_free = i;
      }
      tail = i;
    };
    for (std::uint32_t i : order) {
      if (i >= capacity() || at(i).next_free != unthreaded) return false;
      link(i);
    }
    for (std::uint32_t i = 0; i < capacity(); ++i) {
      if (at(i).next_free == unthreaded) link(i);
    }
    return true;
  }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;  // the end of the free list
  // A live slot's next_free: liveness needs no flag of its own, which would pad every slot
  // by 8 bytes (a waiting contact's record is 240 bytes, its slot 248).
  static constexpr std::uint32_t in_use = none - 1;

  struct slot {
    T value;
    std::uint32_t generation = 1;
    std::uint32_t next_free = none;

    bool live() const noexcept { return next_free == in_use; }
  };

  slot& at(std::uint32_t index) noexcept {
    return static_cast<slot*>(chunks_[index >> ChunkBits].memory)[index & (chunk_size - 1)];
  }

  void grow() {
    const std::uint32_t base = capacity();
    chunks_.reserve(chunks_.size() + 1);
    const memory_chunk c = allocate_chunk(source_, std::size_t{chunk_size} * sizeof(slot));
    slot* slots = static_cast<slot*>(c.memory);
    for (std::uint32_t i = 0; i < chunk_size; ++i) ::new (slots + i) slot();
    chunks_.push_back(c);
    // Thread the new slots onto the free list so that lower indexes are used first.
    for (std::uint32_t i = chunk_size; i-- > 0;) {
      slots[i].next_free = free_head_;
      free_head_ = base + i;
    }
  }

  chunk_source* source_ = nullptr;
  std::vector<memory_chunk> chunks_;
  std::uint32_t free_head_ = none;
  std::uint32_t live_ = 0;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_SLOT_POOL_HPP

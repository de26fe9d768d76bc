// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// slot_pool: the storage behind every handle. A slot's liveness lives in its free-list link,
// so these check that live and free slots never look alike, through use and through a restore.
#include <omniroute/core/slot_pool.hpp>

#include <vector>

#include "support/catch.hpp"

using omniroute::detail::slot_pool;

namespace {

struct blank {
  int value = 0;
  void reset() noexcept { value = 0; }
};

using small_pool = slot_pool<blank, 2>;  // chunks of 4 slots: growth is easy to reach

}  // namespace

TEST_CASE("slot_pool: handles find live objects only, and a reused slot has a new generation", "[core][slot_pool]") {
  small_pool pool;
  const std::uint32_t a = pool.acquire();
  const std::uint32_t b = pool.acquire();
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(pool.live() == 2);
  pool[a].value = 7;
  const std::uint32_t generation = pool.generation(a);
  REQUIRE(pool.find(a, generation) != nullptr);
  CHECK(pool.find(a, generation)->value == 7);
  CHECK(pool.find(a, generation + 1) == nullptr);
  CHECK(pool.is_live(a));
  CHECK_FALSE(pool.is_live(2));
  CHECK_FALSE(pool.is_live(1000));

  pool.release(a);
  CHECK_FALSE(pool.is_live(a));
  CHECK(pool.find(a, generation) == nullptr);
  CHECK(pool.live() == 1);
  // Last freed, first reused: blank, under a new generation.
  CHECK(pool.acquire() == a);
  CHECK(pool[a].value == 0);
  CHECK(pool.generation(a) == generation + 1);
  CHECK(pool.find(a, generation + 1) != nullptr);
  CHECK(pool.find(a, generation) == nullptr);
}

TEST_CASE("slot_pool: growing by chunks keeps every slot's liveness", "[core][slot_pool]") {
  small_pool pool;
  std::vector<std::uint32_t> held;
  for (int i = 0; i < 10; ++i) held.push_back(pool.acquire());
  CHECK(pool.capacity() == 12);
  for (std::uint32_t i = 0; i < 10; ++i) CHECK(held[i] == i);
  for (std::uint32_t i = 0; i < 10; i += 2) pool.release(i);
  for (std::uint32_t i = 0; i < pool.capacity(); ++i) {
    INFO("slot " << i);
    CHECK(pool.is_live(i) == (i < 10 && i % 2 == 1));
  }
  // reserve() re-threads the free slots, lowest index first, and leaves live ones alone.
  pool.reserve(20);
  CHECK(pool.capacity() == 20);
  CHECK(pool.live() == 5);
  const std::vector<std::uint32_t> expected{0, 2, 4, 6, 8, 10, 11, 12};
  for (std::uint32_t want : expected) CHECK(pool.acquire() == want);
  for (std::uint32_t i = 1; i < 10; i += 2) CHECK(pool.is_live(i));
}

TEST_CASE("slot_pool: a restore rebuilds generations, liveness and the free-list order", "[core][slot_pool]") {
  small_pool pool;
  pool.restore_begin(8);
  REQUIRE(pool.capacity() == 8);
  pool.restore_slot(0, 3, true);
  pool.restore_slot(1, 5, false);
  pool.restore_slot(2, 2, true);
  pool.restore_slot(5, 9, false);
  CHECK(pool.live() == 2);
  CHECK(pool.find(0, 3) != nullptr);
  CHECK(pool.find(2, 2) != nullptr);
  CHECK(pool.find(1, 5) == nullptr);

  SECTION("a free list naming a live slot, a slot out of range or one twice is refused") {
    CHECK_FALSE(pool.restore_free_list(std::vector<std::uint32_t>{5, 0}));
    CHECK_FALSE(pool.restore_free_list(std::vector<std::uint32_t>{5, 8}));
    CHECK_FALSE(pool.restore_free_list(std::vector<std::uint32_t>{5, 1, 5}));
    // A refused list changed no slot's liveness.
    CHECK(pool.is_live(0));
    CHECK(pool.is_live(2));
    CHECK(pool.live() == 2);
  }
  SECTION("the saved order first, then the other free slots in ascending order") {
    REQUIRE(pool.restore_free_list(std::vector<std::uint32_t>{5, 1}));
    std::vector<std::uint32_t> order;
    for (int i = 0; i < 6; ++i) order.push_back(pool.acquire());
    CHECK(order == std::vector<std::uint32_t>{5, 1, 3, 4, 6, 7});
    CHECK(pool.generation(5) == 9);
    CHECK(pool.live() == 8);
    CHECK(pool.find(0, 3) != nullptr);
  }
}

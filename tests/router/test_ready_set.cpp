// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// ready_set: contacts in line order, with the first one's place copied out (ready_front) and
// the count of every set's contacts kept in one shared total (the router skips an agent-side
// walk when that total is zero).
#include <omniroute/router/detail/records.hpp>

#include <array>
#include <cstddef>

#include "support/catch.hpp"

using omniroute::detail::contact_rec;
using omniroute::detail::ready_front;
using omniroute::detail::ready_set;

TEST_CASE("ready sets keep their first contact's place and a shared count of their contacts", "[ready_set]") {
  std::array<contact_rec, 5> c;
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i].key.rank = i == 3 ? -1 : 0;  // c[3] has priority
    c[i].key.time = static_cast<std::int64_t>(10 * (i + 1));
  }
  std::size_t total = 0;
  ready_front front_a;
  ready_front front_b;
  ready_set a;
  ready_set b;
  a.watch(&front_a, &total);
  b.watch(&front_b, &total);
  CHECK(front_a.empty());

  a.insert(c[1]);
  a.insert(c[0]);
  b.insert(c[2]);
  CHECK(total == 3);
  CHECK(front_a.time == 10);
  a.insert(c[3]);  // priority: first
  CHECK(front_a.rank == -1);
  CHECK(front_a.time == 40);
  CHECK(total == 4);

  a.erase(a.begin());
  CHECK(front_a.time == 10);
  CHECK(total == 3);
  b.clear();
  CHECK(front_b.empty());
  CHECK(total == 2);

  // Watched by another total, a set moves its contacts to it; unwatched, it counts nowhere.
  std::size_t other = 0;
  a.watch(&front_a, &other);
  CHECK(total == 0);
  CHECK(other == 2);
  a.watch(nullptr, nullptr);
  a.insert(c[4]);
  CHECK(other == 0);
  CHECK(a.size() == 3);
  a.watch(&front_a, &total);
  CHECK(total == 3);
  CHECK(front_a.time == 10);
  a.clear();
  CHECK(total == 0);
}

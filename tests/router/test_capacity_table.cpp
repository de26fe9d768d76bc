// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// capacity_table: each distinct capacity profile is kept once, at an address that holds until
// its last holder lets go.
#include <omniroute/router/detail/capacity_table.hpp>

#include "support/catch.hpp"

using omniroute::capacity_profile;
using omniroute::detail::capacity_table;

TEST_CASE("capacity_table keeps equal profiles once and forgets one when its last holder goes",
          "[capacity_table]") {
  capacity_table t;
  capacity_profile voice;
  voice.cost[0] = 100;
  capacity_profile chat = voice;
  chat.cost[1] = 25;
  capacity_profile small = voice;
  small.total = 50;

  const capacity_profile* v1 = t.hold(voice);
  const capacity_profile* v2 = t.hold(voice);
  const capacity_profile* c1 = t.hold(chat);
  const capacity_profile* s1 = t.hold(small);
  CHECK(v1 == v2);
  CHECK(v1 != c1);
  CHECK(v1 != s1);
  CHECK(*v1 == voice);
  CHECK(*c1 == chat);
  CHECK(*s1 == small);
  CHECK(t.size() == 3);

  t.release(v1);  // one holder of voice is left
  CHECK(t.size() == 3);
  CHECK(*v2 == voice);
  CHECK(t.hold(voice) == v2);  // held again: the same copy
  t.release(v2);
  t.release(v2);
  CHECK(t.size() == 2);  // voice is gone, the others stay where they were
  CHECK(*c1 == chat);
  CHECK(*s1 == small);
  t.release(nullptr);
  CHECK(t.size() == 2);
  t.release(c1);
  t.release(s1);
  CHECK(t.size() == 0);
}

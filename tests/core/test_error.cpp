// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#include <omniroute/omniroute.hpp>

#include "support/catch.hpp"

using namespace omniroute;

TEST_CASE("errors carry the omniroute category and a readable message", "[error]") {
  std::error_code ec = errc::queue_full;
  CHECK(ec.category().name() == std::string("omniroute"));
  CHECK(ec.message() == "queue full");
  CHECK(ec == errc::queue_full);
}

TEST_CASE("result holds a value or an error, never both", "[error]") {
  result<int> good = 7;
  REQUIRE(good);
  CHECK(*good == 7);
  CHECK_FALSE(good.error());
  result<int> bad = errc::unknown_agent;
  CHECK_FALSE(bad);
  CHECK(bad.error() == errc::unknown_agent);
  status ok;
  CHECK(ok);
}

TEST_CASE("handles are null by default and round-trip through their value", "[handle]") {
  agent_id none;
  CHECK(none.is_null());
  agent_id a(5, 3);
  CHECK(agent_id::from_value(a.value()) == a);
  CHECK(a != agent_id(5, 4));
}

TEST_CASE("seconds convert to nanosecond durations and back", "[time]") {
  CHECK(seconds(1.5).count() == 1'500'000'000);
  CHECK(to_seconds(at_seconds(20)) == 20.0);
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The router's timer set (an internal engine, tested directly because the order in which
// timers due at one instant fire is what makes replays and restored snapshots agree): timers
// that share a bank fire exactly as separate nodes armed in the same order would.
#include <omniroute/engine/timer_set.hpp>

#include "support/catch.hpp"

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace omniroute;
using detail::timer_kind;

namespace {

using bank = detail::timer_bank<timer_kind::max_wait, timer_kind::ring_step, timer_kind::escalation_step,
                                timer_kind::affinity_end>;

time_point at(int s) { return time_point(std::chrono::seconds(s)); }

const char* name(timer_kind k) {
  switch (k) {
    case timer_kind::max_wait: return "max_wait";
    case timer_kind::ring_step: return "ring";
    case timer_kind::escalation_step: return "step";
    case timer_kind::affinity_end: return "affinity";
    case timer_kind::offer_timeout: return "offer";
    default: return "other";
  }
}

/// A timer set with two contacts' banks (owners 0 and 1).
struct two_banks {
  detail::timer_set set;
  bank b0;
  bank b1;

  two_banks() {
    b0.node.owner = 0;
    b1.node.owner = 1;
  }

  /// Fires everything as router_impl::fire_due does: the earliest node, then only its due
  /// slot is disarmed. Returns "owner:kind@second" per timer.
  std::vector<std::string> fire_all() {
    std::vector<std::string> fired;
    while (detail::timer_node* t = set.earliest()) {
      const auto s = std::chrono::duration_cast<std::chrono::seconds>(t->deadline.time_since_epoch()).count();
      fired.push_back(std::to_string(t->owner) + ":" + name(t->kind) + "@" + std::to_string(s));
      if (bank::holds(t->kind)) {
        set.cancel(t->owner == 0 ? b0 : b1, t->kind);
      } else {
        set.cancel(*t);
      }
    }
    return fired;
  }
};

}  // namespace

TEST_CASE("a bank's timers fire in deadline, then arming order, interleaved with other timers",
          "[engine][timers]") {
  two_banks t;
  detail::timer_set& set = t.set;
  bank& b0 = t.b0;
  bank& b1 = t.b1;
  detail::timer_node offer;
  offer.owner = 9;
  offer.kind = timer_kind::offer_timeout;

  set.arm(b0, timer_kind::max_wait, at(10));
  set.arm(b1, timer_kind::escalation_step, at(10));
  set.arm(offer, at(10));
  set.arm(b0, timer_kind::escalation_step, at(10));
  set.arm(b0, timer_kind::affinity_end, at(5));
  set.arm(b1, timer_kind::ring_step, at(20));
  CHECK(set.size() == 3);  // one node per bank, and the offer's
  CHECK(set.next_deadline() == at(5));

  CHECK(t.fire_all() == std::vector<std::string>{"0:affinity@5", "0:max_wait@10", "1:step@10",
                                                               "9:offer@10", "0:step@10", "1:ring@20"});
  CHECK(set.size() == 0);
  CHECK_FALSE(b0.node.armed());
}

TEST_CASE("re-arming or cancelling one timer of a bank moves only that one", "[engine][timers]") {
  two_banks t;
  detail::timer_set& set = t.set;
  bank& b0 = t.b0;
  bank& b1 = t.b1;
  set.arm(b0, timer_kind::max_wait, at(10));
  set.arm(b0, timer_kind::escalation_step, at(30));
  set.arm(b1, timer_kind::escalation_step, at(20));

  SECTION("re-armed earlier, it fires first; the others keep their place") {
    set.arm(b0, timer_kind::escalation_step, at(3));
    CHECK(t.fire_all() == std::vector<std::string>{"0:step@3", "0:max_wait@10", "1:step@20"});
  }
  SECTION("re-armed at the same deadline, it goes after timers armed before it") {
    set.arm(b0, timer_kind::max_wait, at(20));
    CHECK(t.fire_all() == std::vector<std::string>{"1:step@20", "0:max_wait@20", "0:step@30"});
  }
  SECTION("cancelling the earliest lets the next of the bank stand in its place") {
    set.cancel(b0, timer_kind::max_wait);
    CHECK_FALSE(b0.slot(timer_kind::max_wait).armed());
    CHECK(t.fire_all() == std::vector<std::string>{"1:step@20", "0:step@30"});
  }
  SECTION("cancelling a timer that is not armed changes nothing") {
    set.cancel(b0, timer_kind::affinity_end);
    CHECK(t.fire_all() == std::vector<std::string>{"0:max_wait@10", "1:step@20", "0:step@30"});
  }
  SECTION("cancel_all disarms the whole bank") {
    set.cancel_all(b0);
    CHECK(set.size() == 1);
    CHECK(t.fire_all() == std::vector<std::string>{"1:step@20"});
  }
}

TEST_CASE("a bank restored with saved deadlines and sequences fires in the saved order", "[engine][timers]") {
  two_banks original;
  original.set.arm(original.b1, timer_kind::affinity_end, at(7));
  original.set.arm(original.b0, timer_kind::max_wait, at(7));
  original.set.arm(original.b1, timer_kind::max_wait, at(7));
  original.set.arm(original.b0, timer_kind::ring_step, at(4));

  two_banks restored;
  // Restored bank by bank and slot by slot, not in arming order.
  for (auto [from, to] : {std::pair<bank*, bank*>{&original.b0, &restored.b0}, {&original.b1, &restored.b1}}) {
    for (timer_kind k : bank::kinds) {
      const detail::bank_slot& s = from->slot(k);
      if (s.armed()) restored.set.restore(*to, k, s.deadline, s.sequence);
    }
  }
  restored.set.restore_sequence(original.set.sequence());
  const std::vector<std::string> expected{"0:ring@4", "1:affinity@7", "0:max_wait@7", "1:max_wait@7"};
  CHECK(original.fire_all() == expected);
  CHECK(restored.fire_all() == expected);
}

namespace {

/// A reference for the timer set: every armed timer's (deadline, sequence), in one ordered set.
struct timer_model {
  std::set<std::pair<std::int64_t, std::uint64_t>> armed;

  /// What the set should fire next, as (deadline in seconds, sequence).
  std::pair<std::int64_t, std::uint64_t> first() const { return *armed.begin(); }
};

std::int64_t seconds_of(time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

TEST_CASE("random arms, cancels and firings keep (deadline, sequence) order through lanes and overflow",
          "[engine][timers]") {
  // `durations` fixed durations armed at a clock that only moves forward, as the router arms
  // them, plus arbitrary deadlines: few durations keep to the lanes, many spill into the
  // overflow tree, and the firing order must not depend on where a timer sits.
  const std::uint64_t seed = GENERATE(1u, 2u, 3u);
  const int durations = GENERATE(3, 20);
  std::mt19937_64 rng(seed);
  constexpr std::size_t timers = 200;
  std::vector<detail::timer_node> nodes(timers);
  for (std::size_t i = 0; i < timers; ++i) nodes[i].owner = static_cast<std::uint32_t>(i);
  detail::timer_set set;
  timer_model model;
  std::int64_t now = 0;
  bool overflowed = false;

  auto check_first = [&] {
    REQUIRE(set.size() == model.armed.size());
    if (model.armed.empty()) {
      REQUIRE(set.earliest() == nullptr);
      REQUIRE(set.next_deadline() == never);
      return;
    }
    const detail::timer_node* t = set.earliest();
    REQUIRE(t != nullptr);
    REQUIRE(std::make_pair(seconds_of(t->deadline), t->sequence) == model.first());
    REQUIRE(set.next_deadline() == t->deadline);
  };

  for (int step = 0; step < 20000; ++step) {
    detail::timer_node& n = nodes[rng() % timers];
    const unsigned op = static_cast<unsigned>(rng() % 10);
    if (op < 5) {
      const std::int64_t deadline = (rng() % 8 == 0) ? now + static_cast<std::int64_t>(rng() % 500)
                                                      : now + 10 * (1 + static_cast<std::int64_t>(rng() % durations));
      if (n.armed()) model.armed.erase({seconds_of(n.deadline), n.sequence});
      set.arm(n, at(static_cast<int>(deadline)));
      model.armed.insert({deadline, n.sequence});
    } else if (op < 7) {
      if (n.armed()) model.armed.erase({seconds_of(n.deadline), n.sequence});
      set.cancel(n);
      REQUIRE_FALSE(n.armed());
    } else if (op < 9) {
      // Fire what is due by a clock that moves on, as router_impl::fire_due does.
      now += static_cast<std::int64_t>(rng() % 7);
      while (detail::timer_node* t = set.earliest()) {
        if (seconds_of(t->deadline) > now) break;
        REQUIRE(std::make_pair(seconds_of(t->deadline), t->sequence) == model.first());
        model.armed.erase(model.armed.begin());
        set.cancel(*t);
      }
    } else if (n.armed()) {
      // A restore-style re-insertion with its old sequence (as a bank's node moves).
      const auto key = std::make_pair(seconds_of(n.deadline), n.sequence);
      set.cancel(n);
      set.restore(n, at(static_cast<int>(key.first)), key.second);
    }
    overflowed = overflowed || set.overflowed() > 0;
    check_first();
  }
  if (durations > static_cast<int>(detail::timer_set::lane_count)) CHECK(overflowed);
  set.clear();
  CHECK(set.size() == 0);
  for (const detail::timer_node& n : nodes) CHECK_FALSE(n.armed());
}

TEST_CASE("a timer set cleared while lanes and the tree hold timers can be reused", "[engine][timers]") {
  // The nodes outlive the set, as the router's pools outlive its timer set: the set's
  // destructor disarms what is still armed.
  std::vector<detail::timer_node> nodes(3 * detail::timer_set::lane_count);
  detail::timer_set set;
  // Each timer earlier than all before it: each takes a lane of its own until none is free.
  for (std::size_t i = 0; i < nodes.size(); ++i) set.arm(nodes[i], at(static_cast<int>(1000 - i)));
  CHECK(set.overflowed() == nodes.size() - detail::timer_set::lane_count);
  CHECK(set.next_deadline() == at(static_cast<int>(1001 - nodes.size())));
  set.clear();
  for (const detail::timer_node& n : nodes) CHECK_FALSE(n.armed());
  set.arm(nodes[0], at(5));
  CHECK(set.earliest() == &nodes[0]);
  CHECK(set.overflowed() == 0);
}

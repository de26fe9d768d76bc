// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// membership_list: an agent's memberships, each a (member, group) pair, kept in order through
// appends, removals, growth and trimming, with the groups readable on their own.
#include <omniroute/router/detail/membership_list.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "support/catch.hpp"

using omniroute::detail::group_rec;
using omniroute::detail::member_rec;
using omniroute::detail::membership_list;
using omniroute::detail::membership_ref;

namespace {

// Distinct addresses to list; the records are never read through them.
struct fake_records {
  char members[64] = {};
  char groups[64] = {};
  member_rec* member(int i) { return reinterpret_cast<member_rec*>(members + i); }
  group_rec* group(int i) { return reinterpret_cast<group_rec*>(groups + i); }
};

std::vector<std::pair<member_rec*, group_rec*>> pairs_of(const membership_list& list) {
  std::vector<std::pair<member_rec*, group_rec*>> out;
  for (const membership_ref& r : list) out.emplace_back(r.member, r.group);
  return out;
}

}  // namespace

TEST_CASE("membership_list keeps each member with its group, in order, through growth and removals",
          "[membership_list]") {
  fake_records f;
  membership_list list;
  CHECK(list.empty());
  CHECK(list.capacity() == 0);
  std::vector<std::pair<member_rec*, group_rec*>> model;
  for (int i = 0; i < 40; ++i) {  // grows past its first room several times
    list.push_back(f.member(i), f.group(40 - i));
    model.emplace_back(f.member(i), f.group(40 - i));
  }
  REQUIRE(list.size() == 40);
  CHECK(list.capacity() >= 40);
  CHECK(pairs_of(list) == model);
  for (std::size_t i = 0; i < list.size(); ++i) {
    CHECK(list.group(i) == model[i].second);
    CHECK(list.member(i) == model[i].first);
  }
  CHECK(list.back().member == f.member(39));

  // Removal by member keeps the others' order and pairing.
  for (int gone : {0, 17, 39, 5}) {
    const std::size_t at = list.find(f.member(gone));
    REQUIRE(at < list.size());
    list.erase(at);
    model.erase(std::find(model.begin(), model.end(), std::make_pair(f.member(gone), f.group(40 - gone))));
    CHECK(pairs_of(list) == model);
  }
  CHECK(list.find(f.member(17)) == list.size());  // no longer listed

  // Trimming keeps the asked room and every pair; it never drops below the size.
  list.shrink_to(list.size() + 4);
  CHECK(list.capacity() == list.size() + 4);
  CHECK(pairs_of(list) == model);
  list.shrink_to(0);
  CHECK(list.capacity() == list.size());
  CHECK(pairs_of(list) == model);
  list.reserve(list.size() + 10);
  CHECK(list.capacity() == list.size() + 10);
  list.push_back(f.member(50), f.group(50));
  model.emplace_back(f.member(50), f.group(50));
  CHECK(pairs_of(list) == model);

  // Moves hand the storage over.
  membership_list moved(std::move(list));
  CHECK(pairs_of(moved) == model);
  CHECK(list.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty
  membership_list other;
  other.push_back(f.member(60), f.group(60));
  other = std::move(moved);
  CHECK(pairs_of(other) == model);

  // clear keeps the room, so listing again allocates nothing.
  const std::size_t room = other.capacity();
  other.clear();
  CHECK(other.empty());
  CHECK(other.capacity() == room);
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// avail_index: the list of entries with a sampled tree over it and a hint at each band's end.
// Random inserts, late inserts of re-keyed entries and erasures, checked after every step
// against a plain ordered model: the list holds exactly the linked entries in key order, the
// first entry of every band is sampled, a lower bound finds the model's, and a late insert
// that ends its band leaves the band's hint on it.
#include <omniroute/router/detail/avail_index.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "support/catch.hpp"

using omniroute::detail::avail_index;
using omniroute::detail::avail_key;
using omniroute::detail::avail_node;
using omniroute::detail::band_kind;

namespace {

constexpr std::uint32_t tiers = 3;
constexpr std::int64_t scores = 4;

void check(avail_index& index, const std::vector<avail_node>& nodes) {
  std::vector<const avail_node*> linked;
  for (const avail_node& n : nodes) {
    if (n.linked()) linked.push_back(&n);
    if (!n.linked()) REQUIRE_FALSE(avail_index::sampled(n));
  }
  std::sort(linked.begin(), linked.end(), [](const avail_node* a, const avail_node* b) { return a->key < b->key; });
  REQUIRE(index.size() == linked.size());
  std::size_t i = 0;
  const avail_node* before = nullptr;
  for (auto it = index.begin(); it != index.end(); ++it, ++i) {
    REQUIRE(&*it == linked[i]);
    const bool first_of_band = before == nullptr || !same_band(before->key, it->key);
    if (first_of_band) REQUIRE(avail_index::sampled(*it));
    before = &*it;
  }
  REQUIRE(i == linked.size());
  // Every hint names a linked entry that ends its band (a late insert at or after it goes
  // right behind it without reading further).
  for (const avail_node& n : nodes) {
    if (const avail_node* h = index.hint(n.key)) {
      REQUIRE(h->linked());
      REQUIRE(index.ends_band(*h));
    }
  }
  // Backwards too: the list's prev links.
  for (auto it = index.end(); it != index.begin();) {
    --it;
    REQUIRE(&*it == linked[--i]);
  }
}

/// lower_bound against the model, for a probe between, on and past the entries.
void check_lower_bound(avail_index& index, const std::vector<avail_node>& nodes, const avail_key& key) {
  const avail_node* expected = nullptr;
  for (const avail_node& n : nodes) {
    if (n.linked() && !(n.key < key) && (expected == nullptr || n.key < expected->key)) expected = &n;
  }
  const auto found = index.lower_bound(key);
  if (expected == nullptr) {
    REQUIRE(found == index.end());
  } else {
    REQUIRE(found != index.end());
    REQUIRE(&*found == expected);
  }
}

void insert_late_checked(avail_index& index, avail_node& n) {
  const auto placed = index.insert_late(n);
  REQUIRE(&*placed == &n);
  const auto after = std::next(placed);
  const bool ends_band = after == index.end() || !same_band(after->key, n.key);
  if (ends_band && n.key.band != band_kind::none) REQUIRE(index.hint(n.key) == &n);
}

/// Links `count` nodes of one tier band, keyed 0, 1, 2... in that order.
void link_one_band(avail_index& index, avail_node* nodes, std::size_t count) {
  for (std::size_t k = 0; k < count; ++k) {
    nodes[k].key.band = band_kind::tier;
    nodes[k].key.primary = static_cast<std::int64_t>(k);
    nodes[k].key.agent_seq = k;
    index.insert(nodes[k]);
  }
}

void run(std::uint32_t seed, bool banded) {
  // One band kind per index, as the router keeps it (a group has one strategy).
  std::mt19937_64 rng(seed);
  std::vector<avail_node> nodes(120);
  avail_index index;
  std::int64_t clock = 1000;
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    avail_node& n = nodes[k];
    const std::uint32_t tier = static_cast<std::uint32_t>(rng() % tiers);
    const std::int64_t score = static_cast<std::int64_t>(rng() % scores);
    n.key.tier = tier;
    n.key.primary = -score;
    n.key.band = banded ? (seed % 2 == 0 ? band_kind::tier_primary : band_kind::tier) : band_kind::none;
    n.key.agent_seq = k;
  }
  for (int step = 0; step < 4000; ++step) {
    avail_node& n = nodes[rng() % nodes.size()];
    const unsigned what = static_cast<unsigned>(rng() % 10);
    if (!n.linked()) {
      // Linked with a key from the past (a login, a refresh): anywhere in its band.
      n.key.secondary = clock - static_cast<std::int64_t>(rng() % 2000);
      index.insert(n);
    } else if (what < 6) {
      // Re-keyed as current() does: the idle time grows, mostly to the latest, sometimes to
      // a time other entries of the band already passed, or ties the latest.
      const auto it = index.iterator_to(n);
      index.erase(it);
      const unsigned how = static_cast<unsigned>(rng() % 4);
      if (how == 0) {
        n.key.secondary += static_cast<std::int64_t>(rng() % 50);
      } else if (how == 1) {
        n.key.secondary = clock;
      } else {
        clock += static_cast<std::int64_t>(rng() % 3);
        n.key.secondary = std::max(n.key.secondary, clock);
      }
      insert_late_checked(index, n);
    } else if (what < 9) {
      index.erase(index.iterator_to(n));
    } else if (step % 500 == 0) {
      index.clear();
    }
    check(index, nodes);
    avail_key probe;
    probe.tier = static_cast<std::uint32_t>(rng() % (tiers + 1));
    probe.primary = -static_cast<std::int64_t>(rng() % (scores + 1));
    probe.secondary = clock - static_cast<std::int64_t>(rng() % 2100);
    probe.agent_seq = rng() % (nodes.size() + 1);
    check_lower_bound(index, nodes, probe);
  }
  index.clear();
}

}  // namespace

TEST_CASE("avail_index keeps key order and every band's last entry", "[avail_index]") {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    run(seed, true);
  }
}

TEST_CASE("avail_index without bands is the plain tree", "[avail_index]") {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    run(seed, false);
  }
}

TEST_CASE("avail_index late insert lands behind the band's last entry", "[avail_index]") {
  // Three entries of one band and one of the next: an entry re-keyed to the latest time goes
  // last in its band, before the next band, and becomes the band's hint.
  std::array<avail_node, 4> n{};
  avail_index index;
  for (std::size_t k = 0; k < n.size(); ++k) {
    n[k].key.band = band_kind::tier_primary;
    n[k].key.primary = k < 3 ? -5 : -3;
    n[k].key.secondary = static_cast<std::int64_t>(10 * k);
    n[k].key.agent_seq = k;
    index.insert(n[k]);
  }
  REQUIRE(avail_index::sampled(n[0]));
  REQUIRE(avail_index::sampled(n[3]));
  REQUIRE(index.hint(n[0].key) == nullptr);  // plain inserts leave no hint
  index.erase(index.iterator_to(n[0]));
  REQUIRE(avail_index::sampled(n[1]));  // the band's new first took its place in the tree
  n[0].key.secondary = 100;
  const auto placed = index.insert_late(n[0]);
  REQUIRE(&*placed == &n[0]);
  REQUIRE(index.hint(n[0].key) == &n[0]);
  REQUIRE(&*std::next(placed) == &n[3]);
  REQUIRE(&*std::prev(placed) == &n[2]);
  // From the hint: n[1] re-keyed between n[2] and n[0] steps back one entry.
  index.erase(index.iterator_to(n[1]));
  REQUIRE(avail_index::sampled(n[2]));
  n[1].key.secondary = 50;
  index.insert_late(n[1]);
  REQUIRE(&*index.begin() == &n[2]);
  REQUIRE(&*std::next(index.iterator_to(n[2])) == &n[1]);
  REQUIRE(&*std::next(index.iterator_to(n[1])) == &n[0]);
  REQUIRE(index.hint(n[0].key) == &n[0]);  // n[1] did not end the band
  index.clear();
  for (const avail_node& x : n) REQUIRE_FALSE(x.linked());
}

TEST_CASE("avail_index hands a band's hint to an entry linked behind the band's end", "[avail_index]") {
  // A plain insert after the hinted end ends the band: the hint moves to it, so that the next
  // late insert, which trusts the hint to end the band, lands behind it and not between it
  // and the entry before.
  std::array<avail_node, 4> n{};
  avail_index index;
  for (std::size_t k = 0; k < n.size(); ++k) {
    n[k].key.band = band_kind::tier_primary;
    n[k].key.primary = k < 3 ? -5 : -3;  // n[3] is the next band
    n[k].key.agent_seq = k;
  }
  n[3].key.secondary = 0;
  index.insert(n[3]);
  n[0].key.secondary = 10;
  index.insert_late(n[0]);
  REQUIRE(index.hint(n[0].key) == &n[0]);
  n[1].key.secondary = 20;
  index.insert(n[1]);  // behind the band's end, by a descent
  REQUIRE(index.hint(n[0].key) == &n[1]);
  n[2].key.secondary = 30;
  index.insert_late(n[2]);
  REQUIRE(&*index.begin() == &n[0]);
  REQUIRE(&*std::next(index.begin()) == &n[1]);
  REQUIRE(&*std::next(index.begin(), 2) == &n[2]);
  REQUIRE(&*std::next(index.begin(), 3) == &n[3]);
  REQUIRE(index.hint(n[0].key) == &n[2]);
  // An insert before the end leaves the hint where it is.
  index.erase(index.iterator_to(n[1]));
  n[1].key.secondary = 15;
  index.insert(n[1]);
  REQUIRE(index.hint(n[0].key) == &n[2]);
  index.clear();
}

TEST_CASE("avail_index forgets a hint whose node moves to another index", "[avail_index]") {
  // A member that leaves a group takes its nodes to another group's index: a hint left naming
  // one would send the next late insert into the wrong list.
  std::array<avail_node, 3> n{};
  avail_index a;
  avail_index b;
  link_one_band(a, n.data(), n.size());
  a.erase(a.iterator_to(n[2]));
  n[2].key.primary = 10;
  a.insert_late(n[2]);
  REQUIRE(a.hint(n[2].key) == &n[2]);
  a.erase(a.iterator_to(n[2]));
  REQUIRE(a.hint(n[2].key) == &n[1]);  // handed to the band's new end, off the leaving node
  a.forget(n[2]);                      // so forgetting it changes nothing
  REQUIRE(a.hint(n[2].key) == &n[1]);
  a.forget(n[1]);
  REQUIRE(a.hint(n[2].key) == nullptr);
  b.insert(n[2]);
  a.erase(a.iterator_to(n[0]));
  n[0].key.primary = 20;
  a.insert_late(n[0]);
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 1);
  REQUIRE(&*a.begin() == &n[1]);
  REQUIRE(&*std::next(a.begin()) == &n[0]);
  a.clear();
  b.clear();
}

TEST_CASE("avail_index hands a band's hint to the entry before it when that entry leaves", "[avail_index]") {
  // A busy agent's entry is dropped from the band's end: the band keeps a hint, on the entry
  // that now ends it, and loses it only when no entry of the band is left before.
  std::array<avail_node, 4> n{};
  avail_index index;
  for (std::size_t k = 0; k < n.size(); ++k) {
    n[k].key.band = band_kind::tier;
    n[k].key.tier = k < 3 ? 1 : 0;  // n[3] is a band of its own, before the others
    n[k].key.primary = static_cast<std::int64_t>(k);
    n[k].key.agent_seq = k;
    index.insert(n[k]);
  }
  REQUIRE(&*index.begin() == &n[3]);
  index.erase(index.iterator_to(n[2]));
  n[2].key.primary = 10;
  index.insert_late(n[2]);
  REQUIRE(index.hint(n[2].key) == &n[2]);
  index.erase(index.iterator_to(n[2]));
  REQUIRE(index.hint(n[1].key) == &n[1]);
  index.erase(index.iterator_to(n[1]));
  REQUIRE(index.hint(n[0].key) == &n[0]);
  index.erase(index.iterator_to(n[0]));  // the entry before is of another band
  REQUIRE(index.hint(n[0].key) == nullptr);
  REQUIRE(index.size() == 1);
  index.clear();
}

TEST_CASE("avail_index samples one entry in sample_rate of a long band", "[avail_index]") {
  // 4 000 entries of one band, appended: the tree holds the first and about one in
  // sample_rate, so that a place in the middle is a short walk from a sampled entry.
  std::vector<avail_node> n(4000);
  avail_node late;  // the nodes outlive the index, whose destructor unlinks them
  avail_index index;
  link_one_band(index, n.data(), n.size());
  std::size_t sampled = 0;
  std::size_t longest_gap = 0;
  std::size_t gap = 0;
  for (const avail_node& x : n) {
    if (avail_index::sampled(x)) {
      ++sampled;
      gap = 0;
    } else {
      longest_gap = std::max(longest_gap, ++gap);
    }
  }
  CAPTURE(sampled, longest_gap);
  REQUIRE(avail_index::sampled(n[0]));
  REQUIRE(sampled > n.size() / avail_index::sample_rate / 2);
  REQUIRE(sampled < n.size() / avail_index::sample_rate * 2);
  REQUIRE(longest_gap < 20 * avail_index::sample_rate);
  // An entry from the past lands in the middle, in order.
  late.key.band = band_kind::tier;
  late.key.primary = 1999;
  late.key.agent_seq = 99999;
  index.insert(late);
  REQUIRE(&*std::prev(index.iterator_to(late)) == &n[1999]);
  REQUIRE(&*std::next(index.iterator_to(late)) == &n[2000]);
  index.clear();
}

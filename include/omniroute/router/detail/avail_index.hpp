// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The index of the members available for one (eligibility group, channel slot), in rank
// order. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_AVAIL_INDEX_HPP
#define OMNIROUTE_ROUTER_DETAIL_AVAIL_INDEX_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/router/detail/hooks.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <tuple>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

struct member_rec;

/// avail_key::band of an entry whose strategy keeps no bands (avail_index).
constexpr std::uint32_t no_band = ~std::uint32_t{0};

/// Where an available member ranks for one (queue, channel): ascending is better.
struct avail_key {
  std::uint32_t tier = 0;
  /// A hash of the entry's band (avail_index::band), or no_band. Not part of the order: it
  /// stands for the (tier, primary) or tier prefix that the order already holds.
  std::uint32_t band = no_band;
  std::int64_t primary = 0;
  std::int64_t secondary = 0;
  std::uint64_t agent_seq = 0;

  friend bool operator<(const avail_key& a, const avail_key& b) noexcept {
    return std::tie(a.tier, a.primary, a.secondary, a.agent_seq) <
           std::tie(b.tier, b.primary, b.secondary, b.agent_seq);
  }
  friend bool operator==(const avail_key& a, const avail_key& b) noexcept {
    return a.tier == b.tier && a.band == b.band && a.primary == b.primary &&
           a.secondary == b.secondary && a.agent_seq == b.agent_seq;
  }
};

/// A member's entry in the index of agents available for one (queue, channel). One cache line:
/// a step down the tree reads the hook and the key, so a node that straddled two lines cost
/// two misses where one would do.
struct alignas(64) avail_node {
  set_hook hook;
  member_rec* member = nullptr;
  avail_key key;
};

struct avail_order {
  bool operator()(const avail_node& a, const avail_node& b) const noexcept { return a.key < b.key; }
};
using avail_set = bi::multiset<avail_node, bi::member_hook<avail_node, set_hook, &avail_node::hook>,
                               bi::compare<avail_order>, bi::constant_time_size<true>>;

/// The available members of one (group, slot): a red-black tree in key order and a few hints
/// at where the last entries of its bands are.
///
/// Why bands: the router re-keys entries lazily, when a decision meets one whose agent's
/// inputs grew (router_impl::current), and under best_skill and the longest-idle strategies the
/// new key holds the agent's latest idle time, so the entry moves to the end of its band:
/// the entries with its tier and score (best_skill) or its tier (longest idle). At 10k agents
/// 61 % land exactly there and 85 % within two places (bench/RESULTS.md). insert_late puts
/// such an entry in by stepping from the band's hint: a few node reads where a descent from the
/// root read ~13 nodes of as many cold member records.
///
/// The hints are only written by insert_late, and checked when read: an entry still linked
/// and of the band is a place to start from, wherever in the band it now is, and the steps
/// from it compare keys on both sides, so even a start in another band would place the entry
/// right. Keeping an exact last entry per band instead cost every insert and erase (refresh,
/// dropping unavailable entries) a cold read, more than the late inserts saved in
/// mixed/throughput. Bands share `hint_slots` slots by hash: decisions re-key in the few bands
/// at the front, and a table of every band cost ~90 bytes per agent at 10k agents (1.2 KB at
/// 1k). A hint must never name a node linked in another index, so a node that leaves the group
/// or changes band is forgotten first (router_impl::unlink_member).
///
/// Entries whose band is no_band (strategies whose re-keyed entries land anywhere) are kept
/// by the tree alone. Complexity: as the tree's; insert_late O(1) amortized when the entry
/// lands within `late_steps` of its band's hint, else O(log n).
class avail_index {
 public:
  using iterator = avail_set::iterator;

  /// How many entries insert_late steps over from the hint before it descends from the root.
  static constexpr int late_steps = 3;
  /// How many band hints an index holds.
  static constexpr std::size_t hint_slots = 4;

  /// The band number (avail_key::band) of the entries with this tier and primary key
  /// component (0 when the band is the tier alone): a hash, never no_band.
  static std::uint32_t band(std::uint32_t tier, std::int64_t primary) noexcept {
    std::uint64_t x = (std::uint64_t{tier} << 32) ^ static_cast<std::uint64_t>(primary);
    x *= 0x9E3779B97F4A7C15ull;
    const auto b = static_cast<std::uint32_t>(x >> 32);
    return b == no_band ? b - 1 : b;
  }

  iterator begin() noexcept { return set_.begin(); }
  iterator end() noexcept { return set_.end(); }
  avail_set::const_iterator begin() const noexcept { return set_.begin(); }
  avail_set::const_iterator end() const noexcept { return set_.end(); }
  bool empty() const noexcept { return set_.empty(); }
  std::size_t size() const noexcept { return set_.size(); }
  iterator iterator_to(avail_node& n) noexcept { return set_.iterator_to(n); }
  iterator lower_bound(const avail_node& probe) noexcept { return set_.lower_bound(probe); }
  iterator insert(avail_node& n) noexcept { return set_.insert(n); }
  iterator erase(iterator it) noexcept { return set_.erase(it); }

  void clear() noexcept {
    set_.clear();
    std::fill(hints_.begin(), hints_.end(), nullptr);
  }

  /// What the band's hint slot names (a node of the band or of another, linked or not), or
  /// null.
  const avail_node* hint(std::uint32_t band) const noexcept { return hints_[band % hint_slots]; }

  /// Stops naming `n` as a hint: before it leaves this index for good or changes band.
  void forget(const avail_node& n) noexcept {
    if (n.key.band != no_band && hints_[n.key.band % hint_slots] == &n) hints_[n.key.band % hint_slots] = nullptr;
  }

  /// insert() for an entry whose key grew since it was last linked, so that it most likely
  /// belongs at (or near) the end of its band.
  iterator insert_late(avail_node& n) noexcept {
    if (n.key.band == no_band) return set_.insert(n);
    iterator placed = from_hint(n);
    if (placed == set_.end()) placed = set_.insert(n);
    const iterator after = following(placed);
    if (after == set_.end() || after->key.band != n.key.band) hints_[n.key.band % hint_slots] = &n;
    return placed;
  }

 private:
  /// std::next, except that the last entry's successor (end) is known at once: std::next climbs
  /// from it to the root, and the last entry is where most late inserts of the last band go.
  /// (std::prev(end()) would descend from the root: the header's right link names the last.)
  iterator following(iterator it) noexcept {
    const bool last = avail_set::node_traits::get_right(set_.end().pointed_node()) == it.pointed_node();
    return last ? set_.end() : std::next(it);
  }

  /// Links n by stepping from its band's hint, or returns end() when there is no usable hint
  /// or n's place is more than late_steps entries from it.
  iterator from_hint(avail_node& n) noexcept {
    avail_node* const h = hints_[n.key.band % hint_slots];
    if (h == nullptr || !h->hook.is_linked() || h->key.band != n.key.band) return set_.end();
    assert(&avail_set::container_from_iterator(set_.iterator_to(*h)) == &set_);
    iterator at = set_.iterator_to(*h);
    int steps = 0;
    // Back while n ranks before `at`; then forward while the next entry ranks before n. The
    // entries of the next band rank after n, so the walk never leaves n's band to the right.
    while (n.key < at->key) {
      if (at == set_.begin() || ++steps > late_steps) return set_.end();
      --at;
    }
    iterator next = following(at);
    while (next != set_.end() && next->key < n.key) {
      if (++steps > late_steps) return set_.end();
      next = following(next);
    }
    if (next == set_.end()) {
      // insert_before(end()) would find the last entry by descending from the root.
      set_.push_back(n);
      return set_.iterator_to(n);
    }
    return set_.insert_before(next, n);
  }

  avail_set set_;
  std::array<avail_node*, hint_slots> hints_{};  // by band number modulo hint_slots
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_AVAIL_INDEX_HPP

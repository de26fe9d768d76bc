// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The index of the members available for one (eligibility group, channel slot), in rank
// order. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_AVAIL_INDEX_HPP
#define OMNIROUTE_ROUTER_DETAIL_AVAIL_INDEX_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/list_links.hpp>
#include <omniroute/router/detail/hooks.hpp>

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <tuple>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

struct member_rec;

/// Which prefix of an entry's key makes its band (avail_index): the entries a re-keyed entry
/// moves among.
enum class band_kind : std::uint8_t {
  none,         // every entry is a band of its own
  tier,         // the entries of one tier (the longest-idle strategies)
  tier_primary  // the entries of one tier and primary component (best_skill: the score)
};

/// Where an available member ranks for one (queue, channel): ascending is better.
struct avail_key {
  std::uint32_t tier = 0;
  band_kind band = band_kind::none;
  /// Not part of the key: set on the nodes a member keeps beyond its first
  /// (member_rec::more), so that a node finds its member without a pointer of its own
  /// (member_of). It sits here because the key's padding is the node's only free byte.
  std::uint8_t further = 0;
  std::int64_t primary = 0;
  std::int64_t secondary = 0;
  std::uint64_t agent_seq = 0;

  friend bool operator<(const avail_key& a, const avail_key& b) noexcept {
    return std::tie(a.tier, a.primary, a.secondary, a.agent_seq) <
           std::tie(b.tier, b.primary, b.secondary, b.agent_seq);
  }
  friend bool operator==(const avail_key& a, const avail_key& b) noexcept {
    return a.tier == b.tier && a.band == b.band && a.primary == b.primary && a.secondary == b.secondary &&
           a.agent_seq == b.agent_seq;
  }
  /// Both keys are of one band: a contiguous range of the order, since a band is a prefix.
  friend bool same_band(const avail_key& a, const avail_key& b) noexcept {
    return a.band == b.band && a.band != band_kind::none && a.tier == b.tier &&
           (a.band == band_kind::tier || a.primary == b.primary);
  }
};

/// The links of the index's list (the index's header is one too). Copies are unlinked.
struct avail_link : list_links<avail_link> {};

/// A member's entry in the index of agents available for one (queue, channel). 72 bytes:
/// the list links, the tree hook and the key up to `secondary` fill the first cache line.
struct avail_node : avail_link {
  /// Linked while the node is one of the index's sampled entries (avail_index).
  set_hook hook;
  avail_key key;

  bool linked() const noexcept { return next != nullptr; }
};

struct avail_order {
  bool operator()(const avail_node& a, const avail_node& b) const noexcept { return a.key < b.key; }
};
/// avail_order between a node and a bare key (lookups by key).
struct key_order {
  bool operator()(const avail_node& a, const avail_key& b) const noexcept { return a.key < b; }
  bool operator()(const avail_key& a, const avail_node& b) const noexcept { return a < b.key; }
};
using avail_sample = bi::multiset<avail_node, bi::member_hook<avail_node, set_hook, &avail_node::hook>,
                                  bi::compare<avail_order>, bi::constant_time_size<false>>;

/// The available members of one (group, slot) in key order: a doubly linked list of every
/// entry, and a red-black tree over a sample of them that finds a place in the list.
///
/// Why: the router re-keys entries lazily, when a decision meets one whose agent's inputs
/// grew (router_impl::current). Under best_skill and the longest-idle strategies the new key
/// holds the agent's latest idle time, so the entry, most often the first of the index, moves
/// to the end of its band: the entries with its tier and score (best_skill) or its tier
/// (longest idle); at 10k agents 61 % land exactly there and 85 % within two places
/// (bench/RESULTS.md). In a red-black tree of every entry each such move was an erase and an
/// insert, each rebalancing along cold member records. Here it is two list splices, the
/// sampled place handed on in O(1) and, for one entry in `sample_rate`, a tree insert.
///
/// The sample: the first entry of every band, and each other entry with probability
/// 1/sample_rate, drawn when it is linked (a seeded generator per index: the router stays
/// deterministic). An entry between two sampled ones is found by a descent of the tree and a
/// walk of the list back from the next sampled entry: expected O(log n + sample_rate) whatever
/// the order keys come in, since the draws do not depend on the keys. An
/// entry that leaves the list while sampled hands its tree place to the entry after it when
/// that one is not sampled (replace_node: O(1)), so the first of a band stays sampled.
///
/// insert_late starts from a hint at the band's end instead of a descent: a few list steps.
/// A hint names a linked entry that ends its band, or nothing: insert_late writes them, every
/// link right after a band's hinted end hands the hint on to the new end, and erase hands it
/// to the entry before (the band's new end). So an entry that ranks at or after its band's
/// hint goes right after it without a look at the entry that follows, the next band's first,
/// whose cold record was most of a late insert's time (bench/RESULTS.md, session 18). Bands
/// share `hint_slots` slots by hash, so a hint read is checked to be of the band. A hint must
/// never name a node linked in another index, so a node that leaves the group or changes band
/// is forgotten first (router_impl::unlink_member).
///
/// Complexity: insert, lower_bound O(log n + sample_rate) expected; erase O(1) unless the
/// next entry is sampled too (then a tree erase, O(log n)); insert_late O(1) expected when
/// the entry lands within `late_steps` of its band's hint.
class avail_index {
  template <class Node, class Link>
  class basic_iterator {
   public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = avail_node;
    using difference_type = std::ptrdiff_t;
    using pointer = Node*;
    using reference = Node&;

    basic_iterator() = default;
    explicit basic_iterator(Link* at) noexcept : at_(at) {}
    reference operator*() const noexcept { return static_cast<reference>(*at_); }
    pointer operator->() const noexcept { return static_cast<pointer>(at_); }
    basic_iterator& operator++() noexcept {
      at_ = at_->next;
      return *this;
    }
    basic_iterator operator++(int) noexcept {
      basic_iterator was = *this;
      at_ = at_->next;
      return was;
    }
    basic_iterator& operator--() noexcept {
      at_ = at_->prev;
      return *this;
    }
    basic_iterator operator--(int) noexcept {
      basic_iterator was = *this;
      at_ = at_->prev;
      return was;
    }
    friend bool operator==(basic_iterator a, basic_iterator b) noexcept { return a.at_ == b.at_; }
    friend bool operator!=(basic_iterator a, basic_iterator b) noexcept { return a.at_ != b.at_; }
    Link* link() const noexcept { return at_; }

   private:
    Link* at_ = nullptr;
  };

 public:
  using iterator = basic_iterator<avail_node, avail_link>;
  using const_iterator = basic_iterator<const avail_node, const avail_link>;

  /// One entry in this many is sampled (besides the first of each band).
  static constexpr std::uint32_t sample_rate = 16;
  /// How many entries insert_late steps over from the hint before it descends.
  static constexpr int late_steps = 3;
  /// How many band hints an index holds (1 << hint_bits): enough that the ~20 bands of a
  /// best_skill index (one per score) seldom share one.
  static constexpr int hint_bits = 5;
  static constexpr std::size_t hint_slots = std::size_t{1} << hint_bits;

  avail_index() noexcept { header_.prev = header_.next = &header_; }
  // The list's ends point at header_: the index stays where it was built.
  avail_index(const avail_index&) = delete;
  avail_index& operator=(const avail_index&) = delete;
  ~avail_index() { clear(); }

  iterator begin() noexcept { return iterator(header_.next); }
  iterator end() noexcept { return iterator(&header_); }
  const_iterator begin() const noexcept { return const_iterator(header_.next); }
  const_iterator end() const noexcept { return const_iterator(&header_); }
  bool empty() const noexcept { return header_.next == &header_; }
  std::size_t size() const noexcept { return size_; }
  /// Precondition: n is linked in this index.
  iterator iterator_to(avail_node& n) noexcept { return iterator(&n); }

  /// The first entry whose key is not less than `key`.
  iterator lower_bound(const avail_key& key) noexcept {
    const avail_sample::iterator above = sample_.lower_bound(key, key_order());
    avail_link* at = above == sample_.end() ? &header_ : static_cast<avail_link*>(&*above);
    while (at->prev != &header_ && !(node(at->prev).key < key)) at = at->prev;
    return iterator(at);
  }

  iterator insert(avail_node& n) noexcept {
    assert(!n.linked() && !n.hook.is_linked());
    // The ends without a descent: most entries that miss insert_late's hint go to one of them
    // (bench/RESULTS.md). Decisions empty the best bands, so a freed agent's entry often
    // heads the index; the tree's ends are its header's, reached in O(1). The same list
    // place, sample draw and tree place as below, found sooner.
    if (!empty() && n.key < node(header_.next).key) {
      link_after(&header_, n);
      sample_.push_front(n);  // the first of its band now
      return iterator(&n);
    }
    if (!empty() && !(n.key < node(header_.prev).key)) {
      avail_link* const after = header_.prev;
      link_after(after, n);
      if (!same_band(node(after).key, n.key) || draw()) sample_.push_back(n);
      pass_hint(after, n);
      return iterator(&n);
    }
    const avail_sample::iterator above = sample_.upper_bound(n);
    avail_link* after = above == sample_.end() ? header_.prev : above->prev;
    while (after != &header_ && n.key < node(after).key) after = after->prev;
    link_after(after, n);
    if (after == &header_ || !same_band(node(after).key, n.key) || draw()) sample_.insert_before(above, n);
    pass_hint(after, n);
    return iterator(&n);
  }

  /// insert() for an entry whose key grew since it was last linked, so that it most likely
  /// belongs at (or near) the end of its band.
  iterator insert_late(avail_node& n) noexcept {
    assert(!n.linked() && !n.hook.is_linked());
    if (n.key.band == band_kind::none) return insert(n);
    avail_node*& hint = hints_[slot(n.key)];
    avail_node* const end = hint != nullptr && same_band(hint->key, n.key) ? hint : nullptr;
    if (end != nullptr && !(n.key < end->key)) {
      // The usual case: n ends its band now, and the hint moves to it.
      assert(ends_band(*end));
      link_after(end, n);
      if (draw()) sample_after(n);
      hint = &n;
      return iterator(&n);
    }
    avail_link* const after = end == nullptr ? nullptr : back_from(*end, n);
    if (after == nullptr) {
      insert(n);
      // n may end its band (a band without a hint, or a place far before the hinted end).
      if (ends_band(n)) hint = &n;
    } else {
      // Before the band's end, which keeps the hint.
      link_after(after, n);
      if (after == &header_ || !same_band(node(after).key, n.key) || draw()) sample_after(n);
    }
    return iterator(&n);
  }

  /// Unlinks the entry; returns the one after it.
  iterator erase(iterator it) noexcept {
    avail_node& n = *it;
    avail_link* const next = n.next;
    if (avail_node** h = hint_naming(n)) {
      // The hint named the band's end (most likely): the end moves back one entry, and the
      // hint with it, so that dropping a busy agent's entry does not cost the band its hint.
      *h = n.prev != &header_ && same_band(node(n.prev).key, n.key) ? &node(n.prev) : nullptr;
    }
    if (n.hook.is_linked()) {
      // The next entry takes n's place in the tree unless it is there already. When it is not
      // sampled it is of n's band (the first entry of a band is sampled), so a band's first
      // entry stays sampled.
      if (next != &header_ && !node(next).hook.is_linked()) {
        sample_.replace_node(sample_.iterator_to(n), node(next));
      } else {
        sample_.erase(sample_.iterator_to(n));
      }
    }
    n.prev->next = next;
    next->prev = n.prev;
    n.prev = n.next = nullptr;
    --size_;
    return iterator(next);
  }

  void clear() noexcept {
    sample_.clear();
    for (avail_link* at = header_.next; at != &header_;) {
      avail_link* const next = at->next;
      at->prev = at->next = nullptr;
      at = next;
    }
    header_.prev = header_.next = &header_;
    size_ = 0;
    hints_.fill(nullptr);
  }

  /// What the band's hint slot names (a node of the band or of another, linked or not), or
  /// null.
  const avail_node* hint(const avail_key& band) const noexcept { return hints_[slot(band)]; }

  /// Stops naming `n` as a hint: before it leaves this index for good or changes band.
  void forget(const avail_node& n) noexcept {
    if (avail_node** h = hint_naming(n)) *h = nullptr;
  }

  /// Whether n is one of the sampled entries the tree holds (for tests).
  static bool sampled(const avail_node& n) noexcept { return n.hook.is_linked(); }

  /// Whether the linked entry n is the last of its band (for tests and assertions).
  bool ends_band(const avail_node& n) const noexcept {
    return n.next == &header_ || !same_band(node(n.next).key, n.key);
  }

 private:
  static avail_node& node(avail_link* l) noexcept { return static_cast<avail_node&>(*l); }

  static std::size_t slot(const avail_key& k) noexcept {
    std::uint64_t x = (std::uint64_t{k.tier} << 32) ^
                      static_cast<std::uint64_t>(k.band == band_kind::tier_primary ? k.primary : 0);
    x *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(x >> (64 - hint_bits));
  }

  /// The hint slot that names n, or null.
  avail_node** hint_naming(const avail_node& n) noexcept {
    if (n.key.band == band_kind::none) return nullptr;
    avail_node*& h = hints_[slot(n.key)];
    return h == &n ? &h : nullptr;
  }

  /// After n was linked right after `after`: when `after` was its band's hinted end, n is
  /// the band's end now and takes the hint.
  void pass_hint(avail_link* after, avail_node& n) noexcept {
    if (after == &header_ || n.key.band == band_kind::none) return;
    avail_node*& hint = hints_[slot(n.key)];
    if (hint == after && same_band(node(after).key, n.key)) hint = &n;
  }

  void link_after(avail_link* after, avail_node& n) noexcept {
    n.prev = after;
    n.next = after->next;
    after->next->prev = &n;
    after->next = &n;
    ++size_;
  }

  /// One draw of the sample: true with probability 1/sample_rate (xorshift32).
  bool draw() noexcept {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_ % sample_rate == 0;
  }

  /// Puts the linked node n into the tree, before the first sampled entry after it in the
  /// list (the next band's first when n ends its band), found by walking forward.
  void sample_after(avail_node& n) noexcept {
    avail_link* at = n.next;
    int steps = 0;
    while (at != &header_ && !node(at).hook.is_linked()) {
      if (++steps > late_steps) {
        sample_.insert(n);
        return;
      }
      at = at->next;
    }
    sample_.insert_before(at == &header_ ? sample_.end() : sample_.iterator_to(node(at)), n);
  }

  /// The entry n goes after when it ranks before its band's end `end`, found by stepping back
  /// from it (the header when n goes first), or null when that is more than late_steps
  /// entries back.
  avail_link* back_from(avail_node& end, const avail_node& n) noexcept {
    avail_link* at = &end;
    int steps = 0;
    while (at != &header_ && n.key < node(at).key) {
      if (++steps > late_steps) return nullptr;
      at = at->prev;
    }
    return at;
  }

  avail_link header_;
  avail_sample sample_;
  std::size_t size_ = 0;
  std::uint32_t rng_ = 0x9E3779B9u;
  std::array<avail_node*, hint_slots> hints_{};  // by band hash (slot)
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_AVAIL_INDEX_HPP

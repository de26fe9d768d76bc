// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The router's internal records and the intrusive indexes that link them. Not public API: the
// layout may change in any release.
#ifndef OMNIROUTE_ROUTER_DETAIL_RECORDS_HPP
#define OMNIROUTE_ROUTER_DETAIL_RECORDS_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/engine/service_level_window.hpp>
#include <omniroute/engine/timer_set.hpp>
#include <omniroute/model/agent.hpp>
#include <omniroute/model/contact.hpp>
#include <omniroute/model/queue.hpp>
#include <omniroute/model/skills.hpp>
#include <omniroute/router/detail/avail_index.hpp>
#include <omniroute/router/detail/hooks.hpp>
#include <omniroute/router/detail/membership_list.hpp>
#include <omniroute/router/detail/slot_array.hpp>
#include <omniroute/router/router.hpp>

#include <boost/intrusive/list.hpp>
#include <boost/intrusive/set.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

struct agent_rec;
struct queue_rec;
struct group_rec;
struct member_rec;
struct contact_rec;
struct work_rec;

/// A contact's place in line: ascending is served first. `rank` is minus the priority in
/// priority queues (0 in fifo queues); `time` is the place-in-line time; `sub` orders contacts
/// with the same time (creation order, or a value between neighbours for join positions).
struct line_key {
  std::int64_t rank = 0;
  std::int64_t time = 0;
  std::int64_t sub = 0;

  friend bool operator<(const line_key& a, const line_key& b) noexcept {
    return std::tie(a.rank, a.time, a.sub) < std::tie(b.rank, b.time, b.sub);
  }
};

/// One piece of an agent's work on one contact: an offer, then a connection, then wrap-up.
struct work_rec {
  list_hook agent_hook;
  list_hook contact_hook;
  timer_node timer;
  offer_id id;
  agent_rec* agent = nullptr;
  contact_rec* contact = nullptr;  // null once the contact ended (wrap-up)
  contact_id served;               // the contact, kept for events after it ended
  queue_id queue;
  channel_id channel;
  offer_info::phase stage = offer_info::phase::offered;
  std::uint16_t cost = 0;
  time_point offered_at{};
  time_point connected_at{};
  /// The offer rules in force when the offer was made (queue rules with agent overrides).
  offer_policy policy;
  duration wrap_up = duration::zero();

  void reset() noexcept {
    agent = nullptr;
    contact = nullptr;
    queue = {};
    channel = {};
    stage = offer_info::phase::offered;
    cost = 0;
    served = {};
    offered_at = connected_at = time_point{};
    policy = offer_policy();
    wrap_up = duration::zero();
  }
};

using agent_work_list =
    bi::list<work_rec, bi::member_hook<work_rec, list_hook, &work_rec::agent_hook>,
             bi::constant_time_size<false>>;
// No size member: only queries and snapshots count a contact's offers (a few), and the
// record of every waiting contact would carry 8 more bytes.
using contact_offer_list =
    bi::list<work_rec, bi::member_hook<work_rec, list_hook, &work_rec::contact_hook>,
             bi::constant_time_size<false>>;

struct agent_rec {
  // The fields a decision reads (can_take, key_for, refresh) come first, so that a cold agent
  // costs a few cache lines, not the whole record.
  list_hook freed_hook;  // in router_impl::freed_agents_
  agent_work_list work;
  // What a decision reads of an agent whose index entry it meets (first_available, current):
  // whether it can take the channel, and the idle times in its key. 32 bytes at offset 32,
  // so in one cache line whether the record's pool slot starts on a line or half-way (see
  // the static_assert below the record).
  /// The channels the agent could be offered a contact of right now (router_impl::can_take):
  /// kept up to date by every change of its inputs, so a decision asks one word, not the
  /// capacity tables.
  channel_set open;
  enum presence presence = presence::logged_out;
  bool held_back = false;
  // Two colder bytes in what would be padding.
  agent_state reported_state = agent_state::logged_out;
  bool capacity_given = false;  // `capacity` came with the configuration (else the default)
  time_point last_completion{};
  time_point last_offer{};
  time_point ready_since{};
  agent_id id;
  std::uint64_t seq = 0;
  std::uint32_t used = 0;
  channel_set holding;
  channel_set blocked;
  std::uint32_t offers = 0;
  std::uint32_t connected = 0;
  std::uint32_t wrapping = 0;
  std::uint64_t handled = 0;
  duration talk = duration::zero();
  reason_code reported_reason = reason_codes::none;
  reason_code reason = reason_codes::none;
  /// The configuration's wrap_up and queue_selection (below), here in the hot part of the
  /// record because offers and agent-side decisions read them.
  std::optional<duration> wrap_up;
  /// The agent's memberships, each with its group: a walk over them that only asks the groups
  /// (ready counters, routable heads) reads the list's groups and the groups, not each cold
  /// member record too.
  membership_list memberships;
  /// What the availability indexes last saw of this agent (router_impl::refresh). An agent
  /// who stops being available stays linked (lazily) and is dropped by the first decision
  /// that meets it, and its keys are brought up to date by the decisions that meet them
  /// (router_impl::current); these let refresh skip the per-membership walk when nothing it
  /// must do eagerly has changed.
  struct index_view {
    /// Channels on which every membership node is linked (keys possibly lazy).
    channel_set channels;
    /// Some queue of the agent draws at random: its weight trees must hold available agents
    /// only, so a shrink is walked eagerly. Only ever set.
    bool weighted = false;
    /// Memberships or keys changed behind refresh's back: the next refresh walks everything.
    bool stale = true;
    /// The agent may have become available and waits in the freed list: it looks for work
    /// first and is indexed after (router_impl::settle), unless a contact-side decision needs
    /// the indexes before.
    bool owed = false;
    /// agent_rec::unlinked lists every unlinked node of the agent: a refresh that only has
    /// to link nodes again walks that list, not every membership.
    bool listed = false;
    std::uint8_t unlinked = 0;
  } indexed;
  std::optional<queue_selection_policy> queue_selection;
  std::array<std::uint16_t, max_channels> held{};
  /// The agent's profile, kept once per distinct profile (router_impl::capacity_profiles_,
  /// capacity_table): set while the agent exists, null in a free record.
  const capacity_profile* capacity = nullptr;
  // Colder: what queries, reports and configuration read.
  timer_node hold_timer;
  std::array<std::uint32_t, failure_kind_count> consecutive{};
  duration wrap = duration::zero();
  time_point login_time{};
  agent_profile profile;
  /// The affinity groups in which contacts are held for this agent (at most one per queue,
  /// requirement and tier, each with a contact in it), ordered by queue index, then creation:
  /// the order a snapshot rebuilds them in, so that release_affinity ends holds in the same
  /// order after a restore.
  std::vector<group_rec*> personal_groups;
  /// The agent's unlinked availability nodes, the first index_view::unlinked of them: mostly
  /// those that decisions dropped while the agent was busy (router_impl::relink_listed).
  /// Inline and bounded, so that routing never grows it: an agent with more unlinked nodes
  /// is walked in full. (A vector reserved for every node of the agent cost ~300 bytes per
  /// agent, and its reallocations while configuration adds memberships interleave with the
  /// member records.) 16 covers the ~10 entries decisions drop in mixed/throughput.
  std::array<avail_node*, 16> unlinked{};
  std::string name;
  /// The rest of the configuration as the host gave it, for snapshots
  /// (router_impl::given_config rebuilds the agent_config). The name, capacity profile,
  /// wrap-up and queue selection are kept once, above: a whole agent_config here was 488
  /// more bytes per agent.
  /// The agent's offer rules over its queues' (agent_config::offers), or null when it sets
  /// none, as most agents do: inline, the 112 bytes were in every agent record.
  std::unique_ptr<const offer_policy_override> offer_overrides;
  /// The skills and attributes in the host's order, by registry id: with names, an entry was
  /// 40 and 64 bytes (the names of 16 skills, ~0.6 KB per agent).
  std::vector<std::pair<skill_id, std::uint8_t>> given_skills;
  std::vector<std::pair<attribute_id, value_id>> given_attributes;


  void reset() noexcept {
    name.clear();
    offer_overrides.reset();
    memberships.clear();
    open = {};
    presence = presence::logged_out;
    reason = reason_codes::none;
    held_back = false;
    used = 0;
    held.fill(0);
    holding = {};
    blocked = {};
    offers = connected = wrapping = 0;
    consecutive.fill(0);
    last_completion = last_offer = ready_since = login_time = time_point{};
    handled = 0;
    talk = duration::zero();
    wrap = duration::zero();
    profile = agent_profile();
    personal_groups.clear();
    reported_state = agent_state::logged_out;
    reported_reason = reason_codes::none;
    indexed = index_view();
  }
};

// Agents are slot_pool slots (the record, a generation and a free-list link) in chunks that
// start on a cache line: a slot of a multiple of 32 bytes starts on a line or half-way, which
// keeps the 32 bytes at offset 32 (open .. ready_since) in one line. 640 today: ten lines.
// Checked where the layout was measured (64-bit libstdc++; other libraries' std::string
// differs in size, which costs them that line, not correctness).
#if defined(__GLIBCXX__)
static_assert(sizeof(void*) != 8 || (sizeof(agent_rec) + 8) % 32 == 0, "agent slots: a multiple of 32 bytes");
#endif

inline std::size_t popcount(std::uint32_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<std::size_t>(__builtin_popcount(x));
#else
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  return static_cast<std::size_t>((((x + (x >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24);
#endif
}

/// What a membership reads of its member_options when routing; the roster keeps them whole
/// (an optional order here would round the member record up by 16 bytes of heap).
struct member_terms {
  std::uint32_t tier = 0;
  std::uint32_t weight = 1;
  bool reserve = false;

  static member_terms of(const member_options& o) noexcept { return {o.tier, o.weight, o.reserve}; }
};

/// An availability node of a member beyond its first (member_rec::more): it names its member,
/// which the first node finds by its place at the record's start (member_of).
struct further_node : avail_node {
  member_rec* owner = nullptr;
};

/// An agent's membership in one eligibility group. Cache-line aligned: its first line is its
/// first node's list links, tree hook and key, all that a walk of an index reads of an entry
/// it passes.
struct alignas(64) member_rec {
  /// The availability node of the first queue slot the agent serves, inline and first, so that
  /// it is the record's first cache line: most agents serve one of a queue's channels, and a
  /// node per slot they cannot serve would be memory that every walk over the memberships drags
  /// through the cache.
  avail_node first;
  union {
    agent_rec* agent = nullptr;
    /// While the record is spare (record_arena), which has no agent: the next spare one.
    member_rec* next_spare;
  };
  group_rec* group = nullptr;
  /// Bit s: the agent serves the queue's slot s, so node(s) exists.
  std::uint32_t served = 0;
  std::uint32_t order = 0;
  /// Proficiency score for best-skill strategies (scaled by 1000).
  std::int64_t score = 0;
  member_terms options;
  /// Index in the queue's weight trees (members sorted by tier, order, agent creation).
  std::uint32_t draw_index = 0;
  /// Nodes of the further served slots, in slot order (agents who serve several channels).
  /// It holds popcount(served) - 1 nodes, also in a recycled record, whose `served` is that
  /// of its last membership: the next one reuses the nodes when they are enough.
  std::unique_ptr<further_node[]> more;

  /// The node for slot s, or null when the agent does not serve that slot's channel.
  avail_node* node(std::size_t s) noexcept {
    if (!((served >> s) & 1u)) return nullptr;
    const std::uint32_t before = served & ((1u << s) - 1u);
    return before == 0 ? &first : &more[popcount(before) - 1];
  }
  const avail_node* node(std::size_t s) const noexcept { return const_cast<member_rec*>(this)->node(s); }

  /// The slot of one of this member's nodes: the inverse of node(s).
  std::size_t slot_of(const avail_node& n) const noexcept {
    std::uint32_t rest = served;
    if (&n != &first) {
      for (std::ptrdiff_t k = static_cast<const further_node*>(&n) - more.get(); k >= 0; --k) rest &= rest - 1;
    }
    return static_cast<std::size_t>(__builtin_ctz(rest));
  }
};

// ~31 per agent at the benchmark's centre, packed in router_impl::members_ without heap headers:
// two cache lines, the first the node up to its key's `secondary`, the second the rest.
static_assert(sizeof(void*) != 8 || sizeof(avail_node) == 72, "avail_node: links, hook and key");
static_assert(sizeof(void*) != 8 || sizeof(member_rec) == 128, "member_rec grew past two cache lines");

/// The member whose node n is: the first node is the record's first member, so its address is
/// the record's; the others name it.
inline member_rec* member_of(avail_node& n) noexcept {
  return n.key.further ? static_cast<further_node&>(n).owner : reinterpret_cast<member_rec*>(&n);
}
inline const member_rec* member_of(const avail_node& n) noexcept { return member_of(const_cast<avail_node&>(n)); }

/// A contact's attributes, in their own pool (router_impl::contact_attributes_).
struct attributes_rec {
  attribute_map map;
  void reset() noexcept { map = attribute_map(); }
};

/// contact_rec::attributes of a contact without attributes.
constexpr std::uint32_t no_attributes = ~std::uint32_t{0};
constexpr std::uint32_t no_timers = ~std::uint32_t{0};

using contact_timers = timer_bank<timer_kind::max_wait, timer_kind::ring_step, timer_kind::escalation_step,
                                  timer_kind::affinity_end>;

/// A plan_id in 4 bytes instead of 8. Plans are never removed, so every plan's generation is
/// 1 (router_impl::find_plan) and the index names it; the router stores only null ids and
/// ids it found (arrive, add_queue, update_queue and the snapshot loader check them).
class plan_index {
 public:
  plan_index() = default;
  plan_index(plan_id id) noexcept : index_(id.index()) {}  // NOLINT(google-explicit-constructor)
  operator plan_id() const noexcept { return index_ == 0 ? plan_id() : plan_id(index_, 1); }  // NOLINT
  explicit operator bool() const noexcept { return index_ != 0; }

 private:
  std::uint32_t index_ = 0;
};

struct contact_rec;
struct line_order {
  bool operator()(const contact_rec& a, const contact_rec& b) const noexcept;
};

struct contact_rec {
  // What ordering a ready set and comparing heads across an agent's groups read comes first,
  // in one 64-byte span: the hook, the key, the group (for the queue's weight) and the queue.
  set_hook ready_hook;   // group_rec::ready[slot]: routable contacts (no offer pending)
  line_key key;
  group_rec* group = nullptr;  // the eligibility group it waits in, while in a queue
  queue_rec* queue = nullptr;  // while in a queue
  std::uint64_t seq = 0;
  set_hook line_hook;    // queue_rec::line: every contact in the queue
  list_hook routable_hook;  // router_impl::routable_
  contact_offer_list offers;  // pending offers
  contact_id id;
  queue_id queue_handle;       // last queue, kept while connected
  requirement_id requirement;  // what the contact needs (null: any agent of the queue)
  std::uint32_t max_tier = no_tier_limit;
  plan_index plan_override;    // the contact's own plan, if any
  plan_index plan;             // the plan in force in the current queue
  std::uint32_t next_step = 0;
  std::int32_t last_step = -1;
  /// The contact's timer bank (max wait, ring step, escalation step, affinity hold) in
  /// router_impl::timer_banks_, or no_timers: held only while one of them is armed, since
  /// many contacts wait with none and the bank is 112 bytes.
  std::uint32_t timers = no_timers;
  agent_rec* preferred = nullptr;  // affinity, while held
  channel_id channel;
  contact_state state = contact_state::waiting;  // beside the other one-byte fields: no padding
  bool has_hunt = false;
  /// Routable, and joins its group's ready set when the command settles unless it is offered
  /// first (router_impl::enqueue): an arrival that finds an agent at once then never enters a
  /// ready set it would leave in the same command.
  bool ready_pending = false;
  std::int32_t priority = 0;
  /// The contact's attributes in router_impl::contact_attributes_, or no_attributes: most
  /// contacts carry none, and the map is larger than the rest of the record.
  std::uint32_t attributes = no_attributes;
  /// With hunt_seq: the member last offered this contact (order, agent creation).
  std::uint32_t hunt_order = 0;
  time_point arrival{};
  time_point enqueued{};
  time_point line_time{};  // place-in-line time before priority ageing and join positions
  work_rec* connection = nullptr;
  std::uint64_t hunt_seq = 0;

  void reset() noexcept {
    queue = nullptr;
    group = nullptr;
    queue_handle = {};
    requirement = {};
    max_tier = no_tier_limit;
    plan_override = {};
    plan = {};
    next_step = 0;
    last_step = -1;
    timers = no_timers;
    preferred = nullptr;
    connection = nullptr;
    has_hunt = false;
    ready_pending = false;
    hunt_order = 0;
    hunt_seq = 0;
    key = line_key();
    channel = {};
    priority = 0;
    arrival = enqueued = line_time = time_point{};
    attributes = no_attributes;
    state = contact_state::waiting;
  }
};

// A waiting contact is one pool slot (the record, a generation and a free-list link): issue 8
// allows 256 bytes per waiting contact, and bench/RESULTS.md breaks the 240 down. A field
// added here should pay for itself by another taken out.
static_assert(sizeof(void*) != 8 || sizeof(contact_rec) <= 240, "contact_rec grew past 240 bytes");

inline bool line_order::operator()(const contact_rec& a, const contact_rec& b) const noexcept {
  return a.key < b.key;
}

/// Puts a contact into its place in a tree of contacts in line order (a line, a ready set). A
/// new arrival of the lowest priority present, the usual case, ranks after every contact there:
/// it is then linked after the last one, which the tree's header names, instead of after a
/// descent through cold contact records. (A hint at end() would not help: the tree finds the
/// entry before end() by a walk down from the root.)
template <class Tree>
typename Tree::iterator insert_in_line(Tree& tree, contact_rec& c) noexcept {
  if (!tree.empty()) {
    const typename Tree::node_ptr last = Tree::node_traits::get_right(tree.end().pointed_node());
    if (!(c.key < Tree::value_traits::to_value_ptr(last)->key)) {
      tree.push_back(c);
      return tree.iterator_to(c);
    }
  }
  return tree.insert(c);
}

using line_set = bi::multiset<contact_rec, bi::member_hook<contact_rec, set_hook, &contact_rec::line_hook>,
                              bi::compare<line_order>, bi::constant_time_size<true>>;

/// What an agent-side decision compares of a slot's first routable contact: its place in line
/// (line_key rank and time), copied into the group's first cache line, which the walk over an
/// agent's ~30 groups reads anyway (router_impl::route_agent). The walk then reads the ready
/// set and the cold head contact only of the few heads that win, not of every group.
struct ready_front {
  /// `rank` of an empty slot: ranks are minus a 32-bit priority, or 0.
  static constexpr std::int64_t no_head = std::numeric_limits<std::int64_t>::min();
  std::int64_t rank = no_head;
  std::int64_t time = 0;

  /// The place in line of a first contact whose key is `k`.
  static ready_front of(const line_key& k) noexcept { return ready_front{k.rank, k.time}; }
  bool empty() const noexcept { return rank == no_head; }
};

/// The routable contacts of one (group, slot), in line order, keeping a ready_front up to date
/// on every change of its first contact, so that no caller can forget to.
class ready_set {
  using set_type = bi::multiset<contact_rec, bi::member_hook<contact_rec, set_hook, &contact_rec::ready_hook>,
                                bi::compare<line_order>, bi::constant_time_size<true>>;

 public:
  using iterator = set_type::iterator;

  /// Keeps `*front` (or nothing, with null) up to date from now on, and `*total` (or nothing)
  /// counting this set's contacts among those of other sets.
  void watch(ready_front* front, std::size_t* total) noexcept {
    front_ = front;
    sync_front();
    if (total_ != nullptr) *total_ -= set_.size();
    total_ = total;
    if (total_ != nullptr) *total_ += set_.size();
  }

  iterator begin() noexcept { return set_.begin(); }
  iterator end() noexcept { return set_.end(); }
  set_type::const_iterator begin() const noexcept { return set_.begin(); }
  set_type::const_iterator end() const noexcept { return set_.end(); }
  bool empty() const noexcept { return set_.empty(); }
  std::size_t size() const noexcept { return set_.size(); }
  iterator iterator_to(contact_rec& c) noexcept { return set_.iterator_to(c); }

  iterator insert(contact_rec& c) noexcept {
    if (total_ != nullptr) ++*total_;
    return changed_front(insert_in_line(set_, c));
  }
  iterator erase(iterator it) noexcept {
    if (total_ != nullptr) --*total_;
    const bool first = it == set_.begin();
    const iterator next = set_.erase(it);
    if (first) sync_front();
    return next;
  }
  void clear() noexcept {
    if (total_ != nullptr) *total_ -= set_.size();
    set_.clear();
    sync_front();
  }

 private:
  iterator changed_front(iterator placed) noexcept {
    if (placed == set_.begin()) sync_front();
    return placed;
  }
  void sync_front() noexcept {
    if (front_ == nullptr) return;
    if (set_.empty()) {
      *front_ = ready_front{};
      return;
    }
    *front_ = ready_front::of(set_.begin()->key);
  }

  set_type set_;
  ready_front* front_ = nullptr;
  std::size_t* total_ = nullptr;
};

/// A Fenwick tree of member weights, for weighted draws in O(log n) without allocation.
class weight_tree {
 public:
  void assign(std::size_t n) { tree_.assign(n + 1, 0); values_.assign(n, 0); }
  std::size_t size() const noexcept { return values_.size(); }
  void set(std::size_t i, std::uint64_t w) noexcept {
    const std::int64_t delta = static_cast<std::int64_t>(w) - static_cast<std::int64_t>(values_[i]);
    values_[i] = w;
    for (std::size_t k = i + 1; k < tree_.size(); k += k & (~k + 1)) {
      tree_[k] = static_cast<std::uint64_t>(static_cast<std::int64_t>(tree_[k]) + delta);
    }
  }
  /// Sum of weights [0, i).
  std::uint64_t prefix(std::size_t i) const noexcept {
    std::uint64_t s = 0;
    for (std::size_t k = i; k > 0; k -= k & (~k + 1)) s += tree_[k];
    return s;
  }
  /// The smallest index i with prefix(i + 1) > target. Precondition: target < prefix(size()).
  std::size_t find(std::uint64_t target) const noexcept {
    std::size_t pos = 0;
    std::size_t step = 1;
    while (step * 2 < tree_.size()) step *= 2;
    for (; step > 0; step /= 2) {
      if (pos + step < tree_.size() && tree_[pos + step] <= target) {
        pos += step;
        target -= tree_[pos];
      }
    }
    return pos;
  }

 private:
  std::vector<std::uint64_t> tree_;
  std::vector<std::uint64_t> values_;
};

struct tier_range {
  std::uint32_t tier = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// The agents who may take a queue's contacts of one kind: the queue's roster (and, for
/// dynamic queues, every agent matching its eligibility requirement), narrowed by a contact
/// requirement and a tier ceiling, or a single preferred agent (affinity). Contacts with equal
/// needs share one group and so one set of indexes.
struct alignas(64) group_rec {
  // The first cache line is what an agent's walk over its groups reads of each
  // (router_impl::route_agent, set_presence): the place in line of each of the first two
  // slots' first routable contact, the slots' channels, the queue's weight, the counters,
  // whether a member may be a reserve one.
  static constexpr std::size_t front_slots = 2;
  std::array<ready_front, front_slots> front{};
  /// The queue's channels and weight, copied here (build_group_indexes) so a walk over an
  /// agent's groups does not also visit each cold queue record.
  channel_set channels;
  std::uint32_t weight = 0;
  std::uint32_t logged_in = 0;
  std::uint32_t ready_members = 0;
  std::array<channel_id, front_slots> front_channel{};
  /// How many slots `front` covers: all of the queue's, or none (a queue of more than
  /// front_slots channels: the walk reads its ready sets).
  std::uint8_t fronted = 0;
  /// Whether a reserve member may be in the group (set when one joins, cleared only when the
  /// group is taken anew): a walk reads a member record's options only in such a group.
  bool has_reserve = false;
  /// The queue's leave policy, copied like `weight`: an agent who stops being ready checks
  /// the leave condition only of the queues that have one, not in each cold queue record.
  leave_policy leave = leave_policy::stay;
  union {
    queue_rec* queue = nullptr;
    /// While the group is spare (record_arena), which has no queue: the next spare one.
    group_rec* next_spare;
  };
  /// Per channel slot of the queue: routable contacts, available members, weights.
  slot_array<ready_set, 2> ready;
  std::array<std::int8_t, max_channels> slot_of{};
  /// The queue's strategy and channel per slot, copied like `channels` so that re-indexing an
  /// agent's ~30 memberships (router_impl::refresh) reads the groups, not the queues too.
  strategy_config strategy;
  std::array<channel_id, max_channels> slot_channel{};
  requirement_id requirement;
  std::uint32_t max_tier = no_tier_limit;
  agent_rec* personal = nullptr;
  /// The plan overrides (null: the queue's own plan) for which every group a contact entering
  /// through this group can reach was made ahead of time (router_impl::prepare_groups), valid
  /// while `prepared_epoch` is the router's. The null override, nearly every contact's, is
  /// `prepared_own` instead, so that an arrival's check reads no second allocation.
  std::vector<plan_id> prepared;
  std::uint64_t prepared_epoch = 0;
  bool prepared_own = false;
  /// Contacts whose `group` this is (waiting or offered). A personal group is released when
  /// it drops to zero (router_impl::release_group); other groups live as long as their queue.
  /// Here, on the line where the first slot's availability index starts, which the arrival
  /// that counts the contact reads anyway.
  std::uint32_t contacts = 0;
  slot_array<avail_index, 2> avail;
  slot_array<weight_tree, 2> draws;
  std::vector<tier_range> tiers;     // ranges of draw indexes per tier (tiers_first)
  std::vector<member_rec*> by_draw;  // members by draw index
  /// The group's member records, in router_impl::members_ (which owns them).
  std::vector<member_rec*> members;
};

/// A queue's roster entry: an agent listed as a member, with tier, weight and order.
struct roster_entry {
  agent_rec* agent = nullptr;
  member_options options;
  std::uint32_t order = 0;
};

struct queue_rec {
  queue_id id;
  std::uint64_t seq = 0;
  queue_config config;
  line_set line;
  /// The queue's channels in ascending order; slot i of every group's indexes and of each
  /// member's nodes is channel slot_channels[i].
  std::vector<channel_id> slot_channels;
  std::array<std::int8_t, max_channels> slot_of{};
  std::vector<roster_entry> roster;
  std::unordered_map<const agent_rec*, std::uint32_t> roster_index;  // agent -> roster position
  /// groups[0] is the queue's default group (no contact requirement, every tier).
  /// In router_impl::groups_, which owns them (remove_queue gives them back).
  std::vector<group_rec*> groups;
  /// The last answer of router_impl::prepare_groups for this queue, valid while `epoch` is the
  /// router's plans epoch: nearly every arrival of a queue enters the same group under the
  /// same plan, and the answer here costs no walk of `groups` and no read of the entry
  /// group's memo, two cold lines of a 1 216-byte record. Beside the counters that the offer
  /// which follows writes.
  struct entry_memo {
    requirement_id requirement;
    plan_id override;
    std::uint64_t epoch = 0;  // the router's starts at 1
    group_rec* group = nullptr;
  } last_entry;
  std::uint32_t next_order = 0;
  std::uint32_t offered = 0;
  bool has_rr = false;
  std::uint32_t rr_order = 0;  // the member last offered a contact: order, agent creation
  std::uint64_t rr_seq = 0;
  /// Recent outcomes (answered within service_level_time or not) for escalation conditions.
  std::array<bool, 100> recent{};
  std::uint32_t recent_count = 0;
  std::uint32_t recent_next = 0;
  std::uint32_t recent_within = 0;
  /// Exponentially weighted handle time (talk + wrap-up), seconds; 0 until the first completion.
  double handle_seconds = 0.0;
  /// Live service level and agent time over config.selection.window (service-level routing).
  service_level_window live;
  /// Reserve members currently help (hysteresis state, see update_reserve).
  bool reserve_helping = false;

  group_rec& base() noexcept { return *groups.front(); }
  const group_rec& base() const noexcept { return *groups.front(); }
  const roster_entry* listed(const agent_rec* a) const noexcept {
    auto it = roster_index.find(a);
    return it == roster_index.end() ? nullptr : &roster[it->second];
  }
  void list(const roster_entry& e) {
    roster_index.emplace(e.agent, static_cast<std::uint32_t>(roster.size()));
    roster.push_back(e);
  }
  void unlist(const agent_rec* a) {
    auto it = roster_index.find(a);
    if (it == roster_index.end()) return;
    roster.erase(roster.begin() + it->second);
    roster_index.erase(it);
    for (std::uint32_t i = 0; i < roster.size(); ++i) roster_index[roster[i].agent] = i;
  }

  void reset() noexcept {
    last_entry = entry_memo();
    roster.clear();
    roster_index.clear();
    groups.clear();
    slot_channels.clear();
    next_order = offered = 0;
    has_rr = false;
    rr_order = 0;
    rr_seq = 0;
    recent.fill(false);
    recent_count = recent_next = recent_within = 0;
    handle_seconds = 0.0;
    reserve_helping = false;
  }
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_RECORDS_HPP

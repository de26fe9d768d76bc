// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A stable hash of the router's primary state: the records of channels, skills, requirements,
// plans, agents, queues (with their rosters and live service-level windows), contacts and works,
// their armed timers, the counters and sequence numbers, the slot generations behind handles
// and the generator's state.
// Derived indexes (eligibility groups, availability and ready sets, memberships, name maps) are
// deliberately left out: they are functions of the primary state, their layout may change in
// any release, and two routers that agree on the primary state make the same future decisions.
//
// The hash is the same on every platform and build (explicit 64-bit mixing, no std::hash, no
// pointer values, fields visited in slot order). It is for replay and recovery checks, not for
// security. Complexity: O(size of the state). Not public API; see router::state_hash().
#ifndef OMNIROUTE_ROUTER_DETAIL_ROUTER_STATE_HPP
#define OMNIROUTE_ROUTER_DETAIL_ROUTER_STATE_HPP

#include <omniroute/router/detail/router_impl.hpp>

#include <cstring>
#include <string_view>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// The formats of the hash. Format 2 adds what format 1 missed though decisions read it: the
/// router's and the agents' queue-selection policies, the queues' service-level targets,
/// selection settings, live windows and reserve state, the members' reserve flags, and the
/// host's configuration echo (given skills and attributes, whether a capacity was given).
/// Snapshots of format 1 carry a format-1 hash, so the loader can still check them.
inline constexpr std::uint32_t state_hash_format = 2;
inline constexpr std::uint32_t state_hash_format_oldest = 1;

/// 64-bit FNV-1a over explicitly widened values; the order of calls is the format.
class state_hasher {
 public:
  void u64(std::uint64_t v) noexcept {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void i64(std::int64_t v) noexcept { u64(static_cast<std::uint64_t>(v)); }
  void f64(double v) noexcept {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void str(std::string_view s) noexcept {
    u64(s.size());
    for (char c : s) byte(static_cast<std::uint8_t>(c));
  }
  void time(time_point t) noexcept { i64(t.time_since_epoch().count()); }
  void dur(duration d) noexcept { i64(d.count()); }
  template <class Tag>
  void id(handle<Tag> h) noexcept {
    u64(h.value());
  }
  std::uint64_t value() const noexcept { return h_; }

 private:
  void byte(std::uint8_t b) noexcept {
    h_ ^= b;
    h_ *= 0x100000001b3ull;
  }
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

/// Reads router_impl's primary state (router_impl names it a friend).
struct router_state {
  static void timer(state_hasher& h, const timer_node& t) {
    h.u64(t.armed() ? 1 : 0);
    if (!t.armed()) return;
    h.time(t.deadline);
    h.u64(t.sequence);
    h.u64(static_cast<std::uint64_t>(t.kind));
  }
  /// A contact timer hashes as a node of its own would. `b` null: the contact holds no bank.
  static void timer(state_hasher& h, const contact_timers* b, timer_kind k) {
    const bool armed = b && b->slot(k).armed();
    h.u64(armed ? 1 : 0);
    if (!armed) return;
    const bank_slot& s = b->slot(k);
    h.time(s.deadline);
    h.u64(s.sequence);
    h.u64(static_cast<std::uint64_t>(k));
  }

  static void policy(state_hasher& h, const failure_policy& p) {
    h.dur(p.hold_back);
    h.u64(p.threshold);
    h.u64(p.reason);
  }

  static void offers(state_hasher& h, const offer_policy& p) {
    h.dur(p.timeout);
    policy(h, p.no_answer);
    policy(h, p.rejected);
    policy(h, p.busy);
    policy(h, p.unreachable);
  }

  static void capacity(state_hasher& h, const capacity_profile& c) {
    h.u64(c.total);
    h.u64(c.channels.bits());
    for (std::size_t i = 0; i < max_channels; ++i) {
      h.u64(c.cost[i]);
      h.u64(c.max_per_channel[i]);
      h.u64(c.blocks[i].bits());
    }
  }

  static void agent(state_hasher& h, const agent_rec& a, std::uint32_t format) {
    h.id(a.id);
    h.u64(a.seq);
    h.str(a.name);
    capacity(h, *a.capacity);
    h.u64(a.wrap_up.has_value() ? 1 : 0);
    if (a.wrap_up) h.dur(*a.wrap_up);
    offers(h, a.offer_overrides ? a.offer_overrides->apply(offer_policy()) : offer_policy());
    h.u64(a.offer_overrides ? 1 : 0);
    h.u64(a.profile.levels.size());
    for (std::uint8_t l : a.profile.levels) h.u64(l);
    h.u64(a.profile.attributes.size());
    for (const auto& kv : a.profile.attributes) {
      h.u64(kv.first);
      h.u64(kv.second);
    }
    h.u64(static_cast<std::uint64_t>(a.presence));
    h.u64(a.reason);
    h.u64(a.held_back ? 1 : 0);
    timer(h, a.hold_timer);
    h.u64(a.used);
    for (std::uint16_t n : a.held) h.u64(n);
    h.u64(a.holding.bits());
    h.u64(a.blocked.bits());
    h.u64(a.offers);
    h.u64(a.connected);
    h.u64(a.wrapping);
    for (std::uint32_t n : a.consecutive) h.u64(n);
    h.time(a.last_completion);
    h.time(a.last_offer);
    h.time(a.ready_since);
    h.u64(a.handled);
    h.dur(a.talk);
    h.dur(a.wrap);
    h.time(a.login_time);
    h.u64(static_cast<std::uint64_t>(a.reported_state));
    h.u64(a.reported_reason);
    // The agent's work in list order: the order offers were made.
    for (const work_rec& w : a.work) h.id(w.id);
    if (format < 2) return;
    h.u64(a.queue_selection ? static_cast<std::uint64_t>(*a.queue_selection) + 1 : 0);
    h.u64(a.capacity_given ? 1 : 0);
    h.u64(a.given_skills.size());
    for (const auto& [skill, level] : a.given_skills) {
      h.u64(skill);
      h.u64(level);
    }
    h.u64(a.given_attributes.size());
    for (const auto& [attribute, value] : a.given_attributes) {
      h.u64(attribute);
      h.u64(value);
    }
  }

  static void queue(state_hasher& h, const queue_rec& q, std::uint32_t format) {
    const queue_config& c = q.config;
    h.id(q.id);
    h.u64(q.seq);
    h.str(c.name);
    h.u64(c.channels.bits());
    h.u64(static_cast<std::uint64_t>(c.ordering));
    h.u64(c.max_length);
    h.dur(c.max_wait);
    h.id(c.overflow);
    h.u64(static_cast<std::uint64_t>(c.join));
    h.u64(static_cast<std::uint64_t>(c.leave));
    h.dur(c.wrap_up);
    offers(h, c.offers);
    h.u64(static_cast<std::uint64_t>(c.strategy.kind));
    h.u64(static_cast<std::uint64_t>(c.strategy.idle));
    h.u64(c.strategy.tiers_first ? 1 : 0);
    h.dur(c.strategy.ring_interval);
    h.u64(static_cast<std::uint64_t>(c.strategy.scoring));
    h.f64(c.strategy.occupancy_cap);
    h.u64(c.weight);
    h.id(c.eligibility);
    h.u64(c.dynamic_tier);
    h.u64(c.initial_tier_limit);
    h.dur(c.priority_step);
    h.id(c.escalation);
    h.dur(c.service_level_time);
    h.dur(c.expected_handle_time);
    // The roster is primary (who the host made a member, in which order); the groups built
    // from it are not.
    h.u64(q.roster.size());
    for (const roster_entry& e : q.roster) {
      h.id(e.agent->id);
      h.u64(e.options.tier);
      h.u64(e.options.weight);
      h.u64(e.options.order.has_value() ? *e.options.order + 1ull : 0);
      h.u64(e.order);
    }
    h.u64(q.next_order);
    h.u64(q.offered);
    h.u64(q.has_rr ? 1 : 0);
    h.u64(q.rr_order);
    for (bool b : q.recent) h.u64(b ? 1 : 0);
    h.u64(q.recent_count);
    h.u64(q.recent_next);
    h.u64(q.recent_within);
    h.f64(q.handle_seconds);
    h.u64(q.line.size());
    if (format < 2) return;
    h.u64(c.service_levels.size());
    for (const service_level_target& t : c.service_levels) {
      h.u64(t.channel.value());
      h.f64(t.percent);
      h.dur(t.threshold);
    }
    const queue_selection_config& s = c.selection;
    h.f64(s.delay_weight);
    h.f64(s.target_share);
    h.f64(s.allocation_percent);
    h.f64(s.reserve_below);
    h.f64(s.reserve_until);
    h.dur(s.window);
    h.u64(static_cast<std::uint64_t>(s.groups));
    for (const roster_entry& e : q.roster) h.u64(e.options.reserve ? 1 : 0);
    h.dur(q.live.width());
    for (const service_level_window::bucket& b : q.live.buckets()) {
      h.i64(b.index);
      h.u64(b.within);
      h.u64(b.counted);
      h.f64(b.seconds);
    }
    h.u64(q.reserve_helping ? 1 : 0);
  }

  static void contact(state_hasher& h, const router_impl& r, const contact_rec& c) {
    h.id(c.id);
    h.u64(c.seq);
    h.i64(c.key.rank);
    h.i64(c.key.time);
    h.i64(c.key.sub);
    h.id(c.queue ? c.queue->id : queue_id());
    h.id(c.queue_handle);
    h.id(c.requirement);
    h.u64(c.max_tier);
    h.id(plan_id(c.plan_override));
    h.id(plan_id(c.plan));
    h.u64(c.next_step);
    h.i64(c.last_step);
    h.id(c.preferred ? c.preferred->id : agent_id());
    h.u64(c.channel.value());
    h.i64(c.priority);
    const attribute_map& attributes = r.attributes_of(c);
    h.u64(attributes.size());
    for (std::size_t i = 0; i < attributes.size(); ++i) {
      h.str(attributes[i].key);
      h.str(attributes[i].value);
    }
    h.time(c.arrival);
    h.time(c.enqueued);
    h.time(c.line_time);
    h.u64(static_cast<std::uint64_t>(c.state));
    h.id(c.connection ? c.connection->id : offer_id());
    h.u64(c.has_hunt ? 1 : 0);
    h.u64(c.hunt_order);
    for (timer_kind k : contact_timers::kinds) timer(h, r.timers_of(c), k);
    for (const work_rec& w : c.offers) h.id(w.id);
  }

  static void work(state_hasher& h, const work_rec& w) {
    h.id(w.id);
    h.id(w.agent ? w.agent->id : agent_id());
    h.id(w.contact ? w.contact->id : contact_id());
    h.id(w.served);
    h.id(w.queue);
    h.u64(w.channel.value());
    h.u64(static_cast<std::uint64_t>(w.stage));
    h.u64(w.cost);
    h.time(w.offered_at);
    h.time(w.connected_at);
    offers(h, w.policy);
    h.dur(w.wrap_up);
    timer(h, w.timer);
  }

  /// Visits every slot: live ones by content, free ones by generation (the next handle issued
  /// from a slot depends on it).
  template <class Pool, class F>
  static void pool(state_hasher& h, const Pool& p, F&& visit) {
    h.u64(p.live());
    for (std::uint32_t i = 0; i < p.capacity(); ++i) {
      const bool live = p.is_live(i);
      if (!live && p.generation(i) == 1) continue;  // never used: the same in every router
      h.u64(i);
      h.u64(p.generation(i));
      h.u64(live ? 1 : 0);
      if (live) visit(p[i]);
    }
  }

  /// `format`: state_hash_format_oldest to state_hash_format (router::state_hash() uses the
  /// latest; a snapshot loader the one its snapshot was written with).
  static std::uint64_t hash(const router_impl& r, std::uint32_t format = state_hash_format) {
    state_hasher h;
    h.u64(0x6f6d6e6973746174ull);  // "omnistat"
    if (format >= 2) {
      h.u64(format);
      h.u64(static_cast<std::uint64_t>(r.selection_));
    }
    h.time(r.now_);
    h.u64(r.event_seq_);
    h.u64(r.agent_seq_);
    h.u64(r.queue_seq_);
    h.u64(r.contact_seq_);
    h.u64(r.live_contacts_);
    // The generator's state, observed through a copy's next outputs (rng keeps it private).
    rng copy = r.rng_;
    for (int i = 0; i < 4; ++i) h.u64(copy.next());
    h.u64(r.timers_.size());

    h.u64(r.channels_.size());
    for (std::uint8_t i = 0; i < r.channels_.size(); ++i) {
      const channel_info& ci = r.channels_.info(channel_id(i));
      h.str(ci.name);
      h.u64(static_cast<std::uint64_t>(ci.kind));
      h.u64(ci.default_cost);
      h.u64(ci.default_blocks.bits());
    }
    h.u64(r.skills_.skill_count());
    for (std::size_t i = 0; i < r.skills_.skill_count(); ++i) h.str(r.skills_.skill_name(static_cast<skill_id>(i)));
    h.u64(r.skills_.attribute_count());
    for (std::size_t i = 0; i < r.skills_.attribute_count(); ++i) {
      h.str(r.skills_.attribute_name(static_cast<attribute_id>(i)));
      h.u64(static_cast<std::uint64_t>(r.skills_.kind(static_cast<attribute_id>(i))));
    }
    h.u64(r.skills_.value_count());
    for (std::size_t i = 0; i < r.skills_.value_count(); ++i) h.str(r.skills_.value_name(static_cast<value_id>(i)));

    h.u64(r.requirements_.size());
    for (const requirement& q : r.requirements_) {
      h.u64(q.nodes().size());
      for (const requirement::node& n : q.nodes()) {
        h.u64(static_cast<std::uint64_t>(n.kind));
        h.u64(static_cast<std::uint64_t>(n.op));
        h.u64(n.id);
        h.u64(n.size);
        h.i64(n.level);
        h.u64(n.value);
      }
      h.u64(q.unknown_values().size());
      for (const std::string& v : q.unknown_values()) h.str(v);
      h.u64(q.preferred().size());
      for (const auto& p : q.preferred()) {
        h.u64(p.first);
        h.f64(p.second);
      }
    }
    h.u64(r.plans_.size());
    for (const escalation_plan& p : r.plans_) {
      h.u64(p.steps.size());
      for (const escalation_step& s : p.steps) {
        h.dur(s.after);
        h.u64(static_cast<std::uint64_t>(s.condition));
        h.dur(s.wait_above);
        h.f64(s.service_level_below);
        h.u64(static_cast<std::uint64_t>(s.action));
        h.id(s.requirement);
        h.u64(s.max_tier);
        h.i64(s.priority_delta);
        h.id(s.queue);
        h.str(s.destination);
      }
    }

    pool(h, r.agents_, [&](const agent_rec& a) { agent(h, a, format); });
    pool(h, r.queues_, [&](const queue_rec& q) { queue(h, q, format); });
    pool(h, r.contacts_, [&](const contact_rec& c) { contact(h, r, c); });
    pool(h, r.works_, [&](const work_rec& w) { work(h, w); });
    return h.value();
  }
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_ROUTER_STATE_HPP

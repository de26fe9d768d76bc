// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The payload of a router snapshot: exactly the primary state that router_state hashes (and the
// few primary fields the hash leaves out because they follow from others: hunt and round-robin
// creation numbers, the timer arming counter), with slot indexes and generations so that every
// handle stays valid. The payload's layout is the same in snapshot formats 1 and 2; only the
// hash it opens with differs (router_state's formats).
//
// Derived state is never saved. Loading rebuilds it through the router's own paths: slots and
// name maps, eligibility groups (their identities are saved, their members are not), the
// agent's memberships (in their saved order, then checked against eligibility), ready and
// availability indexes (rebuild_draws, refresh), and lists of work and offers. A payload whose
// rebuilt state does not hash to the saved value is refused: the hash proves the round trip.
//
// Not public API; see omniroute/journal/snapshot.hpp for the format and the guarantees.
#ifndef OMNIROUTE_JOURNAL_DETAIL_ROUTER_SNAPSHOT_HPP
#define OMNIROUTE_JOURNAL_DETAIL_ROUTER_SNAPSHOT_HPP

#include <omniroute/journal/detail/model_wire.hpp>
#include <omniroute/model/detail/requirement_access.hpp>
#include <omniroute/router/detail/router_state.hpp>

#include <algorithm>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// Reads and writes router_impl's primary state (router_impl names it a friend).
struct router_snapshot {
  static constexpr std::uint32_t no_index = 0xFFFFFFFFu;

  // ===== Save ===============================================================================

  static void save(const router_impl& r, wire_writer& w) {
    w.u64(router_state::hash(r));
    w.time(r.now_);
    w.u64(r.event_seq_);
    w.u64(r.agent_seq_);
    w.u64(r.queue_seq_);
    w.u64(r.contact_seq_);
    w.u64(r.live_contacts_);
    for (std::uint64_t word : r.rng_.state()) w.u64(word);
    w.u64(r.timers_.sequence());
    w.u8(static_cast<std::uint8_t>(r.selection_));

    w.u32(static_cast<std::uint32_t>(r.channels_.size()));
    for (std::uint8_t i = 0; i < r.channels_.size(); ++i) {
      const channel_info& ci = r.channels_.info(channel_id(i));
      w.str(ci.name);
      w.u8(static_cast<std::uint8_t>(ci.kind));
      w.u16(ci.default_cost);
      w.u32(ci.default_blocks.bits());
    }
    const skill_registry& sk = r.skills_;
    w.u32(static_cast<std::uint32_t>(sk.skill_count()));
    for (std::size_t i = 0; i < sk.skill_count(); ++i) w.str(sk.skill_name(static_cast<skill_id>(i)));
    w.u32(static_cast<std::uint32_t>(sk.attribute_count()));
    for (std::size_t i = 0; i < sk.attribute_count(); ++i) {
      w.str(sk.attribute_name(static_cast<attribute_id>(i)));
      w.u8(static_cast<std::uint8_t>(sk.kind(static_cast<attribute_id>(i))));
    }
    w.u32(static_cast<std::uint32_t>(sk.value_count()));
    for (std::size_t i = 0; i < sk.value_count(); ++i) w.str(sk.value_name(static_cast<value_id>(i)));

    // Requirements as their nodes, not their text: a value unknown when a requirement was
    // parsed stays unknown in it even after the registry learnt it.
    w.u32(static_cast<std::uint32_t>(r.requirements_.size()));
    for (const requirement& q : r.requirements_) {
      w.u32(static_cast<std::uint32_t>(q.nodes().size()));
      for (const requirement::node& n : q.nodes()) {
        w.u8(static_cast<std::uint8_t>(n.kind));
        w.u8(static_cast<std::uint8_t>(n.op));
        w.u16(n.id);
        w.u32(n.size);
        w.i32(n.level);
        w.u32(n.value);
      }
      w.u32(static_cast<std::uint32_t>(q.unknown_values().size()));
      for (const std::string& v : q.unknown_values()) w.str(v);
      w.u32(static_cast<std::uint32_t>(q.preferred().size()));
      for (const auto& p : q.preferred()) {
        w.u16(p.first);
        w.f64(p.second);
      }
    }
    w.u32(static_cast<std::uint32_t>(r.plans_.size()));
    for (const escalation_plan& p : r.plans_) write_plan(w, p);

    save_pool(w, r.agents_, [&](const agent_rec& a) { save_agent(r, w, a); });
    save_pool(w, r.queues_, [&](const queue_rec& q) { save_queue(w, q); });
    save_pool(w, r.contacts_, [&](const contact_rec& c) { save_contact(r, w, c); });
    save_pool(w, r.works_, [&](const work_rec& k) { save_work(w, k); });
  }

  // ===== Load ===============================================================================

  /// Loads a payload into `r`, which must be fresh (is_fresh). On error `r` is left half-built
  /// and must be discarded (restore_snapshot loads into a scratch router for that reason).
  /// `hash_format` is the state-hash format of the saved hash (the snapshot's format).
  static std::error_code load(router_impl& r, wire_reader& in, std::uint32_t hash_format) {
    loader l(r, in, hash_format);
    return l.run() ? std::error_code() : make_error_code(errc::malformed_data);
  }

  /// Whether the router has never been given state: no command ran, nothing was registered.
  static bool is_fresh(const router_impl& r) {
    return r.now_ == time_point{} && r.event_seq_ == 0 && r.agent_seq_ == 0 && r.queue_seq_ == 0 &&
           r.contact_seq_ == 0 && r.requirements_.empty() && r.plans_.empty() &&
           r.skills_.skill_count() == 0 && r.skills_.attribute_count() == 0 &&
           r.skills_.value_count() == skill_registry().value_count() &&
           r.channels_.size() == channel_registry().size() && r.timers_.size() == 0;
  }

  /// Moves the host's ports and preferences (observer, transports, error handler, explanations:
  /// not router state) from one router to another.
  static void adopt_ports(router_impl& from, router_impl& to) {
    to.observer_ = from.observer_;
    to.transports_ = from.transports_;
    to.error_handler_ = std::move(from.error_handler_);
    to.explain_ = from.explain_;
  }

 private:
  // ----- Save helpers -----------------------------------------------------------------------

  static void save_timer(wire_writer& w, const timer_node& t) {
    w.flag(t.armed());
    if (!t.armed()) return;
    w.time(t.deadline);
    w.u64(t.sequence);
    w.u32(t.owner);
    w.u8(static_cast<std::uint8_t>(t.kind));
  }
  /// A contact timer, written as a node of its own was (the format predates timer banks).
  /// `b` null: the contact holds no bank.
  static void save_timer(wire_writer& w, const contact_timers* b, timer_kind k) {
    const bool armed = b && b->slot(k).armed();
    w.flag(armed);
    if (!armed) return;
    const bank_slot& s = b->slot(k);
    w.time(s.deadline);
    w.u64(s.sequence);
    w.u32(b->node.owner);
    w.u8(static_cast<std::uint8_t>(k));
  }

  template <class T>
  static std::uint32_t index_of(const T* p) noexcept {
    return p ? p->id.index() : no_index;
  }

  /// The slot layout, then each live record. The layout is every slot below the highest one
  /// ever used (generation and liveness), then the free list without its longest ascending
  /// tail. A pool hands out freed slots (last freed first) before never-used ones (lowest
  /// first), so that tail is exactly the free slots the list does not name, in ascending order,
  /// followed by the slots the pool has not allocated yet: the loader rebuilds it that way, and
  /// the restored pool hands out the same slots in the same order whatever its capacity (a
  /// capacity reserved but never used is not saved, and a loader allocates no more slots than
  /// the payload describes).
  template <class Pool, class F>
  static void save_pool(wire_writer& w, const Pool& p, F&& record) {
    std::vector<std::uint32_t> order;
    p.for_each_free([&](std::uint32_t i) { order.push_back(i); });
    std::size_t keep = order.size();
    while (keep > 1 && order[keep - 2] < order[keep - 1]) --keep;
    if (keep == 1) keep = 0;
    std::uint32_t slots = 0;
    for (std::uint32_t i = 0; i < p.capacity(); ++i) {
      if (p.is_live(i) || p.generation(i) != 1) slots = i + 1;
    }
    for (std::size_t i = 0; i < keep; ++i) slots = std::max(slots, order[i] + 1);
    w.u32(slots);
    for (std::uint32_t i = 0; i < slots; ++i) {
      w.u32(p.generation(i));
      w.flag(p.is_live(i));
    }
    w.u32(static_cast<std::uint32_t>(keep));
    for (std::size_t i = 0; i < keep; ++i) w.u32(order[i]);
    for (std::uint32_t i = 0; i < p.capacity(); ++i) {
      if (p.is_live(i)) record(p[i]);
    }
  }

  static void save_agent(const router_impl& r, wire_writer& w, const agent_rec& a) {
    w.u64(a.seq);
    w.str(a.name);
    write_agent_config(w, r.given_config(a));
    write_capacity(w, *a.capacity);
    w.u32(static_cast<std::uint32_t>(a.profile.levels.size()));
    for (std::uint8_t l : a.profile.levels) w.u8(l);
    w.u32(static_cast<std::uint32_t>(a.profile.attributes.size()));
    for (const auto& kv : a.profile.attributes) {
      w.u16(kv.first);
      w.u32(kv.second);
    }
    w.u8(static_cast<std::uint8_t>(a.presence));
    w.u32(a.reason);
    w.flag(a.held_back);
    save_timer(w, a.hold_timer);
    w.u32(a.used);
    for (std::uint16_t n : a.held) w.u16(n);
    w.u32(a.holding.bits());
    w.u32(a.blocked.bits());
    w.u32(a.offers);
    w.u32(a.connected);
    w.u32(a.wrapping);
    for (std::uint32_t n : a.consecutive) w.u32(n);
    w.time(a.last_completion);
    w.time(a.last_offer);
    w.time(a.ready_since);
    w.u64(a.handled);
    w.dur(a.talk);
    w.dur(a.wrap);
    w.time(a.login_time);
    w.u8(static_cast<std::uint8_t>(a.reported_state));
    w.u32(a.reported_reason);
    // Membership order is history (which group was created first) and decides the order in
    // which an agent meets its queues; the memberships themselves are checked on load.
    w.u32(static_cast<std::uint32_t>(a.memberships.size()));
    for (const member_rec* m : a.memberships) {
      const queue_rec& q = *m->group->queue;
      w.u32(q.id.index());
      w.u32(group_position(q, *m->group));
    }
    w.u32(count(a.work));
    for (const work_rec& k : a.work) w.u32(k.id.index());
  }

  template <class List>
  static std::uint32_t count(const List& l) noexcept {
    std::uint32_t n = 0;
    for (auto it = l.begin(); it != l.end(); ++it) ++n;
    return n;
  }

  /// A group's position among its queue's groups.
  static std::uint32_t group_position(const queue_rec& q, const group_rec& g) noexcept {
    std::uint32_t pos = 0;
    for (const group_rec* each : q.groups) {
      if (each == &g) return pos;
      ++pos;
    }
    return no_index;
  }

  static void save_queue(wire_writer& w, const queue_rec& q) {
    w.u64(q.seq);
    write_queue_config(w, q.config);
    w.u32(static_cast<std::uint32_t>(q.roster.size()));
    for (const roster_entry& e : q.roster) {
      w.u32(e.agent->id.index());
      write_member_options(w, e.options);
      w.u32(e.order);
    }
    w.u32(q.next_order);
    w.u32(q.offered);
    w.flag(q.has_rr);
    w.u32(q.rr_order);
    w.u64(q.rr_seq);
    for (bool b : q.recent) w.flag(b);
    w.u32(q.recent_count);
    w.u32(q.recent_next);
    w.u32(q.recent_within);
    w.f64(q.handle_seconds);
    w.dur(q.live.width());
    for (const service_level_window::bucket& b : q.live.buckets()) {
      w.i64(b.index);
      w.u32(b.within);
      w.u32(b.counted);
      w.f64(b.seconds);
    }
    w.flag(q.reserve_helping);
    w.u32(static_cast<std::uint32_t>(q.groups.size()));
    for (const auto& g : q.groups) {
      w.u64(g->requirement.value());
      w.u32(g->max_tier);
      w.u32(index_of(g->personal));
    }
    w.u32(static_cast<std::uint32_t>(q.line.size()));
    for (const contact_rec& c : q.line) w.u32(c.id.index());
  }

  static void save_contact(const router_impl& r, wire_writer& w, const contact_rec& c) {
    w.u64(c.seq);
    w.i64(c.key.rank);
    w.i64(c.key.time);
    w.i64(c.key.sub);
    w.u32(index_of(c.queue));
    w.u32(c.queue && c.group ? group_position(*c.queue, *c.group) : no_index);
    w.u64(c.queue_handle.value());
    w.u64(c.requirement.value());
    w.u32(c.max_tier);
    w.u64(plan_id(c.plan_override).value());
    w.u64(plan_id(c.plan).value());
    w.u32(c.next_step);
    w.i32(c.last_step);
    w.u32(index_of(c.preferred));
    w.u8(c.channel.value());
    w.i32(c.priority);
    const attribute_map& attributes = r.attributes_of(c);
    w.u32(static_cast<std::uint32_t>(attributes.size()));
    for (std::size_t i = 0; i < attributes.size(); ++i) {
      w.str(attributes[i].key);
      w.str(attributes[i].value);
    }
    w.time(c.arrival);
    w.time(c.enqueued);
    w.time(c.line_time);
    w.u8(static_cast<std::uint8_t>(c.state));
    w.u32(index_of(c.connection));
    w.flag(c.has_hunt);
    w.u32(c.hunt_order);
    w.u64(c.hunt_seq);
    for (timer_kind k : contact_timers::kinds) save_timer(w, r.timers_of(c), k);
    w.u32(static_cast<std::uint32_t>(c.offers.size()));
    for (const work_rec& k : c.offers) w.u32(k.id.index());
  }

  static void save_work(wire_writer& w, const work_rec& k) {
    w.u32(index_of(k.agent));
    w.u32(index_of(k.contact));
    w.u64(k.served.value());
    w.u64(k.queue.value());
    w.u8(k.channel.value());
    w.u8(static_cast<std::uint8_t>(k.stage));
    w.u16(k.cost);
    w.time(k.offered_at);
    w.time(k.connected_at);
    write_offer_policy(w, k.policy);
    w.dur(k.wrap_up);
    save_timer(w, k.timer);
  }

  // ----- Load -------------------------------------------------------------------------------

  /// A group's identity (its members are derived).
  struct group_key {
    requirement_id requirement;
    std::uint32_t max_tier = 0;
    std::uint32_t personal = no_index;
  };


  /// One load: reads sections in the order save() wrote them, keeping links between records
  /// as slot indexes until every record exists, then links and rebuilds.
  struct loader {
    loader(router_impl& router, wire_reader& input, std::uint32_t format) noexcept
        : r(router), in(input), hash_format(format) {}

    router_impl& r;
    wire_reader& in;
    std::uint32_t hash_format;
    std::uint64_t saved_hash = 0;
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> memberships;  // per agent slot
    std::vector<std::vector<std::uint32_t>> agent_work;                             // per agent slot
    std::vector<std::vector<std::uint32_t>> lines;                                  // per queue slot
    std::vector<std::vector<group_key>> groups;                                     // per queue slot
    std::vector<std::uint32_t> contact_group;                                       // per contact slot
    std::vector<std::uint32_t> contact_connection;                                  // per contact slot
    std::vector<std::vector<std::uint32_t>> contact_offers;                         // per contact slot

    bool run() {
      return scalars() && registries() && requirements() &&
             load_pool(r.agents_, [&](std::uint32_t i, agent_rec& a) { return agent(i, a); }, [&](std::uint32_t n) {
               memberships.resize(n);
               agent_work.resize(n);
             }) &&
             load_pool(r.queues_, [&](std::uint32_t i, queue_rec& q) { return queue(i, q); }, [&](std::uint32_t n) {
               lines.resize(n);
               groups.resize(n);
             }) &&
             load_pool(r.contacts_, [&](std::uint32_t i, contact_rec& c) { return contact(i, c); }, [&](std::uint32_t n) {
               contact_group.assign(n, no_index);
               contact_connection.assign(n, no_index);
               contact_offers.resize(n);
             }) &&
             load_pool(r.works_, [&](std::uint32_t, work_rec& k) { return work(k); }, [](std::uint32_t) {}) &&
             in.at_end() && link() && router_state::hash(r, hash_format) == saved_hash;
    }

    bool scalars() {
      std::uint64_t live = 0;
      std::array<std::uint64_t, 4> words{};
      std::uint64_t sequence = 0;
      if (!(in.u64(saved_hash) && in.time(r.now_) && in.u64(r.event_seq_) && in.u64(r.agent_seq_) &&
            in.u64(r.queue_seq_) && in.u64(r.contact_seq_) && in.u64(live))) {
        return false;
      }
      r.live_contacts_ = static_cast<std::size_t>(live);
      for (auto& word : words) {
        if (!in.u64(word)) return false;
      }
      r.rng_.set_state(words);
      if (!in.u64(sequence) || !in.enumeration(r.selection_, 4)) return false;
      r.timers_.restore_sequence(sequence);
      return true;
    }

    bool registries() {
      std::uint32_t n = 0;
      if (!in.count(n, 11) || n > max_channels) return false;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::string name;
        channel_kind kind{};
        std::uint16_t cost = 0;
        std::uint32_t blocks = 0;
        if (!(in.str(name) && in.enumeration(kind, 2) && in.u16(cost) && in.u32(blocks))) return false;
        if (i < r.channels_.size()) {
          // The built-in channels: the same in every router of this version.
          const channel_info& built_in = r.channels_.info(channel_id(static_cast<std::uint8_t>(i)));
          if (built_in.name != name || built_in.kind != kind || built_in.default_cost != cost ||
              built_in.default_blocks.bits() != blocks) {
            return false;
          }
          continue;
        }
        auto id = r.channels_.add(name, kind, cost, channel_set::from_bits(blocks));
        if (!id || id->value() != i) return false;
      }
      if (!in.count(n, 4)) return false;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::string name;
        if (!in.str(name)) return false;
        auto id = r.skills_.add_skill(name);
        if (!id || *id != i) return false;
      }
      if (!in.count(n, 5)) return false;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::string name;
        attribute_kind kind{};
        if (!in.str(name) || !in.enumeration(kind, 2)) return false;
        auto id = r.skills_.add_attribute(name, kind);
        if (!id || *id != i) return false;
      }
      if (!in.count(n, 4)) return false;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::string name;
        if (!in.str(name)) return false;
        if (r.skills_.intern_value(name) != i) return false;
      }
      return true;
    }

    bool requirements() {
      std::uint32_t n = 0;
      if (!in.count(n, 12)) return false;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::uint32_t nodes = 0;
        if (!in.count(nodes, 16)) return false;
        std::vector<requirement::node> ns(nodes);
        for (std::uint32_t k = 0; k < nodes; ++k) {
          requirement::node& x = ns[k];
          if (!(in.enumeration(x.kind, 9) && in.enumeration(x.op, 6) && in.u16(x.id) && in.u32(x.size) &&
                in.i32(x.level) && in.u32(x.value))) {
            return false;
          }
          if (x.size == 0 || x.size > nodes - k) return false;  // matching walks by these sizes
        }
        std::uint32_t m = 0;
        if (!in.count(m, 4)) return false;
        std::vector<std::string> unknown(m);
        for (auto& v : unknown) {
          if (!in.str(v)) return false;
        }
        if (!in.count(m, 10)) return false;
        std::vector<std::pair<skill_id, double>> preferred(m);
        for (auto& p : preferred) {
          if (!in.u16(p.first) || !in.f64(p.second)) return false;
        }
        if (!well_formed(ns, unknown.size())) return false;
        for (const auto& p : preferred) {
          if (p.first >= r.skills_.skill_count()) return false;
        }
        requirement q = requirement_access::make(std::move(ns), std::move(unknown), std::move(preferred));
        if (requirement_access::find_problem(q, &r.skills_).code != errc{}) return false;
        r.requirement_ids_.emplace(q.to_string(r.skills_), requirement_id(i + 1, 1));
        r.requirements_.push_back(std::move(q));
      }
      if (!in.count(n, 4)) return false;
      r.plans_.resize(n);
      for (escalation_plan& p : r.plans_) {
        if (!read_plan(in, p)) return false;
      }
      return true;
    }

    /// Whether saved requirement nodes form an expression the router could have built: prefix
    /// order with consistent subtree sizes, operator arities, and ids of registered skills,
    /// attributes and values (or of the requirement's own unknown values). Matching and
    /// printing trust all of these.
    bool well_formed(const std::vector<requirement::node>& ns, std::size_t unknown) const {
      using kind = requirement::node_kind;
      std::size_t i = 0;
      auto value_ok = [&](value_id v) {
        return v < r.skills_.value_count() ||
               (v >= requirement::unknown_value_base && v - requirement::unknown_value_base < unknown);
      };
      // Checks the subtree at i and moves i past it; depth bounds the recursion.
      auto subtree = [&](auto& self, std::size_t depth) -> bool {
        if (i >= ns.size() || depth > requirement::max_depth) return false;
        const requirement::node& n = ns[i];
        const std::size_t end = i + n.size;
        if (n.size == 0 || end > ns.size()) return false;
        ++i;
        switch (n.kind) {
          case kind::skill_compare:
            return n.size == 1 && n.id < r.skills_.skill_count();
          case kind::boolean_attribute:
            return n.size == 1 && n.id < r.skills_.attribute_count();
          case kind::attribute_equals:
          case kind::attribute_not_equals:
            return n.size == 1 && n.id < r.skills_.attribute_count() && value_ok(n.value);
          case kind::attribute_in:
            if (n.size < 2 || n.id >= r.skills_.attribute_count()) return false;
            for (; i < end; ++i) {
              if (ns[i].kind != kind::value || ns[i].size != 1 || !value_ok(ns[i].value)) return false;
            }
            return true;
          case kind::conjunction:
          case kind::disjunction:
          case kind::negation: {
            std::size_t operands = 0;
            while (i < end) {
              if (!self(self, depth + 1)) return false;
              ++operands;
            }
            return i == end && (n.kind == kind::negation ? operands == 1 : operands >= 2);
          }
          case kind::value:
          default:
            return false;
        }
      };
      return ns.empty() || (subtree(subtree, 0) && i == ns.size());
    }

    bool timer(timer_node& t) {
      bool armed = false;
      if (!in.flag(armed)) return false;
      if (!armed) return true;
      time_point deadline{};
      std::uint64_t sequence = 0;
      if (!(in.time(deadline) && in.u64(sequence) && in.u32(t.owner) && in.enumeration(t.kind, 7))) return false;
      r.timers_.restore(t, deadline, sequence);
      return true;
    }

    bool contact_timers_loaded(contact_rec& c, std::uint32_t index) {
      for (timer_kind k : contact_timers::kinds) {
        if (!timer(c, k, index)) return false;
      }
      return true;
    }

    /// A contact timer of kind `k`, saved as save_timer(w, b, k) writes it.
    bool timer(contact_rec& c, timer_kind k, std::uint32_t owner) {
      bool armed = false;
      if (!in.flag(armed)) return false;
      if (!armed) return true;
      time_point deadline{};
      std::uint64_t sequence = 0;
      std::uint32_t saved_owner = 0;
      timer_kind saved_kind{};
      if (!(in.time(deadline) && in.u64(sequence) && in.u32(saved_owner) && in.enumeration(saved_kind, 7))) {
        return false;
      }
      if (saved_owner != owner || saved_kind != k || sequence == 0) return false;
      r.timers_.restore(r.timers_for(c), k, deadline, sequence);  // owner is c.id.index()
      return true;
    }

    template <class Pool, class Record, class Size>
    bool load_pool(Pool& pool, Record&& record, Size&& size) {
      std::uint32_t slots = 0;
      if (!in.count(slots, 5)) return false;  // so a payload cannot make it allocate beyond its size
      pool.restore_begin(slots);
      size(pool.capacity());
      for (std::uint32_t i = 0; i < slots; ++i) {
        std::uint32_t generation = 0;
        bool live = false;
        if (!in.u32(generation) || !in.flag(live) || generation == 0) return false;
        pool.restore_slot(i, generation, live);
      }
      std::uint32_t n = 0;
      if (!in.count(n, 4)) return false;
      std::vector<std::uint32_t> order(n);
      for (std::uint32_t& i : order) {
        if (!in.u32(i) || i >= slots) return false;
      }
      if (!pool.restore_free_list(order)) return false;
      for (std::uint32_t i = 0; i < pool.capacity(); ++i) {
        if (pool.is_live(i) && !record(i, pool[i])) return false;
      }
      return true;
    }

    template <class Pool>
    static auto* at(Pool& pool, std::uint32_t index) noexcept {
      return index != no_index && pool.is_live(index) ? &pool[index] : nullptr;
    }

    bool agent(std::uint32_t index, agent_rec& a) {
      a.id = agent_id(index, r.agents_.generation(index));
      std::uint32_t n = 0;
      agent_config given;
      capacity_profile capacity;
      if (!(in.u64(a.seq) && in.str(a.name) && read_agent_config(in, given, wire_format_latest) &&
            read_capacity(in, capacity) && in.count(n, 1))) {
        return false;
      }
      a.capacity = r.capacity_profiles_.hold(capacity);
      // The configuration repeats the agent's name and, when the host gave one, its capacity
      // (given_config): a payload where they differ was not written by save() and would not
      // save back to itself.
      if (given.name != a.name || (given.capacity && *given.capacity != capacity) ||
          !r.keep_given(a, given)) {
        return false;
      }
      a.profile.levels.resize(n);
      for (std::uint8_t& l : a.profile.levels) {
        if (!in.u8(l)) return false;
      }
      if (!in.count(n, 6)) return false;
      a.profile.attributes.resize(n);
      for (auto& kv : a.profile.attributes) {
        if (!in.u16(kv.first) || !in.u32(kv.second)) return false;
      }
      // The profile is a function of the given skills and attributes (resolve_profile, as
      // add_agent and update_agent build it): a payload where they disagree would route by
      // other skills than the agent's configuration says.
      agent_profile derived;
      if (r.resolve_profile(given, derived) || derived != a.profile) return false;
      std::uint32_t holding = 0;
      std::uint32_t blocked = 0;
      if (!(in.enumeration(a.presence, 3) && in.u32(a.reason) && in.flag(a.held_back) && timer(a.hold_timer) &&
            in.u32(a.used))) {
        return false;
      }
      for (std::uint16_t& h : a.held) {
        if (!in.u16(h)) return false;
      }
      if (!(in.u32(holding) && in.u32(blocked) && in.u32(a.offers) && in.u32(a.connected) && in.u32(a.wrapping))) {
        return false;
      }
      a.holding = channel_set::from_bits(holding);
      a.blocked = channel_set::from_bits(blocked);
      router_impl::recompute_open(a);
      for (std::uint32_t& c : a.consecutive) {
        if (!in.u32(c)) return false;
      }
      if (!(in.time(a.last_completion) && in.time(a.last_offer) && in.time(a.ready_since) && in.u64(a.handled) &&
            in.dur(a.talk) && in.dur(a.wrap) && in.time(a.login_time) && in.enumeration(a.reported_state, 6) &&
            in.u32(a.reported_reason) && in.count(n, 8))) {
        return false;
      }
      memberships[index].resize(n);
      for (auto& m : memberships[index]) {
        if (!in.u32(m.first) || !in.u32(m.second)) return false;
      }
      if (!in.count(n, 4)) return false;
      agent_work[index].resize(n);
      for (std::uint32_t& k : agent_work[index]) {
        if (!in.u32(k)) return false;
      }
      return r.agent_names_.emplace(a.name, a.id).second;
    }

    bool queue(std::uint32_t index, queue_rec& q) {
      q.id = queue_id(index, r.queues_.generation(index));
      std::uint32_t n = 0;
      if (!(in.u64(q.seq) && read_queue_config(in, q.config, wire_format_latest) && in.count(n, 13))) return false;
      for (std::uint32_t i = 0; i < n; ++i) {
        roster_entry e;
        std::uint32_t agent = 0;
        if (!(in.u32(agent) && read_member_options(in, e.options, wire_format_latest) && in.u32(e.order))) {
          return false;
        }
        e.agent = at(r.agents_, agent);
        if (!e.agent || q.listed(e.agent)) return false;
        q.list(e);
      }
      if (!(in.u32(q.next_order) && in.u32(q.offered) && in.flag(q.has_rr) && in.u32(q.rr_order) && in.u64(q.rr_seq))) {
        return false;
      }
      for (bool& b : q.recent) {
        if (!in.flag(b)) return false;
      }
      duration width{};
      std::array<service_level_window::bucket, service_level_window::bucket_count> buckets{};
      if (!(in.u32(q.recent_count) && in.u32(q.recent_next) && in.u32(q.recent_within) && in.f64(q.handle_seconds) &&
            in.dur(width) && width > duration::zero())) {
        return false;
      }
      if (q.recent_next >= q.recent.size() || q.recent_count > q.recent.size()) return false;
      for (auto& b : buckets) {
        if (!(in.i64(b.index) && in.u32(b.within) && in.u32(b.counted) && in.f64(b.seconds))) return false;
      }
      q.live.restore(width, buckets);
      if (!in.flag(q.reserve_helping) || !in.count(n, 16) || n == 0) return false;
      groups[index].resize(n);
      for (group_key& g : groups[index]) {
        if (!(in.handle(g.requirement) && in.u32(g.max_tier) && in.u32(g.personal))) return false;
      }
      if (!in.count(n, 4)) return false;
      lines[index].resize(n);
      for (std::uint32_t& c : lines[index]) {
        if (!in.u32(c)) return false;
      }
      return r.queue_names_.emplace(q.config.name, q.id).second;
    }

    bool plan_or_null(plan_id id) const noexcept {
      return id == plan_id() || r.find_plan(id) != nullptr;
    }

    bool contact(std::uint32_t index, contact_rec& c) {
      c.id = contact_id(index, r.contacts_.generation(index));
      std::uint32_t queue = 0;
      std::uint32_t preferred = 0;
      std::uint8_t channel = 0;
      std::uint32_t n = 0;
      plan_id plan_override;
      plan_id plan;
      if (!(in.u64(c.seq) && in.i64(c.key.rank) && in.i64(c.key.time) && in.i64(c.key.sub) && in.u32(queue) &&
            in.u32(contact_group[index]) && in.handle(c.queue_handle) && in.handle(c.requirement) &&
            in.u32(c.max_tier) && in.handle(plan_override) && in.handle(plan) && in.u32(c.next_step) &&
            in.i32(c.last_step) && in.u32(preferred) && in.u8(channel) && in.i32(c.priority) && in.count(n, 8))) {
        return false;
      }
      // The record keeps a plan by index (plan_index): only null ids and plans that exist.
      if (!plan_or_null(plan_override) || !plan_or_null(plan)) return false;
      c.plan_override = plan_override;
      c.plan = plan;
      c.queue = at(r.queues_, queue);
      c.preferred = at(r.agents_, preferred);
      if ((queue != no_index && !c.queue) || (preferred != no_index && !c.preferred)) return false;
      c.channel = channel_id(channel);
      if (n > 0) {
        c.attributes = r.contact_attributes_.acquire();
        attribute_map& attributes = r.contact_attributes_[c.attributes].map;
        for (std::uint32_t i = 0; i < n; ++i) {
          std::string key;
          std::string value;
          if (!in.str(key) || !in.str(value) || !attributes.set(key, value)) return false;
        }
      }
      if (!(in.time(c.arrival) && in.time(c.enqueued) && in.time(c.line_time) && in.enumeration(c.state, 8) &&
            in.u32(contact_connection[index]) && in.flag(c.has_hunt) && in.u32(c.hunt_order) && in.u64(c.hunt_seq) &&
            contact_timers_loaded(c, index) && in.count(n, 4))) {
        return false;
      }
      contact_offers[index].resize(n);
      for (std::uint32_t& k : contact_offers[index]) {
        if (!in.u32(k)) return false;
      }
      return true;
    }

    bool work(work_rec& k) {
      std::uint32_t agent = 0;
      std::uint32_t contact = 0;
      std::uint8_t channel = 0;
      if (!(in.u32(agent) && in.u32(contact) && in.handle(k.served) && in.handle(k.queue) && in.u8(channel) &&
            in.enumeration(k.stage, 3) && in.u16(k.cost) && in.time(k.offered_at) && in.time(k.connected_at) &&
            read_offer_policy(in, k.policy) && in.dur(k.wrap_up) && timer(k.timer))) {
        return false;
      }
      k.agent = at(r.agents_, agent);
      k.contact = at(r.contacts_, contact);
      k.channel = channel_id(channel);
      // Capacity is held per channel: an unregistered one would index past the agent's arrays.
      return k.agent && (contact == no_index || k.contact) && r.channels_.contains(k.channel);
    }

    /// Links the records and rebuilds every derived index through the router's own paths.
    bool link() {
      for (std::uint32_t i = 0; i < r.works_.capacity(); ++i) {
        if (r.works_.is_live(i)) r.works_[i].id = offer_id(i, r.works_.generation(i));
      }
      // Queues: channel slots, then their groups, with empty indexes.
      for (std::uint32_t i = 0; i < r.queues_.capacity(); ++i) {
        if (!r.queues_.is_live(i)) continue;
        queue_rec& q = r.queues_[i];
        r.build_slots(q);
        for (const group_key& k : groups[i]) {
          agent_rec* personal = at(r.agents_, k.personal);
          if (k.personal != no_index && !personal) return false;
          if (k.requirement && !r.find_requirement(k.requirement)) return false;
          group_rec& g = r.take_group();
          g.queue = &q;
          g.requirement = k.requirement;
          g.max_tier = k.max_tier;
          g.personal = personal;
          if (personal) personal->personal_groups.push_back(&g);
          r.build_group_indexes(g);
          q.groups.push_back(&g);
        }
      }
      // Agents: memberships in their saved order, and their work in offer order.
      for (std::uint32_t i = 0; i < r.agents_.capacity(); ++i) {
        if (!r.agents_.is_live(i)) continue;
        agent_rec& a = r.agents_[i];
        for (const auto& m : memberships[i]) {
          queue_rec* q = at(r.queues_, m.first);
          if (!q || m.second >= q->groups.size()) return false;
          group_rec& g = *q->groups[m.second];
          if (r.membership(a, g)) return false;
          r.add_membership(a, g);
        }
        for (std::uint32_t k : agent_work[i]) {
          work_rec* w = at(r.works_, k);
          if (!w || w->agent != &a || w->agent_hook.is_linked()) return false;
          a.work.push_back(*w);
        }
      }
      // Memberships are derived: the saved ones must be exactly those eligibility gives.
      for (std::uint32_t i = 0; i < r.queues_.capacity(); ++i) {
        if (!r.queues_.is_live(i)) continue;
        for (const auto& g : r.queues_[i].groups) {
          for (std::uint32_t k = 0; k < r.agents_.capacity(); ++k) {
            if (!r.agents_.is_live(k)) continue;
            const agent_rec& a = r.agents_[k];
            if (r.eligible(a, *g) != (r.membership(a, *g) != nullptr)) return false;
          }
        }
      }
      // Contacts: offers in offer order, the connection, the group.
      for (std::uint32_t i = 0; i < r.contacts_.capacity(); ++i) {
        if (!r.contacts_.is_live(i)) continue;
        contact_rec& c = r.contacts_[i];
        for (std::uint32_t k : contact_offers[i]) {
          work_rec* w = at(r.works_, k);
          if (!w || w->contact != &c || w->contact_hook.is_linked()) return false;
          c.offers.push_back(*w);
        }
        if (contact_connection[i] != no_index) {
          c.connection = at(r.works_, contact_connection[i]);
          if (!c.connection || c.connection->contact != &c) return false;
        }
        if (c.queue) {
          if (contact_group[i] >= c.queue->groups.size()) return false;
          r.set_group(c, c.queue->groups[contact_group[i]]);
        } else if (contact_group[i] != no_index) {
          return false;
        }
      }
      // A personal group lives while a contact is in it (router_impl::release_group), so a
      // snapshot listing one without a contact describes a state this router cannot reach
      // (written before that rule, or forged): refused like any other inconsistency. Dropping
      // the group instead would restore a router whose own snapshot differs from the input.
      for (std::uint32_t i = 0; i < r.queues_.capacity(); ++i) {
        if (!r.queues_.is_live(i)) continue;
        for (const auto& g : r.queues_[i].groups) {
          if (g->personal && g->contacts == 0) return false;
        }
      }
      // Lines in their saved order (equal keys keep insertion order); routable contacts go to
      // their group's ready index, as rebuild_queue puts them.
      for (std::uint32_t i = 0; i < r.queues_.capacity(); ++i) {
        if (!r.queues_.is_live(i)) continue;
        queue_rec& q = r.queues_[i];
        for (std::uint32_t k : lines[i]) {
          contact_rec* c = at(r.contacts_, k);
          if (!c || c->queue != &q || c->line_hook.is_linked() || !router_impl::accepts(q, c->channel)) return false;
          // Appended in O(1) (insert_in_line), and a contact whose key equals the last
          // one's goes after it.
          insert_in_line(q.line, *c);
          if (c->offers.empty()) c->group->ready[router_impl::slot(q, c->channel)].insert(*c);
        }
        // The saved order must be the line's order (keys ascending).
        auto it = q.line.begin();
        for (std::uint32_t k : lines[i]) {
          if (it == q.line.end() || it->id.index() != k) return false;
          ++it;
        }
      }
      for (std::uint32_t i = 0; i < r.contacts_.capacity(); ++i) {
        if (r.contacts_.is_live(i) && r.contacts_[i].queue && !r.contacts_[i].line_hook.is_linked()) return false;
      }
      // Availability: draws first (refresh fills them), then every agent's entries.
      for (std::uint32_t i = 0; i < r.queues_.capacity(); ++i) {
        if (!r.queues_.is_live(i)) continue;
        for (auto& g : r.queues_[i].groups) r.rebuild_draws(*g);
      }
      for (std::uint32_t i = 0; i < r.agents_.capacity(); ++i) {
        if (!r.agents_.is_live(i)) continue;
        agent_rec& a = r.agents_[i];
        a.indexed.stale = true;
        r.refresh(a);
      }
      // The saved router had settled: no decision was left to make.
      r.routable_.clear();
      r.freed_.clear();
      return true;
    }
  };

};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_DETAIL_ROUTER_SNAPSHOT_HPP

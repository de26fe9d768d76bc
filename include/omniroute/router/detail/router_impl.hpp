// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The router's state and the engines that act on it. Not public API.
//
// Shape of a command: enter(now) checks time and fires due timers; the command validates its
// input against current state and returns an error before touching anything; it then mutates
// state, queueing events; settle() makes every decision that became possible (routable contacts
// first, then agents that gained room); flush() delivers the queued events to the host.
#ifndef OMNIROUTE_ROUTER_DETAIL_ROUTER_IMPL_HPP
#define OMNIROUTE_ROUTER_DETAIL_ROUTER_IMPL_HPP

#include <omniroute/core/random.hpp>
#include <omniroute/core/slot_pool.hpp>
#include <omniroute/engine/queue_selection.hpp>
#include <omniroute/engine/timer_set.hpp>
#include <omniroute/router/detail/capacity_table.hpp>
#include <omniroute/router/detail/records.hpp>
#include <omniroute/router/detail/record_arena.hpp>
#include <omniroute/router/router.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <unordered_map>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

class router_impl {
 public:
  /// How many affinity groups an agent can hold at once (contacts held for it in distinct
  /// queues, requirements or tiers) before holding one more grows its vectors.
  static constexpr std::size_t held_groups_reserved = 4;

  explicit router_impl(const router_options& options)
      : chunks_(options.huge_pages),
        members_(&chunks_),
        groups_(&chunks_),
        agents_(&chunks_),
        queues_(&chunks_),
        contacts_(&chunks_),
        works_(&chunks_),
        contact_attributes_(&chunks_),
        timer_banks_(&chunks_),
        rng_(options.seed),
        selection_(options.queue_selection),
        explain_(options.explain) {
    agents_.reserve(options.expected_agents);
    queues_.reserve(64);
    contacts_.reserve(options.expected_contacts);
    contact_attributes_.reserve(options.expected_contacts);
    timer_banks_.reserve(options.expected_contacts);
    works_.reserve(options.expected_agents + options.expected_contacts / 4 + 64);
    pending_.reserve(256);
    pending_why_.reserve(256);
    explanations_.reserve(64);
    released_contacts_.reserve(64);
    scratch_.reserve(64);
    heads_.reserve(64);
    head_members_.reserve(64);
    tier_loads_.reserve(16);
    transports_.fill(nullptr);
    // Affinity's personal groups: one member, with a second node for a queue of two channels
    // the agent serves (voice and callback, say).
    groups_.prefill(options.expected_affinity_holds, [](group_rec& g) {
      g.members.reserve(1);
      g.by_draw.reserve(1);
      g.tiers.reserve(1);
      g.draws.resize(2);  // its two inline trees; build_group_indexes sets the real slot count
      g.draws[0].assign(1);
      g.draws[1].assign(1);
    });
    personal_members_kept_ = options.expected_affinity_holds;
    members_.prefill(options.expected_affinity_holds, [](member_rec& m) {
      m.more = std::make_unique<further_node[]>(1);
      m.served = 0b11;  // as if its last membership served two slots (member_rec::more)
    });
  }

  router_impl(const router_impl&) = delete;
  router_impl& operator=(const router_impl&) = delete;

  ~router_impl() {
    // Unlink every intrusive index before the pools that hold the nodes go away.
    timers_.clear();
    routable_.clear();
    freed_.clear();
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (!queues_.is_live(i)) continue;
      queue_rec& q = queues_[i];
      for (auto& g : q.groups) unlink_group_indexes(*g);
      q.line.clear();
    }
    for (std::uint32_t i = 0; i < contacts_.capacity(); ++i) {
      if (contacts_.is_live(i)) contacts_[i].offers.clear();
    }
    for (std::uint32_t i = 0; i < agents_.capacity(); ++i) {
      if (agents_.is_live(i)) agents_[i].work.clear();
    }
  }

  // ===== Command frame ======================================================================

  /// Runs one command at `now`: time check, due timers, the body, decisions, delivery.
  template <class Body>
  auto run(time_point now, Body&& body) -> decltype(body()) {
    if (now < now_) return errc::time_went_backwards;
    if (!in_horizon(now)) return errc::invalid_argument;
    fire_due(now);
    now_ = now;
    auto outcome = body();
    // The body may arm a timer due at once (update_queue with a max wait some contacts have
    // already passed): it fires in this command, not in whichever command comes next (a
    // refused command must change nothing).
    fire_due(now_);
    settle();
    flush();
    return outcome;
  }

  status advance(time_point now) {
    return run(now, [] { return status{}; });
  }

  time_point now() const noexcept { return now_; }
  time_point next_deadline() const noexcept { return timers_.next_deadline(); }

  // ===== Ports ==============================================================================

  void set_observer(event_observer* o) noexcept { observer_ = o; }
  status set_transport(channel_id ch, offer_transport* t) noexcept {
    if (!channels_.contains(ch)) return errc::unknown_channel;
    transports_[ch.value()] = t;
    return {};
  }
  void set_error_handler(host_error_handler h) { error_handler_ = std::move(h); }
  void set_explanations(bool on) noexcept { explain_ = on; }
  const channel_registry& channels() const noexcept { return channels_; }
  result<channel_id> register_channel(std::string_view name, channel_kind kind, std::uint16_t cost,
                                      channel_set blocks) {
    auto id = channels_.add(name, kind, cost, blocks);
    if (!id) return id;
    // Queues configured with the new channel in their set start accepting it.
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (!queues_.is_live(i) || !queues_[i].config.channels.contains(*id)) continue;
      for (auto& g : queues_[i].groups) unlink_group_indexes(*g);
      rebuild_queue(queues_[i]);
    }
    return id;
  }

  // ===== Skills, requirements, plans ========================================================

  result<skill_id> add_skill(std::string_view name) { return skills_.add_skill(name); }
  result<attribute_id> add_attribute(std::string_view name, attribute_kind kind) {
    return skills_.add_attribute(name, kind);
  }
  const skill_registry& skills() const noexcept { return skills_; }

  result<requirement_id> add_requirement(const requirement& r) {
    using kind = requirement::node_kind;
    for (const requirement::node& n : r.nodes()) {
      if (n.kind == kind::skill_compare && n.id >= skills_.skill_count()) return errc::unknown_skill;
      if ((n.kind == kind::boolean_attribute || n.kind == kind::attribute_equals ||
           n.kind == kind::attribute_not_equals || n.kind == kind::attribute_in) &&
          n.id >= skills_.attribute_count()) {
        return errc::unknown_attribute;
      }
      const bool carries_value = n.kind == kind::attribute_equals || n.kind == kind::attribute_not_equals ||
                                 n.kind == kind::value;
      if (carries_value && n.value >= skills_.value_count() && n.value < requirement::unknown_value_base) {
        return errc::invalid_argument;  // a value id the registry never issued
      }
    }
    for (const auto& p : r.preferred()) {
      if (p.first >= skills_.skill_count()) return errc::unknown_skill;
    }
    auto valid = requirement::validate(r);
    if (!valid) return valid.error();
    return intern(*valid);
  }

  result<requirement_id> add_requirement(std::string_view text, parse_diagnostic* diagnostic) {
    auto parsed = parse_requirement(text, skills_, diagnostic);
    if (!parsed) return parsed.error();
    return intern(*parsed);
  }

  const requirement* find_requirement(requirement_id id) const noexcept {
    if (id.generation() != 1 || id.index() == 0 || id.index() > requirements_.size()) return nullptr;
    return &requirements_[id.index() - 1];
  }

  result<plan_id> add_escalation_plan(const escalation_plan& plan) {
    duration last = duration::zero();
    for (const escalation_step& s : plan.steps) {
      if (s.after < last || !bounded(s.after) || !bounded(s.wait_above)) return errc::invalid_argument;
      if (s.priority_delta < -max_priority || s.priority_delta > max_priority) return errc::invalid_argument;
      if (!(s.service_level_below >= 0.0 && s.service_level_below <= 1.0)) return errc::invalid_argument;
      last = s.after;
      if (s.requirement && !find_requirement(s.requirement)) return errc::unknown_requirement;
      if (s.action == step_action::move_to_queue && !find(s.queue)) return errc::unknown_queue;
      if (s.action == step_action::route_out && (s.destination.empty() || s.destination.size() > 256)) {
        return errc::invalid_argument;
      }
    }
    plans_.push_back(plan);
    return plan_id(static_cast<std::uint32_t>(plans_.size()), 1);
  }

  // ===== Agents =============================================================================

  result<agent_id> add_agent(const agent_config& config) {
    if (auto e = validate(config); e) return e;
    if (agent_names_.count(config.name)) return errc::duplicate_name;
    agent_profile profile;
    if (auto e = resolve_profile(config, profile); e) return e;
    const std::uint32_t index = agents_.acquire();
    agent_rec& a = agents_[index];
    a.id = agent_id(index, agents_.generation(index));
    a.seq = ++agent_seq_;
    a.name = config.name;
    (void)keep_given(a, config);  // resolve_profile found every name
    a.capacity = hold_capacity(config);
    a.profile = std::move(profile);
    a.personal_groups.reserve(held_groups_reserved);
    agent_names_.emplace(a.name, a.id);
    emit_agent(event_kind::agent_added, a);
    // A new agent is on no roster yet: only dynamic queues can take it in.
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (queues_.is_live(i) && queues_[i].config.eligibility) sync_agent(a, queues_[i]);
    }
    trim_memberships(a);
    return a.id;
  }

  /// Stores the host's configuration in the agent record's own fields, but for the name and
  /// the capacity profile, which the callers check and resolve (add_agent, update_agent,
  /// the snapshot loader). given_config is the inverse. Returns false, with the record
  /// partly set, when a skill, attribute or attribute value is not in the registry: only a
  /// snapshot can name one, since add_agent and update_agent resolve the profile first.
  bool keep_given(agent_rec& a, const agent_config& config) {
    a.offer_overrides = overrides(config.offers) ? std::make_unique<const offer_policy_override>(config.offers) : nullptr;
    a.wrap_up = config.wrap_up;
    a.queue_selection = config.queue_selection;
    a.capacity_given = config.capacity.has_value();
    a.given_skills.clear();
    a.given_skills.reserve(config.skills.size());
    for (const auto& [name, level] : config.skills) {
      const std::optional<skill_id> id = skills_.find_skill(name);
      if (!id) return false;
      a.given_skills.emplace_back(*id, level);
    }
    a.given_attributes.clear();
    a.given_attributes.reserve(config.attributes.size());
    for (const auto& [name, value] : config.attributes) {
      // Boolean values are the registry's "true" and "false", enum values interned by
      // resolve_profile: both have ids.
      const std::optional<attribute_id> id = skills_.find_attribute(name);
      const std::optional<value_id> v = skills_.find_value(value);
      if (!id || !v) return false;
      a.given_attributes.emplace_back(*id, *v);
    }
    return true;
  }

  /// The shared copy of the profile the configuration gives, or of the registry's default.
  const capacity_profile* hold_capacity(const agent_config& config) {
    return capacity_profiles_.hold(config.capacity ? *config.capacity : capacity_profile::standard(channels_));
  }

  /// The agent's configuration as the host gave it, from the record's fields (snapshots).
  agent_config given_config(const agent_rec& a) const {
    agent_config c;
    c.name = a.name;
    if (a.capacity_given) c.capacity = *a.capacity;
    c.wrap_up = a.wrap_up;
    if (a.offer_overrides) c.offers = *a.offer_overrides;
    c.skills.reserve(a.given_skills.size());
    for (const auto& [id, level] : a.given_skills) c.skills.emplace_back(skills_.skill_name(id), level);
    c.attributes.reserve(a.given_attributes.size());
    for (const auto& [id, value] : a.given_attributes) {
      c.attributes.emplace_back(skills_.attribute_name(id), skills_.value_name(value));
    }
    c.queue_selection = a.queue_selection;
    return c;
  }

  status update_agent(agent_id id, const agent_config& config) {
    agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    if (auto e = validate(config); e) return e;
    agent_profile profile;
    if (auto e = resolve_profile(config, profile); e) return e;
    if (config.name != a->name) {
      if (agent_names_.count(config.name)) return errc::duplicate_name;
      agent_names_.erase(a->name);
      agent_names_.emplace(config.name, a->id);
      a->name = config.name;
    }
    (void)keep_given(*a, config);  // resolve_profile found every name
    const channel_set served_before = a->capacity->channels;
    // Held before the old one goes, so that an unchanged profile stays in the table.
    const capacity_profile* const capacity = hold_capacity(config);
    capacity_profiles_.release(a->capacity);
    a->capacity = capacity;
    a->profile = std::move(profile);
    recompute_blocked(*a);
    recompute_open(*a);
    if (a->capacity->channels != served_before) {
      // A supervisor switched the agent's channel set: its nodes follow the channels it serves.
      for (member_rec* m : a->memberships) {
        unlink_member(*m);
        assign_nodes(*m);
      }
    }
    sync_agent_everywhere(*a);
    trim_memberships(*a);
    a->indexed.stale = true;  // capacity and channels may have changed
    refresh(*a);
    mark_freed(*a);
    return {};
  }

  status remove_agent(agent_id id) {
    agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    if (a->presence != presence::logged_out || !a->work.empty()) return errc::still_logged_in;
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (!queues_.is_live(i)) continue;
      queue_rec& q = queues_[i];
      if (q.listed(a)) {
        q.unlist(a);
        emit_member(event_kind::member_removed, q, *a);
      }
    }
    while (!a->memberships.empty()) drop_membership(*a->memberships.back());
    // The agent has no offers, so every contact held for it is routable and leaves its
    // personal group here: the last one out releases the group.
    release_affinity(*a);
    OMNIROUTE_ASSERT(a->personal_groups.empty(), "a removed agent keeps an affinity group");
    agent_names_.erase(a->name);
    emit_agent(event_kind::agent_removed, *a);
    if (a->freed_hook.is_linked()) freed_.erase(freed_.iterator_to(*a));
    timers_.cancel(a->hold_timer);
    capacity_profiles_.release(a->capacity);
    a->capacity = nullptr;
    agents_.release(a->id.index());
    return {};
  }

  status login(agent_id id, bool go_ready, reason_code reason) {
    agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    if (a->presence != presence::logged_out) return errc::already_logged_in;
    a->last_completion = a->last_offer = a->ready_since = a->login_time = now_;
    a->handled = 0;
    a->talk = duration::zero();
    // The counters restart, so keys can shrink: the one change lazy re-keying cannot absorb
    // (with_agent_inputs). The next refresh walks every membership.
    a->indexed.stale = true;
    a->wrap = duration::zero();
    a->consecutive.fill(0);
    set_presence(*a, go_ready ? presence::ready : presence::not_ready, go_ready ? reason_codes::none : reason);
    return {};
  }

  status logout(agent_id id) {
    agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    if (a->presence == presence::logged_out) return errc::not_logged_in;
    if (a->connected > 0) return errc::has_active_contacts;
    // Offers are cancelled (their contacts return to their places), wrap-ups end now.
    while (!a->work.empty()) {
      work_rec& w = a->work.front();
      if (w.stage == offer_info::phase::offered) {
        end_offer(w, offer_outcome::cancelled, cancel_cause::agent_logged_out, true);
      } else {
        end_work(w);
      }
    }
    clear_hold_back(*a);
    set_presence(*a, presence::logged_out, reason_codes::none);
    release_affinity(*a);
    return {};
  }

  status ready(agent_id id) {
    agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    if (a->presence == presence::logged_out) return errc::not_logged_in;
    if (a->presence == presence::ready) return errc::already_ready;
    a->ready_since = now_;
    set_presence(*a, presence::ready, reason_codes::none);
    return {};
  }

  status not_ready(agent_id id, reason_code reason) {
    agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    if (a->presence == presence::logged_out) return errc::not_logged_in;
    set_presence(*a, presence::not_ready, reason);
    return {};
  }

  // ===== Queues =============================================================================

  result<queue_id> add_queue(const queue_config& config) {
    if (auto e = validate(config, nullptr); e) return e;
    if (queue_names_.count(config.name)) return errc::duplicate_name;
    const std::uint32_t index = queues_.acquire();
    queue_rec& q = queues_[index];
    q.id = queue_id(index, queues_.generation(index));
    q.seq = ++queue_seq_;
    q.config = config;
    q.live.reset(config.selection.window);
    q.reserve_helping = false;
    build_slots(q);
    queue_names_.emplace(q.config.name, q.id);
    emit_queue(event_kind::queue_added, q);
    create_group(q, requirement_id{}, no_tier_limit, nullptr);
    return q.id;
  }

  status update_queue(queue_id id, const queue_config& config) {
    queue_rec* q = find(id);
    if (!q) return errc::unknown_queue;
    if (auto e = validate(config, q); e) return e;
    if (config.name != q->config.name && queue_names_.count(config.name)) return errc::duplicate_name;
    for (const contact_rec& c : q->line) {
      if (!config.channels.contains(c.channel)) return errc::invalid_argument;
    }
    queue_names_.erase(q->config.name);
    queue_names_.emplace(config.name, q->id);
    const bool reorder = config.ordering != q->config.ordering ||
                         (config.ordering == queue_ordering::aged && config.priority_step != q->config.priority_step);
    for (auto& g : q->groups) unlink_group_indexes(*g);
    const bool new_window = config.selection.window != q->config.selection.window;
    q->config = config;
    if (new_window) q->live.reset(config.selection.window);
    if (reorder) {
      // Rank depends on the ordering; time and sub keep each contact's place otherwise.
      std::vector<contact_rec*> all;
      all.reserve(q->line.size());
      for (contact_rec& c : q->line) all.push_back(&c);
      q->line.clear();
      for (contact_rec* c : all) {
        const std::int64_t sub = c->key.sub;
        set_line_key(*q, *c);
        c->key.sub = sub;
        insert_in_line(q->line, *c);
      }
    }
    rebuild_queue(*q);
    update_reserve(*q);
    for (contact_rec& c : q->line) {
      if (q->config.max_wait > duration::zero()) {
        // A limit already passed expires the contact now, never in the past.
        arm_expiry(c, std::max(now_, c.enqueued + q->config.max_wait));
      } else {
        cancel(c, timer_kind::max_wait);
      }
      if (q->config.strategy.kind != strategy_kind::progressive_ring) {
        cancel(c, timer_kind::ring_step);
      }
    }
    ++plans_epoch_;  // its plan, tier limit or overflow may be new: prepare groups again
    emit_queue(event_kind::queue_updated, *q);
    // Eligibility may have changed with the configuration.
    for (std::uint32_t i = 0; i < agents_.capacity(); ++i) {
      if (agents_.is_live(i)) sync_agent(agents_[i], *q);
    }
    check_leave(*q);
    return {};
  }

  status remove_queue(queue_id id, queue_id move_to) {
    queue_rec* q = find(id);
    if (!q) return errc::unknown_queue;
    queue_rec* target = nullptr;
    if (!q->line.empty()) {
      if (!move_to) return errc::queue_not_empty;
      target = find(move_to);
      if (!target) return errc::unknown_queue;
      if (target == q) return errc::invalid_argument;
      if (target->line.size() + q->line.size() > target->config.max_length) return errc::queue_full;
      for (const contact_rec& c : q->line) {
        if (!accepts(*target, c.channel)) return errc::channel_not_accepted;
      }
    }
    // The queue stops being an overflow target before its contacts move: a moved contact
    // whose new queue's leave policy applies must not overflow back into the queue being
    // removed (that loop never ended).
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (queues_.is_live(i) && queues_[i].config.overflow == q->id) queues_[i].config.overflow = {};
    }
    while (!q->line.empty()) {
      move_contact(*q->line.begin(), *target, true, std::nullopt, exit_reason::queue_removed);
    }
    for (auto& g : q->groups) {
      while (!g->members.empty()) drop_membership(*g->members.back());
    }
    while (!q->roster.empty()) {
      agent_rec& a = *q->roster.back().agent;
      q->unlist(&a);
      emit_member(event_kind::member_removed, *q, a);
    }
    queue_names_.erase(q->config.name);
    ++plans_epoch_;
    emit_queue(event_kind::queue_removed, *q);
    for (auto& g : q->groups) {
      unlink_group_indexes(*g);
      // The line is empty, so its personal groups were released with their last contacts: no
      // agent keeps an affinity group that dies with the queue.
      OMNIROUTE_ASSERT(!g->personal, "a removed queue keeps an affinity group");
      groups_.give(g);
    }
    queues_.release(q->id.index());
    return {};
  }

  status add_member(queue_id qid, agent_id aid, const member_options& options) {
    queue_rec* q = find(qid);
    if (!q) return errc::unknown_queue;
    agent_rec* a = find(aid);
    if (!a) return errc::unknown_agent;
    if (q->listed(a)) return errc::already_member;
    roster_entry e;
    e.agent = a;
    e.options = options;
    e.order = options.order ? *options.order : q->next_order;
    q->next_order = std::max(q->next_order, e.order + 1);
    q->list(e);
    emit_member(event_kind::member_added, *q, *a);
    sync_agent(*a, *q);
    return {};
  }

  status update_member(queue_id qid, agent_id aid, const member_options& options) {
    queue_rec* q = find(qid);
    if (!q) return errc::unknown_queue;
    agent_rec* a = find(aid);
    if (!a) return errc::unknown_agent;
    roster_entry* e = const_cast<roster_entry*>(q->listed(a));
    if (!e) return errc::not_a_member;
    e->options = options;
    if (options.order) {
      e->order = *options.order;
      q->next_order = std::max(q->next_order, e->order + 1);
    }
    // Tier changes can move the agent in or out of tier-limited groups; options change keys.
    sync_agent(*a, *q);
    for (member_rec* m : a->memberships) {
      if (m->group->queue != q || m->group->personal) continue;
      unlink_member(*m);
      set_terms(*m, member_terms::of(e->options));
      m->order = e->order;
      rebuild_draws(*m->group);
    }
    refresh(*a);
    mark_freed(*a);
    return {};
  }

  status remove_member(queue_id qid, agent_id aid) {
    queue_rec* q = find(qid);
    if (!q) return errc::unknown_queue;
    agent_rec* a = find(aid);
    if (!a) return errc::unknown_agent;
    const roster_entry* e = q->listed(a);
    if (!e) return errc::not_a_member;
    cancel_offers_from(*a, *q, cancel_cause::member_removed);
    q->unlist(e->agent);
    emit_member(event_kind::member_removed, *q, *a);
    sync_agent(*a, *q);
    check_leave(*q);
    return {};
  }

  // ===== Contacts ===========================================================================

  result<contact_id> arrive(const contact_spec& spec) {
    if (spec.arrival && *spec.arrival > now_) return errc::invalid_argument;
    if (spec.arrival && !in_horizon(*spec.arrival)) return errc::invalid_argument;
    if (!bounded(spec.preferred_wait) || !bounded_priority(spec.priority)) return errc::invalid_argument;
    if (spec.requirement && !find_requirement(spec.requirement)) return errc::unknown_requirement;
    if (spec.escalation && !find_plan(spec.escalation)) return errc::unknown_plan;
    queue_rec* q = find(spec.queue);
    errc refusal{};
    if (!q) {
      refusal = errc::unknown_queue;
    } else if (!channels_.contains(spec.channel)) {
      refusal = errc::unknown_channel;
    } else if (!accepts(*q, spec.channel)) {
      refusal = errc::channel_not_accepted;
    } else if (q->line.size() >= q->config.max_length) {
      refusal = errc::queue_full;
    } else if ((q->config.join == join_policy::refuse_when_none_logged_in && q->base().logged_in == 0) ||
               (q->config.join == join_policy::refuse_when_none_ready && q->base().ready_members == 0)) {
      refusal = errc::no_agents;
    }
    if (refusal != errc{}) {
      event& e = emit(event_kind::contact_refused);
      e.queue = spec.queue;
      e.channel = spec.channel;
      e.priority = spec.priority;
      e.refusal = refusal;
      return refusal;
    }
    const std::uint32_t index = contacts_.acquire();
    contact_rec& c = contacts_[index];
    c.id = contact_id(index, contacts_.generation(index));
    c.seq = ++contact_seq_;
    c.channel = spec.channel;
    c.priority = spec.priority;
    if (!spec.attributes.empty()) {
      c.attributes = contact_attributes_.acquire();
      contact_attributes_[c.attributes].map = spec.attributes;
    }
    c.arrival = spec.arrival ? *spec.arrival : now_;
    c.state = contact_state::waiting;
    c.requirement = spec.requirement;
    c.plan_override = spec.escalation;
    // Affinity: held for the preferred agent only while that agent is logged in.
    agent_rec* preferred = find(spec.preferred_agent);
    if (preferred && preferred->presence != presence::logged_out && spec.preferred_wait > duration::zero()) {
      c.preferred = preferred;
      arm(c, timer_kind::affinity_end, now_ + spec.preferred_wait);
    }
    ++live_contacts_;
    enqueue(c, *q, c.arrival, spec.position);
    event& e = emit(event_kind::contact_queued);
    fill_contact(e, c);
    check_leave(*q);
    return c.id;
  }

  status accept_callback(contact_id id) {
    contact_rec* c = find(id);
    if (!c) return errc::unknown_contact;
    if (!c->queue) return errc::contact_not_waiting;
    queue_rec& q = *c->queue;
    if (!accepts(q, channels::callback)) return errc::channel_not_accepted;
    withdraw_offers(*c);
    leave_ready_set(*c);
    c->channel = channels::callback;
    c->group->ready[slot(q, c->channel)].insert(*c);
    mark_routable(*c);
    fill_contact(emit(event_kind::callback_accepted), *c);
    // A withdrawn offer put the contact back in line: the queue's leave policy applies to it
    // as to any contact returned by an offer (end_offer).
    check_leave(q);
    return {};
  }

  status abandon(contact_id id) { return leave_router(id, contact_state::abandoned); }
  status route_out(contact_id id) { return leave_router(id, contact_state::routed_out); }

  status transfer(contact_id id, queue_id to, const transfer_options& options) {
    contact_rec* c = find(id);
    if (!c) return errc::unknown_contact;
    if (options.priority && !bounded_priority(*options.priority)) return errc::invalid_argument;
    queue_rec* target = find(to);
    if (!target) return errc::unknown_queue;
    if (!accepts(*target, c->channel)) return errc::channel_not_accepted;
    const bool same_queue = c->queue == target;
    if (!same_queue && target->line.size() >= target->config.max_length) return errc::queue_full;
    if (c->state == contact_state::connected) {
      work_rec& w = *c->connection;
      agent_rec& a = *w.agent;
      a.talk += now_ - w.connected_at;
      --a.connected;
      c->connection = nullptr;
      w.contact = nullptr;
      finish_connected(w);
      c->state = contact_state::waiting;
      // An affinity hold ends when the contact changes queue, here as in move_contact.
      c->preferred = nullptr;
      cancel(*c, timer_kind::affinity_end);
      const queue_id from = c->queue_handle;
      enqueue(*c, *target, options.keep_arrival ? c->arrival : now_, std::nullopt,
              options.priority);
      event& e = emit(event_kind::contact_transferred);
      fill_contact(e, *c);
      e.other_queue = from;
      e.exit = exit_reason::host_transfer;
      fill_contact(emit(event_kind::contact_queued), *c);
      note(a);
      check_leave(*target);
      return {};
    }
    move_contact(*c, *target, options.keep_arrival, options.priority, exit_reason::host_transfer);
    return {};
  }

  status accept(offer_id id) {
    work_rec* w = find(id);
    if (!w) return errc::unknown_offer;
    if (w->stage != offer_info::phase::offered) return errc::offer_not_pending;
    contact_rec& c = *w->contact;
    agent_rec& a = *w->agent;
    timers_.cancel(w->timer);
    c.offers.erase(c.offers.iterator_to(*w));
    --a.offers;
    ++a.connected;
    a.consecutive.fill(0);
    w->stage = offer_info::phase::connected;
    w->connected_at = now_;
    {
      event& e = emit(event_kind::offer_ended);
      fill_work(e, *w);
      e.outcome = offer_outcome::accepted;
    }
    while (!c.offers.empty()) {
      end_offer(c.offers.front(), offer_outcome::cancelled, cancel_cause::answered_elsewhere, false);
    }
    queue_rec& q = *c.queue;
    --q.offered;
    record_outcome(q, c, true);
    remove_from_queue(c);
    c.state = contact_state::connected;
    c.connection = w;
    {
      event& e = emit(event_kind::contact_connected);
      fill_work(e, *w);
    }
    refresh(a);
    note(a);
    return {};
  }

  status reject(offer_id id, failure_kind kind) {
    if (kind == failure_kind::no_answer) return errc::invalid_argument;
    work_rec* w = find(id);
    if (!w) return errc::unknown_offer;
    if (w->stage != offer_info::phase::offered) return errc::offer_not_pending;
    end_offer(*w, outcome_of(kind), cancel_cause::none, true, &kind);
    return {};
  }

  status complete(contact_id id) {
    contact_rec* c = find(id);
    if (!c) return errc::unknown_contact;
    if (c->state != contact_state::connected) return errc::contact_not_connected;
    work_rec& w = *c->connection;
    agent_rec& a = *w.agent;
    a.talk += now_ - w.connected_at;
    ++a.handled;
    --a.connected;
    if (queue_rec* q = find(w.queue)) {
      const double handle = to_seconds(now_ - w.connected_at + w.wrap_up);
      q->handle_seconds = q->handle_seconds > 0 ? 0.9 * q->handle_seconds + 0.1 * handle : handle;
    }
    c->state = contact_state::handled;
    {
      event& e = emit(event_kind::contact_completed);
      fill_work(e, w);
    }
    w.contact = nullptr;
    c->connection = nullptr;
    retire(*c);
    finish_connected(w);
    note(a);
    return {};
  }

  status end_wrap_up(offer_id id) {
    work_rec* w = find(id);
    if (!w) return errc::unknown_offer;
    if (w->stage != offer_info::phase::wrap_up) return errc::not_in_wrap_up;
    agent_rec& a = *w->agent;
    end_work(*w);
    note(a);
    return {};
  }

  // ===== Queries ============================================================================

  result<agent_info> agent_query(agent_id id) const {
    const agent_rec* a = find(id);
    if (!a) return errc::unknown_agent;
    agent_info i;
    i.id = a->id;
    i.name = a->name;
    i.state = derived_state(*a);
    i.presence = a->presence;
    i.reason = a->reason;
    i.used_capacity = a->used;
    i.total_capacity = a->capacity->total;
    i.channels = a->capacity->channels;
    i.offers_pending = a->offers;
    i.connected = a->connected;
    i.wrapping_up = a->wrapping;
    i.held_back_until = a->held_back ? a->hold_timer.deadline : never;
    // One per queue: an agent also sits in a queue's requirement and tier groups.
    i.queues = static_cast<std::uint32_t>(std::count_if(
        a->memberships.begin(), a->memberships.end(),
        [](const membership_ref& r) { return !r.group->personal && r.group == &r.group->queue->base(); }));
    i.handled_since_login = a->handled;
    i.talk_time_since_login = a->talk;
    i.last_completion = a->last_completion;
    i.last_offer = a->last_offer;
    i.ready_since = a->ready_since;
    for (std::size_t k = 0; k < failure_kind_count; ++k) i.consecutive_failures[k] = a->consecutive[k];
    return i;
  }

  result<queue_info> queue_query(queue_id id) const {
    const queue_rec* q = find(id);
    if (!q) return errc::unknown_queue;
    queue_info i;
    i.id = q->id;
    i.name = q->config.name;
    i.waiting = static_cast<std::uint32_t>(q->line.size());
    i.offered = q->offered;
    i.members = static_cast<std::uint32_t>(q->roster.size());
    i.members_logged_in = q->base().logged_in;
    i.members_ready = q->base().ready_members;
    i.head_since = q->line.empty() ? never : time_point(duration(q->line.begin()->key.time));
    i.service_level = q->live.level_percent(now_);
    i.agent_seconds = q->live.agent_seconds(now_);
    i.reserve_helping = q->reserve_helping;
    i.expected_wait = expected_wait(*q);
    return i;
  }

  result<contact_info> contact_query(contact_id id) const {
    const contact_rec* c = find(id);
    if (!c) return errc::unknown_contact;
    contact_info i;
    i.id = c->id;
    i.state = c->state;
    i.channel = c->channel;
    i.queue = c->queue_handle;
    i.priority = c->priority;
    i.arrival = c->arrival;
    i.enqueued = c->enqueued;
    i.requirement = c->requirement;
    i.tier_limit = c->max_tier;
    i.step = c->last_step;
    if (c->preferred) i.held_for = c->preferred->id;
    i.offers_pending = static_cast<std::uint32_t>(c->offers.size());
    if (c->connection) i.agent = c->connection->agent->id;
    i.attributes = &attributes_of(*c);
    return i;
  }

  result<offer_info> offer_query(offer_id id) const {
    const work_rec* w = find(id);
    if (!w) return errc::unknown_offer;
    offer_info i;
    i.id = w->id;
    i.stage = w->stage;
    if (w->contact) i.contact = w->contact->id;
    i.agent = w->agent->id;
    i.queue = w->queue;
    i.channel = w->channel;
    i.offered_at = w->offered_at;
    i.connected_at = w->connected_at;
    i.deadline = w->timer.armed() ? w->timer.deadline : never;
    return i;
  }

  result<agent_id> find_agent(std::string_view name) const {
    auto it = agent_names_.find(std::string(name));
    if (it == agent_names_.end()) return errc::unknown_agent;
    return it->second;
  }
  result<queue_id> find_queue(std::string_view name) const {
    auto it = queue_names_.find(std::string(name));
    if (it == queue_names_.end()) return errc::unknown_queue;
    return it->second;
  }

  result<std::uint32_t> position(contact_id id) const {
    const contact_rec* c = find(id);
    if (!c) return errc::unknown_contact;
    if (!c->queue) return errc::contact_not_waiting;
    std::uint32_t n = 0;
    for (auto it = c->queue->line.begin(); &*it != c; ++it) ++n;
    return n;
  }

  std::vector<contact_id> waiting_contacts(queue_id id) const {
    std::vector<contact_id> out;
    if (const queue_rec* q = find(id)) {
      for (const contact_rec& c : q->line) out.push_back(c.id);
    }
    return out;
  }

  std::vector<offer_id> agent_work(agent_id id) const {
    std::vector<offer_id> out;
    if (const agent_rec* a = find(id)) {
      for (const work_rec& w : a->work) out.push_back(w.id);
    }
    return out;
  }

  std::vector<agent_id> agent_ids() const {
    std::vector<agent_id> out;
    for (std::uint32_t i = 0; i < agents_.capacity(); ++i) {
      if (agents_.is_live(i)) out.push_back(agents_[i].id);
    }
    return out;
  }
  std::vector<queue_id> queue_ids() const {
    std::vector<queue_id> out;
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (queues_.is_live(i)) out.push_back(queues_[i].id);
    }
    return out;
  }
  std::vector<std::pair<agent_id, member_options>> members(queue_id id) const {
    std::vector<std::pair<agent_id, member_options>> out;
    if (const queue_rec* q = find(id)) {
      for (const roster_entry& e : q->roster) {
        member_options o = e.options;
        o.order = e.order;
        out.emplace_back(e.agent->id, o);
      }
    }
    return out;
  }
  std::size_t agent_count() const noexcept { return agents_.live(); }
  std::size_t queue_count() const noexcept { return queues_.live(); }
  std::size_t live_contacts() const noexcept { return live_contacts_; }

 private:
  // Hash and snapshots of the primary state; kept in their own files so that this one stays
  // about routing (router_state.hpp, journal/detail/router_snapshot.hpp).
  friend struct router_state;
  friend struct router_snapshot;

  // ===== Lookup =============================================================================

  agent_rec* find(agent_id id) noexcept { return agents_.find(id.index(), id.generation()); }
  const agent_rec* find(agent_id id) const noexcept { return agents_.find(id.index(), id.generation()); }
  queue_rec* find(queue_id id) noexcept { return queues_.find(id.index(), id.generation()); }
  const queue_rec* find(queue_id id) const noexcept { return queues_.find(id.index(), id.generation()); }
  const attribute_map& attributes_of(const contact_rec& c) const noexcept {
    static const attribute_map none;
    return c.attributes == no_attributes ? none : contact_attributes_[c.attributes].map;
  }

  contact_rec* find(contact_id id) noexcept {
    contact_rec* c = contacts_.find(id.index(), id.generation());
    return (c && !is_terminal(c->state)) ? c : nullptr;
  }
  const contact_rec* find(contact_id id) const noexcept {
    return const_cast<router_impl*>(this)->find(id);
  }
  work_rec* find(offer_id id) noexcept { return works_.find(id.index(), id.generation()); }
  const work_rec* find(offer_id id) const noexcept { return works_.find(id.index(), id.generation()); }

  static bool overrides(const offer_policy_override& o) noexcept {
    return o.timeout || o.no_answer || o.rejected || o.busy || o.unreachable;
  }

  // ===== Validation =========================================================================

  // Times, durations and priorities are bounded at entry (see earliest_time, longest_duration,
  // max_priority in core/time.hpp) so that deadlines, spans and aged keys never overflow.
  static bool in_horizon(time_point t) noexcept { return t >= earliest_time && t <= latest_time; }
  static bool bounded(duration d) noexcept { return d >= duration::zero() && d <= longest_duration; }
  static bool bounded_priority(std::int64_t p) noexcept { return p >= -max_priority && p <= max_priority; }
  static bool bounded(const failure_policy& p) noexcept { return bounded(p.hold_back); }

  std::error_code validate(const agent_config& c) const {
    if (c.name.empty() || c.name.size() > 128) return errc::invalid_argument;
    if (c.wrap_up && !bounded(*c.wrap_up)) return errc::invalid_argument;
    if (c.capacity && c.capacity->total == 0) return errc::invalid_argument;
    if (c.queue_selection && *c.queue_selection > queue_selection_policy::percent_allocation) {
      return errc::invalid_argument;
    }
    if (c.offers.timeout && !bounded(*c.offers.timeout)) return errc::invalid_argument;
    for (const auto* p : {&c.offers.no_answer, &c.offers.rejected, &c.offers.busy, &c.offers.unreachable}) {
      if (*p && !bounded(**p)) return errc::invalid_argument;
    }
    return {};
  }

  std::error_code validate(const queue_config& c, const queue_rec* self) const {
    if (c.name.empty() || c.name.size() > 128) return errc::invalid_argument;
    if (!bounded(c.max_wait) || !bounded(c.wrap_up) || !bounded(c.offers.timeout)) return errc::invalid_argument;
    for (const auto* p : {&c.offers.no_answer, &c.offers.rejected, &c.offers.busy, &c.offers.unreachable}) {
      if (!bounded(*p)) return errc::invalid_argument;
    }
    if (c.strategy.ring_interval <= duration::zero() || !bounded(c.strategy.ring_interval)) return errc::invalid_argument;
    if (!bounded(c.expected_handle_time) || !bounded(c.selection.window)) return errc::invalid_argument;
    // NaN would silently turn the fairness guard off (every comparison with it is false).
    if (!(c.strategy.occupancy_cap >= 0.0) || std::isinf(c.strategy.occupancy_cap)) return errc::invalid_argument;
    if (c.max_length == 0) return errc::invalid_argument;
    if ((c.channels & channels_.all()).empty()) return errc::invalid_argument;
    if (c.service_level_time <= duration::zero() || c.service_level_time > longest_duration) {
      return errc::invalid_threshold;
    }
    if (auto e = ::omniroute::validate(c.service_levels); e) return e;
    for (const service_level_target& t : c.service_levels) {
      if (!channels_.contains(t.channel)) return errc::unknown_channel;
      if (t.threshold > longest_duration) return errc::invalid_threshold;
    }
    if (auto e = ::omniroute::validate(c.selection); e) return e;
    if (c.selection.groups > group_pick::idle_ratio) return errc::invalid_argument;
    // The idleness-ratio pick chooses a tier; random draws and tier-blind selection have none.
    if (c.selection.groups == group_pick::idle_ratio &&
        (!c.strategy.tiers_first || c.strategy.kind == strategy_kind::random ||
         c.strategy.kind == strategy_kind::weighted_random)) {
      return errc::invalid_argument;
    }
    if (c.overflow) {
      const queue_rec* o = find(c.overflow);
      if (!o) return errc::unknown_queue;
      if (o == self) return errc::invalid_argument;
    }
    // An id the router never issued must not silently mean "every agent" or "no plan".
    if (c.eligibility && !find_requirement(c.eligibility)) return errc::unknown_requirement;
    if (c.escalation && !find_plan(c.escalation)) return errc::unknown_plan;
    // Negative: ageing would run backwards.
    if (!bounded(c.priority_step)) return errc::invalid_argument;
    return {};
  }

  // ===== Events =============================================================================

  event& emit(event_kind kind) {
    pending_.emplace_back();
    pending_why_.push_back(-1);
    event& e = pending_.back();
    e.kind = kind;
    e.at = now_;
    e.sequence = ++event_seq_;
    return e;
  }
  void emit_agent(event_kind kind, const agent_rec& a) { emit(kind).agent = a.id; }
  void emit_queue(event_kind kind, const queue_rec& q) { emit(kind).queue = q.id; }
  void emit_member(event_kind kind, const queue_rec& q, const agent_rec& a) {
    event& e = emit(kind);
    e.queue = q.id;
    e.agent = a.id;
  }
  void fill_contact(event& e, const contact_rec& c) const {
    e.contact = c.id;
    e.queue = c.queue_handle;
    e.channel = c.channel;
    e.priority = c.priority;
    e.attributes = &attributes_of(c);
  }
  static void fill_work(event& e, const work_rec& w) {
    e.offer = w.id;
    e.agent = w.agent->id;
    e.queue = w.queue;
    e.channel = w.channel;
    e.contact = w.served;
    if (w.contact) e.priority = w.contact->priority;
  }

  /// Emits agent_state_changed when the derived state or the reason changed.
  void note(agent_rec& a) {
    const agent_state s = derived_state(a);
    const reason_code r = s == agent_state::not_ready ? a.reason : reason_codes::none;
    if (s == a.reported_state && r == a.reported_reason) return;
    event& e = emit(event_kind::agent_state_changed);
    e.agent = a.id;
    e.state = s;
    e.previous = a.reported_state;
    e.reason = r;
    a.reported_state = s;
    a.reported_reason = r;
  }

  static agent_state derived_state(const agent_rec& a) noexcept {
    if (a.presence == presence::logged_out) return agent_state::logged_out;
    if (a.connected > 0) return agent_state::busy;
    if (a.offers > 0) return agent_state::reserved;
    if (a.wrapping > 0) return agent_state::wrap_up;
    return a.presence == presence::ready ? agent_state::ready : agent_state::not_ready;
  }

  void report_host_error(const char* where, const char* what) noexcept {
    if (!error_handler_) return;
    try {
      error_handler_(where, what);
    } catch (...) {
      // The error handler itself failed; there is nobody left to tell.
    }
  }

  template <class F>
  void guarded(const char* where, F&& f) noexcept {
    try {
      f();
    } catch (const std::exception& ex) {
      report_host_error(where, ex.what());
    } catch (...) {
      report_host_error(where, "unknown exception");
    }
  }

  /// Delivers queued events in order. Commands issued from a callback run to completion and
  /// queue their events behind; only the outermost flush delivers.
  void flush() {
    if (delivering_) return;
    delivering_ = true;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      // A copy: a callback may queue more events and so move pending_'s storage.
      event e = pending_[i];
      if (pending_why_[i] >= 0) {
        // Only the outermost flush delivers, so one buffer serves every delivery.
        delivered_why_ = explanations_[static_cast<std::size_t>(pending_why_[i])];
        e.why = &delivered_why_;
      }
      if (observer_) guarded("observer", [&] { observer_->deliver(e); });
      deliver_to_transport(e);
    }
    pending_.clear();
    pending_why_.clear();
    explanations_.clear();
    delivering_ = false;
    for (std::uint32_t index : released_contacts_) {
      contact_rec& c = contacts_[index];
      OMNIROUTE_ASSERT(c.timers == no_timers, "a contact left the router with a timer armed");
      if (c.attributes != no_attributes) contact_attributes_.release(c.attributes);
      c.attributes = no_attributes;
      contacts_.release(index);
    }
    released_contacts_.clear();
  }

  void deliver_to_transport(const event& e) {
    if (!e.channel.is_valid()) return;
    offer_transport* t = transports_[e.channel.value()];
    if (!t) return;
    if (e.kind == event_kind::contact_offered) {
      offer_request r;
      r.offer = e.offer;
      r.contact = e.contact;
      r.agent = e.agent;
      r.queue = e.queue;
      r.channel = e.channel;
      r.priority = e.priority;
      r.at = e.at;
      r.deadline = e.deadline;
      r.attributes = e.attributes;
      guarded("transport offer", [&] { t->offer(r); });
    } else if ((e.kind == event_kind::contact_routed_out && e.destination) ||
               e.kind == event_kind::callback_offered) {
      escalation_request r;
      r.contact = e.contact;
      r.queue = e.queue;
      r.channel = e.channel;
      r.at = e.at;
      r.step = e.step;
      r.destination = e.destination;
      r.attributes = e.attributes;
      if (e.kind == event_kind::callback_offered) {
        guarded("transport callback offer", [&] { t->offer_callback(r); });
      } else {
        guarded("transport route out", [&] { t->route_out(r); });
      }
    } else if (e.kind == event_kind::offer_ended &&
               (e.outcome == offer_outcome::no_answer || e.outcome == offer_outcome::cancelled)) {
      offer_cancellation c;
      c.offer = e.offer;
      c.contact = e.contact;
      c.agent = e.agent;
      c.channel = e.channel;
      c.at = e.at;
      c.outcome = e.outcome;
      c.cause = e.cancel;
      guarded("transport cancel", [&] { t->cancel(c); });
    }
  }

  // ===== Timers =============================================================================

  /// The contact's timer bank, taken from the pool if it holds none (arm, the snapshot loader).
  contact_timers& timers_for(contact_rec& c) {
    if (c.timers == no_timers) {
      c.timers = timer_banks_.acquire();
      timer_banks_[c.timers].node.owner = c.id.index();
    }
    return timer_banks_[c.timers];
  }
  /// (Re)arms the contact's timer of kind `k`.
  void arm(contact_rec& c, timer_kind k, time_point deadline) { timers_.arm(timers_for(c), k, deadline); }
  /// Disarms the contact's timer of kind `k`; a bank left with none armed goes back to the pool.
  void cancel(contact_rec& c, timer_kind k) noexcept {
    if (c.timers == no_timers) return;
    timers_.cancel(timer_banks_[c.timers], k);
    if (!timer_banks_[c.timers].node.armed()) release_timers(c);
  }
  void cancel_timers(contact_rec& c) noexcept {
    if (c.timers == no_timers) return;
    timers_.cancel_all(timer_banks_[c.timers]);
    release_timers(c);
  }
  void release_timers(contact_rec& c) noexcept {
    timer_banks_.release(c.timers);
    c.timers = no_timers;
  }
  /// The contact's timer bank, or null when none of its timers is armed.
  const contact_timers* timers_of(const contact_rec& c) const noexcept {
    return c.timers == no_timers ? nullptr : &timer_banks_[c.timers];
  }

  void fire_due(time_point now) {
    while (timer_node* t = timers_.earliest()) {
      if (t->deadline > now) break;
      now_ = t->deadline;
      const timer_kind kind = t->kind;
      const std::uint32_t owner = t->owner;
      // A contact's timers share its node: only the one due is disarmed.
      if (contact_timers::holds(kind)) {
        cancel(contacts_[owner], kind);
      } else {
        timers_.cancel(*t);
      }
      fire(kind, owner);
      settle();
    }
  }

  void fire(timer_kind kind, std::uint32_t owner) {
    switch (kind) {
      case timer_kind::offer_timeout: {
        work_rec& w = works_[owner];
        failure_kind k = failure_kind::no_answer;
        end_offer(w, offer_outcome::no_answer, cancel_cause::none, true, &k);
        break;
      }
      case timer_kind::wrap_up_end: {
        work_rec& w = works_[owner];
        agent_rec& a = *w.agent;
        end_work(w);
        note(a);
        break;
      }
      case timer_kind::hold_back_end: {
        agent_rec& a = agents_[owner];
        a.held_back = false;
        recompute_open(a);
        offer_work_to(a);
        break;
      }
      case timer_kind::max_wait: exit_queue(contacts_[owner], exit_reason::max_wait); break;
      case timer_kind::ring_step: ring_step(contacts_[owner]); break;
      case timer_kind::escalation_step: run_steps(contacts_[owner]); break;
      case timer_kind::affinity_end: end_affinity(contacts_[owner]); break;
    }
  }

  // ===== Agent capacity and availability ====================================================

  void recompute_blocked(agent_rec& a) noexcept {
    channel_set b;
    a.holding.for_each([&](channel_id h) { b = b | a.capacity->blocks[h.value()]; });
    a.blocked = b;
  }

  void hold(agent_rec& a, channel_id ch, std::uint16_t cost) noexcept {
    a.used += cost;
    if (a.held[ch.value()]++ == 0) {
      a.holding.add(ch);
      recompute_blocked(a);
    }
    recompute_open(a);
  }

  void release(agent_rec& a, channel_id ch, std::uint16_t cost) noexcept {
    a.used -= cost;
    if (--a.held[ch.value()] == 0) {
      a.holding.remove(ch);
      recompute_blocked(a);
    }
    recompute_open(a);
  }

  /// Whether the agent could take a contact of `ch` now, from its presence, hold-back and
  /// capacity: the definition agent_rec::open caches.
  static bool fits(const agent_rec& a, channel_id ch) noexcept {
    const std::uint8_t c = ch.value();
    return a.presence == presence::ready && !a.held_back && a.capacity->channels.contains(ch) &&
           a.used + a.capacity->cost[c] <= a.capacity->total && a.held[c] < a.capacity->max_per_channel[c] &&
           !a.blocked.contains(ch);
  }

  /// Brings agent_rec::open up to date; every change of presence, hold-back, capacity or held
  /// work calls it.
  static void recompute_open(agent_rec& a) noexcept {
    channel_set open;
    if (a.presence == presence::ready && !a.held_back) {
      a.capacity->channels.for_each([&](channel_id ch) {
        if (fits(a, ch)) open.add(ch);
      });
    }
    a.open = open;
  }

  bool can_take(const agent_rec& a, channel_id ch) const noexcept {
    assert(a.open.contains(ch) == fits(a, ch));
    return a.open.contains(ch);
  }

  std::int64_t idle_since(const agent_rec& a, idle_reference ref) const noexcept {
    switch (ref) {
      case idle_reference::since_last_completion: return a.last_completion.time_since_epoch().count();
      case idle_reference::since_last_offer: return a.last_offer.time_since_epoch().count();
      case idle_reference::since_ready: return a.ready_since.time_since_epoch().count();
    }
    return 0;
  }

  /// Where the member ranks in its group's availability indexes under strategy `s` (the
  /// group's copy of its queue's).
  avail_key key_for(const strategy_config& s, const member_rec& m) const noexcept {
    avail_key k;
    k.tier = s.tiers_first ? m.options.tier : 0;
    k.agent_seq = m.agent->seq;
    // Occupancy changes while the agent waits, so best_skill's fairness guard is applied when
    // the decision is made (route_contact), not in the key.
    k.primary = s.kind == strategy_kind::best_skill ? -m.score : static_cast<std::int64_t>(m.order);
    k.band = band_of(s);
    return with_agent_inputs(s, k, *m.agent);
  }

  /// The band of a key (avail_index) under strategy `s`: its tier and score under best_skill,
  /// its tier under the longest-idle strategies, where a re-keyed entry goes to the band's end;
  /// none under the other strategies, whose re-keyed entries land anywhere.
  static band_kind band_of(const strategy_config& s) noexcept {
    switch (s.kind) {
      case strategy_kind::best_skill: return band_kind::tier_primary;
      case strategy_kind::longest_idle:
      case strategy_kind::progressive_ring: return band_kind::tier;
      default: return band_kind::none;
    }
  }

  /// `k` with the components that come from the agent's own record (idle times, contacts
  /// handled, talk time) as they are now; the tier, score and order components are the
  /// membership's and stay. Those agent inputs only grow between two walks of the agent's
  /// memberships (login, which resets them, forces a walk), so a key computed earlier is
  /// never greater than the current one: the invariant the lazy re-keying rests on (refresh,
  /// current).
  avail_key with_agent_inputs(const strategy_config& s, avail_key k, const agent_rec& a) const noexcept {
    switch (s.kind) {
      case strategy_kind::longest_idle:
      case strategy_kind::progressive_ring: k.primary = idle_since(a, s.idle); break;
      case strategy_kind::best_skill: k.secondary = idle_since(a, s.idle); break;
      case strategy_kind::fewest_contacts:
        k.primary = static_cast<std::int64_t>(a.handled);
        k.secondary = idle_since(a, idle_reference::since_last_completion);
        break;
      case strategy_kind::least_talk_time:
        k.primary = a.talk.count();
        k.secondary = idle_since(a, idle_reference::since_last_completion);
        break;
      default: break;
    }
    return k;
  }

  /// The first entry at or after `it` whose key is current, in the order of current keys.
  /// An entry keyed before its agent's inputs last moved sits too early (its key only grew):
  /// it is re-keyed on the way, which moves it later, and the walk goes on from the entry
  /// that followed it, or from the entry itself if it stayed in front of that one. Every
  /// entry before the returned one is current, so walking with this gives exactly the order
  /// an eagerly re-keyed index would have. Complexity: O(log n) per stale entry passed.
  avail_index::iterator current(avail_index& set, avail_index::iterator it, const strategy_config& st) noexcept {
    while (it != set.end()) {
      avail_node& n = *it;
      const avail_key key = with_agent_inputs(st, n.key, *member_of(n)->agent);
      if (key == n.key) return it;
      assert(n.key < key);
      const avail_index::iterator following = std::next(it);
      if (following == set.end() || key < following->key) {
        // Still before the next entry's (stored) key: the tree stays in order with the new
        // key written in place (about 1 re-key in 14 in the arrival benchmark at 10k agents,
        // where a best_skill entry otherwise moves to the end of its score band).
        n.key = key;
        return it;
      }
      const avail_index::iterator next = set.erase(it);
      n.key = key;
      const avail_index::iterator placed = set.insert_late(n);
      it = (next == set.end() || n.key < next->key) ? placed : next;
    }
    return it;
  }

  /// The entry after `it` in the order of current keys (see current).
  avail_index::iterator next_current(avail_index& set, avail_index::iterator it, const strategy_config& st) noexcept {
    return current(set, std::next(it), st);
  }

  static bool draws_weighted(const strategy_config& s) noexcept {
    return s.kind == strategy_kind::random || s.kind == strategy_kind::weighted_random;
  }
  static bool draws_weighted(const queue_rec& q) noexcept { return draws_weighted(q.config.strategy); }

  static std::uint64_t draw_weight(const strategy_config& s, const member_rec& m) noexcept {
    return s.kind == strategy_kind::weighted_random ? m.options.weight : 1;
  }

  /// Channels the agent could be offered a contact of right now.
  channel_set available_channels(const agent_rec& a) const noexcept {
#ifndef NDEBUG
    a.capacity->channels.for_each([&](channel_id ch) { (void)can_take(a, ch); });
#endif
    return a.open;
  }

  /// Brings the agent's index entries up to date after its availability or keys may have
  /// changed. Entries are lazy in two ways:
  /// - an agent who stops being available stays linked, and decisions skip and drop such
  ///   entries when they meet them (first_available), so an offer that fills the agent costs
  ///   O(1) here instead of one tree erase per membership;
  /// - a completion, an offer or becoming ready moves the agent's key inputs, which only
  ///   grow (with_agent_inputs): its entries keep their older, smaller keys and are re-keyed
  ///   when a decision meets them (current). A completion at ~30 memberships would otherwise
  ///   re-key ~30 red-black trees, the costliest step of the whole router.
  /// A walk of every membership happens only when the memberships or their options changed
  /// (stale), or for random strategies when the agent leaves a channel (weight trees must
  /// hold available agents only). Becoming available on a channel some entry was dropped
  /// from walks the agent's list of unlinked nodes instead. Complexity: a full walk
  /// O(memberships x channels x log members), a list walk O(unlinked x log members).
  void refresh(agent_rec& a) noexcept {
    agent_rec::index_view& v = a.indexed;
    const channel_set now_available = available_channels(a);
    if (!v.stale) {
      const bool grew = (now_available.bits() & ~v.channels.bits()) != 0;
      const bool shrank = (v.channels.bits() & ~now_available.bits()) != 0;
      if (!grew && !(shrank && v.weighted)) {
        // The entries of the channels the agent left stay linked (lazily), so v.channels
        // keeps them: becoming available there again needs no walk unless a decision
        // dropped one of them meanwhile.
        v.owed = false;
        return;
      }
      if (!(shrank && v.weighted) && v.listed) {
        relink_listed(a, now_available);
        return;
      }
    }
    // After a change of memberships or their options (stale) every key is written exactly:
    // current() brings only the agent inputs up to date. Otherwise only those inputs moved,
    // and a linked entry whose key is not greater than its current one stays where it is.
    const bool exact = v.stale;
    v.unlinked = 0;
    v.listed = true;
    for (const membership_ref& ref : a.memberships) {
      member_rec& m = *ref.member;
      group_rec& g = *ref.group;
      const strategy_config& st = g.strategy;
      const bool weighted = draws_weighted(st);
      // Only the slots the agent serves have nodes (member_rec::served).
      for (std::uint32_t rest = m.served; rest != 0; rest &= rest - 1) {
        const std::size_t s = static_cast<std::size_t>(__builtin_ctz(rest));
        avail_node& n = *m.node(s);
        const bool serves = helps(m);  // a reserve member out of its queue's help is unlinked
        const bool want = now_available.contains(g.slot_channel[s]) && serves;
        if (n.linked()) {
          // Lazy: dropped by the first decision that meets it, unless its key would shrink
          // (after a login), which would break the invariant current() rests on.
          if (!want && !weighted && serves && !(key_for(st, m) < n.key)) continue;
          if (want && (exact ? n.key == key_for(st, m) : !(key_for(st, m) < n.key))) continue;
          g.avail[s].erase(g.avail[s].iterator_to(n));
          if (weighted) g.draws[s].set(m.draw_index, 0);
        }
        if (want) {
          link(g, s, m, n);
        } else {
          list_unlinked(a, n);
        }
      }
    }
    v.channels = now_available;
    v.stale = false;
    v.owed = false;
  }

  /// refresh() when the agent's memberships and keys are as the last walk left them: the
  /// only entries to link are unlinked ones, which agent_rec::unlinked lists. The lazy
  /// entries of channels the agent left stay linked, as in the walk.
  void relink_listed(agent_rec& a, channel_set now_available) noexcept {
    std::uint8_t kept = 0;
    for (std::uint8_t i = 0; i < a.indexed.unlinked; ++i) {
      avail_node& n = *a.unlinked[i];
      member_rec& m = *member_of(n);
      group_rec& g = *m.group;
      const std::size_t s = m.slot_of(n);
      assert(!n.linked());
      if (now_available.contains(g.slot_channel[s]) && helps(m)) {
        link(g, s, m, n);
      } else {
        a.unlinked[kept++] = &n;
      }
    }
    a.indexed.unlinked = kept;
    a.indexed.channels = now_available;
    a.indexed.owed = false;
  }

  /// Links the member's node of slot `s` into its group's index with its current key (and
  /// its draw weight, for random strategies). From the band's hint: most links are a freed
  /// agent's dropped entries, whose keys hold its latest completion and so end their bands.
  void link(group_rec& g, std::size_t s, const member_rec& m, avail_node& n) noexcept {
    const std::uint8_t further = n.key.further;
    n.key = key_for(g.strategy, m);
    n.key.further = further;
    g.avail[s].insert_late(n);
    if (draws_weighted(g.strategy)) g.draws[s].set(m.draw_index, draw_weight(g.strategy, m));
  }

  /// Notes an unlinked node of the agent for relink_listed; when the list is full it stops
  /// being complete, and the next refresh walks every membership.
  static void list_unlinked(agent_rec& a, avail_node& n) noexcept {
    agent_rec::index_view& v = a.indexed;
    if (v.unlinked < a.unlinked.size()) {
      a.unlinked[v.unlinked++] = &n;
    } else {
      v.listed = false;
    }
  }

  /// The agent may take work now: it looks for a waiting contact before it is indexed, since
  /// an agent who finds work at once (the usual case under load) then never enters the
  /// indexes it would leave again. Contact-side decisions index owed agents first
  /// (index_owed_agents), so no contact misses an available agent.
  void offer_work_to(agent_rec& a) {
    a.indexed.owed = true;
    mark_freed(a);
  }

  void index_owed_agents() noexcept {
    for (agent_rec& a : freed_) {
      if (a.indexed.owed) refresh(a);
    }
  }

  /// The best-ranked entry whose agent can take `ch` now, after dropping the lazy entries of
  /// agents who cannot from the front of the index; null when nobody can.
  avail_node* first_available(avail_index& set, const strategy_config& st, channel_id ch) noexcept {
    while (!set.empty()) {
      avail_node& n = *set.begin();
      agent_rec& a = *member_of(n)->agent;
      if (can_take(a, ch)) {
        if (&*current(set, set.begin(), st) == &n) return &n;
        continue;  // its key had grown: it moved back, look at the new head
      }
      set.erase(set.begin());
      // This node is no longer linked: the channel must be walked when it is available again.
      a.indexed.channels.remove(ch);
      list_unlinked(a, n);
    }
    return nullptr;
  }

  /// A reserve member takes the queue's contacts only while the queue needs help; a personal
  /// (affinity) group is the agent's own and is never held back.
  static bool helps(const member_rec& m) noexcept {
    return !m.options.reserve || m.group->personal || m.group->queue->reserve_helping;
  }
  /// helps(m) for a member of g, read from g's first cache line when g has no reserve member:
  /// an agent's walk over its ~30 groups then leaves their cold member records alone.
  static bool helps(const group_rec& g, const member_rec& m) noexcept {
    assert(g.has_reserve || !m.options.reserve);
    return !g.has_reserve || helps(m);
  }

  /// Every write of a member's terms goes here, so that its group knows it may hold a
  /// reserve member (group_rec::has_reserve).
  static void set_terms(member_rec& m, const member_terms& terms) noexcept {
    m.options = terms;
    if (terms.reserve) m.group->has_reserve = true;
  }

  void unlink_member(member_rec& m) noexcept {
    group_rec& g = *m.group;
    const queue_rec& q = *g.queue;
    for (std::size_t s = 0; s < q.slot_channels.size(); ++s) {
      if (avail_node* n = m.node(s)) {
        if (n->linked()) g.avail[s].erase(g.avail[s].iterator_to(*n));
        // The member leaves the group or changes band, or its nodes are re-made: no hint may
        // name them (avail_index).
        g.avail[s].forget(*n);
      }
      if (draws_weighted(q) && m.draw_index < g.draws[s].size()) g.draws[s].set(m.draw_index, 0);
    }
    m.agent->indexed.stale = true;
  }

  void mark_freed(agent_rec& a) {
    if (!a.freed_hook.is_linked()) freed_.push_back(a);
  }
  void mark_routable(contact_rec& c) {
    if (!c.routable_hook.is_linked()) routable_.push_back(c);
  }

  void set_hold_back(agent_rec& a, duration d) {
    const time_point until = now_ + d;
    if (a.held_back && a.hold_timer.deadline >= until) return;
    a.held_back = true;
    recompute_open(a);
    a.hold_timer.owner = a.id.index();
    a.hold_timer.kind = timer_kind::hold_back_end;
    timers_.arm(a.hold_timer, until);
  }
  void clear_hold_back(agent_rec& a) {
    a.held_back = false;
    recompute_open(a);
    timers_.cancel(a.hold_timer);
  }

  void set_presence(agent_rec& a, presence p, reason_code reason) {
    const presence old = a.presence;
    a.presence = p;
    recompute_open(a);
    a.reason = p == presence::not_ready ? reason : reason_codes::none;
    const int logged_delta = (p != presence::logged_out) - (old != presence::logged_out);
    const int ready_delta = (p == presence::ready) - (old == presence::ready);
    group_rec* const* const groups = a.memberships.groups();
    for (std::size_t i = 0, n = a.memberships.size(); i < n; ++i) {
      group_rec& g = *groups[i];
      g.logged_in = static_cast<std::uint32_t>(static_cast<int>(g.logged_in) + logged_delta);
      g.ready_members = static_cast<std::uint32_t>(static_cast<int>(g.ready_members) + ready_delta);
    }
    if (p == presence::ready) {
      offer_work_to(a);
    } else {
      refresh(a);
    }
    note(a);
    if (logged_delta < 0 || ready_delta < 0) {
      // check_leave moves contacts, which can make groups (new memberships) and release
      // personal ones: the queues are listed first. Nested calls use the stack above `from`.
      const std::size_t from = leave_checks_.size();
      group_rec* const* const listed = a.memberships.groups();  // read anew: refresh came between
      for (std::size_t i = 0, n = a.memberships.size(); i < n; ++i) {
        const group_rec& g = *listed[i];  // the list's groups alone, as for the counters
        if (g.leave != leave_policy::stay && &g == &g.queue->base()) leave_checks_.push_back(g.queue);
      }
      for (std::size_t i = from; i < leave_checks_.size(); ++i) check_leave(*leave_checks_[i]);
      leave_checks_.resize(from);
    }
  }

  // ===== Queue structures ===================================================================

  static std::int64_t rank_of(const queue_rec& q, std::int32_t priority) noexcept {
    return q.config.ordering == queue_ordering::priority ? -static_cast<std::int64_t>(priority) : 0;
  }

  /// Maps the queue's channels to slots.
  void build_slots(queue_rec& q) {
    q.slot_channels.clear();
    q.slot_of.fill(-1);
    (q.config.channels & channels_.all()).for_each([&](channel_id ch) {
      q.slot_of[ch.value()] = static_cast<std::int8_t>(q.slot_channels.size());
      q.slot_channels.push_back(ch);
    });
  }

  /// Allocates a group's per-slot indexes and its members' nodes (all empty).
  void build_group_indexes(group_rec& g) {
    const queue_rec& q = *g.queue;
    const std::size_t slots = q.slot_channels.size();
    g.ready.resize(slots);
    g.avail.resize(slots);
    g.draws.resize(slots);
    g.channels = channel_set();
    for (channel_id ch : q.slot_channels) g.channels.add(ch);
    g.slot_of = q.slot_of;
    for (std::size_t i = 0; i < q.slot_channels.size(); ++i) g.slot_channel[i] = q.slot_channels[i];
    g.strategy = q.config.strategy;
    g.weight = q.config.weight;
    g.leave = q.config.leave;
    // The copies past `fronted` are never read, so only the covered slots are written.
    g.fronted = slots <= group_rec::front_slots ? static_cast<std::uint8_t>(slots) : 0;
    for (std::size_t s = 0; s < g.fronted; ++s) g.front_channel[s] = q.slot_channels[s];
    for (std::size_t s = 0; s < slots; ++s) g.ready[s].watch(s < g.fronted ? &g.front[s] : nullptr, &ready_contacts_);
    for (auto& m : g.members) assign_nodes(*m);
  }

  /// Gives the member one (unlinked) node per queue slot whose channel the agent serves.
  /// Precondition: the member's nodes are unlinked.
  void assign_nodes(member_rec& m) {
    const queue_rec& q = *m.group->queue;
    const channel_set serves = m.agent->capacity->channels;
    std::uint32_t served = 0;
    for (std::size_t s = 0; s < q.slot_channels.size(); ++s) {
      if (serves.contains(q.slot_channels[s])) served |= 1u << s;
    }
    // A pooled record keeps its extra nodes: reused when there are enough of them.
    const std::size_t had = m.more && m.served != 0 ? popcount(m.served) - 1 : 0;
    m.served = served;
    const std::size_t extra = served == 0 ? 0 : popcount(served) - 1;
    if (extra > had) m.more = std::make_unique<further_node[]>(extra);
    m.first.key.further = 0;
    for (std::size_t i = 0; i < extra; ++i) {
      m.more[i].owner = &m;
      m.more[i].key.further = 1;
    }
  }

  void unlink_group_indexes(group_rec& g) noexcept {
    for (std::size_t s = 0; s < g.queue->slot_channels.size(); ++s) {
      g.ready[s].clear();
      g.avail[s].clear();
    }
    for (auto& m : g.members) m->agent->indexed.stale = true;
  }

  /// Rebuilds every index of a queue after its channels or strategy changed.
  /// Precondition: every group's indexes are unlinked.
  void rebuild_queue(queue_rec& q) {
    build_slots(q);
    for (auto& g : q.groups) build_group_indexes(*g);
    for (contact_rec& c : q.line) {
      if (c.offers.empty()) {
        c.ready_pending = false;
        c.group->ready[slot(q, c.channel)].insert(c);
        mark_routable(c);
      }
    }
    // Every group's draws and scores first: refresh() walks all of an agent's memberships,
    // also those in this queue's groups not reached yet (fresh, empty draw trees).
    for (auto& g : q.groups) {
      rebuild_draws(*g);
      for (auto& m : g->members) {
        m->score = score_of(*g, *m->agent);
        m->agent->indexed.weighted |= draws_weighted(q);  // the strategy may have changed
        m->agent->indexed.stale = true;
      }
    }
    for (auto& g : q.groups) {
      for (auto& m : g->members) {
        refresh(*m->agent);
        mark_freed(*m->agent);
      }
    }
  }

  static bool accepts(const queue_rec& q, channel_id ch) noexcept {
    return ch.is_valid() && q.slot_of[ch.value()] >= 0;
  }

  static std::size_t slot(const queue_rec& q, channel_id ch) noexcept {
    return static_cast<std::size_t>(q.slot_of[ch.value()]);
  }

  /// Re-sorts members for weighted draws (tier, order, creation) and rebuilds the weight trees.
  void rebuild_draws(group_rec& g) {
    const queue_rec& q = *g.queue;
    if (scratch_.capacity() < g.members.size()) scratch_.reserve(g.members.size() * 2);
    if (!draws_weighted(q)) {
      // Only random strategies draw; others never read these, so building a big queue stays
      // O(members) instead of re-sorting on every join.
      g.tiers.clear();
      g.by_draw.clear();
      for (std::size_t s = 0; s < q.slot_channels.size(); ++s) g.draws[s].assign(0);
      return;
    }
    // Sorted in place: by_draw keeps its capacity, so a pooled group re-sorts without allocating.
    std::vector<member_rec*>& sorted = g.by_draw;
    sorted.clear();
    for (member_rec* m : g.members) sorted.push_back(m);
    const bool tiers = q.config.strategy.tiers_first;
    std::sort(sorted.begin(), sorted.end(), [&](const member_rec* x, const member_rec* y) {
      const std::uint32_t tx = tiers ? x->options.tier : 0;
      const std::uint32_t ty = tiers ? y->options.tier : 0;
      return std::tie(tx, x->order, x->agent->seq) < std::tie(ty, y->order, y->agent->seq);
    });
    g.tiers.clear();
    for (std::uint32_t i = 0; i < sorted.size(); ++i) {
      sorted[i]->draw_index = i;
      const std::uint32_t t = tiers ? sorted[i]->options.tier : 0;
      if (g.tiers.empty() || g.tiers.back().tier != t) g.tiers.push_back({t, i, i});
      g.tiers.back().end = i + 1;
    }
    for (std::size_t s = 0; s < q.slot_channels.size(); ++s) {
      g.draws[s].assign(sorted.size());
      if (!draws_weighted(q)) continue;
      for (member_rec* m : sorted) {
        const avail_node* n = m->node(s);
        if (n && n->linked()) g.draws[s].set(m->draw_index, draw_weight(q.config.strategy, *m));
      }
    }
    if (scratch_.capacity() < g.members.size()) scratch_.reserve(g.members.size() * 2);
  }

  // ----- Eligibility groups -----------------------------------------------------------------

  /// The group for these needs, created (and populated) on first use. A personal group is
  /// looked up among the agent's few held groups, not among every group of the queue.
  group_rec& group_for(queue_rec& q, requirement_id requirement, std::uint32_t max_tier, agent_rec* personal) {
    if (personal) {
      for (group_rec* g : personal->personal_groups) {
        if (g->queue == &q && g->requirement == requirement && g->max_tier == max_tier) return *g;
      }
    } else {
      for (auto& g : q.groups) {
        if (!g->personal && g->requirement == requirement && g->max_tier == max_tier) return *g;
      }
    }
    return create_group(q, requirement, max_tier, personal);
  }

  /// Makes, ahead of time, every shared group that a contact entering `q` with requirement
  /// `r` can reach: through the steps of its plan that change its requirement or tiers (both
  /// outcomes of a conditional step), and through moves and overflows to other queues. So
  /// escalation finds its groups made, and after a combination's first arrival routing
  /// allocates nothing. Memoised per (entry group, plan override), and the last answer per
  /// queue (queue_rec::last_entry); `plans_epoch_` moves when a queue's plan or overflow may
  /// have changed. Complexity when not memoised: O(steps x states x groups of the queue),
  /// where states are the distinct (requirement, tier limit) pairs the plan can produce;
  /// then O(groups of the queue + overrides seen); O(1) when it is the queue's last answer.
  /// Returns the group the contact enters.
  group_rec& prepare_groups(queue_rec& q, requirement_id r, plan_id override) {
    if (const queue_rec::entry_memo& last = q.last_entry;
        last.epoch == plans_epoch_ && last.requirement == r && last.override == override) {
      return *last.group;
    }
    group_rec& entry = group_for(q, r, q.config.initial_tier_limit, nullptr);
    if (entry.prepared_epoch != plans_epoch_) {
      entry.prepared.clear();
      entry.prepared_own = false;
      entry.prepared_epoch = plans_epoch_;
    }
    // Marked before the walk: plans and overflows can loop.
    bool known = false;
    if (!override) {
      known = entry.prepared_own;
      entry.prepared_own = true;
    } else {
      known = std::find(entry.prepared.begin(), entry.prepared.end(), override) != entry.prepared.end();
      if (!known) entry.prepared.push_back(override);
    }
    if (!known) prepare_reachable(q, r, override);
    // After the walk, which may prepare this queue again (a plan that loops back).
    q.last_entry = {r, override, plans_epoch_, &entry};
    return entry;
  }

  /// prepare_groups' walk of one queue's plan. `live` holds the (requirement, tier limit)
  /// states a contact can be in before each step: a conditional step adds the states it
  /// leads to, an unconditional one replaces them. Each state is worked out once, so a long
  /// plan of conditional steps costs steps x states, not 2^steps.
  void prepare_reachable(queue_rec& q, requirement_id r, plan_id override) {
    using state = std::pair<requirement_id, std::uint32_t>;
    std::vector<state> seen;  // runs once per new combination: allowed to allocate
    std::vector<state> live;
    std::vector<state> next;
    auto arrive_at = [&](state at) {
      if (std::find(seen.begin(), seen.end(), at) != seen.end()) return;
      seen.push_back(at);
      group_for(q, at.first, at.second, nullptr);
      queue_rec* spill = find(q.config.overflow);
      if (spill && spill != &q) prepare_groups(*spill, at.first, override);
    };
    auto add_to = [](std::vector<state>& states, state at) {
      if (std::find(states.begin(), states.end(), at) == states.end()) states.push_back(at);
    };
    live.push_back({r, q.config.initial_tier_limit});
    arrive_at(live.front());
    const escalation_plan* plan = find_plan(override ? override : q.config.escalation);
    for (std::size_t i = 0; plan && i < plan->steps.size(); ++i) {
      const escalation_step& st = plan->steps[i];
      if (st.action == step_action::move_to_queue) {
        // A refused move falls through with the state unchanged.
        queue_rec* target = find(st.queue);
        for (std::size_t k = 0; target && target != &q && k < live.size(); ++k) {
          prepare_groups(*target, live[k].first, override);
        }
        continue;
      }
      if (st.action != step_action::set_requirement && st.action != step_action::drop_preferred &&
          st.action != step_action::widen_tiers) {
        continue;
      }
      next.clear();
      if (st.condition != step_condition::always) next = live;  // where the step is skipped
      for (const state& from : live) {
        state to = from;
        if (st.action == step_action::set_requirement) to.first = st.requirement;
        if (st.action == step_action::drop_preferred && find_requirement(from.first)) {
          to.first = without_preferred(from.first);
        }
        if (st.action == step_action::widen_tiers) to.second = st.max_tier;
        add_to(next, to);
        arrive_at(to);
      }
      live.swap(next);
    }
  }

  /// Creates a group, from the pool of released ones when it has one (see release_group).
  group_rec& create_group(queue_rec& q, requirement_id requirement, std::uint32_t max_tier, agent_rec* personal) {
    group_rec& g = take_group();
    g.queue = &q;
    g.requirement = requirement;
    g.max_tier = max_tier;
    g.personal = personal;
    if (personal) hold_personal_group(*personal, g);
    q.groups.push_back(&g);
    build_group_indexes(g);
    auto consider = [&](agent_rec& a) {
      if (eligible(a, g)) add_membership(a, g);
    };
    if (personal) {
      consider(*personal);
    } else if (q.config.eligibility) {
      for (std::uint32_t i = 0; i < agents_.capacity(); ++i) {
        if (agents_.is_live(i)) consider(agents_[i]);
      }
    } else {
      for (roster_entry& e : q.roster) consider(*e.agent);
    }
    rebuild_draws(g);
    for (auto& m : g.members) {
      refresh(*m->agent);
      mark_freed(*m->agent);
    }
    return g;
  }

  /// A released group's storage, emptied, or a new group. Its vectors and indexes keep their
  /// capacity, so reusing it allocates nothing.
  group_rec& take_group() {
    group_rec& g = *groups_.take();
    g.contacts = 0;
    g.has_reserve = false;
    g.logged_in = 0;
    g.ready_members = 0;
    g.tiers.clear();
    g.by_draw.clear();
    g.prepared.clear();
    g.prepared_own = false;
    return g;
  }

  /// Files a new personal group in the agent's list: after the groups of queues with a lower
  /// or equal index, so the list stays in (queue index, creation) order.
  static void hold_personal_group(agent_rec& a, group_rec& g) {
    const std::uint32_t index = g.queue->id.index();
    auto at = std::find_if(a.personal_groups.begin(), a.personal_groups.end(),
                           [&](const group_rec* h) { return h->queue->id.index() > index; });
    a.personal_groups.insert(at, &g);
  }

  /// Gives back a personal group whose last contact left: the agent's membership goes, the
  /// group leaves the queue and the agent, and its storage (with the member record) waits in
  /// the pool for the next create_group. The other groups and memberships keep their order.
  /// Precondition: g.personal and no contact in g. Complexity: O(groups of the queue + the
  /// agent's memberships).
  void release_group(group_rec& g) noexcept {
    OMNIROUTE_ASSERT(g.personal && g.contacts == 0, "release_group of a group in use");
    while (!g.members.empty()) drop_membership(*g.members.back());
    unlink_group_indexes(g);
    std::vector<group_rec*>& held = g.personal->personal_groups;
    held.erase(std::find(held.begin(), held.end(), &g));
    g.personal = nullptr;
    std::vector<group_rec*>& groups = g.queue->groups;
    groups.erase(std::next(std::find(groups.rbegin(), groups.rend(), &g)).base());
    groups_.give(&g);
  }

  /// Whether an agent belongs in a group (whatever its presence: availability is separate).
  bool eligible(const agent_rec& a, const group_rec& g) const noexcept {
    if (g.personal) return g.personal == &a;
    const queue_rec& q = *g.queue;
    const roster_entry* listed = q.listed(&a);
    const bool dynamic = q.config.eligibility && matches(q.config.eligibility, a);
    if (!listed && !dynamic) return false;
    const std::uint32_t tier = listed ? listed->options.tier : q.config.dynamic_tier;
    if (tier > g.max_tier) return false;
    return !g.requirement || matches(g.requirement, a);
  }

  member_rec* membership(const agent_rec& a, const group_rec& g) const noexcept {
    for (member_rec* m : a.memberships) {
      if (m->group == &g) return m;
    }
    return nullptr;
  }

  /// A membership's options come from the roster entry, else from the queue's dynamic tier.
  static void source_options(const queue_rec& q, const agent_rec& a, member_terms& options,
                             std::uint32_t& order) noexcept {
    if (const roster_entry* e = q.listed(&a)) {
      options = member_terms::of(e->options);
      order = e->order;
    } else {
      options = member_terms{};
      options.tier = q.config.dynamic_tier;
      order = no_tier_limit;  // dynamic members follow listed ones in list strategies
    }
  }

  /// Adds the agent to a group. The caller rebuilds the group's draws and refreshes the agent.
  member_rec& add_membership(agent_rec& a, group_rec& g) {
    const queue_rec& q = *g.queue;
    member_rec& m = take_member(g);
    m.agent = &a;
    m.group = &g;
    member_terms terms;
    source_options(q, a, terms, m.order);
    set_terms(m, terms);
    m.score = score_of(g, a);
    assign_nodes(m);
    if (!g.personal && a.memberships.capacity() < a.memberships.size() + 1 + held_groups_reserved) {
      // Joining a group is configuration; holding a contact for the agent is routing: keep
      // room for the personal memberships so that the latter does not grow the vector.
      a.memberships.reserve(2 * a.memberships.size() + 1 + held_groups_reserved);
    }
    a.memberships.push_back(&m, &g);
    if (leave_checks_.capacity() < 2 * a.memberships.size()) leave_checks_.reserve(4 * a.memberships.size());
    a.indexed.weighted |= draws_weighted(q);
    a.indexed.stale = true;
    reserve_by_eighth(g.members, g.members.size() + 1);  // ~300 members, one agent at a time
    g.members.push_back(&m);
    if (a.presence != presence::logged_out) ++g.logged_in;
    if (a.presence == presence::ready) ++g.ready_members;
    return m;
  }

  /// A dropped member record (its nodes unlinked, its extra nodes kept for assign_nodes), or
  /// a new one.
  member_rec& take_member(const group_rec& g) {
    // The records made up front for personal groups are kept for them: configuration (shared
    // groups of every agent) would use them up before the first held contact.
    member_rec& m = *members_.take(g.personal ? 0 : personal_members_kept_);
    m.draw_index = 0;
    return m;
  }

  /// Removes one membership (offers already made stay valid); the record goes to the pool.
  void drop_membership(member_rec& m) {
    agent_rec& a = *m.agent;
    group_rec& g = *m.group;
    unlink_member(m);
    if (a.presence != presence::logged_out) --g.logged_in;
    if (a.presence == presence::ready) --g.ready_members;
    a.memberships.erase(a.memberships.find(&m));
    g.members.erase(std::find(g.members.begin(), g.members.end(), &m));
    members_.give(&m);
    rebuild_draws(g);
  }

  /// Makes the agent's memberships in the queue's groups match eligibility.
  void sync_agent(agent_rec& a, queue_rec& q) {
    bool changed = false;
    for (auto& owned : q.groups) {
      group_rec& g = *owned;
      member_rec* m = membership(a, g);
      const bool want = eligible(a, g);
      if (want && !m) {
        add_membership(a, g);
        rebuild_draws(g);
        changed = true;
      } else if (!want && m) {
        drop_membership(*m);
        changed = true;
      } else if (m) {
        // A kept membership may have changed source (a dynamic member joined or left the
        // roster, the dynamic tier changed): its tier, weight and order follow.
        const std::int64_t score = score_of(g, a);
        member_terms options;
        std::uint32_t order = 0;
        source_options(q, a, options, order);
        const bool moved = options.tier != m->options.tier || options.weight != m->options.weight || order != m->order;
        if (score != m->score || moved) {
          unlink_member(*m);
          m->score = score;
          set_terms(*m, options);
          m->order = order;
          if (moved) rebuild_draws(g);
          changed = true;
        }
      }
    }
    if (changed) {
      refresh(a);
      mark_freed(a);
      check_leave(q);
    }
  }

  /// After the agent joined all the dynamic queues it matches at once: the list's growth
  /// slack (up to half of it, ~250 bytes at 30 memberships) goes, the room add_membership keeps
  /// for personal memberships stays.
  static void trim_memberships(agent_rec& a) { a.memberships.shrink_to(a.memberships.size() + held_groups_reserved); }

  void sync_agent_everywhere(agent_rec& a) {
    for (std::uint32_t i = 0; i < queues_.capacity(); ++i) {
      if (queues_.is_live(i)) sync_agent(a, queues_[i]);
    }
  }

  /// Withdraws the agent's pending offers of the queue's contacts; the contacts go back.
  void cancel_offers_from(agent_rec& a, const queue_rec& q, cancel_cause cause) {
    for (auto it = a.work.begin(); it != a.work.end();) {
      work_rec& w = *it++;
      if (w.stage == offer_info::phase::offered && w.queue == q.id) {
        end_offer(w, offer_outcome::cancelled, cause, true);
        it = a.work.begin();
      }
    }
  }

  bool matches(requirement_id r, const agent_rec& a) const noexcept {
    const requirement* req = find_requirement(r);
    return !req || req->matches(a.profile);
  }

  /// The best-skill score of an agent for a group, scaled by 1000 (0 for other strategies).
  std::int64_t score_of(const group_rec& g, const agent_rec& a) const noexcept {
    const queue_rec& q = *g.queue;
    if (q.config.strategy.kind != strategy_kind::best_skill) return 0;
    const requirement* req = find_requirement(g.requirement);
    if (!req) req = find_requirement(q.config.eligibility);
    if (!req) return 0;
    return static_cast<std::int64_t>(std::llround(req->score(a.profile, q.config.strategy.scoring) * 1000.0));
  }

  /// Busy share of the agent's time since login: (talk + wrap-up) / logged-in time.
  double occupancy(const agent_rec& a) const noexcept {
    const double span = to_seconds(now_ - a.login_time);
    return span > 0 ? to_seconds(a.talk + a.wrap) / span : 0.0;
  }

  /// The interned twin of requirement `id` without its preferred skills (itself when it has
  /// none). Worked out once per requirement: the step that uses it then allocates nothing.
  /// Precondition: `id` names an interned requirement.
  requirement_id without_preferred(requirement_id id) {
    const std::size_t i = id.index() - 1;
    if (preferred_free_.size() < requirements_.size()) preferred_free_.resize(requirements_.size());
    if (!preferred_free_[i]) {
      const requirement& r = requirements_[i];
      preferred_free_[i] = r.preferred().empty() ? id : *intern(r.without_preferred());
    }
    return preferred_free_[i];
  }

  result<requirement_id> intern(const requirement& r) {
    std::string key = r.to_string(skills_);
    auto it = requirement_ids_.find(key);
    if (it != requirement_ids_.end()) return it->second;
    requirements_.push_back(r);
    const requirement_id id(static_cast<std::uint32_t>(requirements_.size()), 1);
    requirement_ids_.emplace(std::move(key), id);
    return id;
  }

  const escalation_plan* find_plan(plan_id id) const noexcept {
    if (id.generation() != 1 || id.index() == 0 || id.index() > plans_.size()) return nullptr;
    return &plans_[id.index() - 1];
  }

  std::error_code resolve_profile(const agent_config& config, agent_profile& out) {
    for (const auto& [name, level] : config.skills) {
      if (!skills_.find_skill(name)) return errc::unknown_skill;
      if (level > max_skill_level) return errc::invalid_argument;
    }
    for (const auto& [name, value] : config.attributes) {
      auto id = skills_.find_attribute(name);
      if (!id) return errc::unknown_attribute;
      if (skills_.kind(*id) == attribute_kind::boolean && value != "true" && value != "false") {
        return errc::invalid_argument;
      }
      if (value.empty() || value.size() > 128) return errc::invalid_argument;
    }
    // The levels are a vector by skill id up to the agent's highest: sized once, not grown
    // one skill at a time (the growth's slack was ~100 bytes per agent with 256 skills).
    std::size_t highest = 0;
    for (const auto& [name, level] : config.skills) {
      if (level > 0) highest = std::max<std::size_t>(highest, std::size_t{*skills_.find_skill(name)} + 1);
    }
    out.levels.reserve(highest);
    for (const auto& [name, level] : config.skills) (void)out.set_level(*skills_.find_skill(name), level);
    for (const auto& [name, value] : config.attributes) {
      const attribute_id id = *skills_.find_attribute(name);
      out.set_attribute(id, skills_.kind(id) == attribute_kind::boolean
                                ? (value == "true" ? true_value : false_value)
                                : skills_.intern_value(value));
    }
    return {};
  }

  // ----- Affinity and escalation ------------------------------------------------------------

  /// Moves a contact to another group of its queue; a routable contact becomes routable there.
  void regroup(contact_rec& c, group_rec& g) {
    if (c.group == &g) return;
    const std::size_t s = slot(*c.queue, c.channel);
    if (c.ready_hook.is_linked()) {
      c.group->ready[s].erase(c.group->ready[s].iterator_to(c));
      g.ready[s].insert(c);
      mark_routable(c);
    }
    set_group(c, &g);
  }

  /// The one place that changes contact_rec::group: keeps the groups' contact counts, and
  /// releases a personal group that the contact was the last to leave.
  /// Precondition: the contact is out of its old group's ready index.
  void set_group(contact_rec& c, group_rec* g) noexcept {
    group_rec* old = c.group;
    c.group = g;
    if (g) ++g->contacts;
    if (old && --old->contacts == 0 && old->personal) release_group(*old);
  }

  group_rec& general_group(contact_rec& c) {
    return group_for(*c.queue, c.requirement, c.max_tier, nullptr);
  }

  /// The contact stops being held for its preferred agent.
  void end_affinity(contact_rec& c) {
    c.preferred = nullptr;
    cancel(c, timer_kind::affinity_end);
    if (c.queue) regroup(c, general_group(c));
  }

  /// The agent left: every contact held for it joins the general pool now. A group goes from
  /// the list when its last contact leaves; one with contacts that are not routable (offered:
  /// the caller ended the agent's offers, so none is expected) stays.
  void release_affinity(agent_rec& a) {
    place_pending();
    std::size_t i = 0;
    while (i < a.personal_groups.size()) {
      group_rec* g = a.personal_groups[i];
      auto held = [&] { return i < a.personal_groups.size() && a.personal_groups[i] == g; };
      for (std::size_t s = 0; s < g->queue->slot_channels.size() && held(); ++s) {
        while (held() && !g->ready[s].empty()) end_affinity(*g->ready[s].begin());
      }
      if (held()) ++i;
    }
  }

  /// Expected wait for a new contact: waiting x handle time / logged-in agents.
  duration expected_wait(const queue_rec& q) const noexcept {
    const std::uint32_t agents = q.base().logged_in;
    if (agents == 0) return duration::max();
    const double handle = q.handle_seconds > 0 ? q.handle_seconds : to_seconds(q.config.expected_handle_time);
    return seconds(static_cast<double>(q.line.size()) * handle / agents);
  }

  /// The service-level threshold for contacts of `channel` in `q`: the channel's target, else
  /// the queue's service_level_time.
  static duration threshold_for(const queue_rec& q, channel_id channel) noexcept {
    const service_level_target* t = find_target(q.config.service_levels, channel);
    return t ? t->threshold : q.config.service_level_time;
  }

  /// A contact's outcome in `q`: answered (within its channel's threshold from its arrival, or
  /// not) or abandoned (never within). Feeds the escalation condition and the live service
  /// level, and re-evaluates the queue's reserve members.
  void record_outcome(queue_rec& q, const contact_rec& c, bool answered) {
    const bool within = answered && now_ - c.arrival <= threshold_for(q, c.channel);
    q.live.record_outcome(now_, within);
    record_recent(q, within);
    update_reserve(q);
  }

  /// Agent time (talk or wrap-up) spent on a contact of queue `id`, for percent_allocation.
  void credit_time(queue_id id, duration spent) noexcept {
    if (queue_rec* q = find(id)) q->live.record_time(now_, spent);
  }

  /// Reserve hysteresis: starts or stops the help of the queue's reserve members and brings
  /// their index entries up to date. Complexity: O(1) unless the state flips, then O(roster).
  void update_reserve(queue_rec& q) {
    const queue_selection_config& sc = q.config.selection;
    const bool helps = reserve_helps(q.reserve_helping, q.live.level_percent(now_), sc.reserve_below,
                                     sc.reserve_until);
    if (helps == q.reserve_helping) return;
    q.reserve_helping = helps;
    for (const roster_entry& e : q.roster) {
      if (!e.options.reserve) continue;
      e.agent->indexed.stale = true;  // its entries in this queue change without an availability change
      refresh(*e.agent);
      if (helps) mark_freed(*e.agent);
    }
  }

  void record_recent(queue_rec& q, bool within) noexcept {
    if (q.recent_count == q.recent.size()) {
      q.recent_within -= q.recent[q.recent_next];
    } else {
      ++q.recent_count;
    }
    q.recent[q.recent_next] = within;
    q.recent_within += within;
    q.recent_next = (q.recent_next + 1) % static_cast<std::uint32_t>(q.recent.size());
  }

  bool condition_holds(const contact_rec& c, const escalation_step& st) const noexcept {
    const queue_rec& q = *c.queue;
    switch (st.condition) {
      case step_condition::always: return true;
      case step_condition::no_eligible_logged_in: return c.group->logged_in == 0;
      case step_condition::expected_wait_above: return expected_wait(q) > st.wait_above;
      case step_condition::service_level_below:
        return q.recent_count > 0 &&
               static_cast<double>(q.recent_within) / q.recent_count < st.service_level_below;
    }
    return false;
  }

  /// Recomputes a contact's place after its priority changed (keeps its place-in-line time).
  void rekey(contact_rec& c) {
    queue_rec& q = *c.queue;
    const bool ready = c.ready_hook.is_linked();
    ready_set& r = c.group->ready[slot(q, c.channel)];
    q.line.erase(q.line.iterator_to(c));
    if (ready) r.erase(r.iterator_to(c));
    set_line_key(q, c);
    insert_in_line(q.line, c);
    if (ready) r.insert(c);
  }

  void set_line_key(const queue_rec& q, contact_rec& c) const noexcept {
    c.key.rank = rank_of(q, c.priority);
    c.key.time = c.line_time.time_since_epoch().count();
    if (q.config.ordering == queue_ordering::aged) {
      // priority x step reaches 2^81 within the entry bounds: computed wide, then saturated (an
      // ageing credit beyond ±292 years orders the same as one at the limit).
      __extension__ using wide = __int128;
      const wide aged = static_cast<wide>(c.key.time) - static_cast<wide>(c.priority) * q.config.priority_step.count();
      c.key.time = static_cast<std::int64_t>(std::clamp<wide>(aged, std::numeric_limits<std::int64_t>::min(),
                                                                std::numeric_limits<std::int64_t>::max()));
    }
  }

  void arm_expiry(contact_rec& c, time_point when) {
    arm(c, timer_kind::max_wait, when);
  }

  void arm_step(contact_rec& c, time_point when) {
    arm(c, timer_kind::escalation_step, when);
  }

  /// Applies every due step of the contact's plan, in order.
  void run_steps(contact_rec& c) {
    queue_rec* const q = c.queue;
    const escalation_plan* plan = find_plan(c.plan);
    bool fall_through = false;
    while (plan && c.queue == q && !is_terminal(c.state) && c.next_step < plan->steps.size()) {
      const escalation_step& st = plan->steps[c.next_step];
      if (!fall_through && c.enqueued + st.after > now_) {
        arm_step(c, c.enqueued + st.after);
        return;
      }
      fall_through = false;
      const std::int32_t index = static_cast<std::int32_t>(c.next_step++);
      if (!condition_holds(c, st)) continue;
      c.last_step = index;
      {
        event& e = emit(event_kind::escalation_step);
        fill_contact(e, c);
        e.step = index;
      }
      switch (st.action) {
        case step_action::set_requirement:
          c.requirement = st.requirement;
          if (!c.preferred) regroup(c, general_group(c));
          fall_through = c.group->logged_in == 0;
          break;
        case step_action::drop_preferred:
          if (find_requirement(c.requirement)) {
            c.requirement = without_preferred(c.requirement);
            if (!c.preferred) regroup(c, general_group(c));
          }
          break;
        case step_action::widen_tiers:
          c.max_tier = st.max_tier;
          if (!c.preferred) regroup(c, general_group(c));
          fall_through = c.group->logged_in == 0;
          break;
        case step_action::raise_priority:
          c.priority = std::clamp(c.priority + st.priority_delta, -max_priority, max_priority);
          rekey(c);
          break;
        case step_action::move_to_queue: {
          queue_rec* target = find(st.queue);
          if (target && target != q && accepts(*target, c.channel) &&
              target->line.size() < target->config.max_length) {
            move_contact(c, *target, true, std::nullopt, exit_reason::escalation);
            return;  // the target queue's plan takes over
          }
          fall_through = true;
          break;
        }
        case step_action::route_out: {
          withdraw_offers(c);
          c.state = contact_state::routed_out;
          event& e = emit(event_kind::contact_routed_out);
          fill_contact(e, c);
          e.step = index;
          e.exit = exit_reason::escalation;
          e.destination = st.destination.c_str();
          retire(c);
          return;
        }
        case step_action::offer_callback: {
          event& e = emit(event_kind::callback_offered);
          fill_contact(e, c);
          e.step = index;
          break;
        }
      }
    }
  }



  // ===== Contacts in line ===================================================================

  /// Puts a contact into a queue at its place for `line_time` (or a join position) and arms
  /// its max-wait timer.
  void enqueue(contact_rec& c, queue_rec& q, time_point line_time, std::optional<std::uint32_t> position,
               std::optional<std::int32_t> new_priority = std::nullopt) {
    if (new_priority) c.priority = *new_priority;
    c.queue = &q;
    c.queue_handle = q.id;
    c.enqueued = now_;
    c.has_hunt = false;
    c.line_time = line_time;
    set_line_key(q, c);
    c.key.sub = static_cast<std::int64_t>(c.seq) << 20;
    if (position) place_at(c, q, *position);
    c.max_tier = q.config.initial_tier_limit;
    group_rec& general = prepare_groups(q, c.requirement, c.plan_override);
    set_group(c, c.preferred ? &group_for(q, c.requirement, c.max_tier, c.preferred) : &general);
    insert_in_line(q.line, c);
    c.ready_pending = true;  // settle() puts it in its group's ready set unless it is offered first
    mark_routable(c);
    if (q.config.max_wait > duration::zero()) arm_expiry(c, now_ + q.config.max_wait);
    // The plan in force restarts with each queue the contact enters.
    c.plan = c.plan_override ? plan_id(c.plan_override) : q.config.escalation;
    c.next_step = 0;
    c.last_step = -1;
    if (const escalation_plan* plan = find_plan(c.plan); plan && !plan->steps.empty()) {
      arm_step(c, c.enqueued + plan->steps.front().after);
    }
  }

  /// Chooses a key that puts `c` at index `position` within its priority band.
  void place_at(contact_rec& c, queue_rec& q, std::uint32_t position) {
    // Band: contacts with the same rank. Contacts ahead of the band are counted first.
    auto band_begin = q.line.lower_bound(line_key{c.key.rank, std::numeric_limits<std::int64_t>::min(),
                                                  std::numeric_limits<std::int64_t>::min()},
                                         key_compare());
    auto band_end = q.line.upper_bound(line_key{c.key.rank, std::numeric_limits<std::int64_t>::max(),
                                                std::numeric_limits<std::int64_t>::max()},
                                       key_compare());
    const std::uint32_t ahead = static_cast<std::uint32_t>(std::distance(q.line.begin(), band_begin));
    std::uint32_t into_band = position > ahead ? position - ahead : 0;
    auto at = band_begin;
    while (into_band > 0 && at != band_end) {
      ++at;
      --into_band;
    }
    if (at == band_end) {
      // Past the band: last in the band, even when the contact's own time is earlier.
      if (band_begin != band_end) {
        const contact_rec& last = *std::prev(band_end);
        if (!(last.key < c.key)) {
          c.key.time = last.key.time;
          c.key.sub = last.key.sub + (std::int64_t{1} << 20);
        }
      }
      return;
    }
    const contact_rec& next = *at;
    if (at == band_begin) {
      c.key.time = next.key.time;
      c.key.sub = next.key.sub - (std::int64_t{1} << 19);
      return;
    }
    const contact_rec& prev = *std::prev(at);
    if (prev.key.time != next.key.time) {
      // Nothing else has next's time ahead of next, so just below next is free.
      c.key.time = next.key.time;
      c.key.sub = next.key.sub - (std::int64_t{1} << 19);
      return;
    }
    if (next.key.sub - prev.key.sub > 1) {
      c.key.time = next.key.time;
      c.key.sub = prev.key.sub + (next.key.sub - prev.key.sub) / 2;
      return;
    }
    // No room between the neighbours: respace the contacts that share this time.
    respace(q, next.key.rank, next.key.time);
    place_at(c, q, position);
  }

  void respace(queue_rec& q, std::int64_t rank, std::int64_t time) {
    auto first = q.line.lower_bound(line_key{rank, time, std::numeric_limits<std::int64_t>::min()}, key_compare());
    auto last = q.line.upper_bound(line_key{rank, time, std::numeric_limits<std::int64_t>::max()}, key_compare());
    std::vector<contact_rec*> same;
    for (auto it = first; it != last; ++it) same.push_back(&*it);
    std::int64_t sub = same.empty() ? 0 : same.front()->key.sub;
    for (contact_rec* x : same) {
      q.line.erase(q.line.iterator_to(*x));
      const bool ready = x->ready_hook.is_linked();
      ready_set& r = x->group->ready[slot(q, x->channel)];
      if (ready) r.erase(r.iterator_to(*x));
      x->key.sub = sub;
      sub += std::int64_t{1} << 20;
      insert_in_line(q.line, *x);
      if (ready) r.insert(*x);
    }
  }

  struct key_compare {
    bool operator()(const contact_rec& c, const line_key& k) const noexcept { return c.key < k; }
    bool operator()(const line_key& k, const contact_rec& c) const noexcept { return k < c.key; }
  };

  /// Takes a contact out of its queue's indexes (not out of the router).
  void remove_from_queue(contact_rec& c) noexcept {
    queue_rec& q = *c.queue;
    if (c.line_hook.is_linked()) q.line.erase(q.line.iterator_to(c));
    leave_ready_set(c);
    if (c.routable_hook.is_linked()) routable_.erase(routable_.iterator_to(c));
    cancel_timers(c);
    c.queue = nullptr;
    set_group(c, nullptr);
  }

  /// Ends a contact's life in the router; its slot is reused after delivery.
  void retire(contact_rec& c) {
    if (c.queue) remove_from_queue(c);
    --live_contacts_;
    released_contacts_.push_back(c.id.index());
  }

  status leave_router(contact_id id, contact_state terminal) {
    contact_rec* c = find(id);
    if (!c) return errc::unknown_contact;
    if (c->state != contact_state::waiting && c->state != contact_state::offered) {
      return errc::contact_not_waiting;
    }
    withdraw_offers(*c);
    if (terminal == contact_state::abandoned) record_outcome(*c->queue, *c, false);
    c->state = terminal;
    event& e = emit(terminal == contact_state::abandoned ? event_kind::contact_abandoned
                                                         : event_kind::contact_routed_out);
    fill_contact(e, *c);
    retire(*c);
    return {};
  }

  void withdraw_offers(contact_rec& c) {
    while (!c.offers.empty()) {
      end_offer(c.offers.front(), offer_outcome::cancelled, cancel_cause::contact_left, false);
    }
    if (c.state == contact_state::offered) {
      --c.queue->offered;
      c.state = contact_state::waiting;
    }
  }

  void move_contact(contact_rec& c, queue_rec& to, bool keep_arrival, std::optional<std::int32_t> priority,
                    exit_reason why) {
    withdraw_offers(c);
    const queue_id from = c.queue_handle;
    remove_from_queue(c);
    c.preferred = nullptr;  // affinity holds within the queue it was asked for
    enqueue(c, to, keep_arrival ? c.arrival : now_, std::nullopt, priority);
    event& e = emit(event_kind::contact_transferred);
    fill_contact(e, c);
    e.other_queue = from;
    e.exit = why;
    fill_contact(emit(event_kind::contact_queued), c);
    check_leave(to);
  }

  static bool leave_condition(const queue_rec& q) noexcept {
    return (q.config.leave == leave_policy::when_none_logged_in && q.base().logged_in == 0) ||
           (q.config.leave == leave_policy::when_none_ready && q.base().ready_members == 0);
  }

  /// Applies the leave policy: routable contacts take the overflow path.
  void check_leave(queue_rec& q) {
    if (!leave_condition(q)) return;
    place_pending();
    // The last contact to leave a personal group releases it (the groups after it move up).
    std::size_t gi = 0;
    while (gi < q.groups.size()) {
      group_rec* g = q.groups[gi];
      for (std::size_t s = 0; s < q.slot_channels.size(); ++s) {
        while (q.groups[gi] == g && !g->ready[s].empty()) {
          exit_queue(*g->ready[s].begin(), exit_reason::leave_when_empty);
          if (gi >= q.groups.size()) return;
        }
      }
      if (gi < q.groups.size() && q.groups[gi] == g) ++gi;
    }
  }

  /// Max wait or leave-when-empty: overflow when the target can take the contact, else expire.
  void exit_queue(contact_rec& c, exit_reason why) {
    queue_rec& q = *c.queue;
    queue_rec* target = find(q.config.overflow);
    const bool can_overflow = target && target != &q && accepts(*target, c.channel) &&
                              target->line.size() < target->config.max_length &&
                              !(why == exit_reason::leave_when_empty && leave_condition(*target));
    if (can_overflow) {
      move_contact(c, *target, true, std::nullopt, why);
      return;
    }
    withdraw_offers(c);
    c.state = contact_state::expired;
    event& e = emit(event_kind::contact_expired);
    fill_contact(e, c);
    e.exit = why;
    retire(c);
  }

  // ===== Offers and work ====================================================================

  static offer_outcome outcome_of(failure_kind k) noexcept {
    switch (k) {
      case failure_kind::no_answer: return offer_outcome::no_answer;
      case failure_kind::rejected: return offer_outcome::rejected;
      case failure_kind::busy: return offer_outcome::busy;
      case failure_kind::unreachable: return offer_outcome::unreachable;
    }
    return offer_outcome::rejected;
  }

  work_rec& make_offer(contact_rec& c, member_rec& m, std::int32_t why_index) {
    agent_rec& a = *m.agent;
    queue_rec& q = *m.group->queue;
    const std::uint32_t index = works_.acquire();
    work_rec& w = works_[index];
    w.id = offer_id(index, works_.generation(index));
    w.agent = &a;
    w.contact = &c;
    w.served = c.id;
    w.queue = q.id;
    w.channel = c.channel;
    w.stage = offer_info::phase::offered;
    w.cost = a.capacity->cost[c.channel.value()];
    w.offered_at = now_;
    w.connected_at = {};
    // The rules in force when the offer was made govern its outcome, even if the queue's
    // configuration changes while it rings.
    w.policy = a.offer_overrides ? a.offer_overrides->apply(q.config.offers) : q.config.offers;
    w.wrap_up = a.wrap_up ? *a.wrap_up : q.config.wrap_up;
    a.work.push_back(w);
    c.offers.push_back(w);
    hold(a, c.channel, w.cost);
    ++a.offers;
    a.last_offer = now_;
    leave_ready_set(c);
    if (c.routable_hook.is_linked()) routable_.erase(routable_.iterator_to(c));
    if (c.state == contact_state::waiting) {
      c.state = contact_state::offered;
      ++q.offered;
    }
    q.has_rr = true;
    q.rr_order = m.order;
    q.rr_seq = a.seq;
    c.has_hunt = true;
    c.hunt_order = m.order;
    c.hunt_seq = a.seq;
    w.timer.owner = index;
    w.timer.kind = timer_kind::offer_timeout;
    if (w.policy.timeout > duration::zero()) timers_.arm(w.timer, now_ + w.policy.timeout);
    event& e = emit(event_kind::contact_offered);
    fill_contact(e, c);
    fill_work(e, w);
    e.deadline = w.timer.armed() ? w.timer.deadline : never;
    pending_why_.back() = why_index;
    refresh(a);
    note(a);
    return w;
  }

  /// Ends a pending offer that did not connect. `failure` is set for the agent's failures
  /// (no answer, reject, busy, unreachable); cancellations are not failures.
  void end_offer(work_rec& w, offer_outcome outcome, cancel_cause cause, bool return_contact,
                 const failure_kind* failure = nullptr) {
    agent_rec& a = *w.agent;
    contact_rec& c = *w.contact;
    timers_.cancel(w.timer);
    a.work.erase(a.work.iterator_to(w));
    c.offers.erase(c.offers.iterator_to(w));
    release(a, w.channel, w.cost);
    --a.offers;
    {
      event& e = emit(event_kind::offer_ended);
      fill_work(e, w);
      e.outcome = outcome;
      e.cancel = cause;
    }
    if (failure) {
      // A failed offer counts as service that ended now: never "more idle" than one who answered.
      a.last_completion = std::max(a.last_completion, now_);
      a.last_offer = std::max(a.last_offer, now_);
      a.ready_since = std::max(a.ready_since, now_);
      const failure_policy& p = w.policy.for_kind(*failure);
      std::uint32_t& count = a.consecutive[static_cast<std::size_t>(*failure)];
      ++count;
      if (p.hold_back > duration::zero()) set_hold_back(a, p.hold_back);
      // The counter keeps counting past the threshold (it is the truth about consecutive
      // failures); only an accepted offer resets it.
      if (p.threshold > 0 && count >= p.threshold) {
        if (a.presence == presence::ready) set_presence(a, presence::not_ready, p.reason);
      }
    }
    works_.release(w.id.index());
    if (return_contact && c.offers.empty() && c.state == contact_state::offered) {
      queue_rec& q = *c.queue;
      c.state = contact_state::waiting;
      --q.offered;
      cancel(c, timer_kind::ring_step);
      c.group->ready[slot(q, c.channel)].insert(c);
      mark_routable(c);
      check_leave(q);
    }
    offer_work_to(a);
    note(a);
  }

  /// A connected contact ended (completed or transferred away): wrap-up or release.
  void finish_connected(work_rec& w) {
    agent_rec& a = *w.agent;
    credit_time(w.queue, now_ - w.connected_at);
    if (w.wrap_up > duration::zero()) {
      w.stage = offer_info::phase::wrap_up;
      ++a.wrapping;
      w.timer.owner = w.id.index();
      w.timer.kind = timer_kind::wrap_up_end;
      timers_.arm(w.timer, now_ + w.wrap_up);
      event& e = emit(event_kind::wrap_up_started);
      fill_work(e, w);
      e.deadline = w.timer.deadline;
      return;
    }
    a.last_completion = now_;
    a.work.erase(a.work.iterator_to(w));
    release(a, w.channel, w.cost);
    works_.release(w.id.index());
    offer_work_to(a);
  }

  /// Ends a wrap-up.
  void end_work(work_rec& w) {
    agent_rec& a = *w.agent;
    const time_point wrap_started = w.timer.deadline - w.wrap_up;
    timers_.cancel(w.timer);
    credit_time(w.queue, now_ - wrap_started);
    --a.wrapping;
    a.last_completion = now_;
    a.wrap += now_ - wrap_started;
    {
      event& e = emit(event_kind::wrap_up_ended);
      fill_work(e, w);
    }
    a.work.erase(a.work.iterator_to(w));
    release(a, w.channel, w.cost);
    works_.release(w.id.index());
    offer_work_to(a);
  }

  // ===== Decisions ==========================================================================

  /// Takes a waiting contact out of its group's ready set, or off its way there.
  void leave_ready_set(contact_rec& c) noexcept {
    if (c.ready_hook.is_linked()) {
      ready_set& r = c.group->ready[slot(*c.queue, c.channel)];
      r.erase(r.iterator_to(c));
    }
    c.ready_pending = false;
  }

  /// Puts a contact that enqueue left pending into its group's ready set.
  void place_pending(contact_rec& c) {
    if (!c.ready_pending) return;
    c.ready_pending = false;
    c.group->ready[slot(*c.queue, c.channel)].insert(c);
  }
  /// place_pending for every routable contact: before code that walks the ready sets in the
  /// middle of a command (a queue's leave condition, an agent's affinity release).
  void place_pending() {
    for (contact_rec& c : routable_) place_pending(c);
  }

  /// Makes every decision that became possible: routable contacts first, then freed agents.
  /// A contact enqueued in this command is tried before it joins its group's ready set
  /// (contact_rec::ready_pending); agent-side decisions, which read the ready sets, come after
  /// every routable contact was tried, so they find it there.
  void settle() {
    while (!routable_.empty() || !freed_.empty()) {
      if (!routable_.empty()) {
        index_owed_agents();
        contact_rec& c = routable_.front();
        routable_.pop_front();
        if (c.state == contact_state::waiting && (c.ready_hook.is_linked() || c.ready_pending)) route_contact(c);
        // Not offered: it waits, and agents who become free find it in its group's ready set.
        place_pending(c);
        continue;
      }
      agent_rec& a = freed_.front();
      freed_.pop_front();
      route_agent(a);
      if (a.indexed.owed) refresh(a);
    }
  }

  /// Contact side: the queue's strategy picks among the agents who can take the contact, in
  /// the lowest tier with an available agent or, with group_pick::idle_ratio, in the tier with
  /// the highest idle ratio.
  void route_contact(contact_rec& c) {
    queue_rec& q = *c.queue;
    const std::size_t s = slot(q, c.channel);
    group_rec& g = *c.group;
    avail_index& set = g.avail[s];
    const channel_id ch = c.channel;
    const strategy_config& st = g.strategy;
    avail_node* const head = first_available(set, st, ch);
    if (!head) return;
    avail_node* first = head;
    tie_break tier_tie = tie_break::none;
    if (q.config.selection.groups == group_pick::idle_ratio) {
      if (avail_node* f = first_available_of_tier(set, st, ch, pick_tier(g, s, ch, tier_tie))) first = f;
    }
    const std::uint32_t best_tier = first->key.tier;
    auto in_tier = [&](avail_index::iterator it) { return it != set.end() && it->key.tier == best_tier; };
    avail_node* chosen = nullptr;
    tie_break tie = tie_break::none;
    switch (st.kind) {
      case strategy_kind::ring_all: {
        scratch_.clear();
        for (auto it = set.iterator_to(*first); in_tier(it); it = next_current(set, it, st)) {
          if (can_take(*member_of(*it)->agent, ch)) scratch_.push_back(member_of(*it));
        }
        const std::int32_t why =
            explain_ ? explain_contact(c, g, s, scratch_.front()->node(s), tie_break::all_offered) : -1;
        for (member_rec* m : scratch_) make_offer(c, *m, why);
        return;
      }
      case strategy_kind::round_robin:
        chosen = after_order(set, ch, *first, q.has_rr, q.rr_order, q.rr_seq);
        tie = tie_break::strategy_key;
        break;
      case strategy_kind::top_down:
        chosen = after_order(set, ch, *first, c.has_hunt, c.hunt_order, c.hunt_seq);
        tie = tie_break::strategy_key;
        break;
      case strategy_kind::random:
      case strategy_kind::weighted_random:
        chosen = draw(g, s, ch);
        if (!chosen) return;
        tie = tie_break::random_draw;
        break;
      case strategy_kind::best_skill:
        chosen = first;
        if (st.occupancy_cap > 0) {
          // The fairness guard: the best-scored agent below the occupancy cap in the best tier,
          // else the best-scored one. Complexity: O(saturated agents ranked ahead).
          for (auto it = set.iterator_to(*first); in_tier(it); it = next_current(set, it, st)) {
            if (can_take(*member_of(*it)->agent, ch) && occupancy(*member_of(*it)->agent) < st.occupancy_cap) {
              chosen = &*it;
              break;
            }
          }
        }
        tie = tie_break::none;
        break;
      case strategy_kind::progressive_ring:
      default:
        chosen = first;
        tie = tie_break::none;
        break;
    }
    if (tier_tie == tie_break::idle_ratio) tie = tie_break::idle_ratio;
    const std::int32_t why = explain_ ? explain_contact(c, g, s, chosen, tie) : -1;
    make_offer(c, *member_of(*chosen), why);
    if (st.kind == strategy_kind::progressive_ring) {
      arm(c, timer_kind::ring_step, now_ + st.ring_interval);
    }
  }

  /// group_pick::idle_ratio: the member tier of `g` with the highest share of its logged-in
  /// (and helping) members able to take `ch` now. Sets `tie` to idle_ratio when the ratio, not
  /// the tier order, decided. Precondition: some member can take `ch`. Complexity:
  /// O(members of g + tiers x log tiers); no allocation once tier_loads_ has grown.
  std::uint32_t pick_tier(const group_rec& g, std::size_t s, channel_id ch, tie_break& tie) {
    tier_loads_.clear();
    for (const member_rec* member : g.members) {
      const member_rec& m = *member;
      if (m.agent->presence == presence::logged_out || !helps(m)) continue;
      auto it = std::find_if(tier_loads_.begin(), tier_loads_.end(),
                             [&](const tier_load& t) { return t.tier == m.options.tier; });
      if (it == tier_loads_.end()) {
        tier_loads_.push_back(tier_load{m.options.tier, 0, 0});
        it = tier_loads_.end() - 1;
      }
      ++it->logged_in;
      if (can_take(*m.agent, ch)) ++it->available;
    }
    std::sort(tier_loads_.begin(), tier_loads_.end(),
              [](const tier_load& a, const tier_load& b) { return a.tier < b.tier; });
    const tier_choice pick = pick_by_idle_ratio(tier_loads_.data(), tier_loads_.size());
    if (pick.index == tier_loads_.size()) return g.avail[s].begin()->key.tier;
    if (pick.by_ratio) tie = tie_break::idle_ratio;
    return tier_loads_[pick.index].tier;
  }

  /// The first node of `tier` whose agent can take `ch` now, or null.
  avail_node* first_available_of_tier(avail_index& set, const strategy_config& st, channel_id ch,
                                      std::uint32_t tier) noexcept {
    avail_key probe;
    probe.tier = tier;
    probe.primary = std::numeric_limits<std::int64_t>::min();
    probe.secondary = std::numeric_limits<std::int64_t>::min();
    probe.agent_seq = 0;
    // Tiers are never stale (only agent inputs are), so the tier starts where it starts.
    for (auto it = current(set, set.lower_bound(probe), st); it != set.end() && it->key.tier == tier;
         it = next_current(set, it, st)) {
      if (can_take(*member_of(*it)->agent, ch)) return &*it;
    }
    return nullptr;
  }

  /// The first available node of `first`'s tier that comes after the member (order, agent
  /// creation) last offered, else `first` (wrapping), so members with equal order (every
  /// member added through eligibility has the same one) take turns too.
  avail_node* after_order(avail_index& set, channel_id ch, avail_node& first, bool has, std::uint32_t order,
                          std::uint64_t seq) {
    if (has) {
      const std::uint32_t tier = first.key.tier;
      avail_key after;
      after.tier = tier;
      after.primary = static_cast<std::int64_t>(order);
      // Round robin and top-down keys are (tier, order, 0, agent creation): they read no agent
      // input, so they are never stale (current) and a lower bound finds the place.
      after.secondary = 0;
      after.agent_seq = seq + 1;
      for (auto it = set.lower_bound(after); it != set.end() && it->key.tier == tier; ++it) {
        if (can_take(*member_of(*it)->agent, ch)) return &*it;
      }
    }
    return &first;
  }

  /// A weighted draw among the lowest tier with positive total weight. Weight trees hold
  /// available agents only (refresh keeps them eagerly).
  avail_node* draw(group_rec& g, std::size_t s, channel_id ch) {
    weight_tree& t = g.draws[s];
    for (const tier_range& r : g.tiers) {
      const std::uint64_t before = t.prefix(r.begin);
      const std::uint64_t total = t.prefix(r.end) - before;
      if (total == 0) continue;
      // A member with weight is linked, so it has the node.
      return g.by_draw[t.find(before + rng_.below(total))]->node(s);
    }
    // Only weight-0 members are available: they are the last resort (never drawn while a
    // member with weight is available), taken in member order, so no contact waits beside an
    // idle member.
    return first_available(g.avail[s], g.strategy, ch);
  }

  /// Progressive ring: one more agent for a contact still ringing.
  void ring_step(contact_rec& c) {
    if (c.state != contact_state::offered) return;
    index_owed_agents();
    queue_rec& q = *c.queue;
    const std::size_t s = slot(q, c.channel);
    avail_index& set = c.group->avail[s];
    const strategy_config& st = c.group->strategy;
    for (auto it = current(set, set.begin(), st); it != set.end(); it = next_current(set, it, st)) {
      avail_node& n = *it;
      if (!can_take(*member_of(n)->agent, c.channel)) continue;
      bool already = false;
      for (const work_rec& w : c.offers) already = already || w.agent == member_of(n)->agent;
      if (already) continue;
      const std::int32_t why = explain_ ? explain_contact(c, *c.group, s, &n, tie_break::none, decision_side::ring_step) : -1;
      make_offer(c, *member_of(n), why);
      break;
    }
    arm(c, timer_kind::ring_step, now_ + q.config.strategy.ring_interval);
  }

  /// Agent side: the agent takes the best routable contact across its queues while it has
  /// room. Which is best is the agent's queue-selection policy (static order by default).
  void route_agent(agent_rec& a) {
    const queue_selection_policy policy = a.queue_selection ? *a.queue_selection : selection_;
    for (;;) {
      const channel_set open = available_channels(a);
      if (open.empty()) return;
      // No contact waits for an agent anywhere, the usual state of a centre with agents to
      // spare: a completion then costs no walk over the agent's ~30 groups.
      if (ready_contacts_ == 0) {
        assert(std::all_of(a.memberships.begin(), a.memberships.end(), [](const membership_ref& r) {
          for (std::size_t s = 0; s < r.group->ready.size(); ++s) {
            if (!r.group->ready[s].empty()) return false;
          }
          return true;
        }));
        return;
      }
      contact_rec* best = nullptr;
      member_rec* best_member = nullptr;
      queue_choice choice;
      if (policy == queue_selection_policy::static_priority) {
        // The best head so far, as group_rec::front holds it: most heads lose on weight, rank
        // or time without their ready set or their cold contact record being read.
        std::uint32_t best_weight = 0;
        ready_front best_front;
        // The walk reads the list's groups; the member list only for a head that would win in
        // a group that may hold a reserve member, and for the winner, after the walk.
        group_rec* const* const groups = a.memberships.groups();
        group_rec* const* const groups_end = groups + a.memberships.size();
        member_rec* const* const members = a.memberships.members();
        group_rec* const* best_at = nullptr;
        auto helps_at = [&](const group_rec& g, group_rec* const* at) {
          assert(g.has_reserve || !members[at - groups]->options.reserve);  // as helps(g, m)
          return !g.has_reserve || helps(*members[at - groups]);
        };
        for (group_rec* const* at = groups; at != groups_end; ++at) {
          group_rec& g = **at;
          if (g.fronted != 0) {
            const channel_set wanted = open & g.channels;
            if (wanted.empty()) continue;
            // At most front_slots slots: unrolled, as the walk runs over ~30 groups.
            auto consider = [&](std::size_t s) {
              const ready_front& f = g.front[s];
              assert(f.empty() == g.ready[s].empty());
              if (!wanted.contains(g.front_channel[s]) || f.empty()) return;
              if (best && !serves_before(g.weight, f, best_weight, best_front, g.ready[s], *best)) return;
              if (!helps_at(g, at)) return;
              best = &*g.ready[s].begin();
              assert(f.rank == best->key.rank && f.time == best->key.time);
              best_at = at;
              best_weight = g.weight;
              best_front = f;
            };
            static_assert(group_rec::front_slots == 2, "consider() is unrolled for two slots");
            consider(0);
            if (g.fronted == 2) consider(1);
            continue;
          }
          (open & g.channels).for_each([&](channel_id ch) {
            ready_set& r = g.ready[static_cast<std::size_t>(g.slot_of[ch.value()])];
            if (r.empty()) return;
            contact_rec& head = *r.begin();
            // The member record (cold: one per membership) is read only for a head that would
            // win, in a group that may hold a reserve member, to skip one out of its queue's
            // help; `best` only ever holds heads that passed, so the choice is the same as
            // checking every head first.
            if ((!best || serves_before(head, *best)) && helps_at(g, at)) {
              best = &head;
              best_at = at;
              best_weight = g.weight;
              best_front = ready_front::of(head.key);
            }
          });
        }
        if (!best) return;
        best_member = members[best_at - groups];
      } else {
        // Collect the heads the agent could take, then let the policy choose.
        collect_heads(a);
        if (heads_.empty()) return;
        choice = choose_queue(policy, heads_.data(), heads_.size(), [&](std::size_t i, std::size_t j) {
          return serves_before(*head_members_[i].first, *head_members_[j].first);
        });
        best = head_members_[choice.index].first;
        best_member = head_members_[choice.index].second;
      }
      const std::int32_t why = explain_ ? explain_agent(a, *best, policy, choice) : -1;
      make_offer(*best, *best_member, why);
      const strategy_config& st = best_member->group->queue->config.strategy;
      if (st.kind == strategy_kind::progressive_ring) {
        arm(*best, timer_kind::ring_step, now_ + st.ring_interval);
      }
    }
  }

  /// Fills heads_ and head_members_ with the ready heads agent `a` could take now, as the
  /// selection policies see them. No allocation once the vectors have grown.
  void collect_heads(const agent_rec& a) {
    heads_.clear();
    head_members_.clear();
    const channel_set open = available_channels(a);
    for (member_rec* m : a.memberships) {
      group_rec& g = *m->group;
      const queue_rec& q = *g.queue;
      for (std::size_t s = 0; s < q.slot_channels.size(); ++s) {
        if (g.ready[s].empty() || !open.contains(q.slot_channels[s]) || !helps(g, *m)) continue;
        contact_rec& head = *g.ready[s].begin();
        const queue_selection_config& sc = q.config.selection;
        queue_candidate k;
        k.queue = q.seq;
        k.head_wait = now_ - head.arrival;
        k.threshold = threshold_for(q, head.channel);
        k.delay_weight = sc.delay_weight;
        k.waiting = static_cast<std::uint32_t>(q.line.size());
        k.target_share = sc.target_share;
        k.allocated_seconds = q.live.agent_seconds(now_);
        k.allocation_percent = sc.allocation_percent;
        heads_.push_back(k);
        head_members_.emplace_back(&head, m);
      }
    }
  }

  /// serves_before on the copies in group_rec::front of the first contacts of `x_set` (queue
  /// weight wx) and of the set whose first contact is `y_head` (weight wy): the contact records
  /// are read only when weight, priority and place-in-line time all tie.
  static bool serves_before(std::uint32_t wx, const ready_front& x, std::uint32_t wy, const ready_front& y,
                            ready_set& x_set, const contact_rec& y_head) noexcept {
    if (wx != wy) return wx > wy;
    if (x.rank != y.rank) return x.rank < y.rank;
    if (x.time != y.time) return x.time < y.time;
    return serves_before(*x_set.begin(), y_head);
  }

  /// Agent-side order across queues: queue weight, priority, place-in-line time, creation.
  static bool serves_before(const contact_rec& x, const contact_rec& y) noexcept {
    const std::uint32_t wx = x.group->weight, wy = y.group->weight;
    if (wx != wy) return wx > wy;
    const std::int64_t px = -x.key.rank, py = -y.key.rank;
    if (px != py) return px > py;
    if (x.key.time != y.key.time) return x.key.time < y.key.time;
    if (x.queue == y.queue) return x.key.sub < y.key.sub;
    return x.seq < y.seq;
  }

  // ===== Explanations =======================================================================

  std::int32_t explain_contact(const contact_rec& c, group_rec& g, std::size_t s,
                               const avail_node* chosen, tie_break tie,
                               decision_side side = decision_side::contact_side) {
    explanation x;
    x.side = side;
    const queue_rec& q = *g.queue;
    x.rule = q.config.strategy.kind;
    x.step = c.last_step;
    x.requirement = c.requirement;
    // Listing the candidates in order brings their keys up to date (current): an explanation
    // shows the order the decision used, never a stale key.
    avail_index& set = g.avail[s];
    const channel_id ch = q.slot_channels[s];
    auto in_order = [&](auto visit) {
      for (auto it = current(set, set.begin(), g.strategy); it != set.end(); it = next_current(set, it, g.strategy)) {
        if (!visit(*it)) return;
      }
    };
    auto add = [&](const avail_node& n) {
      ++x.candidates_weighed;
      if (x.listed >= x.candidates.size()) return;
      explained_candidate& k = x.candidates[x.listed++];
      k.agent = member_of(n)->agent->id;
      k.queue = q.id;
      k.tier = n.key.tier;
      k.key = n.key.primary;
    };
    if (chosen) add(*chosen);
    in_order([&](const avail_node& n) {
      if (&n != chosen && can_take(*member_of(n)->agent, ch)) add(n);
      return true;
    });
    if (tie != tie_break::random_draw && tie != tie_break::all_offered && tie != tie_break::idle_ratio) {
      tie = tie_break::none;
      const avail_node* runner = nullptr;
      in_order([&](const avail_node& n) {
        if (&n != chosen && can_take(*member_of(n)->agent, ch)) runner = &n;
        return runner == nullptr;
      });
      if (runner && chosen) {
        if (runner->key.tier != chosen->key.tier) {
          tie = tie_break::tier;
        } else if (runner->key.primary != chosen->key.primary ||
                   runner->key.secondary != chosen->key.secondary) {
          tie = tie_break::strategy_key;
        } else {
          tie = tie_break::creation_order;
        }
      }
    }
    x.tie = tie;
    explanations_.push_back(x);
    return static_cast<std::int32_t>(explanations_.size() - 1);
  }

  std::int32_t explain_agent(const agent_rec& a, const contact_rec& chosen, queue_selection_policy policy,
                             const queue_choice& choice) {
    explanation x;
    x.side = decision_side::agent_side;
    x.selection = policy;
    x.rule = chosen.queue->config.strategy.kind;
    x.step = chosen.last_step;
    x.requirement = chosen.requirement;
    const contact_rec* runner = nullptr;
    auto add = [&](const contact_rec& c) {
      ++x.candidates_weighed;
      if (x.listed >= x.candidates.size()) return;
      explained_candidate& k = x.candidates[x.listed++];
      k.agent = a.id;
      k.contact = c.id;
      k.queue = c.queue->id;
      k.key = -c.key.rank;
      k.time = time_point(duration(c.key.time));
    };
    add(chosen);
    const channel_set open = available_channels(a);
    for (const member_rec* m : a.memberships) {
      const group_rec& g = *m->group;
      for (std::size_t s = 0; s < g.queue->slot_channels.size(); ++s) {
        if (g.ready[s].empty() || !open.contains(g.queue->slot_channels[s]) || !helps(g, *m)) continue;
        const contact_rec& head = *g.ready[s].begin();
        if (&head == &chosen) continue;
        add(head);
        if (!runner || serves_before(head, *runner)) runner = &head;
      }
    }
    if (policy != queue_selection_policy::static_priority && runner) {
      if (choice.by_rule) {
        x.tie = policy == queue_selection_policy::delay_ratio         ? tie_break::delay_ratio
                : policy == queue_selection_policy::fixed_queue_ratio ? tie_break::queue_share
                                                                      : tie_break::allocation_share;
        explanations_.push_back(x);
        return static_cast<std::int32_t>(explanations_.size() - 1);
      }
      // The policy rated the winner and some others equal: the static order among those
      // decided, so the runner-up is the best of them.
      runner = nullptr;
      for (std::size_t i = 0; i < heads_.size(); ++i) {
        const contact_rec& head = *head_members_[i].first;
        if (&head == &chosen || selection_measure(policy, heads_.data(), heads_.size(), i) != choice.measure) {
          continue;
        }
        if (!runner || serves_before(head, *runner)) runner = &head;
      }
    }
    if (!runner) {
      x.tie = tie_break::none;
    } else if (runner->queue->config.weight != chosen.queue->config.weight) {
      x.tie = tie_break::queue_weight;
    } else if (runner->key.rank != chosen.key.rank) {
      x.tie = tie_break::priority;
    } else if (runner->key.time != chosen.key.time) {
      x.tie = tie_break::wait_time;
    } else {
      x.tie = tie_break::creation_order;
    }
    explanations_.push_back(x);
    return static_cast<std::int32_t>(explanations_.size() - 1);
  }

  // ===== State ==============================================================================

  channel_registry channels_;
  skill_registry skills_;
  /// Interned requirements; requirement_id(i, 1) names requirements_[i - 1].
  std::vector<requirement> requirements_;
  /// without_preferred(id) per requirement, filled on first use (null: not worked out yet).
  std::vector<requirement_id> preferred_free_;
  std::unordered_map<std::string, requirement_id> requirement_ids_;
  /// Plans are immutable once added; plan_id(i, 1) names plans_[i - 1].
  std::vector<escalation_plan> plans_;
  /// The memory of every pool below (router_options::huge_pages): declared first, so that it
  /// outlives them.
  chunk_source chunks_;
  /// Every member record, live or spare (add_membership, drop_membership). Declared before
  /// the queues and groups whose indexes thread through the records, so it outlives them.
  record_arena<member_rec> members_;
  /// Every group, live or spare (create_group; release_group and remove_queue give them back
  /// with their vectors' capacity, so affinity's short-lived personal groups allocate nothing
  /// in steady state). Declared after members_: a group's indexes thread through member records.
  record_arena<group_rec> groups_;
  /// The agents' capacity profiles (agent_rec::capacity): declared before the agents, which
  /// point into it.
  capacity_table capacity_profiles_;
  slot_pool<agent_rec> agents_;
  slot_pool<queue_rec, 6> queues_;
  slot_pool<contact_rec> contacts_;
  slot_pool<work_rec> works_;
  /// Attributes of the contacts that have any (contact_rec::attributes).
  slot_pool<attributes_rec, 8> contact_attributes_;
  /// Timer banks of the contacts with a timer armed (contact_rec::timers).
  slot_pool<contact_timers, 8> timer_banks_;
  timer_set timers_;
  bi::list<contact_rec, bi::member_hook<contact_rec, list_hook, &contact_rec::routable_hook>> routable_;
  /// Contacts in the groups' ready sets, all of them (ready_set::watch).
  std::size_t ready_contacts_ = 0;
  bi::list<agent_rec, bi::member_hook<agent_rec, list_hook, &agent_rec::freed_hook>> freed_;
  std::unordered_map<std::string, agent_id> agent_names_;
  std::unordered_map<std::string, queue_id> queue_names_;
  std::vector<event> pending_;
  std::vector<std::int32_t> pending_why_;
  std::vector<explanation> explanations_;
  explanation delivered_why_;
  std::vector<std::uint32_t> released_contacts_;
  std::vector<member_rec*> scratch_;
  /// How many spare member records only personal groups take (expected_affinity_holds).
  std::size_t personal_members_kept_ = 0;
  /// Queues whose leave policy an agent's state change must check (set_presence), as a stack.
  std::vector<queue_rec*> leave_checks_;
  /// Moves when a queue's plan or overflow may have changed: group_rec::prepared is stale.
  std::uint64_t plans_epoch_ = 1;
  /// Agent-side candidates for the selection policies, and the heads and memberships behind them.
  std::vector<queue_candidate> heads_;
  std::vector<std::pair<contact_rec*, member_rec*>> head_members_;
  /// Per-tier loads for group_pick::idle_ratio.
  std::vector<tier_load> tier_loads_;
  std::array<offer_transport*, max_channels> transports_{};
  event_observer* observer_ = nullptr;
  host_error_handler error_handler_;
  rng rng_;
  /// The router's default queue-selection policy (agents may override it).
  queue_selection_policy selection_ = queue_selection_policy::static_priority;
  time_point now_{};
  std::uint64_t event_seq_ = 0;
  std::uint64_t agent_seq_ = 0;
  std::uint64_t queue_seq_ = 0;
  std::uint64_t contact_seq_ = 0;
  std::size_t live_contacts_ = 0;
  bool explain_ = false;
  bool delivering_ = false;
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_ROUTER_IMPL_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The Router: the one object that owns all routing state. The host feeds it commands, each with
// the time `now` it happened, and pulls its timers with next_deadline() / advance(now).
//
// Rules that hold for every command:
//  - Time: `now` must not be earlier than any time the router has seen (else
//    errc::time_went_backwards). A command first brings the router up to `now`, firing every
//    timer due at or before it at its exact deadline, exactly as advance(now) would.
//  - Errors: a refused command returns a typed error and changes nothing (beyond the timers
//    fired to reach `now`). No command throws, aborts or allocates in steady state.
//  - Decisions happen inside the command that made them possible: an arrival is offered to an
//    available agent in `arrive`, a freed agent gets the best waiting contact in `complete`...
//  - Effects: events and transport calls are delivered after the command has finished changing
//    state, in sequence order. Callbacks may call commands again; their effects queue behind.
#ifndef OMNIROUTE_ROUTER_ROUTER_HPP
#define OMNIROUTE_ROUTER_ROUTER_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/agent.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/contact.hpp>
#include <omniroute/model/escalation.hpp>
#include <omniroute/model/queue.hpp>
#include <omniroute/model/requirement.hpp>
#include <omniroute/model/requirement_parser.hpp>
#include <omniroute/model/skills.hpp>
#include <omniroute/ports/observer.hpp>
#include <omniroute/ports/transport.hpp>
#include <omniroute/router/event.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

namespace detail {
class router_impl;
struct snapshot_access;
}

struct router_options {
  /// Seed of the generator behind random and weighted_random selection.
  std::uint64_t seed = 0x6f6d6e69726f7574ull;
  /// Build an explanation for every offer (see event::why).
  bool explain = false;
  /// Capacity reserved up front so that steady state never allocates. expected_contacts
  /// covers the contacts and the attribute storage of as many contacts with attributes. Each
  /// agent also has room for four affinity groups held at once (contacts held for it in
  /// distinct queues, requirements or tiers; docs/skills-routing.md#affinity); the groups
  /// themselves are pooled and reused.
  std::uint32_t expected_agents = 1024;
  std::uint32_t expected_contacts = 4096;
  /// Affinity groups held at once across the router: one per (preferred agent, queue,
  /// requirement, tier) with a contact held in it. That many are made up front (about 800
  /// bytes each) and reused, so holding contacts for preferred agents allocates nothing until
  /// more are held at once; beyond it, the pool grows and keeps the new high-water mark.
  std::uint32_t expected_affinity_holds = 256;
  /// Put the router's records (agents, memberships, contacts, offers: what decisions walk)
  /// on transparent huge pages: their pools take memory from 64 MiB regions of address space
  /// advised MADV_HUGEPAGE (Linux; elsewhere, or with the kernel's transparent huge pages
  /// off, ordinary pages). Only touched pages become resident, a 2 MiB page at a time: a
  /// router takes at least 2 MiB, and a large one misses the TLB far less (docs/integration.md,
  /// "Memory and pages"). mapped_record_bytes() counts this memory, which malloc's statistics
  /// do not.
  bool huge_pages = true;
  /// How a freed agent chooses among its queues (agents may override it, see
  /// agent_config::queue_selection). Rules: docs/service-level-routing.md.
  queue_selection_policy queue_selection = queue_selection_policy::static_priority;
};

/// A snapshot of one agent.
struct agent_info {
  agent_id id;
  std::string_view name;  ///< Valid until the agent is removed.
  agent_state state = agent_state::logged_out;
  enum presence presence = presence::logged_out;
  reason_code reason = reason_codes::none;
  std::uint32_t used_capacity = 0;
  std::uint32_t total_capacity = 0;
  channel_set channels;
  std::uint32_t offers_pending = 0;
  std::uint32_t connected = 0;
  std::uint32_t wrapping_up = 0;
  /// Not offered anything until this time after a failed offer (never: not held back).
  time_point held_back_until = never;
  /// Queues the agent is eligible for: on the roster, or matching the eligibility requirement.
  std::uint32_t queues = 0;
  std::uint64_t handled_since_login = 0;
  duration talk_time_since_login = duration::zero();
  time_point last_completion{};
  time_point last_offer{};
  time_point ready_since{};
  /// Consecutive failed offers by failure_kind (reset by an accepted offer).
  std::uint32_t consecutive_failures[failure_kind_count] = {};
};

/// A snapshot of one queue.
struct queue_info {
  queue_id id;
  std::string_view name;  ///< Valid until the queue is removed.
  std::uint32_t waiting = 0;  ///< Contacts in the queue, offered ones included.
  std::uint32_t offered = 0;  ///< Of those, how many have an offer pending.
  std::uint32_t members = 0;
  std::uint32_t members_logged_in = 0;
  std::uint32_t members_ready = 0;  ///< Presence ready (possibly busy).
  /// The place-in-line time of the first contact (never: empty queue).
  time_point head_since = never;
  /// The live service level the router routes by (percent of outcomes in the window
  /// answered within their channel's threshold; nullopt: no outcome in the window), the agent
  /// seconds credited in the window (percent_allocation), and whether reserve members help
  /// now. See docs/service-level-routing.md.
  std::optional<double> service_level;
  double agent_seconds = 0.0;
  bool reserve_helping = false;
  /// How long a contact arriving now can expect to wait: waiting contacts x expected handle
  /// time / logged-in members. The handle time (talk + wrap-up) is
  /// queue_config::expected_handle_time until a contact completes here, then the first
  /// completion's, then a moving average that gives each later completion a weight of 0.1.
  /// The figure escalation's expected_wait_above compares; duration::max() when nobody is
  /// logged in.
  duration expected_wait = duration::zero();
};

/// A snapshot of one live contact.
struct contact_info {
  contact_id id;
  contact_state state = contact_state::waiting;
  channel_id channel;
  queue_id queue;
  std::int32_t priority = 0;
  time_point arrival{};
  time_point enqueued{};
  /// What it needs now (escalation may have changed it) and its tier ceiling.
  requirement_id requirement;
  std::uint32_t tier_limit = no_tier_limit;
  /// The last escalation step applied in this queue (-1: none yet).
  std::int32_t step = -1;
  /// The agent it is held for (affinity), while held.
  agent_id held_for;
  std::uint32_t offers_pending = 0;
  /// The agent while connected.
  agent_id agent;
  const attribute_map* attributes = nullptr;  ///< Valid until the contact ends.
};

/// One piece of an agent's work: an offer, then (accepted) a connected contact, then wrap-up.
struct offer_info {
  enum class phase : std::uint8_t { offered, connected, wrap_up };
  offer_id id;
  phase stage = phase::offered;
  contact_id contact;  ///< Null once the contact ended (during wrap-up).
  agent_id agent;
  queue_id queue;
  channel_id channel;
  time_point offered_at{};
  time_point connected_at{};
  /// Offer timeout, or wrap-up end (never: none).
  time_point deadline = never;
};

/// Called with the place and text of an exception thrown by a host callback.
using host_error_handler = std::function<void(std::string_view where, std::string_view what)>;

class router {
 public:
  explicit router(router_options options = {});
  router(router&&) noexcept;
  router& operator=(router&&) noexcept;
  router(const router&) = delete;
  router& operator=(const router&) = delete;
  ~router();

  // ---- Host ports -------------------------------------------------------------------------
  /// The observer receives every event (not owned; null detaches).
  void set_observer(event_observer* observer) noexcept;
  /// The transport for one channel (not owned; null detaches). Offers on a channel without a
  /// transport are still made and reported as events.
  status set_transport(channel_id channel, offer_transport* transport) noexcept;
  /// Receives exceptions thrown by observers and transports.
  void set_error_handler(host_error_handler handler);
  /// Turns explanations on or off (see event::why).
  void set_explanations(bool on) noexcept;

  // ---- Channels ---------------------------------------------------------------------------
  /// Registers a host channel (see channel_registry::add). Existing agents gain the channel
  /// only if their capacity profile lists it.
  result<channel_id> register_channel(std::string_view name, channel_kind kind,
                                      std::uint16_t default_cost, channel_set default_blocks = {});
  const channel_registry& channels() const noexcept;

  // ---- Skills, requirements, escalation plans ----------------------------------------------
  /// Errors: invalid_argument (name rules), duplicate_name, limit_exceeded.
  result<skill_id> add_skill(std::string_view name);
  result<attribute_id> add_attribute(std::string_view name, attribute_kind kind);
  const skill_registry& skills() const noexcept;
  /// Interns a requirement: equal requirements get the same id, so contacts that need the same
  /// share indexes. Errors: unknown_skill / unknown_attribute for ids not registered.
  result<requirement_id> add_requirement(const requirement& r);
  /// Parses and interns `text` (see docs/requirements.md). Errors: parse_error,
  /// unknown_skill, unknown_attribute, contradictory_requirement; `diagnostic` says where.
  result<requirement_id> add_requirement(std::string_view text, parse_diagnostic* diagnostic = nullptr);
  /// The interned requirement, or null.
  const requirement* find_requirement(requirement_id id) const noexcept;
  /// Errors: invalid_argument (negative or unordered times), unknown_requirement,
  /// unknown_queue (move_to_queue), unknown_plan never.
  result<plan_id> add_escalation_plan(const escalation_plan& plan);

  // ---- Agents -----------------------------------------------------------------------------
  /// Adds a logged-out agent. Errors: invalid_argument (name empty or > 128 bytes, capacity
  /// total 0), duplicate_name.
  result<agent_id> add_agent(time_point now, const agent_config& config);
  /// Replaces an agent's configuration without logging them out; work in progress continues,
  /// new offers follow the new capacity. Errors: as add_agent, unknown_agent.
  status update_agent(time_point now, agent_id agent, const agent_config& config);
  /// Removes a logged-out agent and its memberships. Errors: unknown_agent, still_logged_in.
  status remove_agent(time_point now, agent_id agent);
  /// Logs in, not ready (reason given) or ready. Errors: unknown_agent, already_logged_in.
  status login(time_point now, agent_id agent, bool ready = false,
               reason_code reason = reason_codes::none);
  /// Logs out: pending offers are cancelled (their contacts return to their places), wrap-ups
  /// end. Errors: unknown_agent, not_logged_in, has_active_contacts.
  status logout(time_point now, agent_id agent);
  /// Errors: unknown_agent, not_logged_in, already_ready.
  status ready(time_point now, agent_id agent);
  /// Stops new offers; pending offers stay answerable, connected work continues.
  /// Errors: unknown_agent, not_logged_in. (Changing the reason while not ready is allowed.)
  status not_ready(time_point now, agent_id agent, reason_code reason);

  // ---- Queues -----------------------------------------------------------------------------
  /// Errors: invalid_argument (also a NaN or negative occupancy cap), duplicate_name,
  /// unknown_queue (overflow target), unknown_requirement (eligibility), unknown_plan.
  result<queue_id> add_queue(time_point now, const queue_config& config);
  /// Errors: as add_queue; invalid_argument when contacts of a channel being removed wait.
  status update_queue(time_point now, queue_id queue, const queue_config& config);
  /// Removes a queue. Waiting contacts move to `move_to` (keeping their arrival time); without
  /// a target, a queue with waiting contacts is refused (queue_not_empty). Other queues that
  /// overflow here lose their overflow target first, so no moved contact overflows back here.
  status remove_queue(time_point now, queue_id queue, queue_id move_to = {});
  /// Errors: unknown_queue, unknown_agent, already_member.
  status add_member(time_point now, queue_id queue, agent_id agent, member_options options = {});
  /// Errors: unknown_queue, unknown_agent, not_a_member.
  status update_member(time_point now, queue_id queue, agent_id agent, member_options options);
  /// Pending offers of this queue to the agent are cancelled. Errors: as update_member.
  status remove_member(time_point now, queue_id queue, agent_id agent);

  // ---- Contacts ---------------------------------------------------------------------------
  /// A contact arrives. Returns its id, or a refusal: unknown_queue, unknown_channel,
  /// channel_not_accepted, queue_full, no_agents (join policy) — each also reported as a
  /// contact_refused event — or invalid_argument (arrival after now) / time_went_backwards.
  result<contact_id> arrive(time_point now, const contact_spec& spec);
  /// The customer left (or the host withdrew the contact) while waiting or offered.
  /// Errors: unknown_contact, contact_not_waiting.
  status abandon(time_point now, contact_id contact);
  /// Moves a waiting, offered or connected contact to another queue. A connected contact's
  /// agent goes to wrap-up as after completion. Errors: unknown_contact, unknown_queue,
  /// channel_not_accepted, queue_full.
  status transfer(time_point now, contact_id contact, queue_id to, transfer_options options = {});
  /// Hands a waiting or offered contact to a destination outside the router (terminal).
  status route_out(time_point now, contact_id contact);
  /// The customer took the callback offered by an escalation step: the contact becomes a
  /// callback-channel contact keeping its place. Errors: unknown_contact, contact_not_waiting,
  /// channel_not_accepted (the queue does not take callbacks).
  status accept_callback(time_point now, contact_id contact);
  /// The agent accepts. Other parallel offers of the contact are cancelled in this command.
  /// Errors: unknown_offer, offer_not_pending.
  status accept(time_point now, offer_id offer);
  /// The agent (or its device) refuses. Errors: unknown_offer, offer_not_pending,
  /// invalid_argument (kind no_answer: timeouts are the router's).
  status reject(time_point now, offer_id offer, failure_kind kind = failure_kind::rejected);
  /// The agent finished a connected contact (terminal "handled"); wrap-up starts if configured.
  /// Errors: unknown_contact, contact_not_connected.
  status complete(time_point now, contact_id contact);
  /// Ends a wrap-up early. Errors: unknown_offer, not_in_wrap_up.
  status end_wrap_up(time_point now, offer_id offer);

  // ---- Time -------------------------------------------------------------------------------
  /// The earliest armed timer, or `never`. Complexity: O(1).
  time_point next_deadline() const noexcept;
  /// Fires every timer due at or before `now`, each at its own deadline.
  /// Errors: time_went_backwards.
  status advance(time_point now);
  /// The latest time the router has seen.
  time_point now() const noexcept;

  // ---- Queries (never change state) -------------------------------------------------------
  result<agent_info> agent(agent_id id) const;
  result<queue_info> queue(queue_id id) const;
  result<contact_info> contact(contact_id id) const;
  result<offer_info> offer(offer_id id) const;
  result<agent_id> find_agent(std::string_view name) const;
  result<queue_id> find_queue(std::string_view name) const;
  /// 0-based place in its queue (offered contacts keep theirs). Complexity: O(place).
  result<std::uint32_t> position(contact_id id) const;
  /// The queue's contacts in order (offered ones included). Allocates; for tools and tests.
  std::vector<contact_id> waiting_contacts(queue_id id) const;
  /// The agent's work (offers, connected contacts, wrap-ups). Allocates; for tools and tests.
  std::vector<offer_id> agent_work(agent_id id) const;
  std::vector<agent_id> agents() const;
  std::vector<queue_id> queues() const;
  /// Members of a queue with their options. Allocates.
  std::vector<std::pair<agent_id, member_options>> members(queue_id id) const;
  std::size_t agent_count() const noexcept;
  std::size_t queue_count() const noexcept;
  /// Contacts that have not reached a terminal state.
  std::size_t live_contact_count() const noexcept;
  /// A stable 64-bit hash of the primary state: records of agents, queues, members, contacts,
  /// offers and work, armed timers, counters, sequence numbers, handle generations and the
  /// generator's state (not the derived indexes). Two routers built with the same options that
  /// applied the same commands hash equal; so does a router before and after a refused command
  /// (at the same time). The same on every platform, and within one format across releases
  /// (format 2 since snapshot format 2; docs/reliability.md). Complexity: O(state).
  std::uint64_t state_hash() const;

 private:
  friend struct detail::snapshot_access;  // save_snapshot / restore_snapshot (journal/snapshot.hpp)
  std::unique_ptr<detail::router_impl> impl_;
};

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/router/router-inl.hpp>
#endif

#endif  // OMNIROUTE_ROUTER_ROUTER_HPP

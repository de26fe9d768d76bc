// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A model-based random tester for the router. A seeded generator produces abstract commands
// (an operation plus random "picks"); the executor resolves the picks against its model of the
// router (which agents, queues, contacts and offers exist and in which state), predicts the
// command's outcome (success or the exact error), runs it on a real router and then checks:
//
//  - the prediction held; a refused command changed nothing observable (full query snapshot
//    before and after, no event beyond the documented contact_refused);
//  - the event stream, replayed into the model, agrees with every query after every command
//    (contacts, offers/work, agents' derived state and reason, presence, hold-backs, queue
//    lengths, members), with sequence numbers 1..n and non-decreasing times;
//  - no contact is lost or duplicated, each ends with exactly one terminal event;
//  - offers go only to ready, not held back members with room for the channel (capacity,
//    per-channel maximum, blocking), never in parallel outside ring_all / progressive_ring;
//  - the routing invariant of docs/routing-rules.md and the leave policy hold after every
//    command.
//
// Skills routing (skills_model.hpp): agents hold skills s0..s3 and `trainee` / `site`
// attributes; contacts may need a requirement from a fixed catalogue the model evaluates
// itself; queues may admit every agent matching a requirement (dynamic membership, at the
// queue's dynamic tier), start contacts under a tier ceiling, use best_skill (with or without
// the occupancy guard), order by fifo, priority or aged priority, hold contacts for a
// preferred agent (affinity), and run escalation plans (relax or drop preferred skills, widen
// tiers, raise priority, move to another queue, route out, offer a callback, conditional on
// no eligible agent logged in, the expected wait or the service level); the host accepts
// offered callbacks (accept_callback). Checked on top of the above:
//  - every offer goes to an agent on the roster or matching the queue's eligibility, within
//    the contact's tier ceiling, meeting its current requirement (as the model's replay of
//    escalation steps says), and the routing invariant counts exactly those agents;
//  - each escalation_step event is the next step of the plan in force, not before the plan
//    starts, its condition held, and contact_info's requirement, tier ceiling, step and
//    priority agree with the model after every command; a step due by now without an event
//    was skipped, so its condition must have been false (see condition_holds for which
//    conditions the model decides exactly); a route_out step is followed by contact_routed_out
//    naming the step, exit reason escalation and the step's destination, an offer_callback
//    step by callback_offered, and accept_callback turns the contact into a callback contact;
//  - the head-of-line order of every queue follows its ordering (fifo, priority, or aged:
//    place-in-line time minus priority x priority_step), contacts placed at an explicit
//    position aside; contact_info's arrival is the model's;
//  - affinity (see generate_affinity): while a contact is held (preferred agent logged in at arrival, until the wait
//    ends, that agent logs out or the contact changes queue) only that agent is offered it and
//    contact_info::held_for says so; afterwards the general rules apply at once;
//  - with explanations on, the explanation names the contact's requirement and step, and a
//    contact-side best_skill decision chose an agent no eligible agent able to take the
//    contact beat by tier (tiers_first) or by score (the model's own scoring). Agent-side
//    decisions (a freed agent takes its best contact) are not ranking decisions and which
//    of equal-score agents wins (longest idle) is not predicted. With occupancy_cap, the chosen
//    agent is below the cap whenever a candidate of its tier is, and then outscored by no
//    candidate of its tier below the cap (occupancy replayed by the model from connect,
//    complete, transfer and wrap-up events since login).
//
// Commands are replayable from their abstract form, so a failing run is shrunk (delta
// debugging) to a short command list that still fails, printed with the seed.
#pragma once

#include <omniroute/omniroute.hpp>
#include <omniroute/router/router.hpp>

#include "model/skills_model.hpp"

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdlib>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#if defined(__unix__)
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#define OMNIROUTE_MODEL_FORK 1
#else
#define OMNIROUTE_MODEL_FORK 0
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define OMNIROUTE_MODEL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define OMNIROUTE_MODEL_SANITIZED 1
#endif
#endif
#ifndef OMNIROUTE_MODEL_SANITIZED
#define OMNIROUTE_MODEL_SANITIZED 0
#endif

namespace omniroute_model {

/// Progress and trace written to memory shared with a parent process, so that a run that
/// crashes inside the router (abort, segfault) still reports where and after what.
struct shared_log {
  static constexpr std::size_t slots = 512;
  static constexpr std::size_t width = 480;
  std::size_t at = 0;        ///< Index of the command running now.
  std::size_t executed = 0;
  std::size_t offers = 0;
  std::size_t refused = 0;
  int finished = 0;
  char failure[4096] = {};
  std::size_t lines = 0;
  char line[slots][width] = {};

  void write_line(const std::string& s) {
    std::snprintf(line[lines % slots], width, "%s", s.c_str());
    ++lines;
  }
  std::vector<std::string> last(std::size_t n) const {
    std::vector<std::string> out;
    const std::size_t have = std::min(lines, std::min(n, slots));
    for (std::size_t i = lines - have; i < lines; ++i) out.emplace_back(line[i % slots]);
    return out;
  }
};

using namespace omniroute;

// ---- Random numbers (splitmix64: tiny, seedable, identical everywhere) ----------------------
struct prng {
  std::uint64_t s;
  explicit prng(std::uint64_t seed) : s(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return n == 0 ? 0 : static_cast<std::uint32_t>(next() % n); }
  bool chance(std::uint32_t percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(static_cast<std::uint32_t>(v.size()))]; }
};

enum class op : std::uint8_t {
  add_agent, update_agent, remove_agent, login, logout, ready, not_ready,
  add_queue, update_queue, remove_queue, add_member, update_member, remove_member,
  arrive, abandon, transfer, route_out, accept, reject, complete, end_wrap_up, advance,
  accept_callback, count_
};

inline const char* op_name(op o) {
  static const char* const names[] = {
      "add_agent", "update_agent", "remove_agent", "login", "logout", "ready", "not_ready",
      "add_queue", "update_queue", "remove_queue", "add_member", "update_member", "remove_member",
      "arrive", "abandon", "transfer", "route_out", "accept", "reject", "complete", "end_wrap_up",
      "advance", "accept_callback"};
  return names[static_cast<int>(o)];
}

/// An abstract command: resolved against the model when it runs, so any subsequence of a
/// command list is itself a runnable command list (what shrinking needs).
struct command {
  op kind = op::advance;
  /// Deliberately invalid (stale id, wrong state, bad value, time going backwards).
  bool bad = false;
  /// Let the command fire due timers itself instead of calling advance(now) first.
  bool self_timers = false;
  std::uint32_t dt_ms = 0;
  std::uint64_t pick = 0;  ///< Seeds every choice the command makes.
};

inline std::vector<command> generate(std::uint64_t seed, std::size_t n) {
  prng g(seed);
  std::vector<command> out;
  out.reserve(n);
  // Weights per operation: contact traffic dominates, configuration churn stays frequent
  // enough to reach odd states (removing a member with an offer ringing, a queue changing
  // strategy while a ring is in progress...).
  static const std::uint32_t weights[] = {
      /*add_agent*/ 3, /*update_agent*/ 3, /*remove_agent*/ 2, /*login*/ 6, /*logout*/ 4,
      /*ready*/ 8, /*not_ready*/ 5, /*add_queue*/ 2, /*update_queue*/ 3, /*remove_queue*/ 1,
      /*add_member*/ 5, /*update_member*/ 2, /*remove_member*/ 3, /*arrive*/ 26, /*abandon*/ 5,
      /*transfer*/ 5, /*route_out*/ 2, /*accept*/ 16, /*reject*/ 6, /*complete*/ 12,
      /*end_wrap_up*/ 4, /*advance*/ 10, /*accept_callback*/ 2};
  std::uint32_t total = 0;
  for (std::uint32_t w : weights) total += w;
  for (std::size_t i = 0; i < n; ++i) {
    command c;
    std::uint32_t x = g.below(total);
    int k = 0;
    while (x >= weights[k]) x -= weights[k++];
    c.kind = static_cast<op>(k);
    c.bad = g.chance(7);
    c.self_timers = g.chance(25);
    const std::uint32_t r = g.below(100);
    c.dt_ms = r < 55 ? 0 : r < 85 ? g.below(2000) : r < 97 ? g.below(15000) : g.below(90000);
    if (c.kind == op::advance) c.dt_ms = g.below(r < 50 ? 3000 : 30000);
    c.pick = g.next();
    out.push_back(c);
  }
  return out;
}

// ---- The model --------------------------------------------------------------------------------

struct m_work {
  offer_id id;
  agent_id agent;
  contact_id contact;
  queue_id queue;
  channel_id channel;
  std::uint16_t cost = 0;
  offer_info::phase stage = offer_info::phase::offered;
  offer_policy policy;
  time_point offered_at{};
  time_point deadline = never;
  time_point connected_at{};
  time_point wrap_from{};
};

struct m_agent {
  agent_id id;
  std::string name;
  agent_config cfg;
  capacity_profile prof;
  presence pres = presence::logged_out;
  reason_code reason = reason_codes::none;
  time_point held_until{};  ///< Held back while event time < held_until.
  std::array<std::uint32_t, failure_kind_count> consecutive{};
  agent_state reported = agent_state::logged_out;
  reason_code reported_reason = reason_codes::none;
  std::vector<offer_id> work;
  std::vector<queue_id> queues;
  /// update_agent shrank the profile under held work: used may exceed total until it drains.
  bool over_ok = false;
  m_profile skills;
  // Occupancy since login for best_skill's occupancy guard: (talk of contacts completed or
  // transferred + ended wrap-ups) / time since login.
  time_point login_at{};
  duration talk = duration::zero();
  duration wrap = duration::zero();
  /// Contacts completed since login (fewest_contacts ranks by it).
  std::uint64_t handled = 0;
};

struct m_queue {
  queue_id id;
  queue_config cfg;
  std::vector<std::pair<agent_id, member_options>> members;
  /// The last 100 answered or abandoned outcomes (answered within service_level_time of the
  /// contact's arrival?), oldest first: the service_level_below escalation condition.
  std::deque<bool> recent;
  /// The service level and logged-in eligible agents as of the start of the command: the
  /// live-state conditions of steps fired by timers are judged on these (neither changes
  /// while timers fire; see snapshot_conditions).
  double snap_level = 0;
  bool snap_has_level = false;
  std::uint32_t snap_logged_in = 0;
};

struct m_contact {
  contact_id id;
  contact_state state = contact_state::waiting;
  queue_id queue;
  channel_id channel;
  std::int32_t priority = 0;
  std::vector<offer_id> offers;
  offer_id connection;
  std::size_t slot = 0;  ///< Index in harness::live_contacts_.
  // Skills routing: what it needs now, its tier ceiling, the plan in force in this queue and
  // the last step applied (as the event stream says).
  requirement_id requirement;
  std::uint32_t tier_limit = no_tier_limit;
  plan_id plan;
  std::int32_t last_step = -1;
  time_point enqueued{};
  plan_id plan_override;  ///< contact_spec::escalation.
  /// The next step of the plan the router has not evaluated yet (as far as the model knows).
  std::size_t next_eval = 0;
  /// A route_out / offer_callback step ran: its event must follow in the same command.
  std::int32_t route_out_step = -1;
  std::int32_t callback_step = -1;
  bool callback_offered = false;
  /// Arrival (fixed for life; service level, keep_arrival moves) and place-in-line time.
  time_point arrival{};
  time_point line_time{};
  bool placed = false;  ///< Joined at an explicit position in this queue: its key is not its time.
  /// Affinity: held for this agent until hold_until (or its logout, or a queue change).
  agent_id held_for;
  time_point hold_until{};
};

inline std::string str(agent_id a) { return "A" + std::to_string(a.index()) + "." + std::to_string(a.generation()); }
inline std::string str(queue_id a) { return "Q" + std::to_string(a.index()) + "." + std::to_string(a.generation()); }
inline std::string str(contact_id a) { return "C" + std::to_string(a.index()) + "." + std::to_string(a.generation()); }
inline std::string str(offer_id a) { return "O" + std::to_string(a.index()) + "." + std::to_string(a.generation()); }
inline std::string str(channel_id c) {
  switch (c.value()) {
    case 0: return "voice";
    case 1: return "callback";
    case 2: return "chat";
    case 3: return "email";
    case 4: return "sms";
    default: return "ch" + std::to_string(c.value());
  }
}
inline std::string ms(time_point t) {
  if (t == never) return "never";
  return std::to_string(t.time_since_epoch().count() / 1000000) + "ms";
}
inline std::string ms(duration d) { return std::to_string(d.count() / 1000000) + "ms"; }
inline std::string errname(std::error_code ec) {
  if (!ec) return "ok";
  return std::string(to_string(static_cast<errc>(ec.value())));
}

inline const char* strategy_name(strategy_kind k) {
  switch (k) {
    case strategy_kind::longest_idle: return "longest_idle";
    case strategy_kind::best_skill: return "best_skill";
    case strategy_kind::round_robin: return "round_robin";
    case strategy_kind::linear: return "linear";
    case strategy_kind::top_down: return "top_down";
    case strategy_kind::fewest_contacts: return "fewest_contacts";
    case strategy_kind::least_talk_time: return "least_talk_time";
    case strategy_kind::random: return "random";
    case strategy_kind::weighted_random: return "weighted_random";
    case strategy_kind::ring_all: return "ring_all";
    case strategy_kind::progressive_ring: return "progressive_ring";
  }
  return "?";
}

inline std::string describe(const capacity_profile& p) {
  std::string s = "total=" + std::to_string(p.total) + " {";
  (p.channels & channel_set::from_bits(0x7f)).for_each([&](channel_id c) {
    s += str(c) + ":cost=" + std::to_string(p.cost[c.value()]);
    if (p.max_per_channel[c.value()] != capacity_profile::unlimited) s += ",max=" + std::to_string(p.max_per_channel[c.value()]);
    if (!p.blocks[c.value()].empty()) s += ",blocks=" + std::to_string(p.blocks[c.value()].bits() & 0x7f);
    s += " ";
  });
  return s + "}";
}

inline std::string describe(const failure_policy& f) {
  return "{hold=" + ms(f.hold_back) + ",thr=" + std::to_string(f.threshold) + "}";
}

inline std::string describe(const queue_config& c) {
  std::string s = "name=" + c.name + " ch=" + std::to_string(c.channels.bits() & 0x7f) +
                  (c.ordering == queue_ordering::fifo ? " fifo" : c.ordering == queue_ordering::priority ? " priority" : " aged/" + ms(c.priority_step)) + " " +
                  strategy_name(c.strategy.kind);
  if (!c.strategy.tiers_first) s += " no-tiers";
  if (c.strategy.kind == strategy_kind::progressive_ring) s += " ring=" + ms(c.strategy.ring_interval);
  if (c.max_length != queue_config::unlimited) s += " max_len=" + std::to_string(c.max_length);
  if (c.max_wait > duration::zero()) s += " max_wait=" + ms(c.max_wait);
  if (c.overflow) s += " overflow=" + str(c.overflow);
  if (c.join != join_policy::always) s += " join=" + std::to_string(static_cast<int>(c.join));
  if (c.leave != leave_policy::stay) s += " leave=" + std::to_string(static_cast<int>(c.leave));
  if (c.wrap_up > duration::zero()) s += " wrap=" + ms(c.wrap_up);
  s += " timeout=" + ms(c.offers.timeout) + " na=" + describe(c.offers.no_answer) +
       " rej=" + describe(c.offers.rejected) + " busy=" + describe(c.offers.busy) +
       " unr=" + describe(c.offers.unreachable);
  if (c.weight) s += " weight=" + std::to_string(c.weight);
  if (c.strategy.kind == strategy_kind::best_skill) s += c.strategy.scoring == score_mode::sum ? " sum" : " weighted";
  if (c.strategy.kind == strategy_kind::best_skill && c.strategy.occupancy_cap > 0) s += " occupancy_cap=" + std::to_string(c.strategy.occupancy_cap);
  if (c.eligibility) s += " eligibility=R" + std::to_string(c.eligibility.index()) + " dyn_tier=" + std::to_string(c.dynamic_tier);
  if (c.initial_tier_limit != no_tier_limit) s += " tier_limit=" + std::to_string(c.initial_tier_limit);
  if (c.escalation) s += " plan=P" + std::to_string(c.escalation.index());
  return s;
}

inline std::string describe_skills(const agent_config& c) {
  std::string s;
  for (const auto& [name, level] : c.skills) s += " " + name + "=" + std::to_string(level);
  for (const auto& [name, value] : c.attributes) s += " " + name + "=" + value;
  return s;
}

/// Runs one command list against a fresh router and checks everything after every command.
/// `failure()` is empty while all holds.
class harness final : public event_observer {
 public:
  struct options {
    bool explain = false;
    std::size_t trace_keep = 40;
    /// Record every resolved command (for printing a shrunk trace).
    bool full_trace = false;
    /// Mirror progress and trace here (crash-proof reporting).
    shared_log* log = nullptr;
  };

  explicit harness(std::uint64_t seed, options opt) : opt_(opt), router_(make_options(seed, opt)) {
    router_.set_observer(this);
    seeding_ = true;
    setup_skills();
    seeding_ = false;
    router_.set_error_handler([this](std::string_view where, std::string_view what) {
      fail("host error handler called: " + std::string(where) + ": " + std::string(what));
    });
  }

  const std::string& failure() const { return failure_; }
  const std::deque<std::string>& recent() const { return recent_; }
  const std::vector<std::string>& full() const { return full_; }
  std::size_t executed() const { return executed_; }
  std::size_t offers_seen() const { return offers_seen_; }
  std::size_t bad_commands() const { return bad_run_; }

  /// Runs the commands until the first failure; returns the index of the failing command
  /// (or commands.size()).
  std::size_t run(const std::vector<command>& commands) {
    for (std::size_t i = 0; i < commands.size(); ++i) {
      if (opt_.log) opt_.log->at = i;
      step(commands[i]);
      ++executed_;
      if (opt_.log) {
        opt_.log->executed = executed_;
        opt_.log->offers = offers_seen_;
        opt_.log->refused = bad_run_;
      }
      if (!failure_.empty()) {
        if (opt_.log) std::snprintf(opt_.log->failure, sizeof opt_.log->failure, "%s", failure_.c_str());
        return i;
      }
    }
    return commands.size();
  }

 private:
  static router_options make_options(std::uint64_t seed, const options& o) {
    router_options r;
    r.seed = seed;
    r.explain = o.explain;
    r.expected_agents = 64;
    r.expected_contacts = 256;
    return r;
  }

  // ---- Skills routing: registry, requirement catalogue, plans --------------------------------
  /// Registers the skills and attributes, interns every catalogue requirement (with and
  /// without its preferred skills) and the plans that name no queue. Runs before the observer
  /// is set: the model starts from an empty router whatever this emitted.
  void setup_skills() {
    for (std::size_t k = 0; k < model_skills; ++k) (void)router_.add_skill("s" + std::to_string(k));
    (void)router_.add_attribute("trainee", attribute_kind::boolean);
    (void)router_.add_attribute("site", attribute_kind::enumeration);
    // Site values become known to the registry when an agent holds them; a requirement parsed
    // before that would keep them as never-matching text. Two throw-away agents intern them.
    for (const char* site : model_sites) {
      agent_config c;
      c.name = std::string("seed-") + site;
      c.attributes = {{"site", site}};
      if (auto a = router_.add_agent(router_.now(), c)) (void)router_.remove_agent(router_.now(), *a);
    }
    catalogue_ = requirement_catalogue();
    const std::size_t base = catalogue_.size();
    for (std::size_t i = 0; i < base; ++i) {
      if (!catalogue_[i].preferred.empty()) {
        m_requirement plain = catalogue_[i];
        plain.text = plain.plain_text;
        plain.preferred.clear();
        catalogue_.push_back(plain);
      }
    }
    for (m_requirement& r : catalogue_) {
      parse_diagnostic why;
      auto id = router_.add_requirement(r.text, &why);
      if (!id) { fail("catalogue requirement '" + r.text + "' refused: " + errname(id.error()) + " " + why.message); continue; }
      req_ids_.push_back(*id);
      req_index_.emplace(id->value(), req_ids_.size() - 1);
    }
    for (m_requirement& r : catalogue_) {
      auto id = router_.add_requirement(r.plain_text);
      plain_ids_.push_back(id ? *id : requirement_id{});
    }
    // Plans without queues: relax, widen, raise priority, drop preferred skills, conditional.
    auto step = [](std::int64_t after_ms, step_action a) {
      escalation_step st;
      st.after = std::chrono::milliseconds(after_ms);
      st.action = a;
      return st;
    };
    auto relax = [&](std::int64_t after_ms, std::size_t to) {
      escalation_step st = step(after_ms, step_action::set_requirement);
      st.requirement = to < req_ids_.size() ? req_ids_[to] : requirement_id{};
      return st;
    };
    auto widen = [&](std::int64_t after_ms, std::uint32_t tier) {
      escalation_step st = step(after_ms, step_action::widen_tiers);
      st.max_tier = tier;
      return st;
    };
    auto raise = [&](std::int64_t after_ms, std::int32_t delta) {
      escalation_step st = step(after_ms, step_action::raise_priority);
      st.priority_delta = delta;
      return st;
    };
    std::vector<escalation_plan> plans(5);
    plans[0].steps = {widen(2000, 1), relax(5000, 11), widen(9000, 2)};
    plans[1].steps = {raise(1500, 1), raise(4000, 2), relax(8000, catalogue_.size())};  // relax to none
    plans[2].steps = {step(1000, step_action::drop_preferred), relax(3000, 2), relax(6000, 9)};
    {
      escalation_step cond = relax(0, 11);
      cond.condition = step_condition::no_eligible_logged_in;
      escalation_step late = widen(4000, no_tier_limit);
      late.condition = step_condition::no_eligible_logged_in;
      plans[3].steps = {cond, raise(3000, 1), late};
    }
    plans[4].steps = {widen(0, 0), widen(3000, 1), raise(3000, -1), widen(7000, 5)};
    // Leaving the queue (route_out, offer_callback) and live-state conditions. No step here
    // can fall through, so each runs at its own due time (what the skipped-step check needs).
    auto when = [](escalation_step st, step_condition c, double level = 0, duration wait = duration::zero()) {
      st.condition = c;
      st.service_level_below = level;
      st.wait_above = wait;
      return st;
    };
    auto out = [&](std::int64_t after_ms, const char* where) {
      escalation_step st = step(after_ms, step_action::route_out);
      st.destination = where;
      return st;
    };
    const duration unreachable_wait = std::chrono::seconds(1000000000);
    plans.resize(7);
    plans[5].steps = {step(1000, step_action::offer_callback),
                      when(raise(2000, 1), step_condition::expected_wait_above),
                      when(raise(2000, 2), step_condition::service_level_below, 0.7),
                      when(out(5000, "voicemail"), step_condition::expected_wait_above, 0, unreachable_wait),
                      when(out(9000, "mobile"), step_condition::service_level_below, 0.95),
                      step(12000, step_action::offer_callback)};
    plans[6].steps = {when(step(500, step_action::drop_preferred), step_condition::service_level_below, 0.5),
                      when(raise(3000, 1), step_condition::expected_wait_above, 0, unreachable_wait),
                      when(step(4000, step_action::offer_callback), step_condition::service_level_below, 0.8),
                      out(6000, "site-b")};
    for (const escalation_plan& p : plans) add_plan(p);
  }
  void add_plan(const escalation_plan& p) {
    auto id = router_.add_escalation_plan(p);
    if (!id) return fail("escalation plan refused: " + errname(id.error()));
    plans_.push_back({*id, p});
  }
  const m_plan* plan(plan_id id) const {
    for (const m_plan& p : plans_) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  const m_requirement* requirement_of(requirement_id id) const {
    auto it = req_index_.find(id.value());
    return it == req_index_.end() ? nullptr : &catalogue_[it->second];
  }
  bool matches(requirement_id id, const m_profile& p) {
    if (!id) return true;
    const m_requirement* r = requirement_of(id);
    if (!r) { fail("a requirement id the model never interned: " + std::to_string(id.value())); return false; }
    return r->matches(p);
  }
  requirement_id without_preferred(requirement_id id) const {
    auto it = req_index_.find(id.value());
    return it == req_index_.end() ? id : plain_ids_[it->second];
  }
  m_profile profile_of(const agent_config& c) const {
    m_profile p;
    for (const auto& [name, level] : c.skills) {
      if (name.size() == 2 && name[0] == 's' && name[1] >= '0' && name[1] < '0' + static_cast<char>(model_skills)) p.level[static_cast<std::size_t>(name[1] - '0')] = level;
    }
    for (const auto& [name, value] : c.attributes) {
      if (name == "trainee") p.trainee = value == "true";
      if (name == "site") p.site = value;
    }
    return p;
  }
  /// The agent's tier in the queue: its roster tier, else the dynamic tier when it matches the
  /// queue's eligibility requirement; nothing when it is not eligible at all.
  std::optional<std::uint32_t> tier_in(const m_queue& q, const m_agent& a) {
    if (const member_options* m = membership(q, a.id)) return m->tier;
    if (q.cfg.eligibility && matches(q.cfg.eligibility, a.skills)) return q.cfg.dynamic_tier;
    return std::nullopt;
  }
  /// May the agent be offered the contact (eligibility, tier ceiling, current requirement)?
  bool serves(const m_queue& q, const m_agent& a, const m_contact& c) {
    // Affinity: while held, the preferred agent is the only candidate, qualified or not.
    if (c.held_for) return a.id == c.held_for;
    const auto tier = tier_in(q, a);
    return tier && *tier <= c.tier_limit && matches(c.requirement, a.skills);
  }
  /// The best-skill score the queue ranks this agent by for the contact.
  std::int64_t score_for(const m_queue& q, const m_agent& a, const m_contact& c) {
    const m_requirement* r = requirement_of(c.requirement ? c.requirement : q.cfg.eligibility);
    return r ? r->score(a.skills, q.cfg.strategy.scoring) : 0;
  }
  /// Can the agent take work on `ch` at event time, by the model's own state?
  bool has_room(const m_agent& a, channel_id ch, time_point at) const {
    const std::uint8_t c = ch.value();
    if (a.pres != presence::ready || a.held_until > at || !a.prof.channels.contains(ch)) return false;
    std::uint32_t used = 0, same = 0;
    channel_set blocked;
    for (offer_id o : a.work) {
      const m_work& w = works_.at(o.value());
      used += w.cost;
      same += w.channel == ch;
      blocked = blocked | a.prof.blocks[w.channel.value()];
    }
    return used + a.prof.cost[c] <= a.prof.total && same < a.prof.max_per_channel[c] && !blocked.contains(ch);
  }

  // ---- failure reporting ------------------------------------------------------------------
  void fail(const std::string& what) {
    if (failure_.empty()) failure_ = what;
  }
  template <class A, class B>
  void expect_eq(const A& a, const B& b, const std::string& what) {
    if (!(a == b)) fail(what);
  }

  // ---- lookups ------------------------------------------------------------------------------
  m_agent* agent(agent_id id) {
    auto it = agents_.find(id.value());
    return it == agents_.end() ? nullptr : &it->second;
  }
  m_queue* queue(queue_id id) {
    auto it = queues_.find(id.value());
    return it == queues_.end() ? nullptr : &it->second;
  }
  m_contact* contact(contact_id id) {
    auto it = contacts_.find(id.value());
    return it == contacts_.end() ? nullptr : &it->second;
  }
  m_work* work(offer_id id) {
    auto it = works_.find(id.value());
    return it == works_.end() ? nullptr : &it->second;
  }
  static const member_options* membership(const m_queue& q, agent_id a) {
    for (const auto& m : q.members) {
      if (m.first == a) return &m.second;
    }
    return nullptr;
  }
  std::uint32_t queue_length(queue_id q) const {
    std::uint32_t n = 0;
    for (contact_id id : live_contacts_) {
      const m_contact& c = contacts_.at(id.value());
      if (c.queue == q && (c.state == contact_state::waiting || c.state == contact_state::offered)) ++n;
    }
    return n;
  }
  /// Join and leave policies count every eligible agent: the roster and dynamic members.
  std::uint32_t logged_in_members(const m_queue& q) {
    std::uint32_t n = 0;
    for (auto& [k, a] : agents_) n += a.pres != presence::logged_out && tier_in(q, a);
    return n;
  }
  std::uint32_t ready_members(const m_queue& q) {
    std::uint32_t n = 0;
    for (auto& [k, a] : agents_) n += a.pres == presence::ready && tier_in(q, a);
    return n;
  }
  static bool parallel(strategy_kind k) {
    return k == strategy_kind::ring_all || k == strategy_kind::progressive_ring;
  }

  void add_live(const m_contact& proto) {
    m_contact c = proto;
    c.slot = live_contacts_.size();
    live_contacts_.push_back(c.id);
    contacts_.emplace(c.id.value(), c);
  }
  void end_contact(m_contact& c) {
    const std::size_t slot = c.slot;
    const contact_id last = live_contacts_.back();
    live_contacts_[slot] = last;
    contacts_.at(last.value()).slot = slot;
    live_contacts_.pop_back();
    terminal_this_command_.push_back(c.id);
    dead_contacts_.push_back(c.id);
    if (dead_contacts_.size() > 64) dead_contacts_.erase(dead_contacts_.begin());
    contacts_.erase(c.id.value());
  }
  void drop_work(m_work& w) {
    if (m_agent* a = agent(w.agent)) {
      a->work.erase(std::find(a->work.begin(), a->work.end(), w.id));
    }
    dead_offers_.push_back(w.id);
    if (dead_offers_.size() > 64) dead_offers_.erase(dead_offers_.begin());
    works_.erase(w.id.value());
  }

  // ---- The event stream replayed into the model -----------------------------------------------
  void on_event(const event& e) override {
    if (seeding_) { last_sequence_ = e.sequence; return; }
    ++events_this_command_;
    if (e.kind == event_kind::contact_refused) ++refusals_this_command_;
    const std::string where = std::string(" [event #") + std::to_string(e.sequence) + " " +
                              to_string(e.kind) + "]";
    if (e.sequence != last_sequence_ + 1) {
      fail("event sequence gap: got " + std::to_string(e.sequence) + " after " + std::to_string(last_sequence_));
    }
    last_sequence_ = e.sequence;
    if (e.at < last_event_at_) {
      fail("event time went backwards: " + ms(e.at) + " after " + ms(last_event_at_) + where);
    }
    if (e.at > command_now_) fail("event later than the command's now: " + ms(e.at) + where);
    last_event_at_ = std::max(last_event_at_, e.at);
    if (m_contact* c = e.contact ? contact(e.contact) : nullptr; c && c->held_for && e.at > c->hold_until) c->held_for = {};
    switch (e.kind) {
      case event_kind::contact_queued: on_queued(e, where); break;
      case event_kind::contact_refused: break;
      case event_kind::contact_offered: on_offered(e, where); break;
      case event_kind::offer_ended: on_offer_ended(e, where); break;
      case event_kind::contact_connected: {
        m_contact* c = contact(e.contact);
        m_work* w = work(e.offer);
        if (!c || !w) return fail("connected: unknown contact or offer" + where);
        if (w->stage != offer_info::phase::connected) fail("connected: offer not accepted" + where);
        if (!c->offers.empty()) fail("connected while other offers of the contact still pend" + where);
        c->state = contact_state::connected;
        c->connection = e.offer;
        w->connected_at = e.at;
        record_outcome(c->queue, e.at - c->arrival <= std::chrono::seconds(20));
        break;
      }
      case event_kind::contact_completed: {
        m_contact* c = contact(e.contact);
        if (!c) return fail("completed: contact not live in the model" + where);
        if (c->state != contact_state::connected || c->connection != e.offer) fail("completed: contact not connected by that offer" + where);
        if (const m_work* w = work(e.offer)) {
          if (m_agent* a = agent(w->agent)) ++a->handled;
        }
        end_connection(e.offer, e.at, where);
        end_contact(*c);
        break;
      }
      case event_kind::contact_abandoned:
      case event_kind::contact_expired:
      case event_kind::contact_routed_out: {
        m_contact* c = contact(e.contact);
        if (!c) return fail("terminal event for a contact that is not live (duplicate terminal?)" + where);
        if (c->state != contact_state::waiting && c->state != contact_state::offered) fail("left the router while not queued" + where);
        if (!c->offers.empty()) fail("contact left with offers still pending" + where);
        if (e.queue != c->queue) fail("terminal event names the wrong queue" + where);
        if (e.kind == event_kind::contact_abandoned) record_outcome(c->queue, false);
        if (e.kind == event_kind::contact_routed_out) {
          // An escalation route_out names its step and destination; a host route_out neither.
          if (c->route_out_step < 0) {
            if (e.exit == exit_reason::escalation) fail("routed out by escalation without a route_out step" + where);
          } else {
            const m_plan* p = plan(c->plan);
            const std::string want = p ? p->plan.steps[static_cast<std::size_t>(c->route_out_step)].destination : "";
            if (e.exit != exit_reason::escalation || e.step != c->route_out_step) fail("route_out step " + std::to_string(c->route_out_step) + " but routed_out names step " + std::to_string(e.step) + where);
            if (!e.destination || want != e.destination) fail("routed_out destination '" + std::string(e.destination ? e.destination : "<null>") + "', the step says '" + want + "'" + where);
          }
        } else if (c->route_out_step >= 0) {
          fail("a route_out step ran but the contact ended otherwise" + where);
        }
        end_contact(*c);
        break;
      }
      case event_kind::contact_transferred: {
        m_contact* c = contact(e.contact);
        if (!c) return fail("transferred: unknown contact" + where);
        if (e.other_queue != c->queue) fail("transferred: other_queue is not the contact's queue" + where);
        if (c->route_out_step >= 0) fail("a route_out step ran but the contact was transferred" + where);
        if (c->state == contact_state::connected) {
          if (c->connection) end_connection(c->connection, e.at, where);
          c->connection = {};
        } else if (!c->offers.empty()) {
          fail("transferred with offers pending" + where);
        }
        c->state = contact_state::waiting;
        c->queue = e.queue;
        // Place-in-line time: the arrival, unless the host transferred without keep_arrival.
        c->line_time = e.exit == exit_reason::host_transfer && !transfer_keep_arrival_ ? e.at : c->arrival;
        c->held_for = {};  // affinity holds only in the queue it was asked for
        expect_transfer_ = e.contact;
        break;
      }
      case event_kind::agent_state_changed: {
        m_agent* a = agent(e.agent);
        if (!a) return fail("state change of an unknown agent" + where);
        if (e.previous != a->reported) fail(std::string("agent_state_changed.previous is ") + to_string(e.previous) + ", last reported " + to_string(a->reported) + where);
        if (e.state == e.previous && e.reason == a->reported_reason) fail("agent_state_changed without a change" + where);
        a->reported = e.state;
        a->reported_reason = e.reason;
        break;
      }
      case event_kind::wrap_up_started: {
        if (m_work* live = work(e.offer)) {
          // A transfer of a connected contact: the wrap-up starts before contact_transferred.
          if (live->stage != offer_info::phase::connected) return fail("wrap-up of work not connected" + where);
          if (m_contact* c = contact(live->contact)) {
            if (c->connection != live->id) fail("wrap-up of a connection the contact does not have" + where);
            c->connection = {};
          }
          if (m_agent* a = agent(live->agent)) a->talk += e.at - live->connected_at;  // the connection ends here
          live->stage = offer_info::phase::wrap_up;
          live->contact = {};
          live->wrap_from = e.at;
          break;
        }
        auto it = ended_connections_.find(e.offer.value());
        if (it == ended_connections_.end()) return fail("wrap-up of an offer that did not just end its connection" + where);
        m_work w = it->second;
        ended_connections_.erase(it);
        if (w.agent != e.agent) fail("wrap-up names another agent" + where);
        w.stage = offer_info::phase::wrap_up;
        w.contact = {};
        w.wrap_from = e.at;
        dead_offers_.erase(std::remove(dead_offers_.begin(), dead_offers_.end(), w.id), dead_offers_.end());
        works_.emplace(w.id.value(), w);
        agent(w.agent)->work.push_back(w.id);
        break;
      }
      case event_kind::wrap_up_ended: {
        m_work* w = work(e.offer);
        if (!w || w->stage != offer_info::phase::wrap_up) return fail("wrap-up end without a wrap-up" + where);
        if (m_agent* a = agent(w->agent)) a->wrap += e.at - w->wrap_from;
        drop_work(*w);
        break;
      }
      case event_kind::agent_added: added_agent_ = e.agent; break;
      case event_kind::agent_removed: {
        m_agent* a = agent(e.agent);
        if (!a) return fail("removed an unknown agent" + where);
        if (a->pres != presence::logged_out || !a->work.empty() || !a->queues.empty()) fail("agent removed while logged in, working or still a member" + where);
        agents_.erase(e.agent.value());
        agent_order_.erase(std::find(agent_order_.begin(), agent_order_.end(), e.agent));
        dead_agents_.push_back(e.agent);
        if (dead_agents_.size() > 16) dead_agents_.erase(dead_agents_.begin());
        break;
      }
      case event_kind::queue_added: added_queue_ = e.queue; break;
      case event_kind::queue_updated: break;
      case event_kind::queue_removed: {
        m_queue* q = queue(e.queue);
        if (!q) return fail("removed an unknown queue" + where);
        if (queue_length(e.queue) != 0) fail("queue removed with contacts in it" + where);
        for (const auto& m : q->members) fail("member " + str(m.first) + " left without member_removed" + where);
        queues_.erase(e.queue.value());
        queue_order_.erase(std::find(queue_order_.begin(), queue_order_.end(), e.queue));
        for (auto& [k, other] : queues_) {
          if (other.cfg.overflow == e.queue) other.cfg.overflow = {};
        }
        dead_queues_.push_back(e.queue);
        if (dead_queues_.size() > 16) dead_queues_.erase(dead_queues_.begin());
        break;
      }
      case event_kind::member_added: {
        m_queue* q = queue(e.queue);
        if (!q || !membership(*q, e.agent)) fail("member_added not announced by the command" + where);
        break;
      }
      case event_kind::member_removed: {
        m_queue* q = queue(e.queue);
        m_agent* a = agent(e.agent);
        if (!q || !a || !membership(*q, e.agent)) return fail("member_removed of a non-member" + where);
        for (offer_id o : a->work) {
          const m_work& w = works_.at(o.value());
          if (w.stage == offer_info::phase::offered && w.queue == e.queue) fail("member removed with an offer of the queue still pending" + where);
        }
        q->members.erase(std::remove_if(q->members.begin(), q->members.end(), [&](const auto& m) { return m.first == e.agent; }), q->members.end());
        a->queues.erase(std::remove(a->queues.begin(), a->queues.end(), e.queue), a->queues.end());
        break;
      }
      case event_kind::escalation_step: on_step(e, where); break;
      case event_kind::callback_offered: {
        m_contact* c = contact(e.contact);
        if (!c) return fail("callback offered for a contact not live" + where);
        if (c->callback_step < 0 || e.step != c->callback_step) fail("callback_offered (step " + std::to_string(e.step) + ") without its offer_callback step right before" + where);
        if (e.queue != c->queue) fail("callback_offered names another queue" + where);
        c->callback_step = -1;
        c->callback_offered = true;
        break;
      }
      case event_kind::callback_accepted: {
        m_contact* c = contact(e.contact);
        if (!c || expect_callback_ != e.contact) return fail("callback_accepted not asked for by accept_callback" + where);
        if (!c->offers.empty()) fail("callback accepted with offers still pending" + where);
        expect_callback_ = {};
        c->channel = channels::callback;
        break;
      }
    }
  }

  void on_queued(const event& e, const std::string& where) {
    m_queue* q = queue(e.queue);
    if (!q) return fail("queued into an unknown queue" + where);
    if (!q->cfg.channels.contains(e.channel)) fail("queued into a queue that does not take the channel" + where);
    if (m_contact* c = contact(e.contact)) {
      if (expect_transfer_ != e.contact) fail("contact_queued for a live contact without a transfer before it" + where);
      expect_transfer_ = {};
      if (c->queue != e.queue || c->state != contact_state::waiting) fail("queued: transfer target differs" + where);
      c->priority = e.priority;
      c->placed = false;
      enter_queue(*c, *q, e.at, c->plan_override);
      return;
    }
    for (contact_id d : dead_contacts_) {
      if (d == e.contact) return fail("contact queued again after its terminal event" + where);
    }
    m_contact c;
    c.id = e.contact;
    c.queue = e.queue;
    c.channel = e.channel;
    c.priority = e.priority;
    c.state = contact_state::waiting;
    c.requirement = arriving_requirement_;
    c.plan_override = arriving_plan_;
    c.arrival = arriving_arrival_;
    c.line_time = arriving_arrival_;
    c.placed = arriving_placed_;
    enter_queue(c, *q, e.at, arriving_plan_);
    // Affinity: held only when the preferred agent is logged in at arrival and the wait > 0.
    if (const m_agent* pa = agent(arriving_preferred_); pa && pa->pres != presence::logged_out && arriving_preferred_wait_ > duration::zero()) {
      c.held_for = pa->id;
      c.hold_until = e.at + arriving_preferred_wait_;
    }
    add_live(c);
    new_contacts_.push_back(e.contact);
  }

  /// Each queue a contact enters restarts its tier ceiling and its plan (the contact's own
  /// plan, else the queue's); the requirement stays as escalation left it.
  void enter_queue(m_contact& c, const m_queue& q, time_point at, plan_id own) {
    c.enqueued = at;
    c.tier_limit = q.cfg.initial_tier_limit;
    c.plan = own ? own : q.cfg.escalation;
    c.last_step = -1;
    c.next_eval = 0;
  }

  /// The live-state conditions the model can decide exactly (nullopt: it cannot):
  ///  - always: true;
  ///  - service_level_below: exact (the model keeps the queue's last 100 outcomes);
  ///  - expected_wait_above: the router's estimate is waiting x handle-time average / logged-in
  ///    eligible agents, whose handle average the model does not replay. Two thresholds are
  ///    still exact: 0 (always true: the contact itself waits and the handle time is positive)
  ///    and >= 10^9 s (true exactly when no eligible agent is logged in: the estimate is then
  ///    infinite, and otherwise far below that bound);
  ///  - no_eligible_logged_in: depends on the contact's group at the instant the step runs,
  ///    checked in on_step when it applies, not predicted when skipped.
  std::optional<bool> condition_holds(const m_queue& q, const escalation_step& st) const {
    switch (st.condition) {
      case step_condition::always: return true;
      case step_condition::service_level_below: return q.snap_has_level && q.snap_level < st.service_level_below;
      case step_condition::expected_wait_above:
        if (st.wait_above == duration::zero()) return true;
        if (st.wait_above >= std::chrono::seconds(1000000000)) return q.snap_logged_in == 0;
        return std::nullopt;
      case step_condition::no_eligible_logged_in: return std::nullopt;
    }
    return std::nullopt;
  }
  /// Steps run only on timers (or at once after a step that fell through), and neither the
  /// service level (answers and abandons) nor who is logged in (commands) changes while timers
  /// fire, so steps due during a command are judged against the state at its start.
  void snapshot_conditions() {
    for (auto& [k, q] : queues_) {
      std::size_t within = 0;
      for (bool b : q.recent) within += b;
      q.snap_has_level = !q.recent.empty();
      q.snap_level = q.recent.empty() ? 0.0 : static_cast<double>(within) / static_cast<double>(q.recent.size());
      q.snap_logged_in = logged_in_members(q);
    }
  }
  void record_outcome(queue_id id, bool within) {
    m_queue* q = queue(id);
    if (!q) return;
    q->recent.push_back(within);
    if (q->recent.size() > 100) q->recent.pop_front();
  }
  /// A step the router evaluated and skipped: its condition must have been false.
  void check_skipped(const m_contact& c, const m_queue& q, std::size_t index, const std::string& where) {
    const m_plan* p = plan(c.plan);
    const escalation_step& st = p->plan.steps[index];
    if (condition_holds(q, st).value_or(false)) {
      fail("escalation step " + std::to_string(index) + " skipped though its condition held (" + condition_text(st, q) + ")" + where);
    }
  }
  static std::string condition_text(const escalation_step& st, const m_queue& q) {
    switch (st.condition) {
      case step_condition::always: return "always";
      case step_condition::no_eligible_logged_in: return "no_eligible_logged_in";
      case step_condition::expected_wait_above: return "expected_wait_above " + ms(st.wait_above) + ", logged in " + std::to_string(q.snap_logged_in);
      case step_condition::service_level_below: return "service_level_below " + std::to_string(st.service_level_below) + ", level " + (q.snap_has_level ? std::to_string(q.snap_level) : "none");
    }
    return "?";
  }

  /// An escalation step ran: it must be the contact's plan's next applicable step, due (or
  /// falling through), its condition must hold, and its effect is applied to the model.
  void on_step(const event& e, const std::string& where) {
    m_contact* c = contact(e.contact);
    if (!c) return fail("escalation step of a contact not live" + where);
    if (c->state != contact_state::waiting && c->state != contact_state::offered) fail("escalation step of a contact not in a queue" + where);
    if (e.queue != c->queue) fail("escalation step names another queue" + where);
    const m_plan* p = plan(c->plan);
    if (!p) return fail("escalation step of a contact without a plan" + where);
    if (e.step <= c->last_step || e.step >= static_cast<std::int32_t>(p->plan.steps.size())) {
      return fail("escalation step " + std::to_string(e.step) + " after step " + std::to_string(c->last_step) + " of a plan of " + std::to_string(p->plan.steps.size()) + where);
    }
    const escalation_step& st = p->plan.steps[static_cast<std::size_t>(e.step)];
    if (e.at < c->enqueued + p->plan.steps.front().after) fail("escalation step before the plan's first step is due" + where);
    if (const m_queue* q = queue(c->queue)) {
      for (std::size_t k = c->next_eval; k < static_cast<std::size_t>(e.step); ++k) check_skipped(*c, *q, k, where);
      if (!condition_holds(*q, st).value_or(true)) fail("escalation step " + std::to_string(e.step) + " ran though its condition was false (" + condition_text(st, *q) + ")" + where);
    }
    c->next_eval = static_cast<std::size_t>(e.step) + 1;
    if (c->held_for && e.at == c->hold_until) {
      // The affinity timer at this very instant may fire before or after the step.
    } else if (st.condition == step_condition::no_eligible_logged_in) {
      m_queue* q = queue(c->queue);
      for (auto& [k, a] : agents_) {
        if (q && a.pres != presence::logged_out && serves(*q, a, *c)) {
          fail("no_eligible_logged_in step ran while " + str(a.id) + " is eligible and logged in" + where);
        }
      }
    }
    c->last_step = e.step;
    switch (st.action) {
      case step_action::set_requirement: c->requirement = st.requirement; break;
      case step_action::drop_preferred: c->requirement = without_preferred(c->requirement); break;
      case step_action::widen_tiers: c->tier_limit = st.max_tier; break;
      case step_action::raise_priority: c->priority += st.priority_delta; break;
      case step_action::route_out: c->route_out_step = e.step; break;
      case step_action::offer_callback: c->callback_step = e.step; break;
      default: break;  // move_to_queue: contact_transferred follows
    }
  }

  void on_offered(const event& e, const std::string& where) {
    ++offers_seen_;
    m_contact* c = contact(e.contact);
    m_agent* a = agent(e.agent);
    m_queue* q = queue(e.queue);
    if (!c || !a || !q) return fail("offer names an unknown contact, agent or queue" + where);
    if (work(e.offer)) return fail("offer id reused while live" + where);
    if (c->state != contact_state::waiting && c->state != contact_state::offered) fail("offered a contact that is not in a queue" + where);
    if (c->queue != e.queue) fail("offer names a queue that is not the contact's" + where);
    const std::string who = " (agent " + str(e.agent) + " contact " + str(e.contact) + " " + str(e.channel) + ")";
    // Affinity: held contacts go to the preferred agent only (at the hold's deadline the
    // timer may fire before or after this decision); that agent need not qualify otherwise.
    const bool to_preferred = c->held_for && c->held_for == e.agent && e.at <= c->hold_until;
    if (c->held_for && e.at < c->hold_until && !to_preferred) fail("offer to " + str(e.agent) + " while the contact is held for " + str(c->held_for) + " until " + ms(c->hold_until) + who + where);
    const auto tier = tier_in(*q, *a);
    if (to_preferred) {
    } else if (!tier) fail("offer to an agent who is neither on the queue's roster nor matches its eligibility" + who + where);
    else if (*tier > c->tier_limit) fail("offer to a tier-" + std::to_string(*tier) + " agent beyond the contact's tier ceiling " + std::to_string(c->tier_limit) + who + where);
    if (!to_preferred && !matches(c->requirement, a->skills)) fail("offer to an agent who does not meet the contact's requirement" + who + where);
    if (e.why) {
      // The explanation names the requirement and step in force, and for a contact-side
      // best_skill decision the model checks the ranking (an agent-side decision is the freed
      // agent taking its best contact; agents freed in the same command go in turn).
      if (e.why->requirement != c->requirement) fail("explanation names requirement " + std::to_string(e.why->requirement.value()) + ", the contact needs " + std::to_string(c->requirement.value()) + who + where);
      if (e.why->step != c->last_step) fail("explanation names step " + std::to_string(e.why->step) + ", the model " + std::to_string(c->last_step) + who + where);
      if (e.why->side == decision_side::contact_side && q->cfg.strategy.kind == strategy_kind::best_skill && !c->held_for) {
        if (e.why->rule != strategy_kind::best_skill) fail(std::string("explanation names rule ") + strategy_name(e.why->rule) + " in a best_skill queue" + who + where);
        const bool was_ok = failure_.empty();
        check_best_skill(*q, *a, *c, e.at, who + where);
        if (was_ok && !failure_.empty()) record("  explanation: " + to_string(*e.why));
      }
      const strategy_kind kind = q->cfg.strategy.kind;
      if (e.why->side == decision_side::contact_side && !c->held_for &&
          (kind == strategy_kind::fewest_contacts || kind == strategy_kind::least_talk_time)) {
        check_fewest(*q, *a, *c, e.at, who + where);
      }
    }
    if (a->pres != presence::ready) fail(std::string("offer to an agent whose presence is not ready (") + (a->pres == presence::logged_out ? "logged out" : "not ready") + ")" + who + where);
    if (a->held_until > e.at) fail("offer to an agent held back until " + ms(a->held_until) + who + where);
    if (!c->offers.empty()) {
      if (!parallel(q->cfg.strategy.kind)) fail(std::string("contact offered to a second agent at once in a ") + strategy_name(q->cfg.strategy.kind) + " queue" + who + where);
      for (offer_id o : c->offers) {
        if (works_.at(o.value()).agent == e.agent) fail("contact offered twice to the same agent" + who + where);
      }
    }
    // Capacity before this offer.
    const std::uint8_t ch = e.channel.value();
    std::uint32_t used = 0, same = 0;
    channel_set blocked;
    for (offer_id o : a->work) {
      const m_work& w = works_.at(o.value());
      used += w.cost;
      same += w.channel == e.channel;
      blocked = blocked | a->prof.blocks[w.channel.value()];
    }
    if (!a->prof.channels.contains(e.channel)) fail("offer on a channel the agent does not serve" + who + where);
    if (used + a->prof.cost[ch] > a->prof.total) fail("offer beyond capacity: used " + std::to_string(used) + " + cost " + std::to_string(a->prof.cost[ch]) + " > total " + std::to_string(a->prof.total) + who + where);
    if (same >= a->prof.max_per_channel[ch]) fail("offer beyond the per-channel maximum" + who + where);
    if (blocked.contains(e.channel)) fail("offer on a channel blocked by held work" + who + where);
    m_work w;
    w.id = e.offer;
    w.agent = e.agent;
    w.contact = e.contact;
    w.queue = e.queue;
    w.channel = e.channel;
    w.cost = a->prof.cost[ch];
    w.policy = a->cfg.offers.apply(q->cfg.offers);
    w.offered_at = e.at;
    w.deadline = w.policy.timeout > duration::zero() ? e.at + w.policy.timeout : never;
    if (e.deadline != w.deadline) fail("offer deadline " + ms(e.deadline) + ", expected " + ms(w.deadline) + where);
    works_.emplace(w.id.value(), w);
    a->work.push_back(w.id);
    c->offers.push_back(w.id);
    c->state = contact_state::offered;
  }

  double occupancy(const m_agent& a, time_point at) const {
    const double span = std::chrono::duration<double>(at - a.login_at).count();
    return span > 0 ? std::chrono::duration<double>(a.talk + a.wrap).count() / span : 0.0;
  }
  /// Calls f(rival, its tier, the chosen agent's tier) for every other agent who could take
  /// the contact now, with tiers as the strategy counts them (all 0 without tiers_first). An
  /// agent whose hold-back ends at this very instant is left out: it may fire after the timer
  /// that made this decision (timers due at one time fire in an order the model does not
  /// predict).
  template <class F>
  void for_each_rival(const m_queue& q, const m_agent& chosen, const m_contact& c, time_point at, F&& f) {
    auto tier_of = [&](const m_agent& x) -> std::uint32_t {
      return q.cfg.strategy.tiers_first ? tier_in(q, x).value_or(0) : 0;
    };
    const std::uint32_t chosen_tier = tier_of(chosen);
    for (auto& [k, a] : agents_) {
      if (a.id == chosen.id || !serves(q, a, c) || !has_room(a, c.channel, at) || a.held_until == at) continue;
      f(a, tier_of(a), chosen_tier);
    }
  }

  /// best_skill: no agent who could take the contact now sits in a better tier (tiers_first)
  /// or, in the same tier, scores strictly higher, unless the occupancy guard (a queue with
  /// occupancy_cap) passed it over. Ties (longest idle) are not predicted.
  void check_best_skill(const m_queue& q, const m_agent& chosen, const m_contact& c, time_point at, const std::string& where) {
    const std::int64_t chosen_score = score_for(q, chosen, c);
    // The occupancy guard (docs/strategies.md): in the best tier, the best-scored agent below
    // the cap when there is one. Occupancies within 1e-9 of the cap are not judged.
    const double cap = q.cfg.strategy.occupancy_cap;
    auto near_cap = [&](const m_agent& x) { return std::abs(occupancy(x, at) - cap) < 1e-9; };
    auto below_cap = [&](const m_agent& x) { return occupancy(x, at) < cap; };
    if (cap > 0 && near_cap(chosen)) return;
    const bool chosen_below = cap > 0 && below_cap(chosen);
    for_each_rival(q, chosen, c, at, [&](const m_agent& a, std::uint32_t tier, std::uint32_t chosen_tier) {
      auto detail = [&](const m_agent& x) {
        const member_options* m = membership(q, x.id);
        std::string w;
        for (offer_id o : x.work) {
          const m_work& wk = works_.at(o.value());
          w += " " + str(wk.channel) + "/" + std::to_string(static_cast<int>(wk.stage)) + "/cost" + std::to_string(wk.cost);
        }
        return str(x.id) + (m ? "[roster tier " + std::to_string(m->tier) + "]" : "[dynamic tier " + std::to_string(q.cfg.dynamic_tier) + "]") +
               " score " + std::to_string(score_for(q, x, c)) + " held_until " + ms(x.held_until) + " profile " + describe(x.prof) + " work" + w;
      };
      if (tier < chosen_tier || (tier == chosen_tier && score_for(q, a, c) > chosen_score)) {
        record("  best_skill detail: queue " + describe(q.cfg) + "; chosen " + detail(chosen) + "; better " + detail(a) + "; contact tier ceiling " + std::to_string(c.tier_limit) + " at " + ms(at));
      }
      if (cap > 0 && tier == chosen_tier) {
        if (near_cap(a)) return;
        if (!chosen_below && below_cap(a)) {
          record("  occupancy: chosen " + str(chosen.id) + " " + std::to_string(occupancy(chosen, at)) + ", " + str(a.id) + " " + std::to_string(occupancy(a, at)) + ", cap " + std::to_string(cap));
          fail("best_skill occupancy guard: chose " + str(chosen.id) + " at or above the cap while " + str(a.id) + " of its tier is below it" + where);
          return;
        }
        if (chosen_below && !below_cap(a)) return;  // saturated agents rank after the rest
      }
      if (tier < chosen_tier) {
        fail("best_skill chose a tier-" + std::to_string(chosen_tier) + " agent while tier-" + std::to_string(tier) + " " + str(a.id) + " could take the contact" + where);
      } else if (tier == chosen_tier && score_for(q, a, c) > chosen_score) {
        fail("best_skill chose score " + std::to_string(chosen_score) + " while " + str(a.id) + " scores " + std::to_string(score_for(q, a, c)) + where);
      }
    });
  }

  /// fewest_contacts and least_talk_time: no agent who could take the contact now sits in a
  /// better tier (tiers_first) or, in the same tier, has handled fewer contacts (talked less)
  /// since login. Ties (longest idle since the last completion) are not predicted.
  void check_fewest(const m_queue& q, const m_agent& chosen, const m_contact& c, time_point at, const std::string& where) {
    const bool by_count = q.cfg.strategy.kind == strategy_kind::fewest_contacts;
    auto rank = [&](const m_agent& x) {
      return by_count ? static_cast<std::int64_t>(x.handled) : static_cast<std::int64_t>(x.talk.count());
    };
    for_each_rival(q, chosen, c, at, [&](const m_agent& a, std::uint32_t tier, std::uint32_t chosen_tier) {
      if (tier < chosen_tier || (tier == chosen_tier && rank(a) < rank(chosen))) {
        fail(std::string(strategy_name(q.cfg.strategy.kind)) + " chose " + str(chosen.id) + " (tier " + std::to_string(chosen_tier) + ", " + std::to_string(rank(chosen)) + ") while " + str(a.id) + " (tier " + std::to_string(tier) + ", " + std::to_string(rank(a)) + ") could take the contact" + where);
      }
    });
  }

  void on_offer_ended(const event& e, const std::string& where) {
    m_work* w = work(e.offer);
    if (!w) return fail("offer_ended of an unknown offer" + where);
    if (w->stage != offer_info::phase::offered) return fail("offer_ended of an offer not pending" + where);
    if (w->agent != e.agent || w->contact != e.contact) fail("offer_ended names another agent or contact" + where);
    if ((e.outcome == offer_outcome::cancelled) != (e.cancel != cancel_cause::none)) fail("cancel cause inconsistent with outcome" + where);
    m_contact* c = contact(w->contact);
    if (!c) return fail("offer_ended for a contact not live" + where);
    c->offers.erase(std::remove(c->offers.begin(), c->offers.end(), w->id), c->offers.end());
    m_agent* a = agent(w->agent);
    if (e.outcome == offer_outcome::accepted) {
      w->stage = offer_info::phase::connected;
      a->consecutive.fill(0);
      return;
    }
    if (e.outcome == offer_outcome::no_answer && e.at != w->deadline) fail("no_answer at " + ms(e.at) + " but the offer's deadline is " + ms(w->deadline) + where);
    std::optional<failure_kind> kind;
    switch (e.outcome) {
      case offer_outcome::no_answer: kind = failure_kind::no_answer; break;
      case offer_outcome::rejected: kind = failure_kind::rejected; break;
      case offer_outcome::busy: kind = failure_kind::busy; break;
      case offer_outcome::unreachable: kind = failure_kind::unreachable; break;
      default: break;
    }
    const offer_policy policy = w->policy;
    drop_work(*w);
    if (c->offers.empty() && c->state == contact_state::offered) c->state = contact_state::waiting;
    if (kind) {
      const failure_policy& p = policy.for_kind(*kind);
      std::uint32_t& n = a->consecutive[static_cast<std::size_t>(*kind)];
      ++n;
      if (p.hold_back > duration::zero()) a->held_until = std::max(a->held_until, e.at + p.hold_back);
      if (p.threshold > 0 && n >= p.threshold && a->pres == presence::ready) {
        a->pres = presence::not_ready;
        a->reason = p.reason;
      }
    }
  }

  /// A connected contact ended (completed or transferred away): the work goes, unless a
  /// wrap_up_started follows for it (then it comes back as wrap-up).
  void end_connection(offer_id o, time_point at, const std::string& where) {
    m_work* w = work(o);
    if (!w || w->stage != offer_info::phase::connected) return fail("connection end without a connected offer" + where);
    if (m_agent* a = agent(w->agent)) a->talk += at - w->connected_at;
    ended_connections_.emplace(o.value(), *w);
    drop_work(*w);
  }

  // ---- Snapshots for refused commands ------------------------------------------------------------
  std::string snapshot() {
    std::string s;
    s.reserve(4096);
    auto num = [&](std::uint64_t v) { s += std::to_string(v); s += ' '; };
    auto tp = [&](time_point t) { num(static_cast<std::uint64_t>(t.time_since_epoch().count())); };
    num(router_.agent_count());
    num(router_.queue_count());
    num(router_.live_contact_count());
    tp(router_.next_deadline());
    tp(router_.now());
    for (agent_id id : router_.agents()) {
      auto i = router_.agent(id);
      if (!i) { s += "?agent "; continue; }
      s += "\nA "; num(id.value()); s += i->name; s += ' ';
      num(static_cast<int>(i->state)); num(static_cast<int>(i->presence)); num(i->reason);
      num(i->used_capacity); num(i->total_capacity); num(i->channels.bits()); num(i->offers_pending);
      num(i->connected); num(i->wrapping_up); tp(i->held_back_until); num(i->queues);
      num(i->handled_since_login); num(static_cast<std::uint64_t>(i->talk_time_since_login.count()));
      tp(i->last_completion); tp(i->last_offer); tp(i->ready_since);
      for (auto f : i->consecutive_failures) num(f);
      for (offer_id o : router_.agent_work(id)) {
        auto w = router_.offer(o);
        s += "W "; num(o.value());
        if (!w) { s += "? "; continue; }
        num(static_cast<int>(w->stage)); num(w->contact.value()); num(w->queue.value()); num(w->channel.value());
        tp(w->offered_at); tp(w->connected_at); tp(w->deadline);
      }
    }
    for (queue_id id : router_.queues()) {
      auto i = router_.queue(id);
      if (!i) { s += "?queue "; continue; }
      s += "\nQ "; num(id.value()); s += i->name; s += ' ';
      num(i->waiting); num(i->offered); num(i->members); num(i->members_logged_in); num(i->members_ready); tp(i->head_since);
      for (contact_id c : router_.waiting_contacts(id)) {
        num(c.value());
        auto p = router_.position(c);
        num(p ? *p : 999999);
      }
      s += "M ";
      for (const auto& m : router_.members(id)) { num(m.first.value()); num(m.second.tier); num(m.second.weight); num(m.second.order.value_or(12345)); }
    }
    for (contact_id id : live_contacts_) {
      auto i = router_.contact(id);
      s += "\nC "; num(id.value());
      if (!i) { s += "?"; continue; }
      num(static_cast<int>(i->state)); num(i->channel.value()); num(i->queue.value()); num(static_cast<std::uint64_t>(i->priority));
      tp(i->arrival); tp(i->enqueued); num(i->offers_pending); num(i->agent.value());
    }
    return s;
  }

  // ---- Checks after every command ----------------------------------------------------------------
  bool can_take_now(const m_agent& a, const agent_info& i, channel_id ch) const {
    const std::uint8_t c = ch.value();
    if (i.presence != presence::ready) return false;
    if (i.held_back_until != never && i.held_back_until > router_.now()) return false;
    if (!i.channels.contains(ch)) return false;
    if (i.used_capacity + a.prof.cost[c] > i.total_capacity) return false;
    std::uint32_t same = 0;
    channel_set blocked;
    for (offer_id o : a.work) {
      const m_work& w = works_.at(o.value());
      same += w.channel == ch;
      blocked = blocked | a.prof.blocks[w.channel.value()];
    }
    if (same >= a.prof.max_per_channel[c]) return false;
    return !blocked.contains(ch);
  }

  void check_all() {
    if (!expect_transfer_.is_null()) fail("contact_transferred without contact_queued after it");
    if (!ended_connections_.empty()) ended_connections_.clear();
    if (!expect_callback_.is_null()) fail("accept_callback succeeded without callback_accepted");
    expect_callback_ = {};
    const time_point now = router_.now();
    // Affinity timers due by now have fired.
    for (contact_id id : live_contacts_) {
      m_contact& c = contacts_.at(id.value());
      if (c.held_for && now >= c.hold_until) c.held_for = {};
    }
    expect_eq(router_.agent_count(), agents_.size(), "agent_count differs from the model");
    expect_eq(router_.queue_count(), queues_.size(), "queue_count differs from the model");
    if (router_.live_contact_count() != live_contacts_.size()) {
      fail("live_contact_count " + std::to_string(router_.live_contact_count()) + " but the event stream leaves " + std::to_string(live_contacts_.size()) + " contacts live (lost or duplicated contact)");
    }
    for (contact_id id : terminal_this_command_) {
      if (router_.contact(id)) fail("contact " + str(id) + " still live after its terminal event");
    }
    // Contacts.
    for (contact_id id : live_contacts_) {
      const m_contact& c = contacts_.at(id.value());
      auto i = router_.contact(id);
      const std::string who = " (contact " + str(id) + ")";
      if (!i) { fail("contact lost: no terminal event but the router does not know it" + who); continue; }
      if (i->state != c.state) fail(std::string("contact state ") + to_string(i->state) + ", event stream says " + to_string(c.state) + " with " + std::to_string(c.offers.size()) + " offers pending" + who);
      if (i->offers_pending != c.offers.size()) fail("contact offers_pending " + std::to_string(i->offers_pending) + ", event stream says " + std::to_string(c.offers.size()) + who);
      if (i->queue != c.queue) fail("contact queue differs from the event stream" + who);
      if (i->channel != c.channel) fail("contact channel differs" + who);
      if (i->arrival != c.arrival) fail("contact arrival " + ms(i->arrival) + ", model " + ms(c.arrival) + who);
      if (c.route_out_step >= 0) fail("route_out step " + std::to_string(c.route_out_step) + " ran but the contact is still live" + who);
      if (c.callback_step >= 0) fail("offer_callback step " + std::to_string(c.callback_step) + " ran without callback_offered" + who);
      if (c.state != contact_state::connected && i->held_for != c.held_for) fail("contact held for " + str(i->held_for) + ", model " + str(c.held_for) + (c.held_for ? " until " + ms(c.hold_until) : "") + who);
      if (c.state != contact_state::connected) {
        // Steps due by now have been evaluated; those without an event were skipped.
        const m_plan* p = plan(c.plan);
        const m_queue* q = queue(c.queue);
        while (p && q && c.next_eval < p->plan.steps.size() && c.enqueued + p->plan.steps[c.next_eval].after <= now) {
          check_skipped(c, *q, c.next_eval, " (due at " + ms(c.enqueued + p->plan.steps[c.next_eval].after) + ")" + who);
          contacts_.at(id.value()).next_eval++;
        }
      }
      if (i->priority != c.priority) fail("contact priority " + std::to_string(i->priority) + ", model " + std::to_string(c.priority) + who);
      if (c.state != contact_state::connected) {
        if (i->requirement != c.requirement) fail("contact requirement " + std::to_string(i->requirement.value()) + ", model " + std::to_string(c.requirement.value()) + who);
        if (i->tier_limit != c.tier_limit) fail("contact tier ceiling " + std::to_string(i->tier_limit) + ", model " + std::to_string(c.tier_limit) + who);
        if (i->step != c.last_step) fail("contact's last step " + std::to_string(i->step) + ", model " + std::to_string(c.last_step) + who);
      }
      if (c.state == contact_state::connected) {
        const m_work* w = work(c.connection);
        if (!w || i->agent != w->agent) fail("connected contact's agent differs" + who);
      }
    }
    // Agents.
    for (auto& [key, a] : agents_) {
      auto i = router_.agent(a.id);
      const std::string who = " (agent " + str(a.id) + ")";
      if (!i) { fail("model agent unknown to the router" + who); continue; }
      if (i->presence != a.pres) fail("presence " + std::to_string(static_cast<int>(i->presence)) + ", model " + std::to_string(static_cast<int>(a.pres)) + who);
      if (i->reason != a.reason) fail("reason " + std::to_string(i->reason) + ", model " + std::to_string(a.reason) + who);
      const time_point held = a.held_until > now ? a.held_until : never;
      if (i->held_back_until != held) fail("held_back_until " + ms(i->held_back_until) + ", model " + ms(held) + who);
      std::uint32_t offered = 0, connected = 0, wrapping = 0, used = 0;
      for (offer_id o : a.work) {
        const m_work& w = works_.at(o.value());
        used += w.cost;
        offered += w.stage == offer_info::phase::offered;
        connected += w.stage == offer_info::phase::connected;
        wrapping += w.stage == offer_info::phase::wrap_up;
      }
      if (a.work.empty()) a.over_ok = false;
      agent_state derived = agent_state::logged_out;
      if (a.pres != presence::logged_out) {
        derived = connected ? agent_state::busy : offered ? agent_state::reserved : wrapping ? agent_state::wrap_up
                  : a.pres == presence::ready ? agent_state::ready : agent_state::not_ready;
      }
      if (i->state != derived) fail(std::string("agent state ") + to_string(i->state) + ", derived from the model " + to_string(derived) + who);
      if (i->state != a.reported) fail(std::string("agent state ") + to_string(i->state) + ", last agent_state_changed said " + to_string(a.reported) + who);
      const reason_code shown = derived == agent_state::not_ready ? a.reason : reason_codes::none;
      if (a.reported_reason != shown) fail("last reported reason " + std::to_string(a.reported_reason) + ", expected " + std::to_string(shown) + who);
      if (i->offers_pending != offered) fail("offers_pending " + std::to_string(i->offers_pending) + " but " + std::to_string(offered) + " pending offers in the event stream (agent stuck reserved?)" + who);
      if (i->connected != connected) fail("connected count differs" + who);
      if (a.pres != presence::logged_out && i->handled_since_login != a.handled) fail("handled_since_login " + std::to_string(i->handled_since_login) + ", model " + std::to_string(a.handled) + who);
      if (a.pres != presence::logged_out && i->talk_time_since_login != a.talk) fail("talk_time_since_login " + ms(i->talk_time_since_login) + ", model " + ms(a.talk) + who);
      if (i->wrapping_up != wrapping) fail("wrapping_up count differs" + who);
      if (i->used_capacity != used) fail("used_capacity " + std::to_string(i->used_capacity) + ", sum of held work " + std::to_string(used) + who);
      if (i->used_capacity > i->total_capacity && !a.over_ok) fail("used_capacity above total" + who);
      if (i->total_capacity != a.prof.total || i->channels != a.prof.channels) fail("capacity profile differs" + who);
      std::uint32_t eligible_queues = 0;
      for (auto& [qk, q] : queues_) eligible_queues += tier_in(q, a).has_value();
      if (i->queues != eligible_queues) fail("agent_info::queues " + std::to_string(i->queues) + ", eligible in " + std::to_string(eligible_queues) + " queues by the model" + who);
      if (a.pres == presence::logged_out && !a.work.empty()) fail("logged-out agent holds work" + who);
      auto rw = router_.agent_work(a.id);
      if (rw.size() != a.work.size()) fail("agent_work has " + std::to_string(rw.size()) + " items, event stream " + std::to_string(a.work.size()) + who);
      for (offer_id o : rw) {
        const m_work* w = work(o);
        auto oi = router_.offer(o);
        if (!w || !oi) { fail("agent_work item " + str(o) + " unknown to the model or the router" + who); continue; }
        if (w->agent != a.id || oi->agent != a.id) fail("work item of another agent" + who);
        if (oi->stage != w->stage) fail("offer stage differs" + who);
        if (oi->contact != w->contact || oi->queue != w->queue || oi->channel != w->channel) fail("offer fields differ" + who);
        if (w->stage == offer_info::phase::offered && oi->deadline != w->deadline) fail("offer deadline differs" + who);
      }
    }
    // Queues and the routing invariant.
    for (auto& [key, q] : queues_) {
      auto i = router_.queue(q.id);
      const std::string who = " (queue " + str(q.id) + ")";
      if (!i) { fail("model queue unknown to the router" + who); continue; }
      std::vector<contact_id> mine;
      std::uint32_t offered = 0;
      for (contact_id id : live_contacts_) {
        const m_contact& c = contacts_.at(id.value());
        if (c.queue != q.id || c.state == contact_state::connected) continue;
        mine.push_back(id);
        offered += c.state == contact_state::offered;
      }
      if (i->waiting != mine.size()) fail("queue waiting " + std::to_string(i->waiting) + ", event stream " + std::to_string(mine.size()) + who);
      if (i->offered != offered) fail("queue offered " + std::to_string(i->offered) + ", event stream " + std::to_string(offered) + who);
      if (i->members != q.members.size()) fail("queue member count differs" + who);
      if (i->members_logged_in != logged_in_members(q)) fail("members_logged_in differs" + who);
      if (i->members_ready != ready_members(q)) fail("members_ready differs" + who);
      auto line = router_.waiting_contacts(q.id);
      std::vector<contact_id> sorted_line = line;
      std::sort(sorted_line.begin(), sorted_line.end());
      std::sort(mine.begin(), mine.end());
      if (sorted_line != mine) fail("waiting_contacts differ from the event stream" + who);
      if (q.cfg.ordering == queue_ordering::priority) {
        for (std::size_t k = 1; k < line.size(); ++k) {
          const m_contact* x = contact(line[k - 1]);
          const m_contact* y = contact(line[k]);
          if (x && y && x->priority < y->priority) fail("priority queue out of order" + who);
        }
      }
      // Head-of-line order (docs/strategies.md, "Queue ordering"): by (rank, key) where rank is
      // -priority in priority queues (else 0) and key the place-in-line time, minus priority x
      // priority_step in aged queues. Contacts that joined at an explicit position are left out.
      {
        const m_queue& queue = q;  // C++17 lambdas cannot capture a structured binding
        auto key_of = [&queue](const m_contact& x) {
          const std::int64_t rank = queue.cfg.ordering == queue_ordering::priority ? -static_cast<std::int64_t>(x.priority) : 0;
          std::int64_t t = x.line_time.time_since_epoch().count();
          if (queue.cfg.ordering == queue_ordering::aged) t -= static_cast<std::int64_t>(x.priority) * queue.cfg.priority_step.count();
          return std::make_pair(rank, t);
        };
        const m_contact* prev = nullptr;
        for (contact_id id : line) {
          const m_contact* x = contact(id);
          if (!x || x->placed) continue;
          if (prev && key_of(*x) < key_of(*prev)) {
            fail("queue order: " + str(x->id) + " (prio " + std::to_string(x->priority) + ", line time " + ms(x->line_time) + ") is behind " + str(prev->id) +
                 " (prio " + std::to_string(prev->priority) + ", line time " + ms(prev->line_time) + ")" + who);
          }
          prev = x;
        }
      }
      auto rm = router_.members(q.id);
      if (rm.size() != q.members.size()) fail("members() differs" + who);
      for (const auto& m : rm) {
        const member_options* o = membership(q, m.first);
        if (!o || o->tier != m.second.tier || o->weight != m.second.weight) fail("member options differ" + who);
      }
      const bool leave = (q.cfg.leave == leave_policy::when_none_logged_in && logged_in_members(q) == 0) ||
                         (q.cfg.leave == leave_policy::when_none_ready && ready_members(q) == 0);
      for (contact_id id : mine) {
        const m_contact& c = contacts_.at(id.value());
        if (c.state != contact_state::waiting) continue;
        if (leave) fail("contact " + str(id) + " waits in a queue whose leave policy applies" + who);
        for (auto& [k, a] : agents_) {
          if (a.pres != presence::ready || !serves(q, a, c)) continue;
          auto ai = router_.agent(a.id);
          if (ai && can_take_now(a, *ai, c.channel)) {
            fail("routing invariant: contact " + str(id) + " (" + str(c.channel) + ") waits un-offered in " + str(q.id) + " while eligible " + str(a.id) + " can take it now");
          }
        }
      }
    }
    for (agent_id d : dead_agents_) {
      if (router_.agent(d)) fail("removed agent still answers queries");
    }
    for (queue_id d : dead_queues_) {
      if (router_.queue(d)) fail("removed queue still answers queries");
    }
  }

  // ---- Random configuration --------------------------------------------------------------------
  /// Affinity arrivals and accept_callback on a contact with a pending offer are generated
  /// by default. They found three router bugs, since fixed, each with a model failure that
  /// reproduced it: remove_queue left a removed queue's affinity groups reachable from the
  /// agent (a later login crashed, remove_agent looped in release_affinity); a held contact
  /// transferred while connected kept its hold in the new queue; accept_callback did not apply
  /// the leave policy to the contact whose offer it withdrew. OMNIROUTE_MODEL_AFFINITY=0 and
  /// OMNIROUTE_MODEL_CALLBACK_OFFERED=0 turn the generation off, to tell apart a failure of
  /// these features from the rest when investigating a seed.
  static bool switched_on(const char* name) {
    const char* v = std::getenv(name);
    return !(v && *v == '0');
  }
  static bool callback_of_offered() {
    static const bool on = switched_on("OMNIROUTE_MODEL_CALLBACK_OFFERED");
    return on;
  }
  static bool generate_affinity() {
    static const bool on = switched_on("OMNIROUTE_MODEL_AFFINITY");
    return on;
  }
  static channel_id random_channel(prng& g) {
    static const channel_id chs[] = {channels::voice, channels::chat, channels::chat, channels::email, channels::sms};
    return chs[g.below(5)];
  }
  static channel_set random_channels(prng& g) {
    channel_set s;
    while (s.empty()) {
      if (g.chance(60)) s.add(channels::voice);
      if (g.chance(60)) s.add(channels::chat);
      if (g.chance(40)) s.add(channels::email);
      if (g.chance(15)) s.add(channels::sms);
      if (g.chance(30)) s.add(channels::callback);
    }
    return s;
  }
  std::optional<capacity_profile> random_profile(prng& g) {
    const std::uint32_t r = g.below(100);
    if (r < 30) return std::nullopt;  // standard
    capacity_profile p = capacity_profile::standard(router_.channels());
    if (r < 55) return p.only(random_channels(g));
    p.channels = random_channels(g);
    static const std::uint32_t totals[] = {1, 50, 100, 100, 200};
    p.total = totals[g.below(5)];
    static const std::uint16_t costs[] = {0, 10, 25, 50, 100};
    static const std::uint16_t maxes[] = {capacity_profile::unlimited, capacity_profile::unlimited, 1, 2, 3};
    for (channel_id c : {channels::voice, channels::chat, channels::email, channels::sms}) {
      if (g.chance(50)) p.cost[c.value()] = costs[g.below(5)];
      if (g.chance(40)) p.max_per_channel[c.value()] = maxes[g.below(5)];
      if (g.chance(25)) p.blocks[c.value()] = g.chance(50) ? channel_set{} : random_channels(g);
    }
    return p;
  }
  static strategy_kind random_strategy(prng& g) {
    static const strategy_kind all[] = {
        strategy_kind::longest_idle, strategy_kind::round_robin, strategy_kind::linear,
        strategy_kind::top_down, strategy_kind::fewest_contacts, strategy_kind::least_talk_time,
        strategy_kind::random, strategy_kind::weighted_random, strategy_kind::ring_all,
        strategy_kind::progressive_ring, strategy_kind::best_skill};
    return all[g.below(11)];
  }
  static failure_policy random_failure(prng& g, failure_policy base) {
    if (g.chance(50)) return base;
    failure_policy f = base;
    static const std::int64_t holds[] = {0, 0, 500, 2000, 6000};
    f.hold_back = std::chrono::milliseconds(holds[g.below(5)]);
    f.threshold = g.below(4);
    f.reason = g.chance(50) ? base.reason : 7;
    return f;
  }
  static offer_policy random_offers(prng& g) {
    offer_policy p;
    static const std::int64_t timeouts[] = {0, 2000, 5000, 8000, 20000};
    if (g.chance(70)) p.timeout = std::chrono::milliseconds(timeouts[g.below(5)]);
    p.no_answer = random_failure(g, p.no_answer);
    p.rejected = random_failure(g, p.rejected);
    p.busy = random_failure(g, p.busy);
    p.unreachable = random_failure(g, p.unreachable);
    return p;
  }
  agent_config random_agent_config(prng& g, const std::string& name) {
    agent_config c;
    c.name = name;
    c.capacity = random_profile(g);
    if (g.chance(80)) {
      for (std::size_t k = 0; k < model_skills; ++k) {
        if (g.chance(55)) c.skills.emplace_back("s" + std::to_string(k), static_cast<std::uint8_t>(g.below(11)));
      }
    }
    if (g.chance(40)) c.attributes.emplace_back("trainee", g.chance(30) ? "true" : "false");
    if (g.chance(60)) c.attributes.emplace_back("site", model_sites[g.below(3)]);
    if (g.chance(20)) c.wrap_up = std::chrono::milliseconds(g.below(4000));
    if (g.chance(25)) {
      if (g.chance(50)) c.offers.timeout = std::chrono::milliseconds(g.below(10000));
      if (g.chance(50)) c.offers.no_answer = random_failure(g, failure_policy{duration::zero(), 2, reason_codes::no_answer});
      if (g.chance(30)) c.offers.rejected = random_failure(g, failure_policy{std::chrono::seconds(1), 2, reason_codes::rejected});
    }
    return c;
  }
  queue_config random_queue_config(prng& g, const std::string& name, queue_id self) {
    queue_config c;
    c.name = name;
    c.channels = random_channels(g);
    c.ordering = static_cast<queue_ordering>(g.below(3));
    c.priority_step = std::chrono::milliseconds(200 + g.below(4000));
    c.strategy.kind = random_strategy(g);
    if (g.chance(25)) c.strategy.kind = g.chance(50) ? strategy_kind::ring_all : strategy_kind::progressive_ring;
    c.strategy.idle = static_cast<idle_reference>(g.below(3));
    c.strategy.tiers_first = g.chance(75);
    c.strategy.ring_interval = std::chrono::milliseconds(500 + g.below(5000));
    if (g.chance(15)) c.strategy.kind = strategy_kind::best_skill;
    c.strategy.scoring = g.chance(50) ? score_mode::sum : score_mode::weighted;
    if (g.chance(50)) c.strategy.occupancy_cap = g.chance(50) ? 0.3 : 0.6;
    // Skills routing: dynamic membership, tier ceilings, escalation plans.
    if (g.chance(30) && !req_ids_.empty()) c.eligibility = g.pick(req_ids_);
    c.dynamic_tier = g.below(3);
    if (g.chance(20)) c.initial_tier_limit = g.below(2);
    if (g.chance(35) && !plans_.empty()) c.escalation = g.pick(plans_).id;
    if (g.chance(30)) c.max_length = 1 + g.below(6);
    if (g.chance(30)) c.max_wait = std::chrono::milliseconds(2000 + g.below(40000));
    if (g.chance(40) && !queue_order_.empty()) {
      const queue_id o = g.pick(queue_order_);
      if (o != self) c.overflow = o;
    }
    if (g.chance(20)) c.join = static_cast<join_policy>(1 + g.below(2));
    if (g.chance(20)) c.leave = static_cast<leave_policy>(1 + g.below(2));
    if (g.chance(40)) c.wrap_up = std::chrono::milliseconds(g.below(5000));
    c.offers = random_offers(g);
    if (g.chance(30)) c.weight = g.below(4);
    return c;
  }
  member_options random_member(prng& g) const {
    member_options m;
    m.tier = g.chance(60) ? 0 : g.below(3);
    m.weight = g.below(4);
    if (g.chance(30)) m.order = g.below(8);
    return m;
  }

  // ---- Prediction helpers ----------------------------------------------------------------------
  std::error_code predict_agent_config(const agent_config& c, const m_agent* self) {
    if (c.name.empty() || c.name.size() > 128) return errc::invalid_argument;
    if (c.capacity && c.capacity->total == 0) return errc::invalid_argument;
    // add_agent checks the name before the skills, update_agent after them.
    auto profile = [&]() -> std::error_code {
      for (const auto& [name, level] : c.skills) {
        if (name.size() != 2 || name[0] != 's' || name[1] < '0' || name[1] >= '0' + static_cast<char>(model_skills)) return errc::unknown_skill;
        if (level > 10) return errc::invalid_argument;
      }
      return {};
    };
    auto duplicate = [&]() -> std::error_code {
      if (!self || c.name != self->name) {
        for (const auto& [k, a] : agents_) {
          if (a.name == c.name) return errc::duplicate_name;
        }
      }
      return {};
    };
    if (self) {
      if (auto e = profile()) return e;
      return duplicate();
    }
    if (auto e = duplicate()) return e;
    return profile();
  }
  std::error_code predict_queue_config(const queue_config& c, const m_queue* self) {
    if (c.name.empty() || c.name.size() > 128) return errc::invalid_argument;
    if (c.max_length == 0) return errc::invalid_argument;
    if (c.max_wait < duration::zero() || c.wrap_up < duration::zero()) return errc::invalid_argument;
    if (c.strategy.kind == strategy_kind::progressive_ring && c.strategy.ring_interval <= duration::zero()) return errc::invalid_argument;
    if ((c.channels & router_.channels().all()).empty()) return errc::invalid_argument;
    if (c.overflow) {
      if (!queue(c.overflow)) return errc::unknown_queue;
      if (self && c.overflow == self->id) return errc::invalid_argument;
    }
    if (!self || c.name != self->cfg.name) {
      for (const auto& [k, q] : queues_) {
        if (q.cfg.name == c.name) return errc::duplicate_name;
      }
    }
    if (self) {
      for (contact_id id : live_contacts_) {
        const m_contact& x = contacts_.at(id.value());
        if (x.queue == self->id && x.state != contact_state::connected && !c.channels.contains(x.channel)) return errc::invalid_argument;
      }
    }
    return {};
  }

  // Stale handles of each kind.
  agent_id stale_agent(prng& g) {
    if (!dead_agents_.empty() && g.chance(60)) return g.pick(dead_agents_);
    if (!agent_order_.empty() && g.chance(70)) {
      agent_id a = g.pick(agent_order_);
      return agent_id(a.index(), a.generation() + 1 + g.below(3));
    }
    return g.chance(50) ? agent_id{} : agent_id(1000 + g.below(100), 1);
  }
  queue_id stale_queue(prng& g) {
    if (!dead_queues_.empty() && g.chance(60)) return g.pick(dead_queues_);
    if (!queue_order_.empty() && g.chance(70)) {
      queue_id q = g.pick(queue_order_);
      return queue_id(q.index(), q.generation() + 1 + g.below(3));
    }
    return g.chance(50) ? queue_id{} : queue_id(70 + g.below(100), 1);
  }
  contact_id stale_contact(prng& g) {
    if (!dead_contacts_.empty() && g.chance(70)) return g.pick(dead_contacts_);
    return g.chance(50) ? contact_id{} : contact_id(5000 + g.below(100), 1);
  }
  offer_id stale_offer(prng& g) {
    if (!dead_offers_.empty() && g.chance(70)) return g.pick(dead_offers_);
    return g.chance(50) ? offer_id{} : offer_id(5000 + g.below(100), 1);
  }

  std::vector<offer_id> works_in(offer_info::phase stage) const {
    std::vector<offer_id> out;
    for (const auto& [k, w] : works_) {
      if (w.stage == stage) out.push_back(w.id);
    }
    std::sort(out.begin(), out.end());  // deterministic picks
    return out;
  }
  std::vector<contact_id> contacts_in(bool queued) const {
    std::vector<contact_id> out;
    for (contact_id id : live_contacts_) {
      const m_contact& c = contacts_.at(id.value());
      if ((c.state == contact_state::connected) != queued) out.push_back(id);
    }
    return out;
  }

  // ---- One command --------------------------------------------------------------------------------
  void step(const command& cmd) {
    prng g(cmd.pick);
    const time_point before = router_.now();
    time_point now = before + std::chrono::milliseconds(cmd.dt_ms);
    new_contacts_.clear();
    terminal_this_command_.clear();
    added_agent_ = {};
    added_queue_ = {};
    transfer_keep_arrival_ = true;
    snapshot_conditions();
    std::ostringstream d;

    // Time going backwards: any command, refused.
    if (cmd.bad && cmd.kind == op::advance && before > time_point{}) {
      const time_point past = before - std::chrono::milliseconds(1 + g.below(1000));
      d << "advance(" << ms(past) << ") [backwards]";
      refused_command(d.str(), before, errc::time_went_backwards, false, [&] { return router_.advance(past); });
      return;
    }
    // Commands whose model effects are applied before the call (presence, configuration,
    // membership) bring the router to `now` first, so that timers fire before those effects;
    // contact commands may fire due timers themselves, and are then not predicted.
    const bool self_ok = cmd.kind == op::arrive || cmd.kind == op::abandon || cmd.kind == op::route_out ||
                         cmd.kind == op::transfer || cmd.kind == op::accept || cmd.kind == op::reject ||
                         cmd.kind == op::complete || cmd.kind == op::end_wrap_up;
    const bool predictable = !(cmd.self_timers && self_ok && !cmd.bad && router_.next_deadline() <= now);
    if (predictable && cmd.kind != op::advance) {
      command_now_ = now;
      events_this_command_ = 0;
      const status s = router_.advance(now);
      if (!s) fail("advance failed: " + errname(s.error()));
      check_all();
      if (!failure_.empty()) { record("advance(" + ms(now) + ") [before the command]"); return; }
    }
    command_now_ = now;
    events_this_command_ = 0;
    refusals_this_command_ = 0;

    auto t = [&] { return "t=" + ms(now) + " "; };
    switch (cmd.kind) {
      case op::advance: {
        d << t() << "advance";
        run_status(d.str(), {}, true, [&] { return router_.advance(now); });
        break;
      }
      case op::add_agent: {
        const std::string name = "a" + std::to_string(++name_seq_);
        agent_config c = random_agent_config(g, name);
        if (cmd.bad) {
          switch (g.below(5)) {
            case 0: c.name = agent_order_.empty() ? std::string() : agents_.at(g.pick(agent_order_).value()).name; break;
            case 1: c.name.clear(); break;
            case 2: c.skills.emplace_back("nope", 1); break;
            case 3: c.skills.emplace_back("s1", 11); break;
            default: { capacity_profile p; p.total = 0; c.capacity = p; } break;
          }
        } else if (agents_.size() >= 10) {
          return;
        }
        const std::error_code expect = predict_agent_config(c, nullptr);
        d << t() << "add_agent(" << (c.name.empty() ? "<empty>" : c.name) << " " << (c.capacity ? describe(*c.capacity) : "standard")
          << (c.wrap_up ? " wrap=" + ms(*c.wrap_up) : "") << describe_skills(c) << ")";
        if (expect) {
          refused_command(d.str(), now, expect, false, [&] { return status(router_.add_agent(now, c).error()); });
          break;
        }
        auto r = router_.add_agent(now, c);
        d << " -> " << (r ? str(*r) : errname(r.error()));
        if (!r) { fail("add_agent refused unexpectedly: " + errname(r.error())); break; }
        if (added_agent_ != *r) fail("agent_added event missing or names another id");
        m_agent a;
        a.id = *r;
        a.name = c.name;
        a.cfg = c;
        a.prof = c.capacity ? *c.capacity : capacity_profile::standard(router_.channels());
        a.skills = profile_of(c);
        agents_.emplace(a.id.value(), a);
        agent_order_.push_back(a.id);
        record(d.str());
        after_command();
        break;
      }
      case op::update_agent: {
        if (agent_order_.empty() && !cmd.bad) return;
        const agent_id id = cmd.bad && g.chance(50) ? stale_agent(g) : agent_order_.empty() ? stale_agent(g) : g.pick(agent_order_);
        m_agent* a = agent(id);
        agent_config c = random_agent_config(g, a ? (g.chance(80) ? a->name : "a" + std::to_string(++name_seq_)) : "x");
        if (cmd.bad && a) {
          if (g.chance(50) && agent_order_.size() > 1) {
            c.name = agents_.at(g.pick(agent_order_).value()).name;
          } else if (g.chance(50)) {
            c.skills.emplace_back(g.chance(50) ? "nope" : "s2", g.chance(50) ? 11 : 1);
          } else {
            capacity_profile p;
            p.total = 0;
            c.capacity = p;
          }
        }
        std::error_code expect = a ? predict_agent_config(c, a) : make_error_code(errc::unknown_agent);
        d << t() << "update_agent(" << str(id) << " " << c.name << " " << (c.capacity ? describe(*c.capacity) : "standard")
          << (c.wrap_up ? " wrap=" + ms(*c.wrap_up) : "") << describe_skills(c) << ")";
        if (expect) {
          refused_command(d.str(), now, expect, false, [&] { return router_.update_agent(now, id, c); });
          break;
        }
        const m_agent saved = *a;
        a->cfg = c;
        a->name = c.name;
        a->prof = c.capacity ? *c.capacity : capacity_profile::standard(router_.channels());
        a->skills = profile_of(c);
        if (!a->work.empty()) a->over_ok = true;
        run_status(d.str(), {}, predictable, [&] { return router_.update_agent(now, id, c); }, [&] { *agent(id) = saved; });
        break;
      }
      case op::remove_agent: {
        agent_id id;
        if (cmd.bad) {
          id = g.chance(50) || agent_order_.empty() ? stale_agent(g) : g.pick(agent_order_);
        } else {
          std::vector<agent_id> out;
          for (agent_id x : agent_order_) if (agents_.at(x.value()).pres == presence::logged_out) out.push_back(x);
          if (out.empty() || agents_.size() <= 3) return;
          id = g.pick(out);
        }
        m_agent* a = agent(id);
        std::error_code expect;
        if (!a) expect = errc::unknown_agent;
        else if (a->pres != presence::logged_out) expect = errc::still_logged_in;
        d << t() << "remove_agent(" << str(id) << ")";
        if (expect) {
          refused_command(d.str(), now, expect, false, [&] { return router_.remove_agent(now, id); });
          break;
        }
        run_status(d.str(), {}, predictable, [&] { return router_.remove_agent(now, id); });
        if (agent(id)) fail("remove_agent without agent_removed");
        break;
      }
      case op::login: case op::logout: case op::ready: case op::not_ready: {
        agent_id id;
        const presence want_from = cmd.kind == op::login ? presence::logged_out : cmd.kind == op::ready ? presence::not_ready : presence::ready;
        std::vector<agent_id> fits;
        for (agent_id x : agent_order_) {
          const m_agent& a = agents_.at(x.value());
          const bool ok = cmd.kind == op::not_ready ? a.pres != presence::logged_out
                          : cmd.kind == op::logout ? a.pres != presence::logged_out && g.chance(a.work.empty() ? 100 : 50)
                          : a.pres == want_from;
          if (ok != cmd.bad) fits.push_back(x);
        }
        if (fits.empty() || (cmd.bad && g.chance(30))) {
          if (!cmd.bad) return;
          id = stale_agent(g);
        } else {
          id = g.pick(fits);
        }
        m_agent* a = agent(id);
        const reason_code reason = g.chance(80) ? 1 + g.below(3) : reason_codes::busy;
        const bool go_ready = g.chance(60);
        std::error_code expect;
        if (!a) expect = errc::unknown_agent;
        else if (cmd.kind == op::login && a->pres != presence::logged_out) expect = errc::already_logged_in;
        else if (cmd.kind != op::login && a->pres == presence::logged_out) expect = errc::not_logged_in;
        else if (cmd.kind == op::ready && a->pres == presence::ready) expect = errc::already_ready;
        else if (cmd.kind == op::logout) {
          for (offer_id o : a->work) {
            if (works_.at(o.value()).stage == offer_info::phase::connected) expect = errc::has_active_contacts;
          }
        }
        d << t() << op_name(cmd.kind) << "(" << str(id);
        if (cmd.kind == op::login) d << (go_ready ? " ready" : " not_ready reason=" + std::to_string(reason));
        if (cmd.kind == op::not_ready) d << " reason=" << reason;
        d << ")";
        auto call = [&]() -> status {
          switch (cmd.kind) {
            case op::login: return router_.login(now, id, go_ready, reason);
            case op::logout: return router_.logout(now, id);
            case op::ready: return router_.ready(now, id);
            default: return router_.not_ready(now, id, reason);
          }
        };
        if (expect) {
          refused_command(d.str(), now, expect, false, call);
          break;
        }
        const m_agent saved = *a;
        switch (cmd.kind) {
          case op::login:
            a->pres = go_ready ? presence::ready : presence::not_ready;
            a->reason = go_ready ? reason_codes::none : reason;
            a->consecutive.fill(0);
            a->held_until = time_point{};
            a->login_at = now;
            a->talk = a->wrap = duration::zero();
            a->handled = 0;
            break;
          case op::logout:
            a->pres = presence::logged_out;
            a->reason = reason_codes::none;
            a->held_until = time_point{};
            // Affinity yields at once: contacts held for this agent join the general pool.
            for (contact_id cid : live_contacts_) {
              m_contact& hc = contacts_.at(cid.value());
              if (hc.held_for == id) hc.held_for = {};
            }
            break;
          case op::ready: a->pres = presence::ready; a->reason = reason_codes::none; break;
          default: a->pres = presence::not_ready; a->reason = reason; break;
        }
        run_status(d.str(), {}, true, call, [&] { *agent(id) = saved; });
        break;
      }
      case op::add_queue: {
        if (!cmd.bad && !queue_order_.empty() && plans_.size() < 40 && g.chance(50)) {
          // A plan that moves contacts to an existing queue (configuration, not a command).
          escalation_plan p;
          escalation_step first;
          first.after = std::chrono::milliseconds(500 + g.below(3000));
          first.action = g.chance(50) ? step_action::raise_priority : step_action::widen_tiers;
          first.priority_delta = 1;
          first.max_tier = 1 + g.below(2);
          escalation_step move;
          move.after = first.after + std::chrono::milliseconds(g.below(6000));
          move.action = step_action::move_to_queue;
          move.queue = g.pick(queue_order_);
          if (g.chance(30)) move.condition = step_condition::no_eligible_logged_in;
          escalation_step last;
          last.after = move.after + std::chrono::milliseconds(1000 + g.below(5000));
          last.action = step_action::set_requirement;
          p.steps = {first, move, last};
          add_plan(p);
        }
        const std::string name = "q" + std::to_string(++name_seq_);
        queue_config c = random_queue_config(g, name, {});
        if (cmd.bad) {
          switch (g.below(5)) {
            case 0: c.name = queue_order_.empty() ? std::string() : queues_.at(g.pick(queue_order_).value()).cfg.name; break;
            case 1: c.max_length = 0; break;
            case 2: c.overflow = stale_queue(g); if (!c.overflow) c.name.clear(); break;
            case 3: c.strategy.kind = strategy_kind::progressive_ring; c.strategy.ring_interval = duration::zero(); break;
            default: c.channels = channel_set::from_bits(1u << 20); break;
          }
        } else if (queues_.size() >= 6) {
          return;
        }
        const std::error_code expect = predict_queue_config(c, nullptr);
        d << t() << "add_queue(" << describe(c) << ")";
        if (expect) {
          refused_command(d.str(), now, expect, false, [&] { return status(router_.add_queue(now, c).error()); });
          break;
        }
        auto r = router_.add_queue(now, c);
        d << " -> " << (r ? str(*r) : errname(r.error()));
        if (!r) { fail("add_queue refused unexpectedly: " + errname(r.error())); break; }
        if (added_queue_ != *r) fail("queue_added event missing");
        m_queue q;
        q.id = *r;
        q.cfg = c;
        queues_.emplace(q.id.value(), q);
        queue_order_.push_back(q.id);
        record(d.str());
        after_command();
        break;
      }
      case op::update_queue: {
        if (queue_order_.empty()) return;
        const queue_id id = cmd.bad && g.chance(40) ? stale_queue(g) : g.pick(queue_order_);
        m_queue* q = queue(id);
        queue_config c = random_queue_config(g, q ? (g.chance(80) ? q->cfg.name : "q" + std::to_string(++name_seq_)) : "x", id);
        if (q && g.chance(40)) {
          // Small changes keep contacts in place: flip the strategy or a limit only.
          c = q->cfg;
          switch (g.below(4)) {
            case 0: c.strategy.kind = random_strategy(g); break;
            case 1: c.max_wait = g.chance(50) ? duration::zero() : std::chrono::milliseconds(1000 + g.below(20000)); break;
            case 2: c.ordering = static_cast<queue_ordering>((static_cast<int>(c.ordering) + 1 + g.below(2)) % 3); break;
            default: c.leave = static_cast<leave_policy>(g.below(3)); c.join = static_cast<join_policy>(g.below(3)); break;
          }
        }
        if (cmd.bad && q) {
          switch (g.below(3)) {
            case 0: c.overflow = id; break;
            case 1: c.max_length = 0; break;
            default: if (queue_order_.size() > 1) c.name = queues_.at(g.pick(queue_order_).value()).cfg.name; else c.overflow = id; break;
          }
        }
        std::error_code expect = q ? predict_queue_config(c, q) : make_error_code(errc::unknown_queue);
        d << t() << "update_queue(" << str(id) << " " << describe(c) << ")";
        if (expect) {
          refused_command(d.str(), now, expect, false, [&] { return router_.update_queue(now, id, c); });
          break;
        }
        const queue_config saved = q->cfg;
        q->cfg = c;
        run_status(d.str(), {}, predictable, [&] { return router_.update_queue(now, id, c); }, [&] { queue(id)->cfg = saved; });
        break;
      }
      case op::remove_queue: {
        if (queue_order_.empty()) return;
        const queue_id id = cmd.bad && g.chance(40) ? stale_queue(g) : g.pick(queue_order_);
        m_queue* q = queue(id);
        queue_id target;
        if (g.chance(70) && !queue_order_.empty()) target = g.pick(queue_order_);
        if (cmd.bad && g.chance(30)) target = stale_queue(g);
        std::error_code expect;
        if (!q) {
          expect = errc::unknown_queue;
        } else if (queue_length(id) > 0) {
          const m_queue* tq = queue(target);
          if (!target) expect = errc::queue_not_empty;
          else if (!tq) expect = errc::unknown_queue;
          else if (target == id) expect = errc::invalid_argument;
          else if (queue_length(target) + queue_length(id) > tq->cfg.max_length) expect = errc::queue_full;
          else {
            for (contact_id cid : live_contacts_) {
              const m_contact& c = contacts_.at(cid.value());
              if (c.queue == id && c.state != contact_state::connected && !tq->cfg.channels.contains(c.channel)) expect = errc::channel_not_accepted;
            }
          }
        }
        if (!cmd.bad && !expect && queues_.size() <= 2) return;
        d << t() << "remove_queue(" << str(id) << " move_to=" << str(target) << ")";
        if (expect) {
          refused_command(d.str(), now, expect, false, [&] { return router_.remove_queue(now, id, target); });
          break;
        }
        run_status(d.str(), {}, predictable, [&] { return router_.remove_queue(now, id, target); });
        if (queue(id)) fail("remove_queue without queue_removed");
        break;
      }
      case op::add_member: case op::update_member: case op::remove_member: {
        if (queue_order_.empty() || agent_order_.empty()) return;
        queue_id qid = g.pick(queue_order_);
        agent_id aid = g.pick(agent_order_);
        if (!cmd.bad) {
          // Prefer a pair for which the command is valid.
          for (int tries = 0; tries < 8; ++tries) {
            const bool member = membership(queues_.at(qid.value()), aid) != nullptr;
            if (member == (cmd.kind != op::add_member)) break;
            qid = g.pick(queue_order_);
            aid = g.pick(agent_order_);
          }
        } else if (g.chance(50)) {
          if (g.chance(50)) qid = stale_queue(g); else aid = stale_agent(g);
        }
        const member_options opts = random_member(g);
        m_queue* q = queue(qid);
        m_agent* a = agent(aid);
        std::error_code expect;
        if (!q) expect = errc::unknown_queue;
        else if (!a) expect = errc::unknown_agent;
        else if (cmd.kind == op::add_member && membership(*q, aid)) expect = errc::already_member;
        else if (cmd.kind != op::add_member && !membership(*q, aid)) expect = errc::not_a_member;
        d << t() << op_name(cmd.kind) << "(" << str(qid) << " " << str(aid);
        if (cmd.kind != op::remove_member) d << " tier=" << opts.tier << " weight=" << opts.weight << (opts.order ? " order=" + std::to_string(*opts.order) : "");
        d << ")";
        auto call = [&]() -> status {
          if (cmd.kind == op::add_member) return router_.add_member(now, qid, aid, opts);
          if (cmd.kind == op::update_member) return router_.update_member(now, qid, aid, opts);
          return router_.remove_member(now, qid, aid);
        };
        if (expect) {
          refused_command(d.str(), now, expect, false, call);
          break;
        }
        if (cmd.kind == op::add_member) {
          q->members.emplace_back(aid, opts);
          a->queues.push_back(qid);
          run_status(d.str(), {}, predictable, call);
        } else if (cmd.kind == op::update_member) {
          for (auto& m : q->members) if (m.first == aid) m.second = opts;
          run_status(d.str(), {}, predictable, call);
        } else {
          run_status(d.str(), {}, predictable, call);
          if (failure_.empty() && queue(qid) && membership(*queue(qid), aid)) fail("remove_member without member_removed");
        }
        break;
      }
      case op::arrive: {
        contact_spec spec;
        spec.channel = random_channel(g);
        spec.queue = queue_order_.empty() || (cmd.bad && g.chance(50)) ? stale_queue(g) : g.pick(queue_order_);
        spec.priority = static_cast<std::int32_t>(g.below(4)) - 1;
        if (g.chance(15)) spec.position = g.below(5);
        if (g.chance(20)) spec.arrival = now - std::chrono::milliseconds(g.below(10000));
        if (g.chance(30)) (void)spec.attributes.set("customer", std::to_string(g.below(1000)));
        if (g.chance(10)) (void)spec.attributes.set("lang", g.chance(50) ? "en" : "fr");
        bool future = false;
        if (cmd.bad && g.chance(25)) {
          spec.arrival = now + std::chrono::milliseconds(1 + g.below(1000));
          future = true;
        }
        if (cmd.bad && g.chance(20)) spec.channel = channel_id(20);
        if (g.chance(35)) spec.requirement = g.pick(req_ids_);
        if (g.chance(10)) spec.escalation = g.pick(plans_).id;
        if (generate_affinity() && g.chance(15) && !agent_order_.empty()) {
          // Affinity: a known agent (often logged out), now and then a stale one.
          spec.preferred_agent = g.chance(90) ? g.pick(agent_order_) : stale_agent(g);
          spec.preferred_wait = std::chrono::milliseconds(g.chance(15) ? 0 : 500 + g.below(8000));
        }
        arriving_preferred_ = spec.preferred_agent;
        arriving_preferred_wait_ = spec.preferred_wait;
        arriving_arrival_ = spec.arrival ? *spec.arrival : now;
        arriving_placed_ = spec.position.has_value();
        bool unknown_id = false;
        if (cmd.bad && g.chance(15)) {
          if (g.chance(50)) spec.requirement = requirement_id(900 + g.below(50), 1);
          else spec.escalation = plan_id(900 + g.below(50), 1);
          unknown_id = true;
        }
        arriving_requirement_ = spec.requirement;
        arriving_plan_ = spec.escalation;
        m_queue* q = queue(spec.queue);
        std::error_code expect;
        if (future) expect = errc::invalid_argument;
        else if (spec.requirement && !requirement_of(spec.requirement)) expect = errc::unknown_requirement;
        else if (spec.escalation && !plan(spec.escalation)) expect = errc::unknown_plan;
        else if (!q) expect = errc::unknown_queue;
        else if (!router_.channels().contains(spec.channel)) expect = errc::unknown_channel;
        else if (!q->cfg.channels.contains(spec.channel)) expect = errc::channel_not_accepted;
        else if (queue_length(spec.queue) >= q->cfg.max_length) expect = errc::queue_full;
        else if ((q->cfg.join == join_policy::refuse_when_none_logged_in && logged_in_members(*q) == 0) ||
                 (q->cfg.join == join_policy::refuse_when_none_ready && ready_members(*q) == 0)) expect = errc::no_agents;
        d << t() << "arrive(" << str(spec.queue) << " " << str(spec.channel) << " prio=" << spec.priority;
        if (spec.position) d << " pos=" << *spec.position;
        if (spec.arrival) d << " arrival=" << ms(*spec.arrival);
        if (const m_requirement* r = requirement_of(spec.requirement)) d << " needs '" << r->text << "'";
        else if (spec.requirement) d << " needs R" << spec.requirement.value();
        if (spec.escalation) d << " plan=P" << spec.escalation.index();
        if (spec.preferred_agent) d << " prefer=" << str(spec.preferred_agent) << "/" << ms(spec.preferred_wait);
        d << ")";
        if (expect && predictable) {
          refused_command(d.str(), now, expect, !future && !unknown_id, [&] { return status(router_.arrive(now, spec).error()); });
          break;
        }
        auto r = router_.arrive(now, spec);
        d << " -> " << (r ? str(*r) : errname(r.error()));
        if (predictable && !r) fail("arrive refused unexpectedly: " + errname(r.error()));
        if (r && std::find(new_contacts_.begin(), new_contacts_.end(), *r) == new_contacts_.end()) fail("arrive returned an id that no contact_queued event named");
        if (!r && refusals_this_command_ != 1) fail("refused arrival without exactly one contact_refused event");
        record(d.str());
        after_command();
        break;
      }
      case op::abandon: case op::route_out: {
        contact_id id;
        auto queued = contacts_in(true);
        auto connected = contacts_in(false);
        if (cmd.bad) id = !connected.empty() && g.chance(50) ? g.pick(connected) : stale_contact(g);
        else if (queued.empty()) return;
        else id = g.pick(queued);
        m_contact* c = contact(id);
        std::error_code expect;
        if (!c) expect = errc::unknown_contact;
        else if (c->state == contact_state::connected) expect = errc::contact_not_waiting;
        d << t() << op_name(cmd.kind) << "(" << str(id) << ")";
        auto call = [&] { return cmd.kind == op::abandon ? router_.abandon(now, id) : router_.route_out(now, id); };
        if (expect) { refused_command(d.str(), now, expect, false, call); break; }
        run_status(d.str(), {}, predictable, call);
        break;
      }
      case op::transfer: {
        if (live_contacts_.empty() && !cmd.bad) return;
        contact_id id = live_contacts_.empty() || (cmd.bad && g.chance(30)) ? stale_contact(g) : g.pick(live_contacts_);
        queue_id to = queue_order_.empty() || (cmd.bad && g.chance(30)) ? stale_queue(g) : g.pick(queue_order_);
        transfer_options o;
        o.keep_arrival = g.chance(60);
        if (g.chance(30)) o.priority = static_cast<std::int32_t>(g.below(4)) - 1;
        m_contact* c = contact(id);
        m_queue* q = queue(to);
        std::error_code expect;
        if (!c) expect = errc::unknown_contact;
        else if (!q) expect = errc::unknown_queue;
        else if (!q->cfg.channels.contains(c->channel)) expect = errc::channel_not_accepted;
        else if ((c->state == contact_state::connected || c->queue != to) && queue_length(to) >= q->cfg.max_length) expect = errc::queue_full;
        d << t() << "transfer(" << str(id) << " -> " << str(to) << (o.keep_arrival ? " keep" : " now")
          << (o.priority ? " prio=" + std::to_string(*o.priority) : "") << ")";
        if (expect) { refused_command(d.str(), now, expect, false, [&] { return router_.transfer(now, id, to, o); }); break; }
        transfer_keep_arrival_ = o.keep_arrival;
        run_status(d.str(), {}, predictable, [&] { return router_.transfer(now, id, to, o); });
        break;
      }
      case op::accept: case op::reject: {
        auto pending = works_in(offer_info::phase::offered);
        offer_id id;
        failure_kind kind = static_cast<failure_kind>(1 + g.below(3));
        if (cmd.bad) {
          const std::uint32_t r = g.below(3);
          auto busy = works_in(r == 0 ? offer_info::phase::connected : offer_info::phase::wrap_up);
          if (cmd.kind == op::reject && r == 2 && !pending.empty()) {
            id = g.pick(pending);
            kind = failure_kind::no_answer;
          } else {
            id = !busy.empty() && g.chance(60) ? g.pick(busy) : stale_offer(g);
          }
        } else if (pending.empty()) {
          return;
        } else {
          id = g.pick(pending);
        }
        m_work* w = work(id);
        std::error_code expect;
        if (cmd.kind == op::reject && kind == failure_kind::no_answer) expect = errc::invalid_argument;
        else if (!w) expect = errc::unknown_offer;
        else if (w->stage != offer_info::phase::offered) expect = errc::offer_not_pending;
        static const char* const kinds[] = {"no_answer", "rejected", "busy", "unreachable"};
        d << t() << op_name(cmd.kind) << "(" << str(id);
        if (w) d << " [" << str(w->contact) << "->" << str(w->agent) << "]";
        if (cmd.kind == op::reject) d << " " << kinds[static_cast<int>(kind)];
        d << ")";
        auto call = [&] { return cmd.kind == op::accept ? router_.accept(now, id) : router_.reject(now, id, kind); };
        if (expect) { refused_command(d.str(), now, expect, false, call); break; }
        run_status(d.str(), {}, predictable, call);
        break;
      }
      case op::complete: {
        auto connected = contacts_in(false);
        contact_id id;
        if (cmd.bad) {
          auto queued = contacts_in(true);
          id = !queued.empty() && g.chance(60) ? g.pick(queued) : stale_contact(g);
        } else if (connected.empty()) {
          return;
        } else {
          id = g.pick(connected);
        }
        m_contact* c = contact(id);
        std::error_code expect;
        if (!c) expect = errc::unknown_contact;
        else if (c->state != contact_state::connected) expect = errc::contact_not_connected;
        d << t() << "complete(" << str(id) << ")";
        if (expect) { refused_command(d.str(), now, expect, false, [&] { return router_.complete(now, id); }); break; }
        run_status(d.str(), {}, predictable, [&] { return router_.complete(now, id); });
        break;
      }
      case op::end_wrap_up: {
        auto wraps = works_in(offer_info::phase::wrap_up);
        offer_id id;
        if (cmd.bad) {
          auto other = works_in(g.chance(50) ? offer_info::phase::offered : offer_info::phase::connected);
          id = !other.empty() && g.chance(60) ? g.pick(other) : stale_offer(g);
        } else if (wraps.empty()) {
          return;
        } else {
          id = g.pick(wraps);
        }
        m_work* w = work(id);
        std::error_code expect;
        if (!w) expect = errc::unknown_offer;
        else if (w->stage != offer_info::phase::wrap_up) expect = errc::not_in_wrap_up;
        d << t() << "end_wrap_up(" << str(id) << ")";
        if (expect) { refused_command(d.str(), now, expect, false, [&] { return router_.end_wrap_up(now, id); }); break; }
        run_status(d.str(), {}, predictable, [&] { return router_.end_wrap_up(now, id); });
        break;
      }
      case op::accept_callback: {
        // Usually a contact that was offered a callback; the router accepts any queued one.
        // Contacts with a pending offer too, unless OMNIROUTE_MODEL_CALLBACK_OFFERED=0: the
        // offers are withdrawn and the queue's leave policy then applies (seed 5 of the CI run
        // found the router skipping it).
        std::vector<contact_id> offered, queued;
        for (contact_id x : contacts_in(true)) {
          if (contacts_.at(x.value()).state == contact_state::offered && !callback_of_offered()) continue;
          queued.push_back(x);
          if (contacts_.at(x.value()).callback_offered) offered.push_back(x);
        }
        contact_id id;
        if (cmd.bad) id = g.chance(50) && !contacts_in(false).empty() ? g.pick(contacts_in(false)) : stale_contact(g);
        else if (!offered.empty() && g.chance(80)) id = g.pick(offered);
        else if (!queued.empty()) id = g.pick(queued);
        else return;
        m_contact* c = contact(id);
        m_queue* q = c ? queue(c->queue) : nullptr;
        std::error_code expect;
        if (!c) expect = errc::unknown_contact;
        else if (c->state == contact_state::connected) expect = errc::contact_not_waiting;
        else if (!q || !q->cfg.channels.contains(channels::callback)) expect = errc::channel_not_accepted;
        d << t() << "accept_callback(" << str(id) << ")";
        auto call = [&] { return router_.accept_callback(now, id); };
        if (expect) { refused_command(d.str(), now, expect, false, call); break; }
        expect_callback_ = id;
        run_status(d.str(), {}, predictable, call);
        break;
      }
      case op::count_: break;
    }
  }

  template <class Call>
  void run_status(const std::string& desc, std::error_code expect, bool predictable, Call&& call) {
    run_status(desc, expect, predictable, std::forward<Call>(call), [] {});
  }
  /// Runs a command the model expects to succeed (when predictable), then checks everything.
  template <class Call, class Revert>
  void run_status(const std::string& desc, std::error_code expect, bool predictable, Call&& call, Revert&& revert) {
    const status s = call();
    record(s ? desc : desc + " -> " + errname(s.error()));
    if (s.error() != expect) {
      if (predictable) fail("expected " + errname(expect) + ", got " + errname(s.error()));
      if (!s) revert();
    }
    after_command();
  }

  /// A command the model says is refused: it must return exactly that error, emit nothing
  /// (an arrival's refusal emits one contact_refused) and leave every query unchanged.
  template <class Call>
  void refused_command(const std::string& desc, time_point now, std::error_code expect, bool refusal_event, Call&& call) {
    ++bad_run_;
    if (router_.now() < now) {
      // Not brought to `now` first (the command fires timers itself): no prediction.
      const status s = call();
      record(desc + " -> " + errname(s.error()) + " (unpredicted)");
      after_command();
      return;
    }
    events_this_command_ = 0;
    refusals_this_command_ = 0;
    const std::string before = snapshot();
    const status s = call();
    record(desc + " -> " + errname(s.error()) + " (expected " + errname(expect) + ")");
    if (s.error() != expect) fail("refused command: expected " + errname(expect) + ", got " + errname(s.error()));
    const std::size_t allowed = refusal_event ? 1 : 0;
    if (events_this_command_ != allowed || refusals_this_command_ != allowed) {
      fail("refused command emitted " + std::to_string(events_this_command_) + " events");
    }
    if (snapshot() != before) fail("refused command changed observable state");
    after_command();
  }

  void after_command() { check_all(); }

  void record(const std::string& s) {
    recent_.push_back(s);
    if (recent_.size() > opt_.trace_keep) recent_.pop_front();
    if (opt_.full_trace) full_.push_back(s);
    if (opt_.log) opt_.log->write_line(s);
  }

  options opt_;
  router router_;
  std::string failure_;
  std::deque<std::string> recent_;
  std::vector<std::string> full_;
  std::size_t executed_ = 0;
  std::size_t offers_seen_ = 0;
  std::size_t bad_run_ = 0;

  std::unordered_map<std::uint64_t, m_agent> agents_;
  std::unordered_map<std::uint64_t, m_queue> queues_;
  std::unordered_map<std::uint64_t, m_contact> contacts_;
  std::unordered_map<std::uint64_t, m_work> works_;
  std::unordered_map<std::uint64_t, m_work> ended_connections_;
  std::vector<agent_id> agent_order_;
  std::vector<queue_id> queue_order_;
  std::vector<contact_id> live_contacts_;
  std::vector<agent_id> dead_agents_;
  std::vector<queue_id> dead_queues_;
  std::vector<contact_id> dead_contacts_;
  std::vector<offer_id> dead_offers_;
  std::vector<contact_id> new_contacts_;
  std::vector<contact_id> terminal_this_command_;
  contact_id expect_transfer_;
  agent_id added_agent_;
  queue_id added_queue_;
  std::uint64_t last_sequence_ = 0;
  time_point last_event_at_{};
  time_point command_now_{};
  std::size_t events_this_command_ = 0;
  std::size_t refusals_this_command_ = 0;
  std::uint64_t name_seq_ = 0;
  bool seeding_ = false;
  // Skills routing.
  std::vector<m_requirement> catalogue_;
  std::vector<requirement_id> req_ids_;    ///< By catalogue index.
  std::vector<requirement_id> plain_ids_;  ///< Without preferred skills, by catalogue index.
  std::unordered_map<std::uint64_t, std::size_t> req_index_;
  std::vector<m_plan> plans_;
  requirement_id arriving_requirement_;
  plan_id arriving_plan_;
  agent_id arriving_preferred_;
  duration arriving_preferred_wait_ = duration::zero();
  time_point arriving_arrival_{};
  bool arriving_placed_ = false;
  bool transfer_keep_arrival_ = true;
  contact_id expect_callback_;
};

// ---- Shrinking ----------------------------------------------------------------------------------

struct outcome {
  std::string failure;
  std::size_t failed_at = 0;
};

struct isolated_outcome {
  std::string failure;  ///< Empty: passed. "crash: ..." when the process died.
  std::size_t failed_at = 0;
  std::size_t executed = 0, offers = 0, refused = 0;
  std::vector<std::string> trace;  ///< The last `keep` commands.
};

#if OMNIROUTE_MODEL_FORK
/// Bounds a replay child: a router that loops (allocating or not) is reported as a failure
/// instead of exhausting the machine's memory or hanging the test. Address space is not
/// limited under sanitizers, which reserve terabytes of shadow memory up front.
inline void limit_child_resources() {
#if !OMNIROUTE_MODEL_SANITIZED
  rlimit mem{};
  mem.rlim_cur = mem.rlim_max = rlim_t{2} << 30;  // 2 GiB; a healthy run needs a few MiB
  setrlimit(RLIMIT_AS, &mem);
#endif
  rlimit cpu{};
  cpu.rlim_cur = cpu.rlim_max = 600;  // seconds; a whole seed takes about one
  setrlimit(RLIMIT_CPU, &cpu);
}
#endif

/// Runs a command list in a child process (when available) so that a crash in the router is
/// reported like any failed check.
inline isolated_outcome run_isolated(std::uint64_t seed, const std::vector<command>& cmds, bool explain,
                                     std::size_t keep, bool quiet = false) {
  isolated_outcome r;
#if OMNIROUTE_MODEL_FORK
  void* mem = mmap(nullptr, sizeof(shared_log), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem != MAP_FAILED) {
    shared_log* log = new (mem) shared_log();
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      // The test framework's crash handlers belong to the parent: die plainly here.
      for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, SIG_DFL);
      if (quiet) {
        if (FILE* devnull = std::freopen("/dev/null", "w", stderr)) (void)devnull;
      }
      limit_child_resources();
      // Nothing may unwind out of the child into the test framework's frames (a second
      // Catch session would run in the child): a throw is a failure like any other.
      try {
        harness::options o;
        o.explain = explain;
        o.log = log;
        harness h(seed, o);
        h.run(cmds);
      } catch (const std::exception& e) {
        std::snprintf(log->failure, sizeof log->failure, "exception: %s", e.what());
      } catch (...) {
        std::snprintf(log->failure, sizeof log->failure, "exception of unknown type");
      }
      log->finished = 1;
      _exit(0);
    }
    int st = 0;
    if (pid > 0) waitpid(pid, &st, 0);
    r.failed_at = log->at;
    r.executed = log->executed;
    r.offers = log->offers;
    r.refused = log->refused;
    r.trace = log->last(keep);
    if (pid < 0) {
      r.failure = "fork failed";
    } else if (!log->finished) {
      r.failure = WIFSIGNALED(st) ? "crash: router process died with signal " + std::to_string(WTERMSIG(st))
                                  : "crash: router process exited early with status " + std::to_string(WEXITSTATUS(st));
    } else {
      r.failure = log->failure;
      if (r.failure.empty()) r.failed_at = cmds.size();
    }
    munmap(mem, sizeof(shared_log));
    return r;
  }
#endif
  harness::options o;
  o.explain = explain;
  o.full_trace = true;
  harness h(seed, o);
  r.failed_at = h.run(cmds);
  r.failure = h.failure();
  r.executed = h.executed();
  r.offers = h.offers_seen();
  r.refused = h.bad_commands();
  const auto& all = h.full();
  r.trace.assign(all.end() - static_cast<std::ptrdiff_t>(std::min(all.size(), keep)), all.end());
  return r;
}

inline outcome replay(std::uint64_t seed, const std::vector<command>& cmds, bool explain) {
  isolated_outcome i = run_isolated(seed, cmds, explain, 0, true);
  outcome r;
  r.failed_at = i.failed_at;
  r.failure = i.failure;
  return r;
}

/// The failure's category: its text up to the first '(' or ':' (ids differ between runs).
inline std::string category(const std::string& f) {
  const std::size_t p = f.find_first_of("(:");
  return f.substr(0, p);
}

/// Delta debugging: removes chunks of commands while the same category of failure persists.
inline std::vector<command> shrink(std::uint64_t seed, std::vector<command> cmds, const std::string& failure,
                                   bool explain, double budget_seconds) {
  const auto start = std::chrono::steady_clock::now();
  const std::string want = category(failure);
  auto still_fails = [&](const std::vector<command>& c, std::size_t& at) {
    outcome o = replay(seed, c, explain);
    at = o.failed_at;
    return !o.failure.empty() && category(o.failure) == want;
  };
  auto out_of_time = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > budget_seconds;
  };
  std::size_t at = 0;
  if (!still_fails(cmds, at)) return cmds;
  cmds.resize(std::min(cmds.size(), at + 1));
  std::size_t chunk = std::max<std::size_t>(1, cmds.size() / 2);
  while (chunk >= 1 && !out_of_time()) {
    bool removed = false;
    for (std::size_t begin = 0; begin < cmds.size() && !out_of_time();) {
      std::vector<command> trial;
      trial.reserve(cmds.size());
      trial.insert(trial.end(), cmds.begin(), cmds.begin() + static_cast<std::ptrdiff_t>(begin));
      trial.insert(trial.end(), cmds.begin() + static_cast<std::ptrdiff_t>(std::min(cmds.size(), begin + chunk)), cmds.end());
      if (!trial.empty() && still_fails(trial, at)) {
        trial.resize(std::min(trial.size(), at + 1));
        cmds = std::move(trial);
        removed = true;
      } else {
        begin += chunk;
      }
    }
    if (!removed) {
      if (chunk == 1) break;
      chunk /= 2;
    }
  }
  // Simplify what remains: commands made deliberately bad, then self-firing timers, then time.
  for (std::size_t i = 0; i < cmds.size() && !out_of_time(); ++i) {
    for (int pass = 0; pass < 3; ++pass) {
      std::vector<command> trial = cmds;
      if (pass == 0 && trial[i].self_timers) trial[i].self_timers = false;
      else if (pass == 1 && trial[i].dt_ms > 0 && trial[i].kind != op::advance) trial[i].dt_ms = 0;
      else continue;
      if (still_fails(trial, at)) cmds = std::move(trial);
    }
  }
  return cmds;
}

}  // namespace omniroute_model

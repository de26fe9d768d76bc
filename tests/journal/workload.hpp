// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A seeded random workload as command values, and invariant checks through the public query
// API. Shared by the replay, crash, fuzz-replay tests and the recovery benchmark.
//
// The workload reads the router it drives (to pick pending offers, waiting contacts, logged-in
// agents), so a stream is reproducible from its seed only against a router that applied the
// same earlier commands; journals record the commands themselves, so replay never needs the
// generator. About 4% of commands are deliberately bad (stale or random handles, time going
// backwards) so journals also carry refusals.
#ifndef OMNIROUTE_TESTS_JOURNAL_WORKLOAD_HPP
#define OMNIROUTE_TESTS_JOURNAL_WORKLOAD_HPP

#include <omniroute/core/random.hpp>
#include <omniroute/journal/command.hpp>
#include <omniroute/router/router.hpp>

#include <string>
#include <vector>

namespace omniroute_journal_test {

using namespace omniroute;

/// What the workload exercises beyond the basic stream.
struct workload_options {
  /// Skills, requirements, escalation plans (relax, widen tiers, raise priority, callbacks),
  /// affinity, service-level targets and selection policies, reserve members, idle-ratio tier
  /// picks, progressive ring: the state a snapshot must carry. Off by default, so the streams
  /// of the replay and crash tests stay the basic ones.
  bool rich = false;
};

class workload {
 public:
  explicit workload(std::uint64_t seed, time_point start = at_seconds(1), workload_options options = {})
      : rng_(seed), now_(start), options_(options) {}

  time_point now() const noexcept { return now_; }

  command next(const router& r) {
    now_ += std::chrono::milliseconds(rng_.below(1500));
    if (options_.rich && setup_ < 6) return setup(r);
    if (r.queue_count() < 3) return at(cmd::add_queue{queue(r)});
    if (r.agent_count() < 6) return at(cmd::add_agent{agent()});
    const std::uint64_t roll = rng_.below(1000);
    if (roll < 230) return arrive(r);
    if (roll < 380) return on_offer(r, offer_info::phase::offered, [&](const offer_info& o) {
      return at(cmd::accept{o.id});
    });
    if (roll < 430) return on_offer(r, offer_info::phase::offered, [&](const offer_info& o) {
      return at(cmd::reject{o.id, rng_.below(2) ? failure_kind::rejected : failure_kind::busy});
    });
    if (roll < 560) return on_offer(r, offer_info::phase::connected, [&](const offer_info& o) {
      return at(cmd::complete{o.contact});
    });
    if (roll < 580) return on_offer(r, offer_info::phase::wrap_up, [&](const offer_info& o) {
      return at(cmd::end_wrap_up{o.id});
    });
    if (roll < 630) return on_waiting(r, [&](contact_id c) { return at(cmd::abandon{c}); });
    if (roll < 650) return on_waiting(r, [&](contact_id c) { return at(cmd::transfer{c, pick(r.queues()), {}}); });
    if (roll < 660) return on_waiting(r, [&](contact_id c) { return at(cmd::route_out{c}); });
    if (roll < 720) return at(cmd::login{pick(r.agents()), rng_.below(3) != 0, 0});
    if (roll < 770) return at(cmd::ready{pick(r.agents())});
    if (roll < 800) return at(cmd::not_ready{pick(r.agents()), 1 + static_cast<reason_code>(rng_.below(3))});
    if (roll < 825) return at(cmd::logout{pick(r.agents())});
    if (roll < 865) return at(cmd::add_member{pick(r.queues()), pick(r.agents()), member()});
    if (roll < 875) return at(cmd::update_member{pick(r.queues()), pick(r.agents()), member()});
    if (roll < 885) return at(cmd::remove_member{pick(r.queues()), pick(r.agents())});
    if (roll < 890) return at(cmd::remove_agent{pick(r.agents())});
    if (roll < 895) return at(cmd::add_agent{agent()});
    if (roll < 900) {
      const queue_id q = pick(r.queues());
      queue_config c = queue(r);
      auto info = r.queue(q);
      if (info) c.name = std::string(info->name);
      return at(cmd::update_queue{q, c});
    }
    if (roll < 903) {
      auto qs = r.queues();
      return at(cmd::remove_queue{pick(qs), pick(qs)});
    }
    if (roll < 960) {
      now_ += std::chrono::milliseconds(rng_.below(30000));
      return at(cmd::advance{});
    }
    if (options_.rich && roll < 975) {
      return on_waiting(r, [&](contact_id c) { return at(cmd::accept_callback{c}); });
    }
    if (options_.rich && roll < 985) {
      const agent_id a = pick(r.agents());
      agent_config c = agent();
      auto info = r.agent(a);
      if (info) c.name = std::string(info->name);
      return at(cmd::update_agent{a, c});
    }
    return bad(r);
  }

 private:
  command at(command_body body) { return command{now_, std::move(body)}; }

  // Rich mode's configuration: skills, an attribute, requirements, escalation plans.
  command setup(const router& r) {
    switch (setup_++) {
      case 0: return at(cmd::add_skill{"billing"});
      case 1: return at(cmd::add_skill{"spanish"});
      case 2: return at(cmd::add_attribute{"site", attribute_kind::enumeration});
      case 3: return at(cmd::add_requirement{"billing >= 3 & spanish"});
      case 4: return at(cmd::add_requirement{"billing >= 1 | site == paris"});
      default: {
        (void)r;
        escalation_plan p;
        escalation_step relax;
        relax.after = std::chrono::seconds(10);
        relax.action = step_action::set_requirement;
        relax.requirement = requirement_id(2, 1);
        p.steps.push_back(relax);
        escalation_step widen;
        widen.after = std::chrono::seconds(20);
        widen.action = step_action::widen_tiers;
        widen.max_tier = 2;
        p.steps.push_back(widen);
        escalation_step raise;
        raise.after = std::chrono::seconds(30);
        raise.condition = step_condition::expected_wait_above;
        raise.wait_above = std::chrono::seconds(5);
        raise.action = step_action::raise_priority;
        raise.priority_delta = 2;
        p.steps.push_back(raise);
        escalation_step callback;
        callback.after = std::chrono::seconds(45);
        callback.condition = step_condition::service_level_below;
        callback.service_level_below = 0.9;
        callback.action = step_action::offer_callback;
        p.steps.push_back(callback);
        return at(cmd::add_escalation_plan{p});
      }
    }
  }

  template <class T>
  T pick(const std::vector<T>& v) {
    return v.empty() ? T() : v[rng_.below(v.size())];
  }

  queue_config queue(const router& r) {
    queue_config c;
    c.name = "q" + std::to_string(names_++);
    static constexpr strategy_kind kinds[] = {strategy_kind::longest_idle, strategy_kind::round_robin,
                                              strategy_kind::linear, strategy_kind::fewest_contacts,
                                              strategy_kind::random, strategy_kind::weighted_random};
    c.strategy.kind = kinds[rng_.below(std::size(kinds))];
    c.ordering = rng_.below(2) ? queue_ordering::priority : queue_ordering::fifo;
    if (rng_.below(3) == 0) c.max_wait = std::chrono::seconds(30 + rng_.below(120));
    if (rng_.below(3) == 0) c.wrap_up = std::chrono::seconds(rng_.below(20));
    c.offers.timeout = std::chrono::seconds(5 + rng_.below(20));
    if (rng_.below(4) == 0) c.max_length = 5 + static_cast<std::uint32_t>(rng_.below(20));
    if (rng_.below(4) == 0) c.overflow = pick(r.queues());
    if (options_.rich) {
      static constexpr strategy_kind more[] = {strategy_kind::progressive_ring, strategy_kind::top_down,
                                               strategy_kind::best_skill};
      if (rng_.below(3) == 0) c.strategy.kind = more[rng_.below(std::size(more))];
      c.strategy.ring_interval = std::chrono::seconds(2 + rng_.below(5));
      c.strategy.tiers_first = rng_.below(2) == 0;
      if (rng_.below(2) == 0) c.escalation = plan_id(1, 1);
      if (rng_.below(4) == 0) c.eligibility = requirement_id(2, 1);
      c.initial_tier_limit = rng_.below(2) == 0 ? 0 : no_tier_limit;
      c.weight = static_cast<std::uint32_t>(rng_.below(3));
      c.service_levels.push_back({channels::voice, 80.0, std::chrono::seconds(5 + rng_.below(20))});
      c.selection.window = std::chrono::minutes(1 + rng_.below(5));
      c.selection.delay_weight = 1.0 + static_cast<double>(rng_.below(3));
      c.selection.target_share = static_cast<double>(rng_.below(60));
      c.selection.allocation_percent = static_cast<double>(rng_.below(60));
      if (rng_.below(2) == 0) {
        c.selection.reserve_below = 70.0;
        c.selection.reserve_until = 85.0;
      }
      if (rng_.below(3) == 0) c.selection.groups = group_pick::idle_ratio;
    }
    return c;
  }

  agent_config agent() {
    agent_config c;
    c.name = "a" + std::to_string(names_++);
    if (rng_.below(4) == 0) c.wrap_up = std::chrono::seconds(rng_.below(10));
    if (options_.rich) {
      c.skills.emplace_back("billing", static_cast<std::uint8_t>(rng_.below(5)));
      if (rng_.below(2) == 0) c.skills.emplace_back("spanish", static_cast<std::uint8_t>(1 + rng_.below(3)));
      if (rng_.below(2) == 0) c.attributes.emplace_back("site", rng_.below(2) == 0 ? "paris" : "lyon");
      if (rng_.below(3) == 0) c.queue_selection = static_cast<queue_selection_policy>(rng_.below(4));
    }
    return c;
  }

  member_options member() {
    member_options m;
    m.tier = static_cast<std::uint32_t>(rng_.below(3));
    m.weight = static_cast<std::uint32_t>(rng_.below(5));
    if (options_.rich) m.reserve = rng_.below(4) == 0;
    return m;
  }

  command arrive(const router& r) {
    contact_spec s;
    s.queue = pick(r.queues());
    s.channel = rng_.below(4) == 0 ? channels::chat : channels::voice;
    s.priority = static_cast<std::int32_t>(rng_.below(4));
    if (rng_.below(3) == 0) (void)s.attributes.set("customer", std::to_string(rng_.below(1000)));
    if (options_.rich) {
      if (rng_.below(3) == 0) s.requirement = requirement_id(1 + static_cast<std::uint32_t>(rng_.below(2)), 1);
      if (rng_.below(4) == 0) s.escalation = plan_id(1, 1);
      if (rng_.below(5) == 0) {
        s.preferred_agent = pick(r.agents());
        s.preferred_wait = std::chrono::seconds(5 + rng_.below(20));
      }
    }
    return at(cmd::arrive{s});
  }

  template <class F>
  command on_offer(const router& r, offer_info::phase stage, F&& make) {
    std::vector<offer_info> found;
    for (agent_id a : r.agents()) {
      for (offer_id o : r.agent_work(a)) {
        auto info = r.offer(o);
        if (info && info->stage == stage) found.push_back(*info);
      }
    }
    if (found.empty()) return at(cmd::advance{});
    return make(found[rng_.below(found.size())]);
  }

  template <class F>
  command on_waiting(const router& r, F&& make) {
    std::vector<contact_id> found;
    for (queue_id q : r.queues()) {
      for (contact_id c : r.waiting_contacts(q)) found.push_back(c);
    }
    if (found.empty()) return at(cmd::advance{});
    return make(found[rng_.below(found.size())]);
  }

  // Commands the router must refuse: random handles, stale ones, time going backwards.
  command bad(const router& r) {
    auto random_handle = [&](auto h) {
      using H = decltype(h);
      return H(static_cast<std::uint32_t>(rng_.below(64)), static_cast<std::uint32_t>(rng_.below(4)));
    };
    switch (rng_.below(6)) {
      case 0: return at(cmd::accept{random_handle(offer_id())});
      case 1: return at(cmd::complete{random_handle(contact_id())});
      case 2: return at(cmd::login{random_handle(agent_id()), true, 0});
      case 3: return at(cmd::abandon{random_handle(contact_id())});
      case 4: {
        command c = at(cmd::ready{pick(r.agents())});
        c.now -= std::chrono::seconds(1);  // time went backwards
        return c;
      }
      default: return at(cmd::remove_queue{random_handle(queue_id()), {}});
    }
  }

  rng rng_;
  time_point now_;
  workload_options options_;
  std::uint64_t names_ = 0;
  int setup_ = 0;
};

/// The invariants of #2 that the public API can see. Returns an empty string when they hold,
/// else what broke. The workload uses no ring-all strategies, so a contact never has two
/// pending offers.
inline std::string check_invariants(const router& r) {
  std::size_t in_queues = 0;
  std::size_t connected = 0;
  for (queue_id q : r.queues()) {
    for (contact_id c : r.waiting_contacts(q)) {
      ++in_queues;
      auto info = r.contact(c);
      if (!info) return "a contact listed in a queue is unknown";
      if (info->queue != q) return "a contact is listed in a queue it is not in";
      if (info->state != contact_state::waiting && info->state != contact_state::offered) {
        return "a queued contact is neither waiting nor offered";
      }
      if (info->offers_pending > 1) return "a contact has two pending offers";
      if ((info->offers_pending > 0) != (info->state == contact_state::offered)) {
        return "a contact's state disagrees with its pending offers";
      }
    }
  }
  for (agent_id a : r.agents()) {
    auto info = r.agent(a);
    if (!info) return "a listed agent is unknown";
    if (info->used_capacity > info->total_capacity) return "an agent is beyond capacity";
    const auto work = r.agent_work(a);
    if (work.size() != std::size_t{info->offers_pending} + info->connected + info->wrapping_up) {
      return "an agent's work disagrees with its counters";
    }
    if (info->presence == presence::logged_out && !work.empty()) return "a logged-out agent holds work";
    for (offer_id o : work) {
      auto w = r.offer(o);
      if (!w) return "an agent's work item is unknown";
      if (w->agent != a) return "a work item names another agent";
      if (w->stage == offer_info::phase::connected) {
        ++connected;
        auto c = r.contact(w->contact);
        if (!c || c->state != contact_state::connected || c->agent != a) {
          return "a connected work item's contact is not connected to its agent";
        }
      } else if (w->stage == offer_info::phase::offered) {
        auto c = r.contact(w->contact);
        if (!c || c->state != contact_state::offered) return "an offer's contact is not offered";
      }
    }
  }
  if (in_queues + connected != r.live_contact_count()) return "a live contact is unaccounted for";
  return {};
}

}  // namespace omniroute_journal_test

#endif  // OMNIROUTE_TESTS_JOURNAL_WORKLOAD_HPP

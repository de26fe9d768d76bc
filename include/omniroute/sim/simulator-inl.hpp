// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_SIM_SIMULATOR_INL_HPP
#define OMNIROUTE_SIM_SIMULATOR_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/sim/simulator.hpp>
#endif

#include <omniroute/ports/observer.hpp>
#include <omniroute/ports/transport.hpp>
#include <omniroute/router/router.hpp>
#include <omniroute/sim/detail/event_queue.hpp>
#include <omniroute/sim/distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {

OMNIROUTE_INLINE queue_counts& queue_counts::operator+=(const queue_counts& o) noexcept {
  offered += o.offered;
  answered += o.answered;
  answered_in_target += o.answered_in_target;
  waited += o.waited;
  abandoned += o.abandoned;
  expired += o.expired;
  refused += o.refused;
  routed_out += o.routed_out;
  unfinished += o.unfinished;
  wait_sum += o.wait_sum;
  completed += o.completed;
  talk_sum += o.talk_sum;
  length_integral += o.length_integral;
  escalations += o.escalations;
  callbacks_offered += o.callbacks_offered;
  callbacks_accepted += o.callbacks_accepted;
  return *this;
}

OMNIROUTE_INLINE group_counts& group_counts::operator+=(const group_counts& o) noexcept {
  logged_in += o.logged_in;
  staffed += o.staffed;
  occupied += o.occupied;
  return *this;
}

OMNIROUTE_INLINE const char* to_string(queue_metric m) noexcept {
  switch (m) {
    case queue_metric::offered: return "offered";
    case queue_metric::answered: return "answered";
    case queue_metric::abandoned: return "abandoned";
    case queue_metric::sl: return "sl";
    case queue_metric::p_wait: return "p_wait";
    case queue_metric::asa: return "asa";
    case queue_metric::p_abandon: return "p_abandon";
    case queue_metric::aht: return "aht";
    case queue_metric::queue_length: return "queue_length";
    case queue_metric::routed_out: return "routed_out";
    case queue_metric::escalations: return "escalations";
    case queue_metric::callbacks_offered: return "callbacks_offered";
    case queue_metric::callbacks_accepted: return "callbacks_accepted";
  }
  return "?";
}

OMNIROUTE_INLINE const char* to_string(group_metric m) noexcept {
  switch (m) {
    case group_metric::occupancy: return "occupancy";
    case group_metric::staffed_agents: return "staffed_agents";
  }
  return "?";
}

OMNIROUTE_INLINE double metric_value(queue_metric m, const queue_counts& c,
                                     double seconds) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const auto ratio = [&](double num, double den) { return den > 0 ? num / den : nan; };
  switch (m) {
    case queue_metric::offered: return c.offered;
    case queue_metric::answered: return c.answered;
    case queue_metric::abandoned: return c.abandoned;
    case queue_metric::sl: return ratio(c.answered_in_target, c.offered);
    case queue_metric::p_wait: return ratio(c.waited, c.offered);
    case queue_metric::asa: return ratio(c.wait_sum, c.offered);
    case queue_metric::p_abandon: return ratio(c.abandoned, c.offered);
    case queue_metric::aht: return ratio(c.talk_sum, c.completed);
    case queue_metric::queue_length: return ratio(c.length_integral, seconds);
    case queue_metric::routed_out: return c.routed_out;
    case queue_metric::escalations: return c.escalations;
    case queue_metric::callbacks_offered: return c.callbacks_offered;
    case queue_metric::callbacks_accepted: return c.callbacks_accepted;
  }
  return nan;
}

OMNIROUTE_INLINE double metric_value(group_metric m, const group_counts& c,
                                     double seconds) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  switch (m) {
    case group_metric::occupancy: return c.staffed > 0 ? c.occupied / c.staffed : nan;
    case group_metric::staffed_agents: return seconds > 0 ? c.staffed / seconds : nan;
  }
  return nan;
}

namespace detail {

/// One replication: the router's host.
class simulation final : public event_observer, public offer_transport {
 public:
  simulation(const scenario& s, std::uint64_t seed)
      : s_(s),
        seed_(seed),
        router_(make_options(s, seed)),
        agent_rng_(derive_seed(seed, 0xa9e47)),
        callback_rng_(derive_seed(seed, 0xca11ba)),
        bins_(static_cast<std::size_t>(std::ceil((s.horizon - s.warmup) / s.interval))),
        horizon_ns_(seconds(s.horizon).count()) {
    if (bins_ == 0) bins_ = 1;
  }

  result<replication_result> run(std::string* why, progress_fn progress, void* context) {
    if (status st = setup(why); !st) return st.error();
    router_.set_observer(this);
    const std::size_t nchannels = router_.channels().size();
    for (std::size_t c = 0; c < nchannels; ++c) {
      (void)router_.set_transport(channel_id(static_cast<std::uint8_t>(c)), this);
    }
    schedule_agents();
    events_.start(1024 + 2 * agents_.size());
    for (std::size_t i = 0; i < s_.arrivals.size(); ++i) schedule_next_arrival(i, 0.0, true);

    const std::int64_t horizon_ns = horizon_ns_;
    const double end_s = s_.horizon + s_.drain;
    const std::int64_t end_ns = std::isfinite(end_s) && end_s < 9e9
                                    ? seconds(end_s).count()
                                    : std::numeric_limits<std::int64_t>::max() - 1;
    std::uint64_t steps = 0;
    for (;;) {
      const std::int64_t rd = router_.next_deadline().time_since_epoch().count();
      const std::int64_t ht = events_.next_time();
      const std::int64_t next = std::min(rd, ht);
      if (next == std::numeric_limits<std::int64_t>::max() || next > end_ns) break;
      if (rd <= ht) {
        (void)router_.advance(time_point(duration(rd)));
      } else {
        handle(events_.pop());
      }
      if (next >= horizon_ns && router_.live_contact_count() == 0) break;
      if (progress && (++steps & 0xFFFF) == 0) {
        progress(context, std::min(1.0, to_seconds(router_.now()) / s_.horizon));
      }
    }
    finish();
    return std::move(out_);
  }

 protected:
  void on_event(const event& e) override {
    ++out_.events;
    switch (e.kind) {
      case event_kind::contact_queued: on_queued(e); break;
      case event_kind::contact_offered: {
        contact_rec& c = rec(e.contact);
        if (c.first_offer < 0) c.first_offer = now_s(e);
        break;
      }
      case event_kind::contact_connected: on_connected(e); break;
      case event_kind::contact_completed: on_completed(e); break;
      case event_kind::contact_abandoned: on_left(e, &queue_counts::abandoned); break;
      case event_kind::contact_expired: on_left(e, &queue_counts::expired); break;
      case event_kind::contact_routed_out: on_routed_out(e); break;
      case event_kind::contact_transferred: {
        contact_rec& c = rec(e.contact);
        change_length(c.current_queue, now_s(e), -1);
        break;
      }
      case event_kind::agent_state_changed: on_agent_state(e); break;
      case event_kind::escalation_step: count(e, &queue_counts::escalations); break;
      case event_kind::callback_offered: count(e, &queue_counts::callbacks_offered); break;
      case event_kind::callback_accepted: {
        count(e, &queue_counts::callbacks_accepted);
        rec(e.contact).callback = true;  // the customer hung up: no more abandoning
        stop_waiting(e.contact);
        break;
      }
      default: break;
    }
  }

  void on_offer(const offer_request& r) override {
    const agent_rec& a = agents_[r.agent.index()];
    const agent_group_spec& g = s_.agents[a.group];
    if (g.answer_probability < 1 && agent_rng_.generator().uniform() >= g.answer_probability) {
      return;  // rings until the queue's offer timeout
    }
    const double delay = agent_rng_.sample(answer_delays_[a.group]);
    push(r.at.time_since_epoch().count() + seconds(delay).count(), host_event::answer,
         r.offer.value(), 0);
  }
  void on_cancel(const offer_cancellation&) override {}
  void on_callback_offer(const escalation_request& r) override {
    const double p = s_.queues[queue_index_[r.queue.index()]].callback_acceptance;
    if (p <= 0 || callback_rng_.generator().uniform() >= p) return;
    push(r.at.time_since_epoch().count(), host_event::callback, r.contact.value(), 0);
  }

 private:
  struct contact_rec {
    std::uint64_t id = 0;
    double arrival = 0;
    double first_offer = -1;
    double connected = 0;
    double handle = 0;
    std::int32_t bin = -1;  ///< Arrival interval; -1: not counted (warm-up).
    std::uint32_t arrival_queue = 0;
    std::uint32_t current_queue = 0;
    std::uint8_t state = 0;  ///< 0 free, 1 queued, 2 connected.
    bool callback = false;   ///< Took a callback: waits without abandoning.
  };
  struct agent_rec {
    agent_id id;
    std::uint32_t group = 0;
    std::uint32_t index_in_group = 0;
    agent_state state = agent_state::logged_out;
    bool in_shift = false;
    bool on_break = false;
    bool pending_logout = false;
  };
  /// One agent group's agents per state, and the time its agent-seconds were counted up to:
  /// together, as every agent state change reads and writes all of them.
  struct group_rec {
    std::array<std::uint32_t, 6> n{};
    double count = 0;  ///< Agents in the group (the scenario's count, converted once).
    double since = 0;
  };
  /// A resolved requirement_choice.
  struct choice_state {
    requirement_id requirement;
    plan_id plan;
    double cumulative = 1;  ///< Sum of the probabilities up to this choice.
    std::optional<std::int32_t> priority;
  };
  struct stream_state {
    variate_source variates;
    prepared_distribution handle_time;
    prepared_distribution patience;
    std::size_t next_row = 0;
    std::vector<choice_state> choices;
  };
  struct pending_arrival {
    double arrival = 0;
    double handle = 0;
    std::int32_t bin = -1;
    std::uint32_t queue = 0;
  };

  static router_options make_options(const scenario& s, std::uint64_t seed) {
    router_options o;
    o.seed = derive_seed(seed, 0x5eed);
    std::uint64_t agents = 0;
    for (const auto& g : s.agents) agents += g.count;
    o.expected_agents = static_cast<std::uint32_t>(std::max<std::uint64_t>(agents, 16));
    o.expected_contacts = static_cast<std::uint32_t>(std::max<std::uint64_t>(4 * agents, 1024));
    return o;
  }

  double now_s(const event& e) noexcept { return seconds_at(e.at); }

  /// to_seconds(t), remembered for the last instant asked: the events of one command share
  /// it, and the conversion is a division.
  double seconds_at(time_point t) noexcept {
    const std::int64_t ns = t.time_since_epoch().count();
    if (ns != last_ns_) {
      last_ns_ = ns;
      last_seconds_ = to_seconds(t);
    }
    return last_seconds_;
  }

  contact_rec& rec(contact_id id) noexcept { return contacts_[id.index()]; }

  status setup(std::string* why) {
    auto fail = [&](std::error_code ec, std::string where) -> status {
      if (why) *why = where + ": " + ec.message();
      return ec;
    };
    auto qpath = [](std::size_t i) { return "$.queues[" + std::to_string(i) + "]"; };
    for (std::size_t i = 0; i < s_.channels.size(); ++i) {
      const channel_spec& c = s_.channels[i];
      auto id = router_.register_channel(c.name, c.kind, c.cost, c.blocks);
      if (!id) return fail(id.error(), "$.channels[" + std::to_string(i) + "]");
    }
    for (std::size_t i = 0; i < s_.skills.size(); ++i) {
      if (auto id = router_.add_skill(s_.skills[i]); !id) {
        return fail(id.error(), "$.skills[" + std::to_string(i) + "]");
      }
    }
    for (const attribute_spec& a : s_.attributes) {
      if (auto id = router_.add_attribute(a.name, a.kind); !id) {
        return fail(id.error(), "$.attributes." + a.name);
      }
    }
    // Agents first: their attribute values must be interned before requirements that name
    // them are parsed (a value nobody holds never matches).
    std::vector<std::vector<agent_id>> group_agents(s_.agents.size());
    for (std::size_t g = 0; g < s_.agents.size(); ++g) {
      const agent_group_spec& spec = s_.agents[g];
      agent_config cfg = spec.config;
      if (!cfg.capacity) cfg.capacity = capacity_profile::standard(router_.channels());
      cfg.capacity->channels = cfg.capacity->channels & spec.channels;
      for (std::uint32_t k = 0; k < spec.count; ++k) {
        cfg.name = spec.name + "-" + std::to_string(k + 1);
        auto id = router_.add_agent(time_point(), cfg);
        if (!id) return fail(id.error(), "$.agents[" + std::to_string(g) + "]");
        if (agents_.size() <= id->index()) agents_.resize(id->index() + 1);
        agent_rec& a = agents_[id->index()];
        a.id = *id;
        a.group = static_cast<std::uint32_t>(g);
        a.index_in_group = k;
        group_agents[g].push_back(*id);
      }
    }
    auto requirement_of = [&](const std::string& text, const std::string& where,
                              requirement_id& out) -> status {
      parse_diagnostic diag;
      auto id = router_.add_requirement(text, &diag);
      if (!id) {
        if (why) *why = where + ": " + (diag.message.empty() ? id.error().message() : diag.message);
        return id.error();
      }
      out = *id;
      return {};
    };
    queue_ids_.reserve(s_.queues.size());
    std::vector<requirement_id> eligibility(s_.queues.size());
    for (std::size_t i = 0; i < s_.queues.size(); ++i) {
      queue_config cfg = s_.queues[i].config;
      cfg.overflow = queue_id();
      cfg.escalation = plan_id();
      if (s_.queues[i].eligibility) {
        if (status st = requirement_of(*s_.queues[i].eligibility, qpath(i) + ".eligibility",
                                       eligibility[i]); !st) {
          return st;
        }
      }
      cfg.eligibility = eligibility[i];
      auto id = router_.add_queue(time_point(), cfg);
      if (!id) return fail(id.error(), qpath(i));
      queue_ids_.push_back(*id);
      if (queue_index_.size() <= id->index()) queue_index_.resize(id->index() + 1, 0);
      queue_index_[id->index()] = static_cast<std::uint32_t>(i);
    }
    auto plan_of = [&](const plan_spec& spec, const std::string& where, plan_id& out) -> status {
      escalation_plan plan;
      for (std::size_t k = 0; k < spec.size(); ++k) {
        escalation_step st = spec[k].step;
        st.requirement = requirement_id();
        st.queue = queue_id();
        if (st.action == step_action::set_requirement) {
          if (status r = requirement_of(spec[k].requirement,
                                        where + "[" + std::to_string(k) + "].requirement",
                                        st.requirement); !r) {
            return r;
          }
        }
        if (st.action == step_action::move_to_queue) st.queue = queue_ids_[spec[k].queue];
        plan.steps.push_back(std::move(st));
      }
      auto id = router_.add_escalation_plan(plan);
      if (!id) return fail(id.error(), where);
      out = *id;
      return {};
    };
    for (std::size_t i = 0; i < s_.queues.size(); ++i) {
      const queue_spec& q = s_.queues[i];
      if (!q.overflow && q.escalation.empty()) continue;
      queue_config cfg = q.config;
      cfg.overflow = q.overflow ? queue_ids_[*q.overflow] : queue_id();
      cfg.eligibility = eligibility[i];
      if (!q.escalation.empty()) {
        if (status st = plan_of(q.escalation, qpath(i) + ".escalation", cfg.escalation); !st) return st;
      }
      if (status st = router_.update_queue(time_point(), queue_ids_[i], cfg); !st) {
        return fail(st.error(), qpath(i) + (q.overflow ? ".overflow" : ".escalation"));
      }
    }
    for (std::size_t g = 0; g < s_.agents.size(); ++g) {
      const agent_group_spec& spec = s_.agents[g];
      for (const agent_id id : group_agents[g]) {
        for (std::size_t m = 0; m < spec.queues.size(); ++m) {
          const membership_spec& ms = spec.queues[m];
          if (status st = router_.add_member(time_point(), queue_ids_[ms.queue], id, ms.options);
              !st) {
            return fail(st.error(), "$.agents[" + std::to_string(g) + "].queues[" +
                                        std::to_string(m) + "]");
          }
        }
      }
    }
    streams_.reserve(s_.arrivals.size());
    for (std::size_t i = 0; i < s_.arrivals.size(); ++i) {
      stream_state st{variate_source(derive_seed(seed_, i + 1)),
                      prepared_distribution(s_.arrivals[i].handle_time),
                      prepared_distribution(s_.arrivals[i].patience), 0, {}};
      const std::string ap = "$.arrivals[" + std::to_string(i) + "].requirements[";
      double cumulative = 0;
      for (std::size_t k = 0; k < s_.arrivals[i].requirements.size(); ++k) {
        const requirement_choice& c = s_.arrivals[i].requirements[k];
        choice_state cs;
        if (status r = requirement_of(c.requirement, ap + std::to_string(k) + "].requirement",
                                      cs.requirement); !r) {
          return r;
        }
        if (c.escalation) {
          if (status r = plan_of(*c.escalation, ap + std::to_string(k) + "].escalation", cs.plan); !r) {
            return r;
          }
        }
        cumulative += c.probability;
        cs.cumulative = cumulative;
        cs.priority = c.priority;
        st.choices.push_back(cs);
      }
      if (!st.choices.empty()) st.choices.back().cumulative = 2;  // rounding never falls off the end
      streams_.push_back(std::move(st));
    }
    const std::vector<std::string> dests = destinations(s_);
    destinations_.clear();
    for (const auto& d : dests) destinations_.push_back(d);
    out_.routed_out_to.assign(s_.queues.size(),
                              std::vector<std::vector<double>>(dests.size(), std::vector<double>(bins_)));
    out_.seed = seed_;
    out_.queues.assign(s_.queues.size(), std::vector<queue_counts>(bins_));
    out_.groups.assign(s_.agents.size(), std::vector<group_counts>(bins_));
    waiting_.assign(s_.queues.size(), 0);
    waiting_since_.assign(s_.queues.size(), 0.0);
    groups_.assign(s_.agents.size(), {});
    answer_delays_.clear();
    for (const agent_group_spec& g : s_.agents) answer_delays_.emplace_back(g.answer_delay);
    for (std::size_t g = 0; g < s_.agents.size(); ++g) {
      groups_[g].n[static_cast<std::size_t>(agent_state::logged_out)] = s_.agents[g].count;
      groups_[g].count = s_.agents[g].count;
    }
    contacts_.resize(1024);
    return {};
  }

  void push(std::int64_t t, host_event::kind_t kind, std::uint64_t id, std::uint32_t index) {
    events_.push(t, kind, carries_index(kind) ? index : id);
  }
  void push_s(double t, host_event::kind_t kind, std::uint64_t id, std::uint32_t index) {
    push(seconds(t).count(), kind, id, index);
  }
  void plan_s(double t, host_event::kind_t kind, std::uint64_t id, std::uint32_t index) {
    events_.plan(seconds(t).count(), kind, id, index);
  }

  void schedule_agents() {
    for (std::uint32_t i = 0; i < agents_.size(); ++i) {
      const agent_rec& a = agents_[i];
      if (!a.id) continue;
      const agent_group_spec& g = s_.agents[a.group];
      if (g.shifts.empty()) {
        plan_s(0, host_event::shift_start, 0, i);
        continue;
      }
      const double offset = g.stagger_seconds * a.index_in_group / g.count;
      for (std::size_t k = 0; k < g.shifts.size(); ++k) {
        const shift_spec& sh = g.shifts[k];
        plan_s(sh.start + offset, host_event::shift_start, k, i);
        for (std::size_t b = 0; b < sh.breaks.size(); ++b) {
          plan_s(sh.breaks[b].start + offset, host_event::break_start, (k << 32) | b, i);
          plan_s(sh.breaks[b].end + offset, host_event::break_end, 0, i);
        }
        plan_s(sh.end + offset, host_event::shift_end, 0, i);
      }
    }
  }

  /// The next arrival of stream i at or after `from`; nothing past the horizon.
  void schedule_next_arrival(std::size_t i, double from, bool first) {
    const arrival_spec& a = s_.arrivals[i];
    stream_state& st = streams_[i];
    double t = std::numeric_limits<double>::infinity();
    switch (a.kind) {
      case arrival_kind::poisson:
        if (a.rate > 0) t = from + st.variates.exponential(1 / a.rate);
        break;
      case arrival_kind::piecewise: {
        double x = std::max(from, a.start);
        for (;;) {
          const double k = std::floor((x - a.start) / a.interval);
          if (k >= static_cast<double>(a.rates.size()) || x >= s_.horizon) break;
          const double rate = a.rates[static_cast<std::size_t>(k)];
          const double end = a.start + (k + 1) * a.interval;
          if (rate > 0) {
            const double y = x + st.variates.exponential(1 / rate);
            if (y < end) {
              t = y;
              break;
            }
          }
          x = end;  // memoryless: restart at the boundary with the next rate
        }
        break;
      }
      case arrival_kind::trace:
        if (!first) ++st.next_row;
        if (st.next_row < a.rows.size()) t = a.rows[st.next_row].time;
        break;
    }
    if (t < s_.horizon) push_s(t, host_event::arrival, 0, static_cast<std::uint32_t>(i));
  }

  std::int32_t bin_of(double t) const noexcept {
    if (t < s_.warmup || t >= s_.horizon) return -1;
    const auto b = static_cast<std::int64_t>((t - s_.warmup) / s_.interval);
    return static_cast<std::int32_t>(std::min<std::int64_t>(b, static_cast<std::int64_t>(bins_) - 1));
  }

  /// Adds `per_second` × the overlap of [t0, t1) with each interval of [warmup, horizon).
  template <class F>
  void spread(double t0, double t1, F add) const {
    t0 = std::max(t0, s_.warmup);
    t1 = std::min(t1, s_.horizon);
    while (t0 < t1) {
      const std::int32_t b = bin_of(t0);
      if (b < 0) return;
      const double bin_end = b + 1 == static_cast<std::int32_t>(bins_)
                                 ? s_.horizon
                                 : s_.warmup + (b + 1) * s_.interval;
      const double e = std::min(t1, bin_end);
      if (e <= t0) return;
      add(static_cast<std::size_t>(b), e - t0);
      t0 = e;
    }
  }

  void change_length(std::uint32_t q, double now, int delta) {
    const double since = waiting_since_[q];
    if (now > since && waiting_[q] > 0) {
      const double n = waiting_[q];
      auto& bins = out_.queues[q];
      spread(since, now, [&](std::size_t b, double dt) { bins[b].length_integral += n * dt; });
    }
    waiting_since_[q] = now;
    waiting_[q] = static_cast<std::uint32_t>(static_cast<int>(waiting_[q]) + delta);
  }

  void accumulate_group(std::uint32_t g, double now) {
    group_rec& r = groups_[g];
    const double since = r.since;
    if (now <= since) return;
    const auto& n = r.n;
    const double logged_out = n[static_cast<std::size_t>(agent_state::logged_out)];
    const double not_ready = n[static_cast<std::size_t>(agent_state::not_ready)];
    const double occupied = n[static_cast<std::size_t>(agent_state::busy)] +
                            n[static_cast<std::size_t>(agent_state::wrap_up)];
    const double logged_in = r.count - logged_out;
    const double staffed = logged_in - not_ready;
    r.since = now;
    if (logged_in == 0) return;
    auto& bins = out_.groups[g];
    spread(since, now, [&](std::size_t b, double dt) {
      bins[b].logged_in += logged_in * dt;
      bins[b].staffed += staffed * dt;
      bins[b].occupied += occupied * dt;
    });
  }

  void on_queued(const event& e) {
    const std::uint32_t idx = e.contact.index();
    if (idx >= contacts_.size()) contacts_.resize(std::max<std::size_t>(idx + 1, contacts_.size() * 2));
    contact_rec& c = contacts_[idx];
    const std::uint32_t q = queue_index_[e.queue.index()];
    if (c.state == 0 || c.id != e.contact.value()) {
      c = contact_rec();
      c.id = e.contact.value();
      c.arrival = pending_.arrival;
      c.handle = pending_.handle;
      c.bin = pending_.bin;
      c.arrival_queue = pending_.queue;
      c.state = 1;
      if (c.bin >= 0) out_.queues[c.arrival_queue][static_cast<std::size_t>(c.bin)].offered += 1;
    }
    c.current_queue = q;
    change_length(q, now_s(e), +1);
  }

  void on_connected(const event& e) {
    contact_rec& c = rec(e.contact);
    const double now = now_s(e);
    change_length(c.current_queue, now, -1);
    stop_waiting(e.contact);
    c.state = 2;
    c.connected = now;
    if (c.bin >= 0) {
      queue_counts& k = out_.queues[c.arrival_queue][static_cast<std::size_t>(c.bin)];
      const double wait = now - c.arrival;
      k.answered += 1;
      k.wait_sum += wait;
      if (wait <= s_.queues[c.arrival_queue].service_level_seconds) k.answered_in_target += 1;
      if (c.first_offer > c.arrival) k.waited += 1;
    }
    push(e.at.time_since_epoch().count() + seconds(c.handle).count(), host_event::complete,
         c.id, 0);
  }

  void on_completed(const event& e) {
    contact_rec& c = rec(e.contact);
    if (c.bin >= 0) {
      queue_counts& k = out_.queues[c.arrival_queue][static_cast<std::size_t>(c.bin)];
      k.completed += 1;
      k.talk_sum += now_s(e) - c.connected;
    }
    c.state = 0;
    agent_rec& a = agents_[e.agent.index()];
    if (a.pending_logout) push(e.at.time_since_epoch().count(), host_event::logout_retry, 0, e.agent.index());
  }

  void on_left(const event& e, double queue_counts::*counter) {
    contact_rec& c = rec(e.contact);
    const double now = now_s(e);
    if (c.state == 1) change_length(c.current_queue, now, -1);
    stop_waiting(e.contact);
    if (c.bin >= 0) {
      queue_counts& k = out_.queues[c.arrival_queue][static_cast<std::size_t>(c.bin)];
      k.*counter += 1;
      k.wait_sum += now - c.arrival;
      if (!(c.first_offer >= 0 && c.first_offer <= c.arrival)) k.waited += 1;
    }
    c.state = 0;
  }

  /// The contact no longer waits for an agent: it can no longer abandon.
  void stop_waiting(contact_id c) noexcept { events_.cancel(c.index()); }

  /// Counts one more of `field` for the contact's arrival queue and interval.
  void count(const event& e, double queue_counts::*field) {
    const contact_rec& c = rec(e.contact);
    if (c.bin >= 0) out_.queues[c.arrival_queue][static_cast<std::size_t>(c.bin)].*field += 1;
  }

  void on_routed_out(const event& e) {
    const contact_rec& c = rec(e.contact);
    if (c.bin >= 0 && e.destination) {
      for (std::size_t d = 0; d < destinations_.size(); ++d) {
        if (destinations_[d] == e.destination) {
          out_.routed_out_to[c.arrival_queue][d][static_cast<std::size_t>(c.bin)] += 1;
          break;
        }
      }
    }
    on_left(e, &queue_counts::routed_out);
  }

  void on_agent_state(const event& e) {
    const std::uint32_t i = e.agent.index();
    if (i >= agents_.size()) return;
    agent_rec& a = agents_[i];
    const double now = now_s(e);
    accumulate_group(a.group, now);
    auto& n = groups_[a.group].n;
    --n[static_cast<std::size_t>(a.state)];
    a.state = e.state;
    ++n[static_cast<std::size_t>(a.state)];
    if (e.state == agent_state::not_ready && e.reason >= reason_codes::system_base &&
        e.previous != agent_state::not_ready) {
      push_s(now + s_.agents[a.group].recover_seconds, host_event::recover, 0, i);
    }
  }

  void handle(const host_event& e) {
    const time_point now{duration(e.t)};
    switch (e.kind) {
      case host_event::arrival: arrive(e.index, now); break;
      case host_event::abandon: {
        const contact_rec& c = contacts_[static_cast<std::uint32_t>(e.id)];
        if (c.state == 1 && c.id == e.id && !c.callback) {
          ++out_.events;
          (void)router_.abandon(now, contact_id(static_cast<std::uint32_t>(e.id),
                                                static_cast<std::uint32_t>(e.id >> 32)));
        }
        break;
      }
      case host_event::callback: {
        const contact_rec& c = contacts_[static_cast<std::uint32_t>(e.id)];
        if (c.state == 1 && c.id == e.id && !c.callback) {
          ++out_.events;
          (void)router_.accept_callback(now, contact_id(static_cast<std::uint32_t>(e.id),
                                                        static_cast<std::uint32_t>(e.id >> 32)));
        }
        break;
      }
      case host_event::answer:
        ++out_.events;
        (void)router_.accept(now, offer_id(static_cast<std::uint32_t>(e.id),
                                           static_cast<std::uint32_t>(e.id >> 32)));
        break;
      case host_event::complete:
        ++out_.events;
        (void)router_.complete(now, contact_id(static_cast<std::uint32_t>(e.id),
                                               static_cast<std::uint32_t>(e.id >> 32)));
        break;
      case host_event::shift_start: {
        agent_rec& a = agents_[e.index];
        a.in_shift = true;
        a.on_break = false;
        if (a.pending_logout) {
          // The previous shift's last contact is still connected: carry on into this one.
          a.pending_logout = false;
          ++out_.events;
          (void)router_.ready(now, a.id);
        } else {
          ++out_.events;
          (void)router_.login(now, a.id, true);
        }
        break;
      }
      case host_event::break_start: {
        agent_rec& a = agents_[e.index];
        if (!a.in_shift) break;
        const shift_spec& sh = s_.agents[a.group].shifts[e.id >> 32];
        a.on_break = true;
        ++out_.events;
        (void)router_.not_ready(now, a.id, sh.breaks[e.id & 0xFFFFFFFFu].reason);
        break;
      }
      case host_event::break_end: {
        agent_rec& a = agents_[e.index];
        if (!a.in_shift || !a.on_break) break;
        a.on_break = false;
        ++out_.events;
        (void)router_.ready(now, a.id);
        break;
      }
      case host_event::shift_end: {
        agent_rec& a = agents_[e.index];
        a.in_shift = false;
        a.on_break = false;
        ++out_.events;
        if (status st = router_.logout(now, a.id); !st && st.error() == errc::has_active_contacts) {
          a.pending_logout = true;
          ++out_.events;
          (void)router_.not_ready(now, a.id, end_of_shift_reason);
        }
        break;
      }
      case host_event::logout_retry: {
        agent_rec& a = agents_[e.index];
        if (!a.pending_logout) break;
        ++out_.events;
        if (router_.logout(now, a.id)) a.pending_logout = false;
        break;
      }
      case host_event::recover: {
        agent_rec& a = agents_[e.index];
        if (!a.in_shift || a.on_break || a.pending_logout) break;
        const auto info = router_.agent(a.id);
        if (!info || info->presence != presence::not_ready) break;
        ++out_.events;
        (void)router_.ready(now, a.id);
        break;
      }
    }
  }

  void arrive(std::uint32_t i, time_point now) {
    const arrival_spec& a = s_.arrivals[i];
    stream_state& st = streams_[i];
    const double t = seconds_at(now);
    if (a.kind == arrival_kind::trace) {
      const trace_row& row = a.rows[st.next_row];
      spec_.queue = queue_ids_[row.queue];
      spec_.channel = row.channel;
      spec_.priority = row.priority;
      pending_.queue = static_cast<std::uint32_t>(row.queue);
    } else {
      spec_.queue = queue_ids_[a.queue];
      spec_.channel = a.channel;
      spec_.priority = a.priority;
      pending_.queue = static_cast<std::uint32_t>(a.queue);
    }
    spec_.requirement = requirement_id();
    spec_.escalation = plan_id();
    if (!st.choices.empty()) {
      const choice_state* c = &st.choices.front();
      if (st.choices.size() > 1) {
        const double u = st.variates.generator().uniform();
        for (const choice_state& x : st.choices) {
          c = &x;
          if (u < x.cumulative) break;
        }
      }
      spec_.requirement = c->requirement;
      spec_.escalation = c->plan;
      if (c->priority) spec_.priority = *c->priority;
    }
    pending_.arrival = t;
    pending_.handle = st.variates.sample(st.handle_time);
    pending_.bin = bin_of(t);
    const double patience = st.variates.sample(st.patience);
    ++out_.events;
    ++out_.contacts;
    result<contact_id> id = router_.arrive(now, spec_);
    if (id) {
      if (std::isfinite(patience)) {
        const std::int64_t at = now.time_since_epoch().count() + seconds(patience).count();
        // Most contacts are answered long before they would give up: their abandon is taken
        // back then (stop_waiting). One due at or after the horizon stays to be popped and
        // dropped, as every abandon once did, because the run's stop test looks at every event
        // past the horizon: a run must end at the same event, so give the same results.
        if (at < horizon_ns_) {
          events_.push_cancellable(at, host_event::abandon, id->value());
        } else {
          push(at, host_event::abandon, id->value(), 0);
        }
      }
    } else if (pending_.bin >= 0) {
      queue_counts& k = out_.queues[pending_.queue][static_cast<std::size_t>(pending_.bin)];
      k.offered += 1;
      k.refused += 1;
      k.waited += 1;
    }
    schedule_next_arrival(i, t, false);
  }

  void finish() {
    const double end = std::max(to_seconds(router_.now()), s_.horizon);
    out_.end_time = to_seconds(router_.now());
    for (std::uint32_t g = 0; g < groups_.size(); ++g) accumulate_group(g, end);
    for (std::uint32_t q = 0; q < waiting_.size(); ++q) change_length(q, end, 0);
    const double stop = to_seconds(router_.now());
    for (const contact_rec& c : contacts_) {
      if (c.state != 1 || c.bin < 0) continue;
      queue_counts& k = out_.queues[c.arrival_queue][static_cast<std::size_t>(c.bin)];
      k.unfinished += 1;
      k.wait_sum += stop - c.arrival;
      if (!(c.first_offer >= 0 && c.first_offer <= c.arrival)) k.waited += 1;
    }
  }

  static constexpr reason_code end_of_shift_reason = 0xFFFE;

  const scenario& s_;
  std::uint64_t seed_;
  router router_;
  variate_source agent_rng_;
  variate_source callback_rng_;
  std::size_t bins_;
  std::int64_t horizon_ns_;
  std::int64_t last_ns_ = 0;  ///< seconds_at's last instant...
  double last_seconds_ = 0;   ///< ...in seconds.
  replication_result out_;
  event_queue events_;
  std::vector<queue_id> queue_ids_;
  std::vector<std::uint32_t> queue_index_;
  std::vector<agent_rec> agents_;
  std::vector<stream_state> streams_;
  std::vector<prepared_distribution> answer_delays_;  ///< Per agent group.
  std::vector<std::string> destinations_;
  std::vector<contact_rec> contacts_;
  std::vector<std::uint32_t> waiting_;
  std::vector<double> waiting_since_;
  std::vector<group_rec> groups_;
  contact_spec spec_;
  pending_arrival pending_;
};

}  // namespace detail

OMNIROUTE_INLINE result<replication_result> run_replication(const scenario& s,
                                                            std::uint64_t seed, std::string* why,
                                                            progress_fn progress,
                                                            void* context) {
  OMNIROUTE_ASSERT(validate(s).empty(), "run_replication: the scenario does not validate");
  detail::simulation sim(s, seed);
  return sim.run(why, progress, context);
}

OMNIROUTE_INLINE experiment_result summarise(const scenario& s,
                                             const std::vector<replication_result>& runs) {
  experiment_result r;
  r.name = s.name;
  r.replications = static_cast<std::uint32_t>(runs.size());
  r.batch_means = s.batch_means;
  r.warmup = s.warmup;
  r.horizon = s.horizon;
  r.interval = s.interval;
  if (!runs.empty()) r.seed = runs.front().seed;
  for (const auto& run : runs) {
    r.events += run.events;
    r.contacts += run.contacts;
  }
  const std::size_t bins = runs.empty() || runs.front().queues.empty()
                               ? (runs.empty() || runs.front().groups.empty()
                                      ? 0
                                      : runs.front().groups.front().size())
                               : runs.front().queues.front().size();
  const double span = s.horizon - s.warmup;
  auto bin_seconds = [&](std::size_t b) {
    return std::min(s.interval, s.horizon - s.warmup - static_cast<double>(b) * s.interval);
  };
  std::vector<double> samples;

  // Generic: estimates of every metric of one series (a queue, a group or all groups).
  auto summarise_series = [&](auto metric_count, auto get_counts, auto& total,
                              auto& intervals) {
    using counts_t = std::decay_t<decltype(get_counts(runs.front(), 0))>;
    constexpr std::size_t n = decltype(metric_count)::value;
    intervals.assign(bins, {});
    for (std::size_t m = 0; m < n; ++m) {
      using metric_t = std::conditional_t<std::is_same_v<counts_t, queue_counts>, queue_metric,
                                          group_metric>;
      const auto metric = static_cast<metric_t>(m);
      samples.clear();
      for (const auto& run : runs) {
        if (s.batch_means) {
          for (std::size_t b = 0; b < bins; ++b) {
            samples.push_back(metric_value(metric, get_counts(run, b), bin_seconds(b)));
          }
        } else {
          counts_t sum;
          for (std::size_t b = 0; b < bins; ++b) sum += get_counts(run, b);
          samples.push_back(metric_value(metric, sum, span));
        }
      }
      total[m] = estimate_of(samples);
      for (std::size_t b = 0; b < bins; ++b) {
        samples.clear();
        for (const auto& run : runs) {
          samples.push_back(metric_value(metric, get_counts(run, b), bin_seconds(b)));
        }
        intervals[b][m] = estimate_of(samples);
      }
    }
  };

  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    queue_summary qs;
    qs.name = s.queues[q].config.name;
    qs.service_level_seconds = s.queues[q].service_level_seconds;
    summarise_series(
        std::integral_constant<std::size_t, queue_metric_count>(),
        [q](const replication_result& run, std::size_t b) -> const queue_counts& {
          return run.queues[q][b];
        },
        qs.total, qs.intervals);
    const std::vector<std::string> dests = destinations(s);
    for (std::size_t d = 0; d < dests.size(); ++d) {
      samples.clear();
      for (const auto& run : runs) {
        if (q >= run.routed_out_to.size() || d >= run.routed_out_to[q].size()) continue;
        const std::vector<double>& v = run.routed_out_to[q][d];
        if (s.batch_means) {
          samples.insert(samples.end(), v.begin(), v.end());
        } else {
          double sum = 0;
          for (double x : v) sum += x;
          samples.push_back(sum);
        }
      }
      qs.routed_out_to.emplace_back(dests[d], estimate_of(samples));
    }
    r.queues.push_back(std::move(qs));
  }
  for (std::size_t g = 0; g <= s.agents.size(); ++g) {
    group_summary gs;
    const bool all = g == s.agents.size();
    gs.name = all ? "all" : s.agents[g].name;
    summarise_series(
        std::integral_constant<std::size_t, group_metric_count>(),
        [g, all](const replication_result& run, std::size_t b) {
          if (!all) return run.groups[g][b];
          group_counts sum;
          for (const auto& group : run.groups) sum += group[b];
          return sum;
        },
        gs.total, gs.intervals);
    r.groups.push_back(std::move(gs));
  }
  return r;
}

OMNIROUTE_INLINE result<experiment_result> run(const scenario& s, std::uint64_t seed,
                                               std::uint32_t replications, std::string* why,
                                               progress_fn progress, void* context) {
  struct scaled {
    progress_fn inner;
    void* context;
    double base;
    double share;
    static void call(void* self, double done) {
      auto* p = static_cast<scaled*>(self);
      p->inner(p->context, p->base + p->share * done);
    }
  };
  std::vector<replication_result> runs;
  runs.reserve(replications);
  for (std::uint32_t i = 0; i < replications; ++i) {
    scaled sc{progress, context, static_cast<double>(i) / replications, 1.0 / replications};
    auto one = run_replication(s, derive_seed(seed, i), why, progress ? &scaled::call : nullptr,
                               &sc);
    if (!one) return one.error();
    runs.push_back(std::move(*one));
    if (progress) progress(context, static_cast<double>(i + 1) / replications);
  }
  experiment_result r = summarise(s, runs);
  r.seed = seed;
  return r;
}

OMNIROUTE_INLINE scenario mmn_scenario(std::uint32_t agents, double rate, double aht,
                                       double patience, double target_seconds, double hours,
                                       std::uint32_t batches) {
  scenario s;
  s.name = "mmn";
  queue_spec q;
  q.config.name = "mmn";
  q.config.ordering = queue_ordering::fifo;
  q.config.offers.timeout = duration::zero();
  q.service_level_seconds = target_seconds;
  s.queues.push_back(std::move(q));
  agent_group_spec g;
  g.name = "agent";
  g.count = agents;
  g.channels = channel_set{channels::voice};
  g.queues.push_back({0, member_options{}});
  s.agents.push_back(std::move(g));
  arrival_spec a;
  a.kind = arrival_kind::poisson;
  a.queue = 0;
  a.rate = rate;
  a.handle_time = distribution::exponential(aht);
  a.patience = patience > 0 ? distribution::exponential(patience) : distribution::never();
  s.arrivals.push_back(std::move(a));
  const double run = hours * 3600;
  s.warmup = std::max(20 * aht, 0.01 * run);
  s.horizon = s.warmup + run;
  s.drain = std::numeric_limits<double>::infinity();
  s.interval = run / std::max<std::uint32_t>(batches, 1);
  s.batch_means = true;
  s.replications = 1;
  return s;
}

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_SIMULATOR_INL_HPP

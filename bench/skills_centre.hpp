// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The realistic skills-based configuration shared by decision/*, floor/* and mixed/*: a seeded
// plan (pure data, independent of the router) and the code that loads it into a router.
//
// What a real centre of this size looks like, and what the plan models:
//  - 256 skills: 16 languages (`lang.00` .. `lang.15`, lang.00 the centre's main language) and
//    240 product/topic skills (`topic.000` .. `topic.239`). Topic popularity is skewed (Zipf,
//    exponent topic_zipf): a few products are known by many agents, the long tail by few.
//  - Agents hold exactly 16 skills, each at a seeded level 1..10: lang.00 (85 % of agents) and
//    sometimes a second language, the rest topics drawn without replacement by popularity.
//    60 % are voice agents (capacity: one call), 40 % chat agents (capacity 100, a chat costs
//    25: four chats at once). No blended agents.
//  - 1 000 queues, one per (language, topic, minimum level) line of business, each taking voice
//    and chat; languages: lang.00 for 70 %, the rest Zipf over the others; topics uniform over
//    the catalogue (so with skewed agent skills, queue sizes are skewed); minimum level 1, 3, 5.
//    An agent meets about 30 queues' requirements (counter memberships_per_agent). Membership is dynamic: queue_config::eligibility is a requirement such as
//    `lang.00 & topic.017 >= 3` (minimum level 1, 3 or 5), so an agent joins every queue whose
//    requirement their skills meet, and the router keeps membership right as skills change.
//    This is what a centre with 1 000 lines of business does rather than maintaining 1 000
//    rosters by hand. Contacts carry no requirement of their own, so each queue has one
//    eligibility group. Strategy best_skill (the sum of the agent's levels in the required
//    skills, ties by longest idle since last completion), the skills-based strategy.
//  - Traffic is proportional to staffing: an arrival picks a random agent of the channel and
//    then one of that agent's queues, so a queue gets contacts in proportion to its eligible
//    agents of that channel; 60 % voice, 40 % chat; 10 % of contacts have priority 1.
#ifndef OMNIROUTE_BENCH_SKILLS_CENTRE_HPP
#define OMNIROUTE_BENCH_SKILLS_CENTRE_HPP

#include "bench_support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace omniroute_bench {

struct centre_shape {
  static constexpr int languages = 16;
  static constexpr int topics = 240;
  static constexpr int skills = languages + topics;  // 256
  static constexpr int skills_per_agent = 16;
  static constexpr int queues = 1000;
  static constexpr double topic_zipf = 0.9;
  static constexpr unsigned chat_percent = 40;
  static constexpr unsigned priority_percent = 10;  // contacts of priority 1 (the rest: 0)
};

/// The seeded plan of a centre of n agents.
struct centre_plan {
  struct queue_plan {
    std::uint16_t language = 0;
    std::uint16_t topic = 0;  // skill id (languages + topic index)
    std::uint8_t min_level = 1;
    std::array<std::uint64_t, 4> bits{};  // the required skills, for the raw floor
    std::string name;
    std::string requirement;
  };
  struct agent_plan {
    bool chat = false;
    std::array<std::uint8_t, centre_shape::skills> levels{};
    std::array<std::uint64_t, 4> bits{};  // skills held, for the raw floor
    std::vector<std::uint16_t> queues;   // queues whose requirement the agent meets
  };

  std::vector<queue_plan> queues;
  std::vector<agent_plan> agents;
  std::vector<std::uint32_t> voice_agents, chat_agents;  // agents with at least one queue
  /// eligible[channel][queue]: eligible agents of that channel (0: voice, 1: chat).
  std::array<std::vector<std::uint32_t>, 2> eligible;
  double memberships_per_agent = 0;

  static std::string skill_name(int s) {
    char buf[24];  // room for any int: g++ -Wformat-truncation cannot see the range of s
    if (s < centre_shape::languages) {
      std::snprintf(buf, sizeof buf, "lang.%02d", s);
    } else {
      std::snprintf(buf, sizeof buf, "topic.%03d", s - centre_shape::languages);
    }
    return buf;
  }

  static bool meets(const agent_plan& a, const queue_plan& q) noexcept {
    return a.levels[q.language] >= 1 && a.levels[q.topic] >= q.min_level;
  }

  explicit centre_plan(std::size_t n, std::uint64_t seed = 0xc3a7e) {
    host_rng rng{seed};
    auto uniform = [&](std::uint64_t k) { return rng.next() % k; };
    // Zipf over topics (and, for second languages, over lang.01..lang.15).
    auto cumulative = [](int count, double s) {
      std::vector<double> c(static_cast<std::size_t>(count));
      double sum = 0;
      for (int i = 0; i < count; ++i) c[static_cast<std::size_t>(i)] = sum += 1.0 / std::pow(i + 1, s);
      for (double& x : c) x /= sum;
      return c;
    };
    const std::vector<double> topic_cdf = cumulative(centre_shape::topics, centre_shape::topic_zipf);
    const std::vector<double> lang_cdf = cumulative(centre_shape::languages - 1, 1.0);
    auto draw = [&](const std::vector<double>& cdf) {
      const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
      return static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    };
    auto set_bit = [](std::array<std::uint64_t, 4>& b, int s) { b[static_cast<std::size_t>(s) / 64] |= std::uint64_t{1} << (s % 64); };

    queues.resize(centre_shape::queues);
    for (std::size_t i = 0; i < queues.size(); ++i) {
      queue_plan& q = queues[i];
      q.language = uniform(100) < 70 ? 0 : static_cast<std::uint16_t>(1 + draw(lang_cdf));
      // Lines of business spread over the whole catalogue (uniformly): the popular products are
      // known by many agents, the long tail by few, so queue sizes are skewed like real ones.
      q.topic = static_cast<std::uint16_t>(centre_shape::languages + uniform(centre_shape::topics));
      static constexpr std::uint8_t mins[] = {1, 3, 5};
      q.min_level = mins[uniform(3)];
      set_bit(q.bits, q.language);
      set_bit(q.bits, q.topic);
      q.name = "q" + std::to_string(i) + "." + skill_name(q.language) + "." + skill_name(q.topic);
      q.requirement = skill_name(q.language) + " & " + skill_name(q.topic);
      if (q.min_level > 1) q.requirement += " >= " + std::to_string(q.min_level);
    }

    agents.resize(n);
    std::uint64_t memberships = 0;
    for (std::size_t i = 0; i < n; ++i) {
      agent_plan& a = agents[i];
      a.chat = uniform(100) < centre_shape::chat_percent;
      int held = 0;
      auto give = [&](int s) {
        if (a.levels[static_cast<std::size_t>(s)] != 0) return false;
        a.levels[static_cast<std::size_t>(s)] = static_cast<std::uint8_t>(1 + uniform(max_skill_level));
        set_bit(a.bits, s);
        ++held;
        return true;
      };
      if (uniform(100) < 85) give(0);
      if (held == 0 || uniform(100) < 30) give(1 + draw(lang_cdf));
      while (held < centre_shape::skills_per_agent) give(centre_shape::languages + draw(topic_cdf));
      for (std::size_t qi = 0; qi < queues.size(); ++qi) {
        if (meets(a, queues[qi])) a.queues.push_back(static_cast<std::uint16_t>(qi));
      }
      memberships += a.queues.size();
      if (!a.queues.empty()) (a.chat ? chat_agents : voice_agents).push_back(static_cast<std::uint32_t>(i));
    }
    memberships_per_agent = n ? static_cast<double>(memberships) / static_cast<double>(n) : 0.0;
    for (auto& e : eligible) e.assign(queues.size(), 0);
    for (const agent_plan& a : agents) {
      for (std::uint16_t q : a.queues) ++eligible[a.chat ? 1 : 0][q];
    }
  }

  std::size_t queues_with_members() const {
    std::size_t k = 0;
    for (std::size_t q = 0; q < queues.size(); ++q) k += (eligible[0][q] + eligible[1][q]) > 0;
    return k;
  }

  /// One arrival: a channel (60 % voice), then a queue in proportion to its eligible agents of
  /// that channel. Every queue drawn has at least one eligible agent of the channel.
  struct arrival {
    std::uint16_t queue = 0;
    bool chat = false;
    std::int32_t priority = 0;
  };
  arrival draw_arrival(host_rng& rng) const {
    arrival x;
    x.chat = rng.next() % 100 < centre_shape::chat_percent;
    if (x.chat && chat_agents.empty()) x.chat = false;
    if (!x.chat && voice_agents.empty()) x.chat = true;
    const std::vector<std::uint32_t>& pool = x.chat ? chat_agents : voice_agents;
    const agent_plan& a = agents[pool[rng.next() % pool.size()]];
    x.queue = a.queues[rng.next() % a.queues.size()];
    x.priority = draw_priority(rng);
    return x;
  }

  /// An arrival's priority: 1 for priority_percent of contacts, else 0.
  static std::int32_t draw_priority(host_rng& rng) noexcept {
    return rng.next() % 100 < centre_shape::priority_percent ? 1 : 0;
  }
};

/// draw_arrival's distribution as a Vose alias table over (channel, queue): one table read per
/// draw instead of reading a random agent's plan and its queue list, two cache misses in a
/// 10k-agent plan that a real host, which learns of a contact from the network, does not pay.
/// mixed/throughput draws with it so that its events_per_second measures the router rather
/// than the harness. Exactly draw_arrival's probabilities (up to rounding), another stream.
class arrival_table {
 public:
  explicit arrival_table(const centre_plan& plan) {
    const std::size_t queues = plan.queues.size();
    std::vector<double> p(2 * queues, 0.0);
    const double chat_share = centre_shape::chat_percent / 100.0;
    for (int chat = 0; chat < 2; ++chat) {
      const std::vector<std::uint32_t>& pool = chat ? plan.chat_agents : plan.voice_agents;
      const std::vector<std::uint32_t>& other = chat ? plan.voice_agents : plan.chat_agents;
      if (pool.empty()) continue;
      // draw_arrival falls back to the other channel when one has no agents.
      const double share = other.empty() ? 1.0 : (chat ? chat_share : 1.0 - chat_share);
      for (std::uint32_t a : pool) {
        const auto& qs = plan.agents[a].queues;
        const double each = share / static_cast<double>(pool.size()) / static_cast<double>(qs.size());
        for (std::uint16_t q : qs) p[static_cast<std::size_t>(chat) * queues + q] += each;
      }
    }
    build(p);
  }

  centre_plan::arrival draw(host_rng& rng) const noexcept {
    const std::uint64_t x = rng.next();
    const std::size_t i = static_cast<std::size_t>((x >> 32) % entries_.size());
    const double u = static_cast<double>(x & 0xFFFFFFFFu) * 0x1.0p-32;
    const entry& e = entries_[i];
    const std::uint32_t k = u < e.keep ? static_cast<std::uint32_t>(i) : e.alias;
    const std::size_t queues = entries_.size() / 2;
    centre_plan::arrival a;
    a.chat = k >= queues;
    a.queue = static_cast<std::uint16_t>(k % queues);
    a.priority = centre_plan::draw_priority(rng);
    return a;
  }

 private:
  struct entry {
    double keep = 1.0;        // probability of keeping this entry rather than its alias
    std::uint32_t alias = 0;  // always a drawable entry
  };

  void build(const std::vector<double>& p) {
    const std::size_t n = p.size();
    entries_.assign(n, entry{});
    double total = 0;
    for (double x : p) total += x;
    if (!(total > 0)) return;  // no agent meets any queue: draw_arrival could not draw either
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = p[i] * static_cast<double>(n) / total;
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const std::uint32_t s = small.back();
      small.pop_back();
      const std::uint32_t l = large.back();
      entries_[s] = {scaled[s], l};
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    // What is left holds probability 1 up to rounding: kept always. An entry of probability 0
    // (no agent of the channel meets the queue) is never kept, so never drawn.
    for (std::uint32_t i : large) entries_[i] = {1.0, i};
    for (std::uint32_t i : small) entries_[i] = {p[i] > 0 ? 1.0 : 0.0, first_drawable(p)};
  }

  static std::uint32_t first_drawable(const std::vector<double>& p) noexcept {
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] > 0) return static_cast<std::uint32_t>(i);
    }
    return 0;
  }

  std::vector<entry> entries_;
};

/// M waiting contacts drawn like arrivals, and the agents who can take one of them (those with a
/// queue holding a waiting contact of their channel), in a seeded random order so that
/// successive agent-side decisions touch cold agents, as in a real centre.
struct waiting_plan {
  std::vector<centre_plan::arrival> contacts;
  std::array<std::vector<std::uint32_t>, 2> count;  // [channel][queue]
  std::vector<std::uint32_t> takers;

  waiting_plan(const centre_plan& plan, std::size_t m, std::uint64_t seed = 0x3a17) {
    host_rng rng{seed};
    for (auto& c : count) c.assign(plan.queues.size(), 0);
    contacts.reserve(m);
    for (std::size_t i = 0; i < m; ++i) {
      contacts.push_back(plan.draw_arrival(rng));
      ++count[contacts.back().chat ? 1 : 0][contacts.back().queue];
    }
    for (std::uint32_t a = 0; a < plan.agents.size(); ++a) {
      const auto& ap = plan.agents[a];
      for (std::uint16_t q : ap.queues) {
        if (count[ap.chat ? 1 : 0][q] > 0) {
          takers.push_back(a);
          break;
        }
      }
    }
    for (std::size_t i = takers.size(); i > 1; --i) std::swap(takers[i - 1], takers[rng.next() % i]);
  }
};

/// A router loaded with a centre_plan.
struct centre_router {
  std::vector<queue_id> queues;
  std::vector<agent_id> agents;
  bytes_per_object per_agent;
  double queues_seconds = 0;   // CPU seconds to add skills, requirements and queues
  double agents_seconds = 0;   // CPU seconds to add and log in the agents

  /// Adds skills and queues, then every agent of the plan, logged in (ready or not ready).
  /// Memory is measured across adding the agents (their records, memberships, indexes).
  void load(router& r, const centre_plan& plan, time_point& now, bool ready, reason_code reason) {
    double t0 = thread_cpu_seconds();
    for (int s = 0; s < centre_shape::skills; ++s) (void)r.add_skill(centre_plan::skill_name(s));
    queues.clear();
    for (const auto& qp : plan.queues) {
      queue_config q;
      q.name = qp.name;
      q.channels = channel_set{channels::voice, channels::chat};
      q.strategy.kind = strategy_kind::best_skill;
      q.strategy.idle = idle_reference::since_last_completion;
      q.offers.no_answer.threshold = 0;
      const result<requirement_id> req = r.add_requirement(qp.requirement);
      q.eligibility = *req;
      queues.push_back(*r.add_queue(tick(now), q));
    }
    queues_seconds = thread_cpu_seconds() - t0;

    t0 = thread_cpu_seconds();
    const memory_snapshot before = memory_snapshot::take();
    const capacity_profile standard = capacity_profile::standard(r.channels());
    const capacity_profile voice = standard.only(channel_set{channels::voice});
    const capacity_profile chat = standard.only(channel_set{channels::chat});
    agent_config cfg;
    agents.clear();
    agents.reserve(plan.agents.size());
    for (std::size_t i = 0; i < plan.agents.size(); ++i) {
      const auto& ap = plan.agents[i];
      cfg.name = "agent-" + std::to_string(i);
      cfg.capacity = ap.chat ? chat : voice;
      cfg.skills.clear();
      for (int s = 0; s < centre_shape::skills; ++s) {
        if (ap.levels[static_cast<std::size_t>(s)]) cfg.skills.emplace_back(centre_plan::skill_name(s), ap.levels[static_cast<std::size_t>(s)]);
      }
      const agent_id a = *r.add_agent(tick(now), cfg);
      (void)r.login(tick(now), a, ready, reason);
      agents.push_back(a);
    }
    per_agent = bytes_per_object::between(before, memory_snapshot::take(), plan.agents.size());
    agents_seconds = thread_cpu_seconds() - t0;
  }

  contact_spec spec_for(const centre_plan::arrival& x) const {
    contact_spec spec;
    spec.queue = queues[x.queue];
    spec.channel = x.chat ? channels::chat : channels::voice;
    spec.priority = x.priority;
    return spec;
  }
};

}  // namespace omniroute_bench

#endif  // OMNIROUTE_BENCH_SKILLS_CENTRE_HPP

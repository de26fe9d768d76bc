// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// sim/day_1000_agents — one simulated day of a 1,000-agent multichannel centre, run through
// the simulator's public API (sim::run_replication: the real router on a virtual clock). Each
// iteration is one whole replication, setup included (registering skills, queues, 1,000
// agents and their memberships), with the same seed.
//
// The centre (built in code below, shaped like examples/scenarios/large.json at half its size):
//   - 30 skills: 20 products, 5 languages, 5 chat topics;
//   - 20 voice queues (ordering by priority, max wait 10 min, wrap-up 15 s, offers time out
//     after 15 s; strategies longest_idle, round_robin, best_skill, least_talk_time in turn),
//     5 chat queues (best_skill, chats cost 30 of 100, at most 3), 5 email queues;
//   - 800 voice agents (40 per product, early and late shifts of 8.5 h with three breaks,
//     starts staggered over 30 min), each a member of its product's queue (tier 0), the next
//     product's queue (tier 1) and an email queue (tier 2); 150 chat agents (two shifts, their
//     topic's chat queue and an email queue at tier 1); 50 email agents (one day shift);
//   - voice contacts need their product and a language (85 % English, 15 % a second one),
//     relax both after 45 s and reach the neighbouring team after 60 s (an escalation plan per
//     requirement); chat contacts need their topic and prefer English;
//   - a day's arrival profile (piecewise Poisson by hour from 07:00, a morning peak and an
//     afternoon one), lognormal handle times, exponential patience (voice 150 s, chat 300 s),
//     answer delays of 1-4 s, 1 % of offers left to ring out.
// About 59,000 voice, 6,700 chat and 2,400 email contacts a day.
//
// events_per_second: simulated events per CPU second of the benchmark thread (Google
// Benchmark's rate over CPU time), where a simulated event is what sim::replication_result
// counts: one router event delivered to the simulator's observer or one host command the
// simulator issues to the router (arrive, accept, complete, abandon, login, ready, not_ready,
// logout). See bench/RESULTS.md.
//
// --smoke runs the same day with a fiftieth of the population (20 agents, traffic scaled).
#include "bench_support.hpp"

#include <omniroute/sim/scenario.hpp>
#include <omniroute/sim/simulator.hpp>

#include <cmath>
#include <string>

namespace omniroute_bench {
namespace {

namespace sim = omniroute::sim;

constexpr double hour = 3600;

/// The day's shape of voice and chat traffic, per hour from 07:00 and 08:00 (1 = the peak).
const double voice_shape[] = {0.15, 0.45, 0.8, 1.0, 0.95, 0.85, 0.85, 0.95, 0.9, 0.75, 0.55, 0.4, 0.25, 0.1};
const double chat_shape[] = {0.3, 0.6, 0.85, 1.0, 0.95, 0.9, 0.95, 1.0, 0.9, 0.75, 0.6, 0.45};

/// Sizes of the centre; `day_centre(full)` has 1,000 agents.
struct centre_size {
  std::size_t voice_teams = 20;     // one product queue each
  std::uint32_t voice_per_shift = 20;
  std::size_t chat_teams = 5;       // one topic queue each
  std::uint32_t chat_per_shift = 15;
  std::size_t email_teams = 5;
  std::uint32_t email_per_team = 10;

  std::uint32_t agents() const {
    return static_cast<std::uint32_t>(voice_teams * 2 * voice_per_shift + chat_teams * 2 * chat_per_shift +
                                      email_teams * email_per_team);
  }
};

std::vector<sim::break_spec> breaks(double start_h) {
  return {{(start_h + 2.5) * hour, (start_h + 2.75) * hour, 1},
          {(start_h + 4.5) * hour, (start_h + 5.0) * hour, 2},
          {(start_h + 6.75) * hour, (start_h + 7.0) * hour, 1}};
}

sim::shift_spec shift(double start_h, double end_h) { return {start_h * hour, end_h * hour, breaks(start_h)}; }

std::vector<double> profile(const double* shape, std::size_t n, double peak_per_hour) {
  std::vector<double> rates;
  for (std::size_t i = 0; i < n; ++i) rates.push_back(peak_per_hour * shape[i] / hour);
  return rates;
}

sim::plan_spec relax_then_widen(const std::string& relaxed) {
  sim::step_spec relax;
  relax.step.after = std::chrono::seconds(45);
  relax.step.action = step_action::set_requirement;
  relax.requirement = relaxed;
  sim::step_spec widen;
  widen.step.after = std::chrono::seconds(60);
  widen.step.action = step_action::widen_tiers;
  widen.step.max_tier = 1;
  return {relax, widen};
}

std::string two_digits(std::size_t i) { return (i < 10 ? "0" : "") + std::to_string(i); }

sim::scenario day_centre(const centre_size& n) {
  sim::scenario s;
  s.name = "day_" + std::to_string(n.agents()) + "_agents";
  s.horizon = 24 * hour;
  s.drain = hour;
  s.interval = 1800;
  s.replications = 1;

  const std::vector<std::string> languages = {"language.en", "language.es", "language.fr", "language.de",
                                              "language.pt"};
  auto product = [](std::size_t i) { return "product-" + two_digits(i + 1); };
  auto topic = [](std::size_t i) { return "topic-" + std::to_string(i + 1); };
  auto second_language = [&](std::size_t i) { return languages[1 + i % 4]; };
  for (std::size_t i = 0; i < n.voice_teams; ++i) s.skills.push_back(product(i));
  for (const std::string& l : languages) s.skills.push_back(l);
  for (std::size_t i = 0; i < n.chat_teams; ++i) s.skills.push_back(topic(i));

  // Queues: voice, then chat, then email.
  const strategy_kind voice_strategies[] = {strategy_kind::longest_idle, strategy_kind::round_robin,
                                            strategy_kind::best_skill, strategy_kind::least_talk_time};
  for (std::size_t i = 0; i < n.voice_teams; ++i) {
    sim::queue_spec q;
    q.config.name = "voice-" + two_digits(i + 1);
    q.config.channels = channel_set{channels::voice};
    q.config.ordering = queue_ordering::priority;
    q.config.max_wait = std::chrono::seconds(600);
    q.config.wrap_up = std::chrono::seconds(15);
    q.config.offers.timeout = std::chrono::seconds(15);
    q.config.initial_tier_limit = 0;
    q.config.strategy.kind = voice_strategies[i % 4];
    q.service_level_seconds = 20;
    s.queues.push_back(std::move(q));
  }
  const std::size_t first_chat = s.queues.size();
  for (std::size_t i = 0; i < n.chat_teams; ++i) {
    sim::queue_spec q;
    q.config.name = "chat-" + std::to_string(i + 1);
    q.config.channels = channel_set{channels::chat};
    q.config.ordering = queue_ordering::fifo;
    q.config.wrap_up = std::chrono::seconds(10);
    q.config.offers.timeout = std::chrono::seconds(30);
    q.config.strategy.kind = strategy_kind::best_skill;
    q.service_level_seconds = 60;
    s.queues.push_back(std::move(q));
  }
  const std::size_t first_email = s.queues.size();
  for (std::size_t i = 0; i < n.email_teams; ++i) {
    sim::queue_spec q;
    q.config.name = "email-" + std::to_string(i + 1);
    q.config.channels = channel_set{channels::email};
    q.config.ordering = queue_ordering::fifo;
    q.config.offers.timeout = duration::zero();
    q.service_level_seconds = 4 * hour;
    s.queues.push_back(std::move(q));
  }

  const sim::distribution answer = sim::distribution::uniform(1, 4);
  for (std::size_t i = 0; i < n.voice_teams; ++i) {
    for (int late = 0; late < 2; ++late) {
      sim::agent_group_spec g;
      g.name = "voice-" + two_digits(i + 1) + (late ? "-late" : "-early");
      g.count = n.voice_per_shift;
      g.channels = channel_set{channels::voice, channels::email};
      g.config.skills = {{product(i), static_cast<std::uint8_t>(7 - late)},
                         {product((i + 1) % n.voice_teams), 4},
                         {"language.en", 8},
                         {second_language(i), 6}};
      g.queues.push_back({i, member_options{}});
      if (n.voice_teams > 1) g.queues.push_back({(i + 1) % n.voice_teams, member_options{1, 1, {}, false}});
      g.queues.push_back({first_email + i % n.email_teams, member_options{2, 1, {}, false}});
      g.shifts.push_back(late ? shift(12, 20.5) : shift(7, 15.5));
      g.stagger_seconds = 1800;
      g.answer_delay = answer;
      g.answer_probability = 0.99;
      s.agents.push_back(std::move(g));
    }
  }
  for (std::size_t i = 0; i < n.chat_teams; ++i) {
    for (int late = 0; late < 2; ++late) {
      sim::agent_group_spec g;
      g.name = "chat-" + std::to_string(i + 1) + (late ? "-late" : "-early");
      g.count = n.chat_per_shift;
      g.channels = channel_set{channels::chat, channels::email};
      capacity_profile cap;
      cap.channels = g.channels;
      cap.cost[channels::chat.value()] = 30;
      cap.max_per_channel[channels::chat.value()] = 3;
      g.config.capacity = cap;
      g.config.skills = {{topic(i), 7}, {"language.en", 8}};
      g.queues.push_back({first_chat + i, member_options{}});
      g.queues.push_back({first_email + i % n.email_teams, member_options{1, 1, {}, false}});
      g.shifts.push_back(late ? shift(12.5, 21) : shift(8, 16.5));
      g.stagger_seconds = 1800;
      g.answer_delay = answer;
      g.answer_probability = 0.99;
      s.agents.push_back(std::move(g));
    }
  }
  for (std::size_t i = 0; i < n.email_teams; ++i) {
    sim::agent_group_spec g;
    g.name = "email-" + std::to_string(i + 1);
    g.count = n.email_per_team;
    g.channels = channel_set{channels::email};
    g.queues.push_back({first_email + i, member_options{}});
    g.shifts.push_back(shift(8, 17));
    g.stagger_seconds = 3600;
    s.agents.push_back(std::move(g));
  }

  // Traffic in proportion to staffing (large.json's per-agent rates).
  const double voice_scale = n.voice_per_shift / 20.0;
  for (std::size_t i = 0; i < n.voice_teams; ++i) {
    sim::arrival_spec a;
    a.kind = sim::arrival_kind::piecewise;
    a.queue = i;
    a.channel = channels::voice;
    a.start = 7 * hour;
    a.interval = hour;
    a.rates = profile(voice_shape, std::size(voice_shape), (300 + 10 * static_cast<double>(i % 7)) * voice_scale);
    a.handle_time = sim::distribution::lognormal(240, 160);
    a.patience = sim::distribution::exponential(150);
    const std::string p = product(i);
    const std::string l2 = second_language(i);
    a.requirements.push_back({p + " >= 5 & language.en >= 5", 0.85, std::nullopt,
                              relax_then_widen(p + " >= 3 & language.en >= 3")});
    a.requirements.push_back({p + " >= 5 & " + l2 + " >= 5", 0.15, std::nullopt,
                              relax_then_widen(p + " >= 3 & " + l2 + " >= 3")});
    s.arrivals.push_back(std::move(a));
  }
  const double chat_scale = n.chat_per_shift / 30.0;
  for (std::size_t i = 0; i < n.chat_teams; ++i) {
    sim::arrival_spec a;
    a.kind = sim::arrival_kind::piecewise;
    a.queue = first_chat + i;
    a.channel = channels::chat;
    a.start = 8 * hour;
    a.interval = hour;
    a.rates = profile(chat_shape, std::size(chat_shape), 260 * chat_scale);
    a.handle_time = sim::distribution::lognormal(480, 300);
    a.patience = sim::distribution::exponential(300);
    a.requirements.push_back({topic(i) + " >= 3; prefer language.en", 1.0, std::nullopt, std::nullopt});
    s.arrivals.push_back(std::move(a));
  }
  const double email_scale = n.email_per_team / 20.0;
  for (std::size_t i = 0; i < n.email_teams; ++i) {
    sim::arrival_spec a;
    a.kind = sim::arrival_kind::poisson;
    a.queue = first_email + i;
    a.channel = channels::email;
    a.rate = 40 * email_scale / hour;
    a.handle_time = sim::distribution::lognormal(360, 240);
    a.patience = sim::distribution::never();
    s.arrivals.push_back(std::move(a));
  }
  return s;
}

void bm_sim_day(benchmark::State& state, centre_size size) {
  const sim::scenario s = day_centre(size);
  if (const std::string problem = sim::validate(s); !problem.empty()) {
    state.SkipWithError(("invalid scenario: " + problem).c_str());
    return;
  }
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;
  for (auto _ : state) {
    std::string why;
    auto run = sim::run_replication(s, 1, &why);
    if (!run) {
      state.SkipWithError(("replication failed: " + why).c_str());
      return;
    }
    events += run->events;
    contacts += run->contacts;
    benchmark::DoNotOptimize(run->end_time);
  }
  const double iterations = static_cast<double>(state.iterations());
  // A rate counter is divided by the CPU time of the run (the machine is shared).
  state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events_per_day"] = static_cast<double>(events) / iterations;
  state.counters["contacts_per_day"] = static_cast<double>(contacts) / iterations;
  state.counters["agents"] = size.agents();
}

}  // namespace

void register_sim_benchmarks(const suite_options& options) {
  centre_size size;
  if (options.smoke) {
    // A fiftieth of the centre: 20 agents, the same day.
    size.voice_teams = 2;
    size.voice_per_shift = 3;
    size.chat_teams = 1;
    size.chat_per_shift = 2;
    size.email_teams = 1;
    size.email_per_team = 4;
  }
  auto* day = benchmark::RegisterBenchmark("sim/day_1000_agents", bm_sim_day, size);
  day->Unit(benchmark::kMillisecond);
  if (options.smoke) day->Iterations(1);
}

}  // namespace omniroute_bench

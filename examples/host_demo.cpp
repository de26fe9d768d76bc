// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A host program as a PBX or chat platform would write it: fake voice and chat transports wired
// to the router, agents who answer (or not), customers who hang up, all on a simulated clock.
// It prints the event stream and the router's explanation of every offer.
//
//   host_demo [--minutes N] [--seed S] [--quiet]
#include <omniroute/omniroute.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace omniroute;

/// The host's own scheduler: what agents and customers will do, and when.
class host_clock {
 public:
  void at(time_point when, std::function<void()> action) {
    actions_.push({when, ++sequence_, std::move(action)});
  }
  bool empty() const { return actions_.empty(); }
  time_point next() const { return actions_.empty() ? never : actions_.top().when; }
  void run_next() {
    auto action = actions_.top().action;
    actions_.pop();
    action();
  }

 private:
  struct scheduled {
    time_point when;
    std::uint64_t sequence;
    std::function<void()> action;
    bool operator>(const scheduled& o) const {
      return when != o.when ? when > o.when : sequence > o.sequence;
    }
  };
  std::priority_queue<scheduled, std::vector<scheduled>, std::greater<>> actions_;
  std::uint64_t sequence_ = 0;
};

/// Pretends to ring phones and push chats. Agents answer after a few seconds, sometimes not at
/// all (the router's offer timeout catches that), sometimes they decline.
class fake_transport final : public offer_transport {
 public:
  fake_transport(const char* name, router& r, host_clock& clock, std::mt19937_64& rng,
                 double mean_handle_seconds)
      : name_(name), router_(r), clock_(clock), rng_(rng), mean_handle_(mean_handle_seconds) {}

  std::uint64_t offers = 0;
  std::uint64_t cancels = 0;

 protected:
  void on_offer(const offer_request& r) override {
    ++offers;
    std::string_view customer;
    r.attributes->get("customer", customer);
    std::printf("    [%s] ringing agent %u for customer %.*s\n", name_, r.agent.index(),
                static_cast<int>(customer.size()), customer.data());
    const double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (roll < 0.08) return;  // the agent is away from the desk: no answer
    const offer_id offer = r.offer;
    const contact_id contact = r.contact;
    const double ring = std::uniform_real_distribution<double>(1, 6)(rng_);
    if (roll < 0.13) {
      clock_.at(r.at + seconds(ring), [this, offer, when = r.at + seconds(ring)] {
        (void)router_.reject(when, offer);
      });
      return;
    }
    const double talk = std::exponential_distribution<double>(1.0 / mean_handle_)(rng_);
    const time_point answered = r.at + seconds(ring);
    clock_.at(answered, [this, offer, contact, answered, talk] {
      // The customer may have hung up meanwhile: the router then says the offer ended.
      if (router_.accept(answered, offer)) {
        clock_.at(answered + seconds(talk), [this, contact, when = answered + seconds(talk)] {
          (void)router_.complete(when, contact);
        });
      }
    });
  }
  void on_cancel(const offer_cancellation& c) override {
    ++cancels;
    std::printf("    [%s] stop ringing agent %u (%s)\n", name_, c.agent.index(),
                c.outcome == offer_outcome::no_answer ? "no answer" : to_string(c.cause));
  }

 private:
  const char* name_;
  router& router_;
  host_clock& clock_;
  std::mt19937_64& rng_;
  double mean_handle_;
};

/// Prints every event and, for offers, why that agent was chosen.
class printing_observer final : public event_observer {
 public:
  explicit printing_observer(bool quiet) : quiet_(quiet) {}
  std::map<event_kind, std::uint64_t> counts;

 protected:
  void on_event(const event& e) override {
    ++counts[e.kind];
    if (quiet_) return;
    std::printf("%s\n", to_string(e).c_str());
    if (e.why) std::printf("    why: %s\n", to_string(*e.why).c_str());
  }

 private:
  bool quiet_;
};

}  // namespace

int main(int argc, char** argv) {
  double minutes = 5;
  std::uint64_t seed = 7;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--minutes") && i + 1 < argc) {
      minutes = std::atof(argv[++i]);
    } else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (!std::strcmp(argv[i], "--quiet")) {
      quiet = true;
    } else {
      std::fprintf(stderr, "usage: host_demo [--minutes N] [--seed S] [--quiet]\n");
      return 2;
    }
  }

  router r(router_options{seed, /*explain=*/true});
  host_clock clock;
  std::mt19937_64 rng(seed);
  printing_observer observer(quiet);
  fake_transport phones("voice", r, clock, rng, 180);
  fake_transport chats("chat", r, clock, rng, 420);
  r.set_observer(&observer);
  (void)r.set_transport(channels::voice, &phones);
  (void)r.set_transport(channels::chat, &chats);
  r.set_error_handler([](std::string_view where, std::string_view what) {
    std::fprintf(stderr, "host callback failed in %.*s: %.*s\n", static_cast<int>(where.size()),
                 where.data(), static_cast<int>(what.size()), what.data());
  });

  const time_point start = at_seconds(0);
  // Two queues: voice sales ordered by priority, chat support handled by blended agents.
  queue_config sales;
  sales.name = "sales";
  sales.channels = {channels::voice};
  sales.max_wait = std::chrono::minutes(3);
  sales.wrap_up = std::chrono::seconds(15);
  sales.offers.timeout = std::chrono::seconds(12);
  sales.offers.rejected.hold_back = std::chrono::seconds(30);
  queue_config support;
  support.name = "support";
  support.channels = {channels::chat};
  support.ordering = queue_ordering::fifo;
  support.strategy.kind = strategy_kind::fewest_contacts;
  const queue_id q_sales = *r.add_queue(start, sales);
  support.overflow = q_sales;  // not taken: sales refuses chat, so chats expire instead
  const queue_id q_support = *r.add_queue(start, support);

  const char* names[] = {"ana", "ben", "chloe", "dmitri", "eva", "farid"};
  for (int i = 0; i < 6; ++i) {
    agent_config a;
    a.name = names[i];
    const agent_id id = *r.add_agent(start, a);
    if (i < 4) (void)r.add_member(start, q_sales, id, member_options{static_cast<std::uint32_t>(i / 2)});
    if (i >= 2) (void)r.add_member(start, q_support, id);
    (void)r.login(start, id, /*ready=*/true);
  }

  // Customers: voice every ~60 s, chat every ~60 s; impatient callers hang up.
  const time_point end = start + seconds(minutes * 60);
  int customer = 0;
  std::function<void(time_point, channel_id, queue_id, double)> schedule_arrival;
  schedule_arrival = [&](time_point when, channel_id ch, queue_id q, double mean_gap) {
    if (when >= end) return;
    clock.at(when, [&, when, ch, q, mean_gap] {
      contact_spec spec;
      spec.channel = ch;
      spec.queue = q;
      spec.priority = std::uniform_int_distribution<int>(0, 9)(rng) == 0 ? 5 : 0;
      (void)spec.attributes.set("customer", "C" + std::to_string(++customer));
      auto c = r.arrive(when, spec);
      if (c && ch == channels::voice) {
        const double patience = std::exponential_distribution<double>(1.0 / 90)(rng);
        clock.at(when + seconds(patience), [&, id = *c, t = when + seconds(patience)] {
          (void)r.abandon(t, id);  // refused when already connected: then nothing happens
        });
      }
      const double gap = std::exponential_distribution<double>(1.0 / mean_gap)(rng);
      schedule_arrival(when + seconds(gap), ch, q, mean_gap);
    });
  };
  schedule_arrival(start, channels::voice, q_sales, 60);
  schedule_arrival(start + std::chrono::seconds(5), channels::chat, q_support, 60);

  // The event loop: whichever comes first, the host's next action or the router's next timer.
  while (!clock.empty() || r.next_deadline() != never) {
    const time_point next_router = r.next_deadline();
    if (!clock.empty() && clock.next() <= next_router) {
      clock.run_next();
    } else {
      (void)r.advance(next_router);
    }
    if (r.now() > end + std::chrono::hours(1)) break;
  }

  std::printf("\nsimulated %.0f minutes: %llu offers to phones, %llu to chats\n", minutes,
              static_cast<unsigned long long>(phones.offers), static_cast<unsigned long long>(chats.offers));
  for (const auto& [kind, count] : observer.counts) {
    std::printf("  %-20s %llu\n", to_string(kind), static_cast<unsigned long long>(count));
  }
  std::printf("contacts still live: %zu\n", r.live_contact_count());
  return r.live_contact_count() == 0 ? 0 : 1;
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The router inside a Boost.Asio event loop, in wall-clock time. One io_context thread owns the
// router (no locks needed: the router is single-threaded by design), and:
//  - one steady_timer follows router::next_deadline(): after every command the host re-arms it,
//    and when it fires the host calls router::advance(now). Offer timeouts and wrap-up ends
//    happen that way, at their exact deadlines;
//  - router time is steady_clock time since the program started (router time_point zero is
//    `start`), so the mapping both ways is one subtraction;
//  - a simulated PBX produces the asynchronous work: customers arrive on a timer, phones ring
//    (the transport schedules the agent's answer on a timer), calls end on a timer, some
//    customers hang up while waiting;
//  - SIGINT/SIGTERM or the --seconds limit stop it cleanly: every timer is cancelled, so
//    io_context::run() returns because no work is left.
//
//   asio_host [--seconds N] [--seed S] [--verbose]
#include <omniroute/omniroute.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <list>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;
using namespace omniroute;

class host;

/// Counts every event, prints them when asked.
class counting_observer final : public event_observer {
 public:
  explicit counting_observer(bool verbose) : verbose_(verbose) {}
  std::map<event_kind, std::uint64_t> counts;

 protected:
  void on_event(const event& e) override {
    ++counts[e.kind];
    if (verbose_) std::printf("%s\n", to_string(e).c_str());
  }

 private:
  bool verbose_;
};

/// The PBX's side of the router: rings phones, and schedules what agents and customers do.
class pbx_transport final : public offer_transport {
 public:
  explicit pbx_transport(host& h) : host_(h) {}

 protected:
  void on_offer(const offer_request& r) override;
  void on_cancel(const offer_cancellation&) override {}

 private:
  host& host_;
};

class host {
 public:
  host(asio::io_context& io, std::uint64_t seed, bool verbose)
      : io_(io),
        start_(steady::now()),
        router_(router_options{seed}),
        rng_(seed),
        observer_(verbose),
        phones_(*this),
        router_timer_(io),
        arrivals_(io),
        run_limit_(io),
        signals_(io, SIGINT, SIGTERM) {
    router_.set_observer(&observer_);
    (void)router_.set_transport(channels::voice, &phones_);
  }

  /// Router time for a steady_clock instant, and back.
  time_point router_time(steady::time_point t) const {
    return time_point(std::chrono::duration_cast<duration>(t - start_));
  }
  steady::time_point steady_time(time_point t) const {
    return start_ + std::chrono::duration_cast<steady::duration>(t.time_since_epoch());
  }
  time_point now() const { return router_time(steady::now()); }

  bool setup() {
    queue_config q;
    q.name = "support";
    q.offers.timeout = std::chrono::milliseconds(800);
    q.wrap_up = std::chrono::milliseconds(150);
    const result<queue_id> support = router_.add_queue(now(), q);
    if (!support) return false;
    queue_ = *support;
    for (int i = 0; i < 4; ++i) {
      agent_config a;
      a.name = "agent-" + std::to_string(i + 1);
      const result<agent_id> id = router_.add_agent(now(), a);
      if (!id || !router_.add_member(now(), queue_, *id) || !router_.login(now(), *id, true)) {
        return false;
      }
    }
    return true;
  }

  void start(double seconds) {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;  // cancelled by shutdown
      std::printf("signal %d: shutting down\n", signal);
      shutdown();
    });
    run_limit_.expires_after(std::chrono::duration_cast<steady::duration>(
        std::chrono::duration<double>(seconds)));
    run_limit_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) shutdown();
    });
    schedule_arrival();
    rearm_router_timer();
  }

  /// Runs a command and re-arms the router timer, since any command may arm or disarm timers.
  template <class F>
  void command(F&& f) {
    if (stopping_) return;
    std::forward<F>(f)(router_, now());
    rearm_router_timer();
  }

  /// Runs `action` after `delay` unless the host shuts down first. Pending actions are owned
  /// here so shutdown can cancel them all.
  void after(steady::duration delay, std::function<void()> action) {
    if (stopping_) return;
    pending_.emplace_front(io_);
    const auto it = pending_.begin();
    it->expires_after(delay);
    it->async_wait([this, it, action = std::move(action)](const boost::system::error_code& ec) {
      pending_.erase(it);
      if (!ec && !stopping_) action();
    });
  }

  std::mt19937_64& rng() { return rng_; }
  std::uint64_t arrivals = 0;
  std::uint64_t answered = 0;

  int report() const {
    std::printf("ran %.2f s of wall time: %llu arrivals, %llu answered\n",
                to_seconds(now()), static_cast<unsigned long long>(arrivals),
                static_cast<unsigned long long>(answered));
    for (const auto& [kind, n] : observer_.counts) {
      std::printf("  %-20s %llu\n", to_string(kind), static_cast<unsigned long long>(n));
    }
    std::printf("  live contacts at shutdown: %zu\n", router_.live_contact_count());
    const auto completed = observer_.counts.find(event_kind::contact_completed);
    return completed != observer_.counts.end() && completed->second > 0 ? 0 : 1;
  }

 private:
  void rearm_router_timer() {
    if (stopping_) return;
    const time_point deadline = router_.next_deadline();
    if (deadline == armed_for_) return;  // already waiting for exactly that
    armed_for_ = deadline;
    if (deadline == never) {
      router_timer_.cancel();
      return;
    }
    router_timer_.expires_at(steady_time(deadline));
    router_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // re-armed for another deadline, or shutting down
      armed_for_ = never;
      // advance() fires every timer due by now, each at its own deadline.
      command([](router& r, time_point t) { (void)r.advance(t); });
    });
  }

  void schedule_arrival() {
    const double gap = std::exponential_distribution<double>(1 / 0.12)(rng_);
    arrivals_.expires_after(std::chrono::duration_cast<steady::duration>(
        std::chrono::duration<double>(gap)));
    arrivals_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      command([this](router& r, time_point t) {
        contact_spec spec;
        spec.queue = queue_;
        (void)spec.attributes.set("customer", std::to_string(1000 + arrivals));
        const result<contact_id> c = r.arrive(t, spec);
        if (!c) return;
        ++arrivals;
        // One customer in five hangs up if still waiting after a while.
        if (std::uniform_int_distribution<int>(0, 4)(rng_) == 0) {
          const contact_id id = *c;
          after(std::chrono::milliseconds(400), [this, id] {
            command([id](router& rr, time_point tt) { (void)rr.abandon(tt, id); });
          });
        }
      });
      schedule_arrival();
    });
  }

  void shutdown() {
    if (stopping_) return;
    stopping_ = true;
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    run_limit_.cancel();
    arrivals_.cancel();
    router_timer_.cancel();
    for (asio::steady_timer& t : pending_) t.cancel();
    // Every handler now completes with operation_aborted; run() returns when they have.
  }

  asio::io_context& io_;
  const steady::time_point start_;
  router router_;
  std::mt19937_64 rng_;
  counting_observer observer_;
  pbx_transport phones_;
  queue_id queue_;
  asio::steady_timer router_timer_;
  time_point armed_for_ = never;
  asio::steady_timer arrivals_;
  asio::steady_timer run_limit_;
  asio::signal_set signals_;
  std::list<asio::steady_timer> pending_;
  bool stopping_ = false;
};

// Called from inside a router command: schedule, never block. The agent answers after ringing
// (or never: the router's offer timeout, driven by the router timer, takes over), talks, hangs up.
void pbx_transport::on_offer(const offer_request& r) {
  std::mt19937_64& rng = host_.rng();
  const int roll = std::uniform_int_distribution<int>(0, 99)(rng);
  if (roll < 5) return;  // away from the desk: no answer
  const offer_id offer = r.offer;
  const contact_id contact = r.contact;
  const auto ring = std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 300)(rng));
  const auto talk = std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 600)(rng));
  const bool decline = roll < 10;
  host_.after(ring, [this, offer, contact, talk, decline] {
    host_.command([&](router& rr, time_point t) {
      if (decline) {
        (void)rr.reject(t, offer);
        return;
      }
      // The customer may have hung up meanwhile: then the offer is no longer pending.
      if (!rr.accept(t, offer)) return;
      ++host_.answered;
      host_.after(talk, [this, contact] {
        host_.command([contact](router& r2, time_point t2) { (void)r2.complete(t2, contact); });
      });
    });
  });
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  std::uint64_t seed = 1;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (!std::strcmp(argv[i], "--verbose")) {
      verbose = true;
    } else {
      std::fprintf(stderr, "usage: asio_host [--seconds N] [--seed S] [--verbose]\n");
      return 2;
    }
  }
  asio::io_context io;
  host h(io, seed, verbose);
  if (!h.setup()) {
    std::fprintf(stderr, "asio_host: setup failed\n");
    return 1;
  }
  h.start(seconds);
  io.run();  // returns once shutdown() has cancelled every timer and the signal wait
  return h.report();
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The examples of docs/integration.md: the host's clock, a host event loop that pulls the
// router's timers, transports that answer later or at once, typed errors, the error handler for
// throwing callbacks, and explanations. Exits non-zero on any surprise.
#include "doc_support.hpp"

#include <chrono>
#include <functional>
#include <queue>
#include <stdexcept>
#include <string>

using namespace omniroute;
using doc::expect;
using doc::must;

namespace {

// [snippet:integration-clock]
/// Router time is the host's steady clock counted from the host's start: one subtraction each
/// way. (The router never reads a clock; it only compares the times it is given.)
class router_time {
 public:
  time_point now() const { return from(std::chrono::steady_clock::now()); }
  time_point from(std::chrono::steady_clock::time_point t) const {
    return time_point(std::chrono::duration_cast<duration>(t - start_));
  }
  /// For arming the host's timer. Precondition: t != never.
  std::chrono::steady_clock::time_point to_steady(time_point t) const {
    return start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(t.time_since_epoch());
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};
// [/snippet]

/// A stand-in for the host's event loop: actions scheduled at router times, run in time order.
class host_loop {
 public:
  using action = std::function<void(time_point)>;
  void at(time_point when, action a) { queue_.push({when, ++sequence_, std::move(a)}); }
  time_point next() const { return queue_.empty() ? never : queue_.top().when; }
  void run_next() {
    item top = queue_.top();
    queue_.pop();
    top.run(top.when);
  }

 private:
  struct item {
    time_point when;
    std::uint64_t sequence;
    action run;
    bool operator>(const item& o) const { return when != o.when ? when > o.when : sequence > o.sequence; }
  };
  std::priority_queue<item, std::vector<item>, std::greater<>> queue_;
  std::uint64_t sequence_ = 0;
};

// [snippet:integration-loop]
/// The host's loop: wake at the earlier of its own next event and the router's next deadline.
/// A real loop sleeps in epoll_wait / io_context::run_one / uv_run until then.
void run_until(router& r, host_loop& host, time_point end) {
  for (;;) {
    const time_point wake = std::min(host.next(), r.next_deadline());
    if (wake == never || wake > end) return;
    if (wake == host.next()) {
      host.run_next();  // host work: it calls router commands with `now` = wake
    } else {
      must(r.advance(wake));  // router timers: offer timeouts, wrap-ups, escalation steps...
    }
  }
}
// [/snippet]

// [snippet:integration-transport]
/// Voice: ring the phone, never block. The agent's answer arrives later through the loop.
class voice_transport final : public offer_transport {
 public:
  voice_transport(router& r, host_loop& loop) : router_(r), loop_(loop) {}
  std::size_t cancelled = 0;

 protected:
  void on_offer(const offer_request& o) override {
    const offer_id id = o.offer;
    loop_.at(o.at + std::chrono::seconds(3), [this, id](time_point now) {
      const status s = router_.accept(now, id);
      // The offer may have ended meanwhile (timed out, caller hung up): not an error for us.
      if (!s && s.error() != errc::offer_not_pending && s.error() != errc::unknown_offer) {
        std::fprintf(stderr, "accept: %s\n", s.error().message().c_str());
      }
    });
  }
  void on_cancel(const offer_cancellation&) override { ++cancelled; }  // stop ringing

 private:
  router& router_;
  host_loop& loop_;
};

/// A chat bot answers inside the callback. The router allows it: the accept runs at once as a
/// command of its own, and its events queue behind the ones being delivered. It uses the
/// router's current time: an offer made by a timer carries the timer's deadline in `o.at`,
/// which may be earlier than the time of the command being delivered.
class bot_transport final : public offer_transport {
 public:
  explicit bot_transport(router& r) : router_(r) {}

 protected:
  void on_offer(const offer_request& o) override { (void)router_.accept(router_.now(), o.offer); }
  void on_cancel(const offer_cancellation&) override {}

 private:
  router& router_;
};
// [/snippet]

void clock_round_trip() {
  const router_time clock;
  const auto steady = std::chrono::steady_clock::now();
  expect(clock.to_steady(clock.from(steady)) == steady, "the clock maps both ways");
  expect(clock.now() >= time_point{}, "router time starts at zero");
}

void loop_and_transports() {
  router r;
  doc::recorder log;
  r.set_observer(&log);
  host_loop loop;
  voice_transport voice(r, loop);
  bot_transport bot(r);
  must(r.set_transport(channels::voice, &voice));
  must(r.set_transport(channels::chat, &bot));
  queue_config q_config;
  q_config.name = "front";
  const queue_id q = must(r.add_queue(at_seconds(0), q_config));
  agent_config ida_config;
  ida_config.name = "ida";
  const agent_id ida = must(r.add_agent(at_seconds(0), ida_config));
  must(r.add_member(at_seconds(0), q, ida));
  must(r.login(at_seconds(0), ida, true));

  contact_spec call;
  call.queue = q;
  contact_spec chat = call;
  chat.channel = channels::chat;
  contact_id call_id;
  loop.at(at_seconds(10), [&](time_point now) { call_id = must(r.arrive(now, call)); });
  loop.at(at_seconds(100), [&](time_point now) { must(r.complete(now, call_id)); });
  contact_id chat_id;
  loop.at(at_seconds(200), [&](time_point now) { chat_id = must(r.arrive(now, chat)); });
  run_until(r, loop, at_seconds(300));

  expect(!r.contact(call_id), "the call was answered at t=13 and completed at t=100");
  expect(must(r.contact(chat_id)).state == contact_state::connected, "the bot accepted the chat at once");
  std::size_t connected = 0;
  for (const event& e : log.events) connected += e.kind == event_kind::contact_connected;
  expect(connected == 2, "two connections");
  expect(voice.cancelled == 0, "no offer withdrawn");
}

void typed_errors() {
  router r;
  queue_config q_config;
  q_config.name = "errors";
  const queue_id q = must(r.add_queue(at_seconds(100), q_config));
  contact_spec call;
  call.queue = q;
  const contact_id c = must(r.arrive(at_seconds(100), call));
  // [snippet:integration-errors]
  const status s = r.complete(at_seconds(101), c);  // nobody answered it yet
  if (!s) {
    // s.error() is a std::error_code in the "omniroute" category; compare it with errc values.
    if (s.error() == errc::contact_not_connected) {
      std::printf("complete refused: %s\n", s.error().message().c_str());
    }
  }
  // Time never goes backwards; a refused command changes nothing.
  const status late = r.advance(at_seconds(50));
  const bool refused = late.error() == errc::time_went_backwards;
  // [/snippet]
  expect(s.error() == errc::contact_not_connected, "complete of a waiting contact is refused");
  expect(refused && r.now() == at_seconds(101), "time_went_backwards, time unchanged");
  expect(must(r.contact(c)).state == contact_state::waiting, "the contact still waits");
}

void error_handler_and_explanations() {
  router r;
  // [snippet:integration-error-handler]
  /// An observer with a bug: it throws. The router catches it at the boundary.
  class fragile_observer final : public event_observer {
   protected:
    void on_event(const event& e) override {
      if (e.why) std::printf("%s\n", to_string(*e.why).c_str());  // explanations, when on
      if (e.kind == event_kind::contact_offered) throw std::runtime_error("log disk full");
    }
  };
  fragile_observer observer;
  r.set_observer(&observer);
  std::string reported;
  r.set_error_handler([&](std::string_view where, std::string_view what) {
    reported = std::string(where) + ": " + std::string(what);  // "observer: log disk full"
  });
  r.set_explanations(true);  // or router_options::explain
  // [/snippet]
  queue_config q_config;
  q_config.name = "explained";
  const queue_id q = must(r.add_queue(at_seconds(0), q_config));
  agent_config jo_config;
  jo_config.name = "jo";
  const agent_id jo = must(r.add_agent(at_seconds(0), jo_config));
  must(r.add_member(at_seconds(0), q, jo));
  must(r.login(at_seconds(0), jo, true));
  contact_spec call;
  call.queue = q;
  const contact_id c = must(r.arrive(at_seconds(1), call));
  expect(reported == "observer: log disk full", "the host error handler got the exception");
  expect(must(r.contact(c)).state == contact_state::offered, "routing went on");
}

}  // namespace

int main() {
  clock_round_trip();
  loop_and_transports();
  typed_errors();
  error_handler_and_explanations();
  return doc::finish("integration");
}

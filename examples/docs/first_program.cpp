// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The first program of docs/getting-started.md: one queue, one agent, two calls, an accepted
// offer, a completion, wrap-up and the timers that end it. The docs quote the regions between
// [snippet:...] markers (tests/docs/snippets.cmake keeps them equal); the program checks its own
// results and exits non-zero on any surprise, so the quoted code cannot rot.
// [snippet:first-program-includes]
#include <omniroute/omniroute.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace omniroute;
// [/snippet]

namespace {

int failures = 0;
void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "first_program: unexpected: %s\n", what);
    ++failures;
  }
}

// [snippet:first-program-must]
/// Setup commands that must succeed: stop with the router's reason when one does not.
template <class T>
T must(result<T> r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().message().c_str());
    std::exit(1);
  }
  return *r;
}
void must(status s, const char* what) {
  if (!s) {
    std::fprintf(stderr, "%s: %s\n", what, s.error().message().c_str());
    std::exit(1);
  }
}
// [/snippet]

// [snippet:first-program-ports]
/// The host's voice transport: it would ring the agent's phone. Here it remembers the offers
/// so that main() can answer them, as an agent pressing "answer" would.
class phone final : public offer_transport {
 public:
  std::vector<offer_id> ringing;
  std::vector<offer_id> stopped;

 protected:
  void on_offer(const offer_request& r) override { ringing.push_back(r.offer); }
  void on_cancel(const offer_cancellation& c) override { stopped.push_back(c.offer); }
};

/// The host's log: every state change, in order.
class event_log final : public event_observer {
 public:
  std::vector<event_kind> kinds;

 protected:
  void on_event(const event& e) override {
    kinds.push_back(e.kind);
    std::printf("%s\n", to_string(e).c_str());
  }
};
// [/snippet]

}  // namespace

int main() {
  // [snippet:first-program-setup]
  router r;
  phone phones;
  event_log log;
  r.set_observer(&log);
  must(r.set_transport(channels::voice, &phones), "set_transport");

  queue_config sales;
  sales.name = "sales";
  sales.channels = {channels::voice};
  sales.wrap_up = std::chrono::seconds(30);  // after-call work
  const queue_id q = must(r.add_queue(at_seconds(0), sales), "add_queue");

  agent_config ana_config;
  ana_config.name = "ana";  // every other field has a default
  const agent_id ana = must(r.add_agent(at_seconds(0), ana_config), "add_agent");
  must(r.add_member(at_seconds(0), q, ana), "add_member");
  must(r.login(at_seconds(0), ana, /*ready=*/true), "login");
  // [/snippet]

  // [snippet:first-program-call]
  contact_spec call;
  call.channel = channels::voice;
  call.queue = q;
  must(call.attributes.set("customer", "C-1042"), "attributes");  // delivered with the offer
  const contact_id first = must(r.arrive(at_seconds(5), call), "arrive");

  // ana was ready, so `arrive` already offered the call: the phone is ringing.
  const offer_id offer = phones.ringing.back();
  must(r.accept(at_seconds(8), offer), "accept");      // ana answers: connected
  must(r.complete(at_seconds(68), first), "complete");  // hangs up: 30 s of wrap-up start
  // [/snippet]
  expect(phones.ringing.size() == 1, "one offer for the first call");
  expect(r.agent(ana)->state == agent_state::wrap_up, "ana in wrap-up after completing");

  // [snippet:first-program-timers]
  // A second call arrives during the wrap-up: it waits.
  const contact_id second = must(r.arrive(at_seconds(70), call), "arrive");
  // The host's event loop sleeps until the router's next deadline, then hands the time back.
  while (r.next_deadline() != never && r.next_deadline() <= at_seconds(100)) {
    must(r.advance(r.next_deadline()), "advance");
  }
  // The wrap-up ended at t=98 s and, inside that advance, the waiting call was offered to ana.
  // [/snippet]
  expect(r.contact(second)->state == contact_state::offered, "second call offered after wrap-up");
  expect(phones.ringing.size() == 2, "second offer delivered");
  // Nobody answers the second offer: it times out after the queue's 20 s, at t=118 s, and the
  // call is offered again (to ana, the only agent; one no_answer is counted against her).
  must(r.advance(at_seconds(118)), "advance");
  expect(phones.stopped.size() == 1, "the unanswered offer was withdrawn at its timeout");
  expect(phones.ringing.size() == 3, "the call was offered again");
  expect(r.agent(ana)->consecutive_failures[static_cast<int>(failure_kind::no_answer)] == 1,
         "one no_answer counted");

  // [snippet:first-program-queries]
  const agent_info who = must(r.agent(ana), "agent");
  std::printf("ana: %s, %u of %u capacity units used, %llu handled\n", to_string(who.state),
              who.used_capacity, who.total_capacity,
              static_cast<unsigned long long>(who.handled_since_login));
  // [/snippet]
  expect(who.handled_since_login == 1, "one call handled");
  expect(r.live_contact_count() == 1, "only the second call is live");
  expect(!r.contact(first), "the first call ended (handled)");
  expect(log.kinds.front() == event_kind::queue_added, "the log starts with queue_added");

  if (failures != 0) return 1;
  std::printf("first_program: ok\n");
  return 0;
}

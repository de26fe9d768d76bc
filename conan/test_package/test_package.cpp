// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The smallest real use of an installed omniroute: one queue, one ready agent, one arriving
// contact that must be offered to that agent. Built by `conan create`, and by tests/package
// with plain CMake (find_package, add_subdirectory) and through pkg-config.
#include <omniroute/omniroute.hpp>
#include <omniroute/router/router.hpp>

#include <cstdio>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "test_package: FAILED: %s\n", what);
    ++failures;
  }
}

// Records the offer the router makes.
class offer_recorder final : public omniroute::event_observer {
 public:
  int offers = 0;
  omniroute::agent_id agent;
  omniroute::contact_id contact;

 protected:
  void on_event(const omniroute::event& e) override {
    if (e.kind == omniroute::event_kind::contact_offered) {
      ++offers;
      agent = e.agent;
      contact = e.contact;
    }
  }
};

}  // namespace

int main() {
  namespace orr = omniroute;
  const orr::time_point t0 = orr::at_seconds(0);

  orr::router router;
  offer_recorder recorder;
  router.set_observer(&recorder);

  orr::queue_config queue;
  queue.name = "support";
  const orr::result<orr::queue_id> q = router.add_queue(t0, queue);
  check(q.has_value(), "add_queue");

  orr::agent_config agent;
  agent.name = "alice";
  const orr::result<orr::agent_id> a = router.add_agent(t0, agent);
  check(a.has_value(), "add_agent");
  if (!q || !a) return 1;

  check(router.add_member(t0, *q, *a).has_value(), "add_member");
  check(router.login(t0, *a, /*ready=*/true).has_value(), "login ready");

  orr::contact_spec call;
  call.channel = orr::channels::voice;
  call.queue = *q;
  const orr::result<orr::contact_id> c = router.arrive(orr::at_seconds(1), call);
  check(c.has_value(), "arrive");
  if (!c) return 1;

  const orr::result<orr::contact_info> info = router.contact(*c);
  check(info.has_value() && info->state == orr::contact_state::offered, "contact is offered");
  check(recorder.offers == 1, "exactly one contact_offered event");
  check(recorder.agent == *a && recorder.contact == *c, "offered to alice");

  std::printf("omniroute %d.%d.%d: contact offered to alice (%s)\n", OMNIROUTE_VERSION / 10000,
              OMNIROUTE_VERSION / 100 % 100, OMNIROUTE_VERSION % 100,
#ifdef OMNIROUTE_HEADER_ONLY
              "header-only"
#else
              "compiled"
#endif
  );
  return failures == 0 ? 0 : 1;
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Snapshots: a router restored from a snapshot is the original, command for command. Random
// workloads run N commands on one router, snapshot it, restore into a fresh router, then run
// the same M commands on both: every outcome, every event (offers included), every decision
// explanation, every transport call and the state hash after every command must agree.
#include "journal/temp_dir.hpp"
#include "journal/workload.hpp"

#include <omniroute/journal/command.hpp>
#include <omniroute/journal/detail/model_wire.hpp>
#include <omniroute/journal/file_journal.hpp>
#include <omniroute/journal/snapshot.hpp>
#include <omniroute/router/explanation.hpp>

#include <cstring>

#include "support/catch.hpp"

using namespace omniroute;
using namespace omniroute_journal_test;

namespace {

/// Everything a host sees: events with their explanations, and transport calls.
struct host_log final : event_observer, offer_transport {
  std::vector<std::string> lines;
  void on_event(const event& e) override {
    lines.push_back(to_string(e));
    if (e.why) lines.push_back("  why " + to_string(*e.why));
  }
  void on_offer(const offer_request& r) override {
    lines.push_back("offer " + std::to_string(r.offer.value()) + " " + std::to_string(r.contact.value()) + " " +
                    std::to_string(r.agent.value()) + " " + std::to_string(r.deadline.time_since_epoch().count()));
  }
  void on_cancel(const offer_cancellation& c) override {
    lines.push_back("cancel " + std::to_string(c.offer.value()));
  }
  void on_route_out(const escalation_request& r) override {
    lines.push_back("route_out " + std::to_string(r.contact.value()));
  }
  void on_callback_offer(const escalation_request& r) override {
    lines.push_back("callback " + std::to_string(r.contact.value()));
  }
};

void attach(router& r, host_log& log) {
  r.set_observer(&log);
  r.set_explanations(true);
  for (std::uint8_t ch = 0; ch < r.channels().size(); ++ch) REQUIRE(r.set_transport(channel_id(ch), &log));
}

/// What the snapshot caught in flight, to show the test covers the states that matter.
struct coverage {
  int offers = 0, wrap_ups = 0, timers = 0, waiting = 0;
  void add(const router& r) {
    for (agent_id a : r.agents()) {
      for (offer_id o : r.agent_work(a)) {
        auto w = r.offer(o);
        if (w && w->stage == offer_info::phase::offered) ++offers;
        if (w && w->stage == offer_info::phase::wrap_up) ++wrap_ups;
      }
    }
    for (queue_id q : r.queues()) waiting += static_cast<int>(r.waiting_contacts(q).size());
    if (r.next_deadline() != never) ++timers;
  }
};

}  // namespace

TEST_CASE("a restored snapshot continues exactly like the original", "[journal][snapshot]") {
  coverage seen;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const bool rich = seed % 4 != 0;
    const int before = static_cast<int>(50 + (seed * 397) % 1500);
    const int after = static_cast<int>(50 + (seed * 211) % 600);
    INFO("seed " << seed << " rich " << rich << " N " << before << " M " << after);
    router original;
    host_log original_log;
    attach(original, original_log);
    workload w(seed, at_seconds(1), workload_options{rich});
    for (int i = 0; i < before; ++i) (void)apply(original, w.next(original));
    seen.add(original);

    std::string snapshot;
    save_snapshot(original, snapshot, 1234);
    router restored;
    host_log restored_log;
    attach(restored, restored_log);
    auto sequence = restore_snapshot(restored, snapshot);
    REQUIRE(sequence);
    CHECK(*sequence == 1234);
    REQUIRE(restored.state_hash() == original.state_hash());
    CHECK(restored.next_deadline() == original.next_deadline());
    CHECK(restored.agents() == original.agents());
    CHECK(restored.queues() == original.queues());

    // A snapshot of the restored router is the same bytes: nothing was lost or invented.
    std::string again;
    save_snapshot(restored, again, 1234);
    CHECK(again == snapshot);

    original_log.lines.clear();
    for (int i = 0; i < after; ++i) {
      const command c = w.next(original);
      INFO("command #" << i << " after the snapshot: " << command_name(c));
      const command_outcome a = apply(original, c);
      const command_outcome b = apply(restored, c);
      REQUIRE(a == b);
      REQUIRE(original_log.lines == restored_log.lines);
      REQUIRE(original.state_hash() == restored.state_hash());
    }
    if (!rich) CHECK(check_invariants(restored).empty());
  }
  // The snapshots caught routers in the middle of things.
  CHECK(seen.offers > 5);
  CHECK(seen.wrap_ups > 0);
  CHECK(seen.timers > 12);
  CHECK(seen.waiting > 20);
}

namespace {

/// `snapshot` with its checksums made right again: a forged payload reaches the loader.
std::string resealed(std::string snapshot) {
  const std::uint32_t crc = crc32c(std::string_view(snapshot).substr(snapshot_header_size));
  for (int i = 0; i < 4; ++i) snapshot[32 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  const std::uint32_t header_crc = crc32c(std::string_view(snapshot).substr(0, 36));
  for (int i = 0; i < 4; ++i) snapshot[36 + i] = static_cast<char>((header_crc >> (8 * i)) & 0xFF);
  return snapshot;
}

/// An agent configuration as the journal and snapshots write it.
std::string written(const agent_config& config) {
  std::string out;
  detail::wire_writer w{out};
  detail::write_agent_config(w, config);
  return out;
}

std::string little_endian(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

}  // namespace

TEST_CASE("a snapshot naming a plan that does not exist is refused", "[journal][snapshot]") {
  // A waiting contact keeps its plan by index (plans are never removed, so a plan's
  // generation is always 1): a forged generation must not come back as the plan of that index.
  router original;
  escalation_step raise;
  raise.after = std::chrono::seconds(30);
  raise.action = step_action::raise_priority;
  raise.priority_delta = 1;
  escalation_plan plan;
  plan.steps = {raise};
  const auto p = original.add_escalation_plan(plan);
  REQUIRE(p);
  REQUIRE(p->index() == 1);
  queue_config q;
  q.name = "q";
  q.escalation = *p;
  const auto queue = original.add_queue(at_seconds(1), q);
  REQUIRE(queue);
  contact_spec spec;
  spec.queue = *queue;
  REQUIRE(original.arrive(at_seconds(2), spec));
  std::string snapshot;
  save_snapshot(original, snapshot);

  // The contact's record comes last and holds the plan's id as its last (1, 1).
  const std::string id = little_endian(p->value());
  const std::size_t at = snapshot.rfind(id);
  REQUIRE(at != std::string::npos);
  REQUIRE(at > snapshot_header_size);
  for (const plan_id forged : {plan_id(1, 2), plan_id(2, 1), plan_id(1, 0)}) {
    std::string damaged = snapshot;
    damaged.replace(at, 8, little_endian(forged.value()));
    router target;
    auto r = restore_snapshot(target, resealed(damaged));
    REQUIRE(!r);
    CHECK(r.error() == errc::malformed_data);
  }
  router target;
  REQUIRE(restore_snapshot(target, resealed(snapshot)));
  CHECK(target.state_hash() == original.state_hash());
}

TEST_CASE("a snapshot whose agent configuration disagrees with the agent's record is refused", "[journal][snapshot]") {
  // The record and the configuration the host gave both carry the agent's name and, when the
  // host gave one, its capacity (found by the fuzzer for the name): a payload where they differ
  // would restore, but would not save back to itself.
  router original;
  agent_config c;
  c.name = "ada";
  c.capacity = capacity_profile::standard(original.channels());
  c.capacity->total = 300;
  REQUIRE(original.add_agent(at_seconds(1), c));
  std::string snapshot;
  save_snapshot(original, snapshot);

  const std::string name = std::string("\x03\0\0\0", 4) + "ada";
  const std::size_t record = snapshot.find(name);
  const std::size_t config = snapshot.find(name, record + 1);
  REQUIRE(record != std::string::npos);
  REQUIRE(config != std::string::npos);
  // The configuration: its name, then the flag "a capacity was given", then the total.
  REQUIRE(snapshot.substr(config + name.size(), 5) == std::string("\x01", 1) + little_endian(300).substr(0, 4));

  router target;
  const std::uint64_t fresh = target.state_hash();
  auto refused = [&](std::string damaged) {
    auto r = restore_snapshot(target, resealed(std::move(damaged)));
    CHECK(target.state_hash() == fresh);
    return r ? std::error_code() : r.error();
  };
  std::string other_name = snapshot;
  other_name.replace(config + 4, 3, "bob");
  CHECK(refused(other_name) == errc::malformed_data);
  std::string other_total = snapshot;
  other_total.replace(config + name.size() + 1, 4, little_endian(301).substr(0, 4));
  CHECK(refused(other_total) == errc::malformed_data);

  REQUIRE(restore_snapshot(target, resealed(snapshot)));
  CHECK(target.state_hash() == original.state_hash());
  std::string again;
  save_snapshot(target, again);
  CHECK(again == snapshot);
}

TEST_CASE("a snapshot whose agent profile disagrees with the agent's given skills is refused", "[journal][snapshot]") {
  // An agent's profile (the levels and attributes routing reads) is built from the skills and
  // attributes the host gave; the snapshot stores both. A payload where they disagree would
  // route by other skills than the agent's configuration says.
  //
  // Format 2's hash covers the given skills, so it refuses such a payload anyway. Format 1's
  // does not, so the forgeries start from tests/data/snapshot-format-1-agents.bin (written by
  // commit 94a4576): only the loader's own check stands between them and a restore. Its router:
  // skill billing, enum attribute site, agents ada {billing 4, site sofia} and bo {billing 4,
  // site lagos}.
  const std::string snapshot = read_bytes(OMNIROUTE_TEST_DATA_DIR "/snapshot-format-1-agents.bin");
  REQUIRE(snapshot.size() > snapshot_header_size);
  agent_config c;
  c.name = "ada";
  c.skills = {{"billing", 4}};
  c.attributes = {{"site", "sofia"}};

  const std::string given = written(c);
  const std::size_t at = snapshot.find(given);
  REQUIRE(at != std::string::npos);

  router target;
  const std::uint64_t fresh = target.state_hash();
  auto refused = [&](const agent_config& forged) {
    const std::string bytes = written(forged);
    REQUIRE(bytes.size() == given.size());
    std::string damaged = snapshot;
    damaged.replace(at, given.size(), bytes);
    auto r = restore_snapshot(target, resealed(damaged));
    CHECK(target.state_hash() == fresh);
    return r ? std::error_code() : r.error();
  };
  agent_config level = c;
  level.skills = {{"billing", 5}};
  CHECK(refused(level) == errc::malformed_data);
  agent_config attribute = c;
  attribute.attributes = {{"site", "lagos"}};
  CHECK(refused(attribute) == errc::malformed_data);
  agent_config beyond = c;
  beyond.skills = {{"billing", static_cast<std::uint8_t>(max_skill_level + 1)}};
  CHECK(refused(beyond) == errc::malformed_data);

  // The unforged snapshot restores: the refusals are the forgeries'.
  REQUIRE(restore_snapshot(target, resealed(snapshot)));
  CHECK(target.agent_count() == 2);
}

TEST_CASE("the state hash sees every setting that decisions read", "[journal][snapshot]") {
  // Two routers that differ in one setting make different decisions, so their hashes differ:
  // replay and snapshot checks rest on that. Format 1 of the hash missed these.
  struct variant {
    router_options options;
    agent_config agent;
    queue_config queue;
    member_options member;
    bool give_capacity = false;
  };
  auto build = [](const variant& v) {
    router r(v.options);
    REQUIRE(r.add_skill("billing"));
    REQUIRE(r.add_skill("sales"));
    REQUIRE(r.add_attribute("site", attribute_kind::enumeration));
    const auto q = r.add_queue(at_seconds(1), v.queue);
    REQUIRE(q);
    agent_config agent = v.agent;
    // The standard profile, which the agent has anyway: only "a capacity was given" differs.
    if (v.give_capacity) agent.capacity = capacity_profile::standard(r.channels());
    const auto a = r.add_agent(at_seconds(1), agent);
    REQUIRE(a);
    REQUIRE(r.add_member(at_seconds(1), *q, *a, v.member));
    return r.state_hash();
  };
  variant base;
  base.agent.name = "ada";
  base.agent.skills = {{"billing", 4}, {"sales", 2}};
  base.agent.attributes = {{"site", "sofia"}};
  base.queue.name = "q";
  const std::uint64_t reference = build(base);
  CHECK(build(base) == reference);  // deterministic

  std::vector<std::pair<const char*, variant>> changes;
  auto add = [&](const char* what, auto&& change) {
    variant v = base;
    change(v);
    changes.emplace_back(what, v);
  };
  add("router's queue selection", [](variant& v) { v.options.queue_selection = queue_selection_policy::delay_ratio; });
  add("agent's queue selection", [](variant& v) { v.agent.queue_selection = queue_selection_policy::static_priority; });
  add("agent's capacity given", [](variant& v) { v.give_capacity = true; });
  add("order of given skills", [](variant& v) { v.agent.skills = {{"sales", 2}, {"billing", 4}}; });
  add("a given skill at level 0", [](variant& v) { v.agent.skills.emplace_back("sales", 0); });
  add("service-level target", [](variant& v) { v.queue.service_levels = {service_level_target{channel_id(0), 90.0, std::chrono::seconds(20)}}; });
  add("delay weight", [](variant& v) { v.queue.selection.delay_weight = 2.0; });
  add("reserve thresholds", [](variant& v) {
    v.queue.selection.reserve_below = 50.0;
    v.queue.selection.reserve_until = 60.0;
  });
  add("service-level window", [](variant& v) { v.queue.selection.window = std::chrono::minutes(15); });
  add("group pick", [](variant& v) { v.queue.selection.groups = group_pick::idle_ratio; });
  add("reserve member", [](variant& v) { v.member.reserve = true; });
  for (const auto& [what, v] : changes) {
    INFO(what);
    CHECK(build(v) != reference);
  }
}

TEST_CASE("a snapshot of format 1 restores, and saves back as format 2", "[journal][snapshot]") {
  // tests/data/snapshot-format-1.bin was written by the release before format 2 (commit
  // 94a4576), from workload(7, rich) after 900 commands with journal sequence 77. Its payload
  // is format 2's; its hash is of format 1.
  const std::string old_snapshot = read_bytes(OMNIROUTE_TEST_DATA_DIR "/snapshot-format-1.bin");
  REQUIRE(old_snapshot.size() > snapshot_header_size);
  REQUIRE(old_snapshot.substr(8, 4) == std::string("\x01\0\0\0", 4));

  router original;
  workload w(7, at_seconds(1), workload_options{true});
  for (int i = 0; i < 900; ++i) (void)apply(original, w.next(original));
  router restored;
  const auto sequence = restore_snapshot(restored, old_snapshot);
  REQUIRE(sequence);
  CHECK(*sequence == 77);
  REQUIRE(restored.state_hash() == original.state_hash());
  std::string current;
  save_snapshot(original, current, 77);
  std::string again;
  save_snapshot(restored, again, 77);
  CHECK(again == current);
  CHECK(again.substr(8, 4) == std::string("\x02\0\0\0", 4));
  // The payloads differ only in the hash they open with.
  CHECK(again.substr(snapshot_header_size + 8) == old_snapshot.substr(snapshot_header_size + 8));
  for (int i = 0; i < 300; ++i) {
    const command c = w.next(original);
    REQUIRE(apply(original, c) == apply(restored, c));
    REQUIRE(original.state_hash() == restored.state_hash());
  }

  // A hash is checked as the format its header names: a format-2 payload called format 1, or
  // a format-1 payload called format 2, is refused.
  auto with_version = [](std::string bytes, char version) {
    bytes[8] = version;
    return resealed(std::move(bytes));
  };
  for (const std::string& forged : {with_version(current, 1), with_version(old_snapshot, 2)}) {
    router target;
    const auto r = restore_snapshot(target, forged);
    REQUIRE(!r);
    CHECK(r.error() == errc::malformed_data);
  }
  router target;
  const auto future = restore_snapshot(target, with_version(current, 3));
  REQUIRE(!future);
  CHECK(future.error() == errc::malformed_data);
}

TEST_CASE("a damaged or foreign snapshot is refused and the router is unchanged", "[journal][snapshot]") {
  router original;
  workload w(7, at_seconds(1), workload_options{true});
  for (int i = 0; i < 400; ++i) (void)apply(original, w.next(original));
  std::string snapshot;
  save_snapshot(original, snapshot);

  router target;
  const std::uint64_t fresh = target.state_hash();
  auto refused = [&](std::string_view bytes) {
    auto r = restore_snapshot(target, bytes);
    CHECK(target.state_hash() == fresh);
    return r ? std::error_code() : r.error();
  };
  CHECK(refused("") == errc::corrupt_journal);
  CHECK(refused(std::string_view(snapshot).substr(0, 20)) == errc::corrupt_journal);
  CHECK(refused(std::string_view(snapshot).substr(0, snapshot.size() - 1)) == errc::corrupt_journal);
  CHECK(refused(snapshot + "x") == errc::corrupt_journal);
  for (std::size_t at : {std::size_t{3}, std::size_t{12}, std::size_t{30}, std::size_t{45}, snapshot.size() / 2,
                         snapshot.size() - 1}) {
    std::string damaged = snapshot;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
    INFO("flipped byte " << at);
    const std::error_code e = refused(damaged);
    CHECK((e == errc::corrupt_journal || e == errc::malformed_data));
  }
  CHECK(refused("OMNIRJNL is a journal, not a snapshot, and long enough") == errc::malformed_data);
  // A payload that passes its checksum but does not rebuild the saved state (here: a state
  // hash that does not match) is malformed, never half-applied.
  std::string forged = snapshot;
  forged[snapshot_header_size] = static_cast<char>(forged[snapshot_header_size] ^ 1);
  CHECK(refused(resealed(forged)) == errc::malformed_data);

  // The intact snapshot restores; a router with state refuses another.
  REQUIRE(restore_snapshot(target, snapshot));
  CHECK(target.state_hash() == original.state_hash());
  const std::uint64_t restored = target.state_hash();
  auto twice = restore_snapshot(target, snapshot);
  REQUIRE(!twice);
  CHECK(twice.error() == errc::illegal_transition);
  CHECK(target.state_hash() == restored);
  router used;
  REQUIRE(used.advance(at_seconds(1)));
  auto busy = restore_snapshot(used, snapshot);
  REQUIRE(!busy);
  CHECK(busy.error() == errc::illegal_transition);
}

TEST_CASE("an agent's configuration comes back from a snapshot as the host gave it", "[journal][snapshot]") {
  // The router keeps the parts of an agent's configuration apart (name, capacity, offer rules,
  // skills...); a snapshot writes the configuration whole, with the capacity only if given.
  router original;
  REQUIRE(original.add_skill("billing"));
  REQUIRE(original.add_skill("sales"));
  REQUIRE(original.add_skill("language.es"));
  REQUIRE(original.add_attribute("site", attribute_kind::enumeration));
  REQUIRE(original.add_attribute("trainee", attribute_kind::boolean));
  agent_config given;
  given.name = "an agent whose name is longer than a short string";
  given.capacity = capacity_profile::standard(original.channels());
  given.capacity->total = 300;
  given.wrap_up = std::chrono::seconds(7);
  given.offers.timeout = std::chrono::seconds(11);
  given.offers.rejected = failure_policy{};
  // Not in the registry's order: the router keeps them by id, and gives back the host's order.
  given.skills = {{"language.es", 3}, {"billing", 4}, {"sales", 0}};
  given.attributes = {{"trainee", "false"}, {"site", "sofia"}};
  given.queue_selection = queue_selection_policy::delay_ratio;
  agent_config standard;
  standard.name = "standard";
  REQUIRE(original.add_agent(at_seconds(1), given));
  REQUIRE(original.add_agent(at_seconds(1), standard));

  std::string snapshot;
  save_snapshot(original, snapshot);
  router restored;
  REQUIRE(restore_snapshot(restored, snapshot));
  CHECK(restored.state_hash() == original.state_hash());
  std::string again;
  save_snapshot(restored, again);
  CHECK(again == snapshot);
  // The snapshot holds each configuration exactly as the journal writes the given one.
  for (const agent_config* c : {&given, &standard}) CHECK(snapshot.find(written(*c)) != std::string::npos);
  const auto agent = restored.find_agent(given.name);
  REQUIRE(agent);
  const auto info = restored.agent(*agent);
  REQUIRE(info);
  CHECK(info->total_capacity == 300);
  // The restored router keeps the parts apart too: a second round trip changes nothing.
  router twice;
  REQUIRE(restore_snapshot(twice, again));
  std::string third;
  save_snapshot(twice, third);
  CHECK(third == snapshot);
}

TEST_CASE("handles issued before a snapshot name the same objects after it", "[journal][snapshot]") {
  router original;
  workload w(11, at_seconds(1), workload_options{true});
  for (int i = 0; i < 800; ++i) (void)apply(original, w.next(original));
  std::string snapshot;
  save_snapshot(original, snapshot);
  router restored;
  REQUIRE(restore_snapshot(restored, snapshot));
  for (agent_id a : original.agents()) {
    auto x = original.agent(a);
    auto y = restored.agent(a);
    REQUIRE(y);
    CHECK(x->name == y->name);
    CHECK(original.agent_work(a) == restored.agent_work(a));
  }
  for (queue_id q : original.queues()) CHECK(original.waiting_contacts(q) == restored.waiting_contacts(q));
  // The next handles issued are the same too.
  agent_config c;
  c.name = "newcomer";
  auto x = original.add_agent(w.now(), c);
  auto y = restored.add_agent(w.now(), c);
  REQUIRE(x);
  REQUIRE(y);
  CHECK(*x == *y);
}

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A discrete-event simulator that drives the real router on a virtual clock. The simulator is
// the router's host: it registers the scenario's channels, queues and agents through the
// public API, implements the offer transport (agents accept after an answer delay, or let the
// offer ring out) and the event observer (which collects every metric), and schedules
// arrivals, abandons, completions and agent schedules in a queue of plain events
// (sim/detail/event_queue.hpp), interleaved with router.next_deadline() / advance(). There is
// no second routing model: every decision in a simulated day is the router's own.
//
// A *simulated event* is one router event delivered to the observer or one host command issued
// to the router (arrive, accept, complete, abandon, login, ready, not_ready, logout);
// `replication_result::events` counts them.
//
// Metric definitions (per arrival queue; a contact is counted in the queue and interval where it
// arrived, whatever queues it visits afterwards):
//  - offered: arrivals, refused ones included;
//  - sl: answered (connected) within the queue's T of arriving / offered — abandons, refusals,
//    expiries and contacts still waiting at the end are failures;
//  - p_wait: share of offered contacts not offered to an agent in their arrival instant;
//  - asa: mean wait over every offered contact: arrival to connection for answered ones
//    (ringing included), arrival to leaving for the others, arrival to the end of the run for
//    those still waiting (refused: 0);
//  - p_abandon: abandoned / offered; aht: mean connected time of completed contacts;
//  - queue_length: time-average number of contacts in the queue (offered ones included);
//  - routed_out, escalations, callbacks_offered, callbacks_accepted: contacts routed out by an
//    escalation step, escalation steps applied, callbacks offered by a step and callbacks the
//    customer took (the host accepts each offer with the queue's callback_acceptance);
//    routed-out contacts are also counted per destination;
//  - occupancy (per agent group): time with connected work or wrap-up / time logged in and not
//    in a plain not-ready state (ready, reserved, busy, wrap-up).
#ifndef OMNIROUTE_SIM_SIMULATOR_HPP
#define OMNIROUTE_SIM_SIMULATOR_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/sim/scenario.hpp>
#include <omniroute/sim/statistics.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {

/// Raw counts of one arrival queue in one interval.
struct queue_counts {
  double offered = 0;
  double answered = 0;
  double answered_in_target = 0;
  double waited = 0;  ///< Not offered to an agent at the arrival instant.
  double abandoned = 0;
  double expired = 0;
  double refused = 0;
  double routed_out = 0;
  double unfinished = 0;  ///< Still waiting when the run ended.
  double wait_sum = 0;    ///< Seconds, over every offered contact.
  double completed = 0;
  double talk_sum = 0;         ///< Seconds connected, over completed contacts.
  double length_integral = 0;  ///< Contact-seconds spent in this queue (by time, not arrival).
  double escalations = 0;         ///< Escalation steps applied.
  double callbacks_offered = 0;   ///< Callbacks offered by escalation steps.
  double callbacks_accepted = 0;  ///< Callbacks the customer took.

  queue_counts& operator+=(const queue_counts& o) noexcept;
};

/// Raw agent time of one agent group in one interval, in agent-seconds.
struct group_counts {
  double logged_in = 0;
  double staffed = 0;   ///< ready, reserved, busy or wrap_up.
  double occupied = 0;  ///< busy or wrap_up.

  group_counts& operator+=(const group_counts& o) noexcept;
};

/// One replication: counts per queue and per group, per reporting interval.
struct replication_result {
  std::uint64_t seed = 0;
  std::vector<std::vector<queue_counts>> queues;  ///< [queue][interval]
  std::vector<std::vector<group_counts>> groups;  ///< [group][interval]
  /// Contacts routed out, per arrival queue and destination (see sim::destinations).
  std::vector<std::vector<std::vector<double>>> routed_out_to;  ///< [queue][destination][interval]
  std::uint64_t events = 0;       ///< Simulated events (see the file comment).
  std::uint64_t contacts = 0;     ///< Arrivals, refused ones included.
  double end_time = 0;            ///< Simulated seconds when the run stopped.
};

enum class queue_metric : std::uint8_t {
  offered,
  answered,
  abandoned,
  sl,
  p_wait,
  asa,
  p_abandon,
  aht,
  queue_length,
  routed_out,
  escalations,
  callbacks_offered,
  callbacks_accepted,
};
inline constexpr std::size_t queue_metric_count = 13;
OMNIROUTE_API const char* to_string(queue_metric m) noexcept;

enum class group_metric : std::uint8_t { occupancy, staffed_agents };
inline constexpr std::size_t group_metric_count = 2;
OMNIROUTE_API const char* to_string(group_metric m) noexcept;

/// The value of a metric from counts over `seconds` of time; NaN when undefined (a ratio
/// without a denominator). Counts are per interval: `offered`, `answered`, `abandoned`,
/// `routed_out`, `escalations` and the callback counts are numbers of contacts (or steps).
OMNIROUTE_API double metric_value(queue_metric m, const queue_counts& c, double seconds) noexcept;
OMNIROUTE_API double metric_value(group_metric m, const group_counts& c, double seconds) noexcept;

using queue_estimates = std::array<estimate, queue_metric_count>;
using group_estimates = std::array<estimate, group_metric_count>;

struct queue_summary {
  std::string name;
  double service_level_seconds = 0;
  queue_estimates total;                  ///< Over [warmup, horizon).
  std::vector<queue_estimates> intervals; ///< Per reporting interval.
  /// Routed-out contacts per destination (every destination of the scenario, in order).
  std::vector<std::pair<std::string, estimate>> routed_out_to;
};

struct group_summary {
  std::string name;  ///< "all" for the total over every group.
  group_estimates total;
  std::vector<group_estimates> intervals;
};

/// Estimates over replications. In batch-means mode the totals use every interval of every
/// replication as one sample (df = replications × intervals − 1); otherwise each replication's
/// total is one sample (df = replications − 1). Interval series always use one sample per
/// replication.
struct experiment_result {
  std::string name;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  bool batch_means = false;
  double warmup = 0;
  double horizon = 0;
  double interval = 0;
  std::vector<queue_summary> queues;
  std::vector<group_summary> groups;  ///< One per agent group, then "all".
  std::uint64_t events = 0;           ///< Over every replication.
  std::uint64_t contacts = 0;
};

/// Reports progress: `done` in [0, 1] over the whole experiment. Called at most a few hundred
/// times per replication.
using progress_fn = void (*)(void* context, double done);

/// Runs one replication. Precondition: validate(s) is empty. Errors: whatever the router
/// refuses in the scenario's configuration (then `why`, if given, names the item).
OMNIROUTE_API result<replication_result> run_replication(const scenario& s, std::uint64_t seed,
                                                         std::string* why = nullptr,
                                                         progress_fn progress = nullptr,
                                                         void* context = nullptr);

/// Confidence intervals over replications (see experiment_result).
OMNIROUTE_API experiment_result summarise(const scenario& s,
                                          const std::vector<replication_result>& runs);

/// `replications` runs seeded derive_seed(seed, r), summarised.
OMNIROUTE_API result<experiment_result> run(const scenario& s, std::uint64_t seed,
                                            std::uint32_t replications,
                                            std::string* why = nullptr,
                                            progress_fn progress = nullptr,
                                            void* context = nullptr);

/// An M/M/n(+M) scenario for checks against Erlang C and A: one voice queue, `agents` agents
/// always ready with longest-idle selection, Poisson arrivals at `rate` per second,
/// exponential handle times with mean `aht`, exponential patience with mean `patience`
/// (0: none), T = `target_seconds`, run for `hours` after a warm-up of max(20·aht, 1 % of the
/// run), in batch-means mode with `batches` batches per replication.
OMNIROUTE_API scenario mmn_scenario(std::uint32_t agents, double rate, double aht,
                                    double patience, double target_seconds, double hours,
                                    std::uint32_t batches = 20);

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/sim/simulator-inl.hpp>
#endif

#endif  // OMNIROUTE_SIM_SIMULATOR_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A simulation scenario as plain data: the router configuration a production host would apply
// (channels, queues with their strategies and policies, agents with capacities and
// memberships), plus what the simulator plays against it (arrival processes, handle times,
// patience, agent behaviour and schedules) and how long to run.
//
// Cross references are indexes into the scenario's own vectors. `validate()` checks every
// invariant and names the offending field with a JSON-style path; the JSON loader
// (scenario_json.hpp) produces scenarios that validate.
#ifndef OMNIROUTE_SIM_SCENARIO_HPP
#define OMNIROUTE_SIM_SCENARIO_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/model/agent.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/escalation.hpp>
#include <omniroute/model/queue.hpp>
#include <omniroute/model/skills.hpp>
#include <omniroute/sim/distribution.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {

/// A channel the host registers beyond the seven built-ins.
struct channel_spec {
  std::string name;
  channel_kind kind = channel_kind::real_time;
  std::uint16_t cost = 100;
  channel_set blocks;
};

/// An agent attribute the host registers (router::add_attribute).
struct attribute_spec {
  std::string name;
  attribute_kind kind = attribute_kind::boolean;
};

/// One escalation step. `step.requirement` and `step.queue` are ignored: the simulator resolves
/// `requirement` (requirement text, docs/requirements.md) and `queue` (an index) per router.
struct step_spec {
  escalation_step step;
  /// set_requirement: what the contact needs from then on (empty or `*`: any agent).
  std::string requirement;
  /// move_to_queue: index of the target queue.
  std::size_t queue = 0;
};

/// Steps in order of `after`; applied with router::add_escalation_plan.
using plan_spec = std::vector<step_spec>;

/// A queue: the router's configuration plus what the simulator measures against.
struct queue_spec {
  /// Applied with router::add_queue; `config.overflow`, `config.eligibility` and
  /// `config.escalation` are ignored (see `overflow`, `eligibility` and `escalation`).
  queue_config config;
  /// Index of the overflow queue, if any (set with update_queue once every queue exists).
  std::optional<std::size_t> overflow;
  /// Dynamic membership: every agent matching this requirement text is eligible.
  std::optional<std::string> eligibility;
  /// The queue's escalation plan (empty: none).
  plan_spec escalation;
  /// The chance that a customer takes a callback offered by an escalation step (the queue
  /// must take the callback channel when it is above 0).
  double callback_acceptance = 0;
  /// T of the service level "answered within T / offered", in seconds.
  double service_level_seconds = 20;
};

/// A membership of an agent group in a queue.
struct membership_spec {
  std::size_t queue = 0;
  member_options options;
};

/// A span of a shift during which the agent is not ready (a break, lunch, training).
struct break_spec {
  double start = 0;  ///< Seconds since the start of the day.
  double end = 0;
  reason_code reason = 1;
};

/// One shift: login (ready) at `start`, logout at `end` (or as soon as the last connected
/// contact completes after it), not ready during breaks.
struct shift_spec {
  double start = 0;
  double end = 0;
  std::vector<break_spec> breaks;
};

/// `count` identical agents.
struct agent_group_spec {
  std::string name;  ///< Agents are named "<name>-<k>", k = 1..count.
  std::uint32_t count = 1;
  /// Applied with router::add_agent (the name is replaced per agent). Unset capacity: the
  /// registry's standard profile restricted to `channels`. `config.skills` and
  /// `config.attributes` name entries of scenario::skills and scenario::attributes.
  agent_config config;
  channel_set channels = channel_set::all();
  std::vector<membership_spec> queues;
  /// Shifts in time order. Empty: logged in and ready for the whole run.
  std::vector<shift_spec> shifts;
  /// Agent k of n starts its whole schedule k·stagger/n seconds late, spreading starts and
  /// breaks over a window.
  double stagger_seconds = 0;
  /// How long the agent takes to accept an offer.
  distribution answer_delay = distribution::constant(0);
  /// The chance that the agent accepts an offer at all; otherwise it rings until the queue's
  /// offer timeout (a no_answer failure).
  double answer_probability = 1;
  /// After the router sets the agent not ready for failed offers, the agent goes ready again
  /// this many seconds later.
  double recover_seconds = 60;
};

/// How arrivals of one stream are spaced.
enum class arrival_kind : std::uint8_t {
  poisson,    ///< Constant rate.
  piecewise,  ///< A Poisson process with a constant rate per interval.
  trace,      ///< Replayed rows (time, queue, channel, priority).
};

/// One replayed arrival.
struct trace_row {
  double time = 0;
  std::size_t queue = 0;
  channel_id channel = channels::voice;
  std::int32_t priority = 0;
};

/// One kind of contact a stream brings: what it needs, with which probability.
struct requirement_choice {
  /// Requirement text (docs/requirements.md); empty or `*`: any agent of the queue.
  std::string requirement;
  double probability = 1;
  /// Overrides the stream's (or trace row's) priority.
  std::optional<std::int32_t> priority;
  /// Overrides the queue's escalation plan for these contacts (contact_spec::escalation).
  std::optional<plan_spec> escalation;
};

/// A source of contacts: when they arrive, where, and how long they take and wait.
struct arrival_spec {
  arrival_kind kind = arrival_kind::poisson;
  std::size_t queue = 0;  ///< poisson and piecewise.
  channel_id channel = channels::voice;
  std::int32_t priority = 0;
  /// poisson: arrivals per second.
  double rate = 0;
  /// piecewise: rates[i] (per second) holds on [start + i·interval, start + (i+1)·interval);
  /// zero outside.
  double start = 0;
  double interval = 3600;
  std::vector<double> rates;
  /// trace: rows in non-decreasing time order.
  std::vector<trace_row> rows;
  /// Connected time (accept to complete), seconds. Wrap-up comes from the queue or agent.
  distribution handle_time = distribution::exponential(180);
  /// How long the customer waits before abandoning (none: never). A customer who took a
  /// callback no longer abandons.
  distribution patience = distribution::never();
  /// What each contact needs: one choice drawn per contact by probability (they sum to 1).
  /// Empty: no requirement (any agent of the queue).
  std::vector<requirement_choice> requirements;
};

struct scenario {
  std::string name = "scenario";
  std::vector<channel_spec> channels;
  /// Skills and agent attributes, registered in this order before anything else.
  std::vector<std::string> skills;
  std::vector<attribute_spec> attributes;
  std::vector<queue_spec> queues;
  std::vector<agent_group_spec> agents;
  std::vector<arrival_spec> arrivals;
  /// Arrivals happen in [0, horizon); statistics cover [warmup, horizon).
  double horizon = 86400;
  double warmup = 0;
  /// After the horizon the simulation continues (no arrivals) until every contact ended or
  /// this much time passed; contacts still open are reported as unfinished.
  double drain = 3600;
  /// Length of the reporting intervals (and of the batches in batch-means mode).
  double interval = 900;
  /// Default replications and seed (the command line may override them).
  std::uint32_t replications = 10;
  std::uint64_t seed = 1;
  /// Confidence intervals from the intervals of every replication (batch means: for a
  /// stationary model) instead of from per-replication totals.
  bool batch_means = false;
};

/// Parses a trace (CSV `time_seconds,queue,channel[,priority]`, an optional header line, `#`
/// comments, blank lines) resolving queue names against `queues` and channel names against the
/// built-ins and `channels`. On error returns false and sets `error` to "line N: ...".
/// Rows are sorted by time (stable).
OMNIROUTE_API bool parse_trace(std::string_view text, const scenario& s,
                               std::vector<trace_row>& rows, std::string& error);

/// The first problem with the scenario as "$.path: message", or an empty string. Checks ranges
/// (non-negative finite rates and times, positive means), index references, distributions,
/// shifts and breaks in order, skill and attribute names, and requirement texts (a parse error
/// reads "$.queues[0].eligibility: line 1, column 13: expected ...").
OMNIROUTE_API std::string validate(const scenario& s);

/// The route-out destinations of every escalation step (queues', then arrivals'), each once,
/// in order of first appearance: the index of a destination in replication results.
OMNIROUTE_API std::vector<std::string> destinations(const scenario& s);

/// The id a channel of that name will have in the scenario's routers (built-ins, then
/// `s.channels` in order), or nullopt.
OMNIROUTE_API std::optional<channel_id> find_channel(const scenario& s, std::string_view name);

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/sim/scenario-inl.hpp>
#endif

#endif  // OMNIROUTE_SIM_SCENARIO_HPP

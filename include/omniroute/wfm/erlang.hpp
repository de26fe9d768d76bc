// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Workforce maths: Erlang B (blocking), Erlang C (M/M/n) and Erlang A (M/M/n+M, exponential
// patience), and the staffing that meets a service-level target. All times are in seconds,
// rates in contacts per second, results are probabilities or seconds.
//
// Every function here is pure, allocation-free and noexcept: bad input comes back as
// errc::invalid_argument, and `invalid_reason()` says in words what is wrong. The formulas and
// their derivations are in docs/wfm.md.
#ifndef OMNIROUTE_WFM_ERLANG_HPP
#define OMNIROUTE_WFM_ERLANG_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>

#include <cstdint>

OMNIROUTE_BEGIN_NAMESPACE
namespace wfm {

/// The queueing model behind a calculation.
enum class model {
  b,  ///< Erlang B, M/M/n/n: a contact that finds every agent busy is lost (blocked).
  c,  ///< Erlang C, M/M/n: contacts wait as long as it takes; needs load below the agents.
  a,  ///< Erlang A, M/M/n+M: waiting contacts abandon after an exponential patience.
};

/// The most agents any calculation accepts or any staffing answer may reach. The cost of one
/// calculation is linear in the agents, so this bounds a call at a few milliseconds.
inline constexpr std::int64_t max_agents = 1'000'000;

/// The offered traffic: Poisson arrivals, exponential handle times and (Erlang A only)
/// exponential patience.
struct traffic {
  double rate = 0;      ///< Arrivals per second (λ). Finite, >= 0.
  double aht = 0;       ///< Mean handle time in seconds (1/μ). Finite, > 0.
  double patience = 0;  ///< Mean patience in seconds (1/θ). Erlang A only: finite, > 0.
};

/// What the customers experience with a given number of agents, in the steady state. A
/// "contact" below is an arriving one (the PASTA property makes time and arrival averages the
/// same); every field is a probability in [0, 1] or a mean in seconds.
struct performance {
  /// P(an arrival is lost because every agent is busy). Erlang B only; 0 otherwise.
  double p_block = 0;
  /// P(an arrival has to wait at all). 0 for Erlang B (nobody waits there).
  double p_wait = 0;
  /// P(an arrival abandons before being answered). 0 for Erlang B and C.
  double p_abandon = 0;
  /// The threshold T the three service levels below are measured against.
  double target_seconds = 0;
  /// Answered within T / offered: abandons (and, for Erlang B, blocked contacts) are failures.
  /// For Erlang C this is the classic 1 - C·exp(-(nμ - λ)T).
  double sl = 1;
  /// Answered within T / answered.
  double sl_answered = 1;
  /// Answered within T / (offered - abandoned within T): short abandons are not counted.
  double sl_excl_short_abandons = 1;
  /// Mean wait over every arrival, including the (partial) waits of those who abandon and the
  /// zero waits of those answered at once. For Erlang A, asa = p_abandon × patience.
  double asa = 0;
  /// Mean wait of answered contacts, zero waits included.
  double asa_answered = 0;
  /// Carried load per agent: B: A(1 - p_block)/n; C: A/n; A: λ(1 - p_abandon)·aht/n.
  double occupancy = 0;
};

/// The classic Erlang B formula B(n, A): the blocking probability of `agents` servers offered
/// `offered_load` erlangs.
/// Effects: computes 1/B by the recursion 1/B(k) = 1 + (k/A)/B(k-1), moving to log space before
/// it can overflow, so it is exact to rounding for any n up to max_agents.
/// Complexity: O(agents). Errors: invalid_argument unless 1 <= agents <= max_agents and the load
/// is finite and >= 0.
OMNIROUTE_API result<double> erlang_b(double offered_load, std::int64_t agents) noexcept;

/// The classic Erlang C formula C(n, A): the probability of waiting in an M/M/n queue.
/// Complexity: O(agents). Errors: invalid_argument as erlang_b(), and when offered_load >=
/// agents (the queue would grow without bound).
OMNIROUTE_API result<double> erlang_c(double offered_load, std::int64_t agents) noexcept;

/// The performance of `agents` agents facing `load` under model `m`, with service levels
/// measured at `target_seconds` (finite, >= 0).
/// Complexity: O(agents) for B and C; for A, O(agents + W) where W is the number of waiting-line
/// lengths with non-negligible probability (about (λ - nμ)·patience + 10·sqrt(λ·patience) when
/// overloaded, a few dozen to a few thousand otherwise).
/// Errors: invalid_argument when invalid_reason() names a problem; limit_exceeded when an
/// overloaded Erlang A queue with an extreme patience would need more than 5·10^7 waiting-line
/// states.
OMNIROUTE_API result<performance> evaluate(model m, const traffic& load, std::int64_t agents,
                                           double target_seconds) noexcept;

/// Why evaluate() would refuse these inputs, in one sentence, or nullptr when they are valid.
/// The text is static and fit to show to a user.
OMNIROUTE_API const char* invalid_reason(model m, const traffic& load, std::int64_t agents,
                                         double target_seconds) noexcept;

/// A staffing question: the service level to reach and the limits to respect.
struct staffing_goal {
  double target_seconds = 20;  ///< T of the service level. Finite, >= 0.
  double target_sl = 0.8;      ///< The `sl` (answered within T / offered) to reach, in (0, 1).
  double max_occupancy = 1;    ///< Occupancy must not exceed this, in (0, 1].
  double shrinkage = 0;        ///< Share of paid time off the phones, in [0, 1).
};

/// The answer to a staffing question.
struct staffing_plan {
  std::int64_t agents = 0;            ///< Agents needed on the phones.
  std::int64_t scheduled_agents = 0;  ///< ceil(agents / (1 - shrinkage)): agents to schedule.
  performance achieved;               ///< The performance with `agents` agents.
};

/// The fewest agents for which `sl >= target_sl` and `occupancy <= max_occupancy` under model
/// `m` (c or a), and the agents to schedule once shrinkage is allowed for.
/// Effects: a doubling search then a bisection over the agent count; both criteria are monotone
/// in the agents. For Erlang C the search starts above the offered load (stability).
/// Complexity: O(log(agents)) evaluations. Errors: invalid_argument when invalid_reason() names
/// a problem (model b is one); limit_exceeded when more than max_agents would be needed.
OMNIROUTE_API result<staffing_plan> staff(model m, const traffic& load,
                                          const staffing_goal& goal) noexcept;

/// Why staff() would refuse these inputs, in one sentence, or nullptr when they are valid.
OMNIROUTE_API const char* invalid_reason(model m, const traffic& load,
                                         const staffing_goal& goal) noexcept;

}  // namespace wfm
OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/wfm/erlang-inl.hpp>
#endif

#endif  // OMNIROUTE_WFM_ERLANG_HPP

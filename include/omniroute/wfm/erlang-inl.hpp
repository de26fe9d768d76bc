// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Erlang B, C and A. The derivations behind the formulas are in docs/wfm.md; the comments here
// say what each step computes and why it stays finite.
#ifndef OMNIROUTE_WFM_ERLANG_INL_HPP
#define OMNIROUTE_WFM_ERLANG_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/wfm/erlang.hpp>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

OMNIROUTE_BEGIN_NAMESPACE
namespace wfm {
namespace detail {

/// Most waiting-line lengths Erlang A sums over before giving up (limit_exceeded).
inline constexpr std::int64_t erlang_a_max_states = 50'000'000;

/// Relative size of the neglected tail of the Erlang A waiting-line distribution.
inline constexpr double erlang_a_tail = 1e-17;

OMNIROUTE_INLINE double clamp01(double v) noexcept { return std::min(1.0, std::max(0.0, v)); }

/// log(1/B(n, A)) for A > 0 and n >= 0, where B is Erlang B. The recursion
/// 1/B(k) = 1 + (k/A)·(1/B(k-1)) only adds and multiplies positive numbers, so it loses no
/// precision; once 1/B nears overflow it continues as L(k) = log(1 + exp(L(k-1) + log(k/A))).
OMNIROUTE_INLINE double log_inv_erlang_b(double offered_load, std::int64_t agents) noexcept {
  double inv = 1;  // 1/B(0, A)
  std::int64_t k = 1;
  for (; k <= agents; ++k) {
    inv = 1 + inv * (static_cast<double>(k) / offered_load);
    if (inv > 1e300) {
      ++k;
      break;
    }
  }
  double l = std::log(inv);
  for (; k <= agents; ++k) {
    const double z = l + std::log(static_cast<double>(k) / offered_load);
    l = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
  }
  return l;
}

/// log(exp(l) - 1) for l > 0 (l may be +inf), without overflow.
OMNIROUTE_INLINE double log_expm1(double l) noexcept {
  return l > 36 ? l + std::log1p(-std::exp(-l)) : std::log(std::expm1(l));
}

OMNIROUTE_INLINE bool finite_at_least(double v, double low) noexcept {
  return std::isfinite(v) && v >= low;
}

OMNIROUTE_INLINE bool finite_above(double v, double low) noexcept {
  return std::isfinite(v) && v > low;
}

OMNIROUTE_INLINE bool known_model(model m) noexcept {
  return m == model::b || m == model::c || m == model::a;
}

OMNIROUTE_INLINE const char* traffic_reason(model m, const traffic& load) noexcept {
  if (!known_model(m)) return "unknown model (expected b, c or a)";
  if (!finite_at_least(load.rate, 0))
    return "rate must be a finite number >= 0 (contacts per second)";
  if (!finite_above(load.aht, 0)) return "aht must be a finite number > 0 (seconds)";
  if (!std::isfinite(load.rate * load.aht)) return "offered load (rate x aht) is too large";
  if (m == model::a) {
    if (!finite_above(load.patience, 0))
      return "Erlang A needs a patience that is a finite number > 0 (seconds)";
    if (!std::isfinite(load.rate * load.patience)) return "rate x patience is too large";
  }
  return nullptr;
}

OMNIROUTE_INLINE performance erlang_b_performance(const traffic& load, std::int64_t agents,
                                                  double target_seconds) noexcept {
  const double a = load.rate * load.aht;
  const double n = static_cast<double>(agents);
  const double b = a == 0 ? 0 : std::exp(-log_inv_erlang_b(a, agents));
  performance p;
  p.target_seconds = target_seconds;
  p.p_block = b;
  // Nobody waits: a contact is answered at once or lost. Lost contacts count against `sl`
  // (they are offered and not answered) but are not abandons.
  p.sl = 1 - b;
  p.sl_answered = 1;
  p.sl_excl_short_abandons = 1 - b;
  p.occupancy = a * (1 - b) / n;
  return p;
}

OMNIROUTE_INLINE performance erlang_c_performance(const traffic& load, std::int64_t agents,
                                                  double target_seconds) noexcept {
  const double a = load.rate * load.aht;
  const double n = static_cast<double>(agents);
  // 1/C = 1 + (1 - ρ)(1/B - 1); (n - a)/n keeps 1 - ρ exact near ρ = 1.
  const double c = a == 0 ? 0 : 1 / (1 + (n - a) / n * std::expm1(log_inv_erlang_b(a, agents)));
  const double drain = (n - a) / load.aht;  // nμ - λ > 0
  performance p;
  p.target_seconds = target_seconds;
  p.p_wait = clamp01(c);
  p.sl = clamp01(1 - c * std::exp(-drain * target_seconds));
  p.sl_answered = p.sl;
  p.sl_excl_short_abandons = p.sl;
  p.asa = c / drain;
  p.asa_answered = p.asa;
  p.occupancy = a / n;
  return p;
}

// Erlang A. An arrival that finds all n agents busy and j contacts waiting reaches an agent
// after V = X_0 + ... + X_j with X_i ~ Exp(nμ + iθ) (the line ahead shrinks by services and
// by abandons); it is answered if its own patience τ ~ Exp(θ) exceeds V. The density of V has
// the closed form θ·e^{-nμv}(1 - e^{-θv})^j·Γ(x+j+1)/(Γ(x)·j!), x = nμ/θ, which says that
// U = e^{-θV} ~ Beta(x, j+1). With c = e^{-θT}:
//   P(answered | j)              = E[U]           = x/(x+j+1)
//   P(answered within T | j)     = E[U; U >= c]   = x/(x+j+1)·(1 - I_c(x+1, j+1))
//   P(abandoned within T | j)    = E[1 - max(U,c)] = 1 - P(answered within T | j) - c·I_c(x, j+1)
//   E[wait | j]                  = E[1 - U]/θ
//   E[V; answered | j]           = E[U·(-ln U)]/θ = x/(x+j+1)·Σ_{k=1}^{j+1} 1/(x+k) / θ
// where I_c(a, j+1) = Σ_{b=0}^{j} c^a(1-c)^b·Γ(a+b)/(Γ(a)·b!) is the regularised incomplete
// beta function, summed upward in j (all terms positive, each in log space so c^a may
// underflow without losing the later terms). The probability of finding j waiting given that
// all agents are busy is proportional to w_j = Π_{i=1}^{j} λ/(nμ + iθ); the sum runs upward
// from j = 0 with a running maximum (the terms rise to a mode near (λ - nμ)/θ, then fall) and
// stops once a geometric bound on the remaining tail is below erlang_a_tail. Finally
// P(wait) = 1/(1 + (1/B(n, A) - 1)/Σw), from the birth-death balance equations.
OMNIROUTE_INLINE result<performance> erlang_a_performance(const traffic& load,
                                                          std::int64_t agents,
                                                          double target_seconds) noexcept {
  performance p;
  p.target_seconds = target_seconds;
  if (load.rate == 0) return p;  // An empty system: a (virtual) arrival is answered at once.

  const double n = static_cast<double>(agents);
  const double a = load.rate * load.aht;
  const double x = n * load.patience / load.aht;  // nμ/θ
  const double y = load.rate * load.patience;     // λ/θ
  // The weights w_j rise while j <= y - x: a mode past the cap means the sum cannot fit.
  if (y - x > static_cast<double>(erlang_a_max_states)) return errc::limit_exceeded;
  const double theta_t = target_seconds / load.patience;
  const double c = std::exp(-theta_t);
  const double log1mc = theta_t > 0 ? std::log(-std::expm1(-theta_t))
                                    : -std::numeric_limits<double>::infinity();

  // Incomplete-beta partial sums I_c(x, j+1) and I_c(x+1, j+1), their last terms in log space.
  double log_term_x = -(n * target_seconds / load.aht);  // log c^x = -nμT
  double log_term_x1 = log_term_x - theta_t;             // log c^{x+1}
  double inc_x = std::exp(log_term_x);
  double inc_x1 = std::exp(log_term_x1);
  double harmonic = 0;  // Σ_{k=1}^{j+1} 1/(x+k)

  // Weighted sums, scaled by exp(-max_log_w) so they never overflow.
  double log_w = 0;
  double max_log_w = 0;
  double s_w = 0;           // Σ w
  double s_answered = 0;    // Σ w·P(answered | j)
  double s_abandoned = 0;   // Σ w·P(abandoned | j)
  double s_ans_wait = 0;    // Σ w·E[V; answered | j]·θ
  double s_ans_t = 0;       // Σ w·P(answered within T | j)
  double s_not_ab_t = 0;    // Σ w·(1 - P(abandoned within T | j))

  for (std::int64_t j = 0;; ++j) {
    if (j == erlang_a_max_states) return errc::limit_exceeded;
    const double jd = static_cast<double>(j);
    if (j > 0) {
      log_w += std::log(y / (x + jd));
      log_term_x += log1mc + std::log1p((x - 1) / jd);
      log_term_x1 += log1mc + std::log1p(x / jd);
      inc_x += std::exp(log_term_x);
      inc_x1 += std::exp(log_term_x1);
    }
    const double answered = x / (x + jd + 1);
    const double abandoned = (jd + 1) / (x + jd + 1);
    harmonic += 1 / (x + jd + 1);
    const double ans_t = answered * (1 - std::min(1.0, inc_x1));
    const double kept_t = std::min(1.0, ans_t + c * std::min(1.0, inc_x));

    if (log_w > max_log_w) {
      const double scale = std::exp(max_log_w - log_w);
      s_w *= scale;
      s_answered *= scale;
      s_abandoned *= scale;
      s_ans_wait *= scale;
      s_ans_t *= scale;
      s_not_ab_t *= scale;
      max_log_w = log_w;
    }
    const double w = std::exp(log_w - max_log_w);
    s_w += w;
    s_answered += w * answered;
    s_abandoned += w * abandoned;
    s_ans_wait += w * answered * harmonic;
    s_ans_t += w * ans_t;
    s_not_ab_t += w * kept_t;

    // Past the mode the ratio w_{j+1}/w_j = y/(x+j+1) falls with j, so the rest of the sum is
    // below w_j·r/(1-r); every per-state quantity summed is at most 1.
    const double r = y / (x + jd + 1);
    if (r < 1 && w * r / (1 - r) <= erlang_a_tail * s_w) break;
  }

  // P(wait) = 1/(1 + e^z), z = log((1/B - 1)/Σw); 1 - P(wait) from the same z without
  // cancellation.
  const double z = log_expm1(log_inv_erlang_b(a, agents)) - (max_log_w + std::log(s_w));
  const double p_wait = 1 / (1 + std::exp(z));
  const double p_no_wait = 1 / (1 + std::exp(-z));
  const double answered = p_no_wait + p_wait * (s_answered / s_w);

  p.p_wait = clamp01(p_wait);
  p.p_abandon = clamp01(p_wait * (s_abandoned / s_w));
  p.sl = clamp01(p_no_wait + p_wait * (s_ans_t / s_w));
  p.sl_answered = clamp01(p.sl / answered);
  p.sl_excl_short_abandons = clamp01(p.sl / (p_no_wait + p_wait * (s_not_ab_t / s_w)));
  p.asa = p.p_abandon * load.patience;
  p.asa_answered = p_wait * (s_ans_wait / s_w) * load.patience / answered;
  // At most 1 in exact arithmetic (it is E[min(N, n)]/n); the clamp absorbs rounding.
  p.occupancy = clamp01(load.rate * answered * load.aht / n);
  return p;
}

}  // namespace detail

OMNIROUTE_INLINE result<double> erlang_b(double offered_load, std::int64_t agents) noexcept {
  if (agents < 1 || agents > max_agents || !detail::finite_at_least(offered_load, 0))
    return errc::invalid_argument;
  if (offered_load == 0) return 0.0;
  return std::exp(-detail::log_inv_erlang_b(offered_load, agents));
}

OMNIROUTE_INLINE result<double> erlang_c(double offered_load, std::int64_t agents) noexcept {
  if (agents < 1 || agents > max_agents || !detail::finite_at_least(offered_load, 0) ||
      offered_load >= static_cast<double>(agents))
    return errc::invalid_argument;
  return detail::erlang_c_performance(traffic{offered_load, 1, 0}, agents, 0).p_wait;
}

OMNIROUTE_INLINE const char* invalid_reason(model m, const traffic& load, std::int64_t agents,
                                            double target_seconds) noexcept {
  if (const char* why = detail::traffic_reason(m, load)) return why;
  if (agents < 1) return "agents must be at least 1";
  if (agents > max_agents) return "agents must be at most 1000000";
  if (!detail::finite_at_least(target_seconds, 0))
    return "target seconds must be a finite number >= 0";
  if (m == model::c && load.rate * load.aht >= static_cast<double>(agents))
    return "Erlang C needs an offered load (rate x aht) below the number of agents: at 1 erlang "
           "per agent or more its queue grows without bound (Erlang A handles overload)";
  if (m == model::a && !std::isfinite(static_cast<double>(agents) * load.patience / load.aht))
    return "patience / aht is too large";
  return nullptr;
}

OMNIROUTE_INLINE result<performance> evaluate(model m, const traffic& load, std::int64_t agents,
                                              double target_seconds) noexcept {
  if (invalid_reason(m, load, agents, target_seconds) != nullptr) return errc::invalid_argument;
  switch (m) {
    case model::b: return detail::erlang_b_performance(load, agents, target_seconds);
    case model::c: return detail::erlang_c_performance(load, agents, target_seconds);
    case model::a: return detail::erlang_a_performance(load, agents, target_seconds);
  }
  return errc::invalid_argument;
}

OMNIROUTE_INLINE const char* invalid_reason(model m, const traffic& load,
                                            const staffing_goal& goal) noexcept {
  if (m == model::b) return "staffing is defined for Erlang C and Erlang A only";
  if (const char* why = detail::traffic_reason(m, load)) return why;
  if (!detail::finite_at_least(goal.target_seconds, 0))
    return "target seconds must be a finite number >= 0";
  if (!(goal.target_sl > 0 && goal.target_sl < 1))
    return "target SL must be a number between 0 and 1 (both excluded)";
  if (!(goal.max_occupancy > 0 && goal.max_occupancy <= 1))
    return "max occupancy must be a number in (0, 1]";
  if (!(goal.shrinkage >= 0 && goal.shrinkage < 1)) return "shrinkage must be a number in [0, 1)";
  return nullptr;
}

OMNIROUTE_INLINE result<staffing_plan> staff(model m, const traffic& load,
                                             const staffing_goal& goal) noexcept {
  if (invalid_reason(m, load, goal) != nullptr) return errc::invalid_argument;
  const double a = load.rate * load.aht;
  if (a >= static_cast<double>(max_agents)) return errc::limit_exceeded;

  // `low` is known to fail (or to be invalid, for Erlang C at or below the load); `high` meets
  // the goal once found. Start from the offered load: the answer is rarely far from it. For
  // Erlang A, sl <= P(answered) = carried load / A <= n/A, so every n < target_sl·A fails; the
  // bound also keeps the bisection away from deep overload, where the waiting line is longest.
  std::int64_t low = m == model::c
                         ? static_cast<std::int64_t>(std::floor(a))
                         : std::max<std::int64_t>(
                               0, static_cast<std::int64_t>(std::ceil(goal.target_sl * a)) - 1);
  std::int64_t high = std::max<std::int64_t>(low + 1, static_cast<std::int64_t>(std::ceil(a)));
  std::int64_t step = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::sqrt(a)));
  performance found;
  const auto meets = [&](const performance& p) {
    return p.sl >= goal.target_sl && p.occupancy <= goal.max_occupancy;
  };
  for (;;) {
    const result<performance> p = evaluate(m, load, high, goal.target_seconds);
    if (!p) return p.error();
    if (meets(*p)) {
      found = *p;
      break;
    }
    if (high == max_agents) return errc::limit_exceeded;
    low = high;
    high = std::min(max_agents, high + step);
    step *= 2;
  }
  while (high - low > 1) {
    const std::int64_t mid = low + (high - low) / 2;
    const result<performance> p = evaluate(m, load, mid, goal.target_seconds);
    if (!p) return p.error();
    if (meets(*p)) {
      high = mid;
      found = *p;
    } else {
      low = mid;
    }
  }

  staffing_plan plan;
  plan.agents = high;
  plan.achieved = found;
  // ceil(n / (1 - s)), forgiving a relative rounding error of 1e-12 so that 14 agents at 30 %
  // shrinkage schedule 20, not 21.
  const double on_duty = 1 - goal.shrinkage;
  const double scheduled = std::ceil(static_cast<double>(high) / on_duty);
  if (!(scheduled < 9e15)) return errc::limit_exceeded;
  plan.scheduled_agents = static_cast<std::int64_t>(scheduled);
  if (plan.scheduled_agents - 1 >= high &&
      static_cast<double>(plan.scheduled_agents - 1) * on_duty >=
          static_cast<double>(high) * (1 - 1e-12))
    --plan.scheduled_agents;
  return plan;
}

}  // namespace wfm
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_WFM_ERLANG_INL_HPP

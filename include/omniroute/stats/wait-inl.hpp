// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_STATS_WAIT_INL_HPP
#define OMNIROUTE_STATS_WAIT_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/stats/wait.hpp>
#endif

#include <cmath>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

namespace detail {
inline std::optional<duration> finite_seconds(double s) noexcept {
  // Beyond ~292 years a duration overflows; such a prediction means "not served".
  if (!std::isfinite(s) || s < 0 || s > 9.0e9) return std::nullopt;
  return seconds(s);
}
}  // namespace detail

OMNIROUTE_INLINE std::optional<duration> predict_wait(wait_predictor p,
                                                      const wait_inputs& in) noexcept {
  const double service = static_cast<double>(in.agents) * in.service_rate;
  switch (p) {
    case wait_predictor::queue_length:
      if (service <= 0) return std::nullopt;
      return detail::finite_seconds((static_cast<double>(in.ahead) + 1.0) / service);
    case wait_predictor::queue_length_abandonment: {
      if (service <= 0) return std::nullopt;
      const double theta = in.abandon_rate > 0 ? in.abandon_rate : 0.0;
      double total = 0;
      for (std::uint32_t i = 0; i <= in.ahead; ++i) total += 1.0 / (service + i * theta);
      return detail::finite_seconds(total);
    }
    case wait_predictor::head_of_line:
      if (in.ahead > 0 && in.head_wait) {
        const double n = static_cast<double>(in.ahead);
        return detail::finite_seconds((n + 1.0) / n * to_seconds(*in.head_wait));
      }
      return in.last_answer_wait;
    case wait_predictor::last_to_enter_service: return in.last_answer_wait;
  }
  return std::nullopt;
}

OMNIROUTE_INLINE const char* to_string(wait_predictor p) noexcept {
  switch (p) {
    case wait_predictor::queue_length: return "queue_length";
    case wait_predictor::queue_length_abandonment: return "queue_length_abandonment";
    case wait_predictor::head_of_line: return "head_of_line";
    case wait_predictor::last_to_enter_service: return "last_to_enter_service";
  }
  return "unknown";
}

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_STATS_WAIT_INL_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_SIM_SCENARIO_INL_HPP
#define OMNIROUTE_SIM_SCENARIO_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/sim/scenario.hpp>
#endif

#include <omniroute/model/requirement_parser.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {
namespace detail {

inline bool finite_non_negative(double v) noexcept { return std::isfinite(v) && v >= 0; }

inline std::string check_distribution(const distribution& d, const std::string& path,
                                      bool allow_none) {
  switch (d.kind) {
    case distribution_kind::none:
      return allow_none ? std::string() : path + ": \"none\" is only allowed for patience";
    case distribution_kind::deterministic:
      if (!finite_non_negative(d.a)) return path + ".value: expected a non-negative number";
      return {};
    case distribution_kind::exponential:
      if (!(std::isfinite(d.a) && d.a > 0)) return path + ".mean: expected a positive number";
      return {};
    case distribution_kind::lognormal:
      if (!(std::isfinite(d.a) && d.a > 0)) return path + ".mean: expected a positive number";
      if (!finite_non_negative(d.b)) return path + ".sd: expected a non-negative number";
      return {};
    case distribution_kind::uniform:
      if (!finite_non_negative(d.a)) return path + ".min: expected a non-negative number";
      if (!(std::isfinite(d.b) && d.b >= d.a)) return path + ".max: expected a number >= min";
      return {};
    case distribution_kind::empirical:
      if (d.samples.empty()) return path + ".samples: expected a non-empty array";
      for (std::size_t i = 0; i < d.samples.size(); ++i) {
        if (!finite_non_negative(d.samples[i])) {
          return path + ".samples[" + std::to_string(i) + "]: expected a non-negative number";
        }
      }
      return {};
  }
  return path + ": unknown distribution";
}

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

inline bool parse_number(std::string_view text, double& out) {
  const std::string s(text);
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtod(s.c_str(), &end);
  return errno == 0 && end == s.c_str() + s.size() && std::isfinite(out);
}

/// The scenario's skills and attributes as a registry (requirement texts are read against it).
/// Names are assumed valid and unique (validate checks them first).
inline skill_registry registry_of(const scenario& s) {
  skill_registry r;
  for (const auto& name : s.skills) (void)r.add_skill(name);
  for (const auto& a : s.attributes) (void)r.add_attribute(a.name, a.kind);
  return r;
}

/// "" or "path: line L, column C: ..." for a requirement text that does not parse.
inline std::string check_requirement(const std::string& text, const skill_registry& registry,
                                     const std::string& path) {
  parse_diagnostic why;
  auto r = parse_requirement(text, registry, &why);
  if (r) return {};
  return path + ": " + (why.message.empty() ? r.error().message() : why.message);
}

inline std::string check_plan(const plan_spec& plan, const scenario& s,
                              const skill_registry& registry, const std::string& path) {
  duration last = duration::zero();
  for (std::size_t k = 0; k < plan.size(); ++k) {
    const escalation_step& st = plan[k].step;
    const std::string p = path + "[" + std::to_string(k) + "]";
    if (st.after < duration::zero()) return p + ".after: expected a non-negative number";
    if (st.after < last) return p + ".after: steps must be in order of \"after\"";
    last = st.after;
    if (st.wait_above < duration::zero()) return p + ".wait_above: expected a non-negative number";
    if (!(st.service_level_below >= 0 && st.service_level_below <= 1)) {
      return p + ".service_level_below: expected a number in [0, 1]";
    }
    switch (st.action) {
      case step_action::set_requirement: {
        std::string e = check_requirement(plan[k].requirement, registry, p + ".requirement");
        if (!e.empty()) return e;
        break;
      }
      case step_action::move_to_queue:
        if (plan[k].queue >= s.queues.size()) return p + ".queue: unknown queue";
        break;
      case step_action::route_out:
        if (st.destination.empty() || st.destination.size() > 256) {
          return p + ".destination: expected a string of 1 to 256 bytes";
        }
        break;
      default: break;
    }
  }
  return {};
}

}  // namespace detail

OMNIROUTE_INLINE std::vector<std::string> destinations(const scenario& s) {
  std::vector<std::string> out;
  auto add = [&](const plan_spec& plan) {
    for (const step_spec& st : plan) {
      if (st.step.action != step_action::route_out) continue;
      if (std::find(out.begin(), out.end(), st.step.destination) == out.end()) {
        out.push_back(st.step.destination);
      }
    }
  };
  for (const auto& q : s.queues) add(q.escalation);
  for (const auto& a : s.arrivals) {
    for (const auto& c : a.requirements) {
      if (c.escalation) add(*c.escalation);
    }
  }
  return out;
}

OMNIROUTE_INLINE std::optional<channel_id> find_channel(const scenario& s, std::string_view name) {
  channel_registry builtins;
  if (auto id = builtins.find(name)) return id;
  for (std::size_t i = 0; i < s.channels.size(); ++i) {
    if (s.channels[i].name == name) {
      return channel_id(static_cast<std::uint8_t>(channels::builtin_count + i));
    }
  }
  return std::nullopt;
}

OMNIROUTE_INLINE bool parse_trace(std::string_view text, const scenario& s,
                                  std::vector<trace_row>& rows, std::string& error) {
  rows.clear();
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = detail::trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string_view fields[5];
    std::size_t n = 0;
    while (n < 5) {
      const std::size_t comma = line.find(',');
      fields[n++] = detail::trim(line.substr(0, comma));
      if (comma == std::string_view::npos) break;
      line = line.substr(comma + 1);
    }
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (n < 3 || n > 4) {
      error = where + "expected time_seconds,queue,channel[,priority]";
      return false;
    }
    trace_row row;
    if (!detail::parse_number(fields[0], row.time)) {
      if (rows.empty() && fields[0] == "time_seconds") continue;  // the header line
      error = where + "time_seconds: expected a number";
      return false;
    }
    if (row.time < 0) {
      error = where + "time_seconds: expected a non-negative number";
      return false;
    }
    bool found = false;
    for (std::size_t q = 0; q < s.queues.size(); ++q) {
      if (s.queues[q].config.name == fields[1]) {
        row.queue = q;
        found = true;
        break;
      }
    }
    if (!found) {
      error = where + "unknown queue \"" + std::string(fields[1]) + "\"";
      return false;
    }
    const auto channel = find_channel(s, fields[2]);
    if (!channel) {
      error = where + "unknown channel \"" + std::string(fields[2]) + "\"";
      return false;
    }
    row.channel = *channel;
    if (n == 4) {
      double p = 0;
      if (!detail::parse_number(fields[3], p) || p != std::floor(p) || std::fabs(p) > 2e9) {
        error = where + "priority: expected an integer";
        return false;
      }
      row.priority = static_cast<std::int32_t>(p);
    }
    rows.push_back(row);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const trace_row& a, const trace_row& b) { return a.time < b.time; });
  return true;
}

OMNIROUTE_INLINE std::string validate(const scenario& s) {
  using detail::finite_non_negative;
  auto idx = [](const char* base, std::size_t i) {
    return std::string("$.") + base + "[" + std::to_string(i) + "]";
  };
  if (!(std::isfinite(s.horizon) && s.horizon > 0)) return "$.horizon: expected a positive time";
  if (!finite_non_negative(s.warmup) || s.warmup >= s.horizon) {
    return "$.warmup: expected a non-negative time before the horizon";
  }
  if (!(s.drain >= 0)) return "$.drain: expected a non-negative number";
  if (!(std::isfinite(s.interval) && s.interval > 0)) {
    return "$.interval_seconds: expected a positive number";
  }
  if ((s.horizon - s.warmup) / s.interval > 100000) {
    return "$.interval_seconds: too small for the horizon (more than 100000 intervals)";
  }
  if (s.replications < 1) return "$.replications: expected a positive integer";
  if (channels::builtin_count + s.channels.size() > max_channels) {
    return "$.channels: too many channels";
  }
  for (std::size_t i = 0; i < s.skills.size(); ++i) {
    const std::string& n = s.skills[i];
    if (!skill_registry::is_valid_name(n)) {
      return idx("skills", i) + ": expected a name of 1 to 64 characters from [A-Za-z0-9_.-] "
                                "starting with a letter";
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (s.skills[j] == n) return idx("skills", i) + ": duplicate skill \"" + n + "\"";
    }
  }
  for (std::size_t i = 0; i < s.attributes.size(); ++i) {
    const std::string& n = s.attributes[i].name;
    const std::string p = "$.attributes." + n;
    if (!skill_registry::is_valid_name(n)) {
      return p + ": expected a name of 1 to 64 characters from [A-Za-z0-9_.-] starting with a "
                 "letter";
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (s.attributes[j].name == n) return p + ": duplicate attribute";
    }
    if (std::find(s.skills.begin(), s.skills.end(), n) != s.skills.end()) {
      return p + ": a skill has this name (skills and attributes share one namespace)";
    }
  }
  const skill_registry registry = detail::registry_of(s);
  if (s.queues.empty()) return "$.queues: expected at least one queue";
  for (std::size_t i = 0; i < s.queues.size(); ++i) {
    const queue_spec& q = s.queues[i];
    if (q.config.name.empty()) return idx("queues", i) + ".name: expected a non-empty string";
    for (std::size_t j = 0; j < i; ++j) {
      if (s.queues[j].config.name == q.config.name) {
        return idx("queues", i) + ".name: duplicate queue name \"" + q.config.name + "\"";
      }
    }
    if (q.overflow && *q.overflow >= s.queues.size()) {
      return idx("queues", i) + ".overflow: unknown queue";
    }
    if (!finite_non_negative(q.service_level_seconds)) {
      return idx("queues", i) + ".service_level_seconds: expected a non-negative number";
    }
    if (q.eligibility) {
      std::string e = detail::check_requirement(*q.eligibility, registry,
                                                idx("queues", i) + ".eligibility");
      if (!e.empty()) return e;
    }
    std::string e = detail::check_plan(q.escalation, s, registry, idx("queues", i) + ".escalation");
    if (!e.empty()) return e;
    if (!(q.callback_acceptance >= 0 && q.callback_acceptance <= 1)) {
      return idx("queues", i) + ".callback_acceptance: expected a number in [0, 1]";
    }
    if (q.callback_acceptance > 0 && !q.config.channels.contains(channels::callback)) {
      return idx("queues", i) +
             ".callback_acceptance: the queue must take the callback channel for customers to "
             "accept callbacks";
    }
  }
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    const agent_group_spec& g = s.agents[i];
    const std::string p = idx("agents", i);
    if (g.name.empty()) return p + ".name: expected a non-empty string";
    if (g.count < 1) return p + ".count: expected a positive integer";
    for (const auto& [name, level] : g.config.skills) {
      if (!registry.find_skill(name)) return p + ".skills." + name + ": unknown skill";
      if (level > max_skill_level) return p + ".skills." + name + ": expected a level from 0 to 10";
    }
    for (const auto& [name, value] : g.config.attributes) {
      const auto a = registry.find_attribute(name);
      if (!a) return p + ".attributes." + name + ": unknown attribute";
      if (registry.kind(*a) == attribute_kind::boolean && value != "true" && value != "false") {
        return p + ".attributes." + name + ": expected true or false";
      }
      if (value.empty() || value.size() > 128) {
        return p + ".attributes." + name + ": expected a value of 1 to 128 bytes";
      }
    }
    for (std::size_t m = 0; m < g.queues.size(); ++m) {
      if (g.queues[m].queue >= s.queues.size()) {
        return p + ".queues[" + std::to_string(m) + "]: unknown queue";
      }
    }
    if (!finite_non_negative(g.stagger_seconds)) {
      return p + ".stagger_seconds: expected a non-negative number";
    }
    if (!(g.answer_probability >= 0 && g.answer_probability <= 1)) {
      return p + ".answer.probability: expected a number in [0, 1]";
    }
    if (!finite_non_negative(g.recover_seconds)) {
      return p + ".recover_seconds: expected a non-negative number";
    }
    std::string e = detail::check_distribution(g.answer_delay, p + ".answer.delay", false);
    if (!e.empty()) return e;
    double last_end = -1;
    for (std::size_t k = 0; k < g.shifts.size(); ++k) {
      const shift_spec& sh = g.shifts[k];
      const std::string sp = p + ".shifts[" + std::to_string(k) + "]";
      if (!finite_non_negative(sh.start)) return sp + ".start: expected a non-negative time";
      if (!(std::isfinite(sh.end) && sh.end > sh.start)) {
        return sp + ".end: expected a time after the start";
      }
      if (sh.start <= last_end) return sp + ".start: shifts must not overlap";
      last_end = sh.end;
      double last_break = sh.start;
      for (std::size_t b = 0; b < sh.breaks.size(); ++b) {
        const break_spec& br = sh.breaks[b];
        const std::string bp = sp + ".breaks[" + std::to_string(b) + "]";
        if (!(std::isfinite(br.start) && br.start >= last_break && br.start < sh.end)) {
          return bp + ".start: expected a time inside the shift, after the previous break";
        }
        if (!(std::isfinite(br.end) && br.end > br.start && br.end <= sh.end)) {
          return bp + ".end: expected a time after the start, inside the shift";
        }
        if (br.reason == reason_codes::none || br.reason >= reason_codes::system_base) {
          return bp + ".reason: expected a host reason code (1 to 4294901759)";
        }
        last_break = br.end;
      }
    }
  }
  for (std::size_t i = 0; i < s.arrivals.size(); ++i) {
    const arrival_spec& a = s.arrivals[i];
    const std::string p = idx("arrivals", i);
    if (a.kind != arrival_kind::trace) {
      if (a.queue >= s.queues.size()) return p + ".queue: unknown queue";
      if (a.channel.value() >= channels::builtin_count + s.channels.size()) {
        return p + ".channel: unknown channel";
      }
    }
    switch (a.kind) {
      case arrival_kind::poisson:
        if (!finite_non_negative(a.rate)) return p + ".rate_per_hour: expected a non-negative number";
        break;
      case arrival_kind::piecewise:
        if (!finite_non_negative(a.start)) return p + ".start: expected a non-negative time";
        if (!(std::isfinite(a.interval) && a.interval > 0)) {
          return p + ".interval_seconds: expected a positive number";
        }
        for (std::size_t k = 0; k < a.rates.size(); ++k) {
          if (!finite_non_negative(a.rates[k])) {
            return p + ".rates_per_hour[" + std::to_string(k) + "]: expected a non-negative number";
          }
        }
        break;
      case arrival_kind::trace:
        for (std::size_t k = 0; k < a.rows.size(); ++k) {
          if (a.rows[k].queue >= s.queues.size() || !finite_non_negative(a.rows[k].time) ||
              (k > 0 && a.rows[k].time < a.rows[k - 1].time)) {
            return p + ".file: bad row " + std::to_string(k);
          }
        }
        break;
    }
    std::string e = detail::check_distribution(a.handle_time, p + ".handle_time", false);
    if (!e.empty()) return e;
    e = detail::check_distribution(a.patience, p + ".patience", true);
    if (!e.empty()) return e;
    double sum = 0;
    for (std::size_t k = 0; k < a.requirements.size(); ++k) {
      const requirement_choice& c = a.requirements[k];
      const std::string cp = p + ".requirements[" + std::to_string(k) + "]";
      if (!finite_non_negative(c.probability) || c.probability > 1) {
        return cp + ".probability: expected a number in [0, 1]";
      }
      sum += c.probability;
      e = detail::check_requirement(c.requirement, registry, cp + ".requirement");
      if (!e.empty()) return e;
      if (c.escalation) {
        e = detail::check_plan(*c.escalation, s, registry, cp + ".escalation");
        if (!e.empty()) return e;
      }
    }
    if (!a.requirements.empty() && std::fabs(sum - 1) > 1e-6) {
      return p + ".requirements: the probabilities must add up to 1";
    }
  }
  return {};
}

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_SCENARIO_INL_HPP

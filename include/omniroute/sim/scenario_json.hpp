// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Loads a simulation scenario from JSON (nlohmann-json 3.11). Header-only and not part of the
// library (the core does not depend on nlohmann-json): only omniroute-sim and its tests include
// it. The format is described in docs/simulator.md.
//
// The loader is strict: an unknown key, a value of the wrong type or out of range, or a name
// that refers to nothing is an error, reported as one message naming the JSON path, e.g.
// `$.queues[2].max_wait: expected a non-negative number`.
#ifndef OMNIROUTE_SIM_SCENARIO_JSON_HPP
#define OMNIROUTE_SIM_SCENARIO_JSON_HPP

#include <omniroute/model/requirement_parser.hpp>
#include <omniroute/sim/scenario.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>

OMNIROUTE_BEGIN_NAMESPACE
namespace sim {
namespace json_detail {

using json = nlohmann::json;

struct load_error {
  std::string message;
};

[[noreturn]] inline void fail(const std::string& path, const std::string& what) {
  throw load_error{path + ": " + what};
}

/// An object whose keys are checked against a list; every read names its path.
class object_reader {
 public:
  object_reader(const json& j, std::string path, std::initializer_list<const char*> keys)
      : j_(j), path_(std::move(path)) {
    if (!j.is_object()) fail(path_, "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool known = false;
      for (const char* k : keys) known = known || it.key() == k;
      if (!known) fail(path_ + "." + it.key(), "unknown key");
    }
  }
  bool has(const char* key) const { return j_.contains(key); }
  const json& at(const char* key) const { return j_.at(key); }
  std::string path(const char* key) const { return path_ + "." + key; }
  const std::string& path() const { return path_; }

  const json& required(const char* key) const {
    if (!has(key)) fail(path(key), "missing");
    return at(key);
  }

  std::string string(const char* key, std::string fallback = {}, bool require = false) const {
    if (!has(key)) {
      if (require) fail(path(key), "missing");
      return fallback;
    }
    if (!at(key).is_string() || at(key).get<std::string>().empty()) {
      fail(path(key), "expected a non-empty string");
    }
    return at(key).get<std::string>();
  }
  double number(const char* key, double fallback, double min = 0, bool strictly = false) const {
    if (!has(key)) return fallback;
    return number_at(at(key), path(key), min, strictly);
  }
  static double number_at(const json& v, const std::string& p, double min = 0,
                          bool strictly = false) {
    const char* what = strictly ? (min == 0 ? "expected a positive number" : "expected a number")
                                : (min == 0 ? "expected a non-negative number" : "expected a number");
    if (!v.is_number()) fail(p, what);
    const double d = v.get<double>();
    if (!std::isfinite(d) || d < min || (strictly && d == min)) fail(p, what);
    return d;
  }
  std::uint64_t integer(const char* key, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) const {
    if (!has(key)) return fallback;
    return integer_at(at(key), path(key), min, max);
  }
  static std::uint64_t integer_at(const json& v, const std::string& p, std::uint64_t min,
                                  std::uint64_t max) {
    const std::string what =
        "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
    if (!v.is_number_integer()) fail(p, what);
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u < min || u > max) fail(p, what);
      return u;
    }
    const auto i = v.get<std::int64_t>();
    if (i < 0 || static_cast<std::uint64_t>(i) < min || static_cast<std::uint64_t>(i) > max) {
      fail(p, what);
    }
    return static_cast<std::uint64_t>(i);
  }
  std::int32_t int32(const char* key, std::int32_t fallback) const {
    if (!has(key)) return fallback;
    const json& v = at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < INT32_MIN ||
        v.get<std::int64_t>() > INT32_MAX || (v.is_number_unsigned() && v.get<std::uint64_t>() > INT32_MAX)) {
      fail(path(key), "expected a 32-bit integer");
    }
    return static_cast<std::int32_t>(v.get<std::int64_t>());
  }
  bool boolean(const char* key, bool fallback) const {
    if (!has(key)) return fallback;
    if (!at(key).is_boolean()) fail(path(key), "expected true or false");
    return at(key).get<bool>();
  }
  /// A time of day: seconds, or "HH:MM" / "HH:MM:SS" (hours may exceed 23).
  double time(const char* key, double fallback, bool require = false) const {
    if (!has(key)) {
      if (require) fail(path(key), "missing");
      return fallback;
    }
    return time_at(at(key), path(key));
  }
  static double time_at(const json& v, const std::string& p) {
    const char* what = "expected a non-negative number of seconds or \"HH:MM[:SS]\"";
    if (v.is_number()) return number_at(v, p);
    if (!v.is_string()) fail(p, what);
    const std::string s = v.get<std::string>();
    unsigned h = 0, m = 0, sec = 0;
    char extra = 0;
    const int n = std::sscanf(s.c_str(), "%u:%u:%u%c", &h, &m, &sec, &extra);
    const bool digits_ok = s.find_first_not_of("0123456789:") == std::string::npos;
    if (!digits_ok || (n != 2 && n != 3) || m > 59 || sec > 59) fail(p, what);
    return h * 3600.0 + m * 60.0 + sec;
  }
  template <class E>
  E choice(const char* key, E fallback, std::initializer_list<std::pair<const char*, E>> options) const {
    if (!has(key)) return fallback;
    return choice_at(at(key), path(key), options);
  }
  template <class E>
  static E choice_at(const json& v, const std::string& p,
                     std::initializer_list<std::pair<const char*, E>> options) {
    std::string list;
    for (const auto& o : options) list += std::string(list.empty() ? "" : ", ") + o.first;
    if (v.is_string()) {
      for (const auto& o : options) {
        if (v.get<std::string>() == o.first) return o.second;
      }
    }
    fail(p, "expected one of " + list);
  }
  const json& array(const char* key) const {
    static const json empty = json::array();
    if (!has(key)) return empty;
    if (!at(key).is_array()) fail(path(key), "expected an array");
    return at(key);
  }

 private:
  const json& j_;
  std::string path_;
};

inline std::string index_path(const std::string& base, std::size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

class loader {
 public:
  loader(scenario& s, std::string base_dir) : s_(s), base_dir_(std::move(base_dir)) {}

  void load(const json& doc) {
    object_reader top(doc, "$",
                      {"name", "description", "horizon", "warmup", "drain_seconds",
                       "interval_seconds", "replications", "seed", "channels", "skills",
                       "attributes", "queues", "agents", "arrivals"});
    s_.name = top.string("name", "scenario");
    if (top.has("description") && !top.at("description").is_string()) {
      fail(top.path("description"), "expected a string");
    }
    s_.horizon = top.time("horizon", 86400);
    if (s_.horizon <= 0) fail(top.path("horizon"), "expected a positive time");
    s_.warmup = top.time("warmup", 0);
    if (s_.warmup >= s_.horizon) fail(top.path("warmup"), "expected a time before the horizon");
    s_.drain = top.number("drain_seconds", 3600);
    s_.interval = top.number("interval_seconds", 900, 0, true);
    s_.replications = static_cast<std::uint32_t>(top.integer("replications", 10, 1, 100000));
    s_.seed = top.integer("seed", 1, 0, UINT64_MAX);

    const json& chans = top.array("channels");
    for (std::size_t i = 0; i < chans.size(); ++i) channel(chans[i], index_path(top.path("channels"), i));
    skills_and_attributes(top);
    const json& queues = top.array("queues");
    if (queues.empty()) fail(top.path("queues"), "expected a non-empty array of queues");
    // Names first, so that overflow may refer to a later queue.
    s_.queues.resize(queues.size());
    for (std::size_t i = 0; i < queues.size(); ++i) {
      const std::string p = index_path(top.path("queues"), i);
      if (!queues[i].is_object()) fail(p, "expected an object");
      if (!queues[i].contains("name")) fail(p + ".name", "missing");
      const json& n = queues[i].at("name");
      if (!n.is_string() || n.get<std::string>().empty()) fail(p + ".name", "expected a non-empty string");
      for (std::size_t j = 0; j < i; ++j) {
        if (s_.queues[j].config.name == n.get<std::string>()) fail(p + ".name", "duplicate queue name");
      }
      s_.queues[i].config.name = n.get<std::string>();
    }
    for (std::size_t i = 0; i < queues.size(); ++i) queue(queues[i], index_path(top.path("queues"), i), s_.queues[i]);
    const json& agents = top.array("agents");
    for (std::size_t i = 0; i < agents.size(); ++i) agent(agents[i], index_path(top.path("agents"), i));
    const json& arrivals = top.array("arrivals");
    for (std::size_t i = 0; i < arrivals.size(); ++i) arrival(arrivals[i], index_path(top.path("arrivals"), i));
  }

 private:
  std::size_t queue_ref(const json& v, const std::string& p) const {
    if (!v.is_string()) fail(p, "expected a queue name");
    for (std::size_t i = 0; i < s_.queues.size(); ++i) {
      if (s_.queues[i].config.name == v.get<std::string>()) return i;
    }
    fail(p, "unknown queue \"" + v.get<std::string>() + "\"");
  }
  channel_id channel_ref(const json& v, const std::string& p) const {
    if (!v.is_string()) fail(p, "expected a channel name");
    if (auto id = find_channel(s_, v.get<std::string>())) return *id;
    fail(p, "unknown channel \"" + v.get<std::string>() + "\"");
  }
  channel_set channel_list(const json& v, const std::string& p) const {
    if (!v.is_array()) fail(p, "expected an array of channel names");
    channel_set set;
    for (std::size_t i = 0; i < v.size(); ++i) set.add(channel_ref(v[i], index_path(p, i)));
    return set;
  }

  void channel(const json& j, const std::string& p) {
    object_reader r(j, p, {"name", "kind", "cost", "blocks"});
    channel_spec c;
    c.name = r.string("name", {}, true);
    if (find_channel(s_, c.name)) fail(r.path("name"), "duplicate channel name");
    c.kind = r.choice<channel_kind>("kind", channel_kind::real_time,
                                    {{"real_time", channel_kind::real_time},
                                     {"deferred", channel_kind::deferred}});
    c.cost = static_cast<std::uint16_t>(r.integer("cost", 100, 0, 65535));
    s_.channels.push_back(c);  // so that blocks may name the channel itself
    if (r.has("blocks")) s_.channels.back().blocks = channel_list(r.at("blocks"), r.path("blocks"));
  }

  static failure_policy failure(const json& j, const std::string& p, failure_policy base) {
    object_reader r(j, p, {"hold_back", "threshold", "reason"});
    if (r.has("hold_back")) base.hold_back = seconds(r.number("hold_back", 0));
    base.threshold = static_cast<std::uint32_t>(r.integer("threshold", base.threshold, 0, UINT32_MAX));
    base.reason = static_cast<reason_code>(r.integer("reason", base.reason, 0, UINT32_MAX));
    return base;
  }

  static void offers(const json& j, const std::string& p, offer_policy& o) {
    object_reader r(j, p, {"timeout", "no_answer", "rejected", "busy", "unreachable"});
    if (r.has("timeout")) o.timeout = seconds(r.number("timeout", 0));
    if (r.has("no_answer")) o.no_answer = failure(r.at("no_answer"), r.path("no_answer"), o.no_answer);
    if (r.has("rejected")) o.rejected = failure(r.at("rejected"), r.path("rejected"), o.rejected);
    if (r.has("busy")) o.busy = failure(r.at("busy"), r.path("busy"), o.busy);
    if (r.has("unreachable")) o.unreachable = failure(r.at("unreachable"), r.path("unreachable"), o.unreachable);
  }

  static void offers_override(const json& j, const std::string& p, offer_policy_override& o) {
    object_reader r(j, p, {"timeout", "no_answer", "rejected", "busy", "unreachable"});
    const offer_policy defaults;
    if (r.has("timeout")) o.timeout = seconds(r.number("timeout", 0));
    if (r.has("no_answer")) o.no_answer = failure(r.at("no_answer"), r.path("no_answer"), defaults.no_answer);
    if (r.has("rejected")) o.rejected = failure(r.at("rejected"), r.path("rejected"), defaults.rejected);
    if (r.has("busy")) o.busy = failure(r.at("busy"), r.path("busy"), defaults.busy);
    if (r.has("unreachable")) o.unreachable = failure(r.at("unreachable"), r.path("unreachable"), defaults.unreachable);
  }

  static strategy_kind strategy_kind_at(const json& v, const std::string& p) {
    return object_reader::choice_at<strategy_kind>(
        v, p,
        {{"longest_idle", strategy_kind::longest_idle},
         {"round_robin", strategy_kind::round_robin},
         {"linear", strategy_kind::linear},
         {"top_down", strategy_kind::top_down},
         {"fewest_contacts", strategy_kind::fewest_contacts},
         {"least_talk_time", strategy_kind::least_talk_time},
         {"random", strategy_kind::random},
         {"weighted_random", strategy_kind::weighted_random},
         {"ring_all", strategy_kind::ring_all},
         {"progressive_ring", strategy_kind::progressive_ring},
         {"best_skill", strategy_kind::best_skill}});
  }

  void skills_and_attributes(const object_reader& top) {
    const json& skills = top.array("skills");
    for (std::size_t i = 0; i < skills.size(); ++i) {
      const std::string p = index_path(top.path("skills"), i);
      if (!skills[i].is_string()) fail(p, "expected a skill name");
      const std::string name = skills[i].get<std::string>();
      if (auto id = registry_.add_skill(name); !id) {
        fail(p, id.error() == errc::duplicate_name
                    ? "duplicate skill \"" + name + "\""
                    : "expected a name of 1 to 64 characters from [A-Za-z0-9_.-] starting with a "
                      "letter");
      }
      s_.skills.push_back(name);
    }
    if (top.has("attributes")) {
      const json& attrs = top.at("attributes");
      if (!attrs.is_object()) fail(top.path("attributes"), "expected an object of name: \"boolean\" | \"enumeration\"");
      for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        const std::string p = top.path("attributes") + "." + it.key();
        attribute_spec a;
        a.name = it.key();
        a.kind = object_reader::choice_at<attribute_kind>(
            it.value(), p, {{"boolean", attribute_kind::boolean}, {"enumeration", attribute_kind::enumeration}});
        if (auto id = registry_.add_attribute(a.name, a.kind); !id) {
          fail(p, id.error() == errc::duplicate_name
                      ? "a skill has this name (skills and attributes share one namespace)"
                      : "expected a name of 1 to 64 characters from [A-Za-z0-9_.-] starting with a "
                        "letter");
        }
        s_.attributes.push_back(a);
      }
    }
  }

  /// A requirement text, checked against the scenario's skills and attributes.
  std::string requirement_text(const json& v, const std::string& p) const {
    if (!v.is_string()) fail(p, "expected a requirement text (docs/requirements.md)");
    const std::string text = v.get<std::string>();
    parse_diagnostic why;
    if (auto parsed = parse_requirement(text, registry_, &why); !parsed) {
      fail(p, why.message.empty() ? parsed.error().message() : why.message);
    }
    return text;
  }

  plan_spec plan(const json& v, const std::string& p) const {
    if (!v.is_array()) fail(p, "expected an array of escalation steps");
    plan_spec out;
    double last = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string sp = index_path(p, i);
      object_reader r(v[i], sp,
                      {"after", "condition", "wait_above", "service_level_below", "action",
                       "requirement", "max_tier", "priority_delta", "queue", "destination"});
      step_spec st;
      const double after = r.number("after", 0);
      if (after < last) fail(r.path("after"), "steps must be in order of \"after\"");
      last = after;
      st.step.after = seconds(after);
      st.step.condition = r.choice<step_condition>(
          "condition", step_condition::always,
          {{"always", step_condition::always},
           {"no_eligible_logged_in", step_condition::no_eligible_logged_in},
           {"expected_wait_above", step_condition::expected_wait_above},
           {"service_level_below", step_condition::service_level_below}});
      auto only_with = [&](const char* key, bool allowed, const char* why) {
        if (r.has(key) && !allowed) fail(r.path(key), why);
        if (!r.has(key) && allowed) fail(r.path(key), "missing");
      };
      only_with("wait_above", st.step.condition == step_condition::expected_wait_above,
                "only allowed with the condition expected_wait_above");
      only_with("service_level_below", st.step.condition == step_condition::service_level_below,
                "only allowed with the condition service_level_below");
      st.step.wait_above = seconds(r.number("wait_above", 0));
      st.step.service_level_below = r.number("service_level_below", 0);
      if (st.step.service_level_below > 1) fail(r.path("service_level_below"), "expected a number in [0, 1]");
      st.step.action = object_reader::choice_at<step_action>(
          r.required("action"), r.path("action"),
          {{"set_requirement", step_action::set_requirement},
           {"drop_preferred", step_action::drop_preferred},
           {"widen_tiers", step_action::widen_tiers},
           {"raise_priority", step_action::raise_priority},
           {"move_to_queue", step_action::move_to_queue},
           {"route_out", step_action::route_out},
           {"offer_callback", step_action::offer_callback}});
      const step_action a = st.step.action;
      only_with("requirement", a == step_action::set_requirement, "only allowed with set_requirement");
      only_with("max_tier", a == step_action::widen_tiers, "only allowed with widen_tiers");
      only_with("priority_delta", a == step_action::raise_priority, "only allowed with raise_priority");
      only_with("queue", a == step_action::move_to_queue, "only allowed with move_to_queue");
      only_with("destination", a == step_action::route_out, "only allowed with route_out");
      if (r.has("requirement")) st.requirement = requirement_text(r.at("requirement"), r.path("requirement"));
      st.step.max_tier = static_cast<std::uint32_t>(r.integer("max_tier", 0, 0, UINT32_MAX));
      st.step.priority_delta = r.int32("priority_delta", 0);
      if (r.has("queue")) st.queue = queue_ref(r.at("queue"), r.path("queue"));
      if (r.has("destination")) {
        st.step.destination = r.string("destination");
        if (st.step.destination.size() > 256) fail(r.path("destination"), "expected at most 256 bytes");
      }
      out.push_back(std::move(st));
    }
    return out;
  }

  void queue(const json& j, const std::string& p, queue_spec& q) {
    object_reader r(j, p,
                    {"name", "channels", "ordering", "max_length", "max_wait", "overflow", "join",
                     "leave", "wrap_up", "weight", "offers", "strategy", "service_level_seconds",
                     "eligibility", "dynamic_tier", "initial_tier_limit", "priority_step",
                     "escalation", "service_level_time", "expected_handle_time",
                     "callback_acceptance"});
    queue_config& c = q.config;
    if (r.has("channels")) c.channels = channel_list(r.at("channels"), r.path("channels"));
    c.ordering = r.choice<queue_ordering>("ordering", c.ordering,
                                          {{"fifo", queue_ordering::fifo},
                                           {"priority", queue_ordering::priority},
                                           {"aged", queue_ordering::aged}});
    if (r.has("priority_step")) {
      if (c.ordering != queue_ordering::aged) fail(r.path("priority_step"), "only allowed with the ordering \"aged\"");
      c.priority_step = seconds(r.number("priority_step", 0, 0, true));
    }
    if (r.has("eligibility")) q.eligibility = requirement_text(r.at("eligibility"), r.path("eligibility"));
    c.dynamic_tier = static_cast<std::uint32_t>(r.integer("dynamic_tier", 0, 0, UINT32_MAX));
    c.initial_tier_limit =
        static_cast<std::uint32_t>(r.integer("initial_tier_limit", no_tier_limit, 0, UINT32_MAX));
    if (r.has("escalation")) q.escalation = plan(r.at("escalation"), r.path("escalation"));
    if (r.has("expected_handle_time")) {
      c.expected_handle_time = seconds(r.number("expected_handle_time", 0, 0, true));
    }
    q.callback_acceptance = r.number("callback_acceptance", 0);
    if (q.callback_acceptance > 1) fail(r.path("callback_acceptance"), "expected a number in [0, 1]");
    c.max_length = static_cast<std::uint32_t>(r.integer("max_length", c.max_length, 0, UINT32_MAX));
    c.max_wait = seconds(r.number("max_wait", 0));
    if (r.has("overflow")) q.overflow = queue_ref(r.at("overflow"), r.path("overflow"));
    c.join = r.choice<join_policy>("join", c.join,
                                   {{"always", join_policy::always},
                                    {"refuse_when_none_logged_in", join_policy::refuse_when_none_logged_in},
                                    {"refuse_when_none_ready", join_policy::refuse_when_none_ready}});
    c.leave = r.choice<leave_policy>("leave", c.leave,
                                     {{"stay", leave_policy::stay},
                                      {"when_none_logged_in", leave_policy::when_none_logged_in},
                                      {"when_none_ready", leave_policy::when_none_ready}});
    c.wrap_up = seconds(r.number("wrap_up", 0));
    c.weight = static_cast<std::uint32_t>(r.integer("weight", 0, 0, UINT32_MAX));
    if (r.has("offers")) offers(r.at("offers"), r.path("offers"), c.offers);
    if (r.has("strategy")) {
      const json& v = r.at("strategy");
      if (v.is_string()) {
        c.strategy.kind = strategy_kind_at(v, r.path("strategy"));
      } else {
        object_reader sr(v, r.path("strategy"),
                         {"kind", "idle", "tiers_first", "ring_interval", "scoring", "occupancy_cap"});
        if (sr.has("kind")) c.strategy.kind = strategy_kind_at(sr.at("kind"), sr.path("kind"));
        c.strategy.idle = sr.choice<idle_reference>(
            "idle", c.strategy.idle,
            {{"since_last_completion", idle_reference::since_last_completion},
             {"since_last_offer", idle_reference::since_last_offer},
             {"since_ready", idle_reference::since_ready}});
        c.strategy.tiers_first = sr.boolean("tiers_first", c.strategy.tiers_first);
        if (sr.has("ring_interval")) c.strategy.ring_interval = seconds(sr.number("ring_interval", 0));
        c.strategy.scoring = sr.choice<score_mode>(
            "scoring", c.strategy.scoring, {{"sum", score_mode::sum}, {"weighted", score_mode::weighted}});
        c.strategy.occupancy_cap = sr.number("occupancy_cap", 0);
        if (c.strategy.occupancy_cap > 1) fail(sr.path("occupancy_cap"), "expected a number in [0, 1]");
        if ((sr.has("scoring") || sr.has("occupancy_cap")) && c.strategy.kind != strategy_kind::best_skill) {
          fail(sr.path(sr.has("scoring") ? "scoring" : "occupancy_cap"), "only allowed with the kind \"best_skill\"");
        }
      }
    }
    q.service_level_seconds = r.number("service_level_seconds", 20);
    // The router's service level (for the service_level_below condition) defaults to the
    // reported one.
    c.service_level_time = seconds(r.number("service_level_time", q.service_level_seconds));
  }

  distribution dist(const json& j, const std::string& p, bool allow_none) const {
    if (j.is_number()) return distribution::constant(object_reader::number_at(j, p));
    if (!j.is_object()) fail(p, "expected a distribution object or a number");
    if (!j.contains("type")) fail(p + ".type", "missing");
    const auto kind = object_reader::choice_at<distribution_kind>(
        j.at("type"), p + ".type",
        {{"none", distribution_kind::none},
         {"deterministic", distribution_kind::deterministic},
         {"exponential", distribution_kind::exponential},
         {"lognormal", distribution_kind::lognormal},
         {"uniform", distribution_kind::uniform},
         {"empirical", distribution_kind::empirical}});
    switch (kind) {
      case distribution_kind::none: {
        object_reader r(j, p, {"type"});
        if (!allow_none) fail(r.path("type"), "\"none\" is only allowed for patience");
        return distribution::never();
      }
      case distribution_kind::deterministic: {
        object_reader r(j, p, {"type", "value"});
        r.required("value");
        return distribution::constant(r.number("value", 0));
      }
      case distribution_kind::exponential: {
        object_reader r(j, p, {"type", "mean"});
        r.required("mean");
        return distribution::exponential(r.number("mean", 0, 0, true));
      }
      case distribution_kind::lognormal: {
        object_reader r(j, p, {"type", "mean", "sd"});
        r.required("mean");
        r.required("sd");
        return distribution::lognormal(r.number("mean", 0, 0, true), r.number("sd", 0));
      }
      case distribution_kind::uniform: {
        object_reader r(j, p, {"type", "min", "max"});
        r.required("min");
        r.required("max");
        const double lo = r.number("min", 0), hi = r.number("max", 0);
        if (hi < lo) fail(r.path("max"), "expected a number >= min");
        return distribution::uniform(lo, hi);
      }
      case distribution_kind::empirical: {
        object_reader r(j, p, {"type", "samples"});
        const json& a = r.required("samples");
        if (!a.is_array() || a.empty()) fail(r.path("samples"), "expected a non-empty array");
        std::vector<double> v;
        for (std::size_t i = 0; i < a.size(); ++i) {
          v.push_back(object_reader::number_at(a[i], index_path(r.path("samples"), i)));
        }
        return distribution::empirical(std::move(v));
      }
    }
    fail(p, "unknown distribution");
  }

  void agent(const json& j, const std::string& p) {
    object_reader r(j, p,
                    {"name", "count", "channels", "capacity", "wrap_up", "offers", "queues",
                     "shifts", "stagger_seconds", "answer", "recover_seconds", "skills",
                     "attributes"});
    agent_group_spec g;
    g.name = r.string("name", {}, true);
    for (const auto& other : s_.agents) {
      if (other.name == g.name) fail(r.path("name"), "duplicate agent group name");
    }
    g.count = static_cast<std::uint32_t>(r.integer("count", 1, 1, 1000000));
    if (r.has("channels")) g.channels = channel_list(r.at("channels"), r.path("channels"));
    if (r.has("capacity")) {
      object_reader cr(r.at("capacity"), r.path("capacity"), {"total", "cost", "max_per_channel", "blocks"});
      channel_registry registry;
      for (const auto& c : s_.channels) (void)registry.add(c.name, c.kind, c.cost, c.blocks);
      capacity_profile cap = capacity_profile::standard(registry);
      cap.total = static_cast<std::uint32_t>(cr.integer("total", cap.total, 1, UINT32_MAX));
      auto per_channel = [&](const char* key, auto apply) {
        if (!cr.has(key)) return;
        const json& m = cr.at(key);
        if (!m.is_object()) fail(cr.path(key), "expected an object keyed by channel name");
        for (auto it = m.begin(); it != m.end(); ++it) {
          const std::string kp = cr.path(key) + "." + it.key();
          apply(channel_ref(json(it.key()), kp), it.value(), kp);
        }
      };
      per_channel("cost", [&](channel_id c, const json& v, const std::string& kp) {
        cap.cost[c.value()] = static_cast<std::uint16_t>(object_reader::integer_at(v, kp, 0, 65535));
      });
      per_channel("max_per_channel", [&](channel_id c, const json& v, const std::string& kp) {
        cap.max_per_channel[c.value()] = static_cast<std::uint16_t>(object_reader::integer_at(v, kp, 0, 65535));
      });
      per_channel("blocks", [&](channel_id c, const json& v, const std::string& kp) {
        cap.blocks[c.value()] = channel_list(v, kp);
      });
      g.config.capacity = cap;
    }
    if (r.has("skills")) {
      const json& m = r.at("skills");
      if (!m.is_object()) fail(r.path("skills"), "expected an object of skill: level");
      for (auto it = m.begin(); it != m.end(); ++it) {
        const std::string kp = r.path("skills") + "." + it.key();
        if (!registry_.find_skill(it.key())) fail(kp, "unknown skill");
        const auto level = object_reader::integer_at(it.value(), kp, 0, max_skill_level);
        g.config.skills.emplace_back(it.key(), static_cast<std::uint8_t>(level));
      }
    }
    if (r.has("attributes")) {
      const json& m = r.at("attributes");
      if (!m.is_object()) fail(r.path("attributes"), "expected an object of attribute: value");
      for (auto it = m.begin(); it != m.end(); ++it) {
        const std::string kp = r.path("attributes") + "." + it.key();
        const auto id = registry_.find_attribute(it.key());
        if (!id) fail(kp, "unknown attribute");
        if (registry_.kind(*id) == attribute_kind::boolean) {
          if (!it.value().is_boolean()) fail(kp, "expected true or false");
          g.config.attributes.emplace_back(it.key(), it.value().get<bool>() ? "true" : "false");
        } else {
          if (!it.value().is_string() || it.value().get<std::string>().empty() ||
              it.value().get<std::string>().size() > 128) {
            fail(kp, "expected a string of 1 to 128 bytes");
          }
          g.config.attributes.emplace_back(it.key(), it.value().get<std::string>());
        }
      }
    }
    if (r.has("wrap_up")) g.config.wrap_up = seconds(r.number("wrap_up", 0));
    if (r.has("offers")) offers_override(r.at("offers"), r.path("offers"), g.config.offers);
    const json& qs = r.array("queues");
    for (std::size_t i = 0; i < qs.size(); ++i) {
      const std::string mp = index_path(r.path("queues"), i);
      membership_spec m;
      if (qs[i].is_string()) {
        m.queue = queue_ref(qs[i], mp);
      } else {
        object_reader mr(qs[i], mp, {"queue", "tier", "weight", "order"});
        m.queue = queue_ref(mr.required("queue"), mr.path("queue"));
        m.options.tier = static_cast<std::uint32_t>(mr.integer("tier", 0, 0, UINT32_MAX));
        m.options.weight = static_cast<std::uint32_t>(mr.integer("weight", 1, 0, UINT32_MAX));
        if (mr.has("order")) m.options.order = static_cast<std::uint32_t>(mr.integer("order", 0, 0, UINT32_MAX));
      }
      for (const auto& prev : g.queues) {
        if (prev.queue == m.queue) fail(mp, "the group is already a member of this queue");
      }
      g.queues.push_back(m);
    }
    const json& shifts = r.array("shifts");
    double last_end = -1;
    for (std::size_t i = 0; i < shifts.size(); ++i) {
      const std::string sp = index_path(r.path("shifts"), i);
      object_reader sr(shifts[i], sp, {"start", "end", "breaks"});
      shift_spec sh;
      sh.start = sr.time("start", 0, true);
      sh.end = sr.time("end", 0, true);
      if (sh.end <= sh.start) fail(sr.path("end"), "expected a time after the start");
      if (sh.start <= last_end) fail(sr.path("start"), "shifts must be in order and not overlap");
      last_end = sh.end;
      const json& breaks = sr.array("breaks");
      double last = sh.start;
      for (std::size_t b = 0; b < breaks.size(); ++b) {
        const std::string bp = index_path(sr.path("breaks"), b);
        object_reader br(breaks[b], bp, {"start", "end", "reason"});
        break_spec bk;
        bk.start = br.time("start", 0, true);
        bk.end = br.time("end", 0, true);
        bk.reason = static_cast<reason_code>(br.integer("reason", 1, 1, reason_codes::system_base - 1));
        if (bk.start < last || bk.start >= sh.end) {
          fail(br.path("start"), "expected a time inside the shift, after the previous break");
        }
        if (bk.end <= bk.start || bk.end > sh.end) {
          fail(br.path("end"), "expected a time after the start, inside the shift");
        }
        last = bk.end;
        sh.breaks.push_back(bk);
      }
      g.shifts.push_back(std::move(sh));
    }
    g.stagger_seconds = r.number("stagger_seconds", 0);
    if (r.has("answer")) {
      object_reader ar(r.at("answer"), r.path("answer"), {"delay", "probability"});
      if (ar.has("delay")) g.answer_delay = dist(ar.at("delay"), ar.path("delay"), false);
      g.answer_probability = ar.number("probability", 1);
      if (g.answer_probability > 1) fail(ar.path("probability"), "expected a number in [0, 1]");
    }
    g.recover_seconds = r.number("recover_seconds", 60);
    s_.agents.push_back(std::move(g));
  }

  void arrival(const json& j, const std::string& p) {
    object_reader r(j, p, {"queue", "channel", "priority", "process", "handle_time", "patience",
                           "requirement", "requirements"});
    arrival_spec a;
    object_reader pr(r.required("process"), r.path("process"),
                     {"type", "rate_per_hour", "start", "interval_seconds", "rates_per_hour", "file"});
    a.kind = object_reader::choice_at<arrival_kind>(pr.required("type"), pr.path("type"),
                                                   {{"poisson", arrival_kind::poisson},
                                                    {"piecewise", arrival_kind::piecewise},
                                                    {"trace", arrival_kind::trace}});
    auto refuse = [&](const object_reader& rr, std::initializer_list<const char*> keys, const char* why) {
      for (const char* k : keys) {
        if (rr.has(k)) fail(rr.path(k), why);
      }
    };
    if (a.kind == arrival_kind::trace) {
      refuse(r, {"queue", "channel", "priority"}, "not allowed with a trace (the rows name it)");
      refuse(pr, {"rate_per_hour", "start", "interval_seconds", "rates_per_hour"}, "not allowed with a trace");
      const std::string file = pr.string("file", {}, true);
      const std::string full = file.front() == '/' || base_dir_.empty() ? file : base_dir_ + "/" + file;
      std::ifstream in(full, std::ios::binary);
      if (!in) fail(pr.path("file"), "cannot read \"" + full + "\"");
      std::ostringstream text;
      text << in.rdbuf();
      std::string error;
      if (!parse_trace(text.str(), s_, a.rows, error)) fail(pr.path("file"), file + ": " + error);
    } else {
      a.queue = queue_ref(r.required("queue"), r.path("queue"));
      a.channel = channel_ref(r.required("channel"), r.path("channel"));
      a.priority = r.int32("priority", 0);
      refuse(pr, {"file"}, "only allowed with a trace");
      if (a.kind == arrival_kind::poisson) {
        refuse(pr, {"start", "interval_seconds", "rates_per_hour"}, "only allowed with piecewise");
        pr.required("rate_per_hour");
        a.rate = pr.number("rate_per_hour", 0) / 3600;
      } else {
        refuse(pr, {"rate_per_hour"}, "only allowed with poisson");
        a.start = pr.time("start", 0);
        a.interval = pr.number("interval_seconds", 3600, 0, true);
        const json& rates = pr.required("rates_per_hour");
        if (!rates.is_array()) fail(pr.path("rates_per_hour"), "expected an array of numbers");
        for (std::size_t i = 0; i < rates.size(); ++i) {
          a.rates.push_back(object_reader::number_at(rates[i], index_path(pr.path("rates_per_hour"), i)) / 3600);
        }
      }
    }
    if (r.has("handle_time")) a.handle_time = dist(r.at("handle_time"), r.path("handle_time"), false);
    if (r.has("patience")) a.patience = dist(r.at("patience"), r.path("patience"), true);
    if (r.has("requirement") && r.has("requirements")) {
      fail(r.path("requirements"), "not allowed with \"requirement\" (give one or the other)");
    }
    if (r.has("requirement")) {
      requirement_choice c;
      c.requirement = requirement_text(r.at("requirement"), r.path("requirement"));
      a.requirements.push_back(std::move(c));
    }
    if (r.has("requirements")) {
      const json& mix = r.at("requirements");
      if (!mix.is_array() || mix.empty()) fail(r.path("requirements"), "expected a non-empty array");
      double sum = 0;
      for (std::size_t i = 0; i < mix.size(); ++i) {
        object_reader cr(mix[i], index_path(r.path("requirements"), i),
                         {"requirement", "probability", "priority", "escalation"});
        requirement_choice c;
        c.requirement = requirement_text(cr.required("requirement"), cr.path("requirement"));
        cr.required("probability");
        c.probability = cr.number("probability", 0);
        if (c.probability > 1) fail(cr.path("probability"), "expected a number in [0, 1]");
        sum += c.probability;
        if (cr.has("priority")) c.priority = cr.int32("priority", 0);
        if (cr.has("escalation")) c.escalation = plan(cr.at("escalation"), cr.path("escalation"));
        a.requirements.push_back(std::move(c));
      }
      if (std::fabs(sum - 1) > 1e-6) fail(r.path("requirements"), "the probabilities must add up to 1");
    }
    s_.arrivals.push_back(std::move(a));
  }

  scenario& s_;
  std::string base_dir_;
  skill_registry registry_;
};

}  // namespace json_detail

/// Fills `out` from a parsed JSON document; trace files are read relative to `base_dir`.
/// Returns false with `error` = "$.path: message" on the first problem.
inline bool load_scenario(const nlohmann::json& doc, const std::string& base_dir, scenario& out,
                          std::string& error) {
  out = scenario();
  try {
    json_detail::loader(out, base_dir).load(doc);
  } catch (const json_detail::load_error& e) {
    error = e.message;
    return false;
  } catch (const nlohmann::json::exception& e) {
    error = std::string("$: ") + e.what();
    return false;
  }
  error = validate(out);
  return error.empty();
}

/// Reads and loads a scenario file. Errors as load_scenario; a syntax error names the file.
inline bool load_scenario_file(const std::string& path, scenario& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read the file";
    return false;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in, nullptr, true, /*ignore_comments=*/false);
  } catch (const nlohmann::json::parse_error& e) {
    error = path + ": not valid JSON: " + e.what();
    return false;
  }
  const std::size_t slash = path.find_last_of('/');
  return load_scenario(doc, slash == std::string::npos ? std::string(".") : path.substr(0, slash),
                       out, error);
}

}  // namespace sim
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_SIM_SCENARIO_JSON_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// JSON for wallboards: nlohmann::json conversions of the stats structs. Opt-in: the library
// itself never includes nlohmann; a host that includes this header links nlohmann_json 3.11
// itself (target nlohmann_json::nlohmann_json).
//
//   #include <omniroute/stats/json.hpp>
//   nlohmann::json j = statistics.take_snapshot();   // ADL finds to_json
//
// Conventions: durations and time points are seconds (double); handles are "index:generation"
// strings (as in event logs); derived metrics that have no value (zero denominator) are null;
// agent states use the names of to_string(agent_state).
#ifndef OMNIROUTE_STATS_JSON_HPP
#define OMNIROUTE_STATS_JSON_HPP

#include <omniroute/router/event.hpp>
#include <omniroute/stats/interval.hpp>
#include <omniroute/stats/statistics.hpp>
#include <omniroute/stats/wait.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

namespace json_detail {
template <class Tag>
inline std::string id_text(handle<Tag> h) {
  return std::to_string(h.index()) + ":" + std::to_string(h.generation());
}
inline nlohmann::json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
inline nlohmann::json optional_seconds(const std::optional<duration>& v) {
  return v ? nlohmann::json(to_seconds(*v)) : nlohmann::json(nullptr);
}
inline const char* state_name(std::size_t i) {
  // Spelled here so the JSON keys stay stable whatever to_string(agent_state) says.
  static const char* const names[agent_state_count] = {"logged_out", "ready", "not_ready",
                                                       "reserved", "busy", "wrap_up"};
  return names[i];
}
}  // namespace json_detail

inline void to_json(nlohmann::json& j, const agent_time& t) {
  j = nlohmann::json{{"logged_in", to_seconds(t.logged_in)}, {"ready", to_seconds(t.ready)},
                     {"not_ready", to_seconds(t.not_ready)}, {"reserved", to_seconds(t.reserved)},
                     {"busy", to_seconds(t.busy)},           {"wrap_up", to_seconds(t.wrap_up)}};
}

inline void to_json(nlohmann::json& j, const interval_stats& s) {
  using json_detail::optional_number;
  j = nlohmann::json{
      {"begin", to_seconds(s.begin)},
      {"end", to_seconds(s.end)},
      {"entered", s.entered},
      {"refused", s.refused},
      {"offered", s.offered},
      {"answered", s.answered},
      {"answered_within_threshold", s.answered_within_threshold},
      {"abandoned", s.abandoned},
      {"abandoned_within_threshold", s.abandoned_within_threshold},
      {"short_abandoned", s.short_abandoned},
      {"expired", s.expired},
      {"routed_out", s.routed_out},
      {"flowed_out", s.flowed_out},
      {"transferred_in", s.transferred_in},
      {"transferred_out", s.transferred_out},
      {"overflowed_in", s.overflowed_in},
      {"overflowed_out", s.overflowed_out},
      {"callbacks_offered", s.callbacks_offered},
      {"callbacks_accepted", s.callbacks_accepted},
      {"answer_wait", to_seconds(s.answer_wait)},
      {"abandon_wait", to_seconds(s.abandon_wait)},
      {"longest_answer_wait", to_seconds(s.longest_answer_wait)},
      {"longest_abandon_wait", to_seconds(s.longest_abandon_wait)},
      {"offers", s.offers},
      {"offers_missed", s.offers_missed},
      {"handled", s.handled},
      {"talk", to_seconds(s.talk)},
      {"wrap_up", to_seconds(s.wrap_up)},
      {"time", s.time},
      {"service_level",
       {{"of_offered", optional_number(s.service_level(service_level_definition::of_offered))},
        {"of_answered", optional_number(s.service_level(service_level_definition::of_answered))},
        {"of_offered_less_abandoned_within",
         optional_number(
             s.service_level(service_level_definition::of_offered_less_abandoned_within))}}},
      {"asa", optional_number(s.asa())},
      {"aht", optional_number(s.aht())},
      {"average_time_to_abandon", optional_number(s.average_time_to_abandon())},
      {"abandon_rate", optional_number(s.abandon_rate())},
      {"occupancy", optional_number(s.occupancy())},
      {"utilisation", optional_number(s.utilisation())},
  };
}

inline void to_json(nlohmann::json& j, const realtime_stats& r) {
  nlohmann::json agents = nlohmann::json::object();
  for (std::size_t i = 0; i < agent_state_count; ++i) agents[json_detail::state_name(i)] = r.agents[i];
  j = nlohmann::json{{"waiting", r.waiting},
                     {"longest_wait", to_seconds(r.longest_wait)},
                     {"agents", agents},
                     {"staffed", r.staffed()},
                     {"occupancy", json_detail::optional_number(r.occupancy)}};
}

inline void to_json(nlohmann::json& j, const queue_snapshot& q) {
  j = nlohmann::json{{"id", json_detail::id_text(q.id)},
                     {"now", q.now},
                     {"interval", q.interval},
                     {"expected_wait", json_detail::optional_seconds(q.expected_wait)}};
}

inline void to_json(nlohmann::json& j, const agent_snapshot& a) {
  j = nlohmann::json{{"id", json_detail::id_text(a.id)},
                     {"state", json_detail::state_name(static_cast<std::size_t>(a.state))},
                     {"state_since", to_seconds(a.state_since)},
                     {"interval", a.interval}};
}

inline void to_json(nlohmann::json& j, const channel_snapshot& c) {
  j = nlohmann::json{{"id", c.id.value()}, {"interval", c.interval}};
}

inline void to_json(nlohmann::json& j, const group_snapshot& g) {
  nlohmann::json queues = nlohmann::json::array();
  for (queue_id q : g.queues) queues.push_back(json_detail::id_text(q));
  j = nlohmann::json{{"name", g.name}, {"queues", queues}, {"now", g.now}, {"interval", g.interval}};
}

inline void to_json(nlohmann::json& j, const snapshot& s) {
  j = nlohmann::json{{"at", to_seconds(s.at)},
                     {"interval_index", s.interval_index},
                     {"interval_begin", to_seconds(s.interval_begin)},
                     {"interval_end", to_seconds(s.interval_end)},
                     {"queues", s.queues},
                     {"agents", s.agents},
                     {"channels", s.channels},
                     {"groups", s.groups}};
}

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_STATS_JSON_HPP

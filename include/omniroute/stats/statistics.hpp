// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Real-time and interval statistics computed from the router's events alone: attach a
// `statistics` as the router's observer (or behind an observer_fanout), or feed it stored
// events to rebuild reports. It never looks at router internals. Definitions: docs/stats.md.
//
//   stats::statistics st;                       // 15-minute intervals, T = 20 s
//   stats::observer_fanout fan{&st, &my_logger};
//   router.set_observer(&fan);
//   ...
//   st.advance(now);                            // bring agent time up to now
//   stats::snapshot s = st.take_snapshot();     // or nlohmann::json via stats/json.hpp
#ifndef OMNIROUTE_STATS_STATISTICS_HPP
#define OMNIROUTE_STATS_STATISTICS_HPP

#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/queue.hpp>
#include <omniroute/model/queue_selection.hpp>
#include <omniroute/ports/observer.hpp>
#include <omniroute/router/event.hpp>
#include <omniroute/stats/interval.hpp>
#include <omniroute/stats/wait.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

struct stats_options {
  /// Interval length L; intervals are [k·L, (k+1)·L) on the router's time line. Must be > 0.
  duration interval = std::chrono::minutes(15);
  /// Default service-level threshold T (queues may override; see queue_settings).
  duration service_level_threshold = std::chrono::seconds(20);
  /// An abandon after a wait shorter than this is a short abandon.
  duration short_abandon = std::chrono::seconds(5);
  /// When true, short abandons count only in short_abandoned: not in offered, abandoned,
  /// abandoned_within_threshold or abandon_wait.
  bool exclude_short_abandons = false;
  /// Intervals kept per row, the current one included (older ones are dropped). Memory per
  /// row is about history × sizeof(interval_stats).
  std::size_t history = 16;
  /// Intervals (the current one included) over which AHT and the abandon rate are estimated
  /// for the wait predictors.
  std::size_t estimation_intervals = 4;
  /// The predictor of queues that do not choose one.
  wait_predictor predictor = wait_predictor::queue_length_abandonment;
  /// AHT assumed for a queue that has handled nothing in the estimation window.
  duration default_handle_time = std::chrono::seconds(180);
};

/// Per-queue choices; unset fields take the options' defaults.
struct queue_settings {
  std::optional<duration> service_level_threshold;
  std::optional<wait_predictor> predictor;
  /// Per-channel targets: a contact of a listed channel is judged against its channel's
  /// threshold (in every row it counts in), others against service_level_threshold.
  std::vector<service_level_target> service_levels;
};

/// The settings that make the statistics judge a queue's contacts as the router does: the
/// queue's service_level_time and its per-channel targets.
inline queue_settings settings_for(const queue_config& config) {
  queue_settings s;
  s.service_level_threshold = config.service_level_time;
  s.service_levels = config.service_levels;
  return s;
}

struct queue_snapshot {
  queue_id id;
  realtime_stats now;
  interval_stats interval;
  /// For a contact arriving now (ahead = contacts waiting), by the queue's predictor.
  std::optional<duration> expected_wait;
};
struct agent_snapshot {
  agent_id id;
  agent_state state = agent_state::logged_out;
  time_point state_since{};
  interval_stats interval;
};
struct channel_snapshot {
  channel_id id;
  interval_stats interval;
};
struct group_snapshot {
  std::string name;
  std::vector<queue_id> queues;
  realtime_stats now;
  interval_stats interval;
};
/// Everything a wallboard shows, for one interval (by default the current one).
struct snapshot {
  time_point at{};
  std::int64_t interval_index = 0;
  time_point interval_begin{};
  time_point interval_end{};
  std::vector<queue_snapshot> queues;    ///< Queues not removed, by handle order.
  std::vector<agent_snapshot> agents;    ///< Agents not removed, by handle order.
  std::vector<channel_snapshot> channels;  ///< Channels that carried any contact.
  std::vector<group_snapshot> groups;    ///< By name.
};

namespace detail {
inline constexpr std::uint32_t no_index = 0xFFFFFFFFu;

/// The retained intervals of one row: contiguous indexes [base, base + size).
struct interval_row {
  std::int64_t base = 0;
  std::deque<interval_stats> slots;
};

struct queue_rec {
  queue_id id;
  bool live = false;
  interval_row row;
  queue_settings settings;
  std::uint32_t waiting = 0;
  std::uint32_t head = no_index;  ///< Contacts in entry order (index into contacts_).
  std::uint32_t tail = no_index;
  std::vector<std::uint32_t> members;  ///< Agent indexes.
  std::vector<std::uint32_t> groups;   ///< Group indexes containing this queue.
  std::optional<duration> last_answer_wait;
};

struct agent_rec {
  agent_id id;
  bool live = false;
  agent_state state = agent_state::logged_out;
  time_point state_since{};  ///< When the current state began.
  time_point since{};        ///< Start of the segment not yet credited to the rows.
  interval_row row;
  std::vector<std::uint32_t> queues;  ///< Queue indexes.
};

struct contact_rec {
  contact_id id;
  bool connected = false;
  bool linked = false;  ///< In its queue's entry-order list (waiting or offered).
  /// The queue it waits in, or was answered in while connected.
  std::uint32_t queue = no_index;
  channel_id channel;
  time_point entered{};
  time_point connected_at{};
  std::uint32_t agent = no_index;
  std::uint32_t prev = no_index;
  std::uint32_t next = no_index;
};

struct work_rec {
  offer_id id;
  time_point wrap_start{};
};

struct group_rec {
  std::string name;
  std::vector<queue_id> queues;
  interval_row row;
};
}  // namespace detail

/// Statistics over one router's event stream. Not thread-safe (like the router); every
/// method is O(1) amortised per event except where stated.
class statistics final : public event_observer {
 public:
  /// Precondition: options.interval > 0 and options.history >= 1.
  explicit statistics(stats_options options = {});

  // ---- Feeding --------------------------------------------------------------------------------
  /// Applies one event (what the router's delivery does). Events must come in sequence order;
  /// an event earlier than now() is applied at now(). A stream fed from the middle counts only
  /// the contacts whose queue entry it saw; agents start from the first state change seen.
  void feed(const event& e);
  template <class It>
  void feed(It first, It last) {
    for (; first != last; ++first) feed(*first);
  }
  /// Brings agent time up to `now` (open state segments are cut there) and moves now()
  /// forward. Call before reading the current interval. Complexity: O(agents + groups).
  void advance(time_point now);
  /// The latest time seen (events or advance).
  time_point now() const noexcept { return now_; }
  const stats_options& options() const noexcept { return options_; }

  // ---- Configuration ---------------------------------------------------------------------------
  /// Sets a queue's thresholds and predictor (the queue need not have been seen yet).
  /// Errors (settings unchanged): invalid_threshold (a threshold not positive),
  /// invalid_percentage (a target outside 0..100), invalid_argument (two targets for one
  /// channel, or a null queue).
  status configure_queue(queue_id queue, const queue_settings& settings);
  /// The threshold contacts of `channel` in `queue` are judged against.
  duration threshold(queue_id queue, channel_id channel) const noexcept;
  /// Defines or replaces a group: a host-chosen name for a set of queues (a skill group, a
  /// site, a line of business). A group counts from the moment it is defined; contacts count
  /// in it once per queue of the group they were offered in. Complexity: O(queues + groups).
  void set_group(const std::string& name, const std::vector<queue_id>& queues);
  /// Returns whether the group existed.
  bool remove_group(const std::string& name);

  /// The escalation engine (or the host) reports callbacks: offered to a waiting customer in
  /// `queue`, and accepted by one. Counted in the interval of `at` for the queue, its groups and
  /// the channel given (null channel: none).
  void record_callback_offered(time_point at, queue_id queue, channel_id channel = {});
  void record_callback_accepted(time_point at, queue_id queue, channel_id channel = {});

  // ---- Intervals -------------------------------------------------------------------------------
  /// floor(t / L).
  std::int64_t interval_index(time_point t) const noexcept;
  time_point interval_begin(std::int64_t k) const noexcept;
  std::int64_t current_interval() const noexcept { return interval_index(now_); }

  // ---- Reading -----------------------------------------------------------------------------------
  /// One interval of a row; zeros for a retained interval without activity. nullopt: unknown
  /// or stale handle, or k outside the retained window [current - history + 1, current].
  std::optional<interval_stats> queue_interval(queue_id queue, std::int64_t k) const;
  std::optional<interval_stats> agent_interval(agent_id agent, std::int64_t k) const;
  std::optional<interval_stats> channel_interval(channel_id channel, std::int64_t k) const;
  std::optional<interval_stats> group_interval(const std::string& name, std::int64_t k) const;
  /// The queue right now. Complexity: O(members). nullopt: unknown queue.
  std::optional<realtime_stats> queue_realtime(queue_id queue) const;
  std::optional<realtime_stats> group_realtime(const std::string& name) const;
  /// nullopt: unknown agent.
  std::optional<agent_state> agent_state_of(agent_id agent) const;
  /// Everything for interval k (default: the current one). Allocates.
  snapshot take_snapshot(std::optional<std::int64_t> k = std::nullopt) const;

  // ---- Expected wait -------------------------------------------------------------------------------
  /// The predictor inputs for a contact with `ahead` contacts in front of it in `queue`.
  std::optional<wait_inputs> wait_inputs_for(queue_id queue, std::uint32_t ahead) const;
  /// The expected wait by the queue's predictor (or the one given).
  std::optional<duration> expected_wait(queue_id queue, std::uint32_t ahead) const;
  std::optional<duration> expected_wait(queue_id queue, std::uint32_t ahead,
                                        wait_predictor predictor) const;
  /// For a contact in the router: its position from router::position, its queue from
  /// router::contact. Works with any type offering those two queries.
  template <class Router>
  std::optional<duration> expected_wait_of(const Router& r, contact_id contact) const {
    auto info = r.contact(contact);
    auto place = r.position(contact);
    if (!info || !place) return std::nullopt;
    return expected_wait(info->queue, *place);
  }

 protected:
  void on_event(const event& e) override { feed(e); }

 private:
  using row = detail::interval_row;

  interval_stats* slot(row& r, std::int64_t k);
  std::optional<interval_stats> read(const row& r, std::int64_t k) const;
  detail::queue_rec* queue_rec_of(queue_id id, bool create);
  const detail::queue_rec* queue_rec_of(queue_id id) const;
  detail::agent_rec* agent_rec_of(agent_id id, bool create);
  const detail::agent_rec* agent_rec_of(agent_id id) const;
  detail::contact_rec* contact_rec_of(contact_id id);
  const detail::group_rec* group_of(const std::string& name) const;
  duration threshold_of(const detail::queue_rec& q, channel_id channel) const noexcept;

  /// Applies f(interval_stats&) to the queue's row, its groups' rows and the channel's row.
  template <class F>
  void for_contact_rows(std::uint32_t queue, channel_id channel, time_point at, F&& f);
  /// Cuts the agent's open state segment at `to` and credits it.
  void close_segment(detail::agent_rec& a, time_point to);
  void credit_time(detail::agent_rec& a, agent_state s, time_point from, time_point to);
  void unlink(detail::contact_rec& c);
  void link(detail::contact_rec& c, std::uint32_t queue);
  void release_contact(detail::contact_rec& c);
  void rebuild_group_index();
  void add_member(std::uint32_t queue, std::uint32_t agent);
  void remove_member(std::uint32_t queue, std::uint32_t agent);
  void end_talk(detail::contact_rec& c, time_point at, bool transferred);
  void leave_queue(detail::contact_rec& c, time_point at, const event& e);
  realtime_stats realtime_over(const std::vector<std::uint32_t>& queues) const;

  stats_options options_;
  time_point now_{};
  std::vector<detail::queue_rec> queues_;
  std::vector<detail::agent_rec> agents_;
  std::vector<detail::contact_rec> contacts_;
  std::vector<detail::work_rec> works_;
  std::vector<row> channels_;
  std::vector<detail::group_rec> groups_;
  std::vector<std::uint32_t> scratch_;
};

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/stats/statistics-inl.hpp>
#endif

#endif  // OMNIROUTE_STATS_STATISTICS_HPP

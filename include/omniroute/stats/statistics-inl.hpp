// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_STATS_STATISTICS_INL_HPP
#define OMNIROUTE_STATS_STATISTICS_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/stats/statistics.hpp>
#endif

#include <algorithm>
#include <iterator>
#include <utility>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

namespace detail {
inline void add_state_time(agent_time& t, agent_state s, duration d) noexcept {
  t.logged_in += d;
  switch (s) {
    case agent_state::logged_out: t.logged_in -= d; break;
    case agent_state::ready: t.ready += d; break;
    case agent_state::not_ready: t.not_ready += d; break;
    case agent_state::reserved: t.reserved += d; break;
    case agent_state::busy: t.busy += d; break;
    case agent_state::wrap_up: t.wrap_up += d; break;
  }
}
/// Moves the router made by itself (max wait, leave policy, escalation...) count as overflows;
/// the host's moves (router::transfer, queue removal) as transfers.
inline bool is_overflow(exit_reason r) noexcept {
  return r != exit_reason::host_transfer && r != exit_reason::queue_removed;
}
template <class T>
void erase_value(std::vector<T>& v, T value) {
  v.erase(std::remove(v.begin(), v.end(), value), v.end());
}
}  // namespace detail

OMNIROUTE_INLINE statistics::statistics(stats_options options) : options_(std::move(options)) {
  OMNIROUTE_ASSERT(options_.interval > duration::zero(), "stats interval must be positive");
  OMNIROUTE_ASSERT(options_.history >= 1, "stats history must keep at least one interval");
  channels_.resize(max_channels);
}

// ---- Intervals ----------------------------------------------------------------------------------

OMNIROUTE_INLINE std::int64_t statistics::interval_index(time_point t) const noexcept {
  const std::int64_t n = t.time_since_epoch().count();
  const std::int64_t l = options_.interval.count();
  std::int64_t k = n / l;
  if (n % l != 0 && n < 0) --k;  // floor, not truncation, before the epoch
  return k;
}

OMNIROUTE_INLINE time_point statistics::interval_begin(std::int64_t k) const noexcept {
  return time_point(options_.interval * k);
}

OMNIROUTE_INLINE interval_stats* statistics::slot(row& r, std::int64_t k) {
  const std::int64_t history = static_cast<std::int64_t>(options_.history);
  const std::int64_t lower = current_interval() - history + 1;
  if (k < lower) return nullptr;
  auto fresh = [&](std::int64_t i) {
    interval_stats s;
    s.begin = interval_begin(i);
    s.end = interval_begin(i + 1);
    return s;
  };
  if (r.slots.empty() || k - (r.base + static_cast<std::int64_t>(r.slots.size())) >= history ||
      r.base - k >= history) {
    r.slots.clear();
    r.base = k;
    r.slots.push_back(fresh(k));
  }
  while (k < r.base) r.slots.push_front(fresh(--r.base));
  while (k >= r.base + static_cast<std::int64_t>(r.slots.size())) {
    r.slots.push_back(fresh(r.base + static_cast<std::int64_t>(r.slots.size())));
  }
  while (r.base < lower) {
    r.slots.pop_front();
    ++r.base;
  }
  return &r.slots[static_cast<std::size_t>(k - r.base)];
}

OMNIROUTE_INLINE std::optional<interval_stats> statistics::read(const row& r,
                                                                std::int64_t k) const {
  const std::int64_t current = current_interval();
  if (k > current || k <= current - static_cast<std::int64_t>(options_.history)) return std::nullopt;
  if (k >= r.base && k < r.base + static_cast<std::int64_t>(r.slots.size())) {
    return r.slots[static_cast<std::size_t>(k - r.base)];
  }
  interval_stats s;
  s.begin = interval_begin(k);
  s.end = interval_begin(k + 1);
  return s;
}

// ---- Records ------------------------------------------------------------------------------------

OMNIROUTE_INLINE detail::queue_rec* statistics::queue_rec_of(queue_id id, bool create) {
  if (id.is_null()) return nullptr;
  const std::size_t i = id.index();
  if (i >= queues_.size()) {
    if (!create) return nullptr;
    queues_.resize(i + 1);
  }
  detail::queue_rec& q = queues_[i];
  if (q.id != id) {
    if (!create) return nullptr;
    for (std::uint32_t a : q.members) detail::erase_value(agents_[a].queues, static_cast<std::uint32_t>(i));
    std::vector<std::uint32_t> groups = std::move(q.groups);  // group membership is by id
    q = detail::queue_rec{};
    q.id = id;
    for (std::uint32_t g : groups) {
      const auto& qs = groups_[g].queues;
      if (std::find(qs.begin(), qs.end(), id) != qs.end()) q.groups.push_back(g);
    }
  }
  return &q;
}

OMNIROUTE_INLINE const detail::queue_rec* statistics::queue_rec_of(queue_id id) const {
  if (id.is_null() || id.index() >= queues_.size()) return nullptr;
  const detail::queue_rec& q = queues_[id.index()];
  return q.id == id ? &q : nullptr;
}

OMNIROUTE_INLINE detail::agent_rec* statistics::agent_rec_of(agent_id id, bool create) {
  if (id.is_null()) return nullptr;
  const std::size_t i = id.index();
  if (i >= agents_.size()) {
    if (!create) return nullptr;
    agents_.resize(i + 1);
  }
  detail::agent_rec& a = agents_[i];
  if (a.id != id) {
    if (!create) return nullptr;
    for (std::uint32_t q : a.queues) detail::erase_value(queues_[q].members, static_cast<std::uint32_t>(i));
    a = detail::agent_rec{};
    a.id = id;
    a.since = now_;
    a.state_since = now_;
  }
  return &a;
}

OMNIROUTE_INLINE const detail::agent_rec* statistics::agent_rec_of(agent_id id) const {
  if (id.is_null() || id.index() >= agents_.size()) return nullptr;
  const detail::agent_rec& a = agents_[id.index()];
  return a.id == id ? &a : nullptr;
}

OMNIROUTE_INLINE detail::contact_rec* statistics::contact_rec_of(contact_id id) {
  if (id.is_null() || id.index() >= contacts_.size()) return nullptr;
  detail::contact_rec& c = contacts_[id.index()];
  return c.id == id ? &c : nullptr;
}

OMNIROUTE_INLINE const detail::group_rec* statistics::group_of(const std::string& name) const {
  for (const auto& g : groups_) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

OMNIROUTE_INLINE duration statistics::threshold_of(const detail::queue_rec& q, channel_id channel) const noexcept {
  if (const service_level_target* t = find_target(q.settings.service_levels, channel)) return t->threshold;
  return q.settings.service_level_threshold ? *q.settings.service_level_threshold
                                            : options_.service_level_threshold;
}

OMNIROUTE_INLINE duration statistics::threshold(queue_id queue, channel_id channel) const noexcept {
  const detail::queue_rec* q = queue_rec_of(queue);
  return q ? threshold_of(*q, channel) : options_.service_level_threshold;
}

template <class F>
void statistics::for_contact_rows(std::uint32_t queue, channel_id channel, time_point at, F&& f) {
  const std::int64_t k = interval_index(at);
  if (queue != detail::no_index) {
    if (interval_stats* s = slot(queues_[queue].row, k)) f(*s);
    for (std::uint32_t g : queues_[queue].groups) {
      if (interval_stats* s = slot(groups_[g].row, k)) f(*s);
    }
  }
  if (channel.is_valid()) {
    if (interval_stats* s = slot(channels_[channel.value()], k)) f(*s);
  }
}

// ---- Agent time ---------------------------------------------------------------------------------

OMNIROUTE_INLINE void statistics::credit_time(detail::agent_rec& a, agent_state s, time_point from,
                                              time_point to) {
  if (s == agent_state::logged_out || to <= from) return;
  // The groups this agent counts in, each once.
  scratch_.clear();
  for (std::uint32_t q : a.queues) {
    scratch_.insert(scratch_.end(), queues_[q].groups.begin(), queues_[q].groups.end());
  }
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  for (time_point t = from; t < to;) {
    const std::int64_t k = interval_index(t);
    const time_point end = std::min(to, interval_begin(k + 1));
    const duration d = end - t;
    if (interval_stats* x = slot(a.row, k)) detail::add_state_time(x->time, s, d);
    for (std::uint32_t q : a.queues) {
      if (interval_stats* x = slot(queues_[q].row, k)) detail::add_state_time(x->time, s, d);
    }
    for (std::uint32_t g : scratch_) {
      if (interval_stats* x = slot(groups_[g].row, k)) detail::add_state_time(x->time, s, d);
    }
    t = end;
  }
}

OMNIROUTE_INLINE void statistics::close_segment(detail::agent_rec& a, time_point to) {
  if (to <= a.since) return;
  credit_time(a, a.state, a.since, to);
  a.since = to;
}

OMNIROUTE_INLINE void statistics::advance(time_point now) {
  if (now > now_) now_ = now;
  for (auto& a : agents_) {
    if (!a.id.is_null()) close_segment(a, now_);
  }
}

OMNIROUTE_INLINE void statistics::add_member(std::uint32_t queue, std::uint32_t agent) {
  auto& m = queues_[queue].members;
  if (std::find(m.begin(), m.end(), agent) != m.end()) return;
  m.push_back(agent);
  agents_[agent].queues.push_back(queue);
}

OMNIROUTE_INLINE void statistics::remove_member(std::uint32_t queue, std::uint32_t agent) {
  detail::erase_value(queues_[queue].members, agent);
  detail::erase_value(agents_[agent].queues, queue);
}

// ---- Contacts -----------------------------------------------------------------------------------

OMNIROUTE_INLINE void statistics::link(detail::contact_rec& c, std::uint32_t queue) {
  detail::queue_rec& q = queues_[queue];
  const std::uint32_t self = c.id.index();
  c.queue = queue;
  c.prev = q.tail;
  c.next = detail::no_index;
  if (q.tail != detail::no_index) {
    contacts_[q.tail].next = self;
  } else {
    q.head = self;
  }
  q.tail = self;
  ++q.waiting;
  c.linked = true;
}

OMNIROUTE_INLINE void statistics::unlink(detail::contact_rec& c) {
  if (!c.linked) return;
  detail::queue_rec& q = queues_[c.queue];
  if (c.prev != detail::no_index) {
    contacts_[c.prev].next = c.next;
  } else {
    q.head = c.next;
  }
  if (c.next != detail::no_index) {
    contacts_[c.next].prev = c.prev;
  } else {
    q.tail = c.prev;
  }
  c.prev = c.next = detail::no_index;
  --q.waiting;
  c.linked = false;
}

OMNIROUTE_INLINE void statistics::release_contact(detail::contact_rec& c) {
  unlink(c);
  c = detail::contact_rec{};
}

OMNIROUTE_INLINE void statistics::end_talk(detail::contact_rec& c, time_point at, bool transferred) {
  const duration talk = at - c.connected_at;
  auto count = [&](interval_stats& s) {
    ++s.handled;
    s.talk += talk;
    if (transferred) ++s.transferred_out;
  };
  if (c.agent != detail::no_index) {
    if (interval_stats* s = slot(agents_[c.agent].row, interval_index(at))) count(*s);
  }
  for_contact_rows(c.queue, c.channel, at, count);
  c.connected = false;
  c.agent = detail::no_index;
}

OMNIROUTE_INLINE void statistics::leave_queue(detail::contact_rec& c, time_point at, const event& e) {
  const duration wait = at - c.entered;
  const duration threshold = threshold_of(queues_[c.queue], c.channel);
  const bool is_short = wait < options_.short_abandon;
  const event_kind kind = e.kind;
  const exit_reason exit = e.exit;
  const bool exclude = options_.exclude_short_abandons;
  for_contact_rows(c.queue, c.channel, at, [&](interval_stats& s) {
    switch (kind) {
      case event_kind::contact_abandoned:
        if (is_short) ++s.short_abandoned;
        if (is_short && exclude) return;
        ++s.offered;
        ++s.abandoned;
        s.abandon_wait += wait;
        s.longest_abandon_wait = std::max(s.longest_abandon_wait, wait);
        if (wait <= threshold) ++s.abandoned_within_threshold;
        return;
      case event_kind::contact_expired:
        ++s.offered;
        ++s.expired;
        return;
      case event_kind::contact_routed_out:
        ++s.offered;
        ++s.routed_out;
        return;
      case event_kind::contact_transferred:
        ++s.offered;
        ++s.flowed_out;
        if (detail::is_overflow(exit)) {
          ++s.overflowed_out;
        } else {
          ++s.transferred_out;
        }
        return;
      default: return;
    }
  });
  unlink(c);
}

// ---- Feeding ------------------------------------------------------------------------------------

OMNIROUTE_INLINE void statistics::feed(const event& e) {
  if (e.at > now_) now_ = e.at;
  const time_point at = now_;
  switch (e.kind) {
    case event_kind::queue_added:
    case event_kind::queue_updated: {
      if (detail::queue_rec* q = queue_rec_of(e.queue, true)) q->live = true;
      break;
    }
    case event_kind::queue_removed: {
      detail::queue_rec* q = queue_rec_of(e.queue, false);
      if (!q) break;
      q->live = false;
      const std::uint32_t qi = e.queue.index();
      const std::vector<std::uint32_t> members = q->members;
      for (std::uint32_t a : members) {
        close_segment(agents_[a], at);
        remove_member(qi, a);
      }
      break;
    }
    case event_kind::agent_added: {
      detail::agent_rec* a = agent_rec_of(e.agent, true);
      a->live = true;
      break;
    }
    case event_kind::agent_removed: {
      detail::agent_rec* a = agent_rec_of(e.agent, false);
      if (!a) break;
      close_segment(*a, at);
      a->live = false;
      a->state = agent_state::logged_out;
      const std::vector<std::uint32_t> qs = a->queues;
      for (std::uint32_t q : qs) remove_member(q, e.agent.index());
      break;
    }
    case event_kind::escalation_step:
      break;
    case event_kind::callback_offered:
      record_callback_offered(e.at, e.queue, e.channel);
      break;
    case event_kind::callback_accepted:
      record_callback_accepted(e.at, e.queue, e.channel);
      break;
    case event_kind::member_added:
    case event_kind::member_removed: {
      if (!queue_rec_of(e.queue, true)) break;
      detail::agent_rec* a = agent_rec_of(e.agent, true);
      if (!a) break;
      close_segment(*a, at);
      if (e.kind == event_kind::member_added) {
        add_member(e.queue.index(), e.agent.index());
      } else {
        remove_member(e.queue.index(), e.agent.index());
      }
      break;
    }
    case event_kind::agent_state_changed: {
      detail::agent_rec* a = agent_rec_of(e.agent, true);
      if (!a) break;
      close_segment(*a, at);
      a->live = true;
      a->state = e.state;
      a->since = at;
      a->state_since = at;
      break;
    }
    case event_kind::contact_refused: {
      const detail::queue_rec* q = queue_rec_of(e.queue);
      for_contact_rows(q ? e.queue.index() : detail::no_index, e.channel, at,
                       [](interval_stats& s) { ++s.refused; });
      break;
    }
    case event_kind::contact_queued: {
      if (e.contact.is_null() || !queue_rec_of(e.queue, true)) break;
      const std::uint32_t qi = e.queue.index();
      if (e.contact.index() >= contacts_.size()) contacts_.resize(e.contact.index() + 1);
      detail::contact_rec& c = contacts_[e.contact.index()];
      if (c.id != e.contact) release_contact(c);
      unlink(c);
      c.id = e.contact;
      c.connected = false;
      c.agent = detail::no_index;
      c.channel = e.channel;
      c.entered = at;
      link(c, qi);
      for_contact_rows(qi, c.channel, at, [](interval_stats& s) { ++s.entered; });
      break;
    }
    case event_kind::contact_offered:
    case event_kind::offer_ended: {
      const bool missed = e.kind == event_kind::offer_ended &&
                          e.outcome != offer_outcome::accepted &&
                          e.outcome != offer_outcome::cancelled && e.outcome != offer_outcome::none;
      if (e.kind == event_kind::offer_ended && !missed) break;
      auto count = [&](interval_stats& s) {
        if (missed) {
          ++s.offers_missed;
        } else {
          ++s.offers;
        }
      };
      if (detail::agent_rec* a = agent_rec_of(e.agent, true)) {
        if (interval_stats* s = slot(a->row, interval_index(at))) count(*s);
      }
      const detail::queue_rec* q = queue_rec_of(e.queue);
      for_contact_rows(q ? e.queue.index() : detail::no_index, e.channel, at, count);
      break;
    }
    case event_kind::contact_connected: {
      detail::agent_rec* a = agent_rec_of(e.agent, true);
      const std::uint32_t ai = a ? e.agent.index() : detail::no_index;
      if (a) {
        if (interval_stats* s = slot(a->row, interval_index(at))) ++s->answered;
      }
      detail::contact_rec* c = contact_rec_of(e.contact);
      if (!c) {
        // Fed from the middle: the contact's queue entry was not seen. Track its talk only.
        if (e.contact.is_null()) break;
        if (e.contact.index() >= contacts_.size()) contacts_.resize(e.contact.index() + 1);
        c = &contacts_[e.contact.index()];
        *c = detail::contact_rec{};
        c->id = e.contact;
        c->channel = e.channel;
        c->queue = queue_rec_of(e.queue, true) ? e.queue.index() : detail::no_index;
      } else if (c->linked) {
        const duration wait = at - c->entered;
        detail::queue_rec& q = queues_[c->queue];
        const duration threshold = threshold_of(q, c->channel);
        q.last_answer_wait = wait;
        for_contact_rows(c->queue, c->channel, at, [&](interval_stats& s) {
          ++s.offered;
          ++s.answered;
          s.answer_wait += wait;
          s.longest_answer_wait = std::max(s.longest_answer_wait, wait);
          if (wait <= threshold) ++s.answered_within_threshold;
        });
        unlink(*c);
      }
      c->connected = true;
      c->connected_at = at;
      c->agent = ai;
      break;
    }
    case event_kind::contact_completed: {
      detail::contact_rec* c = contact_rec_of(e.contact);
      if (!c) break;
      if (c->connected) end_talk(*c, at, false);
      release_contact(*c);
      break;
    }
    case event_kind::contact_abandoned:
    case event_kind::contact_expired:
    case event_kind::contact_routed_out: {
      detail::contact_rec* c = contact_rec_of(e.contact);
      if (!c) break;
      if (c->linked) leave_queue(*c, at, e);
      release_contact(*c);
      break;
    }
    case event_kind::contact_transferred: {
      const std::uint32_t to = queue_rec_of(e.queue, true) ? e.queue.index() : detail::no_index;
      detail::contact_rec* c = contact_rec_of(e.contact);
      if (c) {
        if (c->connected) {
          end_talk(*c, at, true);
        } else if (c->linked) {
          leave_queue(*c, at, e);
        }
      }
      const channel_id channel = c ? c->channel : e.channel;
      const bool overflow = detail::is_overflow(e.exit);
      for_contact_rows(to, channel, at, [&](interval_stats& s) {
        if (overflow) {
          ++s.overflowed_in;
        } else {
          ++s.transferred_in;
        }
      });
      break;
    }
    case event_kind::wrap_up_started: {
      if (e.offer.is_null()) break;
      if (e.offer.index() >= works_.size()) works_.resize(e.offer.index() + 1);
      works_[e.offer.index()] = detail::work_rec{e.offer, at};
      break;
    }
    case event_kind::wrap_up_ended: {
      if (e.offer.is_null() || e.offer.index() >= works_.size()) break;
      detail::work_rec& w = works_[e.offer.index()];
      if (w.id != e.offer) break;
      const duration wrap = at - w.wrap_start;
      w = detail::work_rec{};
      auto count = [&](interval_stats& s) { s.wrap_up += wrap; };
      if (detail::agent_rec* a = agent_rec_of(e.agent, true)) {
        if (interval_stats* s = slot(a->row, interval_index(at))) count(*s);
      }
      const detail::queue_rec* q = queue_rec_of(e.queue);
      for_contact_rows(q ? e.queue.index() : detail::no_index, e.channel, at, count);
      break;
    }
    default:
      // Kinds without a statistic (agent_added is handled above; configuration and
      // explanation-only kinds), and kinds added to the router later.
      break;
  }
}

// ---- Configuration ------------------------------------------------------------------------------

OMNIROUTE_INLINE status statistics::configure_queue(queue_id queue, const queue_settings& settings) {
  if (queue.is_null()) return errc::invalid_argument;
  if (settings.service_level_threshold && *settings.service_level_threshold <= duration::zero()) {
    return errc::invalid_threshold;
  }
  if (auto e = validate(settings.service_levels); e) return e;
  if (detail::queue_rec* q = queue_rec_of(queue, true)) q->settings = settings;
  return {};
}

OMNIROUTE_INLINE void statistics::rebuild_group_index() {
  for (auto& q : queues_) q.groups.clear();
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    for (queue_id id : groups_[g].queues) {
      if (detail::queue_rec* q = queue_rec_of(id, true)) {
        if (std::find(q->groups.begin(), q->groups.end(), g) == q->groups.end()) q->groups.push_back(g);
      }
    }
  }
}

OMNIROUTE_INLINE void statistics::set_group(const std::string& name,
                                            const std::vector<queue_id>& queues) {
  advance(now_);  // agent time before the change counts under the old definition
  auto it = std::find_if(groups_.begin(), groups_.end(),
                         [&](const detail::group_rec& g) { return g.name == name; });
  if (it == groups_.end()) {
    groups_.emplace_back();
    it = std::prev(groups_.end());
    it->name = name;
  }
  it->queues = queues;
  std::sort(groups_.begin(), groups_.end(),
            [](const detail::group_rec& a, const detail::group_rec& b) { return a.name < b.name; });
  rebuild_group_index();
}

OMNIROUTE_INLINE bool statistics::remove_group(const std::string& name) {
  auto it = std::find_if(groups_.begin(), groups_.end(),
                         [&](const detail::group_rec& g) { return g.name == name; });
  if (it == groups_.end()) return false;
  advance(now_);
  groups_.erase(it);
  rebuild_group_index();
  return true;
}

OMNIROUTE_INLINE void statistics::record_callback_offered(time_point at, queue_id queue,
                                                          channel_id channel) {
  if (at > now_) now_ = at;
  const std::uint32_t qi = queue_rec_of(queue, true) ? queue.index() : detail::no_index;
  for_contact_rows(qi, channel, at, [](interval_stats& s) { ++s.callbacks_offered; });
}

OMNIROUTE_INLINE void statistics::record_callback_accepted(time_point at, queue_id queue,
                                                           channel_id channel) {
  if (at > now_) now_ = at;
  const std::uint32_t qi = queue_rec_of(queue, true) ? queue.index() : detail::no_index;
  for_contact_rows(qi, channel, at, [](interval_stats& s) { ++s.callbacks_accepted; });
}

// ---- Reading ------------------------------------------------------------------------------------

OMNIROUTE_INLINE std::optional<interval_stats> statistics::queue_interval(queue_id queue,
                                                                          std::int64_t k) const {
  const detail::queue_rec* q = queue_rec_of(queue);
  if (!q) return std::nullopt;
  return read(q->row, k);
}

OMNIROUTE_INLINE std::optional<interval_stats> statistics::agent_interval(agent_id agent,
                                                                          std::int64_t k) const {
  const detail::agent_rec* a = agent_rec_of(agent);
  if (!a) return std::nullopt;
  return read(a->row, k);
}

OMNIROUTE_INLINE std::optional<interval_stats> statistics::channel_interval(channel_id channel,
                                                                            std::int64_t k) const {
  if (!channel.is_valid()) return std::nullopt;
  return read(channels_[channel.value()], k);
}

OMNIROUTE_INLINE std::optional<interval_stats> statistics::group_interval(const std::string& name,
                                                                          std::int64_t k) const {
  const detail::group_rec* g = group_of(name);
  if (!g) return std::nullopt;
  return read(g->row, k);
}

OMNIROUTE_INLINE realtime_stats
statistics::realtime_over(const std::vector<std::uint32_t>& queues) const {
  realtime_stats r;
  std::vector<std::uint32_t> members;
  for (std::uint32_t qi : queues) {
    const detail::queue_rec& q = queues_[qi];
    r.waiting += q.waiting;
    if (q.head != detail::no_index) {
      r.longest_wait = std::max(r.longest_wait, now_ - contacts_[q.head].entered);
    }
    members.insert(members.end(), q.members.begin(), q.members.end());
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  for (std::uint32_t a : members) ++r.agents[static_cast<std::size_t>(agents_[a].state)];
  const std::uint32_t staffed = r.staffed();
  if (staffed > 0) {
    const std::uint32_t working = r.agents_in(agent_state::reserved) +
                                  r.agents_in(agent_state::busy) +
                                  r.agents_in(agent_state::wrap_up);
    r.occupancy = static_cast<double>(working) / static_cast<double>(staffed);
  }
  return r;
}

OMNIROUTE_INLINE std::optional<realtime_stats> statistics::queue_realtime(queue_id queue) const {
  if (!queue_rec_of(queue)) return std::nullopt;
  return realtime_over({queue.index()});
}

OMNIROUTE_INLINE std::optional<realtime_stats> statistics::group_realtime(
    const std::string& name) const {
  const detail::group_rec* g = group_of(name);
  if (!g) return std::nullopt;
  std::vector<std::uint32_t> qs;
  for (queue_id id : g->queues) {
    if (queue_rec_of(id)) qs.push_back(id.index());
  }
  return realtime_over(qs);
}

OMNIROUTE_INLINE std::optional<agent_state> statistics::agent_state_of(agent_id agent) const {
  const detail::agent_rec* a = agent_rec_of(agent);
  if (!a) return std::nullopt;
  return a->state;
}

OMNIROUTE_INLINE snapshot statistics::take_snapshot(std::optional<std::int64_t> k) const {
  snapshot s;
  s.at = now_;
  s.interval_index = k ? *k : current_interval();
  s.interval_begin = interval_begin(s.interval_index);
  s.interval_end = interval_begin(s.interval_index + 1);
  auto or_empty = [&](std::optional<interval_stats> x) {
    if (x) return *x;
    interval_stats e;
    e.begin = s.interval_begin;
    e.end = s.interval_end;
    return e;
  };
  for (const auto& q : queues_) {
    if (q.id.is_null() || !q.live) continue;
    queue_snapshot qs;
    qs.id = q.id;
    qs.now = *queue_realtime(q.id);
    qs.interval = or_empty(read(q.row, s.interval_index));
    qs.expected_wait = expected_wait(q.id, q.waiting);
    s.queues.push_back(std::move(qs));
  }
  for (const auto& a : agents_) {
    if (a.id.is_null() || !a.live) continue;
    agent_snapshot as;
    as.id = a.id;
    as.state = a.state;
    as.state_since = a.state_since;
    as.interval = or_empty(read(a.row, s.interval_index));
    s.agents.push_back(std::move(as));
  }
  for (std::size_t c = 0; c < channels_.size(); ++c) {
    if (channels_[c].slots.empty()) continue;
    channel_snapshot cs;
    cs.id = channel_id(static_cast<std::uint8_t>(c));
    cs.interval = or_empty(read(channels_[c], s.interval_index));
    s.channels.push_back(std::move(cs));
  }
  for (const auto& g : groups_) {
    group_snapshot gs;
    gs.name = g.name;
    gs.queues = g.queues;
    gs.now = *group_realtime(g.name);
    gs.interval = or_empty(read(g.row, s.interval_index));
    s.groups.push_back(std::move(gs));
  }
  return s;
}

// ---- Expected wait ------------------------------------------------------------------------------

OMNIROUTE_INLINE std::optional<wait_inputs> statistics::wait_inputs_for(queue_id queue,
                                                                        std::uint32_t ahead) const {
  const detail::queue_rec* q = queue_rec_of(queue);
  if (!q) return std::nullopt;
  wait_inputs in;
  in.ahead = ahead;
  const realtime_stats rt = realtime_over({queue.index()});
  in.agents = rt.staffed();
  if (q->waiting > 0) in.head_wait = rt.longest_wait;
  in.last_answer_wait = q->last_answer_wait;
  std::uint64_t handled = 0;
  std::uint64_t abandoned = 0;
  duration work = duration::zero();
  duration exposure = duration::zero();
  const std::int64_t current = current_interval();
  const std::int64_t window = static_cast<std::int64_t>(std::max<std::size_t>(1, options_.estimation_intervals));
  for (std::int64_t k = current - window + 1; k <= current; ++k) {
    if (k < q->row.base || k >= q->row.base + static_cast<std::int64_t>(q->row.slots.size())) continue;
    const interval_stats& s = q->row.slots[static_cast<std::size_t>(k - q->row.base)];
    handled += s.handled;
    work += s.talk + s.wrap_up;
    abandoned += s.abandoned;
    exposure += s.answer_wait + s.abandon_wait;
  }
  const double aht = handled > 0 && work > duration::zero()
                         ? to_seconds(work) / static_cast<double>(handled)
                         : to_seconds(options_.default_handle_time);
  in.service_rate = aht > 0 ? 1.0 / aht : 0.0;
  in.abandon_rate = exposure > duration::zero()
                        ? static_cast<double>(abandoned) / to_seconds(exposure)
                        : 0.0;
  return in;
}

OMNIROUTE_INLINE std::optional<duration> statistics::expected_wait(queue_id queue,
                                                                   std::uint32_t ahead) const {
  const detail::queue_rec* q = queue_rec_of(queue);
  if (!q) return std::nullopt;
  return expected_wait(queue, ahead, q->settings.predictor ? *q->settings.predictor : options_.predictor);
}

OMNIROUTE_INLINE std::optional<duration> statistics::expected_wait(queue_id queue, std::uint32_t ahead,
                                                                   wait_predictor predictor) const {
  const auto in = wait_inputs_for(queue, ahead);
  if (!in) return std::nullopt;
  return predict_wait(predictor, *in);
}

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_STATS_STATISTICS_INL_HPP

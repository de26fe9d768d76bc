// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_ROUTER_CONCURRENT_ROUTER_INL_HPP
#define OMNIROUTE_ROUTER_CONCURRENT_ROUTER_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/router/concurrent_router.hpp>
#endif

#include <exception>

OMNIROUTE_BEGIN_NAMESPACE

// ---- Construction and ports -----------------------------------------------------------------

OMNIROUTE_INLINE concurrent_router::concurrent_router(router_options options, clock_function clock)
    : inner_(options), clock_(std::move(clock)) {
  queue_.reserve(256);
  // Only our forwarder can throw into the router (std::bad_alloc while queueing); pass that on
  // to the host's handler in order, outside the lock, like any other effect.
  inner_.set_error_handler([this](std::string_view where, std::string_view what) {
    detail::delivery d;
    d.what = detail::delivery::kind::host_error;
    d.text.assign(where.data(), where.size());
    d.what_text.assign(what.data(), what.size());
    enqueue(std::move(d));
  });
}

OMNIROUTE_INLINE concurrent_router::~concurrent_router() = default;

OMNIROUTE_INLINE void concurrent_router::set_observer(event_observer* observer) {
  {
    std::lock_guard<std::mutex> command_lock(command_mutex_);
    {
      std::lock_guard<std::mutex> lock(delivery_mutex_);
      observer_ = observer;
    }
    inner_.set_observer(observer ? &forwarder_ : nullptr);
  }
  std::unique_lock<std::mutex> lock(delivery_mutex_);
  wait_for_callbacks(lock);
}

OMNIROUTE_INLINE status concurrent_router::set_transport(channel_id channel, offer_transport* transport) {
  {
    std::lock_guard<std::mutex> command_lock(command_mutex_);
    if (!channel.is_valid()) return inner_.set_transport(channel, nullptr);
    offer_transport* previous = nullptr;
    {
      // The host's pointer first: an item queued for the channel finds it set (attach), or
      // finds it null and is skipped (detach).
      std::lock_guard<std::mutex> lock(delivery_mutex_);
      previous = transports_[channel.value()];
      transports_[channel.value()] = transport;
    }
    const status s = inner_.set_transport(channel, transport ? &forwarder_ : nullptr);
    if (!s) {
      std::lock_guard<std::mutex> lock(delivery_mutex_);
      transports_[channel.value()] = previous;
      return s;
    }
  }
  std::unique_lock<std::mutex> lock(delivery_mutex_);
  wait_for_callbacks(lock);
  return {};
}

OMNIROUTE_INLINE void concurrent_router::set_error_handler(host_error_handler handler) {
  std::unique_lock<std::mutex> lock(delivery_mutex_);
  error_handler_ = std::move(handler);
  wait_for_callbacks(lock);
}

OMNIROUTE_INLINE void concurrent_router::set_explanations(bool on) {
  std::lock_guard<std::mutex> lock(command_mutex_);
  inner_.set_explanations(on);
}

// ---- Configuration --------------------------------------------------------------------------

OMNIROUTE_INLINE result<channel_id> concurrent_router::register_channel(std::string_view name,
                                                                        channel_kind kind,
                                                                        std::uint16_t default_cost,
                                                                        channel_set default_blocks) {
  delivering_scope scope(*this);
  return inner_.register_channel(name, kind, default_cost, default_blocks);
}
OMNIROUTE_INLINE channel_registry concurrent_router::channels() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.channels();
}
OMNIROUTE_INLINE result<skill_id> concurrent_router::add_skill(std::string_view name) {
  delivering_scope scope(*this);
  return inner_.add_skill(name);
}
OMNIROUTE_INLINE result<attribute_id> concurrent_router::add_attribute(std::string_view name,
                                                                       attribute_kind kind) {
  delivering_scope scope(*this);
  return inner_.add_attribute(name, kind);
}
OMNIROUTE_INLINE skill_registry concurrent_router::skills() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.skills();
}
OMNIROUTE_INLINE result<requirement_id> concurrent_router::add_requirement(const requirement& r) {
  delivering_scope scope(*this);
  return inner_.add_requirement(r);
}
OMNIROUTE_INLINE result<requirement_id> concurrent_router::add_requirement(std::string_view text,
                                                                           parse_diagnostic* diagnostic) {
  delivering_scope scope(*this);
  return inner_.add_requirement(text, diagnostic);
}
OMNIROUTE_INLINE std::optional<requirement> concurrent_router::find_requirement(requirement_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  const requirement* r = inner_.find_requirement(id);
  if (!r) return std::nullopt;
  return *r;
}
OMNIROUTE_INLINE result<plan_id> concurrent_router::add_escalation_plan(const escalation_plan& plan) {
  delivering_scope scope(*this);
  return inner_.add_escalation_plan(plan);
}

// ---- Commands -------------------------------------------------------------------------------
// Each pair forwards to the router at `now`, or at the clock's time read under the lock.
#define OMNIROUTE_CONCURRENT_COMMAND(ret, name, params, args)                                   \
  OMNIROUTE_INLINE ret concurrent_router::name(time_point now, OMNIROUTE_DETAIL_UNPAREN params) { \
    return command(&now, [&](router& r, time_point t) { return r.name(t, OMNIROUTE_DETAIL_UNPAREN args); }); \
  }                                                                                             \
  OMNIROUTE_INLINE ret concurrent_router::name(OMNIROUTE_DETAIL_UNPAREN params) {                 \
    return command(nullptr, [&](router& r, time_point t) { return r.name(t, OMNIROUTE_DETAIL_UNPAREN args); }); \
  }
#define OMNIROUTE_DETAIL_UNPAREN(...) __VA_ARGS__

OMNIROUTE_CONCURRENT_COMMAND(result<agent_id>, add_agent, (const agent_config& config), (config))
OMNIROUTE_CONCURRENT_COMMAND(status, update_agent, (agent_id agent, const agent_config& config),
                             (agent, config))
OMNIROUTE_CONCURRENT_COMMAND(status, remove_agent, (agent_id agent), (agent))
OMNIROUTE_CONCURRENT_COMMAND(status, login, (agent_id agent, bool is_ready, reason_code reason),
                             (agent, is_ready, reason))
OMNIROUTE_CONCURRENT_COMMAND(status, logout, (agent_id agent), (agent))
OMNIROUTE_CONCURRENT_COMMAND(status, ready, (agent_id agent), (agent))
OMNIROUTE_CONCURRENT_COMMAND(status, not_ready, (agent_id agent, reason_code reason), (agent, reason))
OMNIROUTE_CONCURRENT_COMMAND(result<queue_id>, add_queue, (const queue_config& config), (config))
OMNIROUTE_CONCURRENT_COMMAND(status, update_queue, (queue_id queue, const queue_config& config),
                             (queue, config))
OMNIROUTE_CONCURRENT_COMMAND(status, remove_queue, (queue_id queue, queue_id move_to), (queue, move_to))
OMNIROUTE_CONCURRENT_COMMAND(status, add_member, (queue_id queue, agent_id agent, member_options options),
                             (queue, agent, options))
OMNIROUTE_CONCURRENT_COMMAND(status, update_member,
                             (queue_id queue, agent_id agent, member_options options),
                             (queue, agent, options))
OMNIROUTE_CONCURRENT_COMMAND(status, remove_member, (queue_id queue, agent_id agent), (queue, agent))
OMNIROUTE_CONCURRENT_COMMAND(result<contact_id>, arrive, (const contact_spec& spec), (spec))
OMNIROUTE_CONCURRENT_COMMAND(status, abandon, (contact_id contact), (contact))
OMNIROUTE_CONCURRENT_COMMAND(status, transfer, (contact_id contact, queue_id to, transfer_options options),
                             (contact, to, options))
OMNIROUTE_CONCURRENT_COMMAND(status, route_out, (contact_id contact), (contact))
OMNIROUTE_CONCURRENT_COMMAND(status, accept_callback, (contact_id contact), (contact))
OMNIROUTE_CONCURRENT_COMMAND(status, accept, (offer_id offer), (offer))
OMNIROUTE_CONCURRENT_COMMAND(status, reject, (offer_id offer, failure_kind kind), (offer, kind))
OMNIROUTE_CONCURRENT_COMMAND(status, complete, (contact_id contact), (contact))
OMNIROUTE_CONCURRENT_COMMAND(status, end_wrap_up, (offer_id offer), (offer))
OMNIROUTE_INLINE status concurrent_router::advance(time_point now) {
  return command(&now, [](router& r, time_point t) { return r.advance(t); });
}
OMNIROUTE_INLINE status concurrent_router::advance() {
  return command(nullptr, [](router& r, time_point t) { return r.advance(t); });
}

#undef OMNIROUTE_CONCURRENT_COMMAND
#undef OMNIROUTE_DETAIL_UNPAREN

OMNIROUTE_INLINE time_point concurrent_router::clock_now() const {
  OMNIROUTE_ASSERT(clock_, "concurrent_router: a command without `now` needs a clock");
  return clock_();
}

// ---- Queries --------------------------------------------------------------------------------

OMNIROUTE_INLINE time_point concurrent_router::next_deadline() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.next_deadline();
}
OMNIROUTE_INLINE time_point concurrent_router::now() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.now();
}
OMNIROUTE_INLINE result<agent_snapshot> concurrent_router::agent(agent_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  result<agent_info> r = inner_.agent(id);
  if (!r) return r.error();
  agent_snapshot s{*r, std::string(r->name)};
  s.info.name = {};
  return s;
}
OMNIROUTE_INLINE result<queue_snapshot> concurrent_router::queue(queue_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  result<queue_info> r = inner_.queue(id);
  if (!r) return r.error();
  queue_snapshot s{*r, std::string(r->name)};
  s.info.name = {};
  return s;
}
OMNIROUTE_INLINE result<contact_snapshot> concurrent_router::contact(contact_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  result<contact_info> r = inner_.contact(id);
  if (!r) return r.error();
  contact_snapshot s{*r, r->attributes ? *r->attributes : attribute_map{}};
  s.info.attributes = nullptr;
  return s;
}
OMNIROUTE_INLINE result<offer_info> concurrent_router::offer(offer_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.offer(id);
}
OMNIROUTE_INLINE result<agent_id> concurrent_router::find_agent(std::string_view name) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.find_agent(name);
}
OMNIROUTE_INLINE result<queue_id> concurrent_router::find_queue(std::string_view name) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.find_queue(name);
}
OMNIROUTE_INLINE result<std::uint32_t> concurrent_router::position(contact_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.position(id);
}
OMNIROUTE_INLINE std::vector<contact_id> concurrent_router::waiting_contacts(queue_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.waiting_contacts(id);
}
OMNIROUTE_INLINE std::vector<offer_id> concurrent_router::agent_work(agent_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.agent_work(id);
}
OMNIROUTE_INLINE std::vector<agent_id> concurrent_router::agents() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.agents();
}
OMNIROUTE_INLINE std::vector<queue_id> concurrent_router::queues() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.queues();
}
OMNIROUTE_INLINE std::vector<std::pair<agent_id, member_options>> concurrent_router::members(
    queue_id id) const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.members(id);
}
OMNIROUTE_INLINE std::size_t concurrent_router::agent_count() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.agent_count();
}
OMNIROUTE_INLINE std::size_t concurrent_router::queue_count() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.queue_count();
}
OMNIROUTE_INLINE std::size_t concurrent_router::live_contact_count() const {
  std::lock_guard<std::mutex> lock(command_mutex_);
  return inner_.live_contact_count();
}

// ---- Queueing (command lock held) -----------------------------------------------------------

OMNIROUTE_INLINE void concurrent_router::enqueue(detail::delivery&& d) {
  std::lock_guard<std::mutex> lock(delivery_mutex_);
  queue_.push_back(std::move(d));
}

OMNIROUTE_INLINE void concurrent_router::forwarder::on_event(const event& e) {
  detail::delivery d;
  d.what = detail::delivery::kind::event;
  d.ev = e;
  if (e.attributes) {
    d.has_attributes = true;
    d.attributes = *e.attributes;
  }
  if (e.why) {
    d.has_why = true;
    d.why = *e.why;
  }
  if (e.destination) {
    d.has_destination = true;
    d.text = e.destination;
  }
  self_.enqueue(std::move(d));
}

OMNIROUTE_INLINE void concurrent_router::forwarder::on_offer(const offer_request& r) {
  detail::delivery d;
  d.what = detail::delivery::kind::offer;
  d.offer = r;
  if (r.attributes) {
    d.has_attributes = true;
    d.attributes = *r.attributes;
  }
  self_.enqueue(std::move(d));
}

OMNIROUTE_INLINE void concurrent_router::forwarder::on_cancel(const offer_cancellation& c) {
  detail::delivery d;
  d.what = detail::delivery::kind::cancel;
  d.cancel = c;
  self_.enqueue(std::move(d));
}

OMNIROUTE_INLINE void concurrent_router::forwarder::on_route_out(const escalation_request& r) {
  escalation(detail::delivery::kind::route_out, r);
}
OMNIROUTE_INLINE void concurrent_router::forwarder::on_callback_offer(const escalation_request& r) {
  escalation(detail::delivery::kind::callback_offer, r);
}
OMNIROUTE_INLINE void concurrent_router::forwarder::escalation(detail::delivery::kind k,
                                                               const escalation_request& r) {
  detail::delivery d;
  d.what = k;
  d.escalation = r;
  if (r.attributes) {
    d.has_attributes = true;
    d.attributes = *r.attributes;
  }
  if (r.destination) {
    d.has_destination = true;
    d.text = r.destination;
  }
  self_.enqueue(std::move(d));
}

// ---- Delivery (no command lock) -------------------------------------------------------------

OMNIROUTE_INLINE void concurrent_router::deliver() {
  std::unique_lock<std::mutex> lock(delivery_mutex_);
  // Another thread, or an enclosing delivery on this one, is draining: it will deliver what we
  // queued, after what it is delivering now, because it loops until the queue is empty and
  // checks emptiness under the same lock we queued under.
  if (draining_) return;
  draining_ = true;
  drainer_ = std::this_thread::get_id();
  detail::delivery d;
  while (head_ < queue_.size()) {
    d = std::move(queue_[head_++]);
    if (head_ == queue_.size()) {
      queue_.clear();  // keeps the capacity: steady state reuses the buffer
      head_ = 0;
    }
    event_observer* observer = observer_;
    offer_transport* transport = nullptr;
    channel_id channel;
    switch (d.what) {
      case detail::delivery::kind::offer: channel = d.offer.channel; break;
      case detail::delivery::kind::cancel: channel = d.cancel.channel; break;
      case detail::delivery::kind::route_out:
      case detail::delivery::kind::callback_offer: channel = d.escalation.channel; break;
      default: break;
    }
    if (channel.is_valid()) transport = transports_[channel.value()];
    in_callback_ = true;
    lock.unlock();
    dispatch(d, observer, transport);
    lock.lock();
    in_callback_ = false;
    callbacks_done_.notify_all();
  }
  draining_ = false;
  drainer_ = std::thread::id();
}

OMNIROUTE_INLINE void concurrent_router::wait_for_callbacks(std::unique_lock<std::mutex>& lock) {
  const std::thread::id me = std::this_thread::get_id();
  callbacks_done_.wait(lock, [&] { return !in_callback_ || drainer_ == me; });
}

OMNIROUTE_INLINE void concurrent_router::dispatch(detail::delivery& d, event_observer* observer,
                                                  offer_transport* transport) noexcept {
  const attribute_map* attributes = d.has_attributes ? &d.attributes : nullptr;
  const char* destination = d.has_destination ? d.text.c_str() : nullptr;
  const char* where = "";
  try {
    switch (d.what) {
      case detail::delivery::kind::event:
        if (!observer) return;
        where = "observer";
        d.ev.attributes = attributes;
        d.ev.why = d.has_why ? &d.why : nullptr;
        d.ev.destination = destination;
        observer->deliver(d.ev);
        break;
      case detail::delivery::kind::offer:
        if (!transport) return;
        where = "transport offer";
        d.offer.attributes = attributes;
        transport->offer(d.offer);
        break;
      case detail::delivery::kind::cancel:
        if (!transport) return;
        where = "transport cancel";
        transport->cancel(d.cancel);
        break;
      case detail::delivery::kind::route_out:
      case detail::delivery::kind::callback_offer:
        if (!transport) return;
        d.escalation.attributes = attributes;
        d.escalation.destination = destination;
        if (d.what == detail::delivery::kind::route_out) {
          where = "transport route out";
          transport->route_out(d.escalation);
        } else {
          where = "transport callback offer";
          transport->offer_callback(d.escalation);
        }
        break;
      case detail::delivery::kind::host_error:
        report(d.text.c_str(), d.what_text.c_str());
        break;
    }
  } catch (const std::exception& ex) {
    report(where, ex.what());
  } catch (...) {
    report(where, "unknown exception");
  }
}

OMNIROUTE_INLINE void concurrent_router::report(const char* where, const char* what) noexcept {
  try {
    host_error_handler handler;
    {
      std::lock_guard<std::mutex> lock(delivery_mutex_);
      handler = error_handler_;
    }
    if (handler) handler(where, what);
  } catch (...) {
    // The error handler itself failed (or copying it did); there is nobody left to tell.
  }
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_CONCURRENT_ROUTER_INL_HPP

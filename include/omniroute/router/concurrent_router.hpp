// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// concurrent_router: a thread-safe facade over the single-threaded router, for hosts that issue
// commands from several threads (a SIP stack's worker pool, a web server's request threads).
// The router itself stays single-threaded; this class serialises access to one router and
// delivers its effects without holding any lock a callback could need.
//
// How it works. The facade installs its own observer and transports on the inner router. They
// only copy what they receive (events, offer requests, cancellations, escalation requests,
// together with the attribute maps, explanations and destinations those point to) into a
// delivery queue. A command runs under the command lock; the lock is released; then the calling
// thread drains the queue to the host's observer and transports, unless another thread is
// already draining, in which case that thread delivers the new items too.
//
// Guarantees:
//  - Serialised commands: commands and queries run one at a time, each on a consistent state.
//    Results are those the router would return for the same sequence of commands.
//  - Order: the host's observer and transports receive every effect exactly once, in the order
//    the router produced them (events in strictly increasing `sequence` with no gaps; for one
//    event, the observer before the transport), never concurrently with one another.
//  - Which thread: effects are delivered by whichever thread drains: usually the thread whose
//    command produced them, but possibly another thread that was already delivering (it keeps
//    delivering until the queue is empty). Consecutive deliveries may come from different
//    threads; each happens-after the previous one (the delivery mutex orders them).
//  - When: a command returns after its effects were delivered, or while another thread is
//    delivering them (they are then queued behind that thread's current callback). A command
//    called from inside a callback returns before its effects are delivered: they queue behind
//    the current one, as with the plain router.
//  - Re-entrancy: no facade lock is held while a host callback runs, so observers, transports
//    and the error handler may call any command or query, from the delivering thread or by
//    handing work to other threads that wait for it.
//  - Views: the effects the host receives point to copies owned by the facade (attributes,
//    `why`, `destination`) valid during the callback only, as with the router. Queries return
//    owning snapshots (agent_snapshot, queue_snapshot, contact_snapshot, registry copies).
//  - Host exceptions thrown by callbacks are caught at the delivery boundary and reported to
//    the error handler (set_error_handler); delivery continues with the next effect.
//
// Time. A command with an explicit `now` behaves as in router: a `now` earlier than a time the
// router has seen gives errc::time_went_backwards. With several threads reading one clock that
// is a race (a thread reads the clock, another reads a later time and takes the lock first). So
// every command also has a form without `now` that reads the facade's clock inside the command
// lock, which makes command times non-decreasing. The clock is given at construction; it must
// be cheap, non-decreasing, and must not call the facade.
//
// Not provided: the plain router's reference-returning accessors (channels(), skills(),
// find_requirement()) return copies here; anything else can be done with exclusive().
#ifndef OMNIROUTE_ROUTER_CONCURRENT_ROUTER_HPP
#define OMNIROUTE_ROUTER_CONCURRENT_ROUTER_HPP

#include <omniroute/router/router.hpp>

#include <array>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

/// An agent_info that owns its name: `info.name` is left empty; read `name`.
struct agent_snapshot {
  agent_info info;
  std::string name;
};

/// A queue_info that owns its name: `info.name` is left empty; read `name`.
struct queue_snapshot {
  queue_info info;
  std::string name;
};

/// A contact_info that owns its attributes: `info.attributes` is null; read `attributes`.
struct contact_snapshot {
  contact_info info;
  attribute_map attributes;
};

/// The facade's clock for the commands without `now`: called inside the command lock.
using clock_function = std::function<time_point()>;

namespace detail {

/// One effect waiting for delivery, with copies of everything it points to.
struct delivery {
  enum class kind : std::uint8_t { event, offer, cancel, route_out, callback_offer, host_error };
  kind what = kind::event;
  event ev;
  offer_request offer;
  offer_cancellation cancel;
  escalation_request escalation;
  bool has_attributes = false;
  bool has_why = false;
  bool has_destination = false;
  attribute_map attributes;
  explanation why;
  std::string text;   ///< The destination, or host_error's `where`.
  std::string what_text;  ///< host_error's `what`.
};

}  // namespace detail

class concurrent_router {
 public:
  /// Effects: creates the inner router. `clock` serves the commands without `now`; calling one
  /// of those without a clock is a contract violation (OMNIROUTE_ASSERT).
  explicit concurrent_router(router_options options = {}, clock_function clock = {});
  /// Precondition: no other thread uses the facade any more. Undelivered effects are dropped.
  ~concurrent_router();
  concurrent_router(const concurrent_router&) = delete;
  concurrent_router& operator=(const concurrent_router&) = delete;

  // ---- Host ports -------------------------------------------------------------------------
  /// Sets the observer (not owned; null detaches). Effects: effects delivered after the call go
  /// to the new observer. Unless called from inside a callback, returns only once no callback
  /// is running, so after it returns the old observer is never called again and may be
  /// destroyed.
  void set_observer(event_observer* observer);
  /// As set_observer, for one channel's transport. Errors: as router::set_transport.
  status set_transport(channel_id channel, offer_transport* transport);
  /// Receives exceptions thrown by host callbacks; called outside every facade lock.
  void set_error_handler(host_error_handler handler);
  void set_explanations(bool on);

  // ---- Configuration (as router) -----------------------------------------------------------
  result<channel_id> register_channel(std::string_view name, channel_kind kind,
                                      std::uint16_t default_cost, channel_set default_blocks = {});
  /// A copy of the channel registry. Allocates.
  channel_registry channels() const;
  result<skill_id> add_skill(std::string_view name);
  result<attribute_id> add_attribute(std::string_view name, attribute_kind kind);
  /// A copy of the skill registry. Allocates.
  skill_registry skills() const;
  result<requirement_id> add_requirement(const requirement& r);
  result<requirement_id> add_requirement(std::string_view text, parse_diagnostic* diagnostic = nullptr);
  /// A copy of the interned requirement, or nullopt.
  std::optional<requirement> find_requirement(requirement_id id) const;
  result<plan_id> add_escalation_plan(const escalation_plan& plan);

  // ---- Commands: as router, each also without `now` (the clock's time, read under lock) ----
  result<agent_id> add_agent(time_point now, const agent_config& config);
  result<agent_id> add_agent(const agent_config& config);
  status update_agent(time_point now, agent_id agent, const agent_config& config);
  status update_agent(agent_id agent, const agent_config& config);
  status remove_agent(time_point now, agent_id agent);
  status remove_agent(agent_id agent);
  status login(time_point now, agent_id agent, bool ready = false,
               reason_code reason = reason_codes::none);
  status login(agent_id agent, bool ready = false, reason_code reason = reason_codes::none);
  status logout(time_point now, agent_id agent);
  status logout(agent_id agent);
  status ready(time_point now, agent_id agent);
  status ready(agent_id agent);
  status not_ready(time_point now, agent_id agent, reason_code reason);
  status not_ready(agent_id agent, reason_code reason);

  result<queue_id> add_queue(time_point now, const queue_config& config);
  result<queue_id> add_queue(const queue_config& config);
  status update_queue(time_point now, queue_id queue, const queue_config& config);
  status update_queue(queue_id queue, const queue_config& config);
  status remove_queue(time_point now, queue_id queue, queue_id move_to = {});
  status remove_queue(queue_id queue, queue_id move_to = {});
  status add_member(time_point now, queue_id queue, agent_id agent, member_options options = {});
  status add_member(queue_id queue, agent_id agent, member_options options = {});
  status update_member(time_point now, queue_id queue, agent_id agent, member_options options);
  status update_member(queue_id queue, agent_id agent, member_options options);
  status remove_member(time_point now, queue_id queue, agent_id agent);
  status remove_member(queue_id queue, agent_id agent);

  result<contact_id> arrive(time_point now, const contact_spec& spec);
  result<contact_id> arrive(const contact_spec& spec);
  status abandon(time_point now, contact_id contact);
  status abandon(contact_id contact);
  status transfer(time_point now, contact_id contact, queue_id to, transfer_options options = {});
  status transfer(contact_id contact, queue_id to, transfer_options options = {});
  status route_out(time_point now, contact_id contact);
  status route_out(contact_id contact);
  status accept_callback(time_point now, contact_id contact);
  status accept_callback(contact_id contact);
  status accept(time_point now, offer_id offer);
  status accept(offer_id offer);
  status reject(time_point now, offer_id offer, failure_kind kind = failure_kind::rejected);
  status reject(offer_id offer, failure_kind kind = failure_kind::rejected);
  status complete(time_point now, contact_id contact);
  status complete(contact_id contact);
  status end_wrap_up(time_point now, offer_id offer);
  status end_wrap_up(offer_id offer);

  // ---- Time -------------------------------------------------------------------------------
  /// The earliest armed timer, or `never`. By the time the caller acts on it another thread
  /// may have changed it; advancing early or late is harmless (timers fire at their deadline).
  time_point next_deadline() const;
  status advance(time_point now);
  /// Advances to the clock's time.
  status advance();
  time_point now() const;

  // ---- Queries: owning copies, taken under the command lock --------------------------------
  result<agent_snapshot> agent(agent_id id) const;
  result<queue_snapshot> queue(queue_id id) const;
  result<contact_snapshot> contact(contact_id id) const;
  result<offer_info> offer(offer_id id) const;
  result<agent_id> find_agent(std::string_view name) const;
  result<queue_id> find_queue(std::string_view name) const;
  result<std::uint32_t> position(contact_id id) const;
  std::vector<contact_id> waiting_contacts(queue_id id) const;
  std::vector<offer_id> agent_work(agent_id id) const;
  std::vector<agent_id> agents() const;
  std::vector<queue_id> queues() const;
  std::vector<std::pair<agent_id, member_options>> members(queue_id id) const;
  std::size_t agent_count() const;
  std::size_t queue_count() const;
  std::size_t live_contact_count() const;

  // ---- Escape hatch and delivery -----------------------------------------------------------
  /// Effects: runs `f(router&)` under the command lock (several commands as one atomic step,
  /// or anything the facade does not mirror), then delivers the effects. Returns what f
  /// returns. `f` must not call this facade (the lock is held: deadlock), must not keep
  /// references to router state past its return, and must not replace the router's observer,
  /// transports or error handler.
  template <class F>
  auto exclusive(F&& f) -> decltype(std::forward<F>(f)(std::declval<router&>())) {
    delivering_scope scope(*this);
    return std::forward<F>(f)(inner_);
  }

  /// Delivers queued effects now, unless another thread (or an enclosing callback on this
  /// thread) is already delivering them. Commands call it themselves; a host needs it only
  /// after exclusive() work whose effects it wants flushed from a specific thread.
  void deliver();

 private:
  // Holds the command lock for its lifetime; on exit releases it, then delivers.
  class delivering_scope {
   public:
    explicit delivering_scope(concurrent_router& self) : self_(self), lock_(self.command_mutex_) {}
    delivering_scope(const delivering_scope&) = delete;
    delivering_scope& operator=(const delivering_scope&) = delete;
    ~delivering_scope() {
      lock_.unlock();
      self_.deliver();
    }

   private:
    concurrent_router& self_;
    std::unique_lock<std::mutex> lock_;
  };

  // Runs a command at `*now`, or at the clock's time when `now` is null.
  template <class F>
  auto command(const time_point* now, F&& f) -> decltype(f(std::declval<router&>(), time_point{})) {
    delivering_scope scope(*this);
    return f(inner_, now ? *now : clock_now());
  }
  time_point clock_now() const;

  // The internal observer and transport the inner router calls: they only enqueue copies.
  class forwarder final : public event_observer, public offer_transport {
   public:
    explicit forwarder(concurrent_router& self) noexcept : self_(self) {}

   protected:
    void on_event(const event& e) override;
    void on_offer(const offer_request& r) override;
    void on_cancel(const offer_cancellation& c) override;
    void on_route_out(const escalation_request& r) override;
    void on_callback_offer(const escalation_request& r) override;

   private:
    void escalation(detail::delivery::kind k, const escalation_request& r);
    concurrent_router& self_;
  };

  void enqueue(detail::delivery&& d);
  // Waits (delivery lock held) until no callback runs, unless this thread is the one running it.
  void wait_for_callbacks(std::unique_lock<std::mutex>& lock);
  void dispatch(detail::delivery& d, event_observer* observer, offer_transport* transport) noexcept;
  void report(const char* where, const char* what) noexcept;

  // Lock order: command_mutex_ before delivery_mutex_; no lock is held during a callback.
  mutable std::mutex command_mutex_;
  router inner_;  // guarded by command_mutex_
  clock_function clock_;
  forwarder forwarder_{*this};

  std::mutex delivery_mutex_;
  std::condition_variable callbacks_done_;
  // Guarded by delivery_mutex_:
  std::vector<detail::delivery> queue_;
  std::size_t head_ = 0;
  bool draining_ = false;
  bool in_callback_ = false;
  std::thread::id drainer_;
  event_observer* observer_ = nullptr;
  std::array<offer_transport*, max_channels> transports_{};
  host_error_handler error_handler_;
};

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/router/concurrent_router-inl.hpp>
#endif

#endif  // OMNIROUTE_ROUTER_CONCURRENT_ROUTER_HPP

// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A router has one observer; observer_fanout lets several (statistics, a journal, a wallboard
// feed, the host's own logger) share it.
#ifndef OMNIROUTE_STATS_OBSERVER_FANOUT_HPP
#define OMNIROUTE_STATS_OBSERVER_FANOUT_HPP

#include <omniroute/ports/observer.hpp>

#include <algorithm>
#include <exception>
#include <initializer_list>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace stats {

/// Delivers every event to each attached observer, in the order they were attached.
/// Observers are not owned. If an observer throws, the others still receive the event; the
/// first exception is then rethrown to the caller (the router reports it through its error
/// handler and carries on).
class observer_fanout final : public event_observer {
 public:
  observer_fanout() = default;
  observer_fanout(std::initializer_list<event_observer*> observers) {
    for (event_observer* o : observers) add(o);
  }

  /// Attaches an observer (null and duplicates are ignored). Not to be called during delivery.
  /// Complexity: O(size()).
  void add(event_observer* observer) {
    if (observer == nullptr || observer == this) return;
    if (std::find(observers_.begin(), observers_.end(), observer) != observers_.end()) return;
    observers_.push_back(observer);
  }
  /// Detaches an observer; returns whether it was attached. Not to be called during delivery.
  bool remove(event_observer* observer) noexcept {
    auto it = std::find(observers_.begin(), observers_.end(), observer);
    if (it == observers_.end()) return false;
    observers_.erase(it);
    return true;
  }
  std::size_t size() const noexcept { return observers_.size(); }

 protected:
  void on_event(const event& e) override {
    std::exception_ptr first;
    for (event_observer* o : observers_) {
      try {
        o->deliver(e);
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
  }

 private:
  std::vector<event_observer*> observers_;
};

}  // namespace stats
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_STATS_OBSERVER_FANOUT_HPP

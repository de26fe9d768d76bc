// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the programs the docs quote (not quoted themselves): stop on a failed setup
// command, count unexpected results, record events and offers.
#ifndef OMNIROUTE_EXAMPLES_DOCS_DOC_SUPPORT_HPP
#define OMNIROUTE_EXAMPLES_DOCS_DOC_SUPPORT_HPP

#include <omniroute/omniroute.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace doc {

using namespace omniroute;

inline int failures = 0;

/// Records a surprise; main() returns non-zero when there was any.
inline void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "unexpected: %s\n", what);
    ++failures;
  }
}

/// A setup command that must succeed.
template <class T>
T must(result<T> r, const char* what = "command") {
  if (!r) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().message().c_str());
    std::exit(2);
  }
  return *r;
}
inline void must(status s, const char* what = "command") {
  if (!s) {
    std::fprintf(stderr, "%s: %s\n", what, s.error().message().c_str());
    std::exit(2);
  }
}

/// Keeps every event (pointers that are valid during delivery only are cleared).
class recorder final : public event_observer {
 public:
  std::vector<event> events;
  std::size_t count(event_kind k) const {
    std::size_t n = 0;
    for (const event& e : events) n += e.kind == k;
    return n;
  }
  /// The last contact_offered event (a default event when there is none).
  event last_offer() const {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->kind == event_kind::contact_offered) return *it;
    }
    return event{};
  }

 protected:
  void on_event(const event& e) override {
    event copy = e;
    copy.attributes = nullptr;
    copy.why = nullptr;
    copy.destination = nullptr;
    events.push_back(copy);
  }
};

/// Returns 0 when nothing was unexpected.
inline int finish(const char* program) {
  if (failures != 0) {
    std::fprintf(stderr, "%s: %d unexpected result(s)\n", program, failures);
    return 1;
  }
  std::printf("%s: ok\n", program);
  return 0;
}

}  // namespace doc

#endif  // OMNIROUTE_EXAMPLES_DOCS_DOC_SUPPORT_HPP

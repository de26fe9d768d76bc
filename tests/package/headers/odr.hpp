// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Shared by both translation units of the ODR test, so each instantiates and odr-uses the same
// inline functions and templates.
#ifndef OMNIROUTE_TESTS_PACKAGE_ODR_HPP
#define OMNIROUTE_TESTS_PACKAGE_ODR_HPP

#include <omniroute/omniroute.hpp>
#include <omniroute/router/router.hpp>

#include <cstring>
#include <string>

// Returns 0 when a router built in this translation unit works.
inline int odr_use_router(const char* unit) {
  namespace orr = omniroute;
  orr::router router;
  orr::queue_config queue;
  queue.name = std::string("queue-") + unit;
  const orr::result<orr::queue_id> q = router.add_queue(orr::at_seconds(0), queue);
  if (!q || router.queue_count() != 1) return 1;
  if (std::strlen(orr::to_string(orr::errc::queue_full)) == 0) return 1;
  const orr::result<orr::queue_id> missing = router.find_queue("no such queue");
  return missing.has_value() ? 1 : 0;
}

int odr_main();
int odr_other();

#endif  // OMNIROUTE_TESTS_PACKAGE_ODR_HPP

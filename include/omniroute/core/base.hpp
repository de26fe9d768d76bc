// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Macros every omniroute header relies on: the ABI namespace, the header-only switch and the
// overridable assertion. Kept free of includes beyond the generated configuration.
#ifndef OMNIROUTE_CORE_BASE_HPP
#define OMNIROUTE_CORE_BASE_HPP

#include <omniroute/config.hpp>

#include <cstdio>
#include <cstdlib>

/// The ABI version lives in an inline namespace so two incompatible builds cannot link together.
#define OMNIROUTE_BEGIN_NAMESPACE \
  namespace omniroute {           \
  inline namespace v1 {
#define OMNIROUTE_END_NAMESPACE \
  }                             \
  }

/// Functions defined in `*-inl.hpp` files are `inline` in header-only mode and out-of-line
/// (compiled once into the library) otherwise, as in spdlog.
#ifdef OMNIROUTE_HEADER_ONLY
#define OMNIROUTE_INLINE inline
#else
#define OMNIROUTE_INLINE
#endif

#ifndef OMNIROUTE_API
#define OMNIROUTE_API
#endif

/// Contract checks. Hosts may route them into their own crash reporting by defining
/// OMNIROUTE_ASSERT before including omniroute. Expected runtime failures never use this:
/// they return an error code.
#ifndef OMNIROUTE_ASSERT
#define OMNIROUTE_ASSERT(condition, message)                                             \
  ((condition) ? (void)0                                                                  \
               : (std::fprintf(stderr, "%s:%d: omniroute assertion failed: %s\n", __FILE__, \
                               __LINE__, (message)),                                      \
                  std::abort()))
#endif

#endif  // OMNIROUTE_CORE_BASE_HPP

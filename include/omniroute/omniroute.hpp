// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The umbrella header: includes the whole public API.
#ifndef OMNIROUTE_OMNIROUTE_HPP
#define OMNIROUTE_OMNIROUTE_HPP

// major * 10000 + minor * 100 + patch. CMake reads the project version from this line.
#define OMNIROUTE_VERSION 100

#include <omniroute/core/error.hpp>
#include <omniroute/core/handle.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/core/time.hpp>

#endif  // OMNIROUTE_OMNIROUTE_HPP

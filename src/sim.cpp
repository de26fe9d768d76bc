// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled simulator part of the library: statistics, scenarios and the simulator, built once.
#include <omniroute/sim/scenario.hpp>
#include <omniroute/sim/simulator.hpp>
#include <omniroute/sim/statistics.hpp>

#include <omniroute/sim/scenario-inl.hpp>
#include <omniroute/sim/simulator-inl.hpp>
#include <omniroute/sim/statistics-inl.hpp>

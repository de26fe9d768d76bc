// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled statistics part of the library: every stats `*-inl.hpp`, built once.
#include <omniroute/stats/statistics.hpp>
#include <omniroute/stats/wait.hpp>

#include <omniroute/stats/statistics-inl.hpp>
#include <omniroute/stats/wait-inl.hpp>

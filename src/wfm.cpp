// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled workforce-maths part of the library: Erlang B, C and A, built once.
#include <omniroute/wfm/erlang.hpp>

#include <omniroute/wfm/erlang-inl.hpp>

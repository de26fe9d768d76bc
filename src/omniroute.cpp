// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled library: every `*-inl.hpp` implementation, built once.
#include <omniroute/omniroute.hpp>

#include <omniroute/core/error-inl.hpp>
#include <omniroute/model/channel-inl.hpp>
#include <omniroute/router/event-inl.hpp>
#include <omniroute/router/router-inl.hpp>

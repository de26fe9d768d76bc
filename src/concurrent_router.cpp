// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled concurrent_router (router/concurrent_router-inl.hpp, built once).
#include <omniroute/router/concurrent_router.hpp>

#include <omniroute/router/concurrent_router-inl.hpp>

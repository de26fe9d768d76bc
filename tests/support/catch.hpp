// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// One include for Catch2, so the suite can move from Debian's v2 to v3 by editing this file.
#pragma once
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif

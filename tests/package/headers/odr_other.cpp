// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The second translation unit of the ODR test: the same headers and the same inline entities
// as odr_main.cpp.
#include "all_headers.hpp"
#include "odr.hpp"

int odr_other() { return odr_use_router("other"); }

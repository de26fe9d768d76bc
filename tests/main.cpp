// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#define CATCH_CONFIG_MAIN
#include "support/catch.hpp"

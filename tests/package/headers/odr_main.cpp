// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The first translation unit of the ODR test (see odr_other.cpp).
#include "all_headers.hpp"
#include "odr.hpp"

#include <cstdio>

int odr_main() { return odr_use_router("main"); }

int main() {
  const int failures = odr_main() + odr_other();
  std::printf("odr: %s\n", failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}

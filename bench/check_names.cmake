# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#
# The benchmark names of issue 8 are a contract (integrators filter and compare by them):
# lists the suite with --large (listing builds no population) and fails unless each name is
# there exactly. Run by ctest as bench-names: cmake -DBENCH=<omniroute_bench> -P check_names.cmake
cmake_minimum_required(VERSION 3.16)
set(contract
  decision/arrival_to_offer/agents:1000
  decision/arrival_to_offer/agents:10000
  decision/arrival_to_offer/agents:100000
  decision/ready_to_offer/waiting:1000
  decision/ready_to_offer/waiting:100000
  decision/ready_to_offer/waiting:1000000
  floor/raw_kernel/agents:10000
  floor/raw_kernel/waiting:100000
  mixed/throughput
  sim/day_1000_agents)
execute_process(COMMAND "${BENCH}" --large --benchmark_list_tests=true
                OUTPUT_VARIABLE listing RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${BENCH} --benchmark_list_tests failed (${status})")
endif()
string(REPLACE "\n" ";" names "${listing}")
set(missing "")
foreach(name IN LISTS contract)
  if(NOT name IN_LIST names)
    list(APPEND missing "${name}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "benchmark names missing from the suite: ${missing}\nlisted:\n${listing}")
endif()
list(LENGTH contract count)
message(STATUS "all ${count} contract names listed")

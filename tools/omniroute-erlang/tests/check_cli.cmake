# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#
# Runs omniroute-erlang once and checks its contract. Run with cmake -P and these variables
# (lists are separated by '|', because ctest arguments cannot carry ';'):
#   EXE     the omniroute-erlang binary
#   ARGS    its arguments
#   EXIT    the expected exit status (default 0)
#   KEYS    on success: the exact set of keys of the one JSON object on stdout (CMake's JSON
#           reader does not keep the order, so the order is not checked)
#   VALUES  on success: checks "key=text" (exact) or "key~text" (the value starts with text;
#           CMake prints numbers with 17 significant digits, so a prefix is a tolerance).
#           CMake prints a JSON number as a double would print ("180.0"), an integer as an
#           integer ("14"), so "=" distinguishes the two.
#   STDERR  on failure: text that stderr must contain
# A success must print one line holding one JSON object and nothing on stderr; a failure must
# print nothing on stdout and a message on stderr.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED EXIT)
  set(EXIT 0)
endif()
string(REPLACE "|" ";" _args "${ARGS}")
execute_process(COMMAND "${EXE}" ${_args}
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)

set(_failures "")
macro(_fail text)
  string(APPEND _failures "  ${text}\n")
endmacro()

if(NOT _rc STREQUAL EXIT)
  _fail("exit status ${_rc}, expected ${EXIT}")
endif()

if(EXIT EQUAL 0)
  if(NOT _err STREQUAL "")
    _fail("stderr is not empty")
  endif()
  # Exactly one line: the object, then a newline.
  string(REGEX MATCHALL "\n" _newlines "${_out}")
  list(LENGTH _newlines _lines)
  if(NOT _lines EQUAL 1 OR NOT _out MATCHES "^{.*}\n$")
    _fail("stdout is not exactly one line holding one JSON object")
  endif()
  string(JSON _type ERROR_VARIABLE _json_error TYPE "${_out}")
  if(NOT _json_error STREQUAL "NOTFOUND" OR NOT _type STREQUAL "OBJECT")
    _fail("stdout is not a JSON object: ${_json_error}")
  else()
    if(DEFINED KEYS)
      string(JSON _count LENGTH "${_out}")
      set(_keys "")
      if(_count GREATER 0)
        math(EXPR _last "${_count} - 1")
        foreach(_i RANGE ${_last})
          string(JSON _key MEMBER "${_out}" ${_i})
          list(APPEND _keys "${_key}")
        endforeach()
      endif()
      string(REPLACE "|" ";" _want_keys "${KEYS}")
      list(SORT _keys)
      list(SORT _want_keys)
      if(NOT _keys STREQUAL _want_keys)
        string(REPLACE ";" " " _keys "${_keys}")
        string(REPLACE ";" " " _want_keys "${_want_keys}")
        _fail("keys are ${_keys}\n  expected ${_want_keys}")
      endif()
    endif()
    string(REPLACE "|" ";" _checks "${VALUES}")
    foreach(_check IN LISTS _checks)
      if(NOT _check MATCHES "^([a-z_]+)([=~])(.*)$")
        message(FATAL_ERROR "bad check '${_check}'")
      endif()
      set(_key "${CMAKE_MATCH_1}")
      set(_op "${CMAKE_MATCH_2}")
      set(_want "${CMAKE_MATCH_3}")
      string(JSON _got ERROR_VARIABLE _get_error GET "${_out}" "${_key}")
      if(NOT _get_error STREQUAL "NOTFOUND")
        _fail("${_key} missing")
      elseif(_op STREQUAL "=" AND NOT _got STREQUAL _want)
        _fail("${_key} is ${_got}, expected ${_want}")
      elseif(_op STREQUAL "~")
        string(FIND "${_got}" "${_want}" _at)
        if(NOT _at EQUAL 0)
          _fail("${_key} is ${_got}, expected ${_want}...")
        endif()
      endif()
    endforeach()
  endif()
else()
  if(NOT _out STREQUAL "")
    _fail("stdout is not empty")
  endif()
  if(_err STREQUAL "")
    _fail("stderr is empty")
  endif()
  if(DEFINED STDERR)
    string(FIND "${_err}" "${STDERR}" _at)
    if(_at EQUAL -1)
      _fail("stderr does not mention '${STDERR}'")
    endif()
  endif()
endif()

if(NOT _failures STREQUAL "")
  string(REPLACE "|" " " _shown "${ARGS}")
  message(FATAL_ERROR "omniroute-erlang ${_shown}\n${_failures}stdout: ${_out}\nstderr: ${_err}")
endif()

# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#
# cmake -DSOURCE_DIR=<omniroute> -DVERSION=<project version> -P check_versions.cmake
# OMNIROUTE_VERSION in the umbrella header is the one source of the version: CMake and the Conan
# recipe read it; the vcpkg manifest has to repeat it, so this test keeps them equal.
file(READ "${SOURCE_DIR}/ports/omniroute/vcpkg.json" _manifest)
string(JSON _vcpkg_version GET "${_manifest}" version)
if(NOT _vcpkg_version STREQUAL VERSION)
  message(FATAL_ERROR "ports/omniroute/vcpkg.json has version ${_vcpkg_version}; "
                      "OMNIROUTE_VERSION says ${VERSION}")
endif()
file(STRINGS "${SOURCE_DIR}/conan/conanfile.py" _set_version REGEX "def set_version")
if(NOT _set_version)
  message(FATAL_ERROR "conan/conanfile.py no longer derives its version from OMNIROUTE_VERSION")
endif()
message(STATUS "vcpkg port and project agree on version ${VERSION}")

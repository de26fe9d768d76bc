# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
# Install rules: targets, headers, the generated config header, the CMake package (installed and
# build-tree) and pkg-config files. Consumption of all of it is tested by tests/package.
#
# Install components, for packagers who split runtime and development packages:
#   omniroute_runtime      the shared library (only with BUILD_SHARED_LIBS)
#   omniroute_development  everything else (headers, static library, CMake package, .pc files)
set(OMNIROUTE_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/omniroute")

install(TARGETS omniroute omniroute_header_only EXPORT omniroute-targets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT omniroute_runtime
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT omniroute_runtime
    NAMELINK_COMPONENT omniroute_development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT omniroute_development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# Every header, `*-inl.hpp` included: the header-only target needs the implementation files.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/omniroute"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT omniroute_development
  FILES_MATCHING PATTERN "*.hpp")
# The generated header holds the ABI-relevant options this build used.
install(FILES "${PROJECT_BINARY_DIR}/include/omniroute/config.hpp"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/omniroute
  COMPONENT omniroute_development)

# CMake package: find_package(omniroute CONFIG) gives omniroute::omniroute and
# omniroute::header_only.
install(EXPORT omniroute-targets NAMESPACE omniroute:: FILE omniroute-targets.cmake
  DESTINATION ${OMNIROUTE_CMAKE_INSTALL_DIR}
  COMPONENT omniroute_development)
# A build-tree export, so a consumer can point omniroute_DIR at this build directory. The config
# file below finds its targets file next to itself, so the same file serves both trees.
export(EXPORT omniroute-targets NAMESPACE omniroute::
  FILE "${PROJECT_BINARY_DIR}/omniroute-targets.cmake")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/omniroute-config.cmake.in"
  "${PROJECT_BINARY_DIR}/omniroute-config.cmake"
  INSTALL_DESTINATION ${OMNIROUTE_CMAKE_INSTALL_DIR})
# Before 1.0 a minor release may break the API, hence SameMinorVersion. The file is not
# ARCH_INDEPENDENT: the package holds a compiled library.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/omniroute-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/omniroute-config.cmake"
              "${PROJECT_BINARY_DIR}/omniroute-config-version.cmake"
  DESTINATION ${OMNIROUTE_CMAKE_INSTALL_DIR}
  COMPONENT omniroute_development)

# pkg-config: omniroute.pc (compiled library) and omniroute-header-only.pc. The prefix is computed
# from the .pc file's own location (${pcfiledir}) so the tree stays relocatable: a configure-time
# absolute prefix breaks after `cmake --install --prefix` or moving the tree. The relative path is
# derived from CMAKE_INSTALL_LIBDIR: "../.." for lib, "../../.." for lib/<multiarch>.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  message(FATAL_ERROR "omniroute's relocatable package needs relative CMAKE_INSTALL_LIBDIR and "
                      "CMAKE_INSTALL_INCLUDEDIR (got '${CMAKE_INSTALL_LIBDIR}', "
                      "'${CMAKE_INSTALL_INCLUDEDIR}')")
endif()
file(RELATIVE_PATH OMNIROUTE_PC_TO_PREFIX
  "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" OMNIROUTE_PC_TO_PREFIX "${OMNIROUTE_PC_TO_PREFIX}")
foreach(_omniroute_pc IN ITEMS omniroute omniroute-header-only)
  configure_file("${PROJECT_SOURCE_DIR}/cmake/${_omniroute_pc}.pc.in" "${PROJECT_BINARY_DIR}/${_omniroute_pc}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/${_omniroute_pc}.pc"
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    COMPONENT omniroute_development)
endforeach()

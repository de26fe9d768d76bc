# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
# Install rules: targets, headers, the generated config header, the CMake package and pkg-config.
set(OMNIROUTE_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/omniroute")

install(TARGETS omniroute omniroute_header_only EXPORT omniroute-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/omniroute DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_BINARY_DIR}/include/omniroute/config.hpp"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/omniroute)

install(EXPORT omniroute-targets NAMESPACE omniroute:: FILE omniroute-targets.cmake
  DESTINATION ${OMNIROUTE_CMAKE_INSTALL_DIR})
# A build-tree export, so a consumer can point omniroute_DIR at this build directory.
export(EXPORT omniroute-targets NAMESPACE omniroute::
  FILE "${PROJECT_BINARY_DIR}/omniroute-targets.cmake")

configure_package_config_file(cmake/omniroute-config.cmake.in
  "${PROJECT_BINARY_DIR}/omniroute-config.cmake"
  INSTALL_DESTINATION ${OMNIROUTE_CMAKE_INSTALL_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/omniroute-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/omniroute-config.cmake"
              "${PROJECT_BINARY_DIR}/omniroute-config-version.cmake"
  DESTINATION ${OMNIROUTE_CMAKE_INSTALL_DIR})

# pkg-config: the prefix is computed from the .pc file's own location so the tree stays
# relocatable (a configure-time absolute prefix breaks after `cmake --install --prefix`).
file(RELATIVE_PATH OMNIROUTE_PC_TO_PREFIX
  "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/omniroute.pc.in "${PROJECT_BINARY_DIR}/omniroute.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/omniroute.pc"
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

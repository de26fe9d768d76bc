# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#
# vcpkg port for omniroute, used as an overlay port from a checkout of the repository:
#   vcpkg install omniroute --overlay-ports=<checkout>/ports
# or, in manifest mode, "vcpkg-configuration.json": { "overlay-ports": ["<checkout>/ports"] }.
# The sources are the checkout this port sits in. A registry copy of the port would fetch a
# release instead:
#   vcpkg_from_github(OUT_SOURCE_PATH SOURCE_PATH REPO <owner>/omniroute REF v${VERSION}
#                     SHA512 <sha512 of the archive> HEAD_REF main)
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

# vcpkg_cmake_configure passes BUILD_SHARED_LIBS from the triplet's library linkage.
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DOMNIROUTE_BUILD_TESTS=OFF
    -DOMNIROUTE_BUILD_EXAMPLES=OFF
    -DOMNIROUTE_BUILD_BENCH=OFF
    -DOMNIROUTE_BUILD_TOOLS=OFF
    -DOMNIROUTE_INSTALL=ON
    -DOMNIROUTE_WERROR=OFF
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH lib/cmake/omniroute)
# The .pc files compute their prefix from ${pcfiledir}; the fixup checks and adjusts Libs/Requires.
vcpkg_fixup_pkgconfig()

# Headers are installed by the release build; the debug tree keeps only its libraries.
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include")

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")

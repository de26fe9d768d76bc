# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#
# Conan 2 recipe for omniroute. From the repository root:
#   conan create conan --build=missing                       # static library
#   conan create conan -o "omniroute/*:shared=True"          # shared library
#   conan create conan -o "omniroute/*:header_only=True"     # headers only, no library
#
# Consumers get the same CMake names as with the project's own package files:
#   find_package(omniroute CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE omniroute::omniroute)    # or omniroute::header_only
#
# Conan is not run by this project's CI (it is not installable there); tests/package proves the
# same consumption with plain CMake, building conan/test_package against an installed prefix.
import os
import re

from conan import ConanFile
from conan.errors import ConanException, ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir

required_conan_version = ">=2.0"


class OmnirouteConan(ConanFile):
    name = "omniroute"
    description = "Embeddable contact-routing library (ACD) for contact centres"
    license = "Apache-2.0"
    homepage = "https://example.invalid/omniroute"
    url = "https://example.invalid/omniroute"
    topics = ("acd", "routing", "contact-centre", "call-centre")
    package_type = "library"

    settings = "os", "arch", "compiler", "build_type"
    options = {
        "shared": [True, False],
        "fPIC": [True, False],
        "header_only": [True, False],
    }
    default_options = {
        "shared": False,
        "fPIC": True,
        "header_only": False,
        # omniroute only uses header-only Boost libraries (Boost.Intrusive).
        "boost/*:header_only": True,
    }

    # The recipe lives in conan/, the sources one level up.
    @property
    def _root(self):
        return os.path.join(self.recipe_folder, "..")

    def set_version(self):
        # One source of truth, as for CMake: OMNIROUTE_VERSION in the umbrella header
        # (major * 10000 + minor * 100 + patch).
        if self.version:
            return
        header = load(self, os.path.join(self._root, "include", "omniroute", "omniroute.hpp"))
        match = re.search(r"^#define OMNIROUTE_VERSION (\d+)$", header, re.MULTILINE)
        if not match:
            raise ConanException("no '#define OMNIROUTE_VERSION <number>' in omniroute.hpp")
        number = int(match.group(1))
        self.version = f"{number // 10000}.{number // 100 % 100}.{number % 100}"

    def export_sources(self):
        # Only what building and installing the library needs: tests, examples, benchmarks and
        # tools are switched off in generate().
        for pattern in ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*", "src/*"):
            copy(self, pattern, src=self._root, dst=self.export_sources_folder)

    def config_options(self):
        if self.settings.os == "Windows":
            self.options.rm_safe("fPIC")

    def configure(self):
        if self.options.header_only:
            self.package_type = "header-library"
            self.options.rm_safe("shared")
            self.options.rm_safe("fPIC")
        elif self.options.shared:
            self.options.rm_safe("fPIC")

    def layout(self):
        cmake_layout(self, src_folder=".")

    def requirements(self):
        # Both appear in omniroute's public headers (and, header-only, in its implementation).
        self.requires("boost/[>=1.74 <2]", transitive_headers=True)
        self.requires("fmt/[>=9.1 <11]", transitive_headers=True)

    def validate(self):
        check_min_cppstd(self, 17)
        if self.options.get_safe("shared") and self.settings.os == "Windows":
            # OMNIROUTE_API has no dllexport/dllimport definition yet.
            raise ConanInvalidConfiguration("omniroute cannot be built as a DLL yet")

    def package_id(self):
        if self.info.options.header_only:
            self.info.clear()

    def generate(self):
        toolchain = CMakeToolchain(self)
        for option in ("TESTS", "EXAMPLES", "BENCH", "TOOLS"):
            toolchain.cache_variables[f"OMNIROUTE_BUILD_{option}"] = False
        toolchain.cache_variables["OMNIROUTE_INSTALL"] = True
        toolchain.cache_variables["OMNIROUTE_WERROR"] = False
        toolchain.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        # Configuring also generates omniroute/config.hpp, which the header-only package needs.
        cmake.configure()
        if not self.options.header_only:
            cmake.build()

    def package(self):
        copy(self, "LICENSE", src=self.source_folder, dst=os.path.join(self.package_folder, "licenses"))
        if self.options.header_only:
            include = os.path.join(self.package_folder, "include")
            copy(self, "*.hpp", src=os.path.join(self.source_folder, "include"), dst=include)
            copy(self, "config.hpp", src=os.path.join(self.build_folder, "include", "omniroute"),
                 dst=os.path.join(include, "omniroute"))
        else:
            CMake(self).install()
        # Conan generates its own CMake and pkg-config files from package_info().
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "omniroute")
        # CMakeDeps always adds a target aggregating every component. Here that would mix the
        # compiled library with OMNIROUTE_HEADER_ONLY=1, and its default name (omniroute::omniroute)
        # is the compiled component's, so it gets a name nobody links by accident.
        self.cpp_info.set_property("cmake_target_name", "omniroute::conan_all_components")
        self.cpp_info.set_property("pkg_config_name", "omniroute-conan-all-components")

        requires = ["boost::headers", "fmt::fmt"]

        # The header-only mode is always available: the implementation headers are packaged.
        header_only = self.cpp_info.components["header_only"]
        header_only.set_property("cmake_target_name", "omniroute::header_only")
        header_only.set_property("pkg_config_name", "omniroute-header-only")
        header_only.defines = ["OMNIROUTE_HEADER_ONLY=1"]
        header_only.requires = requires
        header_only.bindirs = []
        header_only.libdirs = []

        compiled = self.cpp_info.components["omniroute"]
        compiled.set_property("cmake_target_name", "omniroute::omniroute")
        compiled.set_property("pkg_config_name", "omniroute")
        compiled.requires = requires
        if self.options.header_only:
            # No library was built: omniroute::omniroute is the header-only mode, so consumers'
            # CMake code is the same for both kinds of package.
            compiled.defines = ["OMNIROUTE_HEADER_ONLY=1"]
            compiled.bindirs = []
            compiled.libdirs = []
        else:
            compiled.libs = ["omniroute"]

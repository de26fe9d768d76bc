#!/usr/bin/env bash
# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#
# Driver of the package consumption tests (see CMakeLists.txt next to this file). Each call is
# one ctest test:
#
#   consume.sh install  <prefix>                    install the build tree to <prefix>
#   consume.sh relocate <staging> <moved>           install to <staging>, then move it to <moved>
#   consume.sh cmake --source DIR --build DIR [--target T] [--run EXE]... [--package-under P]
#                    [-- <cmake configure args>]    configure, build, run a consumer project
#   consume.sh pkg-config <prefix> <module> <source.cpp> <workdir>
#                                                   compile and run through pkg-config
#
# The calling CMakeLists.txt passes the tools of the parent build in the environment, so the
# consumers use the same compiler and generator: OMNIROUTE_CMAKE, OMNIROUTE_GENERATOR,
# OMNIROUTE_MAKE_PROGRAM, OMNIROUTE_CXX, OMNIROUTE_PKG_CONFIG, OMNIROUTE_SOURCE_DIR,
# OMNIROUTE_BINARY_DIR, OMNIROUTE_LIBDIR, OMNIROUTE_VERSION, OMNIROUTE_CONFIG (may be empty).
set -euo pipefail

fail() {
  echo "consume.sh: FAILED: $*" >&2
  exit 1
}

: "${OMNIROUTE_CMAKE:?}" "${OMNIROUTE_GENERATOR:?}" "${OMNIROUTE_CXX:?}"
: "${OMNIROUTE_SOURCE_DIR:?}" "${OMNIROUTE_BINARY_DIR:?}" "${OMNIROUTE_LIBDIR:?}"
: "${OMNIROUTE_VERSION:?}"
config_args=()
[ -n "${OMNIROUTE_CONFIG:-}" ] && config_args=(--config "$OMNIROUTE_CONFIG")

# install_to PREFIX: a fresh install of the parent build tree.
install_to() {
  local prefix=$1
  rm -rf "$prefix"
  "$OMNIROUTE_CMAKE" --install "$OMNIROUTE_BINARY_DIR" --prefix "$prefix" "${config_args[@]}" \
    >/dev/null
  local f
  for f in include/omniroute/omniroute.hpp include/omniroute/config.hpp \
           "$OMNIROUTE_LIBDIR/cmake/omniroute/omniroute-config.cmake" \
           "$OMNIROUTE_LIBDIR/cmake/omniroute/omniroute-config-version.cmake" \
           "$OMNIROUTE_LIBDIR/cmake/omniroute/omniroute-targets.cmake" \
           "$OMNIROUTE_LIBDIR/pkgconfig/omniroute.pc" \
           "$OMNIROUTE_LIBDIR/pkgconfig/omniroute-header-only.pc"; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
  done
  # A relocatable tree names no absolute path: not the prefix, the build or the source tree
  # (binary files, whose debug information names sources, are skipped).
  local leaks
  leaks=$(grep -rIl -e "$prefix" -e "$OMNIROUTE_BINARY_DIR" -e "$OMNIROUTE_SOURCE_DIR" \
            "$prefix" || true)
  [ -z "$leaks" ] || fail "installed files name absolute paths:"$'\n'"$leaks"
}

# run_exe BUILD NAME: runs the executable NAME found under BUILD (any configuration layout).
run_exe() {
  local exe
  exe=$(find "$1" -type f -name "$2" -perm -u+x | head -n 1)
  [ -n "$exe" ] || fail "no executable $2 under $1"
  echo "-- running $exe"
  "$exe"
}

cmd_install() {
  install_to "$1"
  echo "installed to $1"
}

cmd_relocate() {
  local staging=$1 moved=$2
  rm -rf "$moved"
  install_to "$staging"
  mv "$staging" "$moved"
  [ ! -e "$staging" ] || fail "$staging still exists"
  echo "installed to $staging, moved to $moved"
}

cmd_cmake() {
  local source="" build="" target="" under=""
  local runs=()
  while [ $# -gt 0 ]; do
    case $1 in
      --source) source=$2; shift 2 ;;
      --build) build=$2; shift 2 ;;
      --target) target=$2; shift 2 ;;
      --run) runs+=("$2"); shift 2 ;;
      --package-under) under=$2; shift 2 ;;
      --) shift; break ;;
      *) fail "cmake: unknown argument $1" ;;
    esac
  done
  [ -n "$source" ] && [ -n "$build" ] || fail "cmake: --source and --build are required"
  rm -rf "$build"
  local generator=(-G "$OMNIROUTE_GENERATOR")
  [ -n "${OMNIROUTE_MAKE_PROGRAM:-}" ] && generator+=("-DCMAKE_MAKE_PROGRAM=$OMNIROUTE_MAKE_PROGRAM")
  # No package registry: the package must come from the prefix given, not from an earlier run.
  "$OMNIROUTE_CMAKE" -S "$source" -B "$build" "${generator[@]}" \
    "-DCMAKE_CXX_COMPILER=$OMNIROUTE_CXX" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_FIND_PACKAGE_NO_SYSTEM_PACKAGE_REGISTRY=ON "$@"
  if [ -n "$under" ]; then
    local dir
    dir=$(sed -n 's/^omniroute_DIR:[A-Z]*=//p' "$build/CMakeCache.txt")
    case "$(realpath "$dir")/" in
      "$(realpath "$under")"/*) echo "-- omniroute found in $dir" ;;
      *) fail "omniroute was found in '$dir', not under $under" ;;
    esac
  fi
  local build_args=()
  [ -n "$target" ] && build_args=(--target "$target")
  "$OMNIROUTE_CMAKE" --build "$build" "${config_args[@]}" "${build_args[@]}"
  local exe
  for exe in "${runs[@]}"; do
    run_exe "$build" "$exe"
  done
}

cmd_pkg_config() {
  local prefix=$1 module=$2 source=$3 work=$4
  local pkg_config=${OMNIROUTE_PKG_CONFIG:-}
  [ -n "$pkg_config" ] && [ -x "$pkg_config" ] ||
    fail "pkg-config not found (install the pkg-config package and reconfigure)"
  export PKG_CONFIG_PATH="$prefix/$OMNIROUTE_LIBDIR/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

  local version where
  version=$("$pkg_config" --modversion "$module")
  [ "$version" = "$OMNIROUTE_VERSION" ] ||
    fail "pkg-config says $module is $version, the build is $OMNIROUTE_VERSION"
  # The prefix comes from the .pc file's location, wherever the tree is.
  where=$("$pkg_config" --variable=prefix "$module")
  [ "$(realpath "$where")" = "$(realpath "$prefix")" ] ||
    fail "$module.pc resolves its prefix to $where, not $prefix"

  local flags
  flags=$("$pkg_config" --cflags --libs "$module")
  echo "-- pkg-config --cflags --libs $module: $flags"
  rm -rf "$work"
  mkdir -p "$work"
  # shellcheck disable=SC2086 # the flags are words
  "$OMNIROUTE_CXX" -std=c++17 -Wall -Wextra "$source" $flags -o "$work/consumer"
  "$work/consumer"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  install) cmd_install "$@" ;;
  relocate) cmd_relocate "$@" ;;
  cmake) cmd_cmake "$@" ;;
  pkg-config) cmd_pkg_config "$@" ;;
  *) fail "usage: consume.sh install|relocate|cmake|pkg-config ..." ;;
esac

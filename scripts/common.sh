# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
# Shared by the scripts/ commands: installs missing Debian packages and builds a tree.
set -euo pipefail

OMNIROUTE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OMNIROUTE_JOBS=${OMNIROUTE_JOBS:-$(nproc)}

# The Debian packages every build needs.
OMNIROUTE_BASE_PACKAGES=(cmake ninja-build g++ pkg-config libboost-dev libfmt-dev catch2
  libbenchmark-dev nlohmann-json3-dev libcli11-dev)

# ensure_packages PKG...: installs those that are missing; needs root (or sudo) only then.
ensure_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build_tree DIR [cmake args...]: configures (once) and builds DIR with Ninja.
build_tree() {
  local dir=$1
  shift
  cmake -S "$OMNIROUTE_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$OMNIROUTE_JOBS"
}

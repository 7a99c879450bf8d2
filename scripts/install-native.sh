#!/usr/bin/env bash
# npm's postinstall (npm ci, npm install): the native TensorFlow backend by default where it can
# be had. @tensorflow/tfjs-node's own install downloads libtensorflow from Google's storage; where
# that fails npm drops it, and aelab would train on WebAssembly. When python3 with pip, a C++
# compiler and make are here, build it as `npm run setup:native` does (scripts/setup-native.sh:
# PyPI's tensorflow-cpu wheel, a couple of minutes). Whatever happens the install succeeds: a
# failed build leaves aelab on WebAssembly and says why.
#
#   AELAB_SKIP_NATIVE=1 npm ci     # no build; `npm run setup:native` does it later
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'aelab: %s\n' "$*"; }

# Only in aelab's own checkout: installed into another project, its dependencies are not here.
[[ -d node_modules/@tensorflow/tfjs ]] || exit 0
if [[ "${AELAB_SKIP_NATIVE:-0}" == 1 ]]; then
  say "native backend not built (AELAB_SKIP_NATIVE=1): training runs on WebAssembly; npm run setup:native builds it"
  exit 0
fi
node -e "require('@tensorflow/tfjs-node')" >/dev/null 2>&1 && exit 0

missing=()
command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 || missing+=("python3 with pip")
command -v "${CXX:-g++}" >/dev/null || missing+=("a C++ compiler (${CXX:-g++})")
command -v make >/dev/null || missing+=(make)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ ${#missing[@]} -eq 1 ]]; then
    list="${missing[0]} is"
  else
    list="$(printf '%s, ' "${missing[@]:0:${#missing[@]}-1}")"
    list="${list%, } and ${missing[-1]} are"
  fi
  say "native backend not built: ${list} missing; training runs on WebAssembly (npm run setup:native builds it once they are installed)"
  exit 0
fi

mkdir -p .cache/native
log=.cache/native/install.log
say "building the native TensorFlow backend from PyPI's tensorflow-cpu wheel (about 2 minutes; AELAB_SKIP_NATIVE=1 skips it; log: $log)"
if bash scripts/setup-native.sh >"$log" 2>&1; then
  say "native backend built: aelab trains on it (backend: tensorflow)"
else
  why="$(grep 'setup:native: error:' "$log" | tail -n1 | sed 's/^setup:native: error: //')"
  say "native backend not built: ${why:-see $log}; training runs on WebAssembly (npm run setup:native tries again)"
fi
exit 0

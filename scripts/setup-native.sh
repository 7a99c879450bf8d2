#!/usr/bin/env bash
# npm run setup:native — give @tensorflow/tfjs-node a libtensorflow without
# reaching outside the package registries, and build its addon against it.
#
# Why: tfjs-node's own install script downloads libtensorflow 2.9.1 and a
# prebuilt addon from Google's storage, which machines that only reach the
# registries cannot do; npm then drops the optional dependency and aelab falls
# back to WebAssembly. But PyPI's `tensorflow-cpu` wheel ships the same C API:
# tensorflow/libtensorflow_cc.so.2 (which, unlike the 2.9-era
# _pywrap_tensorflow_internal.so, has no Python symbols in it) plus
# libtensorflow_framework.so.2 and the C headers. tfjs-node's binding.gyp
# links `-ltensorflow -ltensorflow_framework` from its deps/lib with an rpath
# to that folder, so we put the wheel's files there and let tfjs-node's own
# `node-pre-gyp install --build-from-source` compile the addon.
#
# Steps (each skipped when already done, so re-running is cheap):
#   1. npm install --no-save --ignore-scripts @tensorflow/tfjs-node@<pinned>
#   2. pip download the tensorflow-cpu wheel into .cache/native (git-ignored)
#   3. unpack its two shared libraries and C headers into tfjs-node's deps/
#   4. build the addon with node-gyp against the local Node headers (offline)
#   5. check that matMul and conv2d gradients agree with the 'cpu' backend
#
# `npm ci` deletes node_modules and with it the addon: run this again after it.
# Needs: python3 with pip, a C++ compiler ($CXX or g++), make, Node's C headers (include/node beside
# the node binary, as the official builds and distro packages install them),
# glibc >= 2.27 (the wheel is manylinux_2_27), x86-64 Linux.
#
# Environment: TF_WHEEL_VERSION (default below), AELAB_NATIVE_FORCE=1 to
# rebuild even if the addon already loads.
set -euo pipefail

TF_WHEEL_VERSION="${TF_WHEEL_VERSION:-2.21.0}"
# The wheel's shared libraries are the same whatever the Python tag; pin one
# so that the download does not depend on the local Python version.
WHEEL_PYTHON="3.11"
WHEEL_PLATFORM="manylinux_2_27_x86_64"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cache="$root/.cache/native"
tfjs_node="$root/node_modules/@tensorflow/tfjs-node"

say() { printf 'setup:native: %s\n' "$*"; }
die() { printf 'setup:native: error: %s\n' "$*" >&2; exit 1; }

[[ "$(uname -s)" == Linux && "$(uname -m)" == x86_64 ]] ||
  die "only x86-64 Linux is supported (the wheel's libraries are built for it); this is $(uname -s) $(uname -m)"
[[ -d node_modules/@tensorflow/tfjs ]] || die "run 'npm ci' first"

tfjs_node_version="$(node -p "require('./package.json').optionalDependencies['@tensorflow/tfjs-node']")"
tfjs_version="$(node -p "require('@tensorflow/tfjs/package.json').version")"
[[ "$tfjs_node_version" == "$tfjs_version" ]] ||
  die "package.json pins @tensorflow/tfjs-node $tfjs_node_version but @tensorflow/tfjs is $tfjs_version; keep them equal (one tfjs-core)"

if [[ "${AELAB_NATIVE_FORCE:-0}" != 1 ]] && TF_CPP_MIN_LOG_LEVEL=2 node scripts/native/verify.mjs >/dev/null 2>&1; then
  say "@tensorflow/tfjs-node already loads and agrees with 'cpu' (AELAB_NATIVE_FORCE=1 to rebuild)"
  exit 0
fi

# Everything the build needs is checked before the 270 MB download, so a machine that cannot
# build the addon finds out in a second.
command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 ||
  die "python3 with pip is needed to fetch the tensorflow-cpu wheel"
command -v make >/dev/null || die "make is needed to build the addon"
# node-gyp's makefiles compile with $CXX, else make's default g++.
cxx="${CXX:-g++}"
command -v "$cxx" >/dev/null || die "a C++ compiler ($cxx) is needed to build the addon"
probe="$(mktemp -d)"
if ! printf 'int main() { return 0; }\n' | "$cxx" -x c++ - -o "$probe/probe" >"$probe/log" 2>&1; then
  first_line="$(head -n1 "$probe/log")"
  rm -rf "$probe"
  die "the C++ compiler ($(command -v "$cxx")) cannot build a program that does nothing${first_line:+: $first_line}"
fi
rm -rf "$probe"
# node-gyp would download Node's headers unless told where the local ones are.
if [[ -z "${npm_config_nodedir:-}" ]]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  for candidate in "$node_prefix" /usr /usr/local; do
    if [[ -f "$candidate/include/node/node_api.h" ]]; then
      export npm_config_nodedir="$candidate"
      break
    fi
  done
fi
[[ -n "${npm_config_nodedir:-}" && -f "$npm_config_nodedir/include/node/node_api.h" ]] ||
  die "Node's C headers (include/node/node_api.h) were not found next to $(command -v node); set npm_config_nodedir to the folder that holds include/node"

# 1. The npm package, without its install script (which would try to download).
if [[ "$(node -p "try{require('@tensorflow/tfjs-node/package.json').version}catch{''}")" != "$tfjs_node_version" ]]; then
  say "installing @tensorflow/tfjs-node@$tfjs_node_version (scripts off)"
  npm install --no-save --ignore-scripts --no-audit --no-fund "@tensorflow/tfjs-node@$tfjs_node_version"
fi

# 2. The wheel, from PyPI.
mkdir -p "$cache"
wheel="$(ls "$cache"/tensorflow_cpu-"$TF_WHEEL_VERSION"-*.whl 2>/dev/null | head -n1 || true)"
if [[ -z "$wheel" ]]; then
  say "downloading tensorflow-cpu==$TF_WHEEL_VERSION (about 270 MB) into .cache/native"
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
    --python-version "$WHEEL_PYTHON" --implementation cp --platform "$WHEEL_PLATFORM" \
    "tensorflow-cpu==$TF_WHEEL_VERSION" -d "$cache"
  wheel="$(ls "$cache"/tensorflow_cpu-"$TF_WHEEL_VERSION"-*.whl | head -n1)"
fi

# 3. libtensorflow into tfjs-node's deps/, where binding.gyp looks.
deps="$tfjs_node/deps"
say "unpacking libtensorflow from $(basename "$wheel") into node_modules/@tensorflow/tfjs-node/deps"
rm -rf "$deps"
python3 - "$wheel" "$deps" <<'PY'
import os, shutil, sys, zipfile
wheel, deps = sys.argv[1], sys.argv[2]
libs = {"tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"}
# The C API headers and what they include (tsl's ctstring and status headers).
header_roots = ("tensorflow/include/tensorflow/c/", "tensorflow/include/tensorflow/core/platform/",
                "tensorflow/include/tsl/", "tensorflow/include/xla/tsl/")
found = set()
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.endswith("/"):
            continue
        if name in libs:
            target = os.path.join(deps, "lib", os.path.basename(name))
            found.add(name)
        elif name.startswith(header_roots):
            target = os.path.join(deps, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(name) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
missing = libs - found
if missing:
    sys.exit(f"the wheel lacks {sorted(missing)}: this tensorflow-cpu version does not ship the C API as a library")
PY
# The linker looks for libtensorflow.so / libtensorflow_framework.so; the addon
# then records the real sonames (libtensorflow_cc.so.2, ...), found via rpath.
ln -sf libtensorflow_cc.so.2 "$deps/lib/libtensorflow.so"
ln -sf libtensorflow_framework.so.2 "$deps/lib/libtensorflow_framework.so"

# 4. Build the addon (against the Node headers found above).
say "building the addon against Node headers in $npm_config_nodedir/include/node"
log="$cache/build.log"
if ! (cd "$tfjs_node" && "$root/node_modules/.bin/node-pre-gyp" install --build-from-source) >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  die "the addon did not build (full log: .cache/native/build.log)"
fi

# 5. Prove it.
say "checking the 'tensorflow' backend against 'cpu'"
TF_CPP_MIN_LOG_LEVEL=2 node scripts/native/verify.mjs
say "done: import('@tensorflow/tfjs-node') now gives the 'tensorflow' backend (re-run after npm ci)"

#!/usr/bin/env bash
# Make sure <repo>/.venv/bin/mlflow exists, so that tests (and people) can run a real MLflow
# tracking server without touching the system Python. Idempotent: when everything is there it
# exits at once and prints nothing. Output is shown only when something fails.
#
#   scripts/ensure-mlflow.sh            # installs the newest mlflow 3.x with its [auth] extra
#   MLFLOW_PIP_SPEC='mlflow[auth]==3.17.2' scripts/ensure-mlflow.sh
#   AELAB_VENV=/path/to/project/.venv scripts/ensure-mlflow.sh   # another venv (what `aelab ui` uses)
#
# The full `mlflow` package is needed, not `mlflow-skinny`: only the former has the server.
# The [auth] extra (Flask-WTF) lets tests run `mlflow server --app-name basic-auth` to check
# that credentials really authenticate. An existing venv without it gets just the extra: pip
# does not upgrade an mlflow that already satisfies the spec.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${AELAB_VENV:-$root/.venv}"
spec="${MLFLOW_PIP_SPEC:-mlflow[auth]>=3,<4}"

ready() { [ -x "$venv/bin/mlflow" ] && "$venv/bin/python" -c 'import flask_wtf' >/dev/null 2>&1; }

ready && exit 0

# Several test files may call this at the same time on a fresh clone; one installs, the others
# wait for it and then find the binary. flock is Linux-only, so without it we just go ahead.
# The lock lives inside .venv, which is git-ignored (python3 -m venv accepts an existing dir).
if command -v flock >/dev/null 2>&1 && [ -z "${ENSURE_MLFLOW_LOCKED:-}" ]; then
  mkdir -p "$venv"
  exec env ENSURE_MLFLOW_LOCKED=1 flock "$venv/.ensure-mlflow.lock" "$0" "$@"
fi
ready && exit 0

if ! command -v python3 >/dev/null 2>&1; then
  echo "ensure-mlflow: python3 was not found; install Python 3.10 or newer (with the venv module) and try again" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" >"$log" 2>&1; then
    cat "$log" >&2
    echo "ensure-mlflow: 'python3 -m venv $venv' failed (output above); on Debian/Ubuntu install python3-venv" >&2
    exit 1
  fi
fi

if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec" >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-mlflow: 'pip install $spec' into $venv failed (output above)" >&2
  exit 1
fi

if ! ready; then
  echo "ensure-mlflow: pip finished but $venv/bin/mlflow or its auth extra (flask_wtf) is still missing" >&2
  exit 1
fi

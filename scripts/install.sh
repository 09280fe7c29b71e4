#!/usr/bin/env bash
# Install argmap into .venv, and Graphviz when it is missing and this machine lets us.
#   bash scripts/install.sh          the package
#   bash scripts/install.sh --test   the package and the test tools (pytest, hypothesis, ruff)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi

if ! command -v dot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="no"; fi
  if [ "$sudo" != "no" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install: Graphviz is missing; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null
    $sudo apt-get install -y -qq graphviz </dev/null >/dev/null
  else
    echo "install: Graphviz's dot is missing and cannot be installed here (no root, sudo or apt-get)." >&2
    echo "install: argmap still writes .dot files; install Graphviz for SVG, PNG and PDF." >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".${extras}"
echo "install: argmap $(.venv/bin/argmap --version | awk '{print $NF}') is in .venv (run .venv/bin/argmap)"

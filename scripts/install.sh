#!/usr/bin/env bash
# Install argmap into .venv, and Python's venv and Graphviz when they are missing and this machine lets us.
#   bash scripts/install.sh          the package
#   bash scripts/install.sh --test   the package and the test tools (pytest, hypothesis, ruff, import-linter,
#                                    selenium, and Debian's chromium and chromium-driver for the page's tests)
# The venv is made by the system's Python (/usr/bin/python3, Debian's) when it can make one, else by
# python3 on the PATH; set ARGMAP_PYTHON to choose another (and remove .venv to switch).
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi

# apt_install WHAT PACKAGE...: install Debian packages, or say why not and return 1.
apt_install() {
  local what="$1" sudo
  shift
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="no"; fi
  if [ "$sudo" = "no" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install: $what is missing and cannot be installed here (no root, sudo or apt-get)." >&2
    return 1
  fi
  echo "install: $what is missing; installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq </dev/null
  $sudo apt-get install -y -qq "$@" </dev/null >/dev/null
}

if ! command -v dot >/dev/null 2>&1; then
  apt_install "Graphviz's dot" graphviz || echo "install: argmap still writes .dot files; install Graphviz for SVG, PNG and PDF." >&2
fi

# The interactive page's tests drive a real browser: Debian's chromium, through chromium-driver.
if [ -n "$extras" ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
  apt_install "Chromium and its driver" chromium chromium-driver || echo "install: the tests of the interactive page will be skipped." >&2
fi

if [ ! -x .venv/bin/python ]; then
  # Which Python makes the venv is only asked when there is none yet.
  can_make_venv='import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 10))'
  if [ -n "${ARGMAP_PYTHON:-}" ]; then
    python="$ARGMAP_PYTHON"
  elif /usr/bin/python3 -c "$can_make_venv" >/dev/null 2>&1; then
    python=/usr/bin/python3
  else
    python=python3
  fi
  # A fresh Debian has no python3, or one without venv and pip (they are the package python3-venv).
  if ! "$python" -c "$can_make_venv" >/dev/null 2>&1; then
    if [ -n "${ARGMAP_PYTHON:-}" ]; then
      echo "install: $python cannot make a venv (no such program, older than 3.10, or no venv module)" >&2
      exit 2
    fi
    apt_install "Python 3.10 or later with venv" python3 python3-venv || exit 2
    python=/usr/bin/python3
  fi
  "$python" -m venv .venv
fi
# Exactly the locked versions, each checked against its hash (requirements/*.txt, made by `make lock`
# from the ranges in setup.cfg), then argmap itself with nothing more: a new upstream release cannot
# change what gets installed. --no-build-isolation builds argmap with the locked setuptools.
lock=requirements/runtime.txt
if [ -n "$extras" ]; then lock=requirements/test.txt; fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" --require-hashes --only-binary :all: -r "$lock"
"${pip[@]}" --no-deps --no-build-isolation --editable .
echo "install: argmap $(.venv/bin/argmap --version | awk '{print $NF}') is in .venv, on $(.venv/bin/python -c 'import sys; print("Python", sys.version.split()[0], "from", sys.base_prefix)') (run .venv/bin/argmap)"

#!/usr/bin/env bash
# Install what the tests need, then run the linter and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
.venv/bin/ruff check argmap tests bench scripts
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "test: pytest collected no tests"  # not a failure of the code under test
  exit 0
fi
exit "$status"

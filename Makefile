PYTHON ?= .venv/bin/python

.PHONY: bench shapes hostile interchange viewer-bench screenshots fuzz fuzz-atheris lock test-newest docs mermaid

# Benchmark argmap against Argdown on generated maps (issue 7); not part of the tests. Installs the
# Argdown CLI into bench/.argdown when missing. Pass e.g. BENCH_ARGS="--sizes 1000,10000 --runs 5".
bench:
	$(PYTHON) bench/run.py $(BENCH_ARGS)

# How check and brief grow on maps of extreme shape (chains, fans, trees, ladders) at N and 2N claims.
shapes:
	$(PYTHON) bench/shapes.py $(SHAPES_ARGS)

# How check grows on hostile inputs (long lines, many quotes, repeated ids): each should be about linear.
# Pass e.g. HOSTILE_ARGS="--shapes quotes --runs 3"; docs/threat-model.md quotes the figures.
hostile:
	$(PYTHON) bench/hostile.py $(HOSTILE_ARGS)

# How fast the interactive page (render -f html) opens in headless Chromium: the combined seed map and
# generated maps of 2,000 and 10,000 claims. Pass e.g. VIEWER_BENCH_ARGS="--sizes 10000 --runs 9".
viewer-bench:
	$(PYTHON) bench/viewer.py $(VIEWER_BENCH_ARGS)

# docs/viewer-*.png: the seed maps' pages (render them first: bash scripts/setup.sh).
screenshots:
	$(PYTHON) scripts/screenshots.py

# Long fuzzing (issue 6); the normal test run uses small budgets. Split a long run over processes
# with different seeds, e.g. `make fuzz FUZZ_SEED=2 &`.
FUZZ_SEED ?= 1
FUZZ_MUTATIONS ?= 50000
FUZZ_STRUCTURED ?= 50000
FUZZ_RENDER ?= 10000
FUZZ_KILLS ?= 200
FUZZ_HOSTILE ?= 500
FUZZ_HOSTILE_BYTES ?= 16384
FUZZ_FRAMEWORKS ?= 20000
FUZZ_CLINGO ?= 2000
FUZZ_BRUTE_FORCE ?= 2000
fuzz:
	ARGMAP_FUZZ_SEED=$(FUZZ_SEED) ARGMAP_FUZZ_MUTATIONS=$(FUZZ_MUTATIONS) ARGMAP_FUZZ_STRUCTURED=$(FUZZ_STRUCTURED) \
	ARGMAP_FUZZ_RENDER=$(FUZZ_RENDER) ARGMAP_FUZZ_KILLS=$(FUZZ_KILLS) ARGMAP_FUZZ_HOSTILE=$(FUZZ_HOSTILE) \
	ARGMAP_FUZZ_HOSTILE_BYTES=$(FUZZ_HOSTILE_BYTES) \
	ARGMAP_SEMANTICS_FRAMEWORKS=$(FUZZ_FRAMEWORKS) ARGMAP_SEMANTICS_FRAMEWORKS_I23=$(FUZZ_FRAMEWORKS) ARGMAP_CLINGO_FRAMEWORKS=$(FUZZ_CLINGO) \
	ARGMAP_BRUTE_FORCE_MAPS=$(FUZZ_BRUTE_FORCE) \
	$(PYTHON) -m pytest tests/fuzz tests/test_outputs.py tests/test_semantics.py tests/test_clingo.py -p no:cacheprovider -q -rP --durations=0 \
	--hypothesis-seed=$(FUZZ_SEED) --hypothesis-show-statistics

# Coverage-guided fuzzing of check with atheris (installed into the venv if missing). Pass libFuzzer
# options, e.g. ATHERIS_ARGS="-max_total_time=600" or "-runs=100000 -jobs=2".
ATHERIS_ARGS ?= -runs=100000
fuzz-atheris:
	$(PYTHON) -c "import atheris" 2>/dev/null || $(PYTHON) -m pip install atheris
	$(PYTHON) tests/fuzz/atheris_check.py $(ATHERIS_ARGS)

# Re-lock requirements/*.txt from setup.cfg's ranges, pinned with their hashes (what scripts/install.sh
# installs). `make lock` keeps every pin that still fits and adds what a new requirement needs;
# `make lock UPGRADE=1` moves every pin to the newest version the ranges allow: run `make test-newest`
# first, then commit the new lock files with the tests green. An upgrade is a deliberate, tested step.
LOCK_VENV ?= build/lock-venv
LOCK = $(LOCK_VENV)/bin/pip-compile --quiet $(if $(UPGRADE),--upgrade) --generate-hashes --allow-unsafe --all-build-deps \
	--no-emit-index-url --no-emit-find-links --strip-extras
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet pip-tools; }
	$(LOCK) -o requirements/runtime.txt setup.cfg
	$(LOCK) --extra test -o requirements/test.txt setup.cfg

# The whole test suite against the newest versions setup.cfg allows, in a throwaway venv (not the lock).
NEWEST_VENV ?= build/newest-venv
test-newest:
	rm -rf $(NEWEST_VENV) && $(PYTHON) -m venv $(NEWEST_VENV)
	$(NEWEST_VENV)/bin/pip install --quiet --upgrade ".[test]"
	$(NEWEST_VENV)/bin/pip freeze --exclude-editable
	ARGMAP_TEST_NEWEST=1 $(NEWEST_VENV)/bin/python -m pytest -q -p no:cacheprovider

# The generated reference pages (docs/rules.md from the rule docstrings, docs/cli.md from --help).
docs:
	$(PYTHON) scripts/docs.py

# Mermaid's own parser (npm: mermaid and jsdom, pinned by tests/mermaid/package-lock.json) in build/mermaid,
# for tests/test_mermaid.py, which parses `argmap export -f mermaid` with it (skipped, saying so, without it).
MERMAID_DIR ?= build/mermaid
mermaid:
	mkdir -p $(MERMAID_DIR)
	cp tests/mermaid/package.json tests/mermaid/package-lock.json tests/mermaid/parse.mjs $(MERMAID_DIR)/
	cd $(MERMAID_DIR) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# argmap import and check of 20,000-claim AIF and Kialo files, and a check of 2,000 imported maps with one bad
# file; not part of the tests. Pass e.g. INTERCHANGE_ARGS="--claims 5000 --maps 200 --runs 1".
interchange:
	$(PYTHON) bench/interchange.py $(INTERCHANGE_ARGS)

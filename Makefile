PYTHON ?= .venv/bin/python

.PHONY: bench shapes fuzz fuzz-atheris

# Benchmark argmap against Argdown on generated maps (issue 7); not part of the tests. Installs the
# Argdown CLI into bench/.argdown when missing. Pass e.g. BENCH_ARGS="--sizes 1000,10000 --runs 5".
bench:
	$(PYTHON) bench/run.py $(BENCH_ARGS)

# How check and brief grow on maps of extreme shape (chains, fans, trees, ladders) at N and 2N claims.
shapes:
	$(PYTHON) bench/shapes.py $(SHAPES_ARGS)

# Long fuzzing (issue 6); the normal test run uses small budgets. Split a long run over processes
# with different seeds, e.g. `make fuzz FUZZ_SEED=2 &`.
FUZZ_SEED ?= 1
FUZZ_MUTATIONS ?= 50000
FUZZ_STRUCTURED ?= 50000
FUZZ_RENDER ?= 10000
FUZZ_KILLS ?= 200
FUZZ_FRAMEWORKS ?= 20000
FUZZ_CLINGO ?= 2000
FUZZ_BRUTE_FORCE ?= 2000
fuzz:
	ARGMAP_FUZZ_SEED=$(FUZZ_SEED) ARGMAP_FUZZ_MUTATIONS=$(FUZZ_MUTATIONS) ARGMAP_FUZZ_STRUCTURED=$(FUZZ_STRUCTURED) \
	ARGMAP_FUZZ_RENDER=$(FUZZ_RENDER) ARGMAP_FUZZ_KILLS=$(FUZZ_KILLS) \
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

# make bench: riskgate against git on a generated monorepo (tools/bench/gen.py,
# cached in $(BENCH_DIR)/repo); the table on standard output, every sample in
# $(BENCH_DIR)/results.json. Knobs: BENCH_RUNS (measured runs per case, after
# one warm-up), BENCH_BUDGET (seconds per case after which a slow case stops
# early, at least one run), BENCH_HOOK_LIMIT (seconds after which a pre-receive
# run is killed), BENCH_ARGS (more tools/bench/run.py options, e.g. --only pr).
# make bench-gen: only generate the repository.
# make bench BENCH_REAL=DIR: the same cases on a real repository instead (git/git's
# ranges by default; tools/bench/README.md), results in $(BENCH_DIR)/results-real.json.
# Included at the end of the Makefile: the default goal is unchanged.

BENCH_DIR ?= build/bench
BENCH_RUNS ?= 7
BENCH_BUDGET ?= 180
BENCH_HOOK_LIMIT ?= 60
BENCH_PYTHON ?= python3
BENCH_ARGS ?=
BENCH_REAL ?=

.PHONY: bench bench-gen

bench-gen:
	$(BENCH_PYTHON) tools/bench/gen.py $(BENCH_DIR)/repo

ifeq ($(BENCH_REAL),)
bench: riskgate bench-gen
	$(BENCH_PYTHON) tools/bench/run.py --riskgate ./riskgate --repo $(BENCH_DIR)/repo \
		--runs $(BENCH_RUNS) --budget $(BENCH_BUDGET) --hook-limit $(BENCH_HOOK_LIMIT) --out $(BENCH_DIR)/results.json $(BENCH_ARGS)
else
bench: riskgate
	$(BENCH_PYTHON) tools/bench/run.py --riskgate ./riskgate --real $(BENCH_REAL) \
		--runs $(BENCH_RUNS) --budget $(BENCH_BUDGET) --hook-limit $(BENCH_HOOK_LIMIT) --out $(BENCH_DIR)/results-real.json $(BENCH_ARGS)
endif

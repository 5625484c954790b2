# riskgate — build, test and demonstration.
#
#   make            build ./riskgate
#   make run        install missing libraries, build, run the gate on a demo repository
#   make test       install what is missing, then the whole test suite four
#                   ways: plain, under ASan/UBSan, under valgrind, and a
#                   short run of every fuzz target (what CI runs)
#   make test-quick the suite once, plain (add SANITIZE=address,undefined for
#                   ASan/UBSan in build-san/, or VALGRIND=1 for memcheck in
#                   build-vg/)
#   make bench      the benchmark against git (tools/bench/)
#   make fuzz       every fuzz target for FUZZ_TIME seconds (tests/fuzz/)
#   make WERROR=1   treat warnings as errors (CI)

CC ?= cc
PKGS := libgit2 libcjson libpcre2-8

WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla -Wformat=2 -Wwrite-strings
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif
ifneq ($(CI),)
WARNINGS += -Werror
endif

OPT ?= -O2 -g
BUILD := build
ifneq ($(SANITIZE),)
BUILD := build-san
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
endif
# Without PCRE2's JIT: its code reads whole vectors past short subjects,
# which memcheck cannot tell from a bug.
ifneq ($(VALGRIND),)
BUILD := build-vg
OPT := -O1 -g -DGATE_REGEX_NO_JIT
endif
# Seconds each fuzz target runs within `make test`.
FUZZ_TEST_TIME ?= 20

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ALL_CFLAGS = $(WARNINGS) $(OPT) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

LIB_SRC := $(wildcard src/*.c) $(wildcard src/checks/*.c)
CMD_SRC := $(wildcard cmd/*.c)
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/default_policy.o
CMD_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(CMD_SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
HEADERS := $(wildcard include/riskgate/*.h) $(wildcard src/checks/*.h) $(wildcard cmd/*.h)

BIN := $(BUILD)/riskgate

.PHONY: all deps run test test-quick unit check-deps clean format
all: riskgate

# Only the plain build is copied to ./riskgate.
ifeq ($(BUILD),build)
riskgate: $(BIN)
	cp $(BIN) riskgate
else
riskgate: $(BIN)
endif

$(BIN): $(CMD_OBJ) $(BUILD)/libriskgate.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libriskgate.a $(PKG_LIBS)

$(BUILD)/libriskgate.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The shipped default policy is compiled into the binary.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(BUILD)
	$(CC) -O1 -o $@ $<

$(BUILD)/default_policy.c: policies/default.json $(BUILD)/embed
	$(BUILD)/embed gate_builtin_policy < policies/default.json > $@

$(BUILD)/default_policy.o: $(BUILD)/default_policy.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libriskgate.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libriskgate.a $(PKG_LIBS)

# Installs the three libraries (and the tools the tests use) when missing.
deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory riskgate
	@sh tools/demo.sh ./riskgate

unit: $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory test-quick
	@$(MAKE) --no-print-directory SANITIZE=address,undefined test-quick
	@$(MAKE) --no-print-directory VALGRIND=1 test-quick
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=$(FUZZ_TEST_TIME)

test-quick: deps
	@$(MAKE) --no-print-directory riskgate unit
ifneq ($(VALGRIND),)
	@rm -rf $(BUILD)/vg-logs && mkdir -p $(BUILD)/vg-logs
	@VG_LOG_DIR=$(abspath $(BUILD)/vg-logs) VG_BIN=$(abspath $(BIN)) CASE_TIMEOUT_SCALE=20 \
		RISKGATE=$(abspath tests/valgrind.sh) RISKGATE_BIN=$(abspath $(BIN)) \
		UNIT_DIR=$(abspath $(BUILD)/tests) sh tests/run.sh
else
	@RISKGATE=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) \
		CASE_TIMEOUT_SCALE=$(if $(SANITIZE),4,1) sh tests/run.sh
endif

clean:
	rm -rf build build-san build-vg build-fuzz riskgate

format:
	clang-format -i $(LIB_SRC) $(CMD_SRC) $(HEADERS) $(UNIT_SRC)

# make fuzz [FUZZ_TIME=seconds]: the libFuzzer targets (clang).
-include tests/fuzz/fuzz.mk
# make bench: the benchmark against git on a generated monorepo.
-include tools/bench/bench.mk

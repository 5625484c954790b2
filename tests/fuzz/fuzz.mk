# libFuzzer targets for the parsers of untrusted input (tests/fuzz/README.md).
#
#   make fuzz [FUZZ_TIME=60]   build every target and fuzz each for FUZZ_TIME seconds
#   make fuzz-build            build the targets only
#   make fuzz-regress          run each target once over its committed seeds
#
# Every tests/fuzz/fuzz_<name>.c is a target; its seeds are in
# tests/fuzz/corpus/<name>/ and its optional dictionary in tests/fuzz/<name>.dict.
# Needs clang with the libFuzzer runtime; everything is built in build-fuzz/.

FUZZ_CC ?= clang
FUZZ_DIR := build-fuzz
FUZZ_TIME ?= 60
FUZZ_SANITIZE := address,undefined
FUZZ_CFLAGS := -std=c11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,$(FUZZ_SANITIZE) -fno-sanitize-recover=all \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc -Itests/unit $(PKG_CFLAGS)
FUZZ_LDFLAGS := -g -fsanitize=fuzzer,$(FUZZ_SANITIZE) -fno-sanitize-recover=all

FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
FUZZ_BINS := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_NAMES))
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_DIR)/%.o,$(LIB_SRC)) $(FUZZ_DIR)/default_policy.o
FUZZ_STAMP := $(FUZZ_DIR)/.toolchain-ok

.PHONY: fuzz fuzz-build fuzz-regress fuzz-clean

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh fuzz $(FUZZ_DIR) $(FUZZ_TIME) $(FUZZ_NAMES)

fuzz-regress: fuzz-build
	@sh tests/fuzz/run.sh regress $(FUZZ_DIR) 0 $(FUZZ_NAMES)

fuzz-clean:
	rm -rf $(FUZZ_DIR)

# Fails early, with the packages to install, when clang or its libFuzzer
# runtime is missing (a plain `cc` cannot build these targets).
$(FUZZ_STAMP):
	@mkdir -p $(FUZZ_DIR)
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
		echo "fuzz: '$(FUZZ_CC)' not found; install clang and its libFuzzer runtime" \
			"(Debian/Ubuntu: apt-get install clang libclang-rt-dev, or clang-14" \
			"libclang-rt-14-dev) or set FUZZ_CC" >&2; exit 1; }
	@printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
		> $(FUZZ_DIR)/probe.c
	@$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $(FUZZ_DIR)/probe $(FUZZ_DIR)/probe.c >/dev/null 2>&1 || { \
		echo "fuzz: '$(FUZZ_CC)' cannot link with -fsanitize=fuzzer; install the libFuzzer" \
			"runtime (Debian/Ubuntu: libclang-rt-dev, or libclang-rt-<version>-dev" \
			"matching clang)" >&2; exit 1; }
	@rm -f $(FUZZ_DIR)/probe $(FUZZ_DIR)/probe.c
	@touch $@

$(FUZZ_DIR)/src/%.o: src/%.c $(HEADERS) $(FUZZ_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/embed: $(EMBED_SRC) include/riskgate/sha256.h $(FUZZ_STAMP)
	$(FUZZ_CC) -O1 -Iinclude -o $@ $(EMBED_SRC)

$(FUZZ_DIR)/default_policy.c: policies/default.json $(FUZZ_DIR)/embed
	$(FUZZ_DIR)/embed gate_builtin_policy < policies/default.json > $@

$(FUZZ_DIR)/default_policy.o: $(FUZZ_DIR)/default_policy.c
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/libriskgate.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DIR)/libriskgate.a $(HEADERS)
	$(FUZZ_CC) $(WARNINGS) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) -o $@ $< $(FUZZ_DIR)/libriskgate.a $(PKG_LIBS)

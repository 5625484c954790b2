# riskgate — build, test and demonstration.
#
#   make            build ./riskgate
#   make run        install missing libraries, build, run the gate on a demo repository
#   make test       install what is missing, then the whole suite twice: plain
#                   and under ASan/UBSan (what a contributor runs)
#   make test-all   `make test`, then the suite under valgrind's memcheck, the
#                   threaded suites under ThreadSanitizer (make test-tsan) and
#                   a short run of every fuzz target (what CI runs)
#   make test-quick the suite once, plain (add SANITIZE=address,undefined for
#                   ASan/UBSan in build-san/, or VALGRIND=1 for memcheck in
#                   build-vg/)
#   make test T=cases CASES='attack-*'
#                   only the named suites (a suite's name is its file's:
#                   tests/<name>_test.sh, tests/unit/<name>.c), and within
#                   "cases" only the testdata/ cases matching the pattern
#   make bench      the benchmark against git (tools/bench/)
#   make fuzz       every fuzz target for FUZZ_TIME seconds (tests/fuzz/)
#   make WERROR=1   treat warnings as errors (CI)
#   make V=1        print every command in full

CC ?= cc
# librnp (OpenPGP commit signatures) is optional: without it, or with
# RNP=0, --openpgp-keyring is refused and OpenPGP signatures do not count
# (`riskgate --version` says which). The tests need it.
HAVE_RNP := $(if $(filter 0,$(RNP)),,$(shell pkg-config --exists librnp 2>/dev/null && echo 1))
# Hyperscan (libhs: the classifier's prefilter over all tier patterns) is
# optional too: without it, or with HS=0, every path is matched against the
# tiers' patterns one by one, slower and with the same results (`riskgate
# --version` says which).
HAVE_HS := $(if $(filter 0,$(HS)),,$(shell pkg-config --exists libhs 2>/dev/null && echo 1))
# zlib (commit headers read from pack files, src/packcommit.c) comes with
# libgit2, which needs it; by pkg-config where it knows it, else -lz.
HAVE_ZLIB_PC := $(shell pkg-config --exists zlib 2>/dev/null && echo 1)
PKGS := libgit2 libcjson libpcre2-8 libcrypto $(if $(HAVE_ZLIB_PC),zlib) $(if $(HAVE_RNP),librnp) $(if $(HAVE_HS),libhs)

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
# ThreadSanitizer cannot share objects with ASan/UBSan: a directory of its own.
BUILD := $(if $(findstring thread,$(SANITIZE)),build-tsan,build-san)
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

# librnp is not linked: src/openpgp.c loads it by its SONAME when a keyring
# is first given (it costs every run ~7 ms of start-up otherwise).
RNP_SONAME = $(shell objdump -p "$$(pkg-config --variable=libdir librnp)/librnp.so" 2>/dev/null | \
	awk '/SONAME/ {print $$2}')
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	$(if $(HAVE_RNP),-DGATE_HAVE_RNP -DGATE_RNP_SONAME='"$(or $(RNP_SONAME),librnp.so.0)"') \
	$(if $(HAVE_HS),-DGATE_HAVE_HYPERSCAN)
PKG_LIBS = $(shell pkg-config --libs $(filter-out librnp,$(PKGS)) 2>/dev/null) $(if $(HAVE_ZLIB_PC),,-lz) \
	$(if $(HAVE_RNP),-ldl)

# -pthread: the per-commit comparison runs on a second thread
# (include/riskgate/history.h).
# make static: one binary with no shared library, for a chroot such as
# GitHub Enterprise Server's pre-receive hook environment (build-static/).
# libgit2 (without network transports) and cJSON are built from Debian's
# source packages by tools/static/deps.sh; the rest links from the -dev
# packages' static archives. Without librnp: OpenPGP signatures are refused
# as unverifiable (`riskgate --version` says so).
ifeq ($(STATIC),1)
BUILD := build-static
HAVE_RNP :=
STATIC_DEPS := $(BUILD)/deps
PKG_CFLAGS = -I$(STATIC_DEPS)/include $(shell pkg-config --cflags libpcre2-8 libcrypto \
	$(if $(HAVE_HS),libhs) 2>/dev/null) $(if $(HAVE_HS),-DGATE_HAVE_HYPERSCAN)
PKG_LIBS = -static $(STATIC_DEPS)/lib/libgit2.a $(STATIC_DEPS)/lib/libcjson.a -lhttp_parser \
	-lpcre2-8 -lcrypto -lz -lrt $(if $(HAVE_HS),-lhs -lstdc++) -lm -ldl
endif

ALL_CFLAGS = $(WARNINGS) $(OPT) -pthread $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(OPT) -pthread $(LDFLAGS)

LIB_SRC := $(wildcard src/*.c) $(wildcard src/checks/*.c)
CMD_SRC := $(wildcard cmd/*.c)
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/default_policy.o
CMD_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(CMD_SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
# The unit tests' shared helpers (tests/unit/*.c but the tests), linked into
# every unit test.
UNIT_LIB_SRC := $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c))
UNIT_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(UNIT_LIB_SRC))
# Built by the pattern rule for objects, yet kept like any other object
# rather than deleted as an intermediate file after each link.
.SECONDARY: $(UNIT_LIB_OBJ)
HEADERS := $(wildcard include/riskgate/*.h) $(wildcard src/*.h) $(wildcard src/checks/*.h) $(wildcard cmd/*.h)

BIN := $(BUILD)/riskgate

# Quiet lines ("CC src/repo.c") unless V=1.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

.PHONY: all deps run test test-all test-quick test-tsan unit check-deps clean format
all: riskgate

# Only the plain build is copied to ./riskgate.
ifeq ($(BUILD),build)
riskgate: $(BIN)
	$(Q)cp $(BIN) riskgate
else
riskgate: $(BIN)
endif

ifeq ($(STATIC),1)
$(STATIC_DEPS)/stamp:
	$(say) DEPS $(STATIC_DEPS)
	$(Q)sh tools/static/deps.sh $(STATIC_DEPS)
$(LIB_OBJ) $(CMD_OBJ): | $(STATIC_DEPS)/stamp
endif

.PHONY: static
static:
	@$(MAKE) --no-print-directory STATIC=1 SANITIZE= VALGRIND= riskgate

$(BIN): $(CMD_OBJ) $(BUILD)/libriskgate.a
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libriskgate.a $(PKG_LIBS)

$(BUILD)/libriskgate.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(LIB_OBJ)

# Each object's header dependencies come from the compiler (-MMD -MP):
# touching a header rebuilds exactly what includes it.
# A missing .d (an older tree) makes its object out of date.
$(BUILD)/%.o: %.c $(BUILD)/%.d
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.d: ;
.PRECIOUS: $(BUILD)/%.d
-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UNIT_LIB_OBJ:.o=.d) $(UNIT_BIN:=.d)

# The shipped default policy is compiled into the binary.
# The embed tool hashes the policy with the binary's own SHA-256; the fuzz
# build (tests/fuzz/fuzz.mk) builds it from the same sources.
EMBED_SRC := tools/embed.c src/sha256.c
$(BUILD)/embed: $(EMBED_SRC) include/riskgate/sha256.h
	@mkdir -p $(BUILD)
	$(say) CC $<
	$(Q)$(CC) -O1 -Iinclude -o $@ $(EMBED_SRC)

$(BUILD)/default_policy.c: policies/default.json $(BUILD)/embed
	$(say) EMBED $<
	$(Q)$(BUILD)/embed gate_builtin_policy < policies/default.json > $@

$(BUILD)/default_policy.o: $(BUILD)/default_policy.c
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(UNIT_LIB_OBJ) $(BUILD)/libriskgate.a
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/unit -o $@ $< $(UNIT_LIB_OBJ) $(BUILD)/libriskgate.a \
		$(PKG_LIBS)

# Installs the three libraries (and the tools the tests use) when missing.
deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory riskgate
	@sh tools/demo.sh ./riskgate

unit: $(UNIT_BIN)

# What a contributor runs: the suite plain, then under ASan/UBSan with the
# randomized differential suites cut to a quarter (SMALL=1).
test: deps
	@$(MAKE) --no-print-directory test-quick
	@$(MAKE) --no-print-directory SANITIZE=address,undefined SMALL=1 test-quick

# What CI runs: plain, ASan/UBSan at full size, memcheck, and every fuzz
# target briefly.
test-all: deps
	@$(MAKE) --no-print-directory test-quick
	@$(MAKE) --no-print-directory SANITIZE=address,undefined test-quick
	@$(MAKE) --no-print-directory VALGRIND=1 test-quick
	@$(MAKE) --no-print-directory test-tsan
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=$(FUZZ_TEST_TIME)

# The suites that run the second thread (the per-commit comparison read
# ahead, include/riskgate/history.h) under ThreadSanitizer.
TSAN_SUITES = test_history test_change threads
test-tsan: deps
	@$(MAKE) --no-print-directory SANITIZE=thread test-quick T="$(TSAN_SUITES)"

# SMALL=1: fewer random histories and messages in the suites compared with git.
SMALL_KNOBS = $(if $(SMALL),RISKGATE_TEST_HISTORIES=12 ORACLE_HISTORIES=10 TRAILERS_MESSAGES=800)

test-quick: deps
	@$(MAKE) --no-print-directory riskgate unit
ifneq ($(VALGRIND),)
	@rm -rf $(BUILD)/vg-logs && mkdir -p $(BUILD)/vg-logs
	@VG_LOG_DIR=$(abspath $(BUILD)/vg-logs) VG_BIN=$(abspath $(BIN)) CASE_TIMEOUT_SCALE=20 \
		RISKGATE=$(abspath tests/valgrind.sh) RISKGATE_BIN=$(abspath $(BIN)) \
		UNIT_DIR=$(abspath $(BUILD)/tests) T="$(T)" CASES="$(CASES)" sh tests/run.sh
else
	@$(SMALL_KNOBS) RISKGATE=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) T="$(T)" \
		CASES="$(CASES)" CASE_TIMEOUT_SCALE=$(if $(SANITIZE),4,1) sh tests/run.sh
endif

clean:
	rm -rf build build-san build-tsan build-vg build-fuzz riskgate

# make install [PREFIX=/usr/local] [DESTDIR=stage]: the binary, the manual
# pages, shell completion, the documentation, and the shipped policies (as
# data: a policy is copied and edited, so it must not be compressed as a
# package compresses documentation). The
# pages and completions are generated from the binary's own --help and from
# docs/policy.md (tools/docgen/), so they say what the binary does.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/riskgate
DATADIR ?= $(PREFIX)/share/riskgate
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# Debian's zsh reads /usr/share/zsh/vendor-completions for packages and
# PREFIX/share/zsh/site-functions for /usr/local.
ZSHCOMPDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
DOCGEN := $(wildcard tools/docgen/*)

$(BUILD)/man/stamp: $(BIN) docs/policy.md $(DOCGEN)
	$(say) MAN $(BUILD)/man
	$(Q)rm -rf $(BUILD)/man
	$(Q)sh tools/docgen/man.sh $(BIN) $(BUILD)/man
	$(Q)touch $@

$(BUILD)/completions/stamp: $(BIN) $(DOCGEN)
	$(say) COMP $(BUILD)/completions
	$(Q)rm -rf $(BUILD)/completions
	$(Q)sh tools/docgen/completions.sh $(BIN) $(BUILD)/completions
	$(Q)touch $@

.PHONY: man completions install uninstall
man: $(BUILD)/man/stamp
completions: $(BUILD)/completions/stamp

install: $(BIN) $(BUILD)/man/stamp $(BUILD)/completions/stamp
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/policies $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/riskgate
	install -m 644 $(BUILD)/man/man1/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(BUILD)/man/man5/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	install -m 644 policies/*.json $(DESTDIR)$(DATADIR)/policies/
	install -m 644 $(BUILD)/completions/riskgate.bash $(DESTDIR)$(BASHCOMPDIR)/riskgate
	install -m 644 $(BUILD)/completions/_riskgate $(DESTDIR)$(ZSHCOMPDIR)/_riskgate
	install -m 644 $(BUILD)/completions/riskgate.fish $(DESTDIR)$(FISHCOMPDIR)/riskgate.fish

# Removes what install wrote (and only that: named files, then the two
# directories of its own if they are left empty).
uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/riskgate' '$(DESTDIR)$(MANDIR)/man1/riskgate.1' \
		'$(DESTDIR)$(MANDIR)/man5/riskgate-policy.5' '$(DESTDIR)$(BASHCOMPDIR)/riskgate' \
		'$(DESTDIR)$(ZSHCOMPDIR)/_riskgate' '$(DESTDIR)$(FISHCOMPDIR)/riskgate.fish' \
		'$(DESTDIR)$(MANDIR)/man1/'riskgate-*.1 \
		$(foreach f,README.md $(wildcard docs/*.md),'$(DESTDIR)$(DOCDIR)/$(notdir $(f))') \
		$(foreach f,$(wildcard policies/*.json),'$(DESTDIR)$(DATADIR)/policies/$(notdir $(f))')
	-rmdir '$(DESTDIR)$(DOCDIR)' '$(DESTDIR)$(DATADIR)/policies' '$(DESTDIR)$(DATADIR)' 2>/dev/null

# make format: the whole tree in the house style (.clang-format). The style is
# pinned to clang-format 14 (Debian 12's); other majors reflow differently, so
# they are refused rather than allowed to churn the tree. main is always
# formatted: `make format` there changes nothing.
CLANG_FORMAT ?= clang-format
CLANG_FORMAT_MAJOR = 14
FORMAT_SRC = $(wildcard src/*.c src/*.h src/checks/*.c src/checks/*.h cmd/*.c cmd/*.h include/riskgate/*.h tests/unit/*.c \
	tests/unit/*.h tests/fuzz/*.c tools/*.c tools/*/*.c)
format:
	@v=$$($(CLANG_FORMAT) --version 2>/dev/null | sed -n 's/.*version \([0-9]*\)\..*/\1/p'); \
	if [ "$$v" != "$(CLANG_FORMAT_MAJOR)" ]; then \
		echo "make format: needs clang-format $(CLANG_FORMAT_MAJOR) (found: $${v:-none}); set CLANG_FORMAT=" >&2; \
		exit 2; fi
	$(CLANG_FORMAT) -i $(FORMAT_SRC)

# make fuzz [FUZZ_TIME=seconds]: the libFuzzer targets (clang).
-include tests/fuzz/fuzz.mk
# make bench: the benchmark against git on a generated monorepo.
-include tools/bench/bench.mk

# planc - a document compiler for programme-and-activities plans.
#
#   make          build/planc
#   make demo     build/pact-2018.pdf from plans/pact-2018.yaml
#   make test     every test (ends with "N passed, N failed")
#   make asan     an ASan+UBSan build in build-asan/, then the whole suite on it
#   make valgrind planc under memcheck on every kind of input the suite has
#                 (installs valgrind when missing)
#   make bench    benchmarks (figures only; RUNS=10 RUNS_BIG=3 SIZES="100 1000 10000")
#   make fuzz     every libFuzzer target in tests/fuzz/ for FUZZTIME seconds
#                 (FUZZERS=plan ... for some; installs clang when missing)
#   make oomtest  the allocation-failure sweep over every allocation
#   make install  PREFIX=/usr/local DESTDIR= (the binary as built, data,
#                 man page, schemas, docs, shell completion)
#
# On Debian, missing packages are installed first (apt-get, only when
# something is missing).

VERSION  = 0.1.0
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/planc
DOCDIR   = $(PREFIX)/share/doc/planc
MANDIR   = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

CC      ?= cc
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings
CFLAGS  ?= -O2 -g
# HarfBuzz's headers live in a directory of their own; pkg-config is asked
# when a compiler runs (a recursive variable), after `deps` has installed it.
HB_CFLAGS = $(shell pkg-config --cflags-only-I harfbuzz 2>/dev/null || \
           echo -I/usr/include/harfbuzz)
CPPFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -DPLANC_VERSION='"$(VERSION)"' -DPLANC_DATADIR='"$(PLANC_DATADIR)"' \
           $(HB_CFLAGS)
LIBS     = -lhpdf -lharfbuzz-subset -lharfbuzz -lpcre2-8 -lyaml -lhyphen \
           -lfontconfig -lz -lm

# Where a binary finds fonts/ and layouts/ when neither $$PLANC_DATADIR nor
# BIN/../share/planc beside it (an installed copy) has them: this tree.
# `make install` copies the same binary; it never rebuilds it.
PLANC_DATADIR ?= $(CURDIR)

SRC = $(sort $(wildcard src/*.c))
LIBSRC = $(filter-out src/main.c,$(SRC))

BUILD     = build
ASANBUILD = build-asan
ASANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

# Debian packages: libraries, fonts, and what the tests use (poppler and
# qpdf read the PDFs back; Python's jsonschema checks the plan schema).
PACKAGES = libyaml-dev libhpdf-dev libharfbuzz-dev libharfbuzz-subset0 \
           libpcre2-dev libhyphen-dev hyphen-nl hyphen-en-us \
           libfontconfig-dev zlib1g-dev fonts-crosextra-carlito fonts-dejavu-core \
           poppler-utils qpdf pkg-config python3-yaml python3-jsonschema \
           cmark-gfm

.PHONY: all deps fuzz-deps demo test asan valgrind bench fuzz fuzz-seed install uninstall clean

all: $(BUILD)/planc

# dpkg-query answers in milliseconds, so this runs every time; apt-get
# only when something is missing, and as root or through sudo.
deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	      || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILD)/planc: $(SRC:src/%.c=$(BUILD)/obj/%.o)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj/%.o: src/%.c src/*.h | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(ASANBUILD)/planc: $(SRC:src/%.c=$(ASANBUILD)/obj/%.o)
	$(CC) $(ASANFLAGS) -o $@ $^ $(LIBS)

$(ASANBUILD)/obj/%.o: src/%.c src/*.h | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(WARN) $(ASANFLAGS) -c -o $@ $<

demo: $(BUILD)/planc
	$(BUILD)/planc build -o $(BUILD)/pact-2018.pdf plans/pact-2018.yaml
	@echo "wrote $(BUILD)/pact-2018.pdf"

# Unit tests are compiled by tests/run against the library sources.
UNITFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
            $(HB_CFLAGS)

test: $(BUILD)/planc
	@PLANC=$(BUILD)/planc BUILD=$(BUILD) CC="$(CC)" \
	  CFLAGS="$(UNITFLAGS) -O1 -g" LIBS="$(LIBS)" \
	  LIBSRC="$(LIBSRC)" tests/run

asan: $(ASANBUILD)/planc
	@PLANC=$(ASANBUILD)/planc BUILD=$(ASANBUILD) CC="$(CC)" \
	  CFLAGS="$(UNITFLAGS) $(ASANFLAGS)" LIBS="$(LIBS)" \
	  LIBSRC="$(LIBSRC)" \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tests/run

# memcheck finds what ASan does not (uninitialised reads) on the real
# binary, over the suite's inputs rather than the whole suite (it is 20 to
# 50 times slower); JOBS=N runs N at once.
valgrind: $(BUILD)/planc
	@$(MAKE) -s deps PACKAGES=valgrind
	@PLANC=$(BUILD)/planc tests/valgrind/run

# Allocation-failure injection over every N, for planc's own allocations
# and a spread of libhyphen's (tests/suites/oom.sh; make test runs a sample).
.PHONY: oomtest
oomtest: $(BUILD)/planc
	@PLANC=$(BUILD)/planc BUILD=$(BUILD) CC="$(CC)" \
	  CFLAGS="$(UNITFLAGS) -O1 -g" LIBS="$(LIBS)" OOM_SWEEP=full \
	  bash tests/suites/oom.sh

bench: $(BUILD)/planc
	@PLANC=$(BUILD)/planc tests/bench/run

# The schemas live in DATADIR (planc schema prints them from there) and,
# with the format (plans/README.md) and the page of diagnostic codes, in
# DOCDIR, where the man page sends its reader.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts \
	  $(DESTDIR)$(DATADIR)/layouts $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BUILD)/planc $(DESTDIR)$(BINDIR)/planc
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 layouts/*.yaml $(DESTDIR)$(DATADIR)/layouts/
	install -m 644 plans/plan.schema.json plans/diff.schema.json \
	  $(DESTDIR)$(DATADIR)/
	install -m 644 plans/README.md plans/CODES.md plans/plan.schema.json \
	  plans/diff.schema.json plans/example.yaml $(DESTDIR)$(DOCDIR)/
	install -m 644 src/planc.1 $(DESTDIR)$(MANDIR)/man1/planc.1
	install -m 644 src/completion/planc.bash $(DESTDIR)$(BASHCOMPDIR)/planc
	install -m 644 src/completion/_planc $(DESTDIR)$(ZSHCOMPDIR)/_planc
	install -m 644 src/completion/planc.fish $(DESTDIR)$(FISHCOMPDIR)/planc.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/planc $(DESTDIR)$(MANDIR)/man1/planc.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/planc $(DESTDIR)$(ZSHCOMPDIR)/_planc \
	  $(DESTDIR)$(FISHCOMPDIR)/planc.fish
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

# ---- fuzzing: clang's libFuzzer (only `make fuzz` needs clang) ----
#
# Every tests/fuzz/fuzz_NAME.c becomes build-fuzz/fuzz_NAME, linked with the
# library objects (src/*.c but main.c, instrumented once) and the harness.
# Each runs FUZZTIME seconds on a copy of tests/fuzz/corpus/NAME in
# build-fuzz/corpus/NAME (new inputs stay there), with tests/fuzz/NAME.dict
# if there is one; a crash, leak, timeout or sanitizer report fails the
# target, and its input is left in build-fuzz/artifacts/. FUZZERS=NAME...
# picks targets; FUZZFLAGS adds libFuzzer options.
FUZZCC    = clang
FUZZBUILD = build-fuzz
FUZZTIME ?= 60
FUZZSAN   = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
FUZZPACKAGES = clang libclang-rt-14-dev
FUZZSRC   = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZERS  ?= $(FUZZSRC:tests/fuzz/fuzz_%.c=%)
FUZZOBJ   = $(LIBSRC:src/%.c=$(FUZZBUILD)/obj/%.o) $(FUZZBUILD)/obj/harness.o

# Kept between builds: the targets share them.
.SECONDARY: $(FUZZOBJ)

fuzz-deps:
	@$(MAKE) -s deps PACKAGES="$(FUZZPACKAGES)"

$(FUZZBUILD)/obj/%.o: src/%.c src/*.h | deps fuzz-deps
	@mkdir -p $(@D)
	$(FUZZCC) $(CPPFLAGS_ALL) $(WARN) $(FUZZSAN) -fsanitize=fuzzer-no-link \
	  -c -o $@ $<

$(FUZZBUILD)/obj/harness.o: tests/fuzz/harness.c tests/fuzz/harness.h \
    src/*.h | deps fuzz-deps
	@mkdir -p $(@D)
	$(FUZZCC) $(CPPFLAGS_ALL) $(WARN) $(FUZZSAN) -fsanitize=fuzzer-no-link \
	  -iquote src -c -o $@ $<

$(FUZZBUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZOBJ) tests/fuzz/*.h
	$(FUZZCC) $(CPPFLAGS_ALL) $(WARN) $(FUZZSAN) -fsanitize=fuzzer \
	  -iquote src -iquote tests/fuzz -o $@ $< $(FUZZOBJ) $(LIBS)

fuzz: $(FUZZERS:%=$(FUZZBUILD)/fuzz_%)
	@PLANC_DATADIR=$(CURDIR) FUZZBUILD=$(FUZZBUILD) FUZZTIME=$(FUZZTIME) \
	  FUZZFLAGS="$(FUZZFLAGS)" tests/fuzz/run $(FUZZERS)

# Gathers seeds from plans/, layouts/ and tests/ and merges those that add
# coverage into the committed corpora (then review and commit them).
fuzz-seed: $(FUZZERS:%=$(FUZZBUILD)/fuzz_%)
	rm -rf $(FUZZBUILD)/seeds
	tests/fuzz/seed $(FUZZBUILD)/seeds
	@for n in $(FUZZERS); do \
	  [ -d $(FUZZBUILD)/seeds/$$n ] || continue; \
	  mkdir -p tests/fuzz/corpus/$$n; \
	  mkdir -p $(FUZZBUILD)/artifacts; \
	  PLANC_DATADIR=$(CURDIR) $(FUZZBUILD)/fuzz_$$n -merge=1 -timeout=60 \
	    -artifact_prefix=$(FUZZBUILD)/artifacts/merge-$$n- \
	    tests/fuzz/corpus/$$n $(FUZZBUILD)/seeds/$$n \
	    >$(FUZZBUILD)/merge_$$n.log 2>&1 || { tail $(FUZZBUILD)/merge_$$n.log; exit 1; }; \
	  echo "tests/fuzz/corpus/$$n: $$(ls tests/fuzz/corpus/$$n | wc -l) files"; \
	done

clean:
	rm -rf $(BUILD) $(ASANBUILD) $(FUZZBUILD)

/* harness.h - what the fuzz targets share: planc's data directory (fonts/,
 * layouts/), a private directory for inputs that must be files, the
 * plan/included-file split, and printing diagnostics the way planc does.
 * Linked into every tests/fuzz/fuzz_*.c target; not part of planc. */
#ifndef PLANC_FUZZ_HARNESS_H
#define PLANC_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

struct diags;
struct sources;

/* The line that splits a plan target's input into the plan and the file it
 * may include or name as its layout (see tests/fuzz/README.md). */
#define FUZZ_SEPARATOR	"#--- inc.yaml\n"
#define FUZZ_PLAN	"plan.yaml"
#define FUZZ_INC	"inc.yaml"

/* The directory holding fonts/ and layouts/: $PLANC_DATADIR, else the
 * directory above the one the binary is in (build-fuzz/..). Aborts if it
 * has no fonts/: a fuzzer without the real fonts would test nothing. */
const char *fuzz_datadir(void);

/* A private directory (mkdtemp, made on first use, removed with its files
 * at exit). The path is static. */
const char *fuzz_tmpdir(void);

/* Writes size bytes into the file name inside fuzz_tmpdir() (replacing
 * it) and returns its path, malloc'd (the caller frees it). Aborts if the
 * file cannot be written. */
char *fuzz_write(const char *name, const uint8_t *data, size_t size);

/* Removes the file name from fuzz_tmpdir(), if it is there. */
void fuzz_remove(const char *name);

/* Splits data at the first FUZZ_SEPARATOR line: what comes before it is
 * written to FUZZ_PLAN, what comes after it to FUZZ_INC; without a
 * separator the whole input is the plan and FUZZ_INC does not exist.
 * Returns the plan's path, malloc'd (the caller frees it). */
char *fuzz_write_plan(const uint8_t *data, size_t size);

/* Sorts and prints the diagnostics in every format, as planc would, into
 * /dev/null: the printing code sees every input too. */
void fuzz_print(struct diags *d, const struct sources *srcs);

/* What `planc check` does to the plan at path, as driver_compile and
 * driver_read_layout do it, with srcs and d made empty in a: the plan
 * loaded, modelled and checked, and its layout read into st. Returns the
 * plan (NULL when it did not load) and in *layout the layout's status.
 * abort()s, a finding, when an error status comes without an error in d
 * or the plan's layout fails (it can only be the plan's problem). */
struct arena;
struct plan;
struct style;
struct plan *fuzz_compile(struct arena *a, const char *path,
    struct sources *srcs, struct diags *d, struct style *st, int *layout);

#endif

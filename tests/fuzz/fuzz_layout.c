/* fuzz_layout.c - libFuzzer target: the bytes as a layout file, read as
 * `planc check --layout FILE` reads one (style_load through the loader),
 * with planc's own fonts/ and layouts/ as the data directory. Font files
 * the layout names by relative path are looked for beside it, in the
 * harness's private directory. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "harness.h"
#include "style.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_datadir();
	fuzz_tmpdir();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write("layout.yaml", data, size);
	struct arena *a = arena_new();
	struct sources srcs;
	struct diags d;
	struct style st;

	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	/* Errors in the layout must be shown. */
	if (style_load(a, &srcs, &d, fuzz_datadir(), path, &st) ==
	    STAGE_ERRORS &&
	    !diag_has_errors(&d))
		abort();
	fuzz_print(&d, &srcs);
	arena_free(a);
	free(path);
	return 0;
}

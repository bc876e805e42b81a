/* fuzz_plan.c - libFuzzer target: the bytes as a plan with a second file,
 * loaded, modelled and checked as `planc check plan.yaml` does, layout
 * included. The input is split at the first line "#--- inc.yaml": before
 * it is plan.yaml, after it inc.yaml in the same directory, which the plan
 * may include (`include: inc.yaml`) or name as its layout
 * (`layout: inc.yaml`). Without that line the input is the plan alone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "harness.h"
#include "model.h"
#include "rules.h"
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
	char *path = fuzz_write_plan(data, size);
	struct arena *a = arena_new();
	struct sources srcs;
	struct diags d;
	struct plan *plan;
	struct style st;
	int layout;

	plan = fuzz_compile(a, path, &srcs, &d, &st, &layout);
	fuzz_print(&d, &srcs);
	rules_free(plan);
	arena_free(a);
	free(path);
	return 0;
}

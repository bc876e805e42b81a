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
#include "check.h"
#include "diag.h"
#include "harness.h"
#include "load.h"
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
	struct load_result docs;
	struct plan *plan = NULL;
	struct style st;
	enum stage_status ls;
	enum stage_status rc;

	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	memset(&docs, 0, sizeof docs);
	srcs.arena = d.arena = a;
	/* driver_compile(), then driver_read_layout() for the plan's layout */
	ls = load_plan(a, &srcs, &d, path, &docs);
	if (ls == STAGE_ERRORS && !diag_has_errors(&d))
		abort();	/* exit 1 must come with an error */
	if (ls == STAGE_OK) {
		plan = model_build(a, &d, &docs);
		check_plan(a, plan, &d);
		if (plan->meta.layout.node != NULL)
			rc = style_load_named(a, &srcs, &d, fuzz_datadir(),
			    plan->meta.layout.node, &st);
		else
			rc = style_load(a, &srcs, &d, fuzz_datadir(), "pact",
			    &st);
		/* A plan's layout is the plan's problem: never a failure,
		 * and errors with a diagnostic to show for them. */
		if (rc == STAGE_FAILED ||
		    (rc == STAGE_ERRORS && !diag_has_errors(&d)))
			abort();
	}
	fuzz_print(&d, &srcs);
	rules_free(plan);
	arena_free(a);
	free(path);
	return 0;
}

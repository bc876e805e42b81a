/* fuzz_build.c - libFuzzer target: the bytes as a plan (split like
 * fuzz_plan.c's input: plan.yaml, then after a line "#--- inc.yaml" a file
 * the plan may include or name as its layout) through the whole of
 * `planc build`: load, model, check, typeset, and pdf_write into a buffer
 * with the real fonts and Dutch hyphenation. Nothing is written but the
 * input files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "harness.h"
#include "load.h"
#include "model.h"
#include "pdf.h"
#include "rules.h"
#include "style.h"
#include "typeset.h"

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
	struct typeset ts;
	unsigned char *pdf = NULL;
	size_t len = 0;
	enum stage_status ls;
	enum stage_status rc;

	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	memset(&docs, 0, sizeof docs);
	srcs.arena = d.arena = a;
	/* cmd_build(), without the output file */
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
		if (rc == STAGE_FAILED ||
		    (rc == STAGE_ERRORS && !diag_has_errors(&d)))
			abort();	/* as in fuzz_plan.c */
		if (rc == STAGE_OK && !diag_has_errors(&d) &&
		    typeset_plan(a, plan, &st, &d, &ts) == STAGE_OK) {
			if (pdf_write(&ts.doc, NULL, &d, &pdf, &len) == STAGE_OK &&
			    (pdf == NULL || len < 5 ||
			    memcmp(pdf, "%PDF-", 5) != 0))
				abort();	/* success must mean a PDF */
			typeset_free(&ts);
		}
	}
	fuzz_print(&d, &srcs);
	free(pdf);
	rules_free(plan);
	arena_free(a);
	free(path);
	return 0;
}

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
#include "diag.h"
#include "harness.h"
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
	struct plan *plan;
	struct style st;
	struct typeset ts;
	unsigned char *pdf = NULL;
	size_t len = 0;
	int layout;

	/* cmd_build(), without the output file */
	plan = fuzz_compile(a, path, &srcs, &d, &st, &layout);
	if (plan != NULL && layout == STAGE_OK && !diag_has_errors(&d) &&
	    typeset_plan(a, plan, &st, NULL, &d, &ts) == STAGE_OK) {
		if (pdf_write(&ts.doc, NULL, 1, &d, &pdf, &len) == STAGE_OK &&
		    (pdf == NULL || len < 5 || memcmp(pdf, "%PDF-", 5) != 0))
			abort();	/* success must mean a PDF */
		typeset_free(&ts);
	}
	fuzz_print(&d, &srcs);
	free(pdf);
	rules_free(plan);
	arena_free(a);
	free(path);
	return 0;
}

/* cmd_build.c - planc build FILE: the whole pipeline, load → model → check
 * → typeset → pdf, and the PDF written atomically, never over an input. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "model.h"
#include "outfile.h"
#include "pdf.h"
#include "rules.h"
#include "source.h"
#include "style.h"
#include "typeset.h"

/* plans/x.yaml → plans/x.pdf */
static char *
default_output(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : path) ?
	    (size_t)(dot - path) : strlen(path);

	return arena_printf(a, "%.*s.pdf", (int)stem, path);
}

/* The input of this build that writing out would overwrite, or NULL: the
 * plan, a file it includes, the layout or a font (each compared as the file
 * it is, so a symbolic or hard link to it counts). */
static const char *
clobbered_input(const char *out, const struct sources *srcs,
    const struct style *st)
{
	const char *fonts[4 + STYLE_MAX_FALLBACK];
	size_t i, n = 0;

	for (i = 0; i < srcs->n; i++)
		if (outfile_is(out, srcs->items[i]->path))
			return srcs->items[i]->path;
	if (st == NULL)
		return NULL;
	fonts[n++] = st->regular;
	fonts[n++] = st->bold;
	fonts[n++] = st->italic;
	fonts[n++] = st->bold_italic;
	for (i = 0; i < st->nfallback && i < STYLE_MAX_FALLBACK; i++)
		fonts[n++] = st->fallback[i];
	for (i = 0; i < n; i++)
		if (fonts[i] != NULL && outfile_is(out, fonts[i]))
			return fonts[i];
	return NULL;
}

int
cmd_build(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct plan *plan = NULL;
	struct style st;
	struct tm created;
	struct typeset ts;
	unsigned char *pdf = NULL;
	size_t len = 0;
	const char *out, *input;
	int status, lst, have_date, have_style = 0;

	if (cli_parse_options(argc, argv, OPT_LAYOUT | OPT_OUTPUT | OPT_DIAG,
	    &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("build"));
	if (o.nfiles != 1)
		return cli_usage_error("%s", "build takes exactly one FILE"),
		    EXIT_USAGE;
	if ((have_date = driver_source_date(&created)) < 0)
		return EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	out = o.output ? o.output : default_output(a, o.files[0]);
	d.max_per_code = o.max_per_code;
	status = driver_compile(a, &srcs, &d, o.files[0], &plan);
	/* The layout's problems are reported with the plan's, and either
	 * stops the build before anything is written. */
	if (plan != NULL || o.layout != NULL) {
		lst = driver_read_layout(a, &srcs, &d, o.layout, plan, &st);
		have_style = lst != EXIT_USAGE;
		if (lst > status)
			status = lst;
	}
	/* Refused before any work: `planc build plan.pdf` would otherwise
	 * replace the plan with its own PDF. */
	if (!o.dump_layout && (input = clobbered_input(out, &srcs,
	    have_style ? &st : NULL)) != NULL) {
		struct span whole = { NULL, 0, 0, 0, 0 };

		whole.file = out;
		if (strcmp(out, input) == 0)
			diag_report(&d, D_OUTPUT, whole, "refusing to write the "
			    "PDF over an input of this build; name another "
			    "output with -o");
		else
			diag_report(&d, D_OUTPUT, whole, "refusing to write the "
			    "PDF over '%s', an input of this build; name "
			    "another output with -o", input);
		status = EXIT_USAGE;
	}
	/* The stages after check: typeset (fonts, hyphenation, layout) to
	 * pages, then the pages to PDF bytes, or to text for --dump-layout. */
	if (status == EXIT_OK) {
		if (typeset_plan(a, plan, &st, &d, &ts) != STAGE_OK)
			status = EXIT_USAGE;
		else if (o.dump_layout)
			typeset_dump(&ts, &st, stdout);
		else if (pdf_write(&ts.doc, have_date ? &created : NULL, &d,
		    &pdf, &len) != STAGE_OK)
			status = EXIT_USAGE;
		typeset_free(&ts);
	}
	/* Nothing is written unless the whole plan compiled (with --werror,
	 * without warnings): a good PDF from last time is worth more than a
	 * half-made one. */
	status = driver_diag_options(&o, &d, status);
	if (status == EXIT_OK && pdf != NULL &&
	    outfile_write(&d, out, pdf, len) != STAGE_OK)
		status = EXIT_USAGE;
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, DIAG_HUMAN, driver_use_colour(o.color), stdout, stderr);
	if (o.dump_layout && driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	free(pdf);
	rules_free(plan);
	arena_free(a);
	return status;
}

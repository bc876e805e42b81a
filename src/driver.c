/* driver.c - the steps every command takes around the stages: where
 * planc's data is, one compilation up to a checked plan, the layout it
 * asks for, the diagnostic options applied before printing, one whole
 * build (build and watch), and writing standard output so that a closed
 * pipe is an error, not a signal. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "driver.h"
#include "font.h"
#include "load.h"
#include "model.h"
#include "outfile.h"
#include "pdf.h"
#include "redline.h"
#include "rules.h"
#include "source.h"
#include "style.h"
#include "timings.h"
#include "typeset.h"

#ifndef PLANC_DATADIR
#define PLANC_DATADIR "."
#endif

void
driver_begin(struct arena *a, const struct options *o, struct sources *srcs,
    struct diags *d)
{
	/* Fonts are read once per compilation (font.c): the last one's go,
	 * so that a font saved since (planc watch) is read again. */
	font_cache_flush();
	memset(srcs, 0, sizeof *srcs);
	memset(d, 0, sizeof *d);
	srcs->arena = d->arena = a;
	d->max_per_code = o != NULL ? o->max_per_code : DIAG_MAX_PER_CODE;
	d->width = driver_term_width();
}

/* Where fonts/ and layouts/ are: $PLANC_DATADIR; else BIN/../share/planc
 * beside the running binary, as `make install` lays them out (so that an
 * installed copy of the tree's binary needs no rebuild); else the tree the
 * binary was built in. The result is static storage. */
const char *
driver_data_dir(void)
{
	static char dir[PATH_MAX];
	const char *d = getenv("PLANC_DATADIR");
	char exe[PATH_MAX], *slash;
	struct stat st;
	ssize_t n;

	if (d != NULL && d[0] != '\0')
		return d;
	if (dir[0] != '\0')
		return dir;
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			char *real = NULL;

			/* Resolved, so that messages name a clean path. */
			if (snprintf(dir, sizeof dir, "%s/../share/planc",
			    exe) < (int)sizeof dir &&
			    (real = realpath(dir, NULL)) != NULL &&
			    strlen(real) < sizeof dir &&
			    stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
				strcpy(dir, real);
				free(real);
				return dir;
			}
			free(real);
		}
	}
	snprintf(dir, sizeof dir, "%s", PLANC_DATADIR);
	return dir;
}

/* SOURCE_DATE_EPOCH, the reproducible-builds convention, as the PDF's
 * creation date: *when is filled and 1 returned; 0 when it is unset (the
 * PDF then carries no date); -1 after a message when it is not a number of
 * seconds that a PDF date (years 0000-9999) can hold. */
int
driver_source_date(struct tm *when)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long long v;
	time_t t;
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	/* 253402300799 is 9999-12-31T23:59:59Z. */
	if (errno != 0 || *end != '\0' || end == s || v < 0 ||
	    v > 253402300799LL || (t = (time_t)v) != v ||
	    gmtime_r(&t, when) == NULL) {
		fprintf(stderr, "planc: SOURCE_DATE_EPOCH '%s' is not a number "
		    "of seconds since 1970 up to the year 9999\n", s);
		return -1;
	}
	return 1;
}

/* Flushes standard output (JSON, SARIF, a layout dump); 0, or -1 after a
 * message when it could not be written: a closed pipe ends planc with
 * exit 2, not with SIGPIPE, which main ignores. */
int
driver_flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "planc: cannot write to standard output: %s\n",
	    strerror(errno ? errno : EIO));
	return -1;
}

/* The layout a command asks for, else the one its plan names, else pact:
 * an unknown --layout is a usage error, an unknown `layout:` the plan's. */
enum stage_status
driver_read_layout(struct arena *a, struct sources *srcs, struct diags *d,
    const char *option, const struct plan *plan, struct style *st)
{
	if (option == NULL && plan != NULL && plan->meta.layout.node != NULL)
		return style_load_in(a, srcs, d, driver_data_dir(),
		    plan->meta.layout.node, plan->root, st);
	return style_load(a, srcs, d, driver_data_dir(), option != NULL ?
	    option : "pact", st);
}

/* Colour on standard error: --color, else a terminal that can show it
 * and a user who has not asked for none (NO_COLOR, TERM=dumb). */
int
driver_use_colour(enum color c)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (c != COLOR_AUTO)
		return c == COLOR_ALWAYS;
	return isatty(STDERR_FILENO) && (nc == NULL || nc[0] == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/* The columns of the terminal on standard error, for fitting quoted lines
 * to it: $COLUMNS, else what the terminal says (TIOCGWINSZ); 0 when
 * standard error is not a terminal (a log or a pipe gets the fixed width
 * of 120, the same everywhere) or its width is unknown. */
size_t
driver_term_width(void)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long v;

	if (!isatty(STDERR_FILENO))
		return 0;
	if (cols != NULL && cols[0] != '\0') {
		v = strtol(cols, &end, 10);
		if (*end == '\0' && v > 0 && v < 100000)
			return (size_t)v;
	}
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* The diagnostic options at work before printing: silenced codes and
 * --quiet leave diagnostics out, --werror turns warnings into exit 1. */
int
driver_diag_options(const struct options *o, struct diags *d, int status)
{
	diag_filter(d, o->silenced, o->quiet);
	if (o->werror && d->count[SEV_WARNING] > 0 && status < EXIT_INPUT)
		status = EXIT_INPUT;
	return status;
}

/* The name a plan is shown and resolved by: path, or for "-" (standard
 * input) the name --stdin-filename gives. */
const char *
driver_plan_name(const struct options *o, const char *path)
{
	if (strcmp(path, "-") != 0)
		return path;
	return o != NULL && o->stdin_filename != NULL ? o->stdin_filename :
	    "<stdin>";
}

/* One compilation up to a checked plan, as o asks (o NULL: a file, not
 * confined): "-" read from standard input under the name --stdin-filename
 * gives (includes are relative to its directory), everything the plan
 * names confined to --root; the loader's list of files into *docs. */
static enum stage_status
compile(struct arena *a, struct sources *srcs, struct diags *d,
    const struct options *o, const char *path, struct plan **plan,
    struct load_result *docs)
{
	struct load_input in = { -1, NULL };
	struct timings *times = o != NULL ? o->times : NULL;
	enum stage_status st;

	memset(docs, 0, sizeof *docs);
	*plan = NULL;
	if (strcmp(path, "-") == 0)
		in.fd = STDIN_FILENO;
	if (o != NULL)
		in.root = o->root;
	path = driver_plan_name(o, path);
	timings_begin(times);
	st = load_plan_in(a, srcs, d, path, &in, docs);
	timings_end(times, TIMINGS_LOAD);
	if (st != STAGE_OK)
		return st;
	*plan = model_build(a, d, docs);
	(*plan)->root = docs->root;
	timings_end(times, TIMINGS_MODEL);
	check_plan(a, *plan, d);
	timings_end(times, TIMINGS_CHECK);
	return diag_has_errors(d) ? STAGE_ERRORS : STAGE_OK;
}

enum stage_status
driver_compile(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, struct plan **plan)
{
	return driver_compile_in(a, srcs, d, NULL, path, plan);
}

enum stage_status
driver_compile_in(struct arena *a, struct sources *srcs, struct diags *d,
    const struct options *o, const char *path, struct plan **plan)
{
	struct load_result docs;

	return compile(a, srcs, d, o, path, plan, &docs);
}

/* plans/x.yaml -> plans/x.pdf (a redline: plans/x-redline.pdf) */
char *
driver_default_output(struct arena *a, const char *path, int redline)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : path) ?
	    (size_t)(dot - path) : strlen(path);

	return arena_printf(a, "%.*s%s.pdf", (int)stem, path,
	    redline ? "-redline" : "");
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

/* The whole pipeline, load → model → check → typeset → pdf, and the PDF
 * written atomically, never over an input; with o->compare, the old plan
 * compiled beside it, and diff → redline marking what typeset sets. */
int
driver_build(struct arena *a, struct sources *srcs, struct diags *d,
    const struct options *o, const char *out, const struct tm *created,
    struct build_outcome *r)
{
	struct load_result docs;
	struct plan *plan = NULL, *old = NULL;
	const struct redline *rl = NULL;
	struct typeset ts;
	unsigned char *pdf = NULL;
	size_t len = 0, pages = 0;
	const char *input;
	int status, lst;

	memset(r, 0, sizeof *r);
	/* A redline: the old plan is compiled as the new one is, its files
	 * are inputs too (srcs), and its errors stop the build as well. */
	status = o->compare != NULL ? driver_compile_in(a, srcs, d, o,
	    o->compare, &old) : STAGE_OK;
	if ((lst = compile(a, srcs, d, o, o->files[0], &plan, &docs)) >
	    status)
		status = lst;
	r->unread = docs.unread;
	r->nunread = docs.nunread;
	/* The layout's problems are reported with the plan's, and either
	 * stops the build before anything is written. */
	if (plan != NULL || o->layout != NULL) {
		timings_begin(o->times);
		lst = driver_read_layout(a, srcs, d, o->layout, plan, &r->st);
		timings_end(o->times, TIMINGS_LAYOUT);
		r->have_style = lst != EXIT_USAGE;
		if (lst > status)
			status = lst;
	}
	/* Refused before any work: `planc build plan.pdf` would otherwise
	 * replace the plan with its own PDF. */
	if (!o->dump_layout && (input = clobbered_input(out, srcs,
	    r->have_style ? &r->st : NULL)) != NULL) {
		struct span whole = { NULL, 0, 0, 0, 0 };

		whole.file = out;
		if (strcmp(out, input) == 0)
			diag_report(d, D_OUTPUT, whole, "refusing to write the "
			    "PDF over an input of this build; name another "
			    "output with -o");
		else
			diag_report(d, D_OUTPUT, whole, "refusing to write the "
			    "PDF over '%s', an input of this build; name "
			    "another output with -o", input);
		status = EXIT_USAGE;
	}
	/* The stages after check: typeset (fonts, hyphenation, layout) to
	 * pages, then the pages to PDF bytes, or to text for --dump-layout. */
	if (status == EXIT_OK) {
		/* A redline's comparison counts as typesetting. */
		timings_begin(o->times);
		if (old != NULL) {
			struct diff *df = arena_alloc(a, sizeof *df);

			diff_plans(a, old, plan, df);
			rl = redline_make(a, df);
		}
		lst = typeset_plan(a, plan, &r->st, rl, d, &ts);
		timings_end(o->times, TIMINGS_TYPESET);
		if (lst != STAGE_OK)
			status = EXIT_USAGE;
		else {
			pages = ts.doc.npages;
			if (o->dump_layout) {
				typeset_dump(&ts, &r->st, stdout);
				timings_end(o->times, TIMINGS_WRITE);
			} else if (pdf_write(&ts.doc, created, !o->untagged, d,
			    &pdf, &len) != STAGE_OK)
				status = EXIT_USAGE;
			typeset_free(&ts);
			if (!o->dump_layout)
				timings_end(o->times, TIMINGS_PDF);
		}
	}
	/* Nothing is written unless the whole plan compiled (with --werror,
	 * without warnings): a good PDF from last time is worth more than a
	 * half-made one. */
	status = driver_diag_options(o, d, status);
	if (status == EXIT_OK && pdf != NULL) {
		timings_begin(o->times);
		lst = outfile_write(d, out, pdf, len);
		timings_end(o->times, TIMINGS_WRITE);
		if (lst != STAGE_OK)
			status = EXIT_USAGE;
		else {
			r->written = 1;
			r->pages = pages;
		}
	}
	free(pdf);
	rules_free(plan);
	rules_free(old);
	return status;
}

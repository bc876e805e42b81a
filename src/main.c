/* main.c - the command line: planc check | build | diff. It only parses
 * arguments and chains the stages load → model → check → pdf. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "outfile.h"
#include "pdf.h"
#include "rules.h"
#include "style.h"

#ifndef PLANC_VERSION
#define PLANC_VERSION "0.0"
#endif
#ifndef PLANC_DATADIR
#define PLANC_DATADIR "."
#endif

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: planc check [--format=human|json|sarif|github] [--layout NAME|FILE]\n"
    "                   [--max-per-code=N] FILE...\n"
    "       planc build [-o OUT.pdf|-] [--layout NAME|FILE] [--dump-layout]\n"
    "                   [--max-per-code=N] FILE\n"
    "       planc diff  [--format=human|markdown|json] OLD NEW\n"
    "       planc --help | --version\n";

static const char help[] =
    "planc compiles a programme-and-activities plan written in YAML into a PDF.\n"
    "\n"
    "  check   load and check plans; print diagnostics\n"
    "  build   check a plan and write its PDF (default: FILE with .pdf, next\n"
    "          to the plan; -o - writes to standard output; --dump-layout\n"
    "          prints the laid-out pages as text instead)\n"
    "  diff    compare two versions of a plan\n"
    "\n"
    "--layout NAME|FILE sets the house style: one of planc's layouts (pact,\n"
    "plain) or a layout file (a path with '/' or ending in .yaml). Without it\n"
    "the plan's 'layout:' decides, and without that, pact. check checks the\n"
    "layout too; an unknown --layout is a usage error (exit 2).\n"
    "\n"
    "--max-per-code=N prints at most N diagnostics of each code (default 100),\n"
    "then one line with the count of the rest; 0 prints all. The exit status\n"
    "does not change.\n"
    "\n"
    "Exit status: 0 success, 1 the input has errors, 2 usage or system error.\n"
    "Colour is used on a terminal unless NO_COLOR is set.\n";

struct options {
	enum diag_format format;
	const char *layout;
	const char *output;
	int dump_layout;	/* build: print the pages as text, no PDF */
	size_t max_per_code;	/* diagnostics shown per code, 0: all */
	char **files;
	int nfiles;
};

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("planc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return -1;
}

static int
parse_format(const char *s, enum diag_format *f)
{
	static const char *const names[DIAG_FORMAT_COUNT] = {
		[DIAG_HUMAN] = "human", [DIAG_JSON] = "json",
		[DIAG_SARIF] = "sarif", [DIAG_GITHUB] = "github",
	};
	int i;

	for (i = 0; i < DIAG_FORMAT_COUNT; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum diag_format)i;
			return 0;
		}
	return -1;
}

/* --max-per-code's N: a whole number, 0 or more. */
static int
parse_count(const char *s, size_t *n)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > SIZE_MAX)
		return -1;
	*n = (size_t)v;
	return 0;
}

/* Options may stand anywhere after the command; "--" ends them. */
static int
parse_options(int argc, char **argv, int allow_output, struct options *o)
{
	int i, only_files = 0;

	memset(o, 0, sizeof *o);
	o->max_per_code = DIAG_MAX_PER_CODE;
	o->files = argv;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_files = 1;
		} else if (strncmp(a, "--format=", 9) == 0) {
			if (allow_output || parse_format(a + 9, &o->format))
				return usage_error("unknown format '%s'", a + 9);
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc &&
		    !allow_output) {
			if (parse_format(argv[++i], &o->format))
				return usage_error("unknown format '%s'", argv[i]);
		} else if (strncmp(a, "--max-per-code=", 15) == 0 ||
		    (strcmp(a, "--max-per-code") == 0 && i + 1 < argc)) {
			const char *v = a[14] == '=' ? a + 15 : argv[++i];

			if (parse_count(v, &o->max_per_code))
				return usage_error("--max-per-code takes a "
				    "number, not '%s'", v);
		} else if (strncmp(a, "--layout=", 9) == 0) {
			o->layout = a + 9;
		} else if (strcmp(a, "--layout") == 0 && i + 1 < argc) {
			o->layout = argv[++i];
		} else if (allow_output && strcmp(a, "--dump-layout") == 0) {
			o->dump_layout = 1;
		} else if (allow_output && strcmp(a, "-o") == 0 && i + 1 < argc) {
			o->output = argv[++i];
		} else
			return usage_error("unknown option '%s'", a);
	}
	return 0;
}

/* Where fonts/ and layouts/ are: $PLANC_DATADIR or the built-in one. */
static const char *
data_dir(void)
{
	const char *d = getenv("PLANC_DATADIR");

	return d != NULL && d[0] != '\0' ? d : PLANC_DATADIR;
}

/* Reads the layout into st: --layout (option), else the plan's
 * `layout:`, else pact. Returns EXIT_OK, EXIT_INPUT if the layout (or
 * the plan's choice of it) has errors, EXIT_USAGE if --layout names no
 * layout or a file that cannot be read. */
static int
read_layout(struct arena *a, struct sources *srcs, struct diags *d,
    const char *option, const struct plan *plan, struct style *st)
{
	int rc;

	if (option == NULL && plan != NULL && plan->meta.layout.node != NULL)
		rc = style_load_named(a, srcs, d, data_dir(),
		    plan->meta.layout.node, st);
	else
		rc = style_load(a, srcs, d, data_dir(), option != NULL ?
		    option : "pact", st);
	return rc == 0 ? EXIT_OK : rc == -1 ? EXIT_INPUT : EXIT_USAGE;
}

static int
use_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	return isatty(STDERR_FILENO) && (nc == NULL || nc[0] == '\0');
}

/* One compilation up to a checked plan. Returns the exit status so far:
 * EXIT_USAGE if the file could not be read. */
static int
compile(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, struct plan **plan)
{
	struct load_result docs;

	memset(&docs, 0, sizeof docs);
	*plan = NULL;
	switch (load_plan(a, srcs, d, path, &docs)) {
	case LOAD_FAILED:
		return EXIT_USAGE;
	case LOAD_ERRORS:
		return EXIT_INPUT;
	default:
		break;
	}
	*plan = model_build(a, d, &docs);
	check_plan(a, *plan, d);
	return diag_has_errors(d) ? EXIT_INPUT : EXIT_OK;
}

static int
cmd_check(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct plan *plan;
	struct style style;
	int i, status = EXIT_OK, st;

	if (parse_options(argc, argv, 0, &o) != 0)
		return EXIT_USAGE;
	if (o.nfiles == 0)
		return usage_error("%s", "check needs at least one FILE"),
		    EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	d.max_per_code = o.max_per_code;
	/* The layouts are checked too, so that CI catches a broken one:
	 * each plan's own, or --layout once after the plans. */
	for (i = 0; i < o.nfiles; i++) {
		st = compile(a, &srcs, &d, o.files[i], &plan);
		if (st > status)
			status = st;
		if (plan != NULL && o.layout == NULL &&
		    (st = read_layout(a, &srcs, &d, NULL, plan, &style)) >
		    status)
			status = st;
		rules_free(plan);
	}
	if (o.layout != NULL &&
	    (st = read_layout(a, &srcs, &d, o.layout, NULL, &style)) > status)
		status = st;
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, o.format, o.format == DIAG_HUMAN && use_colour(),
	    stdout, stderr);
	arena_free(a);
	return status;
}

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

static int
cmd_build(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct plan *plan = NULL;
	struct style st;
	unsigned char *pdf = NULL;
	size_t len = 0;
	int status, lst;

	if (parse_options(argc, argv, 1, &o) != 0)
		return EXIT_USAGE;
	if (o.nfiles != 1)
		return usage_error("%s", "build takes exactly one FILE"),
		    EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	d.max_per_code = o.max_per_code;
	status = compile(a, &srcs, &d, o.files[0], &plan);
	/* The layout's problems are reported with the plan's, and either
	 * stops the build before anything is written. */
	if ((plan != NULL || o.layout != NULL) &&
	    (lst = read_layout(a, &srcs, &d, o.layout, plan, &st)) > status)
		status = lst;
	if (status == EXIT_OK && pdf_render(plan, &st, &d,
	    o.dump_layout ? stdout : NULL, &pdf, &len) != 0)
		status = diag_has_errors(&d) ? EXIT_INPUT : EXIT_USAGE;
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, DIAG_HUMAN, use_colour(), stdout, stderr);
	/* Nothing is written unless the whole plan compiled: a good PDF
	 * from last time is worth more than a half-made one. */
	if (status == EXIT_OK && pdf != NULL &&
	    outfile_write(o.output ? o.output : default_output(a, o.files[0]),
	    pdf, len) != 0)
		status = EXIT_USAGE;
	free(pdf);
	rules_free(plan);
	arena_free(a);
	return status;
}

static int
cmd_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("planc: diff is not implemented yet\n", stderr);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return fputs(usage, stderr), EXIT_USAGE;
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return fputs(usage, stdout), fputs("\n", stdout),
		    fputs(help, stdout), EXIT_OK;
	if (strcmp(argv[1], "--version") == 0)
		return puts("planc " PLANC_VERSION), EXIT_OK;
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(argv[1], "build") == 0)
		return cmd_build(argc - 2, argv + 2);
	if (strcmp(argv[1], "diff") == 0)
		return cmd_diff(argc - 2, argv + 2);
	fprintf(stderr, "planc: unknown command '%s'\n%s", argv[1], usage);
	return EXIT_USAGE;
}

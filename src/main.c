/* main.c - the command line: planc check | build | diff. It only parses
 * arguments and chains the stages load → model → check → typeset → pdf. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "diff.h"
#include "gitrev.h"
#include "dump.h"
#include "load.h"
#include "model.h"
#include "outfile.h"
#include "pdf.h"
#include "redline.h"
#include "rules.h"
#include "starter.h"
#include "style.h"
#include "suggest.h"
#include "typeset.h"

#ifndef PLANC_VERSION
#define PLANC_VERSION "0.0"
#endif
#ifndef PLANC_DATADIR
#define PLANC_DATADIR "."
#endif

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* The commands: their synopsis and what they do, for usage, `planc help`
 * and each command's --help. */
static int cmd_check(int, char **);
static int cmd_build(int, char **);
static int cmd_diff(int, char **);
static int cmd_dump(int, char **);
static int cmd_new(int, char **);
static int cmd_layouts(int, char **);

static const struct command {
	const char *name;
	int (*run)(int, char **);
	const char *summary;	/* one line for `planc help` */
	const char *synopsis;
	const char *about;
} commands[] = {
	{ "check", cmd_check, "check plans and their layouts; print diagnostics",
	  "planc check [--format=human|json|sarif|github] [--layout NAME|FILE]\n"
	  "            [diagnostic options] FILE...",
	  "Loads and checks each plan and the files it includes, and its layout,\n"
	  "and prints every diagnostic. The human format goes to standard error;\n"
	  "json, sarif (2.1.0) and github (workflow commands) to standard output.\n" },
	{ "build", cmd_build, "check a plan and write its PDF",
	  "planc build [-o OUT.pdf|-] [--layout NAME|FILE] [--dump-layout]\n"
	  "            [--compare OLD] [diagnostic options] FILE",
	  "Checks a plan and, if it has no errors, writes its PDF: to OUT.pdf, to\n"
	  "standard output for -, else next to the plan with .pdf. The output is\n"
	  "replaced atomically and is never an input of the build. --dump-layout\n"
	  "prints the laid-out pages as text instead.\n"
	  "--compare OLD writes a redline of FILE against the plan OLD (checked as\n"
	  "FILE is): a summary page of the changes, inserted words underlined,\n"
	  "removed ones struck through, change bars in the margin; by default to\n"
	  "FILE's name with -redline.pdf.\n" },
	{ "diff", cmd_diff, "what changed between two plans, by meaning",
	  "planc diff [--format=human|markdown|json] [--stat] OLD NEW\n"
	  "planc diff [--format=...] [--stat] --git REV1 [REV2] FILE",
	  "Compares two plans by meaning: entities added, removed, renamed, moved\n"
	  "or changed, prose word by word. Exit 0 when they mean the same, 1 when\n"
	  "they differ. With --git, FILE and its includes as they were at REV1\n"
	  "against REV2 (default: the work tree).\n" },
	{ "new", cmd_new, "start a plan in a new directory",
	  "planc new DIR",
	  "Writes a small plan to start from into DIR (made if missing): plan.yaml\n"
	  "with a chapter, a domain, a period and two activities, and the\n"
	  "organisation file it includes. It checks clean and builds; no existing\n"
	  "file is overwritten.\n" },
	{ "layouts", cmd_layouts, "list planc's layouts",
	  "planc layouts",
	  "Prints the names of planc's layouts, one a line, for --layout and a\n"
	  "plan's layout: key, and where they are.\n" },
	{ "dump", cmd_dump, "the checked plan as canonical text (git textconv)",
	  "planc dump FILE",
	  "Prints the checked plan as canonical text (one block per entity,\n"
	  "references with their names, prose re-flowed): for reading, and as\n"
	  "git's textconv for plans.\n" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char common_help[] =
    "--layout NAME|FILE sets the house style: one of planc's layouts (pact,\n"
    "plain) or a layout file (a path with '/' or ending in .yaml). Without it\n"
    "the plan's 'layout:' decides, and without that, pact.\n"
    "\n"
    "Diagnostic options:\n"
    "  --max-per-code=N  at most N diagnostics of each code (default 100), then\n"
    "                    a line with the count of the rest; 0 prints all\n"
    "  --werror          warnings make the exit status 1\n"
    "  -W no-CODE        leave out the warnings of CODE (also -Wno-CODE)\n"
    "  --quiet           print errors only\n"
    "  --color=WHEN      auto (on a terminal, unless NO_COLOR is set or\n"
    "                    TERM=dumb), always or never\n"
    "\n"
    "Exit status: 0 success, 1 the input has errors, 2 usage or system error.\n";

/* A synopsis after "usage: ": its further lines indented to match. */
static void
put_synopsis(FILE *f, const char *p)
{
	for (; *p != '\0'; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fputs("       ", f);
	}
	fputc('\n', f);
}

static void
print_usage(FILE *f)
{
	size_t i;

	fputs("usage: ", f);
	for (i = 0; i < NCOMMANDS; i++) {
		put_synopsis(f, commands[i].synopsis);
		fputs("       ", f);
	}
	fputs("planc help [COMMAND] | --help | --version\n", f);
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* planc help [COMMAND], --help, COMMAND --help: to standard output. */
static int
print_help(const struct command *c)
{
	size_t i;

	if (c != NULL) {
		fputs("usage: ", stdout);
		put_synopsis(stdout, c->synopsis);
		printf("\n%s\n%s", c->about,
		    strcmp(c->name, "check") == 0 || strcmp(c->name, "build")
		    == 0 ? common_help : "Exit status: 0 success, 1 the input "
		    "has errors (diff: the plans differ), 2 usage or system "
		    "error.\n");
		return 0;
	}
	print_usage(stdout);
	puts("\nplanc compiles a programme-and-activities plan written in YAML "
	    "into a PDF.\n");
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-6s  %s\n", commands[i].name, commands[i].summary);
	puts("\n'planc help COMMAND' or 'planc COMMAND --help' tells more.\n");
	fputs(common_help, stdout);
	return 0;
}

enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* What a command accepts besides the common options. */
#define OPT_FORMAT	1u	/* --format (check's formats) */
#define OPT_LAYOUT	2u	/* --layout */
#define OPT_OUTPUT	4u	/* -o, --dump-layout */
#define OPT_DIAG	8u	/* the diagnostic options */
#define OPT_COMPARE	16u	/* --compare OLD (build) */

struct options {
	enum diag_format format;
	const char *layout;
	const char *output;
	const char *compare;	/* build: the old plan of a redline */
	int dump_layout;	/* build: print the pages as text, no PDF */
	size_t max_per_code;	/* diagnostics shown per code, 0: all */
	int werror, quiet, help;
	enum color color;
	unsigned char silenced[D_COUNT];	/* -W no-CODE */
	char **files;
	int nfiles;
};

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("planc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	print_usage(stderr);
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

/* --color's WHEN into *c; -1 after a usage message. */
static int
parse_color(const char *v, enum color *c)
{
	if (strcmp(v, "auto") == 0)
		*c = COLOR_AUTO;
	else if (strcmp(v, "always") == 0)
		*c = COLOR_ALWAYS;
	else if (strcmp(v, "never") == 0)
		*c = COLOR_NEVER;
	else
		return usage_error("--color takes auto, always or never, not "
		    "'%s'", v);
	return 0;
}

/* -W no-CODE: CODE's warnings left out. Errors cannot be silenced. */
static int
parse_silence(const char *w, struct options *o)
{
	struct suggest sg;
	int c, k;

	if (strncmp(w, "no-", 3) != 0)
		return usage_error("-W takes no-CODE (leave out CODE's "
		    "warnings), not '%s'", w);
	if ((c = diag_code_lookup(w + 3)) < 0) {
		suggest_init(&sg, w + 3);
		for (k = 0; k < D_COUNT; k++)
			suggest_offer(&sg, diag_code_name((enum diag_code)k));
		if (sg.best != NULL) {
			fprintf(stderr, "planc: unknown diagnostic code '%s'; did "
			    "you mean '%s'?\n", w + 3, sg.best);
			return -1;
		}
		return usage_error("unknown diagnostic code '%s'", w + 3);
	}
	if (diag_code_severity((enum diag_code)c) == SEV_ERROR)
		return usage_error("'%s' is an error and cannot be silenced",
		    w + 3);
	o->silenced[c] = 1;
	return 0;
}

/* The options a command with accepted (OPT_*) knows, for "did you mean". */
static void
offer_options(struct suggest *sg, unsigned accepted)
{
	static const struct { unsigned opt; const char *name; } known[] = {
		{ OPT_FORMAT, "--format" }, { OPT_LAYOUT, "--layout" },
		{ OPT_OUTPUT, "-o" }, { OPT_OUTPUT, "--dump-layout" },
		{ OPT_COMPARE, "--compare" },
		{ OPT_DIAG, "--max-per-code" }, { OPT_DIAG, "--werror" },
		{ OPT_DIAG, "--quiet" }, { 0, "--color" }, { 0, "--help" },
	};
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i].opt == 0 || (known[i].opt & accepted))
			suggest_offer(sg, known[i].name);
}

static int
unknown_option(const char *a, unsigned accepted)
{
	struct suggest sg;
	char name[64];

	snprintf(name, sizeof name, "%.*s", (int)strcspn(a, "="), a);
	suggest_init(&sg, name);
	offer_options(&sg, accepted);
	if (sg.best != NULL) {
		fprintf(stderr, "planc: unknown option '%s'; did you mean "
		    "'%s'?\n", a, sg.best);
		return -1;
	}
	return usage_error("unknown option '%s'", a);
}

/* The value of option name: "--name=VALUE" in a, or the next argument.
 * NULL after a "missing argument" message. */
static const char *
option_value(int argc, char **argv, int *i, const char *name)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) == 0 && a[n] == '=')
		return a + n + 1;
	if (*i + 1 < argc) {
		(*i)++;
		return argv[*i];
	}
	usage_error("missing argument for '%s'", name);
	return NULL;
}

/* Whether argument a is option name, alone or as "name=value". */
static int
is_option(const char *a, const char *name)
{
	size_t n = strlen(name);

	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

/* Options may stand anywhere after the command; "--" ends them. Returns
 * 0, or -1 after a message (a usage error). */
static int
parse_options(int argc, char **argv, unsigned accepted, struct options *o)
{
	int i, only_files = 0;
	const char *v;

	memset(o, 0, sizeof *o);
	o->max_per_code = DIAG_MAX_PER_CODE;
	o->files = argv;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_files = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			o->help = 1;
		} else if (is_option(a, "--color") || is_option(a, "--colour")) {
			if ((v = option_value(argc, argv, &i, a[7] == 'u' ?
			    "--colour" : "--color")) == NULL)
				return -1;
			if (parse_color(v, &o->color) != 0)
				return -1;
		} else if ((accepted & OPT_FORMAT) && is_option(a, "--format")) {
			if ((v = option_value(argc, argv, &i, "--format")) ==
			    NULL)
				return -1;
			if (parse_format(v, &o->format))
				return usage_error("unknown format '%s' (human, "
				    "json, sarif or github)", v);
		} else if ((accepted & OPT_LAYOUT) && is_option(a, "--layout")) {
			if ((o->layout = option_value(argc, argv, &i,
			    "--layout")) == NULL)
				return -1;
		} else if ((accepted & OPT_OUTPUT) && strcmp(a, "-o") == 0) {
			if ((o->output = option_value(argc, argv, &i, "-o")) ==
			    NULL)
				return -1;
		} else if ((accepted & OPT_COMPARE) &&
		    is_option(a, "--compare")) {
			if ((o->compare = option_value(argc, argv, &i,
			    "--compare")) == NULL)
				return -1;
		} else if ((accepted & OPT_OUTPUT) &&
		    strcmp(a, "--dump-layout") == 0) {
			o->dump_layout = 1;
		} else if ((accepted & OPT_DIAG) &&
		    is_option(a, "--max-per-code")) {
			if ((v = option_value(argc, argv, &i,
			    "--max-per-code")) == NULL)
				return -1;
			if (parse_count(v, &o->max_per_code))
				return usage_error("--max-per-code takes a "
				    "number, not '%s'", v);
		} else if ((accepted & OPT_DIAG) && strcmp(a, "--werror") == 0) {
			o->werror = 1;
		} else if ((accepted & OPT_DIAG) && (strcmp(a, "--quiet") == 0 ||
		    strcmp(a, "-q") == 0)) {
			o->quiet = 1;
		} else if ((accepted & OPT_DIAG) && strncmp(a, "-W", 2) == 0) {
			if (a[2] != '\0')
				v = a + 2;
			else if ((v = option_value(argc, argv, &i, "-W")) ==
			    NULL)
				return -1;
			if (parse_silence(v, o) != 0)
				return -1;
		} else
			return unknown_option(a, accepted);
	}
	return 0;
}

/* Where fonts/ and layouts/ are: $PLANC_DATADIR; else BIN/../share/planc
 * beside the running binary, as `make install` lays them out (so that an
 * installed copy of the tree's binary needs no rebuild); else the tree the
 * binary was built in. The result is static storage. */
static const char *
data_dir(void)
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
static int
source_date(struct tm *when)
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
static int
flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "planc: cannot write to standard output: %s\n",
	    strerror(errno ? errno : EIO));
	return -1;
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

/* Colour on standard error: --color, else a terminal that can show it
 * and a user who has not asked for none (NO_COLOR, TERM=dumb). */
static int
use_colour(enum color c)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (c != COLOR_AUTO)
		return c == COLOR_ALWAYS;
	return isatty(STDERR_FILENO) && (nc == NULL || nc[0] == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/* The diagnostic options at work before printing: silenced codes and
 * --quiet leave diagnostics out, --werror turns warnings into exit 1. */
static int
apply_diag_options(const struct options *o, struct diags *d, int status)
{
	diag_filter(d, o->silenced, o->quiet);
	if (o->werror && d->count[SEV_WARNING] > 0 && status < EXIT_INPUT)
		status = EXIT_INPUT;
	return status;
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

	if (parse_options(argc, argv, OPT_FORMAT | OPT_LAYOUT | OPT_DIAG,
	    &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return print_help(find_command("check"));
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
	status = apply_diag_options(&o, &d, status);
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, o.format, o.format == DIAG_HUMAN &&
	    use_colour(o.color), stdout, stderr);
	if (flush_stdout() != 0)
		status = EXIT_USAGE;
	arena_free(a);
	return status;
}

/* plans/x.yaml → plans/x.pdf (a redline: plans/x-redline.pdf) */
static char *
default_output(struct arena *a, const char *path, int redline)
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

static int
cmd_build(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct plan *plan = NULL, *old = NULL;
	const struct redline *rl = NULL;
	struct style st;
	struct tm created;
	struct typeset ts;
	unsigned char *pdf = NULL;
	size_t len = 0;
	const char *out, *input;
	int status, lst, have_date, have_style = 0;

	if (parse_options(argc, argv, OPT_LAYOUT | OPT_OUTPUT | OPT_DIAG |
	    OPT_COMPARE, &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return print_help(find_command("build"));
	if (o.nfiles != 1)
		return usage_error("%s", "build takes exactly one FILE"),
		    EXIT_USAGE;
	if ((have_date = source_date(&created)) < 0)
		return EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	out = o.output ? o.output : default_output(a, o.files[0],
	    o.compare != NULL);
	d.max_per_code = o.max_per_code;
	/* A redline: the old plan is compiled as the new one is, its files
	 * are inputs too, and its errors stop the build as well. */
	status = o.compare != NULL ? compile(a, &srcs, &d, o.compare, &old) :
	    EXIT_OK;
	lst = compile(a, &srcs, &d, o.files[0], &plan);
	if (lst > status)
		status = lst;
	/* The layout's problems are reported with the plan's, and either
	 * stops the build before anything is written. */
	if (plan != NULL || o.layout != NULL) {
		lst = read_layout(a, &srcs, &d, o.layout, plan, &st);
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
		if (old != NULL) {
			struct diff *df = arena_alloc(a, sizeof *df);

			diff_plans(a, old, plan, df);
			rl = redline_make(a, df);
		}
		if (typeset_plan(a, plan, &st, rl, &d, &ts) != 0)
			status = EXIT_USAGE;
		else if (o.dump_layout)
			typeset_dump(&ts, &st, stdout);
		else if (pdf_write(&ts.doc, have_date ? &created : NULL, &d,
		    &pdf, &len) != 0)
			status = EXIT_USAGE;
		typeset_free(&ts);
	}
	/* Nothing is written unless the whole plan compiled (with --werror,
	 * without warnings): a good PDF from last time is worth more than a
	 * half-made one. */
	status = apply_diag_options(&o, &d, status);
	if (status == EXIT_OK && pdf != NULL &&
	    outfile_write(&d, out, pdf, len) != 0)
		status = EXIT_USAGE;
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, DIAG_HUMAN, use_colour(o.color), stdout, stderr);
	if (o.dump_layout && flush_stdout() != 0)
		status = EXIT_USAGE;
	free(pdf);
	rules_free(plan);
	rules_free(old);
	arena_free(a);
	return status;
}

/* planc new DIR: a plan to start from. */
static int
cmd_new(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	int status;

	if (parse_options(argc, argv, 0, &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return print_help(find_command("new"));
	if (o.nfiles != 1)
		return usage_error("%s", "new takes one DIR"), EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	status = starter_write(a, &d, o.files[0]) == 0 ? EXIT_OK : EXIT_USAGE;
	diag_print(&d, &srcs, DIAG_HUMAN, use_colour(o.color), stdout, stderr);
	if (status == EXIT_OK)
		printf("wrote %s/plan.yaml and %s/organisatie.yaml; next: planc "
		    "build %s/plan.yaml\n", o.files[0], o.files[0], o.files[0]);
	arena_free(a);
	return status;
}

/* planc layouts: the names --layout and layout: take. */
static int
cmd_layouts(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	char **names;
	size_t n, i;

	if (parse_options(argc, argv, 0, &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return print_help(find_command("layouts"));
	if (o.nfiles != 0)
		return usage_error("%s", "layouts takes no FILE"), EXIT_USAGE;
	a = arena_new();
	n = style_layout_names(a, data_dir(), &names);
	for (i = 0; i < n; i++)
		puts(names[i]);
	if (n == 0)
		fprintf(stderr, "planc: no layouts in '%s/layouts' (PLANC_DATADIR "
		    "names planc's data directory)\n", data_dir());
	arena_free(a);
	return flush_stdout() != 0 || n == 0 ? EXIT_USAGE : EXIT_OK;
}

/* 1 if every error in d is an unreadable include (D_IO): a dump can go on
 * without those files. */
static int
only_unread_includes(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i]->severity == SEV_ERROR &&
		    d->items[i]->code != D_IO)
			return 0;
	return 1;
}

/* planc dump FILE: the canonical text of the plan on standard output. It
 * is git's textconv, which hands over a lone copy of the file: includes
 * that cannot be read are named in the dump and their references shown as
 * bare ids. Problems that check reports are not printed here; a plan that
 * does not load (bad YAML) is (exit 1). */
static int
cmd_dump(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct load_result docs;
	struct plan *plan;
	int status = EXIT_OK;

	if (parse_options(argc, argv, 0, &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return print_help(find_command("dump"));
	if (o.nfiles != 1)
		return usage_error("%s", "dump takes exactly one FILE"),
		    EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	memset(&docs, 0, sizeof docs);
	srcs.arena = d.arena = a;
	switch (load_plan(a, &srcs, &d, o.files[0], &docs)) {
	case LOAD_FAILED:
		status = EXIT_USAGE;
		break;
	case LOAD_ERRORS:
		if (!only_unread_includes(&d))
			status = EXIT_INPUT;
		break;
	default:
		break;
	}
	if (status != EXIT_OK) {
		diag_sort(&d, &srcs);
		diag_print(&d, &srcs, DIAG_HUMAN, use_colour(o.color), stdout,
		    stderr);
		arena_free(a);
		return status;
	}
	plan = model_build(a, &d, &docs);
	check_plan(a, plan, &d);
	dump_plan(plan, docs.unread, docs.nunread, stdout);
	if (flush_stdout() != 0)
		status = EXIT_USAGE;
	rules_free(plan);
	arena_free(a);
	return status;
}

/* One side of a diff: the plan loaded and checked. Its errors are printed
 * (as check prints them; warnings are check's business) and 0 returned;
 * else the status so far. */
static int
diff_side(struct arena *a, const char *path, enum color color,
    struct plan **plan)
{
	struct sources srcs;
	struct diags d, errors;
	size_t i;
	int st;

	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	st = compile(a, &srcs, &d, path, plan);
	if (st == EXIT_OK)
		return EXIT_OK;
	memset(&errors, 0, sizeof errors);
	errors.arena = a;
	for (i = 0; i < d.n; i++)
		if (d.items[i]->severity == SEV_ERROR)
			*ARENA_PUSH(a, errors.items, errors.n, errors.cap) =
			    d.items[i];
	errors.count[SEV_ERROR] = errors.n;
	diag_sort(&errors, &srcs);
	diag_print(&errors, &srcs, DIAG_HUMAN, use_colour(color), stdout,
	    stderr);
	return st;
}

/* One side of diff --git: the plan at revision rev, extracted into g's
 * temporary directory and loaded from there (as the working directory, so
 * that positions read "plans/x.yaml:12:5"), shown as "REV:plans/x.yaml". */
static int
git_side(struct arena *a, const char *rev, const char *path,
    enum color color, struct gitrev *g, struct plan **plan)
{
	int cwd, st;

	if (gitrev_extract(rev, path, g) != 0)
		return EXIT_USAGE;
	if ((cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    chdir(g->tmp) != 0) {
		fprintf(stderr, "planc: cannot enter '%s': %s\n", g->tmp,
		    strerror(errno));
		if (cwd >= 0)
			close(cwd);
		return EXIT_USAGE;
	}
	st = diff_side(a, g->plan, color, plan);
	if (fchdir(cwd) != 0) {
		fprintf(stderr, "planc: cannot return to the working "
		    "directory: %s\n", strerror(errno));
		st = EXIT_USAGE;
	}
	close(cwd);
	if (*plan != NULL)
		(*plan)->path = arena_strdup(a, g->shown);
	return st;
}

/* planc diff [--format=human|markdown|json] [--stat] OLD NEW: exit 0 when
 * the plans mean the same, 1 when they differ, 2 on trouble (a plan with
 * errors included: there is nothing sound to compare). */
static int
cmd_diff(int argc, char **argv)
{
	static const char *const formats[DIFF_FORMAT_COUNT] = {
		[DIFF_HUMAN] = "human", [DIFF_MARKDOWN] = "markdown",
		[DIFF_JSON] = "json",
	};
	enum diff_format fmt = DIFF_HUMAN;
	const char *files[3], *f;
	struct plan *old = NULL, *new = NULL;
	struct arena *a;
	struct diff d;
	struct gitrev rev[2];
	enum color color = COLOR_AUTO;
	int i, k, nfiles = 0, stat = 0, only_files = 0, git = 0, status;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];

		if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (nfiles == 3)
				return usage_error("%s", "diff takes OLD NEW, "
				    "or --git REV1 [REV2] FILE"), EXIT_USAGE;
			files[nfiles++] = arg;
		} else if (strcmp(arg, "--") == 0)
			only_files = 1;
		else if (strcmp(arg, "--stat") == 0)
			stat = 1;
		else if (strcmp(arg, "--git") == 0)
			git = 1;
		else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)
			return print_help(find_command("diff"));
		else if (is_option(arg, "--color")) {
			if ((f = option_value(argc, argv, &i, "--color")) ==
			    NULL)
				return EXIT_USAGE;
			if (parse_color(f, &color) != 0)
				return EXIT_USAGE;
		}
		else if (strncmp(arg, "--format=", 9) == 0 ||
		    (strcmp(arg, "--format") == 0 && i + 1 < argc)) {
			f = arg[8] == '=' ? arg + 9 : argv[++i];
			for (k = 0; k < DIFF_FORMAT_COUNT; k++)
				if (strcmp(f, formats[k]) == 0)
					break;
			if (k == DIFF_FORMAT_COUNT)
				return usage_error("unknown diff format '%s'",
				    f), EXIT_USAGE;
			fmt = (enum diff_format)k;
		} else
			return usage_error("unknown option '%s'", arg),
			    EXIT_USAGE;
	}
	if (git ? nfiles < 2 : nfiles != 2)
		return usage_error("%s", "diff takes OLD NEW, or --git REV1 "
		    "[REV2] FILE"), EXIT_USAGE;
	a = arena_new();
	memset(rev, 0, sizeof rev);
	if (git) {
		/* OLD at REV1; NEW at REV2, or as it is in the work tree. */
		status = git_side(a, files[0], files[nfiles - 1], color,
		    &rev[0], &old);
		if (status == EXIT_OK)
			status = nfiles == 3 ? git_side(a, files[1], files[2],
			    color, &rev[1], &new) : diff_side(a, files[1],
			    color, &new);
	} else {
		status = diff_side(a, files[0], color, &old);
		if (status == EXIT_OK)
			status = diff_side(a, files[1], color, &new);
	}
	gitrev_free(&rev[0]);
	gitrev_free(&rev[1]);
	if (status != EXIT_OK) {
		rules_free(old);
		rules_free(new);
		arena_free(a);
		return EXIT_USAGE;
	}
	diff_plans(a, old, new, &d);
	/* The diff goes to standard output: colour if that is a terminal. */
	diff_print(a, &d, fmt, fmt == DIFF_HUMAN && (color == COLOR_ALWAYS ||
	    (color == COLOR_AUTO && isatty(STDOUT_FILENO) &&
	    use_colour(COLOR_AUTO))), stat, stdout);
	status = d.n > 0 ? EXIT_INPUT : EXIT_OK;
	if (flush_stdout() != 0)
		status = EXIT_USAGE;
	rules_free(old);
	rules_free(new);
	arena_free(a);
	return status;
}

int
main(int argc, char **argv)
{
	const struct command *c;
	struct suggest sg;
	size_t i;

	/* A reader that goes away (`planc build -o - | head -c5`) makes a
	 * write fail with EPIPE, reported and ending with exit 2, instead of
	 * killing planc with a signal. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		return print_usage(stderr), EXIT_USAGE;
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return print_help(NULL);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return puts("planc " PLANC_VERSION), EXIT_OK;
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3)
			return print_help(NULL);
		if ((c = find_command(argv[2])) == NULL)
			return usage_error("no command '%s'", argv[2]),
			    EXIT_USAGE;
		return print_help(c);
	}
	if ((c = find_command(argv[1])) != NULL)
		return c->run(argc - 2, argv + 2);
	suggest_init(&sg, argv[1]);
	for (i = 0; i < NCOMMANDS; i++)
		suggest_offer(&sg, commands[i].name);
	suggest_offer(&sg, "help");
	if (sg.best != NULL)
		fprintf(stderr, "planc: unknown command '%s'; did you mean "
		    "'%s'?\n", argv[1], sg.best);
	else
		usage_error("unknown command '%s'", argv[1]);
	return EXIT_USAGE;
}

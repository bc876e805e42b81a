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
#include "rules.h"
#include "style.h"
#include "typeset.h"

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
    "       planc diff  [--format=human|markdown|json] [--stat] OLD NEW\n"
    "       planc diff  [...] --git REV1 [REV2] FILE\n"
    "       planc dump  FILE\n"
    "       planc --help | --version\n";

static const char help[] =
    "planc compiles a programme-and-activities plan written in YAML into a PDF.\n"
    "\n"
    "  check   load and check plans; print diagnostics\n"
    "  build   check a plan and write its PDF (default: FILE with .pdf, next\n"
    "          to the plan; -o - writes to standard output; --dump-layout\n"
    "          prints the laid-out pages as text instead)\n"
    "  diff    compare two versions of a plan by meaning: entities added,\n"
    "          removed, renamed, moved or changed, prose word by word;\n"
    "          exit 0 when they mean the same, 1 when they differ; with\n"
    "          --git, FILE and its includes as they were at REV1 against\n"
    "          REV2 (default: the work tree)\n"
    "  dump    print the checked plan as canonical text (one block per\n"
    "          entity, references with their names, prose re-flowed): for\n"
    "          reading, and as git's textconv for plans\n"
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
	if (flush_stdout() != 0)
		status = EXIT_USAGE;
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
	struct plan *plan = NULL;
	struct style st;
	struct tm created;
	struct typeset ts;
	unsigned char *pdf = NULL;
	size_t len = 0;
	const char *out, *input;
	int status, lst, have_date, have_style = 0;

	if (parse_options(argc, argv, 1, &o) != 0)
		return EXIT_USAGE;
	if (o.nfiles != 1)
		return usage_error("%s", "build takes exactly one FILE"),
		    EXIT_USAGE;
	if ((have_date = source_date(&created)) < 0)
		return EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	out = o.output ? o.output : default_output(a, o.files[0]);
	d.max_per_code = o.max_per_code;
	status = compile(a, &srcs, &d, o.files[0], &plan);
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
		if (typeset_plan(a, plan, &st, &d, &ts) != 0)
			status = EXIT_USAGE;
		else if (o.dump_layout)
			typeset_dump(&ts, &st, stdout);
		else if (pdf_write(&ts.doc, have_date ? &created : NULL, &pdf,
		    &len) != 0)
			status = EXIT_USAGE;
		typeset_free(&ts);
	}
	/* Nothing is written unless the whole plan compiled: a good PDF
	 * from last time is worth more than a half-made one. */
	if (status == EXIT_OK && pdf != NULL &&
	    outfile_write(&d, out, pdf, len) != 0)
		status = EXIT_USAGE;
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, DIAG_HUMAN, use_colour(), stdout, stderr);
	if (o.dump_layout && flush_stdout() != 0)
		status = EXIT_USAGE;
	free(pdf);
	rules_free(plan);
	arena_free(a);
	return status;
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
	if (o.layout != NULL || o.format != DIAG_HUMAN)
		return usage_error("%s", "dump takes no options"), EXIT_USAGE;
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
		diag_print(&d, &srcs, DIAG_HUMAN, use_colour(), stdout, stderr);
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
diff_side(struct arena *a, const char *path, struct plan **plan)
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
	diag_print(&errors, &srcs, DIAG_HUMAN, use_colour(), stdout, stderr);
	return st;
}

/* One side of diff --git: the plan at revision rev, extracted into g's
 * temporary directory and loaded from there (as the working directory, so
 * that positions read "plans/x.yaml:12:5"), shown as "REV:plans/x.yaml". */
static int
git_side(struct arena *a, const char *rev, const char *path,
    struct gitrev *g, struct plan **plan)
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
	st = diff_side(a, g->plan, plan);
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
		status = git_side(a, files[0], files[nfiles - 1], &rev[0],
		    &old);
		if (status == EXIT_OK)
			status = nfiles == 3 ? git_side(a, files[1], files[2],
			    &rev[1], &new) : diff_side(a, files[1], &new);
	} else {
		status = diff_side(a, files[0], &old);
		if (status == EXIT_OK)
			status = diff_side(a, files[1], &new);
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
	diff_print(a, &d, fmt, fmt == DIFF_HUMAN && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL, stat, stdout);
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
	/* A reader that goes away (`planc build -o - | head -c5`) makes a
	 * write fail with EPIPE, reported and ending with exit 2, instead of
	 * killing planc with a signal. */
	signal(SIGPIPE, SIG_IGN);
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
	if (strcmp(argv[1], "dump") == 0)
		return cmd_dump(argc - 2, argv + 2);
	fprintf(stderr, "planc: unknown command '%s'\n%s", argv[1], usage);
	return EXIT_USAGE;
}

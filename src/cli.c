/* cli.c - the command line's grammar: the table of commands with their
 * usage and help texts, and the options every command parses here, so that
 * a misspelt option gets the same "did you mean" everywhere. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "suggest.h"

static const struct command commands[] = {
	{ "check", cmd_check, "check plans and their layouts; print diagnostics",
	  "planc check [--format=human|json|sarif|github] [--layout NAME|FILE]\n"
	  "            [--timings] [input options] [diagnostic options] FILE...",
	  "Loads and checks each plan and the files it includes, and its layout,\n"
	  "and prints every diagnostic. The human format goes to standard error;\n"
	  "json, sarif (2.1.0) and github (workflow commands) to standard output.\n"
	  "--timings then prints the time of each stage to standard error, as\n"
	  "build does, for load, model, check and layout.\n",
	  "Exit status: 0 no errors, 1 errors (or warnings with --werror), 2 usage or\n"
	  "system error.\n",
	  OPT_FORMAT | OPT_LAYOUT | OPT_DIAG | OPT_INPUT | OPT_TIMINGS },
	{ "build", cmd_build, "check a plan and write its PDF",
	  "planc build [-o OUT.pdf|-] [--layout NAME|FILE] [--dump-layout]\n"
	  "            [--untagged] [--compare OLD] [--timings] [input options]\n"
	  "            [diagnostic options] FILE",
	  "Checks a plan and, if it has no errors, writes its PDF: to OUT.pdf, to\n"
	  "standard output for -, else next to the plan with .pdf. The output is\n"
	  "replaced atomically and is never an input of the build. --dump-layout\n"
	  "prints the laid-out pages as text instead. A plan read from standard\n"
	  "input (-) needs -o. The PDF is tagged (PDF/UA-1: a structure tree in\n"
	  "reading order for screen readers); --untagged leaves the tags out, for\n"
	  "the smallest file. --compare OLD writes a redline of FILE against the\n"
	  "plan OLD (checked as FILE is): a summary page of the changes, inserted\n"
	  "words underlined, removed ones struck through, change bars in the\n"
	  "margin; by default to FILE's name with -redline.pdf.\n"
	  "--timings prints to standard error, after the diagnostics, the CPU and\n"
	  "wall time in milliseconds of each stage, a line each after a heading:\n"
	  "load (the plan and its includes read, YAML parsed), model, check,\n"
	  "layout (the layout and its fonts read and checked), typeset (fonts,\n"
	  "hyphenation, shaping, the pages), pdf, write; then their total:\n"
	  "  timings (ms)        cpu       wall\n"
	  "  load               1.37       1.37\n"
	  "  ...\n"
	  "  total             48.29      54.13\n"
	  "Start-up (what planc --version takes) is in no stage. The output is the\n"
	  "same with or without --timings.\n",
	  "Exit status: 0 written, 1 errors (or warnings with --werror) and nothing\n"
	  "written, 2 usage or system error.\n",
	  OPT_LAYOUT | OPT_OUTPUT | OPT_DIAG | OPT_COMPARE |
	  OPT_INPUT | OPT_TIMINGS },
	{ "watch", cmd_watch, "build a plan again whenever its files change",
	  "planc watch [-o OUT.pdf] [--layout NAME|FILE] [diagnostic options]\n"
	  "            FILE",
	  "Builds a plan as build does, then again each time the plan, a file it\n"
	  "includes, its layout or one of its fonts is saved, and prints each\n"
	  "round's diagnostics and its outcome: \"built plan.pdf in 312 ms, 20\n"
	  "pages\", or the errors and \"kept the last good PDF\", which a plan\n"
	  "with errors leaves as it was. The PDF is replaced atomically, so an\n"
	  "open viewer reloads a whole file. A round begins after 150 ms without\n"
	  "a change ($PLANC_WATCH_QUIET_MS). Ctrl-C (SIGINT) or SIGTERM stops it,\n"
	  "with exit 0; a plan that cannot be read at the start is exit 2.\n"
	  "Linux only (inotify).\n",
	  "Exit status: 0 stopped by a signal; 2 the plan cannot be read at the\n"
	  "start, or a usage or system error.\n",
	  OPT_LAYOUT | OPT_OUTPUT | OPT_DIAG },
	{ "diff", cmd_diff, "what changed between two plans, by meaning",
	  "planc diff [--format=human|markdown|json] [--stat] [input options]\n"
	  "           OLD NEW\n"
	  "planc diff [--format=...] [--stat] --git REV1 [REV2] FILE",
	  "Compares two plans by meaning: entities added, removed, renamed, moved\n"
	  "or changed, prose word by word. Exit 0 when they mean the same, 1 when\n"
	  "they differ. With --git, FILE and its includes as they were at REV1\n"
	  "against REV2 (default: the work tree). OLD or NEW may be - (standard\n"
	  "input); --stdin-filename and --root work as for check.\n",
	  "Exit status: 0 the plans mean the same, 1 they differ, 2 a plan has\n"
	  "errors, or a usage or system error.\n",
	  OPT_DIFF | OPT_INPUT },
	{ "new", cmd_new, "start a plan in a new directory",
	  "planc new DIR",
	  "Writes a small plan to start from into DIR (made if missing): plan.yaml\n"
	  "with a chapter, a domain, a period and two activities, and the\n"
	  "organisation file it includes. It checks clean and builds; no existing\n"
	  "file is overwritten.\n",
	  "Exit status: 0 written, 2 a file exists or cannot be written, or a\n"
	  "usage error.\n",
	  0 },
	{ "layouts", cmd_layouts, "list planc's layouts",
	  "planc layouts",
	  "Prints the names of planc's layouts, one a line, for --layout and a\n"
	  "plan's layout: key, and where they are.\n",
	  "Exit status: 0, or 2 when there are none.\n",
	  0 },
	{ "explain", cmd_explain, "what a diagnostic code means, with an "
	  "example",
	  "planc explain [--format=text|markdown] CODE...\n"
	  "planc explain --all [--format=text|markdown]",
	  "Prints what a diagnostic code (the word in brackets, such as\n"
	  "unknown-ref) means: its severity, why it is reported, an example and\n"
	  "the example fixed. --all prints every code; with --format=markdown\n"
	  "that is plans/CODES.md.\n",
	  "Exit status: 0 printed, 2 an unknown code or a usage error.\n",
	  0 },
	{ "schema", cmd_schema, "the plan format's JSON Schema, for editors",
	  "planc schema [plan|diff] [--path]",
	  "Prints the JSON Schema of the plan format (diff: of diff's JSON) as\n"
	  "installed with planc; --path prints where that file is, for an\n"
	  "editor's modeline:\n"
	  "  # yaml-language-server: $schema=/usr/local/share/planc/plan.schema.json\n",
	  "Exit status: 0 printed, 2 the schema is not installed or a usage\n"
	  "error.\n",
	  0 },
	{ "dump", cmd_dump, "the checked plan as canonical text (git textconv)",
	  "planc dump [input options] FILE",
	  "Prints the checked plan as canonical text (one block per entity,\n"
	  "references with their names, prose re-flowed): for reading, and as\n"
	  "git's textconv for plans. FILE may be - (standard input);\n"
	  "--stdin-filename and --root work as for check.\n",
	  "Exit status: 0 printed, 1 the plan does not load, 2 usage or system\n"
	  "error.\n",
	  OPT_INPUT },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char common_help[] =
    "--layout NAME|FILE sets the house style: one of planc's layouts (pact,\n"
    "plain) or a layout file (a path with '/' or ending in .yaml). Without it\n"
    "the plan's 'layout:' decides, and without that, pact.\n"
    "\n"
    "Input options:\n"
    "  -                 (as FILE) read the plan from standard input\n"
    "  --stdin-filename NAME  the name of that plan, for positions and for\n"
    "                    the directory its includes are relative to\n"
    "  --root DIR        the project root: includes, and a layout and its\n"
    "                    font files named by the plan, must lie inside DIR\n"
    "                    (default: the plan's directory); planc's own data\n"
    "                    and the system's fonts stay reachable\n"
    "\n"
    "Diagnostic options:\n"
    "  --max-per-code=N  at most N diagnostics of each code (default 100), then\n"
    "                    a line with the count of the rest; 0 prints all\n"
    "  --werror          warnings make the exit status 1\n"
    "  -W no-CODE        leave out the warnings of CODE (also -Wno-CODE)\n"
    "  --quiet           print errors only\n"
    "  --color=WHEN      auto (on a terminal, unless NO_COLOR is set or\n"
    "                    TERM=dumb), always or never\n";

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

void
cli_usage(FILE *f)
{
	size_t i;

	fputs("usage: ", f);
	for (i = 0; i < NCOMMANDS; i++) {
		put_synopsis(f, commands[i].synopsis);
		fputs("       ", f);
	}
	fputs("planc help [COMMAND] | --help | --version\n", f);
}

const struct command *
cli_command_find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void
cli_command_offer(struct suggest *sg)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		suggest_offer(sg, commands[i].name);
	suggest_offer(sg, "help");
}

/* planc help [COMMAND], --help, COMMAND --help: to standard output. */
int
cli_help(const struct command *c)
{
	size_t i;

	if (c != NULL) {
		fputs("usage: ", stdout);
		put_synopsis(stdout, c->synopsis);
		printf("\n%s\n", c->about);
		if (c->opts & OPT_DIAG)
			printf("%s\n", common_help);
		fputs(c->exits, stdout);
		return 0;
	}
	cli_usage(stdout);
	puts("\nplanc compiles a programme-and-activities plan written in YAML "
	    "into a PDF.\n");
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-7s  %s\n", commands[i].name, commands[i].summary);
	puts("\n'planc help COMMAND' or 'planc COMMAND --help' tells more.\n");
	printf("%s\nExit status: 0 success, 1 the input has errors (diff: the "
	    "plans differ), 2 usage\nor system error.\n", common_help);
	return 0;
}

int
cli_usage_error(const char *fmt, const char *arg)
{
	fputs("planc: ", stderr);
	fprintf(stderr, fmt, arg);
	/* One line on what to do, not every command's synopsis: the
	 * mistake stays the last thing on the screen. */
	fputs("\nplanc: 'planc help' lists the commands; 'planc COMMAND --help' "
	    "tells one\n", stderr);
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

/* diff's --format: its own formats, for people and for pull requests. */
static int
parse_diff_format(const char *s, enum diff_format *f)
{
	static const char *const names[DIFF_FORMAT_COUNT] = {
		[DIFF_HUMAN] = "human", [DIFF_MARKDOWN] = "markdown",
		[DIFF_JSON] = "json",
	};
	int i;

	for (i = 0; i < DIFF_FORMAT_COUNT; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum diff_format)i;
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
		return cli_usage_error("--color takes auto, always or never, not "
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
		return cli_usage_error("-W takes no-CODE (leave out CODE's "
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
		return cli_usage_error("unknown diagnostic code '%s'", w + 3);
	}
	if (diag_code_severity((enum diag_code)c) == SEV_ERROR)
		return cli_usage_error("'%s' is an error and cannot be silenced",
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
		{ OPT_OUTPUT, "--untagged" },
		{ OPT_DIAG, "--max-per-code" }, { OPT_DIAG, "--werror" },
		{ OPT_DIAG, "--quiet" }, { OPT_DIFF, "--format" },
		{ OPT_DIFF, "--stat" }, { OPT_DIFF, "--git" },
		{ OPT_INPUT, "--stdin-filename" }, { OPT_INPUT, "--root" },
		{ OPT_TIMINGS, "--timings" },
		{ 0, "--color" }, { 0, "--help" },
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
	return cli_usage_error("unknown option '%s'", a);
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
	cli_usage_error("missing argument for '%s'", name);
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
int
cli_parse_options(int argc, char **argv, const char *command,
    struct options *o)
{
	unsigned accepted = cli_command_find(command)->opts;
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
				return cli_usage_error("unknown format '%s' (human, "
				    "json, sarif or github)", v);
		} else if ((accepted & OPT_DIFF) && is_option(a, "--format")) {
			if ((v = option_value(argc, argv, &i, "--format")) ==
			    NULL)
				return -1;
			if (parse_diff_format(v, &o->diff_format))
				return cli_usage_error("unknown diff format '%s' "
				    "(human, markdown or json)", v);
		} else if ((accepted & OPT_DIFF) && strcmp(a, "--stat") == 0) {
			o->stat = 1;
		} else if ((accepted & OPT_DIFF) && strcmp(a, "--git") == 0) {
			o->git = 1;
		} else if ((accepted & OPT_INPUT) &&
		    is_option(a, "--stdin-filename")) {
			if ((o->stdin_filename = option_value(argc, argv, &i,
			    "--stdin-filename")) == NULL)
				return -1;
		} else if ((accepted & OPT_INPUT) && is_option(a, "--root")) {
			if ((o->root = option_value(argc, argv, &i, "--root")) ==
			    NULL)
				return -1;
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
		} else if ((accepted & OPT_OUTPUT) &&
		    strcmp(a, "--untagged") == 0) {
			o->untagged = 1;
		} else if ((accepted & OPT_DIAG) &&
		    is_option(a, "--max-per-code")) {
			if ((v = option_value(argc, argv, &i,
			    "--max-per-code")) == NULL)
				return -1;
			if (parse_count(v, &o->max_per_code))
				return cli_usage_error("--max-per-code takes a "
				    "number, not '%s'", v);
		} else if ((accepted & OPT_TIMINGS) &&
		    strcmp(a, "--timings") == 0) {
			o->timings = 1;
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

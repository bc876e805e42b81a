/* cli.h - what the commands share: their options, parsed in one place
 * (cli.c), and the command table that usage, help and dispatch read. Each
 * command lives in a cmd_NAME.c of its own; driver.h has the steps they
 * take. */
#ifndef PLANC_CLI_H
#define PLANC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "diff.h"

/* planc's exit statuses: those of the stages (diag.h), so that a command's
 * status is the worst of its stages'. */
enum {
	EXIT_OK = STAGE_OK,
	EXIT_INPUT = STAGE_ERRORS,	/* the input has errors */
	EXIT_USAGE = STAGE_FAILED	/* usage or system error */
};

enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* What a command accepts besides the common options (--color, --help). */
#define OPT_FORMAT	1u	/* --format (check's formats) */
#define OPT_LAYOUT	2u	/* --layout */
#define OPT_OUTPUT	4u	/* -o, --dump-layout */
#define OPT_DIAG	8u	/* the diagnostic options */
#define OPT_DIFF	16u	/* --format (diff's formats), --stat, --git */
#define OPT_COMPARE	32u	/* --compare OLD (build) */
#define OPT_INPUT	64u	/* --stdin-filename, --root */
#define OPT_TIMINGS	128u	/* --timings */

struct timings;

struct options {
	enum diag_format format;
	enum diff_format diff_format;
	const char *layout;
	const char *output;
	const char *compare;	/* build: the old plan of a redline */
	int dump_layout;	/* build: print the pages as text, no PDF */
	int untagged;		/* build: no structure tree in the PDF */
	int stat, git;		/* diff: only the summary; revisions */
	const char *stdin_filename;	/* the name of a plan read from "-" */
	const char *root;	/* --root: the project root, NULL: the plan's
				 * directory */
	size_t max_per_code;	/* diagnostics shown per code, 0: all */
	int werror, quiet, help;
	int timings;		/* --timings: time per stage to stderr */
	struct timings *times;	/* where the stages add their time (the
				 * command's, with --timings), or NULL */
	enum color color;
	unsigned char silenced[D_COUNT];	/* -W no-CODE */
	char **files;		/* the arguments that are not options */
	int nfiles;
};

/* A command: its name, what runs it (with the arguments after the name;
 * returns the exit status), and its text for usage and help. */
struct command {
	const char *name;
	int (*run)(int, char **);
	const char *summary;	/* one line for `planc help` */
	const char *synopsis;
	const char *about;
	const char *exits;	/* its exit statuses */
	unsigned opts;		/* the OPT_* it accepts, for its help */
};

/* The command called name, or NULL. */
const struct command *cli_command_find(const char *name);

/* Offers every command's name to sg (for "did you mean"). */
struct suggest;
void cli_command_offer(struct suggest *sg);

/* The synopsis of every command, to f (after a usage error, stderr). */
void cli_usage(FILE *f);

/* planc help [COMMAND], --help, COMMAND --help: to standard output; c NULL
 * for the overview. Returns EXIT_OK. */
int cli_help(const struct command *c);

/* "planc: " and the message (fmt with one string arg), then where help
 * is, to standard error. Returns -1 (callers return EXIT_USAGE). */
int cli_usage_error(const char *fmt, const char *arg);

/* Parses the arguments of command (those after its name) into o: the
 * options its row in the table accepts, anywhere, "--" ending them.
 * Returns 0, or -1 after a usage message. o->files points into argv. */
int cli_parse_options(int argc, char **argv, const char *command,
    struct options *o);

/* The commands (cmd_NAME.c). */
int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_layouts(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_schema(int argc, char **argv);

#endif

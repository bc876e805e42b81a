/* driver.h - the steps the commands (cmd_*.c) share around the stages:
 * see driver.c. Messages go to standard error or into the diags given. */
#ifndef PLANC_DRIVER_H
#define PLANC_DRIVER_H

#include <time.h>

#include "cli.h"
#include "style.h"

struct arena;
struct diags;
struct node;
struct plan;
struct sources;

/* Where fonts/ and layouts/ are: $PLANC_DATADIR; else BIN/../share/planc
 * beside the running binary; else the tree it was built in. Static
 * storage. */
const char *driver_data_dir(void);

/* SOURCE_DATE_EPOCH into *when: 1; 0 when unset; -1 after a message when
 * it is not a date a PDF can hold. */
int driver_source_date(struct tm *when);

/* Flushes standard output: 0, or -1 after a message (a closed pipe). */
int driver_flush_stdout(void);

/* Whether diagnostics on standard error get colour, for --color=c. */
int driver_use_colour(enum color c);

/* Loads, models and checks the plan at path into *plan (NULL when it could
 * not be read or did not load); diagnostics to d, sources to srcs,
 * everything in a. */
enum stage_status driver_compile(struct arena *a, struct sources *srcs,
    struct diags *d, const char *path, struct plan **plan);

/* Reads the layout into st: option (--layout), else the plan's `layout:`,
 * else pact. STAGE_FAILED: --layout names no layout, or an unreadable
 * file. */
enum stage_status driver_read_layout(struct arena *a, struct sources *srcs,
    struct diags *d, const char *option, const struct plan *plan,
    struct style *st);

/* Applies o's -W no-CODE and --quiet to d and returns status raised to
 * EXIT_INPUT when --werror and d has warnings. */
int driver_diag_options(const struct options *o, struct diags *d,
    int status);

/* plans/x.yaml -> plans/x.pdf, owned by a: where build and watch write
 * without -o. */
char *driver_default_output(struct arena *a, const char *path);

/* What one build read and made, for the command that ran it: watch
 * watches these files and reports the pages. Everything lives in the
 * arena the build was given. */
struct build_outcome {
	struct style st;	/* the layout, when have_style */
	int have_style;
	/* The include: entries that could not be read: the files whose
	 * appearance should trigger the next build. */
	const struct node *const *unread;
	size_t nunread;
	size_t pages;		/* pages of the PDF written, 0 if none was */
	int written;		/* the output was (re)written */
};

/* One build of o->files[0] to out, as `planc build` makes it: load, model,
 * check, layout, typeset, PDF, then (only when all of it succeeded, with
 * --werror without warnings) the PDF written atomically to out, never over
 * an input of the build. With o->dump_layout the pages go to standard output
 * as text instead. created: the PDF's creation date, or NULL for none.
 * Diagnostics, filtered by o's diagnostic options, are left in d for the
 * caller to sort and print; sources in srcs; everything in a. Returns
 * EXIT_OK, EXIT_INPUT (the plan or its layout has errors) or EXIT_USAGE
 * (unreadable plan or layout, an output that is an input, a font that
 * cannot be loaded, a write that failed); *r is filled in every case. */
int driver_build(struct arena *a, struct sources *srcs, struct diags *d,
    const struct options *o, const char *out, const struct tm *created,
    struct build_outcome *r);

#endif

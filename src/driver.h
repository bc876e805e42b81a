/* driver.h - the steps the commands (cmd_*.c) share around the stages:
 * see driver.c. Messages go to standard error or into the diags given. */
#ifndef PLANC_DRIVER_H
#define PLANC_DRIVER_H

#include <time.h>

#include "cli.h"

struct arena;
struct diags;
struct plan;
struct sources;
struct style;

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
 * not be read); diagnostics to d, sources to srcs, everything in a.
 * Returns EXIT_OK, EXIT_INPUT (errors) or EXIT_USAGE (unreadable). */
int driver_compile(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, struct plan **plan);

/* The same as o asks (o may be NULL): path "-" is standard input, shown
 * under --stdin-filename NAME (else "<stdin>") with includes relative to
 * NAME's directory; --root confines includes, and a layout and its fonts
 * named by the plan, to that directory instead of the plan's. */
int driver_compile_in(struct arena *a, struct sources *srcs,
    struct diags *d, const struct options *o, const char *path,
    struct plan **plan);

/* The name a plan argument is shown under: path, or for "-" the
 * --stdin-filename (else "<stdin>"). */
const char *driver_plan_name(const struct options *o, const char *path);

/* Reads the layout into st: option (--layout), else the plan's `layout:`,
 * else pact. Returns EXIT_OK, EXIT_INPUT (errors in it or in the plan's
 * choice) or EXIT_USAGE (no such layout, unreadable). */
int driver_read_layout(struct arena *a, struct sources *srcs,
    struct diags *d, const char *option, const struct plan *plan,
    struct style *st);

/* The width of the terminal on standard error (for struct diags' width),
 * or 0 when it is not a terminal. */
size_t driver_term_width(void);

/* Applies o's -W no-CODE and --quiet to d and returns status raised to
 * EXIT_INPUT when --werror and d has warnings. */
int driver_diag_options(const struct options *o, struct diags *d,
    int status);

#endif

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

#endif

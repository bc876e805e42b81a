/* timings.h - the CPU and wall time each stage of a compilation takes, for
 * --timings: the stages add up what they spend, and the command prints
 * them to standard error once it is done. */
#ifndef PLANC_TIMINGS_H
#define PLANC_TIMINGS_H

#include <stdio.h>

/* The stages in the order they run and are printed. */
enum timings_stage {
	TIMINGS_LOAD,		/* files read, YAML parsed (includes too) */
	TIMINGS_MODEL,		/* the YAML tree to the plan's entities */
	TIMINGS_CHECK,		/* references, rules, defaults */
	TIMINGS_LAYOUT,		/* the layout file read and checked, its
				 * fonts found and checked */
	TIMINGS_TYPESET,	/* fonts, hyphenation, shaping, the pages */
	TIMINGS_PDF,		/* the pages to PDF bytes: fonts subset,
				 * structure, compression */
	TIMINGS_WRITE,		/* the output written (or the pages as text) */
	TIMINGS_COUNT
};

/* Milliseconds spent in each stage so far. Zeroed, it is ready. */
struct timings {
	double cpu[TIMINGS_COUNT];	/* this process's CPU time */
	double wall[TIMINGS_COUNT];	/* elapsed (monotonic) time */
	double start_cpu, start_wall;	/* where the running stage began */
};

/* Marks the start of a stage. t NULL: nothing (no --timings). */
void timings_begin(struct timings *t);

/* Adds the time since the last timings_begin (or timings_end) to stage
 * s, and begins the next stage there. t NULL: nothing. */
void timings_end(struct timings *t, enum timings_stage s);

/* Prints stages first..last (inclusive) and their total to f:
 *
 *   timings (ms):      cpu      wall
 *   load              1.52      1.55
 *   ...
 *   total            40.10     80.33
 *
 * one line per stage, its name in the first column, then CPU and wall
 * time in milliseconds with two decimals. */
void timings_print(const struct timings *t, enum timings_stage first,
    enum timings_stage last, FILE *f);

#endif

/* timings.c - the time per stage behind --timings (see timings.h): the
 * process's CPU clock and the monotonic clock, read at each stage's start
 * and end. Start-up before the command runs (the dynamic linker, the
 * libraries' constructors) is in no stage: `planc --version` measures it. */
#include "timings.h"

#include <time.h>

static const char *const names[TIMINGS_COUNT] = {
	[TIMINGS_LOAD] = "load", [TIMINGS_MODEL] = "model",
	[TIMINGS_CHECK] = "check", [TIMINGS_LAYOUT] = "layout",
	[TIMINGS_TYPESET] = "typeset", [TIMINGS_PDF] = "pdf",
	[TIMINGS_WRITE] = "write",
};

/* A clock in milliseconds; 0 if it cannot be read (the figures are then
 * wrong, the build is not). */
static double
ms(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) != 0)
		return 0;
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
timings_begin(struct timings *t)
{
	if (t == NULL)
		return;
	t->start_cpu = ms(CLOCK_PROCESS_CPUTIME_ID);
	t->start_wall = ms(CLOCK_MONOTONIC);
}

void
timings_end(struct timings *t, enum timings_stage s)
{
	if (t == NULL || s >= TIMINGS_COUNT)
		return;
	t->cpu[s] += ms(CLOCK_PROCESS_CPUTIME_ID) - t->start_cpu;
	t->wall[s] += ms(CLOCK_MONOTONIC) - t->start_wall;
	/* The next stage begins where this one ended. */
	timings_begin(t);
}

void
timings_print(const struct timings *t, enum timings_stage first,
    enum timings_stage last, FILE *f)
{
	double cpu = 0, wall = 0;
	int s;

	fprintf(f, "%-12s %10s %10s\n", "timings (ms)", "cpu", "wall");
	for (s = (int)first; s <= (int)last && s < TIMINGS_COUNT; s++) {
		fprintf(f, "%-12s %10.2f %10.2f\n", names[s], t->cpu[s],
		    t->wall[s]);
		cpu += t->cpu[s];
		wall += t->wall[s];
	}
	fprintf(f, "%-12s %10.2f %10.2f\n", "total", cpu, wall);
}

/* cmd_build.c - planc build FILE: one build (driver_build: load → model →
 * check → typeset → pdf, the PDF written atomically, never over an input;
 * with --compare OLD a redline of FILE against OLD) and its diagnostics. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "font.h"
#include "source.h"
#include "timings.h"

int
cmd_build(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct build_outcome r;
	struct tm created;
	struct timings times;
	const char *out;
	int status, have_date;

	if (cli_parse_options(argc, argv, "build", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("build"));
	if (o.nfiles != 1)
		return cli_usage_error("%s", "build takes exactly one FILE"),
		    EXIT_USAGE;
	/* A plan from standard input has no place of its own for its PDF. */
	if (strcmp(o.files[0], "-") == 0 && o.output == NULL && !o.dump_layout)
		return cli_usage_error("%s", "a plan read from standard input "
		    "needs -o OUT.pdf (or -o - for standard output)"),
		    EXIT_USAGE;
	if (o.compare != NULL && strcmp(o.compare, "-") == 0 &&
	    strcmp(o.files[0], "-") == 0)
		return cli_usage_error("%s", "standard input (-) can be read "
		    "only once"), EXIT_USAGE;
	if ((have_date = driver_source_date(&created)) < 0)
		return EXIT_USAGE;
	memset(&times, 0, sizeof times);
	if (o.timings)
		o.times = &times;
	a = arena_new();
	driver_begin(a, &o, &srcs, &d);
	out = o.output ? o.output : driver_default_output(a, o.files[0],
	    o.compare != NULL);
	status = driver_build(a, &srcs, &d, &o, out, have_date ? &created :
	    NULL, &r);
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, DIAG_HUMAN, driver_use_colour(o.color), stdout, stderr);
	if (o.dump_layout && driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	/* After the diagnostics, so that the figures are the last thing on
	 * the screen and cover the whole build. */
	if (o.timings)
		timings_print(&times, TIMINGS_LOAD, TIMINGS_WRITE, stderr);
	arena_free(a);
	font_cache_flush();
	return status;
}

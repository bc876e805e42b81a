/* cmd_check.c - planc check FILE...: every plan and its layout loaded and
 * checked, every diagnostic printed in the format asked for (CI's view). */
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "font.h"
#include "model.h"
#include "rules.h"
#include "source.h"
#include "style.h"
#include "timings.h"

int
cmd_check(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct plan *plan;
	struct style style;
	struct timings times;
	int i, status = EXIT_OK, st;

	if (cli_parse_options(argc, argv, "check", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("check"));
	if (o.nfiles == 0)
		return cli_usage_error("%s", "check needs at least one FILE"),
		    EXIT_USAGE;
	for (i = 0, st = 0; i < o.nfiles; i++)
		st += strcmp(o.files[i], "-") == 0;
	if (st > 1)
		return cli_usage_error("%s", "standard input (-) can be read "
		    "only once"), EXIT_USAGE;
	memset(&times, 0, sizeof times);
	if (o.timings)
		o.times = &times;
	a = arena_new();
	driver_begin(a, &o, &srcs, &d);
	/* The layouts are checked too, so that CI catches a broken one:
	 * each plan's own, or --layout once after the plans. */
	for (i = 0; i < o.nfiles; i++) {
		st = driver_compile_in(a, &srcs, &d, &o, o.files[i], &plan);
		if (st > status)
			status = st;
		timings_begin(o.times);
		if (plan != NULL && o.layout == NULL &&
		    (st = driver_read_layout(a, &srcs, &d, NULL, plan, &style)) >
		    status)
			status = st;
		timings_end(o.times, TIMINGS_LAYOUT);
		rules_free(plan);
	}
	timings_begin(o.times);
	if (o.layout != NULL &&
	    (st = driver_read_layout(a, &srcs, &d, o.layout, NULL, &style)) > status)
		status = st;
	timings_end(o.times, TIMINGS_LAYOUT);
	status = driver_diag_options(&o, &d, status);
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, o.format, o.format == DIAG_HUMAN &&
	    driver_use_colour(o.color), stdout, stderr);
	if (driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	if (o.timings)
		timings_print(&times, TIMINGS_LOAD, TIMINGS_LAYOUT, stderr);
	arena_free(a);
	font_cache_flush();
	return status;
}

/* cmd_check.c - planc check FILE...: every plan and its layout loaded and
 * checked, every diagnostic printed in the format asked for (CI's view). */
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "model.h"
#include "rules.h"
#include "source.h"
#include "style.h"

int
cmd_check(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct plan *plan;
	struct style style;
	int i, status = EXIT_OK, st;

	if (cli_parse_options(argc, argv, "check", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("check"));
	if (o.nfiles == 0)
		return cli_usage_error("%s", "check needs at least one FILE"),
		    EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	d.max_per_code = o.max_per_code;
	/* The layouts are checked too, so that CI catches a broken one:
	 * each plan's own, or --layout once after the plans. */
	for (i = 0; i < o.nfiles; i++) {
		st = driver_compile(a, &srcs, &d, o.files[i], &plan);
		if (st > status)
			status = st;
		if (plan != NULL && o.layout == NULL &&
		    (st = driver_read_layout(a, &srcs, &d, NULL, plan, &style)) >
		    status)
			status = st;
		rules_free(plan);
	}
	if (o.layout != NULL &&
	    (st = driver_read_layout(a, &srcs, &d, o.layout, NULL, &style)) > status)
		status = st;
	status = driver_diag_options(&o, &d, status);
	diag_sort(&d, &srcs);
	diag_print(&d, &srcs, o.format, o.format == DIAG_HUMAN &&
	    driver_use_colour(o.color), stdout, stderr);
	if (driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	arena_free(a);
	return status;
}

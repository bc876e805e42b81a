/* cmd_dump.c - planc dump FILE: the checked plan as canonical text, also
 * git's textconv, which hands over a lone copy of the file. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "check.h"
#include "dump.h"
#include "load.h"
#include "model.h"
#include "rules.h"
#include "source.h"

/* 1 if every error in d is an unreadable include (D_IO): a dump can go on
 * without those files. */
static int
only_unread_includes(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i]->severity == SEV_ERROR &&
		    d->items[i]->code != D_IO)
			return 0;
	return 1;
}

/* planc dump FILE: the canonical text of the plan on standard output. It
 * is git's textconv, which hands over a lone copy of the file: includes
 * that cannot be read are named in the dump and their references shown as
 * bare ids. Problems that check reports are not printed here; a plan that
 * does not load (bad YAML) is (exit 1). */
int
cmd_dump(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct load_result docs;
	struct plan *plan;
	int status = EXIT_OK;

	if (cli_parse_options(argc, argv, "dump", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("dump"));
	if (o.nfiles != 1)
		return cli_usage_error("%s", "dump takes exactly one FILE"),
		    EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	memset(&docs, 0, sizeof docs);
	srcs.arena = d.arena = a;
	switch (load_plan(a, &srcs, &d, o.files[0], &docs)) {
	case STAGE_FAILED:
		status = EXIT_USAGE;
		break;
	case STAGE_ERRORS:
		if (!only_unread_includes(&d))
			status = EXIT_INPUT;
		break;
	default:
		break;
	}
	if (status != EXIT_OK) {
		diag_sort(&d, &srcs);
		diag_print(&d, &srcs, DIAG_HUMAN, driver_use_colour(o.color), stdout,
		    stderr);
		arena_free(a);
		return status;
	}
	plan = model_build(a, &d, &docs);
	check_plan(a, plan, &d);
	dump_plan(plan, docs.unread, docs.nunread, stdout);
	if (driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	rules_free(plan);
	arena_free(a);
	return status;
}

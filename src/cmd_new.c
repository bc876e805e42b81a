/* cmd_new.c - planc new DIR and planc layouts: starting a plan, and the
 * names of the layouts it can use. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "source.h"
#include "starter.h"
#include "style.h"

/* planc new DIR: a plan to start from. */
int
cmd_new(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	struct sources srcs;
	struct diags d;
	int status;

	if (cli_parse_options(argc, argv, "new", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("new"));
	if (o.nfiles != 1)
		return cli_usage_error("%s", "new takes one DIR"), EXIT_USAGE;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	status = starter_write(a, &d, o.files[0]);
	diag_print(&d, &srcs, DIAG_HUMAN, driver_use_colour(o.color), stdout, stderr);
	if (status == EXIT_OK)
		printf("wrote %s/plan.yaml and %s/organisatie.yaml; next: planc "
		    "build %s/plan.yaml\n", o.files[0], o.files[0], o.files[0]);
	arena_free(a);
	return status;
}

/* planc layouts: the names --layout and layout: take. */
int
cmd_layouts(int argc, char **argv)
{
	struct options o;
	struct arena *a;
	char **names;
	size_t n, i;

	if (cli_parse_options(argc, argv, "layouts", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("layouts"));
	if (o.nfiles != 0)
		return cli_usage_error("%s", "layouts takes no FILE"), EXIT_USAGE;
	a = arena_new();
	n = style_layout_names(a, driver_data_dir(), &names);
	for (i = 0; i < n; i++)
		puts(names[i]);
	if (n == 0)
		fprintf(stderr, "planc: no layouts in '%s/layouts' (PLANC_DATADIR "
		    "names planc's data directory)\n", driver_data_dir());
	arena_free(a);
	return driver_flush_stdout() != 0 || n == 0 ? EXIT_USAGE : EXIT_OK;
}

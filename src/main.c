/* main.c - planc's entry: the command named on the command line runs
 * (the table is in cli.c, each command in its cmd_NAME.c), or help,
 * --version, or a "did you mean" for a misspelt command. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "suggest.h"

#ifndef PLANC_VERSION
#define PLANC_VERSION "0.0"
#endif

int
main(int argc, char **argv)
{
	const struct command *c;
	struct suggest sg;

	/* A reader that goes away (`planc build -o - | head -c5`) makes a
	 * write fail with EPIPE, reported and ending with exit 2, instead of
	 * killing planc with a signal. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		return cli_usage(stderr), EXIT_USAGE;
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_help(NULL);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return puts("planc " PLANC_VERSION), EXIT_OK;
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3)
			return cli_help(NULL);
		if ((c = cli_command_find(argv[2])) == NULL)
			return cli_usage_error("no command '%s'", argv[2]),
			    EXIT_USAGE;
		return cli_help(c);
	}
	if ((c = cli_command_find(argv[1])) != NULL)
		return c->run(argc - 2, argv + 2);
	suggest_init(&sg, argv[1]);
	cli_command_offer(&sg);
	if (sg.best != NULL)
		fprintf(stderr, "planc: unknown command '%s'; did you mean "
		    "'%s'?\n", argv[1], sg.best);
	else
		cli_usage_error("unknown command '%s'", argv[1]);
	return EXIT_USAGE;
}

/* cmd_schema.c - planc schema [plan|diff]: the JSON Schema of the plan
 * format (or of diff's JSON) as installed with planc, so that an editor's
 * modeline can name a stable copy: --path prints where it is. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "driver.h"

/* The schema called name: DATADIR/NAME.schema.json as `make install` lays
 * it out, else DATADIR/plans/NAME.schema.json in the source tree. The path
 * is in a; NULL if neither is there. */
static const char *
schema_path(struct arena *a, const char *name)
{
	const char *dir = driver_data_dir(), *p;

	p = arena_printf(a, "%s/%s.schema.json", dir, name);
	if (access(p, R_OK) == 0)
		return p;
	p = arena_printf(a, "%s/plans/%s.schema.json", dir, name);
	return access(p, R_OK) == 0 ? p : NULL;
}

int
cmd_schema(int argc, char **argv)
{
	const char *name = "plan", *path;
	struct arena *a;
	char buf[8192];
	size_t n;
	FILE *f;
	int i, only_path = 0, status = EXIT_OK, named = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return cli_help(cli_command_find("schema"));
		if (strcmp(argv[i], "--path") == 0)
			only_path = 1;
		else if (!named && (strcmp(argv[i], "plan") == 0 ||
		    strcmp(argv[i], "diff") == 0))
			name = argv[i], named = 1;
		else
			return cli_usage_error("schema takes plan or diff, and "
			    "--path, not '%s'", argv[i]), EXIT_USAGE;
	}
	a = arena_new();
	if ((path = schema_path(a, name)) == NULL) {
		fprintf(stderr, "planc: no %s.schema.json in '%s' (PLANC_DATADIR "
		    "names planc's data directory)\n", name, driver_data_dir());
		arena_free(a);
		return EXIT_USAGE;
	}
	if (only_path) {
		puts(path);
	} else if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "planc: cannot read '%s': %s\n", path,
		    strerror(errno));
		status = EXIT_USAGE;
	} else {
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, stdout);
		if (ferror(f)) {
			fprintf(stderr, "planc: cannot read '%s': %s\n", path,
			    strerror(errno));
			status = EXIT_USAGE;
		}
		fclose(f);
	}
	arena_free(a);
	if (driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	return status;
}

/* cmd_diff.c - planc diff OLD NEW, and --git REV1 [REV2] FILE: two plans
 * compiled and checked, compared by meaning (diff.c), printed (diffprint.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "diff.h"
#include "gitrev.h"
#include "model.h"
#include "rules.h"
#include "source.h"

/* One side of a diff: the plan loaded and checked. Its errors are printed
 * (as check prints them; warnings are check's business) and 0 returned;
 * else the status so far. */
static int
diff_side(struct arena *a, const char *path, enum color color,
    struct plan **plan)
{
	struct sources srcs;
	struct diags d, errors;
	size_t i;
	int st;

	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	st = driver_compile(a, &srcs, &d, path, plan);
	if (st == EXIT_OK)
		return EXIT_OK;
	memset(&errors, 0, sizeof errors);
	errors.arena = a;
	for (i = 0; i < d.n; i++)
		if (d.items[i]->severity == SEV_ERROR)
			*ARENA_PUSH(a, errors.items, errors.n, errors.cap) =
			    d.items[i];
	errors.count[SEV_ERROR] = errors.n;
	diag_sort(&errors, &srcs);
	diag_print(&errors, &srcs, DIAG_HUMAN, driver_use_colour(color), stdout,
	    stderr);
	return st;
}

/* One side of diff --git: the plan at revision rev, extracted into g's
 * temporary directory and loaded from there (as the working directory, so
 * that positions read "plans/x.yaml:12:5"), shown as "REV:plans/x.yaml". */
static int
git_side(struct arena *a, const char *rev, const char *path,
    enum color color, struct gitrev *g, struct plan **plan)
{
	int cwd, st;

	if (gitrev_extract(rev, path, g) != 0)
		return EXIT_USAGE;
	if ((cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    chdir(g->tmp) != 0) {
		fprintf(stderr, "planc: cannot enter '%s': %s\n", g->tmp,
		    strerror(errno));
		if (cwd >= 0)
			close(cwd);
		return EXIT_USAGE;
	}
	st = diff_side(a, g->plan, color, plan);
	if (fchdir(cwd) != 0) {
		fprintf(stderr, "planc: cannot return to the working "
		    "directory: %s\n", strerror(errno));
		st = EXIT_USAGE;
	}
	close(cwd);
	if (*plan != NULL)
		(*plan)->path = arena_strdup(a, g->shown);
	return st;
}

/* planc diff [--format=human|markdown|json] [--stat] OLD NEW: exit 0 when
 * the plans mean the same, 1 when they differ, 2 on trouble (a plan with
 * errors included: there is nothing sound to compare). */
int
cmd_diff(int argc, char **argv)
{
	struct options o;
	char **files;
	struct plan *old = NULL, *new = NULL;
	struct arena *a;
	struct diff d;
	struct gitrev rev[2];
	enum color color;
	int nfiles, status;

	if (cli_parse_options(argc, argv, "diff", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("diff"));
	files = o.files;
	nfiles = o.nfiles;
	color = o.color;
	if (o.git ? nfiles < 2 || nfiles > 3 : nfiles != 2)
		return cli_usage_error("%s", "diff takes OLD NEW, or --git REV1 "
		    "[REV2] FILE"), EXIT_USAGE;
	a = arena_new();
	memset(rev, 0, sizeof rev);
	if (o.git) {
		/* OLD at REV1; NEW at REV2, or as it is in the work tree. */
		status = git_side(a, files[0], files[nfiles - 1], color,
		    &rev[0], &old);
		if (status == EXIT_OK)
			status = nfiles == 3 ? git_side(a, files[1], files[2],
			    color, &rev[1], &new) : diff_side(a, files[1],
			    color, &new);
	} else {
		status = diff_side(a, files[0], color, &old);
		if (status == EXIT_OK)
			status = diff_side(a, files[1], color, &new);
	}
	gitrev_free(&rev[0]);
	gitrev_free(&rev[1]);
	if (status != EXIT_OK) {
		rules_free(old);
		rules_free(new);
		arena_free(a);
		return EXIT_USAGE;
	}
	diff_plans(a, old, new, &d);
	/* The diff goes to standard output: colour if that is a terminal. */
	diff_print(a, &d, o.diff_format, o.diff_format == DIFF_HUMAN &&
	    (color == COLOR_ALWAYS || (color == COLOR_AUTO &&
	    isatty(STDOUT_FILENO) && driver_use_colour(COLOR_AUTO))), o.stat,
	    stdout);
	status = d.n > 0 ? EXIT_INPUT : EXIT_OK;
	if (driver_flush_stdout() != 0)
		status = EXIT_USAGE;
	rules_free(old);
	rules_free(new);
	arena_free(a);
	return status;
}


/* gitrev.h - a plan as it was at a git revision, for `planc diff --git`:
 * the plan's directory (which its includes cannot leave) is extracted from
 * the revision into a temporary directory, where the loader reads the plan
 * and every file it includes like any other files. */
#ifndef PLANC_GITREV_H
#define PLANC_GITREV_H

struct gitrev {
	char *tmp;		/* the temporary directory (malloc'd) */
	char *dir;		/* the plan's directory in it, relative to the
				 * repository's top: "plans" or "." */
	char *plan;		/* the plan's path relative to tmp (malloc'd) */
	char *shown;		/* "REV:path" for messages (malloc'd) */
};

/* Extracts the directory of plan (a path in a git work tree) as it was at
 * rev into a new temporary directory and fills g. Returns 0, or -1 after a
 * message on stderr (not a git repository, an unknown revision, git or tar
 * failing); nothing is left behind then. */
int gitrev_extract(const char *rev, const char *plan, struct gitrev *g);

/* Removes g's temporary directory and frees g's strings. */
void gitrev_free(struct gitrev *g);

#endif
